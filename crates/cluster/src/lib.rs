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
mod merges;
mod pair;
mod query;
mod related;
mod retrieve;
mod score;
mod settle;
mod snapshot;
mod sparse;
mod stamps;
mod story;
mod time;

// Maps with a fixed hasher: they iterate in the same order in every run, so a story's
// sums (and a score on the threshold) come out bit for bit the same, and so do ids.
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use storyline_analyze::ages::ages_disagree;
use storyline_analyze::{AnalyzedArticle, DateHint};

pub use config::{ClusterConfig, ConfigError};
use copies::{Copies, Original, Signature};
use dense::{Centring, Lsh};
use related::MAX_LINKS;
use score::blend;
pub use settle::Embedding;
pub use snapshot::SnapshotError;
use sparse::{FeatureId, FeatureTable, SparseVec};
use stamps::Stamps;
use story::{prune, remember, MAX_AGES, MAX_NAMED_DATES};
use time::{day_span, days, interval_gap, span_union, width_days};

pub use storyline_model::StoryId;

fn no_story(id: &StoryId) -> bool {
    *id == 0
}

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

impl Assignment {
    fn joining(story: StoryId, score: f32) -> Self {
        Assignment {
            story,
            new_story: false,
            score,
            merged: Vec::new(),
            related: Vec::new(),
            copy_of: None,
        }
    }

    fn opening(story: StoryId) -> Self {
        Assignment {
            new_story: true,
            score: 0.0,
            ..Assignment::joining(story, 0.0)
        }
    }

    fn of_copy(original: &Original) -> Self {
        Assignment {
            score: 1.0,
            copy_of: Some(original.id.clone()),
            ..Assignment::joining(original.story, 1.0)
        }
    }
}

/// One candidate's score and every part of it: the breakdown `cluster --explain` and
/// `storyline similarity` print. `score` is `content_score · time_unknown_factor ·
/// age_factor · time_factor`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The story scored (0, and not written out, for a pair: no story yet).
    #[serde(skip_serializing_if = "no_story")]
    pub story: StoryId,
    /// Words: TF-IDF cosine of the terms in the article's language, numbers included.
    pub lexical: f32,
    /// Names: IDF-weighted cosine of the name keys.
    pub entity: f32,
    /// Across languages, what stands in for words: the IDF-weighted share of names,
    /// or of days of the year both name, whichever is higher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_names: Option<f32>,
    /// Calibrated embedding similarity, when both sides have embeddings.
    pub embedding: Option<f32>,
    /// The embedding's share in the blend: its weight for this kind of text, times
    /// how far the stream's embedding means are trusted yet.
    pub embedding_weight: f32,
    /// Across languages, what is left after the model calls the two unrelated (1:
    /// it does not).
    pub unrelated_factor: f32,
    /// The score before any time weighting (the window, and the factor for time that
    /// cannot be compared): what the content alone says.
    pub content_score: f32,
    /// A dated side and an undated one: the time check cannot run (1 when it can).
    pub time_unknown_factor: f32,
    /// One person given ages years apart (1 when no age disagrees).
    pub age_factor: f32,
    /// Days between the article's time and the story's (0 when either has none).
    pub gap_days: f64,
    /// The weight of that gap.
    pub time_factor: f32,
    pub score: f32,
    pub same_language: bool,
    /// Within `max_gap_days` of the story's dates (or undated).
    pub within_window: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
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
#[derive(Debug, Serialize, Deserialize)]
pub struct Clusterer {
    /// Given when the clusterer is built or restored; a snapshot records only its
    /// fingerprint.
    #[serde(skip)]
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
    /// Each language, with the article count when one in it was last observed.
    languages: HashMap<String, u64>,
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
            languages: HashMap::default(),
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
        let embedding = embedding.map_or(Embedding::None, Embedding::Given);
        let (assignment, candidates, _) = self.assign_with(doc, embedding);
        (assignment, candidates)
    }

    /// Like [`Clusterer::assign_explained`], with the embedding given or computed on
    /// demand; also returns the embedding used, if any.
    pub fn assign_with(
        &mut self,
        doc: &AnalyzedArticle,
        embedding: Embedding<'_>,
    ) -> (Assignment, Vec<Candidate>, Option<Vec<f32>>) {
        let (given, on_demand) = match embedding {
            Embedding::None => (None, None),
            Embedding::Given(v) => (Some(v), None),
            Embedding::OnDemand(f) => (None, Some(f)),
        };
        let mut query = self.observe(doc, given);
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
            let assignment = Assignment::of_copy(&original);
            if let Some(s) = signature {
                self.copies.insert(s, original);
            }
            self.evict_idle();
            return (assignment, Vec::new(), query.embedding.map(|(raw, _)| raw));
        }
        self.stamps.count(doc.article.published);
        let candidates = self.candidates_for(&mut query, on_demand);
        let cleared: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.within_window && c.score >= self.threshold_for(c))
            .collect();
        let mut assignment = match cleared.first() {
            Some(c) => Assignment::joining(c.story, c.score),
            None => {
                let id = self.next_id;
                self.next_id += 1;
                Assignment::opening(id)
            }
        };
        self.merge_through(&mut assignment, &cleared);
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
        (assignment, candidates, query.embedding.map(|(raw, _)| raw))
    }

    /// An article that fits two stories well may show they are one: merges those
    /// that are also close to each other. The older (lower) id survives.
    fn merge_through(&mut self, assignment: &mut Assignment, cleared: &[&Candidate]) {
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
    }

    /// The story an id now lives in (itself unless it was merged away).
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(next) = self.aliases.get(&id) {
            id = *next;
        }
        id
    }
}

/// A time range, first to last.
type Span = (DateTime<Utc>, DateTime<Utc>);

#[cfg(test)]
mod tests;
