//! The same behaviour checked against every `Store` implementation, plus SQLite's
//! schema versioning and persistence across reopen.

use chrono::{TimeZone, Utc};
use storyline_model::{Article, Origin};
use storyline_store::{
    content_hash, InsertOutcome, MemoryStore, NewArticle, SqliteStore, Store, StoreError,
    StoryQuery, TaskQueue, TaskState,
};

fn new_article(
    id: &str,
    text: &str,
    url: Option<&str>,
    story: u64,
    day: u32,
    language: &str,
) -> NewArticle {
    NewArticle {
        article: Article {
            url: url.map(str::to_string),
            title: Some(format!("Title {id}")),
            published: Some(Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()),
            source: Some("Example".into()),
            origin: Origin::file(format!("{id}.txt")),
            ..Article::from_text(id, text)
        },
        language: language.into(),
        content_hash: content_hash(text),
        story,
        embedding: None,
        copy_of: None,
        related: Vec::new(),
    }
}

fn exercise(store: &mut dyn Store) {
    let a = new_article(
        "a",
        "Міст закрили на ремонт.",
        Some("https://x.example/a"),
        1,
        3,
        "uk",
    );
    let mut b = new_article("b", "The bridge was closed for repairs.", None, 1, 5, "en");
    b.embedding = Some(vec![0.25, -1.5, 3.0e-7]);
    let mut c = new_article(
        "c",
        "Un satellite a été lancé.",
        Some("https://x.example/c"),
        2,
        4,
        "fr",
    );
    c.related = vec![1];
    for article in [&a, &b, &c] {
        assert!(matches!(
            store.insert_article(article).unwrap(),
            InsertOutcome::Inserted(_)
        ));
    }

    // Same text with other spacing and case, or same URL: duplicates, nothing stored.
    let same_text = new_article("a2", "міст  закрили на\nремонт.", None, 9, 3, "uk");
    assert!(matches!(
        store.insert_article(&same_text).unwrap(),
        InsertOutcome::Duplicate(_)
    ));
    let same_url = new_article(
        "a3",
        "Інший текст.",
        Some("https://x.example/a"),
        9,
        3,
        "uk",
    );
    assert!(matches!(
        store.insert_article(&same_url).unwrap(),
        InsertOutcome::Duplicate(_)
    ));
    let hash_b = content_hash("The bridge was closed for repairs.");
    assert!(store.find_duplicate(None, &hash_b).unwrap().is_some());

    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.stories), (3, 2));
    assert_eq!(store.max_story_id().unwrap(), Some(2));

    let list = store.stories(10, 0).unwrap();
    let ids: Vec<u64> = list.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![1, 2], "story 1 has the latest activity");
    assert_eq!(list[0].articles, 2);
    assert_eq!(list[0].languages, vec!["en", "uk"]);
    assert_eq!(list[0].title.as_deref(), Some("Title a"));
    assert_eq!(
        list[0].first_published.unwrap().format("%d").to_string(),
        "03"
    );
    assert_eq!(
        list[0].last_published.unwrap().format("%d").to_string(),
        "05"
    );
    assert_eq!(store.stories(1, 1).unwrap()[0].id, 2);
    let find = |q: StoryQuery| -> Vec<u64> {
        let q = StoryQuery { limit: 10, ..q };
        store
            .find_stories(&q)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(
        find(StoryQuery {
            language: Some("fr".into()),
            ..Default::default()
        }),
        vec![2]
    );
    assert_eq!(
        find(StoryQuery {
            language: Some("u".into()),
            ..Default::default()
        }),
        Vec::<u64>::new(),
        "whole codes only"
    );
    assert_eq!(
        find(StoryQuery {
            min_articles: Some(2),
            ..Default::default()
        }),
        vec![1]
    );
    assert_eq!(
        find(StoryQuery {
            outlet: Some("Example".into()),
            ..Default::default()
        }),
        vec![1, 2]
    );
    assert!(find(StoryQuery {
        outlet: Some("Nobody".into()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        find(StoryQuery {
            ids: Some(vec![2, 7]),
            ..Default::default()
        }),
        vec![2]
    );
    assert!(find(StoryQuery {
        ids: Some(Vec::new()),
        ..Default::default()
    })
    .is_empty());
    let day = |d| Some(Utc.with_ymd_and_hms(2026, 3, d, 0, 0, 0).unwrap());
    assert_eq!(
        find(StoryQuery {
            from: day(5),
            ..Default::default()
        }),
        vec![1]
    );
    assert_eq!(
        find(StoryQuery {
            to: day(3),
            ..Default::default()
        }),
        Vec::<u64>::new()
    );
    assert_eq!(
        find(StoryQuery {
            to: day(5),
            ..Default::default()
        }),
        vec![1, 2]
    );

    let detail = store.story(1).unwrap().unwrap();
    let ids: Vec<&str> = detail
        .articles
        .iter()
        .map(|a| a.article.id.as_str())
        .collect();
    assert_eq!(ids, vec!["a", "b"]);
    assert_eq!(detail.articles[0].article.text, "Міст закрили на ремонт.");
    let key = detail.articles[1].key;
    assert_eq!(store.article(key).unwrap().unwrap().article.id, "b");
    assert!(store.article(9_999).unwrap().is_none());
    let sources = store.story_sources(1).unwrap();
    assert_eq!(sources.len(), 2);
    assert!(sources.contains(&(Some("Example".into()), Some("https://x.example/a".into()))));
    let after: Vec<String> = store
        .articles_after(key, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.article.id)
        .collect();
    assert_eq!(after, vec!["c"]);
    assert!(store.story(99).unwrap().is_none());
    assert_eq!(
        store.story(1).unwrap().unwrap().related,
        vec![2],
        "links go both ways"
    );
    assert_eq!(store.story(2).unwrap().unwrap().related, vec![1]);

    let recent = store.recent_articles(2).unwrap();
    let ids: Vec<&str> = recent.iter().map(|a| a.article.id.as_str()).collect();
    assert_eq!(ids, vec!["b", "c"]);
    assert_eq!(recent[0].embedding, Some(vec![0.25, -1.5, 3.0e-7]));
    assert_eq!(recent[1].embedding, None);

    // The same text at another URL is a syndicated copy: stored, linked to its original.
    let mut reprint = new_article(
        "c-reprint",
        "Un satellite a été lancé.",
        Some("https://y.example/c"),
        2,
        4,
        "fr",
    );
    reprint.copy_of = Some("c".into());
    assert!(store
        .find_duplicate(Some("https://y.example/c"), &reprint.content_hash)
        .unwrap()
        .is_none());
    assert!(matches!(
        store.insert_article(&reprint).unwrap(),
        InsertOutcome::Inserted(_)
    ));
    assert!(
        matches!(
            store.insert_article(&reprint).unwrap(),
            InsertOutcome::Duplicate(_)
        ),
        "re-ingesting it is a no-op"
    );
    let last = store.recent_articles(1).unwrap();
    assert_eq!(last[0].copy_of.as_deref(), Some("c"));
    assert_eq!(store.story(2).unwrap().unwrap().articles.len(), 2);

    // Merging keeps the older id; the merged one still finds the story.
    store.merge_stories(2, 1).unwrap();
    let merged = store.story(2).unwrap().unwrap();
    assert_eq!(merged.summary.id, 1);
    assert_eq!(merged.articles.len(), 4);
    assert!(
        merged.articles.iter().all(|a| a.story == 1),
        "articles move: their story never names an alias"
    );
    assert_eq!(merged.summary.languages, vec!["en", "fr", "uk"]);
    assert_eq!(
        merged
            .summary
            .first_published
            .unwrap()
            .format("%d")
            .to_string(),
        "03"
    );
    assert_eq!(store.counts().unwrap().stories, 1);
    assert_eq!(
        store.max_story_id().unwrap(),
        Some(2),
        "a merged id is never reused"
    );
    // A later merge into a new story carries the alias along.
    store.merge_stories(1, 0).unwrap();
    assert_eq!(store.story(2).unwrap().unwrap().summary.id, 0);
    assert_eq!(store.story(1).unwrap().unwrap().articles.len(), 4);
    assert!(
        store.story(0).unwrap().unwrap().related.is_empty(),
        "merged into one: no link left"
    );
}

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
