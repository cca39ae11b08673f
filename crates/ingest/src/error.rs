//! Ingest errors: each names the input (and line/record/item) it is about, so a
//! batch can report it and go on.

use std::io;

use storyline_model::Origin;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{origin}: cannot read: {source}")]
    Io {
        origin: Origin,
        #[source]
        source: io::Error,
    },
    #[error("{origin}: not found")]
    NotFound { origin: Origin },
    #[error("{origin}: larger than the {limit}-byte limit for {what}")]
    TooLarge {
        origin: Origin,
        limit: u64,
        what: &'static str,
    },
    #[error(
        "{origin}: truncated or corrupt gzip stream after {decoded} decompressed bytes: {message}"
    )]
    CorruptGzip {
        origin: Origin,
        decoded: u64,
        message: String,
    },
    #[error("{origin}: malformed JSON: {message}")]
    MalformedJson { origin: Origin, message: String },
    #[error("{origin}: JSON article has neither a \"text\" nor an \"html\" string field")]
    MissingBody { origin: Origin },
    #[error("{origin}: truncated WARC record: {message}")]
    TruncatedWarc { origin: Origin, message: String },
    #[error("{origin}: malformed WARC record: {message}")]
    MalformedWarc { origin: Origin, message: String },
    #[error("{origin}: malformed feed: {message}")]
    MalformedFeed { origin: Origin, message: String },
    #[error("{origin}: binary data, not text or HTML")]
    Binary { origin: Origin },
    #[error("{origin}: empty document")]
    Empty { origin: Origin },
    #[error("{origin}: no {what} in it")]
    NoDocuments { origin: Origin, what: &'static str },
    #[error(
        "{origin}: {bytes} bytes of blank lines and no document; the rest of the input is skipped"
    )]
    BlankRun { origin: Origin, bytes: u64 },
}

impl IngestError {
    /// A short, stable reason used to group failures in summaries.
    pub fn reason(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "unreadable",
            IngestError::NotFound { .. } => "not found",
            IngestError::TooLarge { .. } => "too large",
            IngestError::CorruptGzip { .. } => "corrupt gzip",
            IngestError::MalformedJson { .. } => "malformed JSON",
            IngestError::MissingBody { .. } => "no text or html",
            IngestError::TruncatedWarc { .. } => "truncated WARC",
            IngestError::MalformedWarc { .. } => "malformed WARC",
            IngestError::MalformedFeed { .. } => "malformed feed",
            IngestError::Binary { .. } => "binary data",
            IngestError::Empty { .. } => "empty document",
            IngestError::NoDocuments { .. } => "no documents",
            IngestError::BlankRun { .. } => "blank run",
        }
    }

    pub fn origin(&self) -> &Origin {
        match self {
            IngestError::Io { origin, .. }
            | IngestError::NotFound { origin }
            | IngestError::TooLarge { origin, .. }
            | IngestError::CorruptGzip { origin, .. }
            | IngestError::MalformedJson { origin, .. }
            | IngestError::MissingBody { origin }
            | IngestError::TruncatedWarc { origin, .. }
            | IngestError::MalformedWarc { origin, .. }
            | IngestError::MalformedFeed { origin, .. }
            | IngestError::Binary { origin }
            | IngestError::Empty { origin }
            | IngestError::NoDocuments { origin, .. }
            | IngestError::BlankRun { origin, .. } => origin,
        }
    }
}
