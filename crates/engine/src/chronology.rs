//! When a story happened: the day its articles say the reported event took place
//! (which may come before they were published), and the span and days of its
//! coverage, undated articles included.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use storyline_store::{StoredArticle, StoryDetail};
use storyline_when::Value;

use crate::insight::outlet_of;
use crate::statements::prefix;

/// How long before its first report an event a story reports may lie: a date named
/// further back is history the articles recall, not the news they report.
pub const EVENT_LEAD_DAYS: i64 = 30;
/// Articles (the earliest) and bytes of each read for the days they name: the day
/// of the event is in a report's first paragraphs, and a story of thousands of
/// articles must not cost a page view thousands of full reads.
const EVENT_ARTICLES: usize = 200;
const EVENT_TEXT_BYTES: usize = 4_000;

/// Where an event date comes from.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Days the articles name in their text.
    Mentioned,
    /// No article names a day: the first publication.
    Published,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct EventDate {
    pub day: NaiveDate,
    /// Articles that name this day.
    pub articles: u32,
    pub basis: DateBasis,
}

/// One day's articles from one outlet in one language (`day` is `None` for articles
/// without a publication date).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct TimelinePoint {
    pub day: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub language: String,
    pub articles: u32,
}

/// The days a story's coverage runs over, first to last publication.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct StoryTime {
    pub event_date: Option<EventDate>,
    pub span: Option<Span>,
    /// Dated points first, by day; then the undated ones.
    pub timeline: Vec<TimelinePoint>,
}

/// The day an article came out, if it says.
pub(crate) fn published_day(a: &StoredArticle) -> Option<NaiveDate> {
    a.article.published.map(|p| p.date_naive())
}

/// The story's first publication day: what an undated article's relative dates are
/// read against.
pub(crate) fn first_published_day(story: &StoryDetail) -> Option<NaiveDate> {
    story.articles.iter().filter_map(published_day).min()
}

/// The story's time: its event date, span and timeline.
pub fn story_time(story: &StoryDetail) -> StoryTime {
    let last = story.articles.iter().filter_map(published_day).max();
    let span = first_published_day(story)
        .zip(last)
        .map(|(from, to)| Span { from, to });
    StoryTime {
        event_date: event_date(story, span),
        span,
        timeline: timeline(story),
    }
}

/// The day the most articles name (a day in an article's lead counts twice), within
/// [`EVENT_LEAD_DAYS`] before the first publication and not after the last; ties go
/// to the day nearer the first publication. Relative dates are read against each
/// article's publication day, or the story's first for an undated article.
fn event_date(story: &StoryDetail, span: Option<Span>) -> Option<EventDate> {
    let mut votes: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
    for a in story.articles.iter().take(EVENT_ARTICLES) {
        // `span.from` is the story's first publication day.
        let reference = published_day(a).or(span.map(|s| s.from));
        let mut named: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for (day, in_lead) in named_days(a, reference) {
            let plausible =
                span.is_none_or(|s| day <= s.to && day >= s.from - Duration::days(EVENT_LEAD_DAYS));
            if plausible {
                let weight = named.entry(day).or_default();
                *weight = (*weight).max(if in_lead { 2 } else { 1 });
            }
        }
        for (day, weight) in named {
            let v = votes.entry(day).or_default();
            v.0 += weight;
            v.1 += 1;
        }
    }
    let nearness = |d: &NaiveDate| span.map_or(0, |s| (*d - s.from).num_days().abs());
    let best = votes
        .into_iter()
        .max_by(|(d1, v1), (d2, v2)| v1.cmp(v2).then(nearness(d2).cmp(&nearness(d1))));
    match best {
        Some((day, (_, articles))) => Some(EventDate {
            day,
            articles,
            basis: DateBasis::Mentioned,
        }),
        None => span.map(|s| EventDate {
            day: s.from,
            articles: 0,
            basis: DateBasis::Published,
        }),
    }
}

/// The days an article names, each with whether its lead (first paragraph) names it.
fn named_days(a: &StoredArticle, reference: Option<NaiveDate>) -> Vec<(NaiveDate, bool)> {
    let text = prefix(&a.article.text, EVENT_TEXT_BYTES);
    let lead_end = text.find("\n\n").unwrap_or(text.len());
    let mut days: Vec<(NaiveDate, bool)> = storyline_when::mentions(text, &a.language, reference)
        .into_iter()
        .filter_map(|m| match m.value {
            Value::Day(d) => Some((d, m.start < lead_end)),
            _ => None,
        })
        .collect();
    if let Some(title) = &a.article.title {
        days.extend(
            storyline_when::mentions(title, &a.language, reference)
                .into_iter()
                .filter_map(|m| match m.value {
                    Value::Day(d) => Some((d, true)),
                    _ => None,
                }),
        );
    }
    days
}

/// Articles per day, outlet and language; the undated ones last.
fn timeline(story: &StoryDetail) -> Vec<TimelinePoint> {
    let mut counts: BTreeMap<(Option<NaiveDate>, Option<String>, String), u32> = BTreeMap::new();
    for a in &story.articles {
        *counts
            .entry((published_day(a), outlet_of(a), a.language.clone()))
            .or_default() += 1;
    }
    let (dated, undated): (Vec<_>, Vec<_>) = counts
        .into_iter()
        .map(|((day, outlet, language), articles)| TimelinePoint {
            day,
            outlet,
            language,
            articles,
        })
        .partition(|p| p.day.is_some());
    dated.into_iter().chain(undated).collect()
}
