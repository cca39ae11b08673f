//! The WARC reader alone (the format fixed, so every byte goes to its parser):
//! records are read or rejected with an error naming the input, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_ingest::IngestConfig;

fuzz_target!(|data: &[u8]| {
    let config = IngestConfig {
        max_document_bytes: 1 << 20,
        max_decompressed_bytes: 8 << 20,
    };
    let Ok(reader) = config.build() else { return };
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    for result in reader
        .documents_from_reader("fuzz", Some("warc"), input)
        .take(10_000)
    {
        if let Err(e) = result {
            assert!(e.to_string().starts_with("fuzz"));
        }
    }
});
