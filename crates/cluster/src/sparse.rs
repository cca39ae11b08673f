//! Sparse feature vectors, the feature interner and document frequencies.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// A feature's id: a stable 64-bit hash of its text, so nothing has to hold the
/// strings and a forgotten feature can come back under the same id.
pub(crate) type FeatureId = u64;

/// Document frequencies of the features seen in the active window.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct FeatureTable {
    /// Per feature: documents it occurred in, and the last document (by count) that had it.
    df: HashMap<FeatureId, (u32, u64)>,
    documents: u64,
}

impl FeatureTable {
    pub(crate) fn id(feature: &str) -> FeatureId {
        stable_hash(feature.as_bytes())
    }

    pub(crate) fn count_document(&mut self, features: impl Iterator<Item = FeatureId>) {
        self.documents += 1;
        for f in features {
            let entry = self.df.entry(f).or_insert((0, 0));
            entry.0 += 1;
            entry.1 = self.documents;
        }
    }

    /// Smoothed inverse document frequency.
    pub(crate) fn idf(&self, feature: FeatureId) -> f32 {
        let df = self.df.get(&feature).map_or(0, |e| e.0) as f32;
        ((self.documents as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Forgets features no document has had in the last `window` documents: memory
    /// follows the active window, not the archive (such features were rare anyway,
    /// and start again from a low count if they return).
    pub(crate) fn forget_older_than(&mut self, window: u64) {
        let horizon = self.documents.saturating_sub(window);
        self.df.retain(|_, (_, last)| *last >= horizon);
    }

    pub(crate) fn len(&self) -> usize {
        self.df.len()
    }
}

/// Cosine of two idf-weighted centroids.
pub(crate) fn centroid_cosine(
    a: &HashMap<FeatureId, f32>,
    b: &HashMap<FeatureId, f32>,
    idf: &dyn Fn(FeatureId) -> f32,
) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(f, w)| large.get(f).map(|v| w * v * idf(*f).powi(2)))
        .sum();
    if dot == 0.0 {
        return 0.0;
    }
    let norm = |c: &HashMap<FeatureId, f32>| {
        c.iter()
            .map(|(f, w)| (w * idf(*f)).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    (dot / (norm(a) * norm(b))).clamp(0.0, 1.0)
}

static EMPTY: SparseVec = SparseVec(Vec::new());

/// An article's features with their (log-scaled) weights.
#[derive(Debug, Clone)]
pub(crate) struct SparseVec(Vec<(FeatureId, f32)>);

impl SparseVec {
    pub(crate) fn new(mut entries: Vec<(FeatureId, f32)>) -> Self {
        entries.sort_by_key(|e| e.0);
        SparseVec(entries)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (FeatureId, f32)> + '_ {
        self.0.iter().copied()
    }

    /// Cosine between this vector and a centroid, both weighted by `idf`.
    pub(crate) fn cosine_with(
        &self,
        centroid: &HashMap<FeatureId, f32>,
        idf: &dyn Fn(FeatureId) -> f32,
    ) -> f32 {
        Self::cosine_pair(self, &EMPTY, centroid, &HashMap::default(), idf)
    }

    /// Cosine of the concatenation `(a1, a2)` with the concatenation `(c1, c2)`,
    /// where `a1` pairs with `c1` and `a2` with `c2` (disjoint feature sets).
    pub(crate) fn cosine_pair(
        a1: &SparseVec,
        a2: &SparseVec,
        c1: &HashMap<FeatureId, f32>,
        c2: &HashMap<FeatureId, f32>,
        idf: &dyn Fn(FeatureId) -> f32,
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
        centroid: &HashMap<FeatureId, f32>,
        idf: &dyn Fn(FeatureId) -> f32,
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

/// The clusterer's one hash of bytes: FNV-1a, then SplitMix64's finaliser — stable
/// across runs and platforms (unlike `std`'s hasher). Feature ids, shingles and
/// snapshot fingerprints all use it.
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    mix(bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    }))
}

/// SplitMix64's finaliser: spreads a value's bits over the whole word.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
