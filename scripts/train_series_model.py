"""Train the clause-level series tagger of zhdiscourse.patterns.parallelism on the PSE-I training split.

Reads the essays of ``--data`` (default ``../shared/data/pse`` next to the checkout: ``essays/*.xml``,
``splits.json``), uses the ``training`` split ONLY (286 essays), builds each essay's clauses and their
features from the essay text (the same code the detector runs on any text), labels the clauses from the
gold groups (a clause belongs to a member when at least half of it lies inside), fits the CRF
(:func:`zhdiscourse.patterns.parallelism.crf.train`, L-BFGS from zero: deterministic) and writes the
weights to ``src/zhdiscourse/patterns/parallelism/series_crf.json``.

``--holdout K`` trains on all but every K-th training essay and prints the four PSE metrics on the
held-out ones (for choosing settings without touching validation or optimization); nothing is written.

Run: ``.venv/bin/python scripts/train_series_model.py [--data DIR] [--l2 1.0] [--min-count 2] [--holdout 5]``.
The data is CC-BY-SA 4.0 (Bothwell et al. 2023; Song et al. 2016): so are the weights written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from zhdiscourse.patterns import pse  # noqa: E402
from zhdiscourse.patterns.parallelism import crf  # noqa: E402
from zhdiscourse.patterns.parallelism.clauses import clause_lines, line_features  # noqa: E402
from zhdiscourse.patterns.parallelism.model import MODEL_FILE, SeriesModel, encode, series  # noqa: E402

SEED = 13
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pse"


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
                m = [t for t, c in enumerate(line) if 2 * (min(b, c.end) - max(a, c.start)) >= (c.end - c.start)]
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


def to_json(names, res, args, n_essays, n_lines) -> dict:
    return {
        "model": "clause-level linear-chain CRF (zhdiscourse.patterns.parallelism.crf)",
        "labels": list(crf.LABELS),
        "licence": "CC-BY-SA-4.0",
        "attribution": ("Trained on the PSE-I essays of the Paibi Student Essays dataset (training split of "
                        "Bothwell et al. 2023, 'Introducing Rhetorical Parallelism Detection', EMNLP; data from "
                        "Song et al. 2016, 'Learning to Identify Sentence Parallelism in Student Essays', COLING), "
                        "CC-BY-SA 4.0."),
        "training": {"split": "training", "essays": n_essays, "lines": n_lines, "l2": args.l2,
                     "min_count": args.min_count, "maxiter": args.maxiter, "seed": SEED,
                     "nll": round(res["nll"], 3), "iterations": res["iterations"]},
        "features": names,
        "W": np.round(res["W"], 4).tolist(),
        "trans": np.round(res["trans"], 4).tolist(),
        "start": np.round(res["start"], 4).tolist(),
        "end": np.round(res["end"], 4).tolist(),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--maxiter", type=int, default=300)
    ap.add_argument("--holdout", type=int, default=0, help="hold out every K-th training essay; write nothing")
    ap.add_argument("--out", default=str(MODEL_FILE))
    args = ap.parse_args(argv)
    essays = pse.read_corpus(args.data, "training")
    if args.holdout:
        train = [e for i, e in enumerate(essays) if i % args.holdout]
        held = [e for i, e in enumerate(essays) if not i % args.holdout]
    else:
        train, held = essays, []
    names, res, secs, n_lines = fit(train, args.l2, args.min_count, args.maxiter)
    print(f"trained on {len(train)} essays ({n_lines} lines, {len(names)} features) in {secs:.1f} s, "
          f"{res['iterations']} iterations, nll {res['nll']:.1f}")
    data = to_json(names, res, args, len(train), n_lines)
    if held:
        model = SeriesModel(data)
        pairs = []
        for e in held:
            inst = [{"members": [{"start": a, "end": b} for a, b in s["members"]]} for s in series(e.text, model=model)]
            pairs.append((pse.instances_to_groups(e, inst), e.groups))
        print(f"held-out training essays ({len(held)}):")
        print(pse.evaluate(pairs).round(3).to_string(index=False))
        return 0
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
