//! Names of bodies and places that go on in lower case, as Ukrainian and Russian
//! write them: through a generic head noun after the capitalised words ("Київської
//! області", "Вищий господарський суд"), or, when the name opens with its head
//! noun, through the nouns it governs ("Міністерства оборони", "Партії регіонів").

use crate::entities::{is_capitalised, EntityKind};
use crate::kinds::tail_kind;
use crate::tokens::Word;

/// Genitive endings of Ukrainian and Russian nouns and adjectives (a body's name
/// goes on in them: `оборони`, `регіонів`, `внутрішніх справ`), and endings of
/// verbs, which end it (`заявило`, `вирішила`).
const GENITIVE_ENDINGS: &[&str] = &[
    "ів", "їв", "ов", "ев", "их", "іх", "ого", "ої", "ей", "ости", "ості", "ії", "ии", "ні", "ни",
    "ки", "ри", "ди", "ти", "ці", "ту", "ду", "ку", "ну", "ру", "ння", "ття", "ства", "ав",
];
const VERB_ENDINGS: &[&str] = &["ли", "ла", "ло", "ть", "ся", "сь", "є", "ють", "ить", "ать"];

/// Where a name that opens with a capitalised head noun of a body (`Міністерства`,
/// `Партії`) ends when one or two lower-case genitives follow it.
pub(crate) fn governed_after(
    words: &[Word],
    head: usize,
    is_stopword: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let lower = words[head].text.to_lowercase();
    if tail_kind(&lower) != Some(EntityKind::Organization) {
        return None;
    }
    let governed = words
        .iter()
        .skip(head + 1)
        .take(2)
        .take_while(|w| {
            let l = w.text.to_lowercase();
            !w.after_punct
                && !w.sentence_start
                && !is_capitalised(w.text)
                && l.chars().count() >= 4
                && !is_stopword(&l)
                && GENITIVE_ENDINGS.iter().any(|e| l.ends_with(e))
                && !VERB_ENDINGS.iter().any(|e| l.ends_with(e))
        })
        .count();
    (governed > 0).then_some(head + 1 + governed)
}

/// The index of a lower-case head noun at `from`, or after at most two lower-case
/// words (adjectives: "господарський суд"), when a name's capitalised run ends there.
pub(crate) fn tail_noun_after(
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
