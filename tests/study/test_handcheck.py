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


def test_heldout_precision_per_reading(tmp_path):
    judged = tmp_path / "judged.csv"
    judged.write_text("# comment\nid,start,end,member_starts,verdict\n"
                      "h0,0,9,0;5,true\nh1,10,19,10;15,false\nh2,20,29,20;25,true\nh3,30,39,30;35,\n",
                      encoding="utf-8")
    j = handcheck.read_judgements(judged)
    old = [(0, 9, (0, 5)), (10, 19, (10, 15)), (20, 29, (20, 25)), (30, 39, (30, 35))]
    new = [(0, 9, (0, 5)), (20, 29, (20, 25)), (40, 49, (40, 45))]  # one dropped, one not in the sample
    t = handcheck.heldout_precision({"old": old, "new": new}, j)
    assert t.loc["old", "n"] == 3 and t.loc["old", "correct"] == 2  # h3 has no verdict
    assert t.loc["new", "n"] == 2 and t.loc["new", "precision"] == 1.0
    keys = tmp_path / "keys.csv"
    keys.write_text("# old reading\nclass,start,end,member_starts\n排比,0,9,0;5\n", encoding="utf-8")
    assert handcheck.read_keys(keys)["key"].tolist() == [(0, 9, (0, 5))]
