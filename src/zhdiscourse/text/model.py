"""The data model of a parsed text: :class:`Speech` and its spans (parts, sub-points, sentences,
clauses, items, metadata). Every span has half-open ``start``/``end`` offsets into ``Speech.text``.

:func:`as_speech` is the one place where a text (``str``) is turned into a :class:`Speech`; every
function that takes a Speech first calls it, so a plain string works everywhere too.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field

from ..errors import ZhDiscourseError

# --------------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------------


@dataclass
class Point:
    """A unit of the third level: an article (``第十二条``) of a law, or a numbered item inside a
    sub-point (``一是`` inside a ``第一，`` sub-point). ``start`` is the marker's offset; the title is the
    first sentence of the unit (articles have no titles of their own)."""

    marker: str
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    ordinal: int
    section: str | None = None
    subsection: str | None = None  # Subsection.label
    style: str = ""

    @property
    def label(self) -> str:
        """A unique, readable id: the marker under the label of the unit it belongs to (``三.第一.一是``);
        articles are numbered through the whole law, so an article's label is its marker (``第十二条``)."""
        if self.style == "第一条":
            return self.marker
        parent = self.subsection or self.section
        return f"{parent}.{self.marker}" if parent else self.marker


@dataclass
class Subsection:
    """A sub-point: ``marker`` is 一是 / 第一 / 一要 / （一） / 1. / 第一节 ; ``start`` is the marker's offset."""

    marker: str
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    ordinal: int
    section: str | None = None
    style: str = ""
    #: the third level inside the sub-point (articles, numbered items)
    points: list[Point] = field(default_factory=list)

    @property
    def label(self) -> str:
        """A unique, readable id such as ``二.第三`` (the part number, a dot, the marker)."""
        return f"{self.section}.{self.marker}" if self.section else self.marker


@dataclass
class Section:
    """A part of the text: ``number`` is the numeral of its heading (一, 二 … for 一、, （一）, 第一章;
    the position among the parts for unmarked title lines); ``marker`` the heading's marker as written
    (``一、``, ``第三章``; empty for an unmarked title line)."""

    number: str
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    ordinal: int
    style: str = "一、"
    subsections: list[Subsection] = field(default_factory=list)
    marker: str = ""
    #: the third level directly in the part (articles of a chapter without 节, items)
    points: list[Point] = field(default_factory=list)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    section: str | None = None
    subsection: str | None = None  # Subsection.label
    is_heading: bool = False


@dataclass
class Clause:
    index: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass
class Item:
    index: int
    clause: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass
class MetaLine:
    """One line (or run) of the title block or the end matter, with what it is: ``kind`` is ``title``,
    ``subtitle``, ``date``, ``speaker``, ``adoption``, ``revision``, ``dateline``, ``attachment`` …;
    ``text[start:end] == text``."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None
    source: str | None = None
    published: str | None = None
    speaker: str | None = None
    dateline: str | None = None
    print_reference: str | None = None
    #: the ——subtitle under a title (``在…上的报告``), without the dash
    subtitle: str | None = None
    #: the adoption line of a law or regulation (``2021年6月10日 …会议通过``) and its date
    adoption: str | None = None
    adopted: str | None = None
    #: later revision / amendment lines (``…会议修订``, ``…修正``), in text order
    revisions: list[str] = field(default_factory=list)
    #: an attachment line at the end (``附件：…``)
    attachment: str | None = None
    #: the notes after the text (``注：`` and the notes under it, or Wikisource footnotes ``↑``)
    notes: str | None = None
    #: field name -> (start, end) of where each value was found in the text (``text[start:end]`` is the
    #: value, except for ``date``, which is normalised to ISO)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: every metadata line with its kind and offsets, in text order (a title over two lines is two)
    lines: list[MetaLine] = field(default_factory=list)


@dataclass
class Cleaning:
    """What the loader changed to make the analysis text from the decoded file, position by position
    (``len(text) == len(original)``): see :mod:`zhdiscourse.text.clean`."""

    #: share of Han characters that OpenCC t2s changes (0 for a simplified text)
    trad_ratio: float = 0.0
    #: how many characters were converted from traditional to simplified
    simplified: int = 0
    #: other one-for-one replacements (ideographic/zero-width spaces → space, full-width digits → ASCII,
    #: line breaks around a Wikisource link → space)
    replaced: int = 0
    #: where a Wikisource licence notice starts (the body ends before it), else None
    licence_start: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.simplified or self.replaced)


@dataclass
class DocumentSpan:
    """One of several documents found in one text (see :func:`zhdiscourse.text.documents.find_documents`)."""

    start: int
    end: int
    title: str | None = None


@dataclass
class Speech:
    """A parsed text. ``text`` is the decoded text; all offsets point into it."""

    text: str
    metadata: Metadata
    sections: list[Section]
    sentences: list[Sentence]
    clauses: list[Clause]
    items: list[Item]
    body_start: int
    body_end: int
    path: str | None = None
    #: sub-points outside any part (texts with sub-point markers but no headings)
    loose_subsections: list[Subsection] = field(default_factory=list)
    #: third-level units outside any part (the articles of a law without chapters)
    loose_points: list[Point] = field(default_factory=list)
    #: the decoded text before cleaning (same length as ``text``; ``None``: the text was not cleaned)
    original: str | None = None
    #: what cleaning changed (``None``: the text was parsed as given)
    cleaning: Cleaning | None = None
    #: the documents of a text that holds several (empty for one document); this Speech is the first
    documents: list[DocumentSpan] = field(default_factory=list)
    #: things the parser wants the reader to know (several documents in one text …), one line each
    warnings: list[str] = field(default_factory=list)

    # ---- look-ups ------------------------------------------------------------------------------
    @property
    def body(self) -> str:
        return self.text[self.body_start:self.body_end]

    @property
    def subsections(self) -> list[Subsection]:
        """All sub-points in text order, those inside parts and loose ones."""
        subs = [s for sec in self.sections for s in sec.subsections] + list(self.loose_subsections)
        return sorted(subs, key=lambda s: s.start)

    @property
    def points(self) -> list[Point]:
        """All third-level units (articles, items) in text order."""
        pts = [p for sec in self.sections for p in sec.points]
        pts += [p for sub in self.subsections for p in sub.points]
        return sorted(pts + list(self.loose_points), key=lambda p: p.start)

    def section_at(self, offset: int) -> Section | None:
        for sec in self.sections:
            if sec.start <= offset < sec.end:
                return sec
        return None

    def subsection_at(self, offset: int) -> Subsection | None:
        # sub-points never overlap, so the first that contains the offset is the one (no sort needed)
        sec = self.section_at(offset)
        for sub in (sec.subsections if sec else self.loose_subsections):
            if sub.start <= offset < sub.end:
                return sub
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def units(self, by: str = "section") -> list[tuple[str, int, int]]:
        """Documents for statistics: ``(label, start, end)`` per part, sub-point, segment or sentence.

        ``by`` is ``"section"``, ``"subsection"``, ``"segment"`` or ``"sentence"``. Raises
        :class:`ZhDiscourseError` when the text has no such units (for example no parts), so callers
        can fall back.

        ``"segment"`` is the full partition of the body by its outline: every offset of
        ``body_start:body_end`` lies in exactly one segment. A segment begins at the body start, at a
        part's start or at a sub-point's marker and runs to the next of these (the last to the body
        end), so whitespace between units belongs to the unit before it. Labels: ``"opening"`` (text
        before the first part or sub-point, e.g. a salutation), ``"<part>.preamble"`` (a part's text
        before its first sub-point: heading and introduction), the part number when a part has no
        sub-points, and the sub-point labels (``二.第三``). Where a part begins with a sub-point no
        preamble is made. (``"subsection"`` leaves out the opening and the preambles.)
        """
        if by == "section":
            out = [(s.number, s.start, s.end) for s in self.sections]
        elif by == "subsection":
            out = [(s.label, s.start, s.end) for s in self.subsections]
        elif by == "segment":
            a0, b0 = self.body_start, self.body_end
            starts: dict[int, str] = {}
            for sec in self.sections:
                starts.setdefault(sec.start, f"{sec.number}.preamble" if sec.subsections else sec.number)
            for sub in self.subsections:
                starts[sub.start] = sub.label  # a sub-point that opens its part: no preamble
            bounds = sorted(p for p in starts if a0 < p < b0)
            edges = [a0] + bounds + [b0]
            labels = [starts.get(a0, "opening")] + [starts[p] for p in bounds]
            out = [(lab, a, b) for lab, a, b in zip(labels, edges[:-1], edges[1:]) if b > a]
        elif by == "sentence":
            out = [(str(s.index), s.start, s.end) for s in self.sentences if not s.is_heading]
        else:
            raise ZhDiscourseError(f"unknown unit {by!r}: use section, subsection, segment or sentence")
        if not out:
            raise ZhDiscourseError(f"the text has no {by}s (no headings of that kind were found)")
        return out

    def to_dict(self) -> dict:
        md = asdict(self.metadata)
        md["spans"] = {k: list(v) for k, v in self.metadata.spans.items()}

        def points(pts):
            return [{"marker": p.marker, "title": p.title, "start": p.start, "end": p.end} for p in pts]

        def sub(u):
            d = {"marker": u.marker, "title": u.title, "start": u.start, "end": u.end}
            if u.points:
                d["points"] = points(u.points)
            return d

        def sec(s):
            d = {"number": s.number, "title": s.title, "start": s.start, "end": s.end,
                 "subsections": [sub(u) for u in s.subsections]}
            if s.points:
                d["points"] = points(s.points)
            return d

        out = {
            "metadata": md,
            "body": {"start": self.body_start, "end": self.body_end},
            "sections": [sec(s) for s in self.sections],
            "loose_subsections": [sub(u) for u in self.loose_subsections],
            "sentences": [
                {"start": s.start, "end": s.end, "section": s.section, "subsection": s.subsection,
                 "is_heading": s.is_heading}
                for s in self.sentences
            ],
        }
        if self.loose_points:
            out["loose_points"] = points(self.loose_points)
        if self.cleaning is not None and self.cleaning.changed:
            out["cleaning"] = asdict(self.cleaning)
        if self.documents:
            out["documents"] = [asdict(d) for d in self.documents]
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


#: What each kind of unit is called in messages.
UNIT_NAMES = {"section": "parts", "subsection": "sub-points", "segment": "segments (sub-points and part preambles)",
              "sentence": "sentences", "window": "sentence windows", "text": "whole text"}
#: The minimum number of units that a comparison of units (keyness, contrast, similarity, a
#: per-part table) needs; below it the analysis falls back to finer units (see :func:`choose_unit`).
MIN_UNITS = 2


def count_units(speech: Speech, by: str) -> int:
    """How many units of kind ``by`` the text has (``"text"`` is one unit, the whole body)."""
    if by == "section":
        return len(speech.sections)
    if by == "subsection":
        return len(speech.subsections)
    if by == "segment":
        return len(speech.units("segment")) if speech.body_end > speech.body_start else 0
    if by in ("sentence", "window"):
        return sum(1 for s in speech.sentences if not s.is_heading)
    if by == "text":
        return 1
    raise ZhDiscourseError(f"unknown unit {by!r}: use section, subsection, segment, sentence or text")


#: The fallbacks of each unit, finest last: a text without parts is analysed by its sub-points, then
#: its sentences (or, for densities, as one text). A text whose outline gives fewer than two segments
#: (no parts, no sub-points: one segment, the whole body) is analysed by its sentences.
FALLBACKS = {"section": ("subsection", "sentence"), "subsection": ("sentence",), "segment": ("sentence",),
             "sentence": (), "window": (), "text": ()}


def choose_unit(speech: Speech, by: str = "section", fallbacks: tuple[str, ...] | None = None, *,
                need: int = MIN_UNITS) -> tuple[str, str]:
    """The one rule for "too few parts": ``(unit, note)`` where ``unit`` is ``by`` when the text has at
    least ``need`` such units, else the first of ``fallbacks`` (default :data:`FALLBACKS`) that has
    them; ``note`` says what was used instead ('' when ``by`` itself is used). Raises
    :class:`ZhDiscourseError` when no unit qualifies."""
    chain = FALLBACKS.get(by, ()) if fallbacks is None else tuple(fallbacks)
    if count_units(speech, by) >= need:
        return by, ""
    for alt in chain:
        if alt != by and count_units(speech, alt) >= (1 if alt == "text" else need):
            return alt, (f"the text has {count_units(speech, by)} {UNIT_NAMES[by]}; "
                         f"using {UNIT_NAMES[alt]} instead")
    found = ", ".join(f"{count_units(speech, u)} {UNIT_NAMES[u]}" for u in (by, *chain) if u != "text")
    raise ZhDiscourseError(f"this analysis needs at least {need} units; the text has {found}")
