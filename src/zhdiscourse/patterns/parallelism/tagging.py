"""Part-of-speech tags of text fragments for the parallelism detector, fast on long texts.

:func:`pos_tags` gives exactly what :func:`zhdiscourse.patterns.spans.pos_tags` gives (one jieba ``posseg``
pass over the fragment alone, with the project's segmenter), but inside a :func:`session` the segmenter
is resolved once and every distinct fragment is tagged once, however long the text (the shared
``lru_cache`` of ``spans.pos_tags`` holds 4,096 fragments, and each miss resolves the dictionary path
again). The detector opens a session per call; outside one the shared function is used.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ...tokenize.segment import get_segmenter
from .. import spans

_STATE: dict = {"depth": 0, "seg": None, "cache": {}}


@contextmanager
def session() -> Iterator[None]:
    """One detector run: one segmenter, one cache of fragment tags (dropped when the outermost
    session ends)."""
    if _STATE["depth"] == 0:
        _STATE["seg"] = get_segmenter()
        _STATE["cache"] = {}
    _STATE["depth"] += 1
    try:
        yield
    finally:
        _STATE["depth"] -= 1
        if _STATE["depth"] == 0:
            _STATE["seg"] = None
            _STATE["cache"] = {}


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
    return seg.posseg(text, offset)
