//! The embedded default store: one SQLite file (bundled library, WAL journal) in the
//! data directory. SQL stays portable (no SQLite-only types or functions in queries)
//! so a PostgreSQL store can share it. Every article insert and its story update is
//! one transaction: a crash or a bad document never leaves half an article behind.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

mod filter;
mod queue;
mod rows;
mod schema;
mod state;
mod watch;

use crate::{
    combine_stories, merge_into_story, ArticleKey, Counts, InsertOutcome, NewArticle, SavedState,
    SourceAndUrl, Store, StoreError, StoredArticle, StoredEmbedding, StoryDetail, StoryId,
    StoryQuery, StorySummary,
};
use filter::{story_filter, StoryFilter};
use rows::{
    alias_target, article_from_row, find_duplicate_in, join_authors, parse_opt_ts, parse_ts,
    story_from_row, story_in, ts, upsert_story, ARTICLE_COLUMNS, STORY_COLUMNS,
};

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The writer lock, held until drop (see [`SqliteStore::open_dir_for_writing`]).
    writer_lock: Option<std::fs::File>,
}

const DB_FILE: &str = "storyline.db";

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) `storyline.db` in `dir`, upgrading its schema.
    pub fn open_dir(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        Self::open(&dir.join(DB_FILE))
    }

    /// Opens `dir` for writing, holding its lock file for as long as the store lives:
    /// the clusterer's story ids live in one process, so a second writer is refused.
    /// The lock is taken before the schema is touched, so two writers racing on a new
    /// directory never both run its migrations.
    pub fn open_dir_for_writing(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let lock_path = dir.join("storyline.lock");
        let lock_err = |message: String| StoreError::Open {
            path: lock_path.display().to_string(),
            message,
        };
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(|e| lock_err(e.to_string()))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: dir.display().to_string(),
                    holder: lock_holder(&lock),
                })
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(lock_err(e.to_string())),
        }
        let mut store = Self::open(&dir.join(DB_FILE))?;
        store.writer_lock = Some(lock);
        store.announce_writer("storyline");
        Ok(store)
    }

    /// Who the lock file in `dir` says writes to the store (the last writer to start;
    /// read without taking the lock), if any said.
    pub fn named_writer(dir: &Path) -> Option<String> {
        let lock = std::fs::File::open(dir.join("storyline.lock")).ok()?;
        let text = lock_holder(&lock);
        text.starts_with("pid ").then_some(text)
    }

    /// Says in the lock file who writes to the store (`what`, after the process id),
    /// so that a process refused the store can tell the user who holds it. Best
    /// effort: the lock, not its text, keeps writers apart.
    pub fn announce_writer(&self, what: &str) {
        use std::io::{Seek, Write};
        if let Some(mut lock) = self.writer_lock.as_ref() {
            let text = format!("pid {}: {what}\n", std::process::id());
            let _ = lock
                .set_len(0)
                .and_then(|()| lock.rewind())
                .and_then(|()| lock.write_all(text.as_bytes()));
        }
    }

    /// Makes every commit on this connection wait until it is on disk
    /// (`synchronous = FULL`): for the task queue, whose rows are promises made
    /// to clients. The store's own writes keep `NORMAL`, which a crash of the
    /// process cannot undo (only a power loss could take the last commits).
    pub fn durable_commits(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Opens an existing store for reading; a missing one is an error, not a new store.
    pub fn open_dir_existing(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::Missing {
                path: dir.display().to_string(),
            });
        }
        Self::open(&path)
    }

    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_err)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            writer_lock: None,
        };
        store.migrate()?;
        Ok(store)
    }

    /// A transaction that takes the write lock at once (`BEGIN IMMEDIATE`). A
    /// deferred one that reads first and writes later cannot wait for the lock:
    /// when another connection (the task queue's) commits in between, SQLite fails
    /// its upgrade at once with "database is locked", whatever the busy timeout.
    fn write_transaction(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl SqliteStore {
    /// Stories linked to `id` either way, through merges, without `id` itself.
    fn related_to(&self, id: StoryId) -> Result<Vec<StoryId>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT related FROM story_links WHERE story = ?1
             UNION SELECT story FROM story_links WHERE related = ?1",
        )?;
        let linked: Vec<i64> = stmt
            .query_map(params![id as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for other in linked {
            let other = other as StoryId;
            let resolved = alias_target(&self.conn, other)?.unwrap_or(other);
            if resolved != id && !out.contains(&resolved) {
                out.push(resolved);
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn find_duplicate(
        &self,
        url: Option<&str>,
        content_hash: &str,
    ) -> Result<Option<ArticleKey>, StoreError> {
        find_duplicate_in(&self.conn, url, content_hash)
    }

    fn insert_article(&mut self, new: &NewArticle) -> Result<InsertOutcome, StoreError> {
        let tx = self.write_transaction()?;
        if let Some(existing) =
            find_duplicate_in(&tx, new.article.url.as_deref(), &new.content_hash)?
        {
            return Ok(InsertOutcome::Duplicate(existing));
        }
        let now = Utc::now();
        let story = merge_into_story(story_in(&tx, new.story)?, new, now);
        upsert_story(&tx, &story)?;
        let a = &new.article;
        tx.execute(
            "INSERT INTO articles (external_id, url, content_hash, title, body, language, published, source, origin,
             encoding, story_id, ingested_at, modified, authors, embedding, copy_of)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                a.id,
                a.url,
                new.content_hash,
                a.title,
                a.text,
                new.language,
                a.published.map(ts),
                a.source,
                a.origin.to_string(),
                a.encoding,
                new.story as i64,
                ts(now),
                a.modified.map(ts),
                join_authors(&a.authors),
                new.embedding.as_deref().map(crate::embedding_bytes),
                new.copy_of,
            ],
        )?;
        let key = tx.last_insert_rowid();
        for related in &new.related {
            tx.execute(
                "INSERT INTO story_links (story, related) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![new.story as i64, *related as i64],
            )?;
        }
        tx.commit()?;
        Ok(InsertOutcome::Inserted(key))
    }

    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StorySummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE {}
             ORDER BY last_activity DESC, id DESC LIMIT ?1 OFFSET ?2",
            story_filter(3)
        ))?;
        let page = [
            &(query.limit.min(i64::MAX as usize) as i64) as &dyn rusqlite::ToSql,
            &(query.offset.min(i64::MAX as usize) as i64),
        ];
        let filter = StoryFilter::of(query);
        let params: Vec<&dyn rusqlite::ToSql> = page.into_iter().chain(filter.params()).collect();
        let rows = stmt.query_map(params.as_slice(), story_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn count_stories(&self, query: &StoryQuery) -> Result<u64, StoreError> {
        let filter = StoryFilter::of(query);
        let params: Vec<&dyn rusqlite::ToSql> = filter.params().collect();
        let n: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM stories WHERE {}", story_filter(1)),
            params.as_slice(),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryDetail>, StoreError> {
        let id = alias_target(&self.conn, id)?.unwrap_or(id);
        let Some(summary) = story_in(&self.conn, id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id = ?1 ORDER BY published, id"
        ))?;
        let articles = stmt
            .query_map(params![id as i64], article_from_row)?
            .collect::<Result<_, _>>()?;
        let related = self.related_to(id)?;
        Ok(Some(StoryDetail {
            summary,
            articles,
            related,
        }))
    }

    fn articles_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            params![key, limit.min(i64::MAX as usize) as i64],
            article_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn embeddings_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, language, embedding FROM articles
             WHERE id > ?1 AND embedding IS NOT NULL ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![key, limit.min(i64::MAX as usize) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, Vec<u8>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, language, bytes) = row?;
            out.extend(crate::stored_embedding(key, language, &bytes));
        }
        Ok(out)
    }

    fn story_sources(&self, id: StoryId) -> Result<Vec<SourceAndUrl>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT source, url FROM articles WHERE story_id = ?1")?;
        let rows = stmt.query_map(params![id as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn article(&self, key: ArticleKey) -> Result<Option<StoredArticle>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"),
                params![key],
                article_from_row,
            )
            .optional()?)
    }

    fn stories_of_articles(
        &self,
        keys: &[ArticleKey],
    ) -> Result<std::collections::HashMap<ArticleKey, StoryId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT story_id FROM articles WHERE id = ?1")?;
        let mut out = std::collections::HashMap::new();
        for &key in keys {
            let story: Option<i64> = stmt.query_row(params![key], |r| r.get(0)).optional()?;
            if let Some(story) = story {
                out.insert(key, story as StoryId);
            }
        }
        Ok(out)
    }

    fn recent_articles(&self, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM (SELECT * FROM articles ORDER BY id DESC LIMIT ?1) recent ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![limit as i64], article_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn max_story_id(&self) -> Result<Option<StoryId>, StoreError> {
        let max: Option<i64> = self.conn.query_row(
            "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM stories
             UNION ALL SELECT MAX(alias) AS m FROM story_aliases) ids",
            [],
            |r| r.get(0),
        )?;
        Ok(max.map(|m| m as StoryId))
    }

    fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<(), StoreError> {
        if from == into {
            return Ok(());
        }
        let tx = self.write_transaction()?;
        if let Some(gone) = story_in(&tx, from)? {
            let combined = match story_in(&tx, into)? {
                Some(kept) => combine_stories(kept, gone),
                None => StorySummary { id: into, ..gone },
            };
            // In this order for the articles' foreign key.
            upsert_story(&tx, &combined)?;
            tx.execute(
                "UPDATE articles SET story_id = ?1 WHERE story_id = ?2",
                params![into as i64, from as i64],
            )?;
            tx.execute("DELETE FROM stories WHERE id = ?1", params![from as i64])?;
        }
        for sql in [
            "INSERT INTO story_links (story, related) SELECT ?1, related FROM story_links
             WHERE story = ?2 AND related <> ?1 ON CONFLICT DO NOTHING",
            "INSERT INTO story_links (story, related) SELECT story, ?1 FROM story_links
             WHERE related = ?2 AND story <> ?1 ON CONFLICT DO NOTHING",
            "DELETE FROM story_links WHERE story = ?2 OR related = ?2",
        ] {
            tx.execute(sql, params![into as i64, from as i64])?;
        }
        tx.execute(
            "UPDATE story_aliases SET story = ?1 WHERE story = ?2",
            params![into as i64, from as i64],
        )?;
        tx.execute(
            "INSERT INTO story_aliases (alias, story) VALUES (?1, ?2)
             ON CONFLICT (alias) DO UPDATE SET story = excluded.story",
            params![from as i64, into as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Counts {
            articles: count("articles")?,
            stories: count("stories")?,
        })
    }

    fn identity(&self) -> Result<String, StoreError> {
        SqliteStore::identity(self)
    }

    fn saved_state(&self, name: &str) -> Result<Option<SavedState>, StoreError> {
        self.load_state(name)
    }

    fn save_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError> {
        self.store_state(name, state)
    }
}

/// What the process holding the lock wrote of itself (the first line, at most 200
/// characters), or a plain description if it wrote nothing readable.
fn lock_holder(mut lock: &std::fs::File) -> String {
    use std::io::Read;
    let mut text = String::new();
    let _ = lock.by_ref().take(512).read_to_string(&mut text);
    let line: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    if line.trim().is_empty() {
        "a process that did not say what it is".into()
    } else {
        line.trim().to_string()
    }
}
