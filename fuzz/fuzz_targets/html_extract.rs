//! HTML path: bytes → charset decoding → main-text and metadata extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_extract::{ExtractConfig, Extractor};
use storyline_ingest::{decode, Markup};
use storyline_model::{Body, Origin, RawDocument};

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data, None, Markup::Html);
    let doc = RawDocument::new(
        Origin::file("fuzz.html"),
        "fuzz",
        Body::Html(decoded.text),
        decoded.encoding.name(),
    );
    let extractor = ExtractConfig::default().build();
    if let Ok(article) = extractor.extract(doc) {
        assert!(!article.text.is_empty());
    }
});
