//! Runs a query segment by segment under a time budget, keeping the best hits.
//!
//! tantivy's collectors cannot be stopped once started, so this walks each
//! segment's scorer itself and looks at the clock every [`CHECK_EVERY`] matches: a
//! query that runs past its budget is stopped and refused, and memory stays at the
//! `limit` hits kept (plus the scorers' own bounded buffers).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED};

use crate::{Found, Hit, SearchError};

/// Matches scored between two looks at the clock.
const CHECK_EVERY: u32 = 512;

/// A hit ordered so that the heap's top is the worst kept: lowest score, then the
/// highest key (ties go to the older article, so results do not depend on segments).
struct Kept(Hit);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .score
            .total_cmp(&self.0.score)
            .then(self.0.key.cmp(&other.0.key))
    }
}

pub(crate) fn top(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    budget: Duration,
) -> Result<Found, SearchError> {
    let started = Instant::now();
    let limit = limit.max(1);
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut kept: BinaryHeap<Kept> = BinaryHeap::with_capacity(limit + 1);
    let mut total = 0u64;
    let mut since_check = 0u32;
    for segment in searcher.segment_readers() {
        let keys = segment.fast_fields().u64("key")?;
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            since_check += 1;
            if since_check >= CHECK_EVERY {
                since_check = 0;
                if started.elapsed() > budget {
                    return Err(SearchError::Timeout(budget));
                }
            }
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if let Some(key) = keys.first(doc) {
                    total += 1;
                    kept.push(Kept(Hit {
                        key,
                        score: scorer.score(),
                    }));
                    if kept.len() > limit {
                        kept.pop();
                    }
                }
            }
            doc = scorer.advance();
        }
    }
    if started.elapsed() > budget {
        return Err(SearchError::Timeout(budget));
    }
    let mut hits: Vec<Hit> = kept.into_iter().map(|k| k.0).collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
    Ok(Found { hits, total })
}
