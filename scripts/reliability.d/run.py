"""Runs the reliability probes and prints one table of figures."""

import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import probe_connections  # noqa: E402
import probe_durability  # noqa: E402
import probe_latency  # noqa: E402
import probe_search  # noqa: E402
from common import BINARY, ROOT  # noqa: E402

PROBES = {
    "search": probe_search.run,
    "durability": probe_durability.run,
    "latency": probe_latency.run,
    "connections": probe_connections.run,
}


def corpus_store():
    """A store of every dev article we have (clustering and extraction sets), lexical
    only, so the search probe runs against a real index of a few thousand pages."""
    data = tempfile.mkdtemp(prefix="storyline-reliability-")
    shared = os.path.join(os.path.dirname(ROOT), "shared", "data")
    inputs = [os.path.join(shared, "clustering"), os.path.join(shared, "extraction")]
    inputs = [p for p in inputs if os.path.exists(p)] or [os.path.join(ROOT, "samples")]
    inputs.append(common_word_articles(data + ".words.jsonl"))
    subprocess.run([BINARY, "--data", data, "--lexical-only", "--quiet", "ingest", *inputs],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return data


def common_word_articles(path, n=20_000):
    """`n` articles made of the commonest English words, repeated (the worst case for
    phrase and OR queries: every word is in most documents, many times)."""
    rng = random.Random(7)
    common = ("the a of to in and for on is that with by at from as it was be are has "
              "have he said").split()
    with open(path, "w") as f:
        for i in range(n):
            words = " ".join(rng.choice(common) for _ in range(rng.randint(80, 400)))
            f.write(json.dumps({"id": f"words-{i}", "url": f"https://words.example/{i}",
                                "text": f"Report {i}. {words}.", "lang": "en",
                                "published": f"2026-01-{1 + i % 28:02d}T00:00:00Z"}) + "\n")
    return path


def main(names):
    names = names or list(PROBES)
    unknown = [n for n in names if n not in PROBES]
    if unknown:
        sys.exit(f"unknown probe {unknown[0]!r}; the probes are: {', '.join(PROBES)}")
    data = corpus_store() if "search" in names else None
    rows = []
    for name in names:
        started = time.time()
        PROBES[name](data, rows)
        print(f"probe {name}: {time.time() - started:.0f} s", file=sys.stderr)
    width = max(len(r[0]) for r in rows)
    value = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'measured':<{value}}  target")
    for measure, measured, target in rows:
        print(f"{measure:<{width}}  {measured:<{value}}  {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
