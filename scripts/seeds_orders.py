#!/usr/bin/env python3
"""Clusters the five seed articles in all 120 orders and counts the orders in which
the four 2025 reports (000, 001, 002, 004) share a story and the 2019 look-alike (003)
has its own. Usage: scripts/seeds_orders.py [STORYLINE_BINARY] [extra cluster args]"""
import glob
import itertools
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "target/release/storyline")
files = sorted(glob.glob(str(root / "../shared/seeds/*.txt")))
if len(files) != 5:
    sys.exit(f"expected the five seeds in ../shared/seeds, found {len(files)}")
failed = []
for order in itertools.permutations(files):
    run = subprocess.run([binary, "cluster", *order, *sys.argv[2:]],
                         capture_output=True, text=True, cwd=root, check=True)
    story = {}
    for line in run.stdout.splitlines():
        row = json.loads(line)
        story[row["id"][:3]] = row["story"]
    if not (story["000"] == story["001"] == story["002"] == story["004"] != story["003"]):
        failed.append([pathlib.Path(f).name[:3] for f in order])
print(f"{120 - len(failed)}/120 orders split into the 2025 story and the 2019 one")
for order in failed[:int(__import__("os").environ.get("SHOW_FAILED", "5"))]:
    print("  failed:", " ".join(order))
