//! Dates in text, datelines and URLs: cases of our own.

use super::*;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn dates_in_many_languages() {
    let cases = [
        ("Оновлено 24 вересня 2025, 14:05", d(2025, 9, 24)),
        ("Опубликовано 3 марта 2024 года", d(2024, 3, 3)),
        ("Stand: 24. September 2025, 10:12 Uhr", d(2025, 9, 24)),
        ("Publié le 5 août 2023 à 18h", d(2023, 8, 5)),
        ("Publicado el 12 de marzo de 2022", d(2022, 3, 12)),
        ("Updated Nov. 19, 2019 8:21 am ET", d(2019, 11, 19)),
        ("September 24, 2025", d(2025, 9, 24)),
        ("发布时间：2021年03月23日 10:00", d(2021, 3, 23)),
        ("입력 2021년 3월 23일", d(2021, 3, 23)),
        ("Opublikowano: 7 października 2024", d(2024, 10, 7)),
        ("24.09.2025 12:00", d(2025, 9, 24)),
        ("11/19/2019", d(2019, 11, 19)),
        ("05/02/2013 is ambiguous", None),
        ("Data: 2025-09-24", d(2025, 9, 24)),
        ("Yayın: 1 Ekim 2024", d(2024, 10, 1)),
        ("May 3rd, 2013 2: 00pm EDT", d(2013, 5, 3)),
        ("the 21st of June", None),
        ("Posted on Thu Jun 13, 2013 08: 45 AM PDT", d(2013, 6, 13)),
    ];
    for (text, want) in cases {
        assert_eq!(first_date_in_text(text), want, "{text}");
    }
}

#[test]
fn datelines_are_short_or_mostly_date_and_time() {
    let datelines = [
        "First Published: June 13, 2013 4: 59 PM EDT",
        "Posted on Thu Jun 13, 2013 08: 45 AM PDT",
        "12 January 2010 @ 09: 29 pm",
        "Konstanz, 24. September 2025",
    ];
    for line in datelines {
        assert!(dateline_date(line).is_some(), "{line}");
    }
    // Day-first or month-first: month-first only beside a North American zone.
    assert_eq!(
        dateline_date("UPDATED 05 / 03 / 2013 at 11: 00 AM EDT"),
        d(2013, 5, 3)
    );
    assert_eq!(
        dateline_date("Posted at 3: 21 PM ET, 01 / 5 / 2011"),
        d(2011, 1, 5)
    );
    assert_eq!(dateline_date("Release: 03 / 08 / 2013"), None);
    assert_eq!(dateline_date("Wydano 03.08.2013, 10:00 CET"), None);
    assert_eq!(dateline_date("LUNDI ET MARDI 05/03/2013"), None);
    // A sentence that mentions a date is about an event, not the article.
    let sentences = [
        "The storm reached the coast on June 13, 2013 and cut power to the valley.",
        "Lawmakers voted on June 13, 2013 at the end of a long session.",
    ];
    for line in sentences {
        assert_eq!(dateline_date(line), None, "{line}");
    }
    assert_eq!(mentioned_days("on May 3rd the talks began"), vec![(5, 3)]);
}

#[test]
fn non_dates_are_not_dates() {
    assert_eq!(
        first_date_in_text("He scored 24 points in 2025 games."),
        None
    );
    assert_eq!(first_date_in_text("Room 12, floor 3, 1999 people"), None);
    assert_eq!(first_date_in_text("31 February 2024"), None);
    assert_eq!(first_date_in_text(""), None);
}

#[test]
fn dates_in_urls() {
    assert_eq!(
        date_in_url("https://x.example/2019/11/18/story-slug/"),
        d(2019, 11, 18)
    );
    assert_eq!(
        date_in_url("https://x.example/news/2019-11-18-story"),
        d(2019, 11, 18)
    );
    assert_eq!(
        date_in_url("https://x.example/a/20191118/story"),
        d(2019, 11, 18)
    );
    assert_eq!(date_in_url("https://x.example/article/123456789"), None);
    assert_eq!(date_in_url("https://x.example/2019/11/story"), None);
}

#[test]
fn days_named_in_running_text_in_several_languages() {
    assert_eq!(
        mentioned_days("4 octobre : le prix Nobel est attribué. Le 10 décembre, la remise."),
        vec![(10, 4), (12, 10)]
    );
    assert_eq!(
        mentioned_days("Втрати сягнули 100 000 осіб (22 грудня)"),
        vec![(12, 22)]
    );
    assert_eq!(
        mentioned_days("On September 24, 2025 and again on Sept. 24 the talks resumed"),
        vec![(9, 24)]
    );
    assert_eq!(mentioned_days("2021年3月23日に発表"), vec![(3, 23)]);
    assert_eq!(mentioned_days("el 5 de mayo de 2024"), vec![(5, 5)]);
    assert_eq!(
        mentioned_days("Амерыканскі знішчальнік збіў аэрастат. (4 лютага)"),
        vec![(2, 4)]
    );
    assert_eq!(
        mentioned_days("Finland blir medlem den 4 april."),
        vec![(4, 4)]
    );
    assert_eq!(mentioned_days("Suomi liittyi 4. huhtikuuta."), vec![(4, 4)]);
    assert_eq!(
        first_date_in_text("Praha, 24. září 2025 – vláda schválila"),
        NaiveDate::from_ymd_opt(2025, 9, 24)
    );
    // No month name, an impossible day, a number beside an ordinary word.
    assert!(mentioned_days("Room 12 of 30 closed; 7 people; 31 February").is_empty());
}

#[test]
fn full_dates_named_in_running_text_each_once() {
    assert_eq!(
        mentioned_dates(
            "Apr 12, 2013 — the footage shows her on October 21, 2011, in Brownsville; \
             the trial opened on 12 April 2013 and resumes on May 3."
        ),
        [d(2013, 4, 12), d(2011, 10, 21)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        mentioned_dates("пожежа 9 березня 2026 року"),
        d(2026, 3, 9).into_iter().collect::<Vec<_>>()
    );
    assert!(mentioned_dates("on May 3 and in 2011, room 12").is_empty());
}

#[test]
fn partial_datelines_and_url_months_give_hints() {
    let hint = |url: Option<&str>, lines: &[&str]| publication_hint(url, lines.iter().copied());
    let between = |a: (i32, u32, u32), b: (i32, u32, u32)| {
        Some(DateHint::Between(
            d(a.0, a.1, a.2).unwrap(),
            d(b.0, b.1, b.2).unwrap(),
        ))
    };
    // Either reading of a day-or-month-first date.
    assert_eq!(
        hint(None, &["Headline here", "05 / 02 / 2013", "Body."]),
        between((2013, 2, 5), (2013, 5, 2))
    );
    assert_eq!(
        hint(None, &["Article posted on 08. 07. 2012"]),
        between((2012, 7, 8), (2012, 8, 7))
    );
    // The URL's month picks the reading.
    let url = Some("http://example.org/news/2013/05/lohan-rehab");
    assert_eq!(
        hint(url, &["05 / 02 / 2013"]),
        between((2013, 5, 2), (2013, 5, 2))
    );
    // A two-digit year only beside a clock time; one reading only here.
    assert_eq!(
        hint(None, &["02. 29. 12 4: 15 PM"]),
        between((2012, 2, 29), (2012, 2, 29))
    );
    assert_eq!(hint(None, &["Rooms 12, 14 and 16"]), None);
    // A day without a year, and with the URL's year.
    assert_eq!(
        hint(None, &["Jul. 7 5: 59 PM EDT"]),
        Some(DateHint::Yearless { month: 7, day: 7 })
    );
    assert_eq!(
        hint(None, &["APR 28"]),
        Some(DateHint::Yearless { month: 4, day: 28 })
    );
    assert_eq!(
        hint(url, &["APR 28"]),
        between((2013, 4, 28), (2013, 4, 28))
    );
    // A URL's month alone.
    assert_eq!(
        hint(url, &["No date in these lines."]),
        between((2013, 5, 1), (2013, 5, 31))
    );
    assert_eq!(hint(Some("http://example.org/2013/0923/x"), &[]), None);
    // Sentences are not datelines; full dates are not hints.
    assert_eq!(
        hint(
            None,
            &["Police said the 05 / 02 / 2013 report was wrong about everything."]
        ),
        None
    );
    assert_eq!(hint(None, &["May 2, 2013"]), None);
    assert!(
        is_dateline("APR 28")
            && is_dateline("May 2, 2013")
            && !is_dateline("May the best team win")
    );
    assert!(!is_dateline("March 8 protests draw crowds"));
    assert!(is_dateline("Updated Mar. 8 5: 46 PM EST"));
}
