//! What a story's articles say together: who is named (merged across scripts by
//! name key), who said what (quotes with the article they come from), a summary,
//! and what each report alone says or contradicts. Computed from stored articles on
//! demand.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use storyline_analyze::entities::{Entity, EntityKind, KindVotes};
use storyline_analyze::linking::{script_of, EntityLinker, Resolution};
use storyline_analyze::names::name_form;
use storyline_analyze::Analyzer;
use storyline_embed::Embedder;
use storyline_store::{StoredArticle, StoryDetail};

use crate::compare::{compare, ArticleCoverage, Name};
use crate::digest::{digest, SummaryVersion};
use crate::quote_groups::{group_quotes, QuoteVersion, StoryQuote};

/// A name across the story's articles.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct NamedEntity {
    /// The most frequent spelling.
    pub name: String,
    pub kind: EntityKind,
    /// The same for every spelling, inflection and script of the name.
    pub key: String,
    /// Other spellings (other scripts and transliterations).
    pub variants: Vec<String>,
    pub mentions: u32,
    pub articles: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct StoryInsight {
    pub entities: Vec<NamedEntity>,
    /// Each quote once, with every article and language that carries it.
    pub quotes: Vec<StoryQuote>,
    /// What each article says that no other does, and where it contradicts another.
    pub coverage: Vec<ArticleCoverage>,
    /// The summary's sentences with their versions in every language (the reader's
    /// version is picked by [`crate::digest::summary_for`]).
    #[serde(skip)]
    pub digest: Vec<Vec<SummaryVersion>>,
}

/// The outlet an article came from: its source, else its URL's host; `None` (null
/// in JSON) when it has neither.
pub fn outlet_of(a: &StoredArticle) -> Option<String> {
    outlet_name(a.article.source.as_deref(), a.article.url.as_deref())
}

/// An outlet from an article's source and URL.
pub fn outlet_name(source: Option<&str>, url: Option<&str>) -> Option<String> {
    source.map(str::to_string).or_else(|| {
        url.and_then(|u| u.split("://").nth(1))
            .and_then(|rest| rest.split('/').next())
            .filter(|host| !host.is_empty())
            .map(str::to_string)
    })
}

/// How a page names an outlet that is not known.
pub fn outlet_label(outlet: Option<&str>) -> &str {
    outlet.unwrap_or("unknown outlet")
}

/// Names kept in the list.
const MAX_ENTITIES: usize = 30;

/// One entity's mentions across the story.
struct Group {
    key: String,
    spellings: BTreeMap<String, u32>,
    kinds: KindVotes,
    mentions: u32,
    articles: HashSet<i64>,
}

impl Group {
    fn new(key: String) -> Self {
        Group {
            key,
            spellings: BTreeMap::new(),
            kinds: KindVotes::default(),
            mentions: 0,
            articles: HashSet::new(),
        }
    }

    fn add(&mut self, e: &Entity, article: i64) {
        *self.spellings.entry(e.text.clone()).or_default() += e.count;
        self.kinds.add(e.kind, e.count);
        self.mentions += e.count;
        self.articles.insert(article);
    }

    fn absorb(&mut self, other: Group) {
        for (spelling, n) in other.spellings {
            *self.spellings.entry(spelling).or_default() += n;
        }
        self.kinds.merge(&other.kinds);
        self.mentions += other.mentions;
        self.articles.extend(other.articles);
    }
}

/// Groups whose keys resolve to one entity, as one group.
fn merge_groups(groups: Vec<Group>, resolution: &Resolution) -> Vec<Group> {
    let mut merged: Vec<Group> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for mut g in groups {
        g.key = resolution.resolve(&g.key);
        match at.get(&g.key) {
            Some(&i) => merged[i].absorb(g),
            None => {
                at.insert(g.key.clone(), merged.len());
                merged.push(g);
            }
        }
    }
    merged
}

/// The story's articles, earliest published first (undated ones last, by key).
fn earliest_first(articles: &[StoredArticle]) -> Vec<&StoredArticle> {
    let mut sorted: Vec<&StoredArticle> = articles.iter().collect();
    sorted.sort_by_key(|a| (a.article.published.is_none(), a.article.published, a.key));
    sorted
}

/// The article's entity a speaker names: the same text, or the entity whose text
/// the speaker contains ("Kazakh President Tokayev" → "Tokayev").
fn speaker_entity<'a>(entities: &'a [Entity], speaker: &str) -> Option<&'a Entity> {
    entities
        .iter()
        .find(|e| e.text == speaker)
        .or_else(|| {
            entities
                .iter()
                .filter(|e| speaker.contains(&e.text))
                .max_by_key(|e| e.text.len())
        })
        .or_else(|| role_holder(entities, speaker))
}

/// The person a role speaks for ("the Kazakh President", "the president"): the
/// name the article gave with that role ("Kazakh President Kassym-Jomart Tokayev"),
/// the most mentioned if several.
fn role_holder<'a>(entities: &'a [Entity], role: &str) -> Option<&'a Entity> {
    let role = role.to_lowercase();
    let role = role.strip_prefix("the ").unwrap_or(&role).trim();
    if role.split_whitespace().count() == 0 {
        return None;
    }
    entities
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Person
                && e.text.split_whitespace().count() > role.split_whitespace().count()
        })
        .filter(|e| e.text.to_lowercase().contains(role))
        .max_by_key(|e| (e.count, e.text.len()))
}

/// What the story's articles say together; with an embedder, a quote's versions in
/// other languages are found too.
pub fn story_insight(
    analyzer: &Analyzer,
    embedder: Option<&dyn Embedder>,
    story: &StoryDetail,
) -> StoryInsight {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut linker = EntityLinker::new();
    let mut versions = Vec::new();
    let mut names: HashMap<i64, Vec<Name>> = HashMap::new();
    for stored in earliest_first(&story.articles) {
        let mut article = stored.article.clone();
        article.declared_language = Some(stored.language.clone());
        let doc = analyzer.analyze(article);
        for e in &doc.entities {
            let Some(key) = linker.key(e) else {
                continue;
            };
            let index = *by_key.entry(key.clone()).or_insert_with(|| {
                groups.push(Group::new(key));
                groups.len() - 1
            });
            groups[index].add(e, stored.key);
            let key = groups[index].key.clone();
            names.entry(stored.key).or_default().push(Name {
                text: e.text.clone(),
                kind: e.kind,
                key,
            });
        }
        versions.extend(quote_versions(analyzer, &doc, stored, &mut linker));
    }
    // Names in other scripts are matched once the whole story is read.
    let resolution = linker.resolve();
    let groups = merge_groups(groups, &resolution);
    for v in &mut versions {
        if let Some(key) = &mut v.speaker_key {
            *key = resolution.resolve(key);
        }
    }
    for name in names.values_mut().flatten() {
        name.key = resolution.resolve(&name.key);
    }
    let statements = crate::statements::statements(story, embedder);
    let quotes = group_quotes(versions, embedder);
    let entities = named_entities(&groups);
    StoryInsight {
        entities,
        quotes,
        coverage: compare(story, &statements, &names),
        digest: digest(story, &statements),
    }
}

/// An article's quotes, each with its speaker's entity key.
fn quote_versions(
    analyzer: &Analyzer,
    doc: &storyline_analyze::AnalyzedArticle,
    stored: &StoredArticle,
    linker: &mut EntityLinker,
) -> Vec<QuoteVersion> {
    let outlet = outlet_of(stored);
    analyzer
        .quotes(doc)
        .into_iter()
        .map(|q| QuoteVersion {
            speaker_key: q
                .speaker
                .as_deref()
                .and_then(|s| speaker_entity(&doc.entities, s))
                .and_then(|e| linker.key(e)),
            text: q.text,
            speaker: q.speaker,
            kind: q.kind,
            article: stored.key,
            outlet: outlet.clone(),
            language: stored.language.clone(),
        })
        .collect()
}

/// The story's names, most widely reported first, at most [`MAX_ENTITIES`].
fn named_entities(groups: &[Group]) -> Vec<NamedEntity> {
    let mut entities: Vec<NamedEntity> = groups
        .iter()
        .filter_map(|g| {
            let name = best_spelling(g.spellings.iter())?;
            Some(NamedEntity {
                kind: g.kinds.winner(),
                key: g.key.clone(),
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
    entities
}

/// The name an entity is shown by. Its spellings pool their mentions by the form
/// of their last word without its case ending (`Путіну`, `Путіна`, `Володимира
/// Путіна` and `Putin` are one form) and the most mentioned form wins; its most
/// mentioned spelling gives way to the shortest of as many words in its script,
/// which in an inflecting language is the nominative (`Путін` for `Путіну`, `Зеленський` for
/// `Зеленського`).
fn best_spelling<'a>(spellings: impl Iterator<Item = (&'a String, &'a u32)>) -> Option<String> {
    let spellings: Vec<(&String, u32)> = spellings.map(|(s, n)| (s, *n)).collect();
    let form = |s: &str| {
        s.split_whitespace()
            .last()
            .map(name_form)
            .unwrap_or_default()
    };
    // Per form: its mentions, and its first spelling in order (ties go to it).
    let mut pooled: HashMap<String, (u32, &String)> = HashMap::new();
    for (s, n) in &spellings {
        let entry = pooled.entry(form(s)).or_insert((0, s));
        entry.0 += n;
        entry.1 = entry.1.min(s);
    }
    let (best_form, _) = pooled
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(a.1 .1)))?;
    let of_form: Vec<(&String, u32)> = spellings
        .into_iter()
        .filter(|(s, _)| form(s) == best_form)
        .collect();
    let shape = |s: &str| (s.split_whitespace().count(), script_of(s));
    let most = of_form
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(s, _)| shape(s))?;
    of_form
        .into_iter()
        .filter(|(s, _)| shape(s) == most)
        .min_by(|a, b| (a.0.chars().count(), b.1, a.0).cmp(&(b.0.chars().count(), a.1, b.0)))
        .map(|(s, _)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::{best_spelling, outlet_label, outlet_name};

    #[test]
    fn an_outlet_is_its_source_else_its_host_else_none() {
        assert_eq!(
            outlet_name(Some("Coast Herald"), Some("https://coast.example/a")).as_deref(),
            Some("Coast Herald")
        );
        assert_eq!(
            outlet_name(None, Some("https://coast.example/a")).as_deref(),
            Some("coast.example")
        );
        assert_eq!(outlet_name(None, Some("no url at all")), None);
        assert_eq!(outlet_name(None, Some("https:///path")), None);
        assert_eq!(outlet_name(None, None), None);
        assert_eq!(outlet_label(None), "unknown outlet");
    }

    fn best(spellings: &[(&str, u32)]) -> String {
        let owned: Vec<(String, u32)> =
            spellings.iter().map(|(s, n)| (s.to_string(), *n)).collect();
        best_spelling(owned.iter().map(|(s, n)| (s, n))).unwrap_or_default()
    }

    #[test]
    fn an_inflected_form_gives_way_to_the_nominative_of_its_script() {
        assert_eq!(
            best(&[("Путіну", 3), ("Путін", 1), ("Путіним", 1), ("Putin", 1)]),
            "Путін"
        );
        assert_eq!(
            best(&[("Зеленського", 2), ("Зеленський", 1), ("Zelensky", 2)]),
            "Зеленський"
        );
    }

    #[test]
    fn a_longer_name_keeps_its_words_and_other_names_stay_apart() {
        assert_eq!(best(&[("Fox News", 3), ("News", 1)]), "Fox News");
        assert_eq!(best(&[("Kazakhstan", 5), ("Казахстан", 4)]), "Kazakhstan");
    }
}
