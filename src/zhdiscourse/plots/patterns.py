"""Figures of the rhetorical patterns: directive density against narrative 我们, and 要-runs along the text.

Every function takes data (a :class:`~zhdiscourse.text.structure.Speech` and/or DataFrames from
:mod:`zhdiscourse.patterns`) and returns a matplotlib ``Figure``; saving is
:func:`zhdiscourse.plots.base.save_figure`'s job. Call :func:`~zhdiscourse.plots.base.setup_fonts`
(or work inside ``project_style()``) first so that Chinese labels render with the project font.
"""

from __future__ import annotations

import pandas as pd

from ..text.model import Speech
from .base import part_colour

_MARKER_COLOURS = {"要": "#C44E52", "必须": "#4C72B0", "坚决": "#DD8452", "应": "#55A868", "不能": "#8172B3",
                   "务必": "#937860", "一定": "#DA8BC3", "决不能": "#8C8C8C", "决不": "#64B5CD"}


def plot_directive_density(profile: pd.DataFrame, title: str = "Directives vs narrative 我们 + verb",
                           markers=("要", "必须", "坚决", "应", "不能", "务必", "一定", "决不能", "决不")):
    """Stacked bars of directive markers per 1,000 characters for each unit of ``profile``
    (:func:`~zhdiscourse.patterns.directive_profile`, by part or by sub-point), with narrative
    我们 + verb per 1,000 characters as a line on the same axis."""
    import matplotlib.pyplot as plt

    n = len(profile)
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * n + 3), 4))
    x = list(range(n))
    bottom = [0.0] * n
    for mk in markers:
        col = f"{mk}_per_1k"
        if col not in profile.columns:
            continue
        vals = profile[col].astype(float).tolist()
        if not any(vals):
            continue
        ax.bar(x, vals, bottom=bottom, color=_MARKER_COLOURS.get(mk, "#999999"), label=mk, width=0.7)
        bottom = [b + v for b, v in zip(bottom, vals)]
    if "我们V_per_1k" in profile.columns:
        ax.plot(x, profile["我们V_per_1k"].astype(float), color="black", marker="o", linewidth=1.5,
                label="我们 + verb (narrative)")
    ax.set_xticks(x, [str(u) for u in profile["unit"]], rotation=90 if n > 8 else 0)
    ax.set_ylabel("occurrences per 1,000 characters")
    ax.set_title(title)
    ax.legend(fontsize=8, ncol=2, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def plot_yao_runs(speech: Speech, sentences: pd.DataFrame, runs: pd.DataFrame,
                  title: str = "要-initial sentences and their runs along the text"):
    """One tick per sentence along the text (x = sentence index), 要-initial sentences marked, runs
    (``yao_runs``) drawn as bars labelled with their length, part boundaries as vertical lines.

    ``sentences`` is :func:`~zhdiscourse.patterns.yao_sentences`, ``runs`` is
    :func:`~zhdiscourse.patterns.yao_runs`.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 2.8))
    sec_list = [s.number for s in speech.sections]
    colour = {s: part_colour(i) for i, s in enumerate(sec_list)}
    ys = sentences[sentences["yao_initial"]]
    no = sentences[~sentences["yao_initial"]]
    ax.vlines(no["sentence"], 0, 0.3, color="#CCCCCC", linewidth=0.8)
    ax.vlines(ys["sentence"], 0, 0.6, color=[colour.get(s, "#444444") for s in ys["section"]], linewidth=1.4)
    for r in runs.itertuples():
        ax.barh(0.85, r.last_sentence - r.first_sentence + 1, left=r.first_sentence - 0.5, height=0.25,
                color=colour.get(r.section, "#444444"), alpha=0.8)
        ax.text((r.first_sentence + r.last_sentence) / 2, 1.05, str(r.sentences), ha="center", fontsize=8)
    for sec in speech.sections:
        first = sentences[sentences["start"] >= sec.start]["sentence"]
        if len(first):
            x0 = int(first.iloc[0]) - 0.5
            ax.axvline(x0, color="black", linewidth=0.8, linestyle="--")
            ax.text(x0 + 0.5, 1.25, sec.number, fontsize=10)
    ax.set_ylim(0, 1.45)
    ax.set_yticks([0.3, 0.85], ["sentences", "runs (≥2)"])
    ax.set_xlabel("sentence index (tall ticks: sentence begins with modal 要)")
    ax.set_xlim(-1, len(sentences))
    ax.set_title(title)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig
