//! The same behaviour checked against every `Store` implementation, plus SQLite's
//! schema versioning and persistence across reopen.

mod common;

use common::{exercise, new_article};
use storyline_store::{MemoryStore, SqliteStore, Store, StoreError, TaskQueue, TaskState};

#[test]
fn memory_store_behaviour() {
    exercise(&mut MemoryStore::new());
}

#[test]
fn sqlite_store_behaviour_and_persistence() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = SqliteStore::open_dir(dir.path()).unwrap();
        exercise(&mut store);
        assert_eq!(
            store.schema_version().unwrap(),
            storyline_store::SCHEMA_VERSION
        );
    }
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.articles, counts.stories),
        (4, 1),
        "everything survives a reopen"
    );
}

#[test]
fn a_store_from_a_newer_storyline_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("storyline.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store
            .insert_article(&new_article("a", "Text.", None, 1, 3, "en"))
            .unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE schema_meta SET value = '999' WHERE key = 'version'",
            [],
        )
        .unwrap();
    }
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

/// A version-1 store as the first release wrote it must keep opening.
#[test]
fn opens_a_version_1_store_written_by_plain_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("storyline.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
            .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let detail = store.story(7).unwrap().unwrap();
    assert_eq!(detail.summary.title.as_deref(), Some("Brücke gesperrt"));
    assert_eq!(detail.summary.languages, vec!["de", "uk"]);
    assert_eq!(detail.articles.len(), 2);
    assert_eq!(detail.articles[1].article.text, "Міст закрили.");
    drop(store);
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.enqueue("after-upgrade.jsonl", b"{}").unwrap(), 1);
}

#[test]
fn the_task_queue_keeps_order_resumes_interrupted_tasks_and_never_reuses_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut queue = SqliteStore::open_dir(dir.path()).unwrap();
    assert_eq!(queue.take_next().unwrap(), None);
    let first = queue.enqueue("a.jsonl", b"first").unwrap();
    let second = queue.enqueue("b.jsonl", b"second").unwrap();
    assert_eq!((first, second), (1, 2));
    let taken = queue.take_next().unwrap().unwrap();
    assert_eq!(
        (taken.id, taken.body.as_slice(), taken.attempts),
        (1, &b"first"[..], 1)
    );
    assert_eq!(queue.task(1).unwrap().unwrap().state, TaskState::Processing);
    drop(queue);

    // A restart: the interrupted task comes back first, with its body.
    let mut queue = SqliteStore::open_dir(dir.path()).unwrap();
    let again = queue.take_next().unwrap().unwrap();
    assert_eq!(
        (again.id, again.body.as_slice(), again.attempts),
        (1, &b"first"[..], 2)
    );
    queue.finish(1, TaskState::Succeeded, "{\"ok\":1}").unwrap();
    let done = queue.task(1).unwrap().unwrap();
    assert_eq!(done.state, TaskState::Succeeded);
    assert_eq!(done.result.as_deref(), Some("{\"ok\":1}"));
    assert!(done.finished_at.is_some());
    assert_eq!(queue.unfinished_tasks().unwrap(), 1);
    assert_eq!(queue.take_next().unwrap().unwrap().id, 2);
    queue.finish(2, TaskState::Failed, "{}").unwrap();
    assert_eq!(queue.take_next().unwrap(), None);
    // Even with every row gone, an id is never handed out again.
    drop(queue);
    let conn = rusqlite::Connection::open(dir.path().join("storyline.db")).unwrap();
    conn.execute("DELETE FROM tasks", []).unwrap();
    drop(conn);
    let mut queue = SqliteStore::open_dir(dir.path()).unwrap();
    assert_eq!(queue.enqueue("c.jsonl", b"third").unwrap(), 3);
    assert_eq!(queue.task(u64::MAX).unwrap(), None);
}

#[test]
fn one_writer_at_a_time_and_readers_need_an_existing_store() {
    let dir = tempfile::tempdir().unwrap();
    let missing = SqliteStore::open_dir_existing(dir.path()).unwrap_err();
    assert!(matches!(missing, StoreError::Missing { .. }), "{missing}");
    let writer = SqliteStore::open_dir_for_writing(dir.path()).unwrap();
    writer.announce_writer("storyline serve on http://127.0.0.1:7878");
    let second = SqliteStore::open_dir_for_writing(dir.path()).unwrap_err();
    let pid = format!(
        "pid {}: storyline serve on http://127.0.0.1:7878",
        std::process::id()
    );
    assert!(
        matches!(&second, StoreError::Locked { holder, .. } if *holder == pid),
        "the refusal names the writer: {second}"
    );
    assert!(
        SqliteStore::open_dir_existing(dir.path()).is_ok(),
        "readers are not blocked"
    );
    drop(writer);
    assert!(
        SqliteStore::open_dir_for_writing(dir.path()).is_ok(),
        "the lock goes with the writer"
    );
}

#[test]
fn two_writers_racing_on_a_new_directory_get_a_store_and_a_clear_refusal() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|_| {
                let (path, barrier) = (dir.path().to_path_buf(), barrier.clone());
                std::thread::spawn(move || {
                    let opened = SqliteStore::open_dir_for_writing(&path);
                    // Both hold what they got until both have tried.
                    barrier.wait();
                    opened.map(|_| ())
                })
            })
            .collect();
        let results: Vec<Result<(), StoreError>> =
            racers.into_iter().map(|r| r.join().unwrap()).collect();
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{results:?}"
        );
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(StoreError::Locked { .. }))),
            "{results:?}"
        );
    }
}

/// A story first titled by an article's first sentence takes the first real headline
/// that arrives, and keeps it; in every store, and across a reopen.
fn headline_replaces_first_sentence(store: &mut dyn Store) {
    let mut lead = new_article(
        "lead",
        "The bridge closed on Monday. Repairs take a week.",
        None,
        7,
        3,
        "en",
    );
    lead.article.title = None;
    let headed = new_article("headed", "Engineers inspect the bridge.", None, 7, 4, "en");
    let later = new_article("later", "Traffic is diverted.", None, 7, 5, "en");
    store.insert_article(&lead).unwrap();
    let title = |store: &dyn Store| store.story(7).unwrap().unwrap().summary.title;
    assert_eq!(
        title(store).as_deref(),
        Some("The bridge closed on Monday."),
        "a whole first sentence"
    );
    store.insert_article(&headed).unwrap();
    assert_eq!(title(store).as_deref(), Some("Title headed"));
    store.insert_article(&later).unwrap();
    assert_eq!(
        title(store).as_deref(),
        Some("Title headed"),
        "the first headline stays"
    );
}

#[test]
fn a_headline_replaces_a_first_sentence_title() {
    headline_replaces_first_sentence(&mut MemoryStore::new());
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = SqliteStore::open_dir(dir.path()).unwrap();
        headline_replaces_first_sentence(&mut store);
    }
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    assert_eq!(
        store.story(7).unwrap().unwrap().summary.title.as_deref(),
        Some("Title headed")
    );
}

#[test]
fn saved_state_is_replaced_whole_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let first = storyline_store::SavedState {
        through: 7,
        data: vec![1, 2, 3],
    };
    let second = storyline_store::SavedState {
        through: 9,
        data: vec![0; 100_000],
    };
    let mut memory = MemoryStore::new();
    {
        let mut store = SqliteStore::open_dir(dir.path()).unwrap();
        for store in [&mut store as &mut dyn Store, &mut memory] {
            assert_eq!(store.saved_state("clusterer").unwrap(), None);
            store.save_state("clusterer", &first).unwrap();
            store.save_state("clusterer", &second).unwrap();
            store.save_state("other", &first).unwrap();
            assert_eq!(
                store.saved_state("clusterer").unwrap(),
                Some(second.clone())
            );
        }
    }
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    assert_eq!(store.saved_state("clusterer").unwrap(), Some(second));
    assert_eq!(store.saved_state("other").unwrap(), Some(first));
}

#[test]
fn watch_records_are_kept_per_kind_and_key_and_survive_reopening() {
    use storyline_store::WatchLog;
    let dir = tempfile::tempdir().unwrap();
    let mut memory = MemoryStore::new();
    {
        let mut sqlite = SqliteStore::open_dir(dir.path()).unwrap();
        for log in [&mut sqlite as &mut dyn WatchLog, &mut memory] {
            assert!(log.watch_records("source").unwrap().is_empty());
            log.save_watch_record("source", "https://b.example/feed", "{\"n\":1}")
                .unwrap();
            log.save_watch_record("source", "https://a.example/rss", "{}")
                .unwrap();
            log.save_watch_record("source", "https://b.example/feed", "{\"n\":2}")
                .unwrap();
            log.save_watch_record("robots", "https://b.example", "User-agent: *")
                .unwrap();
            let sources = log.watch_records("source").unwrap();
            let keys: Vec<&str> = sources.iter().map(|r| r.key.as_str()).collect();
            assert_eq!(keys, ["https://a.example/rss", "https://b.example/feed"]);
            assert_eq!(sources[1].state, "{\"n\":2}", "replaced, not added");
            assert!(log
                .delete_watch_record("source", "https://a.example/rss")
                .unwrap());
            assert!(!log
                .delete_watch_record("source", "https://a.example/rss")
                .unwrap());
        }
    }
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    let robots = store.watch_record("robots", "https://b.example").unwrap();
    assert_eq!(robots.map(|r| r.state).as_deref(), Some("User-agent: *"));
    assert_eq!(store.watch_records("source").unwrap().len(), 1);
}
