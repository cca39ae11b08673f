//! JSONL / NDJSON articles: one JSON object per line with the fields
//! `id, url, title, text, html, lang, published, source` (all optional except `text`
//! or `html`; unknown fields ignored). A bad line is an error for that line only.

use std::io::{BufRead, Read};

use serde_json::{Map, Value};
use storyline_model::{Body, Locator, Origin, RawDocument};

use crate::charset::nfc;
use crate::limits::classify_read_error;
use crate::IngestError;

pub(crate) struct JsonlDocuments {
    reader: Box<dyn BufRead>,
    name: String,
    stem: String,
    max: u64,
    line: u64,
    done: bool,
    /// Bytes of blank lines since the last document: more than a document's cap of
    /// them ends the input (a gzip of newlines would otherwise be read for minutes).
    blank: u64,
}

impl JsonlDocuments {
    pub(crate) fn new(reader: Box<dyn BufRead>, name: String, stem: String, max: u64) -> Self {
        JsonlDocuments {
            reader,
            name,
            stem,
            max,
            line: 0,
            done: false,
            blank: 0,
        }
    }

    /// Reads the next line, capped; an over-long line is consumed and reported.
    fn next_line(&mut self, origin: &Origin) -> Option<Result<Vec<u8>, IngestError>> {
        let mut buf = Vec::new();
        let read = Read::take(&mut *self.reader, self.max + 1).read_until(b'\n', &mut buf);
        match read {
            Ok(0) => None,
            Ok(_) if buf.len() as u64 > self.max && !buf.ends_with(b"\n") => {
                if let Err(e) = self.skip_rest_of_line() {
                    self.done = true;
                    return Some(Err(classify_read_error(e, origin)));
                }
                Some(Err(IngestError::TooLarge {
                    origin: origin.clone(),
                    limit: self.max,
                    what: "one JSONL line",
                }))
            }
            Ok(_) => Some(Ok(buf)),
            Err(e) => {
                self.done = true;
                Some(Err(classify_read_error(e, origin)))
            }
        }
    }

    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let n = Read::take(&mut *self.reader, 64 * 1024).read_until(b'\n', &mut sink)?;
            if n == 0 || sink.ends_with(b"\n") {
                return Ok(());
            }
        }
    }
}

impl Iterator for JsonlDocuments {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let origin = Origin::at(self.name.clone(), Locator::Line(self.line));
            let bytes = match self.next_line(&origin)? {
                Ok(bytes) => bytes,
                Err(e) => return Some(Err(e)),
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                self.blank += bytes.len() as u64;
                if self.blank > self.max {
                    self.done = true;
                    return Some(Err(IngestError::BlankRun {
                        origin,
                        bytes: self.blank,
                    }));
                }
                continue;
            }
            self.blank = 0;
            let fallback_id = format!("{}:{}", self.stem, self.line);
            return Some(parse_line(&bytes, origin, fallback_id));
        }
        None
    }
}

fn parse_line(
    bytes: &[u8],
    origin: Origin,
    fallback_id: String,
) -> Result<RawDocument, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| IngestError::MalformedJson {
        origin: origin.clone(),
        message: e.to_string(),
    })?;
    document_from_json(&value, origin, fallback_id)
}

/// One article from a JSON object with the JSONL fields (`id, url, title, text, html,
/// lang, published, source`); used for JSONL lines and for articles nested in other
/// JSON inputs (e.g. the pairs of `storyline similarity`).
pub fn document_from_json(
    value: &Value,
    origin: Origin,
    fallback_id: String,
) -> Result<RawDocument, IngestError> {
    let Value::Object(obj) = value else {
        return Err(IngestError::MalformedJson {
            origin,
            message: "expected a JSON object".into(),
        });
    };
    let body = match (string_field(obj, &["html"]), string_field(obj, &["text"])) {
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(text),
        (None, None) => return Err(IngestError::MissingBody { origin }),
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    Ok(RawDocument {
        id,
        url: string_field(obj, &["url"]),
        title: string_field(obj, &["title"]),
        declared_language: string_field(obj, &["lang", "language"]),
        published: string_field(obj, &["published", "date"]),
        fetched: None,
        source: string_field(obj, &["source"]),
        body,
        encoding: "UTF-8",
        origin,
    })
}

/// The first non-empty string among `keys`, NFC-normalised.
fn string_field(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(nfc(s.clone())),
        _ => None,
    })
}
