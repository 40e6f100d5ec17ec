"""Figures of the discourse analyst's toolkit: agency, reported against enacted directives, addressees,
lexicon profiles (war metaphors, stance) and lexical diversity, per part.

Every function takes the table of its analysis (:mod:`zhdiscourse.patterns.agency`,
:mod:`zhdiscourse.patterns.reporting`, :mod:`zhdiscourse.patterns.addressees`, :mod:`zhdiscourse.stats.lexica`,
:mod:`zhdiscourse.stats.lexdiv`) and returns a matplotlib ``Figure``; nothing is computed here.
Units keep the order of the table (text order). Actor groups and categories get the colours of
:data:`GROUP_COLOURS` in the order they first appear; ``(unstated)`` is light grey, ``other`` dark grey.
"""

from __future__ import annotations

import pandas as pd

from ..patterns.subjects import actor_groups
from .base import empty_panel, part_colour

#: Colours of categories (actor groups, lexicon categories), in order of first appearance.
GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255",
                 "#44AA99", "#117733", "#AA4499", "#332288")
FIXED = {"(unstated)": "#D9D9D9", "other": "#7F7F7F"}
VOICE_COLOURS = {"reported": "#56B4E9", "enacted": "#D55E00"}


def _plt():
    import matplotlib.pyplot as plt

    return plt


def group_colours(groups, order=None) -> dict[str, str]:
    """A colour for each group (fixed greys for ``(unstated)`` and ``other``). With ``order`` (every
    group name in a fixed order, e.g. the actor lexicon's) a group keeps its colour from figure to
    figure whatever the groups present."""
    out, k = {}, 0
    if order is not None:
        rank = {g: i for i, g in enumerate(o for o in dict.fromkeys(order) if o not in FIXED)}
        for g in dict.fromkeys(groups):
            out[g] = FIXED.get(g) or GROUP_COLOURS[rank.get(g, len(rank) + k) % len(GROUP_COLOURS)]
            k += g not in rank and g not in FIXED
        return out
    for g in dict.fromkeys(groups):
        if g in FIXED:
            out[g] = FIXED[g]
        else:
            out[g] = GROUP_COLOURS[k % len(GROUP_COLOURS)]
            k += 1
    return out


def _clean(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _order_groups(table: pd.DataFrame, value: str = "count") -> list[str]:
    tot = table.groupby("group", sort=False)[value].sum().sort_values(ascending=False, kind="stable")
    groups = [g for g in tot.index if g not in FIXED] + [g for g in ("other", "(unstated)") if g in tot.index]
    return groups


def _stacked(ax, table: pd.DataFrame, units: list[str], groups: list[str], colours: dict, value: str,
             horizontal: bool = False) -> None:
    piv = table.pivot_table(index="unit", columns="group", values=value, aggfunc="sum", fill_value=0)
    piv = piv.reindex(index=units, columns=groups, fill_value=0)
    base = [0.0] * len(units)
    pos = list(range(len(units)))
    for g in groups:
        vals = piv[g].astype(float).tolist()
        if horizontal:
            ax.barh(pos, vals, left=base, color=colours[g], label=g, height=0.7, edgecolor="white", linewidth=0.5)
        else:
            ax.bar(pos, vals, bottom=base, color=colours[g], label=g, width=0.7, edgecolor="white", linewidth=0.5)
        base = [b + v for b, v in zip(base, vals)]


def plot_agency(table: pd.DataFrame, *, title: str = "Who reports, who acts, who is ordered",
                roles=("reports", "acts", "ordered"), unit_label: str = "part"):
    """Three panels (one per role) of clauses per unit, stacked by the subject's actor group; ``table``
    is :func:`zhdiscourse.patterns.agency.agency_table`."""
    if table.empty:
        return empty_panel("No clause with a subject was found.", title=title)
    plt = _plt()
    units = list(dict.fromkeys(table["unit"].astype(str)))
    table = table.assign(unit=table["unit"].astype(str))
    groups = _order_groups(table)
    colours = group_colours(groups, [g for g, _t in actor_groups()])
    fig, axes = plt.subplots(1, len(roles), figsize=(4.2 * len(roles) + 1.5, 3.8), sharey=False)
    axes = list(axes) if len(roles) > 1 else [axes]
    for ax, role in zip(axes, roles):
        sub = table[table["role"] == role]
        _stacked(ax, sub, units, groups, colours, "count")
        ax.set_xticks(range(len(units)), units, rotation=90 if len(units) > 8 else 0)
        ax.set_title({"reports": "reports a directive (要求, 强调 …)", "acts": "acts (other predicates)",
                      "ordered": "is ordered (要, 必须 … after it)"}.get(role, role), fontsize=10)
        ax.set_xlabel(unit_label)
        _clean(ax)
    axes[0].set_ylabel("clauses")
    handles, labels = axes[-1].get_legend_handles_labels()
    fig.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8,
               title="subject (actor group)", title_fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_voice(table: pd.DataFrame, *, title: str = "Reported and enacted directives", unit_label: str = "part"):
    """Directive events per 1,000 characters in each unit, reported (inside a reporting frame) beside
    enacted (the speaker's own), with the counts on the bars; ``table`` is
    :func:`zhdiscourse.patterns.reporting.voice_table`."""
    if table.empty:
        return empty_panel("No unit to show.", title=title)
    plt = _plt()
    units = table["unit"].astype(str).tolist()
    fig, ax = plt.subplots(figsize=(max(5.5, 0.8 * len(units) + 3), 3.8))
    w = 0.38
    for k, voice in enumerate(("reported", "enacted")):
        xs = [i + (k - 0.5) * w for i in range(len(units))]
        vals = table[f"{voice}_per_1k"].astype(float).tolist()
        bars = ax.bar(xs, vals, width=w, color=VOICE_COLOURS[voice],
                      label=f"{voice} ({'inside 要求 / 强调 / 提出 … frames' if voice == 'reported' else 'issued by the speaker'})")
        for b, n in zip(bars, table[voice].astype(int)):
            ax.annotate(str(n), (b.get_x() + b.get_width() / 2, b.get_height()), ha="center", va="bottom",
                        fontsize=8, xytext=(0, 1), textcoords="offset points")
    labels = [f"{u}\n{int(n)} frame{'s' if n != 1 else ''}" for u, n in zip(units, table["reported_frames"])]
    ax.set_xticks(range(len(units)), labels, rotation=90 if len(units) > 8 else 0)
    ax.set_xlabel(f"{unit_label} (with its reported frames: 要求 / 强调 … that introduce a directive)")
    ax.set_ylabel("directive markers per 1,000 characters")
    ax.set_title(title)
    top = float(table[["reported_per_1k", "enacted_per_1k"]].to_numpy().max()) if len(table) else 0.0
    ax.set_ylim(0, (top or 1.0) * 1.35)  # room for the legend above the bars
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    _clean(ax)
    fig.tight_layout()
    return fig


def plot_addressees(table: pd.DataFrame, *, title: str = "Addressees of the speaker's directives",
                    unit_label: str = "part"):
    """Share of each unit's directives by addressee group (horizontal stacked bars, ``n`` = directives);
    ``table`` is :func:`zhdiscourse.patterns.addressees.addressee_table`."""
    if table.empty:
        return empty_panel("No directive with an addressee to show.", title=title)
    plt = _plt()
    table = table.assign(unit=table["unit"].astype(str))
    units = list(dict.fromkeys(table["unit"]))
    groups = _order_groups(table)
    colours = group_colours(groups, [g for g, _t in actor_groups()])
    fig, ax = plt.subplots(figsize=(8.5, max(2.6, 0.5 * len(units) + 1.6)))
    _stacked(ax, table, units, groups, colours, "share", horizontal=True)
    n = table.groupby("unit", sort=False)["count"].sum()
    ax.set_yticks(range(len(units)), [f"{u}  (n={int(n[u])})" for u in units])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the unit's directives")
    ax.set_ylabel(unit_label)
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8, title="addressee",
              title_fontsize=8)
    _clean(ax)
    fig.tight_layout()
    return fig


def plot_lexicon_profile(rates: pd.DataFrame, *, reference: float | None = None,
                         reference_label: str = "reference corpus", title: str = "War and struggle vocabulary",
                         unit_label: str = "part"):
    """Occurrences per 1,000 word tokens in each unit, stacked by category, with the whole text's rate
    (dashed) and, if given, a reference rate (dotted); ``rates`` is
    :func:`zhdiscourse.stats.lexica.lexicon_rates` (its ``[category]`` and ``[all]`` rows are used)."""
    cats = rates[rates["term"].str.startswith("[") & (rates["term"] != "[all]")]
    allr = rates[rates["term"] == "[all]"]
    if allr.empty:
        return empty_panel("No unit to show.", title=title)
    plt = _plt()
    units = list(dict.fromkeys(allr["doc"].astype(str)))
    table = cats.assign(unit=cats["doc"].astype(str), group=cats["category"])
    groups = list(dict.fromkeys(table["group"]))
    colours = {g: GROUP_COLOURS[k % len(GROUP_COLOURS)] for k, g in enumerate(groups)}
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(units) + 4), 4))
    _stacked(ax, table, units, groups, colours, "per_1k")
    whole = 1000.0 * allr["count"].sum() / allr["n_tokens"].sum() if allr["n_tokens"].sum() else 0.0
    ax.axhline(whole, color="black", linestyle="--", linewidth=1, label=f"whole text ({whole:.1f})")
    if reference is not None:
        ax.axhline(reference, color="black", linestyle=":", linewidth=1.2, label=f"{reference_label} ({reference:.1f})")
    for i, u in enumerate(units):
        n = int(allr.loc[allr["doc"].astype(str) == u, "count"].sum())
        tot = float(allr.loc[allr["doc"].astype(str) == u, "per_1k"].sum())
        ax.annotate(f"n={n}", (i, tot), ha="center", va="bottom", fontsize=8, xytext=(0, 1), textcoords="offset points")
    ax.set_xticks(range(len(units)), units, rotation=90 if len(units) > 8 else 0)
    ax.set_xlabel(unit_label)
    ax.set_ylabel("occurrences per 1,000 word tokens")
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    _clean(ax)
    fig.tight_layout()
    return fig


def plot_diversity(table: pd.DataFrame, *, title: str = "Lexical diversity and sentence length",
                   unit_label: str = "part"):
    """Three panels per unit: type-token ratio on equal-size passages (mean and 95 % range of the
    draws), MATTR, and mean sentence and clause length in characters; ``table`` is
    :func:`zhdiscourse.stats.lexdiv.diversity`."""
    if table.empty:
        return empty_panel("No unit to show.", title=title)
    plt = _plt()
    units = table["unit"].astype(str).tolist()
    x = list(range(len(units)))
    colours = [part_colour(i) for i in x]
    fig, axes = plt.subplots(1, 3, figsize=(max(10, 1.1 * len(units) + 7), 3.6))
    a0, a1, a2 = axes
    ttr = table["ttr_sample"].astype(float)
    err = [(ttr - table["ttr_lo"].astype(float)).clip(lower=0).tolist(),
           (table["ttr_hi"].astype(float) - ttr).clip(lower=0).tolist()]
    a0.bar(x, ttr, color=colours, yerr=err, capsize=3, width=0.7)
    a0.set_title(f"TTR, passages of {int(table['sample'].iloc[0]):,} tokens", fontsize=10)
    a0.set_ylabel("types / tokens")
    a1.bar(x, table["mattr"].astype(float), color=colours, width=0.7)
    a1.set_title(f"MATTR (window {int(table['window'].iloc[0])} tokens)", fontsize=10)
    w = 0.38
    a2.bar([i - w / 2 for i in x], table["sentence_chars"].astype(float), width=w, color="#555555", label="sentence")
    a2.bar([i + w / 2 for i in x], table["clause_chars"].astype(float), width=w, color="#BBBBBB", label="clause")
    a2.set_title("mean length in characters", fontsize=10)
    a2.legend(frameon=False, fontsize=8)
    lo = min(float(table["ttr_lo"].min()), float(table["mattr"].min()))
    for ax in (a0, a1):
        ax.set_ylim(max(0.0, lo - 0.1) if lo == lo else 0.0, 1.0)
    for ax in axes:
        ax.set_xticks(x, units, rotation=90 if len(units) > 8 else 0)
        ax.set_xlabel(unit_label)
        _clean(ax)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
