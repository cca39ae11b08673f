//! The engine: wires the stages into the one-way flow
//! source → raw document → article → analysed article → story → store.
//! Both the CLI and (later) the HTTP server drive it; it knows nothing of either,
//! and talks to storage only through the [`Store`] trait.

mod config;
mod error;
mod similarity;
mod summary;

use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::{Assignment, Clusterer, StoryId};
use storyline_extract::{DefaultExtractor, Extractor};
use storyline_model::RawDocument;
use storyline_store::{content_hash, InsertOutcome, NewArticle, Store};

pub use config::EngineConfig;
pub use error::PipelineError;
pub use similarity::{PairScore, PairScorer};
pub use summary::Summary;

/// What happened to one document.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored {
        story: StoryId,
        new_story: bool,
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
}

impl Default for Processor {
    fn default() -> Self {
        Processor {
            extractor: Box::new(DefaultExtractor::default()),
            analyzer: Analyzer::default(),
        }
    }
}

/// Store-less streaming clustering: what `storyline cluster` runs.
pub struct StreamClusterer {
    processor: Processor,
    clusterer: Clusterer,
}

impl StreamClusterer {
    pub fn new(config: &EngineConfig) -> Result<Self, PipelineError> {
        Ok(StreamClusterer {
            processor: Processor::new(config),
            clusterer: config
                .cluster
                .clone()
                .build()
                .map_err(PipelineError::Config)?,
        })
    }

    /// Assigns one document; returns its id and where it went.
    pub fn assign(
        &mut self,
        raw: RawDocument,
    ) -> Result<(AnalyzedArticle, Assignment), PipelineError> {
        let doc = self.processor.process(raw)?;
        let assignment = self.clusterer.assign(&doc);
        Ok((doc, assignment))
    }

    pub fn clusterer_mut(&mut self) -> &mut Clusterer {
        &mut self.clusterer
    }

    pub fn processor(&self) -> &Processor {
        &self.processor
    }
}

/// The full pipeline over a store.
pub struct Engine<S: Store> {
    store: S,
    stream: StreamClusterer,
}

impl<S: Store> Engine<S> {
    /// Opens the engine over `store`, rebuilding the clusterer's active window from the
    /// most recent stored articles so new articles can join existing stories.
    pub fn open(store: S, config: &EngineConfig) -> Result<Self, PipelineError> {
        let mut engine = Engine {
            store,
            stream: StreamClusterer::new(config)?,
        };
        engine.replay(config.replay_articles)?;
        Ok(engine)
    }

    fn replay(&mut self, limit: usize) -> Result<(), PipelineError> {
        let clusterer = &mut self.stream.clusterer;
        if let Some(max) = self.store.max_story_id()? {
            clusterer.reserve_ids_through(max);
        }
        for stored in self.store.recent_articles(limit)? {
            let mut article = stored.article;
            article.declared_language = Some(stored.language);
            let doc = self.stream.processor.analyzer().analyze(article);
            clusterer.restore(&doc, stored.story);
        }
        Ok(())
    }

    /// Runs one document through the pipeline into the store. Idempotent: a document
    /// already stored (same URL or normalised text) is reported as a duplicate.
    pub fn ingest(&mut self, raw: RawDocument) -> Result<Outcome, PipelineError> {
        let doc = self.stream.processor.process(raw)?;
        let hash = content_hash(&doc.article.text);
        if self
            .store
            .find_duplicate(doc.article.url.as_deref(), &hash)?
            .is_some()
        {
            return Ok(Outcome::Duplicate);
        }
        let assignment = self.stream.clusterer.assign(&doc);
        let new = NewArticle {
            language: doc.language.clone(),
            content_hash: hash,
            story: assignment.story,
            article: doc.article,
        };
        match self.store.insert_article(&new)? {
            InsertOutcome::Inserted(_) => Ok(Outcome::Stored {
                story: assignment.story,
                new_story: assignment.new_story,
            }),
            InsertOutcome::Duplicate(_) => Ok(Outcome::Duplicate),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// Gives the store back, e.g. to reopen the engine over it with another configuration.
    pub fn into_store(self) -> S {
        self.store
    }
}
