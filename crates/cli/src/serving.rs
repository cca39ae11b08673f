//! `storyline serve`: the writer's server on the embedded store, a read-only one
//! beside it, or (in `work.rs`) a server on a shared PostgreSQL store.

use std::process::ExitCode;

use anyhow::{Context, Result};
use storyline_server::ServeConfig;
use storyline_store::SqliteStore;

use crate::commands::{
    attach_search, open_engine, open_store, open_store_for_writing, reader, search_dir,
};
use crate::config_file::Sections;
use crate::model::load_embedder;
use crate::Cli;

/// Read connections `serve` keeps: one per core of a small server and some to spare
/// (each is a few MB of page cache at most).
pub(crate) const READ_CONNECTIONS: usize = 4;

pub(crate) fn serve(
    cli: &Cli,
    sections: &Sections,
    mut server: ServeConfig,
    addr: Option<std::net::SocketAddr>,
    how: crate::work::Serving,
) -> Result<ExitCode> {
    let config = &sections.engine;
    if let Some(addr) = addr {
        server.addr = addr;
    }
    server.validate().map_err(anyhow::Error::msg)?;
    if let Ok(token) = std::env::var("STORYLINE_TOKEN") {
        server.token = Some(token).filter(|t| !t.is_empty());
    }
    if server.token.is_none() {
        eprintln!(
            "note: no token configured (STORYLINE_TOKEN or server.token): the API is read-only"
        );
    }
    let listener = std::net::TcpListener::bind(server.addr)
        .with_context(|| format!("cannot serve on {}", server.addr))?;
    let addr = listener.local_addr()?;
    if let Some(url) = crate::stores::postgres_url(cli)? {
        let shared = crate::work::Shared { url, how };
        return crate::work::serve_shared(cli, sections, server, listener, shared);
    }
    if how.read_only {
        return serve_read_only(cli, sections, server, listener);
    }
    let embedder = load_embedder(cli)?;
    let store = open_store_for_writing(cli, &format!("serve on http://{addr}"))?;
    let mut engine = open_engine(store, config, embedder.clone())?;
    attach_search(cli, &mut engine)?;
    let tasks = storyline_server::Tasks::start(engine, reader(config)?, open_store(cli)?)?;
    let reads = open_store(cli)?;
    let more_reads = (1..READ_CONNECTIONS)
        .map(|_| open_store(cli))
        .collect::<Result<Vec<_>>>()?;
    let search = storyline_search::SearchIndex::open(&search_dir(cli), false)?;
    let state = storyline_server::AppState::new(reads, search, tasks, server)
        .with_more_reads(more_reads)
        .with_analyzer(config.analyze.clone().build())
        .with_embedder(embedder);
    let stopped = serve_until_stopped(state, listener)?;
    if stopped.unfinished > 0 {
        eprintln!(
            "stopped: {} queued tasks are kept and run at the next start",
            stopped.unfinished
        );
    } else if !cli.quiet {
        eprintln!("stopped: every accepted task is stored");
    }
    Ok(ExitCode::SUCCESS)
}

/// `serve --read-only` on the embedded store: its own read connections and a
/// read-only view of the writer's index (which reloads as the writer commits); no
/// writer, no task queue, no lock.
fn serve_read_only(
    cli: &Cli,
    sections: &Sections,
    server: ServeConfig,
    listener: std::net::TcpListener,
) -> Result<ExitCode> {
    let reads = (0..READ_CONNECTIONS)
        .map(|_| Ok(Box::new(open_store(cli)?) as Box<dyn storyline_server::ReadStore>))
        .collect::<Result<Vec<_>>>()?;
    let dir = search_dir(cli);
    let search = storyline_search::SearchIndex::open(&dir, false).with_context(|| {
        format!(
            "no search index in {} to serve: run `storyline ingest` or `serve` (the writer) once",
            dir.display()
        )
    })?;
    let writer = SqliteStore::named_writer(&cli.data);
    if !cli.quiet {
        eprintln!(
            "note: read-only: articles go to the store's writer{}",
            writer
                .as_deref()
                .map(|w| format!(" (its lock file names {w})"))
                .unwrap_or_default()
        );
    }
    let mut reads = reads.into_iter();
    let first = reads.next().context("no read connection")?;
    let state = storyline_server::AppState::read_only(first, search, writer, server)
        .with_more_boxed_reads(reads.collect())
        .with_analyzer(sections.engine.analyze.clone().build())
        .with_embedder(load_embedder(cli)?);
    serve_until_stopped(state, listener)?;
    Ok(ExitCode::SUCCESS)
}

/// Serves on `listener` until Ctrl-C or SIGTERM.
pub(crate) fn serve_until_stopped(
    state: storyline_server::AppState,
    listener: std::net::TcpListener,
) -> Result<storyline_server::Stopped> {
    let addr = listener.local_addr()?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime
        .block_on(storyline_server::serve_on(state, listener))
        .with_context(|| format!("cannot serve on {addr}"))
}
