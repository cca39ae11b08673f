//! A story's title: the most representative real headline among its articles, in
//! the reader's language when it has one; without a headline, the most
//! representative whole first sentence (never one cut short).

use std::collections::HashSet;

use serde::Serialize;
use storyline_analyze::tokens::sentences;
use storyline_store::{StoredArticle, StoryDetail};

use crate::statements::{content_words, prefix};

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct StoryTitle {
    pub text: String,
    /// The article it comes from (external id).
    pub article: String,
    pub language: String,
    /// A real headline, not an article's first sentence.
    pub headline: bool,
}

/// Articles (the earliest) and bytes of each a title is chosen from: a story of
/// thousands of articles must not cost a page view thousands of full reads.
const READ_ARTICLES: usize = 200;
const READ_BYTES: usize = 4_000;

/// The language a reader asked for (`?lang=`, `--lang`, `Accept-Language`) if the
/// story has an article in it, else the story's most common language.
pub fn story_language(story: &StoryDetail, asked: Option<&str>) -> Option<String> {
    let languages: Vec<&str> = story.articles.iter().map(|a| a.language.as_str()).collect();
    if let Some(lang) = asked.filter(|l| languages.contains(l)) {
        return Some(lang.to_string());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for l in &languages {
        match counts.iter_mut().find(|(x, _)| x == l) {
            Some((_, n)) => *n += 1,
            None => counts.push((l, 1)),
        }
    }
    // The first to reach the highest count wins a tie (articles come oldest first).
    let top = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == top)
        .map(|(l, _)| l.to_string())
}

struct Candidate<'a> {
    text: String,
    article: &'a StoredArticle,
    headline: bool,
}

/// An article's real headline, or else its first whole sentence.
fn candidate(a: &StoredArticle) -> Option<Candidate<'_>> {
    if let Some(title) = a
        .article
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return Some(Candidate {
            text: title.to_string(),
            article: a,
            headline: true,
        });
    }
    let (_, first) = sentences(&a.article.text).into_iter().next()?;
    Some(Candidate {
        text: first.to_string(),
        article: a,
        headline: false,
    })
}

/// How much of a candidate's wording the story's other articles share, on average.
fn representativeness(c: &Candidate, words: &[(i64, HashSet<String>)]) -> f64 {
    let own = content_words(&c.text);
    if own.is_empty() {
        return 0.0;
    }
    let others: Vec<f64> = words
        .iter()
        .filter(|(key, _)| *key != c.article.key)
        .map(|(_, w)| own.intersection(w).count() as f64 / own.len() as f64)
        .collect();
    if others.is_empty() {
        return 0.0;
    }
    others.iter().sum::<f64>() / others.len() as f64
}

/// Gives the story its title for a reader of `asked` (see [`story_title`]) and says
/// where it comes from; a story without a title candidate keeps its stored one.
pub fn retitle(story: &mut StoryDetail, asked: Option<&str>) -> Option<StoryTitle> {
    let title = story_title(story, asked)?;
    story.summary.title = Some(title.text.clone());
    Some(title)
}

/// The story's title for a reader of `asked` (or of the story's most common language):
/// a headline in that language first, then a first sentence in it, then a headline
/// or first sentence in another; among equals, the most representative, then the
/// earliest.
pub fn story_title(story: &StoryDetail, asked: Option<&str>) -> Option<StoryTitle> {
    let language = story_language(story, asked);
    let words: Vec<(i64, HashSet<String>)> = story
        .articles
        .iter()
        .take(READ_ARTICLES)
        .map(|a| {
            let title = a.article.title.as_deref().unwrap_or("");
            let text = prefix(&a.article.text, READ_BYTES);
            (a.key, content_words(&format!("{title} {text}")))
        })
        .collect();
    let rank = |c: &Candidate| {
        let same_language = Some(c.article.language.as_str()) == language.as_deref();
        (same_language, c.headline)
    };
    let mut best: Option<(Candidate, (bool, bool), f64)> = None;
    for c in story
        .articles
        .iter()
        .take(READ_ARTICLES)
        .filter_map(candidate)
    {
        let r = rank(&c);
        let score = representativeness(&c, &words);
        let better = match &best {
            None => true,
            Some((_, br, bs)) => r > *br || (r == *br && score > *bs + 1e-9),
        };
        if better {
            best = Some((c, r, score));
        }
    }
    best.map(|(c, _, _)| StoryTitle {
        text: c.text,
        article: c.article.article.id.clone(),
        language: c.article.language.clone(),
        headline: c.headline,
    })
}
