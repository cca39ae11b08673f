//! What each report adds or contradicts: for every article, the statements no other
//! article of the story makes in any language, and the statements another article
//! makes too but with a different number, day, place or person. Copies of one report
//! are not compared with each other. A toll that rises in a later report is an
//! update, not a contradiction; an approximate figure (`about 300`) agrees with one
//! near it (`312`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use storyline_analyze::entities::EntityKind;
use storyline_store::{StoredArticle, StoryDetail};
use storyline_when::Value;

use crate::chronology::{first_published_day, published_day};
use crate::insight::outlet_of;
use crate::statements::{cosine_says_same, Statement};

/// Unique statements listed per article.
const MAX_UNIQUE: usize = 12;
/// How far an approximate figure may be from another and still agree with it.
const APPROXIMATE_TOLERANCE: f64 = 0.2;

/// Words before a figure that make it approximate, in the languages news comes in.
/// (Bounds — `at least`, `more than` — are not approximations: two reports that
/// give different bounds report different figures.)
const APPROXIMATORS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "some",
    "roughly",
    "estimated",
    "etwa",
    "rund",
    "ungefähr",
    "fast",
    "knapp",
    "circa",
    "environ",
    "près",
    "quelque",
    "unos",
    "unas",
    "alrededor",
    "casi",
    "quasi",
    "cerca",
    "quase",
    "aproximadamente",
    "ongeveer",
    "bijna",
    "około",
    "prawie",
    "blisko",
    "близько",
    "майже",
    "приблизно",
    "около",
    "почти",
    "приблизительно",
    "yaklaşık",
    "kadar",
    "大约",
    "约",
    "約",
];
/// How far apart (as a share of their statements' length) two names may stand and
/// still fill one role in two versions of a statement.
const SAME_ROLE_SPAN: f32 = 0.25;
/// How long after another a report must come out for a higher figure in it to be an
/// update rather than a contradiction: reports hours apart tell of one moment.
const UPDATE_GAP_HOURS: i64 = 6;
/// Cosine at which two statements in different languages that share a day or a
/// figure are comparable: a difference in one fact lowers the cosine of two
/// otherwise identical statements below the bar for "the same" (0.84–0.87).
const COMPARABLE_COSINE: f32 = 0.82;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    Number,
    Date,
    Place,
    Person,
}

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Conflict {
    pub text: String,
    /// The other article's external id, and its statement.
    pub with_article: String,
    pub with_text: String,
    pub kind: ConflictKind,
}

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct ArticleCoverage {
    /// The article's external id.
    pub article: String,
    pub outlet: Option<String>,
    pub unique: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// A name an article mentions: its text, kind and story-wide key.
#[derive(Debug, Clone)]
pub struct Name {
    pub text: String,
    pub kind: EntityKind,
    pub key: String,
}

/// A figure in a statement, with the word after it (what it counts: `people`,
/// `million`).
#[derive(Debug, Clone)]
struct Figure {
    value: f64,
    approximate: bool,
    unit: Option<String>,
}

/// The facts a statement states: figures, days, and the places and people it names.
struct Facts {
    figures: Vec<Figure>,
    days: Vec<NaiveDate>,
    /// The names it mentions: key, kind, and where in the statement (0 at its start,
    /// 1 at its end).
    names: Vec<(String, EntityKind, f32)>,
}

fn published(a: &StoredArticle) -> Option<DateTime<Utc>> {
    a.article.published
}

/// A figure's value as written: a separator before exactly three digits groups
/// thousands (`1,200`, `1.200`); otherwise the last one is the decimal point (`3.5`,
/// `3,5`).
fn parse_figure(written: &str) -> Option<f64> {
    let last = written.rfind([',', '.']);
    let grouped = last.is_none_or(|at| written.len() - at - 1 == 3);
    let mut plain = String::with_capacity(written.len());
    for (at, c) in written.char_indices() {
        match c {
            ',' | '.' if !grouped && Some(at) == last => plain.push('.'),
            ',' | '.' => {}
            c => plain.push(c),
        }
    }
    plain.parse().ok()
}

/// The next and previous characters around `start..end` other than spaces.
fn neighbours(text: &str, start: usize, end: usize) -> (Option<char>, Option<char>) {
    (
        text[..start].trim_end().chars().next_back(),
        text[end..].trim_start().chars().next(),
    )
}

/// The word after the figure's own (`12 people`, `36-year-old driver`): what it counts.
fn unit_after(text: &str, end: usize) -> Option<String> {
    let rest = &text[end..];
    let rest = rest.find(char::is_whitespace).map_or("", |at| &rest[at..]);
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// A figure is a time of day (`7:01`, `3: 30`, `7 p. m.`) by what stands around it.
fn is_clock(text: &str, start: usize, end: usize) -> bool {
    let (before, after) = neighbours(text, start, end);
    let next: String = text[end..]
        .trim_start()
        .chars()
        .take(4)
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    before == Some(':')
        || after == Some(':')
        || matches!(next.as_str(), "am" | "pm" | "ampm" | "pmm")
        || next.starts_with("uhr")
}

/// The figures a statement gives, leaving out those in dates, times of day,
/// parentheses (conversions, asides), names (`G7`, `COVID-19`), ordinals (`117th`)
/// and compounds (`36-year-old`).
fn figures(text: &str, skip: &[(usize, usize)]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b',' | b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let joined = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-');
            let part_of_word =
                joined(start.checked_sub(1).and_then(|p| bytes.get(p))) || joined(bytes.get(i));
            let in_date = skip.iter().any(|&(s, e)| start >= s && start < e);
            let kept = !part_of_word && !in_date && depth == 0 && !is_clock(text, start, i);
            if let (true, Some(value)) = (kept, parse_figure(&text[start..i])) {
                let approximate = words
                    .iter()
                    .rev()
                    .take(3)
                    .any(|w| APPROXIMATORS.contains(&w.as_str()));
                out.push(Figure {
                    value,
                    approximate,
                    unit: unit_after(text, i),
                });
            }
            continue;
        }
        if c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] >= 0x80) {
                i += 1;
            }
            words.push(text[start..i].to_lowercase());
            continue;
        }
        match c {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    out
}

fn facts(s: &Statement, reference: Option<NaiveDate>, names: &[Name]) -> Facts {
    let dates = storyline_when::mentions(&s.text, &s.language, reference);
    let spans: Vec<(usize, usize)> = dates.iter().map(|m| (m.start, m.end)).collect();
    // Names the statement gives, the longest where one contains another (`Anchorage
    // Daily News`, not `Anchorage`).
    let given: Vec<&Name> = names.iter().filter(|n| s.text.contains(&n.text)).collect();
    let place = |n: &Name| {
        s.text
            .find(&n.text)
            .map_or(0.0, |at| at as f32 / s.text.len().max(1) as f32)
    };
    let mut named: Vec<(String, EntityKind, f32)> = given
        .iter()
        .filter(|n| {
            !given
                .iter()
                .any(|m| m.text.len() > n.text.len() && m.text.contains(&n.text))
        })
        .map(|n| (n.key.clone(), n.kind, place(n)))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    Facts {
        figures: figures(&s.text, &spans),
        // The article's own day (`today`, `now`) says when it was written, not what
        // it reports.
        days: dates
            .iter()
            .filter_map(|m| match m.value {
                Value::Day(d) if Some(d) != reference => Some(d),
                _ => None,
            })
            .collect(),
        names: named,
    }
}

/// Two figure lists disagree: as many figures, and a pair that counts the same thing
/// (in one language, the same word after it) differs beyond what an approximation
/// allows — unless the later report's figure is higher (an update).
fn figures_disagree(x: &[Figure], y: &[Figure], later: Option<bool>, same_language: bool) -> bool {
    if x.is_empty() || x.len() != y.len() {
        return false;
    }
    let counts_alike = |a: &Figure, b: &Figure| !same_language || a.unit == b.unit;
    x.iter()
        .zip(y)
        .filter(|(a, b)| counts_alike(a, b))
        .any(|(a, b)| {
            let differ = if a.approximate || b.approximate {
                (a.value - b.value).abs() > APPROXIMATE_TOLERANCE * a.value.max(b.value)
            } else {
                a.value != b.value
            };
            // `later`: whether the second report came out after the first.
            let update = match later {
                Some(true) => b.value > a.value,
                Some(false) => a.value > b.value,
                None => false,
            };
            differ && !update
        })
}

/// The two statements share a day or a figure: they tell of the same occasion.
fn share_occasion(x: &Facts, y: &Facts) -> bool {
    x.days.iter().any(|d| y.days.contains(d))
        || x.figures
            .iter()
            .any(|a| y.figures.iter().any(|b| a.value == b.value))
}

/// Each statement names one person (or place) the other does not, and nothing else
/// differs in their names: they put a different person or place in one role.
fn swapped_name(x: &Facts, y: &Facts) -> Option<ConflictKind> {
    let only = |a: &Facts, b: &Facts| -> Vec<(EntityKind, f32)> {
        a.names
            .iter()
            .filter(|(k, ..)| !b.names.iter().any(|(j, ..)| j == k))
            .map(|(_, kind, at)| (*kind, *at))
            .collect()
    };
    // The two names stand in the same place of their statements: one role, two fillers.
    let (xs, ys) = (only(x, y), only(y, x));
    let ([(a, at_a)], [(b, at_b)]) = (xs.as_slice(), ys.as_slice()) else {
        return None;
    };
    if (at_a - at_b).abs() > SAME_ROLE_SPAN {
        return None;
    }
    match (a, b) {
        (EntityKind::Person, EntityKind::Person) => Some(ConflictKind::Person),
        (EntityKind::Place, EntityKind::Place) => Some(ConflictKind::Place),
        _ => None,
    }
}

/// What two statements disagree on, if anything. Statements that say the same
/// thing may differ in a figure or a day; statements on one occasion (a shared day
/// or figure) that say the same (across languages, nearly) may put a different
/// person in it, or a different place.
fn conflict_kind(
    s: &Statement,
    t: &Statement,
    x: &Facts,
    y: &Facts,
    later: Option<bool>,
) -> Option<ConflictKind> {
    // With a model its cosine decides (word overlap also joins statements that
    // share their frame but not their content: `registration runs from October…` and
    // `nomination takes place from October…`).
    let same_language = s.language == t.language;
    let cosine = s.cosine(t);
    let same = match cosine {
        Some(c) => cosine_says_same(same_language, c),
        None => s.same_as(t),
    };
    if same && figures_disagree(&x.figures, &y.figures, later, same_language) {
        return Some(ConflictKind::Number);
    }
    if same
        && !x.days.is_empty()
        && !y.days.is_empty()
        && !x.days.iter().any(|d| y.days.contains(d))
    {
        return Some(ConflictKind::Date);
    }
    // Across languages a changed fact lowers the cosine below the bar for "the
    // same"; in one language it does not need to.
    let near = same || (!same_language && cosine.is_some_and(|c| c >= COMPARABLE_COSINE));
    if near && share_occasion(x, y) {
        return swapped_name(x, y);
    }
    None
}

/// One article is a copy of the other (or both of a third).
fn copies(a: &StoredArticle, b: &StoredArticle) -> bool {
    let origin = |x: &StoredArticle| x.copy_of.clone().unwrap_or_else(|| x.article.id.clone());
    origin(a) == origin(b)
}

/// Every article's unique statements and conflicts. `names` gives each article's
/// names by article key.
pub fn compare(
    story: &StoryDetail,
    statements: &[Statement],
    names: &HashMap<i64, Vec<Name>>,
) -> Vec<ArticleCoverage> {
    let first_day = first_published_day(story);
    let none: Vec<Name> = Vec::new();
    let facts: Vec<Facts> = statements
        .iter()
        .map(|s| {
            let a = &story.articles[s.article];
            let reference = published_day(a).or(first_day);
            facts(s, reference, names.get(&a.key).unwrap_or(&none))
        })
        .collect();
    let mut out: Vec<ArticleCoverage> = story
        .articles
        .iter()
        .map(|a| ArticleCoverage {
            article: a.article.id.clone(),
            outlet: outlet_of(a),
            unique: Vec::new(),
            conflicts: Vec::new(),
        })
        .collect();
    for (i, s) in statements.iter().enumerate() {
        let a = &story.articles[s.article];
        let mut supported = false;
        for (j, t) in statements.iter().enumerate() {
            let b = &story.articles[t.article];
            if s.article == t.article || copies(a, b) {
                continue;
            }
            supported |= s.same_as(t);
            let later = published(a)
                .zip(published(b))
                .filter(|(x, y)| (*y - *x).num_hours().abs() >= UPDATE_GAP_HOURS)
                .map(|(x, y)| y > x);
            if let Some(kind) = conflict_kind(s, t, &facts[i], &facts[j], later) {
                out[s.article].conflicts.push(Conflict {
                    text: s.text.clone(),
                    with_article: b.article.id.clone(),
                    with_text: t.text.clone(),
                    kind,
                });
            }
        }
        if !supported && out[s.article].unique.len() < MAX_UNIQUE && story.articles.len() > 1 {
            out[s.article].unique.push(s.text.clone());
        }
    }
    out
}
