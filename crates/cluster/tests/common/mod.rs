//! Test articles shared by the clusterer's integration tests.

use chrono::{DateTime, Utc};
use storyline_model::{Article, Origin};

/// An article with only what clustering reads: id, title, text and publication time.
pub fn article(
    id: &str,
    title: Option<String>,
    text: String,
    published: Option<DateTime<Utc>>,
) -> Article {
    Article {
        id: id.into(),
        url: None,
        title,
        text,
        published,
        modified: None,
        authors: Vec::new(),
        declared_language: None,
        source: None,
        origin: Origin::file(id),
        encoding: "UTF-8".into(),
    }
}
