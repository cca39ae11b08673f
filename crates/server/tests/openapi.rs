//! The generated OpenAPI document against what the server really answers: every
//! route's answers, successes and errors alike, validate against the schema the
//! document gives for their status, with no field the document does not name; and
//! every bound it states for a parameter is the one the server enforces.

mod common;

use axum::http::{header, StatusCode};
use axum::Router;
use common::{articles, build_app, call, get, post, wait_for_task, TOKEN};
use serde_json::{json, Value};

fn document() -> &'static Value {
    storyline_server::openapi_document()
}

/// The document's route for a concrete path (`/api/stories/7` → `/api/stories/{id}`).
fn template(doc: &Value, path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let wanted: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .find(|t| {
            let parts: Vec<&str> = t.split('/').collect();
            parts.len() == wanted.len()
                && parts
                    .iter()
                    .zip(&wanted)
                    .all(|(p, w)| p.starts_with('{') || p == w)
        })
        .unwrap_or_else(|| panic!("{path} is not documented"))
        .clone()
}

/// Objects with named properties take no others: an undocumented field fails.
fn strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("unevaluatedProperties") {
                map.insert("unevaluatedProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(strict);
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

/// Checks an answer against the document: its status is documented for the route
/// and its body validates against that status's schema.
fn conforms(method: &str, path: &str, status: StatusCode, body: &str) {
    let doc = document();
    let route = template(doc, path);
    let answer = &doc["paths"][&route][method]["responses"][status.as_str()];
    assert!(
        answer.is_object(),
        "{method} {path}: {status} is not documented"
    );
    let mut root = json!({
        "allOf": [answer["content"]["application/json"]["schema"]],
        "components": doc["components"],
    });
    strict(&mut root);
    let validator = jsonschema::draft202012::new(&root).unwrap();
    let instance: Value = serde_json::from_str(body).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} ({status}) does not match the document:\n{}\n{body}",
        errors.join("\n")
    );
}

async fn read(app: &Router, path: &str) -> Value {
    let (status, _, body) = get(app, path).await;
    conforms("get", path, status, &body);
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn every_answer_matches_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);

    let (status, headers, body) = call(&app, post(&articles(), Some(TOKEN))).await;
    conforms("post", "/api/articles", status, &body);
    let location = headers[header::LOCATION].to_str().unwrap().to_string();
    wait_for_task(&app, &location).await;
    // A task with a failed line: the other shape of a finished task.
    let (status, headers, body) =
        call(&app, post("{\"text\":\"ok\"}\nnot json", Some(TOKEN))).await;
    conforms("post", "/api/articles", status, &body);
    let failed = headers[header::LOCATION].to_str().unwrap().to_string();
    wait_for_task(&app, &failed).await;

    let stories = read(&app, "/api/stories?limit=50").await;
    // The article with neither a source nor a URL: its outlet is null, not a word.
    let lone = stories["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "ok")
        .and_then(|s| s["id"].as_u64())
        .unwrap();
    let lone = read(&app, &format!("/api/stories/{lone}")).await;
    assert!(lone["outlets"][0]["outlet"].is_null(), "{lone}");
    assert!(lone["timeline"][0]["outlet"].is_null(), "{lone}");
    let id = stories["items"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|s| s["article_count"].as_u64())
        .and_then(|s| s["id"].as_u64())
        .unwrap();
    let story = read(&app, &format!("/api/stories/{id}?lang=uk")).await;
    assert!(!story["quotes"].as_array().unwrap().is_empty(), "{story}");
    read(&app, &format!("/api/stories/{id}/similar")).await;
    let key = story["articles"][0]["key"].as_u64().unwrap();
    read(&app, &format!("/api/articles/{key}")).await;
    read(&app, "/api/tasks?limit=1").await;
    read(&app, &location).await;
    let task = read(&app, &failed).await;
    assert_eq!(task["state"]["status"], "succeeded_with_errors", "{task}");
    // The index reloads shortly after the writer commits.
    let started = std::time::Instant::now();
    loop {
        let found = read(&app, "/api/search?q=crane&limit=5").await;
        if found["total"].as_u64() > Some(0) {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "{found}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    read(&app, "/api/entities/Brandvold").await;
    read(&app, "/api/openapi.json").await;

    // Errors: each status in the document's error shape.
    for path in [
        "/api/stories?colour=red",
        "/api/stories/abc",
        "/api/stories/999999",
        "/api/articles/999999",
        "/api/tasks/0x1",
        "/api/tasks/999999",
        "/api/search?q=%22a%20b%22~99",
    ] {
        let (status, _, body) = get(&app, path).await;
        assert!(status.is_client_error(), "{path}: {status}");
        conforms("get", path, status, &body);
    }
    let (status, _, body) = call(&app, post(&articles(), None)).await;
    conforms("post", "/api/articles", status, &body);
    let (status, _, body) = call(&app, post("<html>", Some(TOKEN))).await;
    conforms("post", "/api/articles", status, &body);
}

#[tokio::test]
async fn the_bounds_the_document_gives_are_the_ones_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);
    let doc = document();
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let Some(params) = ops["get"]["parameters"].as_array() else {
            continue;
        };
        let base = if path == "/api/search" {
            "q=crane&"
        } else {
            ""
        };
        for p in params.iter().filter(|p| p["in"] == "query") {
            let name = p["name"].as_str().unwrap();
            let schema = &p["schema"];
            for (bound, inside, outside) in [("maximum", 0, 1), ("minimum", 0, -1)] {
                let Some(limit) = schema[bound].as_i64() else {
                    continue;
                };
                let uri = |v: i64| format!("{path}?{base}{name}={v}");
                let (status, _, body) = get(&app, &uri(limit + inside)).await;
                assert_eq!(status, StatusCode::OK, "{}: {body}", uri(limit + inside));
                let (status, _, body) = get(&app, &uri(limit + outside)).await;
                assert_eq!(
                    status,
                    StatusCode::BAD_REQUEST,
                    "{}: {body}",
                    uri(limit + outside)
                );
                checked += 1;
            }
        }
    }
    // limit and offset of stories, search and tasks at least.
    assert!(checked >= 7, "{checked} bounds checked");
    // Every path parameter a route has is declared.
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for name in path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
                let declared = op["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
                assert!(declared, "{method} {path}: {name}");
            }
        }
    }
}

#[test]
fn the_document_names_exactly_the_served_routes() {
    let doc = document();
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let mut served: Vec<(String, String)> = storyline_server::api_endpoints()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    documented.sort();
    served.sort();
    assert_eq!(documented, served);
    // Every schema a `$ref` names is in the document.
    let text = doc.to_string();
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(doc["components"]["schemas"][name].is_object(), "{name}");
    }
}

#[test]
fn an_undocumented_field_or_a_wrong_type_fails_the_check() {
    let good = r#"{"items": [], "total": 0, "next": null}"#;
    conforms("get", "/api/stories", StatusCode::OK, good);
    for bad in [
        r#"{"items": [], "total": 0, "next": null, "extra": 1}"#,
        r#"{"items": [], "total": "0", "next": null}"#,
        r#"{"items": [], "next": null}"#,
        r#"{"items": [{"id": 1}], "total": 1, "next": null}"#,
    ] {
        let failed = std::panic::catch_unwind(|| {
            conforms("get", "/api/stories", StatusCode::OK, bad);
        });
        assert!(failed.is_err(), "{bad} passed");
    }
}

#[tokio::test]
async fn a_read_only_server_refuses_articles_with_where_to_send_them() {
    let dir = tempfile::tempdir().unwrap();
    // A store with its index, written once, then served read-only.
    drop(build_app(dir.path(), Some(TOKEN), 1 << 20));
    let reads = storyline_store::SqliteStore::open_dir_existing(dir.path()).unwrap();
    let search = storyline_search::SearchIndex::open(&dir.path().join("index"), false).unwrap();
    let writer = Some("pid 7: storyline serve on http://127.0.0.1:7878".to_string());
    let config = storyline_server::ServeConfig {
        token: Some(TOKEN.into()),
        ..Default::default()
    };
    let state = storyline_server::AppState::read_only(Box::new(reads), search, writer, config);
    let app = storyline_server::router(state);
    let (status, _, body) = call(&app, post(&articles(), Some(TOKEN))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body.contains("read_only") && body.contains("http://127.0.0.1:7878"),
        "{body}"
    );
    conforms("post", "/api/articles", status, &body);
    let (status, _, body) = get(&app, "/api/tasks/1").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    conforms("get", "/api/tasks/1", status, &body);
    read(&app, "/api/stories").await;
}
