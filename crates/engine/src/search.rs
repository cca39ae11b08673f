//! Keeping the full-text index in step with the store.

use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_embed::Embedder;
use storyline_model::Article;
use storyline_search::vectors::{Neighbour, VectorIndex, MAX_NEIGHBOURS};
use storyline_search::{IndexedArticle, Ownership, SearchIndex};
use storyline_store::Store;

use crate::{Engine, PipelineError, SearchAttach};

/// The search index commits after this many new articles or this long since its last
/// commit, whichever comes first, and when [`Engine::flush_search`] is called. Each
/// commit writes a segment that later merges: committing every batch took more time
/// than the rest of ingestion. Articles not yet committed at a crash are stored, and
/// the index catches up with them when next attached.
const SEARCH_COMMIT_ARTICLES: usize = 4096;
const SEARCH_COMMIT_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

/// What the search index keeps of an article.
fn indexed<'a>(
    key: i64,
    language: &'a str,
    article: &'a Article,
    names: &'a [String],
) -> IndexedArticle<'a> {
    IndexedArticle {
        key: key as u64,
        language,
        title: article.title.as_deref().unwrap_or(""),
        text: &article.text,
        names,
    }
}

pub(crate) fn names_of(doc: &AnalyzedArticle) -> Vec<String> {
    doc.entities.iter().map(|e| e.text.clone()).collect()
}

/// Brings `index` in step with `store`: adds the stored articles it lacks (all of
/// them for a new index, the tail after a crash or another process's writes). An
/// index that is not this store's (another store's stamp, none, more articles than
/// the store holds, or a count that does not add up) is emptied and built again
/// from the store; the report says why. What a process that reads a shared store
/// runs before it searches its own index.
pub fn sync_search<S: Store + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    index: &mut SearchIndex,
) -> Result<SearchAttach, PipelineError> {
    let identity = store.identity()?;
    let mut rebuilt = match index.ownership(&identity)? {
        Ownership::Foreign(why) => Some(why),
        Ownership::New | Ownership::Ours => None,
    };
    let newest = store.recent_articles(1)?.last().map_or(0, |a| a.key);
    if rebuilt.is_none() && index.max_key()?.map_or(0, |k| k as i64) > newest {
        rebuilt = Some("it holds articles the store does not".into());
    }
    index.set_owner(&identity);
    if rebuilt.is_none() {
        let added = catch_up(store, analyzer, index)?;
        let stored = store.counts()?.articles;
        if index.len() == stored {
            return Ok(SearchAttach {
                added,
                rebuilt: None,
            });
        }
        rebuilt = Some(format!(
            "it holds {} articles where the store has {stored}",
            index.len()
        ));
    }
    index.clear()?;
    index.commit()?;
    let added = catch_up(store, analyzer, index)?;
    Ok(SearchAttach { added, rebuilt })
}

/// Adds the stored articles above the index's highest key, and commits (what a
/// process that follows a shared store runs now and then, after [`sync_search`]).
/// Keys grow in commit order (one process assigns and stores), so the highest key
/// is how far the index has followed the store.
pub fn follow_search<S: Store + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    index: &mut SearchIndex,
) -> Result<usize, PipelineError> {
    let added = add_after(store, analyzer, index)?;
    if added > 0 {
        index.commit()?;
    }
    Ok(added)
}

fn catch_up<S: Store + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    index: &mut SearchIndex,
) -> Result<usize, PipelineError> {
    let added = add_after(store, analyzer, index)?;
    index.commit()?;
    Ok(added)
}

/// Adds the stored articles above the index's highest key (uncommitted).
fn add_after<S: Store + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    index: &mut SearchIndex,
) -> Result<usize, PipelineError> {
    let mut after = index.max_key()?.map_or(0, |k| k as i64);
    let mut added = 0;
    loop {
        let batch = store.articles_after(after, 500)?;
        let Some(last) = batch.last() else { break };
        after = last.key;
        for stored in batch {
            let doc = analyzer.analyze_in(stored.article, stored.language.clone());
            index.add(&indexed(
                stored.key,
                &stored.language,
                &doc.article,
                &names_of(&doc),
            ))?;
            added += 1;
        }
    }
    Ok(added)
}

impl<S: Store> Engine<S> {
    /// Keeps `index` in step with the store from now on, after [`sync_search`].
    pub fn attach_search(&mut self, index: SearchIndex) -> Result<SearchAttach, PipelineError> {
        let mut index = index;
        let attached = sync_search(&self.store, self.stream.processor.analyzer(), &mut index)?;
        self.search = Some(index);
        Ok(attached)
    }

    /// The first search-index failure since the engine opened, if any.
    pub fn search_warning(&self) -> Option<&str> {
        self.search_warning.as_deref()
    }

    pub(crate) fn index_stored(
        &mut self,
        key: i64,
        language: &str,
        article: &Article,
        names: &[String],
    ) {
        if let Some(index) = &mut self.search {
            match index.add(&indexed(key, language, article, names)) {
                Ok(()) => self.unindexed += 1,
                Err(e) => {
                    self.search_warning.get_or_insert(e.to_string());
                }
            }
        }
    }

    pub(crate) fn commit_search_if_due(&mut self) {
        if self.unindexed >= SEARCH_COMMIT_ARTICLES
            || self.last_commit.elapsed() >= SEARCH_COMMIT_INTERVAL
        {
            self.flush_search();
        }
    }

    /// Commits what the search index has been given, so searches see it. Call when
    /// a run of ingestion ends; failures are kept in [`Engine::search_warning`].
    pub fn flush_search(&mut self) {
        self.last_commit = std::time::Instant::now();
        if self.unindexed == 0 {
            return;
        }
        if let Some(index) = &mut self.search {
            if let Err(e) = index.commit() {
                self.search_warning.get_or_insert(e.to_string());
            }
        }
        self.unindexed = 0;
    }
}

/// Brings a search-by-meaning index up to the store: the embeddings of articles
/// stored since the last one it holds (all of them, for a new one). Returns how
/// many it added.
pub fn sync_vectors<S: Store + ?Sized>(
    store: &S,
    vectors: &mut VectorIndex,
) -> Result<usize, PipelineError> {
    let mut added = 0;
    loop {
        let batch = store.embeddings_after(vectors.last_key() as i64, 4_096)?;
        let Some(last) = batch.last().map(|e| e.key) else {
            return Ok(added);
        };
        for e in &batch {
            added += usize::from(vectors.add(e.key as u64, &e.language, &e.embedding));
        }
        if (last as u64) > vectors.last_key() {
            // Every embedding of the batch was refused: go on past it.
            vectors.skip_to(last as u64);
        }
    }
}

/// The articles nearest `text` by meaning (in `language` only, if given), best first,
/// after `vectors` takes in what the store holds beyond it.
pub fn nearest_by_meaning<S: Store + ?Sized>(
    store: &S,
    vectors: &mut VectorIndex,
    embedder: &dyn Embedder,
    text: &str,
    language: Option<&str>,
) -> Result<Vec<Neighbour>, PipelineError> {
    let Some(query) = embedder.embed(&[text]).into_iter().next() else {
        return Ok(Vec::new());
    };
    sync_vectors(store, vectors)?;
    Ok(vectors.nearest(&query, language, MAX_NEIGHBOURS))
}
