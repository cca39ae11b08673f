//! Rows in and out of SQLite: column lists, timestamps, articles and stories read
//! from rows, and the story upserts and alias lookups inserts and merges share.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use storyline_model::{Article, Origin};

use crate::{ArticleKey, StoreError, StoredArticle, StoryId, StorySummary};

pub(super) const ARTICLE_COLUMNS: &str =
    "id, external_id, url, title, body, language, published, source, origin, \
     encoding, story_id, ingested_at, modified, authors, embedding, copy_of";

/// Authors are stored one per line (names do not contain line breaks).
pub(super) fn join_authors(authors: &[String]) -> String {
    authors.join("\n")
}

pub(super) fn split_authors(stored: &str) -> Vec<String> {
    stored
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
pub(super) const STORY_COLUMNS: &str =
    "id, title, article_count, languages, first_published, last_published, last_activity, headline";

pub(super) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

pub(super) fn parse_opt_ts(s: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

pub(super) fn story_from_row(row: &Row) -> rusqlite::Result<StorySummary> {
    let languages: String = row.get(3)?;
    Ok(StorySummary {
        id: row.get::<_, i64>(0)? as StoryId,
        title: row.get(1)?,
        title_is_headline: row.get::<_, i64>(7)? != 0,
        articles: row.get::<_, i64>(2)? as u64,
        languages: languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        first_published: parse_opt_ts(row.get(4)?)?,
        last_published: parse_opt_ts(row.get(5)?)?,
        last_activity: parse_ts(&row.get::<_, String>(6)?)?,
    })
}

pub(super) fn article_from_row(row: &Row) -> rusqlite::Result<StoredArticle> {
    let origin: String = row.get(8)?;
    Ok(StoredArticle {
        key: row.get(0)?,
        story: row.get::<_, i64>(10)? as StoryId,
        language: row.get(5)?,
        ingested_at: parse_ts(&row.get::<_, String>(11)?)?,
        article: Article {
            id: row.get(1)?,
            url: row.get(2)?,
            title: row.get(3)?,
            text: row.get(4)?,
            published: parse_opt_ts(row.get(6)?)?,
            modified: parse_opt_ts(row.get(12)?)?,
            authors: split_authors(&row.get::<_, String>(13)?),
            declared_language: None,
            source: row.get(7)?,
            origin: Origin::file(origin),
            encoding: row.get(9)?,
        },
        embedding: row
            .get::<_, Option<Vec<u8>>>(14)?
            .and_then(|b| crate::embedding_from_bytes(&b)),
        copy_of: row.get(15)?,
    })
}

pub(super) fn find_duplicate_in(
    conn: &Connection,
    url: Option<&str>,
    hash: &str,
) -> Result<Option<ArticleKey>, StoreError> {
    if let Some(url) = url {
        let by_url = conn
            .query_row(
                "SELECT id FROM articles WHERE url = ?1",
                params![url],
                |r| r.get(0),
            )
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    Ok(conn
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1 AND (url IS NULL OR ?2 IS NULL)
             ORDER BY id LIMIT 1",
            params![hash, url],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) fn upsert_story(conn: &Connection, story: &StorySummary) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO stories ({STORY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, headline = excluded.headline,
             article_count = excluded.article_count,
             languages = excluded.languages, first_published = excluded.first_published,
             last_published = excluded.last_published, last_activity = excluded.last_activity"
        ),
        params![
            story.id as i64,
            story.title,
            story.articles as i64,
            story.languages.join(","),
            story.first_published.map(ts),
            story.last_published.map(ts),
            ts(story.last_activity),
            i64::from(story.title_is_headline),
        ],
    )?;
    Ok(())
}

/// The story an alias (a merged-away id) points to.
pub(super) fn alias_target(conn: &Connection, id: StoryId) -> Result<Option<StoryId>, StoreError> {
    let target: Option<i64> = conn
        .query_row(
            "SELECT story FROM story_aliases WHERE alias = ?1",
            params![id as i64],
            |r| r.get(0),
        )
        .optional()?;
    Ok(target.map(|t| t as StoryId))
}

pub(super) fn story_in(conn: &Connection, id: StoryId) -> Result<Option<StorySummary>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1"),
            params![id as i64],
            story_from_row,
        )
        .optional()?)
}
