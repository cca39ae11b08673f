//! The write side: one thread owns the engine (and so the store's single writer);
//! API requests put ingestion tasks in the store's durable queue and return with
//! the task's id only once the task is on disk, so writing never blocks reads and
//! an accepted task survives any stop. The writer takes tasks oldest first; one
//! that a stop interrupted is taken again at the next start (re-ingest is
//! idempotent: what was stored before the stop is a duplicate the second time).
//!
//! A stop (`shutdown`) lets the writer finish the queue for a grace period, then
//! stops it at the next stored document; what is left waits in the queue for the next start.

use std::io::Cursor;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use storyline_engine::{batches, Engine, Summary};
use storyline_ingest::Reader;
use storyline_store::{QueuedTask, SqliteStore, StoreError, TaskQueue, TaskState};

pub use storyline_store::TaskId;

/// Where a task stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TaskStatus {
    Enqueued,
    Processing,
    /// Done, every document stored (or a duplicate).
    Succeeded {
        summary: Summary,
        errors: Vec<String>,
    },
    /// Done, but some documents failed: counted by reason in the summary, each named
    /// in `errors` (the first 100); the rest are stored.
    SucceededWithErrors {
        summary: Summary,
        errors: Vec<String>,
    },
    /// The task stopped (e.g. the store failed); documents before the error are stored.
    Failed {
        error: String,
    },
}

/// A task as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TaskView {
    pub task: TaskId,
    pub state: TaskStatus,
    /// How many times processing started (more than 1: a stop interrupted it).
    pub attempts: u32,
    pub enqueued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Per-document error messages kept in a task's result.
const MAX_ERRORS: usize = 100;
/// A task whose processing was started this many times without finishing (each
/// start after a crash or a stop) is given up as failed rather than tried forever.
const MAX_ATTEMPTS: u32 = 5;
/// How often an idle writer looks at the queue without being woken.
const IDLE_POLL: Duration = Duration::from_millis(500);
/// How often a busy server saves the clusterer's state (and always when it stops):
/// after a crash, the next start replays only what came since.
const STATE_SAVE_INTERVAL: Duration = Duration::from_secs(60);

/// When the writer must stop.
#[derive(Default)]
struct Stop {
    requested: AtomicBool,
    deadline: Mutex<Option<Instant>>,
}

impl Stop {
    fn requested(&self) -> bool {
        self.requested.load(Ordering::Acquire)
    }

    /// Past the grace period: stop even with work left.
    fn now(&self) -> bool {
        self.requested()
            && self
                .deadline
                .lock()
                .map_or(true, |d| d.is_none_or(|d| Instant::now() >= d))
    }
}

/// What a stop left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// Tasks still in the queue; they are taken at the next start.
    pub unfinished: u64,
}

/// Handle to the writer thread and the queue.
#[derive(Clone)]
pub struct Tasks {
    queue: Arc<Mutex<SqliteStore>>,
    wake: Sender<()>,
    stop: Arc<Stop>,
    writer: Arc<Mutex<Option<JoinHandle<()>>>>,
}

impl Tasks {
    /// Starts the writer thread over `engine`; `queue` is a connection of its own to
    /// the same store, for the queue (its commits are made durable here). Tasks left
    /// by an earlier run are taken first.
    pub fn start(
        engine: Engine<SqliteStore>,
        reader: Reader,
        queue: SqliteStore,
    ) -> Result<Tasks, StoreError> {
        queue.durable_commits()?;
        let queue = Arc::new(Mutex::new(queue));
        let (wake, woken) = channel::<()>();
        let stop = Arc::new(Stop::default());
        let writer = Writer {
            engine,
            reader,
            queue: Arc::clone(&queue),
            stop: Arc::clone(&stop),
            last_failure: None,
            state_saved: Instant::now(),
        };
        let handle = std::thread::Builder::new()
            .name("storyline-writer".into())
            .spawn(move || writer.run(&woken))
            .map_err(|e| StoreError::Corrupt(format!("cannot start the writer thread: {e}")))?;
        Ok(Tasks {
            queue,
            wake,
            stop,
            writer: Arc::new(Mutex::new(Some(handle))),
        })
    }

    /// Puts a body of documents (any format the ingest reader knows) in the queue;
    /// when this returns the task is on disk. Blocking: call it off async threads.
    pub fn submit(&self, name: &str, body: &[u8]) -> Result<TaskId, String> {
        if self.stop.requested() {
            return Err("the server is stopping; try again after it restarts".into());
        }
        let id = lock(&self.queue)?
            .enqueue(name, body)
            .map_err(|e| e.to_string())?;
        let _ = self.wake.send(());
        Ok(id)
    }

    /// A task's state, from the queue. Blocking.
    pub fn status(&self, id: TaskId) -> Result<Option<TaskView>, String> {
        let record = lock(&self.queue)?.task(id).map_err(|e| e.to_string())?;
        record.map(view).transpose()
    }

    /// Up to `limit` tasks with ids below `before` (all, if `None`), newest first.
    /// Up to `limit` tasks below `before`, newest first, and how many are on record.
    pub fn list(
        &self,
        before: Option<TaskId>,
        limit: usize,
    ) -> Result<(Vec<TaskView>, u64), String> {
        let queue = lock(&self.queue)?;
        let records = queue.tasks(before, limit).map_err(|e| e.to_string())?;
        let total = queue.task_count().map_err(|e| e.to_string())?;
        let views = records.into_iter().map(view).collect::<Result<_, _>>()?;
        Ok((views, total))
    }

    /// Stops taking submissions, lets the writer work through the queue for up to
    /// `grace`, then stops it between two batches and waits for it. Blocking.
    pub fn shutdown(&self, grace: Duration) -> Stopped {
        if let Ok(mut deadline) = self.stop.deadline.lock() {
            *deadline = Some(Instant::now() + grace);
        }
        self.stop.requested.store(true, Ordering::Release);
        let _ = self.wake.send(());
        let handle = self.writer.lock().ok().and_then(|mut h| h.take());
        if let Some(handle) = handle {
            let _ = handle.join();
        }
        let unfinished = lock(&self.queue)
            .and_then(|q| q.unfinished_tasks().map_err(|e| e.to_string()))
            .unwrap_or(0);
        Stopped { unfinished }
    }
}

fn lock(queue: &Mutex<SqliteStore>) -> Result<std::sync::MutexGuard<'_, SqliteStore>, String> {
    queue
        .lock()
        .map_err(|_| "the task queue is unavailable".to_string())
}

/// A stored task as the API shows it.
fn view(record: storyline_store::TaskRecord) -> Result<TaskView, String> {
    let state = match (record.state, &record.result) {
        (TaskState::Enqueued, _) => TaskStatus::Enqueued,
        (TaskState::Processing, _) => TaskStatus::Processing,
        (_, Some(result)) => serde_json::from_str(result).map_err(|e| e.to_string())?,
        (_, None) => TaskStatus::Failed {
            error: "the task ended without a result".into(),
        },
    };
    Ok(TaskView {
        task: record.id,
        state,
        attempts: record.attempts,
        enqueued_at: record.enqueued_at,
        started_at: record.started_at,
        finished_at: record.finished_at,
    })
}

/// The writer thread's state.
struct Writer {
    engine: Engine<SqliteStore>,
    reader: Reader,
    queue: Arc<Mutex<SqliteStore>>,
    stop: Arc<Stop>,
    /// The last store failure, kept for the message when its task is given up.
    last_failure: Option<(TaskId, String)>,
    /// When the clusterer's state was last saved in the store.
    state_saved: Instant,
}

impl Writer {
    fn run(mut self, woken: &Receiver<()>) {
        loop {
            if self.stop.now() {
                break;
            }
            let next = lock(&self.queue).and_then(|mut q| q.take_next().map_err(|e| e.to_string()));
            match next {
                // More may be queued: take the next at once.
                Ok(Some(task)) => {
                    self.process(task);
                    continue;
                }
                Ok(None) if self.stop.requested() => break,
                Ok(None) => {}
                Err(e) => eprintln!("error: task queue: {e}"),
            }
            // The queue is empty (or unreadable): wait for a submission or the poll.
            match woken.recv_timeout(IDLE_POLL) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // Articles stored so far are searchable once the writer is gone, and the next
        // start need not rebuild the clusterer.
        self.engine.flush_search();
        self.save_state();
    }

    /// Saves the clusterer's state (derived data: a failure only costs the next
    /// start a rebuild).
    fn save_state(&mut self) {
        self.state_saved = Instant::now();
        if let Err(e) = self.engine.save_state() {
            eprintln!("warning: could not save the clustering state: {e}");
        }
    }

    /// Runs one task and records its outcome, unless a stop interrupted it or the
    /// store failed (then it stays in the queue, to be taken again).
    fn process(&mut self, task: QueuedTask) {
        let id = task.id;
        let attempts = task.attempts;
        let status = if attempts > MAX_ATTEMPTS {
            let last = self
                .last_failure
                .take()
                .filter(|(task, _)| *task == id)
                .map(|(_, e)| format!(" (the last time: {e})"))
                .unwrap_or_default();
            Run::Done(TaskStatus::Failed {
                error: format!(
                    "processing was interrupted {} times; the task is given up{last}",
                    attempts - 1
                ),
            })
        } else {
            let (engine, reader, stop) = (&mut self.engine, &self.reader, &*self.stop);
            let run = catch_unwind(AssertUnwindSafe(|| ingest_body(engine, reader, task, stop)));
            // A finished task's articles are searchable when its status says so.
            self.engine.flush_search();
            if self.state_saved.elapsed() >= STATE_SAVE_INTERVAL {
                self.save_state();
            }
            run.unwrap_or_else(|_| {
                Run::Done(TaskStatus::Failed {
                    error: "internal error while processing the task".into(),
                })
            })
        };
        let status = match status {
            Run::Done(status) => status,
            Run::Interrupted => return,
            Run::StoreFailed(error) => {
                eprintln!("error: task {id} (attempt {attempts}): {error}; it is retried");
                self.last_failure = Some((id, error));
                self.back_off(attempts);
                return;
            }
        };
        let state = match status {
            TaskStatus::Succeeded { .. } | TaskStatus::SucceededWithErrors { .. } => {
                TaskState::Succeeded
            }
            _ => TaskState::Failed,
        };
        let result = serde_json::to_string(&status).unwrap_or_default();
        if let Err(e) = lock(&self.queue)
            .and_then(|mut q| q.finish(id, state, &result).map_err(|e| e.to_string()))
        {
            eprintln!("error: cannot record the end of task {id}: {e}");
        }
    }

    /// Waits 2^attempts seconds (at most 30) before a task is retried, or until a stop.
    fn back_off(&self, attempts: u32) {
        let wait = Duration::from_secs(1u64 << attempts.min(5)).min(Duration::from_secs(30));
        let until = Instant::now() + wait;
        while Instant::now() < until && !self.stop.requested() {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// How a task's run ended.
enum Run {
    Done(TaskStatus),
    /// A stop came before the task's last document was stored.
    Interrupted,
    /// The store failed (documents before the error are stored); worth a retry.
    StoreFailed(String),
}

/// Ingests a task's body.
fn ingest_body(
    engine: &mut Engine<SqliteStore>,
    reader: &Reader,
    task: QueuedTask,
    stop: &Stop,
) -> Run {
    let mut summary = Summary::default();
    let mut errors = Vec::new();
    let documents =
        reader.documents_from_reader(&task.name, None, Box::new(Cursor::new(task.body)));
    // Reading and analysing the next batch overlaps storing the one before.
    let mut ended = None;
    engine.ingest_all(batches(documents), |result| {
        if stop.now() {
            ended = Some(Run::Interrupted);
            return ControlFlow::Break(());
        }
        summary.record(&result);
        if let Err(e) = &result {
            if !e.is_per_document() {
                ended = Some(Run::StoreFailed(e.to_string()));
                return ControlFlow::Break(());
            }
            if errors.len() < MAX_ERRORS {
                errors.push(e.to_string());
            }
        }
        ControlFlow::Continue(())
    });
    if let Some(run) = ended {
        return run;
    }
    Run::Done(if summary.failures() > 0 {
        TaskStatus::SucceededWithErrors { summary, errors }
    } else {
        TaskStatus::Succeeded { summary, errors }
    })
}
