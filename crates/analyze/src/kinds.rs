//! What a name names: an organisation by its words ("Ministry", "рада"), a
//! person by a title or a first name, a place by the preposition before it, a
//! Slavic proper name by the lower-case head noun that ends it ("Київської
//! області"); and the votes that give all mentions of one name one kind.

use std::collections::HashMap;

use crate::entities::EntityKind;

/// Words that make a name an organisation's (lower case, any position).
const ORGANIZATION_WORDS: &[&str] = &[
    "party",
    "ministry",
    "council",
    "committee",
    "union",
    "bank",
    "company",
    "inc",
    "corp",
    "corporation",
    "group",
    "university",
    "association",
    "agency",
    "court",
    "commission",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "news",
    "times",
    "post",
    "press",
    "institute",
    "foundation",
    "department",
    "office",
    "police",
    "army",
    "airlines",
    "motors",
    "nations",
    "organization",
    "organisation",
    "club",
    "fc",
    "partei",
    "ministerium",
    "rat",
    "gericht",
    "universität",
    "parti",
    "ministère",
    "conseil",
    "partido",
    "ministerio",
    "consejo",
    "universidad",
    "partito",
    "ministero",
    "партія",
    "міністерство",
    "рада",
    "комітет",
    "служба",
    "партия",
    "министерство",
    "совет",
    "комитет",
    "банк",
    "університет",
    "университет",
    "nato",
    "un",
    "eu",
    "oon",
    "оон",
    "нато",
    "єс",
    "ес",
];

/// Words before a name that make it a place (lower case).
const PLACE_BEFORE: &[&str] = &[
    "in",
    "from",
    "to",
    "near",
    "at",
    "im",
    "nach",
    "aus",
    "à",
    "au",
    "en",
    "de",
    "à",
    "dans",
    "desde",
    "hacia",
    "a",
    "da",
    "nel",
    "у",
    "в",
    "до",
    "з",
    "із",
    "під",
    "біля",
    "во",
    "из",
    "под",
    "около",
    "w",
    "we",
    "z",
    "do",
    "ze",
];

/// Lower-case head nouns that continue a Slavic proper name, with the kind they
/// make it (inflected forms listed; uk, ru).
const TAIL_NOUNS: &[(&str, EntityKind)] = &[
    ("област", EntityKind::Place),
    ("район", EntityKind::Place),
    ("міст", EntityKind::Place),
    ("город", EntityKind::Place),
    ("вулиц", EntityKind::Place),
    ("улиц", EntityKind::Place),
    ("площ", EntityKind::Place),
    ("проспект", EntityKind::Place),
    ("республік", EntityKind::Place),
    ("республик", EntityKind::Place),
    ("суд", EntityKind::Organization),
    ("рад", EntityKind::Organization),
    ("совет", EntityKind::Organization),
    ("комітет", EntityKind::Organization),
    ("комитет", EntityKind::Organization),
    ("міністерств", EntityKind::Organization),
    ("министерств", EntityKind::Organization),
    ("служб", EntityKind::Organization),
    ("парті", EntityKind::Organization),
    ("парти", EntityKind::Organization),
    ("банк", EntityKind::Organization),
    ("університет", EntityKind::Organization),
    ("университет", EntityKind::Organization),
    ("інститут", EntityKind::Organization),
    ("институт", EntityKind::Organization),
    ("академі", EntityKind::Organization),
    ("академи", EntityKind::Organization),
    ("агентств", EntityKind::Organization),
    ("компані", EntityKind::Organization),
    ("компани", EntityKind::Organization),
    ("адміністраці", EntityKind::Organization),
    ("администраци", EntityKind::Organization),
    ("управлін", EntityKind::Organization),
    ("управлени", EntityKind::Organization),
    ("фонд", EntityKind::Organization),
    ("асоціаці", EntityKind::Organization),
    ("ассоциаци", EntityKind::Organization),
    ("спілк", EntityKind::Organization),
    ("союз", EntityKind::Organization),
    ("федераці", EntityKind::Organization),
    ("федераци", EntityKind::Organization),
    ("прокуратур", EntityKind::Organization),
    ("інспекці", EntityKind::Organization),
    ("инспекци", EntityKind::Organization),
    ("губерні", EntityKind::Place),
    ("губерни", EntityKind::Place),
    ("водосховищ", EntityKind::Place),
    ("водохранилищ", EntityKind::Place),
    ("залізниц", EntityKind::Organization),
    ("железн", EntityKind::Organization),
    ("метрополітен", EntityKind::Organization),
    ("метрополитен", EntityKind::Organization),
    ("палат", EntityKind::Organization),
    ("театр", EntityKind::Organization),
    ("музе", EntityKind::Organization),
    ("завод", EntityKind::Organization),
    ("комбінат", EntityKind::Organization),
    ("комбинат", EntityKind::Organization),
    ("аеропорт", EntityKind::Place),
    ("аэропорт", EntityKind::Place),
    ("бульвар", EntityKind::Place),
    ("провулк", EntityKind::Place),
    ("переулк", EntityKind::Place),
];

/// Compounds Ukrainian and Russian write of a short prefix and a head noun
/// (`облрада`, `міськради`, `райсуду`, `облдержадміністрації`, `госпсуд`).
const TAIL_PREFIXES: &[&str] = &[
    "облдерж",
    "обл",
    "міськ",
    "гор",
    "рай",
    "госп",
    "держ",
    "сіль",
    "сел",
];

/// A head noun's stem must be most of the word (`суду`, not `судження`).
const TAIL_MAX_ENDING: usize = 3;

pub(crate) fn tail_kind(lower: &str) -> Option<EntityKind> {
    head_kind(lower).or_else(|| {
        TAIL_PREFIXES
            .iter()
            .filter_map(|p| lower.strip_prefix(p))
            .find_map(head_kind)
    })
}

fn head_kind(lower: &str) -> Option<EntityKind> {
    TAIL_NOUNS.iter().find_map(|(stem, kind)| {
        lower
            .strip_prefix(stem)
            .filter(|rest| rest.chars().count() <= TAIL_MAX_ENDING)
            .map(|_| *kind)
    })
}

/// The kind a phrase's words and the word before it suggest.
pub(crate) fn kind_of(phrase: &[&str], titled: bool, before: Option<&str>) -> EntityKind {
    if phrase
        .iter()
        .any(|w| ORGANIZATION_WORDS.contains(&w.to_lowercase().as_str()))
    {
        EntityKind::Organization
    } else if titled {
        EntityKind::Person
    } else if before.is_some_and(|b| PLACE_BEFORE.contains(&b)) {
        EntityKind::Place
    } else if phrase.len() >= 2 {
        // Two or more capitalised words that are not an organisation: mostly a
        // person's first and last name.
        EntityKind::Person
    } else {
        EntityKind::Other
    }
}

/// Counts of the kinds one name's mentions suggest; a specific kind beats `Other`.
/// One rule for an article's names and a story's.
#[derive(Debug, Default, Clone)]
pub struct KindVotes(HashMap<EntityKind, u32>);

impl KindVotes {
    /// `mentions` more mentions suggesting `kind`.
    pub fn add(&mut self, kind: EntityKind, mentions: u32) {
        *self.0.entry(kind).or_default() += mentions;
    }

    pub fn merge(&mut self, other: &KindVotes) {
        for (kind, n) in &other.0 {
            *self.0.entry(*kind).or_default() += n;
        }
    }

    /// The kind most mentions suggest (ties: person, organisation, place).
    pub fn winner(&self) -> EntityKind {
        let order = |k: &EntityKind| match k {
            EntityKind::Person => 3,
            EntityKind::Organization => 2,
            EntityKind::Place => 1,
            EntityKind::Other => 0,
        };
        self.0
            .iter()
            .filter(|(k, _)| **k != EntityKind::Other)
            .max_by_key(|(k, n)| (**n, order(k)))
            .map_or(EntityKind::Other, |(k, _)| *k)
    }
}
