//! An in-memory [`Store`] with the same semantics as the SQLite one, for tests and
//! for the engine's store-less runs.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;

use crate::{
    combine_stories, merge_into_story, ArticleKey, Counts, InsertOutcome, NewArticle, SavedState,
    SourceAndUrl, Store, StoreError, StoredArticle, StoredEmbedding, StoryDetail, StoryId,
    StoryQuery, StorySummary, WatchLog, WatchRecord,
};

#[derive(Debug)]
pub struct MemoryStore {
    articles: Vec<StoredArticle>,
    /// Per content hash, every article with it and whether it has a URL.
    by_hash: HashMap<String, Vec<(ArticleKey, bool)>>,
    by_url: HashMap<String, ArticleKey>,
    stories: BTreeMap<StoryId, StorySummary>,
    aliases: HashMap<StoryId, StoryId>,
    links: Vec<(StoryId, StoryId)>,
    identity: String,
    states: HashMap<String, SavedState>,
    watch: BTreeMap<(String, String), WatchRecord>,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore {
            articles: Vec::new(),
            by_hash: HashMap::new(),
            by_url: HashMap::new(),
            stories: BTreeMap::new(),
            aliases: HashMap::new(),
            links: Vec::new(),
            identity: crate::new_identity(),
            states: HashMap::new(),
            watch: BTreeMap::new(),
        }
    }
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// The stories `query` admits, in no order.
    fn matching<'a>(&'a self, query: &'a StoryQuery) -> impl Iterator<Item = &'a StorySummary> {
        let from_outlet = move |id: StoryId| {
            query.outlet.as_ref().is_none_or(|o| {
                self.articles
                    .iter()
                    .any(|a| a.story == id && a.article.source.as_ref() == Some(o))
            })
        };
        self.stories
            .values()
            .filter(move |s| query.admits(s) && from_outlet(s.id))
    }
}

impl Store for MemoryStore {
    fn find_duplicate(
        &self,
        url: Option<&str>,
        content_hash: &str,
    ) -> Result<Option<ArticleKey>, StoreError> {
        if let Some(key) = url.and_then(|u| self.by_url.get(u)) {
            return Ok(Some(*key));
        }
        let same_text = self.by_hash.get(content_hash).into_iter().flatten();
        Ok(same_text
            .filter(|(_, has_url)| url.is_none() || !has_url)
            .map(|(key, _)| *key)
            .next())
    }

    fn insert_article(&mut self, new: &NewArticle) -> Result<InsertOutcome, StoreError> {
        if let Some(key) = self.find_duplicate(new.article.url.as_deref(), &new.content_hash)? {
            return Ok(InsertOutcome::Duplicate(key));
        }
        let now = Utc::now();
        let key = self.articles.len() as ArticleKey + 1;
        let story = merge_into_story(self.stories.get(&new.story).cloned(), new, now);
        self.stories.insert(new.story, story);
        self.by_hash
            .entry(new.content_hash.clone())
            .or_default()
            .push((key, new.article.url.is_some()));
        if let Some(url) = &new.article.url {
            self.by_url.insert(url.clone(), key);
        }
        self.articles.push(StoredArticle {
            key,
            story: new.story,
            language: new.language.clone(),
            ingested_at: now,
            article: new.article.clone(),
            embedding: new.embedding.clone(),
            copy_of: new.copy_of.clone(),
        });
        for related in &new.related {
            if !self.links.contains(&(new.story, *related)) {
                self.links.push((new.story, *related));
            }
        }
        Ok(InsertOutcome::Inserted(key))
    }

    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StorySummary>, StoreError> {
        let mut all: Vec<StorySummary> = self.matching(query).cloned().collect();
        all.sort_by(|a, b| b.last_activity.cmp(&a.last_activity).then(b.id.cmp(&a.id)));
        Ok(all
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .collect())
    }

    fn count_stories(&self, query: &StoryQuery) -> Result<u64, StoreError> {
        Ok(self.matching(query).count() as u64)
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryDetail>, StoreError> {
        let id = self.aliases.get(&id).copied().unwrap_or(id);
        let Some(summary) = self.stories.get(&id).cloned() else {
            return Ok(None);
        };
        let mut articles: Vec<StoredArticle> = self
            .articles
            .iter()
            .filter(|a| a.story == id)
            .cloned()
            .collect();
        articles.sort_by(|a, b| {
            a.article
                .published
                .cmp(&b.article.published)
                .then(a.key.cmp(&b.key))
        });
        let mut related: Vec<StoryId> = self
            .links
            .iter()
            .filter_map(|(a, b)| match (*a == id, *b == id) {
                (true, false) => Some(*b),
                (false, true) => Some(*a),
                _ => None,
            })
            .map(|other| self.aliases.get(&other).copied().unwrap_or(other))
            .filter(|other| *other != id)
            .collect();
        related.sort_unstable();
        related.dedup();
        Ok(Some(StoryDetail {
            summary,
            articles,
            related,
        }))
    }

    fn embeddings_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        Ok(self
            .articles
            .iter()
            .filter(|a| a.key > key)
            .filter_map(|a| {
                a.embedding.clone().map(|embedding| StoredEmbedding {
                    key: a.key,
                    language: a.language.clone(),
                    embedding,
                })
            })
            .take(limit)
            .collect())
    }

    fn articles_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        Ok(self
            .articles
            .iter()
            .filter(|a| a.key > key)
            .take(limit)
            .cloned()
            .collect())
    }

    fn story_sources(&self, id: StoryId) -> Result<Vec<SourceAndUrl>, StoreError> {
        Ok(self
            .articles
            .iter()
            .filter(|a| a.story == id)
            .map(|a| (a.article.source.clone(), a.article.url.clone()))
            .collect())
    }

    fn article(&self, key: ArticleKey) -> Result<Option<StoredArticle>, StoreError> {
        Ok(usize::try_from(key)
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|i| self.articles.get(i))
            .cloned())
    }

    fn stories_of_articles(
        &self,
        keys: &[ArticleKey],
    ) -> Result<std::collections::HashMap<ArticleKey, StoryId>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for &key in keys {
            if let Some(a) = self.article(key)? {
                out.insert(key, a.story);
            }
        }
        Ok(out)
    }

    fn recent_articles(&self, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        let start = self.articles.len().saturating_sub(limit);
        Ok(self.articles[start..].to_vec())
    }

    fn max_story_id(&self) -> Result<Option<StoryId>, StoreError> {
        let stories = self.stories.keys().next_back().copied();
        Ok(stories.max(self.aliases.keys().max().copied()))
    }

    fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<(), StoreError> {
        if from == into {
            return Ok(());
        }
        if let Some(gone) = self.stories.remove(&from) {
            let combined = match self.stories.remove(&into) {
                Some(kept) => combine_stories(kept, gone),
                None => StorySummary { id: into, ..gone },
            };
            self.stories.insert(into, combined);
        }
        for a in self.articles.iter_mut().filter(|a| a.story == from) {
            a.story = into;
        }
        for (a, b) in &mut self.links {
            for end in [a, b] {
                if *end == from {
                    *end = into;
                }
            }
        }
        self.links.retain(|(a, b)| a != b);
        for target in self.aliases.values_mut().filter(|t| **t == from) {
            *target = into;
        }
        self.aliases.insert(from, into);
        Ok(())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        Ok(Counts {
            articles: self.articles.len() as u64,
            stories: self.stories.len() as u64,
        })
    }

    fn identity(&self) -> Result<String, StoreError> {
        Ok(self.identity.clone())
    }

    fn saved_state(&self, name: &str) -> Result<Option<SavedState>, StoreError> {
        Ok(self.states.get(name).cloned())
    }

    fn save_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError> {
        self.states.insert(name.to_string(), state.clone());
        Ok(())
    }
}

impl WatchLog for MemoryStore {
    fn watch_records(&self, kind: &str) -> Result<Vec<WatchRecord>, StoreError> {
        Ok(self
            .watch
            .values()
            .filter(|r| r.kind == kind)
            .cloned()
            .collect())
    }

    fn watch_record(&self, kind: &str, key: &str) -> Result<Option<WatchRecord>, StoreError> {
        Ok(self
            .watch
            .get(&(kind.to_string(), key.to_string()))
            .cloned())
    }

    fn save_watch_record(&mut self, kind: &str, key: &str, state: &str) -> Result<(), StoreError> {
        let record = WatchRecord {
            kind: kind.to_string(),
            key: key.to_string(),
            state: state.to_string(),
            updated_at: Utc::now(),
        };
        self.watch
            .insert((kind.to_string(), key.to_string()), record);
        Ok(())
    }

    fn delete_watch_record(&mut self, kind: &str, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .watch
            .remove(&(kind.to_string(), key.to_string()))
            .is_some())
    }
}
