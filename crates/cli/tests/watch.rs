//! `storyline watch` end to end against the local test site: a feed of twenty
//! reports in three languages goes into its four stories; a second run fetches
//! nothing but a 304; failures are recorded per source; nothing is fetched from
//! a private address without `--allow-private`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use storyline_fetch::testsite::{Site, REPORTS};

mod common;

use common::{json_lines, stderr, storyline};

/// Story id → the events (by the test site's numbering) of its articles.
fn stories_by_event(data: &Path) -> BTreeMap<u64, BTreeSet<usize>> {
    let list = storyline(data, &["stories", "--json", "--limit", "100"]);
    let mut out = BTreeMap::new();
    for story in json_lines(&list) {
        let id = story["id"].as_u64().unwrap();
        let shown = storyline(data, &["show", &id.to_string(), "--json"]);
        let detail: Value = serde_json::from_slice(&shown.stdout).unwrap();
        let events = detail["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let url = a["url"].as_str().unwrap();
                let n: usize = url.rsplit('/').next().unwrap().parse().unwrap();
                REPORTS[n].event
            })
            .collect();
        out.insert(id, events);
    }
    out
}

#[test]
fn a_feed_in_three_languages_goes_into_its_stories_and_a_second_run_is_a_304() {
    let site = Site::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let feed = site.url("/feed.xml");
    let args = ["watch", "--once", "--allow-private", feed.as_str()];
    let first = storyline(dir.path(), &args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("20 new, 20 stored, 0 failed"),
        "{}",
        stderr(&first)
    );
    let stories = stories_by_event(dir.path());
    for (id, events) in &stories {
        assert_eq!(events.len(), 1, "story {id} mixes events {events:?}");
    }
    let covered: BTreeSet<usize> = stories.values().flatten().copied().collect();
    assert_eq!(covered.len(), 4);
    assert!(
        stories.len() <= 6,
        "four events in at most six stories: {stories:?}"
    );

    site.clear_log();
    let second = storyline(dir.path(), &args);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("0 new, 0 stored, 0 failed (unchanged: 304)"),
        "{}",
        stderr(&second)
    );
    let requests = site.requests();
    assert_eq!(
        requests.len(),
        1,
        "robots.txt is remembered, pages are not asked again: {requests:?}"
    );
    assert!(requests.iter().all(|r| r.conditional));

    let sources = storyline(dir.path(), &["sources", "--json"]);
    let listed = json_lines(&sources);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["status"], "ok");
    assert_eq!(listed[0]["articles"], 20);
    assert_eq!(listed[0]["not_modified"], 1);
}

#[test]
fn failures_are_recorded_per_source_and_private_addresses_are_refused() {
    let site = Site::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("sources.opml");
    std::fs::write(
        &list,
        format!(
            "<opml version=\"2.0\"><body><outline text=\"news\" xmlUrl=\"{}\"/>\
             <outline text=\"junk\" xmlUrl=\"{}\"/></body></opml>",
            site.url("/growing.xml"),
            site.url("/garbage.xml")
        ),
    )
    .unwrap();
    let refused = storyline(
        dir.path(),
        &["watch", "--once", "--sources", list.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("127.0.0.1 resolves to 127.0.0.1, a loopback address"),
        "{}",
        stderr(&refused)
    );
    assert!(
        site.requests().is_empty(),
        "nothing reached the site: {:?}",
        site.requests()
    );

    let run = storyline(
        dir.path(),
        &[
            "watch",
            "--once",
            "--allow-private",
            "--sources",
            list.to_str().unwrap(),
        ],
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failing source fails the run: {}",
        stderr(&run)
    );
    let table = storyline(dir.path(), &["sources"]);
    let text = String::from_utf8_lossy(&table.stdout).into_owned();
    let junk = text.lines().find(|l| l.ends_with("/garbage.xml")).unwrap();
    assert!(junk.starts_with("failing"), "{text}");
    assert!(junk.contains("not a feed, sitemap or page"), "{text}");
    let news = text.lines().find(|l| l.ends_with("/growing.xml")).unwrap();
    assert!(news.starts_with("ok") && news.contains(" 10 "), "{text}");

    // Without naming sources, every followed source is polled again.
    site.change_feed();
    let again = storyline(dir.path(), &["watch", "--once", "--allow-private"]);
    assert!(
        stderr(&again).contains("/growing.xml: 2 new, 2 stored"),
        "{}",
        stderr(&again)
    );
    let forget = storyline(
        dir.path(),
        &["sources", "--forget", &site.url("/garbage.xml")],
    );
    assert!(forget.status.success(), "{}", stderr(&forget));
    assert_eq!(
        json_lines(&storyline(dir.path(), &["sources", "--json"])).len(),
        1
    );
}

#[test]
fn a_source_that_is_neither_a_url_nor_a_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = storyline(dir.path(), &["watch", "--once", "ftp://example.org/feed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ftp://example.org/feed: neither an http(s) URL nor a readable file"),
        "{}",
        stderr(&out)
    );
}

/// The articles the store's stories hold once they reach `expected` (the server
/// stores what it was sent in the background), or after a minute.
fn articles_once_stored(data: &Path, expected: u64) -> u64 {
    let started = std::time::Instant::now();
    loop {
        let list = storyline(data, &["stories", "--json", "--limit", "100"]);
        let count: u64 = json_lines(&list)
            .iter()
            .map(|s| s["article_count"].as_u64().unwrap_or(0))
            .sum();
        if count >= expected || started.elapsed() > std::time::Duration::from_secs(60) {
            return count;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[test]
fn while_serve_runs_watch_hands_the_server_what_it_fetches() {
    use std::io::{BufRead, BufReader};

    let site = Site::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let token = "watch-test-token-51";
    let mut server = common::binary()
        .env("STORYLINE_TOKEN", token)
        .args(["--lexical-only", "--data"])
        .arg(dir.path())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    assert!(lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.starts_with("storyline serving on http://")));
    let feed = site.url("/growing.xml");
    let without_token = storyline(dir.path(), &["watch", "--once", "--allow-private", &feed]);
    let handed = common::binary()
        .env("STORYLINE_TOKEN", token)
        .arg("--data")
        .arg(dir.path())
        .args(["watch", "--once", "--allow-private", &feed])
        .output()
        .unwrap();
    let stored = articles_once_stored(dir.path(), 10);
    let sources = json_lines(&storyline(dir.path(), &["sources", "--json"]));
    // `ingest` beside the server goes through its queue too.
    let corpus = common::repo_root().join("samples/corpus");
    let ingested = common::binary()
        .env("STORYLINE_TOKEN", token)
        .arg("--data")
        .arg(dir.path())
        .args(["ingest", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    let after_ingest = articles_once_stored(dir.path(), 24);
    server.kill().unwrap();
    let _ = server.wait();
    assert_eq!(without_token.status.code(), Some(2));
    assert!(
        stderr(&without_token).contains("give watch the server's token"),
        "{}",
        stderr(&without_token)
    );
    assert!(handed.status.success(), "{}", stderr(&handed));
    assert!(
        stderr(&handed).contains("10 new, 10 sent to the server, 0 failed"),
        "{}",
        stderr(&handed)
    );
    assert_eq!(stored, 10, "the server stored what watch sent");
    assert_eq!(
        sources.len(),
        1,
        "the source's state is kept beside the server's writes"
    );
    assert_eq!(sources[0]["articles"], 10);
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    assert!(
        stderr(&ingested).contains("sent 14 documents to the server's queue"),
        "{}",
        stderr(&ingested)
    );
    assert_eq!(after_ingest, 24, "the server stored what ingest sent");
}

#[test]
fn without_once_watch_keeps_polling_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;

    let site = Site::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut watcher = common::binary()
        .args(["--lexical-only", "--data"])
        .arg(dir.path())
        .args(["watch", "--allow-private", "--interval", "1"])
        .arg(site.url("/growing.xml"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, received) = mpsc::channel();
    let stderr = watcher.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let wait_for = |text: &str| -> Vec<String> {
        let mut seen = Vec::new();
        while let Ok(line) = received.recv_timeout(Duration::from_secs(30)) {
            let done = line.contains(text);
            seen.push(line);
            if done {
                return seen;
            }
        }
        panic!("never printed {text:?}: {seen:?}");
    };
    wait_for("10 new, 10 stored, 0 failed");
    wait_for("0 new, 0 stored, 0 failed (unchanged: 304)");
    site.change_feed();
    wait_for("2 new, 2 stored, 0 failed");
    let killed = Command::new("kill")
        .args(["-TERM", &watcher.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    wait_for("stopping after this poll");
    let status = watcher.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let sources = json_lines(&storyline(dir.path(), &["sources", "--json"]));
    assert_eq!(sources[0]["articles"], 12);
    assert!(sources[0]["polls"].as_u64().unwrap() >= 3);
}
