//! Documents into the store: one, a batch, or a stream whose extraction and analysis
//! overlap the storing of what came before.

use std::ops::ControlFlow;
use std::sync::Arc;

use storyline_analyze::AnalyzedArticle;
use storyline_model::RawDocument;
use storyline_store::{content_hash, InsertOutcome, NewArticle, Store};

use crate::{search, Assigned, Engine, Outcome, PipelineError};

impl<S: Store> Engine<S> {
    /// Runs one document through the pipeline into the store. Idempotent: a document
    /// already stored (same URL or normalised text) is reported as a duplicate.
    pub fn ingest(&mut self, raw: RawDocument) -> Result<Outcome, PipelineError> {
        let Some((doc, hash)) = self.process_new(raw)? else {
            return Ok(Outcome::Duplicate);
        };
        let ahead = self
            .stream
            .before_assigning(&[Some(&doc)], 0, &mut Vec::new());
        let outcome = self.store_one(doc, hash, ahead);
        self.commit_search_if_due();
        outcome
    }

    /// Extracts and analyses a document, or `None` when the store already has it:
    /// duplicates are dropped before embedding and clustering, as they change nothing.
    fn process_new(
        &self,
        raw: RawDocument,
    ) -> Result<Option<(AnalyzedArticle, String)>, PipelineError> {
        let doc = self.stream.processor.process(raw)?;
        self.unless_stored(doc)
    }

    /// The document with its content hash, or `None` when the store has it already.
    fn unless_stored(
        &self,
        doc: AnalyzedArticle,
    ) -> Result<Option<(AnalyzedArticle, String)>, PipelineError> {
        let hash = content_hash(&doc.article.text);
        let known = self
            .store
            .find_duplicate(doc.article.url.as_deref(), &hash)?
            .is_some();
        Ok((!known).then_some((doc, hash)))
    }

    /// Ingests documents in order (embeddings computed for the batch at once). A
    /// failure stays in its place and the rest of the batch goes on.
    pub fn ingest_batch(
        &mut self,
        raws: Vec<Result<RawDocument, PipelineError>>,
    ) -> Vec<Result<Outcome, PipelineError>> {
        let processed = self.stream.processor.process_batch(raws);
        self.ingest_processed(processed)
    }

    /// Ingests batch after batch, as [`Engine::ingest_batch`] would, but pipelined:
    /// the calling thread reads, extracts and analyses the next batch (analysis over
    /// all cores) while another embeds, clusters and stores the one before, so the
    /// stages overlap instead of taking turns. The stories are the same as batch by
    /// batch. Outcomes reach `each` in input order, on the calling thread; `each`
    /// stops the run by returning `ControlFlow::Break`: no outcome follows, and the
    /// batch being stored then is finished (what is stored stays stored).
    pub fn ingest_all(
        &mut self,
        batches: impl Iterator<Item = Vec<Result<RawDocument, PipelineError>>>,
        mut each: impl FnMut(Result<Outcome, PipelineError>) -> ControlFlow<()>,
    ) where
        S: Send,
    {
        let processor = Arc::clone(&self.stream.processor);
        let engine = &mut *self;
        std::thread::scope(|scope| {
            // One analysed batch waits while another is stored: memory stays bounded.
            let (to_store, analysed) = std::sync::mpsc::sync_channel(1);
            let (to_caller, outcomes) = std::sync::mpsc::channel();
            let storing = scope.spawn(move || {
                for batch in analysed {
                    for outcome in engine.ingest_processed(batch) {
                        if to_caller.send(outcome).is_err() {
                            return;
                        }
                    }
                }
            });
            let mut go_on = ControlFlow::Continue(());
            for batch in batches {
                go_on = outcomes.try_iter().try_for_each(&mut each);
                if go_on.is_break() || to_store.send(processor.process_batch(batch)).is_err() {
                    break;
                }
            }
            drop(to_store);
            if go_on.is_continue() {
                // Stops at the first Break; dropping `outcomes` then stops the storing
                // thread once the batch it is on is stored.
                let _ = outcomes.iter().try_for_each(&mut each);
            }
            drop(outcomes);
            if let Err(panic) = storing.join() {
                std::panic::resume_unwind(panic);
            }
        });
    }

    /// The storing half of a batch: analysed documents that are new are embedded,
    /// clustered and stored, in order.
    fn ingest_processed(
        &mut self,
        processed: Vec<Result<AnalyzedArticle, PipelineError>>,
    ) -> Vec<Result<Outcome, PipelineError>> {
        let mut fresh: Vec<Result<Option<(AnalyzedArticle, String)>, PipelineError>> = processed
            .into_iter()
            .map(|doc| self.unless_stored(doc?))
            .collect();
        let mut cache = Vec::new();
        let mut outcomes = Vec::with_capacity(fresh.len());
        for i in 0..fresh.len() {
            let docs: Vec<Option<&AnalyzedArticle>> = fresh
                .iter()
                .map(|f| f.as_ref().ok().and_then(Option::as_ref).map(|(doc, _)| doc))
                .collect();
            let ahead = self.stream.before_assigning(&docs, i, &mut cache);
            outcomes.push(match std::mem::replace(&mut fresh[i], Ok(None)) {
                Ok(Some((doc, hash))) => self.store_one(doc, hash, ahead),
                Ok(None) => Ok(Outcome::Duplicate),
                Err(e) => Err(e),
            });
        }
        self.commit_search_if_due();
        outcomes
    }

    pub(crate) fn store_one(
        &mut self,
        doc: AnalyzedArticle,
        content_hash: String,
        ahead: Option<Vec<f32>>,
    ) -> Result<Outcome, PipelineError> {
        // A copy within the same batch is caught here, before it is clustered.
        if self
            .store
            .find_duplicate(doc.article.url.as_deref(), &content_hash)?
            .is_some()
        {
            return Ok(Outcome::Duplicate);
        }
        let Assigned {
            doc,
            embedding,
            assignment,
            ..
        } = self.stream.assign_analysed(doc, ahead);
        for from in &assignment.merged {
            self.store.merge_stories(*from, assignment.story)?;
        }
        let names = search::names_of(&doc);
        let embedded = embedding.is_some();
        let new = NewArticle {
            language: doc.language.clone(),
            content_hash,
            story: assignment.story,
            article: doc.article,
            embedding,
            copy_of: assignment.copy_of,
            related: assignment.related,
        };
        match self.store.insert_article(&new)? {
            InsertOutcome::Inserted(key) => {
                self.state.covered(key);
                self.index_stored(key, &new.language, &new.article, &names);
                Ok(Outcome::Stored {
                    story: assignment.story,
                    new_story: assignment.new_story,
                    merged: assignment.merged,
                    embedded,
                })
            }
            InsertOutcome::Duplicate(_) => Ok(Outcome::Duplicate),
        }
    }
}
