//! Building the app over a real store, and calling it, for the API tests.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use storyline_engine::{Engine, EngineConfig};
use storyline_ingest::IngestConfig;
use storyline_search::SearchIndex;
use storyline_server::{router, AppState, ServeConfig, Tasks};
use storyline_store::SqliteStore;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token-8c1f";

pub fn build_app(dir: &std::path::Path, token: Option<&str>, max_body_bytes: usize) -> Router {
    let config = ServeConfig {
        token: token.map(str::to_string),
        max_body_bytes,
        ..ServeConfig::default()
    };
    router(build_state(dir, config))
}

/// The server's state over a new store in `dir`, lexical only.
pub fn build_state(dir: &std::path::Path, config: ServeConfig) -> AppState {
    let store = SqliteStore::open_dir_for_writing(dir).unwrap();
    let mut engine = Engine::open(store, &EngineConfig::default(), None).unwrap();
    let index = dir.join("index");
    engine
        .attach_search(SearchIndex::open(&index, true).unwrap())
        .unwrap();
    let queue = SqliteStore::open_dir_existing(dir).unwrap();
    let tasks = Tasks::start(engine, IngestConfig::default().build().unwrap(), queue).unwrap();
    let reads = SqliteStore::open_dir_existing(dir).unwrap();
    let search = SearchIndex::open(&index, false).unwrap();
    AppState::new(reads, search, tasks, config)
}

pub async fn call(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

pub async fn get(app: &Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub fn post(body: &str, token: Option<&str>) -> Request<Body> {
    let mut request =
        Request::post("/api/articles").header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    request.body(Body::from(body.to_string())).unwrap()
}

pub fn articles() -> String {
    json!([
        {"id": "harbour-en", "url": "https://coast.example/harbour-crane", "source": "Coast Herald",
         "title": "Crane collapses at Veldmark harbour <script>alert('x')</script>",
         "text": "A container crane collapsed at Veldmark harbour on Monday morning, harbour master Ilse Brandvold said. \
                  Nobody was hurt, but the Veldmark container terminal will stay closed until Wednesday. <img src=x onerror=alert(1)> \
                  “We will inspect every crane on the quay before the terminal reopens,” Brandvold said.",
         "published": "2026-03-02T08:00:00Z", "lang": "en"},
        {"id": "harbour-uk", "url": "https://dnipro.example/kran", "source": "Dnipro News",
         "title": "У порту Вельдмарк обвалився кран",
         "text": "У понеділок уранці в порту Вельдмарк обвалився контейнерний кран, повідомила начальниця порту Ільзе Брандвольд. \
                  Ніхто не постраждав, але контейнерний термінал Veldmark буде закритий до середи.",
         "published": "2026-03-02T11:00:00Z", "lang": "uk"},
        {"id": "choir", "url": "https://coast.example/choir", "source": "Coast Herald",
         "title": "Youth choir from Orsund wins the northern festival",
         "text": "The youth choir of Orsund won first prize at the northern choral festival in Teglby on Saturday, \
                  conductor Marit Solheim said after the final round of the competition.",
         "published": "2026-03-07T18:00:00Z", "lang": "en"}
    ])
    .to_string()
}

pub async fn wait_for_task(app: &Router, location: &str) -> Value {
    let started = Instant::now();
    loop {
        let (status, _, body) = get(app, location).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let state = v["state"]["status"].as_str().unwrap_or("").to_string();
        if ["succeeded", "succeeded_with_errors", "failed"].contains(&state.as_str()) {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "task never finished: {v}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{xml}"),
        }
    }
}

pub async fn ingest(app: &Router, body: &str) {
    let (status, headers, reply) = call(app, post(body, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{reply}");
    let location = headers[header::LOCATION].to_str().unwrap().to_string();
    let done = wait_for_task(app, &location).await;
    assert_eq!(done["state"]["status"], "succeeded", "{done}");
}
