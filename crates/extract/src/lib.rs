//! Extraction: [`RawDocument`] → [`Article`]. Owns HTML main-text and metadata
//! extraction, scraped-text header parsing, and timestamp parsing. Behind the
//! [`Extractor`] trait so the extraction issue can swap the internals.

mod cleanup;
pub mod dates;
mod html;
mod text;
pub mod textdates;

use serde::{Deserialize, Serialize};
use storyline_model::{Article, Body, Origin, RawDocument};
use thiserror::Error;

pub use dates::parse_timestamp;
#[doc(hidden)]
pub use html::explain_main_content;

#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("{origin}: no article text found")]
    NoText { origin: Origin },
    #[error("{origin}: article text is {chars} characters, below the {min}-character minimum")]
    TooShort {
        origin: Origin,
        chars: usize,
        min: usize,
    },
}

impl ExtractError {
    pub fn reason(&self) -> &'static str {
        match self {
            ExtractError::NoText { .. } => "no article text",
            ExtractError::TooShort { .. } => "text too short",
        }
    }
}

/// Turns one raw document into one article.
pub trait Extractor: Send + Sync {
    fn extract(&self, doc: RawDocument) -> Result<Article, ExtractError>;
}

/// Extraction settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractConfig {
    /// Articles with less main text than this (in characters) are rejected.
    pub min_text_chars: usize,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig { min_text_chars: 1 }
    }
}

impl ExtractConfig {
    pub fn build(self) -> DefaultExtractor {
        DefaultExtractor { config: self }
    }
}

/// The built-in extractor for HTML and scraped text.
#[derive(Debug, Clone, Default)]
pub struct DefaultExtractor {
    config: ExtractConfig,
}

impl Extractor for DefaultExtractor {
    fn extract(&self, doc: RawDocument) -> Result<Article, ExtractError> {
        let parts = match &doc.body {
            Body::Html(html) => html::extract_html(html),
            Body::Text(raw) => text::extract_text(raw),
        };
        self.finish(doc, parts)
    }
}

/// Fields every extraction path produces; the document's own declarations win over them.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Parts {
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    pub published: Option<chrono::DateTime<chrono::Utc>>,
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
    pub authors: Vec<String>,
    pub paragraphs: Vec<String>,
}

impl DefaultExtractor {
    fn finish(&self, doc: RawDocument, parts: Parts) -> Result<Article, ExtractError> {
        let text = parts.paragraphs.join("\n\n");
        let chars = text.chars().count();
        if chars == 0 {
            return Err(ExtractError::NoText { origin: doc.origin });
        }
        if chars < self.config.min_text_chars {
            return Err(ExtractError::TooShort {
                origin: doc.origin,
                chars,
                min: self.config.min_text_chars,
            });
        }
        let published = doc
            .published
            .as_deref()
            .and_then(parse_timestamp)
            .or(parts.published)
            .or_else(|| doc.fetched.as_deref().and_then(parse_timestamp));
        Ok(Article {
            id: doc.id,
            url: doc.url.or(parts.url),
            title: doc
                .title
                .map(|t| text::collapse_whitespace(&t))
                .or(parts.title),
            text,
            published,
            modified: parts.modified,
            authors: parts.authors,
            declared_language: doc.declared_language.or(parts.language),
            source: doc.source.or(parts.source),
            origin: doc.origin,
            encoding: doc.encoding.to_string(),
        })
    }
}
