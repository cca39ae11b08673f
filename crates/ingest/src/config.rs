//! Ingest limits. Inputs are untrusted: every read and every decompression is capped.

use serde::{Deserialize, Serialize};

/// Limits for reading untrusted inputs. Defaults suit news pages and CC-NEWS WARC files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Largest single document (HTML page, text file, feed, JSONL line, WARC payload), in bytes.
    pub max_document_bytes: u64,
    /// Largest decompressed size of one gzip input, in bytes (guards against gzip bombs).
    pub max_decompressed_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_document_bytes: 32 * 1024 * 1024,
            max_decompressed_bytes: 16 * 1024 * 1024 * 1024,
        }
    }
}

impl IngestConfig {
    /// Validates the limits and returns the reader they configure.
    pub fn build(self) -> Result<crate::Reader, String> {
        if self.max_document_bytes == 0 {
            return Err("max_document_bytes must be positive".into());
        }
        if self.max_decompressed_bytes < self.max_document_bytes {
            return Err("max_decompressed_bytes must be at least max_document_bytes".into());
        }
        Ok(crate::Reader::new(self))
    }
}
