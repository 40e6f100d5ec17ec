from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns import enumerations


def test_styles_and_continuation():
    sp = parse("工作有三点：一是读书；二是锻炼；三是休息。第一时间报告，第一线同志辛苦。"
               "第一，要团结。第二，要奋斗。一要学习，二要实践。（一）总则。（三）附则。")
    en = enumerations(sp)
    styles = [e["style"] for e in en]
    assert styles == ["一是", "第一，", "一要"]
    assert en[0]["markers"] == ["一是", "二是", "三是"]
    assert en[0]["members"][0]["text"] == "一是读书"


def test_speech_enumerations(speech):
    en = enumerations(speech)
    assert [(e["style"], len(e["markers"]), e["section"]) for e in en] == [
        ("一是", 7, "一"), ("第一，", 7, "二"), ("第一，", 8, "三"), ("一要", 3, "四")]
