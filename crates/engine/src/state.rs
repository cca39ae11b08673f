//! The clusterer's state kept in the store: saved after a run, loaded at opening with
//! the articles stored since replayed on top, so that opening a large store costs a
//! read instead of re-analysing tens of thousands of articles. A state that cannot be
//! used (another version or configuration, damaged, or far behind the store) is
//! rebuilt from the most recent articles, with a warning saying why.

use storyline_cluster::Clusterer;
use storyline_store::{ArticleKey, SavedState, Store, StoredArticle};

use crate::{parallel, Engine, EngineConfig, PipelineError};

/// The name the clusterer's state is saved under.
const CLUSTERER_STATE: &str = "clusterer";

/// Replaying one stored article costs about as much as loading this many bytes of
/// saved state (measured on a 100,000-article store: 8.1 s to re-analyse and replay
/// 50,000 articles, about 0.1 s to read and load their 31 MB state).
/// The queue's clusterer role (`work::assign`) uses the same figure.
pub(crate) const BYTES_PER_REPLAYED_ARTICLE: usize = 40_000;

#[derive(Debug, Default)]
pub(crate) struct StateTracking {
    /// The key of the last stored article the state covers.
    through: Option<ArticleKey>,
    /// Articles the state covers that the saved one does not (all, if none is).
    unsaved: usize,
    /// The size of the saved state, if there is one.
    saved_bytes: Option<usize>,
    /// Why a saved state was not used at opening.
    warning: Option<String>,
}

impl StateTracking {
    /// Records that the state now covers the stored article `key`.
    pub(crate) fn covered(&mut self, key: ArticleKey) {
        self.through = Some(key);
        self.unsaved += 1;
    }

    /// Whether saving pays: replaying the articles the saved state lacks would cost
    /// more than loading a state of its size. A few articles ingested into a large
    /// store are replayed at the next opening rather than the whole state rewritten.
    fn worth_saving(&self) -> bool {
        match self.saved_bytes {
            _ if self.unsaved == 0 => false,
            None => true,
            Some(bytes) => self.unsaved.saturating_mul(BYTES_PER_REPLAYED_ARTICLE) >= bytes,
        }
    }
}

impl<S: Store> Engine<S> {
    /// Loads the saved clusterer state and replays the articles stored after it, or
    /// rebuilds the state from the most recent stored articles.
    pub(crate) fn restore_state(&mut self, config: &EngineConfig) -> Result<(), PipelineError> {
        let limit = config.replay_articles;
        if let Some(saved) = self.store.saved_state(CLUSTERER_STATE)? {
            match Clusterer::from_snapshot(config.cluster.clone(), &saved.data) {
                Ok(clusterer) => {
                    let since = self.store.articles_after(saved.through, limit + 1)?;
                    if since.len() <= limit {
                        self.stream.clusterer = clusterer;
                        self.state.through = Some(saved.through);
                        self.state.saved_bytes = Some(saved.data.len());
                        return self.replay(since);
                    }
                    self.state.warning = Some(format!(
                        "the saved clustering state is more than {limit} articles behind \
                         the store; rebuilt from the most recent articles"
                    ));
                }
                Err(e) => {
                    self.state.warning = Some(format!(
                        "the saved clustering state was not used ({e}); rebuilt from the \
                         most recent articles"
                    ));
                }
            }
        }
        let recent = self.store.recent_articles(limit)?;
        self.replay(recent)
    }

    /// Replays stored articles (oldest first) into the clusterer without scoring them.
    fn replay(&mut self, articles: Vec<StoredArticle>) -> Result<(), PipelineError> {
        let clusterer = &mut self.stream.clusterer;
        if let Some(max) = self.store.max_story_id()? {
            clusterer.reserve_ids_through(max);
        }
        let analyzer = self.stream.processor.analyzer();
        // The stored language is what analysis found when the article came in.
        let analysed = parallel::map_on_cores(
            articles,
            &|stored: StoredArticle| {
                let StoredArticle {
                    key,
                    article,
                    language,
                    embedding,
                    story,
                    copy_of,
                    ..
                } = stored;
                let doc = analyzer.analyze_in(article, language);
                Some((key, doc, embedding, story, copy_of))
            },
            &|| None,
        );
        for (key, doc, embedding, story, copy_of) in analysed.into_iter().flatten() {
            clusterer.restore(&doc, embedding.as_deref(), story, copy_of.as_deref());
            self.state.covered(key);
        }
        Ok(())
    }

    /// Saves the clusterer's state in the store when that pays (see
    /// [`StateTracking::worth_saving`]), so that the next opening need not rebuild
    /// it. Call when a run of ingestion ends.
    pub fn save_state(&mut self) -> Result<(), PipelineError> {
        let through = match self.state.through {
            Some(through) if self.state.worth_saving() => through,
            _ => return Ok(()),
        };
        let data = self.stream.clusterer.snapshot()?;
        let bytes = data.len();
        self.store
            .save_state(CLUSTERER_STATE, &SavedState { through, data })?;
        self.state.unsaved = 0;
        self.state.saved_bytes = Some(bytes);
        Ok(())
    }

    /// Why a saved clustering state was not used when the engine opened, if it was not.
    pub fn state_warning(&self) -> Option<&str> {
        self.state.warning.as_deref()
    }
}
