//! A date's value at the granularity the text gives it.

use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Day(NaiveDate),
    /// An ISO week: its year and number.
    Week(i32, u32),
    Month(i32, u32),
    Year(i32),
}

impl Value {
    /// The first day the value covers.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Value::Day(d) => Some(d),
            Value::Week(y, w) => NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon),
            Value::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Value::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        }
    }

    pub(crate) fn week_of(day: NaiveDate) -> Value {
        let w = day.iso_week();
        Value::Week(w.year(), w.week())
    }
}

/// ISO 8601: `2025-09-24`, `2025-W39`, `2025-09`, `2025`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Value::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Value::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Value::Year(y) => write!(f, "{y:04}"),
        }
    }
}
