"""Story pages under load while articles are being ingested: `serve` pinned to one
core, 200 concurrent clients (wrk, from Debian's package, installed if missing) on
the other, and a writer posting a batch of articles every half second. Each page is
read once before the load (a server under steady load is warm)."""

import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import threading
import time

from common import BINARY, ROOT, Server, get, post

CLIENTS = 200
SECONDS = 30


def wrk():
    if shutil.which("wrk") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def articles(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def story_ids(base):
    _, body = get(base + "/api/stories?limit=500")
    return [s["id"] for s in json.loads(body)["items"]]


def writer(base, docs, stop, counts):
    """Posts batches of ten new articles (ids made unique) until `stop` is set."""
    n = 0
    while not stop.is_set():
        batch = []
        for doc in docs[n % len(docs):n % len(docs) + 10]:
            doc = dict(doc, id=f"{doc.get('id', 'a')}-load-{n}")
            doc.pop("url", None)
            batch.append(doc)
        n += 10
        status, _ = post(base + "/api/articles", json.dumps(batch).encode())
        counts["posted" if status == 202 else "refused"] += len(batch)
        stop.wait(0.5)


def run(_data, rows):
    shared = os.path.join(os.path.dirname(ROOT), "shared", "data", "clustering")
    stories_from = os.path.join(shared, "ecbplus-dev.jsonl")
    posted_from = os.path.join(shared, "itn-dev.jsonl")
    if not (os.path.exists(stories_from) and os.path.exists(posted_from)):
        rows.append(("story pages: p99 at 200 clients while ingesting",
                     "skipped (no ../shared/data/clustering)", "<= 250 ms"))
        return
    data = tempfile.mkdtemp(prefix="storyline-latency-")
    subprocess.run([BINARY, "--data", data, "--lexical-only", "--quiet", "ingest",
                    stories_from], check=True, stdout=subprocess.DEVNULL)
    tool = wrk()
    server = Server(data, cpus="0")
    try:
        ids = story_ids(server.base)
        script = os.path.join(data, "pages.lua")
        rng = random.Random(7)
        paths = ", ".join(f'"/stories/{i}"' for i in rng.sample(ids, min(len(ids), 200)))
        with open(script, "w") as f:
            f.write(f"local paths = {{{paths}}}\n"
                    "request = function()\n"
                    "  return wrk.format(nil, paths[math.random(#paths)])\n"
                    "end\n")
        # A server under steady load has read its pages before: each once, first.
        for i in ids:
            get(f"{server.base}/stories/{i}")
        stop, counts = threading.Event(), {"posted": 0, "refused": 0}
        feeding = threading.Thread(target=writer,
                                   args=(server.base, articles(posted_from), stop, counts))
        feeding.start()
        load = subprocess.run(
            ["taskset", "-c", "1", tool, "-t", "2", "-c", str(CLIENTS), "-d", f"{SECONDS}s",
             "--timeout", "10s", "--latency", "-s", script, server.base],
            capture_output=True, text=True, check=True).stdout
        stop.set()
        feeding.join()
        latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", load, re.M))
        rate = re.search(r"Requests/sec:\s+(\S+)", load)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", load)
        timeouts = re.search(r"timeout (\d+)", load)
        rows.append(("story pages: p50 / p99 at 200 clients while ingesting (serve on 1 core)",
                     f"{latency.get('50', '?')} / {latency.get('99', '?')}", "p99 <= 250 ms"))
        rows.append(("story pages: requests/s, errors, timeouts; articles posted meanwhile",
                     f"{rate.group(1) if rate else '?'}, {errors.group(1) if errors else 0}, "
                     f"{timeouts.group(1) if timeouts else 0}; {counts['posted']}",
                     "0 errors"))
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
