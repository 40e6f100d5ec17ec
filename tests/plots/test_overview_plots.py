"""The overview figures (zhdiscourse.plots.overview) on small invented data."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from zhdiscourse.errors import ZhDiscourseError  # noqa: E402
from zhdiscourse.plots import overview as ov  # noqa: E402
from zhdiscourse.plots import setup_fonts  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402

TEXT = ("一、关于过去的工作\n我们做了很多事。我们开了会。\n"
        "二、关于下一步工作\n要加强领导。要落实责任。必须坚持到底。\n")


@pytest.fixture(autouse=True)
def _fonts():
    setup_fonts()
    yield
    plt.close("all")


def _profile(speech):
    rows = []
    for s, v, w in zip(speech.sections, (1.0, 30.0), (20.0, 0.0)):
        rows.append({"unit": s.number, "start": s.start, "end": s.end, "all_per_1k": v, "我们V_per_1k": w})
    return pd.DataFrame(rows)


def test_outline_density_draws_one_step_per_part_at_the_part_offsets():
    speech = parse(TEXT)
    prof = _profile(speech)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = ov.plot_outline_density(speech, prof, overall={"all_per_1k": 15.0})
    ax = fig.axes[1]
    red = ax.lines[0]  # first measure
    xs, ys = list(red.get_xdata()), list(red.get_ydata())
    b0 = speech.body_start
    assert xs == [prof.start[0] - b0, prof.end[0] - b0, prof.start[1] - b0, prof.end[1] - b0]
    assert ys == [1.0, 1.0, 30.0, 30.0]
    assert any(list(line.get_ydata()) == [15.0, 15.0] for line in ax.lines)  # whole-text line
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert [lab for lab in labels if lab in ("一", "二")] == ["一", "二"]  # each block names its part


def test_outline_density_rejects_a_profile_without_the_columns():
    speech = parse(TEXT)
    with pytest.raises(ZhDiscourseError):
        ov.plot_outline_density(speech, _profile(speech).drop(columns=["all_per_1k"]))


def test_top_keys_takes_the_strongest_positive_terms_per_part_in_order():
    kt = pd.DataFrame({"doc": ["一", "一", "一", "二", "二"], "term": ["甲", "乙", "丙", "丁", "戊"],
                       "g2": [5.0, 9.0, 20.0, 7.0, 3.0], "direction": ["+", "+", "-", "+", "+"],
                       "significant": [True, True, True, False, True]})
    fig = ov.plot_top_keys(kt, n=1, glosses={})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["part 一 · 乙", "part 二 · 丁"]  # rows, top first
    assert list(ax.get_yticks()) == [1, 0]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [7.0, 9.0]
    empty = ov.plot_top_keys(kt.assign(direction="-"), title="T")  # nothing positive: a panel that says so
    assert not empty.axes[0].patches and "No positive key terms" in empty.axes[0].texts[0].get_text()
    with pytest.raises(ZhDiscourseError):
        ov.plot_top_keys(kt.drop(columns=["g2"]))


def test_rank_among_counts_the_documents_below_the_speech():
    prof = pd.DataFrame({"doc": ["a", "b", "c", "speech"], "x": [1.0, 2.0, 5.0, 3.0]})
    fig = ov.plot_rank_among(prof, "x", marks={"part": 0.5})
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["above 2 of 3"]
    with pytest.raises(ZhDiscourseError):
        ov.plot_rank_among(prof[prof.doc != "speech"], "x")
