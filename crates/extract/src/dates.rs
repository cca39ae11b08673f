//! Machine-readable timestamps → UTC: RFC 3339/ISO 8601 (with or without zone or
//! time), RFC 2822 (RSS `pubDate`), `YYYY/MM/DD` and compact `YYYYMMDD`. Values without
//! a zone are taken as UTC; date-only values as midnight UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses a timestamp as sources write them; `None` when it is not one.
pub fn parse_timestamp(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, format) {
            return Some(Utc.from_utc_datetime(&dt));
        }
    }
    match parse_date_prefix(s) {
        Some((date, used)) if used == s.len() => Some(midnight(date)),
        _ => None,
    }
}

/// A calendar date at the start of `s` (`2025-09-24`, `2025/09/24`, `20250924`),
/// with the number of bytes it used.
pub fn parse_date_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    let bytes = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day, used) =
        if bytes.len() >= 10 && matches!(bytes[4], b'-' | b'/' | b'.') && bytes[7] == bytes[4] {
            (digits(0..4)?, digits(5..7)?, digits(8..10)?, 10)
        } else if bytes.len() >= 8 {
            (digits(0..4)?, digits(4..6)?, digits(6..8)?, 8)
        } else {
            return None;
        };
    // A date must not run on into more digits (`202509241` is not a date).
    if bytes.get(used).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).map(|d| (d, used))
}

/// Midnight UTC of a calendar date: how date-only values become timestamps.
pub(crate) fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        parse_timestamp(raw).map(|d| d.to_rfc3339())
    }

    #[test]
    fn common_timestamp_shapes() {
        assert_eq!(
            iso("2025-09-24T10:15:00+03:00").as_deref(),
            Some("2025-09-24T07:15:00+00:00")
        );
        assert_eq!(
            iso("Wed, 24 Sep 2025 10:15:00 GMT").as_deref(),
            Some("2025-09-24T10:15:00+00:00")
        );
        assert_eq!(
            iso("2025-09-24").as_deref(),
            Some("2025-09-24T00:00:00+00:00")
        );
        assert_eq!(
            iso("2025/09/24").as_deref(),
            Some("2025-09-24T00:00:00+00:00")
        );
        assert_eq!(
            iso("2025-09-24 10:15:00").as_deref(),
            Some("2025-09-24T10:15:00+00:00")
        );
        assert_eq!(
            iso("2025-09-24T10:15:00.123+0300").as_deref(),
            Some("2025-09-24T07:15:00.123+00:00")
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso("2025-13-40"), None);
        assert_eq!(iso("202509241"), None);
        assert_eq!(iso(""), None);
    }
}
