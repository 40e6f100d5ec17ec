"""Small helpers shared by the pattern detectors: sections, sub-points, text sizes, POS look-ups.

The detectors tag fragments with the hand dictionary alone, without the mined layer
(:data:`DETECTOR_MINED`): the parallelism series tagger was trained on that segmentation, and a model is
applied to the segmentation it was trained on. The token table (:func:`zhdiscourse.tokenize.tokens`) uses
both layers by default; the two differ only where a mined unit (a noun such as 转移支付) merges tokens.
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator, TypeVar

from ..text.measure import nonspace_chars as nchars  # noqa: F401  (the one count, re-exported)
from ..text.model import Speech
from ..tokenize.segment import HEAD_MIN, get_segmenter, posseg

_T = TypeVar("_T")

#: The mined-terms layer of the detectors' fragment tags (module docstring): off.
DETECTOR_MINED = False

#: Characters that end a clause (the structure parser's clause delimiters plus 、 and line breaks).
CLAUSE_END = "，；：,;:。！？!?、\n"
#: Opening quotes/brackets that may stand before the first word of a sentence or clause.
OPENERS = "“‘「『（(《〈【\"' \t\u3000"


def section_of(speech: Speech, offset: int) -> str | None:
    """The number of the part that contains ``offset`` (``speech.section_at``), or ``None``."""
    sec = _unit_at(speech.sections, offset)
    return sec.number if sec else None


def subsection_of(speech: Speech, offset: int) -> str | None:
    """The label of the sub-point that contains ``offset`` (``speech.subsection_at``), or ``None``."""
    sec = _unit_at(speech.sections, offset)
    sub = _unit_at(sec.subsections if sec else speech.loose_subsections, offset)
    return sub.label if sub else None


#: ``id(units)`` → ``(units, len(units), starts, ends)`` of the lists of parts and sub-points looked up by
#: :func:`_unit_at` (the list is held, so its id is not reused while the entry exists; a few are kept).
_UNIT_STARTS: dict[int, tuple[list, int, list[int], list[int] | None]] = {}


def _unit_at(units: list, offset: int):
    """The first of ``units`` (parts or sub-points, in text order) with ``start <= offset < end``: a
    binary search when they are sorted and do not overlap (checked when the list is first seen, and
    again when it is another list or its length changed), else a scan."""
    hit = _UNIT_STARTS.get(id(units))
    if hit is None or hit[0] is not units or hit[1] != len(units):
        starts = [u.start for u in units]
        ordered = all(units[k].end <= units[k + 1].start for k in range(len(units) - 1))
        hit = (units, len(units), starts, [u.end for u in units] if ordered else None)
        if len(_UNIT_STARTS) >= 256:
            _UNIT_STARTS.clear()
        _UNIT_STARTS[id(units)] = hit
    ends = hit[3]
    if ends is None:
        for u in units:
            if u.start <= offset < u.end:
                return u
        return None
    # sorted and not overlapping: a unit that holds the offset is the last one that starts at or before it
    # (every later unit starts at or after its end)
    k = bisect_right(hit[2], offset) - 1
    if k >= 0 and hit[2][k] <= offset < ends[k]:
        return units[k]
    return None


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


_CLAUSE_END_RX = re.compile("[" + re.escape(CLAUSE_END) + "]")
#: Texts at least this long get an index of their clause ends (:func:`clause_span`); shorter ones are scanned.
_INDEX_MIN = 1000
#: text → sorted offsets of its clause ends, for the last few long texts (:func:`clause_span`).
_CLAUSE_ENDS: dict[str, list[int]] = {}


def _clause_ends(text: str) -> list[int]:
    ends = _CLAUSE_ENDS.get(text)
    if ends is None:
        ends = [m.start() for m in _CLAUSE_END_RX.finditer(text)]
        while len(_CLAUSE_ENDS) >= 4:
            _CLAUSE_ENDS.pop(next(iter(_CLAUSE_ENDS)))
        _CLAUSE_ENDS[text] = ends
    return ends


def _scan_clause(text: str, pos: int) -> tuple[int, int]:
    a = pos
    while a > 0 and text[a - 1] not in CLAUSE_END:
        a -= 1
    b = pos
    while b < len(text) and text[b] not in CLAUSE_END:
        b += 1
    return a, b


def clause_span(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: from after the previous clause end to before the next one.

    On a long text the clause ends are found once (an index of their offsets, kept for the last few
    texts) and each call is a binary search, so that the cost does not grow with the clause's length
    (a text without punctuation is one clause)."""
    if len(text) < _INDEX_MIN or not 0 <= pos <= len(text):
        return _scan_clause(text, pos)
    ends = _clause_ends(text)
    k = bisect_left(ends, pos)
    return (ends[k - 1] + 1 if k > 0 else 0), (ends[k] if k < len(ends) else len(text))


@lru_cache(maxsize=4096)
def pos_tags(fragment: str, userdict: bool = True) -> tuple[tuple[str, str], ...]:
    """``(token, tag)`` pairs of a short fragment from one jieba ``posseg`` pass (project segmenter;
    ``userdict=False``: jieba's own dictionary only)."""
    return tuple((w, t) for w, t, _a, _b in posseg(fragment, userdict=userdict, mined=DETECTOR_MINED))


def head_tags(fragment: str, n: int, userdict: bool = True) -> tuple[tuple[str, str], ...]:
    """The first ``n`` pairs of :func:`pos_tags` of ``fragment``; a long fragment (the rest of a clause
    in a text without punctuation) is not segmented whole
    (:meth:`~zhdiscourse.tokenize.segment.Segmenter.head_tagged`)."""
    if len(fragment) <= HEAD_MIN:
        return pos_tags(fragment, userdict)[:n]
    return tuple(zip(*get_segmenter(userdict, mined=DETECTOR_MINED).head_tagged(fragment, n)))


def units_of(speech: Speech, by: str) -> list[tuple[str, int, int]]:
    """``speech.units(by)``, plus ``("全文", body_start, body_end)`` when ``by == "text"``."""
    if by == "text":
        return [("全文", speech.body_start, speech.body_end)]
    return speech.units(by)


# --------------------------------------------------------------------------------------------------
# Work shared by several detectors within one run
# --------------------------------------------------------------------------------------------------

_RUN = threading.local()


@contextmanager
def shared_run(keep: list | None = None) -> Iterator[None]:
    """Within this context, the steps that several detectors share (the directive events, the reporting
    frames, the token table arranged by clause, the clause subjects — see :func:`shared`) are computed
    once per Speech; nested contexts join the outermost one, whose end drops every result. Each thread
    has its own. Outside it nothing is kept, so an edited dictionary or lexicon is always seen.
    ``keep``: a list that the outermost context's results are appended to at its end, for the caller to
    free when it chooses (the command line: not before the next run, and at the process's end not at all —
    freeing them one object at a time takes 0.05–0.1 s on 1 MB of text)."""
    depth = getattr(_RUN, "depth", 0)
    if depth == 0:
        _RUN.memo = {}
    _RUN.depth = depth + 1
    try:
        yield
    finally:
        _RUN.depth -= 1
        if _RUN.depth == 0:
            if keep is not None:
                keep.append(_RUN.memo)
            _RUN.memo = {}


def shared(speech: Speech, name: str, compute: Callable[[], _T]) -> _T:
    """``compute()``, kept for ``speech`` under ``name`` while a :func:`shared_run` is open (computed
    each time outside one). A DataFrame is handed out as a shallow copy (pandas copies on write), so a
    caller that changes it changes nothing another detector sees."""
    memo = getattr(_RUN, "memo", None) if getattr(_RUN, "depth", 0) else None
    if memo is None:
        return compute()
    key = (id(speech), name)
    hit = memo.get(key)
    if hit is None or hit[0] is not speech:  # the entry holds the Speech, so its id is not reused meanwhile
        hit = memo[key] = (speech, compute())
    value = hit[1]
    copy = getattr(value, "copy", None)
    return copy(deep=False) if copy is not None and hasattr(value, "columns") else value
