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
    /// No tense said: the occurrence nearest the reference day.
    Nearest,
}

/// The value of `expr`; `None` when it needs a reference day and has none, or names
/// no real day.
pub(crate) fn resolve(expr: &Expr, reference: Option<NaiveDate>, dir: Direction) -> Option<Value> {
    match expr.clone() {
        Expr::Anchored {
            amount,
            unit,
            anchor,
        } => {
            let from = resolve(&anchor, reference, dir)?.first_day()?;
            Some(Value::Day(add(from, amount, unit)?))
        }
        Expr::Date {
            year: Some(y),
            month,
            day,
        } => NaiveDate::from_ymd_opt(y, month, day).map(Value::Day),
        Expr::Month {
            year: Some(y),
            month,
            ..
        } => (1..=12).contains(&month).then_some(Value::Month(y, month)),
        Expr::Year(y) => Some(Value::Year(y)),
        Expr::Annual {
            year: Some(y),
            month,
            day,
            ..
        } => holiday(y, month, day).map(Value::Day),
        other => relative(other, reference?, dir),
    }
}

fn relative(expr: Expr, r: NaiveDate, dir: Direction) -> Option<Value> {
    let on_day = |y, month, day| NaiveDate::from_ymd_opt(y, month, day);
    Some(match expr {
        Expr::DateOnWeekday {
            month,
            day,
            weekday,
        } => Value::Day(date_on_weekday(r, (month, day), weekday, dir)?),
        Expr::DayOnWeekday { day, weekday } => Value::Day(day_on_weekday(r, day, weekday, dir)?),
        Expr::Nth {
            n,
            weekday,
            month,
            year,
        } => {
            let on = |y| nth(y, month, n, weekday);
            Value::Day(match year {
                Some(y) => on(y)?,
                None => nearest_in_years(r, dir, on)?,
            })
        }
        Expr::Date { month, day, .. } => {
            Value::Day(nearest_in_years(r, dir, |y| on_day(y, month, day))?)
        }
        Expr::Month { month, shift, .. } => month_value(r, month, shift, dir)?,
        Expr::DayOfMonth(day) => Value::Day(day_of_month(r, day, dir)?),
        Expr::Weekday { day, shift, weeks } => Value::Day(weekday(r, day, shift, weeks, dir)?),
        Expr::Offset { amount, unit } => Value::Day(add(r, amount, unit)?),
        Expr::DayEither(n) => Value::Day(add(
            r,
            if dir == Direction::Past { -n } else { n },
            Unit::Day,
        )?),
        Expr::Shifted { shift, unit } => shifted(r, shift, unit)?,
        Expr::InShifted {
            shift,
            unit,
            month,
            day,
        } => in_shifted(r, (shift, unit), month, day)?,
        Expr::Annual {
            month, day, shift, ..
        } => Value::Day(annual(r, (month, day), shift, dir)?),
        Expr::Year(_) | Expr::Anchored { .. } => return None,
    })
}

/// The year the tense picks, or the one next to it where the day falls on the
/// weekday given (a weekday that fits no year near is taken for a slip).
fn date_on_weekday(
    r: NaiveDate,
    (month, day): (u32, u32),
    weekday: u32,
    dir: Direction,
) -> Option<NaiveDate> {
    let picked = nearest_in_years(r, dir, |y| NaiveDate::from_ymd_opt(y, month, day))?;
    let fits = (picked.year() - 1..=picked.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| d.weekday().number_from_monday() == weekday)
        .min_by_key(|d| (*d - picked).num_days().abs());
    Some(fits.unwrap_or(picked))
}

/// A month (and day) in the shifted year, or a day of the shifted month (month 0).
fn in_shifted(
    r: NaiveDate,
    (shift, unit): (i32, Unit),
    month: u32,
    day: Option<u32>,
) -> Option<Value> {
    let moved = add(r, shift, unit)?;
    let month = if month == 0 { moved.month() } else { month };
    Some(match day {
        Some(d) => Value::Day(NaiveDate::from_ymd_opt(moved.year(), month, d)?),
        None => Value::Month(moved.year(), month),
    })
}

/// A day that comes each year: the last before the reference, the next after it,
/// or the one the tense picks.
fn annual(
    r: NaiveDate,
    (month, day): (u32, i32),
    shift: Option<i32>,
    dir: Direction,
) -> Option<NaiveDate> {
    let on = |y| holiday(y, month, day);
    match shift {
        Some(s) if s < 0 => nearest_in_years(r.pred_opt()?, Direction::Past, on),
        Some(s) if s > 0 => nearest_in_years(r.succ_opt()?, Direction::Future, on),
        _ => nearest_in_years(r, dir, on),
    }
}

/// A fixed-day holiday, or a feast `day` days from Easter Sunday (month 0).
fn holiday(year: i32, month: u32, day: i32) -> Option<NaiveDate> {
    if month == 0 {
        easter(year)?.checked_add_signed(chrono::Duration::days(day as i64))
    } else {
        NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)
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

/// The day among `days` that `dir` picks from `r`: the latest on or before it, the
/// earliest on or after it, or the nearest (the earlier on a tie).
fn pick(r: NaiveDate, dir: Direction, days: impl Iterator<Item = NaiveDate>) -> Option<NaiveDate> {
    match dir {
        Direction::Past => days.filter(|d| *d <= r).max(),
        Direction::Future => days.filter(|d| *d >= r).min(),
        Direction::Nearest => days.min_by_key(|d| ((*d - r).num_days().abs(), *d > r)),
    }
}

/// The day `on(year)` gives in the year `dir` picks, looking years around `r` (a
/// weekday fixed to a date can take up to eleven years to come round).
fn nearest_in_years(
    r: NaiveDate,
    dir: Direction,
    on: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    pick(r, dir, (r.year() - 11..=r.year() + 11).filter_map(on))
}

/// The `n`-th (-1: last) `weekday` (or day, without one) of a month.
fn nth(year: i32, month: u32, n: i32, weekday: Option<u32>) -> Option<NaiveDate> {
    let days = (1..=31).filter_map(|d| NaiveDate::from_ymd_opt(year, month, d));
    let mut matching: Vec<NaiveDate> = match weekday {
        Some(w) => days
            .filter(|d| d.weekday().number_from_monday() == w)
            .collect(),
        None => days.collect(),
    };
    if n < 0 {
        matching.pop()
    } else {
        matching.into_iter().nth(n as usize - 1)
    }
}

/// A day of the month that falls on `weekday`, in the month `dir` picks.
fn day_on_weekday(r: NaiveDate, day: u32, weekday: u32, dir: Direction) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
    let days = (-24i32..=24).filter_map(|k| {
        let month = if k < 0 {
            first.checked_sub_months(Months::new(k.unsigned_abs()))?
        } else {
            first.checked_add_months(Months::new(k as u32))?
        };
        NaiveDate::from_ymd_opt(month.year(), month.month(), day)
            .filter(|d| d.weekday().number_from_monday() == weekday)
    });
    pick(r, dir, days)
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
            // Six months either way is a tie, read as the past.
            Direction::Nearest if month as i32 - m as i32 >= 6 => y - 1,
            Direction::Nearest if (m as i32 - month as i32) > 6 => y + 1,
            _ => y,
        },
    };
    Some(Value::Month(year, month))
}

fn day_of_month(r: NaiveDate, day: u32, dir: Direction) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
    let months = [
        first.checked_sub_months(Months::new(1)),
        Some(first),
        first.checked_add_months(Months::new(1)),
    ];
    let days = months
        .into_iter()
        .flatten()
        .filter_map(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), day));
    pick(r, dir, days)
}

fn weekday(
    r: NaiveDate,
    day: u32,
    shift: Option<i32>,
    weeks: Option<i32>,
    dir: Direction,
) -> Option<NaiveDate> {
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
    Some(match (shift, dir) {
        // `this Monday`: the coming one.
        (Some(0), _) => next,
        // `next Friday`, `last Wednesday`: that day of the next or last week.
        (Some(s), _) => in_week(s as i64),
        (None, Direction::Past) => r - chrono::Duration::days(back),
        (None, Direction::Future) => next,
        (None, Direction::Nearest) if back <= 3 => r - chrono::Duration::days(back),
        (None, Direction::Nearest) => next,
    })
}

fn add(r: NaiveDate, amount: i32, unit: Unit) -> Option<NaiveDate> {
    let n = amount.unsigned_abs();
    let forward = amount >= 0;
    match unit {
        Unit::Minute | Unit::Hour => {
            // Within the reference day unless a whole day or more.
            let per_day = if unit == Unit::Hour { 24 } else { 24 * 60 };
            let days = Days::new(n as u64 / per_day);
            if forward {
                r.checked_add_days(days)
            } else {
                r.checked_sub_days(days)
            }
        }
        Unit::Day | Unit::Week => {
            let days = Days::new(n as u64 * if unit == Unit::Week { 7 } else { 1 });
            if forward {
                r.checked_add_days(days)
            } else {
                r.checked_sub_days(days)
            }
        }
        Unit::Month | Unit::Year => {
            let months = Months::new(n * if unit == Unit::Year { 12 } else { 1 });
            if forward {
                r.checked_add_months(months)
            } else {
                r.checked_sub_months(months)
            }
        }
    }
}

fn shifted(r: NaiveDate, shift: i32, unit: Unit) -> Option<Value> {
    let moved = add(r, shift, unit)?;
    Some(match unit {
        Unit::Minute | Unit::Hour | Unit::Day => Value::Day(moved),
        Unit::Week => Value::week_of(moved),
        Unit::Month => Value::Month(moved.year(), moved.month()),
        Unit::Year => Value::Year(moved.year()),
    })
}
