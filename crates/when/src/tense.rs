//! Which way an open date points (`Tuesday`, `March 5`): the tense of the word
//! nearest to it in its sentence that tells one (`will`, `was`, `-ra`, `буде`;
//! reporting verbs such as `said` tell nothing, they belong to the attribution). A
//! sentence without one points to the nearest such day; a text that is nothing but
//! a date names the next, as a calendar does. The sentence is read at most [`REACH`] bytes
//! either side of the date: the verb that governs a date stands near it.

use crate::lexicon::{Lexicon, Tag};
use crate::resolve::Direction;
use crate::tokens::{Piece, Token};

/// A text of at most this many words and numbers, without a full stop, question or
/// exclamation mark at its end, is a phrase, not a sentence (a dot after one or two
/// words is an abbreviation's: `sa.`, `10.12.`).
const PHRASE_WORDS: usize = 8;

pub(crate) fn is_phrase(text: &str, tokens: &[Token]) -> bool {
    let words = tokens
        .iter()
        .filter(|t| !matches!(t.piece, Piece::Sep(_)))
        .count();
    let ends_sentence = text.trim_end().ends_with(['.', '!', '?', '。', '！', '？']);
    words <= PHRASE_WORDS && !(ends_sentence && words > 2)
}

/// Words and numbers of the text outside the given byte spans.
pub(crate) fn words_outside(tokens: &[Token], spans: &[(usize, usize)]) -> usize {
    tokens
        .iter()
        .filter(|t| !matches!(t.piece, Piece::Sep(_)))
        .filter(|t| !spans.iter().any(|&(s, e)| t.start >= s && t.end <= e))
        .count()
}

/// How far either side of a date its sentence is read.
const REACH: usize = 300;

/// The nearest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte range of the sentence around `start..end`: from after the last sentence
/// end before it to the first after it (`. `, `! `, `? `, a line break, `。`), within
/// [`REACH`] bytes.
fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let lo = floor_boundary(text, start.saturating_sub(REACH));
    let hi = floor_boundary(text, (end + REACH).min(text.len()));
    let ends_sentence = |i: usize, c: char| match c {
        '.' | '!' | '?' => text[i + 1..].starts_with([' ', '\n']),
        '\n' | '。' | '！' | '？' => true,
        _ => false,
    };
    let from = text[lo..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(lo + i, c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let to = text[end..hi]
        .char_indices()
        .find(|&(i, c)| ends_sentence(end + i, c))
        .map_or(hi, |(i, _)| end + i);
    (from, to)
}

pub(crate) fn direction(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    span: (usize, usize),
    phrase: bool,
) -> Direction {
    let (from, to) = sentence(text, span.0, span.1);
    let first = tokens.partition_point(|t| t.start < from);
    let nearest = tokens[first..]
        .iter()
        .take_while(|t| t.end <= to)
        .filter(|t| t.piece == Piece::Word)
        .filter(|t| t.end <= span.0 || t.start >= span.1)
        .filter_map(|t| {
            let tag = lexicon.tense(&t.norm)?;
            let distance = if t.end <= span.0 {
                span.0 - t.end
            } else {
                t.start - span.1
            };
            Some((distance, tag))
        })
        .min_by_key(|(d, _)| *d);
    match nearest {
        Some((_, Tag::Future)) => Direction::Future,
        Some(_) => Direction::Past,
        None if phrase => Direction::Future,
        None => Direction::Nearest,
    }
}
