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

/// Turns one raw document into one article, in two steps: [`Extractor::parse`] does
/// the costly, state-free part (any order, any process); [`Extractor::finish`] does
/// what learns from the pages in arrival order (each site's boilerplate), so a stream
/// parsed by many workers and finished in order gives what one process gives.
pub trait Extractor: Send + Sync {
    /// Parses the document: metadata and candidate paragraphs.
    fn parse(&self, doc: RawDocument) -> Parsed;
    /// The article, after removing what the site is known to repeat, then learning
    /// from this page. Call in arrival order.
    fn finish(&self, parsed: Parsed) -> Result<Article, ExtractError>;
    /// The article as [`Extractor::finish`] makes it from a memory that knows nothing
    /// (nothing learnt): what a worker can compute ahead.
    fn finish_unlearnt(&self, parsed: Parsed) -> Result<Article, ExtractError>;
    /// What was learnt so far, to be saved and restored elsewhere.
    fn memory_snapshot(&self) -> Vec<u8>;
    /// Replaces what was learnt with a snapshot's.
    fn restore_memory(&self, snapshot: &[u8]) -> Result<(), MemoryError>;
    fn extract(&self, doc: RawDocument) -> Result<Article, ExtractError> {
        self.finish(self.parse(doc))
    }
}

/// A document parsed by [`Extractor::parse`], waiting for [`Extractor::finish`]; it
/// can be stored and finished by another process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    origin: Origin,
    id: String,
    url: Option<String>,
    title: Option<String>,
    declared_language: Option<String>,
    published: Option<String>,
    fetched: Option<String>,
    source: Option<String>,
    encoding: String,
    parts: Parts,
}

impl Parsed {
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

pub use site::MemoryError;

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
    fn parse(&self, doc: RawDocument) -> Parsed {
        let parts = match &doc.body {
            Body::Html(html) => html::extract_html(html),
            Body::Text(raw) => text::extract_text(raw),
        };
        Parsed {
            origin: doc.origin,
            id: doc.id,
            url: doc.url,
            title: doc.title,
            declared_language: doc.declared_language,
            published: doc.published,
            fetched: doc.fetched,
            source: doc.source,
            encoding: doc.encoding.to_string(),
            parts,
        }
    }

    fn finish(&self, parsed: Parsed) -> Result<Article, ExtractError> {
        self.finish_with(parsed, true)
    }

    fn finish_unlearnt(&self, parsed: Parsed) -> Result<Article, ExtractError> {
        self.finish_with(parsed, false)
    }

    fn memory_snapshot(&self) -> Vec<u8> {
        self.site_memory.snapshot()
    }

    fn restore_memory(&self, snapshot: &[u8]) -> Result<(), MemoryError> {
        self.site_memory.restore(snapshot)
    }
}

/// Fields every extraction path produces; the document's own declarations win over them.
#[derive(Debug, Default, PartialEq, Clone, Serialize, Deserialize)]
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
    /// The article from a parsed document, with the site's learnt boilerplate
    /// removed (and this page learnt from) when `learn`.
    fn finish_with(&self, doc: Parsed, learn: bool) -> Result<Article, ExtractError> {
        let Parsed {
            origin,
            id,
            url,
            title,
            declared_language,
            published,
            fetched,
            source,
            encoding,
            parts,
        } = doc;
        let url = web_url(url).or(web_url(parts.url));
        let source = source.or(parts.source);
        let site = site_of(url.as_deref(), source.as_deref());
        let paragraphs = if learn {
            self.site_memory.clean_and_learn(&site, parts.paragraphs)
        } else {
            parts.paragraphs
        };
        let text = paragraphs.join("\n\n");
        let chars = text.chars().count();
        if chars == 0 {
            return Err(ExtractError::NoText { origin });
        }
        if chars < self.config.min_text_chars {
            return Err(ExtractError::TooShort {
                origin,
                chars,
                min: self.config.min_text_chars,
            });
        }
        let published = published
            .as_deref()
            .and_then(parse_timestamp)
            .or(parts.published)
            .or_else(|| fetched.as_deref().and_then(parse_timestamp));
        Ok(Article {
            id,
            url,
            title: title.map(|t| text::collapse_whitespace(&t)).or(parts.title),
            text,
            published,
            modified: parts.modified,
            authors: parts.authors,
            declared_language: declared_language.or(parts.language),
            source,
            origin,
            encoding,
        })
    }
}
