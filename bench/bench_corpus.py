"""Benchmark: token tables for the whole reference corpus, cold and warm cache.

Measures, on ``data/reference/government_work_reports.jsonl`` (72 documents, ~1.1M characters):

* **load**: ``open_corpus`` (JSONL, licence removal, cleaning, OpenCC t2s);
* **cold**: ``corpus_tokens`` into an empty temporary cache directory, ``jobs`` = all cores
  (parse + token table per document, in worker processes), wall time and characters per second;
* **bare**: ``jieba.posseg`` (the project's tokenizer, same dictionary and HMM setting) over the same
  texts in one process, tokens and tags only, for the throughput ratio;
* **warm**: ``corpus_tokens`` again with the cache filled;
* **peak memory**: ``ru_maxrss`` of this process and of the largest child process (RUSAGE_CHILDREN
  reports the largest child, not a sum; with 2 workers the total is at most self + 2 × child).

Targets: cold ≤ 10 s on 2 cores, warm ≤ 1 s, peak ≤ 1 GB.
Run: ``.venv/bin/python bench/bench_corpus.py [--jobs N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.corpus import open_corpus  # noqa: E402
from zhdiscourse.corpus_tokens import corpus_tokens  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT / "data" / "reference" / "government_work_reports.jsonl"))
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    jobs = args.jobs or os.cpu_count() or 1

    t = time.perf_counter()
    corpus = open_corpus(args.corpus)
    t_load = time.perf_counter() - t
    chars = sum(d.chars for d in corpus)

    with tempfile.TemporaryDirectory() as cache:
        t = time.perf_counter()
        df = corpus_tokens(corpus, jobs=jobs, cache_dir=cache, progress=False)
        t_cold = time.perf_counter() - t
        t = time.perf_counter()
        df2 = corpus_tokens(corpus, jobs=jobs, cache_dir=cache, progress=False)
        t_warm = time.perf_counter() - t
        assert len(df2) == len(df)

    from zhdiscourse.segment import HMM, get_segmenter

    seg = get_segmenter(True)
    t = time.perf_counter()
    n_bare = sum(len(list(seg.pos_tokenizer.cut(d.text, HMM=HMM))) for d in corpus)
    t_bare = time.perf_counter() - t

    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} documents, {chars:,} characters, {len(df):,} tokens; jobs={jobs} "
          f"(cpu_count={os.cpu_count()})")
    print(f"load (open_corpus):        {t_load:6.2f} s")
    print(f"cold cache, {jobs} processes: {t_cold:6.2f} s  {chars / t_cold:>10,.0f} chars/s   target ≤ 10 s: "
          f"{'OK' if t_cold <= 10 else 'MISSED'}")
    print(f"bare jieba.posseg, 1 proc: {t_bare:6.2f} s  {chars / t_bare:>10,.0f} chars/s  ({n_bare:,} tokens)")
    print(f"cold / bare throughput:    {t_bare / t_cold:6.2f} ×")
    print(f"warm cache:                {t_warm:6.2f} s   target ≤ 1 s: {'OK' if t_warm <= 1 else 'MISSED'}")
    print(f"peak RSS: this process {self_mb:.0f} MB, largest child {child_mb:.0f} MB, "
          f"bound self + {jobs} × child = {self_mb + jobs * child_mb:.0f} MB   target ≤ 1024 MB: "
          f"{'OK' if self_mb + jobs * child_mb <= 1024 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
