//! Placeholder publication times. A feed that lacks per-item dates stamps every
//! item with its build time, a CMS fills in its install date, a crawler its fetch
//! time: many different articles then carry the very same second. Such a time says
//! nothing about when each was published, and trusting it would split one event's
//! reports into stories years apart. A time shared by `limit` articles is no longer
//! trusted. Times on a whole minute are exempt: date-only values (midnight, in UTC or
//! at a local offset) and scheduled publishing (a morning edition at 06:00:00)
//! legitimately coincide, while build, install and fetch times carry seconds.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

/// Distinct timestamps remembered before the ones seen once are forgotten (memory
/// stays bounded however long the stream).
const REMEMBERED: usize = 1 << 17;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Stamps {
    seen: HashMap<i64, u32>,
}

impl Stamps {
    /// `time`, unless `limit` different articles already carry it (counting this one;
    /// `limit` 0: always trusted).
    pub(crate) fn trusted(&self, time: Option<DateTime<Utc>>, limit: u32) -> Option<DateTime<Utc>> {
        let t = time?;
        if limit == 0 || on_whole_minute(t) {
            return Some(t);
        }
        let earlier = self.seen.get(&t.timestamp()).copied().unwrap_or(0);
        (earlier.saturating_add(1) < limit).then_some(t)
    }

    /// Counts an article carrying `time` (copies of one text are one article: a
    /// syndicated wire story keeps its original time everywhere).
    pub(crate) fn count(&mut self, time: Option<DateTime<Utc>>) {
        let Some(t) = time.filter(|t| !on_whole_minute(*t)) else {
            return;
        };
        if self.seen.len() >= REMEMBERED {
            self.seen.retain(|_, n| *n > 1);
            // Still full of repeated times: start over rather than sweep on every call
            // (a placeholder is found again after `limit` more articles).
            if self.seen.len() >= REMEMBERED / 2 {
                self.seen.clear();
            }
        }
        let n = self.seen.entry(t.timestamp()).or_default();
        *n = n.saturating_add(1);
    }
}

fn on_whole_minute(t: DateTime<Utc>) -> bool {
    t.timestamp().rem_euclid(60) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<DateTime<Utc>> {
        s.parse().ok()
    }

    #[test]
    fn a_time_many_articles_share_stops_being_trusted() {
        let mut stamps = Stamps::default();
        let shared = at("2021-04-20T23:34:35Z");
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(stamps.trusted(shared, 3));
            stamps.count(shared);
        }
        assert_eq!(seen, vec![shared, shared, None, None]);
        // Other times are unaffected.
        let own = at("2021-04-20T23:34:36Z");
        assert_eq!(stamps.trusted(own, 3), own);
    }

    #[test]
    fn memory_stays_bounded_when_many_times_repeat() {
        let mut stamps = Stamps::default();
        let base = 1_600_000_001i64;
        for i in 0..(REMEMBERED as i64 + 10) {
            let t = DateTime::from_timestamp(base + 61 * i, 0);
            stamps.count(t);
            stamps.count(t);
            assert!(stamps.seen.len() <= REMEMBERED);
        }
    }

    #[test]
    fn date_only_and_scheduled_times_and_a_zero_limit_are_always_trusted() {
        let mut stamps = Stamps::default();
        let midnight = at("2022-10-10T00:00:00Z");
        let local_midnight = at("2022-10-10T00:00:00+05:30");
        let scheduled = at("2022-10-10T06:00:00+02:00");
        let fetched = at("2022-10-10T12:29:59Z");
        for _ in 0..10 {
            assert_eq!(stamps.trusted(midnight, 3), midnight);
            assert_eq!(stamps.trusted(local_midnight, 3), local_midnight);
            assert_eq!(stamps.trusted(scheduled, 3), scheduled);
            assert_eq!(stamps.trusted(fetched, 0), fetched);
            for t in [midnight, local_midnight, scheduled, fetched] {
                stamps.count(t);
            }
        }
        assert_eq!(stamps.trusted(None, 3), None);
    }
}
