//! Pipeline errors: one variant per stage, each already naming its input.

use storyline_extract::ExtractError;
use storyline_ingest::IngestError;
use storyline_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PipelineError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] storyline_search::SearchError),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error(transparent)]
    State(#[from] storyline_cluster::SnapshotError),
    /// A queued document the workers could not prepare (unreadable, or given up).
    #[error("{0}")]
    Queue(String),
}

impl PipelineError {
    /// A short, stable reason for grouping failures in a summary.
    pub fn reason(&self) -> &'static str {
        match self {
            PipelineError::Ingest(e) => e.reason(),
            PipelineError::Extract(e) => e.reason(),
            PipelineError::Store(_) => "store error",
            PipelineError::Search(_) => "search index error",
            PipelineError::Config(_) => "configuration",
            PipelineError::State(_) => "clustering state",
            PipelineError::Queue(_) => "not prepared",
        }
    }

    /// Errors about one input, after which the batch goes on; the others stop it.
    pub fn is_per_document(&self) -> bool {
        matches!(
            self,
            PipelineError::Ingest(_) | PipelineError::Extract(_) | PipelineError::Queue(_)
        )
    }
}
