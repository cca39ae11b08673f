//! "Do these two articles report the same event?" for `storyline similarity`: a score
//! in [0, 1] from the multilingual embedding of title and lead (when the model is
//! present), the names both mention (cross-script keys), their shared words (same
//! language) and numbers, and how far apart they were published (weighted as the
//! clusterer weighs time).
//!
//! Embedding cosines are calibrated against where they sit on itn-dev (median for
//! the same story across languages vs for unrelated stories; `storyline-bench xling`),
//! so the model's high baseline (unrelated texts near 0.75) maps to 0.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use storyline_analyze::AnalyzedArticle;
use storyline_embed::{cosine, Embedder};
use storyline_model::RawDocument;

use storyline_cluster::ClusterConfig;

use crate::{lead_text, EngineConfig, PipelineError, Processor};

/// Raw e5 cosine of unrelated stories at the median on itn-dev (0 after calibration;
/// p10–p90 0.73–0.82).
const UNRELATED_COSINE: f32 = 0.77;
/// Raw e5 cosine of the same story across languages at the median on itn-dev (1
/// after calibration; p10–p90 0.81–0.91).
const SAME_STORY_COSINE: f32 = 0.86;

/// The parts of one pair's score.
#[derive(Debug, Clone, Serialize)]
pub struct PairScore {
    pub score: f32,
    /// Calibrated embedding similarity, when a model is loaded.
    pub embedding: Option<f32>,
    pub names: f32,
    pub lexical: f32,
    pub date_gap_days: Option<f64>,
}

/// Scores article pairs; build once, reuse.
pub struct PairScorer {
    processor: Processor,
    embedder: Option<std::sync::Arc<dyn Embedder>>,
    /// Time weighting as the clusterer applies it.
    time: ClusterConfig,
}

impl PairScorer {
    pub fn new(config: &EngineConfig, embedder: Option<std::sync::Arc<dyn Embedder>>) -> Self {
        PairScorer {
            processor: Processor::new(config),
            embedder,
            time: config.cluster.clone(),
        }
    }

    pub fn score(&self, a: RawDocument, b: RawDocument) -> Result<PairScore, PipelineError> {
        let a = self.processor.process(a)?;
        let b = self.processor.process(b)?;
        let embedding = self.embedder.as_ref().map(|e| {
            let v = e.embed(&[&lead_text(&a), &lead_text(&b)]);
            calibrate(cosine(&v[0], &v[1]))
        });
        let names = name_overlap(&a, &b);
        let lexical = term_cosine(&a, &b);
        let date_gap_days = match (a.article.published, b.article.published) {
            (Some(x), Some(y)) => Some((x - y).num_seconds().unsigned_abs() as f64 / 86_400.0),
            _ => None,
        };
        let content = match embedding {
            Some(e) => 0.6 * e + 0.25 * names + 0.15 * lexical,
            None => 0.6 * names + 0.4 * lexical,
        };
        let time = date_gap_days.map_or(1.0, |gap| self.time.time_factor(gap));
        Ok(PairScore {
            score: (content * time).clamp(0.0, 1.0),
            embedding,
            names,
            lexical,
            date_gap_days,
        })
    }
}

fn calibrate(raw: f32) -> f32 {
    ((raw - UNRELATED_COSINE) / (SAME_STORY_COSINE - UNRELATED_COSINE)).clamp(0.0, 1.0)
}

/// Share of the smaller side's name keys that the other side also has.
fn name_overlap(a: &AnalyzedArticle, b: &AnalyzedArticle) -> f32 {
    let keys = |x: &AnalyzedArticle| -> HashSet<String> {
        x.entities
            .iter()
            .flat_map(|e| e.keys.iter().cloned())
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    let smaller = ka.len().min(kb.len());
    if smaller == 0 {
        return 0.0;
    }
    ka.intersection(&kb).count() as f32 / smaller as f32
}

/// Cosine of log-scaled term counts (terms carry their language, numbers do not).
fn term_cosine(a: &AnalyzedArticle, b: &AnalyzedArticle) -> f32 {
    fn vector(x: &AnalyzedArticle) -> HashMap<&str, f32> {
        x.terms
            .iter()
            .map(|(t, w)| (t.as_str(), (1.0 + w).ln()))
            .collect()
    }
    let (va, vb) = (vector(a), vector(b));
    let dot: f32 = va
        .iter()
        .filter_map(|(t, w)| vb.get(t).map(|v| w * v))
        .sum();
    let norm = |v: &HashMap<&str, f32>| v.values().map(|w| w * w).sum::<f32>().sqrt();
    let denominator = norm(&va) * norm(&vb);
    if denominator == 0.0 {
        0.0
    } else {
        (dot / denominator).clamp(0.0, 1.0)
    }
}
