"""Benchmark: the parallelism detector on ~1 MB of distinct text (recent Government Work Reports, built by
``bench_report.build_text``); target ≤ 5 s for :func:`zhdiscourse.patterns.parallelisms` (parsing apart).

Run: ``.venv/bin/python bench/bench_parallelism_speed.py [--mb 1] [--target 5]``; exit status 1 over target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from bench_report import build_text  # noqa: E402

from zhdiscourse.patterns import parallelisms  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--target", type=float, default=5.0)
    args = ap.parse_args(argv)
    text = build_text(args.mb)
    sp = parse(text)
    t0 = time.perf_counter()
    par = parallelisms(sp)
    secs = time.perf_counter() - t0
    print(f"{len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} characters: {len(par)} instances in {secs:.2f} s "
          f"(target <= {args.target:.0f} s: {'met' if secs <= args.target else 'NOT met'})")
    return 0 if secs <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
