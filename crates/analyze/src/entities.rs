//! Named-entity candidates from capitalisation, for scripts that have letter case.
//! A capitalised word counts when it is not a stop word, never appears in lower case
//! in the same article (that makes it a common noun: "President" vs "president"), and
//! is either inside a sentence or confirmed elsewhere in the article (so "Following"
//! opening a sentence is not a name, but "Tokayev" opening one is).

use std::collections::{HashMap, HashSet};

use crate::bodies::{governed_after, tail_noun_after};
pub use crate::kinds::KindVotes;
use crate::kinds::{kind_of, tail_kind};
use crate::names::{name_form, name_key};
use crate::roles::is_title_before;
use crate::tokens::Word;
use storyline_extract::textdates::ENGLISH_WEEKDAYS;

/// A name as written, with its per-token cross-script keys and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub text: String,
    pub keys: Vec<String>,
    pub count: u32,
    #[serde(default)]
    pub kind: EntityKind,
}

impl Entity {
    /// Whether the name is written in a script with letter case (found by its
    /// capitals). Names in scripts without case come from titles beside them; their
    /// keys meet other scripts' only through a run's [`crate::linking`] resolution.
    pub fn has_letter_case(&self) -> bool {
        self.text.chars().any(char::is_uppercase)
    }
}

/// What a name names, as far as its words and context tell.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    #[default]
    Other,
}

/// Names in `words`. `is_stopword` tells the language's common words (an acronym
/// written in capitals is none of them: `US`, `GM`); `never_a_name` words that no
/// spelling makes a name (legal forms such as `ТОВ`, a German text's common nouns).
pub(crate) fn extract_entities(
    words: &[Word],
    is_stopword: &dyn Fn(&str) -> bool,
    never_a_name: &dyn Fn(&str) -> bool,
) -> Vec<Entity> {
    let common = |w: &str| is_stopword(w) || never_a_name(w);
    let case = Casing::of(words, &common, never_a_name);
    // By the phrase as written: (the name without titles, keys, count, kinds).
    let mut counts: HashMap<String, Counted> = HashMap::new();
    for run in name_runs(words, &case) {
        record(&mut counts, words, run, &case);
    }
    one_kind_per_name(counts)
}

/// What the article's letter case says of its words.
struct Casing<'s> {
    /// Words the article also writes in lower case: common words.
    lower_seen: HashSet<String>,
    /// Capitalised inside a sentence, by name key: an inflected form confirms a
    /// sentence-initial one (Києва mid-sentence, Київ opening one).
    confirmed: HashSet<String>,
    /// A stop word, or a word never a name.
    is_common: &'s dyn Fn(&str) -> bool,
    never_a_name: &'s dyn Fn(&str) -> bool,
}

impl<'s> Casing<'s> {
    fn of(
        words: &[Word],
        is_common: &'s dyn Fn(&str) -> bool,
        never_a_name: &'s dyn Fn(&str) -> bool,
    ) -> Self {
        let mut lower_seen = HashSet::new();
        let mut confirmed = HashSet::new();
        for w in words {
            let lower = w.text.to_lowercase();
            if !is_capitalised(w.text) {
                lower_seen.insert(lower);
            } else if !w.sentence_start {
                confirmed.insert(name_key(w.text).unwrap_or(lower));
            }
        }
        Casing {
            lower_seen,
            confirmed,
            is_common,
            never_a_name,
        }
    }

    /// A name by itself: capitalised, no common word, and inside a sentence unless
    /// confirmed elsewhere or followed by a name.
    fn qualifies(&self, w: &Word, next_is_name: bool) -> bool {
        let lower = w.text.to_lowercase();
        if w.initial {
            // An initial belongs to the name after it (`Т. І. Недозим`).
            return next_is_name || !w.sentence_start;
        }
        // An acronym (`GM`, `US`) is no stop word or common noun written small.
        let common = if is_acronym(w.text) {
            (self.never_a_name)(&lower)
        } else {
            (self.is_common)(&lower) || self.lower_seen.contains(&lower)
        };
        let confirmed = || {
            let key = name_key(w.text).unwrap_or_else(|| lower.clone());
            self.confirmed.contains(&key)
        };
        could_be_name(w.text) && !common && (!w.sentence_start || confirmed() || next_is_name)
    }

    /// A word that is a name by itself in any position: no stop word, acronym or
    /// word the article also writes small.
    fn alone(&self, w: &Word) -> bool {
        let lower = w.text.to_lowercase();
        could_be_name(w.text) && !(self.is_common)(&lower) && !self.lower_seen.contains(&lower)
    }

    /// Inside a sentence, a capitalised word joins the name beside it even when it
    /// is also a common word (`General Motors`, `the United States`, `the Air Force`).
    /// A headline's capitals say nothing of its common words.
    fn joins(&self, w: &Word) -> bool {
        could_be_name(w.text)
            && !w.sentence_start
            && !w.after_punct
            && (!w.heading || self.qualifies(w, false))
    }
}

/// A phrase that names something: words `start..end`, and the kind its generic
/// head noun tells (`області`: a place).
struct Run {
    start: usize,
    end: usize,
    tail: Option<EntityKind>,
}

fn name_runs(words: &[Word], case: &Casing) -> Vec<Run> {
    let mut runs = Vec::new();
    let extend = |mut j: usize| {
        while j < words.len() && case.joins(&words[j]) {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < words.len() {
        let next = words.get(i + 1).filter(|n| case.joins(n));
        let next_cap = next.is_some_and(|n| case.qualifies(n, false));
        let mid_sentence =
            could_be_name(words[i].text) && !words[i].sentence_start && !words[i].heading;
        let leads = case.qualifies(&words[i], next_cap) || (mid_sentence && next.is_some());
        if !leads {
            i += 1;
            continue;
        }
        let mut j = extend(i + 1);
        // Slavic names of places and bodies go on in lower case ("Київської
        // області", "Вищий господарський суд України"): through a generic head noun,
        // and the capitalised words after it.
        let mut tail = None;
        if let Some(head) = tail_noun_after(words, j, case.is_common) {
            tail = tail_kind(&words[head].text.to_lowercase());
            j = extend(head + 1);
        } else if j == i + 1 {
            // A body's name that opens with its head noun goes on through the
            // nouns it governs ("Міністерства оборони", "Партії регіонів").
            if let Some(end) = governed_after(words, i, case.is_common) {
                tail = Some(EntityKind::Organization);
                j = extend(end);
            }
        }
        // A short function word opens a name only before a word that is a name by
        // itself (`The Hague`, `New York`); else it is the phrase's article (`The
        // New York Times` is `New York Times`).
        while j - i >= 2
            && words[i].text.chars().count() <= 3
            && (case.is_common)(&words[i].text.to_lowercase())
            && !case.qualifies(&words[i + 1], false)
        {
            i += 1;
        }
        // Initials with no name after them are none.
        if !words[j - 1].initial {
            runs.push(Run {
                start: i,
                end: j,
                tail,
            });
        }
        i = j;
    }
    runs
}

/// A phrase's name without titles, keys, count and kind votes.
type Counted = (String, Vec<String>, u32, KindVotes);

fn record(counts: &mut HashMap<String, Counted>, words: &[Word], run: Run, case: &Casing) {
    let span = &words[run.start..run.end];
    let hyphens: Vec<bool> = span.iter().map(|w| w.hyphenated).collect();
    // As written: possessives off, an initial with its stop (`О.`).
    let owned: Vec<String> = span
        .iter()
        .map(|w| match strip_possessive(w.text) {
            t if w.initial => format!("{t}."),
            t => t.to_string(),
        })
        .collect();
    let written: Vec<&str> = owned.iter().map(String::as_str).collect();
    // A title is not part of the name ("Minister Bolzano" → "Bolzano"), but says
    // whose name it is; so does one right before the phrase ("the minister Bolzano").
    // Its key stays among the name's keys: the clusterer reads "President X" in
    // one language and "Президент X" in another as sharing a word.
    let before = run
        .start
        .checked_sub(1)
        .map(|b| words[b].text.to_lowercase());
    let mut titles = written
        .iter()
        .take(written.len() - 1)
        .take_while(|w| is_title_before(&w.to_lowercase()))
        .count();
    // A title word opening an organisation's name is part of it (`General Motors`).
    if kind_of(&written[titles..], false, None) == EntityKind::Organization {
        titles = 0;
    }
    let titled = titles > 0 || before.as_deref().is_some_and(is_title_before);
    let name = &written[titles..];
    // A phrase that ends in a title names a role, not whom ("President", "Kazakh
    // President"): a speaker so called is the person the article gave that role.
    if name
        .last()
        .is_some_and(|w| is_title_before(&w.to_lowercase()))
    {
        return;
    }
    let kind = run
        .tail
        .unwrap_or_else(|| kind_of(name, titled, before.as_deref()));
    // Keys come from the words that are names by themselves and from titles: a
    // common word or an acronym that joined a name (`Police`, `TV`) would make
    // unrelated stories share it. A name of common words only keys by them all.
    let own = |(w, word): &(&&str, &Word)| case.alone(word) || is_title_before(&w.to_lowercase());
    let mut keys: Vec<String> = written
        .iter()
        .zip(span)
        .filter(own)
        .filter_map(|(w, _)| name_key(w))
        .collect();
    if keys.is_empty() {
        keys = written.iter().filter_map(|w| name_key(w)).collect();
    }
    if !keys.is_empty() {
        let entry = counts.entry(join(&written, &hyphens)).or_insert((
            join(name, &hyphens[titles..]),
            keys,
            0,
            KindVotes::default(),
        ));
        entry.2 += 1;
        entry.3.add(kind, 1);
    }
}

/// One kind per name: the forms of a name (України, Україною, в Україні) vote
/// together, so "президент України" (of Ukraine) does not make a country a person.
/// Forms meet by their last word in Latin letters without its case ending, not by
/// the looser skeleton (Russia and Kievan Rus share the skeleton `rs`).
fn one_kind_per_name(counts: HashMap<String, Counted>) -> Vec<Entity> {
    let last_form = |text: &str| text.split_whitespace().last().map(name_form);
    let mut by_name: HashMap<String, KindVotes> = HashMap::new();
    for (text, _, _, votes) in counts.values() {
        if let Some(last) = last_form(text) {
            by_name.entry(last).or_default().merge(votes);
        }
    }
    let mut entities: Vec<Entity> = counts
        .into_values()
        .map(|(text, keys, count, votes)| {
            let kind = last_form(&text)
                .and_then(|k| by_name.get(&k))
                .map_or_else(|| votes.winner(), KindVotes::winner);
            Entity {
                text,
                keys,
                count,
                kind,
            }
        })
        .collect();
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    entities
}

/// A name's words as written: a space between them, or the hyphen that joined
/// them (`Івано-Франківськ`, `Барлінек-Інвест`).
fn join(words: &[&str], hyphenated: &[bool]) -> String {
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(if hyphenated[k] { '-' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

/// Adds the names that titles mark in scripts without letter case (cased scripts
/// found theirs by capitals); such a name is a person's.
pub(crate) fn add_titled(entities: &mut Vec<Entity>, titled: Vec<crate::roles::TitledName>) {
    let found_by_case = entities.len();
    for name in titled {
        if let Some(at) = entities.iter().position(|e| e.text == name.text) {
            let e = &mut entities[at];
            e.kind = EntityKind::Person;
            if at >= found_by_case {
                // A second titled mention of a name this pass added.
                e.count += 1;
            }
            continue;
        }
        let keys: Vec<String> = name.text.split_whitespace().filter_map(name_key).collect();
        if keys.is_empty() {
            continue;
        }
        let count = 1;
        entities.push(Entity {
            text: name.text,
            keys,
            count,
            kind: EntityKind::Person,
        });
    }
}

/// Weekdays and months in the languages that capitalise them (English weekdays come
/// from `textdates`; English, German, Dutch months), and German compounds of them
/// (`Montagmorgen`): dates, not names, and shared by every report of every event in
/// the same week.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

pub(crate) fn is_calendar_word(lower: &str) -> bool {
    ENGLISH_WEEKDAYS.iter().chain(CALENDAR).any(|day| {
        lower == *day
            // German compounds: Montagmorgen, Mittwochabend, Freitagnacht.
            || (day.len() >= 6 && lower.starts_with(day) && lower.len() <= day.len() + 6)
    })
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Capitalised, no weekday, month or Roman numeral, and digits only in a model name (`A380`,
/// `A400M`), not in a number.
fn could_be_name(word: &str) -> bool {
    is_capitalised(word)
        && !is_roman_numeral(word)
        && !is_calendar_word(&word.to_lowercase())
        && (!word.chars().any(|c| c.is_ascii_digit()) || word.chars().count() >= 3)
}

/// Two or more letters, all capitals (`GM`, `NATO`, `ЗМІ`), digits allowed.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A Roman numeral as centuries and sessions are numbered (`XX`, `XIV`, `III`).
fn is_roman_numeral(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::words;

    fn names(text: &str) -> Vec<String> {
        let stop = |w: &str| matches!(w, "the" | "however" | "on" | "he");
        let mut v: Vec<String> = extract_entities(&words(text), &stop, &|_| false)
            .into_iter()
            .map(|e| e.text)
            .collect();
        v.sort();
        v
    }

    #[test]
    fn names_not_common_nouns_or_sentence_openers() {
        let text = "Following the vote, President Ana Lima spoke in Porto. The president said Porto is ready. However, Lima left.";
        assert_eq!(names(text), vec!["Ana Lima", "Lima", "Porto"]);
    }

    #[test]
    fn weekdays_and_months_are_dates_not_names() {
        let text = "On Monday, Mayor Ana Lima met the council. In March the council voted. \
                    Am Montagmorgen sprach Lima in Porto.";
        let found = names(text);
        assert!(found.iter().any(|n| n.ends_with("Ana Lima")), "{found:?}");
        for date in ["Monday", "March", "Montagmorgen"] {
            assert!(
                !found.iter().any(|n| n.contains(date)),
                "{date} in {found:?}"
            );
        }
    }

    #[test]
    fn cyrillic_names() {
        let text =
            "Про це заявив президент Касим-Жомарт Токаєв. Токаєв сказав, що Казахстан готовий.";
        let found = names(text);
        assert!(found.contains(&"Токаєв".to_string()), "{found:?}");
        assert!(found.contains(&"Казахстан".to_string()), "{found:?}");
    }

    #[test]
    fn the_forms_of_a_name_share_one_kind() {
        let text =
            "Президент України виступив. Делегація прибула в Україну. У Києві та в Україні тихо.";
        let found = extract_entities(
            &words(text),
            &|w: &str| matches!(w, "у" | "в" | "та"),
            &|_| false,
        );
        let ukraine: Vec<&Entity> = found
            .iter()
            .filter(|e| e.keys.last().map(String::as_str) == Some("ukrn"))
            .collect();
        assert!(ukraine.len() >= 2, "{found:?}");
        assert!(
            ukraine.iter().all(|e| e.kind == EntityKind::Place),
            "{found:?}"
        );
    }

    #[test]
    fn headings_are_not_names() {
        let text = "Ferry Strike Ends After Long Talks\nThe strike ended on Monday. \
                    Officials of the Air Force said the United States would help. \
                    The air was cold and the force was small; the states agreed.";
        let found = names(text);
        for heading_word in [
            "Ferry Strike Ends After Long Talks",
            "Ferry",
            "Strike",
            "Talks",
        ] {
            assert!(
                !found.contains(&heading_word.to_string()),
                "{heading_word}: {found:?}"
            );
        }
    }

    #[test]
    fn a_name_runs_through_capitalised_common_words_but_not_punctuation() {
        let text = "He read The New York Times. Officials of General Motors (GM) and the \
                    Air Force met Ana Lima, GM's adviser. The general staff said the air \
                    was cold, the force small and the new plan late.";
        let stop = |w: &str| matches!(w, "the" | "of" | "and" | "he" | "new" | "general");
        let mut found: Vec<String> = extract_entities(&words(text), &stop, &|_| false)
            .into_iter()
            .map(|e| e.text)
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                "Air Force",
                "Ana Lima",
                "GM",
                "General Motors",
                "New York Times"
            ]
        );
    }

    #[test]
    fn legal_forms_and_roman_numerals_are_no_names_though_written_in_capitals() {
        let text = "Договір підписало ТОВ «Зоря» у XX столітті, а ЗМІ повідомили про НАТО.";
        let found = extract_entities(&words(text), &|w: &str| w == "у", &|w: &str| w == "тов");
        let found: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert!(found.contains(&"НАТО"), "{found:?}");
        for no in ["ТОВ", "XX"] {
            assert!(!found.contains(&no), "{no}: {found:?}");
        }
    }

    #[test]
    fn a_body_s_name_goes_on_through_its_genitives_and_compound_heads() {
        let text = "Депутати підтримали позицію Міністерства оборони та Партії регіонів. \
                    Суд скасував рішення Київської облради. Міністерство заявило про це.";
        let found = names(text);
        for name in [
            "Міністерства оборони",
            "Партії регіонів",
            "Київської облради",
        ] {
            assert!(found.contains(&name.to_string()), "{name}: {found:?}");
        }
        assert!(
            !found.iter().any(|n| n.contains("заявило")),
            "a verb ends a name: {found:?}"
        );
    }

    #[test]
    fn a_role_is_no_name() {
        let text = "The Kazakh President spoke first. Later, President Ana Lima replied.";
        let found = names(text);
        assert_eq!(found, vec!["Ana Lima"]);
    }

    #[test]
    fn slavic_names_go_on_through_a_head_noun() {
        let text =
            "Рішення ухвалив Вищий господарський суд України. Дощі пройшли в Київській області.";
        let found = names(text);
        assert!(
            found.contains(&"Вищий господарський суд України".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"Київській області".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_that_shares_a_skeleton_keeps_its_own_kind() {
        let text = "The delegation flew to Russia on Monday. Historians of the Kievan Rus met.";
        let found = extract_entities(
            &words(text),
            &|w: &str| matches!(w, "the" | "to" | "on" | "of"),
            &|_| false,
        );
        let kind = |name: &str| found.iter().find(|e| e.text == name).map(|e| e.kind);
        assert_eq!(kind("Russia"), Some(EntityKind::Place), "{found:?}");
        assert_ne!(kind("Kievan Rus"), Some(EntityKind::Place), "{found:?}");
    }
}
