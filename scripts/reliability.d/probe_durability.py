"""Accepted articles survive every way `serve` can stop: POST articles, stop the
server right after the last 202 (SIGKILL, SIGTERM, SIGINT), start it again and
count what the store holds once its queue is drained."""

import json
import os
import signal
import sqlite3
import tempfile
import threading
import time

from common import Server, post

REQUESTS = 80
PER_REQUEST = 10


def body(request, prefix="probe"):
    lines = []
    for i in range(PER_REQUEST):
        n = request * PER_REQUEST + i
        lines.append(json.dumps({
            "id": f"{prefix}-{n}", "url": f"https://probe.example/{n}",
            "title": f"Council {n} approves harbour budget {n % 7}",
            "text": f"The council of district {n} approved a budget of {n * 13} crowns for "
                    f"the harbour on day {n % 28}, its chair said after a vote of {n % 11} to 4.",
            "published": f"2026-05-{1 + n % 28:02d}T09:00:00Z", "lang": "en"}))
    return "\n".join(lines).encode()


def stored(data):
    with sqlite3.connect(os.path.join(data, "storyline.db")) as db:
        articles = db.execute(
            "SELECT COUNT(*) FROM articles WHERE external_id LIKE 'probe-%'").fetchone()[0]
        left = db.execute(
            "SELECT COUNT(*) FROM tasks WHERE state IN ('enqueued', 'processing')").fetchone()[0]
    return articles, left


def post_all(server, accepted, ids):
    """Posts from two clients at once, as fast as the server answers."""
    def client(requests):
        for r in requests:
            status, answer = post(f"{server.base}/api/articles", body(r))
            if status == 202:
                accepted.append(PER_REQUEST)
                ids.append(answer["task"])
    threads = [threading.Thread(target=client, args=(range(k, REQUESTS, 2),)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def one_stop(how, rows):
    data = tempfile.mkdtemp(prefix=f"storyline-durable-{how}-")
    server = Server(data)
    accepted, ids = [], []
    post_all(server, accepted, ids)
    server.signal({"kill -9": signal.SIGKILL, "SIGTERM": signal.SIGTERM,
                   "Ctrl-C (SIGINT)": signal.SIGINT}[how])
    code = server.wait(120)
    at_stop, _ = stored(data)
    server.stop()
    again = Server(data)
    started = time.time()
    while time.time() - started < 300:
        articles, left = stored(data)
        if left == 0:
            break
        time.sleep(0.2)
    new_id = post(f"{again.base}/api/articles", body(0, "after"))[1]["task"]
    again.stop()
    articles, left = stored(data)
    want = sum(accepted)
    rows.append((f"durability: {how}: accepted articles stored (at the stop / after restart)",
                 f"{at_stop} / {articles} of {want} ({100 * articles / max(want, 1):.0f} %), exit {code}",
                 "100 %"))
    rows.append((f"durability: {how}: task id after restart",
                 f"{new_id} (last before: {max(ids) if ids else 0})", "greater"))


def run(_data, rows):
    for how in ("kill -9", "SIGTERM", "Ctrl-C (SIGINT)"):
        one_stop(how, rows)
