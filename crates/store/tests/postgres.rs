//! The PostgreSQL store against a real server: the same behaviour as SQLite's.
//! These need `STORYLINE_STORE=postgres://…` (`scripts/postgres start` prints one);
//! `scripts/test` starts a server and runs them. Each test works in a schema of
//! its own, dropped at the end.

use storyline_store::{PostgresStore, Store, StoreError, WatchLog};

mod common;

/// A fresh schema on the server and a store in it.
struct Scratch(storyline_store::scratch::Scratch);

impl Scratch {
    fn new() -> Scratch {
        Scratch(storyline_store::scratch::Scratch::new("store"))
    }

    fn url(&self) -> String {
        self.0.url()
    }

    fn store(&self) -> PostgresStore {
        PostgresStore::connect(&self.url()).unwrap()
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

/// A store that an earlier storyline wrote at schema version 10, before the work queue,
/// must keep opening: its stories as they were, and the queue usable after the upgrade.
#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn opens_a_version_10_store_and_adds_the_work_queue() {
    use storyline_store::WorkQueue;
    let scratch = Scratch::new();
    let mut admin = postgres::Client::connect(&scratch.url(), postgres::NoTls).unwrap();
    admin
        .batch_execute(include_str!("fixtures/postgres_v10.sql"))
        .unwrap();
    let mut store = scratch.store();
    let detail = store.story(1).unwrap().unwrap();
    assert_eq!(
        detail.summary.title.as_deref(),
        Some("Brücke über die Saale gesperrt")
    );
    assert_eq!(detail.summary.languages, vec!["de", "uk"]);
    assert_eq!(detail.articles.len(), 2);
    assert!(detail.articles[1].article.text.starts_with("Старий міст"));
    assert_eq!(store.story(2).unwrap().unwrap().articles.len(), 1);
    let version: String = admin
        .query_one("SELECT value FROM schema_meta WHERE key = 'version'", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, "11");
    store.enqueue(&docs(&["after-upgrade"])).unwrap();
    assert_eq!(store.queue_counts().unwrap().queued, 1);
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

fn docs(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| (n.to_string(), n.as_bytes().to_vec()))
        .collect()
}

fn origins(leased: &[storyline_store::work::Leased]) -> Vec<&str> {
    leased.iter().map(|l| l.origin.as_str()).collect()
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn the_work_queue_leases_each_document_to_one_worker_at_a_time_in_order() {
    use std::time::Duration;
    use storyline_store::work::{Prepared, MAX_ATTEMPTS};
    use storyline_store::WorkQueue;
    let scratch = Scratch::new();
    let mut queue = scratch.store();
    queue.enqueue(&docs(&["a", "b", "c"])).unwrap();
    queue.enqueue(&docs(&["d", "e", "f", "g"])).unwrap();
    let long = Duration::from_secs(300);
    let mut first = scratch.store();
    let mut second = scratch.store();
    let a = first.lease(3, long).unwrap();
    assert_eq!(origins(&a), ["a", "b", "c"]);
    let b = second.lease(10, long).unwrap();
    assert_eq!(origins(&b), ["d", "e", "f", "g"], "leased ones are skipped");
    assert!(second.lease(10, long).unwrap().is_empty());
    assert_eq!(queue.queue_counts().unwrap().leased, 7);
    // A worker whose connection is gone loses its lease at once.
    drop(first);
    std::thread::sleep(Duration::from_millis(300));
    let mut third = scratch.store();
    let again = third.lease(10, Duration::from_secs(1)).unwrap();
    assert_eq!(origins(&again), ["a", "b", "c"]);
    // A lease that runs out is taken over by another worker too.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(origins(&second.lease(2, long).unwrap()), ["a", "b"]);
    // The assigner waits for the oldest document: nothing is ready before "a".
    queue
        .prepare(b[0].seq, &Prepared::Done(b"D".to_vec()))
        .unwrap();
    assert!(queue.next_ready(10).unwrap().is_empty());
    assert!(queue.head_waiting().unwrap());
    for l in &again {
        queue.prepare(l.seq, &Prepared::Done(vec![1])).unwrap();
    }
    // A second result for the same document keeps the first.
    queue
        .prepare(again[0].seq, &Prepared::Failed("late".into()))
        .unwrap();
    let ready = queue.next_ready(10).unwrap();
    let ready_origins: Vec<&str> = ready.iter().map(|r| r.origin.as_str()).collect();
    assert_eq!(ready_origins, ["a", "b", "c", "d"]);
    assert_eq!(ready[0].prepared, Prepared::Done(vec![1]));
    // Assignment marks commit with the batch, or not at all.
    queue.begin_batch().unwrap();
    queue.mark_assigned(ready[0].seq, true).unwrap();
    queue.rollback_batch().unwrap();
    assert_eq!(queue.next_ready(10).unwrap().len(), 4);
    queue.begin_batch().unwrap();
    queue.mark_assigned(ready[0].seq, true).unwrap();
    queue.mark_assigned(ready[1].seq, false).unwrap();
    queue.commit_batch().unwrap();
    let assigned = queue.assigned_after(0, 10).unwrap();
    assert_eq!(
        assigned.iter().map(|r| r.stored).collect::<Vec<_>>(),
        [true, false]
    );
    queue.forget_through(ready[0].seq).unwrap();
    assert_eq!(queue.assigned_after(0, 10).unwrap().len(), 1);
    assert_eq!(queue.next_ready(10).unwrap()[0].origin, "c");
    // A document whose worker dies every time is given up, not retried for ever.
    queue.enqueue(&docs(&["poison"])).unwrap();
    for _ in 0..MAX_ATTEMPTS {
        let mut doomed = scratch.store();
        let got = doomed.lease(10, long).unwrap();
        assert!(origins(&got).contains(&"poison"), "{:?}", origins(&got));
        drop(doomed);
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(scratch
        .store()
        .lease(10, long)
        .unwrap()
        .iter()
        .all(|l| l.origin != "poison"));
    let counts = queue.queue_counts().unwrap();
    assert_eq!(
        (
            counts.queued,
            counts.leased,
            counts.prepared,
            counts.assigned
        ),
        (3, 3, 3, 1),
        "e, f, g leased; c, d and the given-up one prepared; b assigned"
    );
    for l in &b[1..] {
        queue.prepare(l.seq, &Prepared::Done(vec![2])).unwrap();
    }
    let given_up = queue.next_ready(10).unwrap();
    assert!(
        matches!(&given_up.last().unwrap().prepared, Prepared::Failed(e) if e.contains("5 times")),
        "{given_up:?}"
    );
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn one_connection_at_a_time_holds_the_clusterer_role() {
    use storyline_store::WorkQueue;
    let scratch = Scratch::new();
    let (mut one, mut other) = (scratch.store(), scratch.store());
    assert!(one.try_clusterer_role().unwrap());
    assert!(!other.try_clusterer_role().unwrap());
    drop(one);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(other.try_clusterer_role().unwrap());
}
