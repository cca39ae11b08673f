//! Analysis: [`Article`] → [`AnalyzedArticle`]. Owns language identification,
//! tokenisation, stop words and stemming (lexical terms, prefixed by language), and
//! named entities with cross-script keys. The clusterer consumes only what this
//! crate produces; the multilingual-embedding issue adds an `Embedder` beside it.

mod acronyms;
pub mod ages;
mod bodies;
pub mod entities;
mod german;
mod kana;
mod kinds;
pub mod lang;
mod legal;
pub mod linking;
mod marks;
pub mod names;
mod nouns;
pub mod quotes;
pub mod reported;
mod roles;
mod sentence;
mod sounds;
mod speech;
pub mod tokens;
pub mod ukrainian;

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use storyline_model::Article;

pub use entities::Entity;
pub use lang::detect_language;
pub use quotes::{extract_quotes, Quote, QuoteKind};
pub use storyline_extract::textdates::DateHint;

/// An article with everything the clusterer needs (serialisable, so that a worker
/// can analyse it and another process assign it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedArticle {
    pub article: Article,
    /// ISO 639-1 code (`und` when undetermined).
    pub language: String,
    /// Lexical terms `lang:stem` (and language-neutral `#number`) with their counts.
    pub terms: Vec<(String, f32)>,
    pub entities: Vec<Entity>,
    /// Days of the year the headline and text name (`4 octobre`, `22 грудня`), as
    /// (month, day): the same in every language's report of the event.
    pub days: Vec<(u32, u32)>,
    /// Full dates the headline and lead name (with a year): a follow-up names the day
    /// of the event it follows.
    pub dates: Vec<chrono::NaiveDate>,
    /// When the page says only roughly when it was published (an ambiguous or
    /// yearless dateline, a URL's year and month): used where `article.published`
    /// is missing.
    pub published_hint: Option<DateHint>,
    /// Ages the text gives named people, as (name key, age).
    pub ages: Vec<(String, u32)>,
}

/// The rough publication time of an article without a full date, from its headline,
/// first lines and URL.
fn publication_hint(article: &Article) -> Option<DateHint> {
    if article.published.is_some() {
        return None;
    }
    let lines = article
        .title
        .as_deref()
        .into_iter()
        .chain(article.text.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty());
    storyline_extract::textdates::publication_hint(article.url.as_deref(), lines)
}

/// Characters of text, after the headline, searched for the days it names: reports
/// date their event in the lead; days further down are mostly background.
const DAYS_LEAD_CHARS: usize = 1000;

/// Analysis settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AnalyzeConfig {
    /// Extra weight of title words over body words.
    pub title_weight: f32,
    /// Characters kept by the prefix stemmer used where no Snowball stemmer exists.
    pub prefix_stem_chars: usize,
}

impl Default for AnalyzeConfig {
    fn default() -> Self {
        AnalyzeConfig {
            title_weight: 2.0,
            prefix_stem_chars: 6,
        }
    }
}

impl AnalyzeConfig {
    pub fn build(self) -> Analyzer {
        Analyzer::new(self)
    }
}

/// Stateless per-article analysis; build once, share freely.
pub struct Analyzer {
    config: AnalyzeConfig,
    stemmers: HashMap<&'static str, Stemmer>,
    stopwords: HashMap<String, HashSet<&'static str>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        AnalyzeConfig::default().build()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("config", &self.config)
            .finish()
    }
}

const SNOWBALL: &[(&str, Algorithm)] = &[
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("nl", Algorithm::Dutch),
    ("en", Algorithm::English),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("es", Algorithm::Spanish),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

impl Analyzer {
    fn new(config: AnalyzeConfig) -> Self {
        let stemmers = SNOWBALL
            .iter()
            .map(|(code, alg)| (*code, Stemmer::create(*alg)))
            .collect();
        let stopwords = stop_words::available_languages()
            .iter()
            .filter_map(|code| {
                let words = stop_words::lookup(code)?;
                Some((code.to_string(), words.iter().copied().collect()))
            })
            .collect();
        Analyzer {
            config,
            stemmers,
            stopwords,
        }
    }

    /// Detects the article's language (a declared one counts when detection is
    /// unsure) and analyses it in that language.
    pub fn analyze(&self, article: Article) -> AnalyzedArticle {
        let title = article.title.as_deref().unwrap_or("");
        let sample = format!("{title}\n{}", article.text);
        let language = detect_language(&sample, article.declared_language.as_deref())
            .unwrap_or_else(|| "und".to_string());
        self.analyze_in(article, language)
    }

    /// Analyses an article in a language already determined (by an earlier
    /// [`Analyzer::analyze`] of the same text), skipping detection.
    pub fn analyze_in(&self, article: Article, language: String) -> AnalyzedArticle {
        let title = article.title.as_deref().unwrap_or("");
        let stop = self.stopwords.get(&language);
        let is_stopword = |w: &str| stop.is_some_and(|s| s.contains(w));
        let body_words = tokens::words(&article.text);
        let mut terms: HashMap<String, f32> = HashMap::new();
        for w in &body_words {
            self.add_term(&mut terms, &language, w.text, 1.0, &is_stopword);
        }
        for w in tokens::words(title) {
            self.add_term(
                &mut terms,
                &language,
                w.text,
                self.config.title_weight,
                &is_stopword,
            );
        }
        // Headlines name the main actors; they enter as one more sentence.
        let mut name_words = tokens::words(title);
        tokens::mark_title(&mut name_words);
        name_words.extend(body_words.iter().cloned());
        // Where every noun has a capital, the article's common nouns are no names.
        let stem = |w: &str| self.stem(&language, w);
        let nouns =
            nouns::capitalises_nouns(&language).then(|| nouns::CommonNouns::of(&name_words, &stem));
        let never_a_name = |w: &str| {
            legal::is_legal_form(w) || nouns.as_ref().is_some_and(|n| n.contains(w, &stem))
        };
        let mut entities = entities::extract_entities(&name_words, &is_stopword, &never_a_name);
        let all_text = format!("{title}\n{}", article.text);
        entities::add_titled(&mut entities, roles::titled_names(&all_text, &is_stopword));
        legal::add_legal_names(&mut entities, &all_text);
        let mut terms: Vec<(String, f32)> = terms.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let lead: String = article.text.chars().take(DAYS_LEAD_CHARS).collect();
        let head = format!("{title}\n{lead}");
        let days = storyline_extract::textdates::mentioned_days(&head);
        let dates = storyline_extract::textdates::mentioned_dates(&head);
        let published_hint = publication_hint(&article);
        let ages = ages::stated_ages([title, article.text.as_str()], &is_stopword);
        AnalyzedArticle {
            article,
            language,
            terms,
            entities,
            days,
            dates,
            published_hint,
            ages,
        }
    }

    fn add_term(
        &self,
        terms: &mut HashMap<String, f32>,
        language: &str,
        word: &str,
        weight: f32,
        is_stopword: &dyn Fn(&str) -> bool,
    ) {
        let lower = word.to_lowercase();
        if lower.chars().all(|c| c.is_ascii_digit()) {
            // Numbers (years, counts, ordinals) read the same in every language.
            if (2..=8).contains(&lower.len()) {
                *terms.entry(format!("#{lower}")).or_default() += weight;
            }
            return;
        }
        if lower.chars().count() < 2 || is_stopword(&lower) {
            return;
        }
        let stem = self.stem(language, &lower);
        *terms.entry(format!("{language}:{stem}")).or_default() += weight;
    }

    /// Who said what in an analysed article: direct quotes, then reported speech in
    /// the sentences without one.
    pub fn quotes(&self, doc: &AnalyzedArticle) -> Vec<Quote> {
        let stop = self.stopwords.get(&doc.language);
        let is_stopword = |w: &str| stop.is_some_and(|s| s.contains(w));
        let cx = quotes::Context {
            entities: &doc.entities,
            is_stopword: &is_stopword,
            language: &doc.language,
        };
        let text = &doc.article.text;
        let all = quotes::direct_quotes(text, &cx);
        let openings: Vec<String> = all
            .iter()
            .map(|q| q.text.chars().take(40).collect())
            .collect();
        // A sentence that begins inside a direct quote is no reported speech of its
        // own; one that opens a direct quote is, when the quote is only a few of
        // its words (`X says the tweets were “unhinged, even for him.”`).
        let inside = |start: usize, end: usize| {
            text.get(start..end).is_some_and(|s| {
                let head: String = s
                    .trim_start_matches(|c: char| c.is_whitespace() || "\"“”«»„".contains(c))
                    .chars()
                    .take(40)
                    .collect();
                head.chars().count() >= 20 && all.iter().any(|q| q.text.contains(&head))
            })
        };
        let opens = |start: usize, end: usize| {
            text.get(start..end)
                .is_some_and(|s| openings.iter().any(|o| s.contains(o.as_str())))
        };
        let (mixed, plain): (Vec<_>, Vec<_>) = reported::reported_speech(text, &cx, &inside)
            .into_iter()
            .partition(|(sentence, _)| opens(sentence.start, sentence.end));
        let all = quotes::absorb_fragments(all, mixed.into_iter().map(|(_, q)| q).collect());
        all.into_iter()
            .chain(plain.into_iter().map(|(_, q)| q))
            .collect()
    }

    /// Snowball where it exists, our light stemmer for Ukrainian, otherwise a prefix
    /// stem for alphabetic scripts.
    pub fn stem(&self, language: &str, lower: &str) -> String {
        if let Some(stemmer) = self.stemmers.get(language) {
            return stemmer.stem(lower).into_owned();
        }
        if language == "uk" {
            return ukrainian::stem(lower);
        }
        let chars = lower.chars().count();
        if chars > self.config.prefix_stem_chars && lower.chars().all(char::is_alphabetic) {
            lower.chars().take(self.config.prefix_stem_chars).collect()
        } else {
            lower.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, text: &str) -> Article {
        Article {
            title: Some(title.into()),
            ..Article::from_text("t", text)
        }
    }

    #[test]
    fn analysing_in_the_detected_language_gives_the_same_result() {
        let analyzer = Analyzer::default();
        let text = "Президент Казахстану запропонував провести переговори в Астані. \
                    Зеленський подякував за пропозицію.";
        let detected = analyzer.analyze(article("Переговори в Астані", text));
        let replayed = analyzer.analyze_in(
            article("Переговори в Астані", text),
            detected.language.clone(),
        );
        assert_eq!(detected.language, "uk");
        assert_eq!(detected.terms, replayed.terms);
        assert_eq!(detected.entities, replayed.entities);
    }

    #[test]
    fn a_direct_quote_s_later_sentence_is_not_reported_speech_again() {
        let analyzer = Analyzer::default();
        let doc = analyzer.analyze(article(
            "Ferry",
            "Marit Solheim spoke at the harbour on Monday. \"The ferry sails at dawn. \
             We said that the crew would be ready by six,\" Marit Solheim said.",
        ));
        let quotes = analyzer.quotes(&doc);
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
    }

    #[test]
    fn a_few_quoted_words_in_reported_speech_are_one_indirect_quote() {
        let analyzer = Analyzer::default();
        let doc = analyzer.analyze(article(
            "Ferry",
            "Marit Solheim says the new timetable for the island ferries is “a gift to the coast.”\n\n\
             Jonas Eide said “the ferry will sail every hour from the north pier”.",
        ));
        let quotes = analyzer.quotes(&doc);
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        let mixed = quotes
            .iter()
            .find(|q| q.text.contains("timetable"))
            .unwrap();
        assert_eq!(mixed.kind, QuoteKind::Indirect, "{quotes:?}");
        assert!(mixed.text.contains("a gift to the coast"), "{quotes:?}");
        assert_eq!(mixed.speaker.as_deref(), Some("Marit Solheim"));
        // Mostly quoted: the direct quote stays.
        let quoted = quotes
            .iter()
            .find(|q| q.text.contains("north pier"))
            .unwrap();
        assert_eq!(quoted.kind, QuoteKind::Direct, "{quotes:?}");
        // A clause read over a sentence end the splitter missed is not one.
        let doc = analyzer.analyze(article(
            "Crane",
            "Nobody was hurt, but the terminal stays closed until Wednesday. <b> \
             “We will inspect every crane,” Ilse Brandvold said.",
        ));
        let quotes = analyzer.quotes(&doc);
        assert!(
            quotes
                .iter()
                .any(|q| q.kind == QuoteKind::Direct && q.text.starts_with("We will inspect")),
            "{quotes:?}"
        );
    }

    #[test]
    fn english_terms_are_stemmed_without_stopwords() {
        let a = Analyzer::default().analyze(article(
            "Bridges closed",
            "The engineers closed the bridges over the river in 2025 after the floods.",
        ));
        assert_eq!(a.language, "en");
        let terms: Vec<&str> = a.terms.iter().map(|(t, _)| t.as_str()).collect();
        assert!(terms.contains(&"en:bridg"), "{terms:?}");
        assert!(terms.contains(&"#2025"), "{terms:?}");
        assert!(!terms.contains(&"en:the"), "{terms:?}");
        let closed = a
            .terms
            .iter()
            .find(|(t, _)| t == "en:close")
            .map(|(_, w)| *w);
        assert_eq!(closed, Some(3.0), "title words count double");
    }

    #[test]
    fn ukrainian_uses_its_own_stemmer_and_finds_names() {
        let a = Analyzer::default().analyze(article(
            "",
            "Президент Касим-Жомарт Токаєв заявив, що Казахстан готовий надати майданчик для переговорів.",
        ));
        assert_eq!(a.language, "uk");
        let terms: Vec<&str> = a.terms.iter().map(|(t, _)| t.as_str()).collect();
        assert!(terms.contains(&"uk:переговор"), "{terms:?}");
        let keys: Vec<&str> = a
            .entities
            .iter()
            .flat_map(|e| e.keys.iter().map(String::as_str))
            .collect();
        assert!(keys.contains(&"tkv"), "{keys:?}");
        assert!(keys.contains(&"kzkstn"), "{keys:?}");
    }
}
