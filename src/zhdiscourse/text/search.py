"""Finding terms in the raw text of a parsed speech: matches that start inside a sentence, and which
span (sentence, part, sub-point) holds each offset. Used by the concordance, the dispersion plots and
the key-unit report of the segmentation.

Matching is done on the raw text, not on tokens, so a term may span several tokens (经济增长目标) or be
a regular expression (``regex=True``: 应(.)尽\\1). Matches do not overlap (``re.finditer``).
"""

from __future__ import annotations

import re

import numpy as np

from ..errors import ZhDiscourseError
from .structure import as_speech


def compile_term(term: str, regex: bool) -> re.Pattern:
    if not isinstance(term, str) or not term:
        raise ZhDiscourseError("the search term is empty")
    if not regex:
        return re.compile(re.escape(term))
    try:
        return re.compile(term)
    except re.error as exc:
        raise ZhDiscourseError(f"invalid regular expression {term!r}: {exc}") from None


def locate_spans(starts, ends, offsets, *, first: bool = False) -> np.ndarray:
    """For each offset, the position of its span among ``(starts[i], ends[i])``, or −1.

    ``first=False``: the last span starting at or before the offset, if it contains the offset (one
    :func:`numpy.searchsorted`; spans sorted by start, as ``Speech.sentence_at`` assumes).
    ``first=True``: the first span containing the offset, as ``Speech.section_at`` and
    ``Speech.subsection_at`` scan them; the same search when the spans are in text order and do not
    overlap (what the parser makes), else every span is tried."""
    st = np.asarray(starts, dtype=np.int64)
    en = np.asarray(ends, dtype=np.int64)
    offsets = np.asarray(offsets, dtype=np.int64)
    if not len(st) or not len(offsets):
        return np.full(len(offsets), -1, dtype=np.int64)
    if not first or len(st) == 1 or bool(np.all(st[:-1] <= st[1:]) and np.all(en[:-1] <= st[1:])):
        i = np.searchsorted(st, offsets, side="right") - 1
        j = np.maximum(i, 0)
        return np.where((i >= 0) & (st[j] <= offsets) & (offsets < en[j]), i, -1)
    out = np.full(len(offsets), -1, dtype=np.int64)
    for k in range(len(st) - 1, -1, -1):  # backwards, so that the first containing span is kept
        out[(st[k] <= offsets) & (offsets < en[k])] = k
    return out


def find_matches(speech, term: str, *, regex: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of the non-overlapping, non-empty matches of ``term`` that start inside a
    sentence of ``speech``."""
    speech = as_speech(speech)
    rx = compile_term(term, regex)
    spans = [m.span() for m in rx.finditer(speech.text)]
    spans = [(a, b) for a, b in spans if a != b]
    if not spans:
        return []
    keep = locate_spans([s.start for s in speech.sentences], [s.end for s in speech.sentences],
                   np.fromiter((a for a, _b in spans), dtype=np.int64, count=len(spans))) >= 0
    return [sp for sp, k in zip(spans, keep.tolist()) if k]
