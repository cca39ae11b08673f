//! What a story page says of a story: its title (a headline, in the reader's
//! language) and its time (event date, span, timeline), from articles of our own.

use chrono::{TimeZone, Utc};
use storyline_engine::chronology::{story_time, DateBasis};
use storyline_engine::headline::story_title;
use storyline_model::Article;
use storyline_store::{StoredArticle, StoryDetail, StorySummary};

fn stored(
    key: i64,
    lang: &str,
    title: Option<&str>,
    text: &str,
    day: Option<u32>,
) -> StoredArticle {
    let published = day.map(|d| Utc.with_ymd_and_hms(2026, 4, d, 9, 0, 0).unwrap());
    StoredArticle {
        key,
        story: 1,
        language: lang.into(),
        ingested_at: Utc.with_ymd_and_hms(2026, 4, 20, 0, 0, 0).unwrap(),
        article: Article {
            title: title.map(str::to_string),
            published,
            source: Some(format!("outlet-{key}")),
            ..Article::from_text(format!("a{key}"), text)
        },
        embedding: None,
        copy_of: None,
    }
}

fn story(articles: Vec<StoredArticle>) -> StoryDetail {
    StoryDetail {
        summary: StorySummary {
            id: 1,
            title: None,
            title_is_headline: false,
            articles: articles.len() as u64,
            languages: Vec::new(),
            first_published: None,
            last_published: None,
            last_activity: Utc.with_ymd_and_hms(2026, 4, 20, 0, 0, 0).unwrap(),
        },
        articles,
        related: Vec::new(),
    }
}

fn ferry_story() -> StoryDetail {
    story(vec![
        stored(1, "en", None, "Ferry crews in Kestrel Bay went back to work on Tuesday after a week-long strike. The union accepted the offer.", Some(2)),
        stored(2, "en", Some("Kestrel Bay ferry strike ends as crews accept offer"), "The ferry strike in Kestrel Bay ended on Tuesday when crews accepted the operator's offer.", Some(2)),
        stored(3, "uk", Some("У Кестрел-Бей завершився страйк поромників"), "Страйк поромників у Кестрел-Бей завершився у вівторок.", Some(3)),
        stored(4, "en", Some("Weather: sunny spells"), "Sunny spells are expected across the bay.", Some(3)),
        stored(5, "de", None, "Die Fährleute in Kestrel Bay arbeiten seit Dienstag wieder.", None),
    ])
}

#[test]
fn the_title_is_the_most_representative_headline_in_the_story_s_language() {
    let title = story_title(&ferry_story(), None).unwrap();
    assert_eq!(
        title.text,
        "Kestrel Bay ferry strike ends as crews accept offer"
    );
    assert!(title.headline && title.language == "en");
}

#[test]
fn a_reader_s_language_picks_its_headline_or_else_its_whole_first_sentence() {
    let uk = story_title(&ferry_story(), Some("uk")).unwrap();
    assert_eq!(uk.text, "У Кестрел-Бей завершився страйк поромників");
    let de = story_title(&ferry_story(), Some("de")).unwrap();
    assert_eq!(
        de.text,
        "Die Fährleute in Kestrel Bay arbeiten seit Dienstag wieder."
    );
    assert!(!de.headline);
    // A language the story lacks falls back to the story's most common one.
    assert_eq!(
        story_title(&ferry_story(), Some("ja")).unwrap().language,
        "en"
    );
}

#[test]
fn the_event_date_is_the_day_the_articles_name() {
    let time = story_time(&ferry_story());
    let event = time.event_date.unwrap();
    // Published on Thursday 2 and Friday 3 April; all say Tuesday: 31 March.
    assert_eq!(event.day.to_string(), "2026-03-31");
    assert_eq!(event.basis, DateBasis::Mentioned);
    assert_eq!(
        event.articles, 4,
        "the undated German report counts, read against the story's first day"
    );
    let span = time.span.unwrap();
    assert_eq!(
        (span.from.to_string(), span.to.to_string()),
        ("2026-04-02".into(), "2026-04-03".into())
    );
    let last = time.timeline.last().unwrap();
    assert!(
        last.day.is_none() && last.language == "de",
        "undated articles come last"
    );
    assert_eq!(time.timeline.iter().map(|p| p.articles).sum::<u32>(), 5);
}

#[test]
fn history_a_story_recalls_is_no_event_date() {
    let time = story_time(&story(vec![
        stored(
            1,
            "en",
            None,
            "The bridge, opened on 12 May 1998, closed today.",
            Some(6),
        ),
        stored(
            2,
            "en",
            None,
            "Built in 1998, the bridge shut on Monday 6 April.",
            Some(6),
        ),
    ]));
    assert_eq!(time.event_date.unwrap().day.to_string(), "2026-04-06");
    let undated = story_time(&story(vec![stored(
        1,
        "en",
        None,
        "No day is named here.",
        Some(6),
    )]));
    assert_eq!(undated.event_date.unwrap().basis, DateBasis::Published);
}
