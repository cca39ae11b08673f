//! Ingest: turns paths (files, directories walked recursively, `-` for stdin) into a
//! stream of [`RawDocument`]s. Owns format sniffing (plain text, HTML, JSONL, WARC,
//! RSS/Atom, any of them gzipped), size caps, and charset decoding. Every failure is an
//! [`IngestError`] item in the stream naming its input, so one bad file never stops a batch.

mod charset;
mod config;
mod error;
mod feed;
mod json_feed;
mod jsonl;
mod limits;
mod single;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub use charset::{charset_from_content_type, decode, encoding_name, Decoded, Markup};
pub use config::IngestConfig;
pub use error::IngestError;
pub use feed::{item_document, parse_feed, Channel, FeedItem, ParsedFeed};
pub use jsonl::document_from_json;
use storyline_model::{Origin, RawDocument};

/// One stream of documents, lazily read.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, IngestError>>>;

/// One thing to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name used in ids and error messages.
    pub fn display_name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The id stem for documents of this input: the file name without its extensions
    /// (`a/b/003_x.txt` → `003_x`, `feed.xml.gz` → `feed`).
    pub fn id_stem(&self) -> String {
        match self {
            Input::Stdin => "stdin".to_string(),
            Input::File(path) => file_stem(path),
        }
    }
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let without_gz = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(&name);
    match without_gz.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => without_gz.to_string(),
    }
}

/// The document formats ingest understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
}

/// Reads inputs under the limits of an [`IngestConfig`]; build one with [`IngestConfig::build`].
#[derive(Debug, Clone)]
pub struct Reader {
    config: IngestConfig,
    /// Bytes read from input files and stdin so far (before decompression), for
    /// progress on big single inputs.
    read: Option<Arc<AtomicU64>>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new(IngestConfig::default())
    }
}

impl Reader {
    pub(crate) fn new(config: IngestConfig) -> Self {
        Reader { config, read: None }
    }

    /// Counts into `read` every byte this reader takes from its inputs (as stored,
    /// before decompression): what a progress bar over input sizes shows.
    pub fn counting_into(mut self, read: Arc<AtomicU64>) -> Self {
        self.read = Some(read);
        self
    }

    pub fn config(&self) -> &IngestConfig {
        &self.config
    }

    /// Expands paths into inputs: directories are walked recursively in name order,
    /// following symbolic links (walkdir reports loops), hidden entries skipped; `-` is stdin. A path that does not exist is kept, so
    /// reading it yields a "not found" error in its place in the batch.
    pub fn expand(&self, paths: &[PathBuf]) -> Vec<Input> {
        let mut inputs = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                inputs.push(Input::Stdin);
            } else if path.is_dir() {
                let walker = walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
                        Ok(_) => {}
                        // Unreadable subdirectory: report it as an input that fails to open.
                        Err(e) => {
                            if let Some(p) = e.path() {
                                inputs.push(Input::File(p.to_path_buf()));
                            }
                        }
                    }
                }
            } else {
                inputs.push(Input::File(path.clone()));
            }
        }
        inputs
    }

    /// All documents of one input. Errors come as items; the iterator never panics.
    pub fn documents(&self, input: &Input) -> Documents {
        let name = input.display_name();
        match self.open(input) {
            Ok((reader, format)) => self.documents_of(reader, format, input.id_stem(), name),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    /// Convenience: expands `paths` and chains the documents of every input.
    pub fn read_all(&self, paths: &[PathBuf]) -> Documents {
        let reader = self.clone();
        let inputs = self.expand(paths);
        Box::new(
            inputs
                .into_iter()
                .flat_map(move |input| reader.documents(&input)),
        )
    }

    fn documents_of(
        &self,
        reader: Box<dyn BufRead>,
        format: Format,
        stem: String,
        name: String,
    ) -> Documents {
        let max = self.config.max_document_bytes;
        let origin = Origin::file(name.clone());
        match format {
            Format::Jsonl => {
                let docs = jsonl::JsonlDocuments::new(reader, name, stem, max);
                limits::not_empty(Box::new(docs), origin, "JSON lines")
            }
            Format::Warc => {
                let docs = warc::WarcDocuments::new(reader, name, stem, max);
                limits::not_empty(Box::new(docs), origin, "WARC records")
            }
            Format::Feed => limits::not_empty(
                feed::read_feed(reader, name, stem, max),
                origin,
                "feed items",
            ),
            Format::Html | Format::Text => Box::new(std::iter::once(single::read_single(
                reader, format, name, stem, max,
            ))),
        }
    }

    fn open(&self, input: &Input) -> Result<(Box<dyn BufRead>, Format), IngestError> {
        let origin = Origin::file(input.display_name());
        let raw: Box<dyn Read> = match input {
            Input::Stdin => Box::new(io::stdin()),
            Input::File(path) => Box::new(File::open(path).map_err(|e| {
                if e.kind() == io::ErrorKind::NotFound {
                    IngestError::NotFound {
                        origin: origin.clone(),
                    }
                } else {
                    IngestError::Io {
                        origin: origin.clone(),
                        source: e,
                    }
                }
            })?),
        };
        let raw: Box<dyn Read> = match &self.read {
            Some(read) => Box::new(Counting {
                inner: raw,
                read: Arc::clone(read),
            }),
            None => raw,
        };
        let extension = match input {
            Input::File(path) => inner_extension(path),
            Input::Stdin => None,
        };
        self.prepare(raw, extension.as_deref(), &origin)
    }

    /// Documents from any byte stream (an upload, a fuzzer's input), named `name` in ids
    /// and errors; the format comes from `extension` if given, else from the content.
    pub fn documents_from_reader(
        &self,
        name: &str,
        extension: Option<&str>,
        raw: Box<dyn Read>,
    ) -> Documents {
        let origin = Origin::file(name);
        let stem = file_stem(Path::new(name));
        match self.prepare(raw, extension, &origin) {
            Ok((reader, format)) => self.documents_of(reader, format, stem, name.to_string()),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    /// Buffers, un-gzips (capped) and sniffs a raw stream.
    fn prepare(
        &self,
        raw: Box<dyn Read>,
        extension: Option<&str>,
        origin: &Origin,
    ) -> Result<(Box<dyn BufRead>, Format), IngestError> {
        let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, raw));
        if starts_with_gzip_magic(&mut reader, origin)? {
            let decoder = flate2::bufread::MultiGzDecoder::new(reader);
            let capped = limits::CappedGzip::new(decoder, self.config.max_decompressed_bytes);
            reader = Box::new(BufReader::with_capacity(64 * 1024, capped));
        }
        let head = peek(&mut reader, origin)?;
        Ok((reader, sniff_format(extension, &head)))
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn starts_with_gzip_magic(
    reader: &mut Box<dyn BufRead>,
    origin: &Origin,
) -> Result<bool, IngestError> {
    let buf = reader.fill_buf().map_err(|e| IngestError::Io {
        origin: origin.clone(),
        source: e,
    })?;
    Ok(buf.starts_with(&[0x1f, 0x8b]))
}

/// The first bytes of the stream, without consuming them. Errors (e.g. corrupt gzip
/// header) surface here with the input named.
fn peek(reader: &mut Box<dyn BufRead>, origin: &Origin) -> Result<Vec<u8>, IngestError> {
    let buf = reader
        .fill_buf()
        .map_err(|e| limits::classify_read_error(e, origin))?;
    Ok(buf[..buf.len().min(4096)].to_vec())
}

/// The extension that names the format: `x.warc.gz` → `warc`.
fn inner_extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').map(|(_, ext)| ext.to_string())
}

/// A reader that adds the bytes it reads to a shared count.
struct Counting {
    inner: Box<dyn Read>,
    read: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Decides the format from the extension, falling back to the content for unknown ones.
pub fn sniff_format(extension: Option<&str>, head: &[u8]) -> Format {
    let content = sniff_content(head);
    match extension {
        Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
        Some("warc" | "arc") => Format::Warc,
        Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
        Some("rss" | "atom") => Format::Feed,
        // `.xml` and `.txt` are trusted only as far as the content agrees.
        Some("xml") if content == Format::Feed => Format::Feed,
        Some("xml") => Format::Html,
        Some("txt" | "text") => Format::Text,
        _ => content,
    }
}

fn sniff_content(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let trimmed = &head[start..];
    if trimmed.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if trimmed.starts_with(b"{") {
        return Format::Jsonl;
    }
    if trimmed.starts_with(b"<") {
        let lower: Vec<u8> = trimmed
            .iter()
            .take(2048)
            .map(u8::to_ascii_lowercase)
            .collect();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Format::Feed;
        }
        return Format::Html;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_every_extension() {
        assert_eq!(file_stem(Path::new("a/003_81c.txt")), "003_81c");
        assert_eq!(file_stem(Path::new("feed.xml.gz")), "feed");
        assert_eq!(file_stem(Path::new("README")), "README");
        assert_eq!(file_stem(Path::new(".hidden")), ".hidden");
    }

    #[test]
    fn sniffing_prefers_content_for_unknown_extensions() {
        assert_eq!(sniff_format(None, b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff_format(None, b"  {\"text\":1}"), Format::Jsonl);
        assert_eq!(
            sniff_format(None, b"<?xml version='1.0'?><rss>"),
            Format::Feed
        );
        assert_eq!(sniff_format(None, b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format(None, b"date 2025-09-24 Hello"), Format::Text);
        assert_eq!(sniff_format(Some("xml"), b"<feed xmlns=''>"), Format::Feed);
        assert_eq!(sniff_format(Some("txt"), b"<p>hi</p>"), Format::Text);
    }
}
