"""The outline of a text as a table: the opening, each part and each sub-point with offsets and sizes.

:func:`outline_table` turns a parsed :class:`~zhdiscourse.text.model.Speech` into one row per unit
(the opening before the first part, each part, each sub-point), with its offsets and sizes:

* ``chars`` – characters in the unit, whitespace not counted (:func:`~zhdiscourse.text.measure.nonspace_chars`);
* ``sentences`` – sentences that *start* inside the unit, headings not counted;
* ``share_chars`` – ``chars`` as a share of the body's characters.

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


def outline_table(speech: Speech) -> pd.DataFrame:
    """One row per unit: the opening (``level="opening"``), parts (``"part"``) and sub-points (``"sub-point"``).

    Offsets are half-open into ``speech.text``. A text with no parts yields its loose sub-points (if
    any); a text with neither yields just the opening, i.e. the whole body.
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
        for sub in sec.subsections:
            add("sub-point", sub.label, sec.number, sub.marker, sub.title, sub.start, sub.end)
    for sub in speech.loose_subsections:
        add("sub-point", sub.label, None, sub.marker, sub.title, sub.start, sub.end)
    return pd.DataFrame(rows, columns=COLUMNS)
