//! What `storyline analyze` says of one article: its language, names with their
//! kinds and run-wide keys, quotes with speakers, dates. One [`Reporter`] serves a
//! whole run, so keys agree across its articles; names in different scripts are
//! matched once the run is read ([`EntityLinker::resolve`]), so reports come out
//! at the end.

use serde::Serialize;
use storyline_analyze::entities::EntityKind;
use storyline_analyze::linking::EntityLinker;
use storyline_analyze::{AnalyzedArticle, Analyzer, QuoteKind};

#[derive(Debug, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub language: String,
    pub published: Option<String>,
    /// One entry per mention.
    pub entities: Vec<MentionReport>,
    pub quotes: Vec<QuoteReport>,
    pub dates: Vec<DateReport>,
}

#[derive(Debug, Serialize)]
pub struct MentionReport {
    pub text: String,
    pub kind: EntityKind,
    pub key: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuoteReport {
    pub text: String,
    pub speaker: Option<String>,
    /// `direct` (in quotation marks) or `indirect` (reported speech).
    pub kind: QuoteKind,
}

#[derive(Debug, Serialize)]
pub struct DateReport {
    pub text: String,
    /// ISO 8601 at the text's granularity: `2025-09-24`, `2025-W39`, `2025-09`, `2025`.
    pub value: String,
}

/// The dates an article's text names, relative ones resolved against its
/// publication day (or, without one, the first full date it names).
fn dates(doc: &AnalyzedArticle) -> Vec<DateReport> {
    let reference = doc.article.published.map(|p| p.date_naive());
    storyline_when::mentions(&doc.article.text, &doc.language, reference)
        .into_iter()
        .map(|m| DateReport {
            text: m.text,
            value: m.value.to_string(),
        })
        .collect()
}

/// Builds reports over one run.
pub struct Reporter<'a> {
    analyzer: &'a Analyzer,
    linker: EntityLinker,
    reports: Vec<ArticleReport>,
}

impl<'a> Reporter<'a> {
    pub fn new(analyzer: &'a Analyzer) -> Self {
        Reporter {
            analyzer,
            linker: EntityLinker::new(),
            reports: Vec::new(),
        }
    }

    /// Adds an article's report (its keys final at [`Reporter::finish`]).
    pub fn add(&mut self, doc: &AnalyzedArticle) {
        let report = self.report(doc);
        self.reports.push(report);
    }

    /// The reports in arrival order, with final keys.
    pub fn finish(self) -> Vec<ArticleReport> {
        let resolution = self.linker.resolve();
        let mut reports = self.reports;
        for mention in reports.iter_mut().flat_map(|r| r.entities.iter_mut()) {
            if let Some(key) = &mut mention.key {
                *key = resolution.resolve(key);
            }
        }
        reports
    }

    fn report(&mut self, doc: &AnalyzedArticle) -> ArticleReport {
        let mut entities = Vec::new();
        for e in &doc.entities {
            let key = self.linker.key(e);
            for _ in 0..e.count {
                entities.push(MentionReport {
                    text: e.text.clone(),
                    kind: e.kind,
                    key: key.clone(),
                });
            }
        }
        let quotes = self
            .analyzer
            .quotes(doc)
            .into_iter()
            .map(|q| QuoteReport {
                text: q.text,
                speaker: q.speaker,
                kind: q.kind,
            })
            .collect();
        ArticleReport {
            id: doc.article.id.clone(),
            language: doc.language.clone(),
            published: doc.article.published.map(|p| p.to_rfc3339()),
            entities,
            quotes,
            dates: dates(doc),
        }
    }
}
