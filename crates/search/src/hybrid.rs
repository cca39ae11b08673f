//! One ranking from two: the articles a search finds by its words and those it
//! finds by meaning, fused by reciprocal rank (each list gives `1 / (60 + rank)`),
//! which needs no calibration between a BM25 score and a cosine. Both scores stay
//! visible beside the fused one.

use crate::vectors::{Neighbour, MAX_NEIGHBOURS};
use crate::{Hit, SearchError, SearchIndex, SearchQuery};

/// The damping of reciprocal rank fusion (Cormack et al. use 60): how much the top
/// ranks of one list outweigh the lower ones.
const RRF_K: f32 = 60.0;

/// An article in the fused ranking, with what each way of finding it gave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fused {
    pub key: u64,
    /// The full-text score (BM25), when its words matched.
    pub lexical: Option<f32>,
    /// The cosine of its embedding with the query's, when it is among the nearest.
    pub semantic: Option<f32>,
    /// The fused score the ranking follows.
    pub score: f32,
}

/// `lexical` (best first) and `semantic` (best first) as one ranking, best first;
/// ties go to the lower key.
pub fn fuse(lexical: &[Hit], semantic: &[Neighbour]) -> Vec<Fused> {
    let rank = |i: usize| 1.0 / (RRF_K + i as f32 + 1.0);
    let mut all: Vec<Fused> = lexical
        .iter()
        .enumerate()
        .map(|(i, h)| Fused {
            key: h.key,
            lexical: Some(h.score),
            semantic: None,
            score: rank(i),
        })
        .collect();
    for (i, n) in semantic.iter().enumerate() {
        match all.iter_mut().find(|f| f.key == n.key) {
            Some(f) => {
                f.semantic = Some(n.cosine);
                f.score += rank(i);
            }
            None => all.push(Fused {
                key: n.key,
                lexical: None,
                semantic: Some(n.cosine),
                score: rank(i),
            }),
        }
    }
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
    all
}

/// One page of a fused ranking, and how many articles match in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranked {
    pub hits: Vec<Fused>,
    pub total: u64,
}

/// `limit` articles after the first `offset` of `query`'s full-text hits fused with
/// `meaning` (the articles nearest it by meaning, best first).
///
/// The index ranks `offset + limit` hits and as many more as `meaning` can hold, so
/// the fused ranking's first `offset + limit` are exact however the two interleave.
/// The total counts the articles found only by meaning once (one that the words
/// match beyond the ranked depth would be counted twice).
pub fn ranked(
    index: &SearchIndex,
    query: &SearchQuery,
    meaning: &[Neighbour],
    offset: usize,
    limit: usize,
) -> Result<Ranked, SearchError> {
    let found = index.search(query, offset + limit + meaning.len().max(MAX_NEIGHBOURS))?;
    let fused = fuse(&found.hits, meaning);
    let only_by_meaning = fused.iter().filter(|f| f.lexical.is_none()).count() as u64;
    Ok(Ranked {
        total: found.total + only_by_meaning,
        hits: fused.into_iter().skip(offset).take(limit).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_both_ways_ranks_first_and_each_score_is_kept() {
        let lexical = [Hit { key: 1, score: 9.0 }, Hit { key: 2, score: 5.0 }];
        let semantic = [
            Neighbour {
                key: 2,
                cosine: 0.84,
            },
            Neighbour {
                key: 3,
                cosine: 0.83,
            },
        ];
        let fused = fuse(&lexical, &semantic);
        let keys: Vec<u64> = fused.iter().map(|f| f.key).collect();
        assert_eq!(keys, vec![2, 1, 3]);
        assert_eq!(
            (fused[0].lexical, fused[0].semantic),
            (Some(5.0), Some(0.84))
        );
        assert_eq!((fused[2].lexical, fused[2].semantic), (None, Some(0.83)));
        assert_eq!(fuse(&lexical, &[]).len(), 2);
        assert!(fuse(&[], &[]).is_empty());
    }
}
