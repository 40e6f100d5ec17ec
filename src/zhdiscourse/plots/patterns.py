"""Figures of the rhetorical patterns: directive density against narrative 我们, and 要-runs along the text.

Every function takes data (a :class:`~zhdiscourse.text.structure.Speech` and/or DataFrames from
:mod:`zhdiscourse.patterns`) and returns a matplotlib ``Figure``; saving is
:func:`zhdiscourse.plots.base.save_figure`'s job. Call :func:`~zhdiscourse.plots.base.setup_fonts`
(or work inside ``project_style()``) first so that Chinese labels render with the project font.
"""

from __future__ import annotations

import pandas as pd

from ..text.model import Speech
from .base import glossary, label_with_gloss, part_colour
from .labels import legend_handles, place_labels

_MARKER_COLOURS = {"要": "#C44E52", "必须": "#4C72B0", "坚决": "#DD8452", "应": "#55A868", "不能": "#8172B3",
                   "务必": "#937860", "一定": "#DA8BC3", "决不能": "#8C8C8C", "决不": "#64B5CD"}


def plot_directive_density(profile: pd.DataFrame, title: str = "Directives vs narrative 我们 + verb",
                           markers=("要", "必须", "坚决", "应", "不能", "务必", "一定", "决不能", "决不")):
    """Stacked bars of directive markers per 1,000 characters for each unit of ``profile``
    (:func:`~zhdiscourse.patterns.directive_profile`, by part or by sub-point), with narrative
    我们 + verb per 1,000 characters as a line on the same axis. The legend (markers with their
    English glosses) stands to the right of the bars, never on them."""
    import matplotlib.pyplot as plt

    n = len(profile)
    g = glossary()
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * n + 3) + 2.2, 4))
    x = list(range(n))
    bottom = [0.0] * n
    for mk in markers:
        col = f"{mk}_per_1k"
        if col not in profile.columns:
            continue
        vals = profile[col].astype(float).tolist()
        if not any(vals):
            continue
        ax.bar(x, vals, bottom=bottom, color=_MARKER_COLOURS.get(mk, "#999999"), width=0.7,
               label=label_with_gloss(mk, glosses=g))
        bottom = [b + v for b, v in zip(bottom, vals)]
    if "我们V_per_1k" in profile.columns:
        ax.plot(x, profile["我们V_per_1k"].astype(float), color="black", marker="o", linewidth=1.5,
                label="我们 + verb (narrative)")
    ax.set_xticks(x, [str(u) for u in profile["unit"]], rotation=90 if n > 8 else 0)
    ax.set_ylabel("occurrences per 1,000 characters")
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()  # markers top to bottom as stacked, then the line
    bars = [(h, lab) for h, lab in zip(handles, labels) if not lab.startswith("我们")][::-1]
    line = [(h, lab) for h, lab in zip(handles, labels) if lab.startswith("我们")]
    ax.legend([h for h, _ in bars + line], [lab for _, lab in bars + line], fontsize=8, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1.0), title="directive markers (stacked)",
              title_fontsize=8, alignment="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def plot_yao_runs(speech: Speech, sentences: pd.DataFrame, runs: pd.DataFrame,
                  title: str = "要-initial sentences and their runs along the text"):
    """One tick per sentence along the text (x = sentence index), 要-initial sentences marked, runs
    (``yao_runs``) drawn as bars labelled with their length, part boundaries as vertical lines.

    ``sentences`` is :func:`~zhdiscourse.patterns.yao_sentences`, ``runs`` is
    :func:`~zhdiscourse.patterns.yao_runs`. The parts are named in a band above the runs, centred on
    their span; run lengths are placed by adjustText (horizontal moves only), so neither collides
    with the other or with a part boundary.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 3.2))
    sec_list = [s.number for s in speech.sections]
    colour = {s: part_colour(i) for i, s in enumerate(sec_list)}
    ys = sentences[sentences["yao_initial"]]
    no = sentences[~sentences["yao_initial"]]
    ax.vlines(no["sentence"], 0, 0.3, color="#CCCCCC", linewidth=0.8)
    ax.vlines(ys["sentence"], 0, 0.6, color=[colour.get(s, "#444444") for s in ys["section"]], linewidth=1.4)
    for r in runs.itertuples():
        ax.barh(0.85, r.last_sentence - r.first_sentence + 1, left=r.first_sentence - 0.5, height=0.25,
                color=colour.get(r.section, "#444444"), alpha=0.8)
    n = len(sentences)
    starts = []
    for sec in speech.sections:
        first = sentences[sentences["start"] >= sec.start]["sentence"]
        if len(first):
            starts.append((sec.number, int(first.iloc[0]) - 0.5))
    for k, (num, x0) in enumerate(starts):
        ax.axvline(x0, color="black", linewidth=0.8, linestyle="--", ymax=0.83)
        x1 = starts[k + 1][1] if k + 1 < len(starts) else n - 0.5
        ax.text((x0 + x1) / 2, 1.5, f"part {num}", ha="center", va="center", fontsize=9,
                color=colour.get(num, "black"))
    ax.set_ylim(0, 1.62)
    ax.set_yticks([0.3, 0.85], ["sentences", "runs (≥2)"])
    ax.set_xlabel("sentence index (grey ticks: other sentences; tall coloured ticks: the sentence begins with "
                  "modal 要; bars: runs, with their length)", fontsize=9)
    ax.set_xlim(-1, n)
    ax.set_title(title)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    if len(runs):
        mids = [(r.first_sentence + r.last_sentence) / 2 for r in runs.itertuples()]
        walls = [x0 for _, x0 in starts]  # the labels keep clear of the part boundaries too
        place_labels(ax, mids, [1.12] * len(mids), [str(r.sentences) for r in runs.itertuples()], "black",
                     fontsize=8, only_move="x", arrows=False, avoid_points=(walls, [1.12] * len(walls)))
    return fig
