"""Benchmark: the parallelism detector on the PSE-I essays (validation + optimization splits, 81 essays).

Prints the task's four metrics (EPM, MPBM, MBAWO, MWO; :mod:`zhdiscourse.patterns.pse`) with precision,
recall and F1 for

* ``detector``         the detector's calibrated series reading
                       (:func:`zhdiscourse.patterns.parallelism.confident_series`): the outermost 排比 / 对偶 at
                       the clause level or above that the detector counts as confident (the tagger's series,
                       and rule or form instances whose calibrated confidence reaches the threshold chosen by
                       cross-validation on the training split). This is the detector's scored output;
* ``rhetorical``       :func:`zhdiscourse.patterns.parallelisms`, its outermost 排比 / 对偶 instances at every
                       level (the reading the study counts on political prose, hand-checked on the speech);
* ``rhetorical, all``  every 排比 / 对偶 instance, nested ones included;
* ``tagger``           the learned clause tagger alone (:func:`zhdiscourse.patterns.parallelism.model.series`);
* ``rules (gen. 1)``   the first-generation rules alone;
* ``prefix-2``         the task's baseline: consecutive clauses sharing their first two characters;

beside the published figures of the best model of Bothwell et al. 2023 (Chinese BERT + CRF, trained on
the essays) on their test split, which is not part of this data: MWO F1 0.72, EPM F1 0.43.

The essays are read from ``--data`` (default: the project's copy, ``data/pse``); when the folder is
missing the bench says so and exits 0. Nothing was tuned on these two splits: the tagger
is trained, and its settings and the calibration chosen, on the training split only
(``scripts/train_series_model.py``).

Run: ``.venv/bin/python bench/bench_pse.py [--data DIR] [--split validation,optimization]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.patterns import pse  # noqa: E402
from zhdiscourse.patterns.parallelism.benchmark import SYSTEMS, essay_systems  # noqa: E402

DEFAULT_DATA = ROOT / "data" / "pse"
#: Bothwell et al. 2023, best configurations, test split (F1).
PUBLISHED = {"MWO": 0.72, "EPM": 0.43}
TARGETS = {"MWO": 0.72, "EPM": 0.43}


#: the benchmark's short names for the systems of :mod:`zhdiscourse.patterns.parallelism.benchmark`
NAMES = {"detector (series reading)": "detector", "rhetorical reading": "rhetorical",
         "rhetorical, all": "rhetorical, all", "tagger alone": "tagger", "rules alone (gen. 1)": "rules (gen. 1)",
         "prefix-2 baseline": "prefix-2"}


def systems(essay: pse.Essay) -> dict[str, list]:
    groups, _sources = essay_systems(essay)
    return {NAMES[name]: groups[name] for name in SYSTEMS}


def run(data: Path, splits: list[str]):
    essays = pse.read_corpus(data, splits)
    t0 = time.time()
    per = [systems(e) for e in essays]
    secs = time.time() - t0
    names = list(per[0])
    tables = {n: pse.evaluate([(p[n], e.groups) for p, e in zip(per, essays)]) for n in names}
    return essays, tables, secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--split", default="validation,optimization")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not (data / "essays").is_dir():
        print(f"PSE data not found at {data}: bench skipped (see bench/README.md)")
        return 0
    essays, tables, secs = run(data, args.split.split(","))
    gold = sum(len(e.groups) for e in essays)
    print(f"PSE-I {args.split}: {len(essays)} essays, {gold} gold groups; all systems in {secs:.1f} s")
    print(f"{'system':<16} {'metric':<6} {'P':>6} {'R':>6} {'F1':>6}   score / predicted / gold")
    for name, tab in tables.items():
        for r in tab.itertuples(index=False):
            print(f"{name:<16} {r.metric:<6} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}   "
                  f"{r.score} / {r.predicted} / {r.gold}")
    print("published (Bothwell et al. 2023, BERT + CRF, test split): "
          + ", ".join(f"{m} F1 {v:.2f}" for m, v in PUBLISHED.items()))
    det = tables["detector"].set_index("metric")["f1"]
    for m, target in TARGETS.items():
        print(f"target {m} F1 >= {target:.2f} (detector = calibrated series reading): {det[m]:.3f} -> "
              f"{'met' if det[m] >= target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
