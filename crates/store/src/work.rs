//! The shared work queue of many worker processes (`storyline worker`): documents
//! wait in arrival order; any worker leases a batch, does the heavy, state-free work
//! (extraction, analysis, embedding) and records what it made of each; one process at
//! a time — the clusterer — assigns the prepared documents to stories strictly in
//! queue order, in batches that commit atomically with their articles. Documents
//! stay until a saved clusterer state covers them, so a new clusterer can replay
//! what the last one did after its saved state and go on exactly where it stopped.
//! The queue stores opaque bytes: what they encode is the engine's business.

use std::time::Duration;

use crate::StoreError;

/// A document's place in the queue: its arrival order.
pub type Seq = i64;

/// A document leased to a worker for the heavy stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leased {
    pub seq: Seq,
    /// Where it came from, for messages.
    pub origin: String,
    pub document: Vec<u8>,
}

/// What the heavy stage made of a document: its result, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prepared {
    Done(Vec<u8>),
    Failed(String),
}

/// A prepared document next in line for the clusterer, or one it assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    pub seq: Seq,
    pub origin: String,
    pub prepared: Prepared,
    /// For an assigned document: whether it was stored (not a duplicate or a failure).
    pub stored: bool,
}

/// How many documents are where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct QueueCounts {
    /// Waiting for the heavy stage (some of them leased).
    pub queued: u64,
    /// Leased by a worker now.
    pub leased: u64,
    /// Prepared, waiting for the clusterer.
    pub prepared: u64,
    /// Assigned, kept until a saved state covers them.
    pub assigned: u64,
}

/// How many times a document's lease may run out (its worker died or stalled each
/// time) before it is given up as failed: a document that kills every worker that
/// takes it must not stop the queue.
pub const MAX_ATTEMPTS: i32 = 5;

/// The queue, in a store many processes share.
pub trait WorkQueue {
    /// Appends documents `(origin, encoded)` in order, after every document enqueued
    /// before (concurrent enqueuers are serialised, so queue order is commit order).
    fn enqueue(&mut self, documents: &[(String, Vec<u8>)]) -> Result<(), StoreError>;
    /// Leases up to `limit` waiting documents, oldest first: those nobody holds, whose
    /// lease ran out or whose holder's connection is gone. A document whose lease ran
    /// out [`MAX_ATTEMPTS`] times is given up (prepared as failed) instead.
    fn lease(&mut self, limit: usize, lease: Duration) -> Result<Vec<Leased>, StoreError>;
    /// Records the heavy stage's result for a leased document (a result already
    /// recorded, by a worker whose lease ran out first, is kept: both are the same).
    fn prepare(&mut self, seq: Seq, prepared: &Prepared) -> Result<(), StoreError>;
    /// The documents next in line for assignment: from the oldest not yet assigned,
    /// up to `limit` prepared ones, stopping at the first not yet prepared.
    fn next_ready(&self, limit: usize) -> Result<Vec<Ready>, StoreError>;
    /// Whether the oldest document not yet assigned is waiting for the heavy stage.
    fn head_waiting(&self) -> Result<bool, StoreError>;
    /// Marks a document assigned (inside the clusterer's batch).
    fn mark_assigned(&mut self, seq: Seq, stored: bool) -> Result<(), StoreError>;
    /// Assigned documents after `seq`, in order, up to `limit`: what a new clusterer
    /// replays on top of the saved state.
    fn assigned_after(&self, seq: Seq, limit: usize) -> Result<Vec<Ready>, StoreError>;
    /// Removes the assigned documents through `seq` (a saved state now covers them).
    fn forget_through(&mut self, seq: Seq) -> Result<(), StoreError>;
    fn queue_counts(&self) -> Result<QueueCounts, StoreError>;
    /// Starts a batch: the writes until [`WorkQueue::commit_batch`] are one transaction.
    fn begin_batch(&mut self) -> Result<(), StoreError>;
    fn commit_batch(&mut self) -> Result<(), StoreError>;
    fn rollback_batch(&mut self) -> Result<(), StoreError>;
    /// Takes the clusterer role if nobody holds it (held until the connection closes).
    fn try_clusterer_role(&mut self) -> Result<bool, StoreError>;
}
