"""The slowest tests of the suite, for the README's "Test suite" section (`make durations`).

Runs the whole suite in one process (no xdist, so that each test's time is its own and not shared with
a neighbour) with pytest's ``--durations``, and prints the slowest tests as a Markdown table with the wall
time of the run, the CPU time of pytest and every process it started (user + sys), and the machine's load
average: on a shared machine wall time varies with the other work, CPU time much less. Each test's own
CPU seconds (its process and the processes it waited for, kernels included) come from
``tests/conftest.py`` (``ZHD_TEST_CPU``); the table is sorted by them, with the sums per test file below.

Run: ``.venv/bin/python bench/test_durations.py [--top 12] [pytest arguments …]``.

``--from FILE`` runs nothing and reads FILE as written by a run with ``ZHD_TEST_CPU=FILE`` (e.g.
``ZHD_TEST_CPU=/tmp/cpu.tsv make test``): the same tables, and for each pytest-xdist worker its span of wall
time, the seconds it was running a test, and its last tests (a long test left to the end shows there).
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
    ap.add_argument("--from", dest="source", metavar="FILE", help="read a ZHD_TEST_CPU file instead of running")
    args, extra = ap.parse_known_args(argv)
    if args.source:
        rows = _read(args.source)
        print(f"{len(rows)} tests, {sum(r[0] for r in rows):.0f} s CPU in the tests")
        _tables(rows, args.top)
        _workers(rows)
        return 0
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
    rows = _read(cpu_file)
    os.unlink(cpu_file)
    _tables(rows, args.top, per)
    return proc.returncode


def _read(path: str) -> list[tuple[float, float, str, str, float]]:
    """(CPU s, wall s, test, worker, start) per line of a ZHD_TEST_CPU file (older files: no worker, no start)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            rows.append((float(f[0]), float(f[1]), f[2].split("@", 1)[0], f[3] if len(f) > 3 else "main",
                         float(f[4]) if len(f) > 4 else 0.0))
    return rows


def _tables(rows, top: int, walls: dict[str, float] | None = None) -> None:
    """The slowest tests by CPU (wall: pytest's ``--durations`` where given, else the file's) and the CPU per file."""
    own: dict[str, float] = {}
    mine: dict[str, float] = {}
    for c, w, node, _worker, _start in rows:
        own[node] = own.get(node, 0.0) + c
        mine[node] = mine.get(node, 0.0) + w
    walls = walls or mine
    print()
    print("| test | s CPU | s wall (setup + call) |")
    print("|---|---|---|")
    for name, secs in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| `{name}` | {secs:.1f} | {walls.get(name, 0.0):.1f} |")
    files: dict[str, float] = {}
    for name, secs in own.items():
        files[name.split("::", 1)[0]] = files.get(name.split("::", 1)[0], 0.0) + secs
    print()
    print(f"| test file | s CPU (of {sum(own.values()):.0f} s in the tests) |")
    print("|---|---|")
    for name, secs in sorted(files.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| `{name}` | {secs:.1f} |")


def _workers(rows, last: int = 3) -> None:
    """Each worker's span (first start to last end), busy seconds (wall inside tests) and CPU, and its last tests."""
    if not any(r[4] for r in rows):
        return
    t0 = min(r[4] for r in rows)
    print()
    print("| worker | tests | from s | to s | s in tests (wall) | s CPU | last tests (ends at s) |")
    print("|---|---|---|---|---|---|---|")
    for worker in sorted({r[3] for r in rows}):
        mine = sorted((r for r in rows if r[3] == worker), key=lambda r: r[4])
        end = max(r[4] + r[1] for r in mine) - t0
        tail = ", ".join(f"`{r[2].split('::', 1)[-1][:50]}` {r[4] + r[1] - t0:.0f}" for r in mine[-last:])
        print(f"| {worker} | {len(mine)} | {mine[0][4] - t0:.0f} | {end:.0f} | {sum(r[1] for r in mine):.0f} | "
              f"{sum(r[0] for r in mine):.0f} | {tail} |")


if __name__ == "__main__":
    sys.exit(main())
