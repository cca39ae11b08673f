//! The site's pages. Article pages are `/news/N` for the N-th report; feeds and
//! sitemaps list them; the fault pages fail one way each.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::articles::{Report, REPORTS};
use super::{Logged, Shared};

type Site = State<Arc<Shared>>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/robots.txt", get(robots))
        .route("/plain", get(plain_home))
        .route("/feed.xml", get(feed))
        .route("/growing.xml", get(growing))
        .route("/feed.json", get(json_feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/sitemap_index.xml", get(sitemap_index))
        .route("/faults.xml", get(faults))
        .route("/news/{n}", get(article))
        .route("/private/{n}", get(article))
        .route("/flaky/{n}", get(flaky))
        .route("/slow", get(slow))
        .route("/loop/{n}", get(redirect_loop))
        .route("/big", get(big))
        .route("/bomb", get(bomb))
        .route("/cp1251", get(wrong_charset))
        .route("/to-local", get(to_local))
        .route("/ratelimited", get(rate_limited))
        .route("/garbage.xml", get(garbage))
        .layer(middleware::from_fn_with_state(shared.clone(), track))
        .with_state(shared)
}

/// Logs the request and counts it in flight for its host while it is answered.
async fn track(State(shared): Site, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let conditional = headers.contains_key(header::IF_NONE_MATCH)
        || headers.contains_key(header::IF_MODIFIED_SINCE);
    if let Ok(mut log) = shared.log.lock() {
        log.push(Logged {
            host: host.clone(),
            path: request.uri().to_string(),
            conditional,
            at: std::time::Instant::now(),
        });
    }
    let change = |delta: isize| {
        if let Ok(mut map) = shared.in_flight.lock() {
            let slot = map.entry(host.clone()).or_default();
            slot.0 = slot.0.saturating_add_signed(delta);
            slot.1 = slot.1.max(slot.0);
        }
    };
    change(1);
    let response = next.run(request).await;
    change(-1);
    response
}

fn host_of(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string()
}

fn typed(content_type: &'static str, body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}

async fn home() -> Response {
    typed(
        "text/html; charset=utf-8",
        "<!doctype html><html lang=en><head><title>Harbour Post</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" title=\"All news\" href=\"/feed.xml\">\
         </head><body><h1>Harbour Post</h1><p>News from the coast.</p></body></html>",
    )
}

/// A home page that announces no feed: its robots.txt's sitemap is the way in.
async fn plain_home() -> Response {
    typed(
        "text/html; charset=utf-8",
        "<!doctype html><html><head><title>Harbour Post</title></head><body><p>News.</p></body></html>",
    )
}

async fn robots(headers: HeaderMap) -> Response {
    let host = host_of(&headers);
    if host.starts_with("down.") {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let delay = if host.starts_with("slow.") {
        "Crawl-delay: 0.2\n"
    } else {
        ""
    };
    typed(
        "text/plain",
        format!(
            "User-agent: *\n{delay}Disallow: /private/\n\nSitemap: http://{host}/sitemap.xml\n"
        ),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rss_item(n: usize, report: &Report) -> String {
    format!(
        "<item><title>{}</title><link>/news/{n}</link><guid isPermaLink=\"false\">report-{n}</guid>\
         <pubDate>{}</pubDate><description>{}</description></item>",
        escape(report.title),
        chrono::DateTime::parse_from_rfc3339(report.published)
            .map(|d| d.to_rfc2822())
            .unwrap_or_default(),
        escape(report.paragraphs[0]),
    )
}

/// An RSS feed of the first `count` reports, answered 304 when the client has this version.
fn rss(headers: &HeaderMap, count: usize, version: u32) -> Response {
    let etag = format!("\"v{version}-{count}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let items: String = REPORTS
        .iter()
        .take(count)
        .enumerate()
        .map(|(n, r)| rss_item(n, r))
        .collect();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>Harbour Post</title><link>/</link>{items}</channel></rss>"
    );
    let mut response = typed("application/rss+xml; charset=utf-8", body);
    if let Ok(v) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

async fn feed(headers: HeaderMap) -> Response {
    rss(&headers, REPORTS.len(), 0)
}

async fn growing(State(shared): Site, headers: HeaderMap) -> Response {
    let version = shared.feed_version.load(Ordering::SeqCst);
    rss(
        &headers,
        (10 + 2 * version as usize).min(REPORTS.len()),
        version,
    )
}

async fn json_feed() -> Response {
    let items: Vec<serde_json::Value> = REPORTS
        .iter()
        .enumerate()
        .map(|(n, r)| {
            serde_json::json!({"id": format!("report-{n}"), "url": format!("/news/{n}"),
                "title": r.title, "date_published": r.published})
        })
        .collect();
    let feed = serde_json::json!({"version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Post", "items": items});
    typed("application/feed+json", feed.to_string())
}

async fn sitemap(headers: HeaderMap) -> Response {
    let host = host_of(&headers);
    let urls: String = REPORTS
        .iter()
        .enumerate()
        .map(|(n, r)| {
            format!(
                "<url><loc>http://{host}/news/{n}</loc><news:news><news:publication>\
                 <news:name>Harbour Post</news:name><news:language>{}</news:language>\
                 </news:publication><news:publication_date>{}</news:publication_date>\
                 <news:title>{}</news:title></news:news></url>",
                r.language,
                r.published,
                escape(r.title)
            )
        })
        .collect();
    typed(
        "application/xml",
        format!(
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
             xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>"
        ),
    )
}

async fn sitemap_index(headers: HeaderMap) -> Response {
    let host = host_of(&headers);
    typed(
        "application/xml",
        format!(
            "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <sitemap><loc>http://{host}/sitemap.xml</loc><lastmod>2026-11-10</lastmod></sitemap></sitemapindex>"
        ),
    )
}

/// The pages `/faults.xml` lists, in its order: a 500 then the page, 5 s of
/// silence, a redirect loop, 30 MB, a gzip bomb, a lying charset, a page robots.txt
/// disallows, a redirect to 127.0.0.1, a 404, a 429 asking for an hour.
pub const FAULT_PATHS: [&str; 10] = [
    "/flaky/1",
    "/slow",
    "/loop/1",
    "/big",
    "/bomb",
    "/cp1251",
    "/private/0",
    "/to-local",
    "/missing",
    "/ratelimited",
];

/// A feed whose items each lead to a page that fails one way.
async fn faults() -> Response {
    let items: String = FAULT_PATHS
        .iter()
        .map(|p| format!("<item><title>{p}</title><link>{p}</link></item>"))
        .collect();
    typed(
        "application/rss+xml",
        format!("<rss version=\"2.0\"><channel><title>Faults</title>{items}</channel></rss>"),
    )
}

fn page_html(report: &Report) -> String {
    let body: String = report
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title} | Harbour Post</title>\
         <meta property=\"article:published_time\" content=\"{published}\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>{title}</h1>{body}</article>\
         <footer>© Harbour Post. All rights reserved.</footer></body></html>",
        lang = report.language,
        title = escape(report.title),
        published = report.published,
    )
}

async fn article(State(shared): Site, Path(n): Path<usize>) -> Response {
    let latency = shared.latency_ms.load(Ordering::SeqCst);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(u64::from(latency))).await;
    }
    match REPORTS.get(n) {
        Some(report) => typed("text/html; charset=utf-8", page_html(report)),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn flaky(State(shared): Site, Path(n): Path<usize>) -> Response {
    let hits = shared
        .flaky
        .lock()
        .map(|mut m| {
            let hits = m.entry(n.to_string()).or_default();
            *hits += 1;
            *hits
        })
        .unwrap_or(1);
    if hits == 1 {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    typed(
        "text/html; charset=utf-8",
        page_html(&REPORTS[n % REPORTS.len()]),
    )
}

async fn slow() -> Response {
    tokio::time::sleep(Duration::from_secs(5)).await;
    typed("text/html", "<p>too late</p>")
}

async fn redirect_loop(Path(n): Path<u32>) -> Response {
    let next = if n == 1 { "/loop/2" } else { "/loop/1" };
    (StatusCode::FOUND, [(header::LOCATION, next)]).into_response()
}

async fn big() -> Response {
    typed("text/html", vec![b'a'; 30 << 20])
}

/// 64 MiB of zeros in about 64 KiB of gzip.
async fn bomb() -> Response {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        if encoder.write_all(&zeros).is_err() {
            break;
        }
    }
    let gz = encoder.finish().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/html"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        gz,
    )
        .into_response()
}

/// A Ukrainian report in windows-1251, sent with a header that says UTF-8.
async fn wrong_charset() -> Response {
    let html = page_html(&REPORTS[3]).replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
    typed("text/html; charset=utf-8", bytes.into_owned())
}

async fn to_local(State(shared): Site) -> Response {
    let port = shared.port.load(Ordering::SeqCst);
    let target = format!("http://127.0.0.1:{port}/news/0");
    (StatusCode::FOUND, [(header::LOCATION, target)]).into_response()
}

async fn rate_limited() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "3600")],
    )
        .into_response()
}

async fn garbage() -> Response {
    typed(
        "application/xml",
        vec![0xffu8, 0x00, 0x13, 0x37, 0x00, 0xfe],
    )
}
