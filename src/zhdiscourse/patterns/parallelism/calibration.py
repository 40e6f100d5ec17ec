"""Calibrated confidence of series-level instances, learned on the PSE-I essays (training split only).

An instance whose members are clauses or sentences (levels ``clauses``, ``segments``, ``sentences``: the
granularity at which PSE-I annotates parallelism) gets ``confidence``: the probability, from a logistic
model over the instance's features (:func:`features`), that the essays' annotators mark it as a
parallelism group (at least half of its words inside one annotated group). The model and the threshold
that turns it into a decision (``confident``; the tagger's own series count as confident whatever
their probability) are fitted by ``scripts/train_series_model.py`` on the
training split of PSE-I by cross-validation: the tagger of each fold reads the essays it was not
trained on, the logistic model is fitted on those out-of-fold instances, and the threshold (and the
model's L2 penalty) is the one whose out-of-fold *series reading* (:func:`~.detector.series_reading`)
scores the highest MWO F1 + EPM F1. The weights ship in ``series_crf.json`` (key ``calibration``), under
the data's licence (CC-BY-SA 4.0).

What the confidence is *not*: a probability that the instance is a rhetorical figure. PSE-I's annotators
mark the salient series of an essay and leave many parallel pairs unmarked, so the model learns
mostly whether the learned tagger confirms the instance. On political prose the rhetorical classes
(``排比`` / ``对偶``) are what the hand checks judge; the confidence says how an essay annotator would
read the instance. Phrase-level instances (``items``, ``compact``) get ``None``: the essays annotate no
parallelism inside one clause.

Features: the tagger's support (its probability that the instance's clauses lie in a series, and its
square), whether the tagger found the same series (``confirmed``) and its posterior score, the source
family (``rules``, ``forms:F1``–``F8``, ``model``), the level, the kind, the number of members (2, 3, 4,
5 or more), the structural similarity of neighbouring members (length ratio, part-of-speech alignment,
frame share) and the log of the mean member length.
"""

from __future__ import annotations

import math

from ...errors import ZhDiscourseError

#: Levels whose instances get a confidence (the tagger's and PSE-I's granularity).
SERIES_LEVELS = ("clauses", "segments", "sentences")


def features(inst: dict, structure: dict, model_score: float | None) -> dict[str, float]:
    """The calibration features of one instance (``structure``: :func:`~.detector.structure` of its
    members; ``model_score``: the tagger's posterior score when it found the same series)."""
    src = inst["source"]
    family = "model" if src == "model" else src.split("+")[0]
    support = float(inst.get("support") or 0.0)
    n = len(inst["members"])
    mean_len = sum(m["end"] - m["start"] for m in inst["members"]) / max(1, n)
    return {
        "bias": 1.0,
        "support": support,
        "support2": support * support,
        "confirmed": float("model" in src),
        "model_score": float(model_score or 0.0),
        f"source={family}": 1.0,
        f"level={inst['level']}": 1.0,
        f"kind={inst['kind']}": 1.0,
        f"members={min(n, 5)}": 1.0,
        "length_ratio": float(structure["length_ratio"]),
        "pos_alignment": float(structure["pos_alignment"]),
        "frame_share": float(structure["frame_share"]),
        "log_length": math.log(max(1.0, mean_len)),
    }


class Calibration:
    """A fitted logistic model: ``weights`` by feature name, and the decision ``threshold``."""

    def __init__(self, data: dict):
        try:
            self.weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
            self.threshold = float(data["threshold"])
        except (KeyError, TypeError, ValueError) as e:
            raise ZhDiscourseError(f"not a calibration: {e}") from None
        self.meta = {k: v for k, v in data.items() if k not in ("weights",)}

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def to_dict(self) -> dict:
        return {"weights": self.weights, **self.meta, "threshold": self.threshold}
