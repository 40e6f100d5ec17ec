"""Frequency lists, n-grams, KWIC, dispersion and collocations on the token table."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from zhdiscourse import ZhDiscourseError, parse
from zhdiscourse.stats.collocation import collocations
from zhdiscourse.stats.concordance import dispersion, find_matches, kwic, part_boundaries
from zhdiscourse.stats.frequency import OUTSIDE, frequencies, ngrams
from zhdiscourse.tokenize.table import tokens


@pytest.fixture(scope="module")
def table(speech):
    return tokens(speech, cache=False)


# ---- frequencies -------------------------------------------------------------------------------

def test_frequencies_overall(table):
    f = frequencies(table)
    assert list(f.columns) == ["token", "pos", "count", "per_10k", "rank"]
    words = table[~table["is_punct"]]
    assert f["count"].sum() == len(words)
    c = Counter(words["token"])
    assert dict(zip(f["token"], f["count"])) == dict(c)
    assert f["count"].is_monotonic_decreasing and list(f["rank"]) == list(range(1, len(f) + 1))
    assert "，" not in set(f["token"])
    assert {"要", "我们"} <= set(f["token"])  # stopwords kept unless asked


def test_frequencies_without_stopwords(table):
    f = frequencies(table, drop_stopwords=True)
    assert not ({"要", "我们", "的", "同志们"} & set(f["token"]))
    assert f.iloc[0]["token"] == "疫情防控"
    assert math.isclose(f["per_10k"].sum(), 10_000, rel_tol=1e-3)


def test_frequencies_by_section(speech, table):
    f = frequencies(table, by="section", drop_stopwords=True)
    assert list(pd.unique(f["section"])) == [OUTSIDE] + [s.number for s in speech.sections]
    assert f["count"].sum() == frequencies(table, drop_stopwords=True)["count"].sum()
    one = f[f["section"] == "一"]
    expect = table[(table["section"] == "一") & ~table["is_punct"] & ~table["is_stop"]]["token"].value_counts()
    assert dict(zip(one["token"], one["count"])) == expect.to_dict()
    top = frequencies(table, by="section", top=3)
    assert top.groupby("section").size().max() == 3


def test_frequencies_bad_unit(table):
    with pytest.raises(ZhDiscourseError):
        frequencies(table, by="paragraph")


# ---- n-grams -----------------------------------------------------------------------------------

def test_ngrams_stay_inside_clauses(speech, table):
    g = ngrams(table)
    assert set(g["n"]) == {2, 3, 4}
    assert not g["text"].str.contains("[，。；：！？]").any()
    row = g[(g["n"] == 2) & (g["ngram"] == "疫情防控 工作")].iloc[0]
    expect = sum(c.text.count("疫情防控工作") for c in speech.clauses)
    assert row["count"] == expect


def test_ngrams_counts_match_a_direct_count():
    sp = parse("我们要做好工作，我们要做好工作。我们要做好。")
    g = ngrams(sp, 2)
    d = dict(zip(g["ngram"], g["count"]))
    assert d["我们 要"] == 3 and d["要 做好"] == 3 and d["做好 工作"] == 2
    assert "工作 我们" not in d  # never across a comma
    from zhdiscourse.tokenize.dictionary import stopwords

    stop = stopwords()
    kept = ngrams(sp, [2, 3], drop_stopwords=True)
    assert len(kept) < len(ngrams(sp, [2, 3]))
    for gram in kept["ngram"]:
        parts = gram.split(" ")
        assert parts[0] not in stop and parts[-1] not in stop
    with pytest.raises(ZhDiscourseError):
        ngrams(sp, 0)


# ---- KWIC --------------------------------------------------------------------------------------

def test_kwic_counts_and_offsets(speech, table):
    k = kwic(speech, "复工复产", window=5, table=table)
    assert list(k.columns) == ["left", "keyword", "right", "section", "subsection", "sentence", "start", "end",
                               "aligned"]
    assert len(k) == sum(s.text.count("复工复产") for s in speech.sentences)
    for r in k.itertuples():
        assert r.keyword == "复工复产"
        assert speech.sentence_at(r.start).index == r.sentence
        assert r.aligned


def test_kwic_window_counts_tokens(speech, table):
    k = kwic(speech, "应收尽收", window=3, table=table)
    (r,) = k.itertuples()
    i = int(np.flatnonzero(table["start"].to_numpy() == r.start)[0])
    assert r.left == "".join(table["token"].iloc[i - 3:i])
    assert r.right == "".join(table["token"].iloc[i + 1:i + 4])


def test_kwic_multi_token_and_partial_terms(speech, table):
    k = kwic(speech, "统筹推进疫情防控", table=table)
    assert len(k) > 0 and k["aligned"].all()
    part = kwic(speech, "防控", table=table)
    assert len(part) == sum(s.text.count("防控") for s in speech.sentences)
    assert not part["aligned"].all() and part["aligned"].any()


def test_kwic_regex_and_errors(speech, table):
    k = kwic(speech, r"应(.)尽\1", regex=True, table=table)
    assert set(k["keyword"]) >= {"应收尽收", "应检尽检", "应隔尽隔"}
    with pytest.raises(ZhDiscourseError):
        kwic(speech, "(", regex=True)
    with pytest.raises(ZhDiscourseError):
        kwic(speech, "")
    assert kwic(speech, "不存在的词语", table=table).empty


def test_matches_outside_sentences_are_not_reported(speech):
    # the title (metadata) contains the term too; it has no tokens, so no KWIC line
    assert speech.text.count("新冠肺炎") == len(find_matches(speech, "新冠肺炎")) + speech.metadata.title.count("新冠肺炎")


# ---- dispersion --------------------------------------------------------------------------------

def test_dispersion_positions_and_boundaries(speech, table):
    d = dispersion(speech, ["复工复产", "脱贫攻坚", "不存在的词语"])
    assert d.attrs["terms"] == ["复工复产", "脱贫攻坚", "不存在的词语"]
    assert (d["term"] == "不存在的词语").sum() == 0
    assert ((d["position"] >= 0) & (d["position"] <= 1)).all()
    for r in d.itertuples():
        assert table["start"].iloc[r.token_index] <= r.start < table["end"].iloc[r.token_index]
        sec = speech.section_at(r.start)
        assert (r.section if isinstance(r.section, str) else None) == (sec.number if sec else None)
    b = part_boundaries(speech)
    assert list(b["section"]) == [s.number for s in speech.sections]
    assert b["position_start"].is_monotonic_increasing
    assert d.attrs["boundaries"] == b.to_dict("records")


# ---- collocations ------------------------------------------------------------------------------

def test_collocation_formulas_on_a_small_text():
    sp = parse("甲乙丙，甲乙，丙丁。")
    df = tokens(sp, cache=False)
    # hand-built token table would need a dictionary; instead check formulas on what jieba produced
    c = collocations(df, min_freq=1, drop_stopwords=False, drop_num=False)
    pairs = []
    for _, g in df[df["clause"].notna()].groupby("clause"):
        t = list(g["token"])
        pairs += list(zip(t, t[1:]))
    N = len(pairs)
    f = Counter(pairs)
    f1 = Counter(a for a, _ in pairs)
    f2 = Counter(b for _, b in pairs)
    for r in c.itertuples():
        o11 = f[(r.w1, r.w2)]
        assert r.count == o11 and r.f1 == f1[r.w1] and r.f2 == f2[r.w2]
        e11 = f1[r.w1] * f2[r.w2] / N
        assert math.isclose(r.pmi, math.log2(o11 / e11))
        obs = [o11, f1[r.w1] - o11, f2[r.w2] - o11, N - f1[r.w1] - f2[r.w2] + o11]
        exp = [e11, f1[r.w1] * (N - f2[r.w2]) / N, (N - f1[r.w1]) * f2[r.w2] / N,
               (N - f1[r.w1]) * (N - f2[r.w2]) / N]
        g2 = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o > 0)
        assert math.isclose(r.llr, g2, abs_tol=1e-9)


def test_collocations_on_the_speech(table):
    c = collocations(table, min_freq=3)
    assert (c["count"] >= 3).all()
    assert c["llr"].iloc[:5].is_monotonic_decreasing
    assert ("经济社会", "发展") in set(zip(c["w1"], c["w2"]))
    assert not (set(c["w1"]) | set(c["w2"])) & {"的", "要", "和"}
    p = collocations(table, min_freq=3, measure="pmi")
    assert p["pmi"].is_monotonic_decreasing
    assert len(collocations(table, min_freq=2)) > len(c)
    with pytest.raises(ZhDiscourseError):
        collocations(table, measure="dice")
