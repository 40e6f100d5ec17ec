"""Clause units of a text and their structural features, for the learned series tagger (:mod:`.model`).

A *clause* is a stretch of one line between clause punctuation (，；：。！？、…, half- and full-width),
with opening quotes and closing quotes trimmed; a *segment* is the run of clauses up to a segment end
(。！？；… or the end of the line). Features are binary strings: each clause is compared with its
neighbours (one to three clauses back, one or two ahead) and its segment with the neighbouring
segments, on

* the shared opening and the shared ending (in characters),
* the length ratio,
* the alignment of their part-of-speech sequences (jieba tags: longest common subsequence over the
  longer sequence),
* a positional frame: characters equal at the same offsets from the start (or from the end),
* the character overlap, and
* the punctuation that ends each;

plus the clause's own punctuation before and after, its length, its position in the segment and the
line, and whether it opens with a function character. Nothing here is specific to one text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...tokenize.segment import posseg

CLAUSE_BREAKS = set("，；：,;:。！？!?、…")
SEGMENT_BREAKS = set("。！？!?；;…")
_OPEN = set("“‘「『（(《〈【\"' \t\u3000")
_CLOSE = set("”’」』）)》〉】\"' \t\u3000")
FUNCTION_START = set("的了和与及或等在对把被为从向同以之而并也都就还又是要不着过所其这那此该各每使让将于给跟但却因")


@dataclass
class Clause:
    start: int
    end: int
    text: str
    line: int
    seg: int  # segment index within the line
    after: str  # the punctuation after it ("" at the end of a line)
    before: str  # the punctuation before it ("" at the start of a line)
    tags: tuple[str, ...] = ()


def _punct_class(c: str) -> str:
    return {"，": ",", ",": ",", "；": ";", ";": ";", "：": ":", ":": ":", "。": ".", "！": "!", "!": "!",
            "？": "?", "?": "?", "、": "、", "…": "…"}.get(c, "")


def clause_lines(text: str, start: int = 0, end: int | None = None, tags: bool = True) -> list[list[Clause]]:
    """The clauses of ``text[start:end]``, one list per line (lines with no clause are left out).
    With ``tags`` each clause carries the jieba tags of its tokens (one segmentation pass per line)."""
    end = len(text) if end is None else end
    out: list[list[Clause]] = []
    pos = start
    while pos < end:
        le = text.find("\n", pos, end)
        le = end if le < 0 else le
        line = _line_clauses(text, pos, le, len(out))
        if line:
            if tags:
                _tag(text, line)
            out.append(line)
        pos = le + 1
    return out


def _line_clauses(text: str, a: int, b: int, line_no: int) -> list[Clause]:
    out: list[Clause] = []
    s, seg, before = a, 0, ""
    i = a
    while i <= b:
        if i == b or text[i] in CLAUSE_BREAKS:
            j = i
            while j < b and text[j] in CLAUSE_BREAKS:  # ……, ？！ : one break
                j += 1
            ca, cb = s, i
            while ca < cb and text[ca] in _OPEN:
                ca += 1
            while cb > ca and text[cb - 1] in _CLOSE:
                cb -= 1
            after = _punct_class(text[i]) if i < b else ""
            if cb > ca:
                out.append(Clause(ca, cb, text[ca:cb], line_no, seg, after, before))
                before = after
            if i < b and any(c in SEGMENT_BREAKS for c in text[i:j]):
                seg += 1
            s = i = max(j, i + 1)
            # closing quotes after the punctuation belong to the clause before
            while s < b and text[s] in _CLOSE:
                s += 1
            i = s
            continue
        i += 1
    return out


def _tag(text: str, line: list[Clause]) -> None:
    a, b = line[0].start, line[-1].end
    toks = posseg(text[a:b], offset=a)
    k = 0
    for c in line:
        tags = []
        while k < len(toks) and toks[k][3] <= c.start:
            k += 1
        j = k
        while j < len(toks) and toks[j][2] < c.end:
            if toks[j][1] != "x":
                tags.append(toks[j][1][:1])
            j += 1
        c.tags = tuple(tags)


# --------------------------------------------------------------------------------------------------
# similarity measures
# --------------------------------------------------------------------------------------------------

def common_prefix(a: str, b: str) -> int:
    n = 0
    m = min(len(a), len(b))
    while n < m and a[n] == b[n]:
        n += 1
    return n


def common_suffix(a: str, b: str) -> int:
    n = 0
    m = min(len(a), len(b))
    while n < m and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def lcs_ratio(x: tuple, y: tuple) -> float:
    """Longest common subsequence of two sequences over the longer length (0 for empty input)."""
    if not x or not y:
        return 0.0
    prev = [0] * (len(y) + 1)
    for xi in x:
        cur = [0]
        for j, yj in enumerate(y):
            cur.append(prev[j] + 1 if xi == yj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / max(len(x), len(y))


def positional(a: str, b: str) -> int:
    """Characters equal at the same offset, counted from the start and from the end; the larger."""
    n = min(len(a), len(b))
    s = sum(1 for i in range(n) if a[i] == b[i])
    e = sum(1 for i in range(1, n + 1) if a[-i] == b[-i])
    return max(s, e)


def _bin(x: float, cuts: tuple[float, ...]) -> int:
    for i, c in enumerate(cuts):
        if x >= c:
            return i
    return len(cuts)


def pair_features(a: Clause | tuple[str, tuple], b: Clause | tuple[str, tuple], name: str, out: list[str]) -> None:
    """Features comparing two units (a clause, or ``(text, tags)`` of a segment), prefixed ``name``."""
    ta, ga = (a.text, a.tags) if isinstance(a, Clause) else a
    tb, gb = (b.text, b.tags) if isinstance(b, Clause) else b
    la, lb = len(ta), len(tb)
    p = min(common_prefix(ta, tb), 4)
    s = min(common_suffix(ta, tb), 4)
    ratio = min(la, lb) / max(la, lb)
    r = _bin(ratio, (0.9, 0.75, 0.5))
    pos = _bin(lcs_ratio(ga, gb), (0.85, 0.65, 0.45)) if ga and gb else 4
    frame = positional(ta, tb)
    fr = _bin(frame / max(1, min(la, lb)), (0.5, 0.3, 0.15)) if frame else 4
    sa, sb = set(ta), set(tb)
    ov = _bin(len(sa & sb) / max(1, min(len(sa), len(sb))), (0.6, 0.4, 0.2))
    out.extend((f"{name}p{p}", f"{name}s{s}", f"{name}r{r}", f"{name}g{pos}", f"{name}f{fr}", f"{name}o{ov}",
                f"{name}p{p}r{r}", f"{name}g{pos}r{r}", f"{name}p{min(p, 2)}g{pos}", f"{name}s{min(s, 2)}r{r}"))
    if isinstance(a, Clause) and isinstance(b, Clause):
        out.append(f"{name}pu{int(a.after == b.after)}")


def line_features(line: list[Clause]) -> list[list[str]]:
    """Feature strings of every clause of one line."""
    n = len(line)
    segs: dict[int, list[Clause]] = {}
    for c in line:
        segs.setdefault(c.seg, []).append(c)
    seg_ids = sorted(segs)
    seg_unit = {k: ("".join(c.text for c in segs[k]), tuple(t for c in segs[k] for t in c.tags)) for k in seg_ids}
    seg_pos = {k: i for i, k in enumerate(seg_ids)}
    feats = []
    for i, c in enumerate(line):
        f = ["bias", f"after{c.after}", f"before{c.before}", f"ab{c.before}{c.after}",
             f"len{_bin(len(c.text), (16, 10, 6, 3))}", f"fn{int(c.text[0] in FUNCTION_START)}"]
        mates = segs[c.seg]
        k = mates.index(c)
        f.append(f"segpos{min(k, 2)}{int(k == len(mates) - 1)}")
        f.append(f"segn{min(len(mates), 4)}")
        if i == 0:
            f.append("line_first")
        if i == n - 1:
            f.append("line_last")
        for d in (1, 2, 3):
            if i - d >= 0:
                pair_features(c, line[i - d], f"b{d}", f)
        for d in (1, 2):
            if i + d < n:
                pair_features(c, line[i + d], f"n{d}", f)
        sp = seg_pos[c.seg]
        if k == 0:  # segment-level comparisons, on the segment's first clause
            if sp > 0:
                pair_features(seg_unit[c.seg], seg_unit[seg_ids[sp - 1]], "Sb", f)
            if sp + 1 < len(seg_ids):
                pair_features(seg_unit[c.seg], seg_unit[seg_ids[sp + 1]], "Sn", f)
        feats.append(f)
    return feats
