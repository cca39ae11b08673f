//! Named-entity candidates from capitalisation, for scripts that have letter case.
//! A capitalised word counts when it is not a stop word, never appears in lower case
//! in the same article (that makes it a common noun: "President" vs "president"), and
//! is either inside a sentence or confirmed elsewhere in the article (so "Following"
//! opening a sentence is not a name, but "Tokayev" opening one is).

use std::collections::{HashMap, HashSet};

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
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    #[default]
    Other,
}

pub(crate) fn extract_entities(words: &[Word], is_stopword: &dyn Fn(&str) -> bool) -> Vec<Entity> {
    let mut lower_seen: HashSet<String> = HashSet::new();
    // Capitalised inside a sentence, by name key: an inflected form confirms a
    // sentence-initial one (Києва mid-sentence, Київ opening one).
    let mut confirmed: HashSet<String> = HashSet::new();
    for w in words {
        let lower = w.text.to_lowercase();
        if !is_capitalised(w.text) {
            lower_seen.insert(lower);
        } else if !w.sentence_start {
            confirmed.insert(name_key(w.text).unwrap_or(lower));
        }
    }
    let is_confirmed =
        |w: &str| confirmed.contains(&name_key(w).unwrap_or_else(|| w.to_lowercase()));
    let qualifies = |w: &Word, next_is_name: bool| {
        let lower = w.text.to_lowercase();
        if w.initial {
            // An initial belongs to the name after it (`Т. І. Недозим`).
            return next_is_name || !w.sentence_start;
        }
        is_capitalised(w.text)
            && !w.text.chars().any(|c| c.is_ascii_digit())
            && !is_stopword(&lower)
            && !is_calendar_word(&lower)
            && !lower_seen.contains(&lower)
            && (!w.sentence_start || is_confirmed(w.text) || next_is_name)
    };
    // By the phrase as written: (the name without titles, keys, count, kinds).
    let mut counts: HashMap<String, (String, Vec<String>, u32, KindVotes)> = HashMap::new();
    let mut i = 0;
    while i < words.len() {
        let next_cap = words
            .get(i + 1)
            .is_some_and(|n| !n.sentence_start && qualifies(n, false));
        if !qualifies(&words[i], next_cap) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && !words[j].sentence_start && qualifies(&words[j], false) {
            j += 1;
        }
        // Slavic names of places and bodies go on in lower case ("Київської
        // області", "Вищий господарський суд України"): through a generic head noun,
        // and the capitalised words after it.
        let mut tail = None;
        if let Some(head) = tail_noun_after(words, j, is_stopword) {
            tail = tail_kind(&words[head].text.to_lowercase());
            j = head + 1;
            while j < words.len() && !words[j].sentence_start && qualifies(&words[j], false) {
                j += 1;
            }
        }
        let run = &words[i..j];
        if run.last().is_some_and(|w| w.initial) {
            // Initials with no name after them are none.
            i = j;
            continue;
        }
        let hyphens: Vec<bool> = run.iter().map(|w| w.hyphenated).collect();
        // As written: possessives off, an initial with its stop (`О.`).
        let owned: Vec<String> = run
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
        let before = i.checked_sub(1).map(|b| words[b].text.to_lowercase());
        let titles = written
            .iter()
            .take(written.len() - 1)
            .take_while(|w| is_title_before(&w.to_lowercase()))
            .count();
        let titled = titles > 0 || before.as_deref().is_some_and(is_title_before);
        let name = &written[titles..];
        let kind = tail.unwrap_or_else(|| kind_of(name, titled, before.as_deref()));
        let keys: Vec<String> = written.iter().filter_map(|w| name_key(w)).collect();
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
        i = j;
    }
    // One kind per name: the forms of a name (України, Україною, в Україні) vote
    // together, so "президент України" (of Ukraine) does not make a country a person.
    // Forms meet by their last word in Latin letters without its case ending, not
    // by the looser skeleton (Russia and Kievan Rus share the skeleton `rs`).
    let last_form = |text: &str| text.split_whitespace().last().map(name_form);
    let mut by_name: HashMap<String, KindVotes> = HashMap::new();
    for (text, _, _, votes) in counts.values() {
        if let Some(last) = last_form(text) {
            by_name.entry(last).or_default().merge(votes);
        }
    }
    let mut entities: Vec<Entity> = counts
        .into_iter()
        .map(|(_, (text, keys, count, votes))| {
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

/// The index of a lower-case head noun at `from`, or after at most two lower-case
/// words (adjectives: "господарський суд"), when a name's capitalised run ends there.
fn tail_noun_after(
    words: &[Word],
    from: usize,
    is_stopword: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    for (at, w) in words.iter().enumerate().skip(from).take(3) {
        let lower = w.text.to_lowercase();
        if w.sentence_start || is_capitalised(w.text) || is_stopword(&lower) {
            return None;
        }
        if tail_kind(&lower).is_some() {
            return Some(at);
        }
    }
    None
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

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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
        let mut v: Vec<String> = extract_entities(&words(text), &stop)
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
        let found = extract_entities(&words(text), &|w: &str| matches!(w, "у" | "в" | "та"));
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
        let found = extract_entities(&words(text), &|w: &str| {
            matches!(w, "the" | "to" | "on" | "of")
        });
        let kind = |name: &str| found.iter().find(|e| e.text == name).map(|e| e.kind);
        assert_eq!(kind("Russia"), Some(EntityKind::Place), "{found:?}");
        assert_ne!(kind("Kievan Rus"), Some(EntityKind::Place), "{found:?}");
    }
}
