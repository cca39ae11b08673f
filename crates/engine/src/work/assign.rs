//! The clusterer role: prepared documents assigned to stories strictly in queue
//! order, each batch committed with its articles, its queue marks and (when that
//! pays) the state that covers them, in one transaction. The state saved with the
//! queue — the clusterer's and the site memory's — names the last document it
//! covers; a new holder of the role loads it and replays the assigned documents
//! after it (site learning and assignment again, nothing stored), so it goes on
//! exactly where the last one stopped, whenever that one died.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use storyline_analyze::AnalyzedArticle;
use storyline_cluster::Clusterer;
use storyline_embed::Embedder;
use storyline_store::work::{Prepared, Ready, Seq};
use storyline_store::{content_hash, SavedState, Store, WorkQueue};

use super::prepare::Ahead;
use crate::{lead_text, Engine, EngineConfig, Outcome, PipelineError};

/// The name the queue's clusterer state is saved under.
const QUEUE_STATE: &str = "queue";

/// Assigned documents replayed per read when taking the role over.
const REPLAY_CHUNK: usize = 1_000;

#[derive(Serialize, Deserialize)]
struct QueueState {
    clusterer: Vec<u8>,
    site_memory: Vec<u8>,
}

/// What one assigned document came to.
#[derive(Debug)]
pub struct AssignedDocument {
    pub seq: Seq,
    pub origin: String,
    pub outcome: Result<Outcome, PipelineError>,
}

/// The engine over a store with a work queue, holding the clusterer role.
pub struct QueueClusterer<S: Store + WorkQueue> {
    engine: Engine<S>,
    /// The last queue entry the in-memory state covers.
    through: Seq,
    /// Whether the state may be saved (tests turn it off to leave entries to replay).
    saving: bool,
    /// Entries assigned since the state was last saved, and its size then.
    unsaved: usize,
    saved_bytes: usize,
}

impl<S: Store + WorkQueue> QueueClusterer<S> {
    /// Opens the role over `store` (whose connection holds it): loads the saved queue
    /// state and replays the entries assigned after it. Without one (a new queue, or
    /// one from another version), starts from the stored articles as the engine does
    /// and saves a state at once, so every later holder starts from a saved one.
    pub fn open(
        store: S,
        config: &EngineConfig,
        embedder: Option<Arc<dyn Embedder>>,
    ) -> Result<Self, PipelineError> {
        let saved = store.saved_state(QUEUE_STATE)?;
        let restored = saved.as_ref().and_then(|s| {
            let state: QueueState = postcard::from_bytes(&s.data).ok()?;
            let clusterer = Clusterer::from_snapshot(config.cluster.clone(), &state.clusterer);
            Some((s.through, clusterer.ok()?, state.site_memory, s.data.len()))
        });
        let Some((through, clusterer, memory, bytes)) = restored else {
            let engine = Engine::open(store, config, embedder)?;
            let mut role = QueueClusterer {
                engine,
                through: 0,
                saving: true,
                unsaved: 0,
                saved_bytes: 0,
            };
            role.through = role.last_assigned()?;
            role.engine.store.begin_batch()?;
            role.save()?;
            role.engine.store.commit_batch()?;
            return Ok(role);
        };
        let mut engine = Engine::open_empty(store, config, embedder)?;
        engine.stream.clusterer = clusterer;
        engine
            .stream
            .processor
            .extractor
            .restore_memory(&memory)
            .map_err(|e| PipelineError::Config(e.to_string()))?;
        let mut role = QueueClusterer {
            engine,
            through,
            saving: true,
            unsaved: 0,
            saved_bytes: bytes,
        };
        role.replay()?;
        Ok(role)
    }

    /// The last entry assigned so far (0: none).
    fn last_assigned(&self) -> Result<Seq, PipelineError> {
        let mut last = self.through;
        loop {
            let chunk = self.engine.store.assigned_after(last, REPLAY_CHUNK)?;
            match chunk.last() {
                Some(r) => last = r.seq,
                None => return Ok(last),
            }
        }
    }

    /// Replays the entries assigned after the saved state, in order.
    fn replay(&mut self) -> Result<(), PipelineError> {
        loop {
            let chunk = self
                .engine
                .store
                .assigned_after(self.through, REPLAY_CHUNK)?;
            let Some(last) = chunk.last().map(|r| r.seq) else {
                return Ok(());
            };
            for ready in chunk {
                if let Ok((doc, embedding)) = self.finish(&ready.prepared) {
                    if ready.stored {
                        self.engine.stream.assign_analysed(doc, embedding);
                    }
                }
                self.unsaved += 1;
            }
            self.through = last;
        }
    }

    /// The document as one process would have it at this point of the stream: the
    /// worker's parse finished with what the site memory has learnt (and teaching
    /// it), its analysis and embedding reused unless that changed the article.
    fn finish(
        &self,
        prepared: &Prepared,
    ) -> Result<(AnalyzedArticle, Option<Vec<f32>>), PipelineError> {
        let bytes = match prepared {
            Prepared::Done(bytes) => bytes,
            Prepared::Failed(message) => return Err(PipelineError::Queue(message.clone())),
        };
        let ahead = Ahead::decode(bytes).map_err(PipelineError::Queue)?;
        let processor = &self.engine.stream.processor;
        let article = processor.extractor.finish(ahead.parsed)?;
        let (doc, embedding) = match ahead.analysed {
            Some((doc, embedding)) if doc.article == article => (doc, embedding),
            Some((doc, embedding)) => {
                let fresh = processor.analyzer.analyze(article);
                let same_lead = lead_text(&fresh) == lead_text(&doc);
                let embedding = if same_lead {
                    embedding
                } else {
                    self.engine
                        .stream
                        .embeddings
                        .embed(std::iter::once(&fresh))
                        .next()
                        .flatten()
                };
                (fresh, embedding)
            }
            None => (processor.analyzer.analyze(article), None),
        };
        let embedding = embedding.filter(|_| self.engine.stream.embeddings.every_article);
        Ok((doc, embedding))
    }

    /// Assigns up to `limit` prepared entries next in line, in one transaction;
    /// `None` when none is ready. A store error rolls the batch back and ends the
    /// role (the state in memory is then ahead of the store): open it again.
    pub fn assign_ready(
        &mut self,
        limit: usize,
    ) -> Result<Option<Vec<AssignedDocument>>, PipelineError> {
        let ready = self.engine.store.next_ready(limit)?;
        if ready.is_empty() {
            return Ok(None);
        }
        self.engine.store.begin_batch()?;
        match self.assign_batch(ready) {
            Ok(done) => {
                self.engine.store.commit_batch()?;
                Ok(Some(done))
            }
            Err(e) => {
                let _ = self.engine.store.rollback_batch();
                Err(e)
            }
        }
    }

    fn assign_batch(&mut self, ready: Vec<Ready>) -> Result<Vec<AssignedDocument>, PipelineError> {
        let mut done = Vec::with_capacity(ready.len());
        for Ready {
            seq,
            origin,
            prepared,
            ..
        } in ready
        {
            let outcome = self.finish(&prepared).and_then(|(doc, embedding)| {
                let hash = content_hash(&doc.article.text);
                self.engine.store_one(doc, hash, embedding)
            });
            let outcome = match outcome {
                Err(e) if !e.is_per_document() => return Err(e),
                outcome => outcome,
            };
            let stored = matches!(outcome, Ok(Outcome::Stored { .. }));
            self.engine.store.mark_assigned(seq, stored)?;
            self.through = seq;
            self.unsaved += 1;
            done.push(AssignedDocument {
                seq,
                origin,
                outcome,
            });
        }
        if self.saving
            && self
                .unsaved
                .saturating_mul(crate::state::BYTES_PER_REPLAYED_ARTICLE)
                >= self.saved_bytes
        {
            self.save()?;
        }
        Ok(done)
    }

    /// Saves the state (inside the open batch) and forgets the entries it covers.
    fn save(&mut self) -> Result<(), PipelineError> {
        let state = QueueState {
            clusterer: self.engine.stream.clusterer.snapshot()?,
            site_memory: self.engine.stream.processor.extractor.memory_snapshot(),
        };
        let data = postcard::to_stdvec(&state)
            .map_err(|e| PipelineError::Config(format!("cannot encode the state: {e}")))?;
        self.saved_bytes = data.len();
        let saved = SavedState {
            through: self.through,
            data,
        };
        self.engine.store.save_state(QUEUE_STATE, &saved)?;
        self.engine.store.forget_through(self.through)?;
        self.unsaved = 0;
        Ok(())
    }

    /// Saves the state now if anything was assigned since it was last saved (when a
    /// worker stops).
    pub fn save_now(&mut self) -> Result<(), PipelineError> {
        if self.unsaved == 0 || !self.saving {
            return Ok(());
        }
        self.engine.store.begin_batch()?;
        match self.save() {
            Ok(()) => Ok(self.engine.store.commit_batch()?),
            Err(e) => {
                let _ = self.engine.store.rollback_batch();
                Err(e)
            }
        }
    }

    /// Never saves the state again: what a clusterer that dies before its next save
    /// leaves behind (for tests of the takeover).
    #[doc(hidden)]
    pub fn stop_saving(&mut self) {
        self.saving = false;
    }

    /// Entries assigned since the state was last saved (a successor replays them).
    pub fn unsaved(&self) -> usize {
        self.unsaved
    }

    pub fn store(&self) -> &S {
        &self.engine.store
    }

    /// Why the engine's saved state was not used when the role started, if it was not.
    pub fn state_warning(&self) -> Option<&str> {
        self.engine.state_warning()
    }
}
