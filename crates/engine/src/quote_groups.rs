//! The same quote across a story's articles and languages is one quote: its
//! versions (the original, translations, paraphrases in reported speech) grouped,
//! with provenance — every article that carries it, its languages, and the
//! earliest article and outlet.
//!
//! Two versions are one quote when their speakers do not differ (the same entity
//! key, or one of them unknown) and their words agree: in one language, token
//! overlap (Dice) of at least [`SAME_LANGUAGE_OVERLAP`]; across languages, the
//! multilingual embeddings' cosine of at least [`CROSS_LANGUAGE_COSINE`] (without
//! a model, only shared numbers and names could tell, so versions in two
//! languages stay apart). A version is judged against one version of a group (the
//! first in its language, else the first), so statements do not chain; a short
//! partial quotation joins the quote one of whose clauses it translates.

use std::collections::HashMap;

use serde::Serialize;
use storyline_analyze::QuoteKind;
use storyline_embed::{cosine, Embedder, QUERY_PREFIX};

/// Token overlap at which two versions in one language are one quote (the share
/// of words a shortened or lightly edited quote keeps).
pub const SAME_LANGUAGE_OVERLAP: f32 = 0.5;
/// Cosine of multilingual-e5 embeddings at which versions in two languages are
/// one quote: translations of one sentence sit at 0.9 and above, while two
/// different statements on the same topic fall around 0.8–0.85.
pub const CROSS_LANGUAGE_COSINE: f32 = 0.88;

/// One version of a quote, as an article carries it.
#[derive(Debug, Clone)]
pub struct QuoteVersion {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    pub kind: QuoteKind,
    pub article: i64,
    pub outlet: Option<String>,
    pub language: String,
}

/// Another article's version of a quote.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Translation {
    pub article: i64,
    pub language: String,
    pub text: String,
}

/// A quote with every article that carries it.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct StoryQuote {
    /// The earliest version's words.
    pub text: String,
    pub speaker: Option<String>,
    /// The speaker's entity key (the same for Tokayev and Токаєв).
    pub speaker_key: Option<String>,
    /// `direct` when any version is in quotation marks.
    pub kind: QuoteKind,
    pub articles: Vec<i64>,
    pub languages: Vec<String>,
    pub first_article: i64,
    pub first_outlet: Option<String>,
    /// The other articles' versions.
    pub translations: Vec<Translation>,
}

/// Groups `versions`, given earliest article first, into quotes.
pub fn group_quotes(
    versions: Vec<QuoteVersion>,
    embedder: Option<&dyn Embedder>,
) -> Vec<StoryQuote> {
    let vectors: Option<Vec<Vec<f32>>> = embedder.map(|e| {
        let texts: Vec<String> = versions
            .iter()
            .map(|v| format!("{QUERY_PREFIX}{}", v.text))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        e.embed(&refs)
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Clause embeddings of versions, made when a fragment is compared with them.
    let mut clauses: HashMap<usize, Vec<Vec<f32>>> = HashMap::new();
    for (i, v) in versions.iter().enumerate() {
        // A version joins the group whose first version its words agree with best,
        // when no named speaker there differs from its own: measured against one
        // version (the first in its language), not any member, so that one
        // statement does not chain into the next.
        let joins = groups
            .iter()
            .enumerate()
            .filter(|(_, group)| group.iter().all(|&j| speakers_agree(v, &versions[j])))
            .filter_map(|(g, group)| {
                // Judged against the group's first version in this language, if it
                // has one, else against its first version.
                let judge = group
                    .iter()
                    .copied()
                    .find(|&j| versions[j].language == v.language)
                    .unwrap_or(group[0]);
                agreement(v, &versions[judge], vectors.as_deref(), i, judge).map(|score| (score, g))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, g)| g)
            .or_else(|| {
                let parts = Parts {
                    embedder: embedder?,
                    vectors: vectors.as_deref()?,
                    versions: &versions,
                };
                parts.whole_of(i, &groups, &mut clauses)
            });
        match joins {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|group| story_quote(&versions, &group))
        .collect()
}

/// Words at most in a version that may be part of a longer quote (`"якщо буде
/// бажання лідерів … приїхати в Казахстан", то країна надасть …`).
const FRAGMENT_WORDS: usize = 20;

/// What finding a fragment's whole needs: the model, and every version's embedding.
struct Parts<'a> {
    embedder: &'a dyn Embedder,
    vectors: &'a [Vec<f32>],
    versions: &'a [QuoteVersion],
}

impl Parts<'_> {
    /// The group whose first version, in another language, is a partial quotation
    /// of version `i` or has `i` as one: one version translates a clause of the
    /// other, so the fragment belongs to the quote it is part of.
    fn whole_of(
        &self,
        i: usize,
        groups: &[Vec<usize>],
        clauses: &mut HashMap<usize, Vec<Vec<f32>>>,
    ) -> Option<usize> {
        let v = &self.versions[i];
        let mut best: Option<(f32, usize)> = None;
        for (g, group) in groups.iter().enumerate() {
            let head = group[0];
            if self.versions[head].language == v.language
                || !group.iter().all(|&j| speakers_agree(v, &self.versions[j]))
            {
                continue;
            }
            // The shorter is the part, if short enough to be one.
            let words = |k: usize| self.versions[k].text.split_whitespace().count();
            let (part, whole) = if words(i) <= words(head) {
                (i, head)
            } else {
                (head, i)
            };
            if words(part) > FRAGMENT_WORDS {
                continue;
            }
            let Some(mine) = self.vectors.get(part) else {
                continue;
            };
            let text = &self.versions[whole].text;
            let best_clause = clauses
                .entry(whole)
                .or_insert_with(|| self.clause_vectors(text))
                .iter()
                .filter(|c| c.len() == mine.len())
                .map(|c| cosine(c, mine))
                .fold(f32::MIN, f32::max);
            if best_clause >= CROSS_LANGUAGE_COSINE && best.is_none_or(|(b, _)| best_clause > b) {
                best = Some((best_clause, g));
            }
        }
        best.map(|(_, g)| g)
    }

    /// Embeddings of a text's clauses (cut at `, ; :` and sentence ends) of four
    /// words or more, when it has more than one.
    fn clause_vectors(&self, text: &str) -> Vec<Vec<f32>> {
        let parts: Vec<String> = text
            .split([',', ';', ':', '.', '!', '?'])
            .map(str::trim)
            .filter(|p| p.split_whitespace().count() >= 4)
            .map(|p| format!("{QUERY_PREFIX}{p}"))
            .collect();
        if parts.len() < 2 {
            return Vec::new();
        }
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        self.embedder.embed(&refs)
    }
}

fn speakers_agree(a: &QuoteVersion, b: &QuoteVersion) -> bool {
    match (&a.speaker_key, &b.speaker_key) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// How well two versions' words agree, when they agree at all: in one language
/// one plus their token overlap, else the cosine of their embeddings.
fn agreement(
    a: &QuoteVersion,
    b: &QuoteVersion,
    vectors: Option<&[Vec<f32>]>,
    i: usize,
    j: usize,
) -> Option<f32> {
    if a.language == b.language {
        // In one language the embeddings would join statements on one topic. The
        // same words are surer than a translation's embedding: they rank above it.
        let shared = overlap(&a.text, &b.text);
        return (shared >= SAME_LANGUAGE_OVERLAP).then_some(1.0 + shared);
    }
    match (vectors?.get(i), vectors?.get(j)) {
        (Some(x), Some(y)) if x.len() == y.len() && !x.is_empty() => {
            let c = cosine(x, y);
            (c >= CROSS_LANGUAGE_COSINE).then_some(c)
        }
        _ => None,
    }
}

/// Dice coefficient of the two texts' lower-cased word multisets.
pub fn overlap(a: &str, b: &str) -> f32 {
    fn bag(s: &str) -> HashMap<String, u32> {
        let mut m = HashMap::new();
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *m.entry(w.to_lowercase()).or_default() += 1;
        }
        m
    }
    crate::statements::dice(&bag(a), &bag(b))
}

fn story_quote(versions: &[QuoteVersion], group: &[usize]) -> StoryQuote {
    let first = &versions[group[0]];
    let named = group
        .iter()
        .map(|&i| &versions[i])
        .find(|v| v.speaker_key.is_some())
        .unwrap_or(first);
    let mut articles = Vec::new();
    let mut languages = Vec::new();
    for &i in group {
        let v = &versions[i];
        if !articles.contains(&v.article) {
            articles.push(v.article);
        }
        if !languages.contains(&v.language) {
            languages.push(v.language.clone());
        }
    }
    StoryQuote {
        text: first.text.clone(),
        speaker: named.speaker.clone(),
        speaker_key: named.speaker_key.clone(),
        kind: if group.iter().any(|&i| versions[i].kind == QuoteKind::Direct) {
            QuoteKind::Direct
        } else {
            QuoteKind::Indirect
        },
        articles,
        languages,
        first_article: first.article,
        first_outlet: first.outlet.clone(),
        translations: group[1..]
            .iter()
            .map(|&i| Translation {
                article: versions[i].article,
                language: versions[i].language.clone(),
                text: versions[i].text.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str, speaker: Option<&str>, article: i64, language: &str) -> QuoteVersion {
        QuoteVersion {
            text: text.into(),
            speaker: speaker.map(str::to_string),
            speaker_key: speaker.map(|s| s.to_lowercase()),
            kind: QuoteKind::Direct,
            article,
            outlet: Some(format!("outlet {article}")),
            language: language.into(),
        }
    }

    /// An embedder that knows which of its texts are translations of each other.
    struct Translations;

    impl Embedder for Translations {
        fn dim(&self) -> usize {
            2
        }
        fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
            texts
                .iter()
                .map(|t| {
                    let t = t.to_lowercase();
                    if t.contains("ferry") || t.contains("пором") {
                        vec![1.0, 0.0]
                    } else {
                        vec![0.0, 1.0]
                    }
                })
                .collect()
        }
    }

    #[test]
    fn versions_of_one_quote_are_one_with_the_earliest_first() {
        let versions = vec![
            version(
                "The ferry sails again on Thursday morning",
                Some("brandvold"),
                1,
                "en",
            ),
            version("the ferry sails again on Thursday", None, 2, "en"),
            version("Пором знову вийде в четвер", Some("brandvold"), 3, "uk"),
            version(
                "The ferry sails again on Thursday morning",
                Some("nowak"),
                4,
                "en",
            ),
            version(
                "Nobody was hurt in the storm last night",
                Some("brandvold"),
                5,
                "en",
            ),
        ];
        let quotes = group_quotes(versions.clone(), Some(&Translations));
        assert_eq!(quotes.len(), 3, "{quotes:?}");
        let ferry = &quotes[0];
        assert_eq!(ferry.articles, vec![1, 2, 3]);
        assert_eq!(ferry.languages, vec!["en", "uk"]);
        assert_eq!(
            (ferry.first_article, ferry.first_outlet.as_deref()),
            (1, Some("outlet 1"))
        );
        assert_eq!(ferry.speaker_key.as_deref(), Some("brandvold"));
        assert_eq!(ferry.translations.len(), 2);
        assert_eq!(
            quotes[1].articles,
            vec![4],
            "another speaker, another quote"
        );
        // Without a model, a translation stays apart; same-language versions still meet.
        let lexical = group_quotes(versions, None);
        assert_eq!(lexical.len(), 4);
        assert_eq!(lexical[0].articles, vec![1, 2]);
    }

    #[test]
    fn one_statement_does_not_chain_into_the_next() {
        // b shares most words with a, c most with b but few with a: c is its own.
        let versions = vec![
            version(
                "the harbour opens on monday for the fishing fleet",
                None,
                1,
                "en",
            ),
            version(
                "the harbour opens on monday for every ferry line",
                None,
                2,
                "en",
            ),
            version(
                "every ferry line leaves on time from the new pier",
                None,
                3,
                "en",
            ),
        ];
        let quotes = group_quotes(versions, None);
        let articles: Vec<Vec<i64>> = quotes.iter().map(|q| q.articles.clone()).collect();
        assert_eq!(articles, vec![vec![1, 2], vec![3]]);
    }

    #[test]
    fn the_same_words_outrank_a_translation_s_embedding() {
        // The last version meets the Ukrainian quote by embedding and Nowak's by its
        // very words: it is Nowak's.
        let versions = vec![
            version("Пором знову вийде в четвер", Some("brandvold"), 1, "uk"),
            version(
                "the ferry sails on thursday at dawn",
                Some("nowak"),
                2,
                "en",
            ),
            version("the ferry sails on thursday at dawn again", None, 3, "en"),
        ];
        let quotes = group_quotes(versions, Some(&Translations));
        let articles: Vec<Vec<i64>> = quotes.iter().map(|q| q.articles.clone()).collect();
        assert_eq!(articles, vec![vec![1], vec![2, 3]]);
    }

    /// Like [`Translations`], but a text that also speaks of the crew points
    /// elsewhere: a whole quote and a fragment of it are apart as wholes.
    struct Clauses;

    impl Embedder for Clauses {
        fn dim(&self) -> usize {
            2
        }
        fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
            texts
                .iter()
                .zip(Translations.embed(texts))
                .map(|(t, v)| {
                    if t.contains("crew") {
                        vec![0.6, 0.8]
                    } else {
                        v
                    }
                })
                .collect()
        }
    }

    #[test]
    fn a_partial_quotation_in_another_language_joins_the_quote_it_is_part_of() {
        let versions = vec![
            version("Пором знову вийде в четвер", Some("brandvold"), 1, "uk"),
            version(
                "The ferry sails again on Thursday, and the crew will be ready by six",
                Some("brandvold"),
                2,
                "en",
            ),
        ];
        let quotes = group_quotes(versions.clone(), Some(&Clauses));
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(quotes[0].articles, vec![1, 2]);
        // Another speaker's words stay apart, fragment or not.
        let mut other = versions;
        other[1].speaker_key = Some("nowak".into());
        assert_eq!(group_quotes(other, Some(&Clauses)).len(), 2);
    }
}
