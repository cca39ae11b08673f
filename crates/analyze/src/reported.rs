//! Reported (indirect) speech: "X said that …", "…, X said.", "according to X, …",
//! `erklärte, dass`, `a déclaré que`, `dijo que`, `заявив, що`, `заявил, что`,
//! `powiedział, że`, `за словами X`. The content is the clause the cue introduces;
//! the speaker is the name in the subject beside the cue, a pronoun there is
//! resolved to the person named last before it, and a subject without a name
//! ("officials", "the agency") is given as written.

use std::ops::Range;

use crate::entities::{Entity, EntityKind};
use crate::quotes::{Context, Quote, QuoteKind};
use crate::sentence::sentences;
use crate::speech::{find_cue, first_cue, is_pronoun, nouns, verbs, ACCORDING, COMPLEMENTIZERS};

const MIN_WORDS: usize = 4;
/// Longest subject read as the speaker when it holds no name.
const MAX_SUBJECT_WORDS: usize = 6;

/// Reported speech in `text`, sentence by sentence, each with its sentence's
/// byte range; `taken` says whether a sentence (by its byte range) is no
/// reported speech of its own.
pub(crate) fn reported_speech(
    text: &str,
    cx: &Context,
    taken: &dyn Fn(usize, usize) -> bool,
) -> Vec<(Range<usize>, Quote)> {
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        let range = start..start + sentence.len();
        if taken(range.start, range.end) {
            continue;
        }
        let before_text = &text[..start];
        if let Some(r) = in_sentence(sentence, before_text, cx) {
            out.push((range, r));
        }
    }
    out
}

fn in_sentence(sentence: &str, before: &str, cx: &Context) -> Option<Quote> {
    let lower = sentence.to_lowercase();
    // Lower-casing keeps byte offsets only where it keeps lengths; skip otherwise.
    if lower.len() != sentence.len() {
        return None;
    }
    for cue in ACCORDING {
        if let Some(at) = find_cue(&lower, cue) {
            return according(sentence, at, cue.len(), before, cx);
        }
    }
    let Some((at, verb)) = first_cue(&lower, verbs().iter().map(String::as_str)) else {
        return noun_of_saying(sentence, &lower, before, cx)
            .or_else(|| in_subjunctive(sentence, before, cx));
    };
    let subject = &sentence[..at];
    let rest = &sentence[at + verb.len()..];
    // "…, X said." — the content comes first.
    if let Some(comma) = subject.rfind(',') {
        let head = &subject[..comma];
        let tail = subject[comma + 1..].trim();
        if words(tail) <= MAX_SUBJECT_WORDS && words(head) >= MIN_WORDS && rest_is_end(rest) {
            return Some(indirect(
                head,
                speaker_of(tail, before, cx).or_else(|| {
                    // "…, said X."
                    speaker_of(rest.trim_end_matches(['.', '!', '?']), before, cx)
                }),
            ));
        }
    }
    // "X said (that) …". A long subject is a speaker only when it names one
    // ("Donna Rawlings, 59, of Ashton, who watched …, said").
    let content = skip_complementizer(rest.trim_start_matches([',', ':', ' ']));
    let names_one = cx.entities.iter().any(|e| contains_word(subject, &e.text));
    if words(content) < MIN_WORDS || (words(subject) > MAX_SUBJECT_WORDS * 2 && !names_one) {
        return None;
    }
    Some(indirect(content, speaker_of(subject, before, cx)))
}

fn indirect(text: &str, speaker: impl Into<Option<String>>) -> Quote {
    Quote {
        text: clean(text),
        speaker: speaker.into(),
        kind: QuoteKind::Indirect,
    }
}

/// "according to X, C" or "C, according to X."
fn according(sentence: &str, at: usize, len: usize, before: &str, cx: &Context) -> Option<Quote> {
    let after = &sentence[at + len..];
    let (source, content) = match after.find(',') {
        Some(comma) if at < 3 || sentence[..at].trim().is_empty() => {
            (&after[..comma], &after[comma + 1..])
        }
        _ => (after, sentence[..at].trim_end_matches([',', ' '])),
    };
    if words(content) < MIN_WORDS {
        return None;
    }
    let source = source.trim().trim_end_matches(['.', '!', '?']);
    Some(indirect(content, speaker_of(source, before, cx)))
}

/// The speaker in a subject: a name in it (the longest), a pronoun resolved to the
/// person named last before, or the subject itself when it is a short phrase that
/// ends in a word of substance ("harbour officials", not "He also" or "Про це").
pub(crate) fn speaker_of(subject: &str, before: &str, cx: &Context) -> Option<String> {
    let named = cx
        .entities
        .iter()
        .filter(|e| contains_word(subject, &e.text))
        .max_by_key(|e| e.text.len());
    if let Some(e) = named {
        return Some(e.text.clone());
    }
    let mut words: Vec<&str> = subject
        .split(|c: char| c.is_whitespace() || "—–-".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let stop = |w: &str| (cx.is_stopword)(&w.to_lowercase());
    let pronoun = |w: &str| is_pronoun(cx.language, &w.to_lowercase());
    // Auxiliaries and adverbs after the subject ("Lawmakers have not", "He also").
    while words.last().is_some_and(|w| stop(w) && !pronoun(w)) {
        words.pop();
    }
    let last = words.last()?;
    if pronoun(last) {
        return last_person(before, cx.entities);
    }
    // Leading function words and sentence adverbs are not part of the subject.
    let first_content = words.iter().position(|w| !stop(w))?;
    let fits = words.len() - first_content <= MAX_SUBJECT_WORDS && last.chars().count() > 2;
    fits.then(|| {
        let start = if first_content > 0 && is_article(words[first_content - 1]) {
            first_content - 1
        } else {
            first_content
        };
        words[start..].join(" ")
    })
}

/// Articles kept before a subject noun ("the agency", "der Kapitän").
fn is_article(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "der"
            | "die"
            | "das"
            | "le"
            | "la"
            | "les"
            | "el"
            | "los"
            | "las"
            | "il"
            | "lo"
            | "de"
            | "het"
    )
}

/// The person named last in `before` (the latest mention of any person entity).
pub(crate) fn last_person(before: &str, entities: &[Entity]) -> Option<String> {
    entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person || e.keys.len() >= 2)
        .filter_map(|e| before.rfind(&e.text).map(|at| (at, e)))
        .max_by_key(|(at, e)| (*at, e.text.len()))
        .map(|(_, e)| e.text.clone())
}

/// Words between a speech verb and its complementizer that are still skipped
/// ("said on Tuesday that", "meldete gestern, daß").
const BEFORE_COMPLEMENTIZER: usize = 4;

/// The clause after a speech verb: from its complementizer when one comes within
/// a few words, else all of it.
fn skip_complementizer(s: &str) -> &str {
    complement(s).unwrap_or_else(|| s.trim_start())
}

/// The clause a complementizer opens within the first few words of `s`.
fn complement(s: &str) -> Option<&str> {
    let mut rest = s.trim_start();
    for _ in 0..=BEFORE_COMPLEMENTIZER {
        let word = rest.trim_start_matches([',', ' ']);
        for c in COMPLEMENTIZERS {
            if let Some(after) = strip_word_prefix(word, c) {
                return Some(after.trim_start());
            }
        }
        rest = word.split_once(' ')?.1;
    }
    None
}

/// "… mit der Mitteilung zu Hilfe, daß C": a noun of saying whose complement
/// clause follows within a few words. The speaker is in the words before it.
fn noun_of_saying(sentence: &str, lower: &str, before: &str, cx: &Context) -> Option<Quote> {
    let (at, noun) = first_cue(lower, nouns().iter().map(String::as_str))?;
    let content = complement(&sentence[at + noun.len()..])?;
    if words(content) < MIN_WORDS {
        return None;
    }
    Some(indirect(content, speaker_of(&sentence[..at], before, cx)))
}

/// German reported speech marked by its mood alone ("Er sei bereit, …",
/// "…angegeben: er habe entdeckt, daß …"): the clause from the last colon
/// before its subjunctive verb, the speaker in the words before that verb.
fn in_subjunctive(sentence: &str, before: &str, cx: &Context) -> Option<Quote> {
    if cx.language != "de" {
        return None;
    }
    let clause = sentence.rsplit(':').next().unwrap_or(sentence).trim();
    let raw: Vec<&str> = clause.split_whitespace().collect();
    let lower: Vec<String> = raw
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let at = crate::german::subjunctive_at(&lower)?;
    if raw.len() < MIN_WORDS {
        return None;
    }
    // Only a named subject or a pronoun standing for someone named before: a
    // subjunctive says that something was reported, not by whom.
    let subject = raw[..at].join(" ");
    let named = cx.entities.iter().any(|e| contains_word(&subject, &e.text));
    let pronoun = at == 1 && is_pronoun(cx.language, &lower[0]);
    if !named && !pronoun {
        return None;
    }
    Some(indirect(clause, speaker_of(&subject, before, cx)?))
}

fn strip_word_prefix<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) && head.to_lowercase() != word {
        return None;
    }
    let rest = &s[word.len()..];
    let boundary =
        word.ends_with(['\'', '’']) || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(rest)
}

/// Whether what follows the verb ends the sentence (at most a short speaker).
fn rest_is_end(rest: &str) -> bool {
    words(rest.trim_end_matches(['.', '!', '?', ' '])) <= MAX_SUBJECT_WORDS
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .trim()
        .to_string()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn contains_word(haystack: &str, word: &str) -> bool {
    find_cue(haystack, word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::name_key;

    fn person(text: &str) -> Entity {
        Entity {
            text: text.into(),
            keys: text.split_whitespace().filter_map(name_key).collect(),
            count: 1,
            kind: EntityKind::Person,
        }
    }

    fn stop(w: &str) -> bool {
        matches!(
            w,
            "the" | "he" | "also" | "про" | "це" | "однак" | "its" | "that" | "der"
        )
    }

    fn found(text: &str, names: &[Entity]) -> Vec<(String, Option<String>)> {
        let cx = Context {
            entities: names,
            is_stopword: &stop,
            language: "",
        };
        reported_speech(text, &cx, &|_, _| false)
            .into_iter()
            .map(|(_, r)| (r.text, r.speaker))
            .collect()
    }

    #[test]
    fn reported_speech_in_several_languages() {
        let names = [
            person("Ilse Brandvold"),
            person("Ільзе Брандвольд"),
            person("Marek Nowak"),
        ];
        assert_eq!(
            found(
                "Ilse Brandvold said that the quay would reopen on Wednesday.",
                &names
            ),
            vec![(
                "the quay would reopen on Wednesday".into(),
                Some("Ilse Brandvold".into())
            )]
        );
        assert_eq!(
            found(
                "The quay will reopen on Wednesday, harbour officials said.",
                &names
            ),
            vec![(
                "The quay will reopen on Wednesday".into(),
                Some("harbour officials".into())
            )]
        );
        assert_eq!(
            found(
                "Ільзе Брандвольд заявила, що причал відкриють у середу.",
                &names
            )[0],
            (
                "причал відкриють у середу".into(),
                Some("Ільзе Брандвольд".into())
            )
        );
        assert_eq!(
            found("Według Marek Nowak, prom wróci do portu w piątek.", &names)[0],
            (
                "prom wróci do portu w piątek".into(),
                Some("Marek Nowak".into())
            )
        );
        assert_eq!(
            found(
                "Marek Nowak met the crew. He said the ferry would sail on Friday.",
                &names
            ),
            vec![(
                "the ferry would sail on Friday".into(),
                Some("Marek Nowak".into())
            )]
        );
        assert_eq!(
            found(
                "Der Kapitän erklärte, dass die Fähre am Freitag ablegt.",
                &names
            )[0]
            .0,
            "die Fähre am Freitag ablegt"
        );
        // Inflected forms of German weak verbs, and the old spelling `daß`.
        assert_eq!(
            found(
                "Der Hafenmeister meldete gestern, daß die Fähre wieder fahre.",
                &names
            )[0]
            .0,
            "die Fähre wieder fahre"
        );
    }

    #[test]
    fn sentences_with_a_direct_quote_or_no_cue_are_left_alone() {
        assert!(found("The ferry sails on Friday from the north pier.", &[]).is_empty());
        let cx = Context {
            entities: &[],
            is_stopword: &stop,
            language: "",
        };
        assert!(reported_speech("He said the ferry sails at dawn.", &cx, &|_, _| true).is_empty());
        assert!(found("She said no.", &[]).is_empty(), "too short");
    }

    #[test]
    fn a_subject_of_function_words_is_no_speaker() {
        assert_eq!(
            found("He also said that the ferry would sail on Friday.", &[])[0].1,
            None,
            "a pronoun with nobody named before"
        );
        let named = [person("Marek Nowak")];
        assert_eq!(
            found(
                "Marek Nowak met the crew. He also said that the ferry would sail on Friday.",
                &named
            )[0]
            .1,
            Some("Marek Nowak".into())
        );
        assert_eq!(
            found("Про це заявив, що пором вийде у п'ятницю вранці.", &[])[0].1,
            None
        );
        assert_eq!(
            found(
                "The port authority said that the ferry would sail on Friday.",
                &[]
            )[0]
            .1,
            Some("The port authority".into())
        );
    }

    #[test]
    fn german_reported_speech_by_its_mood_alone() {
        let names = [person("Marek Nowak")];
        let cx = Context {
            entities: &names,
            is_stopword: &stop,
            language: "de",
        };
        let found = |text: &str| -> Vec<(String, Option<String>)> {
            reported_speech(text, &cx, &|_, _| false)
                .into_iter()
                .map(|(_, r)| (r.text, r.speaker))
                .collect()
        };
        assert_eq!(
            found("Marek Nowak besuchte den Hafen. Er sei bereit, die alte Fähre zu retten."),
            vec![(
                "Er sei bereit, die alte Fähre zu retten".into(),
                Some("Marek Nowak".into())
            )]
        );
        assert_eq!(
            found("Am Abend kam es anders: Marek Nowak habe die Fähre nie gesehen.")[0].1,
            Some("Marek Nowak".into())
        );
        // The first person's indicative, idioms, and a mood with nobody named.
        for text in [
            "Ich habe die Fähre gestern im Hafen gesehen.",
            "Es sei denn, die Fähre fährt morgen früh ab.",
            "Gott sei Dank fuhr die Fähre am Ende doch noch ab.",
            "Die Fähre sei alt und müsse bald ersetzt werden.",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
        let english = Context {
            language: "en",
            ..cx
        };
        assert!(
            reported_speech("Er sei bereit, die Fähre zu retten.", &english, &|_, _| {
                false
            })
            .is_empty()
        );
    }
}
