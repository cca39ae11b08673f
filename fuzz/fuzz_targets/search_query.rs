//! The search query parser on arbitrary text: it accepts a query or says why not,
//! never panics, and what it accepts stays within the documented bounds (clauses,
//! phrase words, slop) that keep one request from exhausting the server.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_search::query::{Target, MAX_CLAUSES, MAX_PHRASE_WORDS, MAX_SLOP};
use storyline_search::SearchQuery;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(query) = SearchQuery::parse(text) else {
        return;
    };
    assert!(query.clauses.len() <= MAX_CLAUSES, "{text:?}");
    for clause in &query.clauses {
        if let Target::Phrase { words, slop } = &clause.target {
            assert!(words.len() <= MAX_PHRASE_WORDS, "{text:?}");
            assert!(*slop <= MAX_SLOP, "{text:?}");
        }
    }
});
