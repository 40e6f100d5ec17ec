"""The outline of a text as a table: the opening, each part and each sub-point with offsets and sizes.

:func:`outline_table` turns a parsed :class:`~zhdiscourse.text.model.Speech` into one row per unit
(the opening before the first part, each part, each sub-point), with its offsets and sizes:

* ``chars`` – characters in the unit, whitespace not counted (:func:`~zhdiscourse.text.measure.nonspace_chars`);
* ``sentences`` – sentences that *start* inside the unit, headings not counted;
* ``share_chars`` – ``chars`` as a share of the body's characters.

With ``preambles=True`` each part that has sub-points also gets a ``"preamble"`` row (label
``一.preamble``): its text before the first sub-point (heading and introduction), which belongs to no
sub-point. The opening, the preambles and the sub-points then tile the body: they are the segments of
``Speech.units("segment")``, and their ``chars`` sum to the body's (:func:`segment_shares` sums them by
level, so a text can say how much of it sub-point analyses leave out).

:class:`Measure` places offsets along the body in characters or sentences (the outline figures use it).
"""

from __future__ import annotations

from bisect import bisect_left

import pandas as pd

from .measure import nonspace_prefix
from .model import Speech

COLUMNS = ["level", "label", "part", "marker", "title", "start", "end", "chars", "sentences", "share_chars"]


class Measure:
    """Cumulative position of an offset along the body, in characters or in sentences."""

    def __init__(self, speech: Speech):
        self._cum = nonspace_prefix(speech.text)
        self._b0 = speech.body_start
        self._starts = [s.start for s in speech.sentences if not s.is_heading]

    def chars(self, a: int, b: int) -> int:
        return int(self._cum[b] - self._cum[a])

    def sentences(self, a: int, b: int) -> int:
        return bisect_left(self._starts, b) - bisect_left(self._starts, a)

    def pos(self, offset: int, measure: str) -> int:
        if measure == "chars":
            return self.chars(self._b0, offset)
        return self.sentences(self._b0, offset)


def outline_table(speech: Speech, *, preambles: bool = False) -> pd.DataFrame:
    """One row per unit: the opening (``level="opening"``), parts (``"part"``) and sub-points (``"sub-point"``),
    with ``preambles=True`` also each part's preamble (``"preamble"``, right after its part row).

    Offsets are half-open into ``speech.text``. A text with no parts yields its loose sub-points (if
    any); a text with neither yields just the opening, i.e. the whole body. A preamble row spans the
    segment of ``Speech.units("segment")`` (from the part's start to its first sub-point's marker).
    """
    m = Measure(speech)
    body_chars = max(m.chars(speech.body_start, speech.body_end), 1)
    rows = []

    def add(level, label, part, marker, title, a, b):
        c = m.chars(a, b)
        rows.append({"level": level, "label": label, "part": part, "marker": marker, "title": title,
                     "start": a, "end": b, "chars": c, "sentences": m.sentences(a, b),
                     "share_chars": c / body_chars})

    first = speech.sections[0].start if speech.sections else (
        speech.loose_subsections[0].start if speech.loose_subsections else speech.body_end)
    if first > speech.body_start:
        add("opening", "opening", None, None, "", speech.body_start, first)
    for sec in speech.sections:
        add("part", sec.number, sec.number, speech.text[sec.start:sec.title_start].strip() or sec.number, sec.title, sec.start, sec.end)
        if preambles and sec.subsections and sec.subsections[0].start > sec.start:
            add("preamble", f"{sec.number}.preamble", sec.number, None, "", sec.start, sec.subsections[0].start)
        for sub in sec.subsections:
            add("sub-point", sub.label, sec.number, sub.marker, sub.title, sub.start, sub.end)
    for sub in speech.loose_subsections:
        add("sub-point", sub.label, None, sub.marker, sub.title, sub.start, sub.end)
    return pd.DataFrame(rows, columns=COLUMNS)


def segment_shares(speech: Speech) -> pd.DataFrame:
    """Characters of the body by kind of segment: ``level`` (``opening``, ``preamble``, ``sub-point``,
    ``part`` for a part without sub-points), ``units``, ``chars``, ``share_chars``; from the segments of
    ``Speech.units("segment")``, which tile the body, so ``share_chars`` sums to 1. The ``sub-point``
    share is what an analysis by sub-points covers."""
    m = Measure(speech)
    sub_labels = {s.label for s in speech.subsections}
    rows = []
    for label, a, b in speech.units("segment"):
        level = ("sub-point" if label in sub_labels else "opening" if label == "opening"
                 else "preamble" if label.endswith(".preamble") else "part")
        rows.append({"level": level, "chars": m.chars(a, b)})
    df = pd.DataFrame(rows)
    out = df.groupby("level", sort=False).agg(units=("chars", "size"), chars=("chars", "sum")).reset_index()
    total = max(int(out["chars"].sum()), 1)
    out["share_chars"] = out["chars"] / total
    return out
