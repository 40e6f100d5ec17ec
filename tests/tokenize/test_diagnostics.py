"""zhdiscourse.tokenize.diagnostics (key-unit coverage, HMM changes) and plots.segmentation.key_unit_bars."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from zhdiscourse import ZhDiscourseError
from zhdiscourse.plots import setup_fonts
from zhdiscourse.plots.segmentation import key_unit_bars
from zhdiscourse.tokenize.diagnostics import COVERAGE_COLUMNS, HMM_COLUMNS, hmm_changes, key_unit_coverage

TOY = """关于学校工作的几点意见
一、关于防疫工作
要做好疫情防控。疫情防控是大事，复工复产也要抓好。
二、关于教学工作
老师要认真备课，复工复产以后按时开课。"""


def test_coverage_counts_matches_and_tokens(speech):
    cov = key_unit_coverage(speech, ["疫情防控", "阻击战", "不存在的词语"])
    assert list(cov.columns) == COVERAGE_COLUMNS
    assert list(cov.unit) == ["疫情防控", "阻击战"]  # units absent from the text are left out
    row = cov.set_index("unit").loc["疫情防控"]
    assert row.occurrences == sum(s.text.count("疫情防控") for s in speech.sentences)
    assert row.whole_before == 0 and row.whole_after == row.occurrences  # jieba alone splits it
    assert cov.set_index("unit").loc["阻击战", "share_before"] == 1.0  # already a jieba word
    assert cov.attrs["share_after"] == pytest.approx(cov.whole_after.sum() / cov.occurrences.sum())


def test_coverage_default_units_meet_the_segmentation_target(speech):
    cov = key_unit_coverage(speech)
    assert cov.attrs["share_after"] >= 0.95 > cov.attrs["share_before"]
    assert (cov.share_after >= cov.share_before).all()
    assert cov.occurrences.is_monotonic_decreasing


def test_coverage_on_a_text_and_bad_units():
    cov = key_unit_coverage(TOY, ["复工复产"])
    assert cov.occurrences.tolist() == [2] and cov.whole_after.tolist() == [2]
    with pytest.raises(ZhDiscourseError):
        key_unit_coverage(TOY, [""])
    with pytest.raises(ZhDiscourseError):
        key_unit_coverage(42)
    empty = key_unit_coverage(TOY, ["没有"])
    assert empty.empty and list(empty.columns) == COVERAGE_COLUMNS


def test_hmm_changes_are_real_differences(speech):
    h = hmm_changes(speech, cache=False)  # computed (the cache is checked in test_unit_coverage_cache.py)
    assert list(h.columns) == HMM_COLUMNS and len(h) > 0
    for r in h.itertuples():
        assert speech.text[r.first_start:r.first_end] == r.text
        assert r.hmm_off.replace(" / ", "") == r.text == r.hmm_on.replace(" / ", "")
        assert r.hmm_off != r.hmm_on
    assert h["count"].is_monotonic_decreasing
    assert h.hmm_word.any()


def test_hmm_changes_on_a_text():
    h = hmm_changes(TOY)
    assert list(h.columns) == HMM_COLUMNS
    assert (h["count"] >= 1).all()


def test_key_unit_bars_renders_without_glyph_warnings(speech):
    setup_fonts()
    cov = key_unit_coverage(speech, ["疫情防控", "复工复产", "阻击战"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = key_unit_bars(cov, title="t")
        fig.savefig(io.BytesIO(), format="png")
    ax = fig.axes[0]
    top = max(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())))[1]
    assert top.startswith("疫情防控") and top.endswith("×61")  # most frequent at the top
    assert len(ax.patches) == 2 * len(cov)


def test_key_unit_bars_empty_and_bad_input():
    fig = key_unit_bars(pd.DataFrame(columns=COVERAGE_COLUMNS))
    assert fig.axes
    with pytest.raises(ZhDiscourseError):
        key_unit_bars(pd.DataFrame({"unit": ["x"]}))
