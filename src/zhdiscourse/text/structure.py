"""Recover the structure of a Chinese speech or policy text: metadata, parts, sub-points, sentences,
clauses and coordinated items, every one with half-open ``start``/``end`` offsets into the decoded
text (``text[start:end]`` is the unit's text).

The rules (all are patterns, none is a phrase of any particular text):

Metadata
    A header line of the form ``TITLE（YYYY年M月D日）来源：SOURCE发布时间：YYYY-MM-DD`` (as scraped from
    news sites; every part after the title optional) is metadata, and the body starts after it. A
    short first line with no sentence punctuation that is not a heading is taken as the title. A
    Xinhua-style dateline ``（…M月D日电）`` and a print reference ``《报名》（YYYY年MM月DD日NN版）`` at the
    very end are metadata too, and the body ends before them.

Parts (top-level headings)
    Tried in this order; the first that yields a sequence of at least two wins.

    1. *Heading lines* (the heading is a whole line, with no 。！？ on it): ``一、TITLE``, then
       ``（一）TITLE``, then a *lone numeral* (一 alone on its line, the older reports' style, the
       part then has an empty title). Numbered lists nested inside parts restart at 一 and are
       skipped: a restart opens a nested list, and the outer sequence continues with the next
       number it expects (on a tie, a heading standing between blank lines continues the outer
       sequence, any other line the nested list).
    2. *Bare title lines*: a line standing between blank lines, 2–30 characters, no numbering, no
       sentence or clause punctuation (。，；：！？), after the first sentence of the body (so that a
       by-line is not one), e.g. a bare ``过去五年的回顾``. They become the parts (numbered 一, 二 …
       in order, ``style="bare"``) when there are at least two of them and either there are no
       numbered headings, or the numbered headings restart (so they are lists inside the bare
       parts), or a bare title comes before the first numbered heading.
    3. Otherwise (texts whose headings are glued to the running text): ``一、`` at the start of a
       line or right after 。！？, forming the sequence 一, 二, 三 … in order; where a text has none,
       ``（一）`` at the start of a line.

    A heading's title runs to the end of its line when the line holds no sentence punctuation
    (。！？). When a heading is glued to the sentence after it (a scrape artefact), the title ends
    after the last *heading head noun* (工作, 领导, 问题, … see ``HEADING_HEADS``) in the first
    clause; without one, the title is the first clause.

Sub-points
    Markers that begin a clause: ``一是``, ``一要`` (numeral + 是/要), ``第一，`` / ``第一、`` and ``（一）``
    (when the parts are not themselves ``（一）`` headings), ``一、`` at the start of a line inside a
    part (a numbered list nested in a part), and ``1.`` / ``1．`` / ``1、`` at the start of a line. An ordinal counts
    only when its sequence continues (1, 2, … with at least two members), so 第一线 or 第一时间 or a
    lone 一是 are not sub-points. Within one part the style whose sequence starts first wins; a
    sub-point's title is the text after its marker (and after the comma of ``第一，``) up to the first
    。 (or the end of the line). A sub-point ends where the next begins, or where its part ends.

Sentences
    Split after 。！？ (closing quotes/brackets that follow stay with the sentence) and at line
    breaks; a heading glued to a sentence becomes a sentence of its own (``is_heading``). Sentences
    are stripped of surrounding whitespace; between two sentences there is only whitespace.

Clauses and items
    Clauses split each sentence on ，；：(and 。！？); items split a clause on 、. Both exclude the
    delimiter itself. Only clauses that contain 、 yield items.

Known gaps (measured on the 52 Government Work Reports, 1954–2025; all parse without error, 50 get
two or more parts)
    Not recognised yet: bold "lead sentence" lines that stand alone but contain commas (五年来，…);
    bare sub-headings inside a part (a short line with no numbering); a heading glued to a sentence
    in the middle of a document whose other headings stand on their own lines; ``第一，`` lines inside
    parts that already use another sub-point style; sub-points of a nested ``一、`` list under a
    ``（一）`` part only partly. Texts with no headings at all (two reports) parse to zero parts.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from ..errors import ZhDiscourseError
from .load import read_text
from .model import Clause, Item, Metadata, Section, Sentence, Speech, Subsection
from .numerals import NUMERALS, numeral, ordinal_sequences
from .numerals import ordinal_value as _ordinal

_NUM = f"[{NUMERALS}]+"

#: Head nouns that end a heading title when a heading is glued to the sentence after it.
HEADING_HEADS = (
    "工作", "领导", "问题", "情况", "建设", "任务", "意见", "要求", "部署", "形势", "举措", "措施",
    "目标", "思路", "重点", "方针", "政策", "体会", "认识", "改革", "发展", "回顾", "安排", "原则",
)

SENT_END = "。！？!?"
_HAN = re.compile(r"[\u4e00-\u9fff]")
CLOSERS = "”’」』）)》〉】"
CLAUSE_DELIMS = "，；：,;:" + SENT_END
ITEM_DELIM = "、"


# --------------------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------------------

_CN_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_HEADER = re.compile(
    r"^(?P<title>[^\n（(]{2,120}?)[（(]\s*(?P<date>" + _CN_DATE + r")\s*[）)]"
    r"(?:\s*来源[：:]\s*(?P<source>[^\n]*?)(?=发布时间|(?:各位|亲爱的)?(?:同志|朋友|同学|代表|来宾|女士|先生)们?[：:，,]|\n|$))?"
    r"(?:\s*发布时间[：:]\s*(?P<published>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?))?"
)
_DATELINE = re.compile(r"[（(]\s*(?:[^（）()\n]{0,20}?)\d{1,2}月\d{1,2}日电\s*[）)]")
_PRINT_REF = re.compile(r"《[^《》\n]{1,20}》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,3}\s*版\s*[）)]")
_DATE_LINE = re.compile(r"[ \t\u3000]*[（(]?\s*" + _CN_DATE + r"\s*[）)]?[ \t\u3000]*(?:\n|$)")
_SPEAKER = re.compile(r"^(?P<speaker>[\u4e00-\u9fff]{2,4})在(?P<occasion>.+)上的(?:讲话|致辞|发言|报告)$")


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


#: Invisible characters that scraped texts use like spaces (zero-width space/joiners, word joiner, BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _isspace(c: str) -> bool:
    return c.isspace() or c in INVISIBLE


def _lstrip_pos(text: str, pos: int, end: int) -> int:
    while pos < end and _isspace(text[pos]):
        pos += 1
    return pos


def _rstrip_pos(text: str, start: int, pos: int) -> int:
    while pos > start and _isspace(text[pos - 1]):
        pos -= 1
    return pos


def _parse_metadata(text: str) -> tuple[Metadata, int, int]:
    md = Metadata()
    body_start = _lstrip_pos(text, 0, len(text))
    body_end = _rstrip_pos(text, 0, len(text))

    m = _HEADER.match(text, body_start)
    if m:
        md.title = m.group("title").strip()
        md.spans["title"] = (m.start("title"), m.start("title") + len(m.group("title").rstrip()))
        dm = re.fullmatch(_CN_DATE, m.group("date"))
        md.date = _iso(*dm.groups())
        md.spans["date"] = m.span("date")
        if m.group("source"):
            md.source = m.group("source").strip()
            md.spans["source"] = m.span("source")
        if m.group("published"):
            md.published = m.group("published")
            md.spans["published"] = m.span("published")
        body_start = _lstrip_pos(text, m.end(), len(text))
    else:
        line_end = text.find("\n", body_start)
        line_end = len(text) if line_end < 0 else line_end
        first = text[body_start:_rstrip_pos(text, body_start, line_end)]
        # a title line has no sentence or clause punctuation; a line with ：is a salutation or lead-in
        if (first and len(first) <= 60 and not any(c in first for c in SENT_END + "，；：:")
                and not _HEADING_LINE_START.match(first) and line_end < len(text)):
            md.title = first
            md.spans["title"] = (body_start, body_start + len(first))
            dm = re.search(_CN_DATE, first)
            if dm:
                md.date = _iso(*dm.groups())
                md.spans["date"] = (body_start + dm.start(), body_start + dm.end())
            body_start = _lstrip_pos(text, line_end, len(text))
        # a date line on its own, e.g. （2020年2月23日） under the title
        dm = _DATE_LINE.match(text, body_start)
        if dm and not md.date:
            md.date = _iso(*dm.groups()[:3])
            md.spans["date"] = (dm.start(1), dm.end(3) + 1)
            body_start = _lstrip_pos(text, dm.end(), len(text))

    if md.title:
        sm = _SPEAKER.match(md.title)
        if sm:
            md.speaker = sm.group("speaker")

    # trailing dateline / print reference (in either order), only at the very end
    changed = True
    while changed:
        changed = False
        tail = text[max(body_start, body_end - 80):body_end]
        base = max(body_start, body_end - 80)
        for name, rx in (("print_reference", _PRINT_REF), ("dateline", _DATELINE)):
            if getattr(md, name):
                continue
            last = None
            for mm in rx.finditer(tail):
                last = mm
            if last and _rstrip_pos(tail, 0, len(tail)) == last.end():
                setattr(md, name, last.group(0))
                md.spans[name] = (base + last.start(), base + last.end())
                body_end = _rstrip_pos(text, body_start, base + last.start())
                changed = True
    return md, body_start, body_end


# --------------------------------------------------------------------------------------------------
# Headings and sub-points
# --------------------------------------------------------------------------------------------------

_HEADING_LINE_START = re.compile(rf"^\s*(?:{_NUM}、|[（(]{_NUM}[）)])")
# a part heading: numeral + 、 at line start or after a sentence end
_PART = re.compile(rf"(?:(?<=\n)|(?<=^)|(?<=[{SENT_END}{CLOSERS}]))[ \t\u3000]*(?P<num>{_NUM})、")
_PAREN = re.compile(rf"(?:(?<=\n)|(?<=^)|(?<=[{SENT_END}{CLOSERS}]))[ \t\u3000]*[（(](?P<num>{_NUM})[）)]")
_CLAUSE_START = rf"(?:(?<=\n)|(?<=^)|(?<=[{CLAUSE_DELIMS}{CLOSERS}]))[ \t\u3000]*"
_SUB_PATTERNS = {
    "一是": re.compile(_CLAUSE_START + rf"(?P<marker>(?P<num>{_NUM})是)"),
    "一要": re.compile(_CLAUSE_START + rf"(?P<marker>(?P<num>{_NUM})要)"),
    "第一，": re.compile(_CLAUSE_START + rf"(?P<marker>第(?P<num>{_NUM}))(?P<sep>[，,、：:])"),
    "（一）": re.compile(rf"(?:(?<=\n)|(?<=^)|(?<=[{SENT_END}{CLOSERS}]))[ \t\u3000]*(?P<marker>[（(](?P<num>{_NUM})[）)])"),
    "1.": re.compile(rf"(?:(?<=\n)|(?<=^)|(?<=[{SENT_END}]))[ \t\u3000]*(?P<marker>(?P<num>\d{{1,2}})[.．、](?!\d))"),
    # a numbered list nested inside a part: 一、 at the start of a line
    "一、(line)": re.compile(rf"(?<![^\n])[ \t\u3000]*(?P<marker>(?P<num>{_NUM})、)"),
}

# heading lines (the whole line is the heading): see the module docstring, Parts 1
_LINE_HEADINGS = (
    ("一、", re.compile(rf"(?<![^\n])[ \t\u3000]*(?P<num>{_NUM})、(?P<rest>[^\n]*)")),
    ("（一）", re.compile(rf"(?<![^\n])[ \t\u3000]*[（(](?P<num>{_NUM})[）)](?P<rest>[^\n]*)")),
    ("一", re.compile(rf"(?<![^\n])[ \t\u3000]*(?P<num>{_NUM})(?P<rest>[ \t\u3000]*)(?=\n|$)")),
)
_BARE_MAX = 30
_BARE_FORBIDDEN = set(SENT_END + "，；：,;:…")
_NUMBERED_START = re.compile(rf"^(?:{_NUM}[、是要\s]|{_NUM}$|[（(]{_NUM}[）)]|第{_NUM}|\d|[—-])")


def _line_end(text: str, pos: int, limit: int) -> int:
    e = text.find("\n", pos, limit)
    return limit if e < 0 else e


def _heading_title_end(text: str, t0: int, limit: int) -> int:
    """Where a heading title that starts at ``t0`` ends (see the module docstring)."""
    le = _line_end(text, t0, limit)
    line = text[t0:le]
    first_punct = next((i for i, c in enumerate(line) if c in CLAUSE_DELIMS), None)
    if first_punct is None or not any(c in SENT_END for c in line):
        # the whole line is the heading (commas inside a heading line belong to its title)
        return _rstrip_pos(text, t0, le)
    clause = line[:first_punct]
    best = -1
    for head in HEADING_HEADS:
        for m in re.finditer(re.escape(head), clause):
            e = m.end()
            # the rest of the clause must be a plausible sentence start (≥ 2 chars)
            if len(clause) - e >= 2 and e > best:
                best = e
    if best > 0:
        return t0 + best
    return t0 + first_punct


def _blank_before(text: str, pos: int, b0: int) -> bool:
    """Whether the line starting at ``pos`` follows a blank line (or the start of the body)."""
    i = text.rfind("\n", 0, pos)
    if i < b0:
        return True
    j = text.rfind("\n", 0, i)
    return not text[max(j + 1, 0):i].strip()


def _blank_after(text: str, pos: int, b1: int) -> bool:
    """Whether the line containing ``pos`` is followed by a blank line (or the end of the body)."""
    i = text.find("\n", pos, b1)
    if i < 0:
        return True
    j = text.find("\n", i + 1, b1)
    j = b1 if j < 0 else j
    return not text[i + 1:j].strip()


def _outer_sequence(cands: list[tuple[int, tuple, tuple]]) -> tuple[list[tuple], bool]:
    """The outer sequence 1, 2, 3 … of heading candidates, skipping nested lists.

    ``cands`` are ``(ordinal, candidate, shape)`` in text order, ``shape`` describing how the
    heading line looks (stands between blank lines? indented? has a title on its line?). A 1 opens a
    nested list (a stack of open lists); any other number continues the innermost open list that
    expects it *and has the same shape* (headings of one level look alike), else the innermost
    list that expects it, else it is ignored. Returns the outermost list and whether any list was
    nested in it.
    """
    stack: list[tuple[list, tuple]] = []  # (members, shape of its first member)
    restarted = False
    for ordv, cand, shape in cands:
        if ordv == 1:
            if stack:
                restarted = True
            stack.append(([cand], shape))
            continue
        expecting = [i for i, (members, _) in enumerate(stack) if len(members) + 1 == ordv]
        if not expecting:
            continue
        alike = [i for i in expecting if stack[i][1] == shape]
        k = (alike or expecting)[-1]
        del stack[k + 1:]
        stack[k][0].append(cand)
    if not stack:
        return [], False
    return stack[0][0], restarted


def _line_parts(text: str, b0: int, b1: int) -> tuple[list[tuple[int, int, str, str]], str, bool]:
    found = []
    for style, rx in _LINE_HEADINGS:
        cands = []
        for m in rx.finditer(text, b0, b1):
            if any(c in SENT_END for c in m.group("rest")):
                continue
            ordv = _ordinal(m.group("num"))
            if ordv is None:
                continue
            start = m.start("num") - (1 if style == "（一）" else 0)
            title_start = m.end("num") + (1 if style != "一" else 0)
            if style == "一":
                title_start = m.end("rest")
            line_start = text.rfind("\n", 0, start) + 1
            shape = (_blank_before(text, start, b0) and _blank_after(text, start, b1),
                     start > line_start, bool(m.group("rest").strip()))
            cands.append((ordv, (start, title_start, m.group("num")), shape))
        outer, restarted = _outer_sequence(cands)
        if len(outer) >= 2:
            found.append(([(a, t, n, style) for a, t, n in outer], style, restarted))
    if not found:
        return [], "", False
    # the style whose outline starts first is the outer level (its lists nest the other styles)
    return min(found, key=lambda f: f[0][0][0])


def _bare_titles(text: str, b0: int, b1: int) -> list[tuple[int, int]]:
    """Bare title lines as ``(start, end)`` (see the module docstring, Parts 2)."""
    first_end = next((i for i in range(b0, b1) if text[i] in SENT_END), None)
    if first_end is None:
        return []
    out = []
    pos = text.find("\n", first_end, b1)
    while 0 <= pos < b1:
        a = pos + 1
        e = _line_end(text, a, b1)
        la, lb = _lstrip_pos(text, a, e), _rstrip_pos(text, a, e)
        line = text[la:lb]
        if (2 <= len(line) <= _BARE_MAX and not any(c in _BARE_FORBIDDEN for c in line)
                and not _NUMBERED_START.match(line) and len(_HAN.findall(line)) >= 2
                and _blank_before(text, a, b0) and _blank_after(text, a, b1)):
            out.append((la, lb))
        pos = e if e < b1 else -1
    return out


def _find_parts(text: str, b0: int, b1: int) -> tuple[list[tuple[int, int, str, str]], str]:
    """Top-level headings as ``(start, title_start, number, style)`` (see the module docstring)."""
    line_heads, line_style, restarted = _line_parts(text, b0, b1)
    glued: list[tuple[int, int, str, str]] = []
    glued_style = ""
    if not line_heads:
        glued, glued_style = _find_glued_parts(text, b0, b1)
    numbered = line_heads or glued
    bare = _bare_titles(text, b0, b1)
    if len(bare) >= 2 and (not numbered or restarted or (len(bare) >= 3 and bare[0][0] < numbered[0][0])):
        return [(a, a, numeral(i + 1), "bare") for i, (a, _) in enumerate(bare)], "bare"
    if line_heads:
        return line_heads, line_style
    return glued, glued_style


def _find_glued_parts(text: str, b0: int, b1: int) -> tuple[list[tuple[int, int, str, str]], str]:
    """Headings glued to the running text (see the module docstring, Parts 3)."""
    for style, rx in (("一、", _PART), ("（一）", _PAREN)):
        cands = []
        for m in rx.finditer(text, b0, b1):
            ordv = _ordinal(m.group("num"))
            if ordv is not None:
                cands.append((ordv, (m.start("num") - (1 if style == "（一）" else 0), m.end(), m.group("num"))))
        if style == "（一）":
            # paren headings must stand at line start to be top-level
            cands = [(o, c) for o, c in cands if c[0] == b0 or text[c[0] - 1] in "\n \t\u3000"]
        seqs = ordinal_sequences(cands)
        if seqs:
            # keep the longest sequence (first on ties)
            seq = max(seqs, key=len)
            return [(s, t, n, style) for s, t, n in seq], style
    return [], ""


def _find_subsections(text: str, s0: int, s1: int, part_style: str, section: str | None) -> list[Subsection]:
    best: list | None = None
    best_style = ""
    for style, rx in _SUB_PATTERNS.items():
        if style == part_style:
            continue
        cands = []
        for m in rx.finditer(text, s0, s1):
            ordv = _ordinal(m.group("num"))
            if ordv is None:
                continue
            sep_end = m.end("sep") if "sep" in rx.groupindex and m.group("sep") else m.end("marker")
            cands.append((ordv, (m.start("marker"), m.group("marker"), sep_end)))
        for seq in ordinal_sequences(cands):
            if best is None or seq[0][0] < best[0][0]:
                best, best_style = seq, style
            break  # only the first sequence of each style competes
    if not best:
        return []
    subs: list[Subsection] = []
    for i, (start, marker, title_start) in enumerate(best):
        title_start = _lstrip_pos(text, title_start, s1)
        stop = s1
        nxt = best[i + 1][0] if i + 1 < len(best) else s1
        stop = min(stop, nxt)
        period = text.find("。", title_start, stop)
        le = _line_end(text, title_start, stop)
        title_end = min(x for x in (period if period >= 0 else stop, le, stop))
        title_end = _rstrip_pos(text, title_start, title_end)
        subs.append(Subsection(
            marker=marker.strip(), title=text[title_start:title_end], start=start, end=nxt,
            title_start=title_start, title_end=title_end, ordinal=i + 1, section=section, style=best_style,
        ))
    # the last one ends at the section end, without trailing whitespace
    for s in subs:
        s.end = _rstrip_pos(text, s.start, s.end)
    return subs


# --------------------------------------------------------------------------------------------------
# Sentences, clauses, items
# --------------------------------------------------------------------------------------------------


def _split_spans(text: str, start: int, end: int, breaks: Iterable[int]) -> list[tuple[int, int]]:
    """Cut [start, end) at the given offsets; strip whitespace; drop empty pieces."""
    out = []
    cuts = sorted({b for b in breaks if start < b < end})
    prev = start
    for c in cuts + [end]:
        a, b = _lstrip_pos(text, prev, c), _rstrip_pos(text, prev, c)
        if a < b:
            out.append((a, b))
        prev = c
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    extra_breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``: split after 。！？ (keeping closing quotes) and at line breaks."""
    end = len(text) if end is None else end
    breaks = set(extra_breaks)
    i = start
    while i < end:
        c = text[i]
        if c == "\n":
            breaks.add(i)
            breaks.add(i + 1)
        elif c in SENT_END:
            j = i + 1
            while j < end and (text[j] in SENT_END or text[j] in CLOSERS):
                j += 1
            breaks.add(j)
            i = j - 1
        i += 1
    return _split_spans(text, start, end, breaks)


def _split_on(text: str, start: int, end: int, delims: str) -> list[tuple[int, int]]:
    """Pieces of [start, end) between delimiter characters, delimiters excluded, whitespace stripped."""
    out = []
    prev = start
    for i in range(start, end + 1):
        if i == end or text[i] in delims:
            a, b = _lstrip_pos(text, prev, i), _rstrip_pos(text, prev, i)
            # trailing closers belong to no clause content
            if a < b:
                out.append((a, b))
            prev = i + 1
    return out


# --------------------------------------------------------------------------------------------------
# parse
# --------------------------------------------------------------------------------------------------


def parse(text: str, path: str | None = None) -> Speech:
    """Parse decoded ``text`` into a :class:`Speech` (see the module docstring for the rules)."""
    if not isinstance(text, str):
        raise ZhDiscourseError("parse() takes the decoded text; use zhdiscourse.load_speech(path) for a file")
    md, b0, b1 = _parse_metadata(text)

    heads, part_style = _find_parts(text, b0, b1)
    sections: list[Section] = []
    heading_breaks: list[int] = []
    for i, (start, t0, num, style) in enumerate(heads):
        s_end = heads[i + 1][0] if i + 1 < len(heads) else b1
        s_end = _rstrip_pos(text, start, s_end)
        if style == "一":  # a lone numeral: the part has no title
            t0 = t1 = start + len(num)
        else:
            t0 = _lstrip_pos(text, t0, s_end)
            t1 = _heading_title_end(text, t0, s_end)
        sections.append(Section(number=num, title=text[t0:t1], start=start, end=s_end,
                                title_start=t0, title_end=t1, ordinal=i + 1, style=style))
        heading_breaks += [start, t1]
    for sec in sections:
        sec.subsections = _find_subsections(text, sec.title_end, sec.end, part_style, sec.number)
    loose: list[Subsection] = []
    if not sections:
        loose = _find_subsections(text, b0, b1, "", None)

    spans = split_sentences(text, b0, b1, heading_breaks)
    heading_spans = {(s.start, s.title_end) for s in sections}
    sentences: list[Sentence] = []
    sec_iter = sections
    all_subs = sorted([u for s in sections for u in s.subsections] + loose, key=lambda u: u.start)
    for idx, (a, b) in enumerate(spans):
        sec = next((s for s in sec_iter if s.start <= a < s.end), None)
        sub = next((u for u in all_subs if u.start <= a < u.end), None)
        sentences.append(Sentence(index=idx, start=a, end=b, text=text[a:b],
                                  section=sec.number if sec else None,
                                  subsection=sub.label if sub else None,
                                  is_heading=(a, b) in heading_spans))
    clauses: list[Clause] = []
    items: list[Item] = []
    for s in sentences:
        for a, b in _split_on(text, s.start, s.end, CLAUSE_DELIMS):
            ci = len(clauses)
            clauses.append(Clause(index=ci, sentence=s.index, start=a, end=b, text=text[a:b]))
            if ITEM_DELIM in text[a:b]:
                for ia, ib in _split_on(text, a, b, ITEM_DELIM):
                    items.append(Item(index=len(items), clause=ci, sentence=s.index, start=ia, end=ib,
                                      text=text[ia:ib]))
    return Speech(text=text, metadata=md, sections=sections, sentences=sentences, clauses=clauses,
                  items=items, body_start=b0, body_end=b1, path=path, loose_subsections=loose)


def load_speech(path) -> Speech:
    """Load a file in any supported encoding and parse it."""
    loaded = read_text(path)
    return parse(loaded.text, path=str(path))


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
