//! The PostgreSQL schema, versioned with the same numbers as SQLite's: a new
//! database is created at the current version in one step; later versions add
//! entries. Migrations run in one transaction under an advisory lock, so several
//! processes opening a new database at once create it once.

use postgres::Client;

use crate::StoreError;

/// The schema version this build writes on PostgreSQL: SQLite's numbers up to 10,
/// then 11 adds the work queue of many workers (`work_queue`), which the embedded
/// store does not have.
pub const SCHEMA_VERSION: u32 = 11;

/// The advisory lock key migrations take (any constant of ours).
const MIGRATION_LOCK: i64 = 0x5354_4f52_594c_494e;

/// (version reached, SQL): the first entry makes a new database; each later one
/// upgrades from the version before it.
const MIGRATIONS: &[(u32, &str)] = &[
    (
        10,
        r#"
CREATE TABLE stories (
    id BIGINT PRIMARY KEY,
    title TEXT,
    article_count BIGINT NOT NULL,
    languages TEXT NOT NULL,
    first_published TIMESTAMPTZ,
    last_published TIMESTAMPTZ,
    last_activity TIMESTAMPTZ NOT NULL,
    headline BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX stories_by_activity ON stories (last_activity);
CREATE TABLE articles (
    id BIGSERIAL PRIMARY KEY,
    external_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    published TIMESTAMPTZ,
    source TEXT,
    origin TEXT NOT NULL,
    encoding TEXT NOT NULL,
    story_id BIGINT NOT NULL REFERENCES stories (id),
    ingested_at TIMESTAMPTZ NOT NULL,
    modified TIMESTAMPTZ,
    authors TEXT NOT NULL DEFAULT '',
    embedding BYTEA,
    copy_of TEXT
);
CREATE INDEX articles_by_hash ON articles (content_hash);
CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_by_story ON articles (story_id);
CREATE TABLE story_aliases (
    alias BIGINT PRIMARY KEY,
    story BIGINT NOT NULL
);
CREATE TABLE story_links (
    story BIGINT NOT NULL,
    related BIGINT NOT NULL,
    PRIMARY KEY (story, related)
);
CREATE INDEX story_links_by_related ON story_links (related);
CREATE TABLE saved_state (
    name TEXT PRIMARY KEY,
    through_key BIGINT NOT NULL,
    data BYTEA NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE watch_state (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, key)
);
"#,
    ),
    (
        11,
        r#"
CREATE TABLE work_queue (
    seq BIGSERIAL PRIMARY KEY,
    origin TEXT NOT NULL,
    document BYTEA NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'prepared', 'assigned')),
    attempts INT NOT NULL DEFAULT 0,
    lease_pid INT,
    lease_until TIMESTAMPTZ,
    prepared BYTEA,
    error TEXT,
    stored BOOLEAN,
    enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX work_queue_queued ON work_queue (seq) WHERE state = 'queued';
CREATE INDEX work_queue_waiting ON work_queue (seq) WHERE state <> 'assigned';
"#,
    ),
];

/// The database's schema version (0: none yet).
pub(super) fn version(client: &mut Client) -> Result<u32, StoreError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_meta') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_opt("SELECT value FROM schema_meta WHERE key = 'version'", &[])?;
    row.map_or(Ok(0), |r| {
        let v: String = r.get(0);
        v.parse()
            .map_err(|_| StoreError::Corrupt(format!("schema version {v:?}")))
    })
}

/// Brings the database to [`SCHEMA_VERSION`]; refuses one made by a newer storyline.
pub(super) fn migrate(client: &mut Client, url: &str) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )?;
    let found: u32 = tx
        .query_opt("SELECT value FROM schema_meta WHERE key = 'version'", &[])?
        .and_then(|r| r.get::<_, String>(0).parse().ok())
        .unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: url.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (reached, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_meta (key, value) VALUES ('version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&reached.to_string()],
        )?;
    }
    tx.execute(
        "INSERT INTO schema_meta (key, value) VALUES ('identity', $1) ON CONFLICT (key) DO NOTHING",
        &[&crate::new_identity()],
    )?;
    tx.commit()?;
    Ok(())
}

pub(super) fn identity(client: &mut Client) -> Result<String, StoreError> {
    let row = client.query_opt("SELECT value FROM schema_meta WHERE key = 'identity'", &[])?;
    row.map(|r| r.get(0))
        .ok_or_else(|| StoreError::Corrupt("the store has no identity".into()))
}
