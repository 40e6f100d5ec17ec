"""Sortable concordances: the words right and left of each KWIC line, and sorting by them (AntConc's
sort levels 1L, 2L, 1R, 2R …).

Context words
    For a KWIC table (:func:`zhdiscourse.stats.concordance.kwic`, one row per match with its
    ``start``/``end`` offsets) :func:`context_words` adds the columns ``1L`` … ``nL`` and ``1R`` …
    ``nR``: ``1L`` is the last *word token* that ends at or before the match start, ``2L`` the one
    before it; ``1R`` the first word token that starts at or after the match end, and so on. Word
    tokens are the tokens of the token table that are not punctuation, symbols or whitespace
    (``is_punct``), so a comma never becomes a sort key; the context runs across sentence ends, as in
    AntConc. A line at the very start or end of the text has empty keys (``""``), which sort first.
    A match that starts or ends inside a token (防控 inside 疫情防控) takes its context from the whole
    tokens around it: the token that holds the match is neither 1L nor 1R.

Sorting
    :func:`sort_kwic` sorts by one or more keys (``"1R,2R"``, ``["2L", "1L"]``, ``"KW"`` for the
    keyword itself), then by position in the text, so equal keys keep text order. Keys are compared
    as Unicode strings (code points): identical words come together, which is what a sorted
    concordance is for; no pinyin or stroke order is implied.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import as_tokens

_KEY = re.compile(r"^([1-9])([LR])$")
#: The most context words on each side a key may ask for.
MAX_LEVEL = 9


def parse_keys(keys) -> list[str]:
    """``"1R,2R"`` or ``["1R", "2R"]`` as a list of keys (``1L`` … ``9R`` or ``KW``), upper case."""
    if isinstance(keys, str):
        keys = [k for k in re.split(r"[,\s]+", keys) if k]
    out = []
    for k in keys:
        k = str(k).strip().upper()
        if k not in ("KW", "KEYWORD") and not _KEY.match(k):
            raise ZhDiscourseError(f"unknown sort key {k!r}: use 1L … {MAX_LEVEL}L, 1R … {MAX_LEVEL}R or KW "
                                   "(several separated by commas, e.g. 1R,2R)")
        out.append("KW" if k in ("KW", "KEYWORD") else k)
    if not out:
        raise ZhDiscourseError("no sort key given (e.g. 1R or 1L,2L)")
    return list(dict.fromkeys(out))


def context_words(kwic_table: pd.DataFrame, tokens, n: int = 3) -> pd.DataFrame:
    """The KWIC table with ``n`` context words on each side (module docstring): columns ``nL`` … ``1L``
    and ``1R`` … ``nR`` added after ``right`` (a copy; rows unchanged)."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= MAX_LEVEL:
        raise ZhDiscourseError(f"n must be between 1 and {MAX_LEVEL}")
    for c in ("start", "end"):
        if c not in kwic_table.columns:
            raise ZhDiscourseError("not a KWIC table (it needs start and end offsets)")
    df = as_tokens(tokens)
    punct = df["is_punct"].fillna(False).astype(bool).to_numpy() if "is_punct" in df.columns \
        else np.zeros(len(df), dtype=bool)
    words = df.loc[~punct].sort_values("start", kind="stable")
    w_tok = words["token"].astype(str).to_numpy(dtype=object)
    w_start = words["start"].to_numpy(dtype=np.int64)
    w_end = words["end"].to_numpy(dtype=np.int64)
    m = len(w_tok)
    a = kwic_table["start"].to_numpy(dtype=np.int64)
    b = kwic_table["end"].to_numpy(dtype=np.int64)
    # word tokens are in text order and do not overlap, so their ends are sorted too
    last_left = np.searchsorted(w_end, a, side="right") - 1  # last word ending at or before the match start
    first_right = np.searchsorted(w_start, b, side="left")  # first word starting at or after the match end
    out = kwic_table.copy()
    new = {}
    for k in range(n, 0, -1):
        i = last_left - (k - 1)
        new[f"{k}L"] = np.where(i >= 0, w_tok[np.clip(i, 0, max(m - 1, 0))] if m else "", "")
    for k in range(1, n + 1):
        i = first_right + (k - 1)
        new[f"{k}R"] = np.where(i < m, w_tok[np.clip(i, 0, max(m - 1, 0))] if m else "", "")
    pos = list(out.columns).index("right") + 1 if "right" in out.columns else len(out.columns)
    for j, (name, values) in enumerate(new.items()):
        out.insert(pos + j, name, pd.Series(values, index=out.index, dtype="str"))
    return out


def sort_kwic(kwic_table: pd.DataFrame, keys="1R", tokens=None) -> pd.DataFrame:
    """A KWIC table sorted by context words (module docstring). ``keys``: ``"1R"``, ``"1R,2R"``,
    ``["2L", "1L"]``, ``"KW"``. Missing context columns are added from ``tokens`` (a token table or a
    Speech), as many levels as the keys need (at least 2). Ties keep text order (``start``)."""
    keys = parse_keys(keys)
    need = max([int(k[0]) for k in keys if k != "KW"] or [0])
    have = all(k in kwic_table.columns for k in keys if k != "KW")
    if not have:
        if tokens is None:
            raise ZhDiscourseError("sorting by context words needs the token table (tokens=)")
        levels = max(need, 2)
        drop = [c for c in kwic_table.columns if _KEY.match(str(c))]
        kwic_table = context_words(kwic_table.drop(columns=drop), tokens, n=levels)
    cols = ["keyword" if k == "KW" else k for k in keys]
    if "keyword" in cols and "keyword" not in kwic_table.columns:
        raise ZhDiscourseError("not a KWIC table (no keyword column)")
    order = cols + (["start"] if "start" in kwic_table.columns else [])
    out = kwic_table.sort_values(order, kind="stable").reset_index(drop=True)
    out.attrs = {**kwic_table.attrs, "sorted_by": keys}
    return out
