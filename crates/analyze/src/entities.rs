//! Named-entity candidates from capitalisation, for scripts that have letter case.
//! A capitalised word counts when it is not a stop word, never appears in lower case
//! in the same article (that makes it a common noun: "President" vs "president"), and
//! is either inside a sentence or confirmed elsewhere in the article (so "Following"
//! opening a sentence is not a name, but "Tokayev" opening one is).

use std::collections::{HashMap, HashSet};

use crate::names::name_key;
use crate::tokens::Word;
use storyline_extract::textdates::ENGLISH_WEEKDAYS;

/// A name as written, with its per-token cross-script keys and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub text: String,
    pub keys: Vec<String>,
    pub count: u32,
}

pub(crate) fn extract_entities(words: &[Word], is_stopword: &dyn Fn(&str) -> bool) -> Vec<Entity> {
    let mut lower_seen: HashSet<String> = HashSet::new();
    let mut confirmed: HashSet<String> = HashSet::new();
    for w in words {
        let lower = w.text.to_lowercase();
        if !is_capitalised(w.text) {
            lower_seen.insert(lower);
        } else if !w.sentence_start {
            confirmed.insert(lower);
        }
    }
    let qualifies = |w: &Word, next_is_name: bool| {
        let lower = w.text.to_lowercase();
        is_capitalised(w.text)
            && !w.text.chars().any(|c| c.is_ascii_digit())
            && !is_stopword(&lower)
            && !is_calendar_word(&lower)
            && !lower_seen.contains(&lower)
            && (!w.sentence_start || confirmed.contains(&lower) || next_is_name)
    };
    let mut counts: HashMap<String, (Vec<String>, u32)> = HashMap::new();
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
        let phrase: Vec<&str> = words[i..j]
            .iter()
            .map(|w| strip_possessive(w.text))
            .collect();
        let keys: Vec<String> = phrase.iter().filter_map(|w| name_key(w)).collect();
        if !keys.is_empty() {
            let entry = counts.entry(phrase.join(" ")).or_insert((keys, 0));
            entry.1 += 1;
        }
        i = j;
    }
    let mut entities: Vec<Entity> = counts
        .into_iter()
        .map(|(text, (keys, count))| Entity { text, keys, count })
        .collect();
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    entities
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
}
