//! Stories an article shows to be one: how alike two stories are, the bars they must
//! clear, and the merge itself. Also copies: the earliest version of a text.

use super::*;

impl Clusterer {
    /// The earliest version of a text this one copies, within the time limit.
    pub(crate) fn find_original(
        &self,
        signature: Option<&Signature>,
        published: Option<DateTime<Utc>>,
    ) -> Option<Original> {
        let within_limit = |o: &Original| {
            let gap = match (published, o.published) {
                (Some(a), Some(b)) => (a - b).num_seconds().unsigned_abs() as f64 / 86_400.0,
                _ => 0.0,
            };
            gap <= self.config.max_gap_days
        };
        let found = self
            .copies
            .find(signature?, self.config.copy_containment, within_limit)?;
        // Its story may have been merged since.
        Some(Original {
            story: self.resolve(found.story),
            ..found.clone()
        })
    }

    /// How alike two stories are, on the same scale as an article's score: words
    /// and names where they share a language, names across languages, blended with
    /// their embedding centroids, weighted by the time between them — and, as for an
    /// article, held back when one story is undated and the other is not, since then
    /// nothing tells a look-alike from another date, or when they give one person ages
    /// years apart.
    pub(crate) fn story_similarity(&self, a: StoryId, b: StoryId) -> f32 {
        let (Some(x), Some(y)) = (self.stories.get(&a), self.stories.get(&b)) else {
            return 0.0;
        };
        let idf = |f: FeatureId| self.features.idf(f);
        let lexical = x
            .terms
            .iter()
            .filter(|(language, _)| !language.is_empty())
            .filter_map(|(language, terms)| {
                y.terms
                    .get(language)
                    .map(|other| sparse::centroid_cosine(terms, other, &idf))
            })
            .fold(0.0f32, f32::max);
        let entity = sparse::centroid_cosine(&x.entities, &y.entities, &idf);
        let shared_language = x.languages.iter().any(|l| y.languages.contains(l));
        let words = if shared_language {
            self.config.lexical_weight * lexical + self.config.entity_weight * entity
        } else {
            entity
        };
        let embedding =
            (!x.embedding.is_empty() && x.embedding.len() == y.embedding.len()).then(|| {
                let means = Means::default();
                let (cx, cy) = (
                    self.story_centroid(x, &means),
                    self.story_centroid(y, &means),
                );
                self.config.calibrate_embedding(dense::dot(&cx, &cy))
            });
        let gap = days(match (x.dated, y.dated) {
            (Some(a), Some(b)) => interval_gap(a, b),
            _ => 0,
        });
        if gap > self.config.max_gap_days {
            return 0.0;
        }
        let undated = |s: &Story| s.undated == s.articles;
        let time_unknown = if shared_language && undated(x) != undated(y) {
            self.config.time_unknown_factor
        } else {
            1.0
        };
        let other_time = if ages_disagree(&x.ages, &y.ages) {
            self.config.age_conflict_factor
        } else {
            1.0
        };
        blend(words, embedding, self.config.cross_lingual_embedding_weight)
            * self.config.time_factor(gap)
            * time_unknown
            * other_time
    }

    /// The fit an article needs with both stories to put them up for a merge, and
    /// the story similarity that merges them: lower for reports of the same days.
    pub(crate) fn merge_bars(&self, a: StoryId, b: StoryId) -> (f32, f32) {
        let c = &self.config;
        if self.same_days(a, b) {
            (
                c.same_days_merge_fit.min(c.merge_fit),
                c.same_days_merge_threshold.min(c.merge_threshold),
            )
        } else {
            (c.merge_fit, c.merge_threshold)
        }
    }

    /// Whether both stories are mostly a few days of reports, side by side in time,
    /// and name the same people or places (see `ClusterConfig::same_days_span_days`).
    /// Hinted days count: a URL's month is too wide to be a few days.
    pub(crate) fn same_days(&self, a: StoryId, b: StoryId) -> bool {
        let (Some(x), Some(y)) = (self.stories.get(&a), self.stories.get(&b)) else {
            return false;
        };
        let (Some(p), Some(q)) = (x.core, y.core) else {
            return false;
        };
        let c = &self.config;
        let compact = |s: &Story, core: Span| {
            width_days(core) <= c.same_days_span_days && s.mostly_core(c.same_days_outside_share)
        };
        let shared_names = || {
            let idf = |f: FeatureId| self.features.idf(f);
            sparse::centroid_cosine(&x.entities, &y.entities, &idf) >= c.same_days_min_entity
        };
        compact(x, p)
            && compact(y, q)
            && days(interval_gap(p, q)) <= c.same_days_gap_days
            && shared_names()
    }

    /// Moves story `from` into `into`: centroids add up, the index points at `into`,
    /// and `from` becomes an alias.
    pub(crate) fn merge(&mut self, from: StoryId, into: StoryId) {
        let Some(gone) = self.stories.remove(&from) else {
            return;
        };
        let features: Vec<FeatureId> = gone
            .terms
            .values()
            .flat_map(|t| t.keys())
            .chain(gone.entities.keys())
            .copied()
            .collect();
        let Some(kept) = self.stories.get_mut(&into) else {
            self.stories.insert(from, gone);
            return;
        };
        kept.absorb(gone, (from, into), &self.config);
        // The index entries of its centroid features move now; older ones (and LSH
        // buckets, copies) resolve through the alias when they are read.
        for feature in features {
            let Some(list) = self.postings.get_mut(&feature) else {
                continue;
            };
            if let Some(slot) = list.iter().position(|s| *s == from) {
                if list.contains(&into) {
                    list.remove(slot);
                } else {
                    list[slot] = into;
                }
            }
        }
        self.aliases.insert(from, into);
    }
}

impl Story {
    /// Takes in story `from` (`gone`), merged into this one, `into`.
    fn absorb(&mut self, gone: Story, (from, into): (StoryId, StoryId), config: &ClusterConfig) {
        for (language, terms) in gone.terms {
            let own = self.terms.entry(language).or_default();
            for (f, w) in terms {
                *own.entry(f).or_default() += w;
            }
            prune(own, config.centroid_terms);
        }
        for (f, w) in &gone.entities {
            *self.entities.entry(*f).or_default() += w;
        }
        for (f, w) in &gone.days {
            *self.days.entry(*f).or_default() += w;
        }
        self.absorb_embedding(gone.embedding, gone.embedded);
        for language in gone.languages {
            if !self.languages.contains(&language) {
                self.languages.push(language);
            }
        }
        self.dated = span_union(self.dated, gone.dated);
        self.last_seen = self.last_seen.max(gone.last_seen);
        self.articles += gone.articles;
        self.undated += gone.undated;
        self.hinted = span_union(self.hinted, gone.hinted);
        self.outside_core += gone.outside_core;
        if let Some(core) = gone.core {
            self.add_to_core(core, gone.in_core, config.same_days_span_days);
        }
        remember(&mut self.named, gone.named, MAX_NAMED_DATES);
        remember(&mut self.ages, gone.ages, MAX_AGES);
        let links = gone.related.into_iter().filter(|s| *s != into);
        remember(&mut self.related, links, MAX_LINKS);
        self.related.retain(|s| *s != from);
    }

    /// Adds another story's embedding sum and per-language counts.
    fn absorb_embedding(&mut self, embedding: Vec<f32>, embedded: Vec<(String, u32)>) {
        if self.embedding.len() == embedding.len() {
            self.embedding
                .iter_mut()
                .zip(&embedding)
                .for_each(|(k, g)| *k += g);
            for (language, n) in embedded {
                match self.embedded.iter_mut().find(|(l, _)| *l == language) {
                    Some((_, m)) => *m += n,
                    None => self.embedded.push((language, n)),
                }
            }
        } else if self.embedding.is_empty() {
            self.embedding = embedding;
            self.embedded = embedded;
        }
    }
}
