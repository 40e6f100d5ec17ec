"""Benchmark: ``make reproduce`` (every notebook and worked solution, 18 kernels, 2 at a time), cold and warm.

Runs :func:`zhdiscourse.study.reproduce.reproduce` on the study's text into a temporary folder (so
``figures/`` and the committed notebooks are not touched), twice:

* **cold**: every disk cache empty (``ZHDISCOURSE_CACHE_DIR`` = a new temporary folder, inherited by the
  kernels): prepared dictionary, token tables, corpus, parsed documents, profiles are all built;
* **warm**: the same again with the caches the cold run filled.

Wall time and CPU time (this process and every kernel, user + sys) are printed; the machine is shared,
so CPU time is the steadier figure. Then the outputs of the warm run are compared byte for byte with the
committed ones: every figure file listed in ``figures/figures.json`` and every executed notebook
(``notebooks/*.ipynb``, ``notebooks/solutions/*.ipynb``).

Kernels are forked from a warm parent as under ``make reproduce`` (:mod:`zhdiscourse.study.forkkernel`);
``--no-fork`` starts every kernel as a fresh process (the code before the fork server), for comparison.

Targets: cold ≤ 40 s, warm ≤ 30 s, outputs byte-identical. Exit status 1 when one is missed.
Run: ``.venv/bin/python bench/bench_reproduce.py [--runs cold,warm] [--no-fork]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse import paths  # noqa: E402
from zhdiscourse.study.reproduce import find_notebooks, reproduce  # noqa: E402

TARGETS = {"cold": 40.0, "warm": 30.0}


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def compare(out: Path) -> list[str]:
    """Files of the run in ``out`` that differ from the committed ones."""
    bad = []
    committed = json.loads((paths.figures_dir() / "figures.json").read_text(encoding="utf-8"))["figures"]
    for rec in committed:
        for f in rec["files"]:
            mine = out / f
            if not mine.is_file() or _sha(mine) != _sha(paths.figures_dir() / f):
                bad.append(f"figures/{f}")
    for nb in find_notebooks():
        rel = nb.relative_to(paths.project_root() / "notebooks")
        mine = out / "notebooks" / rel
        if not mine.is_file() or _sha(mine) != _sha(nb):
            bad.append(f"notebooks/{rel}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", default="cold,warm")
    ap.add_argument("--no-fork", action="store_true", help="fresh kernels (no fork server)")
    args = ap.parse_args(argv)
    unknown = [r for r in args.runs.split(",") if r not in TARGETS]
    if unknown:
        ap.error(f"--runs: unknown run {unknown[0]!r} (choose from {', '.join(TARGETS)})")
    ok = True
    with tempfile.TemporaryDirectory(prefix="zhd-bench-reproduce-") as tmp:
        os.environ["ZHDISCOURSE_CACHE_DIR"] = str(Path(tmp) / "cache")
        # as under `make reproduce`: the kernels and the fork server keep compiled modules between runs
        os.environ["PYTHONDONTWRITEBYTECODE"] = ""
        sys.dont_write_bytecode = False
        for run in args.runs.split(","):
            out = Path(tmp) / f"out-{run}"
            t0, c0, load0 = time.perf_counter(), os.times(), os.getloadavg()[0]
            summary = reproduce(None, out, jobs=2, log=lambda *a: None, fork=not args.no_fork)
            wall, c1 = time.perf_counter() - t0, os.times()
            cpu = sum(getattr(c1, k) - getattr(c0, k) for k in ("user", "system", "children_user", "children_system"))
            met = wall <= TARGETS.get(run, float("inf"))
            bad = compare(out)
            ok &= met and not bad
            print(f"reproduce {run}{' (fresh kernels)' if args.no_fork else ''}: {summary['notebooks']} notebooks, "
                  f"{wall:5.1f} s wall, {cpu:5.1f} s CPU (all kernels), load average {load0:.1f} before, "
                  f"{os.getloadavg()[0]:.1f} after   target ≤ {TARGETS.get(run, 0):.0f} s: "
                  f"{'met' if met else 'NOT met'}; byte-identical to the committed outputs: "
                  + ("yes" if not bad else f"NO ({len(bad)} differ: {', '.join(bad[:4])})"), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
