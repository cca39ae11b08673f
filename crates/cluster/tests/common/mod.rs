//! Test articles shared by the clusterer's integration tests.

use chrono::{DateTime, Utc};
use storyline_model::Article;

/// An article with only what clustering reads: id, title, text and publication time.
pub fn article(
    id: &str,
    title: Option<String>,
    text: String,
    published: Option<DateTime<Utc>>,
) -> Article {
    Article {
        title,
        published,
        ..Article::from_text(id, text)
    }
}
