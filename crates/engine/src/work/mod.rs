//! Many workers over one shared store (`storyline worker`): each leases queued
//! documents and does the heavy, state-free stage (parse, analysis, embedding —
//! [`Preparer`]); whichever worker holds the clusterer role ([`QueueClusterer`])
//! assigns prepared documents in queue order. The stories are those one process
//! makes from the same input order, however many workers there are and whichever of
//! them dies when.

mod assign;
mod prepare;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use storyline_embed::Embedder;
use storyline_store::work::{QueueCounts, WorkQueue};
use storyline_store::Store;

pub use assign::{AssignedDocument, QueueClusterer};
pub use prepare::{encode_document, Preparer};

use crate::{EngineConfig, PipelineError};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Documents leased at once for the heavy stage.
    pub lease_batch: usize,
    /// Prepared documents assigned per transaction.
    pub assign_batch: usize,
    /// How long a lease lasts: a worker that stalls longer loses its documents to
    /// another (one whose connection closes loses them at once).
    pub lease: Duration,
    /// The wait between looks at an empty queue.
    pub poll: Duration,
    /// Stop once nothing is left to prepare or assign.
    pub once: bool,
    /// Only take the clusterer role (no heavy stage), or never take it.
    pub role: Role,
}

/// Which stages a worker takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Both,
    PrepareOnly,
    AssignOnly,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            lease_batch: crate::BATCH,
            assign_batch: 256,
            lease: Duration::from_secs(300),
            poll: Duration::from_millis(500),
            once: false,
            role: Role::Both,
        }
    }
}

/// What a worker did, as it happens.
#[derive(Debug)]
pub enum WorkEvent<'a> {
    /// This worker took the clusterer role (with the engine's warning, if any).
    Role(Option<&'a str>),
    /// Documents prepared, and how many of them failed.
    Prepared {
        documents: usize,
        failed: usize,
    },
    Assigned(&'a [AssignedDocument]),
    /// Nothing to do for now.
    Idle(QueueCounts),
}

/// Totals of a worker's run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WorkSummary {
    pub prepared: usize,
    pub assigned: usize,
    pub stored: usize,
    pub failed: usize,
}

/// The model and configuration a worker runs with.
pub struct WorkerSetup<'a> {
    pub config: &'a EngineConfig,
    pub embedder: Option<Arc<dyn Embedder>>,
    pub options: WorkerOptions,
}

/// Runs a worker over `queue` (its connection for the heavy stage) until `stop` is
/// set or, with `once`, the queue is drained. `connect` opens the connection the
/// clusterer role is tried on and held with.
pub fn run<Q, S>(
    queue: &mut Q,
    mut connect: impl FnMut() -> Result<S, PipelineError>,
    setup: WorkerSetup<'_>,
    stop: &AtomicBool,
    mut on_event: impl FnMut(WorkEvent<'_>),
) -> Result<WorkSummary, PipelineError>
where
    Q: WorkQueue,
    S: Store + WorkQueue,
{
    let options = &setup.options;
    let preparer = Preparer::new(setup.config, setup.embedder.clone());
    let mut summary = WorkSummary::default();
    let mut waiting: Option<S> = None;
    let mut clusterer: Option<QueueClusterer<S>> = None;
    while !stop.load(Ordering::SeqCst) {
        if clusterer.is_none() && options.role != Role::PrepareOnly {
            let mut conn = match waiting.take() {
                Some(conn) => conn,
                None => connect()?,
            };
            if conn.try_clusterer_role()? {
                let role = QueueClusterer::open(conn, setup.config, setup.embedder.clone())?;
                on_event(WorkEvent::Role(role.state_warning()));
                clusterer = Some(role);
            } else {
                waiting = Some(conn);
            }
        }
        let mut busy = false;
        if let Some(role) = clusterer.as_mut() {
            while let Some(done) = role.assign_ready(options.assign_batch)? {
                busy = true;
                tally(&mut summary, &done);
                on_event(WorkEvent::Assigned(&done));
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        }
        if options.role != Role::AssignOnly && !stop.load(Ordering::SeqCst) {
            let leased = queue.lease(options.lease_batch, options.lease)?;
            if !leased.is_empty() {
                busy = true;
                let prepared = preparer.prepare(leased);
                let failed = prepared
                    .iter()
                    .filter(|(_, p)| matches!(p, storyline_store::work::Prepared::Failed(_)))
                    .count();
                for (seq, p) in &prepared {
                    queue.prepare(*seq, p)?;
                }
                summary.prepared += prepared.len();
                on_event(WorkEvent::Prepared {
                    documents: prepared.len(),
                    failed,
                });
            }
        }
        if !busy {
            let counts = queue.queue_counts()?;
            // Drained: nothing to prepare and, unless this worker only prepares,
            // nothing to assign.
            let assigns = options.role != Role::PrepareOnly;
            if options.once && counts.queued == 0 && (counts.prepared == 0 || !assigns) {
                break;
            }
            on_event(WorkEvent::Idle(counts));
            std::thread::sleep(options.poll);
        }
    }
    if let Some(role) = clusterer.as_mut() {
        role.save_now()?;
    }
    Ok(summary)
}

fn tally(summary: &mut WorkSummary, done: &[AssignedDocument]) {
    summary.assigned += done.len();
    for d in done {
        match &d.outcome {
            Ok(crate::Outcome::Stored { .. }) => summary.stored += 1,
            Ok(crate::Outcome::Duplicate) => {}
            Err(_) => summary.failed += 1,
        }
    }
}
