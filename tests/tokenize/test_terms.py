"""Term mining (zhdiscourse.tokenize.terms): counts, PMI, branching entropy and rules, worked by hand on toy runs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from zhdiscourse import ZhDiscourseError
from zhdiscourse.text.corpus import load_folder
from zhdiscourse.tokenize.terms import (DEFAULT_SETTINGS, MiningSettings, apply_review, apply_rules, corpus_runs,
                                        cut_places, dictionary_rows, drop_cutting_units, jieba_frequency, select_terms,
                                        table_runs, term_candidates)

NOTHING_KNOWN = (lambda w: False)


def _row(df, term):
    r = df[df["term"] == term]
    assert len(r) == 1, term
    return r.iloc[0]


def test_counts_pmi_and_entropy_by_hand():
    # 甲乙 three times: once after 丙, once after 丁, once at a run's start; always followed by a run's end
    runs = [("d1", ["丙", "甲", "乙"], ["n", "n", "n"]),
            ("d1", ["丁", "甲", "乙"], ["n", "n", "n"]),
            ("d2", ["甲", "乙"], ["n", "n"]),
            ("d2", ["甲", "戊"], ["n", "n"])]
    df = term_candidates(runs, min_count=1, known=NOTHING_KNOWN)
    r = _row(df, "甲乙")
    n = sum(len(w) for _, w, _ in runs)
    assert df.attrs["n_tokens"] == n == 10
    assert (r["count"], r["docs"]) == (3, 2)
    # p(甲乙) / (p(甲) p(乙)) with counts 3, 4, 3
    assert r["pmi"] == pytest.approx(math.log(3 * n / (4 * 3)))
    # left neighbours: 丙, 丁 and one edge → three distinct: ln 3; right: three edges → ln 3
    assert r["left_entropy"] == pytest.approx(math.log(3))
    assert r["right_entropy"] == pytest.approx(math.log(3))


def test_function_word_neighbours_count_as_edges():
    runs = [("d", ["的", "甲", "乙", "的"], ["uj", "n", "n", "uj"])] * 2 + [("d", ["丙", "甲", "乙", "丁"], ["n", "n", "n", "n"])]
    r = _row(term_candidates(runs, min_count=1, known=NOTHING_KNOWN), "甲乙")
    # 的 twice (each an edge of its own) + 丙 → three distinct neighbours on each side
    assert r["left_entropy"] == pytest.approx(math.log(3))


def test_pmi_is_the_weakest_joint():
    runs = [("d", ["甲", "乙", "丙"], ["n", "n", "n"])] * 2 + [("d", ["乙", "丙"], ["n", "n"])] * 3
    r = _row(term_candidates(runs, min_count=1, known=NOTHING_KNOWN), "甲乙丙")
    n = 2 * 3 + 3 * 2
    joints = [math.log(2 * n / (2 * 5)), math.log(2 * n / (2 * 5))]  # 甲|乙丙 and 甲乙|丙
    assert r["pmi"] == pytest.approx(min(joints))


@pytest.mark.parametrize("tokens,tags,rule", [
    (["发展", "的", "道路"], ["vn", "uj", "n"], "function"),   # particle inside
    (["坚决", "打击"], ["ad", "v"], "shape"),                 # adverbial + verb
    (["短时间", "内"], ["n", "n"], "function"),                # postposition at the end
    (["五", "亿元"], ["m", "m"], "numeral"),
    (["十三", "五"], ["m", "m"], ""),                          # a numbered label
    (["加强", "监管"], ["v", "vn"], "shape"),                  # verb + object
    (["转移", "支付"], ["v", "v"], ""),                        # verb coordination
    (["说", "出来"], ["v", "v"], "shape"),                     # one-character verb
    (["勇于", "担当"], ["v", "v"], "shape"),                   # a verb in 于 takes a complement
    (["严峻", "挑战"], ["a", "vn"], "adjective"),
    (["大", "数据"], ["a", "n"], ""),                          # one-character modifier
])
def test_structural_rules(tokens, tags, rule):
    runs = [("d", tokens, tags)] * 2
    df = term_candidates(runs, min_count=1, known=NOTHING_KNOWN)
    assert _row(df, "".join(tokens))["rule"] == rule


def test_a_word_of_jieba_is_not_a_candidate():
    runs = [("d", ["经济", "发展"], ["n", "vn"])] * 3
    df = term_candidates(runs, min_count=1, known={"经济发展"}.__contains__)
    assert _row(df, "经济发展")["rule"] == "jieba-word"


def test_nested_rule_keeps_the_free_shorter_unit():
    # 甲乙 is followed by four different heads: 甲乙丙 is 甲乙 + a free neighbour
    runs = [("d", ["甲", "乙", h], ["n", "n", "n"]) for h in ("丙", "丁", "戊", "己")] * 2
    df = term_candidates(runs, min_count=1, known=NOTHING_KNOWN)
    rule = apply_rules(df, MiningSettings(min_entropy=1.0))
    assert rule[df["term"] == "甲乙丙"].iloc[0] == "nested"
    assert rule[df["term"] == "甲乙"].iloc[0] == ""


def test_select_terms_applies_every_threshold():
    n = 8
    df = pd.DataFrame({"term": ["甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑", "寅卯", "辰巳"],
                       "tokens": ["甲 乙", "丙 丁", "戊 己", "庚 辛", "壬 癸", "子 丑", "寅 卯", "辰 巳"],
                       "tags": ["n n"] * n, "count": [5, 2, 5, 5, 5, 5, 5, 5], "docs": [3, 2, 1, 3, 3, 3, 3, 3],
                       "pmi": [8.0, 8.0, 8.0, 6.0, 8.0, 8.0, 8.0, 8.0],
                       "left_entropy": [1.2, 1.2, 1.2, 1.2, 0.9, 1.2, 1.2, 1.2], "right_entropy": [1.2] * n,
                       "rule": [""] * n, "prefix_right_entropy": [float("nan")] * n,
                       "suffix_left_entropy": [float("nan")] * n,
                       "frame_share": [0.2, 0.2, 0.2, 0.2, 0.2, 0.8, 0.2, 0.2],
                       "argument_share": [float("nan"), 0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.5],
                       "first_verbality": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2]})
    got = select_terms(df, MiningSettings(min_count=3, min_docs=2, min_pmi=7.0, min_entropy=1.0, max_frame_share=0.8,
                                          min_argument_share=0.1, max_first_verbality=0.15))
    # count, docs, PMI, entropy, frame, argument and verbality each exclude one; NaN (no neighbour seen) passes
    assert list(got["term"]) == ["甲乙"]


def test_frame_share_counts_function_words_as_neighbours():
    # 甲乙 always before 于 (a preposition, an edge for the entropy): a fragment of a frame
    runs = [("d", [x, "甲", "乙", "于", "民"], ["n", "n", "n", "p", "n"]) for x in ("丙", "丁", "戊")]
    r = _row(term_candidates(runs, min_count=1, known=NOTHING_KNOWN), "甲乙")
    assert r["right_entropy"] == pytest.approx(math.log(3))  # three edges
    assert r["frame_share"] == 1.0
    assert r["left_entropy"] == pytest.approx(math.log(3))


def test_argument_share_and_first_verbality():
    runs = [("d", ["完善", "甲", "乙"], ["v", "n", "n"]),        # object of a verb: argument
            ("d", ["甲", "乙", "制度"], ["n", "n", "n"]),        # before a noun: argument
            ("d", ["要", "甲", "乙"], ["v", "n", "n"]),          # after a modal: not an argument
            ("d", ["甲", "乙"], ["n", "n"]),                     # no neighbour: not counted
            ("d", ["不", "丙", "丁"], ["d", "v", "n"]),          # 丙 after an adverb
            ("d", ["丙", "了", "戊"], ["v", "ul", "n"])]         # 丙 before an aspect particle
    df = term_candidates(runs, min_count=1, known=NOTHING_KNOWN)
    assert _row(df, "甲乙")["argument_share"] == pytest.approx(2 / 3)
    assert _row(df, "甲乙")["first_verbality"] == pytest.approx(1 / 4)  # one 甲 of four follows the modal 要
    assert _row(df, "丙丁")["first_verbality"] == 1.0  # both occurrences of 丙 are predicative
    alone = term_candidates([("d", ["甲", "乙"], ["n", "n"])] * 2, min_count=1, known=NOTHING_KNOWN)
    assert math.isnan(_row(alone, "甲乙")["argument_share"])


@pytest.mark.parametrize("tokens,tags", [
    (["不可", "低估"], ["v", "v"]),      # modal verb
    (["是否", "合乎"], ["v", "v"]),      # modal expression
    (["予以", "补助"], ["v", "v"]),      # formal verb
])
def test_modal_and_formal_verbs_are_function_words(tokens, tags):
    df = term_candidates([("d", tokens, tags)] * 2, min_count=1, known=NOTHING_KNOWN)
    assert _row(df, "".join(tokens))["rule"] == "function"


def test_units_that_cut_jiebas_words_are_dropped():
    # 责任追究制 would cut jieba's 制度 in 责任追究制度 and leave 度; 失业保险 cuts nothing
    runs = [("d", ["责任", "追究", "制度"], ["n", "v", "n"])] * 3 + [("d", ["责任", "追究制"], ["n", "n"])] \
        + [("d", ["完善", "失业", "保险"], ["v", "n", "n"])] * 3
    rows = pd.DataFrame({"term": ["责任追究制", "失业保险"], "freq": [50_000, 5_000], "tag": ["n", "n"], "count": [1, 3]})
    assert list(cut_places(rows, runs)) == [3, 0]
    kept = drop_cutting_units(rows, runs, max_share=0.1)
    assert list(kept["term"]) == ["失业保险"] and list(kept["cut_places"]) == [0]
    assert list(drop_cutting_units(rows, runs, max_share=5.0)["term"]) == ["责任追究制", "失业保险"]


def test_jieba_frequency():
    assert jieba_frequency(10, 1000, 60_000, 5) == 600
    assert jieba_frequency(1, 1000, 60_000, 500) == 500  # never below the suggested frequency
    with pytest.raises(ZhDiscourseError):
        jieba_frequency(1, 0, 60_000, 1)


def test_table_runs_split_at_punctuation_and_sentences():
    t = pd.DataFrame({"token": ["转移", "支付", "，", "失业", "保险", "2020", "年"],
                      "pos": ["v", "v", "x", "n", "n", "m", "m"], "sentence": [0, 0, 0, 0, 1, 1, 1]})
    assert [w for w, _ in table_runs(t)] == [["转移", "支付"], ["失业"], ["保险"], ["年"]]


def test_mining_a_small_corpus_end_to_end(tmp_path):
    body = "加大转移支付力度。完善转移支付制度，规范转移支付。"
    for i in range(3):
        (tmp_path / f"doc{i}.txt").write_text(body * 2, encoding="utf-8")
    corpus = load_folder(tmp_path)
    runs = corpus_runs(corpus, jobs=1, cache=False)
    cands = term_candidates(runs)
    terms = select_terms(cands, DEFAULT_SETTINGS.with_(min_pmi=0.0))
    assert "转移支付" in set(terms["term"])
    rows = dictionary_rows(terms)
    assert list(rows.columns[:3]) == ["term", "freq", "tag"]
    assert (rows["freq"] >= 1).all()


def test_bad_settings():
    with pytest.raises(ZhDiscourseError):
        term_candidates([], max_tokens=1)
    with pytest.raises(ZhDiscourseError):
        term_candidates([], min_count=0)


def test_apply_review_drops_what_the_review_rejected_and_counts_the_rest():
    rows = pd.DataFrame({"term": ["甲乙", "丙丁", "戊己", "庚辛"], "count": [9, 8, 7, 6]})
    review = pd.DataFrame({"term": ["丙丁", "甲乙", "壬癸"], "genuine": [0, 1, 0], "reason": ["x", "y", "z"]})
    kept, counts = apply_review(rows, review)
    assert list(kept["term"]) == ["甲乙", "戊己", "庚辛"] and list(kept["count"]) == [9, 7, 6]
    assert counts == {"dropped": 1, "kept": 3, "unreviewed": 2}  # 戊己 and 庚辛 nobody read; 壬癸 is not mined
    for bad, word in ((review.drop(columns="genuine"), "genuine"), (review.assign(genuine=[0, 2, 1]), "0 or 1"),
                      (pd.concat([review, review.head(1)]), "twice")):
        with pytest.raises(ZhDiscourseError, match=word):
            apply_review(rows, bad)
