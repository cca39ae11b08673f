//! The passage of an article a search shows: around the first place its words
//! match, with each matching word marked. A word matches a query word when they
//! share its stem-length beginning, lower-cased (`bridges` marks `bridge`,
//! `Brücken` marks `Brücke`), which is how the index's stemmers see them too,
//! near enough for marking. Names matched across scripts are not marked.

use crate::query::{Occurrence, Target};
use crate::SearchQuery;

/// A passage and the marked words in it, as byte ranges of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The marks as `[start, end)` in Unicode characters (for clients that do not
    /// count bytes).
    pub fn char_marks(&self) -> Vec<[usize; 2]> {
        let chars = |byte: usize| self.text[..byte].chars().count();
        self.marks
            .iter()
            .map(|&(a, b)| [chars(a), chars(b)])
            .collect()
    }
}

/// About `width` characters of `text` around the first word `query` wants, marked;
/// the beginning of `text` when no word matches (an article found by meaning).
pub fn snippet(text: &str, query: &SearchQuery, width: usize) -> Snippet {
    let stems = stems(query);
    let words = words(text);
    let matches: Vec<(usize, usize)> = words
        .iter()
        .filter(|(s, e)| {
            let word = text[*s..*e].to_lowercase();
            stems.iter().any(|stem| word.starts_with(stem.as_str()))
        })
        .copied()
        .collect();
    // Start a little before the first match, at a word.
    let lead = width / 4;
    let start = matches.first().map_or(0, |&(first, _)| {
        let back = text[..first]
            .char_indices()
            .rev()
            .nth(lead)
            .map_or(0, |(i, _)| i);
        words
            .iter()
            .map(|w| w.0)
            .find(|&w| w >= back)
            .unwrap_or(first)
    });
    let end = text[start..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| start + i);
    // End at a word boundary when the passage is cut.
    let end = if end < text.len() {
        words
            .iter()
            .map(|w| w.1)
            .rfind(|&e| e <= end && e > start)
            .unwrap_or(end)
    } else {
        end
    };
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len();
    Snippet {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        marks: matches
            .into_iter()
            .filter(|&(s, e)| s >= start && e <= end)
            .map(|(s, e)| (s - start + shift, e - start + shift))
            .collect(),
    }
}

/// The lower-cased beginnings a word must have to match one the query wants: the
/// whole of a short word, all but its last two letters from five letters on.
fn stems(query: &SearchQuery) -> Vec<String> {
    query
        .clauses
        .iter()
        .filter(|c| c.occurrence != Occurrence::MustNot)
        .flat_map(|c| match &c.target {
            Target::Word(w) | Target::Name(w) => vec![w.clone()],
            Target::Phrase { words, .. } => words.clone(),
        })
        .flat_map(|w| {
            words(&w)
                .into_iter()
                .map(|(s, e)| w[s..e].to_lowercase())
                .collect::<Vec<_>>()
        })
        .map(|w| {
            let n = w.chars().count();
            let keep = if n >= 5 { n - 2 } else { n };
            w.chars().take(keep).collect()
        })
        .collect()
}

/// The byte ranges of `text`'s words (runs of letters and digits).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.marks.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    #[test]
    fn the_passage_opens_near_the_first_match_and_marks_each_form() {
        let text = format!(
            "{} The old bridges over the Saale were closed. Die Brücke bleibt zu, \
             and the bridge inspectors said so. Not the bride.{}",
            "Filler words before the news. ".repeat(10),
            " More words after it.".repeat(10)
        );
        let query = SearchQuery::parse("bridges Brücken -closed").unwrap();
        let s = snippet(&text, &query, 140);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{s:?}");
        assert_eq!(marked(&s), vec!["bridges", "Brücke", "bridge"], "{s:?}");
        assert!(s.text.chars().count() <= 144, "{s:?}");
    }

    #[test]
    fn without_a_match_the_beginning_is_shown_unmarked() {
        let query = SearchQuery::parse("Erdbeben").unwrap();
        let s = snippet("Землетрус сколихнув провінцію.", &query, 240);
        assert_eq!(s.text, "Землетрус сколихнув провінцію.");
        assert!(s.marks.is_empty());
        assert_eq!(snippet("", &query, 240), Snippet::default());
    }
}
