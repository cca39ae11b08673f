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

use crate::insight::outlet_of;
use crate::statements::Statement;

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
/// How long after another a report must come out for a higher figure in it to be an
/// update rather than a contradiction: reports hours apart tell of one moment.
const UPDATE_GAP_HOURS: i64 = 6;
/// Cosine at which two statements in different languages that share a day or a
/// figure are comparable: a difference in one fact lowers the cosine of two
/// otherwise identical statements below the bar for "the same" (0.84–0.87).
const COMPARABLE_COSINE: f32 = 0.82;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    Number,
    Date,
    Place,
    Person,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Conflict {
    pub text: String,
    /// The other article's external id, and its statement.
    pub with_article: String,
    pub with_text: String,
    pub kind: ConflictKind,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleCoverage {
    /// The article's external id.
    pub article: String,
    pub outlet: String,
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

/// A figure in a statement.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: f64,
    approximate: bool,
}

/// The facts a statement states: figures, days, and the places and people it names.
struct Facts {
    figures: Vec<Figure>,
    days: Vec<NaiveDate>,
    /// The names it mentions: key and kind.
    names: Vec<(String, EntityKind)>,
}

fn published(a: &StoredArticle) -> Option<DateTime<Utc>> {
    a.article.published
}

fn figures(text: &str, skip: &[(usize, usize)]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut previous: Vec<String> = Vec::new();
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
            let attached =
                start > 0 && (bytes[start - 1].is_ascii_alphabetic() || bytes[start - 1] == b'-');
            let in_date = skip.iter().any(|&(s, e)| start >= s && start < e);
            let digits: String = text[start..i]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if let (false, false, Ok(value)) = (attached, in_date, digits.parse::<f64>()) {
                let approximate = previous
                    .iter()
                    .rev()
                    .take(3)
                    .any(|w| APPROXIMATORS.contains(&w.as_str()));
                out.push(Figure { value, approximate });
            }
            previous.clear();
            continue;
        }
        if c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !bytes[i].is_ascii_digit()
                && !matches!(bytes[i], b',' | b'.' | b';' | b':')
            {
                i += 1;
            }
            previous.push(text[start..i].to_lowercase());
            continue;
        }
        i += 1;
    }
    out
}

fn facts(s: &Statement, reference: Option<NaiveDate>, names: &[Name]) -> Facts {
    let dates = storyline_when::mentions(&s.text, &s.language, reference);
    let spans: Vec<(usize, usize)> = dates.iter().map(|m| (m.start, m.end)).collect();
    let mut named: Vec<(String, EntityKind)> = names
        .iter()
        .filter(|n| s.text.contains(&n.text))
        .map(|n| (n.key.clone(), n.kind))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    Facts {
        figures: figures(&s.text, &spans),
        days: dates
            .iter()
            .filter_map(|m| {
                if let Value::Day(d) = m.value {
                    Some(d)
                } else {
                    None
                }
            })
            .collect(),
        names: named,
    }
}

/// Two figure lists disagree: as many figures, and one pair differs beyond what an
/// approximation allows — unless the later report's figure is higher (an update).
fn figures_disagree(x: &[Figure], y: &[Figure], later: Option<bool>) -> bool {
    if x.is_empty() || x.len() != y.len() {
        return false;
    }
    x.iter().zip(y).any(|(a, b)| {
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
    let only = |a: &Facts, b: &Facts| -> Vec<EntityKind> {
        a.names
            .iter()
            .filter(|(k, _)| !b.names.iter().any(|(j, _)| j == k))
            .map(|(_, kind)| *kind)
            .collect()
    };
    match (only(x, y).as_slice(), only(y, x).as_slice()) {
        ([EntityKind::Person], [EntityKind::Person]) => Some(ConflictKind::Person),
        ([a], [b])
            if *a != EntityKind::Person
                && *b != EntityKind::Person
                && (*a == EntityKind::Place || *b == EntityKind::Place) =>
        {
            Some(ConflictKind::Place)
        }
        _ => None,
    }
}

/// What two statements disagree on, if anything. Statements that say the same
/// thing may differ in a figure or a day; statements on one occasion (a shared day
/// or figure) that say the same or nearly may put a different person or place in
/// it.
fn conflict_kind(
    s: &Statement,
    t: &Statement,
    x: &Facts,
    y: &Facts,
    later: Option<bool>,
) -> Option<ConflictKind> {
    let same = s.same_as(t);
    if same && figures_disagree(&x.figures, &y.figures, later) {
        return Some(ConflictKind::Number);
    }
    if same
        && !x.days.is_empty()
        && !y.days.is_empty()
        && !x.days.iter().any(|d| y.days.contains(d))
    {
        return Some(ConflictKind::Date);
    }
    let near = same
        || match (s.vector.as_deref(), t.vector.as_deref()) {
            (Some(a), Some(b)) => {
                crate::statements::cosine(a, b).is_some_and(|c| c >= COMPARABLE_COSINE)
            }
            _ => false,
        };
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
    let first_day = story
        .articles
        .iter()
        .filter_map(published)
        .min()
        .map(|p| p.date_naive());
    let none: Vec<Name> = Vec::new();
    let facts: Vec<Facts> = statements
        .iter()
        .map(|s| {
            let a = &story.articles[s.article];
            let reference = published(a).map(|p| p.date_naive()).or(first_day);
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
