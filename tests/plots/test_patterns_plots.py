from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from zhdiscourse.patterns import directive_profile, yao_runs, yao_sentences  # noqa: E402
from zhdiscourse.plots.base import project_style  # noqa: E402
from zhdiscourse.plots.patterns import plot_directive_density, plot_yao_runs  # noqa: E402


def test_plots_return_figures(speech):
    import matplotlib.pyplot as plt

    with project_style():
        f1 = plot_directive_density(directive_profile(speech, "subsection"))
        f2 = plot_yao_runs(speech, yao_sentences(speech), yao_runs(speech))
        for f in (f1, f2):
            f.canvas.draw()  # glyph warnings are errors (pytest filterwarnings)
            assert isinstance(f, matplotlib.figure.Figure)
    assert len(f1.axes[0].patches) > 0
    assert len(f2.axes[0].patches) == 13  # one bar per run
    plt.close("all")
