//! Date reading on arbitrary lines and URLs: never panics, and every hint it gives is a
//! real range of days.

use proptest::prelude::*;
use storyline_extract::textdates::{
    date_in_url, first_date_in_text, mentioned_dates, mentioned_days, publication_hint, DateHint,
};

/// Pieces that look like dates often enough to reach every branch.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..100).prop_map(|n| format!("{n:02}")),
        Just(" / ".to_string()),
        Just(". ".to_string()),
        Just("-".to_string()),
        Just(": ".to_string()),
        Just(" ".to_string()),
        Just("/".to_string()),
        prop::sample::select(vec![
            "Jul.",
            "APR",
            "May",
            "décembre",
            "грудня",
            "PM",
            "EDT",
            "ET",
            "月",
            "日",
            "年",
            "Sunday"
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..14).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn hints_are_ranges_of_real_days(lines in prop::collection::vec(line(), 0..6), path in line()) {
        let url = format!("https://example.org/{path}");
        if let Some(DateHint::Between(a, b)) = publication_hint(Some(&url), lines.iter().map(String::as_str)) {
            prop_assert!(a <= b, "{a} > {b}");
        }
        for l in &lines {
            let first = first_date_in_text(l);
            let all = mentioned_dates(l);
            prop_assert_eq!(all.first().copied(), first, "the first full date is the first one named");
            for (m, d) in mentioned_days(l) {
                prop_assert!((1..=12).contains(&m) && (1..=31).contains(&d));
            }
        }
        let _ = date_in_url(&url);
    }
}
