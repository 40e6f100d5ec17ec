from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns import four_char_expressions
from zhdiscourse.patterns.idioms import idiom_set, shape


def test_shapes():
    assert shape("学深学透") == "ABAC"
    assert shape("应读尽读") == "ABCB"
    assert shape("高高兴兴") == "AABB"
    assert shape("研究研究") == "ABAB"
    assert shape("天天向上") == "AABC"
    assert shape("春夏秋冬") is None
    assert shape("的人的事") is None


def test_idioms_and_productive():
    assert "守株待兔" in idiom_set()
    sp = parse("他们守株待兔，我们学深学透，应读尽读。")
    df = four_char_expressions(sp)
    got = dict(zip(df["expression"], df["kind"]))
    assert got["守株待兔"] == "chengyu"
    assert got["学深学透"] == "productive" and got["应读尽读"] == "productive"


def test_speech_idioms(speech):
    df = four_char_expressions(speech)
    ch = set(df[df.kind == "chengyu"]["expression"])
    assert {"众志成城", "同舟共济", "如履薄冰", "前功尽弃"} <= ch
    pr = set(df[df.kind == "productive"]["expression"])
    assert {"应收尽收", "步步推进", "层层深入", "联防联控", "所急所忧"} <= pr
    assert "院联防联" not in pr  # shifted copies are vetoed by token alignment
