//! WARC 1.0/1.1 (and CC-NEWS) files, plain or gzipped, read record by record without
//! holding the file in memory. `response` records carrying an HTTP 2xx HTML page and
//! `resource` records of type text/html become documents; other records are skipped.
//! A truncated record is reported and ends the file; an oversized one is skipped.

use std::io::{self, BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use storyline_model::{Locator, Origin, RawDocument};

use crate::charset::{charset_from_content_type, Markup};
use crate::limits::classify_read_error;
use crate::single::document_from_bytes;
use crate::IngestError;

pub(crate) struct WarcDocuments {
    reader: Box<dyn BufRead>,
    name: String,
    stem: String,
    max: u64,
    record: u64,
    done: bool,
}

/// The WARC headers storyline uses.
#[derive(Debug, Default)]
struct RecordHeader {
    warc_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
    content_length: Option<u64>,
}

impl WarcDocuments {
    pub(crate) fn new(reader: Box<dyn BufRead>, name: String, stem: String, max: u64) -> Self {
        WarcDocuments {
            reader,
            name,
            stem,
            max,
            record: 0,
            done: false,
        }
    }

    fn origin(&self) -> Origin {
        Origin::at(self.name.clone(), Locator::Record(self.record))
    }

    fn fail(&mut self, e: IngestError) -> Option<Result<RawDocument, IngestError>> {
        self.done = true;
        Some(Err(e))
    }

    fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = Read::take(&mut *self.reader, 64 * 1024).read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&buf).trim_end().to_string()))
    }

    /// Reads up to the next `WARC/` version line; `Ok(None)` at a clean end of file.
    fn read_version_line(&mut self) -> io::Result<Option<String>> {
        loop {
            match self.read_line()? {
                None => return Ok(None),
                Some(line) if line.is_empty() => continue,
                Some(line) => return Ok(Some(line)),
            }
        }
    }

    fn read_header(&mut self) -> io::Result<Result<RecordHeader, String>> {
        let mut header = RecordHeader::default();
        loop {
            let Some(line) = self.read_line()? else {
                return Ok(Err("end of file inside the record header".into()));
            };
            if line.is_empty() {
                return Ok(Ok(header));
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => header.content_length = value.parse().ok(),
                _ => {}
            }
        }
    }

    fn next_record(&mut self) -> Option<Result<RawDocument, IngestError>> {
        loop {
            self.record += 1;
            let origin = self.origin();
            let version = match self.read_version_line() {
                Ok(None) => return None,
                Ok(Some(v)) => v,
                Err(e) => return self.fail(classify_read_error(e, &origin)),
            };
            if !version.starts_with("WARC/") {
                return self.fail(IngestError::MalformedWarc {
                    origin,
                    message: format!(
                        "expected a WARC/ version line, found {:?}",
                        truncate(&version, 40)
                    ),
                });
            }
            let header = match self.read_header() {
                Ok(Ok(h)) => h,
                Ok(Err(message)) => {
                    return self.fail(IngestError::TruncatedWarc { origin, message })
                }
                Err(e) => return self.fail(classify_read_error(e, &origin)),
            };
            let Some(length) = header.content_length else {
                return self.fail(IngestError::MalformedWarc {
                    origin,
                    message: "missing or invalid Content-Length".into(),
                });
            };
            if length > self.max {
                if let Err(e) =
                    io::copy(&mut Read::take(&mut *self.reader, length), &mut io::sink())
                {
                    return self.fail(classify_read_error(e, &origin));
                }
                return Some(Err(IngestError::TooLarge {
                    origin,
                    limit: self.max,
                    what: "one WARC record",
                }));
            }
            let block = match self.read_block(length, &origin) {
                Ok(b) => b,
                Err(e) => return self.fail(e),
            };
            if let Some(doc) = self.document(&header, &block, origin) {
                return Some(doc);
            }
        }
    }

    fn read_block(&mut self, length: u64, origin: &Origin) -> Result<Vec<u8>, IngestError> {
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        let got = Read::take(&mut *self.reader, length)
            .read_to_end(&mut block)
            .map_err(|e| classify_read_error(e, origin))?;
        if (got as u64) < length {
            return Err(IngestError::TruncatedWarc {
                origin: origin.clone(),
                message: format!("Content-Length is {length} but only {got} bytes follow"),
            });
        }
        Ok(block)
    }

    /// `None` for records that are not HTML pages (request, metadata, images, errors).
    fn document(
        &self,
        header: &RecordHeader,
        block: &[u8],
        origin: Origin,
    ) -> Option<Result<RawDocument, IngestError>> {
        let (content_type, body) = match header.warc_type.as_str() {
            "response" if header.content_type.starts_with("application/http") => {
                match parse_http_response(block, self.max) {
                    Ok(Some(parts)) => parts,
                    Ok(None) => return None,
                    Err(message) => {
                        return Some(Err(IngestError::MalformedWarc { origin, message }))
                    }
                }
            }
            "resource" | "response" | "conversion" => (header.content_type.clone(), block.to_vec()),
            _ => return None,
        };
        if !is_html(&content_type) {
            return None;
        }
        let id = format!("{}#{}", self.stem, self.record);
        let doc = document_from_bytes(
            &body,
            charset_from_content_type(&content_type),
            Markup::Html,
            origin,
            id,
        );
        Some(doc.map(|mut d| {
            d.url = header.target_uri.clone();
            d.fetched = header.date.clone();
            d
        }))
    }
}

impl Iterator for WarcDocuments {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml"
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Splits an HTTP response into its content type and (decoded) body.
/// `Ok(None)` for non-2xx responses, which are not articles.
fn parse_http_response(block: &[u8], max: u64) -> Result<Option<(String, Vec<u8>)>, String> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        })
        .ok_or("HTTP header is not terminated")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", truncate(status_line, 40)))?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut content_encoding = String::new();
    let mut chunked = false;
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "content-encoding" => content_encoding = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            _ => {}
        }
    }
    let mut body = block[split.1..].to_vec();
    if chunked {
        // Crawlers often store the de-chunked body but keep the header: only trust valid chunking.
        if let Some(dechunked) = dechunk(&body) {
            body = dechunked;
        }
    }
    let body = match content_encoding.as_str() {
        "gzip" | "x-gzip" => inflate(GzDecoder::new(&body[..]), max)?,
        "deflate" => inflate(ZlibDecoder::new(&body[..]), max)?,
        _ => body,
    };
    Ok(Some((content_type, body)))
}

fn inflate(decoder: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress HTTP body: {e}"))?;
    if out.len() as u64 > max {
        return Err(format!("decompressed HTTP body exceeds {max} bytes"));
    }
    Ok(out)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_valid_bodies_only() {
        assert_eq!(dechunk(b"5\r\nhello\r\n0\r\n\r\n"), Some(b"hello".to_vec()));
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
    }

    #[test]
    fn non_2xx_responses_are_skipped() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        assert_eq!(parse_http_response(block, 1000), Ok(None));
    }
}
