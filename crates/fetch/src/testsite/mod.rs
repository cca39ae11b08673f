//! A news site on 127.0.0.1 for tests and benchmarks (feature `testsite`): feeds,
//! sitemaps, a home page, article pages in three languages, and pages that fail
//! the ways real sites fail. It serves any host name (route by path; pin names to
//! it with `watch.resolve`), logs every request, and counts how many requests
//! each host has in flight, so politeness can be checked from the server's side.
//! A host whose name starts with `slow.` is given `Crawl-delay: 0.2` in its robots.txt;
//! one whose name starts with `down.` gets a 503 for its robots.txt.

mod articles;
mod routes;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

pub use articles::{Report, REPORTS};
pub use routes::FAULT_PATHS;

/// One request as the site saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub host: String,
    pub path: String,
    /// It carried `If-None-Match` or `If-Modified-Since`.
    pub conditional: bool,
    /// When it arrived.
    pub at: std::time::Instant,
}

#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub log: Mutex<Vec<Logged>>,
    /// Bumped by [`Site::change_feed`]: each version adds two more items.
    pub feed_version: AtomicU32,
    /// Requests answered so far by `/flaky/…` (the first of each path fails).
    pub flaky: Mutex<HashMap<String, u32>>,
    pub in_flight: Mutex<HashMap<String, (usize, usize)>>,
    pub port: AtomicU32,
    /// Milliseconds each article page takes to answer.
    pub latency_ms: AtomicU32,
}

/// The running site; it stops with the test process.
pub struct Site {
    pub port: u16,
    shared: Arc<Shared>,
}

impl Site {
    /// Starts the site on a free port of 127.0.0.1.
    pub fn start() -> std::io::Result<Site> {
        let shared = Arc::new(Shared::default());
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        shared.port.store(u32::from(port), Ordering::SeqCst);
        let router = routes::router(shared.clone());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        std::thread::spawn(move || {
            runtime.block_on(async move {
                if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                    let _ = axum::serve(listener, router).await;
                }
            });
        });
        Ok(Site { port, shared })
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `http://HOST:PORT{path}`, for a host pinned to the site.
    pub fn url_at(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    /// `HOST:PORT:127.0.0.1`, the pin that sends `host` here.
    pub fn pin(&self, host: &str) -> String {
        format!("{host}:{}:127.0.0.1", self.port)
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Logged> {
        self.shared
            .log
            .lock()
            .map(|l| l.clone())
            .unwrap_or_default()
    }

    pub fn clear_log(&self) {
        if let Ok(mut log) = self.shared.log.lock() {
            log.clear();
        }
    }

    /// The feeds gain two items (and a new ETag).
    pub fn change_feed(&self) {
        self.shared.feed_version.fetch_add(1, Ordering::SeqCst);
    }

    /// Each article page waits this long before answering.
    pub fn set_latency_ms(&self, ms: u32) {
        self.shared.latency_ms.store(ms, Ordering::SeqCst);
    }

    /// The most requests each host had in flight at once, by host.
    pub fn peak_in_flight(&self) -> Vec<(String, usize)> {
        let mut all: Vec<(String, usize)> = self
            .shared
            .in_flight
            .lock()
            .map(|m| m.iter().map(|(h, (_, peak))| (h.clone(), *peak)).collect())
            .unwrap_or_default();
        all.sort();
        all
    }
}
