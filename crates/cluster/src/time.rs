//! Time spans and gaps between an article and a story.

use super::*;

impl Clusterer {
    /// Days between the article's date (or the days its hint allows) and the story's
    /// date range (or its members' hinted days), unless a date one side names is
    /// closer to the other: 0 where they overlap or either side has no time at all.
    pub(crate) fn gap_days(query: &Query, story: &Story) -> f64 {
        let Some(range) = story.dated.or(story.hinted) else {
            return 0.0;
        };
        let seconds = match (query.time_span(), query.hint) {
            (Some(own), _) => interval_gap(own, range),
            (None, Some(DateHint::Yearless { month, day })) => {
                // The nearest year in which that day falls.
                let (from, to) = (range.0.year() - 1, range.1.year() + 1);
                (from..=to)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .map(|d| interval_gap(day_span(d, d), range))
                    .min()
                    .unwrap_or(0)
            }
            (None, _) => 0,
        };
        days(seconds.min(Self::gap_by_named_dates(query, story, range)))
    }

    /// Seconds between the story's dates and a full date the report names (the trial
    /// names the day of the shooting), or between the report's own date and one its
    /// story names (the shooting reported after the trial): a follow-up and the event
    /// it follows, whichever arrives first.
    pub(crate) fn gap_by_named_dates(query: &Query, story: &Story, range: Span) -> i64 {
        let by_report = query
            .dates
            .iter()
            .map(|d| interval_gap(day_span(*d, *d), range))
            .min();
        let by_story = query.time_span().and_then(|own| {
            story
                .named
                .iter()
                .map(|d| interval_gap(own, day_span(*d, *d)))
                .min()
        });
        by_report
            .into_iter()
            .chain(by_story)
            .min()
            .unwrap_or(i64::MAX)
    }
}

/// The smallest range holding both.
pub(crate) fn span_union(a: Option<Span>, b: Option<Span>) -> Option<Span> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (a, b) => a.or(b),
    }
}

/// How many days a span covers.
pub(crate) fn width_days(span: Span) -> f64 {
    days((span.1 - span.0).num_seconds())
}

/// Seconds as days.
pub(crate) fn days(seconds: i64) -> f64 {
    seconds as f64 / 86_400.0
}

/// Seconds between two time ranges (0 when they overlap).
pub(crate) fn interval_gap(a: Span, b: Span) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_seconds()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_seconds()
    } else {
        0
    }
}

/// From the start of day `a` to the end of day `b`.
pub(crate) fn day_span(a: NaiveDate, b: NaiveDate) -> Span {
    let last_second = chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(chrono::NaiveTime::MIN);
    (
        a.and_time(chrono::NaiveTime::MIN).and_utc(),
        b.and_time(last_second).and_utc(),
    )
}
