"""Frequency lists and n-grams from the token table.

Both take a :class:`~zhdiscourse.text.structure.Speech` (or a text, or a token table from
:func:`zhdiscourse.tokenize.table.tokens`).

Frequency lists
    Counts of tokens overall or per unit (``by="section"``, ``"subsection"`` or ``"sentence"``).
    Punctuation and whitespace are left out of the counts (``drop_punct=True``; they stay in the
    token table); stopwords (``drop_stopwords``) and numerals (``drop_num``) only on request, so a
    list *with* stopwords still shows 要 and 我们. ``per_10k`` is the count per 10,000 counted tokens
    of the same unit (relative frequency × 10⁴), comparable across parts of different length. Ties
    are broken by first occurrence, so the order is deterministic.

n-grams
    Sequences of n = 2 … 4 consecutive tokens inside one clause (an n-gram never spans ，；：。
    or a sentence break, and contains no punctuation). With ``drop_stopwords`` an n-gram is left out
    when its first or last token is a stopword (inner stopwords such as 的 are kept: 党中央的决策).

Tokens outside every unit of the chosen kind (for example before the first part heading) are
grouped under the label ``OUTSIDE`` rather than dropped.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import as_tokens, content_mask

#: Label of tokens that lie outside every unit of the requested kind.
OUTSIDE = "(outside)"
_BY = (None, "section", "subsection", "sentence")


def _group_labels(df: pd.DataFrame, by: str | None) -> pd.Series | None:
    if by not in _BY:
        raise ZhDiscourseError(f"unknown unit {by!r}: use section, subsection or sentence")
    if by is None:
        return None
    col = df[by]
    if by == "sentence":
        return col.astype("str")
    return col.astype("object").where(col.notna(), OUTSIDE).astype("str")


def _order_of_appearance(labels: pd.Series) -> list[str]:
    return list(pd.unique(labels))


def frequencies(obj, *, by: str | None = None, drop_stopwords: bool = False, drop_punct: bool = True,
                drop_num: bool = False, top: int | None = None) -> pd.DataFrame:
    """Frequency list: columns ``[by,] token, pos, count, per_10k, rank``.

    ``pos`` is the token's commonest tag; ``rank`` is 1-based within the unit; ``top`` keeps the
    first N rows per unit. Units appear in text order.
    """
    df = as_tokens(obj)
    m = content_mask(df, drop_stopwords=drop_stopwords, drop_punct=drop_punct, drop_num=drop_num)
    sub = df.loc[m, ["token", "pos", "start"]].copy()
    labels = _group_labels(df, by)
    keys = ["token"]
    if labels is not None:
        sub[by] = labels[m].to_numpy()
        keys = [by, "token"]
    cols = ([by] if by else []) + ["token", "pos", "count", "per_10k", "rank"]
    if sub.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("token", "pos", by) else "float64")
                             for c in cols})
    g = sub.groupby(keys, sort=False)
    out = g.agg(count=("token", "size"), first=("start", "min")).reset_index()
    pos = (sub.groupby(keys + ["pos"], sort=False).size().rename("n").reset_index()
           .sort_values(keys + ["n", "pos"], ascending=[True] * len(keys) + [False, True], kind="stable")
           .drop_duplicates(keys))
    out = out.merge(pos[keys + ["pos"]], on=keys, how="left")
    if by:
        order = {lab: i for i, lab in enumerate(_order_of_appearance(sub[by]))}
        out["_u"] = out[by].map(order)
        totals = out.groupby(by)["count"].transform("sum")
        out = out.sort_values(["_u", "count", "first"], ascending=[True, False, True], kind="stable")
        out["per_10k"] = (out["count"] / totals.loc[out.index] * 10_000).round(2)
        out["rank"] = out.groupby(by, sort=False).cumcount() + 1
    else:
        out = out.sort_values(["count", "first"], ascending=[False, True], kind="stable")
        out["per_10k"] = (out["count"] / out["count"].sum() * 10_000).round(2)
        out["rank"] = np.arange(1, len(out) + 1)
    if top is not None:
        out = out[out["rank"] <= top]
    return out[cols].reset_index(drop=True)


def _ngram_rows(df: pd.DataFrame, n: int, drop_stopwords: bool) -> pd.DataFrame:
    """All n-grams inside clauses: positions of their first token and the joined n-gram."""
    clause = df["clause"].to_numpy(dtype="float64", na_value=np.nan)
    punct = df["is_punct"].to_numpy()
    stop = df["is_stop"].to_numpy()
    tok = df["token"].to_numpy(dtype=object)
    size = len(df) - n + 1
    if size <= 0:
        return pd.DataFrame({"i": pd.Series(dtype="int64"), "ngram": pd.Series(dtype="str")})
    ok = ~np.isnan(clause[:size]) & (clause[:size] == clause[n - 1:n - 1 + size])
    for k in range(n):
        ok &= ~punct[k:k + size]
    if drop_stopwords:
        ok &= ~stop[:size] & ~stop[n - 1:n - 1 + size]
    idx = np.flatnonzero(ok)
    parts = [tok[idx + k] for k in range(n)]
    grams = [" ".join(x) for x in zip(*parts)]
    return pd.DataFrame({"i": idx, "ngram": pd.Series(grams, dtype="str")})


def ngrams(obj, n: int | Iterable[int] = (2, 3, 4), *, by: str | None = None, drop_stopwords: bool = False,
           min_count: int = 1, top: int | None = None) -> pd.DataFrame:
    """n-gram frequencies: columns ``[by,] ngram, text, n, count, rank``.

    ``ngram`` shows the tokens separated by spaces (疫情 防控), ``text`` the characters joined.
    ``n`` is one length or several (default 2, 3 and 4); counts are per length (and unit), ranks
    are within each length (and unit), sorted by count then first occurrence.
    """
    ns = [n] if isinstance(n, int) else list(n)
    if not ns or any(not isinstance(k, (int, np.integer)) or k < 1 for k in ns):
        raise ZhDiscourseError("n must be a positive integer or a list of them (e.g. 2, 3, 4)")
    df = as_tokens(obj).reset_index(drop=True)
    labels = _group_labels(df, by)
    frames = []
    for k in ns:
        rows = _ngram_rows(df, int(k), drop_stopwords)
        rows["n"] = int(k)
        rows["first"] = df["start"].to_numpy()[rows["i"].to_numpy()] if len(rows) else np.zeros(0, dtype=np.int64)
        if labels is not None:
            rows[by] = labels.to_numpy()[rows["i"].to_numpy()] if len(rows) else pd.Series(dtype="str")
        frames.append(rows)
    allr = pd.concat(frames, ignore_index=True)
    keys = ([by] if by else []) + ["n", "ngram"]
    cols = ([by] if by else []) + ["ngram", "text", "n", "count", "rank"]
    if allr.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("n", "count", "rank") else "str") for c in cols})
    out = allr.groupby(keys, sort=False).agg(count=("i", "size"), first=("first", "min")).reset_index()
    out = out[out["count"] >= min_count]
    sort_keys, asc = ["n", "count", "first"], [True, False, True]
    if by:
        order = {lab: i for i, lab in enumerate(pd.unique(labels))}
        out["_u"] = out[by].map(order)
        sort_keys, asc = ["_u"] + sort_keys, [True] + asc
    out = out.sort_values(sort_keys, ascending=asc, kind="stable")
    out["rank"] = out.groupby(([by] if by else []) + ["n"], sort=False).cumcount() + 1
    out["text"] = out["ngram"].str.replace(" ", "", regex=False)
    if top is not None:
        out = out[out["rank"] <= top]
    return out[cols].reset_index(drop=True)
