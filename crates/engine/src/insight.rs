//! What a story's articles say together: who is named (merged across scripts by
//! name key), who said what (quotes with the article they come from), and what each
//! outlet names that no other outlet does. Computed from stored articles on demand.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use storyline_analyze::Analyzer;
use storyline_store::{StoredArticle, StoryDetail};

/// A name across the story's articles.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NamedEntity {
    /// The most frequent spelling.
    pub name: String,
    /// Other spellings (other scripts and transliterations).
    pub variants: Vec<String>,
    pub mentions: u32,
    pub articles: u32,
}

/// A quotation and where it was published.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourcedQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub article: i64,
    pub outlet: String,
    pub language: String,
}

/// Names only one outlet mentions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutletAddition {
    pub outlet: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoryInsight {
    pub entities: Vec<NamedEntity>,
    pub quotes: Vec<SourcedQuote>,
    pub outlet_additions: Vec<OutletAddition>,
}

/// The outlet an article came from: its source, else its URL's host.
pub fn outlet_of(a: &StoredArticle) -> String {
    outlet_name(a.article.source.as_deref(), a.article.url.as_deref())
}

/// An outlet from an article's source and URL.
pub fn outlet_name(source: Option<&str>, url: Option<&str>) -> String {
    source
        .map(str::to_string)
        .or_else(|| {
            url.and_then(|u| u.split("://").nth(1))
                .and_then(|rest| rest.split('/').next())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "unknown outlet".into())
}

/// Names kept in the list.
const MAX_ENTITIES: usize = 30;

pub fn story_insight(analyzer: &Analyzer, story: &StoryDetail) -> StoryInsight {
    // Per name key group: spellings with counts, articles, outlets.
    struct Group {
        spellings: BTreeMap<String, u32>,
        mentions: u32,
        articles: HashSet<i64>,
        outlets: HashSet<String>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut quotes = Vec::new();
    for stored in &story.articles {
        let mut article = stored.article.clone();
        article.declared_language = Some(stored.language.clone());
        let doc = analyzer.analyze(article);
        let outlet = outlet_of(stored);
        for e in &doc.entities {
            // The last word's key: "Ilse Brandvold", "Brandvold" and "Брандвольд" meet.
            let Some(key) = e.keys.last().cloned() else {
                continue;
            };
            let index = *by_key.entry(key).or_insert_with(|| {
                groups.push(Group {
                    spellings: BTreeMap::new(),
                    mentions: 0,
                    articles: HashSet::new(),
                    outlets: HashSet::new(),
                });
                groups.len() - 1
            });
            let g = &mut groups[index];
            *g.spellings.entry(e.text.clone()).or_default() += e.count;
            g.mentions += e.count;
            g.articles.insert(stored.key);
            g.outlets.insert(outlet.clone());
        }
        for q in analyzer.quotes(&doc) {
            quotes.push(SourcedQuote {
                text: q.text,
                speaker: q.speaker,
                article: stored.key,
                outlet: outlet.clone(),
                language: stored.language.clone(),
            });
        }
    }
    let outlets: HashSet<&String> = groups.iter().flat_map(|g| &g.outlets).collect();
    let mut additions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if outlets.len() > 1 {
        for g in &groups {
            if g.outlets.len() == 1 && g.mentions >= 1 {
                if let (Some(outlet), Some(name)) =
                    (g.outlets.iter().next(), best_spelling(g.spellings.iter()))
                {
                    additions.entry(outlet.clone()).or_default().push(name);
                }
            }
        }
    }
    let mut entities: Vec<NamedEntity> = groups
        .iter()
        .filter_map(|g| {
            let name = best_spelling(g.spellings.iter())?;
            Some(NamedEntity {
                variants: g
                    .spellings
                    .keys()
                    .filter(|s| **s != name)
                    .cloned()
                    .collect(),
                name,
                mentions: g.mentions,
                articles: g.articles.len() as u32,
            })
        })
        .collect();
    entities.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    entities.truncate(MAX_ENTITIES);
    StoryInsight {
        entities,
        quotes,
        outlet_additions: additions
            .into_iter()
            .map(|(outlet, names)| OutletAddition { outlet, names })
            .collect(),
    }
}

fn best_spelling<'a>(spellings: impl Iterator<Item = (&'a String, &'a u32)>) -> Option<String> {
    spellings
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
}
