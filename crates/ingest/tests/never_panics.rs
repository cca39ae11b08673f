//! Property: whatever bytes arrive, under whatever name, ingest yields documents or
//! errors naming the input — it never panics and never loops forever.

use std::io::Write;

use proptest::prelude::*;
use storyline_ingest::{Input, Reader};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Byte strings that look a little like each format, so the parsers get past their first checks.
fn inputs() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(b"".to_vec()),
        Just(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"{\"id\": \"x\", \"text\": \"".to_vec()),
        Just(b"<?xml version=\"1.0\"?><rss><channel><item><title>".to_vec()),
        Just(b"<feed><entry><content type=\"html\">&lt;p&gt;".to_vec()),
        Just(b"<html><head><meta charset=\"koi8-u\"></head><body><p>".to_vec()),
        Just(b"date 2025-09-24 ".to_vec()),
    ];
    (prefix, proptest::collection::vec(any::<u8>(), 0..600)).prop_map(|(mut p, tail)| {
        p.extend(tail);
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_under_any_name(bytes in inputs(), gzipped in any::<bool>(), ext in prop::sample::select(vec!["txt", "html", "jsonl", "warc", "rss", "xml", "bin"])) {
        let dir = tempfile::tempdir().unwrap();
        let name = if gzipped { format!("input.{ext}.gz") } else { format!("input.{ext}") };
        let path = dir.path().join(&name);
        let payload = if gzipped { gzip(&bytes) } else { bytes };
        std::fs::write(&path, payload).unwrap();
        let results: Vec<_> = Reader::default().documents(&Input::File(path.clone())).take(10_000).collect();
        prop_assert!(results.len() < 10_000);
        for r in results {
            if let Err(e) = r {
                prop_assert!(e.to_string().contains(&name), "{}", e);
            }
        }
    }

    #[test]
    fn truncating_a_gzip_anywhere_is_an_error_not_a_panic(cut in 0usize..400) {
        let dir = tempfile::tempdir().unwrap();
        let full = gzip("Текст новини про міст. ".repeat(40).as_bytes());
        let path = dir.path().join("cut.txt.gz");
        std::fs::write(&path, &full[..cut.min(full.len())]).unwrap();
        let results: Vec<_> = Reader::default().documents(&Input::File(path)).collect();
        prop_assert_eq!(results.len(), 1);
    }
}
