"""Figures for the comparison with a reference corpus (:mod:`zhdiscourse.stats.reference`).

Each function takes the DataFrame the matching analysis returns and gives back a matplotlib
``Figure``. The speech has no year in the corpus: over time it is drawn as a horizontal dashed line
(its value) with a marked point at ``speech_year`` (its date), so it can be compared with every
year at once. Fonts and saving belong to :mod:`zhdiscourse.plots.base`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from .base import glossary, label_with_gloss

SPEECH_COLOR = "#c0392b"
REPORT_COLOR = "#34495e"
OVER_COLOR = "#c0392b"
UNDER_COLOR = "#2471a3"


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _split(df: pd.DataFrame, speech_id: str):
    return df[df["doc"] != speech_id], df[df["doc"] == speech_id]


def keyness_reference_bars(table: pd.DataFrame, *, n: int = 15, significant_only: bool = True,
                           title: str = "Keyness of the speech against the reference corpus",
                           glosses: dict[str, str] | None = None):
    """Horizontal bars of Log Ratio for the ``n`` strongest over-used (red, right) and under-used
    (blue, left) terms by G² (a :func:`zhdiscourse.stats.reference.reference_keyness` table), each term
    with its English gloss (``glosses``, default: the project glossary). Each bar is labelled with
    the frequencies in the speech / in the reference."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the keyness table is empty")
    t = table[table["significant"]] if significant_only else table
    over = t[t["direction"] == "+"].sort_values(["g2", "term"], ascending=[False, True]).head(n)
    under = t[t["direction"] == "-"].sort_values(["g2", "term"], ascending=[False, True]).head(n)
    plt = _plt()
    g = glossary() if glosses is None else glosses
    fig, axes = plt.subplots(1, 2, figsize=(13, 0.34 * max(len(over), len(under), 4) + 1.8))
    for ax, part, color, name in ((axes[0], under, UNDER_COLOR, "under-used"), (axes[1], over, OVER_COLOR, "over-used")):
        part = part.iloc[::-1]
        y = np.arange(len(part))
        ax.barh(y, part["log_ratio"], color=color, alpha=0.85)
        ax.set_yticks(y, [label_with_gloss(x, glosses=g) for x in part["term"]], fontsize=9)
        for yi, (lr, a, b) in enumerate(zip(part["log_ratio"], part["freq"], part["freq_ref"])):
            ax.annotate(f"{a} / {b}", (lr, yi), xytext=(3 if lr >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if lr >= 0 else "right", va="center", fontsize=8, color="#555555")
        ax.axvline(0, color="black", lw=0.8)
        ax.set_title(f"{len(part)} most {name} (by G²)", fontsize=10)
        ax.set_xlabel("Log Ratio (log2 of relative frequency, speech / reference)")
        lo, hi = ax.get_xlim()
        pad = 0.25 * (hi - lo)
        ax.set_xlim(lo - (pad if name == "under-used" else 0), hi + (pad if name == "over-used" else 0))
        if name == "under-used":
            ax.yaxis.tick_left()
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(title + "  (labels: frequency in speech / in reference)", fontsize=11)
    note = ("Significant after the Benjamini–Hochberg correction; " if significant_only else "") + \
        "sorted by G² (evidence), bar length = Log Ratio (effect)."
    if (pd.concat([over, under])["freq"] == 0).any():
        note += " A word absent from the speech (0 / …) gets its Log Ratio from a count of 0.5."
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.text(0.01, 0.01, note, fontsize=8, color="#444444", ha="left", va="bottom")
    return fig


def _speech_mark(ax, value: float, speech_year: int | None, label: str):
    ax.axhline(value, color=SPEECH_COLOR, ls="--", lw=1.2, label=label)
    if speech_year is not None:
        ax.plot([speech_year], [value], marker="*", ms=13, color=SPEECH_COLOR, ls="none", zorder=5)


def term_trend_plot(trend: pd.DataFrame, *, terms: list[str] | None = None, speech_year: int | None = 2020,
                    speech_id: str = "speech", ncols: int = 2, title: str | None = None):
    """Small multiples, one per term: ``per_1k`` of each report by year (line and dots), the speech
    as a dashed line and a star at ``speech_year`` (a :func:`zhdiscourse.stats.reference.term_trend` table)."""
    terms = list(dict.fromkeys(trend["term"])) if terms is None else list(terms)
    if not terms:
        raise ZhDiscourseError("no terms to plot")
    plt = _plt()
    nrows = int(np.ceil(len(terms) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 2.8 * nrows), squeeze=False, sharex=True)
    docs, sp = _split(trend, speech_id)
    for ax, term in zip(axes.ravel(), terms):
        d = docs[docs["term"] == term].dropna(subset=["year"]).sort_values("year")
        ax.plot(d["year"].astype(int), d["per_1k"], marker="o", ms=3, lw=1, color=REPORT_COLOR, label="reports")
        s = sp[sp["term"] == term]
        if len(s):
            _speech_mark(ax, float(s["per_1k"].iloc[0]), speech_year, "speech")
        ax.set_title(term, fontsize=11)
        ax.set_ylabel("per 1,000 characters", fontsize=8)
        ax.grid(alpha=0.3)
    for ax in axes.ravel()[len(terms):]:
        ax.set_visible(False)
    axes.ravel()[0].legend(fontsize=8, loc="upper left")
    fig.suptitle(title or "Key terms over time: reports (line) and the speech (dashed line, star)", fontsize=11)
    fig.tight_layout()
    return fig


def measure_over_time(profile: pd.DataFrame, column: str, *, speech_year: int | None = 2020,
                      speech_id: str = "speech", ylabel: str | None = None, title: str | None = None):
    """One measure of a :func:`zhdiscourse.patterns.profile.pattern_profile` table by year: reports as a
    line with dots, their median as a dotted line, the speech as a dashed line and a star."""
    if column not in profile.columns:
        raise ZhDiscourseError(f"no column {column!r} in the profile")
    docs, sp = _split(profile, speech_id)
    d = docs.dropna(subset=["year"]).sort_values("year")
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax.plot(d["year"].astype(int), d[column], marker="o", ms=3.5, lw=1, color=REPORT_COLOR, label="reports")
    ax.axhline(float(d[column].median()), color=REPORT_COLOR, ls=":", lw=1, label="median of the reports")
    if len(sp):
        _speech_mark(ax, float(sp[column].iloc[0]), speech_year, "speech")
    ax.set_xlabel("year")
    ax.set_ylabel(ylabel or column)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    ax.set_title(title or column, fontsize=11)
    fig.tight_layout()
    return fig


def position_strips(profile: pd.DataFrame, columns: list[str], *, labels: list[str] | None = None,
                    speech_id: str = "speech", title: str = "The speech among the reports"):
    """One panel per measure: every report as a dot (jittered deterministically), a box of the
    middle half, and the speech as a red star with its rank."""
    if not columns:
        raise ZhDiscourseError("no measures to plot")
    labels = labels or columns
    docs, sp = _split(profile, speech_id)
    plt = _plt()
    fig, axes = plt.subplots(1, len(columns), figsize=(2.6 * len(columns) + 0.6, 3.6), squeeze=False)
    rng = np.random.default_rng(0)
    for ax, col, lab in zip(axes[0], columns, labels):
        vals = docs[col].astype(float).to_numpy()
        ax.boxplot([vals], positions=[0], widths=0.5, showfliers=False)
        ax.scatter(rng.uniform(-0.18, 0.18, len(vals)), vals, s=10, color=REPORT_COLOR, alpha=0.6, label="reports")
        if len(sp):
            v = float(sp[col].iloc[0])
            rank = 1 + int((vals > v).sum())
            ax.scatter([0], [v], marker="*", s=220, color=SPEECH_COLOR, zorder=5, label="speech")
            ax.annotate(f"rank {rank}/{len(vals) + 1}", (0, v), xytext=(10, 0), textcoords="offset points",
                        va="center", fontsize=8, color=SPEECH_COLOR)
        ax.set_xticks([])
        ax.set_title(lab, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel("per 1,000 characters")
    axes[0][0].legend(fontsize=8, loc="upper left")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig
