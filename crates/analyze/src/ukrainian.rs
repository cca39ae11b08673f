//! A light Ukrainian stemmer (Snowball has none): the reflexive particle, then the
//! longest inflectional ending among nouns, adjectives and verbs is removed, keeping a
//! stem of at least three letters. Light on purpose: it conflates the case and number
//! forms of a word (переговори, переговорів, переговорах), not derivations. The dative
//! `-ові` is left out: as an ending it would cut adjective plurals (готові → гот).

/// Inflectional endings; the longest one that leaves a long enough stem is removed.
#[rustfmt::skip]
const ENDINGS: &[&str] = &[
    // four letters
    "ього", "ьому",
    // three letters
    "ого", "ому", "ими", "ами", "ями", "ємо", "имо", "ете", "ите", "ють", "ать", "ять", "ить",
    "уть", "ала", "ало", "али", "ила", "ило", "или", "ьої",
    // two letters
    "ах", "ях", "ів", "їв", "ей", "ом", "ем", "ям", "ою", "ею", "єю", "ий", "ій", "ої", "их",
    "іх", "ім", "им", "ти", "ть", "ла", "ло", "ли", "ав", "ив", "яя", "ая", "ее",
    // one letter
    "а", "я", "у", "ю", "е", "о", "и", "і", "ї", "є", "ь", "в",
];

const MIN_STEM: usize = 3;

pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    for reflexive in ["ся", "сь"] {
        let r: Vec<char> = reflexive.chars().collect();
        if w.len() > r.len() + MIN_STEM && w.ends_with(&r) {
            w.truncate(w.len() - r.len());
            break;
        }
    }
    let mut best = 0;
    for ending in ENDINGS {
        let e: Vec<char> = ending.chars().collect();
        if e.len() > best && w.len() >= e.len() + MIN_STEM && w.ends_with(&e) {
            best = e.len();
        }
    }
    w.truncate(w.len() - best);
    w.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let first = stem(words[0]);
        for w in words {
            assert_eq!(stem(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn case_and_number_forms_meet() {
        same(&["переговори", "переговорів", "переговорах", "переговорами"]);
        same(&["президент", "президента", "президентом", "президенту"]);
        same(&["зустрілися", "зустрілись", "зустріли"]);
        same(&["заявив", "заявила", "заявили"]);
        same(&["готовий", "готового", "готовому", "готові"]);
        same(&["місто", "міста", "місту"]);
    }

    #[test]
    fn different_words_stay_apart_and_short_words_stay_whole() {
        assert_ne!(stem("переговори"), stem("перемога"));
        assert_eq!(stem("він"), "він");
        assert_eq!(stem("мир"), "мир");
    }
}
