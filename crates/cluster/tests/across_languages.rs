//! Reports in other languages and scripts: joined through the embedding, shared
//! names or a named day, and kept apart when the model finds them barely related.

mod common;

use common::*;
use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::ClusterConfig;

#[test]
fn embeddings_link_a_report_in_another_language_that_shares_no_names() {
    let a = Analyzer::default();
    let config = ClusterConfig {
        embedding_warmup: 0,
        ..ClusterConfig::default()
    };
    let day = Some((2026, 5, 8));
    let run = |with_embeddings: bool| {
        let mut c = config.clone().build().unwrap();
        let mut assign = |d: AnalyzedArticle, event: usize, noise: f32| {
            let v = embedding(event, noise);
            c.assign(&d, with_embeddings.then_some(v.as_slice())).story
        };
        let ferry = assign(doc(&a, "f1", day, FERRY_1.0, FERRY_1.1), 0, 0.0);
        let museum = assign(doc(&a, "m1", day, MUSEUM.0, MUSEUM.1), 1, 0.0);
        let greek = assign(doc(&a, "f-el", day, "", FERRY_EL), 0, 0.02);
        (ferry, museum, greek)
    };
    let (ferry, museum, greek) = run(true);
    assert_ne!(ferry, museum);
    assert_eq!(greek, ferry, "the embedding links the Greek report");
    let (ferry, museum, greek) = run(false);
    assert!(
        greek != ferry && greek != museum,
        "words and names alone cannot"
    );
}

#[test]
fn a_report_in_a_script_without_names_leans_on_the_embedding_alone() {
    let a = Analyzer::default();
    // A calibration under which this toy geometry lands between "enough alone" and
    // "enough when blended with disagreeing names".
    let config = ClusterConfig {
        embedding_warmup: 0,
        embedding_floor: 0.0,
        embedding_ceiling: 0.5,
        ..ClusterConfig::default()
    };
    let day = Some((2026, 5, 8));
    let query: Vec<f32> = (0..8)
        .map(|d| {
            2.0 + match d {
                0 => 1.0,
                2 => 0.8,
                _ => 0.0,
            }
        })
        .collect();
    let run = |id: &str, text: &str| {
        let mut c = config.clone().build().unwrap();
        let ferry = ferry_and_museum(&mut c, &a, day);
        let report = c.assign(&doc(&a, id, day, "", text), Some(&query));
        (ferry, report)
    };
    let (ferry, zh) = run("f-zh", FERRY_ZH);
    assert_eq!(
        zh.story, ferry,
        "no names to compare: the embedding decides"
    );
    let (_, fr) = run("f-fr", FERRY_FR);
    assert!(fr.new_story, "names that disagree still count against");
}

#[test]
fn a_report_in_another_language_that_shares_few_names_joins_through_the_day_it_names() {
    let a = Analyzer::default();
    let dam = doc(
        &a,
        "dam-en",
        Some((2026, 3, 15)),
        "Dam bursts above Velmora",
        "The Orsk dam above Velmora burst on 14 March after a week of rain. Engineer Ilse Varga \
         said the spillway at Orsk had been blocked since January.",
    );
    let with_the_report = || {
        let mut c = clusterer();
        c.assign(&dam, None);
        c
    };
    // One shared name (Varga) among others the English report lacks: too little alone.
    let uk = |id: &str, day: &str| {
        doc(
            &a,
            id,
            Some((2026, 3, 15)),
            "",
            &format!(
                "За словами Ільзе Варги, {day} воду біля греблі бачили Петренко, Коваленко \
                 і Шевчук, які мешкають у Запоріжжі."
            ),
        )
    };
    let (other_day, candidates) =
        with_the_report().assign_explained(&uk("uk-other", "2 квітня"), None);
    assert!(other_day.new_story, "candidates: {candidates:?}");
    assert!(
        candidates.iter().any(|c| c.story == 1),
        "found by the shared name"
    );
    let (same_day, candidates) =
        with_the_report().assign_explained(&uk("uk-same", "14 березня"), None);
    assert_eq!(same_day.story, 1, "candidates: {candidates:?}");
}

#[test]
fn names_shared_across_languages_join_nothing_the_model_finds_barely_related() {
    let a = Analyzer::default();
    let day = Some((2026, 5, 8));
    // The Ukrainian ferry report (its names are the ferry story's), embedded between
    // the ferry and the museum: the model finds little in common with the ferry.
    let query: Vec<f32> = (0..8)
        .map(|d| {
            2.0 + match d {
                0 => 1.0,
                1 => 0.7,
                _ => 0.0,
            }
        })
        .collect();
    let run = |below: f32| {
        let config = ClusterConfig {
            embedding_warmup: 0,
            cross_lingual_unrelated_below: below,
            ..ClusterConfig::default()
        };
        let mut c = config.build().unwrap();
        let ferry = ferry_and_museum(&mut c, &a, day);
        let (uk, candidates) =
            c.assign_explained(&doc(&a, "f-uk", day, "", FERRY_UK.1), Some(&query));
        let similarity = candidates
            .iter()
            .find(|c| c.story == ferry)
            .and_then(|c| c.embedding);
        (uk.story == ferry, similarity)
    };
    let (joined, similarity) = run(ClusterConfig::default().cross_lingual_unrelated_below);
    // Above the calibration's floor (the guard before), at or below the new bar.
    let similarity = similarity.unwrap_or(f32::NAN);
    let below = ClusterConfig::default().cross_lingual_unrelated_below;
    assert!(similarity > 0.0 && similarity <= below, "{similarity}");
    assert!(!joined, "shared names alone, the model barely agreeing");
    assert!(
        run(0.0).0,
        "at the calibration's floor the names carried it"
    );
}
