//! Connections the server accepts: at most `max_connections` at a time (the next
//! waits for one to close), at most `max_connections_per_client` from one address
//! (past it a new one is closed at once, so one client cannot take every place),
//! and each closed when it has neither read nor written for `idle_timeout_secs` —
//! a client that opens a connection and sends nothing (or stops half-way through its
//! headers) cannot hold a place for long.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// A listener that bounds how many connections are open, from one address and in
/// all, and how long one may idle.
pub(crate) struct Bounded {
    inner: TcpListener,
    places: Arc<Semaphore>,
    clients: Arc<Mutex<HashMap<IpAddr, usize>>>,
    per_client: usize,
    idle: Duration,
}

/// The limits of [`Bounded`].
pub(crate) struct Limits {
    pub max_connections: usize,
    pub per_client: usize,
    pub idle: Duration,
}

impl Bounded {
    pub(crate) fn new(inner: TcpListener, limits: Limits) -> Self {
        Bounded {
            inner,
            places: Arc::new(Semaphore::new(limits.max_connections)),
            clients: Arc::default(),
            per_client: limits.per_client,
            idle: limits.idle,
        }
    }

    /// The next connection within the limits; one from an address over its share is
    /// closed here and never seen by the server.
    pub(crate) async fn accept(&mut self) -> (Guarded, SocketAddr) {
        loop {
            // Closed only if the semaphore is: it never is, but wait rather than panic.
            let Ok(place) = Arc::clone(&self.places).acquire_owned().await else {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            };
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let Some(client) = self.admit(addr.ip()) else {
                        continue; // `stream` and `place` dropped: closed, place free
                    };
                    let deadline = Box::pin(tokio::time::sleep(self.idle));
                    let guarded = Guarded {
                        stream,
                        _place: place,
                        _client: client,
                        deadline,
                        idle: self.idle,
                    };
                    return (guarded, addr);
                }
                // Out of file descriptors and the like: wait a little, as axum does.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// A share of the places for `ip`, if it has one left.
    fn admit(&self, ip: IpAddr) -> Option<ClientShare> {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        let open = clients.entry(ip).or_default();
        if *open >= self.per_client {
            return None;
        }
        *open += 1;
        Some(ClientShare {
            clients: Arc::clone(&self.clients),
            ip,
        })
    }

    pub(crate) fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// One of a client address's connections; given back when the connection closes.
struct ClientShare {
    clients: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl Drop for ClientShare {
    fn drop(&mut self) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(open) = clients.get_mut(&self.ip) {
            *open -= 1;
            if *open == 0 {
                clients.remove(&self.ip);
            }
        }
    }
}

/// A connection holding its place, closed after `idle` without traffic.
pub(crate) struct Guarded {
    stream: TcpStream,
    _place: OwnedSemaphorePermit,
    _client: ClientShare,
    deadline: Pin<Box<Sleep>>,
    idle: Duration,
}

impl Guarded {
    /// Traffic moved: the idle clock starts again. No traffic: has it run out?
    fn check<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        match polled {
            Poll::Ready(result) => {
                self.deadline.as_mut().reset(Instant::now() + self.idle);
                Poll::Ready(result)
            }
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "idle connection closed",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        self.check(cx, polled)
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.check(cx, polled)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.stream).poll_flush(cx);
        self.check(cx, polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    async fn bounded(max: usize) -> (Bounded, SocketAddr) {
        let inner = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = inner.local_addr().unwrap();
        let limits = Limits {
            max_connections: max,
            per_client: 2,
            idle: Duration::from_secs(30),
        };
        (Bounded::new(inner, limits), addr)
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_connection_is_closed_after_the_idle_time() {
        let (mut listener, addr) = bounded(4).await;
        let _client = TcpStream::connect(addr).await.unwrap();
        let (mut conn, _) = listener.accept().await;
        let mut buf = [0u8; 16];
        let err = conn.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }

    #[tokio::test(start_paused = true)]
    async fn the_next_connection_waits_for_a_place() {
        let (mut listener, addr) = bounded(1).await;
        let _first_client = TcpStream::connect(addr).await.unwrap();
        let (first, _) = listener.accept().await;
        let _second_client = TcpStream::connect(addr).await.unwrap();
        let waiting = tokio::time::timeout(Duration::from_secs(5), listener.accept()).await;
        assert!(
            waiting.is_err(),
            "a second connection while the only place is taken"
        );
        drop(first);
        let second = tokio::time::timeout(Duration::from_secs(5), listener.accept()).await;
        assert!(second.is_ok(), "the place is free again");
    }

    #[tokio::test(start_paused = true)]
    async fn one_address_gets_its_share_of_the_places_and_no_more() {
        let (mut listener, addr) = bounded(8).await;
        let _a = TcpStream::connect(addr).await.unwrap();
        let _b = TcpStream::connect(addr).await.unwrap();
        let mut third = TcpStream::connect(addr).await.unwrap();
        let (first, _) = listener.accept().await;
        let (_second, _) = listener.accept().await;
        // The third from the same address is closed without being handed over.
        let mut buf = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_secs(5), async {
            tokio::select! {
                r = third.read(&mut buf) => r,
                _ = listener.accept() => panic!("a third connection from one address was accepted"),
            }
        })
        .await;
        assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "{read:?}");
        // Closing one gives the address its place back.
        drop(first);
        let _c = TcpStream::connect(addr).await.unwrap();
        let next = tokio::time::timeout(Duration::from_secs(5), listener.accept()).await;
        assert!(next.is_ok(), "a place of its share is free again");
    }
}
