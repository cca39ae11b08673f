//! Who said what: quoted speech and its speaker, from the quotation marks of many
//! languages (“…”, "…", «…», „…“, ‚…‘, 「…」, 『…』, ‹…›) and a speech verb near
//! the quote ("said", "sagte", "a déclaré", "dijo", "заявив", "сказал",
//! "powiedział"…). The speaker is the name mentioned closest to that verb within the
//! sentence; a quote with no speech verb beside it is not reported (a title in
//! quotation marks is not a quote).

use crate::entities::{Entity, EntityKind};
use crate::marks::{blank_quoted, closing, transcript_turn, unquoted, MARKS, MAX_CHARS};
use crate::sentence::{first_sentence, last_sentence};
use crate::speech::{first_cue, verbs, ACCORDING, QUOTE_ONLY};

/// One quotation with its attribution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Quote {
    pub text: String,
    /// The speaker's name as written in this article.
    pub speaker: Option<String>,
    pub kind: QuoteKind,
}

/// In quotation marks, or reported ("X said that …").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// What the speaker rules read besides the text: the article's names, its
/// language's stop words and the language (`""` when unknown).
pub struct Context<'a> {
    pub entities: &'a [Entity],
    pub is_stopword: &'a dyn Fn(&str) -> bool,
    pub language: &'a str,
}

/// Characters around a quote searched for its attribution.
const WINDOW: usize = 120;
const MIN_WORDS: usize = 3;

/// Direct quotes in `text`, in order, with speakers picked from `entities` (no
/// stop words known: use [`crate::Analyzer::quotes`] for an analysed article).
pub fn extract_quotes(text: &str, entities: &[Entity]) -> Vec<Quote> {
    direct_quotes(
        text,
        &Context {
            entities,
            is_stopword: &|_| false,
            language: "",
        },
    )
}

/// Direct quotes in `text`, in order.
pub(crate) fn direct_quotes(text: &str, cx: &Context) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    // The text with its quoted words blanked, where speakers are looked for before
    // a quote (names inside quotes are what was said, not who said it).
    let blanked = blank_quoted(&chars);
    let mut quotes = Vec::new();
    // Where the last quote ended, and its speaker: a quote that follows in the
    // same paragraph with no attribution of its own continues it.
    let mut last: Option<(usize, Option<String>)> = None;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == LOST_OPENING_CLOSER {
            if let Some(q) = lost_opening(&chars, &blanked, i, cx) {
                last = Some((i + 1, q.speaker.clone()));
                quotes.push(q);
            }
            i += 1;
            continue;
        }
        let Some(end) = closing(&chars, i) else {
            i += 1;
            continue;
        };
        // A part of a quote over several paragraphs ends with its newline; the
        // next part continues it, and an attribution there names both.
        let run_on = last.as_ref().is_some_and(|(at, _)| chars[at - 1] == '\n');
        let continued = last
            .as_ref()
            .filter(|(at, _)| run_on || !chars[*at..i].contains(&'\n'))
            .and_then(|(_, speaker)| speaker.clone());
        if let Some(q) = quote_at(&chars, &blanked, i, end, cx, continued) {
            if let Some(previous) = quotes.last_mut().filter(|p| run_on && p.speaker.is_none()) {
                previous.speaker.clone_from(&q.speaker);
            }
            match quotes
                .last_mut()
                .filter(|p| continues(&chars, last.as_ref(), i, p, &q))
            {
                // One utterance split around its attribution: “A,” she said. “B.”
                Some(previous) => {
                    previous.text.push(' ');
                    previous.text.push_str(&q.text);
                }
                None => quotes.push(q),
            }
            last = Some((end, quotes.last().and_then(|q| q.speaker.clone())));
        }
        i = end;
    }
    quotes
}

/// Whether the quote `next`, opened at `open`, goes on with `previous`, which
/// ended at `last`: in the same paragraph, by the same speaker, with only its
/// attribution between — one sentence, however long (`,” said Caddell, speaking
/// of her health. “`).
fn continues(
    chars: &[char],
    last: Option<&(usize, Option<String>)>,
    open: usize,
    previous: &Quote,
    next: &Quote,
) -> bool {
    let Some((end, _)) = last else {
        return false;
    };
    if *end > open {
        return false;
    }
    let gap: String = chars[*end..open].iter().collect();
    // The words between are the first part's attribution, in its sentence: two
    // quotes of a dialogue, a list of quoted titles, or a next sentence attributed
    // anew (`«…». За її словами, «…»`) stay apart.
    let attribution = first_sentence(&gap);
    let rest = gap[attribution.len()..].trim_matches(|c: char| c.is_whitespace() || c == '.');
    // The first part stops at a comma, inside its marks or just after them: the
    // sentence goes on after the attribution. A colon before the next part opens
    // a new quote instead (`ruft er aus: „…“`).
    let open_ended = previous.text.ends_with(',') || gap.trim_start().starts_with(',');
    speech_verb(attribution).is_some()
        && rest.is_empty()
        && open_ended
        && !attribution.trim_end().ends_with(':')
        && !gap.contains('\n')
        && previous.kind == QuoteKind::Direct
        && (next.speaker.is_none() || next.speaker == previous.speaker)
}

/// The quote in `chars[open..end]` when it is speech: a speech verb beside it, a
/// colon before it, or whole sentences inside it. `continued` is the speaker of
/// a quote just before it in its paragraph.
fn quote_at(
    chars: &[char],
    blanked: &[char],
    open: usize,
    end: usize,
    cx: &Context,
    continued: Option<String>,
) -> Option<Quote> {
    let inner: String = chars[open + 1..end - 1].iter().collect();
    if inner.split_whitespace().count() < MIN_WORDS {
        return None;
    }
    if let Some((speaker, said)) = transcript_turn(&inner) {
        return Some(Quote {
            text: said.to_string(),
            speaker: Some(speaker),
            kind: QuoteKind::Direct,
        });
    }
    if let Some(speaker) = signed(&chars[end..], cx) {
        return Some(Quote {
            text: inner.trim().to_string(),
            speaker: Some(speaker),
            kind: QuoteKind::Direct,
        });
    }
    // Quoted words around the quote are what was said, not who said it: a name in
    // them is no speaker.
    let window: String = unquoted(&chars[open.saturating_sub(WINDOW)..open]);
    let after: String = unquoted(&chars[end..(end + WINDOW).min(chars.len())]);
    let before = last_sentence(&window);
    let after = first_sentence(&after);
    let cued = speech_verb(before).is_some() || speech_verb(after).is_some();
    // "He said:" may stand on a line of its own above the quote.
    let introduced = window.trim_end().ends_with(':');
    if !cued && !introduced && !reads_as_sentences(&inner) {
        return None;
    }
    let earlier: String = blanked[..open].iter().collect();
    let speaker = if cued {
        speaker(after, before, cx, &earlier)
    } else if introduced {
        let line = last_sentence(window.trim_end().trim_end_matches(':'));
        speech_subject(line, cx, &earlier)
    } else {
        continued
            .or_else(|| named_before(before, cx))
            .or_else(|| opens_paragraph(before, &window, cx, &earlier))
    };
    Some(Quote {
        text: inner.trim().to_string(),
        speaker,
        kind: QuoteKind::Direct,
    })
}

/// Longest signature after a dash.
const SIGNATURE_WORDS: usize = 5;

/// The name a quote is signed with after a dash, the rest of its line
/// (`“…” ― Carla Sanchez.`, `«…» — Олена Коваль`): a name found there, or the
/// words when they are few and capitalised.
fn signed(after: &[char], cx: &Context) -> Option<String> {
    let line: String = after.iter().take_while(|c| **c != '\n').collect();
    let rest = line.trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == ',');
    let name = rest.strip_prefix(['―', '—', '–'])?;
    let name = name.trim().trim_end_matches(['.', ' ']);
    let words = name.split_whitespace().count();
    if words == 0 || words > SIGNATURE_WORDS {
        return None;
    }
    if let Some(e) = cx
        .entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place && name.contains(e.text.as_str()))
        .max_by_key(|e| e.text.len())
    {
        return Some(e.text.clone());
    }
    let capitalised = name
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    capitalised.then(|| name.to_string())
}

/// The speaker of a quote that is a paragraph of its own, after a sentence of
/// speech ("He emphasized that … \n “If the leaders …”"): that sentence's
/// speaker, who goes on speaking.
fn opens_paragraph(before: &str, window: &str, cx: &Context, earlier: &str) -> Option<String> {
    if !before.trim().is_empty() {
        return None;
    }
    let previous = last_sentence(window.trim_end().trim_end_matches(['.', '!', '?']));
    speech_verb(previous)?;
    speaker("", previous, cx, earlier)
}

/// The speaker in the words that introduce a quote with a colon ("Caddell
/// continued:", "He said:"): a name there, else its subject read as in reported
/// speech.
fn speech_subject(line: &str, cx: &Context, earlier: &str) -> Option<String> {
    named_before(line, cx).or_else(|| crate::reported::speaker_of(line, earlier, cx))
}

/// Words a quoted span needs to read as speech on its own, with no speech verb.
const SENTENCE_WORDS: usize = 5;

/// Whether a quoted span is speech by its form: one or more whole sentences (a
/// capital first, sentence punctuation last), long enough not to be a title.
fn reads_as_sentences(inner: &str) -> bool {
    let inner = inner.trim();
    inner.split_whitespace().count() >= SENTENCE_WORDS
        && inner
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
        && inner.ends_with(['.', '!', '?', '…'])
}

/// The speaker of a quote with no speech verb (introduced by a colon, or a
/// sentence on its own): a person or organisation named in the words before it.
fn named_before(before: &str, cx: &Context) -> Option<String> {
    cx.entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place)
        .filter_map(|e| before.rfind(&e.text).map(|at| (at + e.text.len(), e)))
        .max_by_key(|(end, e)| (*end, e.text.len()))
        .map(|(_, e)| e.text.clone())
}

/// Reported speech that quotes a few of its words (`X says the tweets were
/// “unhinged, even for him.”`) is one indirect quote: it takes the place of the
/// direct quotes inside it when they hold less than half its text. `reported`
/// are the reported clauses of sentences that open a direct quote.
pub(crate) fn absorb_fragments(direct: Vec<Quote>, reported: Vec<Quote>) -> Vec<Quote> {
    let mut direct: Vec<Option<Quote>> = direct.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for mut clause in reported {
        let inside: Vec<usize> = (0..direct.len())
            .filter(|&k| {
                direct[k].as_ref().is_some_and(|q| {
                    q.kind == QuoteKind::Direct
                        && clause.text.contains(q.text.trim_end_matches([',', '.']))
                })
            })
            .collect();
        let quoted: usize = inside
            .iter()
            .filter_map(|&k| direct[k].as_ref())
            .map(|q| q.text.chars().count())
            .sum();
        // A clause read over a missed sentence end ("… Wednesday. <img> “…,” she
        // said.") is no one clause.
        let one_sentence = !crate::sentence::spans_sentences(&clause.text);
        if inside.is_empty() || 2 * quoted >= clause.text.chars().count() || !one_sentence {
            continue;
        }
        for k in inside {
            if let Some(q) = direct[k].take() {
                clause.speaker = clause.speaker.or(q.speaker);
            }
        }
        out.push(clause);
    }
    direct.into_iter().flatten().chain(out).collect()
}

/// Every cue that attributes a direct quote.
fn cues() -> impl Iterator<Item = &'static str> {
    verbs()
        .iter()
        .map(String::as_str)
        .chain(ACCORDING.iter().copied())
        .chain(QUOTE_ONLY.iter().copied())
}

/// Where the first speech verb of `s` starts and ends (byte offsets of `s`).
fn speech_verb(s: &str) -> Option<(usize, usize)> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        // Lower-casing changed byte lengths: offsets would not carry over.
        return cues().any(|verb| lower.contains(verb)).then_some((0, 0));
    }
    let lower = lower.as_str();
    first_cue(lower, cues()).map(|(at, cue)| (at, at + cue.len()))
}

/// The speaker, from the attribution after the quote ("…," said X) or else before
/// it (X said: "…"): the name nearest the speech verb, a person's before any
/// other (a place is no speaker: "between Russia and Ukraine" is not who spoke);
/// else the subject beside the verb ("…", sagte der Papst), a pronoun there
/// resolved to the person named before.
fn speaker(after: &str, before: &str, cx: &Context, earlier_text: &str) -> Option<String> {
    let entities = cx.entities;
    let (text, (start, end), is_before) = match (speech_verb(after), speech_verb(before)) {
        (Some(verb), _) => (after, verb, false),
        (None, Some(verb)) => (before, verb, true),
        (None, None) => return None,
    };
    let nearest = entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place)
        .filter_map(|e| {
            text.match_indices(&e.text)
                .map(|(at, _)| {
                    if at + e.text.len() <= start {
                        (false, start - (at + e.text.len()))
                    } else {
                        // Before the quote, a name after the verb is its object
                        // ("Clinton says Trump's “…”"): the subject goes first.
                        (is_before, at.saturating_sub(end))
                    }
                })
                .min()
                .map(|(object, distance)| (e.kind != EntityKind::Person, object, distance, e))
        })
        .min_by_key(|(not_person, object, distance, e)| {
            (*object, *not_person, *distance, usize::MAX - e.text.len())
        });
    if let Some((_, _, _, e)) = nearest {
        return Some(e.text.clone());
    }
    unnamed_speaker(text, (start, end), is_before, cx, earlier_text)
}

/// The speaker when no name stands beside the speech verb at `text[start..end]`:
/// the person named before for "his words"; else the subject before the verb
/// ("…", sagte der Papst) or the words after it ("додав він,", "…”, said the
/// mayor"), whichever the quote's side makes first; last, the phrase that
/// opens the words after the verb ("erwidert der Capitain auf unser Befragen:").
fn unnamed_speaker(
    text: &str,
    (start, end): (usize, usize),
    is_before: bool,
    cx: &Context,
    earlier_text: &str,
) -> Option<String> {
    let cue = &text[start..end];
    if cue
        .split_whitespace()
        .any(|w| POSSESSIVES.contains(&w.to_lowercase().as_str()))
    {
        // "За його словами, «…»": his words, the person named before.
        return crate::reported::last_person(earlier_text, cx.entities);
    }
    let behind = text[end..]
        .split([',', ';', '"', '“', '«', '„'])
        .next()
        .unwrap_or("")
        .trim();
    let speaker_in = |words: &str| crate::reported::speaker_of(words, earlier_text, cx);
    let inverted = || {
        (behind.split_whitespace().count() <= 4)
            .then(|| speaker_in(behind))
            .flatten()
    };
    // The subject before the verb; the window may have cut its first word.
    let mut subject = &text[..start];
    if is_before && text.chars().count() >= WINDOW {
        subject = subject.split_once(' ').map_or("", |(_, rest)| rest);
    }
    // A verb right after a comma opens an inserted attribution ("Однак, додала
    // вона, …"): its speaker follows it.
    let inserted = subject.trim_end().ends_with(',');
    let subject = || speaker_in(subject);
    let first = if is_before && !inserted {
        // "The commission says on its website that “…”": the subject speaks.
        subject().or_else(inverted)
    } else {
        inverted().or_else(subject)
    };
    first.or_else(|| leading_phrase(behind, cx).and_then(|p| speaker_in(&p)))
}

/// The words of `s` up to the first function word after a word of substance,
/// when one of its first two words is one
/// ("der Capitain" of "der Capitain auf unser Befragen", "the mayor" of "the
/// mayor of Ashton on Monday").
fn leading_phrase(s: &str, cx: &Context) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let stop: Vec<bool> = words
        .iter()
        .map(|w| (cx.is_stopword)(&w.to_lowercase()))
        .collect();
    // An article at most before it: "he was standing" opens with no subject.
    let first_content = stop.iter().position(|s| !s).filter(|&k| k <= 1)?;
    let end = (first_content..words.len())
        .find(|&k| stop[k])
        .unwrap_or(words.len());
    Some(words[..end].join(" "))
}

/// Possessive pronouns in an attribution cue ("за його словами", "по её словам",
/// "in his words"): the speaker is the person named before.
const POSSESSIVES: &[&str] = &[
    "його", "її", "его", "её", "ее", "his", "her", "seinen", "ihren",
];

/// The closing mark a scraper leaves when it drops a paragraph's opening one.
const LOST_OPENING_CLOSER: char = '”';

/// A quote whose opening mark was lost (`If the leaders … talks,” Tokayev said.`):
/// a closing mark with no opening one before it in its paragraph, a speech verb
/// after it; the quote runs from the paragraph's start.
fn lost_opening(chars: &[char], blanked: &[char], at: usize, cx: &Context) -> Option<Quote> {
    let start = chars[..at]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |p| p + 1);
    if chars[start..at]
        .iter()
        .any(|c| MARKS.iter().any(|(open, _)| open == c))
    {
        return None;
    }
    let inner: String = chars[start..at].iter().collect();
    if inner.split_whitespace().count() < MIN_WORDS || inner.chars().count() > MAX_CHARS {
        return None;
    }
    let end = (at + 1 + WINDOW).min(chars.len());
    let after: String = chars[at + 1..end].iter().collect();
    let after = first_sentence(&after);
    speech_verb(after)?;
    let earlier: String = blanked[..start].iter().collect();
    Some(Quote {
        text: inner.trim().to_string(),
        speaker: speaker(after, "", cx, &earlier),
        kind: QuoteKind::Direct,
    })
}

#[cfg(test)]
mod tests;
