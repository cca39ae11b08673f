//! Any store behind one type: [`Backend`] is what the binary opens from
//! `--data` or `--store URL`, and a boxed one is a [`Store`] and a [`WatchLog`]
//! itself, so the engine runs over it unchanged.

use crate::{
    ArticleKey, Counts, InsertOutcome, NewArticle, SavedState, SourceAndUrl, Store, StoreError,
    StoredArticle, StoredEmbedding, StoryDetail, StoryId, StoryQuery, StorySummary, WatchLog,
    WatchRecord,
};

/// A store for articles and for the watcher's records, movable to the thread that
/// stores while the next documents are analysed.
pub trait Backend: Store + WatchLog + Send {}

impl<T: Store + WatchLog + Send> Backend for T {}

impl<S: Store + ?Sized> Store for Box<S> {
    fn find_duplicate(
        &self,
        url: Option<&str>,
        content_hash: &str,
    ) -> Result<Option<ArticleKey>, StoreError> {
        (**self).find_duplicate(url, content_hash)
    }
    fn insert_article(&mut self, article: &NewArticle) -> Result<InsertOutcome, StoreError> {
        (**self).insert_article(article)
    }
    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StorySummary>, StoreError> {
        (**self).find_stories(query)
    }
    fn count_stories(&self, query: &StoryQuery) -> Result<u64, StoreError> {
        (**self).count_stories(query)
    }
    fn story(&self, id: StoryId) -> Result<Option<StoryDetail>, StoreError> {
        (**self).story(id)
    }
    fn articles_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        (**self).articles_after(key, limit)
    }
    fn embeddings_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        (**self).embeddings_after(key, limit)
    }
    fn story_sources(&self, id: StoryId) -> Result<Vec<SourceAndUrl>, StoreError> {
        (**self).story_sources(id)
    }
    fn article(&self, key: ArticleKey) -> Result<Option<StoredArticle>, StoreError> {
        (**self).article(key)
    }
    fn stories_of_articles(
        &self,
        keys: &[ArticleKey],
    ) -> Result<std::collections::HashMap<ArticleKey, StoryId>, StoreError> {
        (**self).stories_of_articles(keys)
    }
    fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<(), StoreError> {
        (**self).merge_stories(from, into)
    }
    fn recent_articles(&self, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        (**self).recent_articles(limit)
    }
    fn max_story_id(&self) -> Result<Option<StoryId>, StoreError> {
        (**self).max_story_id()
    }
    fn counts(&self) -> Result<Counts, StoreError> {
        (**self).counts()
    }
    fn identity(&self) -> Result<String, StoreError> {
        (**self).identity()
    }
    fn saved_state(&self, name: &str) -> Result<Option<SavedState>, StoreError> {
        (**self).saved_state(name)
    }
    fn save_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError> {
        (**self).save_state(name, state)
    }
}

impl<S: WatchLog + ?Sized> WatchLog for Box<S> {
    fn watch_records(&self, kind: &str) -> Result<Vec<WatchRecord>, StoreError> {
        (**self).watch_records(kind)
    }
    fn watch_record(&self, kind: &str, key: &str) -> Result<Option<WatchRecord>, StoreError> {
        (**self).watch_record(kind, key)
    }
    fn save_watch_record(&mut self, kind: &str, key: &str, state: &str) -> Result<(), StoreError> {
        (**self).save_watch_record(kind, key, state)
    }
    fn delete_watch_record(&mut self, kind: &str, key: &str) -> Result<bool, StoreError> {
        (**self).delete_watch_record(kind, key)
    }
}
