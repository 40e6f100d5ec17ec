"""Several documents in one text: where a second title block begins (see the grammar in
:mod:`zhdiscourse.text.structure`, "Several documents").
"""

from __future__ import annotations

import re

from .headings import CLOSERS, SENT_END, lstrip_pos, rstrip_pos
from .metadata import _HEADER, DATE, title_block
from .model import DocumentSpan

_ENDS = tuple(SENT_END + CLOSERS)


def _starts_document(text: str, pos: int, end: int) -> tuple[bool, str | None]:
    m = _HEADER.match(text, pos)
    if m and m.end() < end:
        return True, m.group("title").strip()
    lines, after = title_block(text, pos, end)
    kinds = {x.kind for x in lines}
    dated_sub = any(x.kind == "subtitle" and (re.search(DATE, x.text) or re.search(r"在.+上的", x.text))
                    for x in lines)
    if "title" in kinds and (kinds & {"date", "adoption"} or dated_sub) and after < end:
        return True, "".join(x.text for x in lines if x.kind == "title")
    return False, None


def find_documents(text: str, b0: int, b1: int) -> list[DocumentSpan]:
    """The documents of the body ``[b0, b1)``: a new one begins at a line, after the first sentence of
    the body, that follows a blank line or a sentence end and starts a *strong* title block (a title
    line with a date line, an adoption line or a ——subtitle that names a date or an occasion (在…上的)
    under it, or a scraped header ``TITLE（DATE）来源：…``).
    One document (the body itself) when there is no such line."""
    first_end = next((i for i in range(b0, b1) if text[i] in SENT_END), None)
    starts: list[tuple[int, str | None]] = []
    if first_end is not None:
        pos = text.find("\n", first_end, b1)
        prev_end = first_end
        while 0 <= pos < b1:
            a = lstrip_pos(text, pos + 1, b1)
            if a >= b1:
                break
            e = text.find("\n", a, b1)
            e = b1 if e < 0 else e
            prev = text[prev_end - 1] if prev_end > b0 else ""
            blank = "\n" in text[pos + 1:a] or text[pos - 1:pos] == "\n"
            if blank or prev in _ENDS:
                ok, title = _starts_document(text, a, b1)
                if ok:
                    starts.append((a, title))
            prev_end = rstrip_pos(text, a, e)
            pos = e if e < b1 else -1
    if not starts:
        return [DocumentSpan(b0, b1, None)]
    out = []
    edges = [b0] + [s for s, _t in starts] + [b1]
    titles = [None] + [t for _s, t in starts]
    for i, (a, b) in enumerate(zip(edges, edges[1:])):
        out.append(DocumentSpan(a, rstrip_pos(text, a, b), titles[i]))
    return out
