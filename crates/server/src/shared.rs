//! Serving a shared (PostgreSQL) store: several servers read it at once; articles
//! posted to the API go into the store's work queue, in order, for the workers
//! (`storyline worker`, or the one `serve` runs beside itself); each server keeps its
//! own search index following the store.

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;
use storyline_analyze::Analyzer;
use storyline_engine::work::encode_document;
use storyline_engine::{follow_search, sync_search};
use storyline_ingest::Reader;
use storyline_search::SearchIndex;
use storyline_store::work::QueueCounts;
use storyline_store::{PostgresStore, WorkQueue};

/// Per-document errors named in an answer.
const MAX_ERRORS: usize = 100;

/// The work queue of a shared store, as the API fills it.
pub struct SharedQueue {
    store: Mutex<PostgresStore>,
    reader: Reader,
}

/// What `POST /api/articles` did on a shared store.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Queued {
    /// Documents put in the queue.
    pub queued: usize,
    /// Documents that could not be read, each named (the first 100).
    pub errors: Vec<String>,
    /// The queue after them.
    pub waiting: QueueCounts,
}

impl SharedQueue {
    pub fn new(store: PostgresStore, reader: Reader) -> Self {
        SharedQueue {
            store: Mutex::new(store),
            reader,
        }
    }

    /// Reads the body's documents and puts them in the queue, all or none, in order;
    /// when this returns they are committed. Blocking.
    pub fn submit(&self, name: &str, body: Vec<u8>) -> Result<Queued, String> {
        let mut errors = Vec::new();
        let mut documents = Vec::new();
        for doc in self
            .reader
            .documents_from_reader(name, None, Box::new(Cursor::new(body)))
        {
            match doc {
                Ok(doc) => documents.push((doc.origin.to_string(), encode_document(&doc))),
                Err(e) if errors.len() < MAX_ERRORS => errors.push(e.to_string()),
                Err(_) => {}
            }
        }
        let mut store = self
            .store
            .lock()
            .map_err(|_| "the work queue is unavailable".to_string())?;
        store.enqueue(&documents).map_err(|e| e.to_string())?;
        let waiting = store.queue_counts().map_err(|e| e.to_string())?;
        Ok(Queued {
            queued: documents.len(),
            errors,
            waiting,
        })
    }
}

/// How often a server's index looks for articles other processes stored.
const SYNC_INTERVAL: Duration = Duration::from_secs(2);

/// A thread that keeps a server's own search index following a shared store.
pub struct IndexFollower {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl IndexFollower {
    /// Brings `index` up to date with `store` now (an error says why it cannot),
    /// then follows it every two seconds on a thread of its own.
    pub fn start(
        store: PostgresStore,
        analyzer: Analyzer,
        mut index: SearchIndex,
    ) -> Result<Self, String> {
        sync_search(&store, &analyzer, &mut index).map_err(|e| e.to_string())?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("storyline-index".into())
            .spawn(move || {
                let mut failing = false;
                while !stopping.load(Ordering::SeqCst) {
                    std::thread::sleep(SYNC_INTERVAL);
                    match follow_search(&store, &analyzer, &mut index) {
                        Ok(_) => failing = false,
                        Err(e) if !failing => {
                            failing = true;
                            eprintln!("warning: the search index cannot follow the store: {e}");
                        }
                        Err(_) => {}
                    }
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(IndexFollower {
            stop,
            handle: Some(handle),
        })
    }
}

impl Drop for IndexFollower {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
