"""Headings and numbered units: the marker grammar of Chinese official documents and the choice of the
levels that organise a text. The rules are documented in :mod:`zhdiscourse.text.structure` (the
parser's docstring is the grammar); this module implements them and returns a tree of :class:`Unit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import chinese_numeral_value, numeral

#: Numeral characters of heading, item and article numbers (一 … 十, 百, 千, 零/〇 in 一百零一).
HEADING_NUMERALS = "零〇一二三四五六七八九十百千"
_NUM = f"[{HEADING_NUMERALS}]+"
_ARABIC = r"\d{1,4}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"

SENT_END = "。！？!?"
CLOSERS = "”’」』）)》〉】"
CLAUSE_DELIMS = "，；：,;:" + SENT_END
#: Invisible characters that scraped texts use like spaces (zero-width space/joiners, word joiner, BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_HSPACE = " \t\u3000" + INVISIBLE
_HAN = re.compile(r"[\u4e00-\u9fff]")

#: Head nouns that end a heading title when a heading is glued to the sentence after it.
HEADING_HEADS = (
    "工作", "领导", "问题", "情况", "建设", "任务", "意见", "要求", "部署", "形势", "举措", "措施",
    "目标", "思路", "重点", "方针", "政策", "体会", "认识", "改革", "发展", "回顾", "安排", "原则",
)


def isspace(c: str) -> bool:
    return c.isspace() or c in INVISIBLE


def lstrip_pos(text: str, pos: int, end: int) -> int:
    while pos < end:
        c = text[pos]
        if not (c.isspace() or c in INVISIBLE):  # isspace(c), written out: this runs for every clause
            break
        pos += 1
    return pos


def rstrip_pos(text: str, start: int, pos: int) -> int:
    while pos > start:
        c = text[pos - 1]
        if not (c.isspace() or c in INVISIBLE):
            break
        pos -= 1
    return pos


def line_end(text: str, pos: int, limit: int) -> int:
    e = text.find("\n", pos, limit)
    return limit if e < 0 else e


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def blank_before(text: str, pos: int, b0: int) -> bool:
    """Whether the line starting at ``pos`` follows a blank line (or the start of the body)."""
    i = text.rfind("\n", 0, pos)
    if i < b0:
        return True
    j = text.rfind("\n", 0, i)
    return not text[max(j + 1, 0):i].strip()


def blank_after(text: str, pos: int, b1: int) -> bool:
    """Whether the line containing ``pos`` is followed by a blank line (or the end of the body)."""
    i = text.find("\n", pos, b1)
    if i < 0:
        return True
    j = text.find("\n", i + 1, b1)
    j = b1 if j < 0 else j
    return not text[i + 1:j].strip()


# --------------------------------------------------------------------------------------------------
# marker styles
# --------------------------------------------------------------------------------------------------


def _value(num: str) -> int | None:
    if num.isascii() and num.isdigit():
        return int(num)
    if len(num) == 1 and num in _CIRCLED:
        return _CIRCLED.index(num) + 1
    if len(num) == 1 and num in _STEMS:
        return _STEMS.index(num) + 1
    if num == "首先":
        return 1
    return chinese_numeral_value(num)


@dataclass(frozen=True)
class Style:
    """A marker style: ``name`` (as in :attr:`Section.style`), the pattern matched at a paragraph start
    (groups ``marker``, ``num`` and, where a separator follows the marker, ``sep``), and its ``kind``:
    ``division`` (编 篇 部分 章 节: always a heading line), ``part`` (一、 （一） a lone numeral: headings or
    whole-sentence items), ``item`` (第一， 一是 一要 1. （1） ① 甲、: numbered paragraphs) or
    ``article`` (第一条)."""

    name: str
    rx: re.Pattern
    kind: str


def _style(name: str, pattern: str, kind: str) -> Style:
    return Style(name, re.compile(pattern), kind)


DIVISIONS = ("编", "篇", "部分", "章", "节")
STYLES: tuple[Style, ...] = (
    *(_style(f"第一{d}", rf"(?P<marker>第(?P<num>{_NUM}|{_ARABIC}){d})", "division") for d in DIVISIONS),
    _style("第一条", rf"(?P<marker>第(?P<num>{_NUM}|{_ARABIC})条(?:之{_NUM})?)(?=[\s\u4e00-\u9fff“《（(])",
           "article"),
    _style("一、", rf"(?P<marker>(?P<num>{_NUM})、)", "part"),
    _style("（一）", rf"(?P<marker>[（(](?P<num>{_NUM})[）)])", "part"),
    _style("一", rf"(?P<marker>(?P<num>{_NUM}))(?=[{_HSPACE}]*(?:\n|$))", "part"),
    _style("第一，", rf"(?P<marker>第(?P<num>{_NUM})|(?P<first>首先))(?P<sep>[，,、：:])", "item"),
    _style("一是", rf"(?P<marker>(?P<num>{_NUM})是)", "item"),
    _style("一要", rf"(?P<marker>(?P<num>{_NUM})要)", "item"),
    _style("1.", rf"(?P<marker>(?P<num>\d{{1,3}})[.．、](?!\d))", "item"),
    _style("（1）", rf"(?P<marker>[（(](?P<num>\d{{1,3}})[）)])", "item"),
    _style("①", rf"(?P<marker>(?P<num>[{_CIRCLED}]))", "item"),
    _style("甲、", rf"(?P<marker>(?P<num>[{_STEMS}])、)", "item"),
)
STYLE_BY_NAME = {s.name: s for s in STYLES}
#: matches where any of the styles matches (their patterns as alternatives, the groups unnamed)
_ANY_STYLE = re.compile("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", s.rx.pattern) + ")" for s in STYLES))
#: The style of unmarked heading lines (short title lines without numbering).
BARE = "bare"
#: Part styles that may be glued to the end of the previous sentence (a scrape that lost line breaks).
GLUED_STYLES = ("一、",)


# --------------------------------------------------------------------------------------------------
# candidates
# --------------------------------------------------------------------------------------------------


@dataclass
class Cand:
    """A marker at a paragraph start (or, glued, right after a sentence end)."""

    style: str
    value: int
    start: int  # the marker's offset
    marker: str
    after: int  # end of the marker and its separator
    line_end: int
    glued: bool
    heading_line: bool  # the rest of the line holds no sentence end: the line is a heading
    shape: tuple = ()

    @property
    def rest_empty(self) -> bool:
        return self.after >= self.line_end


def _heading_line(text: str, a: int, e: int) -> bool:
    """No sentence end on the line, and it does not end like a clause (；：，、)."""
    e = rstrip_pos(text, a, e)
    return not any(c in SENT_END for c in text[a:e]) and not (e > a and text[e - 1] in "；;：:，,、")


class Lines:
    """Line starts of a region, the paragraph starts where markers are looked for."""

    def __init__(self, text: str, b0: int, b1: int):
        self.text, self.b0, self.b1 = text, b0, b1
        #: a text pasted as one line: sentence starts count as paragraph starts
        self.one_line = "\n" not in text[b0:b1]
        starts = []
        pos = b0
        while pos < b1:
            e = line_end(text, pos, b1)
            a = lstrip_pos(text, pos, e)
            if a < e:
                starts.append(a)
            pos = e + 1
        if self.one_line:
            for m in re.finditer(rf"[{SENT_END}][{CLOSERS}{SENT_END}]*", text[b0:b1]):
                a = lstrip_pos(text, b0 + m.end(), b1)
                if a < b1:
                    starts.append(a)
        self.starts = sorted(set(starts))


def _candidate(text: str, style: Style, m: re.Match, b0: int, b1: int, glued: bool) -> Cand | None:
    num = m.group("first") if "first" in style.rx.groupindex and m.group("first") else m.group("num")
    v = _value(num)
    if v is None or v < 1:
        return None
    a = m.start("marker")
    after = m.end("sep") if "sep" in style.rx.groupindex and m.group("sep") else m.end("marker")
    le = line_end(text, a, b1)
    rest = text[after:le].strip(_HSPACE)
    # a heading line: a title on the marker's line and no sentence end; a marker alone on its line is a
    # heading only for the divisions (第一章 / 总则 on the next line), else the text goes on below it
    heading = _heading_line(text, after, le) and (bool(rest) or style.kind in ("division", "part"))
    if style.kind == "division" and not heading:
        return None
    ls = line_start(text, a)
    shape = (blank_before(text, a, b0) and blank_after(text, a, b1), a > ls and not glued,
             bool(text[after:le].strip()), heading)
    return Cand(style.name, v, a, m.group("marker"), after, le, glued, heading, shape)


def find_candidates(text: str, b0: int, b1: int) -> dict[str, list[Cand]]:
    """Every marker of every style at a paragraph start of ``text[b0:b1]``, by style, in text order;
    for the glued styles also right after a sentence end."""
    lines = Lines(text, b0, b1)
    out: dict[str, list[Cand]] = {s.name: [] for s in STYLES}
    any_style = _ANY_STYLE.match
    for a in lines.starts:
        if any_style(text, a, b1) is None:  # most lines start with no marker of any style
            continue
        for style in STYLES:
            m = style.rx.match(text, a, b1)
            if m:
                c = _candidate(text, style, m, b0, b1, glued=False)
                if c:
                    out[style.name].append(c)
    if not lines.one_line:
        seen = {c.start for c in out["一、"]}
        rx = re.compile(rf"(?<=[{SENT_END}{CLOSERS}])[{_HSPACE}]*(?={_NUM}、)")
        for m in rx.finditer(text, b0, b1):
            a = m.end()
            if a in seen or line_start(text, a) == lstrip_pos(text, line_start(text, a), a) == a:
                continue
            mm = STYLE_BY_NAME["一、"].rx.match(text, a, b1)
            c = _candidate(text, STYLE_BY_NAME["一、"], mm, b0, b1, glued=True) if mm else None
            if c:
                out["一、"].append(c)
        out["一、"].sort(key=lambda c: c.start)
    return out


# ---- unmarked heading lines ------------------------------------------------------------------------

BARE_MAX = 30
_BARE_FORBIDDEN = set(SENT_END + "，；：,;:…")
_NUMBERED_START = re.compile(rf"^(?:{_NUM}[、是要\s]|{_NUM}$|[（(]{_NUM}[）)]|第{_NUM}|\d|[—―-]|[{_CIRCLED}])")


def bare_titles(text: str, b0: int, b1: int) -> list[tuple[int, int]]:
    """Unmarked heading lines as ``(start, end)`` (see the grammar: unmarked heading lines)."""
    first_end = next((i for i in range(b0, b1) if text[i] in SENT_END), None)
    if first_end is None:
        return []
    out = []
    pos = text.find("\n", first_end, b1)
    prev_line = text[line_start(text, first_end):line_end(text, first_end, b1)]
    while 0 <= pos < b1:
        a = pos + 1
        e = line_end(text, a, b1)
        la, lb = lstrip_pos(text, a, e), rstrip_pos(text, a, e)
        line = text[la:lb]
        if (2 <= len(line) <= BARE_MAX and not any(c in _BARE_FORBIDDEN for c in line)
                and not _NUMBERED_START.match(line) and len(_HAN.findall(line)) >= 2):
            before = blank_before(text, a, b0) or prev_line.rstrip(_HSPACE).endswith(tuple(SENT_END + CLOSERS))
            nxt_a = e + 1
            nxt = text[nxt_a:line_end(text, nxt_a, b1)] if nxt_a < b1 else ""
            after = blank_after(text, a, b1) or (len(nxt.strip()) > len(line) and any(c in SENT_END for c in nxt))
            if before and after:
                out.append((la, lb))
        if line.strip():
            prev_line = line
        pos = e if e < b1 else -1
    return out


# --------------------------------------------------------------------------------------------------
# sequences
# --------------------------------------------------------------------------------------------------


@dataclass
class Seq:
    style: str
    members: list  # Cand, or ("bare", start, end) fillers
    restarted: bool = False

    @property
    def first(self) -> int:
        return _start(self.members[0])

    @property
    def last(self) -> int:
        return _start(self.members[-1])

    @property
    def headings(self) -> int:
        return sum(1 for m in self.members if not isinstance(m, Cand) or m.heading_line)

    @property
    def is_heading(self) -> bool:
        """Most members are heading lines (the title is a line of its own)."""
        return self.headings >= 2 and 2 * self.headings >= len(self.members)


def _start(m) -> int:
    return m.start if isinstance(m, Cand) else m[1]


def sequence(cands: list[Cand], fillers: list[tuple[int, int]] = ()) -> Seq | None:
    """The sequence 1, 2, 3 … that organises a style's candidates, skipping nested lists.

    A 1 opens a list (a stack of open lists); any other number continues the innermost open list
    that expects it *and has the same shape* (markers of one level look alike), else the innermost
    list that expects it, else it is ignored. A number that skips one (… 1, 3) continues a list when
    an unmarked heading line stands between the two (it takes the missing number). Of the lists with
    two or more members, the first opened that has at least two heading lines is the sequence (a list
    of whole-sentence items before it is a list in the opening, lists opened after it are nested);
    without heading lines, the longest.
    """
    stack: list[tuple[list, tuple]] = []
    lists: list[list] = []
    fill = sorted(fillers)
    for c in cands:
        if c.value == 1:
            members = [c]
            stack.append((members, c.shape))
            lists.append(members)
            continue
        expecting = [i for i, (ms, _) in enumerate(stack) if len(ms) + 1 == c.value]
        if not expecting and fill:
            for i, (ms, _) in enumerate(stack):
                if len(ms) + 2 == c.value:
                    gap = [f for f in fill if _start(ms[-1]) < f[0] < c.start]
                    if len(gap) == 1:
                        ms.append((BARE, gap[0][0], gap[0][1]))
                        expecting = [i]
                        break
        if not expecting:
            continue
        alike = [i for i in expecting if stack[i][1] == c.shape]
        k = (alike or expecting)[-1]
        del stack[k + 1:]
        stack[k][0].append(c)
    good = [ms for ms in lists if len(ms) >= 2]
    if not good:
        return None

    def heads(ms):
        return sum(1 for m in ms if not isinstance(m, Cand) or m.heading_line)

    headed = [ms for ms in good if heads(ms) >= 2]
    best = headed[0] if headed else max(good, key=len)
    # nested lists: another list opened after the chosen list's first member
    restarted = any(ms is not best and _start(best[0]) < _start(ms[0]) for ms in lists)
    return Seq(cands[0].style, best, restarted)


# --------------------------------------------------------------------------------------------------
# units
# --------------------------------------------------------------------------------------------------


@dataclass
class Unit:
    """A heading or numbered unit: where it starts (its marker), its title, where it ends, its children."""

    style: str
    marker: str
    number: str
    ordinal: int
    start: int
    title_start: int
    title_end: int
    end: int
    heading_line: bool = False
    glued: bool = False  # a heading glued to the sentence after it (its title ends at a head noun)
    shape: tuple = ()  # how its marker line looks (see :func:`sequence`)
    children: list["Unit"] = field(default_factory=list)
    points: list["Unit"] = field(default_factory=list)


def heading_title_end(text: str, t0: int, limit: int) -> int:
    """Where a glued heading title that starts at ``t0`` ends: after the last heading head noun of the
    first clause that leaves a sentence start of at least two characters, else the first clause."""
    le = line_end(text, t0, limit)
    line = text[t0:le]
    first_punct = next((i for i, c in enumerate(line) if c in CLAUSE_DELIMS), None)
    if first_punct is None or not any(c in SENT_END for c in line):
        return rstrip_pos(text, t0, le)
    return t0 + (_head_noun_end(line[:first_punct]) or first_punct)


def _head_noun_end(clause: str) -> int:
    best = 0
    for head in HEADING_HEADS:
        for m in re.finditer(re.escape(head), clause):
            if len(clause) - m.end() >= 2 and m.end() > best:
                best = m.end()
    return best


def first_sentence_end(text: str, t0: int, limit: int) -> int:
    le = line_end(text, t0, limit)
    e = next((i for i in range(t0, le) if text[i] in SENT_END), le)
    e = rstrip_pos(text, t0, e)
    while e > t0 and text[e - 1] in "；;，,：:、":
        e = rstrip_pos(text, t0, e - 1)
    return e


def _glued_titles(text: str, members: list, limit: int) -> bool:
    """Whether a list's items are headings glued to the sentence after them (most have a heading head
    noun in their first clause) rather than whole-sentence items."""
    votes = 0
    items = [m for m in members if isinstance(m, Cand) and not m.heading_line]
    for c in items:
        t0 = lstrip_pos(text, c.after, limit)
        line = text[t0:line_end(text, t0, limit)]
        fp = next((i for i, ch in enumerate(line) if ch in CLAUSE_DELIMS), None)
        if fp is not None and _head_noun_end(line[:fp]):
            votes += 1
    return bool(items) and 2 * votes > len(items)


def make_units(text: str, seq: Seq, a: int, b: int, *, glued_ok: bool, numbered: bool = True,
               first: int = 1) -> list[Unit]:
    """The units of a sequence inside ``[a, b)``: each runs from its marker to the next member (the last
    to ``b``); titles by the grammar (heading line, glued heading, first sentence)."""
    ms = seq.members
    glued = glued_ok and _glued_titles(text, ms, b)
    units = []
    for i, m in enumerate(ms):
        start = _start(m)
        end = _start(ms[i + 1]) if i + 1 < len(ms) else b
        end = rstrip_pos(text, start, end)
        if not isinstance(m, Cand):  # an unmarked heading line
            units.append(Unit(seq.style if numbered else BARE, "", numeral(i + first), i + first, start, m[1], m[2],
                              end, heading_line=True))
            continue
        t0 = lstrip_pos(text, m.after, end)
        if m.style == "一":  # a lone numeral: the part has no title
            t0 = t1 = m.after
        elif m.heading_line and t0 >= m.line_end and STYLE_BY_NAME[m.style].kind == "part":
            t1 = first_sentence_end(text, t0, end)  # 一、 alone on its line, the title below it
        elif m.heading_line:
            if t0 >= m.line_end and m.style in STYLE_BY_NAME and STYLE_BY_NAME[m.style].kind != "item":
                # the title on the next line (第一章 / 总则)
                nl = lstrip_pos(text, m.line_end, end)
                ne = line_end(text, nl, end)
                if nl < end and ne - nl <= BARE_MAX and _heading_line(text, nl, ne):
                    t0, t1 = nl, rstrip_pos(text, nl, ne)
                else:
                    t0 = t1 = m.after
            else:
                t1 = rstrip_pos(text, t0, min(m.line_end, end)) if t0 < m.line_end else t0
                t0 = min(t0, t1)
        elif glued:
            t1 = heading_title_end(text, t0, end)
        else:
            t1 = first_sentence_end(text, t0, end)
        units.append(Unit(m.style, m.marker, _number(m), i + 1, start, t0, max(t0, t1), end,
                          heading_line=m.heading_line, glued=glued and not m.heading_line, shape=m.shape))
    return units


def _number(c: Cand) -> str:
    num = re.match(rf"[（(]?(第)?(?P<n>{_NUM}|\d+|[{_CIRCLED}{_STEMS}]|首先)", c.marker)
    if not num:
        return c.marker
    n = num.group("n")
    return numeral(1) if n == "首先" else n


# --------------------------------------------------------------------------------------------------
# choosing the levels
# --------------------------------------------------------------------------------------------------


def _in(cands: list[Cand], a: int, b: int) -> list[Cand]:
    return [c for c in cands if a <= c.start < b]


def _sequences(cands: dict[str, list[Cand]], a: int, b: int, styles, fillers=()) -> list[Seq]:
    out = []
    for name in styles:
        cs = _in(cands.get(name, []), a, b)
        if len(cs) >= 2:
            s = sequence(cs, [f for f in fillers if a <= f[0] < b])
            if s:
                out.append(s)
    return out


def opening_list(text: str, cands: dict[str, list[Cand]], b0: int, b1: int) -> Seq | None:
    """A list of whole-sentence items (一、 or （一）) that ends before ``b1`` (the first unmarked heading
    line): the parts that come before the unmarked ones."""
    seqs = [s for s in _sequences(cands, b0, b1, ("一、", "（一）")) if not s.is_heading]
    return min(seqs, key=lambda s: s.first) if seqs else None


def choose_parts(text: str, cands: dict[str, list[Cand]], b0: int, b1: int, *,
                 article_mode: bool) -> tuple[Seq | None, list[tuple[int, int]]]:
    """The sequence that makes the parts of the body (see the grammar: parts), and the unmarked
    heading lines (used as parts when the returned sequence is ``None`` and there are at least two)."""
    bare = bare_titles(text, b0, b1)
    heading_styles = [s.name for s in STYLES if s.kind in ("division", "part")]
    seqs = _sequences(cands, b0, b1, heading_styles, fillers=bare)
    line_seqs = [s for s in seqs if s.is_heading]
    if line_seqs:
        top = min(line_seqs, key=lambda s: s.first)
        if len(bare) >= 2 and not article_mode and top.style in ("一、", "（一）", "一") and (
                top.restarted or (len(bare) >= 3 and bare[0][0] < top.first)):
            return None, bare
        return top, bare
    if article_mode:
        return None, bare
    if len(bare) >= 2:
        return None, bare
    # lists: whole-sentence items or headings glued to the text (一、 first, then （一）)
    for name in ("一、", "（一）"):
        s = next((q for q in seqs if q.style == name), None)
        if s:
            return s, bare
    return None, bare


def choose_items(text: str, cands: dict[str, list[Cand]], a: int, b: int, exclude: set[str],
                 parent: Unit | None = None) -> Seq | None:
    """The sequence that organises ``[a, b)`` one level down (sub-points, then points): the sequence of
    paragraph-initial markers that starts first, of any style but ``exclude`` (a list inside a unit is
    nested in it whatever its style — but in the last unit of a level (``parent``), a list of the
    parent's own style that looks like it is that level restarting after a lost heading, not nested)."""
    styles = [s.name for s in STYLES if s.name not in exclude and s.kind != "article"]
    seqs = _sequences(cands, a, b, styles)
    if parent is not None:
        seqs = [q for q in seqs if not (q.style == parent.style and isinstance(q.members[0], Cand)
                                         and q.members[0].shape == parent.shape)]
    if not seqs:
        return None
    return min(seqs, key=lambda s: s.first)
