"""Metadata: the title block at the start of a text and the end matter after its body. The rules are
documented in :mod:`zhdiscourse.text.structure` (the grammar); this module implements them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clean import licence_cut
from .headings import CLOSERS, SENT_END, lstrip_pos, rstrip_pos
from .model import Metadata, MetaLine
from .numerals import chinese_numeral_value

_CN_DIGITS = "〇零一二三四五六七八九"
_CN_DATE_NUM = rf"(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日"
_CN_DATE_HAN = rf"([{_CN_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日"
#: a date in Arabic (2017年10月18日) or Chinese numerals (一九八二年二月二十七日); groups: y, m, d (twice)
DATE = rf"(?:{_CN_DATE_NUM}|{_CN_DATE_HAN})"
_CN_DATE = _CN_DATE_NUM
_HEADER = re.compile(
    r"^(?P<title>[^\n（(]{2,120}?)[（(]\s*(?P<date>" + _CN_DATE + r")\s*[）)]"
    r"(?:\s*来源[：:]\s*(?P<source>[^\n]*?)(?=发布时间|(?:各位|亲爱的)?(?:同志|朋友|同学|代表|来宾|女士|先生)们?[：:，,]|\n|$))?"
    r"(?:\s*发布时间[：:]\s*(?P<published>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?))?"
)
_SPACE = r"[ \t\u3000]"
_DATELINE = re.compile(r"[（(]\s*(?:[^（）()\n]{0,20}?)\d{1,2}月\d{1,2}日电\s*[）)]")
_XINHUA = re.compile(rf"新华社[\u4e00-\u9fff]{{0,8}}(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月"
                     rf"(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日电(?:{_SPACE}*[（(]记者[^（）()\n]{{1,40}}[）)])?")
_PRINT_REF = re.compile(r"《[^《》\n]{1,20}》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,3}\s*版\s*[）)]")
_DATE_LINE = re.compile(rf"{_SPACE}*[（(]?{_SPACE}*(?P<date>{DATE}){_SPACE}*[）)]?{_SPACE}*$")
_ADOPTION_WORDS = "通过|修订|修正|公布|发布|施行|批准|印发|颁布"
_ADOPTION = re.compile(rf"{_SPACE}*[（(]?{_SPACE}*(?P<date>{DATE})(?P<rest>[^\n]*?(?:{_ADOPTION_WORDS})[^\n]{{0,30}}?)"
                       rf"{_SPACE}*[）)]?{_SPACE}*$")
_SUBTITLE = re.compile(rf"{_SPACE}*(?:——|――|—|―|--)+{_SPACE}*(?P<sub>[^\n]+?){_SPACE}*$")
_NAME = r"[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,3}"
#: a speaker line: a name of 2–4 characters (spaced or not), after an optional position (国务院总理 李强)
_SPEAKER_LINE = re.compile(rf"[ \t\u3000]*(?:(?P<position>[\u4e00-\u9fff]{{2,12}})[ \t\u3000]+)?(?P<name>{_NAME})[ \t\u3000]*$")
_POSITION_LINE = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff]{2,12}[ \t\u3000]*$")
_SPEAKER = re.compile(r"^(?P<speaker>[\u4e00-\u9fff]{2,4})在(?P<occasion>.+)上的(?:讲话|致辞|发言|报告)$")
#: the notes after a text: a line 注： / 注释： (the notes below it), or Wikisource footnotes (lines ↑)
_NOTES = re.compile(r"(?m)^[ \t\u3000]*(?:(?:注|注释|附注)[：:]?[ \t\u3000]*$|↑)")
_ATTACHMENT = re.compile(r"(?m)^[ \t\u3000]*附件[0-9一二三四五六七八九十]*[：:][^\n]*$")
#: a line that begins like a heading or an article (never a title)
HEADING_START = re.compile(r"^\s*(?:[零〇一二三四五六七八九十百千]+、|[（(][零〇一二三四五六七八九十百千\d]+[）)]|"
                           r"第[零〇一二三四五六七八九十百千\d]+[编篇章节条]|第[零〇一二三四五六七八九十百千\d]+部分)")
TITLE_MAX = 60
_SENT_END_RX = re.compile("[" + re.escape(SENT_END) + "]")


def iso_date(groups) -> str:
    """``YYYY-MM-DD`` of a :data:`DATE` match's groups (Arabic or Chinese numerals)."""
    y, m, d = [g for g in groups if g is not None][:3]
    if not y.isdigit():
        y = "".join(str(max(0, _CN_DIGITS.index(c) - 1)) for c in y)  # 〇 and 零 are 0, 一 is 1 …
        m, d = chinese_numeral_value(m), chinese_numeral_value(d)
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _lines(text: str, pos: int, end: int, n: int):
    """Up to ``n`` non-blank lines from ``pos``: ``(start, end, blank_before)`` with whitespace stripped."""
    out = []
    blank = False
    while pos < end and len(out) < n:
        e = text.find("\n", pos, end)
        e = end if e < 0 else e
        a, b = lstrip_pos(text, pos, e), rstrip_pos(text, pos, e)
        if a < b:
            out.append((a, b, blank))
            blank = False
        else:
            blank = True
        pos = e + 1
    return out


def _title_like(line: str, *, strong: bool) -> bool:
    """A title line: short, no sentence end, no colon (a salutation or lead-in), not a heading; a comma
    only when the block is strong (a subtitle, date or speaker line follows)."""
    if not line or len(line) > TITLE_MAX or any(c in SENT_END for c in line) or any(c in line for c in "：:；;"):
        return False
    if HEADING_START.match(line) or _DATE_LINE.match(line) or _ADOPTION.match(line):
        return False
    if line[0] in "（(" and line[-1] in "）)":  # a note in brackets, not a title
        return False
    if len(re.findall(r"[\u4e00-\u9fff]", line)) < 2:
        return False
    return strong or not any(c in line for c in "，,")


def _subtitle(line: str):
    m = _SUBTITLE.match(line)
    if m and not any(c in SENT_END for c in m.group("sub")) and len(re.findall(r"[\u4e00-\u9fff]", m.group("sub"))) >= 4:
        return m
    return None


@lru_cache(maxsize=4096)  # a line is read again by each of the title blocks tried before it (text.documents)
def _kind(line: str) -> str | None:
    if _subtitle(line):
        return "subtitle"
    if _ADOPTION.match(line):
        return "adoption"
    if _DATE_LINE.match(line):
        return "date"
    return None


def title_block(text: str, pos: int, end: int) -> tuple[list[MetaLine], int]:
    """The metadata lines of a title block starting at ``pos`` and where the body starts after it
    (``pos`` itself when there is no block)."""
    # the first line decides most calls (a block is tried at every paragraph, text.documents): a line
    # that is no metadata line and cannot be a title (too long, a sentence end) opens no block
    e = text.find("\n", pos, end)
    e = end if e < 0 else e
    a = lstrip_pos(text, pos, e)
    if a < e:
        b = rstrip_pos(text, a, e)
        if (b - a > TITLE_MAX or _SENT_END_RX.search(text, a, b)) and _kind(text[a:b]) is None:
            return [], pos
    lines = _lines(text, pos, end, 10)
    if not lines:
        return [], pos
    kinds = [_kind(text[a:b]) for a, b, _ in lines]
    out: list[MetaLine] = []
    i = 0
    a, b, _ = lines[0]
    first = text[a:b]
    strong_after = next((k for k in kinds[1:3] if k), None)
    if kinds[0] is None and text.find("\n", b) >= 0 and _title_like(first, strong=strong_after is not None):
        out.append(MetaLine("title", a, b, first))
        i = 1
        # a title over two lines: the second line is title-like and a metadata line follows it
        if (len(lines) > 2 and kinds[1] is None and not lines[1][2] and kinds[2] is not None
                and _title_like(text[lines[1][0]:lines[1][1]], strong=True)):
            out.append(MetaLine("title", lines[1][0], lines[1][1], text[lines[1][0]:lines[1][1]]))
            i = 2
    seen_meta = False
    while i < len(lines):
        a, b, _ = lines[i]
        line = text[a:b]
        k = kinds[i]
        if k == "subtitle":
            m = _subtitle(line)
            out.append(MetaLine("subtitle", a + m.start("sub"), a + m.end("sub"), m.group("sub")))
        elif k == "adoption":
            kind = "revision" if any(x.kind in ("adoption", "revision") for x in out) else "adoption"
            out.append(MetaLine(kind, a, b, line))
        elif k == "date":
            m = _DATE_LINE.match(line)
            out.append(MetaLine("date", a + m.start("date"), a + m.end("date"), m.group("date")))
        elif (seen_meta and not any(x.kind in ("speaker", "adoption") for x in out) and i + 1 < len(lines)
              and not HEADING_START.match(line)):
            sm = _SPEAKER_LINE.match(line)
            nxt = text[lines[i + 1][0]:lines[i + 1][1]]
            if sm:  # 李强, 国务院总理 李强
                if sm.group("position"):
                    out.append(MetaLine("position", a + sm.start("position"), a + sm.end("position"),
                                        sm.group("position")))
                out.append(MetaLine("speaker", a + sm.start("name"), a + sm.end("name"), sm.group("name")))
            elif (_POSITION_LINE.match(line) and i + 2 < len(lines) and _SPEAKER_LINE.match(nxt)
                  and not _SPEAKER_LINE.match(nxt).group("position")):  # 国务院总理 / 李 强
                out.append(MetaLine("position", a, b, line))
                nm = _SPEAKER_LINE.match(nxt)
                na = lines[i + 1][0]
                out.append(MetaLine("speaker", na + nm.start("name"), na + nm.end("name"), nm.group("name")))
                i += 1
            else:
                break
        else:
            break
        seen_meta = True
        i += 1
    if not out:
        return [], pos
    return out, lstrip_pos(text, out[-1].end, end)


def _apply(md: Metadata, lines: list[MetaLine]) -> None:
    titles = [x for x in lines if x.kind == "title"]
    if titles:
        md.title = "".join(x.text for x in titles)
        if len(titles) == 1:
            md.spans["title"] = (titles[0].start, titles[0].end)
        dm = re.search(DATE, md.title)
        if dm and len(titles) == 1 and not md.date:
            md.date = iso_date(dm.groups())
            md.spans["date"] = (titles[0].start + dm.start(), titles[0].start + dm.end())
    dates = []
    for x in lines:
        if x.kind == "subtitle" and md.subtitle is None:
            md.subtitle = x.text
            md.spans["subtitle"] = (x.start, x.end)
            dm = re.search(DATE, x.text)
            if dm and "date" not in md.spans:  # ——2024年3月5日在…会议上
                md.date = iso_date(dm.groups())
                md.spans["date"] = (x.start + dm.start(), x.start + dm.end())
        elif x.kind == "date" and "date" not in md.spans:
            md.date = iso_date(re.match(DATE, x.text).groups())
            md.spans["date"] = (x.start, x.end)
        elif x.kind == "speaker" and md.speaker is None:
            md.speaker = x.text
            md.spans["speaker"] = (x.start, x.end)
        elif x.kind == "adoption":
            md.adoption = x.text
            md.spans["adoption"] = (x.start, x.end)
            md.adopted = iso_date(re.search(DATE, x.text).groups())
        elif x.kind == "revision":
            md.revisions.append(x.text)
        if x.kind in ("adoption", "revision"):
            dates.append(iso_date(re.search(DATE, x.text).groups()))
    if dates and md.date is None:
        md.date = max(dates)  # the date of this version of the law
    md.lines.extend(lines)


def parse_metadata(text: str, start: int = 0, end: int | None = None) -> tuple[Metadata, int, int]:
    """Metadata of the text in ``[start, end)`` and the body's ``(start, end)`` (see the grammar)."""
    end = len(text) if end is None else end
    md = Metadata()
    body_start = lstrip_pos(text, start, end)
    body_end = rstrip_pos(text, start, min(end, start + licence_cut(text[start:end])))

    m = _HEADER.match(text, body_start)
    if m and m.end() <= body_end:
        md.title = m.group("title").strip()
        a = m.start("title") + (len(m.group("title")) - len(m.group("title").lstrip()))
        md.spans["title"] = (a, a + len(md.title))
        md.lines.append(MetaLine("title", a, a + len(md.title), md.title))
        md.date = iso_date(re.fullmatch(_CN_DATE, m.group("date")).groups())
        md.spans["date"] = m.span("date")
        md.lines.append(MetaLine("date", *m.span("date"), m.group("date")))
        for key in ("source", "published"):
            if m.group(key):
                val = m.group(key).strip() if key == "source" else m.group(key)
                a = m.start(key) + (len(m.group(key)) - len(m.group(key).lstrip()))
                setattr(md, key, val)
                md.spans[key] = (a, a + len(val)) if key == "source" else m.span(key)
                md.lines.append(MetaLine(key, *md.spans[key], val))
        body_start = lstrip_pos(text, m.end(), body_end)
    else:
        lines, body_start = title_block(text, body_start, body_end)
        _apply(md, lines)
    # a Xinhua dateline that opens the body (新华社北京10月17日电)
    xm = _XINHUA.match(text, body_start)
    if xm and xm.end() < body_end:
        md.dateline = xm.group(0)
        md.spans["dateline"] = xm.span()
        md.lines.append(MetaLine("dateline", *xm.span(), xm.group(0)))
        body_start = lstrip_pos(text, xm.end(), body_end)

    if md.title and not md.speaker:
        sm = _SPEAKER.match(md.title)
        if sm:
            md.speaker = sm.group("speaker")

    # notes at the end (注： and the notes under it, Wikisource footnotes ↑): the body ends before them
    for nm in _NOTES.finditer(text, body_start, body_end):
        a = lstrip_pos(text, nm.start(), body_end)
        if a > body_start and (body_end - a) <= max(3000, (body_end - body_start) // 5):
            md.notes = text[a:body_end]
            md.spans["notes"] = (a, body_end)
            md.lines.append(MetaLine("notes", a, body_end, md.notes))
            body_end = rstrip_pos(text, body_start, a)
            break
    # the end matter: dateline, print reference (in either order), an attachment line, only at the end
    changed = True
    while changed:
        changed = False
        base = max(body_start, body_end - 200)
        tail = text[base:body_end]
        for name, rx in (("print_reference", _PRINT_REF), ("dateline", _DATELINE), ("dateline", _XINHUA),
                         ("attachment", _ATTACHMENT)):
            if getattr(md, name):
                continue
            last = None
            for mm in rx.finditer(tail):
                last = mm
            if not last or rstrip_pos(tail, 0, len(tail)) != last.end():
                continue
            if name == "dateline" and rx is _XINHUA:  # a bare dateline must stand on its own line
                ls = text.rfind("\n", 0, base + last.start()) + 1
                if text[ls:base + last.start()].strip(" \t\u3000（(") or ls <= body_start:
                    continue
            if name == "attachment" and base + last.start() <= body_start:
                continue
            a, b = base + last.start(), base + last.end()
            setattr(md, name, text[a:b])
            md.spans[name] = (a, b)
            md.lines.append(MetaLine(name, a, b, text[a:b]))
            body_end = rstrip_pos(text, body_start, a)
            changed = True
    md.lines.sort(key=lambda x: x.start)
    if body_end < body_start:
        body_end = body_start
    return md, body_start, body_end


__all__ = ["parse_metadata", "title_block", "iso_date", "DATE", "HEADING_START", "CLOSERS"]
