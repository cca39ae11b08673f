//! Tokens read against a language's lexicon: each item is a number, a separator, or
//! a word (or words: *the day after tomorrow*) with every meaning the lexicon gives it.

use crate::lexicon::{Lexicon, Standing, Tag};
use crate::tokens::{fold, Piece, Token};

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub piece: Piece,
    pub tags: Vec<(Tag, Standing)>,
    pub start: usize,
    pub end: usize,
    pub capital: bool,
    /// The first word of a sentence (its capital says nothing).
    pub sentence_start: bool,
}

/// The entry words at `i` match (hyphens between words are skipped); returns the
/// token index after the match.
fn matches(tokens: &[Token], i: usize, words: &[String]) -> Option<usize> {
    let mut j = i;
    for (n, w) in words.iter().enumerate() {
        if n > 0 && matches!(tokens.get(j).map(|t| t.piece), Some(Piece::Sep('-'))) {
            j += 1;
        }
        let t = tokens.get(j)?;
        if t.piece != Piece::Word || t.norm != *w {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn is_tense(tag: Tag) -> bool {
    matches!(tag, Tag::Future | Tag::Past)
}

/// Reads the tokens as items: multi-word entries first (longest), then single words;
/// a word with an apostrophe inside is read as its two sides (`d'octobre`,
/// `quest'anno`, `Friday's`).
pub(crate) fn items(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<Item> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // A case ending after an apostrophe belongs to the number it is glued to
        // (`2018'de`, `24'ünde`).
        if let Some(last) = out.last_mut().filter(|l: &&mut Item| {
            l.num().is_some() && l.end == t.start && text[t.start..].starts_with(['\'', '’'])
        }) {
            last.end = t.end;
            i += 1;
            continue;
        }
        let mut item = Item {
            piece: t.piece,
            tags: Vec::new(),
            start: t.start,
            end: t.end,
            capital: t.capital,
            sentence_start: sentence_start(text, t.start),
        };
        let mut next = i + 1;
        if t.piece == Piece::Word {
            let mut best = 0;
            for e in lexicon.entries(&t.norm).iter().filter(|e| !is_tense(e.tag)) {
                let Some(j) = matches(tokens, i, &e.words) else {
                    continue;
                };
                if j > best {
                    best = j;
                    item.tags.clear();
                }
                if j == best {
                    item.tags.push((e.tag, e.standing));
                }
            }
            if best > 0 {
                next = best;
                item.end = tokens[best - 1].end;
            } else if let Some(parts) = elided(t, text, lexicon) {
                out.extend(parts);
                i = next;
                continue;
            } else if let Some(rest) = lexicon.without_prefix(&t.norm) {
                item.tags = single_tags(lexicon, rest);
            }
        }
        out.push(item);
        i = next;
    }
    out
}

impl Item {
    pub fn tag(&self, want: impl Fn(Tag) -> bool) -> Option<Tag> {
        self.tags.iter().map(|(t, _)| *t).find(|t| want(*t))
    }

    pub fn standing(&self, want: impl Fn(Tag) -> bool) -> Option<Standing> {
        self.tags.iter().find(|(t, _)| want(*t)).map(|(_, s)| *s)
    }

    pub fn num(&self) -> Option<(u32, u8)> {
        match self.piece {
            Piece::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    pub fn sep(&self) -> Option<char> {
        match self.piece {
            Piece::Sep(c) => Some(c),
            _ => None,
        }
    }
}

fn single_tags(lexicon: &Lexicon, word: &str) -> Vec<(Tag, Standing)> {
    lexicon
        .entries(word)
        .iter()
        .filter(|e| e.words.len() == 1 && !is_tense(e.tag))
        .map(|e| (e.tag, e.standing))
        .collect()
}

/// The two sides of a word with an apostrophe inside, when either means something:
/// an elided article or determiner (`d'`, `quest'`) and what follows, or a
/// possessive (`Friday's`).
fn elided(t: &Token, text: &str, lexicon: &Lexicon) -> Option<[Item; 2]> {
    let word = &text[t.start..t.end];
    let (at, mark) = word.char_indices().find(|(_, c)| matches!(c, '\'' | '’'))?;
    let split = t.start + at + mark.len_utf8();
    if at == 0 || split >= t.end {
        return None;
    }
    let (left, right) = (fold(&text[t.start..split]), fold(&text[split..t.end]));
    let mut left_tags = single_tags(lexicon, &left);
    if left_tags.is_empty() {
        left_tags = single_tags(lexicon, left.trim_end_matches('\''));
    }
    let right_tags = single_tags(lexicon, &right);
    if left_tags.is_empty() && right_tags.is_empty() {
        return None;
    }
    let side = |start, end, tags, capital| Item {
        piece: Piece::Word,
        tags,
        start,
        end,
        capital,
        sentence_start: false,
    };
    Some([
        side(t.start, split, left_tags, t.capital),
        side(split, t.end, right_tags, false),
    ])
}

/// The text starts a sentence at `at`: nothing but spaces, quotation marks or
/// brackets since its start or a sentence's end.
fn sentence_start(text: &str, at: usize) -> bool {
    let before =
        text[..at].trim_end_matches(|c: char| c.is_whitespace() || "\"'“”«»„(".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '。', '\n'])
}
