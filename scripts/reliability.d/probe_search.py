"""Adversarial search queries against a served store: each answered or refused in
<= 2 s, peak server RSS over the set."""

import os
import time

from common import Server, get, quote, rss_mib

QUERIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "adversarial_queries.txt")


def queries():
    with open(QUERIES, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


def run(data, rows):
    server = Server(data)
    try:
        before = rss_mib(server.proc.pid)
        worst, answered, refused, failed = 0.0, 0, 0, []
        for q in queries():
            started = time.time()
            try:
                status, _ = get(f"{server.base}/api/search?q={quote(q)}&limit=200", timeout=30)
            except OSError as e:
                status = f"no answer ({e})"
            took = time.time() - started
            worst = max(worst, took)
            if status == 200:
                answered += 1
            elif status == 400:
                refused += 1
            else:
                failed.append((q, status))
            if took > 2.0:
                failed.append((q, f"{took:.2f} s"))
            if server.proc.poll() is not None:
                failed.append((q, "server died"))
                break
        peak = rss_mib(server.proc.pid, "VmHWM")
        n = len(queries())
        rows.append(("search: adversarial queries answered / refused / failed",
                     f"{answered} / {refused} / {len(failed)} of {n}", "0 failed"))
        rows.append(("search: slowest answer or refusal", f"{worst:.3f} s", "<= 2 s"))
        rows.append(("search: server RSS before / peak", f"{before:.0f} / {peak:.0f} MiB",
                     "peak <= 300 MiB"))
        for q, why in failed:
            rows.append(("  failed", f"{q[:60]!r}: {why}", ""))
    finally:
        server.stop()
