"""The slowest tests of the suite, for the README's "Test suite" section (`make durations`).

Runs the whole suite in one process (no xdist, so that each test's time is its own and not shared with
a neighbour) with pytest's ``--durations``, and prints the slowest tests as a Markdown table with the wall
time of the run, the CPU time of pytest and every process it started (user + sys), and the machine's load
average: on a shared machine wall time varies with the other work, CPU time much less. Each test's own
CPU seconds (its process and the processes it waited for, kernels included) come from
``tests/conftest.py`` (``ZHD_TEST_CPU``); the table is sorted by them, with the sums per test file below.

Run: ``.venv/bin/python bench/test_durations.py [--top 12] [pytest arguments …]``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^\s*([0-9.]+)s (call|setup|teardown)\s+(\S+)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=12)
    args, extra = ap.parse_known_args(argv)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", f"--durations={args.top * 3}", *extra]
    load0 = os.getloadavg()[0]
    fd, cpu_file = tempfile.mkstemp(suffix=".tsv")
    os.close(fd)
    t0, c0 = time.perf_counter(), os.times()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, ZHD_TEST_CPU=cpu_file))
    wall, c1 = time.perf_counter() - t0, os.times()
    cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    per: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        m = LINE.match(line)
        if m:
            per[m.group(3)] = per.get(m.group(3), 0.0) + float(m.group(1))
    summary = [ln for ln in proc.stdout.splitlines() if re.search(r"\d+ passed|failed|error", ln)][-1:]
    print(f"whole suite in one process: {wall:.0f} s wall, {cpu:.0f} s CPU (pytest and every process it started), "
          f"load average {load0:.1f} → {os.getloadavg()[0]:.1f}; {summary[0].strip('= ') if summary else ''}")
    own: dict[str, float] = {}
    with open(cpu_file, encoding="utf-8") as fh:
        for line in fh:
            c, _w, node = line.rstrip("\n").split("\t", 2)
            own[node.split("@", 1)[0]] = own.get(node.split("@", 1)[0], 0.0) + float(c)
    os.unlink(cpu_file)
    print()
    print("| test | s CPU | s wall (setup + call) |")
    print("|---|---|---|")
    for name, secs in sorted(own.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"| `{name}` | {secs:.1f} | {per.get(name, 0.0):.1f} |")
    files: dict[str, float] = {}
    for name, secs in own.items():
        files[name.split("::", 1)[0]] = files.get(name.split("::", 1)[0], 0.0) + secs
    print()
    print(f"| test file | s CPU (of {sum(own.values()):.0f} s in the tests) |")
    print("|---|---|")
    for name, secs in sorted(files.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"| `{name}` | {secs:.1f} |")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
