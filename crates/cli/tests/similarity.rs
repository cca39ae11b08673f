//! `storyline similarity`: pairs scored by the clusterer's own scorer, with its
//! breakdown; a broken pair is named and the rest are scored.

use serde_json::Value;

mod common;

use common::{json_lines, repo_root, stderr, storyline};

fn corpus_article(file: &str) -> Value {
    let text = std::fs::read_to_string(repo_root().join("samples/corpus").join(file)).unwrap();
    serde_json::json!({ "text": text })
}

#[test]
fn similarity_ranks_the_same_event_above_another_one() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.jsonl");
    let lines = [
        serde_json::json!({"id": "same", "a": corpus_article("en-taravel-fire.txt"), "b": corpus_article("uk-taravel-pozhezha.txt")}),
        serde_json::json!({"id": "other", "a": corpus_article("en-taravel-fire.txt"), "b": corpus_article("en-halcyon-launch.txt")}),
        serde_json::json!({"id": "broken", "a": {"title": "no body"}, "b": corpus_article("en-halcyon-launch.txt")}),
    ];
    let body: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&pairs, body.join("\n")).unwrap();
    let model = repo_root().join("models/e5-small-q4.bin");
    for model_arg in [model.to_str().unwrap(), "/nonexistent/model.bin"] {
        let out = storyline(
            dir.path(),
            &["similarity", pairs.to_str().unwrap(), "--model", model_arg],
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "the broken pair fails: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("pairs.jsonl:3:"), "{}", stderr(&out));
        let rows = json_lines(&out);
        let score = |id: &str| {
            rows.iter().find(|r| r["id"] == id).unwrap()["score"]
                .as_f64()
                .unwrap()
        };
        assert!(
            score("same") > score("other") + 0.1,
            "{rows:?} with {model_arg}"
        );
        if model_arg.starts_with("/nonexistent") {
            assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
            assert!(rows[0]["parts"]["embedding"].is_null());
        } else {
            assert!(rows[0]["parts"]["embedding"].as_f64().is_some());
        }
        // The breakdown multiplies out to the clusterer's score.
        common::assert_parts_multiply_out(&rows[0]["parts"]);
    }
}

/// A small graded set in five languages and two scripts (Latin, Cyrillic), from the sample corpus:
/// the same event told in two languages, a look-alike (another warehouse fire, two
/// years earlier) and another event. Every pair of a grade scores above every pair
/// of the grade below.
#[test]
fn similarity_grades_the_same_event_above_a_look_alike_above_another_event() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("graded.jsonl");
    let grades: [(&str, &[(&str, &str)]); 3] = [
        (
            "same",
            &[
                ("en-taravel-fire.txt", "uk-taravel-pozhezha.txt"),
                ("en-taravel-fire.txt", "es-taravel-incendio.txt"),
                ("es-taravel-incendio.txt", "uk-taravel-pozhezha.txt"),
                ("en-halcyon-launch.txt", "pl-halcyon-start.txt"),
                ("pl-halcyon-start.txt", "ru-halcyon-zapusk.txt"),
            ],
        ),
        (
            "alike",
            &[
                ("en-taravel-fire.txt", "en-portaluna-fire-2024.txt"),
                ("es-taravel-incendio.txt", "en-portaluna-fire-2024.txt"),
                ("uk-taravel-pozhezha.txt", "en-portaluna-fire-2024.txt"),
            ],
        ),
        (
            "other",
            &[
                ("en-taravel-fire.txt", "en-halcyon-launch.txt"),
                ("uk-taravel-pozhezha.txt", "ru-halcyon-zapusk.txt"),
                ("es-taravel-incendio.txt", "pl-halcyon-start.txt"),
            ],
        ),
    ];
    let mut lines = Vec::new();
    for (grade, set) in grades {
        for (i, (a, b)) in set.iter().enumerate() {
            let id = format!("{grade}-{i}");
            lines.push(
                serde_json::json!({"id": id, "a": corpus_article(a), "b": corpus_article(b)})
                    .to_string(),
            );
        }
    }
    std::fs::write(&pairs, lines.join("\n")).unwrap();
    let out = storyline(dir.path(), &["similarity", pairs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = json_lines(&out);
    let scores = |grade: &str| -> Vec<f64> {
        rows.iter()
            .filter(|r| r["id"].as_str().is_some_and(|id| id.starts_with(grade)))
            .map(|r| r["score"].as_f64().unwrap())
            .collect()
    };
    let (same, alike, other) = (scores("same"), scores("alike"), scores("other"));
    assert_eq!((same.len(), alike.len(), other.len()), (5, 3, 3));
    let lowest = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(lowest(&same) > highest(&alike), "{rows:?}");
    assert!(lowest(&alike) > highest(&other), "{rows:?}");
}
