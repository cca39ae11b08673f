//! `storyline serve`: the HTTP API and the web UI over the same store the CLI uses.
//!
//! Reads go to their own SQLite connection (WAL lets them run beside the writer);
//! writes go through a task queue to the one thread that owns the engine
//! ([`tasks`]). The engine crates know nothing of HTTP: this crate drives them.
//! Every response carries a strict Content-Security-Policy, and all article text in
//! HTML is escaped by the template engine (news HTML is untrusted).

mod api;
mod error;
mod feeds;
mod pages;
pub mod tasks;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::{Deserialize, Serialize};
use storyline_analyze::Analyzer;
use storyline_engine::insight::{story_insight, StoryInsight};
use storyline_search::SearchIndex;
use storyline_store::SqliteStore;
use storyline_store::{Store, StoryDetail};

pub use error::ApiError;
pub use tasks::{TaskStatus, Tasks};

/// Server settings (`server` section of the config file); unknown keys are errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Bearer token that `POST /api/articles` requires; without one, writes are off.
    pub token: Option<String>,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 7878)),
            token: None,
            max_body_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    reads: Arc<Mutex<SqliteStore>>,
    search: Arc<SearchIndex>,
    analyzer: Arc<Analyzer>,
    tasks: Tasks,
    config: Arc<ServeConfig>,
}

impl AppState {
    /// `search` is a read-only view of the index the writer's engine keeps.
    pub fn new(reads: SqliteStore, search: SearchIndex, tasks: Tasks, config: ServeConfig) -> Self {
        AppState {
            reads: Arc::new(Mutex::new(reads)),
            search: Arc::new(search),
            analyzer: Arc::new(Analyzer::default()),
            tasks,
            config: Arc::new(config),
        }
    }

    /// Analyses stories' articles (names, quotes) as the engine does.
    pub fn with_analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Arc::new(analyzer);
        self
    }

    /// A story and what its articles say together. The insight re-analyses every
    /// article (a second or more for a story of thousands), so it runs on its own
    /// blocking task after the read connection is released, not while other
    /// requests wait for it.
    async fn story_with_insight(&self, id: u64) -> Result<(StoryDetail, StoryInsight), ApiError> {
        let story = self
            .read(move |s| {
                s.story(id)?
                    .ok_or(ApiError::NotFound(format!("story {id}")))
            })
            .await?;
        let analyzer = Arc::clone(&self.analyzer);
        tokio::task::spawn_blocking(move || {
            let insight = story_insight(&analyzer, &story);
            (story, insight)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
    }

    /// Runs `f` with the read connection on a blocking thread.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let reads = Arc::clone(&self.reads);
        tokio::task::spawn_blocking(move || {
            let store = reads
                .lock()
                .map_err(|_| ApiError::Internal("read connection poisoned".into()))?;
            f(&store)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }
}

/// The JSON API's routes as (method, path, handler): the router is built from this
/// table and a test holds `/api/openapi.json` to it, so the document cannot drift.
fn api_table() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("get", "/api/stories", get(api::list_stories)),
        ("get", "/api/stories/{id}", get(api::get_story)),
        ("get", "/api/stories/{id}/similar", get(api::get_similar)),
        ("post", "/api/articles", post(api::post_articles)),
        ("get", "/api/articles/{key}", get(api::get_article)),
        ("get", "/api/tasks/{id}", get(api::get_task)),
        ("get", "/api/search", get(api::search)),
        ("get", "/api/openapi.json", get(api::openapi)),
    ]
}

/// (method, path) of every API route.
pub fn api_endpoints() -> Vec<(&'static str, &'static str)> {
    api_table().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// The OpenAPI document served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// All routes.
pub fn router(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    let pages = Router::new()
        .route("/", get(pages::story_list))
        .route("/stories/{id}", get(pages::story_page))
        .route("/stories/{id}/feed.atom", get(feeds::story_feed))
        .route("/articles/{key}", get(pages::article_page))
        .route("/feed.atom", get(feeds::stories_feed))
        .route("/search", get(pages::search_page))
        .route("/static/style.css", get(pages::stylesheet));
    api_table()
        .into_iter()
        .fold(pages, |r, (_, path, handler)| r.route(path, handler))
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

/// Serves until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("storyline serving on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
