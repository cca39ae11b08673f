//! Search by meaning: every stored article's embedding, quantised to one byte per
//! dimension, compared with the query's embedding in one pass.
//!
//! Brute force is exact and needs no index structure: 384 bytes an article, and a
//! scan of 100,000 articles is 38 M byte products. Each vector (the query's too)
//! keeps its own scale, so a component's rounding error is at most 1/254 of the
//! vector's largest component (cosines come out within about 0.002).

use std::collections::HashMap;

/// Articles a search by meaning returns at most.
pub const MAX_NEIGHBOURS: usize = 20;

/// The cosine below which an article is not near a query, however it compares with
/// the rest: without it, a query on a topic the store lacks would still bring back
/// its least unrelated articles. Chosen for multilingual-e5-small, the model
/// storyline ships, on 9 queries over our sample corpus and test fixtures: the
/// articles on a query's topic scored 0.814–0.845 (translations included), the best
/// unrelated ones 0.789–0.805 ("earthquake" against fire reports, a made-up word).
/// Another model would need its own.
pub const MIN_COSINE: f32 = 0.81;

/// The embeddings of stored articles, by article key.
#[derive(Debug, Default)]
pub struct VectorIndex {
    dim: usize,
    keys: Vec<u64>,
    languages: Vec<u16>,
    scales: Vec<f32>,
    values: Vec<i8>,
    language_codes: Vec<String>,
    language_ids: HashMap<String, u16>,
    /// The highest key added or skipped.
    passed: u64,
}

/// An article near the query, with the cosine of the two embeddings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    pub key: u64,
    pub cosine: f32,
}

impl VectorIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The highest key added or skipped (0 when new): a store is read from there on.
    pub fn last_key(&self) -> u64 {
        self.passed
    }

    /// Goes on past `key` without adding anything (articles whose embedding was refused).
    pub fn skip_to(&mut self, key: u64) {
        self.passed = self.passed.max(key);
    }

    /// Adds an article's embedding. Keys must rise; a key already passed, an
    /// embedding of another dimension than the first, or one that is all zeros or
    /// not finite is skipped (returns false).
    pub fn add(&mut self, key: u64, language: &str, embedding: &[f32]) -> bool {
        if key <= self.passed {
            return false;
        }
        if self.dim == 0 {
            self.dim = embedding.len();
        }
        let largest = embedding.iter().fold(0f32, |m, x| m.max(x.abs()));
        if embedding.len() != self.dim || !(largest.is_finite() && largest > 0.0) {
            return false;
        }
        let norm = embedding.iter().map(|x| x * x).sum::<f32>().sqrt();
        let scale = 127.0 / largest;
        self.values
            .extend(embedding.iter().map(|x| (x * scale).round() as i8));
        self.scales.push(1.0 / (scale * norm));
        self.keys.push(key);
        self.passed = key;
        let next = self.language_codes.len() as u16;
        let id = *self
            .language_ids
            .entry(language.to_string())
            .or_insert(next);
        if id == next {
            self.language_codes.push(language.to_string());
        }
        self.languages.push(id);
        true
    }

    /// The articles nearest `query` (in `language` only, if given), best first: at
    /// most `limit`, only those that stand out from the rest, and none below
    /// [`MIN_COSINE`].
    ///
    /// Cosines of one small multilingual model sit in a narrow band (0.75–0.85 for
    /// related and unrelated texts alike), so no fixed bar can say "related". What
    /// does is a match's distance from the typical article: a neighbour must close
    /// at least two thirds of the gap between the median article and the best one.
    /// An article of the query's own topic clears it; one that shares only the
    /// register of news does not.
    pub fn nearest(&self, query: &[f32], language: Option<&str>, limit: usize) -> Vec<Neighbour> {
        if query.len() != self.dim || self.is_empty() {
            return Vec::new();
        }
        let Some((q, unscale)) = quantised(query) else {
            return Vec::new();
        };
        let wanted = match language {
            Some(code) => match self.language_ids.get(code) {
                Some(&id) => Some(id),
                None => return Vec::new(),
            },
            None => None,
        };
        let mut all: Vec<Neighbour> = (0..self.keys.len())
            .filter(|&i| wanted.is_none_or(|w| self.languages[i] == w))
            .map(|i| Neighbour {
                key: self.keys[i],
                cosine: self.cosine(i, &q) * unscale,
            })
            .collect();
        let Some(cut) = standing_out(&mut all) else {
            return Vec::new();
        };
        all.retain(|n| n.cosine >= cut.max(MIN_COSINE));
        all.sort_by(|a, b| b.cosine.total_cmp(&a.cosine).then(a.key.cmp(&b.key)));
        all.truncate(limit);
        all
    }

    /// Article `i`'s cosine with a quantised query, short of the query's own scale.
    fn cosine(&self, i: usize, q: &[i8]) -> f32 {
        let row = &self.values[i * self.dim..(i + 1) * self.dim];
        let dot: i32 = row
            .iter()
            .zip(q)
            .map(|(&v, &x)| i32::from(v) * i32::from(x))
            .sum();
        dot as f32 * self.scales[i]
    }
}

/// A query quantised as the articles are, so the scan is integer products (which
/// the compiler vectorises), and the factor that makes its products cosines; `None`
/// for a vector of zeros or one that is not finite.
fn quantised(query: &[f32]) -> Option<(Vec<i8>, f32)> {
    let norm = query.iter().map(|x| x * x).sum::<f32>().sqrt();
    let largest = query.iter().fold(0f32, |m, x| m.max(x.abs()));
    if !(norm.is_finite() && largest > 0.0) {
        return None;
    }
    let scale = 127.0 / largest;
    let q = query.iter().map(|x| (x * scale).round() as i8).collect();
    Some((q, 1.0 / (scale * norm)))
}

/// The cosine a neighbour must reach: two thirds of the way from the median to
/// the best. `None` when there are too few articles to tell what is typical.
fn standing_out(all: &mut [Neighbour]) -> Option<f32> {
    if all.len() < 3 {
        return None;
    }
    let best = all.iter().map(|n| n.cosine).fold(f32::MIN, f32::max);
    let middle = all.len() / 2;
    let (_, median, _) = all.select_nth_unstable_by(middle, |a, b| a.cosine.total_cmp(&b.cosine));
    let median = median.cosine;
    (best > median).then(|| median + (best - median) * 2.0 / 3.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit vector mostly along `axis`, a little along the others.
    fn along(axis: usize, dim: usize, lean: f32) -> Vec<f32> {
        let mut v = vec![lean; dim];
        v[axis] = 1.0;
        v
    }

    #[test]
    fn quantised_cosines_stay_close_to_the_exact_ones() {
        let dim = 64;
        let a: Vec<f32> = (0..dim)
            .map(|i| ((i * 7 % 13) as f32 - 6.0) / 10.0)
            .collect();
        let b: Vec<f32> = (0..dim)
            .map(|i| ((i * 5 % 11) as f32 - 5.0) / 9.0)
            .collect();
        let exact = {
            let dot: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            let n = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
            dot / (n(&a) * n(&b))
        };
        let mut index = VectorIndex::new();
        assert!(index.add(1, "en", &a));
        // The cosine through both quantised vectors, as `nearest` computes it.
        let (q, unscale) = quantised(&b).unwrap();
        let near = index.cosine(0, &q) * unscale;
        assert!((near - exact).abs() < 0.005, "{exact} {near}");
    }

    #[test]
    fn only_articles_that_stand_out_come_back_best_first_in_the_language_asked() {
        let dim = 8;
        let mut index = VectorIndex::new();
        // Three articles on the query's axis (one in German), five elsewhere.
        index.add(1, "en", &along(0, dim, 0.05));
        index.add(2, "de", &along(0, dim, 0.1));
        index.add(3, "en", &along(0, dim, 0.15));
        for (k, axis) in [(4, 1), (5, 2), (6, 3), (7, 4), (8, 5)] {
            index.add(k, "en", &along(axis, dim, 0.1));
        }
        let query = along(0, dim, 0.0);
        let keys = |found: Vec<Neighbour>| found.iter().map(|n| n.key).collect::<Vec<_>>();
        assert_eq!(keys(index.nearest(&query, None, 10)), vec![1, 2, 3]);
        assert_eq!(keys(index.nearest(&query, None, 2)), vec![1, 2]);
        assert_eq!(keys(index.nearest(&query, Some("en"), 10)), vec![1, 3]);
        assert!(index.nearest(&query, Some("fr"), 10).is_empty());
        // Another dimension, a key already passed, or nothing at all: refused.
        assert!(!index.add(9, "en", &[1.0; 3]));
        assert!(!index.add(8, "en", &along(0, dim, 0.1)));
        assert!(!index.add(10, "en", &[0.0; 8]));
        assert!(index.nearest(&[1.0; 3], None, 10).is_empty());
        assert_eq!((index.len(), index.last_key()), (8, 8));
    }

    #[test]
    fn the_best_of_unrelated_articles_is_still_not_near() {
        let dim = 8;
        let mut index = VectorIndex::new();
        // Cosine 0.77 with the query: far above the others, below the floor.
        index.add(1, "en", &along(0, dim, 0.31));
        index.add(2, "en", &along(1, dim, 0.31));
        index.add(3, "en", &along(2, dim, 0.31));
        assert!(index.nearest(&along(0, dim, 0.0), None, 10).is_empty());
    }
}
