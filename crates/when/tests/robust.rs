//! Any text, however broken, gives dates whose spans are the text's own.

use chrono::NaiveDate;
use proptest::prelude::*;
use storyline_when::{mentions, LANGUAGES};

proptest! {
    #[test]
    fn spans_are_char_boundaries_and_never_panic(
        text in "[0-9a-zA-Zäöüßéèçñ ./:,'’%$\\-年月日前後년월일전后안에 вересняминулийסבתاليوم\n]{0,80}",
        lang in prop::sample::select(LANGUAGES),
    ) {
        let reference = NaiveDate::from_ymd_opt(2025, 9, 24);
        for m in mentions(&text, lang, reference) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
    }
}

#[test]
fn extreme_amounts_and_years_give_no_panic() {
    let reference = NaiveDate::from_ymd_opt(2025, 9, 24);
    for text in [
        "in 999 years",
        "999 years ago",
        "2999-12-31",
        "in 9999",
        "31/02/2025",
        "29 February 2023",
    ] {
        for m in mentions(text, "en", reference) {
            assert!(!m.text.is_empty());
        }
    }
    assert!(mentions("29 February 2023", "en", reference).is_empty());
}

#[test]
fn long_runs_of_date_words_neither_nest_deeply_nor_crash() {
    let reference = NaiveDate::from_ymd_opt(2025, 9, 24);
    let edges = "the end of ".repeat(50_000) + "the month";
    assert!(!mentions(&edges, "en", reference).is_empty());
    let fills = "Tuesday ".repeat(50_000);
    assert_eq!(mentions(&fills, "en", reference).len(), 50_000);
}
