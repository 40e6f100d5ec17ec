"""directive_events: the modal 要 and the directive-family markers as one table, the events every
directive density counts."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns import directive_events, directive_profile, directives, modal_yao

TEXT = "一、总体要求\n我们要加强管理，必须坚决落实。这很重要，需要支持。\n二、工作安排\n各地还要一定做好，不要拖延。\n"


def test_events_by_hand():
    sp = parse(TEXT)
    ev = directive_events(sp)
    # 要 (modal), 必须, 坚决, 还要's 要, 一定; not 重要 / 需要 (lexical) and not 不要 (prohibitive)
    assert ev["marker"].tolist() == ["要", "必须", "坚决", "要", "一定"]
    assert all(sp.text[a:b] == m for m, a, b in zip(ev["marker"], ev["start"], ev["end"]))
    assert ev["start"].is_monotonic_increasing
    assert ev["section"].tolist() == ["一", "一", "一", "二", "二"]
    assert list(ev.columns) == ["marker", "start", "end", "sentence", "section", "subsection"]


def test_events_are_what_the_profile_counts(speech):
    ev = directive_events(speech)
    prof = directive_profile(speech, by="section")
    assert len(ev) == len(modal_yao(speech)) + len(directives(speech)) == int(prof["all"].sum())
    assert ev.groupby("section").size().reindex(prof["unit"]).tolist() == prof["all"].tolist()


def test_events_of_a_text_without_directives():
    ev = directive_events(parse("今天天气很好。我们去公园。\n"))
    assert ev.empty and list(ev.columns) == ["marker", "start", "end", "sentence", "section", "subsection"]
