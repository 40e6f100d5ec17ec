"""Recover the structure of a Chinese speech, report, law or policy document: metadata, parts,
sub-points, a third level (articles, items), sentences, clauses and coordinated items, every one with
half-open ``start``/``end`` offsets into the decoded text (``text[start:end]`` is the unit's text).

This docstring is the grammar; the rules are patterns of Chinese official documents, none is a phrase
of any particular text. :mod:`.metadata` implements the title block and the end matter,
:mod:`.headings` the markers and the choice of levels, :mod:`.documents` several documents in one
text; this module puts them together.

Title block (metadata before the body)
    A scraped header ``TITLE（YYYY年M月D日）来源：SOURCE发布时间：YYYY-MM-DD`` (every part after the
    title optional) is metadata. Otherwise the first lines are read as a title block, each line one of:

    * the *title*: the first line, at most 60 characters, two or more Han characters, no sentence end
      (。！？), no colon (a salutation 同志们：is body), no comma unless a metadata line follows, not a
      heading, not wholly in brackets (a note such as （译自…） is body); a second line joins the title
      when it is title-like too and a metadata line follows it (a title over two lines);
    * a *subtitle* ``——在…上的报告`` (a dash line without sentence end; a date in it,
      ``——2024年3月5日在…会议上``, is the date);
    * a *date line*: ``（2017年10月18日）`` or ``2017年10月18日`` alone, Arabic or Chinese numerals
      (一九八二年二月二十七日);
    * an *adoption line* of a law: a date and an organ, ending in 通过 / 修订 / 修正 / 公布 / 发布 / 施行
      / 批准 / 印发 / 颁布 (the first is the adoption, later ones are revisions; the date is that of the
      latest line, the version's date);
    * after a subtitle or date line, a *speaker*: a name of 2–4 characters on its own line (spaced
      names too), after an optional position (``国务院总理 李强``, or the position on the line above).
      A title ``X在…上的讲话/报告/致辞/发言`` names its speaker too.

    The body starts after the block. A Xinhua dateline that opens the body (``新华社北京10月17日电``,
    with an optional ``（记者…）``) is metadata too.

End matter (metadata after the body)
    A Wikisource licence notice (see :func:`zhdiscourse.text.clean.licence_cut`); notes after the text
    (a line ``注：`` or ``注释：`` and what follows it, or Wikisource footnotes, lines ``↑``, in the last
    fifth of the text); and, at the very end, in any order: a dateline ``（新华社北京2月23日电）`` (or the
    bare ``新华社…电`` on its own line), a print reference ``《报名》（YYYY年MM月DD日NN版）`` and an
    attachment line ``附件：…``. The body ends before them.

Markers
    A *marker* stands at a *paragraph start* (the first character of a line) — in a text pasted as one
    line, at a sentence start. A list inside a sentence (一是…，二是…；三是…) or inside a paragraph
    organises nothing and is never a level. The styles:

    * divisions ``第一编`` ``第一篇`` ``第一部分`` ``第一章`` ``第一节``: always heading lines (the title on
      the line, spaces kept: ``第一章 总  则``; or alone, the title on the next line);
    * articles ``第一条`` (numbers in Chinese or Arabic numerals, ``之一`` suffixes);
    * ``一、`` (also right after a sentence end: a heading glued to the text by a scrape), ``（一）``,
      and a numeral alone on its line (``一``, the older reports; the part has an empty title);
    * numbered paragraphs ``第一，`` / ``第一、`` / ``第一：`` (``首先，`` counts as the first), ``一是``,
      ``一要``, ``1.`` / ``1．`` / ``1、``, ``（1）``, ``①``, ``甲、`` (甲乙丙丁…).

    A marker line is a *heading line* when the rest of its line has no sentence end and does not end
    like a clause (；：，、). Numbers run 1, 2, 3 … to any size (一百零一, 一千二百); :func:`numeral`
    writes them back.

Sequences
    A style's markers make a sequence 1, 2, 3 … with at least two members. A 1 opens a list (lists
    nest); another number continues the innermost open list that expects it and whose first member
    looks alike (blank lines around, indentation, a title on the line, a heading line or not), else the
    innermost that expects it, else it is skipped — so an inner 第一…第四 does not cut off the outer 第五,
    and 第一线, 第一时间 or a lone 一是 are no markers of anything. A number that skips one (第一章,
    第三章) continues the list when one unmarked heading line stands between them: it takes the missing
    number (a chapter whose 第二章 was lost). Of the lists, the first opened with two or more heading
    lines is the sequence (a list of whole-sentence items before it is a list in the opening; those
    opened after it are nested); without heading lines, the longest.

Unmarked heading lines
    A line of 2–30 characters, at least two of them Han, without sentence or clause punctuation
    (。！？，；：…), not numbered, after the first sentence of the body, that stands between paragraphs:
    a blank line (or a sentence end) before it, and a blank line (or a longer line with a sentence end)
    after it. ``过去五年的回顾``.

Levels: what organises the text
    *Articles.* A text with a sequence of articles is a law or regulation: only heading lines are
    headings (the items （一） 1. 甲、 inside articles are not), the headings (编 … 节, heading lines of
    一、/（一）) make the parts and sub-points, and the articles are the third level: each belongs to the
    deepest heading unit that holds it and ends at the next article or heading. A law without
    chapters has its articles outside any part (``Speech.loose_points``).

    *Parts* (``Speech.sections``). Of the styles 编 篇 部分 章 节 一、 （一） and the lone numeral, the
    sequence of heading lines (most members heading lines) that starts first; a member that is not a
    heading line still continues it (``十二、本办法自发布之日起施行。``). Unmarked heading lines are the
    parts instead when there are at least two and there are no such sequences, or the sequence's
    numbers restart (lists nested in the unmarked parts), or three of them come before it; they are
    numbered 一, 二 … in order (``style="bare"``), and a list of ``一、`` / ``（一）`` items before the
    first of them makes the first parts. Without heading lines: the ``一、`` items (glued headings
    included), else the ``（一）`` items.

    *Sub-points* (``Section.subsections``; ``Speech.loose_subsections`` in a text without parts) and
    *points* (``Subsection.points``, the third level): inside each unit, the sequence of markers of any
    style that starts first (a later list lies inside one of its units, one level further down). A nested ``一、`` list inside an ``一、`` part is a level like any other,
    except in the last unit of a level, where a list of the unit's own style that looks like the unit's
    marker line is that level restarting after a lost heading (the outer list does not resume after it,
    so nothing shows it is nested).

Units and titles
    A unit starts at its marker (an unmarked heading at its line) and ends where the next unit of its
    level begins, or where the enclosing unit ends (the last part at the end of the body), without
    trailing whitespace. Its title is:

    * for a heading line, the rest of the line (or the next line after a lone ``第一章``);
    * for a list of parts whose items are headings glued to the sentence after them (most items have a
      *heading head noun*, see :data:`HEADING_HEADS`, in their first clause with at least two
      characters after it), the text up to the last such head noun, else the first clause;
    * otherwise — a whole-sentence item, a numbered paragraph, an article — its first sentence: from the
      marker (and the comma of ``第一，``) to the first 。！？ or the end of the line, without a trailing
      ；：，、.

Several documents
    A new document begins at a line, after the first sentence of the body, that follows a blank line
    or a sentence end and opens a title block with a title line and a date line, an adoption line or a
    subtitle that names a date or an occasion (在…上的), or a scraped header. :func:`parse` then
    parses the first document only (its body ends where the second begins), lists all of them in
    ``Speech.documents`` and says so in ``Speech.warnings``; :func:`parse_documents` parses each, and
    the command line runs per document. They are never merged into one outline.

Sentences
    Split after 。！？ (closing quotes/brackets that follow stay with the sentence) and at line breaks;
    a heading (a heading line, or a glued heading) is a sentence of its own (``is_heading``), a
    whole-sentence item's first sentence is not. Sentences are stripped of surrounding whitespace;
    between two sentences there is only whitespace.

Clauses and items
    Clauses split each sentence on ，；：(and 。！？); items split a clause on 、. Both exclude the
    delimiter itself. Only clauses that contain 、 yield items.

Cleaning
    :func:`load_speech` (every command) cleans the decoded file first, one character for one
    (:func:`zhdiscourse.text.clean.clean_document`): traditional characters become simplified ones,
    ideographic and zero-width spaces a space, full-width digits ASCII; ``Speech.original`` keeps the
    decoded text and ``Speech.cleaning`` says what changed. :func:`parse` parses a text as given.

Known gaps (measured on the 52 Government Work Reports, 1954–2025, and the development texts)
    Bold "lead sentence" lines that stand alone but contain commas (五年来，…) are not headings;
    unmarked sub-headings inside a part are not sub-points; two levels of headings above the articles
    are kept (编 and 章 of a code: the 节 below them are not); headings of two styles that alternate at
    one level are read as one style and its nested lists; a title glued to the text without a head noun
    ends at its first clause. Texts with no headings at all parse to zero parts.
"""

from __future__ import annotations

import functools
import gc
import re
from bisect import bisect_right
from typing import Iterable

from ..errors import ZhDiscourseError
from .clean import clean_document
from .documents import find_documents
from .headings import (
    BARE,
    CLAUSE_DELIMS,
    CLOSERS,
    HEADING_HEADS,
    INVISIBLE,
    SENT_END,
    STYLES,
    Cand,
    Seq,
    Unit,
    choose_items,
    choose_parts,
    find_candidates,
    first_sentence_end,
    lstrip_pos,
    make_units,
    opening_list,
    rstrip_pos,
    sequence,
)
from .headings import bare_titles as _bare_titles
from .load import read_text
from .metadata import parse_metadata
from .model import Clause, DocumentSpan, Item, Point, Section, Sentence, Speech, Subsection
from .numerals import numeral

ITEM_DELIM = "、"

__all__ = ["parse", "parse_documents", "load_speech", "as_speech", "takes_speech", "split_sentences",
           "SENT_END", "CLOSERS", "CLAUSE_DELIMS", "HEADING_HEADS", "INVISIBLE"]


# --------------------------------------------------------------------------------------------------
# the outline: parts, sub-points, points
# --------------------------------------------------------------------------------------------------


def _article_sequence(cands: dict[str, list[Cand]]) -> Seq | None:
    arts = cands.get("第一条", [])
    return sequence(arts) if len(arts) >= 2 else None


def _heading_only(cands: dict[str, list[Cand]]) -> dict[str, list[Cand]]:
    """In a text with articles, only heading lines are headings (items inside articles are not)."""
    return {k: [c for c in v if c.heading_line] for k, v in cands.items() if k != "第一条"}


def _outline(text: str, b0: int, b1: int) -> tuple[list[Unit], list[Unit], list[Unit]]:
    """``(parts, loose sub-points, loose points)`` of the body (see the module docstring)."""
    cands = find_candidates(text, b0, b1)
    articles = _article_sequence(cands)
    article_mode = articles is not None
    heads = _heading_only(cands) if article_mode else cands
    top, bare = choose_parts(text, heads, b0, b1, article_mode=article_mode)
    parts: list[Unit] = []
    if top is not None:
        parts = make_units(text, top, b0, b1, glued_ok=not top.is_heading)
    elif len(bare) >= 2:
        # whole-sentence items before the first unmarked heading line are parts too, in text order
        lead = None if article_mode else opening_list(text, heads, b0, bare[0][0])
        if lead is not None:
            parts = make_units(text, lead, b0, bare[0][0], glued_ok=True)
        parts += make_units(text, Seq(BARE, [(BARE, a, b) for a, b in bare]), b0, b1, glued_ok=False,
                            numbered=False, first=len(parts) + 1)
    loose: list[Unit] = []
    for i, p in enumerate(parts):
        _children(text, heads, p, set(), depth=1, article_mode=article_mode, last=i == len(parts) - 1)
    if not parts:
        seq = choose_items(text, heads, b0, b1, set())
        if seq is not None:
            loose = make_units(text, seq, b0, b1, glued_ok=False)
            for i, u in enumerate(loose):
                _children(text, heads, u, set(), depth=2, article_mode=article_mode, last=i == len(loose) - 1)
    loose_points: list[Unit] = []
    if article_mode:
        loose_points = _place_articles(text, articles, parts, loose, b1)
    return parts, loose, loose_points


def _children(text, cands, unit: Unit, used: set[str], *, depth: int, article_mode: bool, last: bool) -> None:
    """Sub-points (depth 1) and points (depth 2) inside ``unit``; ``last``: the unit is the last of its
    level (a list of its own style and look after it may be its level restarting, see choose_items)."""
    a, b = unit.title_end, unit.end
    seq = choose_items(text, cands, a, b, used, parent=unit if last else None)
    if seq is None:
        return
    kids = make_units(text, seq, a, b, glued_ok=False)
    if depth == 1:
        unit.children = kids
        for i, k in enumerate(kids):
            _children(text, cands, k, used, depth=2, article_mode=article_mode, last=i == len(kids) - 1)
    elif not article_mode:
        unit.points = kids


def _place_articles(text: str, articles: Seq, parts: list[Unit], loose: list[Unit], b1: int) -> list[Unit]:
    """Articles go to the deepest unit that holds them; an article ends at the next article or where
    that unit ends. Returns the articles outside every part."""
    arts = [m for m in articles.members if isinstance(m, Cand)]
    holders = []
    for p in parts:
        holders.append((p, p.children))
    out: list[Unit] = []
    for i, c in enumerate(arts):
        nxt = arts[i + 1].start if i + 1 < len(arts) else b1
        holder = None
        for p in parts:
            if p.start <= c.start < p.end:
                holder = p
                for s in p.children:
                    if s.start <= c.start < s.end:
                        holder = s
        end = min(nxt, holder.end if holder else b1)
        # the next heading inside the holder also ends the article (a 节 after a chapter's first articles)
        if holder is not None:
            for s in holder.children:
                if c.start < s.start < end:
                    end = s.start
        end = rstrip_pos(text, c.start, end)
        t0 = lstrip_pos(text, c.after, end)
        t1 = first_sentence_end(text, t0, end)
        u = Unit(c.style, c.marker, c.marker[1:-1], i + 1, c.start, t0, t1, end)
        (holder.points if holder is not None else out).append(u)
    return out


def _to_sections(text: str, parts: list[Unit]) -> list[Section]:
    sections = []
    for i, p in enumerate(parts):
        sec = Section(number=p.number, title=text[p.title_start:p.title_end], start=p.start, end=p.end,
                      title_start=p.title_start, title_end=p.title_end, ordinal=i + 1, style=p.style,
                      marker=p.marker)
        sec.subsections = [_to_sub(text, u, sec.number, j + 1) for j, u in enumerate(p.children)]
        sec.points = [_to_point(text, u, sec.number, None, j + 1) for j, u in enumerate(p.points)]
        sections.append(sec)
    return sections


def _to_sub(text: str, u: Unit, section: str | None, ordinal: int) -> Subsection:
    sub = Subsection(marker=u.marker.strip() or numeral(ordinal), title=text[u.title_start:u.title_end],
                     start=u.start, end=u.end, title_start=u.title_start, title_end=u.title_end,
                     ordinal=ordinal, section=section, style=u.style)
    sub.points = [_to_point(text, p, section, sub.label, j + 1) for j, p in enumerate(u.points)]
    return sub


def _to_point(text: str, u: Unit, section: str | None, subsection: str | None, ordinal: int) -> Point:
    return Point(marker=u.marker.strip(), title=text[u.title_start:u.title_end], start=u.start, end=u.end,
                 title_start=u.title_start, title_end=u.title_end, ordinal=ordinal, section=section,
                 subsection=subsection, style=u.style)


def _heading_spans(parts: list[Unit], loose: list[Unit]) -> list[tuple[int, int]]:
    """``(start, title_end)`` of every unit whose title is a heading (a heading line, or a heading
    glued to the text), not a first sentence."""
    out = []

    def walk(u: Unit, top: bool):
        if u.heading_line or (top and u.title_end > u.title_start and _glued(u)):
            out.append((u.start, u.title_end))
        for c in u.children:
            walk(c, False)
        for c in u.points:
            walk(c, False)

    for u in parts:
        walk(u, True)
    for u in loose:
        walk(u, False)
    return out


def _glued(u: Unit) -> bool:
    return u.glued


# --------------------------------------------------------------------------------------------------
# Sentences, clauses, items
# --------------------------------------------------------------------------------------------------


# whitespace as lstrip_pos/rstrip_pos see it: str.isspace (which is what \s matches) and the invisible characters
_SPACE_CLASS = r"\s" + re.escape(INVISIBLE)
#: the stripped text of a piece: from its first to its last character that is not whitespace
_STRIPPED = re.compile(rf"[^{_SPACE_CLASS}](?:[\s\S]*[^{_SPACE_CLASS}])?")


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    extra_breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``: split after 。！？ (keeping closing quotes) and at line breaks."""
    end = len(text) if end is None else end
    # the text is cut at every line break (before and after it) and after every run of sentence ends and
    # closing quotes that starts with a sentence end; the stripped pieces, found by one expression
    spans = [m.span() for m in _SENTENCE.finditer(text, start, end)]
    cuts = sorted({b for b in extra_breaks if start < b < end})
    if not cuts:
        return spans
    # the extra breaks cut the pieces they fall inside (one in whitespace around a piece cuts nothing)
    out = []
    search = _STRIPPED.search
    k, n = 0, len(cuts)
    for a, b in spans:
        while k < n and cuts[k] <= a:
            k += 1
        if k == n or cuts[k] >= b:
            out.append((a, b))
            continue
        prev = a
        while k < n and cuts[k] < b:
            m = search(text, prev, cuts[k])
            if m is not None:
                out.append(m.span())
            prev = cuts[k]
            k += 1
        m = search(text, prev, b)
        if m is not None:
            out.append(m.span())
    return out


_E, _EC = re.escape(SENT_END), re.escape(SENT_END + CLOSERS)
assert not re.search(rf"[\n{_SPACE_CLASS}]", SENT_END + CLOSERS)  # the runs hold no whitespace
#: a sentence: from a character that is not whitespace, over no line break, to the end of the first run
#: of sentence ends and closers (a sentence end, then sentence ends and closers), or, without one before
#: the line break, to the last character of the line that is not whitespace
_SENTENCE = re.compile(rf"(?=[^{_SPACE_CLASS}])(?:[^{_E}\n]*[{_E}][{_EC}]*|[^{_E}\n]*[^{_E}\n{_SPACE_CLASS}])")


@functools.lru_cache(maxsize=16)
def _pieces(delims: str) -> re.Pattern:
    """Pieces between ``delims`` characters (delimiters excluded), whitespace stripped, empty ones
    dropped: a run of other characters from its first to its last non-whitespace character."""
    d = re.escape(delims)
    return re.compile(rf"[^{d}{_SPACE_CLASS}](?:[^{d}]*[^{d}{_SPACE_CLASS}])?")


def _containing_index(units: list, pos: int, starts: list[int] | None) -> int | None:
    """The index of the first of ``units`` (in list order) with ``start <= pos < end``, or ``None``;
    ``starts``: the units' starts when they are in text order and do not overlap (then it is the last one
    starting at or before ``pos``), else ``None`` (every unit is tried)."""
    if starts is None:
        return next((i for i, u in enumerate(units) if u.start <= pos < u.end), None)
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < units[k].end else None


def _ordered_starts(spans: list[tuple[int, int]]) -> list[int] | None:
    """The starts of ``spans`` when they are in text order and do not overlap, else ``None``."""
    if all(a[1] <= b[0] and a[0] <= a[1] for a, b in zip(spans, spans[1:])):
        return [a for a, _b in spans]
    return None



# --------------------------------------------------------------------------------------------------
# parse
# --------------------------------------------------------------------------------------------------


def _parse_span(text: str, a: int, b: int, path: str | None, meta=None) -> Speech:
    """The Speech of the document ``[a, b)`` of ``text``; ``meta``: ``parse_metadata(text, a, b)`` when
    the caller has it already.

    The parse makes tens of thousands of small objects that it keeps (a sentence, a clause, an item
    each): Python's cyclic garbage collector, which runs after every 700 such allocations and now and
    then walks every object of the process, would take a third of the parse of a long text. It is
    paused while they are made (they form no reference cycles; it runs again afterwards, as usual). A
    collector that was off stays off."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _make_speech(text, a, b, path, meta)
    finally:
        if paused:
            gc.enable()


def _make_speech(text: str, a: int, b: int, path: str | None, meta) -> Speech:
    md, b0, b1 = parse_metadata(text, a, b) if meta is None else meta
    parts, loose, loose_points = _outline(text, b0, b1)
    sections = _to_sections(text, parts)
    subs = [_to_sub(text, u, None, j + 1) for j, u in enumerate(loose)]
    points = [_to_point(text, u, None, None, j + 1) for j, u in enumerate(loose_points)]

    heads = _heading_spans(parts, loose)
    breaks = [x for span in heads for x in span]
    spans = split_sentences(text, b0, b1, breaks)
    heading_spans = sorted(heads)
    sentences: list[Sentence] = []
    all_subs = sorted([u for s in sections for u in s.subsections] + subs, key=lambda u: u.start)
    sec_starts = _ordered_starts([(u.start, u.end) for u in sections])
    sub_starts = _ordered_starts([(u.start, u.end) for u in all_subs])
    head_starts = _ordered_starts(heading_spans)
    sec_numbers = [u.number for u in sections]
    sub_labels = [u.label for u in all_subs]
    for idx, (sa, sb) in enumerate(spans):
        k = _containing_index(sections, sa, sec_starts)
        j = _containing_index(all_subs, sa, sub_starts)
        if head_starts is None:
            is_heading = any(h0 <= sa and sb <= h1 for h0, h1 in heading_spans)
        else:  # only the last heading that starts at or before sa can hold [sa, sb)
            h = bisect_right(head_starts, sa) - 1
            is_heading = h >= 0 and sb <= heading_spans[h][1]
        # index, start, end, text, section, subsection, is_heading
        sentences.append(Sentence(idx, sa, sb, text[sa:sb], None if k is None else sec_numbers[k],
                                  None if j is None else sub_labels[j], is_heading))
    clauses: list[Clause] = []
    items: list[Item] = []
    clause_rx, item_rx = _pieces(CLAUSE_DELIMS).finditer, _pieces(ITEM_DELIM).finditer
    for s in sentences:
        si = s.index
        for m in clause_rx(text, s.start, s.end):
            ca, cb = m.span()
            ci = len(clauses)
            ct = m.group()
            clauses.append(Clause(ci, si, ca, cb, ct))  # index, sentence, start, end, text
            if ITEM_DELIM in ct:
                for mi in item_rx(text, ca, cb):  # index, clause, sentence, start, end, text
                    items.append(Item(len(items), ci, si, mi.start(), mi.end(), mi.group()))
    return Speech(text=text, metadata=md, sections=sections, sentences=sentences, clauses=clauses,
                  items=items, body_start=b0, body_end=b1, path=path, loose_subsections=subs,
                  loose_points=points)


def _document_spans(text: str, meta: list | None = None) -> list[DocumentSpan]:
    """The documents of ``text``; ``meta`` (a list) receives ``parse_metadata(text)``, the metadata of
    the whole text (that of its only document when it holds one)."""
    md, b0, b1 = parse_metadata(text)
    if meta is not None:
        meta.append((md, b0, b1))
    docs = find_documents(text, b0, b1)
    docs[0].start = 0
    return docs


def parse(text: str, path: str | None = None) -> Speech:
    """Parse decoded ``text`` into a :class:`Speech` (see the module docstring for the rules).

    ``text`` is parsed as given (:func:`load_speech` cleans a file first). When the text holds
    several documents, the Speech is the first one: ``documents`` lists them all and ``warnings`` says
    so (:func:`parse_documents` parses each)."""
    if not isinstance(text, str):
        raise ZhDiscourseError("parse() takes the decoded text; use zhdiscourse.load_speech(path) for a file")
    meta: list = []
    docs = _document_spans(text, meta)
    if len(docs) == 1:  # parse_metadata(text, 0, len(text)) is parse_metadata(text): read once
        return _parse_span(text, 0, len(text), path, meta=meta[0])
    sp = _parse_span(text, docs[0].start, docs[0].end, path)
    if docs[0].title is None:
        docs[0].title = sp.metadata.title
    sp.documents = docs
    sp.warnings.append(_several(docs))
    return sp


def _several(docs: list[DocumentSpan]) -> str:
    where = ", ".join(f"{(d.title or 'untitled')[:20]} at {d.start}" for d in docs)
    return (f"the text holds {len(docs)} documents ({where}); only the first is parsed as this text: "
            "split the file, or analyse each (parse_documents, or the command line, which runs per document)")


def parse_documents(text: str, path: str | None = None) -> list[Speech]:
    """One :class:`Speech` per document of a text that holds several (one for a single document);
    every Speech keeps the whole ``text`` and its body lies in its document's span."""
    docs = _document_spans(text)
    out = []
    for d in docs:
        sp = _parse_span(text, d.start, d.end, path)
        if d.title is None:
            d.title = sp.metadata.title
        out.append(sp)
    if len(docs) > 1:
        for sp in out:
            sp.documents = docs
    return out


def load_speech(path, *, clean: bool = True, simplify: bool | None = None) -> Speech:
    """Load a file in any supported encoding, clean it (:func:`zhdiscourse.text.clean.clean_document`:
    traditional → simplified characters, spaces and full-width digits, one character for one, so every
    offset is valid in the decoded file too) and parse it. ``clean=False`` parses the decoded text as
    it is; ``simplify`` as in :func:`~zhdiscourse.text.clean.clean_text`."""
    loaded = read_text(path)
    if not clean:
        return parse(loaded.text, path=str(path))
    text, cleaning = clean_document(loaded.text, simplify=simplify)
    sp = parse(text, path=str(path))
    sp.original = loaded.text
    sp.cleaning = cleaning
    return sp


def load_documents(path, *, clean: bool = True) -> list[Speech]:
    """Like :func:`load_speech`, one Speech per document of the file (see :func:`parse_documents`)."""
    loaded = read_text(path)
    text, cleaning = clean_document(loaded.text) if clean else (loaded.text, None)
    out = parse_documents(text, path=str(path))
    for sp in out:
        if clean:
            sp.original, sp.cleaning = loaded.text, cleaning
    return out


def takes_speech(func):
    """Decorator: the function's first argument goes through :func:`as_speech` (a text works too)."""
    @functools.wraps(func)
    def wrapper(speech, *args, **kwargs):
        return func(as_speech(speech), *args, **kwargs)

    return wrapper


def as_speech(obj) -> Speech:
    """The one coercion at the edge: a :class:`Speech` is returned as is, a text (``str``) is parsed;
    anything else is a :class:`ZhDiscourseError` (one line on the CLI)."""
    if isinstance(obj, Speech):
        return obj
    if isinstance(obj, str):
        return parse(obj)
    raise ZhDiscourseError(f"expected a Speech (zhdiscourse.load_speech) or a text, not a {type(obj).__name__}")
