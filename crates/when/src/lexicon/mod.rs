//! The words dates are made of, per language, written as short tables
//! (`tables_*.rs`): one line per meaning, `TAG: word | word | two words`.
//!
//! Tags: `m1`…`m12` months, `w1`…`w7` weekdays (Monday first), `d<n>` a day counted
//! from the reference (`d-1` yesterday), `s<n>` a shift (`s-1` last, `s1` next, `s0`
//! this), `uday uweek umonth uyear` units, `n<k>` numbers in words, `o<k>` ordinals
//! in words, `ago` (after its amount: *two days ago*), `before` (before its amount:
//! *vor zwei Tagen*, *il y a*), `in` (*in two days*), `later` (after its amount:
//! *2 gün sonra*), `fill` (words a date may hold: *of*, *de*, *am*), `sfx` ordinal
//! endings (*st*, *te*, *го*), `ymark mmark dmark` (年 月 日), `h<MM-DD>` fixed
//! holidays, `easter` (Easter Sunday) and `easter+49`, `easter-2` (feasts counted
//! from it), `at` (before a time of day), `part` (a part of the day or a
//! clock word), `uhour uminute`, `e<n>` a day either way (the tense settles it), `y<n>` a year
//! from the reference's (`tavaly`),
//! `era<year>` (a Japanese era by its first year), `bound` (after a date, bounding it
//! without moving it: *以降*, *まで*), `edge` (part of a span: *end*, *early*, *Anfang*, *末*), `after` and `prior` (an amount of
//! time after or before a date: *after*, *nach*, *before*), `fut` and `past` words telling a sentence's tense (a word
//! written `-ending` is a suffix). A word written `~word` is an abbreviation: it
//! stands alone only before a full stop or in a short phrase. `^word` must be
//! capitalised to stand alone; `_word` must not be. A `prefix:` line lists letters
//! written onto the front of words (Hebrew `ב`, Arabic `و`), read without them.

mod tables_cjk;
mod tables_germanic;
mod tables_other;
mod tables_romance;
mod tables_slavic;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::tokens::{fold, is_cjk};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Month(u32),
    Weekday(u32),
    DayOffset(i32),
    Shift(i32),
    Unit(Unit),
    Card(u32),
    Ord(u32),
    Ago,
    Before,
    In,
    Later,
    Fill,
    Suffix,
    YearMark,
    MonthMark,
    DayMark,
    Holiday(u32, u32),
    /// A feast this many days from Easter Sunday (Pentecost: 49).
    Easter(i32),
    Future,
    Past,
    /// A word before a time of day: `at`, `um`, `à`, `om`.
    At,
    /// A part of the day or a clock word after a day or time: `night`, `Uhr`, `pm`.
    DayPart,
    /// One day from the reference either way, which the tense settles (Hindi कल).
    DayEither(i32),
    /// After a date: `three months after Easter`, `2 weeks from January 15`.
    After,
    /// Before a date: `two days before Christmas`.
    Prior,
    /// A part of a span: `end`, `early`, `Anfang`, `fin`, `末`; the date keeps the
    /// value of what it is part of.
    Edge,
    /// A Japanese era, by the Gregorian year of its first year (平成: 1989).
    Era(i32),
    /// A word that bounds a date without moving it, after it: `以降`, `まで`, `以来`.
    Bound,
    /// A word for a year from the reference: `πέρυσι` last year, `idén` this year.
    YearShift(i32),
}

/// How an entry may stand on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    Free,
    Abbreviation,
    Capitalised,
    LowerCase,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub words: Vec<String>,
    pub tag: Tag,
    pub standing: Standing,
}

/// One language's words (with the shared ones), ready for lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Entries by their first word, longest first.
    by_first: HashMap<String, Vec<Entry>>,
    suffixes: Vec<(String, Tag)>,
    /// Letters written onto the front of a word (Hebrew ב ל ה, Arabic و ب).
    prefixes: Vec<String>,
    longest_cjk: usize,
    /// Month-day order of numeric dates: `2/15` is February 15 (US English).
    pub(crate) month_first: bool,
}

fn parse_tag(tag: &str) -> Option<Tag> {
    let num = |s: &str| s.parse::<i32>().ok();
    Some(match tag {
        "uday" => Tag::Unit(Unit::Day),
        "uweek" => Tag::Unit(Unit::Week),
        "umonth" => Tag::Unit(Unit::Month),
        "uyear" => Tag::Unit(Unit::Year),
        "ago" => Tag::Ago,
        "before" => Tag::Before,
        "in" => Tag::In,
        "later" => Tag::Later,
        "fill" => Tag::Fill,
        "sfx" => Tag::Suffix,
        "ymark" => Tag::YearMark,
        "mmark" => Tag::MonthMark,
        "dmark" => Tag::DayMark,
        "easter" => Tag::Easter(0),
        t if t.starts_with("easter") => Tag::Easter(t[6..].trim_start_matches('+').parse().ok()?),
        "fut" => Tag::Future,
        "past" => Tag::Past,
        "at" => Tag::At,
        "after" => Tag::After,
        "edge" => Tag::Edge,
        "bound" => Tag::Bound,
        t if t.starts_with("era") => Tag::Era(t[3..].parse().ok()?),
        "prior" => Tag::Prior,
        "part" => Tag::DayPart,
        "uhour" => Tag::Unit(Unit::Hour),
        "uminute" => Tag::Unit(Unit::Minute),
        t if t.starts_with('h') => {
            let (m, d) = t[1..].split_once('-')?;
            Tag::Holiday(m.parse().ok()?, d.parse().ok()?)
        }
        t => {
            let (head, rest) = t.split_at(1);
            let n = num(rest)?;
            match head {
                "m" => Tag::Month(n as u32),
                "w" => Tag::Weekday(n as u32),
                "d" => Tag::DayOffset(n),
                "e" => Tag::DayEither(n),
                "y" => Tag::YearShift(n),
                "s" => Tag::Shift(n),
                "n" => Tag::Card(n as u32),
                "o" => Tag::Ord(n as u32),
                _ => return None,
            }
        }
    })
}

impl Lexicon {
    fn add_table(&mut self, table: &str) {
        for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if line == "month-first" {
                self.month_first = true;
                continue;
            }
            if let Some(letters) = line.strip_prefix("prefix:") {
                self.prefixes.extend(
                    letters
                        .split('|')
                        .map(|p| fold(p.trim()))
                        .filter(|p| !p.is_empty()),
                );
                continue;
            }
            let Some((tag, words)) = line.split_once(':') else {
                continue;
            };
            let Some(tag) = parse_tag(tag.trim()) else {
                debug_assert!(false, "bad tag in lexicon line {line}");
                continue;
            };
            for raw in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                self.add_word(raw, tag);
            }
        }
    }

    fn add_word(&mut self, raw: &str, tag: Tag) {
        let (standing, body) = match raw.as_bytes()[0] {
            b'~' => (Standing::Abbreviation, &raw[1..]),
            b'^' => (Standing::Capitalised, &raw[1..]),
            b'_' => (Standing::LowerCase, &raw[1..]),
            _ => (Standing::Free, raw),
        };
        if let Some(suffix) = body.strip_prefix('-') {
            // Endings only tell tense.
            if matches!(tag, Tag::Future | Tag::Past) {
                self.suffixes.push((fold(suffix), tag));
            }
            return;
        }
        // Hyphens separate words in the text's tokens, so they do here too.
        let words: Vec<String> = body
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        if first.chars().any(is_cjk) {
            self.longest_cjk = self.longest_cjk.max(first.chars().count());
        }
        let list = self.by_first.entry(first).or_default();
        list.push(Entry {
            words,
            tag,
            standing,
        });
        list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }

    /// Entries starting with `word`, longest first.
    pub(crate) fn entries(&self, word: &str) -> &[Entry] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    pub(crate) fn longest_cjk(&self) -> usize {
        self.longest_cjk.max(1)
    }

    /// A tense tag for a word by its ending (`-ra`, `-'ll`), if any.
    pub(crate) fn suffix_tag(&self, word: &str) -> Option<Tag> {
        self.suffixes
            .iter()
            .find(|(s, _)| word.len() > s.len() + 2 && word.ends_with(s.as_str()))
            .map(|(_, t)| *t)
    }
}

/// `pt-BR`, `PT`, `pt_br` → `pt`.
fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The tables for a language's primary subtag (`en`, `de`, `pt`); none for a
/// language without tables (its numeric dates are still read).
fn table_for(base: &str) -> &'static [&'static str] {
    match base {
        "en" => &[tables_germanic::EN],
        "de" => &[tables_germanic::DE],
        "nl" => &[tables_germanic::NL],
        "sv" => &[tables_germanic::SV],
        "da" => &[tables_germanic::DA_NB, tables_germanic::DA],
        "nb" | "no" | "nn" => &[tables_germanic::DA_NB, tables_germanic::NB],
        "fr" => &[tables_romance::FR],
        "es" => &[tables_romance::ES],
        "ca" => &[tables_romance::CA],
        "it" => &[tables_romance::IT],
        "pt" => &[tables_romance::PT],
        "ro" => &[tables_romance::RO],
        "pl" => &[tables_slavic::PL],
        "uk" => &[tables_slavic::UK],
        "ru" => &[tables_slavic::RU],
        "bg" => &[tables_slavic::BG],
        "hr" | "sr" | "bs" => &[tables_slavic::HR],
        "cs" => &[tables_slavic::CS],
        "be" => &[tables_slavic::BE],
        "fi" => &[tables_other::FI],
        "id" | "ms" => &[tables_other::ID],
        "tr" => &[tables_other::TR],
        "hu" => &[tables_other::HU],
        "el" => &[tables_other::EL],
        "ar" => &[tables_other::AR],
        "he" => &[tables_other::HE],
        "hi" => &[tables_other::HI],
        "vi" => &[tables_other::VI],
        // Chinese and Japanese share their Han words; a short text is often taken
        // for the other language.
        "zh" => &[tables_cjk::ZH, tables_cjk::JA],
        "ja" => &[tables_cjk::JA, tables_cjk::ZH],
        "ko" => &[tables_cjk::KO],
        _ => &[],
    }
}

/// The lexicon of a language, built once per language and kept (all languages
/// without tables share one).
pub fn lexicon(lang: &str) -> &'static Lexicon {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, &'static Lexicon>>> = OnceLock::new();
    let base = primary_subtag(lang);
    // Every language without tables shares one lexicon: whatever codes arrive, at
    // most one lexicon per table is ever built.
    let base = if table_for(&base).is_empty() {
        String::new()
    } else {
        base
    };
    let cache = CACHE.get_or_init(Default::default);
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry(base.clone()).or_insert_with(|| {
        let mut lexicon = Lexicon::default();
        lexicon.add_table(tables_other::SHARED);
        for table in table_for(&base) {
            lexicon.add_table(table);
        }
        // Built once per language for the life of the process.
        Box::leak(Box::new(lexicon))
    })
}

/// The month a word names in any language's table, as written in dates
/// (`вересня`, `märz`, `Sept.`), whatever the text's language: one home for month
/// names, used by extraction. Abbreviations count only in English (`Sept`, `Dec`):
/// other languages' clash with common words (Portuguese `out`, Italian `set`).
pub fn month_number(word: &str) -> Option<u32> {
    static ALL: OnceLock<HashMap<String, u32>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut map = HashMap::new();
        for lang in LANGUAGES {
            let mut lexicon = Lexicon::default();
            for table in table_for(lang) {
                lexicon.add_table(table);
            }
            for (word, entries) in &lexicon.by_first {
                for e in entries
                    .iter()
                    .filter(|e| e.standing != Standing::Abbreviation || *lang == "en")
                {
                    if let (Tag::Month(m), 1) = (e.tag, e.words.len()) {
                        map.entry(word.clone()).or_insert(m);
                    }
                }
            }
        }
        map
    });
    let folded = fold(word.trim_end_matches('.'));
    all.get(&folded).copied()
}

/// The languages with a table of their own.
/// (In this order month names shared by two languages take the first's month:
/// Czech `listopadu` is November, Croatian October.)
pub const LANGUAGES: &[&str] = &[
    "en", "de", "nl", "sv", "da", "nb", "fr", "es", "ca", "it", "pt", "ro", "pl", "uk", "ru", "be",
    "bg", "cs", "hr", "fi", "id", "tr", "hu", "el", "ar", "he", "hi", "vi", "zh", "ja", "ko",
];

impl Lexicon {
    /// The tense a word tells (`will` future, `said` past), by the word or its ending.
    pub(crate) fn tense(&self, word: &str) -> Option<Tag> {
        self.entries(word)
            .iter()
            .map(|e| e.tag)
            .find(|t| matches!(t, Tag::Future | Tag::Past))
            .or_else(|| self.suffix_tag(word))
    }
}

impl Lexicon {
    /// `word` without a prefix letter the language writes onto words, when what is
    /// left is a word of the lexicon.
    pub(crate) fn without_prefix<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.prefixes
            .iter()
            .filter_map(|p| word.strip_prefix(p.as_str()))
            .find(|rest| rest.chars().count() > 1 && self.has_word(rest))
    }
}
