//! A second server beside the writer: `serve --read-only` on the same data directory
//! answers reads (and sees what the writer stores next), refuses articles with where
//! to send them, and a plain second `serve` is refused with that way out.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{http, serving_address};

const TOKEN: &str = "serve-test-token";

fn start(data: &std::path::Path, extra: &[&str]) -> Child {
    common::binary()
        .env("STORYLINE_TOKEN", TOKEN)
        .args(["--lexical-only", "--data"])
        .arg(data)
        .arg("serve")
        .args(extra)
        .args(["--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A report of our own with a word no sample has.
const REPORT: &str = concat!(
    r#"{"id": "quillmoor-1", "url": "https://valley.example/quillmoor", "#,
    r#""title": "Quillmoor dam inspection finds cracked spillway", "#,
    r#""text": "Engineers inspecting the Quillmoor dam found a cracked spillway on Tuesday, "#,
    r#"the regional water board said. The reservoir will be lowered by two metres while "#,
    r#"repairs are made.", "published": "2026-04-07T09:00:00Z", "lang": "en"}"#
);

#[test]
fn a_read_only_server_serves_beside_the_writer() {
    let dir = common::ingested_samples(&[]);
    let data = dir.path().to_path_buf();
    let mut writer = start(&data, &[]);
    let writer_addr = serving_address(&mut writer);

    let second = start(&data, &[]).wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(
        !second.status.success() && said.contains("serve --read-only"),
        "{said}"
    );

    let mut reader = start(&data, &["--read-only"]);
    let reader_addr = serving_address(&mut reader);
    let stories = http(&reader_addr, "GET", "/api/stories?limit=1", "", "");
    assert!(stories.starts_with("HTTP/1.1 200"), "{stories}");
    let auth = format!("Authorization: Bearer {TOKEN}\r\n");
    let refused = http(&reader_addr, "POST", "/api/articles", &auth, REPORT);
    assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
    assert!(
        refused.contains("read_only") && refused.contains(&writer_addr),
        "the refusal names the writer: {refused}"
    );

    // What the writer stores next, the read-only server finds.
    let accepted = http(&writer_addr, "POST", "/api/articles", &auth, REPORT);
    assert!(accepted.starts_with("HTTP/1.1 202"), "{accepted}");
    let started = Instant::now();
    let found = loop {
        let found = http(&reader_addr, "GET", "/api/search?q=Quillmoor", "", "");
        if found.contains("\"total\":1") || started.elapsed() > Duration::from_secs(30) {
            break found;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    for child in [&mut writer, &mut reader] {
        child.kill().unwrap();
        let _ = child.wait();
    }
    assert!(found.contains("\"total\":1"), "{found}");
}
