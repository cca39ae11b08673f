//! Relative shapes: weekdays, shifts (`last month`), amounts of time (`two days
//! ago`, `three months after Easter`), holidays and words that are a day by
//! themselves.

use super::{is_month, is_weekday, Expr, Grammar, Rule};
use crate::lexicon::{Standing, Tag, Unit};

impl Grammar<'_> {
    /// `next Tuesday`, `lundi prochain`, `Tuesday of next week`, `next week on
    /// Tuesday`, `mittwoch in 2 wochen`, and a weekday alone.
    pub(super) fn weekday(&self, i: usize) -> Rule {
        let shifted = |day, shift| Expr::Weekday {
            day,
            shift: Some(shift),
            weeks: None,
        };
        let in_week = |day, weeks| Expr::Weekday {
            day,
            shift: None,
            weeks: Some(weeks),
        };
        // `next Tuesday`, `next week on Tuesday`, `volgende week maandag`
        if let Some(shift) = self.shift(i) {
            if self.unit(i + 1) == Some(Unit::Week) {
                let j = self.skip_fill(self.skip_sep(i + 2, "-"));
                return Some((j + 1, in_week(self.weekday_of(j)?, shift)));
            }
            let j = self.skip_fill(i + 1);
            return self.weekday_of(j).map(|day| (j + 1, shifted(day, shift)));
        }
        let day = self.weekday_of(i)?;
        let j = self.skip_fill(i + 1);
        // `lundi prochain`, `dienstag dieser Woche`, `lundi de la semaine prochaine`
        match (
            self.shift(j),
            self.unit(j),
            self.unit(j + 1),
            self.shift(j + 1),
        ) {
            (Some(shift), _, Some(Unit::Week), _) => return Some((j + 2, in_week(day, shift))),
            (Some(shift), _, None, _) => return Some((j + 1, shifted(day, shift))),
            (None, Some(Unit::Week), _, Some(shift)) => return Some((j + 2, in_week(day, shift))),
            _ => {}
        }
        // `mittwoch in 2 wochen`
        if self.tag(j, |t| t == Tag::In).is_some() {
            if let (Some(n), Some(Unit::Week)) = (self.amount(j + 1), self.unit(j + 2)) {
                return Some((j + 3, in_week(day, n as i32)));
            }
        }
        self.alone(i, is_weekday)?;
        Some((
            i + 1,
            Expr::Weekday {
                day,
                shift: None,
                weeks: None,
            },
        ))
    }

    /// `jeudi 15`, `Monday 21`: the day of a month that falls on that weekday.
    pub(super) fn weekday_day(&self, i: usize) -> Rule {
        let weekday = self.weekday_of(i)?;
        // `terça-feira dia 25`, `tuesday the eleventh`
        let mut j = self.skip_fill(i + 1);
        if self.unit(j) == Some(Unit::Day) {
            j = self.skip_fill(j + 1);
        }
        let (end, day) = self.day(j)?;
        if self.unit(end).is_some() {
            return None;
        }
        let numeric_date =
            matches!(self.sep(end), Some('.' | '/' | '-')) && self.num(end + 1).is_some();
        if self
            .month(self.skip_fill(self.skip_sep(end, ".")))
            .is_some()
            || self.num(end).is_some()
            || numeric_date
        {
            return None;
        }
        Some((end, Expr::DayOnWeekday { day, weekday }))
    }

    /// `last month`, `le mois prochain`, `el año pasado`, `this year`, `last March`.
    pub(super) fn shifted(&self, i: usize) -> Rule {
        if let Some(shift) = self.shift(i) {
            let j = self.skip_fill(i + 1);
            if let Some(unit) = self.unit(j) {
                return Some((j + 1, Expr::Shifted { shift, unit }));
            }
            if let Some(month) = self.month(j) {
                return Some((
                    j + 1,
                    Expr::Month {
                        year: None,
                        month,
                        shift: Some(shift),
                    },
                ));
            }
            return None;
        }
        let unit = self.unit(i)?;
        let j = self.skip_fill(i + 1);
        let shift = self.shift(j)?;
        Some((j + 1, Expr::Shifted { shift, unit }))
    }

    /// `two days ago`, `vor drei Monaten`, `il y a deux ans`, `in 2 weeks`,
    /// `2 gün sonra`, `一週間後`.
    pub(super) fn offset(&self, i: usize) -> Rule {
        let before = self.tag(i, |t| matches!(t, Tag::Before | Tag::In));
        let start = if before.is_some() { i + 1 } else { i };
        // `через неделю`, `неделю назад`: a unit without an amount is one of it.
        let (n, j) = match self.amount(start) {
            Some(n) => (n, start + 1),
            None => (1, start),
        };
        let unit = self.unit(j)?;
        if n > 5000 {
            return None;
        }
        let n = n as i32;
        match (
            before,
            self.tag(j + 1, |t| matches!(t, Tag::Ago | Tag::Later)),
        ) {
            (Some(Tag::Before), _) => Some((j + 1, Expr::Offset { amount: -n, unit })),
            (Some(_), _) => Some((j + 1, Expr::Offset { amount: n, unit })),
            (None, Some(Tag::Ago)) => Some((j + 2, Expr::Offset { amount: -n, unit })),
            (None, Some(Tag::Later)) => Some((j + 2, Expr::Offset { amount: n, unit })),
            _ => None,
        }
    }

    /// `at 8.30 pm today`, `3 p.m. Tuesday`, `4 a.m. EDT Thursday`: a time of day
    /// before the day it is on.
    pub(super) fn timed(&self, i: usize) -> Rule {
        let j = self.skip_fill(self.clock_at(i)?);
        let (end, expr) = self.longest_of(j, false)?;
        let on_a_day = matches!(
            expr,
            Expr::Weekday { .. }
                | Expr::Date { .. }
                | Expr::DateOnWeekday { .. }
                | Expr::DayOfMonth(_)
                | Expr::Annual { .. }
                | Expr::Nth { .. }
                | Expr::DayEither(_)
                | Expr::Offset {
                    unit: Unit::Day,
                    ..
                }
        );
        on_a_day.then_some((end, expr))
    }

    /// `three months after Easter`, `2 weeks from January 15`, `et år efter
    /// juleaften`, `zwei Tage vor Weihnachten`.
    pub(super) fn anchored(&self, i: usize) -> Rule {
        let (n, j) = match self.amount(i) {
            Some(n) => (n, i + 1),
            None => (1, i),
        };
        let unit = self.unit(j)?;
        let sign = match self.tag(j + 1, |t| {
            matches!(t, Tag::After | Tag::Prior | Tag::Before)
        })? {
            Tag::After => 1,
            _ => -1,
        };
        let (end, anchor) = self.longest_of(self.skip_fill(j + 2), false)?;
        let amount = sign * n.min(5000) as i32;
        Some((
            end,
            Expr::Anchored {
                amount,
                unit,
                anchor: Box::new(anchor),
            },
        ))
    }

    /// `the end of the month`, `early next week`, `Anfang März`, `a finales de 2019`, `年末`:
    /// the part of a span has the span's value.
    pub(super) fn edge(&self, i: usize) -> Rule {
        // `年末`, `ay sonu`, `वर्ष के अंत`: the unit, then its part.
        if let Some(unit) = self.unit(i) {
            let j = self.skip_fill(i + 1);
            return self
                .tag(j, |t| t == Tag::Edge)
                .map(|_| (j + 1, Expr::Shifted { shift: 0, unit }));
        }
        self.tag(i, |t| t == Tag::Edge)?;
        let j = self.skip_fill(i + 1);
        if let Some(unit) = self.unit(j) {
            return Some((j + 1, Expr::Shifted { shift: 0, unit }));
        }
        self.longest_of(j, false)
    }

    /// `Christmas`, `Noël 2014`, `last Easter`, `Pasen 2018`.
    pub(super) fn holiday(&self, i: usize) -> Rule {
        let shift = self.shift(i);
        let h = if shift.is_some() {
            self.skip_fill(i + 1)
        } else {
            i
        };
        let (month, day) = match self.tag(h, |t| matches!(t, Tag::Holiday(..) | Tag::Easter(_)))? {
            Tag::Holiday(m, d) => (m, d as i32),
            Tag::Easter(offset) => (0, offset),
            _ => return None,
        };
        let (end, year) = self.trailing_year(h + 1);
        Some((
            end.max(h + 1),
            Expr::Annual {
                month,
                day,
                year,
                shift,
            },
        ))
    }

    /// A word that is a date by itself: `yesterday`, `heute`, a month name alone.
    pub(super) fn single(&self, i: usize) -> Rule {
        if let Some(Tag::DayOffset(n)) = self.tag(i, |t| matches!(t, Tag::DayOffset(_))) {
            self.alone(i, |t| matches!(t, Tag::DayOffset(_)))?;
            return Some((
                i + 1,
                Expr::Offset {
                    amount: n,
                    unit: Unit::Day,
                },
            ));
        }
        match self.tag(i, |t| matches!(t, Tag::DayEither(_) | Tag::YearShift(_))) {
            Some(Tag::DayEither(n)) => return Some((i + 1, Expr::DayEither(n))),
            Some(Tag::YearShift(shift)) => {
                return Some((
                    i + 1,
                    Expr::Shifted {
                        shift,
                        unit: Unit::Year,
                    },
                ))
            }
            _ => {}
        }
        let month = self.month(i)?;
        self.alone(i, is_month)?;
        Some((
            i + 1,
            Expr::Month {
                year: None,
                month,
                shift: None,
            },
        ))
    }

    /// The tag's word may stand alone here: an abbreviation before its full stop or
    /// in a short phrase, a capitalised-only word capitalised, a lower-case-only
    /// word in lower case. A month name opening a sentence says nothing by its
    /// capital (`May I ask`); a weekday there still names a day (`Tuesday's vote`).
    fn alone(&self, i: usize, want: impl Fn(Tag) -> bool + Copy) -> Option<()> {
        let item = self.item(i)?;
        let month_first = item.sentence_start && item.tag(is_month).is_some();
        let ok = match item.standing(want)? {
            Standing::Free => true,
            Standing::Abbreviation => self.phrase || self.sep(i + 1) == Some('.'),
            Standing::Capitalised => self.phrase || (item.capital && !month_first),
            Standing::LowerCase => !item.capital,
        };
        ok.then_some(())
    }
}
