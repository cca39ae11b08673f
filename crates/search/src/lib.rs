//! Full-text search over stored articles, with tantivy.
//!
//! Each article is indexed three ways: its words lower-cased and folded to ASCII
//! where they have a Latin form (`München` finds `Munchen`); its body once more in
//! a field of its own language with that language's stemmer (`bridges` finds
//! `bridge`, `Brücken` finds `Brücke`) — a query is analysed by every language's
//! field, so it needs no language of its own; and the cross-script keys of its
//! names (`Zelensky` finds `Зеленський`). The index holds article keys; the store
//! says which story an article is in now (stories merge).

mod build;
mod collect;
pub mod hybrid;
mod open;
pub mod query;
pub mod snippet;
pub mod vectors;

use std::time::Duration;

use storyline_analyze::names::name_key;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index at {path}: {message}")]
    Open { path: String, message: String },
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Query(#[from] QueryError),
    #[error("the search took longer than {} ms and was stopped; try fewer or more distinctive words", .0.as_millis())]
    Timeout(Duration),
}

impl SearchError {
    /// Whether the request is at fault (a refused query), not the index.
    pub fn is_user_error(&self) -> bool {
        matches!(self, SearchError::Query(_) | SearchError::Timeout(_))
    }
}

pub use open::Ownership;
pub use query::{QueryError, SearchQuery};

/// How long one search may run by default before it is stopped.
pub const TIME_BUDGET: Duration = Duration::from_secs(1);

/// Languages with a stemmer, by ISO 639-1 code.
const STEMMED: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("nl", Language::Dutch),
    ("en", Language::English),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("de", Language::German),
    ("el", Language::Greek),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("es", Language::Spanish),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

const FOLDED: &str = "storyline_folded";

/// What to index for one article.
#[derive(Debug, Clone, Copy)]
pub struct IndexedArticle<'a> {
    pub key: u64,
    pub language: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    /// Names as written (`Volodymyr Zelensky`); their keys are indexed.
    pub names: &'a [String],
}

/// One search result: the article's key and how well it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub key: u64,
    pub score: f32,
}

/// The best hits of a search and how many articles matched in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: u64,
}

struct Fields {
    key: Field,
    language: Field,
    title: Field,
    body: Field,
    names: Field,
    stemmed: Vec<(&'static str, Field)>,
}

/// The index: one writer (the process that writes the store) and any number of searches.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    time_budget: Duration,
    /// The identity of the store whose articles these are, stamped on each commit.
    owner: Option<String>,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let folded = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let key = builder.add_u64_field(
        "key",
        NumericOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast(),
    );
    let language = builder.add_text_field("language", STRING);
    let title = builder.add_text_field("title", folded.clone());
    let body = builder.add_text_field("body", folded);
    let names = builder.add_text_field("names", STRING);
    let stemmed = STEMMED
        .iter()
        .map(|(code, _)| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&format!("storyline_stem_{code}"))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            (
                *code,
                builder.add_text_field(&format!("body_{code}"), options),
            )
        })
        .collect();
    (
        builder.build(),
        Fields {
            key,
            language,
            title,
            body,
            names,
            stemmed,
        },
    )
}

fn register_analyzers(index: &Index) {
    let base = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(64))
            .filter(LowerCaser)
    };
    index
        .tokenizers()
        .register(FOLDED, base().filter(AsciiFoldingFilter).build());
    for (code, language) in STEMMED {
        index.tokenizers().register(
            &format!("storyline_stem_{code}"),
            base().filter(Stemmer::new(*language)).build(),
        );
    }
}

impl SearchIndex {
    /// Adds an article (visible to searches after [`SearchIndex::commit`]).
    pub fn add(&mut self, article: &IndexedArticle) -> Result<(), SearchError> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.key, article.key);
        doc.add_text(f.language, article.language);
        doc.add_text(f.title, article.title);
        doc.add_text(f.body, article.text);
        if let Some((_, field)) = f.stemmed.iter().find(|(code, _)| *code == article.language) {
            doc.add_text(*field, article.title);
            doc.add_text(*field, article.text);
        }
        for key in article.names.iter().flat_map(|n| keys_of(n)) {
            doc.add_text(f.names, key);
        }
        writer.add_document(doc)?;
        Ok(())
    }

    /// Makes added articles searchable.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        let stamp = self.stamp();
        if let Some(writer) = &mut self.writer {
            let mut prepared = writer.prepare_commit()?;
            if let Some(stamp) = &stamp {
                prepared.set_payload(stamp);
            }
            prepared.commit()?;
            self.reader.reload()?;
        }
        Ok(())
    }

    /// The highest article key indexed, to catch up with the store after a crash.
    pub fn max_key(&self) -> Result<Option<u64>, SearchError> {
        let searcher = self.reader.searcher();
        let mut max = None;
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("key");
            if let Ok(column) = column {
                max = max.max(column.max_value().into());
            }
        }
        Ok(max.filter(|m: &u64| *m > 0))
    }

    /// Articles matching `query`, best first, at most `limit` of them, with the number
    /// of articles that match in all. A query that runs past the time budget is
    /// stopped and refused ([`SearchError::Timeout`]), never left to run on.
    pub fn search(&self, query: &SearchQuery, limit: usize) -> Result<Found, SearchError> {
        let built = self.build(query)?;
        collect::top(
            &self.reader.searcher(),
            built.as_ref(),
            limit,
            self.time_budget,
        )
    }

    /// Articles that mention the name `name` (every word of it, in any script).
    pub fn with_name(&self, name: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let Some(query) = self.name_query(name) else {
            return Ok(Vec::new());
        };
        Ok(collect::top(
            &self.reader.searcher(),
            query.as_ref(),
            limit,
            self.time_budget,
        )?
        .hits)
    }

    /// How long one search may run before it is stopped (default [`TIME_BUDGET`]).
    pub fn set_time_budget(&mut self, budget: Duration) {
        self.time_budget = budget;
    }
}

/// Cross-script keys of the words of a name (short words carry no key).
fn keys_of(name: &str) -> Vec<String> {
    name.split_whitespace().filter_map(name_key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn index_with(dir: &Path, articles: &[(u64, &str, &str, &str, &[&str])]) -> SearchIndex {
        let mut index = SearchIndex::open(dir, true).unwrap();
        for (key, language, title, text, names) in articles {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            index
                .add(&IndexedArticle {
                    key: *key,
                    language,
                    title,
                    text,
                    names: &names,
                })
                .unwrap();
        }
        index.commit().unwrap();
        index
    }

    fn keys(index: &SearchIndex, q: &str, language: Option<&str>) -> Vec<u64> {
        let mut query = SearchQuery::parse(q).unwrap();
        if let Some(language) = language {
            query.set_language(language).unwrap();
        }
        let mut k: Vec<u64> = index
            .search(&query, 10)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.key)
            .collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn words_stems_and_names_across_scripts() {
        let dir = tempfile::tempdir().unwrap();
        let index = index_with(
            dir.path(),
            &[
                (
                    1,
                    "en",
                    "Bridges closed in Harwick",
                    "Two bridges were closed for repairs.",
                    &["Harwick"],
                ),
                (
                    2,
                    "de",
                    "Brücke in München gesperrt",
                    "Die Brücken bleiben gesperrt.",
                    &["München"],
                ),
                (
                    3,
                    "uk",
                    "Зеленський прибув до Астани",
                    "Президент Зеленський прибув на переговори.",
                    &["Зеленський"],
                ),
                (
                    4,
                    "en",
                    "Choir wins festival",
                    "The youth choir won the prize.",
                    &[],
                ),
            ],
        );
        assert_eq!(keys(&index, "bridge", None), vec![1], "English stem");
        assert_eq!(keys(&index, "Brücke", None), vec![2], "German stem");
        assert_eq!(keys(&index, "munchen", None), vec![2], "folded to ASCII");
        assert_eq!(
            keys(&index, "Zelensky", None),
            vec![3],
            "a name across scripts"
        );
        let named: Vec<u64> = index
            .with_name("Зеленський", 10)
            .unwrap()
            .iter()
            .map(|h| h.key)
            .collect();
        assert_eq!(named, vec![3]);
        assert!(
            index.with_name("Harwick Zelensky", 10).unwrap().is_empty(),
            "every word"
        );
        assert_eq!(keys(&index, "choir OR bridges", Some("en")), vec![1, 4]);
        assert!(
            keys(&index, "bridges", Some("de")).is_empty(),
            "language filter"
        );
        assert_eq!(keys(&index, "\"bridges were closed\"", None), vec![1]);
        assert!(keys(&index, "\"closed repairs\"", None).is_empty());
        assert_eq!(keys(&index, "\"closed repairs\"~1", None), vec![1]);
        assert_eq!(keys(&index, "bridges OR choir -repairs", None), vec![4]);
        assert_eq!(keys(&index, "+choir bridges", None), vec![4]);
        assert_eq!(keys(&index, "choir AND prize", None), vec![4]);
        assert!(keys(&index, "choir AND bridges", None).is_empty());
        assert_eq!(keys(&index, "name:Zelensky lang:uk", None), vec![3]);
        let found = index
            .search(&SearchQuery::parse("closed OR gesperrt").unwrap(), 1)
            .unwrap();
        assert_eq!((found.hits.len(), found.total), (1, 2), "capped, counted");
        assert_eq!(index.max_key().unwrap(), Some(4));
    }

    #[test]
    fn the_index_survives_reopening_and_readers_do_not_write() {
        let dir = tempfile::tempdir().unwrap();
        drop(index_with(
            dir.path(),
            &[(7, "en", "Storm", "A storm cut power.", &[])],
        ));
        let reader = SearchIndex::open(dir.path(), false).unwrap();
        assert_eq!(keys(&reader, "storm", None), vec![7]);
    }

    #[test]
    fn a_costly_query_is_stopped_by_the_time_budget() {
        let dir = tempfile::tempdir().unwrap();
        let text = "the ".repeat(400);
        let mut index = SearchIndex::open(dir.path(), true).unwrap();
        for key in 1..=3_000 {
            index
                .add(&IndexedArticle {
                    key,
                    language: "en",
                    title: "the",
                    text: &text,
                    names: &[],
                })
                .unwrap();
        }
        index.commit().unwrap();
        let worst = SearchQuery::parse(&format!("\"{}\"~3", "the ".repeat(8))).unwrap();
        let found = index.search(&worst, 5).unwrap();
        assert_eq!(
            found.total, 3_000,
            "within its bounds the worst phrase runs"
        );
        index.set_time_budget(Duration::ZERO);
        assert!(matches!(
            index.search(&worst, 5),
            Err(SearchError::Timeout(_))
        ));
    }

    #[test]
    fn a_damaged_index_is_set_aside_and_a_held_one_is_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        drop(index_with(
            dir.path(),
            &[(7, "en", "Storm", "A storm cut power.", &[])],
        ));
        let (held, damage) = SearchIndex::open_repairing(dir.path()).unwrap();
        assert_eq!(damage, None, "a sound index opens as it is");
        assert_eq!(keys(&held, "storm", None), vec![7]);
        assert!(
            SearchIndex::open_repairing(dir.path()).is_err(),
            "another writer's lock is an error, not damage"
        );
        assert_eq!(
            keys(&held, "storm", None),
            vec![7],
            "and nothing was removed"
        );
        drop(held);
        std::fs::write(dir.path().join("meta.json"), "{not json").unwrap();
        assert!(SearchIndex::open(dir.path(), false).is_err());
        let (mut index, damage) = SearchIndex::open_repairing(dir.path()).unwrap();
        assert!(damage.unwrap().contains("meta.json"));
        assert!(index.is_empty());
        index
            .add(&IndexedArticle {
                key: 8,
                language: "en",
                title: "Flood",
                text: "The river rose.",
                names: &[],
            })
            .unwrap();
        index.commit().unwrap();
        assert_eq!(keys(&index, "river", None), vec![8], "usable again");
    }

    #[test]
    fn commits_carry_the_owner_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let mut index = SearchIndex::open(dir.path(), true).unwrap();
        assert_eq!(index.ownership("a").unwrap(), Ownership::New);
        index.set_owner("a");
        index.commit().unwrap();
        assert_eq!(index.ownership("a").unwrap(), Ownership::Ours);
        assert!(matches!(
            index.ownership("b").unwrap(),
            Ownership::Foreign(_)
        ));
    }
}
