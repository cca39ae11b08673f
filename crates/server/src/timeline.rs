//! The story page's timeline: articles per day (per week or month on a long story)
//! as stacked bars by language, on an axis that runs from the event date or first
//! report to the last, with years on its labels, the event day marked, and the
//! undated articles in a bar of their own.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use maud::{html, Markup};
use storyline_engine::chronology::StoryTime;

/// How long an axis of days may run before it counts weeks, and weeks before months.
const LONGEST_DAILY: i64 = 62;
const LONGEST_WEEKLY: i64 = 366;
/// Labels shown at most; the rest of the slots go unlabelled.
const MAX_LABELS: usize = 12;

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Day,
    Week,
    Month,
}

/// The slot a day falls in: itself, its week's Monday, or its month's first day.
fn slot_of(step: Step, day: NaiveDate) -> NaiveDate {
    match step {
        Step::Day => day,
        Step::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
        Step::Month => day.with_day(1).unwrap_or(day),
    }
}

fn next_slot(step: Step, day: NaiveDate) -> Option<NaiveDate> {
    match step {
        Step::Day => day.succ_opt(),
        Step::Week => day.checked_add_signed(Duration::days(7)),
        Step::Month => day.checked_add_months(chrono::Months::new(1)),
    }
}

/// A slot's label; the year is written on the first and wherever it changes.
fn label(step: Step, day: NaiveDate, with_year: bool) -> String {
    match (step, with_year) {
        (Step::Month, _) => day.format("%b %Y").to_string(),
        (_, true) => day.format("%-d %b %Y").to_string(),
        (_, false) => day.format("%-d %b").to_string(),
    }
}

/// The slots from the axis's first day to its last.
fn slots(first: NaiveDate, last: NaiveDate) -> (Step, Vec<NaiveDate>) {
    let days = (last - first).num_days();
    let step = match days {
        d if d <= LONGEST_DAILY => Step::Day,
        d if d <= LONGEST_WEEKLY => Step::Week,
        _ => Step::Month,
    };
    let mut out = vec![slot_of(step, first)];
    while let Some(next) = out
        .last()
        .and_then(|d| next_slot(step, *d))
        .filter(|d| *d <= last)
    {
        out.push(next);
    }
    (step, out)
}

struct Bar {
    label: Option<String>,
    title: String,
    counts: BTreeMap<String, u32>,
    event: bool,
    undated: bool,
}

fn bars(time: &StoryTime) -> Vec<Bar> {
    let mut bars = Vec::new();
    let event = time.event_date.as_ref().map(|e| e.day);
    if let Some(span) = time.span {
        let first = event.map_or(span.from, |e| e.min(span.from));
        let (step, days) = slots(first, span.to);
        let every = days.len().div_ceil(MAX_LABELS).max(1);
        for (i, day) in days.iter().enumerate() {
            let year_changes = i == 0 || days[i - 1].year() != day.year();
            bars.push(Bar {
                label: (i % every == 0 || year_changes).then(|| label(step, *day, year_changes)),
                title: label(step, *day, true),
                counts: BTreeMap::new(),
                event: event.is_some_and(|e| slot_of(step, e) == *day),
                undated: false,
            });
        }
        for p in &time.timeline {
            if let Some(i) = p
                .day
                .and_then(|d| days.iter().position(|s| *s == slot_of(step, d)))
            {
                *bars[i].counts.entry(p.language.clone()).or_default() += p.articles;
            }
        }
    }
    let mut undated = BTreeMap::new();
    for p in time.timeline.iter().filter(|p| p.day.is_none()) {
        *undated.entry(p.language.clone()).or_default() += p.articles;
    }
    if !undated.is_empty() {
        bars.push(Bar {
            label: Some("undated".into()),
            title: "undated".into(),
            counts: undated,
            event: false,
            undated: true,
        });
    }
    bars
}

/// A bar's stacked pieces: top, height, class and title.
fn pieces(
    b: &Bar,
    height: u32,
    max: u32,
    class_of: &dyn Fn(&str) -> String,
) -> Vec<(u32, u32, String, String)> {
    let mut top = height;
    let mut out = Vec::new();
    for (language, n) in &b.counts {
        let h = n * height / max;
        top -= h;
        let class = if b.undated {
            format!("{} undated", class_of(language))
        } else {
            class_of(language)
        };
        out.push((top, h, class, format!("{}: {n} in {language}", b.title)));
    }
    out
}

/// The timeline as SVG, one colour class per language (at most eight distinct; the
/// rest share one), each piece titled for screen readers.
pub(crate) fn timeline_svg(time: &StoryTime) -> Markup {
    let bars = bars(time);
    if bars.iter().all(|b| b.counts.is_empty()) {
        return html! { p.empty { "No articles." } };
    }
    let mut languages: Vec<&str> = Vec::new();
    for l in bars.iter().flat_map(|b| b.counts.keys()) {
        if !languages.contains(&l.as_str()) {
            languages.push(l);
        }
    }
    let class_of = |l: &str| {
        format!(
            "series s{}",
            languages.iter().position(|x| *x == l).unwrap_or(0).min(7)
        )
    };
    let max = bars
        .iter()
        .map(|b| b.counts.values().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (bar, gap, height) = (28u32, 8u32, 120u32);
    let width = bars.len() as u32 * (bar + gap) + gap;
    let x_of = |i: usize| gap + i as u32 * (bar + gap);
    html! {
        figure.timeline {
            svg viewBox={ "0 0 " (width) " " (height + 24) } preserveAspectRatio="xMinYMin meet" role="img" aria-label="Articles over time by language" {
                @for (i, b) in bars.iter().enumerate() {
                    @if b.event {
                        line.event x1=(x_of(i) + bar / 2) x2=(x_of(i) + bar / 2) y1="0" y2=(height) { title { "event date" } }
                    }
                    @for (top, h, class, title) in pieces(b, height, max, &class_of) {
                        rect x=(x_of(i)) y=(top) width=(bar) height=(h) class=(class) { title { (title) } }
                    }
                    @if let Some(text) = &b.label {
                        text x=(x_of(i) + bar / 2) y=(height + 16) text-anchor="middle" class="axis" { (text) }
                    }
                }
            }
            figcaption {
                @for l in &languages { span class=(class_of(l)) { (l) } " " }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_axis_fits_the_span_and_steps_up_on_long_stories() {
        let (step, days) = slots(day("2025-09-22"), day("2025-09-24"));
        assert!(step == Step::Day && days.len() == 3);
        let (step, days) = slots(day("2025-01-01"), day("2025-06-30"));
        assert!(step == Step::Week && days.len() == 27, "{}", days.len());
        let (step, days) = slots(day("2019-11-18"), day("2025-09-24"));
        assert!(step == Step::Month && days.first() == Some(&day("2019-11-01")));
    }

    #[test]
    fn labels_carry_the_year() {
        assert_eq!(label(Step::Day, day("2025-09-24"), true), "24 Sep 2025");
        assert_eq!(label(Step::Month, day("2025-09-01"), false), "Sep 2025");
    }
}
