"""Collocates of one chosen word (AntConc's *Collocates*, Voyant's *Links*): which words occur within a
window around the node more often than chance, with MI, T-score, log-likelihood and log-Dice.

(:mod:`zhdiscourse.stats.collocation` scores every adjacent *pair* of the text; this module looks at the
surroundings of one node word, the way a concordance reader does.)

The token stream
    The *word tokens* of the token table: every token that is not punctuation, a symbol or whitespace
    (``is_punct``). Positions, windows and the corpus size ``N`` are counted in word tokens, so a
    comma never takes a place in the window. The node is matched as a **whole token** (``token ==
    node``), as the frequency list counts it; ``attrs["string_matches"]`` says how often the node
    occurs as a string (also inside longer tokens: 疫情 inside 疫情防控).

Windows
    ``left`` tokens before and ``right`` tokens after each occurrence of the node (``window`` sets both).
    ``within="sentence"`` (default) cuts the window at the sentence edges; ``within="text"`` lets it run
    across sentences. Every position of every window is one *window slot*; ``window_tokens`` (``S``) is
    the number of slots over all occurrences of the node (``f_n · (left + right)`` when no window is
    cut). Overlapping windows of two nearby occurrences count their shared tokens once per occurrence,
    as AntConc does.

Counts behind each score
    ``observed`` O: slots holding the collocate (``left`` + ``right``: before / after the node);
    ``node_freq`` f_n; ``collocate_freq`` f_c: the collocate's frequency in the stream; ``corpus_size`` N;
    ``expected`` E = f_c · S / N, the slots the collocate would fill if it were spread at random
    (Evert 2008, "Corpora and collocations", surface co-occurrence with the real window size).

Scores
    * **MI** (mutual information, Church & Hanks 1990): ``log2(O / E)``; favours rare collocates, hence
      the frequency floors.
    * **T-score**: ``(O − E) / √O``; favours frequent collocates.
    * **log-likelihood** G² (Dunning 1993) over the 2×2 table of window slots against the rest of the
      text: ``O11 = O``, ``O12 = S − O`` (other tokens in the windows), ``O21 = f_c − O`` (the collocate
      outside the windows), ``O22 = N − S − O21``; ``G² = 2 Σ O_ij ln(O_ij / E_ij)`` with ``E_ij`` from
      the margins (``E11`` = E above) and ``0 · ln 0 = 0``. ``p_value`` is its χ²₁ upper tail, not
      corrected for the many collocates tested. Where overlapping windows count one token twice a cell
      could turn negative; it is set to 0.
    * **log-Dice** (Rychlý 2008): ``14 + log2(2 O / (f_n + f_c))``; at most 14, independent of N, so
      comparable between texts.

    ``direction`` is +1 when O > E (attraction), −1 otherwise; tables are sorted with the attracted
    collocates first.

Filters
    ``content_only=True`` (default) considers only content words as collocates
    (:func:`zhdiscourse.tokenize.table.content_mask`: no stopwords, numerals, punctuation); the
    stream and every count stay the same, so the scores do not depend on the filter. ``min_freq``
    is the floor of O, ``min_collocate_freq`` the floor of f_c.

:func:`collocation_edges` runs :func:`collocates` for several nodes (and, with ``depth=2``, for their
collocates) and returns the edges of a collocation network (:func:`zhdiscourse.plots.network.collocation_network`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import as_tokens, content_mask

MEASURES = ("log_likelihood", "mi", "t_score", "log_dice", "observed")
WITHIN = ("sentence", "text")

COLUMNS = ["node", "collocate", "observed", "left", "right", "expected", "node_freq", "collocate_freq",
           "window", "window_tokens", "corpus_size", "mi", "t_score", "log_likelihood", "p_value", "log_dice",
           "direction"]


def _xlogx(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((o > 0) & (e > 0), o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)


def g2_window(o, s, fc, n) -> np.ndarray:
    """Log-likelihood G² of the window table (module docstring) for arrays of O, S, f_c and N."""
    o, s, fc, n = (np.asarray(x, dtype=float) for x in (o, s, fc, n))
    o12 = np.maximum(s - o, 0.0)
    o21 = np.maximum(fc - o, 0.0)
    o22 = np.maximum(n - s - o21, 0.0)
    total = o + o12 + o21 + o22
    r1, r2 = o + o12, o21 + o22
    c1, c2 = o + o21, o12 + o22
    with np.errstate(divide="ignore", invalid="ignore"):
        e = [r1 * c1 / total, r1 * c2 / total, r2 * c1 / total, r2 * c2 / total]
    return 2.0 * (_xlogx(o, e[0]) + _xlogx(o12, e[1]) + _xlogx(o21, e[2]) + _xlogx(o22, e[3]))


def _check_int(name: str, value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ZhDiscourseError(f"{name} must be a whole number of at least {low}")
    return int(value)


def _empty(node: str) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="str" if c in ("node", "collocate") else "float64") for c in COLUMNS})
    out.attrs.update(node=node)
    return out


class _WordStream:
    """The word tokens of a token table (punctuation left out) and what :func:`collocates` derives from
    them, each computed once: :func:`collocation_edges` asks for the collocates of many nodes."""

    def __init__(self, df: pd.DataFrame):
        punct = df["is_punct"].fillna(False).astype(bool).to_numpy() if "is_punct" in df.columns \
            else np.zeros(len(df), dtype=bool)
        self.words = df.loc[~punct].reset_index(drop=True)
        self.tok = self.words["token"].astype(str).to_numpy(dtype=object)
        self._cache: dict = {}

    def _get(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def string_count(self, node: str) -> int:
        """Occurrences of ``node`` inside the tokens (non-overlapping within each token)."""
        if "\x00" in node:
            return int(sum(t.count(node) for t in self.tok))
        # a match cannot cross the separator, so this is the sum of the per-token counts
        return self._get("joined", lambda: "\x00".join(self.tok)).count(node)

    def sentences(self) -> np.ndarray:
        return self._get("sentence", lambda: self.words["sentence"].to_numpy(dtype="int64"))

    def content(self) -> np.ndarray:
        return self._get("content", lambda: content_mask(self.words, drop_stopwords=True, drop_num=True)
                         .to_numpy(dtype=bool))

    def freq(self) -> pd.Series:
        return self._get("freq", lambda: pd.Series(self.tok).value_counts())


def _word_stream(tokens) -> _WordStream:
    return _WordStream(as_tokens(tokens))


def collocates(tokens, node: str, *, window: int = 5, left: int | None = None, right: int | None = None,
               within: str = "sentence", min_freq: int = 2, min_collocate_freq: int = 1,
               content_only: bool = True, measure: str = "log_likelihood", top: int | None = None,
               _stream: _WordStream | None = None) -> pd.DataFrame:
    """The collocates of ``node`` in a token table (or Speech): one row per collocate with the counts
    and scores of the module docstring, columns :data:`COLUMNS`, sorted by ``measure`` (one of
    :data:`MEASURES`; attracted collocates first), at most ``top`` rows.

    ``attrs``: ``node``, ``node_freq``, ``string_matches`` (occurrences of the node as a string in the
    tokens' text), ``left``, ``right``, ``within``, ``window_tokens``, ``corpus_size``,
    ``content_only``, ``measure``, ``min_freq``, ``min_collocate_freq``, ``candidates`` (collocates
    before the floors). Raises :class:`ZhDiscourseError` when the node is not a token of the text.
    """
    if not isinstance(node, str) or not node.strip():
        raise ZhDiscourseError("give a node word")
    node = node.strip()
    left = _check_int("left", window if left is None else left, 0)
    right = _check_int("right", window if right is None else right, 0)
    if left + right == 0:
        raise ZhDiscourseError("the window is empty: give at least one token to the left or right")
    if within not in WITHIN:
        raise ZhDiscourseError(f"within must be {' or '.join(WITHIN)}, not {within!r}")
    if measure not in MEASURES:
        raise ZhDiscourseError(f"unknown measure {measure!r}: use {', '.join(MEASURES)}")
    min_freq = _check_int("min_freq", min_freq, 1)
    min_collocate_freq = _check_int("min_collocate_freq", min_collocate_freq, 1)
    stream = _stream if _stream is not None else _word_stream(tokens)
    tok, words = stream.tok, stream.words
    n = len(tok)
    is_node = tok == node
    f_n = int(is_node.sum())
    string_matches = stream.string_count(node)
    if f_n == 0:
        hint = (f" (it occurs {string_matches} times inside longer tokens such as "
                f"{', '.join(sorted({t for t in tok if node in t})[:3])})" if string_matches else "")
        raise ZhDiscourseError(f"{node!r} is not a token of the text{hint}; collocates need a whole token "
                               "(see: zhdiscourse freq PATH)")
    sent = stream.sentences() if within == "sentence" else np.zeros(n, dtype=np.int64)
    allowed = stream.content() if content_only else np.ones(n, dtype=bool)
    nodes = np.flatnonzero(is_node)
    slots_i, slots_side = [], []
    s_total = 0
    for d in list(range(-left, 0)) + list(range(1, right + 1)):
        j = nodes + d
        ok = (j >= 0) & (j < n)
        j = j[ok]
        ok2 = sent[j] == sent[nodes[ok]]
        j = j[ok2]
        s_total += len(j)
        slots_i.append(j)
        slots_side.append(np.full(len(j), d < 0))
    attrs = {"node": node, "node_freq": f_n, "string_matches": string_matches, "left": left, "right": right,
             "within": within, "window_tokens": int(s_total), "corpus_size": int(n), "content_only": content_only,
             "measure": measure, "min_freq": min_freq, "min_collocate_freq": min_collocate_freq, "candidates": 0}
    j = np.concatenate(slots_i) if slots_i else np.zeros(0, dtype=np.int64)
    is_left = np.concatenate(slots_side) if slots_side else np.zeros(0, dtype=bool)
    keep = allowed[j]
    j, is_left = j[keep], is_left[keep]
    if not len(j):
        out = _empty(node)
        out.attrs.update(attrs)
        return out
    hits = pd.DataFrame({"collocate": tok[j], "left": is_left.astype(int), "right": (~is_left).astype(int),
                         "first": j})
    g = hits.groupby("collocate", sort=False).agg(left=("left", "sum"), right=("right", "sum"),
                                                   first=("first", "min")).reset_index()
    g["observed"] = g["left"] + g["right"]
    freq = stream.freq()
    g["collocate_freq"] = g["collocate"].map(freq).to_numpy(dtype=np.int64)
    attrs["candidates"] = int(len(g))
    g = g[(g["observed"] >= min_freq) & (g["collocate_freq"] >= min_collocate_freq)].copy()
    o = g["observed"].to_numpy(dtype=float)
    fc = g["collocate_freq"].to_numpy(dtype=float)
    e = fc * s_total / n
    g["node"] = node
    g["expected"] = e
    g["node_freq"] = f_n
    g["window"] = left + right
    g["window_tokens"] = int(s_total)
    g["corpus_size"] = int(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        g["mi"] = np.log2(o / e)
        g["t_score"] = (o - e) / np.sqrt(o)
        g["log_dice"] = 14.0 + np.log2(2.0 * o / (f_n + fc))
    g2 = g2_window(o, s_total, fc, n)
    g["log_likelihood"] = g2
    g["p_value"] = _chi2_sf(g2)
    g["direction"] = np.where(o > e, 1, -1)
    key = measure if measure != "observed" else "observed"
    g = g.assign(_repelled=g["direction"] < 0).sort_values(
        ["_repelled", key, "observed", "first", "collocate"], ascending=[True, False, False, True, True],
        kind="stable")
    if top is not None:
        g = g.head(_check_int("top", top, 0))
    out = g[COLUMNS].reset_index(drop=True)
    out = out.astype({"node": "str", "collocate": "str", "observed": "int64", "left": "int64", "right": "int64",
                      "node_freq": "int64", "collocate_freq": "int64", "window": "int64", "window_tokens": "int64",
                      "corpus_size": "int64", "direction": "int64"})
    out.attrs.update(attrs)
    return out


def _chi2_sf(x: np.ndarray) -> np.ndarray:
    """Upper tail of χ² with one degree of freedom: ``erfc(√(x/2))`` (no SciPy import needed)."""
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2.0)) for v in np.asarray(x, dtype=float)])


def collocation_edges(tokens, nodes, *, per_node: int = 8, depth: int = 1, measure: str = "log_dice",
                      **options) -> pd.DataFrame:
    """The edges of a collocation network: for each node of ``nodes`` (a word or a list of words) its
    ``per_node`` strongest attracted collocates by ``measure``; with ``depth=2`` the collocates of
    those collocates too (LancsBox's GraphColl). ``options`` go to :func:`collocates` (window,
    within, floors, content_only).

    Columns ``source, target, depth, score, observed, expected, collocate_freq``; ``attrs["nodes"]``
    lists the nodes asked for, ``attrs["freq"]`` the frequency of every word of the network in the
    token stream. A node word that is not a token of the text is an error at depth 1 and skipped at
    depth 2. An edge found from both ends is kept once (the first found).
    """
    nodes = [nodes] if isinstance(nodes, str) else list(dict.fromkeys(str(x) for x in nodes))
    if not nodes:
        raise ZhDiscourseError("give at least one node word")
    depth = _check_int("depth", depth, 1)
    if depth > 2:
        raise ZhDiscourseError("depth must be 1 or 2")
    df = as_tokens(tokens)
    stream = _WordStream(df)
    rows, seen, done = [], set(), set()
    frontier = list(nodes)
    for level in range(1, depth + 1):
        nxt = []
        for src in frontier:
            if src in done:
                continue
            done.add(src)
            try:
                co = collocates(df, src, measure=measure, top=None, _stream=stream, **options)
            except ZhDiscourseError:
                if level == 1:
                    raise
                continue
            co = co[co["direction"] > 0].head(per_node)
            for r in co.itertuples(index=False):
                pair = frozenset((src, r.collocate))
                if r.collocate == src or pair in seen:
                    continue
                seen.add(pair)
                rows.append({"source": src, "target": r.collocate, "depth": level, "score": float(getattr(r, measure)),
                             "observed": int(r.observed), "expected": float(r.expected),
                             "collocate_freq": int(r.collocate_freq)})
                nxt.append(r.collocate)
        frontier = nxt
    out = pd.DataFrame(rows, columns=["source", "target", "depth", "score", "observed", "expected", "collocate_freq"])
    words = df.loc[~df["is_punct"].fillna(False).astype(bool), "token"].astype(str) if "is_punct" in df.columns \
        else df["token"].astype(str)
    freq = words.value_counts()
    vocab = list(dict.fromkeys(nodes + out["source"].tolist() + out["target"].tolist()))
    out.attrs.update(nodes=nodes, measure=measure, freq={w: int(freq.get(w, 0)) for w in vocab})
    return out
