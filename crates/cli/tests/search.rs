//! `storyline search`: words and meaning in one ranking, exit codes that scripts can
//! rely on. Needs the model `scripts/setup` fetches (the test suite runs it).

mod common;

use common::{json_lines, stderr, storyline};

#[test]
fn a_word_finds_reports_in_other_languages_by_meaning_and_says_how() {
    let dir = common::ingested_samples(&[]);
    let data = dir.path().to_path_buf();
    // "rocket" is in no report of the satellite launch; the Ukrainian one is found
    // by meaning alone, and every hit is of that story.
    let out = storyline(&data, &["search", "rocket", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = json_lines(&out);
    let story = &hits[0]["story"];
    assert!(hits.iter().all(|h| &h["story"] == story), "{hits:?}");
    assert!(
        hits.iter().any(|h| h["language"] == "uk"
            && h["lexical_score"].is_null()
            && h["semantic_score"].as_f64().is_some_and(|c| c > 0.8)),
        "{hits:?}"
    );
    assert!(hits
        .iter()
        .all(|h| h["snippet"].as_str().is_some_and(|s| !s.is_empty())));
    assert!(stderr(&out).contains(&format!("{} matching articles", hits.len())));
    // Words alone (no model): only what the words match.
    let words = storyline(&data, &["--lexical-only", "search", "rocket", "--json"]);
    assert!(json_lines(&words).iter().all(|h| h["language"] == "en"));
    // Nothing near: exit 1; a query that cannot be read: exit 2 with the reason.
    let none = storyline(&data, &["search", "zzzxqv"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert!(stderr(&none).contains("0 matching articles"));
    let bad = storyline(&data, &["search", "\"unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("quote"), "{}", stderr(&bad));
}
