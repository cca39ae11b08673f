//! Streaming clustering behaviour on small hand-written article sets: joining and
//! opening stories, time, placeholder stamps, determinism, restored history and the
//! configuration's checks.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::{ClusterConfig, Clusterer};

#[test]
fn same_event_joins_and_a_different_event_opens_a_story() {
    let a = Analyzer::default();
    let mut c = clusterer();
    let first = c.assign(
        &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
        None,
    );
    let second = c.assign(
        &doc(&a, "f2", Some((2026, 5, 9)), FERRY_2.0, FERRY_2.1),
        None,
    );
    let other = c.assign(&doc(&a, "m1", Some((2026, 5, 8)), MUSEUM.0, MUSEUM.1), None);
    assert!(first.new_story);
    assert_eq!(first.story, 1);
    assert_eq!(
        second.story, 1,
        "second ferry report joins: score {}",
        second.score
    );
    assert!(!second.new_story);
    assert!(other.new_story);
    assert_eq!(other.story, 2);
}

#[test]
fn a_report_in_another_script_joins_through_shared_names() {
    let a = Analyzer::default();
    let mut c = clusterer();
    c.assign(
        &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
        None,
    );
    c.assign(&doc(&a, "m1", Some((2026, 5, 8)), MUSEUM.0, MUSEUM.1), None);
    let (uk, candidates) = c.assign_explained(
        &doc(&a, "f-uk", Some((2026, 5, 9)), FERRY_UK.0, FERRY_UK.1),
        None,
    );
    assert_eq!(uk.story, 1, "candidates: {candidates:?}");
    assert!(!candidates[0].same_language);
}

#[test]
fn the_same_pattern_at_another_time_is_a_new_story() {
    let a = Analyzer::default();
    let mut c = clusterer();
    let old = c.assign(
        &doc(&a, "f-2023", Some((2023, 11, 2)), FERRY_1.0, FERRY_1.1),
        None,
    );
    let (new, candidates) = c.assign_explained(
        &doc(&a, "f-2026", Some((2026, 5, 9)), FERRY_2.0, FERRY_2.1),
        None,
    );
    assert_ne!(old.story, new.story);
    // The old story matches on content but lies beyond the time limit.
    assert!(candidates
        .iter()
        .any(|c| c.story == old.story && !c.within_window && c.lexical > 0.3));
}

#[test]
fn a_publication_time_many_articles_share_is_not_trusted() {
    let run = |limit: u32, others: &[(&str, (&str, &str))]| {
        let a = Analyzer::default();
        let mut c = ClusterConfig {
            placeholder_time_articles: limit,
            ..ClusterConfig::default()
        }
        .build()
        .unwrap();
        let ferry = c.assign(
            &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
            None,
        );
        // A feed stamps everything with the same second, years before the event.
        let stale = |mut d: AnalyzedArticle| {
            d.article.published = Utc.with_ymd_and_hms(2019, 1, 5, 15, 55, 21).single();
            d
        };
        for (id, (title, text)) in others {
            c.assign(&stale(doc(&a, id, None, title, text)), None);
        }
        let report = c.assign(&stale(doc(&a, "f2", None, FERRY_2.0, FERRY_2.1)), None);
        (ferry.story, report.story)
    };
    let two_others = [("m1", MUSEUM), ("b1", BAKERY)];
    let (ferry, report) = run(3, &two_others);
    assert_eq!(report, ferry, "the third article with that time is undated");
    let (ferry, report) = run(0, &two_others);
    assert_ne!(report, ferry, "trusted, the time keeps them years apart");
    // A copy of the same text is one article, not another witness.
    let (ferry, report) = run(3, &[("m1", MUSEUM), ("m1-copy", MUSEUM)]);
    assert_ne!(
        report, ferry,
        "the second article with that time is trusted"
    );
}

#[test]
fn a_dated_report_needs_more_to_join_a_story_of_undated_ones_in_its_language() {
    let a = Analyzer::default();
    // The top candidate's score for the second report, under a given factor.
    let second_score = |factor: f32, first_dated: bool, second: (&str, &str, &str)| {
        let mut c = ClusterConfig {
            time_unknown_factor: factor,
            ..ClusterConfig::default()
        }
        .build()
        .unwrap();
        let day = first_dated.then_some((2026, 5, 8));
        c.assign(&doc(&a, "f1", day, FERRY_1.0, FERRY_1.1), None);
        let (_, candidates) = c.assign_explained(
            &doc(&a, second.0, Some((2026, 5, 9)), second.1, second.2),
            None,
        );
        candidates.first().map_or(0.0, |c| c.score)
    };
    let english = ("f2", FERRY_2.0, FERRY_2.1);
    let plain = second_score(1.0, false, english);
    let held_back = second_score(0.7, false, english);
    assert!(plain > 0.0);
    assert!(
        (held_back - 0.7 * plain).abs() < 1e-4,
        "{held_back} vs {plain}"
    );
    // Both dated: the time check runs, nothing is held back.
    // (Scores sum over hash maps: equal up to rounding.)
    let same = |x: f32, y: f32| (x - y).abs() < 1e-5;
    assert!(same(
        second_score(0.7, true, english),
        second_score(1.0, true, english)
    ));
    // Across languages, undated and dated reports of one event are common.
    let ukrainian = ("f-uk", "", FERRY_UK.1);
    let across = second_score(1.0, false, ukrainian);
    assert!(across > 0.0);
    assert!(same(second_score(0.7, false, ukrainian), across));
    // The other way round, an undated report and a dated story, has its own factor.
    let undated_second = |factor: f32| {
        let mut c = ClusterConfig {
            undated_article_factor: factor,
            ..ClusterConfig::default()
        }
        .build()
        .unwrap();
        c.assign(
            &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
            None,
        );
        let (_, candidates) = c.assign_explained(&doc(&a, "f2", None, FERRY_2.0, FERRY_2.1), None);
        candidates.first().map_or(0.0, |c| c.score)
    };
    let (full, held) = (undated_second(1.0), undated_second(0.6));
    assert!((held - 0.6 * full).abs() < 1e-4, "{held} vs {full}");
}

#[test]
fn a_report_whose_page_only_hints_at_its_date_is_timed_by_the_hint() {
    let a = Analyzer::default();
    // The second report has no publication time; its first line is a day-or-month
    // first dateline (9 May or 5 September).
    let second = |first_dated: bool, year: i32| {
        let mut c = clusterer();
        let day = first_dated.then_some((2026, 5, 8));
        let first = c.assign(&doc(&a, "f1", day, FERRY_1.0, FERRY_1.1), None);
        let text = format!("05 / 09 / {year}\n\n{}", FERRY_2.1);
        let (assigned, candidates) =
            c.assign_explained(&doc(&a, "f2", None, FERRY_2.0, &text), None);
        let top = candidates.into_iter().find(|c| c.story == first.story);
        (assigned.story == first.story, top)
    };
    let dated = |mut c: Clusterer| {
        c.assign(
            &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
            None,
        );
        let (_, candidates) = c.assign_explained(
            &doc(&a, "f2", Some((2026, 5, 9)), FERRY_2.0, FERRY_2.1),
            None,
        );
        candidates.first().map_or(0.0, |c| c.score)
    };
    let (joined, hinted) = second(true, 2026);
    let hinted = hinted.expect("the story is a candidate");
    assert!(joined);
    // Compared like a dated report: nothing held back (the dateline line adds a
    // number term, so the score is close to, not equal to, the dated one's).
    assert!(hinted.score > 0.9 * dated(clusterer()), "{hinted:?}");
    // The same dateline seven years earlier: beyond the time limit.
    let (joined, early) = second(true, 2019);
    assert!(!joined);
    assert!(!early.expect("still a candidate").within_window);
    // Against a story of undated reports, the hint makes it a dated report whose
    // time cannot be compared: held back like one.
    let plain = ClusterConfig {
        time_unknown_factor: 1.0,
        ..ClusterConfig::default()
    };
    let (_, against_undated) = second(false, 2026);
    let factor = ClusterConfig::default().time_unknown_factor;
    let mut unheld = plain.build().unwrap();
    unheld.assign(&doc(&a, "f1", None, FERRY_1.0, FERRY_1.1), None);
    let text = format!("05 / 09 / 2026\n\n{}", FERRY_2.1);
    let (_, candidates) = unheld.assign_explained(&doc(&a, "f2", None, FERRY_2.0, &text), None);
    let full = candidates.first().map_or(0.0, |c| c.score);
    let held = against_undated.expect("a candidate").score;
    assert!(
        (held - factor * full).abs() < 1e-4,
        "{held} vs {factor} x {full}"
    );
}

#[test]
fn ids_are_deterministic_for_the_same_input() {
    let a = Analyzer::default();
    let docs = [
        doc(&a, "f1", None, FERRY_1.0, FERRY_1.1),
        doc(&a, "m1", None, MUSEUM.0, MUSEUM.1),
        doc(&a, "f2", None, FERRY_2.0, FERRY_2.1),
    ];
    let run = || {
        let mut c = clusterer();
        docs.iter()
            .map(|d| c.assign(d, None).story)
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), vec![1, 2, 1]);
    assert_eq!(run(), run());
}

/// A made-up report of event `event`: words drawn from the event's own vocabulary and
/// from a shared one, by a small deterministic generator.
fn generated_report(analyzer: &Analyzer, n: usize, event: usize) -> AnalyzedArticle {
    let mut state = (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let words: Vec<String> = (0..60)
        .map(|_| match next(3) {
            0 => format!("common{}", next(300)),
            _ => format!("event{event}word{}", next(40)),
        })
        .collect();
    let place = format!("Place{}", event * 7 + next(2));
    let text = format!("{place} officials said {}.", words.join(" "));
    doc(analyzer, &format!("g{n}"), Some((2026, 5, 8)), "", &text)
}

/// Hash maps that seed their hashers at random sum a story's features in another order
/// in every process, and a score on the threshold could then fall either side of it.
#[test]
fn scores_are_bit_identical_between_runs() {
    let a = Analyzer::default();
    let docs: Vec<AnalyzedArticle> = (0..300).map(|n| generated_report(&a, n, n % 23)).collect();
    let run = || {
        let mut c = clusterer();
        docs.iter()
            .enumerate()
            .flat_map(|(i, d)| {
                let (_, candidates) = c.assign_explained(d, Some(&embedding(i % 23, 0.3)));
                candidates
                    .into_iter()
                    .map(|k| (k.story, k.score.to_bits(), k.content_score.to_bits()))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let first = run();
    assert!(first.len() > docs.len(), "the stream scores candidates");
    for _ in 0..4 {
        let again = run();
        let diff = again.iter().zip(&first).position(|(a, b)| a != b);
        assert_eq!(again, first, "first difference at {diff:?}");
    }
}

#[test]
fn restored_history_is_joined_and_new_ids_continue_after_it() {
    let a = Analyzer::default();
    let mut c = clusterer();
    c.restore(&doc(&a, "f1", None, FERRY_1.0, FERRY_1.1), None, 41, None);
    let joined = c.assign(&doc(&a, "f2", None, FERRY_2.0, FERRY_2.1), None);
    let fresh = c.assign(&doc(&a, "m1", None, MUSEUM.0, MUSEUM.1), None);
    assert_eq!(joined.story, 41);
    assert_eq!(fresh.story, 42);
}

#[test]
fn configuration_is_validated() {
    let bad = ClusterConfig {
        threshold: 1.5,
        ..ClusterConfig::default()
    };
    assert!(bad.build().is_err());
    let bad = ClusterConfig {
        time_window_days: 0.0,
        ..ClusterConfig::default()
    };
    assert!(bad.build().is_err());
    // Each rejected with the setting named.
    for (json, field) in [
        (r#"{"time_window_days": NaN}"#, "time_window_days"),
        (r#"{"max_gap_days": NaN}"#, "max_gap_days"),
        (r#"{"merge_threshold": 7}"#, "merge_threshold"),
        (
            r#"{"same_days_merge_threshold": -1}"#,
            "same_days_merge_threshold",
        ),
        (r#"{"related_floor": NaN}"#, "related_floor"),
        (
            r#"{"embedding_short_text_terms": -5}"#,
            "embedding_short_text_terms",
        ),
        (r#"{"centroid_terms": 0}"#, "centroid_terms"),
        (r#"{"embedding_floor": 0.7}"#, "embedding_ceiling"),
        (r#"{"lsh_bits": 40}"#, "lsh_bits"),
    ] {
        // JSON has no NaN: the value is set after parsing.
        let config: ClusterConfig = serde_json::from_str(&json.replace("NaN", "1"))
            .unwrap_or_else(|e| panic!("{json}: {e}"));
        let config = if json.contains("NaN") {
            nan_in(config, field)
        } else {
            config
        };
        let err = config.validate().expect_err(json);
        assert_eq!(err.field, field, "{json}: {err}");
        assert!(
            err.to_string().starts_with(&format!("cluster.{field} = ")),
            "{err}"
        );
    }
    assert!(ClusterConfig::default().validate().is_ok());
    let unknown = serde_json::from_str::<ClusterConfig>(r#"{"threshhold": 0.3}"#);
    assert!(unknown.is_err(), "misspelt keys are rejected");
    let partial: ClusterConfig = serde_json::from_str(r#"{"threshold": 0.4}"#).unwrap();
    assert_eq!(partial.threshold, 0.4);
    assert_eq!(
        partial.lexical_weight,
        ClusterConfig::default().lexical_weight
    );
}

fn nan_in(mut config: ClusterConfig, field: &str) -> ClusterConfig {
    match field {
        "time_window_days" => config.time_window_days = f64::NAN,
        "max_gap_days" => config.max_gap_days = f64::NAN,
        "related_floor" => config.related_floor = f32::NAN,
        other => panic!("no NaN case for {other}"),
    }
    config
}
