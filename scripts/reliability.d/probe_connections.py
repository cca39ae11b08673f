"""Connections an attacker holds open: a flood of silent and half-sent connections
from one address, and slow-header clients that trickle a byte at a time, while a
reader on another loopback address keeps asking for the story list. Run with short
timeouts (idle 5 s, headers 5 s) so the probe takes well under a minute; the
defaults are longer."""

import os
import resource
import socket
import tempfile
import threading
import time

from common import Server, get

FLOOD = 2_000          # silent or half-sent connections from 127.0.0.2
SLOW = 50              # clients that send one byte of headers every second
IDLE = 5               # server.idle_timeout_secs
HEADERS = 5            # server.header_read_timeout_secs
PER_CLIENT = 64        # server.max_connections_per_client
MAX = 256              # server.max_connections


def config(path):
    with open(path, "w") as f:
        f.write(f"[server]\nidle_timeout_secs = {IDLE}\nheader_read_timeout_secs = {HEADERS}\n"
                f"max_connections_per_client = {PER_CLIENT}\nmax_connections = {MAX}\n")
    return path


def connect(port, source):
    s = socket.socket()
    s.settimeout(2)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def flood(port, held):
    for i in range(FLOOD):
        try:
            s = connect(port, "127.0.0.2")
            if i % 2:
                s.send(b"GET /api/stories HTTP/1.1\r\nHost: x\r\n")  # stops half-way
            held.append(s)
        except OSError:
            pass


def slow_client(port, stop, lived):
    """Sends a request one byte a second; records how long the server kept it."""
    started = time.time()
    try:
        s = connect(port, "127.0.0.3")
        request = b"GET /api/stories HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 10_000
        for b in request:
            if stop.is_set():
                break
            s.send(bytes([b]))
            time.sleep(1)
    except OSError:
        pass
    lived.append(time.time() - started)


def still_open(sockets):
    """How many of `sockets` the server has not closed."""
    n = 0
    for s in sockets:
        s.setblocking(False)
        try:
            n += s.recv(1) != b""  # data: the server answered and kept it
        except BlockingIOError:
            n += 1
        except OSError:
            pass
    return n


def run(_data, rows):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    data = tempfile.mkdtemp(prefix="storyline-conn-")
    server = Server(data, extra=["--config", config(data + ".toml")])
    port = server.port
    try:
        held, lived, stop = [], [], threading.Event()
        slow = [threading.Thread(target=slow_client, args=(port, stop, lived)) for _ in range(SLOW)]
        for t in slow:
            t.start()
        flood(port, held)
        answered, waits = 0, []
        t0 = time.time()
        while time.time() - t0 < 3 * IDLE:
            started = time.time()
            status, _ = get(f"{server.base}/api/stories?limit=1", timeout=30)
            waits.append(time.time() - started)
            answered += status == 200
            time.sleep(0.2)
        open_after = still_open(held)
        stop.set()
        for t in slow:
            t.join()
        waits.sort()
        rows.extend([
            ("connections from one address (2,000: silent or stopped half-way)",
             f"{len(held)} connected; {open_after} still open after {3 * IDLE} s",
             f"0 open after the idle time ({IDLE} s here)"),
            ("slow-header clients (1 byte/s, 50)",
             f"kept {min(lived):.1f}–{max(lived):.1f} s",
             f"closed by the header deadline ({HEADERS} s here)"),
            ("a reader on another address meanwhile",
             f"{answered}/{len(waits)} answered; slowest {waits[-1]:.2f} s, median "
             f"{waits[len(waits) // 2]:.3f} s", "every request answered, none waits for a place"),
        ])
    finally:
        server.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


if __name__ == "__main__":
    found = []
    run(None, found)
    for row in found:
        print(" | ".join(row))
