//! The HTTP API and pages over a real store: writes through the task queue with a
//! token, reads with filters, errors as 4xx with reasons, untrusted text escaped.

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{
    articles, assert_well_formed, build_app, call, get, ingest, post, wait_for_task, TOKEN,
};
use serde_json::{json, Value};

#[tokio::test]
async fn ingest_through_the_api_then_read_stories_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);

    // No token, a wrong token: nothing is written.
    let (status, headers, _) = call(&app, post(&articles(), None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
    let (status, _, _) = call(&app, post(&articles(), Some("guess"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (status, headers, body) = call(&app, post(&articles(), Some(TOKEN))).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let location = headers[header::LOCATION].to_str().unwrap().to_string();
    let done = wait_for_task(&app, &location).await;
    assert_eq!(done["state"]["status"], "succeeded", "{done}");
    assert_eq!(done["state"]["summary"]["ingested"], 3, "{done}");

    let (status, headers, body) = get(&app, "/api/stories").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let stories = items(&body);
    assert_eq!(stories.len(), 2, "{body}");
    let harbour = stories
        .iter()
        .find(|s| s["article_count"] == 2)
        .expect("the harbour story");
    let id = harbour["id"].as_u64().unwrap();

    let (_, _, body) = get(&app, "/api/stories?language=uk").await;
    let uk = items(&body);
    assert_eq!(uk.len(), 1);
    assert_eq!(uk[0]["id"], id);
    let (_, _, body) = get(
        &app,
        "/api/stories?outlet=Dnipro%20News&min_articles=2&from=2026-03-01&to=2026-03-03",
    )
    .await;
    assert_eq!(items(&body).len(), 1, "{body}");
    // Paging: a page of one story, then the next, the last saying so; the web list
    // links the pages.
    let (_, _, body) = get(&app, "/api/stories?limit=1").await;
    let first: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (first["total"].as_u64(), first["next"].as_u64()),
        (Some(2), Some(1)),
        "{body}"
    );
    let (_, _, body) = get(&app, "/api/stories?limit=1&offset=1").await;
    let second: Value = serde_json::from_str(&body).unwrap();
    assert!(second["next"].is_null(), "{body}");
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    let (_, _, page) = get(&app, "/?limit=1").await;
    assert!(
        page.contains(r#"href="/?limit=1&amp;offset=1""#) && page.contains("1–1 of 2"),
        "{page}"
    );

    let (status, _, body) = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let story: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(story["articles"].as_array().unwrap().len(), 2);
    assert_eq!(story["outlets"].as_array().unwrap().len(), 2, "two outlets");
    assert_eq!(story["timeline"][0]["day"], "2026-03-02");
    // Both reports say Monday; the first came out on Monday 2 March.
    assert_eq!(
        story["event_date"]["day"], "2026-03-02",
        "{}",
        story["event_date"]
    );
    assert_eq!(story["event_date"]["basis"], "mentioned");
    assert_eq!(story["title_source"]["headline"], true);
    let summary = story["summary"].as_array().unwrap();
    assert!((1..=3).contains(&summary.len()), "{summary:?}");
    let coverage = story["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 2, "one entry per article");
    assert!(
        coverage
            .iter()
            .all(|c| c["conflicts"].as_array().unwrap().is_empty()),
        "{coverage:?}"
    );
    // A Ukrainian reader gets the Ukrainian headline.
    let (_, _, body) = get(&app, &format!("/api/stories/{id}?lang=uk")).await;
    let uk: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        uk["title_source"]["language"], "uk",
        "{}",
        uk["title_source"]
    );
    let quote = &story["quotes"][0];
    assert_eq!(quote["speaker"], "Brandvold", "{story}");
    assert!(quote["text"]
        .as_str()
        .unwrap()
        .starts_with("We will inspect every crane"));
    let brandvold = story["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e.to_string().contains("Brandvold"))
        .expect("the harbour master");
    assert_eq!(
        brandvold["articles"], 2,
        "one person in two scripts: {brandvold}"
    );
    let spellings = format!("{} {}", brandvold["name"], brandvold["variants"]);
    assert!(
        spellings.contains("Брандвольд") && spellings.contains("Brandvold"),
        "{spellings}"
    );

    // The story page renders the untrusted title and text as text.
    let (status, headers, html) = get(&app, &format!("/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert"), "{html}");
    assert!(
        html.contains("Dnipro News") && html.contains("<svg"),
        "{html}"
    );
    let (status, _, list) = get(&app, "/").await;
    // The choir story has one article from one outlet, and says so in the singular.
    assert!(
        list.contains("1 article<") && list.contains("1 outlet<") && !list.contains("1 articles"),
        "{list}"
    );
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&format!("/stories/{id}")));
    assert!(
        list.contains("2 outlets") && list.contains("1 outlet<"),
        "{list}"
    );
    // The article page, its JSON, and the feeds.
    let key = story["articles"][0]["key"].as_i64().unwrap();
    let (status, _, html) = get(&app, &format!("/articles/{key}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x"),
        "{html}"
    );
    assert!(
        html.contains("Veldmark") && html.contains(&format!("/stories/{id}")),
        "{html}"
    );
    let (status, _, body) = get(&app, &format!("/api/articles/{key}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["key"], key);
    for feed in [
        "/feed.atom?language=en".to_string(),
        format!("/stories/{id}/feed.atom"),
    ] {
        let (status, headers, xml) = get(&app, &feed).await;
        assert_eq!(status, StatusCode::OK, "{feed}");
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml"));
        assert!(xml.starts_with("<?xml") && xml.contains("<entry>"), "{xml}");
        assert!(!xml.contains("<script>") && !xml.contains("<img"), "{xml}");
        assert_well_formed(&xml);
    }
    // Feed links never echo the request's Host header.
    let spoofed = Request::get(format!("/stories/{id}/feed.atom"))
        .header(header::HOST, "evil.example")
        .body(Body::empty())
        .unwrap();
    let (_, _, xml) = call(&app, spoofed).await;
    assert!(
        !xml.contains("evil.example") && xml.contains("http://127.0.0.1:7878/articles/"),
        "{xml}"
    );
    let (_, _, story_feed) = get(&app, &format!("/stories/{id}/feed.atom")).await;
    assert_eq!(story_feed.matches("<entry>").count(), 2);
    assert!(story_feed.contains("&lt;script&gt;"));

    // Search: a name in Latin letters finds the Ukrainian report too (the index
    // reloads shortly after the writer commits).
    let started = Instant::now();
    let hits = loop {
        let (status, _, body) = get(&app, "/api/search?q=Brandvold").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let hits = v["items"].as_array().unwrap().clone();
        assert_eq!(v["total"].as_u64(), Some(hits.len() as u64), "{body}");
        if hits.len() >= 2 || started.elapsed() > Duration::from_secs(20) {
            break hits;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let languages: Vec<&str> = hits
        .iter()
        .map(|h| h["language"].as_str().unwrap())
        .collect();
    assert!(
        languages.contains(&"uk") && languages.contains(&"en"),
        "{hits:?}"
    );
    assert!(hits.iter().all(|h| h["story"] == id));
    // Each hit's passage marks the words that match, on the page as in the API.
    for h in &hits {
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        let marks = h["highlights"].as_array().unwrap();
        for m in marks {
            let (a, b) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            let word: String = snippet[a..b].iter().collect();
            assert_eq!(word.to_lowercase(), "brandvold", "{h}");
        }
    }
    assert!(hits
        .iter()
        .any(|h| h["language"] == "en" && h["highlights"] != json!([])));
    let (_, _, page) = get(&app, "/search?q=Brandvold").await;
    assert!(page.contains("<mark>Brandvold</mark>"), "{page}");
    // The stories the hits are in, each once, with how many of the hits it holds.
    let (_, _, body) = get(&app, "/api/search?q=Brandvold").await;
    let stories = serde_json::from_str::<Value>(&body).unwrap()["stories"].clone();
    assert_eq!(stories.as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(stories[0]["id"], id);
    assert_eq!(
        stories[0]["hits"].as_u64(),
        Some(hits.len() as u64),
        "{body}"
    );
    // Paging: a page of one, then the next, then past the end.
    let page = |offset: usize| {
        let app = app.clone();
        async move {
            let uri = format!("/api/search?q=Brandvold&limit=1&offset={offset}");
            let (status, _, body) = get(&app, &uri).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Value>(&body).unwrap()
        }
    };
    let (first, second) = (page(0).await, page(1).await);
    assert_eq!(
        (first["total"].as_u64(), first["next"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(second["next"], Value::Null);
    assert_ne!(first["items"][0]["key"], second["items"][0]["key"]);
    let (status, _, body) = get(&app, "/api/search?q=Brandvold&offset=99999").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("offset"), "{body}");
    let (_, _, body) = get(&app, "/api/search?q=choir&language=en").await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let (status, _, page) = get(&app, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E+crane").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("<script>alert") && page.contains("/articles/"),
        "{page}"
    );

    // Filter by a name in any script; similar stories through the index.
    let (_, _, body) = get(
        &app,
        "/api/stories?entity=%D0%91%D1%80%D0%B0%D0%BD%D0%B4%D0%B2%D0%BE%D0%BB%D1%8C%D0%B4",
    )
    .await;
    let named = items(&body);
    assert_eq!(named.len(), 1, "{body}");
    assert_eq!(named[0]["id"], id);
    // The entity's page: its stories and spellings, from a name in either script.
    let (status, _, body) = get(
        &app,
        "/api/entities/%D0%91%D1%80%D0%B0%D0%BD%D0%B4%D0%B2%D0%BE%D0%BB%D1%8C%D0%B4",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let entity: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(entity["stories"].as_array().unwrap().len(), 1, "{entity}");
    assert_eq!(entity["stories"][0]["id"], id);
    assert!(
        entity["variants"].to_string().contains("Brandvold"),
        "{entity}"
    );
    let (status, _, html) = get(&app, "/entities/Brandvold").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("/stories/{id}")), "{html}");
    let later = json!({"id": "harbour-reopens", "url": "https://coast.example/harbour-reopens", "source": "Coast Herald",
        "title": "Veldmark harbour container terminal reopens after crane repairs",
        "text": "Half a year after a crane collapsed there, the Veldmark container terminal reopened on Tuesday, harbour master Ilse Brandvold said.",
        "published": "2026-09-01T08:00:00Z", "lang": "en"});
    let (status, headers, _) = call(&app, post(&later.to_string(), Some(TOKEN))).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    wait_for_task(&app, headers[header::LOCATION].to_str().unwrap()).await;
    let started = Instant::now();
    let similar = loop {
        let (status, _, body) = get(&app, &format!("/api/stories/{id}/similar")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let list = v["similar"].as_array().unwrap().clone();
        if !list.is_empty() || started.elapsed() > Duration::from_secs(20) {
            break list;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(similar.iter().all(|s| s["id"] != id), "not itself");
    assert!(
        similar[0]["title"].as_str().unwrap().contains("reopens"),
        "{similar:?}"
    );

    let (status, headers, css) = get(&app, "/static/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
            && css.contains("body")
    );
}

/// Every tag opened is closed, in order (enough to catch unescaped markup).

#[tokio::test]
async fn bad_requests_get_reasons_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 2_000);
    for (uri, status, words) in [
        ("/api/stories?limit=abc", StatusCode::BAD_REQUEST, "limit"),
        (
            "/api/stories?limit=100000",
            StatusCode::BAD_REQUEST,
            "between",
        ),
        (
            "/api/stories?from=last%20week",
            StatusCode::BAD_REQUEST,
            "from",
        ),
        ("/api/stories?sort=random", StatusCode::BAD_REQUEST, "sort"),
        ("/api/stories/abc", StatusCode::BAD_REQUEST, "whole number"),
        ("/api/stories/99", StatusCode::NOT_FOUND, "story 99"),
        ("/api/tasks/7", StatusCode::NOT_FOUND, "task 7"),
        ("/stories/99", StatusCode::NOT_FOUND, "story 99"),
        ("/?limit=-1", StatusCode::BAD_REQUEST, "limit"),
        ("/articles/0", StatusCode::BAD_REQUEST, "positive"),
        ("/api/articles/42", StatusCode::NOT_FOUND, "article 42"),
        ("/stories/5/feed.atom", StatusCode::NOT_FOUND, "story 5"),
        (
            "/feed.atom?min_articles=many",
            StatusCode::BAD_REQUEST,
            "min_articles",
        ),
        ("/api/search", StatusCode::BAD_REQUEST, "required"),
        ("/api/search?q=x&limit=0", StatusCode::BAD_REQUEST, "limit"),
        (
            "/api/search?q=x&meaning=maybe",
            StatusCode::BAD_REQUEST,
            "meaning",
        ),
        (
            "/api/search?q=%22the%20the%20the%22~1000000",
            StatusCode::BAD_REQUEST,
            "slop",
        ),
        (
            "/api/search?q=-only%20-exclusions",
            StatusCode::BAD_REQUEST,
            "at least one",
        ),
        (
            "/search?q=%22open%20quote",
            StatusCode::BAD_REQUEST,
            "closing one",
        ),
        (
            "/api/search?q=storm&language=klingon",
            StatusCode::BAD_REQUEST,
            "language",
        ),
    ] {
        let (got, _, body) = get(&app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(body.contains(words), "{uri}: {body}");
    }
    let (status, _, body) = call(&app, post("<html>not json</html>", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    for (array, words) in [
        ("[0, 1, 2]", "item 1 of the JSON array is a number"),
        (
            "[{\"text\": \"A storm.\"}, \"text\"]",
            "item 2 of the JSON array is a string",
        ),
        ("[]", "holds no article"),
    ] {
        let (status, _, body) = call(&app, post(array, Some(TOKEN))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{array}: {body}");
        assert!(body.contains(words), "{array}: {body}");
    }
    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(5_000));
    let (status, _, _) = call(&app, post(&big, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    let other = tempfile::tempdir().unwrap();
    let read_only = build_app(other.path(), None, 1 << 20);
    let (status, _, body) = call(&read_only, post(&articles(), Some(TOKEN))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}

/// The names and quotes of a story, read through the API.
async fn story_insight(app: &Router, id: u64) -> (Vec<String>, usize) {
    let (status, _, body) = get(app, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let story: Value = serde_json::from_str(&body).unwrap();
    let names = story["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    (names, story["quotes"].as_array().unwrap().len())
}

#[tokio::test]
async fn a_storys_names_and_quotes_follow_its_new_articles() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);
    let all: Vec<Value> = serde_json::from_str(&articles()).unwrap();
    ingest(&app, &Value::Array(all[..1].to_vec()).to_string()).await;
    let (_, _, body) = get(&app, "/api/stories").await;
    let stories = items(&body);
    let id = stories[0]["id"].as_u64().unwrap();
    let (names, quotes) = story_insight(&app, id).await;
    assert!(!names.iter().any(|n| n.contains("Kovanen")), "{names:?}");
    // Shown twice: the second answer is the same.
    assert_eq!(story_insight(&app, id).await, (names.clone(), quotes));

    let follow_up = json!([{"id": "harbour-en-2", "url": "https://bay.example/crane-inquiry",
        "source": "Bay Courier", "title": "Veldmark harbour crane collapse: inspectors arrive",
        "text": "Inspectors arrived at Veldmark harbour on Monday afternoon after the container crane \
                 collapse, harbour master Ilse Brandvold said. Safety inspector Aino Kovanen will lead \
                 the review of the Veldmark container terminal. “Every weld on that crane will be \
                 examined before anyone works under it again,” Kovanen said.",
        "published": "2026-03-02T15:00:00Z", "lang": "en"}]);
    ingest(&app, &follow_up.to_string()).await;
    let (_, _, body) = get(&app, "/api/stories").await;
    let stories = items(&body);
    assert_eq!(stories.len(), 1, "the follow-up joins the story: {body}");
    let (names, more_quotes) = story_insight(&app, id).await;
    assert!(names.iter().any(|n| n.contains("Kovanen")), "{names:?}");
    assert_eq!(more_quotes, quotes + 1);
}

#[tokio::test]
async fn tasks_with_failed_lines_say_so_and_the_list_pages_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);
    let good =
        json!({"id": "a", "text": "Ferry services to Skarvik resumed on Tuesday after the storm."});
    let body = format!("{good}\n{{\"id\": \"b\", \"text\": 7}}\n");
    let mut locations = Vec::new();
    for body in [good.to_string(), body] {
        let (status, headers, text) = call(&app, post(&body, Some(TOKEN))).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{text}");
        locations.push(headers[header::LOCATION].to_str().unwrap().to_string());
        wait_for_task(&app, locations.last().unwrap()).await;
    }
    let (_, _, text) = get(&app, &locations[1]).await;
    let second: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        second["state"]["status"], "succeeded_with_errors",
        "{second}"
    );
    assert_eq!(second["state"]["errors"].as_array().map(Vec::len), Some(1));

    let (status, _, text) = get(&app, "/api/tasks?limit=1").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let page: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["items"][0]["task"], second["task"], "{page}");
    let next = page["next"].as_u64().unwrap();
    let (_, _, text) = get(&app, &format!("/api/tasks?limit=1&before={next}")).await;
    let page: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["items"][0]["state"]["status"], "succeeded", "{page}");
    let (_, _, text) = get(&app, "/api/tasks").await;
    let all: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(all["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(all["total"].as_u64(), Some(2), "{all}");
    assert!(all["next"].is_null(), "{all}");
    for bad in [
        "/api/tasks?before=x",
        "/api/tasks?limit=0",
        "/api/tasks?state=done",
    ] {
        assert_eq!(get(&app, bad).await.0, StatusCode::BAD_REQUEST, "{bad}");
    }
}

/// The `items` of a paged list response.
fn items(body: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(body).unwrap();
    v["items"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no items: {body}"))
}
