//! `storyline stories` with the API's filters: language, outlet, entity (any
//! script), publication days and size.

mod common;

use common::{json_lines, stderr, storyline};
use serde_json::Value;

fn list(data: &std::path::Path, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["stories", "--json"];
    args.extend_from_slice(filters);
    let out = storyline(data, &args);
    assert!(out.status.success(), "{filters:?}: {}", stderr(&out));
    json_lines(&out)
}

#[test]
fn the_story_list_takes_the_apis_filters() {
    let dir = common::ingested_samples(&["--lexical-only"]);
    let data = dir.path();
    let all = list(data, &[]);
    assert!(all.len() >= 3);

    let uk = list(data, &["--language", "uk"]);
    assert!(!uk.is_empty() && uk.len() < all.len(), "{uk:?}");
    assert!(uk
        .iter()
        .all(|s| s["languages"].to_string().contains("\"uk\"")));

    let big = list(data, &["--min-articles", "5"]);
    assert!(big
        .iter()
        .all(|s| s["article_count"].as_u64().unwrap() >= 5));
    assert!(big.len() < all.len());

    // A name written in Latin letters finds its story, whatever script its reports use.
    let named = list(data, &["--entity", "Leander"]);
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(named[0]["title"].as_str().unwrap().contains("Leander"));

    let outlet = list(data, &["--outlet", "Nordkurier Beispiel"]);
    assert_eq!(outlet.len(), 1, "{outlet:?}");

    let late = list(data, &["--from", "2026-03-16"]);
    assert!(late
        .iter()
        .all(|s| s["last_published"].as_str().unwrap() >= "2026-03-16"));
    assert!(late.len() < all.len());
    let none = list(data, &["--to", "2000-01-01"]);
    assert!(none.is_empty());

    let bad = storyline(data, &["stories", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--from"), "{}", stderr(&bad));
}

#[test]
fn search_pages_follow_on_without_overlap() {
    let dir = common::ingested_samples(&["--lexical-only"]);
    let data = dir.path();
    let keys = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["search", "Halcyon", "--json"];
        all.extend_from_slice(args);
        json_lines(&storyline(data, &all))
            .iter()
            .map(|h| h["key"].as_i64().unwrap())
            .collect()
    };
    let whole = keys(&["--limit", "4"]);
    assert_eq!(whole.len(), 4);
    let first = keys(&["--limit", "2"]);
    let second = keys(&["--limit", "2", "--offset", "2"]);
    assert_eq!([first, second].concat(), whole);
    let past = storyline(data, &["search", "Halcyon", "--offset", "20000"]);
    assert_eq!(past.status.code(), Some(2));
}
