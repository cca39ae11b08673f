//! The write side: one thread owns the engine (and so the store's single writer);
//! API requests enqueue ingestion tasks and return at once with a task id, so
//! writing never blocks reads. Task states live in memory for the life of the server.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use storyline_engine::{batches, Engine, Summary};
use storyline_ingest::Reader;
use storyline_store::SqliteStore;

pub type TaskId = u64;

/// Where a task stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TaskStatus {
    Enqueued,
    Processing,
    /// Done; per-document failures are counted in the summary, not fatal.
    Succeeded {
        summary: Summary,
        errors: Vec<String>,
    },
    /// The task stopped (e.g. the store failed); documents before the error are stored.
    Failed {
        error: String,
    },
}

struct Job {
    id: TaskId,
    name: String,
    body: Vec<u8>,
}

/// Handle to the writer thread.
#[derive(Clone)]
pub struct Tasks {
    sender: Sender<Job>,
    states: Arc<Mutex<HashMap<TaskId, TaskStatus>>>,
    next: Arc<AtomicU64>,
}

/// Per-document error messages kept in a task's result.
const MAX_ERRORS: usize = 100;

impl Tasks {
    /// Starts the writer thread over `engine`.
    pub fn start(mut engine: Engine<SqliteStore>, reader: Reader) -> Tasks {
        let (sender, receiver) = channel::<Job>();
        let states: Arc<Mutex<HashMap<TaskId, TaskStatus>>> = Arc::default();
        let shared = Arc::clone(&states);
        std::thread::spawn(move || {
            for job in receiver {
                set(&shared, job.id, TaskStatus::Processing);
                let status = run(&mut engine, &reader, job.name, job.body);
                set(&shared, job.id, status);
            }
        });
        Tasks {
            sender,
            states,
            next: Arc::new(AtomicU64::new(1)),
        }
    }

    /// Enqueues a body of documents (any format the ingest reader knows).
    pub fn submit(&self, name: String, body: Vec<u8>) -> Result<TaskId, String> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        set(&self.states, id, TaskStatus::Enqueued);
        self.sender
            .send(Job { id, name, body })
            .map_err(|_| "the writer has stopped".to_string())?;
        Ok(id)
    }

    pub fn status(&self, id: TaskId) -> Option<TaskStatus> {
        self.states.lock().ok()?.get(&id).cloned()
    }
}

fn set(states: &Mutex<HashMap<TaskId, TaskStatus>>, id: TaskId, status: TaskStatus) {
    if let Ok(mut map) = states.lock() {
        map.insert(id, status);
    }
}

fn run(
    engine: &mut Engine<SqliteStore>,
    reader: &Reader,
    name: String,
    body: Vec<u8>,
) -> TaskStatus {
    let status = ingest_body(engine, reader, name, body);
    // A finished task's articles are searchable when its status says so.
    engine.flush_search();
    status
}

fn ingest_body(
    engine: &mut Engine<SqliteStore>,
    reader: &Reader,
    name: String,
    body: Vec<u8>,
) -> TaskStatus {
    let mut summary = Summary::default();
    let mut errors = Vec::new();
    let documents = reader.documents_from_reader(&name, None, Box::new(Cursor::new(body)));
    for batch in batches(documents) {
        for result in engine.ingest_batch(batch) {
            summary.record(&result);
            if let Err(e) = &result {
                if !e.is_per_document() {
                    return TaskStatus::Failed {
                        error: e.to_string(),
                    };
                }
                if errors.len() < MAX_ERRORS {
                    errors.push(e.to_string());
                }
            }
        }
    }
    TaskStatus::Succeeded { summary, errors }
}
