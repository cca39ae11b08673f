"""Shared helpers of the reliability probes: a server process, HTTP calls, RSS."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, "target", "release", "storyline")
TOKEN = "reliability-probe-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid, field="VmRSS"):
    """Resident memory of `pid` in MiB (`VmHWM` is the peak), or None once gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Server:
    """`storyline serve` on a free loopback port over `data`."""

    def __init__(self, data, extra=(), env=None, cpus=None):
        self.data = data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = dict(os.environ, STORYLINE_TOKEN=TOKEN, **(env or {}))
        self.log = open(os.path.join(data + ".serve.log"), "ab")
        # `cpus` ("0"): pinned there, so a load generator on the others does not
        # take the server's time.
        pin = ["taskset", "-c", cpus] if cpus else []
        self.proc = subprocess.Popen(
            [*pin, BINARY, "--data", data, "--lexical-only", *extra, "serve",
             "--addr", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log, env=environment)
        self.wait_ready()

    def wait_ready(self, timeout=120):
        started = time.time()
        while time.time() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited with {self.proc.returncode}")
            try:
                get(self.base + "/api/stories?limit=1", timeout=2)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise RuntimeError("serve did not answer")

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout=120):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.wait(60)
        self.log.close()


def get(url, timeout=10):
    """(status, body) of a GET; HTTP errors are answers, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def post(url, body, token=TOKEN, timeout=30):
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def quote(q):
    return urllib.parse.quote(q, safe="")
