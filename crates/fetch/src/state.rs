//! What the watcher remembers of one source between polls and runs: the
//! validators of each listing it reads, the entries it has taken, pages to try
//! again, when to poll next, and how it has fared. Saved as JSON in the store.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::client::Validators;
use crate::config::Settings;
use crate::FetchError;

/// A failure as recorded on a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub at: DateTime<Utc>,
    pub reason: String,
    pub message: String,
}

impl Failure {
    pub fn now(error: &FetchError) -> Self {
        Failure {
            at: Utc::now(),
            reason: error.reason(),
            message: error.to_string(),
        }
    }
}

/// A page whose fetch failed in a way that may pass; tried again at the next poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingPage {
    pub key: String,
    pub url: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceState {
    pub url: String,
    /// `feed`, `sitemap`, `sitemap index` or `home page`, once known.
    pub kind: Option<String>,
    pub title: Option<String>,
    /// Per listing URL read for this source (the feed; a sitemap index's sitemaps;
    /// a home page's feeds), the validators of its last full answer.
    pub validators: BTreeMap<String, Validators>,
    /// Keys of entries already taken, oldest first.
    pub seen: VecDeque<String>,
    pub pending: Vec<PendingPage>,
    /// Feeds (or sitemaps) a home page led to, and when they were found.
    pub discovered: Vec<String>,
    pub discovered_at: Option<DateTime<Utc>>,
    pub interval_secs: f64,
    pub next_poll: Option<DateTime<Utc>>,
    pub last_poll: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<Failure>,
    /// Polls in a row that failed.
    pub failures: u32,
    pub polls: u64,
    /// Requests answered 304.
    pub not_modified: u64,
    pub articles: u64,
    /// Articles stored per day (UTC), the last 30 days.
    pub days: BTreeMap<NaiveDate, u64>,
}

impl SourceState {
    pub fn new(url: &str) -> Self {
        SourceState {
            url: url.to_string(),
            ..SourceState::default()
        }
    }

    pub fn has_seen(&self, key: &str) -> bool {
        self.seen.iter().any(|k| k == key)
    }

    /// Remembers `key`, forgetting the oldest keys beyond `cap`.
    pub fn remember(&mut self, key: String, cap: usize) {
        if !self.has_seen(&key) {
            self.seen.push_back(key);
        }
        while self.seen.len() > cap {
            self.seen.pop_front();
        }
    }

    /// Counts articles stored from this source today.
    pub fn record_articles(&mut self, stored: u64, now: DateTime<Utc>) {
        if stored == 0 {
            return;
        }
        self.articles += stored;
        *self.days.entry(now.date_naive()).or_default() += stored;
        let oldest = now.date_naive() - chrono::Duration::days(29);
        self.days.retain(|day, _| *day >= oldest);
    }

    /// Articles per day over the days since the source was first seen (at most 30).
    pub fn articles_per_day(&self, now: DateTime<Utc>) -> f64 {
        let Some(first) = self.days.keys().next() else {
            return 0.0;
        };
        let days = (now.date_naive() - *first).num_days() + 1;
        self.days.values().sum::<u64>() as f64 / days.clamp(1, 30) as f64
    }

    /// `ok`, `failing` or `new`.
    pub fn status(&self) -> &'static str {
        match (self.last_poll, self.failures) {
            (None, _) => "new",
            (Some(_), 0) => "ok",
            _ => "failing",
        }
    }

    /// Schedules the next poll: sooner when this one brought something new, later
    /// when it did not, later still after failures — between a quarter and eight
    /// times the configured interval.
    pub fn schedule(
        &mut self,
        settings: &Settings,
        found_new: bool,
        failed: bool,
        now: DateTime<Utc>,
    ) {
        let base = settings.interval.as_secs_f64();
        let current = if self.interval_secs > 0.0 {
            self.interval_secs
        } else {
            base
        };
        let next = if failed {
            current * 2.0
        } else if found_new {
            current / 2.0
        } else {
            current * 1.5
        };
        self.interval_secs = next.clamp(base / 4.0, base * 8.0);
        let millis = (self.interval_secs * 1000.0) as i64;
        self.next_poll = Some(now + chrono::Duration::milliseconds(millis));
    }

    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.next_poll.is_none_or(|t| t <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WatchConfig;

    #[test]
    fn interval_adapts_within_bounds() {
        let settings = WatchConfig {
            interval_secs: 100.0,
            ..WatchConfig::default()
        }
        .build()
        .unwrap();
        let now = Utc::now();
        let mut s = SourceState::new("https://a.example/feed");
        for _ in 0..10 {
            s.schedule(&settings, true, false, now);
        }
        assert_eq!(
            s.interval_secs, 25.0,
            "a busy source: a quarter of the interval"
        );
        for _ in 0..20 {
            s.schedule(&settings, false, false, now);
        }
        assert_eq!(s.interval_secs, 800.0, "a quiet one: eight times");
        assert!(!s.is_due(now) && s.is_due(now + chrono::Duration::seconds(801)));
    }

    #[test]
    fn remembers_a_bounded_number_of_keys() {
        let mut s = SourceState::new("x");
        for i in 0..5 {
            s.remember(format!("k{i}"), 3);
        }
        s.remember("k4".into(), 3);
        assert_eq!(s.seen, ["k2", "k3", "k4"]);
    }

    #[test]
    fn articles_per_day_over_the_days_seen() {
        let now = Utc::now();
        let mut s = SourceState::new("x");
        s.record_articles(10, now - chrono::Duration::days(1));
        s.record_articles(20, now);
        assert_eq!(s.articles, 30);
        assert_eq!(s.articles_per_day(now), 15.0);
    }
}
