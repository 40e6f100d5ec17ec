"""The full partition of a text into segments (sub-points, part preambles, the opening): units that
cover every body token exactly once, on a hand-made text and on the study's speech."""

import numpy as np
import pandas as pd
import pytest

from toy_tables import toy_tokens
from zhdiscourse import parse
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats import spread
from zhdiscourse.text.model import choose_unit, count_units
from zhdiscourse.tokenize.table import content_tokens, tokens
from zhdiscourse.tokenize.units import coverage, documents, segment_labels

TEXT = ("同志们：\n今天开会。\n一、关于工作\n工作很重要。大家要努力。\n（一）加强领导。我们要加强领导，领导干部要带头。\n"
        "（二）做好服务。中心工作要有信心。\n二、关于纪律\n纪律要严明。干部要守纪律。\n")


@pytest.fixture(scope="module")
def toy():
    sp = parse(TEXT)
    return sp, tokens(sp, cache=False)


def test_segments_of_a_hand_made_text(toy):
    sp, _tok = toy
    seg = sp.units("segment")
    assert [lab for lab, _a, _b in seg] == ["opening", "一.preamble", "一.（一）", "一.（二）", "二"]
    # they tile the body: the first starts at the body start, each ends where the next begins
    assert seg[0][1] == sp.body_start and seg[-1][2] == sp.body_end
    assert all(b == a2 for (_l, _a, b), (_l2, a2, _b2) in zip(seg, seg[1:]))
    assert sp.text[seg[1][1]:seg[1][2]].startswith("一、关于工作") and sp.text[seg[2][1]:].startswith("（一）")
    assert count_units(sp, "segment") == 5


def test_segment_documents_tile_the_body_tokens(toy):
    sp, tok = toy
    for content_only in (True, False):
        docs = documents(tok, "segment", speech=sp, content_only=content_only)
        body = content_tokens(tok) if content_only else tok
        assert docs["n_tokens"].sum() == len(body)
        # every token is in exactly one unit: the unit whose span holds its start offset
        spans = sp.units("segment")
        owner = [[lab for lab, a, b in spans if a <= s < b] for s in body["start"]]
        assert all(len(o) == 1 for o in owner)
        by_offset = pd.Series([o[0] for o in owner]).value_counts()
        assert by_offset.reindex(docs["doc"]).tolist() == docs["n_tokens"].tolist()
    # the part's heading and the text before its first sub-point form its preamble
    all_toks = documents(tok, "segment", speech=sp, content_only=False).set_index("doc")
    assert "".join(all_toks.loc["一.preamble", "tokens"]).startswith("一、关于工作")
    docs = documents(tok, "segment", speech=sp)
    assert pd.isna(docs.set_index("doc").loc["opening", "section"])
    assert docs.set_index("doc").loc["二", "section"] == "二"


def test_segment_labels_from_columns_alone():
    # a toy table without a Speech: sub-point labels, the preamble of a part with sub-points, a part
    # without sub-points under its number, tokens outside every part as the opening
    t = pd.DataFrame({"section": [None, "一", "一", "一", "二"], "subsection": [None, None, "一.1", "一.1", None]})
    assert segment_labels(t).tolist() == ["opening", "一.preamble", "一.1", "一.1", "二"]


def test_coverage_says_what_sub_points_leave_out(toy):
    sp, tok = toy
    n = len(content_tokens(tok))
    sub = coverage(tok, "subsection", speech=sp)
    seg = coverage(tok, "segment", speech=sp)
    inside = sum(len(t) for t in documents(tok, "subsection", speech=sp)["tokens"])
    assert (sub["tokens"], sub["body_tokens"], sub["units"]) == (inside, n, 2)
    assert sub["share"] == pytest.approx(inside / n) and sub["share"] < 1
    assert (seg["tokens"], seg["share"], seg["units"]) == (n, 1.0, 5)


def test_choose_unit_falls_back_from_segments_on_a_text_without_outline():
    sp = parse("今天开会。大家要努力。工作很重要。")
    assert count_units(sp, "segment") == 1
    assert choose_unit(sp, "segment")[0] == "sentence"


def test_dp_on_segments_by_hand():
    # segments of sizes 3, 2 (part 一's two sub-points) and 4 (part 二 as a whole): s = 3/9, 2/9, 4/9;
    # 甲 occurs 1, 0, 3 times: v = 1/4, 0, 3/4; DP = ½ (|1/4 − 1/3| + 2/9 + |3/4 − 4/9|)
    tok = toy_tokens({"一": [["甲", "乙", "丙"], ["乙", "丙"]]})
    two = toy_tokens({"二": [["甲", "甲", "甲", "丁"]]}).assign(subsection=None, start=lambda d: d["start"] + 100,
                                                                   sentence=lambda d: d["sentence"] + 10)
    tok = pd.concat([tok, two], ignore_index=True)
    d = spread.dp(spread.unit_rates(tok, ["甲"], "segment")).set_index("term")
    assert d.loc["甲", "n_units"] == 3
    assert d.loc["甲", "dp"] == pytest.approx(0.5 * (abs(1 / 4 - 1 / 3) + 2 / 9 + abs(3 / 4 - 4 / 9)))


def test_unknown_unit_is_an_error(toy):
    sp, tok = toy
    with pytest.raises(ZhDiscourseError):
        sp.units("paragraph")
    with pytest.raises(ZhDiscourseError):
        documents(tok, "paragraph")


# --- the study's speech ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech_tok(speech):
    return tokens(speech)


def test_speech_sub_points_cover_71_percent(speech, speech_tok):
    sub = coverage(speech_tok, "subsection", speech=speech)
    seg = coverage(speech_tok, "segment", speech=speech)
    assert (sub["units"], round(sub["share"], 2)) == (25, 0.71)
    assert (seg["units"], seg["share"]) == (30, 1.0)
    docs = documents(speech_tok, "segment", speech=speech).set_index("doc")
    # part 四's preamble holds most of the part's content words
    part4 = docs[docs["section"] == "四"]["n_tokens"]
    assert (int(part4["四.preamble"]), int(part4.sum())) == (533, 693)
    # 29 of the 30 segments lie inside the parts; the 30th is the opening before part 一
    assert int(docs["section"].notna().sum()) == 29 and docs.index[0] == "opening"


def test_speech_dp_on_the_full_partition(speech, speech_tok):
    """The issue's values (DP 疫情防控 0.37, 就业 0.95, 干部 0.68 on 29 units inside the parts) are computed
    here on the segments: with the opening (30 units, the whole body) and without it (29)."""
    terms = ["疫情防控", "就业", "干部"]
    full = spread.dp(spread.unit_rates(speech_tok, terms, "segment", speech=speech)).set_index("term")
    sub = spread.dp(spread.unit_rates(speech_tok, terms, "subsection", speech=speech)).set_index("term")
    in_parts = speech_tok[speech_tok["section"].notna()]
    parts29 = spread.dp(spread.unit_rates(in_parts, terms, "segment")).set_index("term")
    assert full["n_units"].iloc[0] == 30 and parts29["n_units"].iloc[0] == 29
    assert [round(v, 2) for v in full["dp"]] == [0.37, 0.95, 0.68]
    assert [round(v, 2) for v in parts29["dp"]] == [0.37, 0.95, 0.68]
    # on the sub-points alone 干部 shows 3 of its 14 occurrences, 疫情防控 30 of 61
    assert (int(sub.loc["干部", "freq"]), int(full.loc["干部", "freq"])) == (3, 14)
    assert (int(sub.loc["疫情防控", "freq"]), int(full.loc["疫情防控", "freq"])) == (30, 61)
    assert (int(parts29.loc["疫情防控", "freq"])) == 58
    assert round(sub.loc["干部", "dp"], 2) == 0.87
    assert np.isclose(full["dp"], full["dp"]).all()
