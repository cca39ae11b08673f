//! The schema: versioned migrations, and the store's identity (a random id made
//! when the store is created, which derived data such as the search index carries
//! so that it is never read against another store).

use rusqlite::{params, OptionalExtension};

use super::SqliteStore;
use crate::{StoreError, SCHEMA_VERSION};

/// Migrations by version: entry `i` upgrades a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    article_count INTEGER NOT NULL,
    languages TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    last_activity TEXT NOT NULL
);
CREATE INDEX stories_by_activity ON stories (last_activity);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    published TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    encoding TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_by_hash ON articles (content_hash);
CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_by_story ON articles (story_id);
"#,
    r#"
ALTER TABLE articles ADD COLUMN modified TEXT;
ALTER TABLE articles ADD COLUMN authors TEXT NOT NULL DEFAULT '';
"#,
    // v3: the article's embedding, little-endian f32s.
    r#"
ALTER TABLE articles ADD COLUMN embedding BLOB;
"#,
    // v4: the same text at another URL is a copy, stored with a link to the earliest
    // version; the text hash stops being unique.
    r#"
DROP INDEX articles_by_hash;
CREATE INDEX articles_by_hash ON articles (content_hash);
ALTER TABLE articles ADD COLUMN copy_of TEXT;
"#,
    // v5: stories merged into others keep resolving.
    r#"
CREATE TABLE story_aliases (
    alias INTEGER PRIMARY KEY,
    story INTEGER NOT NULL
);
"#,
    // v6: look-alike events at other times.
    r#"
CREATE TABLE story_links (
    story INTEGER NOT NULL,
    related INTEGER NOT NULL,
    PRIMARY KEY (story, related)
);
CREATE INDEX story_links_by_related ON story_links (related);
"#,
    // v7: the durable task queue of `serve` (see `queue.rs`).
    r#"
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    body BLOB,
    state TEXT NOT NULL,
    result TEXT,
    attempts INTEGER NOT NULL,
    enqueued_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
);
CREATE INDEX tasks_by_state ON tasks (state, id);
"#,
    // v8: whether a story's title is a real headline (a later headline replaces a
    // first sentence).
    r#"
ALTER TABLE stories ADD COLUMN headline INTEGER NOT NULL DEFAULT 0;
"#,
    // v9: state derived from the articles (the clusterer's), saved so that opening a
    // store need not derive it again (see `state.rs`).
    r#"
CREATE TABLE saved_state (
    name TEXT PRIMARY KEY,
    through_key INTEGER NOT NULL,
    data BLOB NOT NULL,
    saved_at TEXT NOT NULL
);
"#,
    // v10: what `storyline watch` remembers per source and per host.
    r#"
CREATE TABLE watch_state (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
"#,
];

impl SqliteStore {
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let exists: bool = self.conn.query_row(
            "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_meta'",
            [],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM schema_meta WHERE key = 'version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        v.map_or(Ok(0), |v| {
            v.parse()
                .map_err(|_| StoreError::Corrupt(format!("schema version {v:?}")))
        })
    }

    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.display().to_string(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let tx = self.write_transaction()?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        )?;
        for (from, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_meta (key, value) VALUES ('version', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![(from + 1).to_string()],
            )?;
        }
        tx.execute(
            "INSERT INTO schema_meta (key, value) VALUES ('identity', ?1)
             ON CONFLICT (key) DO NOTHING",
            params![crate::new_identity()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The id this store was given when it was created (stores made before ids
    /// existed get theirs at their first open since).
    pub fn identity(&self) -> Result<String, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM schema_meta WHERE key = 'identity'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Corrupt("the store has no identity".into()))
    }
}
