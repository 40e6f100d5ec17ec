"""The series tagger's features of all lines at once (``parallelism.features.feature_rows``) are the rows of
``clauses.line_features`` — the definition — clause by clause, and give the same emission scores bit for bit."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhdiscourse.patterns.parallelism import tagging
from zhdiscourse.patterns.parallelism.clauses import clause_lines, line_features
from zhdiscourse.patterns.parallelism.features import feature_rows
from zhdiscourse.patterns.parallelism.model import load_model
from zhdiscourse.text.corpus import open_corpus

#: Lines that reach every branch: several segments, every punctuation class, quotes, a NUL character,
#: characters outside the BMP, a clause of more than 64 tags, long shared openings and endings (longer than
#: one comparison block), clauses far apart that share an opening, one-clause lines, letters and digits.
EDGES = "\n".join([
    "要坚持人民至上，要坚持生命至上，要坚持科学防治；要坚持精准施策。要加强领导！要压实责任？",
    "“我们要稳住经济”，我们要保障民生、我们要守住底线……我们要防范风险：要落实责任",
    "a\x00b要求，a\x00c要求，𠀀字在前，𠀀宇在后，𠀀字再来",
    "，".join(["在党中央坚强领导下各地区各部门坚决贯彻落实党中央决策部署全力以赴抓好疫情防控工作和经济社会发展"
              "统筹推进各项工作取得积极成效人民群众生命安全和身体健康得到有效保障" * 2 + s for s in "甲乙丙"]),
    "，".join(["坚持以人民为中心的发展思想不断增强人民群众获得感幸福感安全感" + s for s in "一二三四"]),
    "一是加强监测，二是完善预案，三是强化保障，四是严格考核，五是加强宣传，六是做好总结，七是完善制度，八是加强领导",
    "只有一个分句",
    "GDP增长6.1%，CPI上涨2.9%，PPI下降0.3%，",
    "（一）坚持稳中求进。（二）坚持改革开放；（三）坚持创新驱动，",
])


def _check(text: str) -> int:
    model = load_model()
    with tagging.session():
        lines = clause_lines(text)
        long = [ln for ln in lines if len(ln) >= 2]
        ids, counts = feature_rows(long, model.index)
        ref = [row for ln in long for row in line_features(ln, {}, model.index)]
        assert counts.tolist() == [len(r) for r in ref]
        assert ids.tolist() == [k for r in ref for k in r]
        new = model.lines_emissions(lines)
        for ln, em in zip(lines, new):
            if len(ln) < 2:
                assert em is None
            else:
                assert em.tobytes() == model.line_emissions(ln).tobytes()
    return len(ref)


def test_edge_cases():
    assert _check(EDGES) > 30
    with tagging.session():
        lines = clause_lines(EDGES)
    assert max(len(c.tags) for ln in lines for c in ln) > 64  # the Python LCS of long tag sequences
    assert any("\x00" in c.text for ln in lines for c in ln)
    assert any(len({c.seg for c in ln}) > 2 for ln in lines)


def test_the_speech(speech):
    assert _check(speech.text[speech.body_start:speech.body_end]) > 800


@pytest.mark.parametrize("k", [0, 17, 40])
def test_reports(k):
    doc = list(open_corpus(Path(__file__).resolve().parents[2] / "data" / "reference" / "government_work_reports.jsonl"))[k]
    assert _check(doc.speech().text) > 500


def test_no_lines():
    ids, counts = feature_rows([], load_model().index)
    assert ids.size == 0 and counts.size == 0


def test_emission_sums_do_not_depend_on_the_chunks(speech, monkeypatch):
    from zhdiscourse.patterns.parallelism import model as model_module

    model = load_model()
    with tagging.session():
        lines = [ln for ln in clause_lines(speech.text, speech.body_start, speech.body_end) if len(ln) >= 2]
    ids, counts = feature_rows(lines, model.index)
    whole = model.summed_rows(ids, counts)
    monkeypatch.setattr(model_module, "_CHUNK", 7)
    assert model.summed_rows(ids, counts).tobytes() == whole.tobytes()
    rows = [r for ln in lines for r in line_features(ln, {}, model.index)]
    assert model.row_emissions(rows).tobytes() == whole.tobytes()


@pytest.mark.parametrize("chunk", [1, 9, 100_000])
def test_line_groups_give_the_same_emissions(speech, monkeypatch, chunk):
    """The lines' features computed group by group (``_LINE_CHUNK`` clauses; a longer line on its own) give
    the emission scores of all lines at once, bit for bit, with ``None`` for lines of one clause."""
    from zhdiscourse.patterns.parallelism import model as model_module

    model = load_model()
    with tagging.session():
        lines = clause_lines(speech.text, speech.body_start, speech.body_end)
    long = [ln for ln in lines if len(ln) >= 2]
    whole = model.summed_rows(*feature_rows(long, model.index))
    monkeypatch.setattr(model_module, "_LINE_CHUNK", chunk)
    got = model.lines_emissions(lines)
    assert [e is None for e in got] == [len(ln) < 2 for ln in lines]
    joined = [e for e in got if e is not None]
    assert len(joined) == len(long)
    import numpy as np

    expect = whole.copy()
    expect[:, 0] -= model.decode_bias
    assert np.concatenate(joined).tobytes() == expect.tobytes()
    assert model.lines_emissions([]) == []
