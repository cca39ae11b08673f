//! Storage of articles and stories behind the [`Store`] trait, so the engine never
//! knows which database it talks to. [`SqliteStore`] is the embedded default (bundled
//! SQLite, WAL, versioned schema, portable SQL); [`PostgresStore`] is the shared
//! store for many processes; [`MemoryStore`] serves tests.

mod boxed;
mod memory;
mod postgres;
pub mod queue;
#[doc(hidden)]
pub mod scratch;
mod sources;
mod sqlite;
pub mod work;

use chrono::{DateTime, Utc};
use serde::Serialize;
use storyline_model::Article;
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

pub use boxed::Backend;
pub use memory::MemoryStore;
pub use postgres::{PostgresStore, SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION};
pub use queue::{QueuedTask, TaskId, TaskQueue, TaskRecord, TaskState};
pub use sources::{WatchLog, WatchRecord};
pub use sqlite::SqliteStore;
pub use work::WorkQueue;

pub use storyline_model::StoryId;
pub type ArticleKey = i64;
/// An article's `source` and `url`, which together name its outlet.
pub type SourceAndUrl = (Option<String>, Option<String>);

/// The schema version this build writes in the embedded store (PostgreSQL's is
/// [`POSTGRES_SCHEMA_VERSION`]: the same numbers, and one more for its work queue).
pub const SCHEMA_VERSION: u32 = 10;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {message}")]
    Open { path: String, message: String },
    #[error("the store at {path} has schema version {found}, newer than this storyline understands ({supported}); upgrade storyline")]
    TooNew {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("no store in {path} yet: run `storyline ingest` first")]
    Missing { path: String },
    #[error(
        "the store in {path} is in use by another storyline process that writes to it ({holder})"
    )]
    Locked {
        path: String,
        /// What the writer says of itself (`pid 4242: storyline serve on http://…`).
        holder: String,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("PostgreSQL error: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("corrupt value in the store: {0}")]
    Corrupt(String),
}

/// An article ready to be stored, with what analysis and clustering decided.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    pub language: String,
    pub content_hash: String,
    pub story: StoryId,
    /// The article's multilingual embedding (kept so a restart need not recompute it).
    pub embedding: Option<Vec<f32>>,
    /// The external id of the earliest version, when this article is a copy.
    pub copy_of: Option<String>,
    /// Stories of the same kind (same people or places, another event), linked to this
    /// article's story.
    pub related: Vec<StoryId>,
}

/// Whether an insert stored something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(ArticleKey),
    /// The same URL or the same normalised text is already stored under this key.
    Duplicate(ArticleKey),
}

/// A stored article's embedding, with what a search filters it by.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEmbedding {
    pub key: ArticleKey,
    pub language: String,
    pub embedding: Vec<f32>,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredArticle {
    pub key: ArticleKey,
    /// The story it is in now: a merge moves its articles, so this never names an alias.
    pub story: StoryId,
    pub language: String,
    pub ingested_at: DateTime<Utc>,
    #[serde(flatten)]
    pub article: Article,
    #[serde(skip)]
    pub embedding: Option<Vec<f32>>,
    /// The external id of the earliest version, when this article is a copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StorySummary {
    pub id: StoryId,
    pub title: Option<String>,
    /// The title is an article's headline, not its first sentence.
    #[serde(skip)]
    pub title_is_headline: bool,
    /// How many articles it has (`article_count` in JSON: a story's detail also
    /// lists its `articles`).
    #[serde(rename = "article_count")]
    pub articles: u64,
    pub languages: Vec<String>,
    pub first_published: Option<DateTime<Utc>>,
    pub last_published: Option<DateTime<Utc>>,
    /// Latest publication (or ingest, where undated) time of its articles.
    pub last_activity: DateTime<Utc>,
}

/// A story and its articles, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub summary: StorySummary,
    pub articles: Vec<StoredArticle>,
    /// Stories of the same kind (same people or places, another event), either side of
    /// the link.
    pub related: Vec<StoryId>,
}

/// Which stories to list. Every condition is optional; they all must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoryQuery {
    pub limit: usize,
    pub offset: usize,
    /// Has an article in this language (ISO 639-1).
    pub language: Option<String>,
    /// Has an article from this outlet (the article's `source`).
    pub outlet: Option<String>,
    pub min_articles: Option<u64>,
    /// Only these stories (e.g. those whose articles name someone).
    pub ids: Option<Vec<StoryId>>,
    /// Published on or after / before: the story's span overlaps `[from, to]`.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl StoryQuery {
    /// Whether a summary meets the conditions that need no articles.
    pub(crate) fn admits(&self, s: &StorySummary) -> bool {
        self.language
            .as_ref()
            .is_none_or(|l| s.languages.iter().any(|x| x == l))
            && self.min_articles.is_none_or(|m| s.articles >= m)
            && self.ids.as_ref().is_none_or(|ids| ids.contains(&s.id))
            && self
                .from
                .is_none_or(|f| s.last_published.is_some_and(|l| l >= f))
            && self
                .to
                .is_none_or(|t| s.first_published.is_some_and(|p| p <= t))
    }
}

/// Totals for summaries and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub stories: u64,
}

/// What the engine needs from storage.
pub trait Store {
    /// The stored article this one repeats, if any: the same URL, or the same
    /// normalised text where either side has no URL. The same text at two different
    /// URLs is two publications (a syndicated copy), which both stay.
    fn find_duplicate(
        &self,
        url: Option<&str>,
        content_hash: &str,
    ) -> Result<Option<ArticleKey>, StoreError>;
    /// Stores an article and updates its story atomically; a duplicate stores nothing.
    fn insert_article(&mut self, article: &NewArticle) -> Result<InsertOutcome, StoreError>;
    /// Stories by most recent activity first.
    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>, StoreError> {
        self.find_stories(&StoryQuery {
            limit,
            offset,
            ..StoryQuery::default()
        })
    }
    /// Stories matching `query`, by most recent activity first.
    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StorySummary>, StoreError>;
    /// How many stories match `query`, whatever its `limit` and `offset`.
    fn count_stories(&self, query: &StoryQuery) -> Result<u64, StoreError>;
    /// A story and its articles; an id merged into another story finds that story
    /// (whose `id` then differs from the one asked for).
    fn story(&self, id: StoryId) -> Result<Option<StoryDetail>, StoreError>;
    /// Up to `limit` articles with keys above `key`, in key order (to rebuild indexes).
    fn articles_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError>;
    /// Up to `limit` embedded articles with keys above `key`, in key order: key,
    /// language and embedding alone (for the semantic search index).
    fn embeddings_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredEmbedding>, StoreError>;
    /// `(source, url)` of every article in a story, for per-outlet views.
    fn story_sources(&self, id: StoryId) -> Result<Vec<SourceAndUrl>, StoreError>;
    /// One stored article by its key.
    fn article(&self, key: ArticleKey) -> Result<Option<StoredArticle>, StoreError>;
    /// The story each of these articles is in now (keys not stored are left out):
    /// what search results need, without reading the articles.
    fn stories_of_articles(
        &self,
        keys: &[ArticleKey],
    ) -> Result<std::collections::HashMap<ArticleKey, StoryId>, StoreError>;
    /// Moves every article of `from` into `into`, folds `from`'s summary into
    /// `into`'s (or renames it, when `into` has nothing stored yet) and records `from`
    /// as an alias of `into`, atomically. Ids are never reused: `max_story_id` counts
    /// aliases.
    fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<(), StoreError>;
    /// The `limit` most recently ingested articles, oldest first, to rebuild the clusterer.
    fn recent_articles(&self, limit: usize) -> Result<Vec<StoredArticle>, StoreError>;
    fn max_story_id(&self) -> Result<Option<StoryId>, StoreError>;
    fn counts(&self) -> Result<Counts, StoreError>;
    /// A random id given to the store when it was created. Data derived from the
    /// store and kept beside it (the search index) records it, so a store that was
    /// replaced, emptied or recreated is noticed rather than read against stale data.
    fn identity(&self) -> Result<String, StoreError>;
    /// State derived from the stored articles and saved under `name` (the
    /// clusterer's), if any.
    fn saved_state(&self, name: &str) -> Result<Option<SavedState>, StoreError>;
    /// Saves state under `name`, replacing what was there, atomically.
    fn save_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError>;
}

/// State derived from the stored articles up to and including `through`, saved so
/// that it need not be derived again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedState {
    pub through: ArticleKey,
    pub data: Vec<u8>,
}

/// A fresh store identity: 128 random bits in hex, from the operating system's
/// randomness that seeds the standard library's hash maps.
pub(crate) fn new_identity() -> String {
    use std::hash::{BuildHasher, Hasher};
    let half = || {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(), half())
}

pub(crate) fn embedding_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A stored embedding from its row; `None` for a blob that is not whole f32s.
pub(crate) fn stored_embedding(
    key: ArticleKey,
    language: String,
    bytes: &[u8],
) -> Option<StoredEmbedding> {
    embedding_from_bytes(bytes).map(|embedding| StoredEmbedding {
        key,
        language,
        embedding,
    })
}

/// `None` for a blob that is not whole f32s (then the article is replayed without one).
pub(crate) fn embedding_from_bytes(b: &[u8]) -> Option<Vec<f32>> {
    (!b.is_empty() && b.len().is_multiple_of(4)).then(|| {
        b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    })
}

/// Hash of the article text after Unicode normalisation, case folding and whitespace
/// collapsing: re-scraped copies with different spacing count as the same article.
pub fn content_hash(text: &str) -> String {
    let mut normalised = String::with_capacity(text.len());
    for word in text
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
    {
        normalised.push_str(word);
        normalised.push(' ');
    }
    blake3::hash(normalised.as_bytes()).to_hex().to_string()
}

/// The activity time of an article: when it was published, or when it was ingested.
pub(crate) fn activity_of(article: &Article, ingested_at: DateTime<Utc>) -> DateTime<Utc> {
    article.published.unwrap_or(ingested_at)
}

/// The story after one more article: shared by every [`Store`] implementation so they agree.
pub(crate) fn merge_into_story(
    existing: Option<StorySummary>,
    new: &NewArticle,
    ingested_at: DateTime<Utc>,
) -> StorySummary {
    let activity = activity_of(&new.article, ingested_at);
    let published = new.article.published;
    let mut story = existing.unwrap_or(StorySummary {
        id: new.story,
        title: None,
        title_is_headline: false,
        articles: 0,
        languages: Vec::new(),
        first_published: None,
        last_published: None,
        last_activity: activity,
    });
    // A real headline replaces a first sentence.
    let headline = has_headline(&new.article);
    if story.title.is_none() || (headline && !story.title_is_headline) {
        story.title = display_title(&new.article);
        story.title_is_headline = headline;
    }
    story.articles += 1;
    if !story.languages.contains(&new.language) {
        story.languages.push(new.language.clone());
        story.languages.sort();
    }
    if let Some(p) = published {
        story.first_published = Some(story.first_published.map_or(p, |f| f.min(p)));
        story.last_published = Some(story.last_published.map_or(p, |l| l.max(p)));
    }
    story.last_activity = story.last_activity.max(activity);
    story
}

/// `kept` after `gone` was merged into it.
pub(crate) fn combine_stories(mut kept: StorySummary, gone: StorySummary) -> StorySummary {
    kept.articles += gone.articles;
    for language in gone.languages {
        if !kept.languages.contains(&language) {
            kept.languages.push(language);
        }
    }
    kept.languages.sort();
    if kept.title.is_none() || (gone.title_is_headline && !kept.title_is_headline) {
        kept.title_is_headline = gone.title_is_headline;
        kept.title = gone.title.or(kept.title);
    }
    kept.first_published = match (kept.first_published, gone.first_published) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    kept.last_published = match (kept.last_published, gone.last_published) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    kept.last_activity = kept.last_activity.max(gone.last_activity);
    kept
}

fn has_headline(article: &Article) -> bool {
    article
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
}

/// The article's title, or the first sentence of its text when it has none (whole:
/// never cut short).
pub fn display_title(article: &Article) -> Option<String> {
    if let Some(t) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return Some(t.trim().to_string());
    }
    let first = article
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    let end = first
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && first[i + 1..].starts_with(' '))
        .map_or(first.len(), |(i, c)| i + c.len_utf8());
    Some(first[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_spacing_and_case() {
        assert_eq!(content_hash("Hello  World\n"), content_hash("hello world"));
        assert_ne!(content_hash("hello world"), content_hash("hello there"));
    }
}
