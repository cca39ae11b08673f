//! Many workers over a PostgreSQL store: `enqueue` puts documents in the shared
//! queue, `worker` prepares and assigns them, and `ingest` with `--store` does both
//! in one process.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use storyline_engine::work::{self, encode_document, Role, WorkEvent, WorkerOptions, WorkerSetup};
use storyline_engine::{noun, PipelineError};
use storyline_store::{PostgresStore, WorkQueue};

use crate::commands::{exit_status, reader};
use crate::config_file::Sections;
use crate::model::load_embedder;
use crate::output;
use crate::Cli;

/// Documents enqueued per transaction.
const ENQUEUE_BATCH: usize = 512;

/// How `storyline worker` runs, from its flags.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// Exit once the queue is drained (everything prepared and assigned).
    #[arg(long)]
    pub once: bool,
    /// Seconds a lease lasts: a worker that stalls longer loses its batch to another
    /// (one that dies loses it at once).
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub lease: u64,
    /// Only the heavy stage: never take the clusterer role.
    #[arg(long, conflicts_with = "assign_only")]
    pub prepare_only: bool,
    /// Only the clusterer role: wait for it, then assign what others prepare.
    #[arg(long)]
    pub assign_only: bool,
}

impl Default for WorkerArgs {
    fn default() -> Self {
        WorkerArgs {
            once: true,
            lease: 300,
            prepare_only: false,
            assign_only: false,
        }
    }
}

fn url(cli: &Cli, command: &str) -> Result<String> {
    crate::stores::postgres_url(cli)?
        .map(str::to_string)
        .with_context(|| {
            format!(
                "{command} works on a shared PostgreSQL store: give --store postgres://… \
                 (or STORYLINE_STORE); `storyline ingest` fills the embedded store in one process"
            )
        })
}

/// `storyline enqueue PATH...`: documents into the queue, in the order given.
pub(crate) fn enqueue(cli: &Cli, sections: &Sections, paths: &[PathBuf]) -> Result<ExitCode> {
    let url = url(cli, "enqueue")?;
    let mut store = PostgresStore::connect_as(&url, "storyline enqueue")?;
    let (queued, unreadable) = enqueue_into(cli, sections, &mut store, paths)?;
    if !cli.quiet {
        let counts = store.queue_counts()?;
        eprintln!(
            "queued {queued} {} ({unreadable} unreadable) in {}; waiting: {} to prepare, {} to assign",
            noun(queued, "document", "documents"),
            store.url(),
            counts.queued,
            counts.prepared
        );
    }
    Ok(exit_status(unreadable > 0))
}

/// Reads `paths` into the queue; returns (documents queued, unreadable ones).
fn enqueue_into(
    cli: &Cli,
    sections: &Sections,
    store: &mut PostgresStore,
    paths: &[PathBuf],
) -> Result<(u64, u64)> {
    let reader = reader(&sections.engine)?;
    let inputs = reader.expand(paths);
    let bar = output::Progress::new(&inputs, cli.quiet);
    let reader = reader.counting_into(bar.counter());
    let (mut queued, mut unreadable) = (0u64, 0u64);
    let mut batch = Vec::with_capacity(ENQUEUE_BATCH);
    for input in &inputs {
        for doc in reader.documents(input) {
            match doc {
                Ok(doc) => batch.push((doc.origin.to_string(), encode_document(&doc))),
                Err(e) => {
                    unreadable += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
            if batch.len() >= ENQUEUE_BATCH {
                store
                    .enqueue(&batch)
                    .context("enqueue stopped; the documents before this batch are in the queue")?;
                queued += batch.len() as u64;
                batch.clear();
                bar.update(queued);
            }
        }
    }
    store
        .enqueue(&batch)
        .context("enqueue stopped; the documents before this batch are in the queue")?;
    queued += batch.len() as u64;
    bar.finish();
    Ok((queued, unreadable))
}

/// `storyline worker`: prepares and assigns queued documents until stopped (or,
/// with `--once`, until the queue is drained).
pub(crate) fn worker(cli: &Cli, sections: &Sections, args: &WorkerArgs) -> Result<ExitCode> {
    let url = url(cli, "worker")?;
    let stop = crate::watch::stop_on_signal_saying("stopping after this batch…");
    let summary = run_worker(cli, sections, &url, (args, load_embedder(cli)?), &stop)?;
    Ok(exit_status(summary.failed > 0))
}

/// `storyline --store URL ingest PATH...`: enqueue, then work until the queue is drained.
pub(crate) fn ingest(cli: &Cli, sections: &Sections, paths: &[PathBuf]) -> Result<ExitCode> {
    let url = url(cli, "ingest")?;
    let mut store = PostgresStore::connect_as(&url, "storyline ingest")?;
    let (_, unreadable) = enqueue_into(cli, sections, &mut store, paths)?;
    let stop = crate::watch::stop_on_signal_saying("stopping after this batch…");
    let work = (&WorkerArgs::default(), load_embedder(cli)?);
    let summary = run_worker(cli, sections, &url, work, &stop)?;
    Ok(exit_status(unreadable > 0 || summary.failed > 0))
}

/// Works through the queue until it is drained (what `watch` does after a poll).
pub(crate) fn drain(
    cli: &Cli,
    sections: &Sections,
    url: &str,
    stop: &AtomicBool,
) -> Result<work::WorkSummary> {
    run_worker(
        cli,
        sections,
        url,
        (&WorkerArgs::default(), load_embedder(cli)?),
        stop,
    )
}

/// The model workers embed with.
type Model = Option<std::sync::Arc<dyn storyline_embed::Embedder>>;

fn run_worker(
    cli: &Cli,
    sections: &Sections,
    url: &str,
    (args, embedder): (&WorkerArgs, Model),
    stop: &AtomicBool,
) -> Result<work::WorkSummary> {
    let mut queue = PostgresStore::connect_as(url, "storyline worker")?;
    let options = WorkerOptions {
        lease: Duration::from_secs(args.lease.max(1)),
        once: args.once,
        role: match (args.prepare_only, args.assign_only) {
            (true, _) => Role::PrepareOnly,
            (_, true) => Role::AssignOnly,
            _ => Role::Both,
        },
        ..WorkerOptions::default()
    };
    let setup = WorkerSetup {
        config: &sections.engine,
        embedder,
        options,
    };
    let connect = || {
        PostgresStore::connect_as(url, "storyline worker (clusterer)").map_err(PipelineError::from)
    };
    let mut progress = Progress::new(
        cli.quiet,
        PostgresStore::connect_as(url, "storyline worker").ok(),
    );
    let summary = work::run(&mut queue, connect, setup, stop, |e| progress.event(e))
        .context("the worker stopped; everything committed before this point is kept")?;
    if !cli.quiet {
        eprintln!(
            "worker done: {} prepared, {} assigned ({} stored, {} failed)",
            summary.prepared, summary.assigned, summary.stored, summary.failed
        );
    }
    Ok(summary)
}

/// How often a worker that waits for another's clusterer says so.
const WAIT_NOTE: Duration = Duration::from_secs(30);

/// What a worker says as it goes: every failed document, a line of totals at most
/// every few seconds, and who it waits for when prepared documents wait for another
/// worker's clusterer.
struct Progress {
    quiet: bool,
    prepared: usize,
    assigned: usize,
    last: Instant,
    clusterer: bool,
    /// A connection to ask who holds the clusterer role, and when that was said.
    status: Option<PostgresStore>,
    waiting_since: Option<Instant>,
}

impl Progress {
    fn new(quiet: bool, status: Option<PostgresStore>) -> Self {
        Progress {
            quiet,
            prepared: 0,
            assigned: 0,
            last: Instant::now(),
            clusterer: false,
            status,
            waiting_since: None,
        }
    }

    /// Says whose clusterer the prepared documents wait for, now and then.
    fn waiting(&mut self, prepared: u64) {
        if self.clusterer || prepared == 0 {
            self.waiting_since = None;
            return;
        }
        if self.waiting_since.is_some_and(|t| t.elapsed() < WAIT_NOTE) {
            return;
        }
        self.waiting_since = Some(Instant::now());
        let holder = self.status.as_ref().and_then(|s| s.writer().ok());
        eprintln!(
            "waiting: {prepared} prepared {} wait for the clusterer role's holder ({})",
            noun(prepared, "document", "documents"),
            holder.as_deref().unwrap_or("unknown")
        );
    }

    fn event(&mut self, event: WorkEvent<'_>) {
        match event {
            WorkEvent::Role(warning) => {
                self.clusterer = true;
                if let Some(w) = warning {
                    eprintln!("warning: {w}");
                }
                if !self.quiet {
                    eprintln!("this worker holds the clusterer role: it assigns stories");
                }
            }
            WorkEvent::Prepared { documents, .. } => self.prepared += documents,
            WorkEvent::Assigned(done) => {
                self.assigned += done.len();
                for d in done {
                    if let Err(e) = &d.outcome {
                        let message = e.to_string();
                        if message.starts_with(&d.origin) {
                            eprintln!("error: {message}");
                        } else {
                            eprintln!("error: {}: {message}", d.origin);
                        }
                    }
                }
            }
            WorkEvent::Idle(counts) => self.waiting(counts.prepared),
        }
        if !self.quiet && self.last.elapsed() >= Duration::from_secs(5) {
            self.last = Instant::now();
            eprintln!(
                "{} prepared, {} assigned by this worker",
                self.prepared, self.assigned
            );
        }
    }
}

/// How `serve` runs: with a worker beside it (on PostgreSQL), taking articles.
#[derive(Clone, Copy)]
pub(crate) struct Serving {
    pub no_worker: bool,
    pub read_only: bool,
}

/// `serve` on a PostgreSQL store: the URL, and how.
pub(crate) struct Shared<'a> {
    pub url: &'a str,
    pub how: Serving,
}

/// `storyline --store URL serve`: reads from the shared store (several servers may
/// serve it at once), posted articles into its work queue, this machine's search
/// index following the store, and — unless `--no-worker` — a worker beside it.
pub(crate) fn serve_shared(
    cli: &Cli,
    sections: &Sections,
    server: storyline_server::ServeConfig,
    listener: std::net::TcpListener,
    shared: Shared<'_>,
) -> Result<ExitCode> {
    use storyline_server::shared::{IndexFollower, SharedQueue};
    let url = shared.url;
    let name = format!("storyline serve on http://{}", listener.local_addr()?);
    let connect = || PostgresStore::connect_as(url, &name);
    let mut reads = Vec::new();
    for _ in 0..crate::serving::READ_CONNECTIONS {
        reads.push(Box::new(connect()?) as Box<dyn storyline_server::ReadStore>);
    }
    let dir = crate::commands::search_dir(cli);
    let (index, damage) = storyline_search::SearchIndex::open_repairing(&dir)?;
    if let Some(damage) = damage {
        eprintln!(
            "warning: the search index in {} was damaged ({damage}); it is built again",
            dir.display()
        );
    }
    let config = &sections.engine;
    let follower = IndexFollower::start(connect()?, config.analyze.clone().build(), index)
        .map_err(anyhow::Error::msg)
        .with_context(|| {
            format!(
                "the search index in {} cannot follow the store",
                dir.display()
            )
        })?;
    let search = storyline_search::SearchIndex::open(&dir, false)?;
    let embedder = load_embedder(cli)?;
    let first = reads.remove(0);
    let state = if shared.how.read_only {
        storyline_server::AppState::read_only(first, search, None, server)
    } else {
        let queue = SharedQueue::new(connect()?, reader(config)?);
        storyline_server::AppState::shared(first, search, queue, server)
    };
    let state = state
        .with_more_boxed_reads(reads)
        .with_analyzer(config.analyze.clone().build())
        .with_embedder(embedder.clone());
    let stop = AtomicBool::new(false);
    let served = std::thread::scope(|scope| {
        let worker = (!shared.how.no_worker && !shared.how.read_only).then(|| {
            scope.spawn(|| {
                let args = WorkerArgs {
                    once: false,
                    ..WorkerArgs::default()
                };
                if let Err(e) = run_worker(cli, sections, url, (&args, embedder), &stop) {
                    eprintln!("error: the worker beside the server stopped: {e:#}");
                }
            })
        });
        let served = crate::serving::serve_until_stopped(state, listener);
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(worker) = worker {
            let _ = worker.join();
        }
        served
    });
    drop(follower);
    served?;
    if !cli.quiet {
        eprintln!("stopped: everything posted is in the shared queue");
    }
    Ok(ExitCode::SUCCESS)
}
