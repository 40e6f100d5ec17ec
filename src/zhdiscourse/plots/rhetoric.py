"""More figures of the rhetorical patterns (notebook 04): a marker × unit heatmap, a rolling contrast of
directives against narrative 我们 along the text, 要-runs under two definitions, parallelism kinds
per part, four-character expressions per part and hand-check precision.

Every ``plot_*`` function takes data (DataFrames from :mod:`zhdiscourse.patterns`, or the small
tables built by the helpers here) and returns a matplotlib ``Figure``; saving is
:func:`zhdiscourse.plots.base.save_figure`'s job. Call :func:`~zhdiscourse.plots.base.setup_fonts`
first so that Chinese labels render with the project font.

The tables they draw come from the analysis stages: :func:`zhdiscourse.stats.density.rolling_density`,
:func:`zhdiscourse.patterns.parallelism.kind_table`, :func:`zhdiscourse.stats.agreement.cohen_kappa`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.model import Speech
from .base import glossary, part_colour

from ..patterns.parallelism import KINDS

KIND_COLOURS = dict(zip(KINDS, ("#4C72B0", "#DD8452", "#55A868", "#C44E52")))


def _clean_axes(ax, keep_left: bool = True) -> None:
    for side in ("top", "right") + (() if keep_left else ("left",)):
        ax.spines[side].set_visible(False)


# --------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------


def plot_marker_heatmap(profile: pd.DataFrame, markers=("要", "必须", "坚决", "应", "不能", "务必", "一定", "决不能",
                                                        "不要", "我们V"),
                        title: str = "Directive markers per 1,000 characters", labels: dict | None = None,
                        glosses: dict[str, str] | None = None):
    """Heatmap: units of ``profile`` (:func:`~zhdiscourse.patterns.directive_profile`) as rows,
    markers as columns (with their English gloss), colour = occurrences per 1,000 characters.

    Each cell prints what its colour shows, the rate, and the raw count in brackets: a dark cell built
    on one occurrence in a short unit can then be told from a dark cell built on ten. The row labels
    carry each unit's length in characters."""
    import matplotlib.pyplot as plt

    g = glossary() if glosses is None else glosses
    markers = [m for m in markers if f"{m}_per_1k" in profile.columns]
    dens = profile[[f"{m}_per_1k" for m in markers]].astype(float).to_numpy()
    cnt = profile[list(markers)].astype(int).to_numpy()
    n = len(profile)
    fig, ax = plt.subplots(figsize=(0.95 * len(markers) + 3.2, 0.34 * n + 2.0))
    im = ax.imshow(dens, aspect="auto", cmap="Reds", vmin=0)
    for i in range(n):
        for j in range(len(markers)):
            if cnt[i, j]:
                ax.text(j, i, f"{dens[i, j]:.1f} ({cnt[i, j]})", ha="center", va="center", fontsize=6.5,
                        color="white" if dens[i, j] > 0.6 * max(dens.max(), 1e-9) else "black")
    labels = labels or {}
    names = {"我们V": "narrative"}
    ax.set_xticks(range(len(markers)), [f"{labels.get(m, m)}\n{names.get(m) or g.get(m, '')}".rstrip()
                                       for m in markers], fontsize=8)
    chars = profile["chars"].astype(int) if "chars" in profile.columns else None
    ax.set_yticks(range(n), [f"{u}  ({c:,} chars)" if chars is not None else str(u)
                             for u, c in zip(profile["unit"], chars if chars is not None else [None] * n)],
                  fontsize=8)
    ax.set_xlabel("marker; a cell: occurrences per 1,000 characters (count)")
    ax.set_ylabel("unit (its length)")
    ax.set_title(title)
    fig.colorbar(im, ax=ax, label="occurrences per 1,000 characters", shrink=0.8)
    fig.tight_layout()
    return fig


def plot_rolling_contrast(speech: Speech, rolling: pd.DataFrame, series: dict[str, str],
                          title: str = "Directives and narrative 我们 along the text"):
    """Lines of the ``rolling`` densities (:func:`rolling_density`) against the sentence index;
    ``series`` maps a column of ``rolling`` to its legend label. Parts are shaded alternately and
    labelled."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 3.6))
    colours = ["#C44E52", "black", "#4C72B0", "#55A868"]
    top = max([rolling[c].max() for c in series] + [1.0]) * 1.15
    for k, sec in enumerate(speech.sections):
        inside = rolling[(rolling["start"] >= sec.start) & (rolling["start"] < sec.end)]["sentence"]
        if len(inside):
            a, b = inside.min() - 0.5, inside.max() + 0.5
            ax.axvspan(a, b, color=part_colour(k), alpha=0.08, linewidth=0)
            ax.text((a + b) / 2, top * 0.97, f"part {sec.number}", ha="center", va="top", fontsize=9)
    for (col, label), colour in zip(series.items(), colours):
        ax.plot(rolling["sentence"], rolling[col], color=colour, linewidth=1.6, label=label,
                linestyle="-" if colour != "black" else "--")
    ax.set_ylim(0, top)
    ax.set_xlim(rolling["sentence"].min() - 0.5, rolling["sentence"].max() + 0.5)
    ax.set_xlabel("sentence index")
    ax.set_ylabel("per 1,000 characters (rolling)")
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(0.01, 0.88))
    _clean_axes(ax)
    fig.tight_layout()
    return fig


def plot_run_definitions(speech: Speech, tracks: dict[str, tuple[pd.DataFrame, pd.DataFrame]],
                         title: str = "要-runs under two definitions"):
    """One track per definition: ``tracks`` maps a label to ``(yao_sentences, yao_runs)``. Each track
    shows a tick per 要-initial sentence and a bar per run (labelled with its length); dashed lines
    mark where the parts begin."""
    import matplotlib.pyplot as plt

    colour = {s.number: part_colour(i) for i, s in enumerate(speech.sections)}
    fig, ax = plt.subplots(figsize=(11, 1.0 + 1.1 * len(tracks)))
    names = list(tracks)
    n_sent = 0
    for k, name in enumerate(names):
        y = len(names) - 1 - k
        sents, runs = tracks[name]
        n_sent = max(n_sent, len(sents))
        ys = sents[sents["yao_initial"]]
        ax.vlines(ys["sentence"], y, y + 0.3, color="#888888", linewidth=1.0)
        for r in runs.itertuples():
            ax.barh(y + 0.5, r.last_sentence - r.first_sentence + 1, left=r.first_sentence - 0.5, height=0.25,
                    color=colour.get(r.section, "#444444"), alpha=0.85)
            ax.text((r.first_sentence + r.last_sentence) / 2, y + 0.68, str(r.sentences), ha="center", fontsize=7)
    first = tracks[names[0]][0]
    for sec in speech.sections:
        f = first[first["start"] >= sec.start]["sentence"]
        if len(f):
            x0 = int(f.iloc[0]) - 0.5
            ax.axvline(x0, color="black", linewidth=0.8, linestyle="--")
            ax.text(x0 + 0.5, len(names) + 0.02, sec.number, fontsize=10, va="bottom")
    ax.set_yticks([len(names) - 1 - k + 0.4 for k in range(len(names))],
                  [f"{nm}\n({len(tracks[nm][1])} runs)" for nm in names])
    ax.set_ylim(-0.1, len(names) + 0.35)
    ax.set_xlim(-1, n_sent)
    ax.set_xlabel("sentence index (ticks: sentence begins with modal 要; bars: runs of ≥2, coloured by part)")
    ax.set_title(title)
    _clean_axes(ax, keep_left=False)
    fig.tight_layout()
    return fig


def plot_stacked_parts(table: pd.DataFrame, title: str, ylabel: str, colours: dict[str, str] | None = None,
                       per_1k: pd.Series | None = None):
    """Stacked bars: one bar per row of ``table`` (parts), one segment per column. With ``per_1k``
    (a Series of part sizes in characters), bars show occurrences per 1,000 characters instead of
    counts."""
    import matplotlib.pyplot as plt

    data = table.astype(float)
    if per_1k is not None:
        data = data.div(per_1k.reindex(data.index).astype(float), axis=0) * 1000
    fig, ax = plt.subplots(figsize=(max(5, 0.9 * len(data) + 3), 3.8))
    x = np.arange(len(data))
    bottom = np.zeros(len(data))
    palette = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]
    for j, col in enumerate(data.columns):
        vals = data[col].to_numpy()
        ax.bar(x, vals, bottom=bottom, width=0.65, label=str(col),
               color=(colours or {}).get(col, palette[j % len(palette)]))
        bottom += vals
    ax.set_xticks(x, [f"part {s}" if s != "opening" else s for s in data.index])
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False, bbox_to_anchor=(1.0, 1.0), loc="upper left")
    _clean_axes(ax)
    fig.tight_layout()
    return fig


def plot_precision(table: pd.DataFrame, title: str = "Parallelism detector: precision on the hand check"):
    """Grouped bars: rows of ``table`` are groups (kinds, "all"), columns are definitions/judges with
    precision values in 0…1; the count of judged instances (column ``n`` if present) labels each group."""
    import matplotlib.pyplot as plt

    cols = [c for c in table.columns if c != "n"]
    fig, ax = plt.subplots(figsize=(max(5.5, 1.3 * len(table) + 2.5), 3.6))
    x = np.arange(len(table))
    w = 0.8 / max(1, len(cols))
    palette = ["#4C72B0", "#DD8452", "#55A868", "#8172B3"]
    for j, c in enumerate(cols):
        vals = table[c].astype(float).to_numpy()
        bars = ax.bar(x + (j - (len(cols) - 1) / 2) * w, vals, width=w, label=c, color=palette[j % len(palette)])
        for b, v in zip(bars, vals):
            if v == v:
                ax.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.2f}", ha="center", va="bottom", fontsize=7)
    names = [f"{i}\n(n={int(n)})" for i, n in zip(table.index, table["n"])] if "n" in table.columns else list(table.index)
    ax.set_xticks(x, names)
    ax.axhline(0.8, color="black", linewidth=0.8, linestyle=":")
    ax.text(len(table) - 0.5, 0.81, "target 0.8", ha="right", va="bottom", fontsize=7)
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("precision (share judged correct)")
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False, bbox_to_anchor=(1.0, 1.0), loc="upper left")
    _clean_axes(ax)
    fig.tight_layout()
    return fig
