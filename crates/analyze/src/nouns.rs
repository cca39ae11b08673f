//! Common nouns in languages that capitalise every noun (German, Luxembourgish):
//! there a capital says nothing about a name. A capitalised word is a common noun
//! when the article uses it after a determiner ("der Leiche", "eine Antwort",
//! "seiner Gegner", "die alte Form") anywhere, in any of its inflected forms (by
//! stem), or when it ends in a suffix only nouns take (`-ung`, `-heit`, `-keit`,
//! `-schaft`…). Names of people take no article; a capitalised run after one
//! ("die Deutsche Bank", "der Kaiser Wilhelm") is left alone.

use std::collections::HashSet;

use crate::tokens::Word;

/// Whether `language` writes every noun with a capital.
pub(crate) fn capitalises_nouns(language: &str) -> bool {
    matches!(language, "de" | "lb")
}

/// German determiners, possessives and preposition-article contractions.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "mein", "meine", "meinen", "meinem",
    "meiner", "meines", "dein", "deine", "deinen", "deinem", "deiner", "deines", "sein", "seine",
    "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres",
    "unser", "unsere", "unseren", "unserem", "unserer", "unseres", "euer", "eure", "euren",
    "eurem", "eurer", "eures", "dieser", "diese", "dieses", "diesen", "diesem", "jener", "jene",
    "jenes", "jenen", "jenem", "jeder", "jede", "jedes", "jeden", "jedem", "welcher", "welche",
    "welches", "welchen", "welchem", "am", "im", "zum", "zur", "vom", "beim", "ins", "ans", "aufs",
];

/// Endings only nouns take (the word must be longer than the ending by three).
const NOUN_SUFFIXES: &[&str] = &[
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
    "tät", "täten", "nis", "nisse", "ismus", "chen", "lein",
];

/// The common nouns of one article.
pub(crate) struct CommonNouns {
    stems: HashSet<String>,
}

impl CommonNouns {
    /// The nouns `words` use after a determiner, by `stem`.
    pub(crate) fn of(words: &[Word], stem: &dyn Fn(&str) -> String) -> Self {
        let mut stems = HashSet::new();
        for (k, w) in words.iter().enumerate() {
            if !is_noun_like(w.text) || next_is_capitalised(words, k) {
                continue;
            }
            let lower_at = |i: usize| words[i].text.to_lowercase();
            let determiner = |i: usize| DETERMINERS.contains(&lower_at(i).as_str());
            let lowercase = |i: usize| !words[i].text.chars().any(char::is_uppercase);
            let after_determiner = k >= 1 && determiner(k - 1);
            // "die alte Form": an adjective between.
            let after_adjective = k >= 2 && lowercase(k - 1) && determiner(k - 2);
            // "mit stoischer Ruhe", "mit jugendlichem Feuer": an adjective with
            // a strong ending and no determiner, which a name never takes.
            let after_strong_adjective = k >= 1 && is_strong_adjective(words[k - 1].text);
            if after_determiner || after_adjective || after_strong_adjective {
                stems.insert(stem(&w.text.to_lowercase()));
            }
        }
        Self { stems }
    }

    /// Whether a lower-case word is one of the article's common nouns.
    pub(crate) fn contains(&self, lower: &str, stem: &dyn Fn(&str) -> String) -> bool {
        let chars = lower.chars().count();
        NOUN_SUFFIXES
            .iter()
            .any(|s| lower.ends_with(s) && chars >= s.chars().count() + 3)
            || self.stems.contains(&stem(lower))
    }
}

/// Lower-case words of five letters or more ending in `-er`, `-em` or `-es`
/// that are no adjectives, and may stand before a name ("wieder Bismarck",
/// "unter Wilhelm", "nachdem Goethe").
const NOT_ADJECTIVES: &[&str] = &[
    "über", "unter", "hinter", "wider", "wieder", "immer", "nimmer", "später", "früher", "ferner",
    "außer", "daher", "seither", "bisher", "vorher", "nachher", "hierher", "woher", "weiter",
    "sicher", "lieber", "leider", "minder", "entweder", "weder", "nieder", "alles",
];

/// An attributive adjective with a strong ending (`stoischer`, `jugendlichem`,
/// `reines`): lower case, five letters or more, not one of [`NOT_ADJECTIVES`]
/// nor a conjunction in `-dem` (`nachdem`, `trotzdem`).
fn is_strong_adjective(word: &str) -> bool {
    word.chars().count() >= 5
        && word.chars().all(char::is_lowercase)
        && ["er", "em", "es"].iter().any(|e| word.ends_with(e))
        && !word.ends_with("dem")
        && !NOT_ADJECTIVES.contains(&word)
}

/// A capital and then lower case (not an acronym: `SPD`, `EU`).
fn is_noun_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

fn next_is_capitalised(words: &[Word], k: usize) -> bool {
    words
        .get(k + 1)
        .is_some_and(|n| !n.sentence_start && n.text.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::words;

    fn stem(w: &str) -> String {
        w.trim_end_matches(['n', 's', 'e']).to_string()
    }

    #[test]
    fn nouns_after_determiners_in_any_form_and_by_suffix() {
        let text = "Struensee fand die Leiche am Ufer. Die alte Form blieb. \
                    Mit Recht sprach Struensee von Leichen, und das Recht gab ihm recht. \
                    Die Deutsche Bank schwieg. Er rief mit jugendlichem Feuer und \
                    stoischer Ruhe, wieder Goethe zitierend, nachdem Schiller ging.";
        let w = words(text);
        let nouns = CommonNouns::of(&w, &stem);
        for noun in [
            "leiche", "leichen", "form", "ufer", "recht", "feuer", "ruhe",
        ] {
            assert!(nouns.contains(noun, &stem), "{noun}");
        }
        assert!(nouns.contains("regierung", &stem), "by its suffix");
        for name in ["struensee", "deutsche", "bank", "goethe", "schiller"] {
            assert!(!nouns.contains(name, &stem), "{name}");
        }
    }
}
