"""The outline with part preambles, and the shares of the body by kind of segment."""

import pytest

from zhdiscourse import parse
from zhdiscourse.text.measure import nonspace_chars
from zhdiscourse.text.outline import outline_table, segment_shares

TEXT = ("同志们：\n今天开会。\n一、关于工作\n工作很重要。大家要努力。\n（一）加强领导。我们要加强领导。\n"
        "（二）做好服务。\n二、关于纪律\n纪律要严明。\n")


def test_outline_without_preambles_is_unchanged():
    sp = parse(TEXT)
    assert list(outline_table(sp)["level"]) == ["opening", "part", "sub-point", "sub-point", "part"]


def test_preamble_rows_follow_their_part():
    sp = parse(TEXT)
    t = outline_table(sp, preambles=True)
    assert list(t["level"]) == ["opening", "part", "preamble", "sub-point", "sub-point", "part"]
    pre = t[t["level"] == "preamble"].iloc[0]
    assert pre["label"] == "一.preamble" and pre["part"] == "一"
    assert sp.text[pre["start"]:pre["end"]].startswith("一、关于工作") and pre["end"] == sp.sections[0].subsections[0].start
    assert pre["chars"] == nonspace_chars(sp.text, pre["start"], pre["end"])


def test_segment_shares_sum_to_the_body():
    sp = parse(TEXT)
    s = segment_shares(sp).set_index("level")
    assert s["chars"].sum() == nonspace_chars(sp.text, sp.body_start, sp.body_end)
    assert s["share_chars"].sum() == pytest.approx(1.0)
    assert dict(s["units"]) == {"opening": 1, "preamble": 1, "sub-point": 2, "part": 1}


def test_speech_sub_points_hold_69_percent_of_the_characters(speech):
    s = segment_shares(speech).set_index("level")
    assert dict(s["units"]) == {"opening": 1, "preamble": 4, "sub-point": 25}
    assert round(s.loc["sub-point", "share_chars"], 3) == 0.689
