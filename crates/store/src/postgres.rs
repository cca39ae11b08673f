//! The shared store on PostgreSQL (`--store postgres://…`): the same behaviour as
//! [`SqliteStore`](crate::SqliteStore) — the same tests run against both — for many
//! processes on many machines. Times are kept to the second, as SQLite keeps them,
//! so both stores give the same values back.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, SubsecRound, Utc};
use postgres::{Client, GenericClient, NoTls, Row};
use storyline_model::{Article, Origin};

/// Runs a write's statements (`|db| body`, `db` a [`GenericClient`]) in a transaction
/// of their own, or, inside a batch ([`crate::WorkQueue::begin_batch`]), in the batch's.
macro_rules! atomically {
    ($store:expr, |$db:ident| $body:expr) => {{
        let mut client = $store.db();
        if $store.in_batch.get() {
            let $db = &mut *client;
            $body
        } else {
            let mut tx = client.transaction()?;
            let out = {
                let $db = &mut tx;
                $body
            }?;
            tx.commit()?;
            Ok(out)
        }
    }};
}

mod impls;
mod schema;
mod work;

pub use schema::SCHEMA_VERSION;

use crate::{ArticleKey, StoreError, StoredArticle, StoryId, StorySummary};

pub struct PostgresStore {
    client: RefCell<Client>,
    /// Inside a batch: statements run in its open transaction.
    in_batch: Cell<bool>,
    /// The URL without its password, for messages.
    shown: String,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("url", &self.shown)
            .finish()
    }
}

const ARTICLE_COLUMNS: &str =
    "id, external_id, url, title, body, language, published, source, origin, \
     encoding, story_id, ingested_at, modified, authors, embedding, copy_of";

const STORY_COLUMNS: &str =
    "id, title, article_count, languages, first_published, last_published, last_activity, headline";

/// A URL with its password replaced, safe to print.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The advisory lock of the one process that assigns stories (the clusterer's ids
/// live in one process at a time, as the SQLite store's lock file ensures there):
/// this key and the hash of the schema, so stores in other schemas of the same
/// database do not hold each other up.
const WRITER_LOCK: i32 = 0x5354_4f52;

impl PostgresStore {
    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`) and
    /// brings its schema up to date; for reading, and for records any process may
    /// write (the watcher's).
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_as(url, "storyline")
    }

    /// Connects as the one process that assigns stories, saying `what` it is; refused,
    /// naming the holder, while another holds that role.
    pub fn connect_for_writing(url: &str, what: &str) -> Result<Self, StoreError> {
        let store = Self::connect_as(url, what)?;
        if !store.try_writer_lock()? {
            return Err(StoreError::Locked {
                path: store.shown.clone(),
                holder: store.writer()?,
            });
        }
        Ok(store)
    }

    /// Takes the writer role on this connection if nobody holds it.
    fn try_writer_lock(&self) -> Result<bool, StoreError> {
        let got: bool = self
            .db()
            .query_one(
                "SELECT pg_try_advisory_lock($1, hashtext(current_schema()))",
                &[&WRITER_LOCK],
            )?
            .get(0);
        Ok(got)
    }

    /// Who holds the writer role, as a message can name it.
    pub fn writer(&self) -> Result<String, StoreError> {
        let holder = self
            .db()
            .query_opt(
                "SELECT a.pid, a.application_name, COALESCE(host(a.client_addr), 'local')
                 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.classid = $1::INT4::OID
                   AND l.objid = hashtext(current_schema())::OID",
                &[&WRITER_LOCK],
            )?
            .map(|r| {
                let (pid, name, host): (i32, String, String) = (r.get(0), r.get(1), r.get(2));
                format!("{name} from {host}, PostgreSQL backend pid {pid}")
            })
            .unwrap_or_else(|| "a process that has just let go; try again".into());
        Ok(holder)
    }

    /// Connects as [`PostgresStore::connect`] does, naming the connection `application`
    /// (what `pg_stat_activity` and a refused writer show).
    pub fn connect_as(url: &str, application: &str) -> Result<Self, StoreError> {
        let shown = without_password(url);
        let open_error = |e: postgres::Error| StoreError::Open {
            path: shown.clone(),
            message: e.to_string(),
        };
        let mut config: postgres::Config = url.parse().map_err(open_error)?;
        config.application_name(application);
        let mut client = config.connect(NoTls).map_err(open_error)?;
        schema::migrate(&mut client, &shown)?;
        Ok(PostgresStore {
            client: RefCell::new(client),
            in_batch: Cell::new(false),
            shown,
        })
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&mut self.client.borrow_mut())
    }

    pub fn url(&self) -> &str {
        &self.shown
    }

    /// `url` with its password hidden, for messages.
    pub fn shown(url: &str) -> String {
        without_password(url)
    }
}

fn secs(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(0)
}

fn story_from_row(row: &Row) -> StorySummary {
    let languages: String = row.get(3);
    StorySummary {
        id: row.get::<_, i64>(0) as StoryId,
        title: row.get(1),
        title_is_headline: row.get(7),
        articles: row.get::<_, i64>(2) as u64,
        languages: languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        first_published: row.get(4),
        last_published: row.get(5),
        last_activity: row.get(6),
    }
}

fn article_from_row(row: &Row) -> StoredArticle {
    let origin: String = row.get(8);
    let authors: String = row.get(13);
    StoredArticle {
        key: row.get(0),
        story: row.get::<_, i64>(10) as StoryId,
        language: row.get(5),
        ingested_at: row.get(11),
        article: Article {
            id: row.get(1),
            url: row.get(2),
            title: row.get(3),
            text: row.get(4),
            published: row.get(6),
            modified: row.get(12),
            authors: authors
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            declared_language: None,
            source: row.get(7),
            origin: Origin::file(origin),
            encoding: row.get(9),
        },
        embedding: row
            .get::<_, Option<Vec<u8>>>(14)
            .and_then(|b| crate::embedding_from_bytes(&b)),
        copy_of: row.get(15),
    }
}

fn find_duplicate_in(
    db: &mut impl GenericClient,
    url: Option<&str>,
    hash: &str,
) -> Result<Option<ArticleKey>, StoreError> {
    if let Some(url) = url {
        if let Some(row) = db.query_opt("SELECT id FROM articles WHERE url = $1", &[&url])? {
            return Ok(Some(row.get(0)));
        }
    }
    let row = db.query_opt(
        "SELECT id FROM articles WHERE content_hash = $1 AND (url IS NULL OR $2::TEXT IS NULL)
         ORDER BY id LIMIT 1",
        &[&hash, &url],
    )?;
    Ok(row.map(|r| r.get(0)))
}

fn upsert_story(db: &mut impl GenericClient, story: &StorySummary) -> Result<(), StoreError> {
    db.execute(
        &format!(
            "INSERT INTO stories ({STORY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, headline = excluded.headline,
             article_count = excluded.article_count,
             languages = excluded.languages, first_published = excluded.first_published,
             last_published = excluded.last_published, last_activity = excluded.last_activity"
        ),
        &[
            &(story.id as i64),
            &story.title,
            &(story.articles as i64),
            &story.languages.join(","),
            &story.first_published.map(secs),
            &story.last_published.map(secs),
            &secs(story.last_activity),
            &story.title_is_headline,
        ],
    )?;
    Ok(())
}

fn alias_target(db: &mut impl GenericClient, id: StoryId) -> Result<Option<StoryId>, StoreError> {
    let row = db.query_opt(
        "SELECT story FROM story_aliases WHERE alias = $1",
        &[&(id as i64)],
    )?;
    Ok(row.map(|r| r.get::<_, i64>(0) as StoryId))
}

fn story_in(db: &mut impl GenericClient, id: StoryId) -> Result<Option<StorySummary>, StoreError> {
    let row = db.query_opt(
        &format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = $1"),
        &[&(id as i64)],
    )?;
    Ok(row.as_ref().map(story_from_row))
}

impl PostgresStore {
    fn db(&self) -> std::cell::RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    fn articles_where(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<StoredArticle>, StoreError> {
        let rows = self.db().query(sql, params)?;
        Ok(rows.iter().map(article_from_row).collect())
    }

    fn related_to(&self, id: StoryId) -> Result<Vec<StoryId>, StoreError> {
        let mut db = self.db();
        let linked: Vec<i64> = db
            .query(
                "SELECT related FROM story_links WHERE story = $1
                 UNION SELECT story FROM story_links WHERE related = $1",
                &[&(id as i64)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut out = Vec::new();
        for other in linked {
            let other = other as StoryId;
            let resolved = alias_target(&mut *db, other)?.unwrap_or(other);
            if resolved != id && !out.contains(&resolved) {
                out.push(resolved);
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}
