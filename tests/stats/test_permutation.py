"""Permutation baselines: runs of flagged sentences and within- versus between-part similarity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.permutation import _run_stats, run_permutation, within_between_test


def sentences(flags, parts, heading=None):
    return pd.DataFrame({"yao_initial": flags, "section": parts,
                         "is_heading": heading if heading is not None else [False] * len(flags)})


def test_run_statistics_by_hand():
    f = np.array([[1, 1, 0, 1, 0, 1, 1, 1]], dtype=bool)
    in_runs, runs, longest = (x[0] for x in _run_stats(f, 2))
    assert (in_runs, runs, longest) == (5, 2, 3)
    assert _run_stats(f, 3)[0][0] == 3


def test_null_of_two_flags_among_three_sentences():
    # 2 flagged of 3: placements {1,2}, {1,3}, {2,3} are equally likely; two of them form a run of 2, so
    # the expected share in runs is 2/3 and P(share ≥ 1) = 2/3
    r = run_permutation(sentences([True, True, False], ["一"] * 3), n_perm=30_000, seed=3)
    assert r.flagged == 2 and r.share.observed == 1.0
    assert r.share.null_mean == pytest.approx(2 / 3, abs=0.01)
    assert r.share.p_value == pytest.approx(2 / 3, abs=0.01)
    assert r.by_part.iloc[0]["in_runs"] == 2


def test_headings_and_part_boundaries_break_runs():
    # part 一: flagged, heading, flagged -> no run; the heading is never shuffled, so never a run
    t = sentences([True, False, True, True], ["一", "一", "一", "二"], heading=[False, True, False, False])
    r = run_permutation(t, n_perm=500)
    assert r.in_runs.observed == 0 and r.in_runs.null_mean == 0  # 一's two flags sit around the heading
    assert r.share.p_value == 1.0
    with pytest.raises(ZhDiscourseError):
        run_permutation(sentences([False, False], ["一", "一"]))
    with pytest.raises(ZhDiscourseError):
        run_permutation(t, min_len=1)


def test_permutation_is_deterministic():
    t = sentences([True, False, True, True, False, True], ["一"] * 6)
    a, b = run_permutation(t, n_perm=2000, seed=7), run_permutation(t, n_perm=2000, seed=7)
    assert a.table().equals(b.table())


def _table(pairs, secs):
    return pd.DataFrame([{"a": a, "b": b, "cosine": c, "a_section": secs[a], "b_section": secs[b]}
                         for (a, b), c in pairs.items()])


def test_within_between_by_hand():
    # documents w, x in part A and y, z in part B; within pairs 0.9, between 0.1: observed 0.8. The
    # three ways to split four documents into two pairs are equally likely under shuffled labels, and
    # only the true split reaches 0.8: p ≈ 1/3
    secs = {"w": "A", "x": "A", "y": "B", "z": "B"}
    pairs = {("w", "x"): 0.9, ("y", "z"): 0.9, ("w", "y"): 0.1, ("w", "z"): 0.1, ("x", "y"): 0.1, ("x", "z"): 0.1}
    r = within_between_test(_table(pairs, secs), n_perm=30_000, seed=1)
    assert r.observed == pytest.approx(0.8)
    assert r.p_value == pytest.approx(1 / 3, abs=0.01)
    # a document outside every part is left out
    secs2 = dict(secs, o=None)
    pairs2 = {**pairs, **{("o", d): 0.5 for d in "wxyz"}}
    assert within_between_test(_table(pairs2, secs2), n_perm=100).observed == pytest.approx(0.8)
    with pytest.raises(ZhDiscourseError):
        within_between_test(_table({("w", "y"): 0.1}, secs))


# --- the speech ---------------------------------------------------------------------------------------


def test_speech_yao_runs_against_shuffled_sentences(speech):
    from zhdiscourse import patterns as pt

    r = run_permutation(pt.yao_sentences(speech))
    runs = pt.yao_runs(speech)
    assert r.flagged == 64 and r.in_runs.observed == runs["sentences"].sum() == 49
    assert r.runs.observed == len(runs) == 13
    # observed 77 %, 67 % expected from the density of 要-initial sentences alone; not beyond chance at 5 %
    assert round(r.share.observed, 2) == 0.77 and round(r.share.null_mean, 2) == 0.67
    assert 0.05 < r.share.p_value < 0.07
    # the 9-sentence run is the one feature rarely matched by chance
    assert r.longest.observed == 9 and r.longest.p_value < 0.05
    assert r.by_part.set_index("part").loc["一", "flagged"] == 0


def test_speech_sub_points_are_more_similar_within_parts(speech):
    from zhdiscourse.stats.weighting import tfidf
    from zhdiscourse.tokenize.table import tokens

    tok = tokens(speech)
    sub = within_between_test(tfidf(tok, "subsection", speech=speech))
    seg = within_between_test(tfidf(tok, "segment", speech=speech))
    assert sub.observed > 0 and sub.p_value < 0.005
    assert seg.observed > 0 and seg.p_value < 0.005
