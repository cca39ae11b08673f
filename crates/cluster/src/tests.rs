//! Clusterer behaviour on small hand-written streams.

use super::*;
use storyline_analyze::Analyzer;
use storyline_model::Article;

fn article(analyzer: &Analyzer, id: &str) -> AnalyzedArticle {
    report(analyzer, id, "A short report.", None)
}

fn report(
    analyzer: &Analyzer,
    id: &str,
    text: &str,
    published: Option<DateTime<Utc>>,
) -> AnalyzedArticle {
    analyzer.analyze(Article {
        published,
        declared_language: Some("en".into()),
        ..Article::from_text(id, text)
    })
}

#[test]
fn stories_whose_times_cannot_be_compared_are_held_back_from_merging() {
    let analyzer = Analyzer::default();
    let text = "Harbour cranes at Velmora stopped on Monday as dock workers walked out \
        over night shifts. The Velmora Dockers Union said the strike would last until \
        the port authority under Ilse Marrow reopens talks.";
    let dated = "2026-03-02T08:00:00Z".parse::<DateTime<Utc>>().ok();
    // Nothing joins anything, not even as a copy: each report opens its own story.
    let mut c = ClusterConfig {
        threshold: 1.0,
        copy_min_shingles: usize::MAX,
        ..ClusterConfig::default()
    }
    .build()
    .unwrap();
    let mut story = |id: &str, published| {
        c.assign(&report(&analyzer, id, text, published), None)
            .story
    };
    let (undated_a, undated_b) = (story("u1", None), story("u2", None));
    let (dated_a, dated_b) = (story("d1", dated), story("d2", dated));
    let both_dated = c.story_similarity(dated_a, dated_b);
    let both_undated = c.story_similarity(undated_a, undated_b);
    let mixed = c.story_similarity(undated_a, dated_a);
    assert!(both_dated > 0.5, "{both_dated}");
    assert!((both_undated - both_dated).abs() < 1e-4, "{both_undated}");
    let factor = c.config().time_unknown_factor;
    assert!((mixed - factor * both_dated).abs() < 1e-4, "{mixed}");
}

/// Stories can merge on the same-days bars alone: the usual bars cannot be met,
/// and no report is taken for a copy.
fn same_days_bars_only() -> ClusterConfig {
    ClusterConfig {
        merge_fit: 1.0,
        merge_threshold: 1.0,
        same_days_merge_fit: 0.0,
        same_days_merge_threshold: 0.0,
        copy_min_shingles: usize::MAX,
        ..ClusterConfig::default()
    }
}

#[test]
fn only_stories_of_the_same_few_days_merge_at_the_lower_bars() {
    let analyzer = Analyzer::default();
    let walkout = "Harbour cranes at Velmora stopped as dock workers walked out over \
        night shifts, the Velmora Dockers Union said.";
    let talks = "Port director Ilse Marrow offered talks on night shifts and pay to the \
        Velmora Dockers Union, whose members stayed off the quays.";
    let bridge = format!("{walkout} {talks}");
    let at = |day: u32| {
        format!("2026-03-{day:02}T09:00:00Z")
            .parse::<DateTime<Utc>>()
            .ok()
    };
    let config = same_days_bars_only();
    let merged_by_bridge = |walkout_days: &[u32], talks_day: u32| {
        let mut c = config.clone().build().unwrap();
        for (n, day) in walkout_days.iter().enumerate() {
            let doc = report(&analyzer, &format!("w{n}"), walkout, at(*day));
            c.restore(&doc, None, 1, None);
        }
        c.restore(&report(&analyzer, "t", talks, at(talks_day)), None, 2, None);
        let assignment = c.assign(&report(&analyzer, "b", &bridge, at(talks_day)), None);
        !assignment.merged.is_empty()
    };
    assert!(merged_by_bridge(&[2], 3), "a day apart");
    assert!(merged_by_bridge(&[2, 4], 3), "overlapping three-day spans");
    assert!(
        merged_by_bridge(&[2, 2, 3, 30], 3),
        "a follow-up weeks later does not undo it"
    );
    assert!(!merged_by_bridge(&[2], 12), "ten days apart");
    assert!(
        !merged_by_bridge(&[2, 9], 9),
        "one story is a week of reports"
    );
    assert!(
        !merged_by_bridge(&[2, 2, 9, 16], 3),
        "half its reports came after its first days"
    );
}

#[test]
fn stories_of_the_same_days_that_share_no_name_are_not_merged_at_the_lower_bars() {
    let analyzer = Analyzer::default();
    let walkout = "Harbour cranes at Velmora stopped as dock workers walked out over \
        night shifts, the Velmora Dockers Union said.";
    let other_port = "Harbour cranes at Tessick stopped as crane drivers walked out over \
        night shifts, the Korvan Guild of Quay Hands said.";
    let bridge = format!("{walkout} {other_port}");
    let at = "2026-03-02T09:00:00Z".parse::<DateTime<Utc>>().ok();
    let config = same_days_bars_only();
    let merged = |min_entity: f32| {
        let mut c = ClusterConfig {
            same_days_min_entity: min_entity,
            ..config.clone()
        }
        .build()
        .unwrap();
        c.restore(&report(&analyzer, "w", walkout, at), None, 1, None);
        c.restore(&report(&analyzer, "o", other_port, at), None, 2, None);
        let assignment = c.assign(&report(&analyzer, "b", &bridge, at), None);
        !assignment.merged.is_empty()
    };
    assert!(!merged(ClusterConfig::default().same_days_min_entity));
    // The same stories merge once names are not asked for: the names decided.
    assert!(merged(0.0));
}

#[test]
fn a_full_article_keeps_more_weight_weeks_after_its_story_than_a_blurb() {
    let analyzer = Analyzer::default();
    let blurb = "Velmora dock workers end their strike over night shifts.";
    let article = "Dock workers in Velmora ended their strike over night shifts on \
        Tuesday after port director Ilse Marrow agreed to cap night rotas at two a \
        month. The Velmora Dockers Union said members would return to the quays by \
        Thursday, when cranes idle since early March are due to restart. Shipping \
        lines had diverted eleven container vessels to Tessick during the stoppage, \
        and exporters of timber and frozen fish reported losses. The agreement also \
        pays a night allowance, reviews rest breaks, and sets up a joint committee \
        on safety at the northern terminal, where two workers were injured in \
        January.";
    let config = ClusterConfig {
        copy_min_shingles: usize::MAX,
        ..ClusterConfig::default()
    };
    let weight_after = |text: &str, days: i64| {
        let mut c = config.clone().build().unwrap();
        let start = "2026-03-02T09:00:00Z".parse::<DateTime<Utc>>().unwrap();
        c.restore(&report(&analyzer, "s", text, Some(start)), None, 1, None);
        let later = start + chrono::Duration::days(days);
        let (_, candidates) = c.assign_explained(&report(&analyzer, "l", text, Some(later)), None);
        let best = candidates.iter().find(|c| c.story == 1).unwrap();
        best.score / best.content_score
    };
    let (full, short) = (weight_after(article, 37), weight_after(blurb, 37));
    assert!(full > short + 0.1, "full {full} blurb {short}");
    // Inside the window neither loses weight.
    assert_eq!(weight_after(article, 3), 1.0);
    assert_eq!(weight_after(blurb, 3), 1.0);
}

#[test]
fn a_close_small_story_outranks_big_scattered_ones_in_embedding_retrieval() {
    let analyzer = Analyzer::default();
    let doc = article(&analyzer, "a");
    let mut c = ClusterConfig::default().build().unwrap();
    let dim = 64;
    // Big stories whose members point everywhere collide with any query in some
    // LSH table, many times over.
    for story in 1..=20u64 {
        for member in 0..100u64 {
            let v = dense::noise(story * 1000 + member, dim);
            c.restore(&doc, Some(&v), story, None);
        }
    }
    // A one-article story at cosine about 0.5 from the query: close, not identical.
    let target = dense::noise(424_242, dim);
    c.restore(&doc, Some(&target), 99, None);
    let noise = dense::noise(777, dim);
    let query: Vec<f32> = target.iter().zip(&noise).map(|(t, n)| t + n).collect();
    let centred = c.centre("en", &query);
    let nearest = c.nearest_by_embedding(&centred, 4, &Means::default());
    assert_eq!(nearest.first(), Some(&99), "{nearest:?}");
}
