//! Size-capped reading. Decompression of untrusted gzip stops at a configured size
//! (a gzip bomb becomes an error, not an out-of-memory kill), and a corrupt or
//! truncated stream becomes a [`IngestError::CorruptGzip`] naming the input.

use std::io::{self, BufRead, Read};

use storyline_model::Origin;

use crate::IngestError;

/// Marker carried inside an `io::Error` so the error can be mapped back to the right variant.
#[derive(Debug)]
pub(crate) enum ReadFailure {
    DecompressedTooLarge { limit: u64 },
    Gzip { decoded: u64, message: String },
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::DecompressedTooLarge { limit } => {
                write!(f, "decompressed size exceeds {limit} bytes")
            }
            ReadFailure::Gzip { decoded, message } => {
                write!(f, "gzip error after {decoded} bytes: {message}")
            }
        }
    }
}

impl std::error::Error for ReadFailure {}

/// A gzip decoder that counts its output and refuses to go past a limit.
pub(crate) struct CappedGzip<R> {
    inner: R,
    produced: u64,
    limit: u64,
}

impl<R: Read> CappedGzip<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        CappedGzip {
            inner,
            produced: 0,
            limit,
        }
    }
}

impl<R: Read> Read for CappedGzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(|e| {
            io::Error::other(ReadFailure::Gzip {
                decoded: self.produced,
                message: e.to_string(),
            })
        })?;
        self.produced += n as u64;
        if self.produced > self.limit {
            return Err(io::Error::other(ReadFailure::DecompressedTooLarge {
                limit: self.limit,
            }));
        }
        Ok(n)
    }
}

/// Maps a read error to the ingest error it stands for.
pub(crate) fn classify_read_error(e: io::Error, origin: &Origin) -> IngestError {
    let marker = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ReadFailure>());
    match marker {
        Some(ReadFailure::DecompressedTooLarge { limit }) => IngestError::TooLarge {
            origin: origin.clone(),
            limit: *limit,
            what: "decompressed input",
        },
        Some(ReadFailure::Gzip { decoded, message }) => IngestError::CorruptGzip {
            origin: origin.clone(),
            decoded: *decoded,
            message: message.clone(),
        },
        None => IngestError::Io {
            origin: origin.clone(),
            source: e,
        },
    }
}

/// Reads everything up to `limit` bytes; more is a [`IngestError::TooLarge`].
pub(crate) fn read_capped(
    reader: &mut dyn BufRead,
    limit: u64,
    origin: &Origin,
    what: &'static str,
) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| classify_read_error(e, origin))?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            origin: origin.clone(),
            limit,
            what,
        });
    }
    Ok(bytes)
}

/// True when bytes look like a binary file rather than text in any encoding:
/// NUL bytes or many C0 control characters in the first few kilobytes.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    // UTF-16 text is full of NUL bytes; its byte-order mark says what it is.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)))
        .count();
    (sample.contains(&0) && controls * 100 > sample.len()) || controls * 10 > sample.len()
}

/// The documents of a container (JSONL, WARC, feed), or one error naming it when it
/// holds none at all (an empty file says so instead of passing in silence).
pub(crate) fn not_empty(
    inner: crate::Documents,
    origin: Origin,
    what: &'static str,
) -> crate::Documents {
    let mut inner = inner.peekable();
    if inner.peek().is_none() {
        return Box::new(std::iter::once(Err(IngestError::NoDocuments {
            origin,
            what,
        })));
    }
    Box::new(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_detection() {
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 0, 0, 7, 8]));
        assert!(!looks_binary("Привіт, світе!\n\tTabs are fine.".as_bytes()));
        assert!(!looks_binary(b""));
    }
}
