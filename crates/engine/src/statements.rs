//! The statements a story's articles make — their sentences — embedded once, and the
//! rule for "these two statements say the same thing", which the summary and the
//! comparison of coverage share: in one language, content-word overlap (Dice) of at
//! least [`SAME_LANGUAGE_OVERLAP`] or multilingual-e5 cosine of at least
//! [`SAME_LANGUAGE_COSINE`]; across languages, cosine of at least
//! [`CROSS_LANGUAGE_COSINE`]. (Quotes have their own rule in `quote_groups`: a quote
//! is often an excerpt of another outlet's longer one, so all its words count.)

use storyline_analyze::tokens::sentences;
use storyline_embed::{Embedder, QUERY_PREFIX};
use storyline_store::StoryDetail;

use std::collections::{HashMap, HashSet};

use crate::quote_groups::{CROSS_LANGUAGE_COSINE, SAME_LANGUAGE_OVERLAP};

/// Cosine at which two sentences in one language say the same thing: paraphrases sit
/// at 0.93–0.97, while different statements on one topic reach 0.89 (one language's
/// cosines run higher than two languages').
pub const SAME_LANGUAGE_COSINE: f32 = 0.92;

/// Articles read for statements (the earliest), and sentences per article: enough
/// for what a story's reports say, bounded for a story of thousands.
const MAX_ARTICLES: usize = 40;
const MAX_SENTENCES: usize = 25;
/// Shorter sentences are headings, credits and list items, not statements; longer
/// "sentences" are unpunctuated text (and would cost their length to embed).
const MIN_WORDS: usize = 5;
const MAX_WORDS: usize = 120;

#[derive(Debug, Clone)]
pub struct Statement {
    /// Index of its article in the story's articles.
    pub article: usize,
    /// Its place among the article's statements (0: the lead).
    pub position: usize,
    pub text: String,
    pub language: String,
    /// Unit embedding, when a model is loaded.
    pub vector: Option<Vec<f32>>,
    /// Its content words, counted (read once: statements are compared pairwise).
    pub words: HashMap<String, u32>,
}

/// A text's embeddings, one per text, in the space storyline uses everywhere.
pub(crate) fn embed_all(embedder: &dyn Embedder, texts: &[&str]) -> Vec<Vec<f32>> {
    let prefixed: Vec<String> = texts.iter().map(|t| format!("{QUERY_PREFIX}{t}")).collect();
    let refs: Vec<&str> = prefixed.iter().map(String::as_str).collect();
    embedder.embed(&refs)
}

fn is_statement(sentence: &str) -> bool {
    let words = sentence.split_whitespace().count();
    let ends = sentence
        .trim_end_matches(['"', '”', '»', '’', ')'])
        .ends_with(['.', '!', '?', '。', '…']);
    (MIN_WORDS..=MAX_WORDS).contains(&words) && (ends || words >= 2 * MIN_WORDS)
}

/// The statements of the story's earliest articles, in article order.
pub fn statements(story: &StoryDetail, embedder: Option<&dyn Embedder>) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for (article, a) in story.articles.iter().enumerate().take(MAX_ARTICLES) {
        let found = sentences(&a.article.text)
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| is_statement(s))
            .take(MAX_SENTENCES)
            .enumerate()
            .map(|(position, text)| Statement {
                article,
                position,
                text: text.to_string(),
                language: a.language.clone(),
                vector: None,
                words: content_bag(text),
            });
        out.extend(found);
    }
    if let Some(embedder) = embedder {
        let texts: Vec<&str> = out.iter().map(|s| s.text.as_str()).collect();
        let vectors = embed_all(embedder, &texts);
        for (s, v) in out.iter_mut().zip(vectors) {
            s.vector = Some(v);
        }
    }
    out
}

/// Lower-case words of at least four characters: what a title or a statement shares
/// with a text.
pub(crate) fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Words that carry content, counted: four characters or more (a text without any
/// keeps all its words).
fn content_bag(s: &str) -> HashMap<String, u32> {
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let long: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let mut bag = HashMap::new();
    for w in if long.is_empty() { words } else { long } {
        *bag.entry(w.to_lowercase()).or_default() += 1;
    }
    bag
}

/// Dice coefficient of two word multisets.
pub(crate) fn dice(x: &HashMap<String, u32>, y: &HashMap<String, u32>) -> f32 {
    let total: u32 = x.values().sum::<u32>() + y.values().sum::<u32>();
    if total == 0 {
        return 0.0;
    }
    let shared: u32 = x
        .iter()
        .map(|(w, n)| (*n).min(y.get(w).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f32 / total as f32
}

/// The cosine of two unit vectors of one model (`None` if they are not).
pub(crate) fn cosine(a: &[f32], b: &[f32]) -> Option<f32> {
    (a.len() == b.len() && !a.is_empty()).then(|| storyline_embed::cosine(a, b))
}

/// The embeddings' cosine says two statements are the same: its bar is higher in
/// one language than across two.
pub(crate) fn cosine_says_same(same_language: bool, cosine: f32) -> bool {
    cosine
        >= if same_language {
            SAME_LANGUAGE_COSINE
        } else {
            CROSS_LANGUAGE_COSINE
        }
}

impl Statement {
    /// The cosine of the two statements' embeddings, when both have one.
    pub(crate) fn cosine(&self, other: &Statement) -> Option<f32> {
        cosine(self.vector.as_deref()?, other.vector.as_deref()?)
    }

    /// The two statements say the same thing (see the module's rule).
    pub fn same_as(&self, other: &Statement) -> bool {
        let same_language = self.language == other.language;
        if same_language && dice(&self.words, &other.words) >= SAME_LANGUAGE_OVERLAP {
            return true;
        }
        self.cosine(other)
            .is_some_and(|c| cosine_says_same(same_language, c))
    }
}
