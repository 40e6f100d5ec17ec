"""Comparable sections: roles of parts, densities per part of a corpus, the speech's parts against
the reports' parts of the same role, and the second reference corpus (CPC congress reports)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toy_tables import write_jsonl
from zhdiscourse import parse
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats import sections as se
from zhdiscourse.stats.reference import CONGRESS_YEARS, load_congress_reports
from zhdiscourse.text.corpus import load_jsonl, open_corpus

ROOT = Path(__file__).resolve().parents[2]
CONGRESS = ROOT / "data" / "reference" / "cpc_congress_reports_1-18.jsonl"
GWR = ROOT / "data" / "reference" / "government_work_reports.jsonl"

SPEECH = "一、过去一年的工作\n我们做了工作。我们完成了任务。\n二、今年的任务\n要发展。要改革，要开放。\n"
DOCS = [
    {"title": "甲", "year": 1991, "content": "一、工作回顾\n\n我们发展了经济。要总结经验。\n\n二、任务\n\n要发展经济。"},
    {"title": "乙", "year": 1995, "content": "一、形势\n\n形势很好。\n\n二、任务\n\n要改革。要开放。要稳定。\n\n三、外交\n\n要和平。"},
    {"title": "丙", "year": 2003, "content": "各位代表：\n\n今年要稳定增长。"},
]


def yao(sp):
    return pd.DataFrame({"start": [i for i in range(sp.body_start, sp.body_end) if sp.text[i] == "要"]})


@pytest.fixture()
def corpus(tmp_path):
    return load_jsonl(write_jsonl(tmp_path / "c.jsonl", DOCS))


def test_roles_first_part_is_the_review():
    r = se.section_roles(parse(SPEECH))
    assert r["role"].tolist() == ["review", "tasks"]
    assert r["review_title"].tolist() == [True, False]  # 过去 names a review


def test_era_of():
    assert se.era_of(1978) == "1970s" and se.era_of(None) is None
    assert se.era_of(1990, [("early", 1950, 1979), ("late", 1980, 2030)]) == "late"
    assert se.era_of(1940, [("late", 1980, 2030)]) is None


def test_section_densities_of_a_toy_corpus(corpus):
    t = se.section_densities(corpus, yao, n_boot=200)
    assert t.attrs["without_parts"] == ["report-2003"]
    assert t["doc"].tolist() == ["report-1991", "report-1991", "report-1995", "report-1995", "report-1995"]
    assert t["role"].tolist() == ["review", "tasks", "review", "tasks", "tasks"]
    assert t.attrs["review_title_share"] == 0.5  # 回顾 in 1991's first title, not in 1995's
    row = t[(t["doc"] == "report-1995") & (t["section"] == "二")].iloc[0]
    assert row["directives"] == 3
    assert row["directives_per_1k"] == pytest.approx(1000 * 3 / row["chars"])
    roles = se.section_densities(corpus, yao, grouping="role", n_boot=200)
    tasks95 = roles[(roles["doc"] == "report-1995") & (roles["role"] == "tasks")].iloc[0]
    assert tasks95["section"] == "二-三" and tasks95["directives"] == 4
    whole = se.document_densities(corpus, yao, n_boot=200).set_index("doc")
    assert whole.loc["report-2003", "directives"] == 1 and whole.loc["report-1991", "era"] == "1990s"


def test_compare_parts_by_hand(corpus):
    ref = se.section_densities(corpus, yao, n_boot=200)
    parts = se.part_densities(parse(SPEECH), yao, n_boot=200)
    cmp = se.compare_parts(parts, ref).set_index(["section", "era"])
    review = cmp.loc[("一", "all")]
    # the speech's review has no 要; the reports' reviews have 1 (1991) and 0 (1995)
    vals = sorted(ref.loc[ref["role"] == "review", "directives_per_1k"])
    assert review["value"] == 0 and vals[0] == 0 and vals[1] > 0
    assert (review["n"], review["below"], review["equal"], review["above"]) == (2, 0, 1, 1)
    assert review["p_low"] == pytest.approx((1 + 1) / 3) and review["p_high"] == pytest.approx((1 + 2) / 3)
    tasks = cmp.loc[("二", "all")]
    assert tasks["n"] == 3 and tasks["max_doc"] in set(ref["doc"])
    assert set(cmp.index.get_level_values("era")) == {"all", "1990s"}
    with pytest.raises(ZhDiscourseError):
        se.compare_parts(parts.rename(columns={"directives_per_1k": "x"}), ref)
    with pytest.raises(ZhDiscourseError):
        se.part_densities(parse("没有部分的文字。要做好。"), yao)


def test_era_summary(corpus):
    s = se.era_summary(se.section_densities(corpus, yao, n_boot=50)).set_index(["era", "role"])
    assert s.loc[("1990s", "tasks"), "parts"] == 3 and s.loc[("1990s", "review"), "documents"] == 2


# --- the congress reports ---------------------------------------------------------------------------


def test_congress_loader_on_a_toy_file(tmp_path):
    recs = [{"title": "甲", "content": "同志们：一、回顾\n做了工作。", "congress": 1, "type": "cpc_congress_report"},
            {"title": "乙", "content": "同志们：一、回顾\n做了工作。", "congress": 1, "type": "cpc_congress_report"},
            {"title": "丙", "content": "同志们：要团结。", "congress": 12, "type": "cpc_congress_report"}]
    p = write_jsonl(tmp_path / "c.jsonl", recs)
    c = load_congress_reports(p)
    assert [d.id for d in c] == ["congress-01", "congress-01b", "congress-12"]
    assert [d.year for d in c] == [1921, 1921, 1982] and {d.kind for d in c} == {"congress_report"}
    assert [d.id for d in load_congress_reports(p, min_congress=9)] == ["congress-12"]
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"title": "x", "content": "文字。"}])
    with pytest.raises(ZhDiscourseError):
        load_congress_reports(bad)


def test_congress_corpus_copy():
    c = load_congress_reports(CONGRESS)
    assert len(c) == 13 and c["congress-18"].year == CONGRESS_YEARS[18] == 2012
    assert [d.id for d in load_congress_reports(CONGRESS, min_congress=9)][0] == "congress-09"
    assert len(load_congress_reports(CONGRESS, min_congress=9)) == 10


# --- the speech against the reports ----------------------------------------------------------------


#: the events of each parsed document already computed by _directives (the Speech is kept, so its id is not reused):
#: the two groupings below count the same events of the same documents of one corpus
_EVENTS: dict[int, tuple] = {}


def _directives(sp):
    from zhdiscourse import patterns as pt

    hit = _EVENTS.get(id(sp))
    if hit is None or hit[0] is not sp:
        hit = _EVENTS[id(sp)] = (sp, pd.concat([pt.modal_yao(sp)[["start"]], pt.directives(sp)[["start"]]]))
    return hit[1].copy()


@pytest.fixture(scope="module")
def gwr_corpus():
    """The reports, opened once for the tests below (each document parsed once, its events found once)."""
    yield open_corpus(GWR)
    _EVENTS.clear()


@pytest.fixture(scope="module")
def gwr(gwr_corpus):
    return se.section_densities(gwr_corpus, _directives)


def test_speech_review_part_against_the_reports_review_parts(speech, gwr):
    parts = se.part_densities(speech, _directives)
    cmp = se.compare_parts(parts, gwr).set_index(["section", "era"])
    review = cmp.loc[("一", "all")]
    # 33 of the 50 reports with parts have a less directive first part than the speech's 1.7
    assert (review["n"], review["below"]) == (50, 33) and round(review["value"], 1) == 1.7
    assert gwr.attrs["without_parts"] == ["report-1954", "report-1975"]
    # every report of the 2010s and 2020s has a less directive review than the speech
    assert cmp.loc[("一", "2020s"), "share_below"] == 1.0 and cmp.loc[("一", "2010s"), "below"] == 9
    # the speech's task parts against the reports' individual task parts: 二 above all 166 (report-1987 has
    # four parts: its 三、 heading is glued to the text and was missed before issue 12's parser)
    assert (cmp.loc[("二", "all"), "n"], cmp.loc[("二", "all"), "above"]) == (166, 0)
    assert cmp.loc[("三", "all"), "above"] == 1 and cmp.loc[("四", "all"), "above"] == 3


def test_speech_task_parts_together_against_the_reports_task_parts(speech, gwr_corpus):
    roles = se.section_densities(gwr_corpus, _directives, grouping="role")
    parts = se.part_densities(speech, _directives, grouping="role")
    cmp = se.compare_parts(parts, roles, by_era=False).set_index("role")
    assert round(cmp.loc["tasks", "value"], 1) == 21.3
    assert cmp.loc["tasks", "above"] == 0 and round(cmp.loc["tasks", "max"], 1) == 14.6
    assert cmp.loc["tasks", "max_doc"] == "report-1982"
    # the speech's interval for its task parts lies above every report's task parts
    assert cmp.loc["tasks", "above_hi"] == 0 and cmp.loc["tasks", "lo"] > cmp.loc["tasks", "max"]


# --- the disk cache ---------------------------------------------------------------------------------


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert repr(a.attrs) == repr(b.attrs)


def test_library_events_are_cached_bit_for_bit(corpus, tmp_path, monkeypatch):
    from zhdiscourse import patterns as pt

    events = pt.directive_events
    for fn, kw in ((se.section_densities, {"grouping": "role"}), (se.document_densities, {})):
        cold = fn(corpus, events, n_boot=200, cache=False, **kw)
        first = fn(corpus, events, n_boot=200, cache_dir=tmp_path, **kw)
        monkeypatch.setattr(se, "_part_table", lambda *a, **k: pytest.fail("computed although cached"))
        monkeypatch.setattr(se, "count_events", lambda *a, **k: pytest.fail("computed although cached"))
        warm = fn(corpus, events, n_boot=200, cache_dir=tmp_path, **kw)
        monkeypatch.undo()
        _same(first, cold)
        _same(warm, cold)
    assert len(list(tmp_path.glob("sections-*.pkl"))) == 2
    # other arguments, other entries
    se.section_densities(corpus, events, n_boot=100, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("sections-*.pkl"))) == 3


def test_a_notebooks_own_function_is_never_cached(corpus, tmp_path):
    se.section_densities(corpus, yao, n_boot=200, cache_dir=tmp_path)
    se.document_densities(corpus, lambda sp: yao(sp), n_boot=200, cache_dir=tmp_path)
    assert not list(tmp_path.glob("sections-*.pkl"))
    assert se._library_fingerprint(yao) is None


def test_key_follows_texts_and_lexicons(corpus, tmp_path, monkeypatch):
    from zhdiscourse import patterns as pt
    from zhdiscourse.lexicon import LEXICON_ENV

    docs = se._ordered(corpus, "report")
    key = se._corpus_key("s", docs, pt.directive_events, {"n_boot": 200})
    assert key == se._corpus_key("s", docs, pt.directive_events, {"n_boot": 200})
    assert key != se._corpus_key("s", docs, pt.directive_events, {"n_boot": 201})
    assert key != se._corpus_key("s", docs[:-1], pt.directive_events, {"n_boot": 200})
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "modal.txt").write_text("x: 务必\n", encoding="utf-8")
    monkeypatch.setenv(LEXICON_ENV, str(tmp_path / "lex"))
    assert key != se._corpus_key("s", docs, pt.directive_events, {"n_boot": 200})
