"""Part-of-speech tags of text fragments for the parallelism detector, fast on long texts.

:func:`pos_tags` gives exactly what :func:`zhdiscourse.patterns.spans.pos_tags` gives (one jieba ``posseg``
pass over the fragment alone, with the detectors' segmenter: the hand dictionary, :data:`~zhdiscourse.patterns.spans.DETECTOR_MINED`), but inside a :func:`session` the segmenter
is resolved once and every distinct fragment is tagged once, however long the text (the shared
``lru_cache`` of ``spans.pos_tags`` holds 4,096 fragments, and each miss resolves the dictionary path
again). The detector opens a session per call; outside one the shared function is used.

Inside a session the tags of the stretches segmented whole (:func:`segment_lines`, one pass per line of
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
from ..spans import DETECTOR_MINED

_STATE: dict = {"depth": 0, "seg": None, "cache": {}, "lazy": {}, "words": [], "tags": [], "starts": [], "ends": []}
#: The characters jieba's ``posseg`` keeps together in one block (its ``re_han_internal``).
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]")


@contextmanager
def session() -> Iterator[None]:
    """One detector run: one segmenter, one cache of fragment tags (dropped when the outermost
    session ends)."""
    if _STATE["depth"] == 0:
        _STATE["seg"] = get_segmenter(True, mined=DETECTOR_MINED)
        _clear()
    _STATE["depth"] += 1
    try:
        yield
    finally:
        _STATE["depth"] -= 1
        if _STATE["depth"] == 0:
            _STATE["seg"] = None
            _clear()


def _clear() -> None:
    _STATE["cache"] = {}
    _STATE["lazy"] = {}
    _STATE["words"], _STATE["tags"], _STATE["starts"], _STATE["ends"] = [], [], [], []


def pos_tags(fragment: str) -> tuple[tuple[str, str], ...]:
    """``(token, tag)`` pairs of ``fragment`` (see the module docstring)."""
    seg = _STATE["seg"]
    if seg is None:
        return spans.pos_tags(fragment)
    cache = _STATE["cache"]
    got = cache.get(fragment)
    if got is None:
        got = filed(fragment)
        if got is None:
            words, tags = seg.cut_tagged(fragment)
            got = cache[fragment] = tuple(zip(words, tags))
    return got


def filed(fragment: str) -> tuple[tuple[str, str], ...] | None:
    """The tags filed for ``fragment`` in this session (:func:`file_tags`, :func:`prime`), or ``None``."""
    got = _STATE["cache"].get(fragment)
    if got is None:
        lz = _STATE["lazy"].pop(fragment, None)
        if lz is not None:
            words, tags, k, j = lz
            got = _STATE["cache"][fragment] = tuple(zip(words[k:j], tags[k:j]))
    return got


def segment_lines(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[str], list[int], list[int]]:
    """Tokens, tags, starts and ends (offsets into ``text``) of the stretches ``text[a:b]`` of ``spans``
    (in text order, not overlapping), each segmented whole, with the session's segmenter when one is
    open; in a session they are kept for :func:`prime` (when they follow what is kept already)."""
    seg = _STATE["seg"] or get_segmenter(True, mined=DETECTOR_MINED)
    words, tags, counts = seg.segment_spans(text, spans)
    starts: list[int] = []
    ends: list[int] = []
    k = 0
    for (a, _b), c in zip(spans, counts):
        pos = a
        for w in words[k:k + c]:
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        k += c
    if _STATE["seg"] is not None and words and (not _STATE["starts"] or starts[0] >= _STATE["ends"][-1]):
        _STATE["words"].extend(words)
        _STATE["tags"].extend(tags)
        _STATE["starts"].extend(starts)
        _STATE["ends"].extend(ends)
    return words, tags, starts, ends


def file_tags(fragment: str, words: list[str], tags: list[str], k: int, j: int) -> None:
    """File ``words[k:j]`` with ``tags[k:j]`` (a whole-block span of a stretch segmented by
    :func:`segment_lines`) as the tags of ``fragment`` (its text). Does nothing outside a session."""
    if _STATE["seg"] is not None and fragment not in _STATE["cache"] and fragment not in _STATE["lazy"]:
        _STATE["lazy"][fragment] = (words, tags, k, j)  # made a tuple of pairs when it is looked up


def prime(text: str, spans) -> int:
    """File the tags of the spans ``(start, end)`` of ``text`` that lie in a stretch segmented by
    :func:`segment_lines` in this session, with block edges at both ends (see the module docstring); returns
    how many were filed. Does nothing outside a session."""
    if _STATE["seg"] is None:
        return 0
    cache, words, tags, starts, ends = _STATE["cache"], _STATE["words"], _STATE["tags"], _STATE["starts"], _STATE["ends"]
    lazy = _STATE["lazy"]
    n = 0
    for a, b in spans:
        if b <= a:
            continue
        frag = text[a:b]
        if frag in cache or frag in lazy:
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
        cache[frag] = tuple(zip(words[i:j + 1], tags[i:j + 1]))
        n += 1
    return n
