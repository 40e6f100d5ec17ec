"""Sortable KWIC: context words 1L … nR (word tokens, punctuation skipped) and sorting by them."""

from __future__ import annotations

import pandas as pd
import pytest
from toy_tables import toy_tokens

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats import context_words, kwic, sort_kwic
from zhdiscourse.stats.contexts import parse_keys


@pytest.fixture
def table():
    # 乙 中 丁 ， 甲 | 丙 中 甲 。 | 中 乙
    return toy_tokens({"一": [["乙", "中", "丁", "，", "甲"], ["丙", "中", "甲", "。"]], "二": [["中", "乙"]]})


def _kwic(table, word="中"):
    hits = table[table["token"] == word]
    return pd.DataFrame({"left": "", "keyword": word, "right": "", "section": hits["section"].to_numpy(),
                         "subsection": hits["subsection"].to_numpy(), "start": hits["start"].to_numpy(),
                         "end": hits["end"].to_numpy()})


def test_context_words_skip_punctuation_and_run_across_sentences(table):
    ctx = context_words(_kwic(table), table, n=2)
    assert list(ctx.columns[:7]) == ["left", "keyword", "right", "2L", "1L", "1R", "2R"]
    assert ctx[["2L", "1L", "1R", "2R"]].values.tolist() == [
        ["", "乙", "丁", "甲"],       # the text starts: no 2L
        ["甲", "丙", "甲", "中"],     # 2L is 甲 of the first sentence; 1R … 2R run on past 。
        ["中", "甲", "乙", ""],       # the text ends: no 2R
    ]


def test_sort_by_keys_then_text_order(table):
    k = _kwic(table)
    assert sort_kwic(k, "1R", table)["1R"].tolist() == sorted(["丁", "甲", "乙"])
    by_l = sort_kwic(k, ["1L", "2L"], table)
    assert by_l["1L"].tolist() == sorted(["乙", "丙", "甲"]) and by_l.attrs["sorted_by"] == ["1L", "2L"]
    same = sort_kwic(k.assign(keyword="中"), "KW", table)
    assert same["start"].is_monotonic_increasing  # equal keys keep text order


def test_parse_keys():
    assert parse_keys("1r, 2R") == ["1R", "2R"] and parse_keys(["kw", "3L"]) == ["KW", "3L"]
    for bad in ("1X", "0L", "", "10R"):
        with pytest.raises(ZhDiscourseError):
            parse_keys(bad)


def test_needs_tokens_unless_the_columns_are_there(table):
    k = _kwic(table)
    with pytest.raises(ZhDiscourseError, match="token table"):
        sort_kwic(k, "1R")
    ctx = context_words(k, table, n=2)
    assert sort_kwic(ctx, "2R")["2R"].tolist() == sorted(ctx["2R"])


def test_on_the_speech(speech):
    k = sort_kwic(kwic(speech, "阻击战", window=5), "1L,2L", speech)
    assert len(k) == 5 and k["1L"].tolist() == sorted(k["1L"])
    assert set(k["section"]) <= {"一", "二", "三", "四"}
    # 1L is the word right before the match (punctuation skipped), a whole token
    assert all(speech.text[:a].rstrip("，、。；： \n").endswith(w) for a, w in zip(k["start"], k["1L"]))
