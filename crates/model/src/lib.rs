//! The data that flows through storyline, one type per stage:
//! [`RawDocument`] (what ingest found) → [`Article`] (what extraction made of it).
//! Later stages (analysis, clustering, storage) define their own richer types on
//! top of these; this crate stays dependency-light so every stage can share it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A story's id: sequential in arrival order, the same in the clusterer and every
/// store.
pub type StoryId = u64;

/// Where a document came from, precise enough for an error message a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    /// The file path as given (or `-` for standard input).
    pub input: String,
    /// Position inside a container input (JSONL line, WARC record, feed item).
    pub locator: Option<Locator>,
}

/// A position inside a multi-document input. In JSON `{"kind": "line", "n": 3}`;
/// in compact binary encodings (which cannot read a tag by name) a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// 1-based line of a JSONL file.
    Line(u64),
    /// 1-based record of a WARC file.
    Record(u64),
    /// 1-based item/entry of an RSS or Atom feed.
    Item(u64),
}

/// [`Locator`] as it reads in JSON.
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
#[serde(
    rename_all = "snake_case",
    tag = "kind",
    content = "n",
    remote = "Locator"
)]
enum TaggedLocator {
    Line(u64),
    Record(u64),
    Item(u64),
}

impl schemars::JsonSchema for Locator {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Locator".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TaggedLocator::json_schema(generator)
    }
}

impl Serialize for Locator {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return TaggedLocator::serialize(self, serializer);
        }
        let pair = match *self {
            Locator::Line(n) => (0u8, n),
            Locator::Record(n) => (1, n),
            Locator::Item(n) => (2, n),
        };
        pair.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Locator {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return TaggedLocator::deserialize(deserializer);
        }
        match <(u8, u64)>::deserialize(deserializer)? {
            (0, n) => Ok(Locator::Line(n)),
            (1, n) => Ok(Locator::Record(n)),
            (2, n) => Ok(Locator::Item(n)),
            (k, _) => Err(serde::de::Error::custom(format!("no locator of kind {k}"))),
        }
    }
}

impl Origin {
    pub fn file(input: impl Into<String>) -> Self {
        Origin {
            input: input.into(),
            locator: None,
        }
    }

    pub fn at(input: impl Into<String>, locator: Locator) -> Self {
        Origin {
            input: input.into(),
            locator: Some(locator),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.locator {
            None => write!(f, "{}", self.input),
            Some(Locator::Line(n)) => write!(f, "{}:{}", self.input, n),
            Some(Locator::Record(n)) => write!(f, "{} (WARC record {})", self.input, n),
            Some(Locator::Item(n)) => write!(f, "{} (feed item {})", self.input, n),
        }
    }
}

/// The decoded payload of a raw document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// An HTML page, already decoded to Unicode.
    Html(String),
    /// Plain text as a scraper left it (may carry header lines such as `date 2025-09-24`).
    Text(String),
}

impl Body {
    pub fn as_str(&self) -> &str {
        match self {
            Body::Html(s) | Body::Text(s) => s,
        }
    }
}

/// One document as ingest found it: decoded, but not yet cleaned or understood.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    pub origin: Origin,
    /// Caller-supplied id (JSONL `id`) or one derived from the file name.
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Language declared by the source (JSONL `lang`, `<html lang>`, feed language).
    pub declared_language: Option<String>,
    /// Publication time declared by the source, unparsed.
    pub published: Option<String>,
    /// When a crawler fetched it (WARC-Date), unparsed; a fallback for `published`.
    pub fetched: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    pub body: Body,
    /// The character encoding the bytes were decoded from (e.g. `windows-1251`).
    pub encoding: &'static str,
}

impl RawDocument {
    /// A document with only what every source has; the optional fields start empty.
    pub fn new(origin: Origin, id: impl Into<String>, body: Body, encoding: &'static str) -> Self {
        RawDocument {
            origin,
            id: id.into(),
            url: None,
            title: None,
            declared_language: None,
            published: None,
            fetched: None,
            source: None,
            body,
            encoding,
        }
    }
}

/// A clean article: what extraction produced from a [`RawDocument`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Main text, paragraphs separated by a blank line.
    pub text: String,
    pub published: Option<DateTime<Utc>>,
    /// Last modification, when the page says.
    #[serde(default)]
    pub modified: Option<DateTime<Utc>>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Declared language, if the source declared one; analysis decides the real one.
    pub declared_language: Option<String>,
    pub source: Option<String>,
    pub origin: Origin,
    pub encoding: String,
}

impl Article {
    /// An article of plain UTF-8 text and nothing else known, read from a file named
    /// `id`; set other fields with struct update syntax (`..Article::from_text(..)`).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            origin: Origin::file(id.clone()),
            id,
            url: None,
            title: None,
            text: text.into(),
            published: None,
            modified: None,
            authors: Vec::new(),
            declared_language: None,
            source: None,
            encoding: "UTF-8".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locator_reads_by_name_in_json() {
        let origin = Origin::at("feed.xml", Locator::Item(4));
        let json = serde_json::to_string(&origin).unwrap();
        assert_eq!(
            json,
            r#"{"input":"feed.xml","locator":{"kind":"item","n":4}}"#
        );
        assert_eq!(serde_json::from_str::<Origin>(&json).unwrap(), origin);
        assert!(serde_json::from_str::<Locator>(r#"{"kind":"page","n":1}"#).is_err());
    }
}
