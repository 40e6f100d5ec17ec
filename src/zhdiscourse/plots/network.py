"""The collocation network: the words around a node and (optionally) their own collocates, as a graph
(LancsBox's GraphColl, Voyant's Links).

:func:`collocation_network` draws the edges of :func:`zhdiscourse.stats.window_collocates.collocation_edges`:
node words in the first part colour, their collocates in the second, second-order collocates in the
third; a word's circle grows with its frequency, an edge's width with its score (log-Dice by default)
and the edge is labelled with the number of co-occurrences. The layout is networkx's spring layout
(Fruchterman–Reingold) with a fixed seed on a graph built in a fixed order, so the same table always
gives the same picture (and, through :func:`zhdiscourse.plots.base.save_figure`, the same bytes).
"""

from __future__ import annotations

import math

import pandas as pd

from .base import empty_panel, part_colour


def collocation_network(edges: pd.DataFrame, *, seed: int = 0, title: str | None = None, edge_labels: bool = True,
                        figsize: tuple[float, float] = (8.0, 6.5)):
    """The network of ``edges`` (columns ``source, target, depth, score, observed``; ``attrs["nodes"]``
    and ``attrs["freq"]`` as :func:`~zhdiscourse.stats.window_collocates.collocation_edges` sets them)."""
    nodes = list(edges.attrs.get("nodes", []))
    if edges.empty:
        what = "、".join(nodes) if nodes else "the node"
        return empty_panel(f"No collocate of {what} passes the frequency floors.", title=title or "Collocation network")
    import matplotlib.pyplot as plt
    import networkx as nx

    freq = dict(edges.attrs.get("freq", {}))
    g = nx.Graph()
    level: dict[str, int] = {n: 0 for n in nodes}
    for r in edges.sort_values(["depth", "source", "target"], kind="stable").itertuples(index=False):
        for w, d in ((r.source, r.depth - 1), (r.target, r.depth)):
            level[w] = min(level.get(w, d), d)
    for w in sorted(level, key=lambda w: (level[w], w)):
        g.add_node(w)
    scores = edges["score"].astype(float)
    lo, hi = float(scores.min()), float(scores.max())
    for r in edges.sort_values(["source", "target"], kind="stable").itertuples(index=False):
        strength = 1.0 if hi == lo else 0.2 + 0.8 * (float(r.score) - lo) / (hi - lo)
        g.add_edge(r.source, r.target, weight=strength, observed=int(r.observed))
    pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.6 / math.sqrt(max(g.number_of_nodes(), 1)),
                           iterations=200)
    fig, ax = plt.subplots(figsize=figsize)
    widths = [0.6 + 3.4 * g.edges[e]["weight"] for e in g.edges]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color="#9E9E9E", alpha=0.8)
    fmax = max([freq.get(w, 1) for w in g.nodes] + [1])
    sizes = [300 + 1700 * math.sqrt(freq.get(w, 1) / fmax) for w in g.nodes]
    colours = [part_colour(min(level[w], 2)) for w in g.nodes]
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.9, linewidths=0.5,
                           edgecolors="white")
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=10, font_family=plt.rcParams["font.family"][0])
    if edge_labels:
        nx.draw_networkx_edge_labels(g, pos, ax=ax, edge_labels={e: g.edges[e]["observed"] for e in g.edges},
                                     font_size=7, font_color="#555555", rotate=False,
                                     bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=part_colour(k), label=lab)
               for k, lab in enumerate(("node word", "collocate", "collocate of a collocate"))
               if any(min(level[w], 2) == k for w in g.nodes)]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8,
              title=f"edge width: {edges.attrs.get('measure', 'score')}; label: co-occurrences", title_fontsize=8)
    ax.set_title(title or f"Collocation network of {'、'.join(nodes)}")
    ax.axis("off")
    fig.tight_layout()
    return fig
