"""The token table: columns, offsets, tiling, structure columns, flags."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from zhdiscourse import ZhDiscourseError, parse
from zhdiscourse.tokenize.table import COLUMNS, build_token_table, content_mask, tokens


@pytest.fixture(scope="module")
def table(speech):
    return tokens(speech, cache=False)


def test_columns_and_types(table):
    assert list(table.columns) == COLUMNS
    for c in ("token", "pos", "start", "end", "sentence", "clause", "section", "subsection",
              "is_stop", "is_punct"):
        assert c in table.columns
    assert table["start"].dtype == "int64" and table["end"].dtype == "int64"
    assert table["sentence"].dtype == "int64"
    assert str(table["clause"].dtype) == "Int64"
    for c in ("is_stop", "is_punct", "is_num"):
        assert table[c].dtype == bool
    assert list(table.index) == list(range(len(table)))


def test_offsets_point_into_the_text(speech, table):
    assert (table["end"] > table["start"]).all()
    assert table["start"].is_monotonic_increasing


def test_tokens_tile_every_sentence_exactly(speech, table):
    groups = table.groupby("sentence", sort=True)
    assert len(groups) == len(speech.sentences)
    for s in speech.sentences:
        g = groups.get_group(s.index)
        assert "".join(g["token"]) == s.text
        assert g["start"].iloc[0] == s.start and g["end"].iloc[-1] == s.end
        assert (g["start"].iloc[1:].to_numpy() == g["end"].iloc[:-1].to_numpy()).all()


def test_sentence_section_subsection_columns_match_the_structure(speech, table):
    for r in table.iloc[::7].itertuples():
        assert speech.sentence_at(r.start).index == r.sentence
        sec = speech.section_at(r.start)
        assert (r.section if isinstance(r.section, str) else None) == (sec.number if sec else None)
        sub = speech.subsection_at(r.start)
        assert (r.subsection if isinstance(r.subsection, str) else None) == (sub.label if sub else None)
    assert set(table["section"].dropna()) == {s.number for s in speech.sections}
    assert set(table["subsection"].dropna()) == {u.label for u in speech.subsections}


def test_clause_column(speech, table):
    clauses = {c.index: c for c in speech.clauses}
    has = table[table["clause"].notna()]
    for r in has.itertuples():
        c = clauses[int(r.clause)]
        assert c.start <= r.start and r.end <= c.end and c.sentence == r.sentence
    delims = table[table["token"].isin(list("，；：。！？"))]
    assert delims["clause"].isna().all()
    # every clause is tiled by its tokens
    joined = has.groupby("clause")["token"].agg("".join)
    assert all(joined[c.index] == c.text for c in speech.clauses)


def test_rhetorical_words_stay_visible_and_are_flagged(table):
    toks = set(table["token"])
    assert {"要", "必须", "我们"} <= toks
    flags = table.drop_duplicates("token").set_index("token")["is_stop"]
    assert flags["要"] and flags["我们"] and flags["的"]
    assert flags["同志们"]  # domain stopword list
    assert not flags["疫情防控"]


def test_punctuation_and_numerals_are_flagged_not_dropped(speech, table):
    body_commas = sum(s.text.count("，") for s in speech.sentences)
    assert (table["token"] == "，").sum() == body_commas
    assert table.loc[table["token"] == "，", "is_punct"].all()
    assert table.loc[table["token"].isin(["“", "”", "（", "）", "、"]), "is_punct"].all()
    assert not table.loc[table["token"] == "疫情防控", "is_punct"].any()
    nums = set(table.loc[table["is_num"], "token"])
    assert {"2018", "1396", "46"} <= nums
    assert "疫情" not in nums


def test_content_mask(table):
    m = content_mask(table)
    assert not table.loc[m, "is_punct"].any()
    m2 = content_mask(table, drop_stopwords=True, drop_num=True)
    assert not table.loc[m2, "is_stop"].any() and not table.loc[m2, "is_num"].any()
    assert m2.sum() < m.sum() < len(table)


def test_synthetic_text_with_headings_subpoints_and_mixed_script():
    text = ("一、总体要求坚持稳中求进。\n一是抓好 GDP 核算，二是落实2.5%目标。\n"
            "二、重点任务要继续扩大内需；\n第一，稳就业。第二，保民生！")
    sp = parse(text)
    df = tokens(sp, cache=False)
    for s in sp.sentences:
        assert "".join(df.loc[df["sentence"] == s.index, "token"]) == s.text
    assert set(df["section"].dropna()) == {"一", "二"}
    assert df.loc[df["token"] == " ", "is_punct"].all()


def test_accepts_text_and_rejects_other_input():
    df = tokens("我们要做好工作。", cache=False)
    assert "".join(df["token"]) == "我们要做好工作。"
    with pytest.raises(ZhDiscourseError):
        tokens(42, cache=False)


def test_text_without_sentences_gives_an_empty_table_with_the_columns():
    sp = parse("标题\n")
    assert sp.sentences == []
    df = build_token_table(sp)
    assert df.empty and list(df.columns) == COLUMNS


han = st.sampled_from(list("一二三是要第关于工作发展疫情防控我们的，。！？、；：\n ab1"))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=han, min_size=1, max_size=80))
def test_tiling_holds_for_arbitrary_parsed_text(text):
    try:
        sp = parse(text)
    except ZhDiscourseError:
        return
    df = build_token_table(sp)
    assert len(df) == 0 or df["start"].is_monotonic_increasing
    assert all(text[a:b] == t for t, a, b in zip(df["token"], df["start"], df["end"]))
    got = df.groupby("sentence")["token"].agg("".join)
    for s in sp.sentences:
        assert got[s.index] == s.text


def test_same_input_same_table(speech, table):
    pd.testing.assert_frame_equal(table, build_token_table(speech))
