//! The shapes dates take, read off the items: each rule tries one shape at a place
//! and says where it ends; the longest reading wins. What a shape means is left to
//! `resolve` (it needs the reference day and the tense).

use crate::items::Item;
use crate::lexicon::{Tag, Unit};

/// A date as written, before it is placed on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A day of a month, with or without its year.
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// A month, with its year, or shifted (`last March`), or alone.
    Month {
        year: Option<i32>,
        month: u32,
        shift: Option<i32>,
    },
    Year(i32),
    /// A day of the reference month (`25日`).
    DayOfMonth(u32),
    /// A weekday: alone, shifted (`next Tuesday`), or in a counted week.
    Weekday {
        day: u32,
        shift: Option<i32>,
        weeks: Option<i32>,
    },
    /// An amount of time from the reference day (`two days ago` = -2 days).
    Offset {
        amount: i32,
        unit: Unit,
    },
    /// An amount of time after (or, negative, before) another date: `three months
    /// after Easter`, `16 dagen vanaf 01/02/2018`.
    Anchored {
        amount: i32,
        unit: Unit,
        anchor: Box<Expr>,
    },
    /// A day either way (Hindi कल): the tense says which.
    DayEither(i32),
    /// The unit the reference day is in, shifted (`last month`, `this year`).
    Shifted {
        shift: i32,
        unit: Unit,
    },
    /// A day of a month without its year, on a weekday (`Friday, July 18`): the year
    /// is the one nearest the reference where it falls on that weekday.
    DateOnWeekday {
        month: u32,
        day: u32,
        weekday: u32,
    },
    /// A day of a month on a weekday (`jeudi 15`): the nearest month where it does.
    DayOnWeekday {
        day: u32,
        weekday: u32,
    },
    /// The n-th (-1: last) weekday, or day, of a month: `first Monday of October`.
    Nth {
        n: i32,
        weekday: Option<u32>,
        month: u32,
        year: Option<i32>,
    },
    /// A month (and day) of the year shifted from the reference's (`去年8月19日`),
    /// or a day of the shifted month (`今月の21日`, month 0).
    InShifted {
        shift: i32,
        unit: Unit,
        month: u32,
        day: Option<u32>,
    },
    /// A day that comes each year — a holiday, a feast counted from Easter (`month`
    /// 0, `day` the days from Easter Sunday), or a date with `last` or `next` (`le 3
    /// mars dernier`) — in the year its shift or the tense picks.
    Annual {
        month: u32,
        day: i32,
        year: Option<i32>,
        shift: Option<i32>,
    },
}

impl Expr {
    pub(crate) fn date(year: Option<i32>, month: u32, day: u32) -> Self {
        Expr::Date { year, month, day }
    }

    pub(crate) fn month_of(year: Option<i32>, month: u32) -> Self {
        Expr::Month {
            year,
            month,
            shift: None,
        }
    }
}

/// A reading: items `start..end` mean `expr`.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

pub(crate) struct Grammar<'a> {
    items: &'a [Item],
    /// Numeric day-month dates put the month first (`2/15`).
    month_first: bool,
    /// The text is a short phrase: abbreviations and lower-case names stand alone.
    phrase: bool,
}

fn is_month(t: Tag) -> bool {
    matches!(t, Tag::Month(_))
}
fn is_weekday(t: Tag) -> bool {
    matches!(t, Tag::Weekday(_))
}
fn is_shift(t: Tag) -> bool {
    matches!(t, Tag::Shift(_))
}
fn is_unit(t: Tag) -> bool {
    matches!(t, Tag::Unit(_))
}

impl<'a> Grammar<'a> {
    pub fn new(items: &'a [Item], month_first: bool, phrase: bool) -> Self {
        Grammar {
            items,
            month_first,
            phrase,
        }
    }

    /// All readings, left to right, the longest at each place.
    pub fn readings(&self) -> Vec<Reading> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.items.len() {
            match self.longest_at(i) {
                Some((end, expr)) => {
                    out.push(Reading {
                        start: i,
                        end,
                        expr,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn longest_at(&self, i: usize) -> Option<(usize, Expr)> {
        self.longest_of(i, true)
    }

    /// The longest reading at `i`; `outer` allows readings made of another reading
    /// (anchored on it, or a part of it), which are not nested again: the depth of
    /// a reading is bounded, whatever the text.
    pub(super) fn longest_of(&self, i: usize, outer: bool) -> Option<(usize, Expr)> {
        let rules: [fn(&Self, usize) -> Rule; 18] = [
            Self::anchored,
            Self::edge,
            Self::timed,
            Self::nth,
            Self::weekday_day,
            Self::iso,
            Self::scrambled,
            Self::numeric,
            Self::day_month,
            Self::month_day,
            Self::month_year,
            Self::cjk,
            Self::weekday,
            Self::shifted,
            Self::offset,
            Self::holiday,
            Self::year,
            Self::single,
        ];
        let mut best: Option<(usize, Expr)> = None;
        for rule in rules.into_iter().skip(if outer { 0 } else { 3 }) {
            if let Some((end, expr)) = rule(self, i) {
                if best.as_ref().is_none_or(|(b, _)| end > *b) {
                    best = Some((end, expr));
                }
            }
        }
        let (mut end, expr) = self.with_weekday(best?);
        // A part named after its span (`ekim sonu`, `年末`, `3月中旬`) or a bound after
        // it (`2018年以降`).
        if self
            .tag(end, |t| matches!(t, Tag::Edge | Tag::Bound))
            .is_some()
        {
            end += 1;
        }
        let best = (end, expr);
        Some(match best.1 {
            Expr::Month { .. } | Expr::Year(_) | Expr::Shifted { .. } => best,
            _ => (self.clock_after(best.0), best.1),
        })
    }

    /// A weekday and the date it names are one reading, the weekday before the date
    /// (`Montag, 18. Februar`) or after it (`19 şubat salı`, `2월18일 월요일`); without
    /// a year, the weekday fixes it.
    fn with_weekday(&self, (end, expr): (usize, Expr)) -> (usize, Expr) {
        let on_weekday = |year: Option<i32>, month, day, weekday| match year {
            Some(_) => Expr::Date { year, month, day },
            None => Expr::DateOnWeekday {
                month,
                day,
                weekday,
            },
        };
        match expr {
            Expr::Weekday {
                day: weekday,
                weeks: None,
                ..
            } => {
                let j = self.skip_fill(self.skip_sep(end, "-."));
                let date = [Self::iso, Self::numeric, Self::day_month, Self::month_day]
                    .iter()
                    .filter_map(|r| r(self, j))
                    .max_by_key(|(e, _)| *e);
                match date {
                    Some((e2, Expr::Date { year, month, day })) => {
                        (e2, on_weekday(year, month, day, weekday))
                    }
                    _ => (end, expr),
                }
            }
            Expr::Date { year, month, day } => match self.weekday_of(self.skip_fill(end)) {
                Some(weekday) => (
                    self.skip_fill(end) + 1,
                    on_weekday(year, month, day, weekday),
                ),
                None => (end, expr),
            },
            other => (end, other),
        }
    }

    /// A day's reading takes the time of day after it: `today at 8:45`, `Tuesday
    /// night`, `vandaag om 21:00`, `明天下午5:00`.
    fn clock_after(&self, end: usize) -> usize {
        let j = if self.tag(end, |t| t == Tag::DayPart).is_some() {
            end + 1
        } else {
            end
        };
        self.clock_at(j).unwrap_or(j)
    }

    /// A time of day at `i` (`at 8.30 pm`, `3pm`, `4 a.m. EDT`, `um 20 Uhr`), and
    /// where it ends; a bare number is none.
    pub(super) fn clock_at(&self, i: usize) -> Option<usize> {
        let k = if self.tag(i, |t| t == Tag::At).is_some() {
            i + 1
        } else {
            i
        };
        let (hour, 1..=2) = self.num(k)? else {
            return None;
        };
        if hour > 24 {
            return None;
        }
        let mut e = k + 1;
        let minutes = matches!(
            (self.sep(e), self.num(e + 1)),
            (Some(':' | '.'), Some((_, 2)))
        );
        if minutes {
            e += 2;
        }
        let parts = e;
        // `p. m.`: the part words with their dots.
        while self.tag(e, |t| t == Tag::DayPart).is_some()
            || (e > parts && self.sep(e) == Some('.'))
        {
            e += 1;
        }
        if self.sep(e.saturating_sub(1)) == Some('.') && e > parts {
            e -= 1;
        }
        (k > i || minutes || e > parts).then_some(e)
    }

    // ---- item helpers

    fn item(&self, i: usize) -> Option<&Item> {
        self.items.get(i)
    }

    fn tag(&self, i: usize, want: impl Fn(Tag) -> bool) -> Option<Tag> {
        self.item(i)?.tag(want)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        self.item(i)?.num()
    }

    fn sep(&self, i: usize) -> Option<char> {
        self.item(i)?.sep()
    }

    /// Skips words a date may hold (`of`, `de`, `am`) and commas.
    fn skip_fill(&self, mut i: usize) -> usize {
        while self.tag(i, |t| t == Tag::Fill).is_some() || self.sep(i) == Some(',') {
            i += 1;
        }
        i
    }

    /// Skips one separator among `seps`.
    fn skip_sep(&self, i: usize, seps: &str) -> usize {
        match self.sep(i) {
            Some(c) if seps.contains(c) => i + 1,
            _ => i,
        }
    }

    /// A time of day touches this number (`17:49`): it is no part of a date.
    fn is_clock(&self, i: usize) -> bool {
        (i > 0 && self.sep(i - 1) == Some(':')) || self.sep(i + 1) == Some(':')
    }

    /// A day number (1–31, one or two digits or in words) with its ordinal ending
    /// (`21st`, `18-го`).
    fn day(&self, i: usize) -> Option<(usize, u32)> {
        let (d, end) = match (
            self.num(i),
            self.tag(i, |t| matches!(t, Tag::Ord(_) | Tag::Card(_))),
        ) {
            (Some((d, 1..=2)), _) if !self.is_clock(i) => (d, i + 1),
            (_, Some(Tag::Ord(d) | Tag::Card(d))) => (d, i + 1),
            _ => return None,
        };
        // `тридцать первое`, `dwudziesty pierwszy`: tens and an ordinal.
        let (d, end) = match self.tag(end, |t| matches!(t, Tag::Ord(1..=9))) {
            Some(Tag::Ord(u)) if d == 20 || d == 30 => (d + u, end + 1),
            _ => (d, end),
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        let suffix = |k: usize| self.tag(k, |t| t == Tag::Suffix).is_some();
        let end = match self.sep(end) {
            _ if suffix(end) => end + 1,
            Some('-') if suffix(end + 1) => end + 2,
            _ => end,
        };
        Some((end, d))
    }

    /// A four-digit year (or `'18`-less two digits after a month are not read).
    fn year_num(&self, i: usize) -> Option<i32> {
        match self.num(i) {
            Some((y, 4)) if (1000..=2999).contains(&y) && !self.is_clock(i) => Some(y as i32),
            _ => None,
        }
    }

    /// An amount: a number or a number word (`a`, `two`, `drei`).
    fn amount(&self, i: usize) -> Option<u32> {
        match (self.num(i), self.tag(i, |t| matches!(t, Tag::Card(_)))) {
            // Four digits are a year (`in 2018`), not an amount.
            (Some((n, 1..=3)), _) => Some(n),
            (Some((n, 0)), _) => Some(n),
            (_, Some(Tag::Card(n))) => Some(n),
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        match self.tag(i, is_unit)? {
            Tag::Unit(u) => Some(u),
            _ => None,
        }
    }

    fn month(&self, i: usize) -> Option<u32> {
        match self.tag(i, is_month)? {
            Tag::Month(m) => Some(m),
            _ => None,
        }
    }

    fn shift(&self, i: usize) -> Option<i32> {
        match self.tag(i, is_shift)? {
            Tag::Shift(s) => Some(s),
            _ => None,
        }
    }

    fn weekday_of(&self, i: usize) -> Option<u32> {
        match self.tag(i, is_weekday)? {
            Tag::Weekday(d) => Some(d),
            _ => None,
        }
    }

    /// A year after a date: `, 2025`, `de 2025`, `2025 року`.
    fn trailing_year(&self, i: usize) -> (usize, Option<i32>) {
        let j = self.skip_fill(self.skip_sep(i, ".-/"));
        if let Some(y) = self.year_num(j) {
            return (j + 1, Some(y));
        }
        // `2 de outubro de 92`, `maio de 68`: two digits after `de` or `of` are a year.
        let joined = j > i && self.tag(j - 1, |t| t == Tag::Fill).is_some();
        match self.num(j) {
            Some((y, 2)) if joined && self.unit(j + 1).is_none() && !self.is_clock(j) => {
                (j + 1, Some(calendar::full_year(y, 2)))
            }
            _ => (i, None),
        }
    }
}

mod calendar;
mod relative;

type Rule = Option<(usize, Expr)>;
