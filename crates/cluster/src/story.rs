//! A story's state as members join it, and eviction of idle stories from memory.

use super::*;

impl Clusterer {
    /// Replays an assignment made earlier (e.g. loaded from the store) without scoring.
    /// `copy_of` is the earliest version it was found to copy, if any.
    pub fn restore(
        &mut self,
        doc: &AnalyzedArticle,
        embedding: Option<&[f32]>,
        story: StoryId,
        copy_of: Option<&str>,
    ) {
        let query = self.observe(doc, embedding);
        if copy_of.is_none() {
            self.stamps.count(doc.article.published);
        }
        self.reserve_ids_through(story);
        self.add_to_story(story, &query);
        if let Some(s) = Signature::of(&doc.article.text, self.config.copy_min_shingles) {
            let id = copy_of.unwrap_or(&doc.article.id).to_string();
            let published = query.published;
            self.copies.insert(
                s,
                Original {
                    id,
                    story,
                    published,
                },
            );
        }
    }

    pub(crate) fn add_to_story(&mut self, id: StoryId, query: &Query) {
        let story = self.stories.entry(id).or_default();
        story.add_member(query, &self.config);
        story.last_seen = self.seen;
        if let Some((_, centred)) = &query.embedding {
            self.lsh.insert(centred, id);
        }
        self.index_postings(id, query);
    }

    /// Files the story under the article's terms, numbers and names (most recent
    /// story last, at most `max_postings` per feature).
    fn index_postings(&mut self, id: StoryId, query: &Query) {
        for (feature, _) in query
            .terms
            .iter()
            .chain(query.numbers.iter())
            .chain(query.entities.iter())
        {
            let list = self.postings.entry(feature).or_default();
            if list.last() != Some(&id) {
                list.retain(|s| *s != id);
                list.push(id);
                if list.len() > self.config.max_postings {
                    list.remove(0);
                }
            }
        }
    }

    /// Drops stories idle for `idle_articles` articles; indexes skip them lazily and are swept now and then.
    pub(crate) fn evict_idle(&mut self) {
        if !self.seen.is_multiple_of(1024) {
            return;
        }
        let horizon = self.seen.saturating_sub(self.config.idle_articles);
        self.stories.retain(|_, s| s.last_seen >= horizon);
        // The indexes skip evicted stories when read; sweeping them costs time in
        // proportion to memory, so it runs once per eighth of the window.
        let sweep = (self.config.idle_articles / 8).max(1024);
        if self.seen % sweep >= 1024 {
            return;
        }
        let stories = &self.stories;
        self.postings.retain(|_, list| {
            list.retain(|id| stories.contains_key(id));
            !list.is_empty()
        });
        self.lsh.retain(|id| stories.contains_key(&id));
        self.copies.retain(|id| stories.contains_key(&id));
        self.features.forget_older_than(self.config.idle_articles);
        let targets: Vec<(StoryId, StoryId)> = self
            .aliases
            .keys()
            .map(|from| (*from, self.resolve(*from)))
            .collect();
        for (from, target) in targets {
            if !self.stories.contains_key(&target) {
                self.aliases.remove(&from);
            }
        }
    }
}

impl Story {
    /// Takes in one member: its words, names, days, embedding, language and times.
    pub(crate) fn add_member(&mut self, query: &Query, config: &ClusterConfig) {
        self.add_words(query, config.centroid_terms);
        if let Some((raw, _)) = &query.embedding {
            self.add_embedding(raw, &query.language);
        }
        if !self.languages.contains(&query.language) {
            self.languages.push(query.language.clone());
        }
        self.articles += 1;
        self.add_times(query, config.same_days_span_days);
    }

    /// Adds the article's terms, numbers, names and named days to the centroids.
    fn add_words(&mut self, query: &Query, centroid_terms: usize) {
        let own_terms = self.terms.entry(query.language.clone()).or_default();
        for (f, w) in query.terms.iter() {
            *own_terms.entry(f).or_default() += w;
        }
        prune(own_terms, centroid_terms);
        let numbers = self.terms.entry(String::new()).or_default();
        for (f, w) in query.numbers.iter() {
            *numbers.entry(f).or_default() += w;
        }
        prune(numbers, centroid_terms);
        for (f, w) in query.entities.iter() {
            *self.entities.entry(f).or_default() += w;
        }
        for (f, w) in query.days.iter() {
            *self.days.entry(f).or_default() += w;
        }
        remember(&mut self.ages, query.ages.iter().cloned(), MAX_AGES);
    }

    /// Adds an embedding to the sum, counting it under its language.
    fn add_embedding(&mut self, raw: &[f32], language: &str) {
        if self.embedding.len() != raw.len() {
            self.embedding = vec![0.0; raw.len()];
            self.embedded.clear();
        }
        self.embedding
            .iter_mut()
            .zip(raw)
            .for_each(|(s, x)| *s += x);
        match self.embedded.iter_mut().find(|(l, _)| l == language) {
            Some((_, n)) => *n += 1,
            None => self.embedded.push((language.to_string(), 1)),
        }
    }

    /// Adds the article's time: its publication time or hint, its first few days,
    /// and the full dates it names.
    fn add_times(&mut self, query: &Query, same_days_span_days: f64) {
        if let Some(t) = query.published {
            self.dated = span_union(self.dated, Some((t, t)));
        } else {
            self.hinted = span_union(self.hinted, query.time_span());
        }
        self.undated += u32::from(query.published.is_none() && query.hint.is_none());
        if let Some(own) = query.time_span() {
            self.add_to_core(own, 1, same_days_span_days);
        }
        remember(
            &mut self.named,
            query.dates.iter().copied(),
            MAX_NAMED_DATES,
        );
    }
}

/// Named dates a story remembers.
pub(crate) const MAX_NAMED_DATES: usize = 32;

/// Stated ages a story remembers.
pub(crate) const MAX_AGES: usize = 64;

/// Appends the items `list` does not hold yet, keeping only the newest `cap`.
pub(crate) fn remember<T: PartialEq>(
    list: &mut Vec<T>,
    items: impl IntoIterator<Item = T>,
    cap: usize,
) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
    if list.len() > cap {
        list.drain(..list.len() - cap);
    }
}

/// Keeps the `cap` heaviest entries of a centroid (ties broken by feature id, for determinism).
pub(crate) fn prune(centroid: &mut HashMap<FeatureId, f32>, cap: usize) {
    if centroid.len() <= cap + cap / 4 {
        return;
    }
    let mut entries: Vec<(FeatureId, f32)> = centroid.drain().collect();
    entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    entries.truncate(cap);
    centroid.extend(entries);
}
