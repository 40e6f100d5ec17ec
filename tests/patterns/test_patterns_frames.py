"""The frame template language."""

from __future__ import annotations

import pytest

from zhdiscourse import ZhDiscourseError, parse
from zhdiscourse.patterns import compile_template, find_frames, match_template, read_templates


def test_slots_and_repeated_slot():
    text = "对新生应查尽查，对老生应补尽补，对教师应训尽训，对家长应查尽访。"
    got = match_template(text, "对{X}应{Y}尽{Y}")
    assert [m["slots"]["X"]["text"] for m in got] == ["新生", "老生", "教师"]
    assert [m["slots"]["Y"]["text"] for m in got] == ["查", "补", "训"]
    for m in got:
        assert text[m["start"]:m["end"]] == m["text"]
        for s in m["slots"].values():
            assert text[s["start"]:s["end"]] == s["text"]


def test_slot_lengths_and_gap():
    text = "东区学校要开学，西区学校要放假。"
    assert [m["slots"]["X"]["text"] for m in match_template(text, "{X:1}区学校要")] == ["东", "西"]
    assert [m["slots"]["X"]["text"] for m in match_template(text, "{X}区学校要")] == ["东", "西"]
    assert match_template("既要读书，也要锻炼。", "既要…也要")[0]["text"] == "既要读书，也要"
    assert match_template("学习之心", "增强{X}之心") == []


@pytest.mark.parametrize("bad", ["", "{X}", "必须{X:0}", "必须{X:3-1}", "必须{X"])
def test_bad_templates(bad):
    with pytest.raises(ZhDiscourseError):
        compile_template(bad)


def test_templates_file(tmp_path):
    f = tmp_path / "frames.txt"
    f.write_text("# comment\n\nheart = 增强{X:1-4}之心  # trailing comment\n{X:1}区学校要 @min=3\n", encoding="utf-8")
    tpls = read_templates(f)
    assert [t.name for t in tpls] == ["heart", "{X:1}区学校要"]
    assert tpls[1].min_members == 3
    sp = parse("要增强信心之心，增强耐心之心。东区学校要开学，西区学校要放假。")
    fr = find_frames(sp, tpls)
    assert len(fr) == 1 and [m["slots"]["X"] for m in fr[0]["members"]] == ["信心", "耐心"]
    f.write_text("ok = 增强{X}之心\n坏 = {X\n", encoding="utf-8")
    with pytest.raises(ZhDiscourseError, match="line 2"):
        read_templates(f)


def test_speech_heart_frame(speech):
    fr = [f for f in find_frames(speech) if f["frame"].startswith("必须增强")]
    assert len(fr) == 1
    members = fr[0]["members"]
    assert [m["slots"]["X"] for m in members] == ["必胜", "责任", "仁爱", "谨慎"]
    assert fr[0]["section"] == "四"


def test_speech_other_frames(speech):
    fr = {f["name"]: f for f in find_frames(speech)}
    assert [m["slots"]["Y"] for m in fr["should-all"]["members"]] == ["收", "检", "隔"]
    assert [m["slots"]["X"] for m in fr["risk-area"]["members"]] == ["低", "中", "高"]
