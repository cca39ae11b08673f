//! Every ingest format: the first byte picks the format hint, the rest is the input
//! (possibly gzip, WARC, JSONL, feed, HTML or text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_ingest::IngestConfig;

const EXTENSIONS: &[Option<&str>] = &[
    None,
    Some("warc"),
    Some("jsonl"),
    Some("rss"),
    Some("html"),
    Some("txt"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let extension = EXTENSIONS[selector as usize % EXTENSIONS.len()];
    let config = IngestConfig {
        max_document_bytes: 1 << 20,
        max_decompressed_bytes: 8 << 20,
    };
    let Ok(reader) = config.build() else { return };
    let input = Box::new(std::io::Cursor::new(rest.to_vec()));
    for result in reader
        .documents_from_reader("fuzz", extension, input)
        .take(10_000)
    {
        if let Err(e) = result {
            assert!(e.to_string().starts_with("fuzz"));
        }
    }
});
