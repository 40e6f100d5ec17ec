"""Figures of the overview notebook (00): the study's main findings, one compact figure each.

:func:`plot_outline_density`
    The outline of a text as coloured blocks along the text (one per part, as wide as the part is
    long in characters) above a *step plot* of measures per part, e.g. directive markers and
    narrative 我们 + verb per 1,000 characters (columns of
    :func:`zhdiscourse.patterns.modality.directive_profile`). Optional: the same measure per
    sub-point as a thin step line, and the whole-text value as a dotted line — what a single
    number for the whole text (a "bag of words" view) would report.
:func:`plot_top_keys`
    The ``n`` strongest positive key terms of each unit from a keyness table
    (:func:`zhdiscourse.stats.keywords.keyness`), as horizontal bars of G², one colour per unit; terms not
    significant after the multiple-testing correction are drawn pale. With no positive key term at
    all it returns an empty panel that says so (:func:`zhdiscourse.plots.base.empty_panel`).
:func:`plot_rank_among`
    Where one document (the speech) stands among many (the reference reports) on one measure: a
    histogram of the others, their median, and the speech as a line labelled with the number of
    documents it exceeds (:func:`zhdiscourse.stats.reference.position`).

All three take data frames and return a matplotlib Figure; saving is left to
:func:`zhdiscourse.plots.base.save_figure`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.model import Speech
from .base import empty_panel, glossary, label_with_gloss, part_colour
from .labels import fit_text, legend_below, legend_handles

SPEECH_COLOUR = "#c0392b"
OTHERS_COLOUR = "#34495e"


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _short(title: str, n: int = 14) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"


def plot_outline_density(speech: Speech, profile: pd.DataFrame, *, columns: dict[str, str] | None = None,
                         subprofile: pd.DataFrame | None = None, overall: dict[str, float] | None = None,
                         title: str = "The outline of the text and its measures per part",
                         ylabel: str = "per 1,000 characters",
                         sub_label: str = "per sub-point") -> "matplotlib.figure.Figure":
    """Parts as blocks along the text (top) and one step line per measure and part (bottom).

    ``profile`` has one row per part with ``unit``, ``start``, ``end`` (offsets into
    ``speech.text``) and the ``columns`` to draw (``{column: legend label}``, default directive
    markers and narrative 我们 + verb per 1,000 characters). ``subprofile`` (same columns, one row per
    sub-point, or per segment) adds the first column per sub-point as a thin line, labelled
    ``sub_label`` in the legend; ``overall`` (``{column: value}``)
    adds the whole-text value of a column as a dotted line. The x axis is the position in the text
    in characters from the start of the body.
    """
    columns = columns or {"all_per_1k": "directive markers (要, 必须, 坚决 …)", "我们V_per_1k": "narrative 我们 + verb"}
    missing = [c for c in ("unit", "start", "end", *columns) if c not in profile.columns]
    if missing:
        raise ZhDiscourseError(f"plot_outline_density: profile lacks the column(s) {', '.join(missing)}")
    if profile.empty:
        raise ZhDiscourseError("plot_outline_density: the profile has no rows (the text has no parts?)")
    plt = _plt()
    b0 = speech.body_start
    fig, (top, ax) = plt.subplots(2, 1, figsize=(10, 4.6), sharex=True, gridspec_kw={"height_ratios": [1, 3.2]})
    titles = {s.number: s.title for s in speech.sections}
    top.set_xlim(0, speech.body_end - b0)
    top.set_ylim(-0.5, 0.5)
    for i, r in enumerate(profile.itertuples()):
        colour = part_colour(i)
        top.barh(0, r.end - r.start, left=r.start - b0, height=0.9, color=colour, alpha=0.85, edgecolor="white")
        ax.axvspan(r.start - b0, r.end - b0, color=colour, alpha=0.07, linewidth=0)
    top.set_yticks([])
    top.tick_params(axis="x", length=0)
    for side in ("top", "right", "left", "bottom"):
        top.spines[side].set_visible(False)
    top.set_title(title)
    styles = [dict(color="#c0392b", lw=2.6), dict(color="#2c3e50", lw=2.0, ls="--"),
              dict(color="#7f8c8d", lw=1.6, ls="-."), dict(color="#27ae60", lw=1.6)]
    first = next(iter(columns))
    if subprofile is not None and len(subprofile):
        for j, (a, b, v) in enumerate(zip(subprofile["start"], subprofile["end"], subprofile[first].astype(float))):
            ax.hlines(v, a - b0, b - b0, color=styles[0]["color"], lw=0.9, alpha=0.45,
                      label=f"{columns[first]}, {sub_label}" if j == 0 else None)
    for k, (col, label) in enumerate(columns.items()):
        st = styles[k % len(styles)]
        xs = np.column_stack([profile["start"], profile["end"]]).ravel() - b0
        ys = np.repeat(profile[col].astype(float).to_numpy(), 2)
        ax.plot(xs, ys, label=label, **st)
        if overall and col in overall:
            ax.axhline(overall[col], color=st["color"], ls=":", lw=1.1, label=f"{label}, whole text")
    ax.set_ylim(bottom=0)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("position in the text (characters from the start of the body)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()  # the blocks' widths in pixels are final from here: their titles are fitted to them
    px_per_char = top.get_window_extent().width / max(speech.body_end - b0, 1)
    for r in profile.itertuples():
        mid = (r.start + r.end) / 2 - b0
        top.text(mid, 0.2, str(r.unit), ha="center", va="center", fontsize=11, color="white")
        room = (r.end - r.start) * px_per_char - 16  # the block's width in pixels, less a margin
        label = fit_text(top, titles.get(r.unit, ""), room, fontsize=8)
        if label:
            top.text(mid, -0.22, label, ha="center", va="center", fontsize=8, color="white")
    return fig


def plot_top_keys(table: pd.DataFrame, *, n: int = 3, glosses: dict[str, str] | None = None,
                  title: str = "The strongest key terms of each part") -> "matplotlib.figure.Figure":
    """Horizontal bars of G² for the ``n`` strongest positive keys (``direction == "+"``) of each ``doc``.

    Bars of terms that are not ``significant`` are pale and hatched. ``glosses`` (default: the
    project glossary) adds English to the labels.
    """
    need = {"doc", "term", "g2", "direction", "significant"}
    if not need <= set(table.columns):
        raise ZhDiscourseError(f"plot_top_keys: the table needs the columns {', '.join(sorted(need))}")
    pos = table[table["direction"] == "+"]
    docs = list(dict.fromkeys(table["doc"]))
    rows = []
    for d in docs:
        top = pos[pos["doc"] == d].sort_values(["g2", "term"], ascending=[False, True]).head(n)
        rows += [(d, r.term, float(r.g2), bool(r.significant)) for r in top.itertuples()]
    if not rows:  # e.g. a short text where no term is frequent enough to be tested
        return empty_panel("No positive key terms to draw: no term of this text is frequent enough\n"
                           "to be tested for keyness, or none is used more in one part than in the rest.",
                           title=title)
    g = glossary() if glosses is None else glosses
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(rows) + 1.2))
    y = np.arange(len(rows))[::-1]
    for yi, (d, term, g2, sig) in zip(y, rows):
        colour = part_colour(docs.index(d))
        ax.barh(yi, g2, color=colour, alpha=0.9 if sig else 0.35, hatch=None if sig else "//", edgecolor=colour)
        ax.text(g2, yi, f" {g2:.1f}", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([f"part {d} · {label_with_gloss(t, glosses=g)}" for d, t, _, _ in rows], fontsize=9)
    ax.set_xlabel("G² (log-likelihood) of the part against the rest of the text")
    ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(0, max(r[2] for r in rows) * 1.15)
    items = [("significant after the Benjamini–Hochberg correction", {"facecolor": "#777777", "alpha": 0.9})]
    if any(not r[3] for r in rows):
        items.append(("not significant (pale, hatched)", {"facecolor": "#777777", "alpha": 0.35, "hatch": "//",
                                                          "edgecolor": "#777777"}))
    legend_below(fig, items + [("colour: the part", {"facecolor": "white", "edgecolor": "white"})], ncol=3)
    return fig


def plot_rank_among(profile: pd.DataFrame, column: str, *, speech_id: str = "speech", bins: int = 15,
                    xlabel: str | None = None, others: str = "reports", marks: dict[str, float] | None = None,
                    title: str = "The speech among the reference documents") -> "matplotlib.figure.Figure":
    """Histogram of ``column`` over the documents other than ``speech_id``, with their median and
    the speech as a vertical line labelled "above k of n <others>". ``marks`` (``{label: value}``) adds
    further values as thin dashed lines (e.g. one part of the speech on its own)."""
    if column not in profile.columns or "doc" not in profile.columns:
        raise ZhDiscourseError(f"plot_rank_among: the profile needs the columns doc and {column}")
    is_speech = profile["doc"] == speech_id
    if not is_speech.any():
        raise ZhDiscourseError(f"plot_rank_among: no row {speech_id!r} in the profile")
    vals = profile.loc[~is_speech, column].astype(float).to_numpy()
    value = float(profile.loc[is_speech, column].iloc[0])
    if not len(vals):
        raise ZhDiscourseError("plot_rank_among: no documents to compare with")
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    marks = marks or {}
    hi = max([vals.max(), value, *marks.values()])
    edges = np.linspace(0, hi * 1.05, bins + 1)
    ax.hist(vals, bins=edges, color=OTHERS_COLOUR, alpha=0.75, label=f"{len(vals)} {others}")
    med = float(np.median(vals))
    ax.axvline(med, color=OTHERS_COLOUR, ls=":", lw=1.3, label=f"median of the {others}: {med:.1f}")
    below = int((vals < value).sum())
    ax.axvline(value, color=SPEECH_COLOUR, lw=2.2, label=f"the speech: {value:.1f}")
    for k, (label, v) in enumerate(marks.items()):
        ax.axvline(float(v), color=("#e67e22", "#8e44ad", "#16a085")[k % 3], ls="--", lw=1.4, label=f"{label}: {v:.1f}")
    ax.annotate(f"above {below} of {len(vals)}", xy=(value, ax.get_ylim()[1] * 0.9), xytext=(-6, 0),
                textcoords="offset points", ha="right", va="center", fontsize=9, color=SPEECH_COLOUR)
    ax.set_xlabel(xlabel or column)
    ax.set_ylabel(f"number of {others}")
    ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig
