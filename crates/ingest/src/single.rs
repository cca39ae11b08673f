//! One file = one document: plain text or an HTML page.

use std::io::BufRead;

use storyline_model::{Body, Origin, RawDocument};

use crate::charset::{decode, Markup};
use crate::limits::{looks_binary, read_capped};
use crate::{Format, IngestError};

pub(crate) fn read_single(
    mut reader: Box<dyn BufRead>,
    format: Format,
    name: String,
    stem: String,
    max: u64,
) -> Result<RawDocument, IngestError> {
    let origin = Origin::file(name);
    let bytes = read_capped(&mut reader, max, &origin, "one document")?;
    let markup = if format == Format::Html {
        Markup::Html
    } else {
        Markup::Text
    };
    document_from_bytes(&bytes, None, markup, origin, stem)
}

/// Decodes a single page or text, rejecting binary junk and empty input.
pub(crate) fn document_from_bytes(
    bytes: &[u8],
    declared_charset: Option<&str>,
    markup: Markup,
    origin: Origin,
    id: String,
) -> Result<RawDocument, IngestError> {
    if looks_binary(bytes) {
        return Err(IngestError::Binary { origin });
    }
    let decoded = decode(bytes, declared_charset, markup);
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty { origin });
    }
    let body = match markup {
        Markup::Html | Markup::Xml => Body::Html(decoded.text),
        Markup::Text => Body::Text(decoded.text),
    };
    Ok(RawDocument::new(origin, id, body, decoded.encoding.name()))
}
