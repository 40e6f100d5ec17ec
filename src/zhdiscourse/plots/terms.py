"""Figures of term tables for the TF-IDF, keyness and topic notebooks (03, 05).

Each function takes a DataFrame that an analysis function returns and gives back a matplotlib
``Figure``; call :func:`zhdiscourse.plots.setup_fonts` first so Chinese renders, and save with
:func:`zhdiscourse.plots.save_figure`. Terms are labelled ``term (gloss)`` when the glossary
(``src/zhdiscourse/lexicon/glossary.csv``) knows them; pass ``glosses={}`` to switch glosses off.

* :func:`term_bars` — one panel per group (part, sub-point, topic), horizontal bars of the top terms
  of a tidy table (``zhdiscourse.stats.weighting.top_terms``, ``zhdiscourse.stats.topics.topic_terms`` …).
* :func:`term_unit_heatmap` — terms × units (sub-points) heat map of any value (TF-IDF weight,
  rate per 1,000 tokens), with lines between parts.
* :func:`keyness_volcano` — effect size (log ratio) against evidence (G²) per part.
* :func:`rank_comparison` — two ranked term lists side by side per document, lines joining the
  terms they share (our TF-IDF against ``jieba.analyse.extract_tags``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from .base import glossary, label_with_gloss, part_colour
from .labels import legend_below
from .stats import OVER, UNDER

#: What Gries' DP means, for figures that print it.
DP_NOTE = ("DP = Gries' deviation of proportions: half the sum, over the units, of |share of the term's occurrences "
           "in the unit − the unit's share of the text|; 0 = spread like the text, near 1 = all in one unit.")


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _glosses(glosses):
    return glossary() if glosses is None else glosses


def term_bars(table: pd.DataFrame, *, group: str = "doc", value: str = "tfidf", term: str = "term", n: int = 8,
              glosses: dict | None = None, title: str = "", xlabel: str | None = None, ncols: int | None = None,
              group_titles: dict | None = None):
    """Small multiples: for each ``group`` (in order of appearance) the ``n`` rows with the highest
    ``value``, largest at the top, labelled ``term (gloss)``."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the term table is empty")
    for c in (group, value, term):
        if c not in table.columns:
            raise ZhDiscourseError(f"the term table has no column {c!r}")
    plt = _plt()
    g = _glosses(glosses)
    groups = list(dict.fromkeys(table[group]))
    ncols = ncols or min(len(groups), 4)
    nrows = int(np.ceil(len(groups) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols + 0.4, 0.34 * n * nrows + 1.1 * nrows + 0.4),
                             squeeze=False)
    for i, (ax, key) in enumerate(zip(axes.ravel(), groups)):
        sub = table[table[group] == key].sort_values([value, term], ascending=[False, True], kind="stable").head(n)
        y = np.arange(len(sub))
        ax.barh(y, sub[value].to_numpy(float), color=part_colour(i))
        ax.set_yticks(y, [label_with_gloss(t, glosses=g) for t in sub[term]], fontsize=8)
        ax.invert_yaxis()
        ax.set_title((group_titles or {}).get(key, str(key)), fontsize=10)
        ax.set_xlabel(xlabel or value, fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes.ravel()[len(groups):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def term_unit_heatmap(table: pd.DataFrame, *, value: str, term: str = "term", doc: str = "doc",
                      section: str | None = "section", terms: list[str] | None = None,
                      row_notes: dict | None = None, glosses: dict | None = None, title: str = "",
                      cbar_label: str | None = None, annotate: bool = False, fmt: str = "{:.0f}",
                      note: str = ""):
    """Heat map of a tidy table: one row per term (``terms`` order, else order of appearance), one
    column per unit (order of appearance), colour = ``value``; dashed lines where ``section``
    changes. ``row_notes`` adds text after a term's label (e.g. its DP); ``note`` is printed under
    the figure (e.g. :data:`DP_NOTE`, what the DP means)."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the table is empty")
    plt = _plt()
    g = _glosses(glosses)
    docs = list(dict.fromkeys(table[doc]))
    terms = list(terms or dict.fromkeys(table[term]))
    piv = table.pivot_table(index=term, columns=doc, values=value, aggfunc="sum", sort=False)
    piv = piv.reindex(index=terms, columns=docs).fillna(0.0)
    vals = piv.to_numpy(float)
    fig, ax = plt.subplots(figsize=(min(16, 2.5 + 0.42 * len(docs)), 1.3 + 0.36 * len(terms)))
    im = ax.imshow(vals, aspect="auto", cmap="YlOrRd", vmin=0, interpolation="nearest")
    ax.set_xticks(range(len(docs)), [str(d) for d in docs], rotation=90, fontsize=8)
    labels = [label_with_gloss(t, glosses=g) + ((row_notes or {}).get(t, "")) for t in terms]
    ax.set_yticks(range(len(terms)), labels, fontsize=8)
    if section and section in table.columns:
        sec_of = table.drop_duplicates(doc).set_index(doc)[section].to_dict()
        secs = [sec_of.get(d) for d in docs]
        for j in range(1, len(docs)):
            if secs[j] != secs[j - 1]:
                ax.axvline(j - 0.5, color="black", lw=0.9, ls="--")
    if annotate:
        vmax = float(vals.max()) if vals.size else 1.0
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                if vals[i, j] > 0:
                    ax.text(j, i, fmt.format(vals[i, j]), ha="center", va="center", fontsize=6,
                            color="white" if vals[i, j] > 0.6 * vmax else "black")
    fig.colorbar(im, ax=ax, shrink=0.8, label=cbar_label or value)
    ax.set_xlabel("unit of the text, in text order" + ("; dashed lines: part boundaries" if section else ""))
    if title:
        ax.set_title(title)
    if note:
        fig.tight_layout(rect=(0, 0.1, 1, 1))
        fig.text(0.01, 0.01, note, fontsize=8, color="#444444", ha="left", va="bottom", wrap=True)
    else:
        fig.tight_layout()
    return fig


NOT_SIG = "#BBBBBB"


def keyness_volcano(table: pd.DataFrame, *, n_label: int = 6, glosses: dict | None = None,
                    title: str = "Keyness: effect size against evidence"):
    """One panel per ``doc`` of a :func:`zhdiscourse.stats.keywords.keyness` table: x = log ratio (how
    many times more frequent, as powers of 2), y = G² (how sure), significant terms (after the
    multiple-testing correction) in colour, the ``n_label`` strongest positive keys numbered and
    listed in the panel's upper left corner (terms on the same point share a number)."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the keyness table is empty")
    plt = _plt()
    g = _glosses(glosses)
    t = table if "doc" in table.columns else table.assign(doc="target")
    docs = list(dict.fromkeys(t["doc"]))
    fig, axes = plt.subplots(1, len(docs), figsize=(3.3 * len(docs) + 0.6, 3.9), squeeze=False, sharey=True)
    ymax = float(t["g2"].max()) * 1.15 + 1
    for i, (ax, d) in enumerate(zip(axes[0], docs)):
        sub = t[t["doc"] == d]
        sig = sub["significant"].to_numpy(bool)
        sign = np.where(sub["direction"] == "+", 1, -1)
        ax.scatter(sub["log_ratio"][~sig], sub["g2"][~sig], s=10, color=NOT_SIG, edgecolors="none",
                   label="not significant")
        ax.scatter(sub["log_ratio"][sig], sub["g2"][sig], s=16,
                   c=np.where(sign[sig] > 0, OVER, UNDER), edgecolors="none", label="significant")
        top = sub[(sub["direction"] == "+") & sub["significant"]].nlargest(n_label, "g2")
        spots: dict[tuple, list[str]] = {}  # terms on the same point share one label
        for r in top.itertuples():
            spots.setdefault((round(float(r.log_ratio), 6), round(float(r.g2), 6)), []).append(
                label_with_gloss(r.term, glosses=g))
        legend = []
        for k, ((x, y), names) in enumerate(spots.items(), 1):  # numbered points, names listed top left
            ax.annotate(str(k), (x, y), xytext=(-3, 3), textcoords="offset points", ha="right", fontsize=7,
                        color=OVER)
            legend.append(f"{k} " + " / ".join(names))
        if legend:
            ax.text(0.02, 0.98, "\n".join(legend), transform=ax.transAxes, ha="left", va="top", fontsize=7,
                    color=OVER)
        crit = float(sub.loc[sig, "g2"].min()) if sig.any() else None
        if crit is not None:
            ax.axhline(crit, color="#777777", lw=0.6, ls=":")
        ax.axvline(0, color="black", lw=0.5)
        ax.set_title(str(d))
        ax.set_xlabel("log ratio (log2 of relative frequencies)", fontsize=8)
        ax.set_ylim(0, ymax)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0][0].set_ylabel("G² (log-likelihood)")
    fig.suptitle(title)
    sig_all, plus = t["significant"].astype(bool), t["direction"] == "+"
    dot = {"kind": "line", "marker": "o", "ls": "none"}
    items = [("significant, used more in the part (numbered: the strongest, listed top left)", {**dot, "color": OVER})]
    if (sig_all & ~plus).any():
        items.append(("significant, used less in the part", {**dot, "color": UNDER}))
    if (~sig_all).any():
        items.append(("not significant after the Benjamini–Hochberg correction", {**dot, "color": NOT_SIG}))
    if sig_all.any():
        items.append(("dotted line: the smallest G² among the part's significant terms",
                      {"kind": "line", "color": "#777777", "ls": ":", "lw": 1.0}))
    legend_below(fig, items, ncol=2)
    return fig


def rank_comparison(table: pd.DataFrame, *, left: str = "tfidf_term", right: str = "jieba_term",
                    left_title: str = "TF-IDF within the text", right_title: str = "jieba extract_tags",
                    glosses: dict | None = None, title: str = "Two keyword lists side by side"):
    """One panel per ``doc`` of a :func:`zhdiscourse.stats.weighting.compare_with_jieba` table: the left list
    and the right list in rank order, a line joining each term that is in both lists; terms in only
    one list are grey."""
    if table.empty:
        raise ZhDiscourseError("nothing to plot: the comparison table is empty")
    plt = _plt()
    g = _glosses(glosses)
    docs = list(dict.fromkeys(table["doc"]))
    n = int(table.groupby("doc").size().max())
    ncols = min(len(docs), 2)
    nrows = int(np.ceil(len(docs) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2 * ncols, (0.3 * n + 1.2) * nrows + 0.4), squeeze=False)
    for ax in axes.ravel()[len(docs):]:
        ax.set_visible(False)
    for i, (ax, d) in enumerate(zip(axes.ravel(), docs)):
        sub = table[table["doc"] == d].sort_values("rank")
        lt = [x for x in sub[left] if isinstance(x, str)]
        rt = [x for x in sub[right] if isinstance(x, str)]
        shared = set(lt) & set(rt)
        for y, t in enumerate(lt):
            ax.text(0, y, label_with_gloss(t, glosses=g), ha="right", va="center", fontsize=8,
                    color=part_colour(i) if t in shared else "#888888")
        for y, t in enumerate(rt):
            ax.text(1, y, label_with_gloss(t, glosses=g), ha="left", va="center", fontsize=8,
                    color=part_colour(i) if t in shared else "#888888")
        for t in [x for x in lt if x in shared]:  # in list order: a set's order changes with the hash seed
            ax.plot([0.03, 0.97], [lt.index(t), rt.index(t)], color=part_colour(i), lw=1.2)
        ax.set_xlim(-1.5, 2.5)
        ax.set_ylim(n - 0.5, -1.3)
        ax.text(0, -1, left_title, ha="right", va="center", fontsize=8)
        ax.text(1, -1, right_title, ha="left", va="center", fontsize=8)
        ax.set_title(f"{d}: {len(shared)} shared", fontsize=10)
        ax.set_axis_off()
    fig.suptitle(title)
    fig.tight_layout()
    return fig
