//! What `storyline watch` reads from a source (feed, JSON Feed, sitemap, sitemap
//! index, HTML with feed links), under each content type a server may claim:
//! a listing or an error naming the URL, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_fetch::{read_listing, Page, Validators};

fuzz_target!(|data: &[u8]| {
    let Ok(url) = url::Url::parse("http://news.test/feed") else { return };
    for content_type in ["application/xml", "text/html; charset=windows-1251", "application/feed+json"] {
        let page = Page {
            url: url.clone(),
            content_type: Some(content_type.to_string()),
            bytes: data.to_vec(),
            validators: Validators::default(),
            fetched_at: chrono::Utc::now(),
        };
        if let Err(e) = read_listing(&page, 3) {
            assert!(e.to_string().starts_with("http://news.test/feed"));
        }
    }
});
