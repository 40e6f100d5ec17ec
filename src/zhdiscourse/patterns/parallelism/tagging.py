"""Part-of-speech tags of text fragments for the parallelism detector, fast on long texts.

:func:`pos_tags` gives exactly what :func:`zhdiscourse.patterns.spans.pos_tags` gives (one jieba ``posseg``
pass over the fragment alone, with the project's segmenter), but inside a :func:`session` the segmenter
is resolved once and every distinct fragment is tagged once, however long the text (the shared
``lru_cache`` of ``spans.pos_tags`` holds 4,096 fragments, and each miss resolves the dictionary path
again). The detector opens a session per call; outside one the shared function is used.

Inside a session the tags of the stretches segmented whole (:func:`posseg`, one pass per line of
clauses) are kept, and :func:`prime` files the tags of spans of those stretches (clauses, items,
sentences) under their text, so that :func:`pos_tags` does not segment them again. This is exact:
jieba's ``posseg`` cuts its input into blocks of Han characters, letters and digits
(``re_han_internal``) and segments every block on its own, so a span whose edges are block edges
(punctuation, quotes, spaces, or the end of the stretch) gets the same tokens alone as inside the
stretch; a span that does not meet this is left to :func:`pos_tags`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from contextlib import contextmanager
from typing import Iterator

from ...tokenize.segment import get_segmenter
from .. import spans

_STATE: dict = {"depth": 0, "seg": None, "cache": {}, "toks": [], "starts": [], "ends": []}
#: The characters jieba's ``posseg`` keeps together in one block (its ``re_han_internal``).
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]")


@contextmanager
def session() -> Iterator[None]:
    """One detector run: one segmenter, one cache of fragment tags (dropped when the outermost
    session ends)."""
    if _STATE["depth"] == 0:
        _STATE["seg"] = get_segmenter()
        _STATE["cache"] = {}
        _STATE["toks"], _STATE["starts"], _STATE["ends"] = [], [], []
    _STATE["depth"] += 1
    try:
        yield
    finally:
        _STATE["depth"] -= 1
        if _STATE["depth"] == 0:
            _STATE["seg"] = None
            _STATE["cache"] = {}
            _STATE["toks"], _STATE["starts"], _STATE["ends"] = [], [], []


def pos_tags(fragment: str) -> tuple[tuple[str, str], ...]:
    """``(token, tag)`` pairs of ``fragment`` (see the module docstring)."""
    seg = _STATE["seg"]
    if seg is None:
        return spans.pos_tags(fragment)
    cache = _STATE["cache"]
    got = cache.get(fragment)
    if got is None:
        words, tags = seg.cut_tagged(fragment)
        got = cache[fragment] = tuple(zip(words, tags))
    return got


def posseg(text: str, offset: int = 0) -> list[tuple[str, str, int, int]]:
    """``(token, tag, start, end)`` of ``text`` (the session's segmenter when one is open)."""
    seg = _STATE["seg"] or get_segmenter()
    toks = seg.posseg(text, offset)
    if _STATE["seg"] is not None and toks and (not _STATE["starts"] or toks[0][2] >= _STATE["ends"][-1]):
        _STATE["toks"].extend(toks)
        _STATE["starts"].extend(t[2] for t in toks)
        _STATE["ends"].extend(t[3] for t in toks)
    return toks


def file_tags(fragment: str, toks) -> None:
    """File ``toks`` (``(token, tag, start, end)`` of a whole-block span of a stretch segmented by
    :func:`posseg`) as the tags of ``fragment`` (its text). Does nothing outside a session."""
    if _STATE["seg"] is not None and fragment not in _STATE["cache"]:
        _STATE["cache"][fragment] = tuple((w, t) for w, t, _a, _b in toks)


def prime(text: str, spans) -> int:
    """File the tags of the spans ``(start, end)`` of ``text`` that lie in a stretch segmented by
    :func:`posseg` in this session, with block edges at both ends (see the module docstring); returns
    how many were filed. Does nothing outside a session."""
    if _STATE["seg"] is None:
        return 0
    cache, toks, starts, ends = _STATE["cache"], _STATE["toks"], _STATE["starts"], _STATE["ends"]
    n = 0
    for a, b in spans:
        if b <= a:
            continue
        frag = text[a:b]
        if frag in cache:
            continue
        i = bisect_left(starts, a)
        j = bisect_left(ends, b)
        if i >= len(starts) or starts[i] != a or j >= len(ends) or ends[j] != b or j < i:
            continue
        if any(ends[k] != starts[k + 1] for k in range(i, j)):
            continue  # a gap (a line break): not one stretch
        if a > 0 and _BLOCK.match(text[a - 1]) and _BLOCK.match(text[a]):
            continue
        if b < len(text) and _BLOCK.match(text[b]) and _BLOCK.match(text[b - 1]):
            continue
        cache[frag] = tuple((w, t) for w, t, _a, _b in toks[i:j + 1])
        n += 1
    return n
