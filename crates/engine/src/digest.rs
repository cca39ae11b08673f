//! A story's summary: the two or three statements most central to what its
//! articles say (nearest the centroid of all their statements; an article's lead
//! counts a little more), none saying what another already says — translations of
//! one sentence count once — each with its versions in other languages, so a
//! reader gets it in their own language when an article carries it.

use std::collections::HashMap;

use serde::Serialize;
use storyline_store::StoryDetail;

use crate::statements::{content_words, cosine, Statement};

/// Sentences in a summary.
const SUMMARY_SENTENCES: usize = 3;
/// Longer sentences make poor summary lines.
const MAX_WORDS: usize = 60;
/// What being an article's first or second statement adds to centrality: news
/// leads sum up, but a central sentence further down still wins.
const LEAD_BONUS: [f32; 2] = [0.02, 0.01];

/// One article's version of a summary sentence.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct SummaryVersion {
    /// The article's external id.
    pub article: String,
    pub language: String,
    pub text: String,
}

/// How central each statement is: cosine to the mean embedding, or without a
/// model, the mean share of articles that use its words.
fn centrality(story: &StoryDetail, statements: &[Statement]) -> Vec<f32> {
    let vectors: Vec<&[f32]> = statements
        .iter()
        .filter_map(|s| s.vector.as_deref())
        .collect();
    if vectors.len() == statements.len() && !vectors.is_empty() {
        let dim = vectors[0].len();
        let mut mean = vec![0f32; dim];
        for v in &vectors {
            for (m, x) in mean.iter_mut().zip(*v) {
                *m += x;
            }
        }
        return vectors
            .iter()
            .map(|v| cosine(v, &mean).unwrap_or(0.0))
            .collect();
    }
    let mut df: HashMap<String, f32> = HashMap::new();
    for a in &story.articles {
        for w in content_words(&a.article.text) {
            *df.entry(w).or_default() += 1.0 / story.articles.len() as f32;
        }
    }
    statements
        .iter()
        .map(|s| {
            let w = content_words(&s.text);
            w.iter()
                .map(|x| df.get(x).copied().unwrap_or(0.0))
                .sum::<f32>()
                / w.len().max(1) as f32
        })
        .collect()
}

/// The summary's sentences, most central first, each with its versions (the chosen
/// one first, then one per other language that says the same).
pub fn digest(story: &StoryDetail, statements: &[Statement]) -> Vec<Vec<SummaryVersion>> {
    let scores = centrality(story, statements);
    let mut order: Vec<usize> = (0..statements.len())
        .filter(|&i| statements[i].text.split_whitespace().count() <= MAX_WORDS)
        .collect();
    let score = |i: usize| {
        scores[i]
            + LEAD_BONUS
                .get(statements[i].position)
                .copied()
                .unwrap_or(0.0)
    };
    order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        if chosen.len() == SUMMARY_SENTENCES {
            break;
        }
        if !chosen
            .iter()
            .any(|&c| statements[c].same_as(&statements[i]))
        {
            chosen.push(i);
        }
    }
    let version = |s: &Statement| SummaryVersion {
        article: story.articles[s.article].article.id.clone(),
        language: s.language.clone(),
        text: s.text.clone(),
    };
    chosen
        .into_iter()
        .map(|c| {
            let mut versions = vec![version(&statements[c])];
            for s in statements.iter().filter(|s| s.same_as(&statements[c])) {
                if !versions.iter().any(|v| v.language == s.language) {
                    versions.push(version(s));
                }
            }
            versions
        })
        .collect()
}

/// The summary for a reader of `lang`: each sentence in their language when an
/// article carries it, else as chosen.
pub fn summary_for(digest: &[Vec<SummaryVersion>], lang: Option<&str>) -> Vec<SummaryVersion> {
    digest
        .iter()
        .filter_map(|versions| {
            versions
                .iter()
                .find(|v| Some(v.language.as_str()) == lang)
                .or(versions.first())
                .cloned()
        })
        .collect()
}
