"""Figures for TF-IDF, keyness, similarity, topics and two-part contrasts.

Every function takes the DataFrame that the matching analysis function returns and gives back a
matplotlib ``Figure``; fonts, styles and saving belong to :mod:`zhdiscourse.plots.base` (use
``setup_fonts()`` / ``project_style()`` so Chinese renders, and ``save_figure`` to write files).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..stats.cosine import similarity_matrix
from .base import glossary, label_with_gloss, part_colour
from .labels import legend_below, place_labels

#: Colours of positive (used more) and negative (used less) keyness, in every keyness figure.
OVER, UNDER = "#B2182B", "#2166AC"


def _plt():
    import matplotlib.pyplot as plt

    return plt


def contrast_scatter(table: pd.DataFrame, *, title: str | None = None, fontsize: float = 8.5,
                     glosses: dict[str, str] | None = None):
    """Scattertext-style plot of a :func:`zhdiscourse.stats.comparison.contrast` table.

    x = relative frequency in B, y = relative frequency in A (per 1,000 content tokens, log
    scales; a zero frequency is drawn at half the smallest non-zero value, on the axis edge, and the
    edge says so), colour = scaled F-score (red towards A, blue towards B), the diagonal marks equal
    use, and the terms with a ``label`` are written next to their points with their English gloss
    (``glosses``, default: the project glossary), placed by adjustText so that no two overlap.
    """
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the contrast table is empty")
    plt = _plt()
    g = glossary() if glosses is None else glosses
    a, b = str(table["a"].iloc[0]), str(table["b"].iloc[0])
    xa = table["per_1k_b"].to_numpy(float)
    ya = table["per_1k_a"].to_numpy(float)
    pos = np.concatenate([xa[xa > 0], ya[ya > 0]])
    floor = pos.min() / 2 if len(pos) else 0.1
    x = np.where(xa > 0, xa, floor)
    y = np.where(ya > 0, ya, floor)
    rng = np.random.default_rng(0)  # fixed jitter so overlapping integer counts stay visible
    jx = x * np.exp(rng.uniform(-0.04, 0.04, len(x)))
    jy = y * np.exp(rng.uniform(-0.04, 0.04, len(y)))
    fig, ax = plt.subplots(figsize=(9, 8.4))
    sc = ax.scatter(jx, jy, c=table["scaled_f"], cmap="coolwarm", vmin=-1, vmax=1, s=14, alpha=0.75,
                    edgecolors="none")
    ax.set_xscale("log")
    ax.set_yscale("log")
    lo, hi = floor / 2.4, max(x.max(), y.max()) * 1.8  # room below and left of the "not in" rows for labels
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.plot([lo, hi], [lo, hi], color="#999999", lw=0.8, ls="--", zorder=0)
    ax.text(hi / 1.15, hi / 1.05, "equal rate", rotation=45, rotation_mode="anchor", ha="right", va="bottom",
            fontsize=7.5, color="#777777")
    if (xa == 0).any():
        ax.axvspan(lo, floor * 1.12, color="#eeeeee", zorder=-1, lw=0)
        ax.text(floor * 0.8, hi / 1.25, f"not in {b}", rotation=90, ha="center", va="top", fontsize=7.5,
                color="#666666")
    if (ya == 0).any():
        ax.axhspan(lo, floor * 1.12, color="#eeeeee", zorder=-1, lw=0)
        ax.text(hi / 1.25, floor * 0.8, f"not in {a}", ha="right", va="center", fontsize=7.5, color="#666666")
    ax.set_xlabel(f"per 1,000 content tokens in {b} (log scale)")
    ax.set_ylabel(f"per 1,000 content tokens in {a} (log scale)")
    cb = fig.colorbar(sc, ax=ax, shrink=0.7)
    cb.set_label(f"scaled F-score (+1: typical of {a}, −1: typical of {b})")
    ax.set_title(title or f"{a} against {b}: relative frequency of each term")
    fig.tight_layout()  # fix the axes' final position before the labels are placed in pixels
    lab = (table["label"] != "").to_numpy()
    order = np.argsort(-np.abs(table["scaled_f"].to_numpy()[lab]), kind="stable")  # strongest first
    colors = np.where(table.loc[lab, "label"] == "A", OVER, UNDER)[order]
    texts = [label_with_gloss(table["term"].to_numpy()[lab][i], "\n", glosses=g) for i in order]
    place_labels(ax, jx[lab][order], jy[lab][order], texts, list(colors), fontsize=fontsize,
                 avoid_points=(jx, jy), linespacing=1.0)
    return fig


def similarity_heatmap(table: pd.DataFrame, *, title: str = "Cosine similarity (TF-IDF)", annotate: bool | None = None):
    """Heat map of a tidy :func:`zhdiscourse.stats.cosine.similarity` table (or a square matrix)."""
    m = table if {"a", "b", "cosine"} - set(table.columns) else similarity_matrix(table)
    if m.empty:
        raise ZhDiscourseError("nothing to plot: the similarity table is empty")
    plt = _plt()
    n = len(m)
    size = min(12, 2.5 + 0.45 * n)
    fig, ax = plt.subplots(figsize=(size + 1.2, size))
    vals = m.to_numpy(float).copy()
    off = vals[~np.eye(n, dtype=bool)] if n > 1 else vals.ravel()
    vmax = max(float(off.max()) if off.size else 1.0, 1e-9)
    im = ax.imshow(np.where(np.eye(n, dtype=bool), np.nan, vals), cmap="viridis", vmin=0, vmax=vmax)
    ax.set_xticks(range(n), [str(c) for c in m.columns], rotation=90 if n > 6 else 0)
    ax.set_yticks(range(n), [str(i) for i in m.index])
    if annotate is None:
        annotate = n <= 12
    if annotate:
        for i in range(n):
            for j in range(n):
                if i != j:
                    ax.text(j, i, f"{vals[i, j]:.2f}", ha="center", va="center", fontsize=8,
                            color="white" if vals[i, j] < vmax * 0.6 else "black")
    fig.colorbar(im, ax=ax, shrink=0.7, label="cosine (diagonal left blank)")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def topic_share_bars(shares: pd.DataFrame, *, title: str = "Share of each topic in each part"):
    """Stacked bars of a :func:`zhdiscourse.stats.topics.topic_shares` table (one bar per part)."""
    if shares.empty:
        raise ZhDiscourseError("nothing to plot: the topic-share table is empty")
    plt = _plt()
    parts = list(dict.fromkeys(shares["section"]))
    topics = sorted(shares["topic"].unique())
    labels = shares.drop_duplicates("topic").set_index("topic")["label"].to_dict() if "label" in shares else {}
    piv = shares.pivot(index="section", columns="topic", values="share").reindex(parts).fillna(0.0)
    cmap = plt.get_cmap("tab10" if len(topics) <= 10 else "tab20")
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.7 * len(parts)))
    left = np.zeros(len(parts))
    for i, t in enumerate(topics):
        w = piv[t].to_numpy()
        ax.barh(range(len(parts)), w, left=left, color=cmap(i % cmap.N), edgecolor="white",
                label=f"T{t}: {labels.get(t, '')}")
        for yi, (l0, wi) in enumerate(zip(left, w)):
            if wi >= 0.08:
                ax.text(l0 + wi / 2, yi, f"{wi:.0%}", ha="center", va="center", fontsize=8, color="white")
        left += w
    ax.set_yticks(range(len(parts)), parts)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the part's topic weight (NMF)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, fontsize=8, frameon=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def keyness_bars(table: pd.DataFrame, *, n: int = 10, docs: list[str] | None = None,
                 title: str = "Keyness (signed log-likelihood G²)", glosses: dict[str, str] | None = None):
    """Horizontal bars of signed G² for each unit's ``n`` strongest positive and negative keys.

    ``table`` is a :func:`zhdiscourse.stats.keywords.keyness` table (with ``doc``) or a
    :func:`~zhdiscourse.stats.keywords.keyness_table` (one panel). Significant terms (``p_adj < alpha``)
    are drawn solid, the others pale; a legend under the panels says so. Terms carry their English
    gloss (``glosses``, default: the project glossary).
    """
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the keyness table is empty")
    plt = _plt()
    g = glossary() if glosses is None else glosses
    t = table if "doc" in table.columns else table.assign(doc="target")
    order = docs or list(dict.fromkeys(t["doc"]))
    fig, axes = plt.subplots(1, len(order), figsize=(4.3 * len(order) + 0.6, 0.32 * 2 * n + 2.0), squeeze=False)
    for ax, d in zip(axes[0], order):
        sub = t[t["doc"] == d]
        top = pd.concat([
            sub[sub["direction"] == "+"].nlargest(n, "g2"),
            sub[sub["direction"] == "-"].nlargest(n, "g2").iloc[::-1],
        ])
        y = np.arange(len(top))
        colors = np.where(top["g2_signed"] > 0, OVER, UNDER)
        alphas = np.where(top["significant"], 1.0, 0.35)
        for yi, v, c, a in zip(y, top["g2_signed"], colors, alphas):
            ax.barh(yi, v, color=c, alpha=a)
        ax.set_yticks(y, [label_with_gloss(x, glosses=g) for x in top["term"]], fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="black", lw=0.6)
        ax.set_title(str(d))
        ax.set_xlabel("signed G²")
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title)
    legend_below(fig, [("used more in the part than in the rest (significant)", {"facecolor": OVER}),
                       ("used less (significant)", {"facecolor": UNDER}),
                       ("pale: not significant after the Benjamini–Hochberg correction",
                        {"facecolor": "#999999", "alpha": 0.35})], ncol=3)
    return fig


def k_selection_plot(table: pd.DataFrame, *, chosen: int | None = None, title: str = "Choosing the number of topics"):
    """Three panels of a :func:`zhdiscourse.stats.topics.choose_k` table against k: relative
    reconstruction error, NPMI coherence and stability; ``chosen`` is marked."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the choose_k table is empty")
    plt = _plt()
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    for ax, col, lab in zip(axes, ["relative_err", "npmi", "stability"],
                            ["relative reconstruction error", "mean NPMI coherence", "stability (matched cosine)"]):
        ax.plot(table["k"], table[col], marker="o")
        if chosen is not None:
            ax.axvline(chosen, color="#B2182B", ls="--", lw=0.8)
        ax.set_xlabel("k")
        ax.set_title(lab, fontsize=10)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
