"""Structure of the reference corpus: every report parses; the older heading styles are recognised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from zhdiscourse import parse
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.text.survey import structure_table

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "data" / "reference" / "government_work_reports.jsonl"


@pytest.fixture(scope="module")
def reports():
    return open_corpus(REFERENCE).reports()


@pytest.fixture(scope="module")
def table(reports):
    return structure_table(reports).set_index("id")


def test_every_report_parses_with_valid_offsets(reports):
    assert len(reports) == 52
    for d in reports:
        sp = d.speech()
        assert sp.text == d.text
        for s in sp.sections:
            assert sp.text[s.title_start:s.title_end] == s.title
            assert s.start <= s.title_start <= s.title_end <= s.end
            for u in s.subsections:
                assert sp.text[u.start:u.start + len(u.marker)] == u.marker
                assert s.start <= u.start < u.end <= s.end
        for a, b in zip(sp.sections, sp.sections[1:]):
            assert a.end <= b.start
        for sent in sp.sentences:
            assert sp.text[sent.start:sent.end] == sent.text
            assert len(d.original[sent.start:sent.end]) == len(sent.text)


def test_structure_table(table):
    assert len(table) == 52
    assert {"parts", "part_style", "subpoints", "sub_styles", "sentences", "unused"} <= set(table.columns)
    with_parts = table[table["parts"] >= 2]
    assert len(with_parts) >= 48  # all but the reports without any headings (1954, 1975) …
    assert set(table.index[table["parts"] == 0]) <= {"report-1954", "report-1975"}
    # every modern report (2004–2025) has its 一、 parts and sub-points
    modern = table[table["year"] >= 2004]
    assert (modern["part_style"] == "一、").all() and (modern["subpoints"] > 0).all()


def test_bare_title_lines(reports):
    sp = reports["report-1983"].speech()
    assert [s.style for s in sp.sections] == ["bare"] * 3
    assert [s.title for s in sp.sections] == ["过去五年的回顾", "今后五年的主要任务", "结束语"]
    assert [u.marker for u in sp.sections[1].subsections][:2] == ["（一）", "（二）"]


def test_lone_numeral_lines(reports):
    sp = reports["report-1960"].speech()
    assert [(s.number, s.style, s.title) for s in sp.sections] == [(n, "一", "") for n in "一二三四"]
    assert all(sp.text[s.start:s.start + 1] == s.number for s in sp.sections)


def test_nested_lists_do_not_become_parts(reports):
    sp = reports["report-1986"].speech()
    assert [s.number for s in sp.sections] == list("一二三四")
    assert sp.sections[3].title == "坚持独立自主的和平外交政策"
    sp = reports["report-1955"].speech()
    assert [s.number for s in sp.sections] == list("一二三四")


def test_the_outline_that_starts_first_is_the_outer_level(reports):
    sp = reports["report-1981"].speech()
    assert [s.style for s in sp.sections] == ["（一）"] * 3
    assert [u.marker for u in sp.sections[1].subsections][:3] == ["一、", "二、", "三、"]


# ---------------------------------------------------------------- the same rules on small texts


def test_bare_titles_on_a_small_text():
    text = ("各位代表：\n\n我作报告。\n\n过去的回顾\n\n过去做得好。\n一要总结。\n二要提高。\n\n"
            "今后的任务\n\n今后要努力。一要总结，二要提高。\n\n结束语\n\n谢谢。")
    sp = parse(text)
    assert [s.title for s in sp.sections] == ["过去的回顾", "今后的任务", "结束语"]
    assert [u.marker for u in sp.sections[0].subsections] == ["一要", "二要"]
    assert sp.sections[1].subsections == []  # a list inside one sentence organises nothing
    # a by-line before the first sentence is not a title; fewer than two bare lines are not parts
    assert parse("张三\n\n我作报告。\n\n一段话。\n\n结束语\n\n谢谢。").sections == []


def test_lone_numerals_and_nested_lists_on_a_small_text():
    sp = parse("报告如下。\n\n一\n\n第一部分。\n\n二\n\n第二部分。")
    assert [s.number for s in sp.sections] == ["一", "二"] and sp.sections[0].title == ""
    nested = ("一、甲\n\n内容。\n\n二、乙\n\n内容：\n\n一、子一\n\n说明。\n\n二、子二\n\n说明。\n\n"
              "三、子三\n\n说明。\n\n三、丙\n\n内容。")
    sp = parse(nested)
    # same shape for both levels: 子三 continues the innermost open list, 丙 the outer one
    assert [s.title for s in sp.sections] == ["甲", "乙", "丙"]
    indented = nested.replace("一、子", "  一、子").replace("二、子", "  二、子").replace("三、子", "  三、子")
    sp = parse(indented)
    assert [s.title for s in sp.sections] == ["甲", "乙", "丙"]
    assert [u.marker for u in sp.sections[1].subsections] == ["一、", "二、", "三、"]


def test_heading_line_with_commas_keeps_its_whole_title():
    sp = parse("引言。\n\n一、扩大内需，促进增长\n\n内容。\n\n二、深化改革，扩大开放\n\n内容。")
    assert [s.title for s in sp.sections] == ["扩大内需，促进增长", "深化改革，扩大开放"]


def test_structure_table_is_kept_in_the_disk_cache(reports, tmp_path, monkeypatch):
    """The cached table equals the one computed without the cache; a second call reads it back; a corpus
    with one document less is another key."""
    from zhdiscourse.text import survey
    from zhdiscourse.text.corpus import Corpus

    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path))
    computed = []
    real = survey._structure_table
    monkeypatch.setattr(survey, "_structure_table", lambda c: computed.append(1) or real(c))
    first = structure_table(reports)
    again = structure_table(reports)
    assert len(computed) == 1 and list((tmp_path / "corpus-survey").glob("structure-*.pkl"))
    fresh = structure_table(reports, cache=False)
    assert len(computed) == 2
    pd.testing.assert_frame_equal(first, fresh)
    pd.testing.assert_frame_equal(again, fresh)
    structure_table(Corpus(reports.documents[1:]))
    assert len(computed) == 3


def test_document_cleaning_is_the_cleaning_of_its_speech(reports):
    """``Document.cleaning`` (no parse) equals the ``cleaning`` its parsed speech carries; three reports were
    converted from traditional characters."""
    assert [d.cleaning for d in reports] == [d.speech().cleaning for d in reports]
    assert sum(1 for d in reports if d.cleaning.simplified) == 3
