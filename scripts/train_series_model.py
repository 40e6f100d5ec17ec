"""Train the clause-level series tagger of zhdiscourse.patterns.parallelism on the PSE-I training split.

Reads the essays of ``--data`` (default: the project's copy, ``data/pse``: ``essays/*.xml``,
``splits.json``), uses the ``training`` split ONLY (286 essays), builds each essay's clauses and their
features from the essay text (the same code the detector runs on any text), labels the clauses from the
gold groups (a clause belongs to a member when at least half of the clause, or of the member, lies
inside the other), fits the CRF (:func:`zhdiscourse.patterns.parallelism.crf.train`, L-BFGS from zero:
deterministic) and writes the weights to ``src/zhdiscourse/patterns/parallelism/series_crf.json``.

Settings are chosen by K-fold cross-validation on the training split (``--cv K``, default 5: essay ``i``
is in fold ``i mod K``): for every L2 penalty of ``--l2`` (a comma-separated grid) the K fold models are
trained, and every decoding bias of ``--bias`` (subtracted from the outside label's score, so that more
clauses join a series) is scored on the held-out essays with the task's metrics, summed over the
folds; the setting with the highest MWO F1 + EPM F1 wins, the final model is trained on all 286
essays with it, and the cross-validation table is stored in the model file. Validation and
optimization essays are never read. ``--cv 0`` trains with the first value of each grid (and fits no
calibration).

Calibration (:mod:`zhdiscourse.patterns.parallelism.calibration`): with the chosen setting, each fold's
tagger runs the whole detector (rules, forms, tagger) on the essays it was not trained on; every
series-level 排比 / 对偶 candidate of those out-of-fold outputs is labelled (at least half of its words
inside one gold group) and described by its calibration features. A logistic model (scikit-learn,
L2 penalty ``C`` from ``--calib-c``) is fitted on the instances of K − 1 folds and scores the instances
of the remaining fold; for every threshold of ``--calib-threshold`` (the tagger's own series count
whatever their probability) the out-of-fold *series reading*
(:func:`zhdiscourse.patterns.parallelism.detector.series_reading`) is scored with the task's metrics, and
the (C, threshold) with the highest MWO F1 + EPM F1 wins; the final logistic model is fitted on all the
out-of-fold instances with that C and stored with the threshold and its table (key ``calibration``).

Run: ``.venv/bin/python scripts/train_series_model.py [--data DIR] [--l2 3,10,30] [--bias 0,0.1,0.2,0.3,0.4]
[--cv 5] [--jobs 2]`` (about an hour with the default grids on the project's shared two-core machine).
The data is CC-BY-SA 4.0 (Bothwell et al. 2023; Song et al. 2016): so are the weights written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from zhdiscourse.patterns import pse  # noqa: E402
from zhdiscourse.patterns.parallelism import crf, detector  # noqa: E402
from zhdiscourse.patterns.parallelism.clauses import clause_lines, line_features  # noqa: E402
from zhdiscourse.patterns.parallelism.model import MODEL_FILE, SeriesModel, encode, series  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402

SEED = 13
DEFAULT_DATA = ROOT / "data" / "pse"



def _scores(row: dict, ev: pd.DataFrame) -> dict:
    """``row`` with precision, recall and F1 of every PSE metric (``MWO_P`` …) from an evaluation table."""
    for m in pse.METRICS:
        for col, short in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
            row[f"{m}_{short}"] = round(float(ev.loc[m, col]), 4)
    return row

def essay_sequences(essay: pse.Essay):
    """Per line of the essay: (clauses, feature strings, gold labels)."""
    spans = []
    for g in essay.groups:
        members = sorted(((essay.spans[min(b)][0], essay.spans[max(b)][1]) for b in g))
        spans.append(members)
    out = []
    for line in clause_lines(essay.text):
        groups = []
        for members in spans:
            g = []
            for a, b in members:
                # a clause belongs to the member when at least half of the clause, or at least half of
                # the member, lies inside the other (a short first member inside a long clause: the
                # decoder trims the clause to the shared opening)
                m = [t for t, c in enumerate(line)
                     if 2 * (min(b, c.end) - max(a, c.start)) >= min(c.end - c.start, b - a) > 0]
                if m:
                    g.append(m)
            if len(g) >= 2:
                # members are runs of consecutive clauses, the next starting right after: a clause
                # left between two members joins the one before (the tagger has no gap label)
                g = sorted(g)
                g = [list(range(m[0], g[k + 1][0])) if k + 1 < len(g) else list(range(m[0], m[-1] + 1))
                     for k, m in enumerate(g)]
                if all(g[k] for k in range(len(g))):
                    groups.append(g)
        taken: set[int] = set()
        keep = []
        for g in sorted(groups, key=lambda g: g[0][0]):
            cl = {t for m in g for t in m}
            if cl & taken:
                continue
            taken |= cl
            keep.append(g)
        out.append((line, line_features(line), encode(len(line), keep)))
    return out


def fit(essays, l2: float, min_count: int, maxiter: int):
    seqs = [s for e in essays for s in essay_sequences(e)]
    counts = Counter(f for _l, feats, _y in seqs for fs in feats for f in set(fs))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    data = [([[index[f] for f in fs if f in index] for fs in feats], y) for _l, feats, y in seqs]
    t0 = time.time()
    res = crf.train(data, len(names), l2=l2, maxiter=maxiter, seed=SEED)
    return names, res, time.time() - t0, len(seqs)


def to_json(names, res, settings: dict, n_essays, n_lines, cv_table=None) -> dict:
    return {
        "model": "clause-level linear-chain CRF (zhdiscourse.patterns.parallelism.crf)",
        "labels": list(crf.LABELS),
        "licence": "CC-BY-SA-4.0",
        "attribution": ("Trained on the PSE-I essays of the Paibi Student Essays dataset (training split of "
                        "Bothwell et al. 2023, 'Introducing Rhetorical Parallelism Detection', EMNLP; data from "
                        "Song et al. 2016, 'Learning to Identify Sentence Parallelism in Student Essays', COLING), "
                        "CC-BY-SA 4.0."),
        "training": {"split": "training", "essays": n_essays, "lines": n_lines, **settings, "seed": SEED,
                     "nll": round(res["nll"], 3), "iterations": res["iterations"]},
        "decode_bias": settings.get("decode_bias", 0.0),
        "cross_validation": cv_table or [],
        "features": names,
        "W": np.round(res["W"], 4).tolist(),
        "trans": np.round(res["trans"], 4).tolist(),
        "start": np.round(res["start"], 4).tolist(),
        "end": np.round(res["end"], 4).tolist(),
    }


def predict_groups(essay: pse.Essay, model: SeriesModel) -> list:
    inst = [{"members": [{"start": a, "end": b} for a, b in s["members"]]} for s in series(essay.text, model=model)]
    return pse.instances_to_groups(essay, inst)


def _fold(job):
    """Train on every essay outside fold ``k``; predict the fold's essays at every bias."""
    essays, k, K, l2, biases, min_count, maxiter = job
    train = [e for i, e in enumerate(essays) if i % K != k]
    names, res, _secs, n_lines = fit(train, l2, min_count, maxiter)
    out = {}
    for b in biases:
        model = SeriesModel(to_json(names, res, {"decode_bias": b}, len(train), n_lines))
        out[b] = {i: predict_groups(e, model) for i, e in enumerate(essays) if i % K == k}
    return out, (names, res, n_lines, len(train))


def cross_validate(essays, K: int, l2s, biases, min_count: int, maxiter: int, jobs: int):
    """One row per (l2, bias): the four metrics' P, R, F1 over the held-out folds; and the fold fits,
    by ``(l2, fold)``."""
    rows = []
    fits = {}
    for l2 in l2s:
        tasks = [(essays, k, K, l2, biases, min_count, maxiter) for k in range(K)]
        if jobs > 1:
            with Pool(jobs) as pool:
                results = pool.map(_fold, tasks)
        else:
            results = [_fold(t) for t in tasks]
        parts = [r[0] for r in results]
        for k, r in enumerate(results):
            fits[(l2, k)] = r[1]
        for b in biases:
            pred = {i: g for part in parts for i, g in part[b].items()}
            ev = pse.evaluate([(pred[i], e.groups) for i, e in enumerate(essays)]).set_index("metric")
            row = _scores({"l2": l2, "decode_bias": b}, ev)
            rows.append(row)
            print(f"  l2 {l2:g} bias {b:g}: MWO F1 {row['MWO_F1']:.3f}  EPM F1 {row['EPM_F1']:.3f}", flush=True)
    return pd.DataFrame(rows), fits


# --------------------------------------------------------------------------------------------------
# calibration of series-level instances
# --------------------------------------------------------------------------------------------------

def _oof_job(job):
    """The detector's scored candidates (with calibration features) on the essays of one fold, read by
    the tagger trained without them."""
    essays, idx, model_json = job
    model = SeriesModel(model_json)
    out = {}
    for i in idx:
        sp = parse(essays[i].text)
        out[i] = detector.scored(sp, detector.candidates(sp, model=model), None, keep_features=True)
    return out


def oof_instances(essays, fold_models: list[dict], jobs: int) -> dict[int, list[dict]]:
    K = len(fold_models)
    tasks = [(essays, [i for i in range(len(essays)) if i % K == k], fold_models[k]) for k in range(K)]
    if jobs > 1:
        with Pool(jobs) as pool:
            parts = pool.map(_oof_job, tasks)
    else:
        parts = [_oof_job(t) for t in tasks]
    return {i: v for part in parts for i, v in part.items()}


def _label(essay: pse.Essay, inst: dict) -> int:
    """1 when at least half of the instance's words lie in one gold group."""
    g = pse.instances_to_groups(essay, [inst])
    if not g:
        return 0
    words = frozenset().union(*g[0])
    best = max((len(words & frozenset().union(*gold)) for gold in essay.groups), default=0)
    return int(2 * best >= len(words))


def confident_groups(essay: pse.Essay, cands: list[dict], flags: dict[int, bool]) -> list:
    """The groups of the series reading when candidate ``k`` is confident iff ``flags[k]``."""
    marked = [dict(c, confident=flags.get(k, False)) for k, c in enumerate(cands)]
    return pse.instances_to_groups(essay, detector.series_reading(marked))


def calibrate(essays, inst: dict[int, list[dict]], K: int, cs, thresholds) -> tuple[dict, pd.DataFrame]:
    """Fit the calibration (see the module docstring) on the out-of-fold instances ``inst``."""
    from sklearn.linear_model import LogisticRegression

    rows = [(i, k, p["features"], _label(essays[i], p)) for i in sorted(inst) for k, p in enumerate(inst[i])
            if "features" in p and p["class"] in detector.RHETORICAL]
    names = sorted({k for _i, _id, f, _y in rows for k in f})
    X = np.array([[f.get(k, 0.0) for k in names] for _i, _id, f, _y in rows])
    y = np.array([r[3] for r in rows])
    fold = np.array([r[0] % K for r in rows])
    print(f"calibration: {len(rows)} out-of-fold series-level candidates, {y.mean():.1%} positive", flush=True)
    table = []
    for c in cs:
        prob = np.zeros(len(rows))
        for k in range(K):
            lr = LogisticRegression(C=c, max_iter=5000).fit(X[fold != k], y[fold != k])
            prob[fold == k] = lr.predict_proba(X[fold == k])[:, 1]
        for t in thresholds:
            flags: dict[int, dict[int, bool]] = {}
            for (i, pid, _f, _y), p in zip(rows, prob):
                flags.setdefault(i, {})[pid] = bool(p >= t) or "model" in inst[i][pid]["source"]
            pred = [confident_groups(e, inst[i], flags.get(i, {})) for i, e in enumerate(essays)]
            ev = pse.evaluate([(g, e.groups) for g, e in zip(pred, essays)]).set_index("metric")
            row = _scores({"C": c, "threshold": t}, ev)
            table.append(row)
            print(f"  C {c:g} threshold {t:g}: MWO F1 {row['MWO_F1']:.3f}  EPM F1 {row['EPM_F1']:.3f}", flush=True)
    table = pd.DataFrame(table)
    best = table.loc[(table["MWO_F1"] + table["EPM_F1"]).idxmax()]
    c, t = float(best["C"]), float(best["threshold"])
    lr = LogisticRegression(C=c, max_iter=5000).fit(X, y)
    weights = {k: round(float(w), 5) for k, w in zip(names, lr.coef_[0])}
    weights["bias"] = round(weights.get("bias", 0.0) + float(lr.intercept_[0]), 5)
    print(f"calibration chosen: C {c:g}, threshold {t:g} (MWO F1 {best['MWO_F1']:.3f}, EPM F1 {best['EPM_F1']:.3f})")
    return {"weights": weights, "threshold": t, "C": c, "instances": len(rows), "positive": int(y.sum()),
            "label": "at least half of the instance's words inside one gold group",
            "cross_validation": table.to_dict(orient="records")}, table


def _grid(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--l2", default="3,10,30", help="L2 penalties to try (comma-separated)")
    ap.add_argument("--bias", default="0,0.1,0.2,0.3,0.4", help="decoding biases to try (comma-separated)")
    ap.add_argument("--calib-c", default="0.1,1,10", help="L2 settings C of the calibration to try")
    ap.add_argument("--calib-threshold", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.01",
                    help="calibration thresholds to try")
    ap.add_argument("--cv", type=int, default=5, help="folds of the cross-validation (0: no CV, first values)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--maxiter", type=int, default=500)
    ap.add_argument("--out", default=str(MODEL_FILE))
    args = ap.parse_args(argv)
    essays = pse.read_corpus(args.data, "training")
    l2s, biases = _grid(args.l2), _grid(args.bias)
    table = None
    calibration = None
    if args.cv:
        print(f"{args.cv}-fold cross-validation on {len(essays)} training essays")
        table, fits = cross_validate(essays, args.cv, l2s, biases, args.min_count, args.maxiter, args.jobs)
        best = table.loc[(table["MWO_F1"] + table["EPM_F1"]).idxmax()]
        l2, bias = float(best["l2"]), float(best["decode_bias"])
        print(f"chosen: l2 {l2:g}, decoding bias {bias:g} (MWO F1 {best['MWO_F1']:.3f}, EPM F1 {best['EPM_F1']:.3f})")
        fold_models = [to_json(*fits[(l2, k)][:2], {"decode_bias": bias}, fits[(l2, k)][3], fits[(l2, k)][2])
                       for k in range(args.cv)]
        inst = oof_instances(essays, fold_models, args.jobs)
        calibration, _ctable = calibrate(essays, inst, args.cv, _grid(args.calib_c), _grid(args.calib_threshold))
    else:
        l2, bias = l2s[0], biases[0]
    names, res, secs, n_lines = fit(essays, l2, args.min_count, args.maxiter)
    print(f"trained on {len(essays)} essays ({n_lines} lines, {len(names)} features) in {secs:.1f} s, "
          f"{res['iterations']} iterations, nll {res['nll']:.1f}")
    settings = {"l2": l2, "decode_bias": bias, "min_count": args.min_count, "maxiter": args.maxiter,
                "cv_folds": args.cv}
    data = to_json(names, res, settings, len(essays), n_lines,
                   table.to_dict(orient="records") if table is not None else None)
    if calibration is not None:
        data["calibration"] = calibration
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
