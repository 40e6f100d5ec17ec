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

Fisher's exact test (``fisher=True`` or ``test="fisher"``)
    ``p_fisher`` is the two-sided p-value of Fisher's exact test on the same 2×2 table
    (``scipy.stats.fisher_exact``: the probability, under the hypergeometric distribution with the
    table's margins fixed, of a table at most as probable as the observed one). It needs no
    large-sample approximation, so it is valid where the χ² approximation of G² is not (small
    expected counts). ``test`` chooses which p-value enters the correction: ``"g2"`` (default,
    ``p_g2``) or ``"fisher"`` (``p_fisher``). ``attrs["test"]`` records it.

Expected-count floor (``min_expected``)
    The χ²₁ distribution of G² (and of chi2) is a large-sample approximation; the usual rule asks
    for an expected count of at least 5 in every cell. ``low_expected`` flags the terms whose
    smaller expected count, ``min(E11, E12)``, is below ``min_expected`` (the "other terms" cells are
    always large). With ``test="g2"`` those terms are **not tested**: ``p_adj`` is NaN,
    ``significant`` is False and they do not count in the correction. With ``test="fisher"`` they
    are tested (the exact test is valid at any count) and only flagged. ``min_expected=None``
    (default) sets no floor. With a part of a few hundred words against the rest of a speech, a
    floor of 5 leaves only the frequent terms to G², so use ``test="fisher"`` with it.

Correction family (:func:`keyness`, ``family``)
    ``"unit"`` (default): one family per unit's comparison (the terms tested for that unit);
    ``"pooled"``: one family of *all* (unit, term) tests of the call, so the false discovery rate
    holds for the whole table. ``attrs`` records ``family``, ``correction``, ``test``,
    ``n_tests`` (tests in all families) and ``families`` (unit → tests in its family; one entry
    ``"all"`` when pooled).

Concentration within the target (:func:`keyness`, ``dispersion=True``)
    G² and Fisher's test treat every token as an independent draw; occurrences that cluster in one
    sentence or one sub-point are not independent, and a term can be "key" for a part only because
    one passage of it repeats the word. For each row (unit, term with ``freq`` ≥ 1), over the
    term's occurrences *inside the target unit*:

    * ``n_sentences`` — sentences of the unit containing the term; ``top_sentence_share`` — share
      of its occurrences in the sentence that has most of them;
    * sub-units: the unit's segments (sub-points, preamble; :func:`zhdiscourse.tokenize.units.segment_labels`)
      when the units are parts, its sentences when the units are segments, sub-points or windows
      (none for sentences); ``top_subunit``, ``top_subunit_share`` (share of the occurrences in the
      sub-unit with most of them), ``top_subunit_size`` (that sub-unit's share of the unit's tokens)
      and ``dp_within`` (Gries' DP of the term over the sub-units, :mod:`zhdiscourse.stats.spread`);
    * ``p_concentration`` — how surprising the top sub-unit's count is if the occurrences fell into
      the sub-units in proportion to their size: for each sub-unit i with k_i of the a occurrences
      and size share s_i, ``P(X ≥ k_i)`` with ``X ~ Binomial(a, s_i)``; the smallest of these times
      the number of sub-units (Bonferroni for picking the top one), capped at 1;
    * ``concentrated`` — ``top_sentence_share > 0.5`` (more than half the occurrences in one
      sentence, with at least 2 occurrences) or ``p_concentration < 0.05``. A concentrated key word
      is a fact about one passage, not about the whole unit: report it as such.

Defaults of :func:`keyness` (the table to cite)
    ``family="pooled"``, ``test="fisher"``, ``min_expected=5`` and ``dispersion=True``
    (:data:`FAMILY`, :data:`TEST`, :data:`MIN_EXPECTED`): one false-discovery family for the whole
    table, an exact test (part-level expected counts are mostly below 5), low expected counts
    flagged, and key words that rest on one passage flagged. :func:`zhdiscourse.stats.reference.reference_keyness`
    uses the same test and floor. The earlier tables are ``family="unit", test="g2",
    min_expected=None, dispersion=False``. :func:`keyness_table`, the building block for any two
    frequency lists, keeps ``test="g2"`` and no floor unless told otherwise.

:func:`keyness_table` works on any two frequency Series (a speech against a reference corpus, one
part against the rest …); :func:`keyness` is the thin "each part against the rest" wrapper over a
token table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import content_tokens
from ..tokenize.units import segment_labels
from .weighting import documents


class _LazyStats:
    """``scipy.stats``, imported on first use (it costs about 0.5 s and 40 MB at start-up)."""

    def __getattr__(self, name):
        from scipy import stats as _stats

        return getattr(_stats, name)


stats = _LazyStats()

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


TESTS = ("g2", "fisher")


def fisher_2x2(a, b, n1, n2) -> np.ndarray:
    """Two-sided p-value of Fisher's exact test for each 2×2 table ``[[a, b], [n1 − a, n2 − b]]``.

    Vectorised over the tables, with exactly the p-values of ``scipy.stats.fisher_exact(table,
    alternative="two-sided")`` (bit for bit: ``tests/stats/test_fisher_vectorised.py``): scipy's own
    algorithm — the sum of the hypergeometric probabilities of the tables at most ``1 + 1e-14`` times
    as probable as the observed one, found by a binary search on the far side of the mode — run on
    arrays (``scipy.stats.hypergeom``) instead of one call per table. Counts are rounded to integers;
    a table with an empty row or column has p = 1.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    shape = a.shape
    a, b = a.ravel(), b.ravel()
    c00 = np.round(a).astype(np.int64)
    c01 = np.round(b).astype(np.int64)
    c10 = np.round(float(n1) - a).astype(np.int64)
    c11 = np.round(float(n2) - b).astype(np.int64)
    if (c00 < 0).any() or (c01 < 0).any() or (c10 < 0).any() or (c11 < 0).any():
        raise ValueError("All values in `table` must be nonnegative.")
    out = np.ones(a.shape, dtype=float)
    # scipy's names: the hypergeometric population M = r0 + r1, r0 successes (the term's row), col0 draws
    r0, r1, col0, col1 = c00 + c01, c10 + c11, c00 + c10, c01 + c11
    live = np.flatnonzero((r0 > 0) & (r1 > 0) & (col0 > 0) & (col1 > 0))
    if live.size:
        # each distinct table once (a keyness table repeats the same few counts for thousands of rare terms;
        # every step below is per table, so the p-values are the same as table by table)
        tables = np.stack([c00[live], r0[live], r0[live] + r1[live], col0[live]], axis=1)
        distinct, inverse = np.unique(tables, axis=0, return_inverse=True)
        p = _fisher_two_sided(distinct[:, 0], distinct[:, 1], distinct[:, 2], distinct[:, 3])
        out[live] = p[np.asarray(inverse).ravel()]
    return out.reshape(shape)


_FISHER_GAMMA = 1 + 1e-14  # scipy.stats.fisher_exact's relative tolerance for "as probable as"


def _fisher_two_sided(x: np.ndarray, good: np.ndarray, total: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """``scipy.stats.fisher_exact``'s two-sided branch (scipy 1.17) on arrays of tables with no empty margin:
    ``x`` observed, ``hypergeom(total, good, draws)``."""
    hg = stats.hypergeom

    def pmf(k, i):
        return hg.pmf(k, total[i], good[i], draws[i])

    every = np.arange(x.size)
    p = np.ones(x.size, dtype=float)
    mode = ((draws + 1) * (good + 1) / (total + 2)).astype(np.int64)
    pexact = pmf(x, every)
    pmode = pmf(mode, every)
    with np.errstate(divide="ignore", invalid="ignore"):
        at_mode = np.abs(pexact - pmode) / np.maximum(pexact, pmode) <= 1e-14
    bound = pexact * _FISHER_GAMMA
    lower = np.flatnonzero(~at_mode & (x < mode))
    if lower.size:
        i = lower
        plower = hg.cdf(x[i], total[i], good[i], draws[i])
        one_tail = pmf(draws[i], i) > bound[i]
        p[i[one_tail]] = plower[one_tail]
        j = i[~one_tail]
        if j.size:
            guess = _binary_search(lambda k, jj: -pmf(k, jj), -bound[j], mode[j], draws[j], j)
            p[j] = plower[~one_tail] + hg.sf(guess, total[j], good[j], draws[j])
    upper = np.flatnonzero(~at_mode & (x >= mode))
    if upper.size:
        i = upper
        pupper = hg.sf(x[i] - 1, total[i], good[i], draws[i])
        one_tail = pmf(np.zeros(i.size, dtype=np.int64), i) > bound[i]
        p[i[one_tail]] = pupper[one_tail]
        j = i[~one_tail]
        if j.size:
            guess = _binary_search(pmf, bound[j], np.zeros(j.size, dtype=np.int64), mode[j], j)
            p[j] = pupper[~one_tail] + hg.cdf(guess, total[j], good[j], draws[j])
    return np.where(p > 1.0, 1.0, p)


def _binary_search(f, d: np.ndarray, lo: np.ndarray, hi: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """scipy's ``_binary_search_for_binom_tst`` on many searches at once: for each search, the ``i`` in
    ``[lo, hi]`` with ``f(i) <= d < f(i + 1)`` (``f`` ascending there); ``f(k, rows)`` evaluates the
    searches ``rows`` at ``k``. Same steps as scipy's loop, its early exit on equality included."""
    lo, hi = lo.copy(), hi.copy()
    found = np.zeros(lo.size, dtype=bool)
    result = np.empty(lo.size, dtype=np.int64)
    active = np.flatnonzero(lo < hi)
    while active.size:
        mid = lo[active] + (hi[active] - lo[active]) // 2
        midval = f(mid, rows[active])
        less, more = midval < d[active], midval > d[active]
        lo[active[less]] = mid[less] + 1
        hi[active[more]] = mid[more] - 1
        hit = ~less & ~more
        result[active[hit]] = mid[hit]
        found[active[hit]] = True
        active = active[~hit]
        active = active[lo[active] < hi[active]]
    rest = np.flatnonzero(~found)
    if rest.size:
        low = lo[rest]
        result[rest] = np.where(f(low, rows[rest]) <= d[rest], low, low - 1)
    return result


def _check_options(correction: str, test: str) -> None:
    if correction not in CORRECTIONS:
        raise ZhDiscourseError(f"unknown correction {correction!r}: use {', '.join(CORRECTIONS)}")
    if test not in TESTS:
        raise ZhDiscourseError(f"unknown test {test!r}: use {', '.join(TESTS)}")


def _tested_p(table: pd.DataFrame, test: str, min_expected: float | None) -> pd.Series:
    """The p-value each row contributes to the correction; NaN for rows not tested (G² below the floor)."""
    p = table["p_fisher"] if test == "fisher" else table["p_g2"]
    if test == "g2" and min_expected is not None:
        p = p.where(~table["low_expected"])
    return p


def _apply_correction(table: pd.DataFrame, p: pd.Series, correction: str, alpha: float) -> None:
    """Write ``p_adj`` and ``significant`` of ``table`` in place: one family = the non-NaN ``p``."""
    tested = p.notna().to_numpy()
    adj = np.full(len(table), np.nan)
    adj[tested] = adjust_pvalues(p.to_numpy()[tested], correction)
    table["p_adj"] = adj
    table["significant"] = np.where(tested, adj < alpha, False).astype(bool)


def keyness_table(target_counts: pd.Series, reference_counts: pd.Series, *, min_freq: int = 5,
                  correction: str = "bh", alpha: float = 0.05, yates: bool = False,
                  zero_adjust: float = 0.5, n_target: int | None = None,
                  n_reference: int | None = None, test: str = "g2", fisher: bool = False,
                  min_expected: float | None = None) -> pd.DataFrame:
    """Keyness of every term of two frequency Series (index = term, value = count).

    ``N1``/``N2`` default to the sums of the two Series (pass ``n_target``/``n_reference`` if the
    Series are already filtered). Columns: ``term, freq, freq_ref, expected, expected_ref, per_1k,
    per_1k_ref, g2, g2_signed, chi2, log_ratio, p_g2, p_chi2, p_adj, significant, direction``
    (see the module docstring), sorted by ``g2_signed`` descending, then by term; with
    ``fisher=True`` or ``test="fisher"`` also ``p_fisher``, with ``min_expected`` also
    ``low_expected``. ``test`` picks the p-value that is corrected (``"g2"`` or ``"fisher"``);
    ``attrs`` records ``test``, ``correction``, ``min_expected``, ``min_freq`` and ``n_tests``.
    """
    _check_options(correction, test)
    t = pd.Series(target_counts, dtype=float).groupby(level=0).sum()
    r = pd.Series(reference_counts, dtype=float).groupby(level=0).sum()
    if (t < 0).any() or (r < 0).any():
        raise ZhDiscourseError("frequencies must be non-negative")
    n1 = float(n_target if n_target is not None else t.sum())
    n2 = float(n_reference if n_reference is not None else r.sum())
    if n1 <= 0 or n2 <= 0:
        raise ZhDiscourseError("keyness needs tokens in both the target and the reference")
    with_fisher = fisher or test == "fisher"
    columns = list(COLUMNS)
    if with_fisher:
        columns.insert(columns.index("p_chi2") + 1, "p_fisher")
    if min_expected is not None:
        columns.append("low_expected")
    terms = t.index.union(r.index)
    a = t.reindex(terms, fill_value=0.0)
    b = r.reindex(terms, fill_value=0.0)
    keep = (a + b) >= min_freq
    a, b = a[keep], b[keep]
    if len(a) == 0:
        out = pd.DataFrame(columns=columns)
        out.attrs = {"test": test, "correction": correction, "min_expected": min_expected,
                     "min_freq": min_freq, "n_tests": 0}
        return out
    av, bv = a.to_numpy(), b.to_numpy()
    n = n1 + n2
    e11 = n1 * (av + bv) / n
    e12 = n2 * (av + bv) / n
    g2 = g2_2x2(av, bv, n1, n2)
    chi = chi2_2x2(av, bv, n1, n2, yates=yates)
    sign = np.sign(av / n1 - bv / n2)
    p_g2 = stats.chi2.sf(g2, df=1)
    p_chi = stats.chi2.sf(chi, df=1)
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
        "p_adj": np.nan,
        "significant": False,
        "direction": np.where(sign > 0, "+", np.where(sign < 0, "-", "0")),
    })
    if with_fisher:
        out["p_fisher"] = fisher_2x2(av, bv, n1, n2)
    if min_expected is not None:
        out["low_expected"] = np.minimum(e11, e12) < float(min_expected)
    p = _tested_p(out, test, min_expected)
    _apply_correction(out, p, correction, alpha)
    out = out[columns]
    out = out.sort_values(["g2_signed", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs = {"test": test, "correction": correction, "min_expected": min_expected, "min_freq": min_freq,
                 "n_tests": int(p.notna().sum())}
    return out


def term_counts(tokens: pd.DataFrame, *, content_only: bool = True) -> pd.Series:
    """Frequency Series (term → count) of a token table, content words only by default."""
    toks = content_tokens(tokens) if content_only else tokens
    return toks["token"].astype(str).value_counts().sort_index()


FAMILIES = ("unit", "pooled")
#: Default correction family, test and expected-count floor of :func:`keyness` and of
#: :func:`zhdiscourse.stats.reference.reference_keyness` (module docstring).
FAMILY = "pooled"
TEST = "fisher"
MIN_EXPECTED = 5.0
#: More than this share of a term's occurrences in one sentence makes it ``concentrated``.
MAX_SENTENCE_SHARE = 0.5
#: ``p_concentration`` below this makes a term ``concentrated``.
CONCENTRATION_ALPHA = 0.05
DISPERSION_COLUMNS = ["n_sentences", "top_sentence_share", "top_subunit", "top_subunit_share", "top_subunit_size",
                      "dp_within", "p_concentration", "concentrated"]


def keyness(tokens: pd.DataFrame, by: str = "section", *, target: str | None = None, speech=None,
            min_freq: int = 5, correction: str = "bh", alpha: float = 0.05, yates: bool = False,
            zero_adjust: float = 0.5, window: int = 5, family: str = FAMILY, test: str = TEST,
            fisher: bool = False, min_expected: float | None = MIN_EXPECTED,
            dispersion: bool = True) -> pd.DataFrame:
    """Each unit (part by default) against the rest of the units, over content words.

    The reference of a unit is the union of the *other* units of the same kind (text outside every
    unit, such as a salutation before the first part, is in neither). ``target`` restricts the
    output to one unit (with ``family="pooled"`` the family still holds every unit's tests).
    Returns :func:`keyness_table` columns preceded by ``doc``.

    ``family`` says over which tests the correction runs: ``"pooled"`` (default) over all (unit, term)
    tests of the table, ``"unit"`` within each unit's comparison (module docstring). ``test``,
    ``fisher`` and ``min_expected`` are those of :func:`keyness_table` (defaults: Fisher's exact
    test, floor 5, flagged only); ``dispersion=True`` (default) adds the concentration columns
    (``n_sentences … concentrated``, module docstring). ``attrs``: ``by``,
    ``family``, ``correction``, ``test``, ``min_expected``, ``min_freq``, ``n_tests``, ``families``.
    """
    if family not in FAMILIES:
        raise ZhDiscourseError(f"unknown family {family!r}: use {', '.join(FAMILIES)}")
    _check_options(correction, test)
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
        if target is not None and label != str(target) and family == "unit":
            continue
        ref = total.sub(c, fill_value=0)
        ref = ref[ref > 0]
        kt = keyness_table(c, ref, min_freq=min_freq, correction=correction, alpha=alpha, yates=yates,
                           zero_adjust=zero_adjust, test=test, fisher=fisher, min_expected=min_expected)
        families = {label: kt.attrs["n_tests"]}
        kt.insert(0, "doc", label)
        kt.attrs = {"families": families}
        frames.append(kt)
    out = pd.concat(frames, ignore_index=True)
    families = {k: v for f in frames for k, v in f.attrs["families"].items()}
    if family == "pooled":
        p = _tested_p(out, test, min_expected)
        _apply_correction(out, p, correction, alpha)
        families = {"all": int(p.notna().sum())}
    if target is not None:
        out = out[out["doc"] == str(target)].reset_index(drop=True)
    if dispersion:
        out = _with_concentration(out, tokens, docs, by, speech)
    out.attrs = {"by": by, "family": family, "correction": correction, "test": test, "min_expected": min_expected,
                 "min_freq": min_freq, "n_tests": int(sum(families.values())), "families": families}
    return out


def _subunit_labels(toks: pd.DataFrame, by: str) -> pd.Series | None:
    """The sub-unit of each content token for the concentration check (module docstring)."""
    if by == "section":
        return segment_labels(toks)
    if by in ("segment", "subsection", "window"):
        return toks["sentence"]
    return None


def _with_concentration(table: pd.DataFrame, tokens: pd.DataFrame, docs: pd.DataFrame, by: str,
                        speech) -> pd.DataFrame:
    """Add :data:`DISPERSION_COLUMNS` to a :func:`keyness` table (see the module docstring).

    Computed per unit for all its terms at once: the term of every token of the unit is looked up once,
    occurrences are counted per (term, sentence) and per (term, sub-unit) in one pass, and the binomial
    tails of all terms and sub-units are one array call. The columns are filled as arrays (a row that
    gets no value keeps :func:`_no_concentration`'s)."""
    if table.empty:
        return pd.concat([table, pd.DataFrame([], columns=DISPERSION_COLUMNS, index=table.index)], axis=1)
    toks = content_tokens(tokens)
    sub_all = _subunit_labels(toks, by)
    words = toks["token"].astype(str).to_numpy(dtype=object)
    sentences = toks["sentence"].to_numpy()
    labels = _unit_labels(toks, by)
    cols = _empty_concentration(len(table))
    doc_col = table["doc"].to_numpy(dtype=object)
    term_col = table["term"].to_numpy(dtype=object)
    freq_col = table["freq"].to_numpy()
    for doc in dict.fromkeys(doc_col):
        at = np.flatnonzero(doc_col == doc)
        want = at[freq_col[at] > 0]
        if want.size:
            mask = _unit_mask(toks, docs, by, doc, speech, labels)
            subs = sub_all.loc[mask] if sub_all is not None else None
            inside = mask.to_numpy(dtype=bool)
            found = _unit_concentration(words[inside], sentences[inside], subs, term_col[want])
            for c in DISPERSION_COLUMNS:
                cols[c][want] = found[c]
    extra = pd.DataFrame({c: list(cols[c]) if c == "top_subunit" else cols[c] for c in DISPERSION_COLUMNS},
                         index=table.index)
    return pd.concat([table, extra], axis=1)


def _empty_concentration(n: int) -> dict[str, np.ndarray]:
    """The concentration columns of ``n`` rows, each row :func:`_no_concentration`."""
    empty = _no_concentration()
    out = {}
    for c in DISPERSION_COLUMNS:
        v = empty[c]
        if c == "top_subunit":
            out[c] = np.full(n, v, dtype=object)
        elif isinstance(v, bool):
            out[c] = np.full(n, v, dtype=bool)
        elif isinstance(v, int):
            out[c] = np.full(n, v, dtype=np.int64)
        else:
            out[c] = np.full(n, v, dtype=float)
    return out


def _unit_concentration(words: np.ndarray, sentences: np.ndarray, subs: pd.Series | None,
                        terms: np.ndarray) -> dict[str, np.ndarray]:
    """The concentration columns (module docstring) of each of ``terms`` within one unit, given the
    unit's content tokens (``words``), their sentences and their sub-units: one array per column of
    :data:`DISPERSION_COLUMNS`, in the order of ``terms`` (a term absent from the unit gets
    :func:`_no_concentration`'s values)."""
    vocab = pd.Index(pd.unique(terms))
    row_of = vocab.get_indexer(terms)
    code = vocab.get_indexer(words)  # -1: a token that is none of the terms
    hit = code >= 0
    tc = code[hit]
    a = np.bincount(tc, minlength=len(vocab))
    # occurrences per (term, sentence): sentences holding the term and the largest count in one of them
    sent = pd.Series(sentences[hit])
    known = sent.notna().to_numpy()
    pairs = pd.DataFrame({"t": tc[known], "s": sent[known].to_numpy()}).groupby(["t", "s"], sort=False).size()
    per = pairs.groupby(level=0).agg(["size", "max"]) if len(pairs) else pd.DataFrame(columns=["size", "max"])
    n_sent = per["size"].reindex(range(len(vocab)), fill_value=0).to_numpy()
    top_sent = per["max"].reindex(range(len(vocab))).to_numpy(dtype=float)
    sizes = subs.value_counts() if subs is not None else None
    by_sub = sizes is not None and len(sizes) >= 2
    present = a > 0
    cols = _empty_concentration(len(vocab))
    v = np.flatnonzero(present)
    n = a[v]
    cols["n_sentences"][v] = n_sent[v]
    cols["top_sentence_share"][v] = top_sent[v] / n
    if by_sub:
        n_sub = len(sizes)
        scode = sizes.index.get_indexer(subs.to_numpy()[hit])  # -1: no sub-unit (not counted, as value_counts)
        ok = scode >= 0
        k = np.bincount(tc[ok] * n_sub + scode[ok], minlength=len(vocab) * n_sub).reshape(len(vocab), n_sub)
        k = k[present].astype(float)
        share = sizes.to_numpy(float) / float(sizes.sum())
        ap = a[present]
        top = np.argmax(k, axis=1)
        tail = stats.binom.sf(k - 1, ap[:, None], share[None, :])  # P(X >= k_i), X ~ Binomial(a, s_i)
        tail = np.where(k > 0, tail, 1.0)
        p_conc = tail.min(axis=1) * n_sub
        p_conc = np.where(p_conc < 1.0, p_conc, 1.0)
        top_k = k[np.arange(len(k)), top]
        dp = 0.5 * np.abs(k / ap[:, None] - share).sum(axis=1)
        names = np.array([str(x) for x in sizes.index], dtype=object)
        cols["top_subunit"][v] = names[top]
        cols["top_subunit_share"][v] = top_k / n
        cols["top_subunit_size"][v] = share[top]
        cols["dp_within"][v] = dp
        cols["p_concentration"][v] = p_conc
    pc = cols["p_concentration"][v]
    cols["concentrated"][v] = (((n >= 2) & (cols["top_sentence_share"][v] > MAX_SENTENCE_SHARE))
                               | (~np.isnan(pc) & (pc < CONCENTRATION_ALPHA)))
    return {c: col[row_of] for c, col in cols.items()}


def _unit_labels(toks: pd.DataFrame, by: str) -> pd.Series | None:
    """The unit label of every content token (``None`` for windows, which are spans)."""
    if by == "segment":
        return segment_labels(toks)
    if by in ("section", "subsection"):
        return toks[by].astype(str)
    if by == "sentence":
        return toks["sentence"].astype("Int64").astype(str)
    return None


def _unit_mask(toks: pd.DataFrame, docs: pd.DataFrame, by: str, doc: str, speech,
               labels: pd.Series | None = None) -> pd.Series:
    """Content tokens of the unit ``doc``, grouped as :func:`zhdiscourse.tokenize.units.documents` does
    (``labels``: :func:`_unit_labels`, when already computed)."""
    if by != "window":
        return (labels if labels is not None else _unit_labels(toks, by)) == doc
    row = docs[docs["doc"] == doc].iloc[0]  # a window: its span, heading sentences left out
    mask = (toks["start"] >= row["start"]) & (toks["end"] <= row["end"])
    if speech is not None:
        mask &= ~toks["sentence"].isin([s.index for s in speech.sentences if s.is_heading])
    return mask


def _no_concentration() -> dict:
    return {"n_sentences": 0, "top_sentence_share": np.nan, "top_subunit": None, "top_subunit_share": np.nan,
            "top_subunit_size": np.nan, "dp_within": np.nan, "p_concentration": np.nan, "concentrated": False}


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
