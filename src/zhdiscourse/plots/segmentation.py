"""Figure of what the domain dictionary changes: key units kept whole, before and after.

:func:`key_unit_bars` draws the table of :func:`zhdiscourse.tokenize.diagnostics.key_unit_coverage` as paired
horizontal bars, one pair per key unit (share of its occurrences that come out as a single token with
jieba's dictionary only, and with the domain user dictionary), units ordered by frequency, most
frequent at the top. It returns a :class:`matplotlib.figure.Figure` built without pyplot; call
:func:`zhdiscourse.plots.setup_fonts` first and save with :func:`zhdiscourse.plots.save_figure`.
Units are labelled ``unit (gloss) ×n`` when the glossary knows them (``glosses={}`` switches
glosses off).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..errors import ZhDiscourseError
from .base import label_with_gloss

BEFORE_COLOR = "#BBBBBB"
AFTER_COLOR = "#0072B2"


def key_unit_bars(coverage: pd.DataFrame, *, top: int | None = None, title: str | None = None,
                  glosses: dict | None = None, figsize: tuple[float, float] | None = None) -> Figure:
    """Paired bars of ``share_before`` / ``share_after`` per unit (``top`` most frequent units)."""
    need = {"unit", "occurrences", "share_before", "share_after"}
    if not need <= set(coverage.columns):
        raise ZhDiscourseError(f"expected a key-unit coverage table with columns {', '.join(sorted(need))}")
    df = coverage.sort_values("occurrences", ascending=False, kind="stable")
    if top is not None:
        df = df.head(top)
    n = len(df)
    fig = Figure(figsize=figsize or (7, 0.32 * max(n, 1) + 1.4))
    ax = fig.add_subplot()
    if not n:
        ax.text(0.5, 0.5, "(no key unit occurs in the text)", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    y = np.arange(n)[::-1]  # most frequent at the top
    h = 0.38
    ax.barh(y + h / 2, df["share_before"] * 100, height=h, color=BEFORE_COLOR, label="jieba dictionary only")
    ax.barh(y - h / 2, df["share_after"] * 100, height=h, color=AFTER_COLOR, label="with the domain dictionary")
    ax.set_yticks(y)
    ax.set_yticklabels([f"{label_with_gloss(u, glosses=glosses)} ×{int(k)}"
                        for u, k in zip(df["unit"], df["occurrences"])])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel("occurrences that come out as one token (%)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False)
    if title:
        fig.suptitle(title)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
