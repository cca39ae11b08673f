//! Calendar shapes: dates written with numbers, month names and CJK markers, years,
//! and the n-th weekday of a month. Each returns where its reading ends and what it
//! means.

use super::{Expr, Grammar, Rule};
use crate::lexicon::{Tag, Unit};

/// A two-digit year: `74` is 1974, `14` is 2014.
pub(super) fn full_year(y: u32, digits: u8) -> i32 {
    match (digits, y) {
        (4, y) => y as i32,
        (_, y) if y < 50 => 2000 + y as i32,
        (_, y) => 1900 + y as i32,
    }
}

impl Grammar<'_> {
    /// `2018-08-31`, `2021/3/25`, `2021.03.25`, `2015-3`.
    pub(super) fn iso(&self, i: usize) -> Rule {
        let y = self.year_num(i)?;
        let s = self.sep(i + 1).filter(|c| "-/.".contains(*c))?;
        // `2019/aug/01`
        if let (Some(month), Some(t)) = (self.month(i + 2), self.sep(i + 3).filter(|t| *t == s)) {
            let (_, day) = self.day(i + 4).filter(|_| t == s)?;
            return Some((
                i + 5,
                Expr::Date {
                    year: Some(y),
                    month,
                    day,
                },
            ));
        }
        let (m, 1..=2) = self.num(i + 2)? else {
            return None;
        };
        if !(1..=12).contains(&m) {
            return None;
        }
        if self.sep(i + 3) == Some(s) {
            if let Some((d, 1..=2)) = self.num(i + 4) {
                return Some((
                    i + 5,
                    Expr::Date {
                        year: Some(y),
                        month: m,
                        day: d,
                    },
                ));
            }
        }
        Some((
            i + 3,
            Expr::Month {
                year: Some(y),
                month: m,
                shift: None,
            },
        ))
    }

    /// `September-2020-23`, `23-2020-September`, `2020/23/Sep`: a month name, a
    /// four-digit year and a day joined by one separator, in an order no convention
    /// prescribes but none can misread (one part is a name, one has four digits).
    pub(super) fn scrambled(&self, i: usize) -> Rule {
        let s = self.sep(i + 1).filter(|c| "-/".contains(*c))?;
        if self.sep(i + 3) != Some(s) {
            return None;
        }
        let (mut year, mut month, mut day) = (None, None, None);
        for j in [i, i + 2, i + 4] {
            match (self.month(j), self.year_num(j), self.num(j)) {
                (Some(m), _, _) if month.is_none() => month = Some(m),
                (_, Some(y), _) if year.is_none() => year = Some(y),
                (_, _, Some((d @ 1..=31, 1..=2))) if day.is_none() => day = Some(d),
                _ => return None,
            }
        }
        Some((i + 5, Expr::date(Some(year?), month?, day?)))
    }

    /// `15/02/2013`, `2/15` (month first where the language writes it so),
    /// `15.2.`, `31/10/74`. A bare `a/b` or `a.b.` has no year.
    pub(super) fn numeric(&self, i: usize) -> Rule {
        let (a, 1..=2) = self.num(i)? else {
            return None;
        };
        let after_other = i > 0 && matches!(self.sep(i - 1), Some('.' | '/' | '$' | '€' | '£'));
        if self.is_clock(i) || after_other {
            return None;
        }
        if let Some(spaced) = self.spaced_numeric(i, a) {
            return Some(spaced);
        }
        let s = self.sep(i + 1).filter(|c| "-/.".contains(*c))?;
        // `12-2015`, `3/2016`: a month and its year.
        if let (Some(y), true) = (self.year_num(i + 2), (1..=12).contains(&a) && s != '.') {
            return Some((i + 3, Expr::month_of(Some(y), a)));
        }
        let (b, 1..=2) = self.num(i + 2)? else {
            return None;
        };
        self.numeric_day(i, (a, b), s)
    }

    /// The rest of `a/b/year`, `a.b.` or `a/b` once `a`, the separator and `b` are
    /// read.
    fn numeric_day(&self, i: usize, (a, b): (u32, u32), s: char) -> Rule {
        // The language's order, unless only the other one makes a date (`2/29/2020`).
        let (month, day) = match (self.month_first, a, b) {
            (_, a, b) if a > 12 && b <= 12 => (b, a),
            (_, a, b) if b > 12 && a <= 12 => (a, b),
            (true, a, b) => (a, b),
            (false, a, b) => (b, a),
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        if self.sep(i + 3) == Some(s) {
            if let Some((y, digits @ (2 | 4))) = self.num(i + 4) {
                return Some((i + 5, Expr::date(Some(full_year(y, digits)), month, day)));
            }
            // `15.2.` is written day first, never month first.
            if s == '.' && !self.month_first && b <= 12 && self.num(i + 4).is_none() {
                return Some((i + 4, Expr::date(None, b, a)));
            }
        }
        // `a/b` alone; `a-b` and `a.b` are scores and decimals.
        (s == '/' && self.num(i + 4).is_none()).then_some((i + 3, Expr::date(None, month, day)))
    }

    /// `18 08 1978`, `02 04 09`: day, month and year with spaces between, the month in
    /// two digits.
    fn spaced_numeric(&self, i: usize, day: u32) -> Rule {
        let (month, 2) = self.num(i + 1)? else {
            return None;
        };
        let (y, digits @ (2 | 4)) = self.num(i + 2)? else {
            return None;
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || self.num(i + 3).is_some() {
            return None;
        }
        Some((
            i + 3,
            Expr::Date {
                year: Some(full_year(y, digits)),
                month,
                day,
            },
        ))
    }

    /// `24 вересня 2025`, `15. Februar`, `the 21st of June`, `5 de mayo de 2013`,
    /// `erster März`.
    pub(super) fn day_month(&self, i: usize) -> Rule {
        let (j, day) = self.day(i)?;
        let j = self.skip_fill(self.skip_sep(j, ".-/"));
        let month = self.month(j)?;
        // `4-Jul-95`: two digits joined to the month by a hyphen or slash are a year.
        if let (Some(_), Some((y, 2))) = (
            self.sep(j + 1).filter(|c| "-/".contains(*c)),
            self.num(j + 2),
        ) {
            return Some((
                j + 3,
                Expr::Date {
                    year: Some(full_year(y, 2)),
                    month,
                    day,
                },
            ));
        }
        let j = self.skip_sep(j + 1, ".-/");
        let (end, year) = self.trailing_year(j);
        let end = if year.is_none() {
            j.min(self.after_abbreviation_dot(j))
        } else {
            end
        };
        // `le 3 mars dernier`, `el 5 de mayo próximo`: the last or next such day.
        if let (None, Some(shift @ (-1 | 1))) = (year, self.shift(end)) {
            return Some((
                end + 1,
                Expr::Annual {
                    month,
                    day: day as i32,
                    year: None,
                    shift: Some(shift),
                },
            ));
        }
        Some((end, Expr::Date { year, month, day }))
    }

    /// The item after a month: its abbreviation dot is not part of the reading's end.
    fn after_abbreviation_dot(&self, j: usize) -> usize {
        if j > 0 && self.sep(j - 1) == Some('.') {
            j - 1
        } else {
            j
        }
    }

    /// `September 24, 2025`, `Nov. 19`, `Dec31 , 1994`.
    pub(super) fn month_day(&self, i: usize) -> Rule {
        let month = self.month(i)?;
        let j = self.skip_fill(self.skip_sep(i + 1, ".-/"));
        // A number word after a month is rather a year's (`August two thousand`).
        if self.tag(j, |t| matches!(t, Tag::Card(_))).is_some() && self.num(j).is_none() {
            return None;
        }
        let (j, day) = self.day(j)?;
        if (self.num(j).is_some() && self.year_num(j).is_none()) || self.sep(j) == Some(':') {
            return None;
        }
        let (end, year) = self.trailing_year(self.skip_sep(j, ","));
        let end = if year.is_none() { j } else { end };
        Some((end, Expr::Date { year, month, day }))
    }

    /// `Oktober 2014`, `Dec/2018`, `2017 april`, `mars 2015`.
    pub(super) fn month_year(&self, i: usize) -> Rule {
        if let Some(month) = self.month(i) {
            let j = self.skip_fill(self.skip_sep(i + 1, ".-/"));
            let year = self.year_num(j)?;
            return Some((
                j + 1,
                Expr::Month {
                    year: Some(year),
                    month,
                    shift: None,
                },
            ));
        }
        let year = self.year_num(i)?;
        let month = self.month(self.skip_fill(i + 1))?;
        Some((
            self.skip_fill(i + 1) + 1,
            Expr::Month {
                year: Some(year),
                month,
                shift: None,
            },
        ))
    }

    /// 2013年3月25日, 3月25日, 2020年, 3月, 25日, 去年8月19日; 2013년 3월 25일.
    pub(super) fn cjk(&self, i: usize) -> Rule {
        let marked = |j: usize, mark: Tag| self.tag(j, |t| t == mark).is_some();
        if let Some(found) = self.era(i) {
            return Some(found);
        }
        let (mut year, mut j) = (None, i);
        let written_year = self
            .num(i)
            .filter(|_| marked(i + 1, Tag::YearMark))
            .and_then(|(y, digits)| match (y, digits) {
                (1000.., _) => Some(y as i32),
                // 08年: a year written with two digits, when it is no amount of time
                // (`10年前`, ten years ago) — a leading zero makes it a year.
                (_, 2)
                    if y < 10
                        || self
                            .tag(i + 2, |t| matches!(t, Tag::Ago | Tag::Later))
                            .is_none() =>
                {
                    Some(full_year(y, 2))
                }
                _ => None,
            });
        if let Some(y) = written_year {
            year = Some(y);
            j = i + 2;
        } else if let (Some(s), true) = (
            self.shift(i),
            marked(i + 1, Tag::YearMark) || marked(i + 1, Tag::MonthMark),
        ) {
            // 去年8月19日, 今年の9月, 今月の21日: a month or day of the shifted year or month.
            let k = self.skip_fill(i + 2);
            if marked(i + 1, Tag::YearMark) {
                return self
                    .cjk_month(k, None)
                    .map(|(end, e)| (end, in_shifted(e, s, Unit::Year)));
            }
            let (d, _) = self.num(k).filter(|_| marked(k + 1, Tag::DayMark))?;
            return Some((
                k + 2,
                Expr::InShifted {
                    shift: s,
                    unit: Unit::Month,
                    month: 0,
                    day: Some(d),
                },
            ));
        }
        match self.cjk_month(j, year) {
            Some(found) => Some(found),
            None => year.map(|y| (j, Expr::Year(y))),
        }
    }

    /// 平成30年10月, 令和2年, 昭和元年: a year of a Japanese era, and its month and day.
    fn era(&self, i: usize) -> Rule {
        let Some(Tag::Era(first)) = self.tag(i, |t| matches!(t, Tag::Era(_))) else {
            return None;
        };
        let n = self.amount(i + 1).filter(|n| (1..=64).contains(n))?;
        self.tag(i + 2, |t| t == Tag::YearMark)?;
        let year = first + n as i32 - 1;
        self.cjk_month(i + 3, Some(year))
            .or(Some((i + 3, Expr::Year(year))))
    }

    fn cjk_month(&self, j: usize, year: Option<i32>) -> Rule {
        let marked = |k: usize, mark: Tag| self.tag(k, |t| t == mark).is_some();
        let (m, _) = self.num(j)?;
        if marked(j + 1, Tag::MonthMark) && (1..=12).contains(&m) {
            if self
                .tag(j + 2, |t| matches!(t, Tag::Ago | Tag::Later))
                .is_some()
            {
                return None;
            }
            if let Some((d, _)) = self.num(j + 2) {
                if marked(j + 3, Tag::DayMark) && (1..=31).contains(&d) {
                    return Some((
                        j + 4,
                        Expr::Date {
                            year,
                            month: m,
                            day: d,
                        },
                    ));
                }
            }
            return Some((
                j + 2,
                Expr::Month {
                    year,
                    month: m,
                    shift: None,
                },
            ));
        }
        if year.is_none() && marked(j + 1, Tag::DayMark) && (1..=31).contains(&m) {
            if self
                .tag(j + 2, |t| matches!(t, Tag::Ago | Tag::Later))
                .is_some()
            {
                return None;
            }
            return Some((j + 2, Expr::DayOfMonth(m)));
        }
        None
    }

    /// `the first Monday of October`, `letzter Montag im März`, `dritter Tag im
    /// Oktober`, `primo martedì del mese di ottobre 2014`.
    pub(super) fn nth(&self, i: usize) -> Rule {
        let n = match self.tag(i, |t| matches!(t, Tag::Ord(_)) || t == Tag::Shift(-1))? {
            Tag::Ord(n) if (1..=5).contains(&n) => n as i32,
            Tag::Shift(-1) => -1,
            _ => return None,
        };
        let weekday = match (self.weekday_of(i + 1), self.unit(i + 1)) {
            (Some(d), _) => Some(d),
            (None, Some(Unit::Day)) => None,
            _ => return None,
        };
        let mut j = self.skip_fill(i + 2);
        if self.unit(j) == Some(Unit::Month) {
            j = self.skip_fill(j + 1);
        }
        let month = self.month(j)?;
        let (end, year) = self.trailing_year(j + 1);
        Some((
            end.max(j + 1),
            Expr::Nth {
                n,
                weekday,
                month,
                year,
            },
        ))
    }

    /// A four-digit year standing as one: `in 1990`, `1994.`, `year 2008`.
    pub(super) fn year(&self, i: usize) -> Rule {
        if self.unit(i) == Some(Unit::Year) {
            if let Some(y) = self.year_num(self.skip_fill(i + 1)) {
                return Some((self.skip_fill(i + 1) + 1, Expr::Year(y)));
            }
        }
        let y = self.year_num(i)?;
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let prev_ok = i == 0
            || self
                .item(i - 1)
                .is_some_and(|p| p.sep().is_some() || !p.tags.is_empty());
        // A postposition after it marks it as a time as a preposition before it does.
        let end = i + 1;
        let next_ok = self.item(end).is_none_or(|n| {
            !n.tags.is_empty()
                || n.sep()
                    .is_some_and(|c| c != '.' || self.num(end + 1).is_none())
        });
        (prev_ok || next_ok).then_some((end, Expr::Year(y)))
    }
}

/// A month or date written after 去年/来年: it lies in the shifted year.
fn in_shifted(e: Expr, shift: i32, unit: Unit) -> Expr {
    match e {
        Expr::Date { month, day, .. } => Expr::InShifted {
            shift,
            unit,
            month,
            day: Some(day),
        },
        Expr::Month { month, .. } => Expr::InShifted {
            shift,
            unit,
            month,
            day: None,
        },
        other => other,
    }
}
