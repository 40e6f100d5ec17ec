"""zhdiscourse.stats.spread (unit rates, Gries' DP, whole-token dispersion) and zhdiscourse.plots.terms."""

import math

import matplotlib
import pandas as pd
import pytest

from toy_tables import toy_tokens
from zhdiscourse import parse
from zhdiscourse.stats import spread
from zhdiscourse.errors import ZhDiscourseError

matplotlib.use("Agg")

TOY = toy_tokens({
    "一": [["就业", "政策", "就业"], ["防控", "企业"]],
    "二": [["防控", "医疗"], ["防控", "就业", "心"]],
})


def test_unit_rates_counts_and_rates():
    r = spread.unit_rates(TOY, ["就业", "防控", "缺席"], "subsection")
    assert list(r["term"].unique()) == ["就业", "防控", "缺席"]
    row = r[(r["term"] == "就业") & (r["doc"] == "一.1")].iloc[0]
    assert (row["count"], row["n_tokens"]) == (2, 3)
    assert row["per_1k"] == pytest.approx(1000 * 2 / 3)
    assert r.loc[r["term"] == "缺席", "count"].sum() == 0
    assert r.groupby("term")["count"].sum()["防控"] == 3


def test_default_units_are_segments(speech):
    from zhdiscourse.tokenize.table import tokens

    tok = tokens(speech)
    default = spread.unit_rates(tok, ["干部"], speech=speech)
    pd.testing.assert_frame_equal(default, spread.unit_rates(tok, ["干部"], "segment", speech=speech))
    # the segments hold every content-word occurrence: 干部 is counted in part 四's preamble too
    assert "四.preamble" in set(default["doc"]) and default["count"].sum() == int((tok["token"] == "干部").sum())


def test_dp_by_hand():
    # four units of sizes 3, 2, 2, 3 (s = .3 .2 .2 .3); 就业 occurs 2, 0, 0, 1 times (v = 2/3, 0, 0, 1/3)
    d = spread.dp(spread.unit_rates(TOY, ["就业", "防控", "缺席"], "subsection")).set_index("term")
    expected = 0.5 * (abs(2 / 3 - 0.3) + 0.2 + 0.2 + abs(1 / 3 - 0.3))
    assert d.loc["就业", "dp"] == pytest.approx(expected)
    assert d.loc["就业", "dp_norm"] == pytest.approx(expected / (1 - 0.2))
    assert d.loc["就业", "units_with_term"] == 2 and d.loc["就业", "freq"] == 3
    assert math.isnan(d.loc["缺席", "dp"])


def test_dp_even_spread_is_zero_and_single_unit_is_high():
    even = toy_tokens({"一": [["甲", "乙"], ["甲", "乙"]]})
    d = spread.dp(spread.unit_rates(even, ["甲"], "subsection")).set_index("term")
    assert d.loc["甲", "dp"] == pytest.approx(0.0)
    lumpy = toy_tokens({"一": [["甲", "甲"], ["乙", "乙"]]})
    d = spread.dp(spread.unit_rates(lumpy, ["甲"], "subsection")).set_index("term")
    assert d.loc["甲", "dp"] == pytest.approx(0.5) and d.loc["甲", "dp_norm"] == pytest.approx(1.0)


def test_errors():
    with pytest.raises(ZhDiscourseError):
        spread.unit_rates(TOY, [], "subsection")
    with pytest.raises(ZhDiscourseError):
        spread.dp(pd.DataFrame({"term": ["a"]}))


TEXT = """一、关于工作
（一）加强领导。我们要加强领导，领导干部要带头。
（二）做好服务。中心工作要有信心。
二、关于保障
（一）保障供应。要保障物资供应，增强信心。"""


def test_token_dispersion_matches_whole_tokens_with_offsets():
    from zhdiscourse.tokenize.table import tokens

    sp = parse(TEXT)
    tok = tokens(sp, cache=False)
    d = spread.token_dispersion(tok, sp, ["领导", "心"])
    assert d.attrs["terms"] == ["领导", "心"]
    for r in d.itertuples():
        assert tok.loc[r.token_index, "token"] == r.term
        assert 0 <= r.position <= 1
    # as a string 心 also occurs inside 中心 and 信心; as a whole token it does not
    assert sp.text.count("心") > (d["term"] == "心").sum()
    assert list(d.columns) == ["term", "start", "end", "position", "token_index", "sentence", "section",
                               "subsection"]


def test_term_plots_render():
    from zhdiscourse.stats import keywords as kn
    from zhdiscourse.stats import weighting as tf
    from zhdiscourse.plots import setup_fonts
    from zhdiscourse.plots import terms as tplot

    setup_fonts()
    top = tf.top_terms(TOY, "section", top=3)
    fig = tplot.term_bars(top, value="tfidf", n=3, glosses={})
    assert len([a for a in fig.axes if a.get_visible()]) == 2
    rates = spread.unit_rates(TOY, ["就业", "防控"], "subsection")
    fig = tplot.term_unit_heatmap(rates, value="per_1k", annotate=True, glosses={})
    assert fig.axes[0].get_images()[0].get_array().shape == (2, 4)
    kt = kn.keyness(TOY, "section", min_freq=1)
    fig = tplot.keyness_volcano(kt, glosses={})
    assert len(fig.axes) == 2
    cmp = pd.DataFrame({"doc": ["一", "一"], "rank": [1, 2], "tfidf_term": ["就业", "政策"],
                        "jieba_term": ["政策", "工作"]})
    fig = tplot.rank_comparison(cmp, glosses={})
    assert fig.axes[0].get_title().endswith("1 shared")
    with pytest.raises(ZhDiscourseError):
        tplot.term_bars(top.iloc[0:0])
