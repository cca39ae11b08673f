//! What a client that holds connections can and cannot do to a running server: a
//! request whose headers trickle in is cut off at the header deadline however busy
//! it keeps the connection, and one address gets its share of the places, so the
//! next reader from another address is still answered.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::build_state;
use storyline_server::{serve_on, ServeConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

async fn start(dir: &std::path::Path) -> SocketAddr {
    let config = ServeConfig {
        header_read_timeout_secs: 1,
        max_connections_per_client: 3,
        idle_timeout_secs: 60,
        ..ServeConfig::default()
    };
    let state = build_state(dir, config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_on(state, listener));
    addr
}

/// A connection to `addr` from the loopback address `from`.
async fn connect(from: [u8; 4], addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    socket.connect(addr).await.unwrap()
}

/// Whether the server has closed `stream` (within `wait`).
async fn closed(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buf = [0u8; 512];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // An answer (e.g. 408) before the close: read on.
            Ok(Ok(_)) => {}
        }
    }
}

/// The status line of a GET of `path` from `from`.
async fn status_line(from: [u8; 4], addr: SocketAddr, path: &str) -> String {
    let mut s = connect(from, addr).await;
    let request = format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    s.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answer))
        .await
        .expect("an answer within 10 s")
        .unwrap();
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_that_trickle_in_are_cut_off_at_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path()).await;
    let mut slow = connect([127, 0, 0, 1], addr).await;
    let started = Instant::now();
    let request = b"GET /api/stories HTTP/1.1\r\nHost: t\r\nX-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut cut_off = None;
    for byte in request {
        // One byte every 100 ms: never idle, never done.
        if slow.write_all(&[*byte]).await.is_err()
            || closed(&mut slow, Duration::from_millis(100)).await
        {
            cut_off = Some(started.elapsed());
            break;
        }
    }
    let cut_off = cut_off.expect("the server kept a connection whose headers never ended");
    assert!(cut_off < Duration::from_secs(4), "{cut_off:?}");
    assert!(cut_off >= Duration::from_millis(900), "{cut_off:?}");
    assert!(status_line([127, 0, 0, 1], addr, "/api/stories")
        .await
        .contains("200"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_take_every_place() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path()).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect([127, 0, 0, 2], addr).await);
    }
    let mut fourth = connect([127, 0, 0, 2], addr).await;
    assert!(
        closed(&mut fourth, Duration::from_secs(5)).await,
        "a fourth from one address"
    );
    for s in &mut held {
        assert!(
            !closed(s, Duration::from_millis(100)).await,
            "its first three are kept"
        );
    }
    // Another reader is answered at once.
    assert!(status_line([127, 0, 0, 3], addr, "/api/stories")
        .await
        .contains("200"));
    // A place of the address's share comes back when one of its connections closes.
    held.pop();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(status_line([127, 0, 0, 2], addr, "/api/stories")
        .await
        .contains("200"));
}
