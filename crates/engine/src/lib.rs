//! The engine: wires the stages into the one-way flow
//! source → raw document → article → analysed article → story → store.
//! Both the CLI and (later) the HTTP server drive it; it knows nothing of either,
//! and talks to storage only through the [`Store`] trait.

pub mod chronology;
pub mod compare;
mod config;
pub mod digest;
mod embedding;
mod error;
pub mod headline;
mod ingesting;
pub mod insight;
mod parallel;
pub mod quote_groups;
pub mod report;
mod search;
mod similarity;
mod state;
pub mod statements;
mod summary;
pub mod work;

use std::ops::ControlFlow;
use std::sync::Arc;

use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::{Assignment, Candidate, Clusterer, StoryId};
use storyline_embed::Embedder;
use storyline_extract::{DefaultExtractor, Extractor};
use storyline_model::RawDocument;
use storyline_search::SearchIndex;
use storyline_store::Store;

pub use config::EngineConfig;
pub use embedding::lead_text;
use embedding::Embeddings;
pub use error::PipelineError;
pub use search::{follow_search, nearest_by_meaning, sync_search, sync_vectors};
pub use similarity::{PairScore, PairScorer};
pub use summary::{noun, Summary};

/// What happened to one document.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored {
        story: StoryId,
        new_story: bool,
        /// Stories found to be the same as `story` and merged into it.
        merged: Vec<StoryId>,
        /// Whether the model embedded it (only articles it could decide are).
        embedded: bool,
    },
    /// Already stored (same URL or same normalised text); nothing changed.
    Duplicate,
}

/// Extraction and analysis: the per-document, state-free part of the pipeline.
pub struct Processor {
    extractor: Box<dyn Extractor>,
    analyzer: Analyzer,
}

impl Processor {
    pub fn new(config: &EngineConfig) -> Self {
        Processor {
            extractor: Box::new(config.extract.clone().build()),
            analyzer: config.analyze.clone().build(),
        }
    }

    pub fn process(&self, raw: RawDocument) -> Result<AnalyzedArticle, PipelineError> {
        let article = self.extractor.extract(raw)?;
        Ok(self.analyzer.analyze(article))
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// [`Processor::process`] for a batch, in order: extraction one document after
    /// another (the site memory learns in arrival order, so results do not depend on
    /// timing), analysis spread over the cores.
    pub fn process_batch(
        &self,
        raws: Vec<Result<RawDocument, PipelineError>>,
    ) -> Vec<Result<AnalyzedArticle, PipelineError>> {
        let extracted: Vec<Result<storyline_model::Article, PipelineError>> = raws
            .into_iter()
            .map(|raw| Ok(self.extractor.extract(raw?)?))
            .collect();
        parallel::map_on_cores(
            extracted,
            &|a: Result<storyline_model::Article, PipelineError>| {
                a.map(|a| self.analyzer.analyze(a))
            },
            &|| Err(PipelineError::Config("analysis failed".into())),
        )
    }
}

impl Default for Processor {
    fn default() -> Self {
        Processor {
            extractor: Box::new(DefaultExtractor::default()),
            analyzer: Analyzer::default(),
        }
    }
}

/// Documents handed to the engine at once: their embeddings are computed together
/// (over all cores).
pub const BATCH: usize = 64;

/// Groups a document stream into batches of `BATCH`, read errors kept in place.
pub fn batches<I>(documents: I) -> impl Iterator<Item = Vec<Result<RawDocument, PipelineError>>>
where
    I: Iterator<Item = Result<RawDocument, storyline_ingest::IngestError>>,
{
    let mut documents = documents.peekable();
    std::iter::from_fn(move || {
        documents.peek()?;
        Some(
            documents
                .by_ref()
                .take(BATCH)
                .map(|raw| raw.map_err(PipelineError::from))
                .collect(),
        )
    })
}

/// One document's way through extraction, analysis, embedding and clustering.
pub struct Assigned {
    pub doc: AnalyzedArticle,
    pub embedding: Option<Vec<f32>>,
    pub assignment: Assignment,
    /// Every scored candidate, best first (only when asked for an explanation).
    pub candidates: Vec<Candidate>,
}

/// Store-less streaming clustering: what `storyline cluster` runs.
pub struct StreamClusterer {
    /// Shared with the thread that analyses ahead ([`Engine::ingest_all`]).
    processor: Arc<Processor>,
    clusterer: Clusterer,
    embeddings: Embeddings,
}

impl StreamClusterer {
    /// `embedder` adds the multilingual signal; without it clustering is lexical and
    /// name-based only.
    pub fn new(
        config: &EngineConfig,
        embedder: Option<Arc<dyn Embedder>>,
    ) -> Result<Self, PipelineError> {
        Ok(StreamClusterer {
            processor: Arc::new(Processor::new(config)),
            clusterer: config
                .cluster
                .clone()
                .build()
                .map_err(|e| PipelineError::Config(e.to_string()))?,
            embeddings: Embeddings {
                embedder,
                every_article: config.embed_every_article,
            },
        })
    }

    /// Assigns one document.
    pub fn assign(&mut self, raw: RawDocument) -> Result<Assigned, PipelineError> {
        let doc = self.processor.process(raw)?;
        let ahead = self.before_assigning(&[Some(&doc)], 0, &mut Vec::new());
        Ok(self
            .embeddings
            .assign(&mut self.clusterer, doc, ahead, false))
    }

    /// Assigns every document in order, handing each result to `each` in input order.
    /// Documents are read, extracted and analysed batch by batch on this thread
    /// (analysis over all cores) while another thread embeds (over all cores) and
    /// assigns the previous batch, so clustering overlaps the rest of the pipeline;
    /// the result equals assigning them singly. `each` stops the run by returning
    /// `ControlFlow::Break` (say, when the output is gone).
    pub fn assign_all(
        &mut self,
        documents: impl Iterator<Item = Result<RawDocument, storyline_ingest::IngestError>>,
        explain: bool,
        mut each: impl FnMut(Result<Assigned, PipelineError>) -> ControlFlow<()>,
    ) {
        type Prepared = Vec<Result<AnalyzedArticle, PipelineError>>;
        let StreamClusterer {
            processor,
            clusterer,
            embeddings,
        } = self;
        std::thread::scope(|scope| {
            // One batch waits while another is assigned: memory stays bounded.
            let (to_assign, prepared) = std::sync::mpsc::sync_channel::<Prepared>(1);
            let (to_caller, assigned) = std::sync::mpsc::channel();
            let mut stopped = false;
            let worker = scope.spawn(move || {
                for batch in prepared {
                    let mut batch: Vec<Option<_>> = batch.into_iter().map(Some).collect();
                    let mut cache = Vec::new();
                    for i in 0..batch.len() {
                        let docs: Vec<Option<&AnalyzedArticle>> = batch
                            .iter()
                            .map(|d| d.as_ref().and_then(|d| d.as_ref().ok()))
                            .collect();
                        let ahead = embeddings.before_assigning(clusterer, &docs, i, &mut cache);
                        let Some(doc) = batch[i].take() else {
                            continue;
                        };
                        let result = doc.map(|d| embeddings.assign(clusterer, d, ahead, explain));
                        if to_caller.send(result).is_err() {
                            return;
                        }
                    }
                }
            });
            for batch in batches(documents) {
                let processed = processor.process_batch(batch);
                if to_assign.send(processed).is_err()
                    || assigned.try_iter().try_for_each(&mut each).is_break()
                {
                    stopped = true;
                    break;
                }
            }
            drop(to_assign);
            // Dropping the receiver stops a worker that still has results to send.
            let rest: Vec<_> = if stopped {
                drop(assigned);
                Vec::new()
            } else {
                assigned.iter().collect()
            };
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
            let _ = rest.into_iter().try_for_each(&mut each);
        });
    }

    /// The embedding `docs[i]` needs before it is assigned (see
    /// [`Embeddings::before_assigning`]).
    fn before_assigning(
        &self,
        docs: &[Option<&AnalyzedArticle>],
        i: usize,
        cache: &mut Vec<Option<Vec<f32>>>,
    ) -> Option<Vec<f32>> {
        self.embeddings
            .before_assigning(&self.clusterer, docs, i, cache)
    }

    /// Assigns an analysed document, embedding it on demand unless `ahead` has it
    /// (the sequential step alone, e.g. to measure it after a parallel stage).
    pub fn assign_analysed(&mut self, doc: AnalyzedArticle, ahead: Option<Vec<f32>>) -> Assigned {
        self.embeddings
            .assign(&mut self.clusterer, doc, ahead, false)
    }

    pub fn clusterer_mut(&mut self) -> &mut Clusterer {
        &mut self.clusterer
    }

    pub fn processor(&self) -> &Processor {
        &self.processor
    }
}

/// What attaching the search index did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchAttach {
    /// Stored articles added to the index.
    pub added: usize,
    /// Why the index was emptied and built again from the store, if it was.
    pub rebuilt: Option<String>,
}

/// The full pipeline over a store.
pub struct Engine<S: Store> {
    store: S,
    stream: StreamClusterer,
    search: Option<SearchIndex>,
    /// Articles added to the search index since its last commit, and when that was.
    unindexed: usize,
    last_commit: std::time::Instant,
    /// The first search-index failure: stored articles are safe, and the index
    /// catches up the next time it is attached.
    search_warning: Option<String>,
    /// The last stored article the clusterer's state covers, whether it changed
    /// since it was saved, and why a saved state was not used at opening.
    state: state::StateTracking,
}

impl<S: Store> Engine<S> {
    /// Opens the engine over `store`, rebuilding the clusterer's active window from the
    /// most recent stored articles so new articles can join existing stories.
    pub fn open(
        store: S,
        config: &EngineConfig,
        embedder: Option<Arc<dyn Embedder>>,
    ) -> Result<Self, PipelineError> {
        let mut engine = Self::open_empty(store, config, embedder)?;
        engine.restore_state(config)?;
        Ok(engine)
    }

    /// The engine over `store` with a clusterer that knows nothing yet (its state
    /// comes from elsewhere: the work queue's).
    fn open_empty(
        store: S,
        config: &EngineConfig,
        embedder: Option<Arc<dyn Embedder>>,
    ) -> Result<Self, PipelineError> {
        Ok(Engine {
            store,
            stream: StreamClusterer::new(config, embedder)?,
            search: None,
            unindexed: 0,
            last_commit: std::time::Instant::now(),
            search_warning: None,
            state: state::StateTracking::default(),
        })
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, for records the engine does not own (what a watcher remembers of
    /// its sources); articles and stories go through [`Engine::ingest`] only.
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// Gives the store back, e.g. to reopen the engine over it with another configuration.
    pub fn into_store(self) -> S {
        self.store
    }
}
