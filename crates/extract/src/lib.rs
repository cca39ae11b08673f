//! Extraction: [`RawDocument`] → [`Article`]. Owns HTML main-text and metadata
//! extraction, scraped-text header parsing, and timestamp parsing. Behind the
//! [`Extractor`] trait so the extraction issue can swap the internals.

mod cleanup;
pub mod dates;
mod html;
pub mod site;
mod text;
pub mod textdates;

use serde::{Deserialize, Serialize};
use storyline_model::{Article, Body, Origin, RawDocument};
use thiserror::Error;

use site::{site_of, SiteMemory};

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractConfig {
    /// Articles with less main text than this (in characters) are rejected.
    pub min_text_chars: usize,
    /// A paragraph seen on this many earlier pages of the same site is boilerplate
    /// (0 turns site learning off).
    pub site_boilerplate_min_pages: u32,
    /// Sites remembered at once (the least active are forgotten first).
    pub site_memory_sites: usize,
    /// Paragraph fingerprints remembered per site.
    pub site_memory_paragraphs: usize,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            min_text_chars: 1,
            site_boilerplate_min_pages: 3,
            site_memory_sites: 10_000,
            site_memory_paragraphs: 5_000,
        }
    }
}

impl ExtractConfig {
    pub fn build(self) -> DefaultExtractor {
        let site_memory = SiteMemory::new(
            self.site_boilerplate_min_pages,
            self.site_memory_sites,
            self.site_memory_paragraphs,
        );
        DefaultExtractor {
            config: self,
            site_memory,
        }
    }
}

/// The built-in extractor for HTML and scraped text. It learns each site's
/// boilerplate from the pages it sees (see [`site`]).
#[derive(Debug)]
pub struct DefaultExtractor {
    config: ExtractConfig,
    site_memory: SiteMemory,
}

impl Default for DefaultExtractor {
    fn default() -> Self {
        ExtractConfig::default().build()
    }
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

/// A URL an article may carry: `http` or `https` only (a `javascript:` or `data:`
/// URL is no address of an article, and pages and feeds link to what is stored).
fn web_url(url: Option<String>) -> Option<String> {
    let url = url?.trim().to_string();
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("http" | "https")).then_some(url)
}

impl DefaultExtractor {
    fn finish(&self, doc: RawDocument, parts: Parts) -> Result<Article, ExtractError> {
        let url = web_url(doc.url.clone()).or(web_url(parts.url.clone()));
        let source = doc.source.clone().or(parts.source.clone());
        let site = site_of(url.as_deref(), source.as_deref());
        let paragraphs = self.site_memory.clean_and_learn(&site, parts.paragraphs);
        let text = paragraphs.join("\n\n");
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
            url,
            title: doc
                .title
                .map(|t| text::collapse_whitespace(&t))
                .or(parts.title),
            text,
            published,
            modified: parts.modified,
            authors: parts.authors,
            declared_language: doc.declared_language.or(parts.language),
            source,
            origin: doc.origin,
            encoding: doc.encoding.to_string(),
        })
    }
}
