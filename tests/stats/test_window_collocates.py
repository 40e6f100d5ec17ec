"""Collocates of a node word: hand-worked counts and scores on a tiny token table."""

from __future__ import annotations

import math

import pytest
from toy_tables import toy_tokens

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats import collocates, collocation_edges
from zhdiscourse.stats.window_collocates import g2_window

# word tokens: 甲 乙 中 丙 丁 | 中 乙 戊 | 己 庚 辛  (N = 11; the node 中 twice)
PARTS = {"一": [["甲", "乙", "中", "丙", "丁"], ["中", "乙", "戊"]], "二": [["己", "庚", "辛"]]}


@pytest.fixture
def table():
    return toy_tokens(PARTS)


def test_window_counts_and_scores_by_hand(table):
    co = collocates(table, "中", window=1, min_freq=1).set_index("collocate")
    a = co.attrs
    # windows within the sentence: 乙|丙 around the first 中, only 乙 after the second (it opens a sentence)
    assert (a["node_freq"], a["window_tokens"], a["corpus_size"], a["left"], a["right"]) == (2, 3, 11, 1, 1)
    assert set(co.index) == {"乙", "丙"}
    b = co.loc["乙"]
    assert (b.observed, b.left, b.right, b.node_freq, b.collocate_freq, b.window) == (2, 1, 1, 2, 2, 2)
    assert b.expected == pytest.approx(2 * 3 / 11)
    assert b.mi == pytest.approx(math.log2(2 / (6 / 11)))  # 1.874469
    assert b.t_score == pytest.approx((2 - 6 / 11) / math.sqrt(2))  # 1.028519
    assert b.log_dice == pytest.approx(14.0)  # 14 + log2(2·2 / (2 + 2))
    # the window table: O11 = 2, O12 = 3 − 2 = 1, O21 = 2 − 2 = 0, O22 = 11 − 3 − 0 = 8
    e = [3 * 2 / 11, 3 * 9 / 11, 8 * 2 / 11, 8 * 9 / 11]
    g2 = 2 * (2 * math.log(2 / e[0]) + 1 * math.log(1 / e[1]) + 8 * math.log(8 / e[3]))
    assert b.log_likelihood == pytest.approx(g2) and g2 == pytest.approx(6.61198, abs=1e-5)
    assert b.p_value == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    assert b.direction == 1 and co.index[0] == "乙"  # sorted by G²


def test_across_sentences_and_one_sided_windows(table):
    co = collocates(table, "中", window=1, within="text", min_freq=1).set_index("collocate")
    assert co.attrs["window_tokens"] == 4 and co.loc["丁", "left"] == 1  # 丁 ends the previous sentence
    right = collocates(table, "中", left=0, right=2, min_freq=1).set_index("collocate")
    assert right.attrs["window_tokens"] == 4 and set(right.index) == {"丙", "丁", "乙", "戊"}
    assert (right["left"] == 0).all()


def test_content_filter_changes_the_rows_not_the_scores():
    table = toy_tokens({"一": [["甲", "的", "中", "乙"], ["中", "乙"]]})
    content = collocates(table, "中", window=1, min_freq=1)
    every = collocates(table, "中", window=1, min_freq=1, content_only=False)
    assert "的" not in set(content["collocate"]) and "的" in set(every["collocate"])
    assert content.attrs["window_tokens"] == every.attrs["window_tokens"] == 3
    pd_a = content.set_index("collocate").loc["乙"]
    pd_b = every.set_index("collocate").loc["乙"]
    assert pd_a.log_likelihood == pytest.approx(pd_b.log_likelihood)


def test_floors_and_measures(table):
    assert collocates(table, "中", window=1, min_freq=2)["collocate"].tolist() == ["乙"]
    assert collocates(table, "中", window=1, min_freq=1, min_collocate_freq=2)["collocate"].tolist() == ["乙"]
    by_mi = collocates(table, "中", window=1, min_freq=1, measure="mi")
    # 丙: O = 1, E = 1 · 3/11: the same MI as 乙 (O = 2, E = 6/11); the tie goes to the larger O
    assert by_mi["mi"].tolist() == pytest.approx([math.log2(11 / 3)] * 2)
    assert by_mi["collocate"].tolist() == ["乙", "丙"]
    by_t = collocates(table, "中", window=1, min_freq=1, measure="t_score")
    assert by_t["t_score"].tolist() == pytest.approx([(2 - 6 / 11) / math.sqrt(2), (1 - 3 / 11) / 1])


def test_g2_is_zero_at_independence():
    assert g2_window([2.0], 10.0, 20.0, 100.0)[0] == pytest.approx(0.0, abs=1e-12)


def test_errors(table):
    with pytest.raises(ZhDiscourseError, match="not a token"):
        collocates(table, "壬")
    with pytest.raises(ZhDiscourseError, match="inside longer tokens"):
        collocates(toy_tokens({"一": [["中国", "人"]]}), "中")
    with pytest.raises(ZhDiscourseError, match="window is empty"):
        collocates(table, "中", left=0, right=0)
    with pytest.raises(ZhDiscourseError, match="measure"):
        collocates(table, "中", measure="dice")


def test_network_edges(table):
    edges = collocation_edges(table, "中", per_node=3, depth=2, window=1, min_freq=1)
    assert edges.attrs["nodes"] == ["中"] and edges.attrs["freq"]["中"] == 2
    first = edges[edges["depth"] == 1]
    assert set(first["target"]) == {"乙", "丙"} and (first["source"] == "中").all()
    pairs = [frozenset(p) for p in zip(edges["source"], edges["target"])]
    assert len(pairs) == len(set(pairs))  # an edge is kept once


def test_on_the_speech(speech):
    co = collocates(speech, "疫情", window=5)
    assert co.attrs["node_freq"] == 45 and len(co) > 10
    assert (co["observed"] >= 2).all() and (co["observed"] == co["left"] + co["right"]).all()
    top = co.iloc[0]
    assert top["direction"] == 1 and top["log_likelihood"] == co["log_likelihood"].max()
