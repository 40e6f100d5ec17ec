"""Keyness: which terms are over- (or under-) used in a target compared with a reference.

For each term the 2×2 contingency table is ::

                    target      reference     total
    term            a           b             a + b
    other terms     c = N1 − a  d = N2 − b    c + d
    total           N1          N2            N = N1 + N2

with expected frequencies ``E_ij = row_i × col_j / N``; in particular the term's expected
frequency in the target is ``E11 = N1 (a + b) / N`` and in the reference ``E12 = N2 (a + b) / N``.

Statistics (one row per term, :func:`keyness_table`)
    ``g2``        log-likelihood G² (Dunning 1993) over **all four cells**,
                  ``G² = 2 Σ_ij O_ij ln(O_ij / E_ij)`` with ``0 · ln 0 = 0``. This is the
                  "4-term" form used by AntConc and by quanteda's ``textstat_keyness(measure="lr")``
                  with ``correction="none"``; it is *not* Rayson's 2-term short-cut
                  ``2 (a ln(a/E11) + b ln(b/E12))`` (which ignores the "other terms" row). No
                  Williams correction is applied (quanteda applies one by default; AntConc does not).
    ``chi2``      Pearson's chi-square over the same table, ``Σ (O − E)² / E
                  = N (ad − bc)² / ((a+b)(c+d) N1 N2)``. **No Yates continuity correction** by default
                  (``yates=False``), so chi2 and G² are on the same footing; quanteda's default *does*
                  apply Yates to chi2 — pass ``yates=True`` to get ``N (max(0, |ad − bc| − N/2))² / …``.
    ``log_ratio`` Hardie's (2014) Log Ratio effect size, the binary log of the ratio of relative
                  frequencies ``log2((a / N1) / (b / N2))``; a zero frequency is replaced by
                  ``zero_adjust`` (0.5, as Hardie and CQPweb do) so the ratio is always finite.
                  +1 means twice as frequent in the target, −1 half as frequent.
    ``p_g2``, ``p_chi2``  upper tail of the χ² distribution with 1 degree of freedom
                  (``scipy.stats.chi2.sf``).
    ``p_adj``     ``p_g2`` corrected for multiple testing over all terms tested in this comparison:
                  **Benjamini–Hochberg** false discovery rate by default
                  (``scipy.stats.false_discovery_control(method="bh")``), or ``"bonferroni"``
                  (``min(1, m · p)``), or ``"none"``. ``significant`` is ``p_adj < alpha``.
    ``direction`` ``"+"`` when the term is relatively more frequent in the target (a > E11:
                  positive keyness), ``"-"`` when less frequent (negative keyness: key *against* the
                  target), ``"0"`` when equal. ``g2_signed`` carries that sign, like quanteda's
                  signed statistics, and tables are sorted by it (positive keys first, the strongest
                  negative keys last).

Minimum frequency
    Terms with ``a + b < min_freq`` (frequency in target and reference together) are not tested
    and do not count towards the multiple-testing correction. Using the combined frequency lets
    terms absent from the target (a = 0) appear as negative keys.

:func:`keyness_table` works on any two frequency Series (a speech against a reference corpus, one
part against the rest …); :func:`keyness` is the thin "each part against the rest" wrapper over a
token table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import ZhDiscourseError
from ..tokenize.table import content_tokens
from .weighting import documents

CORRECTIONS = ("bh", "bonferroni", "none")

COLUMNS = ["term", "freq", "freq_ref", "expected", "expected_ref", "per_1k", "per_1k_ref", "g2", "g2_signed",
           "chi2", "log_ratio", "p_g2", "p_chi2", "p_adj", "significant", "direction"]


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``O ln(O/E)`` element-wise with ``0 ln 0 = 0``."""
    o = np.asarray(o, dtype=float)
    e = np.asarray(e, dtype=float)
    out = np.zeros_like(o)
    pos = o > 0
    out[pos] = o[pos] * np.log(o[pos] / e[pos])
    return out


def _table(a, b, n1, n2):
    """The 2×2 table: term in target (a) and reference (b), other tokens (c, d), totals as floats."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n1, n2 = float(n1), float(n2)
    return a, b, n1 - a, n2 - b, n1, n2, n1 + n2


def g2_2x2(a, b, n1, n2) -> np.ndarray:
    """Dunning's log-likelihood G² over the full 2×2 table (see module docstring). Vectorised."""
    a, b, c, d, n1, n2, n = _table(a, b, n1, n2)
    e11, e12 = n1 * (a + b) / n, n2 * (a + b) / n
    e21, e22 = n1 * (c + d) / n, n2 * (c + d) / n
    return 2.0 * (_xlogx_over(a, e11) + _xlogx_over(b, e12) + _xlogx_over(c, e21) + _xlogx_over(d, e22))


def chi2_2x2(a, b, n1, n2, *, yates: bool = False) -> np.ndarray:
    """Pearson's chi-square over the 2×2 table, optionally with Yates' continuity correction."""
    a, b, c, d, n1, n2, n = _table(a, b, n1, n2)
    diff = np.abs(a * d - b * c)
    if yates:
        diff = np.maximum(0.0, diff - n / 2.0)
    denom = (a + b) * (c + d) * n1 * n2
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, n * diff ** 2 / denom, 0.0)
    return out


def log_ratio(a, b, n1, n2, *, zero_adjust: float = 0.5) -> np.ndarray:
    """Hardie's Log Ratio ``log2((a/N1)/(b/N2))``, zero frequencies replaced by ``zero_adjust``."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = np.where(a == 0, zero_adjust, a)
    b = np.where(b == 0, zero_adjust, b)
    return np.log2((a / float(n1)) / (b / float(n2)))


def adjust_pvalues(p, method: str = "bh") -> np.ndarray:
    """Multiple-testing correction: ``"bh"`` (Benjamini–Hochberg, via
    ``scipy.stats.false_discovery_control``), ``"bonferroni"`` or ``"none"``."""
    p = np.asarray(p, dtype=float)
    if method not in CORRECTIONS:
        raise ZhDiscourseError(f"unknown correction {method!r}: use {', '.join(CORRECTIONS)}")
    if p.size == 0 or method == "none":
        return p.copy()
    if method == "bh":
        return stats.false_discovery_control(p, method="bh")
    return np.minimum(1.0, p * p.size)


def keyness_table(target_counts: pd.Series, reference_counts: pd.Series, *, min_freq: int = 5,
                  correction: str = "bh", alpha: float = 0.05, yates: bool = False,
                  zero_adjust: float = 0.5, n_target: int | None = None,
                  n_reference: int | None = None) -> pd.DataFrame:
    """Keyness of every term of two frequency Series (index = term, value = count).

    ``N1``/``N2`` default to the sums of the two Series (pass ``n_target``/``n_reference`` if the
    Series are already filtered). Columns: ``term, freq, freq_ref, expected, expected_ref, per_1k,
    per_1k_ref, g2, g2_signed, chi2, log_ratio, p_g2, p_chi2, p_adj, significant, direction``
    (see the module docstring), sorted by ``g2_signed`` descending, then by term.
    """
    t = pd.Series(target_counts, dtype=float).groupby(level=0).sum()
    r = pd.Series(reference_counts, dtype=float).groupby(level=0).sum()
    if (t < 0).any() or (r < 0).any():
        raise ZhDiscourseError("frequencies must be non-negative")
    n1 = float(n_target if n_target is not None else t.sum())
    n2 = float(n_reference if n_reference is not None else r.sum())
    if n1 <= 0 or n2 <= 0:
        raise ZhDiscourseError("keyness needs tokens in both the target and the reference")
    terms = t.index.union(r.index)
    a = t.reindex(terms, fill_value=0.0)
    b = r.reindex(terms, fill_value=0.0)
    keep = (a + b) >= min_freq
    a, b = a[keep], b[keep]
    if len(a) == 0:
        return pd.DataFrame(columns=COLUMNS)
    av, bv = a.to_numpy(), b.to_numpy()
    n = n1 + n2
    e11 = n1 * (av + bv) / n
    e12 = n2 * (av + bv) / n
    g2 = g2_2x2(av, bv, n1, n2)
    chi = chi2_2x2(av, bv, n1, n2, yates=yates)
    sign = np.sign(av / n1 - bv / n2)
    p_g2 = stats.chi2.sf(g2, df=1)
    p_chi = stats.chi2.sf(chi, df=1)
    p_adj = adjust_pvalues(p_g2, correction)
    out = pd.DataFrame({
        "term": [str(x) for x in a.index],
        "freq": av.astype(int) if np.all(av == np.round(av)) else av,
        "freq_ref": bv.astype(int) if np.all(bv == np.round(bv)) else bv,
        "expected": e11,
        "expected_ref": e12,
        "per_1k": 1000.0 * av / n1,
        "per_1k_ref": 1000.0 * bv / n2,
        "g2": g2,
        "g2_signed": sign * g2,
        "chi2": chi,
        "log_ratio": log_ratio(av, bv, n1, n2, zero_adjust=zero_adjust),
        "p_g2": p_g2,
        "p_chi2": p_chi,
        "p_adj": p_adj,
        "significant": p_adj < alpha,
        "direction": np.where(sign > 0, "+", np.where(sign < 0, "-", "0")),
    })
    return out.sort_values(["g2_signed", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def term_counts(tokens: pd.DataFrame, *, content_only: bool = True) -> pd.Series:
    """Frequency Series (term → count) of a token table, content words only by default."""
    toks = content_tokens(tokens) if content_only else tokens
    return toks["token"].astype(str).value_counts().sort_index()


def keyness(tokens: pd.DataFrame, by: str = "section", *, target: str | None = None, speech=None,
            min_freq: int = 5, correction: str = "bh", alpha: float = 0.05, yates: bool = False,
            zero_adjust: float = 0.5, window: int = 5) -> pd.DataFrame:
    """Each unit (part by default) against the rest of the units, over content words.

    The reference of a unit is the union of the *other* units of the same kind (text outside every
    unit, such as a salutation before the first part, is in neither). ``target`` restricts the
    output to one unit. Returns :func:`keyness_table` columns preceded by ``doc``; the correction
    for multiple testing is applied separately within each unit's comparison.
    """
    docs = documents(tokens, by, speech=speech, window=window)
    if len(docs) < 2:
        raise ZhDiscourseError(f"keyness compares units against the rest; the text has only {len(docs)} "
                               f"{by}")
    labels = docs["doc"].tolist()
    if target is not None and str(target) not in labels:
        raise ZhDiscourseError(f"no {by} {target!r}; the text has: {', '.join(labels)}")
    counts = [pd.Series(toks, dtype=object).value_counts() for toks in docs["tokens"]]
    total = pd.concat(counts, axis=1).fillna(0).sum(axis=1)
    frames = []
    for label, c in zip(labels, counts):
        if target is not None and label != str(target):
            continue
        ref = total.sub(c, fill_value=0)
        ref = ref[ref > 0]
        kt = keyness_table(c, ref, min_freq=min_freq, correction=correction, alpha=alpha, yates=yates,
                           zero_adjust=zero_adjust)
        kt.insert(0, "doc", label)
        frames.append(kt)
    return pd.concat(frames, ignore_index=True)


def top_keywords(table: pd.DataFrame, n: int = 10, *, direction: str = "+",
                 significant_only: bool = False) -> pd.DataFrame:
    """The ``n`` strongest positive (``direction="+"``) or negative (``"-"``) keys per ``doc``
    (or overall when the table has no ``doc`` column), by G²."""
    t = table[table["direction"] == direction]
    if significant_only:
        t = t[t["significant"]]
    t = t.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    if "doc" in t.columns:
        order = list(dict.fromkeys(table["doc"]))
        return (t.groupby("doc", sort=False).head(n)
                .assign(_o=lambda x: x["doc"].map({d: i for i, d in enumerate(order)}))
                .sort_values(["_o", "g2"], ascending=[True, False], kind="stable").drop(columns="_o")
                .reset_index(drop=True))
    return t.head(n).reset_index(drop=True)
