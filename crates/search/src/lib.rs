//! Full-text search over stored articles, with tantivy.
//!
//! Each article is indexed three ways: its words lower-cased and folded to ASCII
//! where they have a Latin form (`München` finds `Munchen`); its body once more in
//! a field of its own language with that language's stemmer (`bridges` finds
//! `bridge`, `Brücken` finds `Brücke`) — a query is analysed by every language's
//! field, so it needs no language of its own; and the cross-script keys of its
//! names (`Zelensky` finds `Зеленський`). The index holds article keys; the store
//! says which story an article is in now (stories merge).

use std::path::Path;

use storyline_analyze::names::name_key;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index at {path}: {message}")]
    Open { path: String, message: String },
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

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

/// Memory the writer may buffer before it flushes a segment.
const WRITER_BUDGET: usize = 50_000_000;

impl SearchIndex {
    /// Opens the index in `dir` (creating it), with a writer when `writable`.
    pub fn open(dir: &Path, writable: bool) -> Result<Self, SearchError> {
        let open_err = |message: String| SearchError::Open {
            path: dir.display().to_string(),
            message,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        let (schema, fields) = schema();
        let directory =
            tantivy::directory::MmapDirectory::open(dir).map_err(|e| open_err(e.to_string()))?;
        let index =
            Index::open_or_create(directory, schema).map_err(|e| open_err(e.to_string()))?;
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let writer = if writable {
            Some(index.writer(WRITER_BUDGET)?)
        } else {
            None
        };
        Ok(SearchIndex {
            index,
            reader,
            writer,
            fields,
        })
    }

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
        if let Some(writer) = &mut self.writer {
            writer.commit()?;
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

    /// Articles matching `query` (words, phrases in quotes, names in any script),
    /// best first, optionally only in one language.
    pub fn search(
        &self,
        query: &str,
        language: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = &self.fields;
        let mut fields = vec![f.title, f.body];
        fields.extend(f.stemmed.iter().map(|(_, field)| *field));
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_field_boost(f.title, 2.0);
        let (text_query, _errors) = parser.parse_query_lenient(query);
        let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, text_query)];
        for key in query.split_whitespace().flat_map(keys_of) {
            let term = Term::from_field_text(f.names, &key);
            any.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let mut all: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(any)))];
        if let Some(language) = language {
            let term = Term::from_field_text(f.language, language);
            all.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        self.collect(&BooleanQuery::new(all), limit)
    }

    /// Articles that mention the name `name` (every word of it, in any script).
    pub fn with_name(&self, name: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let keys = keys_of(name);
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let all: Vec<(Occur, Box<dyn Query>)> = keys
            .iter()
            .map(|key| {
                let term = Term::from_field_text(self.fields.names, key);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Must, query)
            })
            .collect();
        self.collect(&BooleanQuery::new(all), limit)
    }

    fn collect(&self, query: &dyn Query, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit.max(1)))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(key) = doc.get_first(self.fields.key).and_then(|v| v.as_u64()) {
                hits.push(Hit { key, score });
            }
        }
        Ok(hits)
    }
}

/// Cross-script keys of the words of a name (short words carry no key).
fn keys_of(name: &str) -> Vec<String> {
    name.split_whitespace().filter_map(name_key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut k: Vec<u64> = index
            .search(q, language, 10)
            .unwrap()
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
        // Malformed query syntax is read leniently, never an error.
        assert!(index.search("\"unbalanced AND (", None, 10).is_ok());
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
}
