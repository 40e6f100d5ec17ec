"""The toolkit's figures draw with the project font, handle empty tables, and save byte-identically."""

from __future__ import annotations

import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from zhdiscourse.plots import discourse as dplot  # noqa: E402
from zhdiscourse.plots.base import project_style, save_figure  # noqa: E402
from zhdiscourse.plots.network import collocation_network  # noqa: E402
from zhdiscourse.stats import collocation_edges, diversity, lexicon_rates  # noqa: E402
from toy_tables import toy_tokens  # noqa: E402


def _table():
    return toy_tokens({"一": [["防线", "中", "甲", "斗争"], ["中", "甲", "乙"]], "二": [["中", "乙", "阻击战", "丙"]]})


def _close(fig):
    import matplotlib.pyplot as plt

    assert isinstance(fig, Figure)
    fig.canvas.draw()
    plt.close(fig)


def test_every_figure_draws():
    agency = pd.DataFrame({"unit": ["一", "一", "二"], "role": ["reports", "ordered", "ordered"],
                           "group": ["Party centre", "(unstated)", "we (我们)"], "count": [2, 3, 1],
                           "share": [1.0, 1.0, 1.0]})
    voice = pd.DataFrame({"unit": ["一", "二"], "chars": [100, 120], "reported_frames": [3, 0], "mentions": [1, 0],
                          "reported": [2, 0], "enacted": [1, 5], "events": [3, 5], "enacted_share": [1 / 3, 1.0],
                          "reported_per_1k": [20.0, 0.0], "enacted_per_1k": [10.0, 41.7]})
    addr = pd.DataFrame({"unit": ["一", "一", "二"], "group": ["(unstated)", "other", "we (我们)"], "count": [2, 1, 1],
                         "share": [2 / 3, 1 / 3, 1.0]})
    with project_style():
        _close(dplot.plot_agency(agency))
        _close(dplot.plot_voice(voice))
        _close(dplot.plot_addressees(addr))
        _close(dplot.plot_lexicon_profile(lexicon_rates(_table(), "war"), reference=1.5, reference_label="报告"))
        _close(dplot.plot_diversity(diversity(_table(), window=2)))
        _close(collocation_network(collocation_edges(_table(), "中", window=1, min_freq=1, depth=2)))


def test_empty_tables_give_a_panel_that_says_why():
    with project_style():
        _close(dplot.plot_agency(pd.DataFrame(columns=["unit", "role", "group", "count", "share"])))
        _close(dplot.plot_addressees(pd.DataFrame(columns=["unit", "group", "count", "share"])))
        empty = collocation_edges(_table(), "中", window=1, min_freq=5)
        assert empty.empty
        _close(collocation_network(empty))


def test_group_colours_are_stable_across_figures():
    order = ["we (我们)", "Party centre", "cadres and Party members"]
    a = dplot.group_colours(["Party centre", "other"], order)
    b = dplot.group_colours(["cadres and Party members", "Party centre", "(unstated)"], order)
    assert a["Party centre"] == b["Party centre"] and a["other"] == dplot.FIXED["other"]


def test_network_bytes_are_identical(tmp_path):
    edges = collocation_edges(_table(), "中", window=1, min_freq=1, depth=2)
    out = []
    for run in ("a", "b"):
        with project_style():
            fig = collocation_network(edges, seed=0)
            paths = save_figure(fig, "network", tmp_path / run, notebook="test")
        import matplotlib.pyplot as plt

        plt.close(fig)
        out.append([p.read_bytes() for p in paths])
    assert out[0] == out[1]
