"""Benchmark: a synthetic corpus of 25, 50 and 100 MB streamed through Dask to Parquet.

The corpus is made here and not committed: every sentence of the 52 Government Work Reports of
``data/reference/government_work_reports.jsonl`` (cleaned, as the structure parser splits them) is pooled,
and documents of 60–400 sentences (about the size of a report) are drawn from the pool with a fixed seed
(``random.Random(20200223)``), each shuffled, in paragraphs of 1–6 sentences, until the JSONL file reaches
the size asked for. Every document is a different sequence of sentences, so no cache or repetition helps.

Each size is streamed by :func:`zhdiscourse.patterns.profile.stream_corpus` (what ``zhdiscourse
corpus-export`` runs) with Dask's local scheduler on ``--jobs`` worker processes (default: all cores): read
lazily, cleaned, parsed, segmented into token tables and token counts, written to Parquet. The rhetorical
profiles are measured separately on ``--profile-mb`` (they cost far more per character than the tokens).
Printed per run: wall and CPU time (this process and its workers), throughput in MB/s and characters/s,
and the peak memory of the process tree (sum of PSS, sampled every 20 ms; see ``bench_corpus.py``).

Targets: peak memory < 1 GB at 100 MB; cost linear in size (seconds per MB at 100 MB within 25 % of
that at 25 MB). On a shared machine the wall time follows the other sessions' load, so linearity is
judged on the CPU time per MB (this process and its workers) and the wall-clock ratio is printed beside it.
Run: ``.venv/bin/python bench/bench_dask.py [--sizes 25,50,100] [--jobs N] [--profile-mb 5]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from bench_corpus import TreeMemory  # noqa: E402
from zhdiscourse.patterns.profile import stream_corpus  # noqa: E402
from zhdiscourse.text.corpus import open_corpus  # noqa: E402

CORPUS = ROOT / "data" / "reference" / "government_work_reports.jsonl"
SEED = 20200223


def sentence_pool() -> list[str]:
    pool = []
    for d in open_corpus(CORPUS).filter("report"):
        sp = d.speech()
        pool += [s.text.strip() for s in sp.sentences if not s.is_heading and len(s.text.strip()) >= 4]
    return pool


def write_corpus(path: Path, mb: float, pool: list[str]) -> tuple[int, int]:
    """Write a synthetic JSONL corpus of about ``mb`` MB; return (documents, characters)."""
    rng = random.Random(SEED)
    target = int(mb * 1_000_000)
    size = docs = chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < target:
            n = rng.randint(60, 400)
            sents = rng.sample(pool, n)
            paras, i = [], 0
            while i < n:
                k = rng.randint(1, 6)
                paras.append("".join(sents[i:i + k]))
                i += k
            content = "\n".join(paras)
            line = json.dumps({"id": f"synthetic-{docs:06d}", "title": f"合成文档{docs}", "year": 1954 + docs % 70,
                               "content": content}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            docs += 1
            chars += len(content)
    return docs, chars


def run(path: Path, out: Path, jobs: int, profiles: bool) -> dict:
    mem = TreeMemory()
    if mem.available:
        mem.start()
    t0, c0 = time.perf_counter(), os.times()
    summary = stream_corpus(path, out, jobs=jobs, tables=True, profiles=profiles)
    wall, c1 = time.perf_counter() - t0, os.times()
    if mem.available:
        mem.stop()
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) + (
        c1.children_system - c0.children_system)
    parquet_mb = sum(Path(f).stat().st_size for f in summary["files"]) / 1e6
    return {**summary, "wall": wall, "cpu": cpu, "peak_mb": mem.peak[0] / 1024 if mem.available else float("nan"),
            "procs": mem.peak[2] if mem.available else 0, "parquet_mb": parquet_mb}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,50,100", help="corpus sizes in MB (UTF-8 JSONL)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--profile-mb", type=float, default=5.0, help="size of the run with profiles (0: skip)")
    args = ap.parse_args(argv)
    jobs = args.jobs or os.cpu_count() or 1
    sizes = [float(s) for s in args.sizes.split(",") if s]
    pool = sentence_pool()
    print(f"sentence pool: {len(pool):,} sentences of the 52 reports; seed {SEED}; jobs={jobs} "
          f"(cpu_count {os.cpu_count()}); load average {os.getloadavg()[0]:.1f}")
    print(f"{'corpus':>8s} {'docs':>6s} {'chars':>12s} {'tokens':>11s} {'wall s':>7s} {'cpu s':>7s} "
          f"{'MB/s':>6s} {'Mchars/s':>8s} {'s/MB':>6s} {'peak MB':>8s} {'procs':>5s} {'parquet MB':>10s}")
    rows = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="zhd-bench-dask-") as tmp:
        os.environ["ZHDISCOURSE_CACHE_DIR"] = str(Path(tmp) / "cache")  # nothing read from an earlier run
        runs = [(mb, False) for mb in sizes] + ([(args.profile_mb, True)] if args.profile_mb > 0 else [])
        for mb, profiles in runs:
            src = Path(tmp) / f"synthetic-{mb:g}.jsonl"
            write_corpus(src, mb, pool)
            real_mb = src.stat().st_size / 1e6
            r = run(src, Path(tmp) / f"out-{mb:g}-{int(profiles)}", jobs, profiles)
            label = f"{real_mb:.0f} MB" + (" +profiles" if profiles else "")
            print(f"{label:>8s} {r['documents']:6d} {r['chars']:12,d} {r['tokens']:11,d} {r['wall']:7.1f} {r['cpu']:7.1f} "
                  f"{real_mb / r['wall']:6.2f} {r['chars'] / r['wall'] / 1e6:8.3f} {r['wall'] / real_mb:6.2f} "
                  f"{r['peak_mb']:8.0f} {r['procs']:5d} {r['parquet_mb']:10.1f}", flush=True)
            if not profiles:
                rows.append((real_mb, r))
            src.unlink()
    if rows:
        big_mb, big = rows[-1]
        small_mb, small = rows[0]
        peak_ok = big["peak_mb"] < 1024
        per_small, per_big = small["wall"] / small_mb, big["wall"] / big_mb
        cpu_small, cpu_big = small["cpu"] / small_mb, big["cpu"] / big_mb
        linear = cpu_big <= 1.25 * cpu_small
        ok = peak_ok and linear
        print(f"peak memory at {big_mb:.0f} MB: {big['peak_mb']:.0f} MB   target < 1024 MB: {'met' if peak_ok else 'NOT met'}")
        print(f"throughput at {big_mb:.0f} MB: {big_mb / big['wall']:.2f} MB/s wall ({big['chars'] / big['wall']:,.0f} "
              f"characters/s), CPU {cpu_big:.2f} s per MB")
        print(f"linearity: CPU {cpu_small:.2f} s/MB at {small_mb:.0f} MB, {cpu_big:.2f} s/MB at {big_mb:.0f} MB "
              f"({cpu_big / cpu_small:.2f}×; wall {per_small:.2f} → {per_big:.2f} s/MB, {per_big / per_small:.2f}×, "
              f"load average {os.getloadavg()[0]:.1f})   target ≤ 1.25×: {'met' if linear else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
