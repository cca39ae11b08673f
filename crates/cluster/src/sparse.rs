//! Sparse feature vectors, the feature interner and document frequencies.

use std::collections::HashMap;

/// Interns feature strings to ids and counts in how many documents each occurs.
#[derive(Debug, Default)]
pub(crate) struct FeatureTable {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    documents: u32,
}

impl FeatureTable {
    pub(crate) fn intern(&mut self, feature: &str) -> u32 {
        if let Some(id) = self.ids.get(feature) {
            return *id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(feature.to_string(), id);
        self.df.push(0);
        id
    }

    pub(crate) fn count_document(&mut self, features: impl Iterator<Item = u32>) {
        self.documents += 1;
        for f in features {
            if let Some(df) = self.df.get_mut(f as usize) {
                *df += 1;
            }
        }
    }

    /// Smoothed inverse document frequency.
    pub(crate) fn idf(&self, feature: u32) -> f32 {
        let df = self.df.get(feature as usize).copied().unwrap_or(0) as f32;
        ((self.documents as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

static EMPTY: SparseVec = SparseVec(Vec::new());

/// An article's features with their (log-scaled) weights.
#[derive(Debug, Clone)]
pub(crate) struct SparseVec(Vec<(u32, f32)>);

impl SparseVec {
    pub(crate) fn new(mut entries: Vec<(u32, f32)>) -> Self {
        entries.sort_by_key(|e| e.0);
        SparseVec(entries)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.0.iter().copied()
    }

    /// Cosine between this vector and a centroid, both weighted by `idf`.
    pub(crate) fn cosine_with(
        &self,
        centroid: &HashMap<u32, f32>,
        idf: &dyn Fn(u32) -> f32,
    ) -> f32 {
        Self::cosine_pair(self, &EMPTY, centroid, &HashMap::new(), idf)
    }

    /// Cosine of the concatenation `(a1, a2)` with the concatenation `(c1, c2)`,
    /// where `a1` pairs with `c1` and `a2` with `c2` (disjoint feature sets).
    pub(crate) fn cosine_pair(
        a1: &SparseVec,
        a2: &SparseVec,
        c1: &HashMap<u32, f32>,
        c2: &HashMap<u32, f32>,
        idf: &dyn Fn(u32) -> f32,
    ) -> f32 {
        let mut dot = 0.0;
        let mut query_norm = 0.0;
        for (vector, centroid) in [(a1, c1), (a2, c2)] {
            for (f, w) in vector.iter() {
                let i = idf(f);
                let a = w * i;
                query_norm += a * a;
                if let Some(c) = centroid.get(&f) {
                    dot += a * c * i;
                }
            }
        }
        if dot == 0.0 {
            return 0.0;
        }
        let centroid_norm: f32 = c1
            .iter()
            .chain(c2.iter())
            .map(|(f, c)| (c * idf(*f)).powi(2))
            .sum();
        (dot / (query_norm.sqrt() * centroid_norm.sqrt())).clamp(0.0, 1.0)
    }

    /// Overlap with a centroid: the larger of the two idf-weighted shares of mass that
    /// lies on shared features. Unlike cosine it is not dragged down when one side
    /// names many more things (German capitalises every noun, long reports name more).
    pub(crate) fn overlap_with(
        &self,
        centroid: &HashMap<u32, f32>,
        idf: &dyn Fn(u32) -> f32,
    ) -> f32 {
        let (mut shared_a, mut total_a, mut shared_c) = (0.0, 0.0, 0.0);
        for (f, w) in self.iter() {
            let i = idf(f);
            total_a += w * i;
            if let Some(c) = centroid.get(&f) {
                shared_a += w * i;
                shared_c += c * i;
            }
        }
        let total_c: f32 = centroid.iter().map(|(f, c)| c * idf(*f)).sum();
        if total_a == 0.0 || total_c == 0.0 {
            return 0.0;
        }
        (shared_a / total_a).max(shared_c / total_c).clamp(0.0, 1.0)
    }
}
