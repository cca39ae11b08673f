//! `storyline serve`: the HTTP API and the web UI over the same store the CLI uses.
//!
//! Reads go to their own SQLite connection (WAL lets them run beside the writer);
//! writes go through a task queue to the one thread that owns the engine
//! ([`tasks`]). The engine crates know nothing of HTTP: this crate drives them.
//! Every response carries a strict Content-Security-Policy, and all article text in
//! HTML is escaped by the template engine (news HTML is untrusted).

pub mod alerts;
mod api;
mod compare_view;
mod conn;
mod endpoints;
mod entities;
mod error;
mod feeds;
mod openapi;
mod page_cache;
mod pages;
mod paging;
mod reader;
mod search_routes;
mod serving;
pub mod shared;
mod story;
mod task_routes;
pub mod tasks;
mod timeline;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use storyline_analyze::Analyzer;
use storyline_embed::Embedder;
use storyline_engine::insight::{story_insight, StoryInsight};
use storyline_search::SearchIndex;
use storyline_store::{Backend, StoryDetail};

pub use error::ApiError;
pub use serving::{serve, serve_on};
pub use story::StoryDocument;
pub use tasks::{Stopped, TaskStatus, TaskView, Tasks};

/// Server settings (`server` section of the config file); unknown keys are errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Bearer token that `POST /api/articles` requires; without one, writes are off.
    pub token: Option<String>,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// On SIGINT or SIGTERM, how long requests in flight may finish and, after
    /// them, the writer may work through the task queue before the server exits;
    /// tasks still queued then are taken at the next start.
    pub shutdown_grace_secs: u64,
    /// Where readers reach the server (`https://news.example`): the base of the
    /// absolute links in Atom feeds. Without it, the listen address; never the
    /// request's `Host` header, which a client may set to anything.
    pub public_url: Option<String>,
    /// Connections open at once; the next waits until one closes.
    pub max_connections: usize,
    /// Connections one client address may hold at once; past it, a new one from
    /// that address is closed at once, so one client cannot take every place (the
    /// default is half of them: a load of a few hundred clients from one machine is
    /// served, and half the places stay for everyone else).
    pub max_connections_per_client: usize,
    /// A connection that neither reads nor writes for this long is closed (a client
    /// that opens one and sends nothing, or stops half-way through its headers).
    pub idle_timeout_secs: u64,
    /// A request's headers must arrive whole within this long, however slowly they
    /// trickle in (a client sending a byte at a time is closed then).
    pub header_read_timeout_secs: u64,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 7878)),
            token: None,
            max_body_bytes: 16 * 1024 * 1024,
            shutdown_grace_secs: 30,
            public_url: None,
            max_connections: 1024,
            max_connections_per_client: 512,
            idle_timeout_secs: 30,
            header_read_timeout_secs: 10,
        }
    }
}

impl ServeConfig {
    /// Checks the settings a file can get wrong; the error names the key.
    pub fn validate(&self) -> Result<(), String> {
        for (key, value) in [
            ("max_connections", self.max_connections as u64),
            (
                "max_connections_per_client",
                self.max_connections_per_client as u64,
            ),
            ("idle_timeout_secs", self.idle_timeout_secs),
            ("header_read_timeout_secs", self.header_read_timeout_secs),
        ] {
            if value == 0 {
                return Err(format!("server.{key} must be positive"));
            }
        }
        if let Some(url) = &self.public_url {
            let web = url.starts_with("http://") || url.starts_with("https://");
            let clean = !url
                .chars()
                .any(|c| c.is_whitespace() || "\"'<>`".contains(c));
            if !web || !clean {
                return Err(format!(
                    "server.public_url must be an http(s) address, not {url:?}"
                ));
            }
        }
        Ok(())
    }

    /// The base of absolute links, without a trailing slash.
    pub(crate) fn base_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.addr),
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Read connections (SQLite in WAL mode: readers never wait for the writer); a
    /// read takes a free one, else waits for one in turn.
    reads: Arc<Vec<Mutex<Box<dyn ReadStore>>>>,
    next_read: Arc<std::sync::atomic::AtomicUsize>,
    search: Arc<SearchIndex>,
    analyzer: Arc<Analyzer>,
    /// The embedding model, when loaded: finds a quote's versions in other languages.
    embedder: Option<Arc<dyn Embedder>>,
    /// Stored articles' embeddings, for search by meaning (filled on first use).
    vectors: Arc<Mutex<storyline_search::vectors::VectorIndex>>,
    insights: Arc<Mutex<InsightCache>>,
    /// Story pages as rendered, while their story is unchanged.
    pages: Arc<Mutex<page_cache::PageCache>>,
    intake: Intake,
    config: Arc<ServeConfig>,
}

/// A connection requests read from (and alerts are kept through): the embedded
/// store's or a shared one's.
pub trait ReadStore: Backend + Send {}

impl<T: Backend + Send> ReadStore for T {}

/// Where posted articles go.
#[derive(Clone)]
pub(crate) enum Intake {
    /// The embedded store's durable task queue, in front of this server's writer.
    Tasks(Tasks),
    /// A shared store's work queue, for the workers.
    Queue(Arc<shared::SharedQueue>),
    /// None: a read-only server beside the writer. `writer` says who that is
    /// (`pid 4242: storyline serve on http://…`), when known.
    ReadOnly { writer: Option<String> },
}

impl Intake {
    /// The task queue, or why there is none.
    pub(crate) fn tasks(&self) -> Result<&Tasks, ApiError> {
        match self {
            Intake::Tasks(tasks) => Ok(tasks),
            Intake::Queue(_) => Err(ApiError::NotFound(
                "tasks: this server's store is shared, and posted articles go to its work \
                 queue (the answer to the POST says how many wait)"
                    .into(),
            )),
            Intake::ReadOnly { .. } => Err(ApiError::NotFound(format!(
                "tasks: {}",
                self.read_only_reason().unwrap_or_default()
            ))),
        }
    }

    /// Why this server takes no articles, if it takes none.
    pub(crate) fn read_only_reason(&self) -> Option<String> {
        match self {
            Intake::ReadOnly { writer: Some(w) } => Some(format!(
                "this server only reads; articles and their tasks go to the store's writer \
                 (its lock file names {w})"
            )),
            Intake::ReadOnly { writer: None } => Some(
                "this server only reads; articles and their tasks go to the store's writer".into(),
            ),
            _ => None,
        }
    }
}

/// Insights of the stories shown most recently. Stored articles never change, so an
/// insight holds for as long as its story holds the same articles: each entry keeps
/// the fingerprint of the article keys it was computed from, and a story that gained
/// or lost articles (a new report, a merge) is computed afresh.
#[derive(Default)]
struct InsightCache {
    entries: std::collections::HashMap<u64, (u64, StoryInsight)>,
    /// Story ids, least recently computed first.
    order: std::collections::VecDeque<u64>,
}

/// Stories whose insight is kept.
const INSIGHT_CACHE_STORIES: usize = 64;

impl InsightCache {
    fn get(&self, story: u64, fingerprint: u64) -> Option<StoryInsight> {
        self.entries
            .get(&story)
            .filter(|(f, _)| *f == fingerprint)
            .map(|(_, insight)| insight.clone())
    }

    fn put(&mut self, story: u64, fingerprint: u64, insight: StoryInsight) {
        self.order.retain(|id| *id != story);
        while self.order.len() >= INSIGHT_CACHE_STORIES {
            if let Some(oldest) = self.order.pop_front() {
                self.entries.remove(&oldest);
            }
        }
        self.order.push_back(story);
        self.entries.insert(story, (fingerprint, insight));
    }
}

/// Which articles a story holds, as one number.
fn article_fingerprint(story: &StoryDetail) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut keys: Vec<i64> = story.articles.iter().map(|a| a.key).collect();
    keys.sort_unstable();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    keys.hash(&mut hasher);
    hasher.finish()
}

impl AppState {
    /// `search` is a read-only view of the index the writer's engine keeps.
    pub fn new(
        reads: impl ReadStore + 'static,
        search: SearchIndex,
        tasks: Tasks,
        config: ServeConfig,
    ) -> Self {
        Self::over(Box::new(reads), search, Intake::Tasks(tasks), config)
    }

    /// Serves a shared store: reads through `reads`, posted articles into `queue`.
    pub fn shared(
        reads: Box<dyn ReadStore>,
        search: SearchIndex,
        queue: shared::SharedQueue,
        config: ServeConfig,
    ) -> Self {
        Self::over(reads, search, Intake::Queue(Arc::new(queue)), config)
    }

    /// Serves reads only, beside the store's writer (another process, named by
    /// `writer` when known): posted articles are refused with where to send them.
    pub fn read_only(
        reads: Box<dyn ReadStore>,
        search: SearchIndex,
        writer: Option<String>,
        config: ServeConfig,
    ) -> Self {
        Self::over(reads, search, Intake::ReadOnly { writer }, config)
    }

    fn over(
        reads: Box<dyn ReadStore>,
        search: SearchIndex,
        intake: Intake,
        config: ServeConfig,
    ) -> Self {
        AppState {
            reads: Arc::new(vec![Mutex::new(reads)]),
            next_read: Arc::default(),
            search: Arc::new(search),
            analyzer: Arc::new(Analyzer::default()),
            embedder: None,
            vectors: Arc::default(),
            pages: Arc::default(),
            insights: Arc::default(),
            intake,
            config: Arc::new(config),
        }
    }

    /// More read connections to the same store, so reads run side by side.
    pub fn with_more_reads<R: ReadStore + 'static>(self, more: Vec<R>) -> Self {
        let more = more.into_iter().map(|r| Box::new(r) as Box<dyn ReadStore>);
        self.with_more_boxed_reads(more.collect())
    }

    /// [`AppState::with_more_reads`] for connections of any store.
    pub fn with_more_boxed_reads(mut self, more: Vec<Box<dyn ReadStore>>) -> Self {
        let mut reads: Vec<Mutex<Box<dyn ReadStore>>> = match Arc::try_unwrap(self.reads) {
            Ok(reads) => reads,
            Err(shared) => {
                self.reads = shared;
                return self;
            }
        };
        reads.extend(more.into_iter().map(Mutex::new));
        self.reads = Arc::new(reads);
        self
    }

    /// Analyses stories' articles (names, quotes) as the engine does.
    pub fn with_analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Arc::new(analyzer);
        self
    }

    /// Shares the engine's embedding model with the story insight.
    pub fn with_embedder(mut self, embedder: Option<Arc<dyn Embedder>>) -> Self {
        self.embedder = embedder;
        self
    }

    /// A story and what its articles say together. The insight re-analyses every
    /// article (half a second for a story of thousands), so it runs on its own
    /// blocking task after the read connection is released, not while other
    /// requests wait for it, and is kept until the story's articles change.
    async fn story_with_insight(&self, id: u64) -> Result<(StoryDetail, StoryInsight), ApiError> {
        let story = self
            .read(move |s| {
                s.story(id)?
                    .ok_or(ApiError::NotFound(format!("story {id}")))
            })
            .await?;
        let fingerprint = article_fingerprint(&story);
        if let Some(insight) = self.cached_insight(story.summary.id, fingerprint) {
            return Ok((story, insight));
        }
        let analyzer = Arc::clone(&self.analyzer);
        let embedder = self.embedder.clone();
        let (story, insight) = tokio::task::spawn_blocking(move || {
            let insight = story_insight(&analyzer, embedder.as_deref(), &story);
            (story, insight)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Ok(mut cache) = self.insights.lock() {
            cache.put(story.summary.id, fingerprint, insight.clone());
        }
        Ok((story, insight))
    }

    fn cached_insight(&self, story: u64, fingerprint: u64) -> Option<StoryInsight> {
        self.insights.lock().ok()?.get(story, fingerprint)
    }

    /// Runs `f` with the read connection on a blocking thread.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn ReadStore) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let reads = Arc::clone(&self.reads);
        let turn = self
            .next_read
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tokio::task::spawn_blocking(move || {
            let free = reads.iter().find_map(|r| r.try_lock().ok());
            let store = match free {
                Some(store) => store,
                None => reads[turn % reads.len()]
                    .lock()
                    .map_err(|_| ApiError::Internal("read connection poisoned".into()))?,
            };
            f(store.as_ref())
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }
}

/// (method, path) of every API route.
pub fn api_endpoints() -> Vec<(&'static str, &'static str)> {
    endpoints::endpoints()
        .into_iter()
        .map(|e| (e.method, e.path))
        .collect()
}

/// The OpenAPI document served at `/api/openapi.json`, generated from the routes.
pub fn openapi_document() -> &'static serde_json::Value {
    &endpoints::DOCUMENT
}

/// All routes.
pub fn router(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    let pages = Router::new()
        .route("/", get(pages::story_list))
        .route("/stories/{id}", get(pages::story_page))
        .route("/stories/{id}/feed.atom", get(feeds::story_feed))
        .route("/articles/{key}", get(pages::article_page))
        .route("/feed.atom", get(feeds::stories_feed))
        .route("/alerts/{name}/feed.atom", get(alerts::alert_feed))
        .route("/search", get(pages::search_page))
        .route("/entities/{name}", get(entities::entity_page))
        .route("/static/style.css", get(pages::stylesheet));
    endpoints::endpoints()
        .into_iter()
        .fold(pages, |r, e| r.route(e.path, e.handler))
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// No inline script or style, nothing from other origins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(request: Request<axum::body::Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_public_url_is_checked_and_bases_feed_links() {
        let config = |url: &str| ServeConfig {
            public_url: Some(url.into()),
            ..ServeConfig::default()
        };
        assert_eq!(
            config("https://news.example/").base_url(),
            "https://news.example"
        );
        assert!(config("https://news.example").validate().is_ok());
        for bad in [
            "javascript:alert(1)",
            "news.example",
            "https://a.example/\"onload=x",
        ] {
            assert!(config(bad).validate().is_err(), "{bad}");
        }
        assert_eq!(ServeConfig::default().base_url(), "http://127.0.0.1:7878");
    }

    use super::*;

    fn insight(name: &str) -> StoryInsight {
        StoryInsight {
            entities: vec![storyline_engine::insight::NamedEntity {
                name: name.into(),
                kind: storyline_analyze::entities::EntityKind::Person,
                key: name.to_lowercase(),
                variants: Vec::new(),
                mentions: 1,
                articles: 1,
            }],
            quotes: Vec::new(),
            coverage: Vec::new(),
            digest: Vec::new(),
        }
    }

    #[test]
    fn the_insight_cache_keeps_the_most_recent_stories_for_their_articles_only() {
        let mut cache = InsightCache::default();
        cache.put(1, 10, insight("first"));
        assert_eq!(cache.get(1, 10), Some(insight("first")));
        assert_eq!(cache.get(1, 11), None, "other articles, other insight");
        for story in 2..=INSIGHT_CACHE_STORIES as u64 {
            cache.put(story, 0, insight("filler"));
        }
        // Story 1 computed again is the most recent, so a new story pushes out story 2.
        cache.put(1, 11, insight("second"));
        cache.put(1000, 0, insight("new"));
        assert_eq!(cache.get(1, 11), Some(insight("second")));
        assert_eq!(cache.get(2, 0), None);
        assert_eq!(cache.get(3, 0), Some(insight("filler")));
        assert_eq!(cache.entries.len(), INSIGHT_CACHE_STORIES);
        assert_eq!(cache.order.len(), INSIGHT_CACHE_STORIES);
    }
}
