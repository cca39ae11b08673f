//! Ages the text gives its people ("Klitschko, 36,", "the 36-year-old Klitschko",
//! "Віталій Кличко (36)"): a person's age is the same in every report of one event and differs
//! between events years apart, so two reports giving one name different ages are
//! about different times, however alike their words are.

use std::sync::LazyLock;

use regex::Regex;

use crate::entities::is_calendar_word;
use crate::names::name_key;

/// A name, then its age between commas, `Vinar, 43,`, `Dupont, 36 ans,`, or in
/// brackets after a full name, `Anna Müller (36)`: a single capitalised word before
/// a bracketed number is as often a count (`Republicans (51)`, `CDU (28)` seats),
/// and so is one after a capitalised article (`The Republicans (51)`; see
/// `read_ages`).
static NAME_THEN_AGE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?P<name>\p{Lu}[\p{L}'’\-]+),\s(?:de\s|aged\s)?(?P<age>\d{1,3})(?:\s(?:ans|años|anni|anos|Jahre|lat|років|роки|рік|лет|года|год))?,|(?P<given>\p{Lu}[\p{L}'’\-]+)\s(?P<surname>\p{Lu}[\p{L}'’\-]+)\s\((?P<bracketed>\d{1,3})\)",
    )
});

/// An age as an adjective, then (after at most three lower-case words) the name:
/// `the 36-year-old champion Klitschko`, `der 36-jährige Klitschko`, `36-річний Кличко`.
static AGE_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?P<age>\d{1,3})[-\s](?:year-old|jährige[nmrs]?|річн\p{L}*|летн\p{L}*|letni\p{L}*|aastane)\s(?:\p{Ll}[\p{L}\-]*\s){0,3}(?:\p{Lu}[\p{L}'’\-]+\s)*(?P<name>\p{Lu}[\p{L}'’\-]+)",
    )
});

fn compile(pattern: &str) -> Regex {
    // The patterns are constants; a test compiles them.
    Regex::new(pattern).unwrap_or_else(|e| panic!("age pattern {pattern}: {e}"))
}

/// The oldest age a report gives a living person with any plausibility.
const MAX_AGE: u32 = 110;

/// (name key, age) pairs the texts (a headline, a body) state, each once, in order of
/// first mention. `is_stopword` (lower-case words of the text's language) keeps
/// function words from being taken for names.
pub fn stated_ages<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    is_stopword: &dyn Fn(&str) -> bool,
) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for text in texts {
        read_ages(text, is_stopword, &mut out);
    }
    out
}

/// Adds the (name key, age) pairs `text` states that `out` does not hold yet.
fn read_ages(text: &str, is_stopword: &dyn Fn(&str) -> bool, out: &mut Vec<(String, u32)>) {
    // Most texts state no age: a byte scan for what each pattern needs decides
    // whether its (slower, Unicode-class) regex runs at all.
    let patterns = [
        (&*NAME_THEN_AGE, may_have_name_then_age(text)),
        (&*AGE_THEN_NAME, may_have_age_then_name(text)),
    ];
    let function_word = |w: &str| {
        let lower = w.to_lowercase();
        is_calendar_word(&lower) || is_stopword(&lower)
    };
    for pattern in patterns.into_iter().filter(|(_, may)| *may).map(|(p, _)| p) {
        for m in pattern.captures_iter(text) {
            let age = m.name("age").or_else(|| m.name("bracketed"));
            let name = m.name("name").or_else(|| m.name("surname"));
            let (Some(name), Some(age)) = (name, age) else {
                continue;
            };
            let Ok(age) = age.as_str().parse::<u32>() else {
                continue;
            };
            if !(1..=MAX_AGE).contains(&age) {
                continue;
            }
            let given = m.name("given").map(|g| g.as_str());
            if function_word(name.as_str()) || given.is_some_and(function_word) {
                continue;
            }
            if let Some(key) = name_key(name.as_str()) {
                if !out.iter().any(|(k, a)| *k == key && *a == age) {
                    out.push((key, age));
                }
            }
        }
    }
}

/// `, 4`, `, de 4`, `, aged 4` or ` (4`.
fn may_have_name_then_age(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3).any(|w| {
        matches!(w, [b',', b' ', c] if c.is_ascii_digit() || *c == b'd' || *c == b'a')
            || matches!(w, [b' ', b'(', c] if c.is_ascii_digit())
    })
}

/// A digit followed by `-` or a space and then a letter.
fn may_have_age_then_name(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3).any(|w| {
        w[0].is_ascii_digit()
            && (w[1] == b'-' || w[1] == b' ')
            && !w[2].is_ascii_digit()
            && w[2] != b' '
    })
}

/// Two sets of stated ages disagree when a name both give has ages at least two
/// years apart whichever pair is taken (a birthday during the coverage, or one
/// outlet's slip, is one year).
pub fn ages_disagree(a: &[(String, u32)], b: &[(String, u32)]) -> bool {
    a.iter().any(|(name, _)| {
        let mine = a.iter().filter(|(k, _)| k == name).map(|(_, v)| *v);
        let theirs: Vec<u32> = b
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| *v)
            .collect();
        !theirs.is_empty()
            && mine
                .flat_map(|x| theirs.iter().map(move |y| x.abs_diff(*y)))
                .min()
                .is_some_and(|gap| gap >= 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages_of(text: &str) -> Vec<(String, u32)> {
        let articles = ["the", "die", "der", "la", "le"];
        stated_ages([text], &|w| articles.contains(&w))
    }

    fn key(name: &str) -> String {
        name_key(name).unwrap()
    }

    #[test]
    fn ages_are_read_in_the_usual_forms_of_several_languages() {
        let cases = [
            (
                "Harbour master Ilse Brandvold, 52, said the crane fell.",
                "Brandvold",
                52,
            ),
            (
                "The 36-year-old champion Marek Tallin retained his belts.",
                "Tallin",
                36,
            ),
            (
                "Der 41-jährige Trainer Oskarsson trat zurück.",
                "Oskarsson",
                41,
            ),
            (
                "Капітан Остап Гнатюк (47) розповів про аварію.",
                "Гнатюк",
                47,
            ),
            ("37-річний Гнатюк повернувся до порту.", "Гнатюк", 37),
            (
                "La navigatrice Léa Morvan, 29 ans, a rejoint le port.",
                "Morvan",
                29,
            ),
        ];
        for (text, name, age) in cases {
            assert_eq!(ages_of(text), vec![(key(name), age)], "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_ages_are_left_alone() {
        for text in [
            "Tallin won 58-3, with 51 knockouts, in Bern.",
            "On March 3, 2026, the ferry Aldora left Kessel, 312 people on board.",
            "The 1500-year-old church in Varnby burned.",
            "In Room 101, 12 delegates met.",
            "The Republicans (51) kept the Senate, the CDU (28) lost seats in Kessel (12).",
        ] {
            let found = ages_of(text);
            assert!(
                found.iter().all(|(_, age)| *age <= MAX_AGE),
                "{text}: {found:?}"
            );
            assert!(
                !found.iter().any(|(k, _)| *k == key("March")),
                "{text}: {found:?}"
            );
        }
        assert!(ages_of("The 1500-year-old church in Varnby burned.").is_empty());
        assert!(
            ages_of("The Republicans (51) kept the Senate, the CDU (28) lost seats.").is_empty()
        );
        assert!(ages_of("The 1050-year-old castle of Trask stands.").is_empty());
    }

    #[test]
    fn one_name_two_years_apart_disagrees_and_one_year_does_not() {
        let a = ages_of("Champion Marek Tallin, 32, stopped Ruiz in Mannheim.");
        let b = ages_of("The 36-year-old Tallin stopped Berger in Bern.");
        let c = ages_of("Tallin, 33, celebrated his birthday in camp.");
        let other = ages_of("Trainer Ruiz, 50, was not surprised.");
        assert!(ages_disagree(&a, &b));
        assert!(ages_disagree(&b, &a));
        assert!(!ages_disagree(&a, &c), "a birthday apart");
        assert!(!ages_disagree(&a, &other), "no name in common");
        assert!(!ages_disagree(&a, &[]));
    }
}
