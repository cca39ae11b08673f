//! A written date placed on the calendar: against the reference day, and — where the
//! text leaves the year or week open — in the direction its sentence's tense points.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::grammar::Expr;
use crate::lexicon::Unit;
use crate::value::Value;

/// Which way an open date lies from the reference day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// The value of `expr`; `None` when it needs a reference day and has none, or names
/// no real day.
pub(crate) fn resolve(expr: Expr, reference: Option<NaiveDate>, dir: Direction) -> Option<Value> {
    match expr {
        Expr::Date { year: Some(y), month, day } => NaiveDate::from_ymd_opt(y, month, day).map(Value::Day),
        Expr::Month { year: Some(y), month, .. } => (1..=12).contains(&month).then_some(Value::Month(y, month)),
        Expr::Year(y) => Some(Value::Year(y)),
        Expr::Holiday { year: Some(y), month, day, .. } => holiday(y, month, day).map(Value::Day),
        _ => relative(expr, reference?, dir),
    }
}

fn relative(expr: Expr, r: NaiveDate, dir: Direction) -> Option<Value> {
    Some(match expr {
        Expr::Date { month, day, .. } => Value::Day(nearest_in_years(r, dir, |y| NaiveDate::from_ymd_opt(y, month, day))?),
        Expr::Month { month, shift, .. } => month_value(r, month, shift, dir)?,
        Expr::DayOfMonth(day) => Value::Day(day_of_month(r, day, dir)?),
        Expr::Weekday { day, shift, weeks } => Value::Day(weekday(r, day, shift, weeks, dir)?),
        Expr::Offset { amount, unit } => Value::Day(add(r, amount, unit)?),
        Expr::Shifted { shift, unit } => shifted(r, shift, unit)?,
        Expr::InShiftedYear { shift, month, day: Some(d) } => Value::Day(NaiveDate::from_ymd_opt(r.year() + shift, month, d)?),
        Expr::InShiftedYear { shift, month, day: None } => Value::Month(r.year() + shift, month),
        Expr::Holiday { month, day, shift, .. } => {
            let on = |y| holiday(y, month, day);
            Value::Day(match shift {
                Some(s) if s < 0 => nearest_in_years(r.pred_opt()?, Direction::Past, on)?,
                Some(s) if s > 0 => nearest_in_years(r.succ_opt()?, Direction::Future, on)?,
                _ => nearest_in_years(r, dir, on)?,
            })
        }
        Expr::Year(_) => return None,
    })
}

/// A fixed-day holiday, or Easter Sunday (month 0).
fn holiday(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if month == 0 {
        easter(year)
    } else {
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The latest day on or before `r` (past) or the earliest on or after it (future)
/// that `on(year)` gives, looking a few years around.
fn nearest_in_years(r: NaiveDate, dir: Direction, on: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    let years = (r.year() - 4..=r.year() + 4).filter_map(on);
    match dir {
        Direction::Past => years.filter(|d| *d <= r).max(),
        Direction::Future => years.filter(|d| *d >= r).min(),
    }
}

fn month_value(r: NaiveDate, month: u32, shift: Option<i32>, dir: Direction) -> Option<Value> {
    let (y, m) = (r.year(), r.month());
    let year = match shift {
        Some(0) => y,
        Some(s) if s > 0 => y + if month > m { s - 1 } else { s },
        Some(s) => y + if month < m { s + 1 } else { s },
        None => match dir {
            Direction::Past if month > m => y - 1,
            Direction::Future if month < m => y + 1,
            _ => y,
        },
    };
    Some(Value::Month(year, month))
}

fn day_of_month(r: NaiveDate, day: u32, dir: Direction) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(r.year(), r.month(), day);
    match (dir, this) {
        (Direction::Past, Some(d)) if d <= r => Some(d),
        (Direction::Future, Some(d)) if d >= r => Some(d),
        (Direction::Past, _) => {
            let prev = r.checked_sub_months(Months::new(1))?;
            NaiveDate::from_ymd_opt(prev.year(), prev.month(), day)
        }
        (Direction::Future, _) => {
            let next = r.checked_add_months(Months::new(1))?;
            NaiveDate::from_ymd_opt(next.year(), next.month(), day)
        }
    }
}

fn weekday(r: NaiveDate, day: u32, shift: Option<i32>, weeks: Option<i32>, dir: Direction) -> Option<NaiveDate> {
    if !(1..=7).contains(&day) {
        return None;
    }
    let today = r.weekday().number_from_monday() as i64;
    let monday = r - chrono::Duration::days(today - 1);
    let in_week = |w: i64| monday + chrono::Duration::days(7 * w + day as i64 - 1);
    if let Some(w) = weeks {
        return Some(in_week(w as i64));
    }
    let ahead = (day as i64 - today).rem_euclid(7);
    let next = r + chrono::Duration::days(if ahead == 0 { 7 } else { ahead });
    let back = (today - day as i64).rem_euclid(7);
    let last = r - chrono::Duration::days(if back == 0 { 7 } else { back });
    Some(match (shift, dir) {
        (Some(0), _) => in_week(0),
        (Some(s), _) if s > 0 => next + chrono::Duration::days(7 * (s as i64 - 1)),
        (Some(s), _) => last - chrono::Duration::days(7 * (-(s as i64) - 1)),
        (None, Direction::Past) => r - chrono::Duration::days(back),
        (None, Direction::Future) => next,
    })
}

fn add(r: NaiveDate, amount: i32, unit: Unit) -> Option<NaiveDate> {
    let n = amount.unsigned_abs();
    let forward = amount >= 0;
    match unit {
        Unit::Day | Unit::Week => {
            let days = Days::new(n as u64 * if unit == Unit::Week { 7 } else { 1 });
            if forward { r.checked_add_days(days) } else { r.checked_sub_days(days) }
        }
        Unit::Month | Unit::Year => {
            let months = Months::new(n * if unit == Unit::Year { 12 } else { 1 });
            if forward { r.checked_add_months(months) } else { r.checked_sub_months(months) }
        }
    }
}

fn shifted(r: NaiveDate, shift: i32, unit: Unit) -> Option<Value> {
    let moved = add(r, shift, unit)?;
    Some(match unit {
        Unit::Day => Value::Day(moved),
        Unit::Week => Value::week_of(moved),
        Unit::Month => Value::Month(moved.year(), moved.month()),
        Unit::Year => Value::Year(moved.year()),
    })
}
