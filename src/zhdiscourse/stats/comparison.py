"""Contrast two units (parts by default) term by term: the scattertext idea, as a table.

For every content word with ``count_a + count_b >= min_freq``:

``count_a, count_b``     occurrences in A and in B;
``per_1k_a, per_1k_b``   relative frequencies per 1,000 content tokens of A and of B (the axes of
                         :func:`zhdiscourse.plots.stats.contrast_scatter`);
``log_ratio``            Hardie's Log Ratio ``log2((a/N_A)/(b/N_B))`` with zero counts set to 0.5
                         (:func:`zhdiscourse.stats.keywords.log_ratio`); ``g2`` and ``p_adj`` are the
                         keyness of A against B (:func:`zhdiscourse.stats.keywords.keyness_table`, 4-term
                         G², Benjamini–Hochberg);
``scaled_f``             scattertext's balanced *scaled F-score* (Kessler 2017,
                         ``scattertext.termscoring.ScaledFScore``): for category A,
                         precision ``P(A|w) = a/(a+b)`` and frequency ``P(w|A) = a/N_A`` are each mapped
                         to [0, 1] by the normal CDF with their own mean and standard deviation over
                         the terms, and combined by the harmonic mean (F with β = 1). The same is done
                         for B; the score is ``+F_A`` when ``F_A > F_B``, ``−F_B`` when ``F_B > F_A``,
                         so it runs from −1 (typical of B) to +1 (typical of A). (scattertext then
                         min-max squashes this to [0, 1]; we keep the signed value.)
``label``                ``"A"``/``"B"`` for the ``top`` most distinctive terms of each side (by
                         ``scaled_f``, ties by count), else empty.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from .keywords import keyness_table, log_ratio
from ..text.model import UNIT_NAMES
from .weighting import documents


def _normcdf(x: np.ndarray) -> np.ndarray:
    sd = x.std()
    if not np.isfinite(sd) or sd == 0:
        return np.full(len(x), 0.5)
    from scipy.stats import norm

    return norm.cdf(x, x.mean(), sd)


def scaled_f_scores(count_a, count_b, *, beta: float = 1.0) -> np.ndarray:
    """Balanced scaled F-scores in [−1, 1] (see the module docstring) for aligned count arrays."""
    a = np.asarray(count_a, dtype=float)
    b = np.asarray(count_b, dtype=float)
    if len(a) == 0:
        return np.array([])

    def one_side(x, y):
        with np.errstate(divide="ignore", invalid="ignore"):
            precision = np.where(x + y > 0, x / (x + y), 0.0)
        recall = x / x.sum() if x.sum() > 0 else np.zeros_like(x)
        p, r = _normcdf(precision), _normcdf(recall)
        with np.errstate(divide="ignore", invalid="ignore"):
            f = (1 + beta ** 2) * p * r / (beta ** 2 * p + r)
        return np.nan_to_num(f)

    fa, fb = one_side(a, b), one_side(b, a)
    return np.where(fa > fb, fa, np.where(fb > fa, -fb, 0.0))


def contrast(tokens: pd.DataFrame, a: str, b: str, by: str = "section", *, speech=None, min_freq: int = 3,
             top: int = 15, window: int = 5) -> pd.DataFrame:
    """Term-by-term contrast of unit ``a`` against unit ``b`` (see the module docstring).

    Sorted by ``scaled_f`` descending (A's most typical terms first, B's last), ties by term.
    """
    docs = documents(tokens, by, speech=speech, window=window)
    labels = docs["doc"].tolist()
    a, b = str(a), str(b)
    for x in (a, b):
        if x not in labels:
            raise ZhDiscourseError(f"no {by} {x!r} in the text; it has {UNIT_NAMES[by]}: {', '.join(labels[:30])}")
    if a == b:
        raise ZhDiscourseError("contrast needs two different units")
    ca = pd.Series(docs.loc[docs["doc"] == a, "tokens"].iloc[0], dtype=object).value_counts()
    cb = pd.Series(docs.loc[docs["doc"] == b, "tokens"].iloc[0], dtype=object).value_counts()
    na, nb = float(ca.sum()), float(cb.sum())
    terms = ca.index.union(cb.index)
    A = ca.reindex(terms, fill_value=0).astype(float)
    B = cb.reindex(terms, fill_value=0).astype(float)
    keep = (A + B) >= min_freq
    A, B = A[keep], B[keep]
    kt = keyness_table(A, B, min_freq=0, n_target=na, n_reference=nb).set_index("term")
    out = pd.DataFrame({
        "term": [str(t) for t in A.index],
        "count_a": A.to_numpy().astype(int),
        "count_b": B.to_numpy().astype(int),
        "per_1k_a": 1000.0 * A.to_numpy() / na,
        "per_1k_b": 1000.0 * B.to_numpy() / nb,
        "log_ratio": log_ratio(A.to_numpy(), B.to_numpy(), na, nb),
        "scaled_f": scaled_f_scores(A.to_numpy(), B.to_numpy()),
    })
    out["g2"] = out["term"].map(kt["g2"]).astype(float)
    out["p_adj"] = out["term"].map(kt["p_adj"]).astype(float)
    out["a"], out["b"] = a, b
    out["label"] = ""
    side_a = out[out["scaled_f"] > 0].sort_values(["scaled_f", "count_a", "term"], ascending=[False, False, True])
    side_b = out[out["scaled_f"] < 0].sort_values(["scaled_f", "count_b", "term"], ascending=[True, False, True])
    out.loc[side_a.index[:top], "label"] = "A"
    out.loc[side_b.index[:top], "label"] = "B"
    out = out.sort_values(["scaled_f", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[["a", "b", "term", "count_a", "count_b", "per_1k_a", "per_1k_b", "log_ratio", "scaled_f", "g2",
                "p_adj", "label"]]
