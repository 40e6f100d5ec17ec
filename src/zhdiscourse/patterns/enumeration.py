"""Enumerations: numbered series such as 一是…二是…, 第一，…第二，…, 一要…二要…, （一）…（二）….

Rules
    A *marker* is a Chinese (or Arabic, for ``1.``-style) numeral in one of the styles of
    :data:`STYLES`, standing at the start of a clause: at the start of the text or of a line, or
    right after a clause delimiter (，；：。！？) or a closing quote/bracket. 第N needs a separator
    after it (，、：), so 第一线 or 第一时间 are never markers.
    A *sequence* is a greedy in-order run of markers of one style whose values are 1, 2, 3 …
    (a marker with value 1 restarts; any other value out of order is skipped). Only sequences with
    at least two members count, so a lone 一是 is not an enumeration.
    A member runs from its marker to the end of the sentence that contains it, or to the next
    marker of its sequence if that comes first (inline enumerations 一是…；二是…).
"""

from __future__ import annotations

import re

from ..text.model import Speech
from ..text.structure import takes_speech
from ..text.numerals import NUMERALS, chinese_numeral_value, ordinal_sequences
from ..text.structure import CLAUSE_DELIMS, CLOSERS
from .spans import section_of, sentence_index

_START = rf"(?:(?<=\n)|(?<=^)|(?<=[{CLAUSE_DELIMS}{CLOSERS}]))[ \t\u3000]*"
_NUM = f"[{NUMERALS}]+"
#: style name → pattern (group ``num`` = the numeral, group ``marker`` = the marker text).
STYLES = {
    "一是": re.compile(_START + rf"(?P<marker>(?P<num>{_NUM})是)"),
    "一要": re.compile(_START + rf"(?P<marker>(?P<num>{_NUM})要)"),
    "一方面": re.compile(_START + rf"(?P<marker>(?P<num>{_NUM})方面)(?=[，,])"),
    "第一，": re.compile(_START + rf"(?P<marker>第(?P<num>{_NUM}))(?=[，,、：:])"),
    "（一）": re.compile(_START + rf"(?P<marker>[（(](?P<num>{_NUM})[）)])"),
    "1.": re.compile(r"(?:(?<=\n)|(?<=^))[ \t\u3000]*(?P<marker>(?P<num>\d{1,2})[.．、](?!\d))"),
}


def _value(num: str) -> int | None:
    return int(num) if num.isdigit() else chinese_numeral_value(num)


@takes_speech
def enumerations(speech: Speech, styles: tuple[str, ...] | None = None) -> list[dict]:
    """Every enumeration in the body: ``{"style", "markers", "section", "members": [{text, start, end}]}``."""
    text = speech.text
    out = []
    for style, rx in STYLES.items():
        if styles is not None and style not in styles:
            continue
        cands = []
        for m in rx.finditer(text, speech.body_start, speech.body_end):
            v = _value(m.group("num"))
            if v is not None:
                cands.append((v, m))
        for seq in ordinal_sequences(cands):
            members = []
            for i, m in enumerate(seq):
                a = m.start("marker")
                si = sentence_index(speech, a)
                b = speech.sentences[si].end if si is not None else speech.body_end
                if i + 1 < len(seq):
                    b = min(b, seq[i + 1].start("marker"))
                while b > a and text[b - 1] in " \t\n\u3000；;，,":
                    b -= 1
                members.append({"text": text[a:b], "start": a, "end": b, "marker": m.group("marker")})
            out.append({"style": style, "markers": [m["marker"] for m in members],
                        "section": section_of(speech, members[0]["start"]), "members": members})
    out.sort(key=lambda e: e["members"][0]["start"])
    return out
