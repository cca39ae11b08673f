//! What `storyline analyze` says of one article: its language, names with their
//! kinds and run-wide keys, quotes with speakers, dates. One [`Reporter`] serves a
//! whole run, so keys agree across its articles.

use serde::Serialize;
use storyline_analyze::entities::EntityKind;
use storyline_analyze::linking::EntityLinker;
use storyline_analyze::reported::reported_speech;
use storyline_analyze::{extract_quotes, AnalyzedArticle};

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
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DateReport {
    pub text: String,
    pub value: String,
}

/// Builds reports over one run.
#[derive(Debug, Default)]
pub struct Reporter {
    linker: EntityLinker,
}

impl Reporter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn report(&mut self, doc: &AnalyzedArticle) -> ArticleReport {
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
        let text = &doc.article.text;
        let direct = extract_quotes(text, &doc.entities);
        // A sentence that holds a direct quote is not read again as reported speech.
        let openings: Vec<String> = direct
            .iter()
            .map(|q| q.text.chars().take(40).collect())
            .collect();
        let taken = |start: usize, end: usize| {
            text.get(start..end)
                .is_some_and(|s| openings.iter().any(|o| s.contains(o.as_str())))
        };
        let indirect = reported_speech(text, &doc.entities, &taken);
        let quotes = direct
            .into_iter()
            .map(|q| QuoteReport {
                text: q.text,
                speaker: q.speaker,
                kind: "direct",
            })
            .chain(indirect.into_iter().map(|r| QuoteReport {
                text: r.text,
                speaker: r.speaker,
                kind: "indirect",
            }))
            .collect();
        ArticleReport {
            id: doc.article.id.clone(),
            language: doc.language.clone(),
            published: doc.article.published.map(|p| p.to_rfc3339()),
            entities,
            quotes,
            dates: Vec::new(),
        }
    }
}
