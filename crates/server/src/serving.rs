//! The accept loop: connections within `conn.rs`'s limits, each served by hyper
//! (HTTP/1.1 and HTTP/2) with a deadline for a request's headers, and a graceful
//! stop on SIGINT or SIGTERM — no new connections, requests in flight finish, then
//! the writer works through the task queue, each for up to `shutdown_grace_secs`.

use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;

use crate::conn::{Bounded, Limits};
use crate::{router, AppState, Intake, Stopped};

/// Serves until SIGINT (Ctrl-C) or SIGTERM. Then it stops accepting connections,
/// lets requests in flight finish and the writer work through the task queue, each
/// for up to `shutdown_grace_secs`, and says what is left for the next start.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<Stopped> {
    let listener = std::net::TcpListener::bind(addr)?;
    serve_on(state, listener).await
}

/// [`serve`] on a socket bound already (so the caller knows its port before the
/// store is opened, and a taken port fails before anything is loaded).
pub async fn serve_on(
    state: AppState,
    listener: std::net::TcpListener,
) -> std::io::Result<Stopped> {
    let config = &state.config;
    let grace = Duration::from_secs(config.shutdown_grace_secs);
    let headers = Duration::from_secs(config.header_read_timeout_secs);
    let limits = Limits {
        max_connections: config.max_connections,
        per_client: config.max_connections_per_client,
        idle: Duration::from_secs(config.idle_timeout_secs),
    };
    let intake = state.intake.clone();
    listener.set_nonblocking(true)?;
    let listener = Bounded::new(tokio::net::TcpListener::from_std(listener)?, limits);
    eprintln!("storyline serving on http://{}", listener.local_addr()?);
    let open = accept_until_stopped(listener, router(state), headers).await;
    eprintln!("stopping: finishing requests and queued tasks (up to {grace:?} each)");
    if tokio::time::timeout(grace, open.shutdown()).await.is_err() {
        eprintln!("stopping: connections still open after {grace:?} are closed");
    }
    tokio::task::spawn_blocking(move || match intake {
        Intake::Tasks(tasks) => tasks.shutdown(grace),
        // What was posted is committed in the shared queue already, or went to the writer.
        Intake::Queue(_) | Intake::ReadOnly { .. } => Stopped { unfinished: 0 },
    })
    .await
    .map_err(std::io::Error::other)
}

/// Serves each connection `listener` gives until a stop signal; then it returns the
/// connections still open, told to finish what they are doing and close.
async fn accept_until_stopped(
    mut listener: Bounded,
    app: Router,
    headers: Duration,
) -> GracefulShutdown {
    let open = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(headers);
    let mut stop = pin!(stop_signal());
    loop {
        let io = tokio::select! {
            (io, _addr) = listener.accept() => io,
            () = &mut stop => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(io), service)
            .into_owned();
        let connection = open.watch(connection);
        tokio::spawn(async move {
            // A client that goes away, or one closed by a deadline, ends here.
            let _ = connection.await;
        });
    }
    open
}

/// The first SIGINT or SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
