//! Names of bodies written two ways: in full and by their initials (`General
//! Motors` / `GM`, `United States Air Force` / `USAF`), and with or without the
//! designator of their company type (`Chrysler LLC`, `Fiat Group SpA`, `Saturn
//! Corporation` are Chrysler, Fiat and Saturn).

use std::collections::HashMap;

/// Words that say what kind of company a name is, after it (lower case).
const DESIGNATORS: &[&str] = &[
    "company",
    "co",
    "corporation",
    "corp",
    "incorporated",
    "inc",
    "llc",
    "plc",
    "ltd",
    "limited",
    "group",
    "spa",
    "s.p.a",
    "ag",
    "gmbh",
    "nv",
    "n.v",
    "sa",
    "s.a",
    "bv",
    "holding",
    "holdings",
];

/// A name's words without the designators after it (`Chrysler LLC` → `Chrysler`),
/// unless nothing else is left.
pub(crate) fn without_designators<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut kept = words.to_vec();
    while kept.len() > 1
        && kept
            .last()
            .is_some_and(|w| DESIGNATORS.contains(&w.to_lowercase().trim_end_matches('.')))
    {
        kept.pop();
    }
    kept
}

/// The initials of a name of two or more capitalised words (`General Motors` →
/// `GM`; lower-case words such as `of`, `and` are skipped), if it has them.
fn initials(words: &[&str]) -> Option<String> {
    let capitalised: Vec<char> = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    (capitalised.len() >= 2).then(|| capitalised.into_iter().collect())
}

/// An acronym as written: two to six capitals.
fn as_acronym(word: &str) -> Option<&str> {
    let n = word.chars().count();
    ((2..=6).contains(&n) && word.chars().all(char::is_uppercase)).then_some(word)
}

/// What a run's names said of acronyms: full names by their initials, and the
/// acronyms met, each with the key it was given.
#[derive(Debug, Default)]
pub(crate) struct Acronyms {
    /// Initials → the keys of the full names that have them, with how often
    /// each was met.
    by_initials: HashMap<String, HashMap<String, u32>>,
    written: Vec<(String, String)>,
}

/// How many times as often the full name an acronym links to must be met as any
/// other with the same initials.
const DOMINANCE: u32 = 2;

impl Acronyms {
    /// Records a name (its words without designators) and the key it got.
    pub(crate) fn record(&mut self, words: &[&str], key: &str) {
        match words {
            [one] => {
                if let Some(acronym) = as_acronym(one) {
                    self.written.push((acronym.to_string(), key.to_string()));
                }
            }
            _ => {
                if let Some(i) = initials(words) {
                    *self
                        .by_initials
                        .entry(i)
                        .or_default()
                        .entry(key.to_string())
                        .or_default() += 1;
                }
            }
        }
    }

    /// Acronym key → the key of the full name the run means by it: the one with
    /// its initials met far more often than any other (`GM`: General Motors, not
    /// a Grand Marquis met once); an acronym two names share as often links to
    /// neither.
    pub(crate) fn links(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .written
            .iter()
            .filter_map(|(acronym, key)| {
                let target = self.meant(self.by_initials.get(acronym)?)?;
                (target != key).then(|| (key.clone(), target.clone()))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn meant<'a>(&self, names: &'a HashMap<String, u32>) -> Option<&'a String> {
        let mut counts: Vec<(&String, u32)> = names.iter().map(|(k, n)| (k, *n)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match counts.as_slice() {
            [(only, _)] => Some(only),
            [(top, n), (_, m), ..] if *n >= DOMINANCE * m => Some(top),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_links_to_the_one_name_with_its_initials() {
        let mut a = Acronyms::default();
        a.record(&["General", "Motors"], "mtrs");
        a.record(&["GM"], "gm");
        a.record(&["United", "States", "Air", "Force"], "frs");
        a.record(&["USAF"], "usf");
        a.record(&["General", "Motors"], "mtrs");
        a.record(&["Grand", "Mills"], "mls");
        a.record(&["Green", "Action"], "ktn");
        a.record(&["Gold", "Alliance"], "lns");
        a.record(&["GA"], "ga");
        let links = a.links();
        assert_eq!(
            links,
            vec![
                ("gm".to_string(), "mtrs".to_string()),
                ("usf".to_string(), "frs".to_string())
            ],
            "GM means the name met twice as often as Grand Mills; GA is ambiguous"
        );
    }

    #[test]
    fn designators_are_not_the_name() {
        assert_eq!(without_designators(&["Chrysler", "LLC"]), vec!["Chrysler"]);
        assert_eq!(without_designators(&["Fiat", "Group", "SpA"]), vec!["Fiat"]);
        assert_eq!(without_designators(&["Group"]), vec!["Group"]);
    }
}
