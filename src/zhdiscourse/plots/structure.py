"""Figures of the outline of a text: parts and sub-points sized by characters and sentences.

The table they draw is :func:`zhdiscourse.text.outline.outline_table`.
:func:`plot_outline` draws the outline as two tracks along the text (parts above, sub-points below),
each block as wide as its unit is long, once measured in characters and once in sentences; gaps in the
sub-point track are the parts' opening paragraphs before their first sub-point.
:func:`plot_subpoint_sizes` compares the sub-points' lengths directly as bars.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.model import Speech
from ..text.outline import Measure, outline_table
from .base import part_colour
from .labels import fit_text, legend_handles, place_labels, text_width


def _short(title: str, n: int) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"


_NUMERALS = set("一二三四五六七八九十百零〇两0123456789０１２３４５６７８９")


def _ordinal(marker: str) -> str:
    """The numeral of a sub-point marker (一是 → 一, 第二 → 二, （三） → 三); the marker if it has none."""
    digits = "".join(ch for ch in str(marker) if ch in _NUMERALS)
    return digits or str(marker)


def plot_outline(speech: Speech, table: pd.DataFrame | None = None, measures=("chars", "sentences"),
                 title: str = "Outline of the text"):
    """Outline tracks (parts above, sub-points below) along the text, one panel per measure.

    Returns the matplotlib ``Figure``. Block widths are the units' sizes in the panel's measure, so
    the panels show where the text spends its characters and its sentences. Labels are never
    rotated or cut mid-glyph: a part's title is shortened to what fits its block (measured with the
    renderer); a sub-point shows its marker (一是, 第二 …), or its numeral alone when the marker does
    not fit, or — when not even that fits — its marker under the track, placed by adjustText with a
    leader line to its block. The grey block is the opening before the first part; gaps in the
    sub-point track are the parts' preambles (text before their first sub-point).
    """
    import matplotlib.pyplot as plt

    table = outline_table(speech) if table is None else table
    m = Measure(speech)
    parts = table[table.level == "part"]
    colour = {p: part_colour(i) for i, p in enumerate(parts.label)}
    fig, axes = plt.subplots(len(measures), 1, figsize=(11, 2.6 * len(measures) + 0.9), squeeze=False)
    names = {"chars": "characters (whitespace excluded)", "sentences": "sentences (headings excluded)"}
    spans = []  # (ax, total, rows with positions) for the labels, drawn once the layout is final
    for ax, measure in zip(axes[:, 0], measures):
        total = m.pos(speech.body_end, measure)
        rows = []
        for _, r in table.iterrows():
            x0, x1 = m.pos(r.start, measure), m.pos(r.end, measure)
            if x1 <= x0:
                continue
            if r.level == "sub-point":
                c = colour.get(r.part, "#777777")
                ax.barh(0.0, x1 - x0, left=x0, height=0.9, color=c, alpha=0.55, edgecolor="white", linewidth=1.2)
            else:
                c = colour.get(r.label, "#BBBBBB")
                ax.barh(1.0, x1 - x0, left=x0, height=0.9, color=c, edgecolor="white", linewidth=1.2)
            rows.append((r, x0, x1))
        spans.append((ax, total, rows))
        ax.set_xlim(0, max(total, 1))
        ax.set_ylim(-1.25, 1.55)
        ax.set_yticks([1, 0], ["parts", "sub-points"])
        ax.set_xlabel(f"position in the text, in {names.get(measure, measure)}")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    axes[0, 0].set_title(title)
    handles = legend_handles([("opening (before the first part)", {"facecolor": "#BBBBBB"}),
                              ("gap in the sub-point track: a part's preamble", {"facecolor": "white",
                                                                               "edgecolor": "#999999"})])
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.05, 1, 1))  # positions in pixels are final from here
    for ax, total, rows in spans:
        px = ax.get_window_extent().width / max(total, 1)
        below = []
        # within a part, sub-points show their markers only if every marker fits (else all show numerals)
        whole = {}
        for r, x0, x1 in rows:
            if r.level == "sub-point":
                fits = text_width(ax, str(r.marker), fontsize=8) <= (x1 - x0) * px - 6
                whole[r.part] = whole.get(r.part, True) and fits
        for r, x0, x1 in rows:
            room = (x1 - x0) * px - 6
            mid = (x0 + x1) / 2
            if r.level == "sub-point":
                if whole.get(r.part) and text_width(ax, str(r.marker), fontsize=8) <= room:
                    ax.text(mid, 0.0, str(r.marker), ha="center", va="center", fontsize=8)
                elif text_width(ax, _ordinal(r.marker), fontsize=8) <= room:
                    ax.text(mid, 0.0, _ordinal(r.marker), ha="center", va="center", fontsize=8)
                else:
                    below.append((mid, str(r.marker)))
            elif r.level == "part":
                lab = fit_text(ax, f"{r.marker}{r.title}", room, fontsize=9) or fit_text(ax, str(r.label), room,
                                                                                       fontsize=9)
                ax.text(mid, 1.0, lab, ha="center", va="center", fontsize=9, color="white")
            elif text_width(ax, "opening", fontsize=8) <= room:
                ax.text(mid, 1.0, "opening", ha="center", va="center", fontsize=8)
        if below:
            xs = [x for x, _ in below]
            place_labels(ax, xs, [-0.85] * len(xs), [t for _, t in below], "black", fontsize=8, only_move="x",
                         arrows=False, avoid_points=([], []))
            for x in xs:  # a tick from the block down to its label
                ax.plot([x, x], [-0.45, -0.68], color="#888888", lw=0.6)
    return fig


def plot_subpoint_sizes(table: pd.DataFrame, title: str = "Length of each sub-point"):
    """Horizontal bars: characters and sentences per sub-point, coloured by part. Returns the Figure."""
    import matplotlib.pyplot as plt

    subs = table[table.level == "sub-point"].reset_index(drop=True)
    parts = list(dict.fromkeys(table[table.level == "part"].label))
    colour = {p: part_colour(i) for i, p in enumerate(parts)}
    n = max(len(subs), 1)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 0.32 * n + 1.6), sharey=True,
                                 gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(len(subs))[::-1]
    cols = [colour.get(p, "#777777") for p in subs.part]
    labels = [f"{lab}  {_short(t, 12)}" for lab, t in zip(subs.label, subs.title)]
    a1.barh(y, subs.chars, color=cols)
    a2.barh(y, subs.sentences, color=cols)
    a1.set_yticks(y, labels, fontsize=8)
    a1.set_xlabel("characters")
    a2.set_xlabel("sentences")
    for ax in (a1, a2):
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_sentence_lengths(sentences: pd.DataFrame, title: str = "Sentence length by part"):
    """Box plot of sentence lengths per part; ``sentences`` has columns ``part`` and ``chars``.

    Parts get the same colours as in :func:`plot_outline`; ``opening`` (text before the first part)
    is grey. Boxes span the quartiles, the line is the median, whiskers reach 1.5 × IQR.
    """
    import matplotlib.pyplot as plt

    groups = list(dict.fromkeys(sentences["part"]))
    data = [sentences.loc[sentences.part == g, "chars"].to_numpy() for g in groups]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    bp = ax.boxplot(data, patch_artist=True, widths=0.6)
    ax.set_xticks(range(1, len(groups) + 1), groups)
    part_groups = [g for g in groups if g not in ("opening", "(none)")]
    colour = {g: part_colour(i) for i, g in enumerate(part_groups)}
    for patch, g in zip(bp["boxes"], groups):
        patch.set_facecolor(colour.get(g, "#BBBBBB"))
        patch.set_alpha(0.6)
    for med in bp["medians"]:
        med.set_color("black")
    ax.set_xlabel("part")
    ax.set_ylabel("characters per sentence")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
