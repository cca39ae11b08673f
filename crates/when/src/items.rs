//! Tokens read against a language's lexicon: each item is a number, a separator, or
//! a word (or words: *the day after tomorrow*) with every meaning the lexicon gives it.

use crate::lexicon::{Lexicon, Standing, Tag};
use crate::tokens::{Piece, Token};

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub piece: Piece,
    pub tags: Vec<(Tag, Standing)>,
    pub start: usize,
    pub end: usize,
    pub capital: bool,
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
/// a word with an elided article (`d'octobre`, `l'indomani`) is read without it.
pub(crate) fn items(tokens: &[Token], lexicon: &Lexicon) -> Vec<Item> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut item = Item {
            piece: t.piece,
            tags: Vec::new(),
            start: t.start,
            end: t.end,
            capital: t.capital,
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
            } else if let Some((_, rest)) = t.norm.split_once('\'') {
                item.tags.extend(
                    lexicon
                        .entries(rest)
                        .iter()
                        .filter(|e| e.words.len() == 1 && !is_tense(e.tag))
                        .map(|e| (e.tag, e.standing)),
                );
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
