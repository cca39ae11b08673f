//! The clusterer takes whatever analysis and embeddings it is given: arbitrary text
//! (names, dates from year 1 to 9999, numbers), publication times across the whole
//! calendar, and embeddings that are empty, of another dimension, zero, infinite or
//! NaN. Every article still gets a story, ids stay resolvable, and two clusterers fed
//! the same stream agree.

mod common;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::{ClusterConfig, StoryId};

const WORDS: &[&str] = &[
    "Aldora",
    "Kessel",
    "ferry",
    "aground",
    "museum",
    "Brandt",
    "Зеленський",
    "Київ",
    "toqaev",
    "summit",
    "2019",
    "1 000",
    "March",
    "грудня",
    "октября",
    "3月23日",
    "on",
    "the",
    "1",
    "31",
    "9999",
    "0000",
    "Feb",
    "29",
    "9 April 2013",
    "29 February 2023",
    "31 June 1999",
    "24 лютого 2022",
    "2025-09-15",
    "15.09.2025",
    "December 31, 9999",
    "1 January 0001",
    "-",
    ",",
    ".",
    "\n\n",
    "«",
    "»",
    "said",
    "\u{200b}",
    "Ⅻ",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..WORDS.len(), 0..60).prop_map(|picks| {
        picks
            .iter()
            .map(|&i| WORDS[i])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn published() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    // Year 1 to 9999, and none.
    proptest::option::of(-62_135_596_800i64..253_402_300_799)
        .prop_map(|t| t.and_then(|s| DateTime::from_timestamp(s, 0)))
}

fn embedding() -> impl Strategy<Value = Option<Vec<f32>>> {
    let value = prop_oneof![
        4 => -1.0f32..1.0,
        1 => Just(0.0f32),
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(f32::MIN_POSITIVE),
    ];
    // Mostly one dimension, sometimes another (a model swapped mid-stream).
    let dim = prop_oneof![6 => Just(8usize), 1 => Just(3usize), 1 => Just(0usize)];
    proptest::option::of(dim.prop_flat_map(move |d| proptest::collection::vec(value.clone(), d)))
}

/// Title, body, publication time and embedding of one generated article.
type Generated = (String, String, Option<DateTime<Utc>>, Option<Vec<f32>>);

fn stream() -> impl Strategy<Value = Vec<Generated>> {
    proptest::collection::vec((text(), text(), published(), embedding()), 1..24)
}

fn run(docs: &[(AnalyzedArticle, Option<Vec<f32>>)]) -> Vec<(StoryId, Vec<StoryId>)> {
    let mut clusterer = ClusterConfig::default()
        .build()
        .unwrap_or_else(|e| panic!("default config: {e}"));
    docs.iter()
        .map(|(doc, embedding)| {
            let assignment = clusterer.assign(doc, embedding.as_deref());
            assert_eq!(
                clusterer.resolve(assignment.story),
                assignment.story,
                "an assigned story is live"
            );
            for merged in &assignment.merged {
                assert_eq!(clusterer.resolve(*merged), assignment.story);
            }
            assert!(!assignment.related.contains(&assignment.story));
            assert!(assignment.score.is_finite(), "score {}", assignment.score);
            (assignment.story, assignment.related)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_stream_is_clustered_and_reproducibly(stream in stream()) {
        let analyzer = Analyzer::default();
        let docs: Vec<(AnalyzedArticle, Option<Vec<f32>>)> = stream
            .into_iter()
            .enumerate()
            .map(|(i, (title, body, when, embedding))| {
                (
                    analyzer.analyze(common::article(&format!("a{i}"), Some(title), body, when)),
                    embedding,
                )
            })
            .collect();
        let first = run(&docs);
        let second = run(&docs);
        prop_assert_eq!(first, second);
    }
}
