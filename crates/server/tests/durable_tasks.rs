//! The task queue keeps its promises: a task answered with an id is on disk, a stop
//! in the middle of the queue loses none of it (the next start finishes it), and ids
//! are never handed out twice, across restarts.

use std::time::{Duration, Instant};

use storyline_engine::{Engine, EngineConfig};
use storyline_ingest::IngestConfig;
use storyline_server::{TaskStatus, Tasks};
use storyline_store::{SqliteStore, Store};

fn start(dir: &std::path::Path) -> Tasks {
    let store = SqliteStore::open_dir_for_writing(dir).unwrap();
    let engine = Engine::open(store, &EngineConfig::default(), None).unwrap();
    let queue = SqliteStore::open_dir_existing(dir).unwrap();
    Tasks::start(engine, IngestConfig::default().build().unwrap(), queue).unwrap()
}

/// A body of `n` short articles of our own, distinct by their harbour and day.
fn body(task: usize, n: usize) -> Vec<u8> {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\": \"t{task}-{i}\", \"url\": \"https://port.example/{task}/{i}\", \
                 \"title\": \"Ferry {task}-{i} delayed at Kestrel Bay\", \
                 \"text\": \"Ferry number {task}{i} was delayed for {i} hours at Kestrel Bay pier {task} on Monday, \
                 harbour officials said, after a storm damaged the gangway.\", \
                 \"published\": \"2026-03-{:02}T08:00:00Z\", \"lang\": \"en\"}}\n",
                1 + (i % 27)
            )
        })
        .collect::<String>()
        .into_bytes()
}

fn wait_until_done(tasks: &Tasks, id: u64) -> TaskStatus {
    let started = Instant::now();
    loop {
        let view = tasks.status(id).unwrap().expect("the task is known");
        if matches!(
            view.state,
            TaskStatus::Succeeded { .. } | TaskStatus::Failed { .. }
        ) {
            return view.state;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "{view:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_stop_in_the_middle_of_the_queue_loses_nothing_and_ids_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = start(dir.path());
    // The first task is several batches long, so the stop can come inside it.
    let ids: Vec<u64> = (0..10)
        .map(|t| {
            let n = if t == 0 { 200 } else { 40 };
            tasks.submit("api.jsonl", &body(t, n)).unwrap()
        })
        .collect();
    assert_eq!(ids, (1..=10).collect::<Vec<u64>>());
    // No grace: the writer stops at its next batch, with most of the queue left.
    let stopped = tasks.shutdown(Duration::ZERO);
    assert!(stopped.unfinished > 0, "{stopped:?}");
    assert!(
        tasks.submit("late.jsonl", &body(99, 1)).is_err(),
        "a stopping server takes no new task"
    );
    drop(tasks);

    let tasks = start(dir.path());
    let next = tasks.submit("api.jsonl", &body(10, 40)).unwrap();
    assert_eq!(next, 11, "ids go on after a restart");
    for id in ids.iter().copied().chain([next]) {
        let status = wait_until_done(&tasks, id);
        assert!(
            matches!(status, TaskStatus::Succeeded { .. }),
            "{id}: {status:?}"
        );
    }
    let resumed = tasks.status(ids[9]).unwrap().unwrap();
    assert_eq!(resumed.attempts, 1, "a task never started runs once");
    let stopped = tasks.shutdown(Duration::from_secs(30));
    assert_eq!(stopped.unfinished, 0);
    drop(tasks);

    let store = SqliteStore::open_dir_existing(dir.path()).unwrap();
    assert_eq!(
        store.counts().unwrap().articles,
        200 + 10 * 40,
        "every accepted article, once"
    );
}

#[test]
fn a_graceful_stop_finishes_the_queue_first() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = start(dir.path());
    let ids: Vec<u64> = (0..3)
        .map(|t| tasks.submit("api.jsonl", &body(t, 30)).unwrap())
        .collect();
    let stopped = tasks.shutdown(Duration::from_secs(60));
    assert_eq!(stopped.unfinished, 0);
    for id in ids {
        assert!(matches!(
            tasks.status(id).unwrap().unwrap().state,
            TaskStatus::Succeeded { .. }
        ));
    }
    drop(tasks);
    let store = SqliteStore::open_dir_existing(dir.path()).unwrap();
    assert_eq!(store.counts().unwrap().articles, 90);
}
