//! Streaming story clustering. Each analysed article is assigned on arrival, with no
//! look-ahead and no re-clustering of history: candidate stories come from an inverted
//! index over terms and entity keys (bounded postings, so cost does not grow with the
//! archive), each candidate is scored by TF-IDF cosine against the story centroid plus
//! IDF-weighted shared-entity cosine, a time window keeps look-alike events from other
//! dates apart, and the best story above threshold wins — else a new story opens.
//! With an embedding per article (the multilingual model, when present), stories also
//! keep an embedding centroid, found through LSH and scored by calibrated cosine:
//! the signal that links reports across languages when they share no names.
//! Story ids are sequential in arrival order, so the same input gives the same ids.

mod config;
mod copies;
mod dense;
mod sparse;
mod stamps;

// Maps with a fixed hasher: they iterate in the same order in every run, so a story's
// sums (and a score on the threshold) come out bit for bit the same, and so do ids.
use rustc_hash::FxHashMap as HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use storyline_analyze::ages::ages_disagree;
use storyline_analyze::{AnalyzedArticle, DateHint};

pub use config::ClusterConfig;
use copies::{Copies, Original, Signature};
use dense::{Centring, Lsh};
use sparse::{FeatureId, FeatureTable, SparseVec};
use stamps::Stamps;

pub type StoryId = u64;

/// Where an article went and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub story: StoryId,
    pub new_story: bool,
    /// Score against the chosen story (0 for a new story, 1 for a copy).
    pub score: f32,
    /// Stories this article showed to be the same as `story`, merged into it (their
    /// ids now resolve to `story`).
    pub merged: Vec<StoryId>,
    /// Other stories of the same kind that this article could not join — content near
    /// the bar, the same people or places named: the same pattern at another time (the
    /// 2019 summit offer for a 2025 one) — not reported before for this story.
    pub related: Vec<StoryId>,
    /// The id of the earliest version when the article is a copy of one in memory.
    pub copy_of: Option<String>,
}

/// The parts of one candidate's score, for `explain` output and tuning.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub story: StoryId,
    pub lexical: f32,
    pub entity: f32,
    /// Calibrated embedding similarity, when both sides have embeddings.
    pub embedding: Option<f32>,
    pub score: f32,
    /// The score before any time weighting (the window, and the factor for time that
    /// cannot be compared): what the content alone says.
    pub content_score: f32,
    pub same_language: bool,
    /// Within `max_gap_days` of the story's dates (or undated).
    pub within_window: bool,
}

#[derive(Debug)]
struct Story {
    /// Lexical centroid per language (language-neutral number terms under `""`).
    terms: HashMap<String, HashMap<FeatureId, f32>>,
    entities: HashMap<FeatureId, f32>,
    /// Days of the year its members name, with how often.
    days: HashMap<FeatureId, f32>,
    /// Sum of the members' embeddings (empty without a model) and how many members
    /// of each language it holds: centred with the current means when scored, so
    /// members that arrived before the means settled are centred as well as new ones.
    embedding: Vec<f32>,
    embedded: Vec<(String, u32)>,
    languages: Vec<String>,
    /// First and last (trusted) publication time of its members.
    dated: Option<Span>,
    last_seen: u64,
    articles: u32,
    /// The days that members without a full publication time say they fall in
    /// (an ambiguous dateline's readings, a URL's month).
    hinted: Option<Span>,
    /// Members without a (trusted) publication time or a hint of one.
    undated: u32,
    /// Its first few days: the span (at most `same_days_span_days` wide) of the timed
    /// members that fitted in it as they arrived, how many did, and how many did not.
    core: Option<Span>,
    in_core: u32,
    outside_core: u32,
    /// Stories already reported as related to this one (most recent last).
    related: Vec<StoryId>,
    /// Full dates its members' headlines and leads name (most recent last).
    named: Vec<NaiveDate>,
    /// Ages its members give named people, as (name key, age) (most recent last).
    ages: Vec<(String, u32)>,
}

impl Story {
    /// Counts `members` timed within `span` into the story's first few days when the
    /// days stay within `limit_days` of each other, or as outside them.
    fn add_to_core(&mut self, span: Span, members: u32, limit_days: f64) {
        let widened = self
            .core
            .map_or(span, |core| (core.0.min(span.0), core.1.max(span.1)));
        if self.core.is_none() || width_days(widened) <= limit_days {
            self.core = Some(widened);
            self.in_core += members;
        } else {
            self.outside_core += members;
        }
    }

    /// Whether at most `share` of its timed members fell outside its first few days.
    fn mostly_core(&self, share: f32) -> bool {
        self.outside_core as f32 <= share * (self.in_core + self.outside_core) as f32
    }
}

/// The online clusterer. Build with [`ClusterConfig::build`].
#[derive(Debug)]
pub struct Clusterer {
    config: ClusterConfig,
    features: FeatureTable,
    stories: HashMap<StoryId, Story>,
    postings: HashMap<FeatureId, Vec<StoryId>>,
    centring: Centring,
    lsh: Lsh,
    copies: Copies,
    stamps: Stamps,
    /// Merged-away story ids and where they went.
    aliases: HashMap<StoryId, StoryId>,
    next_id: StoryId,
    seen: u64,
}

/// An article's vectors, computed once per assignment.
struct Query {
    /// Terms in the article's language.
    terms: SparseVec,
    /// Language-neutral number terms.
    numbers: SparseVec,
    entities: SparseVec,
    /// Days of the year the text names.
    days: SparseVec,
    /// The embedding as given, and centred to unit length.
    embedding: Option<(Vec<f32>, Vec<f32>)>,
    language: String,
    /// The publication time, unless it is a placeholder many articles share.
    published: Option<DateTime<Utc>>,
    /// Without a publication time: what the page says of it.
    hint: Option<DateHint>,
    /// Full dates the headline and lead name.
    dates: Vec<NaiveDate>,
    /// Ages the text gives named people.
    ages: Vec<(String, u32)>,
    /// Per-language embedding means, fixed while this article is assigned.
    means: Means,
}

impl Query {
    /// When the article appeared: its publication time, or the days its hint allows
    /// (a yearless hint has no span of its own).
    fn time_span(&self) -> Option<Span> {
        match (self.published, self.hint) {
            (Some(t), _) => Some((t, t)),
            (None, Some(DateHint::Between(a, b))) => Some(day_span(a, b)),
            _ => None,
        }
    }
}

/// Per-language embedding means as they stand while one article is assigned (they
/// change only when an article is observed), each computed once instead of once per
/// scored story.
#[derive(Default)]
struct Means(std::cell::RefCell<HashMap<String, Option<Vec<f32>>>>);

impl Clusterer {
    fn new(config: ClusterConfig) -> Self {
        Clusterer {
            lsh: Lsh::new(config.lsh_tables, config.lsh_bits, config.max_postings),
            copies: Copies::new(config.max_postings),
            stamps: Stamps::default(),
            aliases: HashMap::default(),
            config,
            features: FeatureTable::default(),
            stories: HashMap::default(),
            postings: HashMap::default(),
            centring: Centring::default(),
            next_id: 1,
            seen: 0,
        }
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// Stories currently held in memory (the active window).
    pub fn active_stories(&self) -> usize {
        self.stories.len()
    }

    /// Features (terms, numbers, names) with document frequencies in memory.
    pub fn active_features(&self) -> usize {
        self.features.len()
    }

    /// Ensures new stories get ids above `id` (used when resuming from a store).
    pub fn reserve_ids_through(&mut self, id: StoryId) {
        self.next_id = self.next_id.max(id + 1);
    }

    /// Assigns an article to a story, creating one if nothing scores high enough.
    /// `embedding` is the article's multilingual embedding, if a model is loaded.
    pub fn assign(&mut self, doc: &AnalyzedArticle, embedding: Option<&[f32]>) -> Assignment {
        self.assign_explained(doc, embedding).0
    }

    /// Like [`Clusterer::assign`], also returning every scored candidate, best first.
    pub fn assign_explained(
        &mut self,
        doc: &AnalyzedArticle,
        embedding: Option<&[f32]>,
    ) -> (Assignment, Vec<Candidate>) {
        let query = self.observe(doc, embedding);
        let signature = Signature::of(&doc.article.text, self.config.copy_min_shingles);
        // A wire template reused for another event (same words, another age) is no copy.
        let original = self
            .find_original(signature.as_ref(), query.published)
            .filter(|o| {
                let story = self.stories.get(&o.story);
                !story.is_some_and(|s| Self::contradicts_ages(&query, s))
            });
        if let Some(original) = original {
            // A copy goes where its original went; nothing to score.
            self.add_to_story(original.story, &query);
            if let Some(s) = signature {
                self.copies.insert(s, original.clone());
            }
            self.evict_idle();
            let assignment = Assignment {
                story: original.story,
                new_story: false,
                score: 1.0,
                copy_of: Some(original.id),
                merged: Vec::new(),
                related: Vec::new(),
            };
            return (assignment, Vec::new());
        }
        self.stamps.count(doc.article.published);
        let candidates = self.ranked_candidates(&query);
        let cleared: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.within_window && c.score >= self.threshold_for(c))
            .collect();
        let mut assignment = match cleared.first() {
            Some(c) => Assignment {
                story: c.story,
                new_story: false,
                score: c.score,
                copy_of: None,
                merged: Vec::new(),
                related: Vec::new(),
            },
            None => {
                let id = self.next_id;
                self.next_id += 1;
                Assignment {
                    story: id,
                    new_story: true,
                    score: 0.0,
                    copy_of: None,
                    merged: Vec::new(),
                    related: Vec::new(),
                }
            }
        };
        // An article that fits two stories well may show they are one: merge those
        // that are also close to each other. The older (lower) id survives.
        let others: Vec<StoryId> = cleared
            .iter()
            .skip(1)
            .filter(|c| c.score >= self.merge_bars(assignment.story, c.story).0)
            .map(|c| c.story)
            .collect();
        for other in others {
            let other = self.resolve(other);
            if other != assignment.story
                && self.story_similarity(assignment.story, other)
                    >= self.merge_bars(assignment.story, other).1
            {
                let (into, from) = (assignment.story.min(other), assignment.story.max(other));
                self.merge(from, into);
                assignment.story = into;
                assignment.merged.push(from);
            }
        }
        self.add_to_story(assignment.story, &query);
        assignment.related = self.link_related(assignment.story, &candidates);
        if let Some(s) = signature {
            let original = Original {
                id: doc.article.id.clone(),
                story: assignment.story,
                published: query.published,
            };
            self.copies.insert(s, original);
        }
        self.evict_idle();
        (assignment, candidates)
    }

    /// Whether the article gives a person of the story an age the story contradicts.
    fn contradicts_ages(query: &Query, story: &Story) -> bool {
        ages_disagree(&query.ages, &story.ages)
    }

    /// The earliest version of a text this one copies, within the time limit.
    fn find_original(
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

    /// Scored candidates, ranked by how far each clears its own threshold (same-language
    /// and cross-lingual scores have different scales).
    fn ranked_candidates(&self, query: &Query) -> Vec<Candidate> {
        let mut candidates = self.score_candidates(query);
        candidates.sort_by(|a, b| {
            self.margin(b)
                .total_cmp(&self.margin(a))
                .then(a.story.cmp(&b.story))
        });
        candidates
    }

    /// The story an id now lives in (itself unless it was merged away).
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(next) = self.aliases.get(&id) {
            id = *next;
        }
        id
    }

    /// How alike two stories are, on the same scale as an article's score: words
    /// and names where they share a language, names across languages, blended with
    /// their embedding centroids, weighted by the time between them — and, as for an
    /// article, held back when one story is undated and the other is not, since then
    /// nothing tells a look-alike from another date, or when they give one person ages
    /// years apart.
    fn story_similarity(&self, a: StoryId, b: StoryId) -> f32 {
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
    fn merge_bars(&self, a: StoryId, b: StoryId) -> (f32, f32) {
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
    fn same_days(&self, a: StoryId, b: StoryId) -> bool {
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
    fn merge(&mut self, from: StoryId, into: StoryId) {
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
        for (language, terms) in gone.terms {
            let own = kept.terms.entry(language).or_default();
            for (f, w) in terms {
                *own.entry(f).or_default() += w;
            }
            prune(own, self.config.centroid_terms);
        }
        for (f, w) in &gone.entities {
            *kept.entities.entry(*f).or_default() += w;
        }
        for (f, w) in &gone.days {
            *kept.days.entry(*f).or_default() += w;
        }
        if kept.embedding.len() == gone.embedding.len() {
            kept.embedding
                .iter_mut()
                .zip(&gone.embedding)
                .for_each(|(k, g)| *k += g);
            for (language, n) in gone.embedded {
                match kept.embedded.iter_mut().find(|(l, _)| *l == language) {
                    Some((_, m)) => *m += n,
                    None => kept.embedded.push((language, n)),
                }
            }
        } else if kept.embedding.is_empty() {
            kept.embedding = gone.embedding;
            kept.embedded = gone.embedded;
        }
        for language in gone.languages {
            if !kept.languages.contains(&language) {
                kept.languages.push(language);
            }
        }
        kept.dated = span_union(kept.dated, gone.dated);
        kept.last_seen = kept.last_seen.max(gone.last_seen);
        kept.articles += gone.articles;
        kept.undated += gone.undated;
        kept.hinted = span_union(kept.hinted, gone.hinted);
        kept.outside_core += gone.outside_core;
        if let Some(core) = gone.core {
            kept.add_to_core(core, gone.in_core, self.config.same_days_span_days);
        }
        remember(&mut kept.named, gone.named, MAX_NAMED_DATES);
        remember(&mut kept.ages, gone.ages, MAX_AGES);
        let links = gone.related.into_iter().filter(|s| *s != into);
        remember(&mut kept.related, links, MAX_LINKS);
        kept.related.retain(|s| *s != from);
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

    /// Records as related to `story` the candidates of the same kind that it is not
    /// yet linked with (in both directions); returns those new links.
    fn link_related(&mut self, story: StoryId, candidates: &[Candidate]) -> Vec<StoryId> {
        let fresh: Vec<StoryId> = candidates
            .iter()
            .filter(|c| self.is_related(c))
            .map(|c| self.resolve(c.story))
            .filter(|other| *other != story)
            .filter(|other| {
                self.stories
                    .get(&story)
                    .is_some_and(|s| !s.related.contains(other))
            })
            .take(MAX_RELATED)
            .collect();
        for other in &fresh {
            for (a, b) in [(story, *other), (*other, story)] {
                if let Some(s) = self.stories.get_mut(&a) {
                    remember(&mut s.related, [b], MAX_LINKS);
                }
            }
        }
        fresh
    }

    /// A story of the same kind that the article could not join: the content comes
    /// near the joining bar (or clears it, and time held it back) and the two name
    /// the same people and places — the same pattern at another time.
    fn is_related(&self, c: &Candidate) -> bool {
        let joinable = c.within_window && c.score >= self.threshold_for(c);
        !joinable
            && c.content_score >= self.config.related_floor
            && c.entity >= self.config.related_entity
    }

    /// How far a candidate clears its threshold, scaled so that 1 is a perfect score.
    fn margin(&self, c: &Candidate) -> f32 {
        let threshold = self.threshold_for(c);
        (c.score - threshold) / (1.0 - threshold).max(f32::EPSILON)
    }

    fn threshold_for(&self, c: &Candidate) -> f32 {
        if c.same_language {
            self.config.threshold
        } else {
            self.config.cross_lingual_threshold
        }
    }

    /// Counts the article in document frequencies and builds its weighted vectors.
    fn observe(&mut self, doc: &AnalyzedArticle, embedding: Option<&[f32]>) -> Query {
        self.seen += 1;
        let (mut terms, mut numbers) = (Vec::new(), Vec::new());
        for (t, w) in &doc.terms {
            let entry = (FeatureTable::id(t), (1.0 + w).ln());
            if t.starts_with('#') {
                numbers.push(entry);
            } else {
                terms.push(entry);
            }
        }
        let mut entity_counts: HashMap<FeatureId, f32> = HashMap::default();
        // Names in scripts without letter case (from titles) are left out: their
        // keys rarely meet another script's without a run-wide resolution, and a
        // name that meets nothing would count as two reports naming different people.
        for e in doc.entities.iter().filter(|e| e.has_letter_case()) {
            for key in &e.keys {
                *entity_counts
                    .entry(FeatureTable::id(&format!("@{key}")))
                    .or_default() += e.count as f32;
            }
        }
        let entities: Vec<(FeatureId, f32)> = entity_counts
            .into_iter()
            .map(|(k, c)| (k, (1.0 + c).ln()))
            .collect();
        let days: Vec<(FeatureId, f32)> = doc
            .days
            .iter()
            .map(|(month, day)| (FeatureTable::id(&format!("@day:{month:02}-{day:02}")), 1.0))
            .collect();
        self.features.count_document(
            terms
                .iter()
                .chain(&numbers)
                .chain(&entities)
                .chain(&days)
                .map(|(id, _)| *id),
        );
        Query {
            terms: SparseVec::new(terms),
            numbers: SparseVec::new(numbers),
            entities: SparseVec::new(entities),
            days: SparseVec::new(days),
            embedding: embedding.map(|v| {
                let centred = self.centre(&doc.language, v);
                self.centring.learn(&doc.language, v);
                (v.to_vec(), centred)
            }),
            language: doc.language.clone(),
            published: self
                .stamps
                .trusted(doc.article.published, self.config.placeholder_time_articles),
            hint: doc.published_hint,
            dates: doc.dates.clone(),
            ages: doc.ages.clone(),
            means: Means::default(),
        }
    }

    fn score_candidates(&self, query: &Query) -> Vec<Candidate> {
        self.retrieve(query)
            .into_iter()
            .filter_map(|id| self.stories.get(&id).map(|s| (id, s)))
            .map(|(id, story)| self.score(query, id, story))
            .collect()
    }

    /// Candidate stories: the best-matching stories by lexical terms and, with a budget
    /// of their own, by entities, so that a report in another language (whose terms
    /// cannot match) still reaches stories that share its names, however many
    /// same-language stories share its vocabulary.
    fn retrieve(&self, query: &Query) -> Vec<StoryId> {
        let lexical = self.top_stories(query.terms.iter().chain(query.numbers.iter()));
        let by_name = self.top_stories(query.entities.iter());
        let by_embedding = query.embedding.as_ref().map_or_else(Vec::new, |(_, c)| {
            self.nearest_by_embedding(c, self.config.max_candidates / 2, &query.means)
        });
        let mut candidates: Vec<StoryId> = Vec::new();
        for id in lexical.into_iter().chain(by_name).chain(by_embedding) {
            let id = self.resolve(id);
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
        candidates
    }

    /// The `limit` stories whose embedding centroids are closest to `centred`, among
    /// a bounded pool that LSH finds. Ranking by bucket collisions alone favours big
    /// stories, whose members spread over many buckets, over a close one-article story.
    fn nearest_by_embedding(&self, centred: &[f32], limit: usize, means: &Means) -> Vec<StoryId> {
        let mut scored: Vec<(f32, StoryId)> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for id in self.lsh.candidates(centred, limit * LSH_POOL) {
            let id = self.resolve(id);
            if !seen.insert(id) {
                continue;
            }
            if let Some(story) = self.stories.get(&id) {
                if story.embedding.len() == centred.len() {
                    let centroid = self.story_centroid(story, means);
                    scored.push((dense::dot(centred, &centroid), id));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|(_, id)| id).collect()
    }

    /// Stories hit by the query's most distinctive features, ranked by idf-weighted hits.
    fn top_stories(&self, features: impl Iterator<Item = (FeatureId, f32)>) -> Vec<StoryId> {
        let mut weighted: Vec<(FeatureId, f32)> = features
            .map(|(id, w)| (id, w * self.features.idf(id)))
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut hits: HashMap<StoryId, f32> = HashMap::default();
        for (feature, weight) in weighted.into_iter().take(self.config.query_features) {
            for story in self.postings.get(&feature).into_iter().flatten() {
                *hits.entry(*story).or_default() += weight;
            }
        }
        let mut ranked: Vec<(StoryId, f32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates / 2);
        ranked.into_iter().map(|(id, _)| id).collect()
    }

    /// Same-language stories: weighted lexical (in the article's language, plus numbers)
    /// and entity cosines, but nothing when both name people or places and none agree
    /// (same words, other event: the flood in another town). Other-language stories:
    /// entity overlap alone, since lexical terms cannot meet across languages.
    fn score(&self, query: &Query, id: StoryId, story: &Story) -> Candidate {
        let idf = |f: FeatureId| self.features.idf(f);
        let empty = HashMap::default();
        let own_terms = story.terms.get(&query.language).unwrap_or(&empty);
        let story_numbers = story.terms.get("").unwrap_or(&empty);
        let lexical =
            SparseVec::cosine_pair(&query.terms, &query.numbers, own_terms, story_numbers, &idf);
        let entity = query.entities.cosine_with(&story.entities, &idf);
        let same_language = story.languages.contains(&query.language);
        let names_disagree =
            entity == 0.0 && !query.entities.is_empty() && !story.entities.is_empty();
        let embedding = match &query.embedding {
            Some((_, c)) if story.embedding.len() == c.len() => {
                let centroid = self.story_centroid(story, &query.means);
                Some(self.config.calibrate_embedding(dense::dot(c, &centroid)))
            }
            _ => None,
        };
        // Centred cosines mean little until the stream's means are estimated: the
        // embedding's share grows with the embeddings seen.
        let seen = self.centring.samples() as f32;
        let warmup = self.config.embedding_warmup as f32;
        let trust = if warmup > 0.0 {
            seen / (seen + warmup)
        } else {
            1.0
        };
        let score = if same_language && names_disagree && self.config.require_shared_name {
            0.0
        } else if same_language {
            // Word overlap is reliable evidence for a full article and noise for a
            // one-line blurb: the shorter the text, the more the embedding decides.
            let terms = query.terms.len() as f32;
            let short = self.config.embedding_short_text_terms;
            let share =
                self.config.embedding_weight * short * short / (short * short + terms * terms);
            let words = self.config.lexical_weight * lexical + self.config.entity_weight * entity;
            blend(words, embedding, trust * share)
        } else {
            // A day both name counts like a shared name (`4 octobre`, `October 4`):
            // itn-dev 0.776 -> 0.779, cross-lingual pairwise F1 0.780 -> 0.782 in file
            // order, 0.693 -> 0.733 over three shuffled orders. (Retrieving candidates
            // by day as well cost 0.006: days are shared by many stories of a week.)
            let names = query
                .entities
                .overlap_with(&story.entities, &idf)
                .max(query.days.overlap_with(&story.days, &idf));
            // Scripts without letter case (Arabic, Persian, Han…) yield no names at
            // all: a zero from a signal that cannot speak is not evidence against.
            let weight = if query.entities.is_empty() || story.entities.is_empty() {
                1.0
            } else {
                self.config.cross_lingual_embedding_weight
            };
            blend(names, embedding, trust * weight)
        };
        // A dated (or hinted) article and a story of undated ones, or an undated article
        // and a story of dated ones: the time check that keeps look-alike events from
        // other dates apart cannot run, so the content must say more.
        let dated = query.published.is_some() || query.hint.is_some();
        let like_it = if dated {
            story.articles.saturating_sub(story.undated)
        } else {
            story.undated
        };
        let factor = if dated {
            self.config.time_unknown_factor
        } else {
            self.config.undated_article_factor
        };
        let content_score = score;
        let score = if same_language && like_it == 0 {
            score * factor
        } else {
            score
        };
        let gap = Self::gap_days(query, story);
        // One person, ages two or more years apart: another time, whatever the words.
        let score = if Self::contradicts_ages(query, story) {
            score * self.config.age_conflict_factor
        } else {
            score
        };
        Candidate {
            story: id,
            lexical,
            entity,
            embedding,
            score: score * self.time_factor(query, same_language, gap),
            content_score,
            same_language,
            within_window: gap <= self.config.max_gap_days,
        }
    }

    /// The time weight of a candidate `gap` days away: full articles in the story's
    /// language decay more slowly.
    fn time_factor(&self, query: &Query, same_language: bool, gap: f64) -> f32 {
        let half_life = if same_language {
            self.config.half_life_for(query.terms.len())
        } else {
            self.config.time_half_life_days
        };
        self.config.time_factor_with(gap, half_life)
    }

    /// `v` minus the current mean of its language, unit length.
    fn centre(&self, language: &str, v: &[f32]) -> Vec<f32> {
        let mut out = v.to_vec();
        if let Some(mean) = self.centring.mean(language, v.len()) {
            out.iter_mut().zip(&mean).for_each(|(x, m)| *x -= m);
        }
        dense::normalise(&mut out);
        out
    }

    /// The story's members' embeddings, each centred on its language's current
    /// mean, summed and scaled to unit length.
    fn story_centroid(&self, story: &Story, means: &Means) -> Vec<f32> {
        let mut out = story.embedding.clone();
        let mut cache = means.0.borrow_mut();
        for (language, n) in &story.embedded {
            let cached = cache
                .get(language)
                .is_some_and(|m| m.as_ref().is_none_or(|m| m.len() == out.len()));
            if !cached {
                cache.insert(language.clone(), self.centring.mean(language, out.len()));
            }
            if let Some(Some(mean)) = cache.get(language) {
                let n = *n as f32;
                out.iter_mut().zip(mean).for_each(|(x, m)| *x -= n * m);
            }
        }
        dense::normalise(&mut out);
        out
    }

    /// Days between the article's date (or the days its hint allows) and the story's
    /// date range (or its members' hinted days), unless a date one side names is
    /// closer to the other: 0 where they overlap or either side has no time at all.
    fn gap_days(query: &Query, story: &Story) -> f64 {
        let Some(range) = story.dated.or(story.hinted) else {
            return 0.0;
        };
        let seconds = match (query.time_span(), query.hint) {
            (Some(own), _) => interval_gap(own, range),
            (None, Some(DateHint::Yearless { month, day })) => {
                // The nearest year in which that day falls.
                let (from, to) = (range.0.year() - 1, range.1.year() + 1);
                (from..=to)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .map(|d| interval_gap(day_span(d, d), range))
                    .min()
                    .unwrap_or(0)
            }
            (None, _) => 0,
        };
        days(seconds.min(Self::gap_by_named_dates(query, story, range)))
    }

    /// Seconds between the story's dates and a full date the report names (the trial
    /// names the day of the shooting), or between the report's own date and one its
    /// story names (the shooting reported after the trial): a follow-up and the event
    /// it follows, whichever arrives first.
    fn gap_by_named_dates(query: &Query, story: &Story, range: Span) -> i64 {
        let by_report = query
            .dates
            .iter()
            .map(|d| interval_gap(day_span(*d, *d), range))
            .min();
        let by_story = query.time_span().and_then(|own| {
            story
                .named
                .iter()
                .map(|d| interval_gap(own, day_span(*d, *d)))
                .min()
        });
        by_report
            .into_iter()
            .chain(by_story)
            .min()
            .unwrap_or(i64::MAX)
    }

    fn add_to_story(&mut self, id: StoryId, query: &Query) {
        let story = self.stories.entry(id).or_insert_with(|| Story {
            terms: HashMap::default(),
            entities: HashMap::default(),
            days: HashMap::default(),
            embedding: Vec::new(),
            embedded: Vec::new(),
            languages: Vec::new(),
            dated: None,
            last_seen: 0,
            articles: 0,
            hinted: None,
            undated: 0,
            core: None,
            in_core: 0,
            outside_core: 0,
            related: Vec::new(),
            named: Vec::new(),
            ages: Vec::new(),
        });
        let own_terms = story.terms.entry(query.language.clone()).or_default();
        for (f, w) in query.terms.iter() {
            *own_terms.entry(f).or_default() += w;
        }
        prune(own_terms, self.config.centroid_terms);
        let numbers = story.terms.entry(String::new()).or_default();
        for (f, w) in query.numbers.iter() {
            *numbers.entry(f).or_default() += w;
        }
        prune(numbers, self.config.centroid_terms);
        for (f, w) in query.entities.iter() {
            *story.entities.entry(f).or_default() += w;
        }
        for (f, w) in query.days.iter() {
            *story.days.entry(f).or_default() += w;
        }
        if let Some((raw, centred)) = &query.embedding {
            if story.embedding.len() != raw.len() {
                story.embedding = vec![0.0; raw.len()];
                story.embedded.clear();
            }
            story
                .embedding
                .iter_mut()
                .zip(raw)
                .for_each(|(s, x)| *s += x);
            match story
                .embedded
                .iter_mut()
                .find(|(l, _)| *l == query.language)
            {
                Some((_, n)) => *n += 1,
                None => story.embedded.push((query.language.clone(), 1)),
            }
            self.lsh.insert(centred, id);
        }
        if !story.languages.contains(&query.language) {
            story.languages.push(query.language.clone());
        }
        if let Some(t) = query.published {
            story.dated = span_union(story.dated, Some((t, t)));
        }
        story.last_seen = self.seen;
        story.articles += 1;
        if query.published.is_none() {
            story.hinted = span_union(story.hinted, query.time_span());
        }
        story.undated += u32::from(query.published.is_none() && query.hint.is_none());
        if let Some(own) = query.time_span() {
            story.add_to_core(own, 1, self.config.same_days_span_days);
        }
        remember(
            &mut story.named,
            query.dates.iter().copied(),
            MAX_NAMED_DATES,
        );
        remember(&mut story.ages, query.ages.iter().cloned(), MAX_AGES);
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
    fn evict_idle(&mut self) {
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

/// LSH candidates re-ranked by exact centroid cosine, per embedding candidate kept.
const LSH_POOL: usize = 8;

/// Named dates a story remembers.
const MAX_NAMED_DATES: usize = 32;

/// Stated ages a story remembers.
const MAX_AGES: usize = 64;

/// Related stories reported for one article.
const MAX_RELATED: usize = 3;

/// Related stories a story remembers having reported (older ones may be reported again).
const MAX_LINKS: usize = 32;

/// Appends the items `list` does not hold yet, keeping only the newest `cap`.
fn remember<T: PartialEq>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>, cap: usize) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
    if list.len() > cap {
        list.drain(..list.len() - cap);
    }
}

/// `(1 − weight)·other + weight·embedding`, or `other` alone without an embedding.
fn blend(other: f32, embedding: Option<f32>, weight: f32) -> f32 {
    embedding.map_or(other, |e| (1.0 - weight) * other + weight * e)
}

/// Keeps the `cap` heaviest entries of a centroid (ties broken by feature id, for determinism).
fn prune(centroid: &mut HashMap<FeatureId, f32>, cap: usize) {
    if centroid.len() <= cap + cap / 4 {
        return;
    }
    let mut entries: Vec<(FeatureId, f32)> = centroid.drain().collect();
    entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    entries.truncate(cap);
    centroid.extend(entries);
}

/// A time range, first to last.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// The smallest range holding both.
fn span_union(a: Option<Span>, b: Option<Span>) -> Option<Span> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (a, b) => a.or(b),
    }
}

/// How many days a span covers.
fn width_days(span: Span) -> f64 {
    days((span.1 - span.0).num_seconds())
}

/// Seconds as days.
fn days(seconds: i64) -> f64 {
    seconds as f64 / 86_400.0
}

/// Seconds between two time ranges (0 when they overlap).
fn interval_gap(a: Span, b: Span) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_seconds()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_seconds()
    } else {
        0
    }
}

/// From the start of day `a` to the end of day `b`.
fn day_span(a: NaiveDate, b: NaiveDate) -> Span {
    let last_second = chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(chrono::NaiveTime::MIN);
    (
        a.and_time(chrono::NaiveTime::MIN).and_utc(),
        b.and_time(last_second).and_utc(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_analyze::Analyzer;
    use storyline_model::Article;

    fn article(analyzer: &Analyzer, id: &str) -> AnalyzedArticle {
        report(analyzer, id, "A short report.", None)
    }

    fn report(
        analyzer: &Analyzer,
        id: &str,
        text: &str,
        published: Option<DateTime<Utc>>,
    ) -> AnalyzedArticle {
        analyzer.analyze(Article {
            published,
            declared_language: Some("en".into()),
            ..Article::from_text(id, text)
        })
    }

    #[test]
    fn stories_whose_times_cannot_be_compared_are_held_back_from_merging() {
        let analyzer = Analyzer::default();
        let text = "Harbour cranes at Velmora stopped on Monday as dock workers walked out \
            over night shifts. The Velmora Dockers Union said the strike would last until \
            the port authority under Ilse Marrow reopens talks.";
        let dated = "2026-03-02T08:00:00Z".parse::<DateTime<Utc>>().ok();
        // Nothing joins anything, not even as a copy: each report opens its own story.
        let mut c = ClusterConfig {
            threshold: 1.0,
            copy_min_shingles: usize::MAX,
            ..ClusterConfig::default()
        }
        .build()
        .unwrap();
        let mut story = |id: &str, published| {
            c.assign(&report(&analyzer, id, text, published), None)
                .story
        };
        let (undated_a, undated_b) = (story("u1", None), story("u2", None));
        let (dated_a, dated_b) = (story("d1", dated), story("d2", dated));
        let both_dated = c.story_similarity(dated_a, dated_b);
        let both_undated = c.story_similarity(undated_a, undated_b);
        let mixed = c.story_similarity(undated_a, dated_a);
        assert!(both_dated > 0.5, "{both_dated}");
        assert!((both_undated - both_dated).abs() < 1e-4, "{both_undated}");
        let factor = c.config().time_unknown_factor;
        assert!((mixed - factor * both_dated).abs() < 1e-4, "{mixed}");
    }

    /// Stories can merge on the same-days bars alone: the usual bars cannot be met,
    /// and no report is taken for a copy.
    fn same_days_bars_only() -> ClusterConfig {
        ClusterConfig {
            merge_fit: 1.0,
            merge_threshold: 1.0,
            same_days_merge_fit: 0.0,
            same_days_merge_threshold: 0.0,
            copy_min_shingles: usize::MAX,
            ..ClusterConfig::default()
        }
    }

    #[test]
    fn only_stories_of_the_same_few_days_merge_at_the_lower_bars() {
        let analyzer = Analyzer::default();
        let walkout = "Harbour cranes at Velmora stopped as dock workers walked out over \
            night shifts, the Velmora Dockers Union said.";
        let talks = "Port director Ilse Marrow offered talks on night shifts and pay to the \
            Velmora Dockers Union, whose members stayed off the quays.";
        let bridge = format!("{walkout} {talks}");
        let at = |day: u32| {
            format!("2026-03-{day:02}T09:00:00Z")
                .parse::<DateTime<Utc>>()
                .ok()
        };
        let config = same_days_bars_only();
        let merged_by_bridge = |walkout_days: &[u32], talks_day: u32| {
            let mut c = config.clone().build().unwrap();
            for (n, day) in walkout_days.iter().enumerate() {
                let doc = report(&analyzer, &format!("w{n}"), walkout, at(*day));
                c.restore(&doc, None, 1, None);
            }
            c.restore(&report(&analyzer, "t", talks, at(talks_day)), None, 2, None);
            let assignment = c.assign(&report(&analyzer, "b", &bridge, at(talks_day)), None);
            !assignment.merged.is_empty()
        };
        assert!(merged_by_bridge(&[2], 3), "a day apart");
        assert!(merged_by_bridge(&[2, 4], 3), "overlapping three-day spans");
        assert!(
            merged_by_bridge(&[2, 2, 3, 30], 3),
            "a follow-up weeks later does not undo it"
        );
        assert!(!merged_by_bridge(&[2], 12), "ten days apart");
        assert!(
            !merged_by_bridge(&[2, 9], 9),
            "one story is a week of reports"
        );
        assert!(
            !merged_by_bridge(&[2, 2, 9, 16], 3),
            "half its reports came after its first days"
        );
    }

    #[test]
    fn stories_of_the_same_days_that_share_no_name_are_not_merged_at_the_lower_bars() {
        let analyzer = Analyzer::default();
        let walkout = "Harbour cranes at Velmora stopped as dock workers walked out over \
            night shifts, the Velmora Dockers Union said.";
        let other_port = "Harbour cranes at Tessick stopped as crane drivers walked out over \
            night shifts, the Korvan Guild of Quay Hands said.";
        let bridge = format!("{walkout} {other_port}");
        let at = "2026-03-02T09:00:00Z".parse::<DateTime<Utc>>().ok();
        let config = same_days_bars_only();
        let merged = |min_entity: f32| {
            let mut c = ClusterConfig {
                same_days_min_entity: min_entity,
                ..config.clone()
            }
            .build()
            .unwrap();
            c.restore(&report(&analyzer, "w", walkout, at), None, 1, None);
            c.restore(&report(&analyzer, "o", other_port, at), None, 2, None);
            let assignment = c.assign(&report(&analyzer, "b", &bridge, at), None);
            !assignment.merged.is_empty()
        };
        assert!(!merged(ClusterConfig::default().same_days_min_entity));
        // The same stories merge once names are not asked for: the names decided.
        assert!(merged(0.0));
    }

    #[test]
    fn a_full_article_keeps_more_weight_weeks_after_its_story_than_a_blurb() {
        let analyzer = Analyzer::default();
        let blurb = "Velmora dock workers end their strike over night shifts.";
        let article = "Dock workers in Velmora ended their strike over night shifts on \
            Tuesday after port director Ilse Marrow agreed to cap night rotas at two a \
            month. The Velmora Dockers Union said members would return to the quays by \
            Thursday, when cranes idle since early March are due to restart. Shipping \
            lines had diverted eleven container vessels to Tessick during the stoppage, \
            and exporters of timber and frozen fish reported losses. The agreement also \
            pays a night allowance, reviews rest breaks, and sets up a joint committee \
            on safety at the northern terminal, where two workers were injured in \
            January.";
        let config = ClusterConfig {
            copy_min_shingles: usize::MAX,
            ..ClusterConfig::default()
        };
        let weight_after = |text: &str, days: i64| {
            let mut c = config.clone().build().unwrap();
            let start = "2026-03-02T09:00:00Z".parse::<DateTime<Utc>>().unwrap();
            c.restore(&report(&analyzer, "s", text, Some(start)), None, 1, None);
            let later = start + chrono::Duration::days(days);
            let (_, candidates) =
                c.assign_explained(&report(&analyzer, "l", text, Some(later)), None);
            let best = candidates.iter().find(|c| c.story == 1).unwrap();
            best.score / best.content_score
        };
        let (full, short) = (weight_after(article, 37), weight_after(blurb, 37));
        assert!(full > short + 0.1, "full {full} blurb {short}");
        // Inside the window neither loses weight.
        assert_eq!(weight_after(article, 3), 1.0);
        assert_eq!(weight_after(blurb, 3), 1.0);
    }

    #[test]
    fn a_close_small_story_outranks_big_scattered_ones_in_embedding_retrieval() {
        let analyzer = Analyzer::default();
        let doc = article(&analyzer, "a");
        let mut c = ClusterConfig::default().build().unwrap();
        let dim = 64;
        // Big stories whose members point everywhere collide with any query in some
        // LSH table, many times over.
        for story in 1..=20u64 {
            for member in 0..100u64 {
                let v = dense::noise(story * 1000 + member, dim);
                c.restore(&doc, Some(&v), story, None);
            }
        }
        // A one-article story at cosine about 0.5 from the query: close, not identical.
        let target = dense::noise(424_242, dim);
        c.restore(&doc, Some(&target), 99, None);
        let noise = dense::noise(777, dim);
        let query: Vec<f32> = target.iter().zip(&noise).map(|(t, n)| t + n).collect();
        let centred = c.centre("en", &query);
        let nearest = c.nearest_by_embedding(&centred, 4, &Means::default());
        assert_eq!(nearest.first(), Some(&99), "{nearest:?}");
    }
}
