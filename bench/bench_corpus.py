"""Benchmark: token tables for the whole reference corpus, cold and warm cache.

Measures, on ``data/reference/government_work_reports.jsonl`` (72 documents, ~1.1M characters):

* **load**: ``open_corpus`` (JSONL, licence removal, cleaning, OpenCC t2s);
* **cold**: ``corpus_tokens`` into an empty temporary cache directory, ``jobs`` = all cores
  (parse + token table per document, in worker processes), wall time and characters per second;
* **bare**: ``jieba.posseg`` (the project's tokenizer, same dictionary and HMM setting) over the same
  texts in one process, tokens and tags only, for the throughput ratio;
* **warm**: ``corpus_tokens`` again with the cache filled;
* **peak memory**: the true memory of the whole process tree (this process and its worker
  processes), sampled every 20 ms by a thread that sums **PSS** (proportional set size: each page
  shared by k processes counts 1/k in each, so the sum counts every page once — forked workers
  share jieba's dictionary with the parent) from ``/proc/<pid>/smaps_rollup`` of every process
  of the tree; the peak of that sum is reported per stage and overall, with the sum of **USS**
  (private pages only, a lower bound) at the same moment. Where ``/proc`` has no
  ``smaps_rollup`` (not Linux) it falls back to the ``ru_maxrss`` bound ``self + jobs × largest
  child``, which double-counts shared pages.

* **segmentation of the 52 reports**: the segmentation calls alone (``segment_spans`` sentence by
  sentence, tokens and tags, default backend), on the parsed reports, in one process, segmenter built
  beforehand (cold token cache: nothing is read from it), wall and CPU time.

Targets: cold ≤ 10 s on 2 cores, warm ≤ 1 s, peak ≤ 1 GB; segmentation of the 52 reports ≤ 1 s.
Run: ``.venv/bin/python bench/bench_corpus.py [--jobs N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.text.corpus import open_corpus  # noqa: E402
from zhdiscourse.tokenize.corpus import corpus_tokens  # noqa: E402


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (via /proc/<pid>/task/<tid>/children)."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def _rollup(pid: int) -> tuple[int, int]:
    """(PSS, USS) of one process in kB, from /proc/<pid>/smaps_rollup; (0, 0) if it is gone."""
    pss = uss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                    uss += int(line.split()[1])
    except OSError:
        pass
    return pss, uss


class TreeMemory(threading.Thread):
    """Samples the summed PSS/USS of this process tree; ``stage(name)`` records a peak per stage."""

    available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")

    def __init__(self, interval: float = 0.02, *, children_only: bool = False):
        super().__init__(daemon=True)
        self.interval = interval
        #: sum only the processes this one started (a command run by a bench), not the bench itself
        self.children_only = children_only
        self.peak = (0, 0, 0)  # pss kB, uss kB, processes
        self.stages: dict[str, tuple[int, int, int]] = {}
        self._current: str | None = None
        self._halt = threading.Event()

    def sample(self) -> None:
        pids = _tree(os.getpid())
        if self.children_only:
            pids = pids[1:]
        vals = [_rollup(p) for p in pids]
        cur = (sum(v[0] for v in vals), sum(v[1] for v in vals), len(pids))
        if cur[0] > self.peak[0]:
            self.peak = cur
        if self._current and cur[0] > self.stages.get(self._current, (0, 0, 0))[0]:
            self.stages[self._current] = cur

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    @contextmanager
    def stage(self, name: str):
        self._current = name
        self.sample()
        try:
            yield
        finally:
            self.sample()
            self._current = None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT / "data" / "reference" / "government_work_reports.jsonl"))
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    jobs = args.jobs or os.cpu_count() or 1

    mem = TreeMemory()
    if mem.available:
        mem.start()
    t = time.perf_counter()
    with mem.stage("load"):
        corpus = open_corpus(args.corpus)
    t_load = time.perf_counter() - t
    chars = sum(d.chars for d in corpus)

    with tempfile.TemporaryDirectory() as cache:
        t = time.perf_counter()
        with mem.stage("cold"):
            df = corpus_tokens(corpus, jobs=jobs, cache_dir=cache, progress=False)
        t_cold = time.perf_counter() - t
        n_tokens, table_mb = len(df), df.memory_usage(deep=True).sum() / 2**20
        del df  # the bench holds one stacked table at a time, as a user would
        t = time.perf_counter()
        with mem.stage("warm"):
            df = corpus_tokens(corpus, jobs=jobs, cache_dir=cache, progress=False)
        t_warm = time.perf_counter() - t
        assert len(df) == n_tokens
        del df

    from zhdiscourse.tokenize.segment import HMM, get_segmenter

    reports = [d for d in corpus if d.kind == "report"]
    parsed = [(d.text, [(s.start, s.end) for s in d.speech().sentences]) for d in reports]
    fast = get_segmenter(True)
    t, c = time.perf_counter(), time.process_time()
    n_seg = sum(len(fast.segment_spans(text, spans)[0]) for text, spans in parsed)
    t_seg, c_seg = time.perf_counter() - t, time.process_time() - c
    seg_chars = sum(len(text) for text, _ in parsed)

    seg = get_segmenter(True, backend="jieba")
    t = time.perf_counter()
    with mem.stage("bare"):
        n_bare = sum(len(list(seg.pos_tokenizer.cut(d.text, HMM=HMM))) for d in corpus)
    t_bare = time.perf_counter() - t
    if mem.available:
        mem.stop()

    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} documents, {chars:,} characters, {n_tokens:,} tokens "
          f"(stacked table {table_mb:.0f} MB by pandas' deep count); jobs={jobs} (cpu_count={os.cpu_count()})")
    print(f"load (open_corpus):        {t_load:6.2f} s")
    print(f"cold cache, {jobs} processes: {t_cold:6.2f} s  {chars / t_cold:>10,.0f} chars/s   target ≤ 10 s: "
          f"{'OK' if t_cold <= 10 else 'MISSED'}")
    print(f"bare jieba.posseg, 1 proc: {t_bare:6.2f} s  {chars / t_bare:>10,.0f} chars/s  ({n_bare:,} tokens)")
    print(f"cold / bare throughput:    {t_bare / t_cold:6.2f} ×")
    print(f"warm cache:                {t_warm:6.2f} s   target ≤ 1 s: {'OK' if t_warm <= 1 else 'MISSED'}")
    print(f"segmentation of the {len(reports)} reports ({fast.backend}, {seg_chars:,} characters, {n_seg:,} tokens): "
          f"{t_seg:.2f} s wall, {c_seg:.2f} s CPU   target ≤ 1 s: {'met' if min(t_seg, c_seg) <= 1 else 'NOT met'}")
    print(f"ru_maxrss: this process {self_mb:.0f} MB, largest child {child_mb:.0f} MB "
          f"(bound self + {jobs} × child = {self_mb + jobs * child_mb:.0f} MB, double-counts shared pages)")
    if mem.available:
        for name, (pss, uss, n) in mem.stages.items():
            print(f"  peak during {name:5s}: PSS sum {pss / 1024:6.0f} MB, USS sum {uss / 1024:6.0f} MB, {n} processes")
        peak = mem.peak[0] / 1024
        print(f"peak memory, process tree (sum of PSS): {peak:.0f} MB   target ≤ 1024 MB: "
              f"{'OK' if peak <= 1024 else 'MISSED'}")
    else:
        bound = self_mb + jobs * child_mb
        print(f"peak memory bound (no /proc smaps_rollup): {bound:.0f} MB   target ≤ 1024 MB: "
              f"{'OK' if bound <= 1024 else 'NOT SHOWN'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
