//! Clustering scores: BCubed (Bagga & Baldwin) and pairwise precision/recall/F1, and
//! pairwise restricted to pairs of articles in different languages. Matches the
//! definitions of `../shared/tools/score_clusters.py`.

use std::collections::HashMap;
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub cross_lingual: Prf,
}

/// Scores `pred` against `gold` over the ids of `gold` (ids missing from `pred` count
/// as singletons). `lang` gives each id's language for the cross-lingual figures.
pub fn score<G: Eq + Hash + Clone, P: Eq + Hash + Clone>(
    gold: &HashMap<String, G>,
    pred: &HashMap<String, P>,
    lang: &HashMap<String, String>,
) -> Scores {
    let ids: Vec<&String> = gold.keys().collect();
    let pred_of = |id: &String| pred.get(id).cloned().ok_or_else(|| id.clone());
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut pred_size: HashMap<Result<P, String>, usize> = HashMap::new();
    let mut joint: HashMap<(&G, Result<P, String>), usize> = HashMap::new();
    for id in &ids {
        let g = &gold[*id];
        let p = pred_of(id);
        *gold_size.entry(g).or_default() += 1;
        *pred_size.entry(p.clone()).or_default() += 1;
        *joint.entry((g, p)).or_default() += 1;
    }
    let n = ids.len().max(1) as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for id in &ids {
        let g = &gold[*id];
        let p = pred_of(id);
        let both = joint[&(g, p.clone())] as f64;
        bp += both / pred_size[&p] as f64;
        br += both / gold_size[g] as f64;
    }
    let pairs = |c: usize| (c * c.saturating_sub(1) / 2) as f64;
    let tp: f64 = joint.values().map(|&c| pairs(c)).sum();
    let pp: f64 = pred_size.values().map(|&c| pairs(c)).sum();
    let gp: f64 = gold_size.values().map(|&c| pairs(c)).sum();
    Scores {
        bcubed: Prf::new(bp / n, br / n),
        pairwise: Prf::new(ratio(tp, pp), ratio(tp, gp)),
        cross_lingual: cross_lingual(&ids, gold, &pred_of, lang),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        1.0
    } else {
        a / b
    }
}

/// Pairwise scores over pairs whose two articles differ in language.
fn cross_lingual<G: Eq + Hash, P: Eq + Hash + Clone>(
    ids: &[&String],
    gold: &HashMap<String, G>,
    pred_of: &dyn Fn(&String) -> Result<P, String>,
    lang: &HashMap<String, String>,
) -> Prf {
    let language = |id: &String| lang.get(id).map(String::as_str).unwrap_or("");
    let xl_pairs = |groups: Vec<Vec<&String>>| -> f64 {
        groups
            .iter()
            .map(|g| {
                let mut per_lang: HashMap<&str, usize> = HashMap::new();
                for id in g {
                    *per_lang.entry(language(id)).or_default() += 1;
                }
                let total = g.len();
                let same: usize = per_lang.values().map(|c| c * c.saturating_sub(1) / 2).sum();
                (total * total.saturating_sub(1) / 2 - same) as f64
            })
            .sum()
    };
    let group = |key: &dyn Fn(&String) -> String| {
        let mut groups: HashMap<String, Vec<&String>> = HashMap::new();
        for id in ids {
            groups.entry(key(id)).or_default().push(*id);
        }
        groups.into_values().collect::<Vec<_>>()
    };
    let mut gold_index: HashMap<&G, usize> = HashMap::new();
    let mut pred_index: HashMap<Result<P, String>, usize> = HashMap::new();
    for id in ids {
        let next = gold_index.len();
        gold_index.entry(&gold[*id]).or_insert(next);
        let next = pred_index.len();
        pred_index.entry(pred_of(id)).or_insert(next);
    }
    let g_key = |id: &String| gold_index[&gold[id]].to_string();
    let p_key = |id: &String| pred_index[&pred_of(id)].to_string();
    let both_key = |id: &String| format!("{}/{}", g_key(id), p_key(id));
    let tp = xl_pairs(group(&both_key));
    let pp = xl_pairs(group(&p_key));
    let gp = xl_pairs(group(&g_key));
    Prf::new(ratio(tp, pp), ratio(tp, gp))
}

/// Pearson correlation of two equally long series (0 when either is constant).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().max(1) as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx.sqrt() * vy.sqrt()).max(f64::MIN_POSITIVE)
}

/// Spearman correlation: Pearson of the ranks, ties given their mean rank. It judges
/// the order a score puts pairs in, not its scale.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut out = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            out[k] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = map(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let lang = map(&[("a", "en"), ("b", "uk"), ("c", "en")]);
        let s = score(&gold, &map(&[("a", "1"), ("b", "1"), ("c", "2")]), &lang);
        assert_eq!(s.bcubed.f1, 1.0);
        assert_eq!(s.pairwise.f1, 1.0);
        assert_eq!(s.cross_lingual.f1, 1.0);
    }

    #[test]
    fn hand_computed_example() {
        // gold {a,b,c} {d}; pred {a,b} {c,d}
        let gold = map(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y")]);
        let pred = map(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let lang = map(&[("a", "en"), ("b", "de"), ("c", "en"), ("d", "en")]);
        let s = score(&gold, &pred, &lang);
        // BCubed precision: a 1, b 1, c 1/2, d 1/2 → 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
        assert!((s.bcubed.precision - 0.75).abs() < 1e-12);
        assert!((s.bcubed.recall - 2.0 / 3.0).abs() < 1e-12);
        // Pairs: pred {ab, cd}, gold {ab, ac, bc}, both {ab}.
        assert!((s.pairwise.precision - 0.5).abs() < 1e-12);
        assert!((s.pairwise.recall - 1.0 / 3.0).abs() < 1e-12);
        // Cross-lingual pairs: pred {ab}, gold {ab, bc}, both {ab}.
        assert!((s.cross_lingual.precision - 1.0).abs() < 1e-12);
        assert!((s.cross_lingual.recall - 0.5).abs() < 1e-12);
    }

    #[test]
    fn missing_predictions_are_singletons() {
        let gold = map(&[("a", "x"), ("b", "x")]);
        let s = score(&gold, &map(&[("a", "1")]), &HashMap::new());
        assert_eq!(s.pairwise.recall, 0.0);
        assert_eq!(s.bcubed.precision, 1.0);
    }

    #[test]
    fn spearman_judges_order_not_scale() {
        let labels = [0.0, 0.0, 1.0, 1.0];
        let squashed = [0.1, 0.2, 0.21, 0.22];
        let spread = [0.1, 0.2, 0.9, 1.0];
        assert!((spearman(&squashed, &labels) - spearman(&spread, &labels)).abs() < 1e-12);
        assert!(pearson(&spread, &labels) > pearson(&squashed, &labels));
        assert!(spearman(&[0.3, 0.1, 0.2, 0.4], &labels) < spearman(&spread, &labels));
        assert_eq!(ranks(&[2.0, 1.0, 2.0]), vec![1.5, 0.0, 1.5]);
    }
}
