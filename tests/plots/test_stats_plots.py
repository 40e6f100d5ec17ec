"""The statistics figures draw (with the project's CJK font) and return Figures."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from zhdiscourse.stats.comparison import contrast  # noqa: E402
from zhdiscourse.stats.keywords import keyness  # noqa: E402
from zhdiscourse.plots import stats as sp  # noqa: E402
from zhdiscourse.plots.base import project_style  # noqa: E402
from zhdiscourse.stats.cosine import similarity  # noqa: E402
from zhdiscourse.stats.topics import choose_k, fit_topics, topic_shares  # noqa: E402
from toy_tables import toy_tokens  # noqa: E402


def toy():
    med = ["防控", "救治", "患者", "医院"]
    eco = ["企业", "就业", "复工", "市场"]
    return toy_tokens({"一": [med + ["防控"], med[:3] + ["医院", "救治"], med + ["党"]],
                       "二": [eco + ["企业"], eco[:3] + ["市场", "就业"], eco + ["党"]]})


def _draw(fig):
    import matplotlib.pyplot as plt

    assert isinstance(fig, Figure)
    fig.canvas.draw()  # "Glyph missing" warnings are errors under the test settings
    plt.close(fig)


def test_all_stats_figures_draw():
    t = toy()
    with project_style():
        c = contrast(t, "一", "二", min_freq=1, top=3)
        fig = sp.contrast_scatter(c)
        texts = [x.get_text().split("\n")[0] for x in fig.axes[0].texts if x.get_color() in (sp.OVER, sp.UNDER)]
        assert set(texts) == set(c.loc[c["label"] != "", "term"])  # labelled terms (with glosses below)
        _draw(fig)
        _draw(sp.similarity_heatmap(similarity(t, "subsection")))
        m = fit_topics(t, k=2)
        _draw(sp.topic_share_bars(topic_shares(m)))
        _draw(sp.keyness_bars(keyness(t, min_freq=1), n=3))
        tab = choose_k(t, ks=(2, 3), seeds=(0, 1), coherence_by="subsection")
        _draw(sp.k_selection_plot(tab, chosen=2))


def test_empty_tables_are_refused():
    import pandas as pd

    from zhdiscourse.errors import ZhDiscourseError

    with pytest.raises(ZhDiscourseError):
        sp.contrast_scatter(pd.DataFrame(columns=["a", "b", "term", "per_1k_a", "per_1k_b", "scaled_f", "label"]))
