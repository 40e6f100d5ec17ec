"""Benchmark: the parallelism detector (:func:`zhdiscourse.patterns.parallelisms`, parsing apart) on

* ~1 MB of distinct text (recent Government Work Reports, built by ``bench_report.build_text``):
  target ≤ 5 s;
* one line of 200,000 characters with no punctuation (built from the same reports, punctuation and
  spaces removed), and its first 50,000 characters: target ≤ 5 s for the long line, and a cost that
  grows linearly (the 200,000-character line should take about four times the 50,000 one; the
  script prints the ratio; issue 16 asks ≤ 10 s for all of ``patterns`` on such a line).

Wall-clock seconds are the figures checked against the targets; the CPU seconds of the process and
the machine's load average are printed beside them, since the machine is shared.

Run: ``.venv/bin/python bench/bench_parallelism_speed.py [--mb 1] [--target 5] [--line-target 5]``; exit
status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from bench_report import build_text  # noqa: E402

from zhdiscourse.patterns import parallelisms  # noqa: E402
from zhdiscourse.patterns.parallelism.tagging import pos_tags  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402


def timed(text: str) -> tuple[int, float, float]:
    sp = parse(text)
    c0, t0 = time.process_time(), time.perf_counter()
    par = parallelisms(sp)
    return len(par), time.perf_counter() - t0, time.process_time() - c0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--target", type=float, default=5.0)
    ap.add_argument("--line-target", type=float, default=5.0)
    args = ap.parse_args(argv)
    pos_tags("预热")  # load the segmenter's dictionary once, outside the timings
    text = build_text(args.mb)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    ok = True
    n, wall, cpu = timed(text)
    met = wall <= args.target
    ok &= met
    print(f"{len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} characters: {n} instances in {wall:.2f} s "
          f"(CPU {cpu:.2f} s; load average {load:.1f}) (target <= {args.target:g} s: {'met' if met else 'NOT met'})")
    flat = re.sub(r"[^\u4e00-\u9fff]", "", text)
    while len(flat) < 200_000:
        flat += flat
    line = flat[:200_000]
    n_short, wall_short, cpu_short = timed(line[:50_000])
    n, wall, cpu = timed(line)
    met = wall <= args.line_target
    ok &= met
    print(f"one line of 200,000 characters without punctuation: {n} instances in {wall:.2f} s (CPU {cpu:.2f} s) "
          f"(target <= {args.line_target:g} s: {'met' if met else 'NOT met'}); its first 50,000 characters: "
          f"{wall_short:.2f} s (CPU {cpu_short:.2f} s); CPU ratio 200k / 50k = {cpu / max(cpu_short, 1e-9):.1f} "
          "(linear: about 4)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
