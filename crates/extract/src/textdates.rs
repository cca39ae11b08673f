//! Dates written for people, in many languages and orders: `24 вересня 2025`,
//! `24. September 2025`, `September 24, 2025`, `Nov. 19, 2019`, `2021年03月23日`,
//! `2021년 3월 23일`, `24.09.2025`, and dates in URL paths (`/2019/11/18/`). Used when a
//! page has no machine-readable date, and for scraped text.

use chrono::{Datelike, NaiveDate};
// Month names in any language have one home: `storyline_when`.
use storyline_when::month_number;

fn plausible(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A token of running text: a number, a word, or a CJK date piece.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Digit,
    Letter,
    Marker,
    Other,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let kind = |c: char| {
        if c.is_ascii_digit() {
            Kind::Digit
        } else if is_cjk_date_marker(c) {
            Kind::Marker
        } else if c.is_alphabetic() {
            Kind::Letter
        } else {
            Kind::Other
        }
    };
    let mut out = Vec::new();
    let mut run: Option<(usize, Kind)> = None;
    fn emit<'a>(out: &mut Vec<Tok<'a>>, piece: &'a str, k: Kind) {
        match k {
            Kind::Digit => {
                if let Ok(n) = piece.parse() {
                    out.push(Tok::Num(n, piece.len()));
                }
            }
            Kind::Letter | Kind::Marker => out.push(Tok::Word(piece)),
            Kind::Other => {}
        }
    }
    for (i, c) in text.char_indices() {
        let k = kind(c);
        match run {
            // Markers stand alone; other kinds extend their run.
            Some((_, rk)) if rk == k && k != Kind::Marker => {}
            Some((start, rk)) => {
                emit(&mut out, &text[start..i], rk);
                run = Some((i, k));
            }
            None => run = Some((i, k)),
        }
    }
    if let Some((start, rk)) = run {
        emit(&mut out, &text[start..], rk);
    }
    drop_ordinal_suffixes(&mut out);
    out
}

/// `May 3rd, 2013`, `the 21st of June`: the suffix is no part of the number.
fn drop_ordinal_suffixes(toks: &mut Vec<Tok<'_>>) {
    let mut previous_is_number = false;
    toks.retain(|t| {
        let suffix = previous_is_number
            && matches!(t, Tok::Word(w) if matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th"));
        previous_is_number = matches!(t, Tok::Num(..));
        !suffix
    });
}

fn is_cjk_date_marker(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

/// The first calendar date written in `text` (looking at most at its first 3,000 characters).
pub fn first_date_in_text(text: &str) -> Option<NaiveDate> {
    let end = text.char_indices().nth(3000).map_or(text.len(), |(i, _)| i);
    let toks = tokens(&text[..end]);
    (0..toks.len()).find_map(|i| date_at(&toks[i..]))
}

/// Full dates (with a year) named in `text`, in order of first mention, each once: a
/// follow-up names the day of the event it follows (`shot on October 21, 2011`).
pub fn mentioned_dates(text: &str) -> Vec<NaiveDate> {
    let toks = tokens(text);
    let mut found: Vec<NaiveDate> = Vec::new();
    for i in 0..toks.len() {
        if let Some(date) = date_at(&toks[i..]) {
            if !found.contains(&date) {
                found.push(date);
            }
        }
    }
    found
}

/// Days of the year named in `text` as a day and a month name in either order
/// (`4 octobre`, `22 грудня`, `September 24`, `24. September 2025`) or with CJK
/// markers (`3月23日`), as (month, day) pairs in order of first mention, each once.
/// The year is left out: an event's date is often written without one, and reports
/// in other languages name the same day.
pub fn mentioned_days(text: &str) -> Vec<(u32, u32)> {
    use Tok::{Num, Word};
    let toks = tokens(text);
    let mut found: Vec<(u32, u32)> = Vec::new();
    for i in 0..toks.len() {
        let day = match &toks[i..] {
            [Num(m, 1..=2), Word("月" | "월"), Num(d, 1..=2), Word("日" | "일"), ..] => {
                Some((*m, *d))
            }
            // 5 de mayo
            [Num(d, 1..=2), Word("de"), Word(w), ..] => month_number(w).map(|m| (m, *d)),
            [Num(d, 1..=2), Word(w), ..] | [Word(w), Num(d, 1..=2), ..] => {
                month_number(w).map(|m| (m, *d))
            }
            _ => None,
        };
        if let Some((m, d)) = day {
            // 2000 is a leap year: any day that exists in some year.
            if NaiveDate::from_ymd_opt(2000, m, d).is_some() && !found.contains(&(m, d)) {
                found.push((m, d));
            }
        }
    }
    found
}

fn date_at(t: &[Tok]) -> Option<NaiveDate> {
    use Tok::{Num, Word};
    match t {
        // 2021年03月23日 / 2021년 3월 23일
        [Num(y, 4), Word(a), Num(m, _), Word(b), Num(d, _), Word(c), ..]
            if matches!((*a, *b, *c), ("年", "月", "日") | ("년", "월", "일")) =>
        {
            plausible(*y as i32, *m, *d)
        }
        // 24 вересня 2025, 24. September 2025, 24 de março de 2025
        [Num(d, 1..=2), Word(m), Num(y, 4), ..] => plausible(*y as i32, month_number(m)?, *d),
        [Num(d, 1..=2), Word(m), Word("de" | "del"), Num(y, 4), ..] => {
            plausible(*y as i32, month_number(m)?, *d)
        }
        [Num(d, 1..=2), Word("de"), Word(m), Word("de" | "del"), Num(y, 4), ..] => {
            plausible(*y as i32, month_number(m)?, *d)
        }
        // September 24, 2025 / Nov. 19, 2019
        [Word(m), Num(d, 1..=2), Num(y, 4), ..] => plausible(*y as i32, month_number(m)?, *d),
        // 2025-09-24 / 2025.09.24 (numbers only)
        [Num(y, 4), Num(m, 1..=2), Num(d, 1..=2), ..] => plausible(*y as i32, *m, *d),
        // 24/09/2025 or 09/24/2025: only when the order cannot be wrong (the numeric
        // separators are lost here, so 24.09.2025 is treated the same way).
        [Num(a, 1..=2), Num(b, 1..=2), Num(y, 4), ..] => match (*a > 12, *b > 12) {
            (true, false) => plausible(*y as i32, *b, *a),
            (false, true) => plausible(*y as i32, *a, *b),
            _ => None,
        },
        _ => None,
    }
}

/// A short line near the top that is a dateline (`7 July 2012`, `Konstanz, 24. September
/// 2025`, `THURSDAY, DECEMBER 3, 2009, 9:36 AM`, `First Published: June 13, 2013 4: 59 PM
/// EDT`): removed from the text, its date returned. Dates inside sentences are about
/// events, not the article, and stay; a text that is nothing but a date is that text.
pub(crate) fn take_dateline(paragraphs: &mut Vec<String>) -> Option<NaiveDate> {
    if paragraphs.len() < 2 {
        return None;
    }
    let (index, date) = paragraphs
        .iter()
        .take(5)
        .enumerate()
        .find_map(|(i, p)| dateline_date(p).map(|d| (i, d)))?;
    paragraphs.remove(index);
    Some(date)
}

/// The date of a line that is a dateline: at most 8 words, or a date and time with at
/// most 3 other words around it (`Posted on Thu Jun 13, 2013 08: 45 AM PDT`).
pub(crate) fn dateline_date(line: &str) -> Option<NaiveDate> {
    let (words, other_words) = words_and_others(line);
    if words.len() > 8 && other_words > 3 {
        return None;
    }
    first_date_in_text(line).or_else(|| us_numeric_date(line, &words))
}

/// A line's words, and how many of them are not date furniture.
fn words_and_others(line: &str) -> (Vec<&str>, usize) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let other_words = words.iter().filter(|w| !is_date_furniture(w)).count();
    (words, other_words)
}

/// A word without the punctuation around it (`(EDT)` → `EDT`, `PM,` → `PM`).
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `AM` or `PM`, in any case and punctuation.
fn is_am_pm(word: &str) -> bool {
    let w = bare(word);
    w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm")
}

/// `05 / 03 / 2013 at 11: 00 AM EDT`: numbers that could be day-first or month-first
/// are month-first beside a North American time zone.
fn us_numeric_date(line: &str, words: &[&str]) -> Option<NaiveDate> {
    // Two-letter zones (`ET`) only after AM/PM: `ET` is also French for "and".
    const ZONES: &[&str] = &["est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"];
    const SHORT_ZONES: &[&str] = &["et", "ct", "mt", "pt"];
    let american = words.iter().enumerate().any(|(i, w)| {
        let zone = bare(w);
        if !zone.chars().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
        let zone = zone.to_ascii_lowercase();
        let after_clock = i > 0 && is_am_pm(words[i - 1]);
        ZONES.contains(&zone.as_str()) || (after_clock && SHORT_ZONES.contains(&zone.as_str()))
    });
    if !american {
        return None;
    }
    let toks = tokens(line);
    toks.windows(3).find_map(|w| match w {
        [Tok::Num(m, 1..=2), Tok::Num(d, 1..=2), Tok::Num(y, 4)] => plausible(*y as i32, *m, *d),
        _ => None,
    })
}

/// Numbers, month and weekday names, clock words and time-zone abbreviations.
fn is_date_furniture(word: &str) -> bool {
    let bare = bare(word);
    let lower = bare.to_lowercase();
    bare.is_empty()
        || bare.chars().any(|c| c.is_ascii_digit())
        || month_number(bare).is_some()
        || ENGLISH_WEEKDAYS
            .iter()
            .any(|d| lower == *d || (lower.len() >= 3 && d.starts_with(&lower)))
        || matches!(lower.as_str(), "am" | "pm" | "at" | "on" | "um" | "à" | "a")
        || (bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_uppercase()))
}

/// English weekday names (other languages' datelines rarely carry them beside a time).
pub const ENGLISH_WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A URL without its scheme, query and fragment: where dates are written.
fn url_path(url: &str) -> &str {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    path.split(['?', '#']).next().unwrap_or("")
}

/// A date in a URL path: `/2019/11/18/`, `/2019-11-18-`, `/20191118/`.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let path = url_path(url);
    let nums: Vec<&str> = path
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    for w in nums.windows(3) {
        if let [y, m, d] = w {
            if y.len() == 4 && m.len() <= 2 && d.len() <= 2 {
                if let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) {
                    if let Some(date) = plausible(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    nums.iter().filter(|n| n.len() == 8).find_map(|n| {
        let (y, m, d) = (
            n[..4].parse().ok()?,
            n[4..6].parse().ok()?,
            n[6..].parse().ok()?,
        );
        plausible(y, m, d)
    })
}

/// What a page says about when it was published when it gives no full date: the
/// rough time that still tells a report from a look-alike event years away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHint {
    /// Some day from the first to the second: a day-or-month-first `05 / 02 / 2013`
    /// (either reading), a URL's `/2013/09/` (that month).
    Between(NaiveDate, NaiveDate),
    /// A day of some year: `Jul. 7 5: 59 PM EDT`, `APR 28`.
    Yearless { month: u32, day: u32 },
}

/// The publication-time hint of a text without a full dateline: an ambiguous numeric
/// or a yearless dateline among its first lines, else the year and month of its URL.
/// A yearless dateline takes its year from the URL when the URL names one.
pub fn publication_hint<'a>(
    url: Option<&str>,
    lines: impl IntoIterator<Item = &'a str>,
) -> Option<DateHint> {
    let month = url.and_then(month_in_url);
    let dateline = lines
        .into_iter()
        .take(DATELINE_LINES)
        .find_map(partial_dateline);
    match (dateline, month) {
        (Some(DateHint::Between(a, b)), Some((first, last))) => {
            // One of the two readings falls in the URL's month: that is the one.
            let inside = |d: NaiveDate| (first..=last).contains(&d);
            match (inside(a), inside(b)) {
                (true, false) => Some(DateHint::Between(a, a)),
                (false, true) => Some(DateHint::Between(b, b)),
                _ => Some(DateHint::Between(a, b)),
            }
        }
        (Some(DateHint::Yearless { month: m, day }), Some((first, _))) => {
            match plausible(first.year(), m, day) {
                Some(date) => Some(DateHint::Between(date, date)),
                None => dateline,
            }
        }
        (Some(hint), None) => Some(hint),
        (None, Some((first, last))) => Some(DateHint::Between(first, last)),
        (None, None) => None,
    }
}

/// Lines at the top of a text searched for a dateline.
const DATELINE_LINES: usize = 5;

/// Whether `line` is a dateline, full or partial (so never a headline).
pub(crate) fn is_dateline(line: &str) -> bool {
    dateline_date(line).is_some() || incomplete_date(line).is_some()
}

/// A dateline-shaped line whose date lacks its year (`Jul. 7 5: 59 PM EDT`) or is
/// ambiguous between day-first and month-first (`05 / 02 / 2013`, `08. 07. 2012`,
/// `02. 29. 12 4: 15 PM`, two-digit years only beside a clock time).
fn partial_dateline(line: &str) -> Option<DateHint> {
    match dateline_date(line) {
        Some(_) => None,
        None => incomplete_date(line),
    }
}

/// The partial date of a dateline-shaped line that `dateline_date` found no full date in.
fn incomplete_date(line: &str) -> Option<DateHint> {
    use Tok::{Num, Word};
    let (words, other_words) = words_and_others(line);
    if words.is_empty() || other_words > 3 {
        return None;
    }
    let clock = line.contains(':') || words.iter().any(|w| is_am_pm(w));
    let toks = tokens(line);
    (0..toks.len()).find_map(|i| match &toks[i..] {
        [Num(a, 1..=2), Num(b, 1..=2), Num(y, digits @ (2 | 4)), ..] if *digits == 4 || clock => {
            let year = if *digits == 2 {
                2000 + *y as i32
            } else {
                *y as i32
            };
            let readings = [plausible(year, *a, *b), plausible(year, *b, *a)];
            match readings {
                [Some(x), Some(y)] => Some(DateHint::Between(x.min(y), x.max(y))),
                [Some(x), None] | [None, Some(x)] => Some(DateHint::Between(x, x)),
                [None, None] => None,
            }
        }
        // A month name with a day and no year: `Jul. 7 5: 59 PM`, `APR 28`, `7 July`;
        // beside other words only with a clock time (`March 8 protests draw crowds` is
        // a headline).
        [Word(m), Num(d, 1..=2), ..] | [Num(d, 1..=2), Word(m), ..]
            if i == first_date_token(&toks) && (clock || other_words == 0) =>
        {
            let month = month_number(m)?;
            NaiveDate::from_ymd_opt(2000, month, *d)?;
            Some(DateHint::Yearless { month, day: *d })
        }
        _ => None,
    })
}

/// Where the date starts in a dateline: after any weekday or other leading words.
fn first_date_token(toks: &[Tok]) -> usize {
    toks.iter()
        .position(|t| match t {
            Tok::Num(..) => true,
            Tok::Word(w) => month_number(w).is_some(),
        })
        .unwrap_or(0)
}

/// The first and last day of the month a URL path names (`/2013/09/`), when it names
/// a year and a month but no day.
fn month_in_url(url: &str) -> Option<(NaiveDate, NaiveDate)> {
    let path = url_path(url);
    let segments: Vec<&str> = path.split('/').collect();
    segments.windows(2).find_map(|w| {
        let [y, m] = w else { return None };
        if y.len() != 4 || !(1..=2).contains(&m.len()) {
            return None;
        }
        let first = plausible(y.parse().ok()?, m.parse().ok()?, 1)?;
        let next = first.checked_add_months(chrono::Months::new(1))?;
        Some((first, next.pred_opt()?))
    })
}

#[cfg(test)]
mod tests;
