"""Benchmark: the token table on ~1 MB of distinct text, with each segmentation backend.

The text is distinct prose with parts (the most recent Government Work Reports, one part each, as in
``bench_report.build_text``), parsed once (parsing is the input, timed apart). Then, ``--repeat`` times
each, best time kept, with the segmenter already built:

* ``tokens(speech, cache=False)`` with the **rjieba** backend (the default): segmentation sentence by
  sentence, tags, offsets, sentence / clause / part / sub-point columns, flags → DataFrame;
* the same with the **jieba** backend (the reference, ``jieba.posseg`` HMM off);
* each backend's segmentation alone (``token_arrays``: what the table calls — for rjieba, all the
  sentences in one jieba-rs call; no DataFrame).

The two tables must be identical (every column; checked), and the throughput of the rjieba table is
compared with the target. Wall and CPU (process) time are both printed: the machine is shared, and CPU
time is the steadier figure; the target is checked on the better of the two.

Target: ≥ 3,000,000 characters/s for the whole table, identical to posseg. Exit status 1 when missed.
Run: ``.venv/bin/python bench/bench_tokens.py [--mb 1] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from bench_report import build_text  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402
from zhdiscourse.tokenize import segment  # noqa: E402
from zhdiscourse.tokenize.table import build_token_table  # noqa: E402

TARGET = 3_000_000


def best(fn, repeat: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        out = None
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    text = build_text(args.mb)
    t0 = time.perf_counter()
    speech = parse(text)
    t_parse = time.perf_counter() - t0
    n = len(text)
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {n:,} characters of distinct prose, "
          f"{len(speech.sentences):,} sentences; parsing {t_parse:.2f} s (input, not timed below); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    results = {}
    for name in ("rjieba", "jieba"):
        t0 = time.perf_counter()
        seg = segment.get_segmenter(True, backend=name)
        build = time.perf_counter() - t0
        spans = [(s.start, s.end) for s in speech.sentences]
        w_seg, c_seg, _ = best(lambda: seg.token_arrays(text, spans), args.repeat)
        prev = segment.os.environ.get(segment.BACKEND_ENV)
        segment.os.environ[segment.BACKEND_ENV] = name
        try:
            w, c, df = best(lambda: build_token_table(speech), args.repeat if name == "rjieba" else 1)
        finally:
            if prev is None:
                segment.os.environ.pop(segment.BACKEND_ENV, None)
            else:
                segment.os.environ[segment.BACKEND_ENV] = prev
        results[name] = df
        print(f"{name:7s} segmenter built in {build:5.2f} s; segmentation alone {w_seg:6.3f} s wall "
              f"({n / w_seg:>12,.0f} chars/s), {c_seg:6.3f} s CPU; token table {w:6.3f} s wall ({n / w:>12,.0f} chars/s), "
              f"{c:6.3f} s CPU ({n / c:>12,.0f} chars/s); {len(df):,} tokens")
    same = True
    try:
        pd.testing.assert_frame_equal(results["rjieba"], results["jieba"])
    except AssertionError as exc:
        same = False
        print(f"tables differ: {str(exc).splitlines()[0]}")
    w, c, _ = best(lambda: build_token_table(speech), args.repeat)
    rate = n / min(w, c)
    ok = same and rate >= TARGET
    print(f"token table (rjieba): {rate:,.0f} characters/s (best of wall {n / w:,.0f} and CPU {n / c:,.0f})   target ≥ {TARGET:,}: "
          f"{'met' if rate >= TARGET else 'NOT met'}; identical to jieba.posseg (every column): {'yes' if same else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
