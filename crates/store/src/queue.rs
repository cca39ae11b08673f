//! The durable task queue: a body of documents accepted for ingestion is a row in
//! the store before anyone is told it was accepted, and stays there until the
//! writer has finished it. Task ids come from the store and are never reused, so a
//! client can always tell its task from another, across restarts.

use chrono::{DateTime, Utc};

use crate::StoreError;

pub type TaskId = u64;

/// A task taken from the queue for processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedTask {
    pub id: TaskId,
    pub name: String,
    pub body: Vec<u8>,
    /// How many times processing started (more than 1: a stop interrupted it).
    pub attempts: u32,
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    Enqueued,
    Processing,
    Succeeded,
    Failed,
}

impl TaskState {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Enqueued => "enqueued",
            TaskState::Processing => "processing",
            TaskState::Succeeded => "succeeded",
            TaskState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "enqueued" => TaskState::Enqueued,
            "processing" => TaskState::Processing,
            "succeeded" => TaskState::Succeeded,
            "failed" => TaskState::Failed,
            other => return Err(StoreError::Corrupt(format!("task state {other:?}"))),
        })
    }
}

/// A task as the queue records it; `result` is the writer's JSON once it is done.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub id: TaskId,
    pub name: String,
    pub state: TaskState,
    pub result: Option<String>,
    pub attempts: u32,
    pub enqueued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The queue, on whatever store holds it.
pub trait TaskQueue {
    /// Stores a task durably and returns its id; once this returns, the task
    /// survives any stop of the process.
    fn enqueue(&mut self, name: &str, body: &[u8]) -> Result<TaskId, StoreError>;
    /// The oldest unfinished task (one interrupted while processing comes first),
    /// marked as processing; `None` when the queue is empty.
    fn take_next(&mut self) -> Result<Option<QueuedTask>, StoreError>;
    /// Records a task's outcome (`Succeeded` or `Failed`) and drops its body.
    fn finish(&mut self, id: TaskId, state: TaskState, result: &str) -> Result<(), StoreError>;
    fn task(&self, id: TaskId) -> Result<Option<TaskRecord>, StoreError>;
    /// Up to `limit` tasks with ids below `before` (all, if `None`), newest first.
    fn tasks(&self, before: Option<TaskId>, limit: usize) -> Result<Vec<TaskRecord>, StoreError>;
    /// Tasks on record, finished or not.
    fn task_count(&self) -> Result<u64, StoreError>;
    /// Tasks not yet finished.
    fn unfinished_tasks(&self) -> Result<u64, StoreError>;
}
