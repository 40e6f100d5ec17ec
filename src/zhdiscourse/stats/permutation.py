"""Permutation baselines: is a pattern more than its ingredients make likely?

Runs of flagged sentences (:func:`run_permutation`)
    Given which sentences are flagged (e.g. "begins with the modal 要", the ``yao_initial`` column of
    :func:`zhdiscourse.patterns.runs.yao_sentences`), a *run* is a maximal sequence of ≥ ``min_len``
    consecutive flagged sentences of one part (as :func:`zhdiscourse.patterns.runs.yao_runs` counts
    them: headings and part boundaries break runs). How many flagged sentences stand in runs depends
    on how many there are: a part where every other sentence is flagged has runs by chance. The null
    model keeps each part's number of flagged sentences and shuffles *which* of its sentences they
    are: ``n_perm`` independent uniform permutations of the flags over the part's non-heading
    sentences (headings stay unflagged), all parts at once, with ``numpy.random.default_rng(seed)``.

    Statistics, observed and under the null: ``in_runs`` (flagged sentences standing in runs),
    ``share`` = ``in_runs`` / flagged sentences, ``runs`` (number of runs) and ``longest`` (length of
    the longest run). One-sided p-values (more clustering than chance), with the observed value counted
    among the permutations: ``p = (1 + #{perm ≥ observed}) / (n_perm + 1)``. The table ``by_part``
    gives each part's flagged sentences, observed in-run count and its mean under the null.

Within-part versus between-part similarity (:func:`within_between_test`)
    For documents that belong to parts (sub-points, segments; units outside every part, such as the
    opening, are left out) and their cosine similarity matrix S: the statistic is the mean cosine of
    pairs in the same part minus the mean cosine of pairs in different parts. The null model shuffles
    the part labels over the documents (part sizes kept): ``n_perm`` permutations, one-sided
    ``p = (1 + #{perm ≥ observed}) / (n_perm + 1)``. A small p says that sub-points of one part share
    vocabulary more than sub-points drawn at random from the whole text would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError

#: Default number of permutations and seed.
N_PERM = 10_000
SEED = 0


@dataclass
class PermutationResult:
    """An observed statistic, its distribution under the null and the one-sided p-value."""

    statistic: str
    observed: float
    null_mean: float
    null_lo: float
    null_hi: float
    p_value: float
    n_perm: int
    seed: int

    def as_row(self) -> dict:
        return {"statistic": self.statistic, "observed": self.observed, "null_mean": self.null_mean,
                "null_lo": self.null_lo, "null_hi": self.null_hi, "p_value": self.p_value}


def _result(name: str, observed: float, null: np.ndarray, n_perm: int, seed: int) -> PermutationResult:
    null = np.asarray(null, dtype=float)
    lo, hi = np.percentile(null, [2.5, 97.5])
    p = (1 + int((null >= observed - 1e-12).sum())) / (len(null) + 1)
    return PermutationResult(name, float(observed), float(null.mean()), float(lo), float(hi), float(p), n_perm, seed)


@dataclass
class RunPermutation:
    """:func:`run_permutation`: ``flagged`` sentences, the results for ``share``, ``in_runs``,
    ``runs`` and ``longest``, and ``by_part``."""

    flagged: int
    share: PermutationResult
    in_runs: PermutationResult
    runs: PermutationResult
    longest: PermutationResult
    by_part: pd.DataFrame = field(repr=False)

    def table(self) -> pd.DataFrame:
        """One row per statistic: ``statistic, observed, null_mean, null_lo, null_hi, p_value``
        (``null_lo``/``null_hi``: the central 95 % of the null distribution)."""
        return pd.DataFrame([r.as_row() for r in (self.share, self.in_runs, self.runs, self.longest)])


def _run_stats(flags: np.ndarray, min_len: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of a boolean matrix (permutations × sentences of one part): sentences in runs of ≥
    ``min_len``, number of such runs, longest run."""
    f = flags.astype(np.int8)
    b, n = f.shape
    # run length ending at each position, then the length of the run each position belongs to
    length = np.zeros((b, n), dtype=np.int32)
    run = np.zeros(b, dtype=np.int32)
    for j in range(n):
        run = (run + 1) * f[:, j]
        length[:, j] = run
    ends = np.zeros((b, n), dtype=bool)
    ends[:, :-1] = (f[:, :-1] == 1) & (f[:, 1:] == 0)
    ends[:, -1] = f[:, -1] == 1
    run_len = np.where(ends, length, 0)
    qualifying = run_len >= min_len
    in_runs = np.where(qualifying, run_len, 0).sum(axis=1)
    n_runs = qualifying.sum(axis=1)
    longest = run_len.max(axis=1) if n else np.zeros(b, dtype=np.int32)
    return in_runs, n_runs, longest


def run_permutation(sentences: pd.DataFrame, flag: str = "yao_initial", *, min_len: int = 2,
                    n_perm: int = N_PERM, seed: int = SEED, within: str = "section") -> RunPermutation:
    """Runs of flagged sentences against shuffles of the flags within each part (module docstring).

    ``sentences``: one row per sentence in text order with the boolean ``flag`` column, ``within``
    (the part; sentences outside every part form one group of their own) and optionally
    ``is_heading`` (headings are never flagged and never shuffled). Returns a :class:`RunPermutation`.
    """
    need = {flag, within}
    if not need <= set(sentences.columns):
        raise ZhDiscourseError(f"the sentence table needs the columns {', '.join(sorted(need))}")
    if min_len < 2:
        raise ZhDiscourseError("a run has at least 2 sentences (min_len >= 2)")
    if n_perm < 1:
        raise ZhDiscourseError("n_perm must be at least 1")
    t = sentences.reset_index(drop=True)
    heading = t["is_heading"].fillna(False).astype(bool).to_numpy() if "is_heading" in t else np.zeros(len(t), bool)
    flags = t[flag].fillna(False).astype(bool).to_numpy() & ~heading
    groups = t[within].astype(object).where(t[within].notna(), "(none)")
    rng = np.random.default_rng(seed)
    obs_in = obs_runs = 0
    obs_long = 0
    null_in = np.zeros(n_perm)
    null_runs = np.zeros(n_perm)
    null_long = np.zeros(n_perm)
    rows = []
    for g in dict.fromkeys(groups):
        idx = np.flatnonzero((groups == g).to_numpy())
        f = flags[idx]
        movable = ~heading[idx]
        k = int(f.sum())
        i_obs, r_obs, l_obs = (x[0] for x in _run_stats(f[None, :], min_len))
        obs_in, obs_runs, obs_long = obs_in + int(i_obs), obs_runs + int(r_obs), max(obs_long, int(l_obs))
        perm = np.zeros((n_perm, len(idx)), dtype=bool)
        m = int(movable.sum())
        if k:
            # k flags placed uniformly at random among the m movable sentences, independently per row
            keys = rng.random((n_perm, m))
            chosen = np.argpartition(keys, k - 1, axis=1)[:, :k] if k < m else np.tile(np.arange(m), (n_perm, 1))
            sub = np.zeros((n_perm, m), dtype=bool)
            np.put_along_axis(sub, chosen, True, axis=1)
            perm[:, np.flatnonzero(movable)] = sub
        pi, pr, pl = _run_stats(perm, min_len)
        null_in += pi
        null_runs += pr
        null_long = np.maximum(null_long, pl)
        rows.append({"part": None if g == "(none)" else g, "sentences": int(m), "flagged": k,
                     "in_runs": int(i_obs), "in_runs_null_mean": float(pi.mean()), "runs": int(r_obs)})
    total = int(flags.sum())
    if total == 0:
        raise ZhDiscourseError(f"no sentence is flagged ({flag}): there are no runs to test")
    return RunPermutation(
        flagged=total,
        share=_result("share in runs", obs_in / total, null_in / total, n_perm, seed),
        in_runs=_result("sentences in runs", obs_in, null_in, n_perm, seed),
        runs=_result("runs", obs_runs, null_runs, n_perm, seed),
        longest=_result("longest run", obs_long, null_long, n_perm, seed),
        by_part=pd.DataFrame(rows),
    )


def within_between_test(result, *, n_perm: int = N_PERM, seed: int = SEED) -> PermutationResult:
    """Mean within-part cosine minus mean between-part cosine, against shuffled part labels (module
    docstring). ``result`` is a :class:`zhdiscourse.stats.weighting.TfidfResult` (its ``docs`` have a
    ``section`` column) or a tidy :func:`zhdiscourse.stats.cosine.similarity` table
    (``pairs="unique"`` or ``"all"``)."""
    if hasattr(result, "matrix") and hasattr(result, "docs"):
        from sklearn.metrics.pairwise import cosine_similarity

        sim = np.clip(cosine_similarity(result.matrix), 0.0, 1.0)
        secs = result.docs["section"].tolist()
    elif isinstance(result, pd.DataFrame) and {"a", "b", "cosine", "a_section", "b_section"} <= set(result.columns):
        labels = list(dict.fromkeys(list(result["a"]) + list(result["b"])))
        pos = {d: i for i, d in enumerate(labels)}
        sim = np.eye(len(labels))
        sec_of = {}
        for a, b, c, sa, sb in zip(result["a"], result["b"], result["cosine"], result["a_section"], result["b_section"]):
            sim[pos[a], pos[b]] = sim[pos[b], pos[a]] = c
            sec_of[a], sec_of[b] = sa, sb
        secs = [sec_of[d] for d in labels]
    else:
        raise ZhDiscourseError("give a TfidfResult or a similarity table")
    keep = np.array([s is not None and not (isinstance(s, float) and np.isnan(s)) for s in secs])
    sim = sim[np.ix_(keep, keep)]
    lab = pd.factorize(pd.Series([s for s, k in zip(secs, keep) if k]))[0]
    n = len(lab)
    if n < 3 or len(set(lab)) < 2:
        raise ZhDiscourseError("the test needs at least three documents in at least two parts")
    iu = np.triu_indices(n, 1)
    vals = sim[iu]

    def stat(labels: np.ndarray) -> np.ndarray:
        same = labels[..., iu[0]] == labels[..., iu[1]]
        w = (vals * same).sum(axis=-1) / np.maximum(same.sum(axis=-1), 1)
        b = (vals * ~same).sum(axis=-1) / np.maximum((~same).sum(axis=-1), 1)
        return w - b

    if (lab[iu[0]] == lab[iu[1]]).sum() == 0:
        raise ZhDiscourseError("no part has two documents: there are no within-part pairs")
    rng = np.random.default_rng(seed)
    perms = np.argsort(rng.random((n_perm, n)), axis=1)
    null = np.concatenate([stat(lab[perms[i:i + 1000]]) for i in range(0, n_perm, 1000)])
    return _result("within − between mean cosine", float(stat(lab)), null, n_perm, seed)
