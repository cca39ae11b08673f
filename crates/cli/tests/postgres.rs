//! The binary on a PostgreSQL store (`--store`): the same stories as on the
//! embedded store from the same input, one writer at a time, reads and alerts
//! beside it. Needs `STORYLINE_STORE=postgres://…` (`scripts/test` starts a
//! server); each test works in a schema of its own.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::{json_lines, repo_root, serving_address, stderr, stdout, story_groups};

use storyline_store::scratch::Scratch as Schema;

/// Runs the binary lexically on `data`, on `store` when given (else the embedded one).
fn run(data: &Path, store: Option<&str>, args: &[&str]) -> Output {
    let mut command = common::binary();
    command.args(["--lexical-only", "--data"]).arg(data);
    if let Some(url) = store {
        command.args(["--store", url]);
    }
    command.args(args).output().unwrap()
}

/// Story id → sorted article ids on `store` (the embedded one when `None`).
fn groups(data: &Path, store: Option<&str>) -> BTreeMap<u64, Vec<String>> {
    story_groups(|args| run(data, store, args))
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn the_same_input_makes_the_same_stories_on_postgresql_as_on_sqlite() {
    let schema = Schema::new("same");
    let url = schema.url();
    let dir = tempfile::tempdir().unwrap();
    let (pg_data, sqlite_data) = (dir.path().join("pg"), dir.path().join("sqlite"));
    let corpus = repo_root().join("samples/corpus");
    let corpus = corpus.to_str().unwrap();
    for (data, store) in [(&pg_data, Some(url.as_str())), (&sqlite_data, None)] {
        let out = run(data, store, &["ingest", corpus]);
        assert!(out.status.success(), "{}", stderr(&out));
        // Re-ingest is a no-op on either store.
        let again = run(data, store, &["ingest", corpus]);
        let nothing_new = if store.is_some() {
            "(0 stored, 0 failed)"
        } else {
            "ingested 0"
        };
        assert!(stderr(&again).contains(nothing_new), "{}", stderr(&again));
    }
    let on_postgres = groups(&pg_data, Some(&url));
    assert!(on_postgres.len() >= 3, "{on_postgres:?}");
    assert_eq!(on_postgres, groups(&sqlite_data, None));
    // Search works from the local index, built from the shared store.
    let hits = run(&pg_data, Some(&url), &["search", "Halcyon", "--json"]);
    assert!(json_lines(&hits).len() >= 4, "{}", stdout(&hits));
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn ingest_waits_for_the_clusterer_named_while_reads_and_alerts_go_on() {
    let schema = Schema::new("writer");
    let url = schema.url();
    let dir = tempfile::tempdir().unwrap();
    let corpus = repo_root().join("samples/corpus");
    assert!(run(
        dir.path(),
        Some(&url),
        &["ingest", corpus.to_str().unwrap()]
    )
    .status
    .success());
    let before = groups(dir.path(), Some(&url));
    // Another process holds the clusterer role: a second ingest prepares its
    // documents, says whom it waits for, and assigns them once the role is free.
    let holder =
        storyline_store::PostgresStore::connect_for_writing(&url, "storyline test-holder").unwrap();
    let more = dir.path().join("more.jsonl");
    std::fs::write(
        &more,
        concat!(
            r#"{"id":"ferry-1","title":"Ferry service to Tollund island resumes","#,
            r#""text":"The ferry to Tollund island sailed again on Monday after storms cut "#,
            r#"the service for nine days, the operator Nordvik Lines said."}"#,
            "\n",
            r#"{"id":"fähre-1","title":"Fähre nach Tollund fährt wieder","lang":"de","#,
            r#""text":"Die Fähre zur Insel Tollund fährt seit Montag wieder, nachdem "#,
            r#"Stürme den Betrieb neun Tage lang unterbrochen hatten, teilte Nordvik Lines mit."}"#,
            "\n"
        ),
    )
    .unwrap();
    let mut waiting = common::binary();
    waiting
        .args(["--lexical-only", "--data"])
        .arg(dir.path())
        .args(["--store", &url, "ingest"])
        .arg(&more)
        .stderr(std::process::Stdio::piped());
    let child = waiting.spawn().unwrap();
    let list = run(dir.path(), Some(&url), &["stories", "--json"]);
    assert!(list.status.success() && !json_lines(&list).is_empty());
    let added = run(dir.path(), Some(&url), &["alert", "add", "sats", "Halcyon"]);
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = run(dir.path(), Some(&url), &["alert", "list", "--json"]);
    assert_eq!(json_lines(&listed)[0]["name"], "sats");
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(
        groups(dir.path(), Some(&url)),
        before,
        "nothing assigned yet"
    );
    drop(holder);
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stderr(&done).contains("storyline test-holder"),
        "{}",
        stderr(&done)
    );
    assert!(groups(dir.path(), Some(&url)).len() > before.len());
    let bad = run(dir.path(), Some("mysql://x@y/z"), &["stories"]);
    assert!(
        stderr(&bad).contains("only postgres:// URLs are stores"),
        "{}",
        stderr(&bad)
    );
}

/// A `serve` on `url` with its own `data` (its search index), and where it listens.
fn start_server(data: &Path, url: &str, extra: &[&str]) -> (std::process::Child, String) {
    let mut child = common::binary()
        .env("STORYLINE_TOKEN", "shared-test-token")
        .args(["--lexical-only", "--quiet", "--data"])
        .arg(data)
        .args(["--store", url, "serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let addr = serving_address(&mut child);
    (child, addr)
}

/// One exchange with a server of these tests (its token, NDJSON bodies).
fn http(addr: &str, method: &str, path: &str, body: &str) -> String {
    let headers = "Authorization: Bearer shared-test-token\r\n\
                   Content-Type: application/x-ndjson\r\n";
    common::http(addr, method, path, headers, body)
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn two_servers_serve_one_shared_store_and_what_one_is_posted_both_show() {
    let schema = Schema::new("serve");
    let url = schema.url();
    let dir = tempfile::tempdir().unwrap();
    let (mut one, at_one) = start_server(&dir.path().join("one"), &url, &[]);
    let (mut other, at_other) = start_server(&dir.path().join("other"), &url, &["--no-worker"]);
    let body = std::fs::read_to_string(repo_root().join("samples/corpus/wire.jsonl")).unwrap();
    let posted = http(&at_other, "POST", "/api/articles", &body);
    assert!(posted.starts_with("HTTP/1.1 202"), "{posted}");
    assert!(posted.contains("\"queued\":4"), "{posted}");
    // The first server's worker assigns what the second was posted; both show it,
    // and each one's own search index follows the store.
    let started = std::time::Instant::now();
    let found = loop {
        let hits = http(&at_other, "GET", "/api/search?q=Halcyon", "");
        let listed = http(&at_one, "GET", "/api/stories", "");
        let both = |l: &str| l.matches("\"article_count\":2").count() == 2;
        if (hits.contains("\"total\":2") && both(&listed))
            || started.elapsed() > std::time::Duration::from_secs(60)
        {
            break (hits, listed);
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    let tasks = http(&at_one, "GET", "/api/tasks/1", "");
    let _ = (one.kill(), other.kill(), one.wait(), other.wait());
    assert!(found.0.contains("\"total\":2"), "{}", found.0);
    assert_eq!(
        found.1.matches("\"article_count\":2").count(),
        2,
        "{}",
        found.1
    );
    assert!(
        tasks.starts_with("HTTP/1.1 404") && tasks.contains("work queue"),
        "{tasks}"
    );
}
