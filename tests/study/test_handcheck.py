"""Hand-check helpers (:mod:`zhdiscourse.study.handcheck`): recall counts a series as found only when
distinct reported members cover two of its members."""

from __future__ import annotations

import pandas as pd

from zhdiscourse.study import handcheck


def _list(spans):
    return pd.DataFrame({"id": ["0"], "tier": ["core"], "members": ["a | b | c"], "member_spans": [spans],
                         "start": [spans[0][0]], "end": [spans[-1][1]]})


def _inst(spans):
    return {"start": spans[0][0], "end": spans[-1][1], "members": [{"start": a, "end": b} for a, b in spans]}


def test_recall_needs_distinct_reported_members():
    series = [(10, 14), (15, 19), (20, 24)]
    # one reported member holding the whole series has not found it
    r = handcheck.recall([_inst([(0, 30), (31, 60)])], _list(series))
    assert r.loc[0, "covered"] == 1 and not r.loc[0, "found"]
    # two reported members on two of its members have
    r = handcheck.recall([_inst([(10, 14), (15, 19)])], _list(series))
    assert r.loc[0, "covered"] == 2 and r.loc[0, "found"] and not r.loc[0, "complete"]
    r = handcheck.recall([_inst([(9, 14), (15, 19), (20, 25)])], _list(series))
    assert r.loc[0, "complete"]
    # a reported member covers a member when it overlaps at least half of it
    r = handcheck.recall([_inst([(12, 14), (15, 16)])], _list(series))
    assert r.loc[0, "covered"] == 1


def test_read_keys(tmp_path):
    keys = tmp_path / "keys.csv"
    keys.write_text("# old reading\nclass,start,end,member_starts\n排比,0,9,0;5\n", encoding="utf-8")
    assert handcheck.read_keys(keys)["key"].tolist() == [(0, 9, (0, 5))]


def test_heldout_estimate_by_strata(tmp_path):
    def judgements(name, rows):
        p = tmp_path / name
        p.write_text("id,start,end,member_starts,verdict\n" + "".join(f"x,{a},{a + 9},{a};{a + 5},{v}\n"
                                                                       for a, v in rows), encoding="utf-8")
        return handcheck.read_judgements(p)

    old = [(a, a + 9, (a, a + 5)) for a in range(0, 100, 10)]  # ten instances
    new = old[:8]  # the change drops the last two
    sample = judgements("s.csv", [(0, "true"), (10, "true"), (20, "false"), (30, "true"), (40, ""), (90, "false")])
    extra = judgements("e.csv", [(80, "true")])
    r = handcheck.heldout_estimate(old, new, sample, extra)
    assert (r["new_n"], r["new_correct"]) == (4, 3) and r["new_precision"] == 0.75  # 40 has no verdict
    assert r["new_lo"] < 0.75 < r["new_hi"]
    assert (r["dropped"], r["dropped_judged"], r["dropped_true"]) == (2, 2, 1)
    assert abs(r["old_precision"] - (8 * 0.75 + 1) / 10) < 1e-12 and r["old_lo"] < r["old_precision"] < r["old_hi"]
    # without the extra judgements a dropped instance is unjudged: no estimate of the old reading
    assert handcheck.heldout_estimate(old, new, sample)["old_precision"] != handcheck.heldout_estimate(old, new, sample)["old_precision"]
