"""Small helpers shared by the pattern detectors: sections, sub-points, text sizes, POS look-ups."""

from __future__ import annotations

import weakref
from bisect import bisect_right
from functools import lru_cache

from ..text.measure import nonspace_chars as nchars  # noqa: F401  (the one count, re-exported)
from ..text.model import Speech
from ..tokenize.segment import posseg

#: Characters that end a clause (the structure parser's clause delimiters plus 、 and line breaks).
CLAUSE_END = "，；：,;:。！？!?、\n"
#: Opening quotes/brackets that may stand before the first word of a sentence or clause.
OPENERS = "“‘「『（(《〈【\"' \t\u3000"


def section_of(speech: Speech, offset: int) -> str | None:
    sec = speech.section_at(offset)
    return sec.number if sec else None


def subsection_of(speech: Speech, offset: int) -> str | None:
    sub = speech.subsection_at(offset)
    return sub.label if sub else None


#: ``id(speech)`` → ``(speech.sentences, len(speech.sentences), starts)``; an entry is dropped when its
#: Speech is garbage-collected (``weakref.finalize``), so a reused id never finds a stale entry.
_SENTENCE_STARTS: dict[int, tuple[list, int, list[int]]] = {}


def sentence_starts(speech: Speech) -> list[int]:
    """The start offsets of ``speech.sentences``, computed once per Speech (the detectors look up
    thousands of offsets). ``Speech`` is a mutable dataclass and cannot be a dictionary key, so the
    cache is keyed by ``id(speech)`` and checked against the very list object ``speech.sentences``
    and its length: assigning a new list (or appending to it) rebuilds the starts; changing the
    ``start`` of a sentence in place is not detected."""
    key = id(speech)
    hit = _SENTENCE_STARTS.get(key)
    sents = speech.sentences
    if hit is not None and hit[0] is sents and hit[1] == len(sents):
        return hit[2]
    starts = [s.start for s in sents]
    if hit is None:
        weakref.finalize(speech, _SENTENCE_STARTS.pop, key, None)
    _SENTENCE_STARTS[key] = (sents, len(sents), starts)
    return starts


def sentence_index(speech: Speech, offset: int) -> int | None:
    """Index of the sentence that contains ``offset`` (``None`` outside every sentence); binary search
    in :func:`sentence_starts`."""
    starts = sentence_starts(speech)
    i = bisect_right(starts, offset) - 1
    if i >= 0 and speech.sentences[i].start <= offset < speech.sentences[i].end:
        return speech.sentences[i].index
    return None


def clause_span(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: from after the previous clause end to before the next one."""
    a = pos
    while a > 0 and text[a - 1] not in CLAUSE_END:
        a -= 1
    b = pos
    while b < len(text) and text[b] not in CLAUSE_END:
        b += 1
    return a, b


@lru_cache(maxsize=4096)
def pos_tags(fragment: str, userdict: bool = True) -> tuple[tuple[str, str], ...]:
    """``(token, tag)`` pairs of a short fragment from one jieba ``posseg`` pass (project segmenter;
    ``userdict=False``: jieba's own dictionary only)."""
    return tuple((w, t) for w, t, _a, _b in posseg(fragment, userdict=userdict))


def units_of(speech: Speech, by: str) -> list[tuple[str, int, int]]:
    """``speech.units(by)``, plus ``("全文", body_start, body_end)`` when ``by == "text"``."""
    if by == "text":
        return [("全文", speech.body_start, speech.body_end)]
    return speech.units(by)
