//! XLM-RoBERTa's SentencePiece-unigram tokenizer, from the tables in the model file:
//! code points are normalised through the file's map, runs of spaces collapse, spaces
//! become the metaspace `▁` (one is prepended), and the segmentation with the highest
//! total piece score wins (Viterbi over character positions). A character no piece
//! covers becomes `<unk>`.

use std::collections::HashMap;

use crate::format::VocabTables;

const METASPACE: char = '\u{2581}';

#[derive(Debug)]
pub struct Tokenizer {
    ids: HashMap<String, u32>,
    scores: Vec<f32>,
    normalisation: HashMap<u32, Vec<u32>>,
    unk: u32,
    unk_score: f32,
    max_piece_bytes: usize,
    pub(crate) bos: u32,
    pub(crate) eos: u32,
}

impl Tokenizer {
    pub(crate) fn new(v: VocabTables) -> Self {
        let min_score = v.scores.iter().copied().fold(f32::INFINITY, f32::min);
        let max_piece_bytes = v.pieces.iter().map(String::len).max().unwrap_or(1).max(1);
        let mut ids = HashMap::with_capacity(v.pieces.len());
        for (i, piece) in v.pieces.into_iter().enumerate() {
            if !piece.is_empty() && i as u32 != v.unk {
                ids.entry(piece).or_insert(i as u32);
            }
        }
        Tokenizer {
            ids,
            scores: v.scores,
            normalisation: v.normalisation,
            unk: v.unk,
            unk_score: if min_score.is_finite() {
                min_score - 10.0
            } else {
                -10.0
            },
            max_piece_bytes,
            bos: v.bos,
            eos: v.eos,
        }
    }

    /// The normalised string the pieces are matched against.
    pub fn normalise(&self, text: &str) -> String {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            match self.normalisation.get(&(c as u32)) {
                Some(replacement) => {
                    chars.extend(replacement.iter().filter_map(|&u| char::from_u32(u)))
                }
                None => chars.push(c),
            }
        }
        let mut out = String::with_capacity(text.len() + 4);
        if chars.first() != Some(&' ') {
            out.push(METASPACE);
        }
        let mut previous_space = false;
        for c in chars {
            let space = c == ' ';
            if space && previous_space {
                continue;
            }
            previous_space = space;
            out.push(if space { METASPACE } else { c });
        }
        out
    }

    /// Piece ids of `text`, without `<s>`/`</s>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalised = self.normalise(text);
        let bounds: Vec<usize> = normalised
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(normalised.len()))
            .collect();
        let n = bounds.len() - 1;
        // best[i]: best score of a segmentation of the first i characters.
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back: Vec<(usize, Option<u32>)> = vec![(0, None); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let piece = &normalised[bounds[i]..bounds[e]];
                if piece.len() > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.ids.get(piece) {
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        back[e] = (i, Some(id));
                    }
                }
            }
            let unknown = best[i] + self.unk_score;
            if unknown > best[i + 1] {
                best[i + 1] = unknown;
                back[i + 1] = (i, None);
            }
        }
        let mut ids = Vec::new();
        let mut at = n;
        while at > 0 {
            let (from, id) = back[at];
            ids.push(id.unwrap_or(self.unk));
            at = from;
        }
        ids.reverse();
        ids
    }
}
