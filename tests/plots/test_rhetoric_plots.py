"""zhdiscourse.plots.rhetoric: data helpers (rolling density, kind table, Cohen's kappa) and figures."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from zhdiscourse import parse  # noqa: E402
from zhdiscourse.errors import ZhDiscourseError  # noqa: E402
from zhdiscourse.patterns import directive_profile, modal_yao, yao_runs, yao_sentences  # noqa: E402
from zhdiscourse.patterns import kind_table  # noqa: E402
from zhdiscourse.plots import rhetoric as rh  # noqa: E402
from zhdiscourse.stats import cohen_kappa, rolling_density  # noqa: E402
from zhdiscourse.plots.base import project_style  # noqa: E402

TEXT = """关于学校工作的意见
一、关于过去
我们完成了任务。我们修好了操场。我们开了运动会。
二、关于今后
要认真备课。要按时上课。要关心学生。
"""


def test_cohen_kappa_known_values():
    assert cohen_kappa("ab", "ab") == 1.0
    # p_o = 0.5, p_e = 0.5 -> 0
    assert cohen_kappa(["t", "t", "f", "f"], ["t", "f", "t", "f"]) == 0.0
    # Cohen's textbook-style example: p_o = 0.7, p_e = 0.5 -> 0.4
    a = ["y"] * 5 + ["n"] * 5
    b = ["y"] * 4 + ["n"] + ["y"] * 2 + ["n"] * 3
    assert math.isclose(cohen_kappa(a, b), 0.4)
    assert cohen_kappa(["t", "t"], ["t", "t"]) == 1.0  # one label only
    with pytest.raises(ZhDiscourseError):
        cohen_kappa("ab", "a")


def test_rolling_density_counts_events_per_window():
    sp = parse(TEXT)
    roll = rolling_density(sp, {"yao": modal_yao(sp)}, window=1)
    assert len(roll) == len(sp.sentences)
    sizes = [sum(1 for c in s.text if not c.isspace()) for s in sp.sentences]
    yao_initial = [s.text.startswith("要") for s in sp.sentences]
    for r, size, y in zip(roll.itertuples(), sizes, yao_initial):
        assert math.isclose(r.yao, 1000 / size if y else 0.0)
    wide = rolling_density(sp, {"yao": modal_yao(sp)}, window=99)
    assert wide["yao"].nunique() == 1  # the whole text in every window


def test_kind_table_separates_compact():
    par = [{"section": "一", "kind": "anaphora", "level": "items"},
           {"section": "二", "kind": "anaphora", "level": "compact"},
           {"section": "二", "kind": "epiphora", "level": "clauses"}]
    t = kind_table(par, ["一", "二"])
    assert list(t.index) == ["一", "二"] and list(t.columns) == ["anaphora", "epiphora", "compact"]
    assert t.loc["二", "compact"] == 1 and t.loc["二", "anaphora"] == 0 and t.to_numpy().sum() == 3


def test_figures_draw():
    import matplotlib.pyplot as plt

    sp = parse(TEXT)
    with project_style():
        figs = [
            rh.plot_marker_heatmap(directive_profile(sp, "section")),
            rh.plot_rolling_contrast(sp, rolling_density(sp, {"y": modal_yao(sp)}, 3), {"y": "要"}),
            rh.plot_run_definitions(sp, {"strict": (yao_sentences(sp), yao_runs(sp))}),
            rh.plot_stacked_parts(pd.DataFrame({"a": [1, 2]}, index=["一", "二"]), "t", "y",
                                  per_1k=pd.Series({"一": 100, "二": 200})),
            rh.plot_precision(pd.DataFrame({"x": [0.9, 0.5], "n": [3, 4]}, index=["k", "all"])),
        ]
        for f in figs:
            f.canvas.draw()  # glyph warnings are errors
    assert len(figs[2].axes[0].patches) == len(yao_runs(sp)) == 1
    stacked = figs[3].axes[0].patches
    assert [round(p.get_height(), 6) for p in stacked] == [10.0, 10.0]  # per 1,000 characters
    plt.close("all")
