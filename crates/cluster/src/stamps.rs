//! Placeholder publication times. A feed that lacks per-item dates stamps every
//! item with its build time, a CMS fills in its install date, a crawler its fetch
//! time: many different articles then carry the very same second. Such a time says
//! nothing about when each was published, and trusting it would split one event's
//! reports into stories years apart. A time shared by `limit` articles is no longer
//! trusted. Times on a whole minute are exempt: date-only values (midnight, in UTC or
//! at a local offset) and scheduled publishing (a morning edition at 06:00:00)
//! legitimately coincide, while build, install and fetch times carry seconds.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

/// Distinct timestamps remembered before the ones seen once are forgotten.
const REMEMBERED: usize = 1 << 17;

#[derive(Debug, Default)]
pub(crate) struct Stamps {
    seen: HashMap<i64, u32>,
}

impl Stamps {
    /// Counts `time` and returns it unless it has become a placeholder (`limit` 0: always trusted).
    pub(crate) fn trusted(
        &mut self,
        time: Option<DateTime<Utc>>,
        limit: u32,
    ) -> Option<DateTime<Utc>> {
        let t = time?;
        if limit == 0 || t.timestamp().rem_euclid(60) == 0 {
            return Some(t);
        }
        if self.seen.len() >= REMEMBERED {
            self.seen.retain(|_, n| *n > 1);
        }
        let n = self.seen.entry(t.timestamp()).or_default();
        *n = n.saturating_add(1);
        (*n < limit).then_some(t)
    }
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
        assert_eq!(stamps.trusted(shared, 3), shared);
        assert_eq!(stamps.trusted(shared, 3), shared);
        assert_eq!(stamps.trusted(shared, 3), None);
        assert_eq!(stamps.trusted(shared, 3), None);
        // Other times are unaffected.
        let own = at("2021-04-20T23:34:36Z");
        assert_eq!(stamps.trusted(own, 3), own);
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
        }
        assert_eq!(stamps.trusted(None, 3), None);
    }
}
