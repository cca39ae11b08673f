//! The PostgreSQL store against a real server: the same behaviour as SQLite's.
//! These need `STORYLINE_STORE=postgres://…` (`scripts/postgres start` prints one);
//! `scripts/test` starts a server and runs them. Each test works in a schema of
//! its own, dropped at the end.

use std::sync::atomic::{AtomicU32, Ordering};

use storyline_store::{PostgresStore, Store, StoreError, WatchLog};

mod common;

/// A fresh schema on the server and a store in it.
struct Scratch {
    url: String,
    schema: String,
}

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicU32 = AtomicU32::new(0);
        let url = std::env::var("STORYLINE_STORE")
            .expect("STORYLINE_STORE=postgres://… (scripts/postgres start prints one)");
        let schema = format!(
            "test_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .unwrap();
        Scratch { url, schema }
    }

    fn url(&self) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.url, self.schema)
    }

    fn store(&self) -> PostgresStore {
        PostgresStore::connect(&self.url()).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn postgres_store_behaves_as_the_others() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    common::exercise(&mut store);
    assert_eq!(
        store.schema_version().unwrap(),
        storyline_store::POSTGRES_SCHEMA_VERSION
    );
    let again = scratch.store();
    let counts = again.counts().unwrap();
    assert_eq!(
        (counts.articles, counts.stories),
        (4, 1),
        "kept across connections"
    );
    assert_eq!(again.identity().unwrap(), store.identity().unwrap());
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn postgres_keeps_saved_state_and_watch_records() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let state = storyline_store::SavedState {
        through: 9,
        data: vec![7; 10_000],
    };
    store.save_state("clusterer", &state).unwrap();
    store
        .save_watch_record("source", "https://a.example/rss", "{\"n\":1}")
        .unwrap();
    store
        .save_watch_record("source", "https://a.example/rss", "{\"n\":2}")
        .unwrap();
    let other = scratch.store();
    assert_eq!(other.saved_state("clusterer").unwrap(), Some(state));
    let records = other.watch_records("source").unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].state, "{\"n\":2}");
    assert!(store
        .delete_watch_record("source", "https://a.example/rss")
        .unwrap());
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn a_database_from_a_newer_storyline_is_refused() {
    let scratch = Scratch::new();
    drop(scratch.store());
    let mut admin = postgres::Client::connect(&scratch.url(), postgres::NoTls).unwrap();
    admin
        .execute(
            "UPDATE schema_meta SET value = '999' WHERE key = 'version'",
            &[],
        )
        .unwrap();
    match PostgresStore::connect(&scratch.url()) {
        Err(StoreError::TooNew { found: 999, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bad_address_is_named_without_its_password() {
    let err = PostgresStore::connect("postgres://storyline:s3cret@127.0.0.1:1/none").unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("postgres://storyline:***@127.0.0.1:1/none"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn one_process_assigns_stories_at_a_time_and_the_holder_is_named() {
    let scratch = Scratch::new();
    let first = PostgresStore::connect_for_writing(&scratch.url(), "storyline ingest").unwrap();
    match PostgresStore::connect_for_writing(&scratch.url(), "storyline ingest") {
        Err(StoreError::Locked { holder, .. }) => {
            assert!(holder.contains("storyline ingest"), "{holder}")
        }
        other => panic!("{other:?}"),
    }
    // Readers and the watcher's records are not held up by the writer.
    assert!(scratch.store().counts().is_ok());
    drop(first);
    assert!(PostgresStore::connect_for_writing(&scratch.url(), "storyline ingest").is_ok());
}
