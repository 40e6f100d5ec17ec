"""Collocations: word pairs that co-occur more often than chance, scored by PMI and log-likelihood.

Candidate pairs
    Ordered pairs (w1, w2) where w2 follows w1 within ``window`` tokens (``window=1``: adjacent)
    inside the same clause; punctuation and whitespace tokens never form pairs. All candidate pairs
    of the text make up the sample of size N, and the marginals are f(w1, ·) (pairs with w1 first)
    and f(·, w2) (pairs with w2 second), as in Manning & Schütze (1999, ch. 5).

Contingency table of a pair (O11 = f(w1, w2))::

                 w2           not w2
    w1           O11          O12 = f(w1,·) − O11
    not w1       O21 = f(·,w2) − O11   O22 = N − O11 − O12 − O21

    E_ij = R_i · C_j / N (row and column totals).

Measures
    * **PMI** (pointwise mutual information, Church & Hanks 1990): ``log2(O11 / E11)`` =
      ``log2(O11 · N / (f(w1,·) · f(·,w2)))``. Favours rare pairs, hence ``min_freq``.
    * **Log-likelihood** G² (Dunning 1993): ``2 · Σ O_ij · ln(O_ij / E_ij)`` over the four cells
      (terms with O_ij = 0 count 0). Reported with ``direction`` +1 when O11 > E11 (attraction)
      and −1 otherwise; sorting by ``llr`` uses only attracted pairs first.

Stopwords
    Statistics are computed over all candidate pairs; with ``drop_stopwords`` pairs that contain a
    stopword are then left out of the *result* (they still count in N and the marginals), so the
    scores do not depend on the display filter. Numerals are handled the same way (``drop_num``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import as_tokens

MEASURES = ("llr", "pmi")


def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)
    return r


def pair_counts(df: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """Candidate pairs (first-token index ``i``, second ``j``) within ``window`` tokens in a clause."""
    clause = df["clause"].to_numpy(dtype="float64", na_value=np.nan)
    punct = df["is_punct"].to_numpy()
    n = len(df)
    ii, jj = [], []
    for d in range(1, window + 1):
        if n - d <= 0:
            break
        a = np.arange(n - d)
        ok = ~np.isnan(clause[:n - d]) & (clause[:n - d] == clause[d:]) & ~punct[:n - d] & ~punct[d:]
        ii.append(a[ok])
        jj.append(a[ok] + d)
    i = np.concatenate(ii) if ii else np.zeros(0, dtype=np.int64)
    j = np.concatenate(jj) if jj else np.zeros(0, dtype=np.int64)
    return pd.DataFrame({"i": i, "j": j})


def collocations(obj, *, window: int = 1, min_freq: int = 3, measure: str = "llr", drop_stopwords: bool = True,
                 drop_num: bool = True, top: int | None = None) -> pd.DataFrame:
    """Collocations of a Speech, text or token table: columns ``w1, w2, count, f1, f2, expected,
    pmi, llr, direction``, sorted by ``measure`` (``"llr"`` or ``"pmi"``), pairs with
    ``count >= min_freq`` only. See the module docstring for the formulas."""
    if measure not in MEASURES:
        raise ZhDiscourseError(f"unknown measure {measure!r}: use {' or '.join(MEASURES)}")
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise ZhDiscourseError("window must be a positive number of tokens")
    if not isinstance(min_freq, (int, np.integer)) or min_freq < 1:
        raise ZhDiscourseError("min_freq must be a positive integer")
    df = as_tokens(obj).reset_index(drop=True)
    cols = ["w1", "w2", "count", "f1", "f2", "expected", "pmi", "llr", "direction"]
    pairs = pair_counts(df, window)
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("w1", "w2") else "float64") for c in cols})
    tok = df["token"].to_numpy(dtype=object)
    pairs["w1"] = tok[pairs["i"].to_numpy()]
    pairs["w2"] = tok[pairs["j"].to_numpy()]
    N = float(len(pairs))
    joint = pairs.groupby(["w1", "w2"], sort=False).agg(count=("i", "size"), first=("i", "min")).reset_index()
    f1 = pairs.groupby("w1").size()
    f2 = pairs.groupby("w2").size()
    joint["f1"] = joint["w1"].map(f1).to_numpy()
    joint["f2"] = joint["w2"].map(f2).to_numpy()
    o11 = joint["count"].to_numpy(dtype=float)
    r1 = joint["f1"].to_numpy(dtype=float)
    c1 = joint["f2"].to_numpy(dtype=float)
    o12, o21 = r1 - o11, c1 - o11
    o22 = N - o11 - o12 - o21
    r2, c2 = N - r1, N - c1
    e11, e12, e21, e22 = r1 * c1 / N, r1 * c2 / N, r2 * c1 / N, r2 * c2 / N
    joint["expected"] = e11
    joint["pmi"] = np.log2(o11 / e11)
    joint["llr"] = 2.0 * (_xlogx_ratio(o11, e11) + _xlogx_ratio(o12, e12) + _xlogx_ratio(o21, e21)
                          + _xlogx_ratio(o22, e22))
    joint["direction"] = np.where(o11 > e11, 1, -1)
    out = joint[joint["count"] >= min_freq]
    if drop_stopwords or drop_num:
        flags = df.drop_duplicates("token").set_index("token")
        bad = pd.Series(False, index=flags.index)
        if drop_stopwords:
            bad |= flags["is_stop"]
        if drop_num:
            bad |= flags["is_num"]
        out = out[~out["w1"].map(bad).to_numpy(dtype=bool) & ~out["w2"].map(bad).to_numpy(dtype=bool)]
    if measure == "llr":
        out = out.assign(_attr=out["direction"] < 0).sort_values(
            ["_attr", "llr", "count", "first"], ascending=[True, False, False, True], kind="stable")
    else:
        out = out.sort_values(["pmi", "count", "first"], ascending=[False, False, True], kind="stable")
    if top is not None:
        out = out.head(top)
    out = out[cols].reset_index(drop=True)
    out["w1"] = out["w1"].astype("str")
    out["w2"] = out["w2"].astype("str")
    return out
