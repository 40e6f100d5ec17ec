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

import re
from dataclasses import dataclass

from .tagging import file_tags, segment_lines

CLAUSE_BREAKS = set("，；：,;:。！？!?、…")
SEGMENT_BREAKS = set("。！？!?；;…")
_OPEN = set("“‘「『（(《〈【\"' \t\u3000")
_CLOSE = set("”’」』）)》〉】\"' \t\u3000")
_BREAK_RUN = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "]+")
_SEGMENT_RUN = re.compile("[" + re.escape("".join(sorted(SEGMENT_BREAKS))) + "]")
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


_PUNCT_CLASS = {"，": ",", ",": ",", "；": ";", ";": ";", "：": ":", ":": ":", "。": ".", "！": "!", "!": "!",
                "？": "?", "?": "?", "、": "、", "…": "…"}


def _punct_class(c: str) -> str:
    return _PUNCT_CLASS.get(c, "")


def clause_lines(text: str, start: int = 0, end: int | None = None, tags: bool = True) -> list[list[Clause]]:
    """The clauses of ``text[start:end]``, one list per line (lines with no clause are left out).
    With ``tags`` each clause carries the jieba tags of its tokens (one segmentation pass per line)."""
    end = len(text) if end is None else end
    out: list[list[Clause]] = []
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        le = text.find("\n", pos, end)
        le = end if le < 0 else le
        line = _line_clauses(text, pos, le, len(out))
        if line:
            out.append(line)
            spans.append((pos, le))
        pos = le + 1
    if tags and out:
        _tag(text, out, spans)
    return out


def _line_clauses(text: str, a: int, b: int, line_no: int) -> list[Clause]:
    out: list[Clause] = []
    s, seg, before = a, 0, ""

    def clause(ca: int, cb: int, after: str) -> None:
        nonlocal before
        while ca < cb and text[ca] in _OPEN:
            ca += 1
        while cb > ca and text[cb - 1] in _CLOSE:
            cb -= 1
        if cb > ca:
            out.append(Clause(ca, cb, text[ca:cb], line_no, seg, after, before))
            before = after

    # each run of clause punctuation (……, ？！ : one break) ends the clause before it; closing quotes
    # after the punctuation belong to the clause before, so the next clause starts after them
    for m in _BREAK_RUN.finditer(text, a, b):
        i, j = m.span()
        clause(s, i, _punct_class(text[i]))
        if _SEGMENT_RUN.search(text, i, j):
            seg += 1
        s = j
        while s < b and text[s] in _CLOSE:
            s += 1
    clause(s, b, "")
    return out


def _tag(text: str, lines: list[list[Clause]], spans: list[tuple[int, int]]) -> None:
    """The tags of each clause of ``lines`` from one segmentation pass over each line ``text[a:b]`` of
    ``spans``; the clause's tokens are filed for :func:`~.tagging.pos_tags` (a clause's edges are
    block edges of jieba's segmentation: see :mod:`.tagging`)."""
    words, tags, starts, ends = segment_lines(text, spans)
    first = {t: t[:1] for t in set(tags)}
    first.pop("x", None)
    n = len(words)
    k = 0
    for line in lines:
        for c in line:
            cs, ce = c.start, c.end
            while k < n and ends[k] <= cs:
                k += 1
            j = k
            while j < n and starts[j] < ce:
                j += 1
            c.tags = tuple(first[t] for t in tags[k:j] if t != "x")
            if j > k and starts[k] == cs and ends[j - 1] == ce:
                file_tags(c.text, words, tags, k, j)


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


def lcs_ratio(x: tuple, y: tuple, masks: dict | None = None) -> float:
    """Longest common subsequence of two sequences over the longer length (0 for empty input).

    Bit-parallel (Hyyrö 2004): the DP column of the longer sequence is one integer, updated once per
    element of the shorter one, so the cost is linear in the shorter length times a word operation.
    ``masks``: a dict that keeps each sequence's match masks for later calls."""
    if not x or not y:
        return 0.0
    if len(x) < len(y):
        x, y = y, x
    pm = masks.get(x) if masks is not None else None
    if pm is None:
        pm = {}
        for i, c in enumerate(x):
            pm[c] = pm.get(c, 0) | (1 << i)
        if masks is not None:
            masks[x] = pm
    n = len(x)
    mask = (1 << n) - 1
    v = mask
    get = pm.get
    for c in y:
        u = v & get(c, 0)
        v = ((v + u) | (v - u)) & mask
    return (n - v.bit_count()) / n


def positional(a: str, b: str) -> int:
    """Characters equal at the same offset, counted from the start and from the end; the larger."""
    ea, eb = char_lanes(a), char_lanes(b)
    if ea is None or eb is None:
        s = sum(map(str.__eq__, a, b))
        e = sum(map(str.__eq__, reversed(a), reversed(b)))
        return max(s, e)
    return _positional_lanes(ea, eb, max(len(a), len(b)))


def char_lanes(t: str) -> tuple[int, int] | None:
    """``t`` as two integers with one 32-bit lane per character (code point) — the first with the first
    character in the lowest lane, the second with the last character there — for :func:`positional`
    (``None`` when ``t`` holds a NUL character, whose lane would read as an empty one)."""
    if "\x00" in t:
        return None
    return int.from_bytes(t.encode("utf-32-le"), "little"), int.from_bytes(t.encode("utf-32-be"), "big")


_LANES: dict[int, tuple[int, int]] = {}


def _positional_lanes(ea: tuple[int, int], eb: tuple[int, int], n: int) -> int:
    """:func:`positional` of two strings given as :func:`char_lanes`, ``n`` the longer length: the
    characters equal at the same offset are the lanes of ``a ^ b`` that are zero (a lane past the end
    of the shorter string holds a character of the longer one, never zero); a lane is nonzero when
    its top bit, or the carry out of its low 31 bits plus 0x7FFFFFFF, is set."""
    got = _LANES.get(n)
    if got is None:
        low = int.from_bytes(b"\xff\xff\xff\x7f" * n, "little")
        got = _LANES[n] = (low, low ^ int.from_bytes(b"\xff\xff\xff\xff" * n, "little"))
    low, high = got
    x = ea[0] ^ eb[0]
    s = n - ((((x & low) + low) | x) & high).bit_count()
    x = ea[1] ^ eb[1]
    e = n - ((((x & low) + low) | x) & high).bit_count()
    return s if s > e else e


def _bin(x: float, cuts: tuple[float, ...]) -> int:
    for i, c in enumerate(cuts):
        if x >= c:
            return i
    return len(cuts)


_MASKS = "masks"  # the key of lcs_ratio's match masks in an lcs_cache (the other keys are pairs of tuples)


def _pair_stats(ta: str, ga: tuple, tb: str, gb: tuple, lcs_cache: dict,
                edges: tuple[int, int] | None = None, sets: tuple[set, set] | None = None,
                lanes: tuple | None = None) -> tuple[int, int, int, int, int, int]:
    """``(prefix, suffix, length-ratio bin, POS bin, frame bin, overlap bin)`` of two units (symmetric;
    ``edges``: their shared opening and ending when already known; ``sets``: their sets of characters;
    ``lanes``: their :func:`char_lanes`)."""
    la, lb = len(ta), len(tb)
    if edges is None:
        edges = common_prefix(ta, tb), common_suffix(ta, tb)
    p = min(edges[0], 4)
    s = min(edges[1], 4)
    # the bins of _bin, written out (this runs for every pair of neighbouring clauses)
    x = la / lb if la < lb else lb / la
    r = 0 if x >= 0.9 else 1 if x >= 0.75 else 2 if x >= 0.5 else 3
    if ga and gb:
        key = (ga, gb) if ga <= gb else (gb, ga)
        g = lcs_cache.get(key)
        if g is None:
            masks = lcs_cache.get(_MASKS)
            if masks is None:
                masks = lcs_cache[_MASKS] = {}
            g = lcs_cache[key] = lcs_ratio(ga, gb, masks)
        pos = 0 if g >= 0.85 else 1 if g >= 0.65 else 2 if g >= 0.45 else 3
    else:
        pos = 4
    if lanes is None or lanes[0] is None or lanes[1] is None:
        frame = positional(ta, tb)
    else:
        frame = _positional_lanes(lanes[0], lanes[1], la if la > lb else lb)
    if frame:
        x = frame / max(1, min(la, lb))
        fr = 0 if x >= 0.5 else 1 if x >= 0.3 else 2 if x >= 0.15 else 3
    else:
        fr = 4
    sa, sb = (set(ta), set(tb)) if sets is None else sets
    x = len(sa & sb) / max(1, min(len(sa), len(sb)))
    ov = 0 if x >= 0.6 else 1 if x >= 0.4 else 2 if x >= 0.2 else 3
    return p, s, r, pos, fr, ov


_PAIR_STRINGS: dict = {}


def _pair_group(st: tuple[int, ...], name: str) -> tuple[str, ...]:
    """The feature strings of :func:`pair_features` for the statistics ``st`` (built once per combination)."""
    key = (st, name)
    got = _PAIR_STRINGS.get(key)
    if got is None:
        p, s, r, pos, fr, ov = st
        got = _PAIR_STRINGS[key] = (
            f"{name}p{p}", f"{name}s{s}", f"{name}r{r}", f"{name}g{pos}", f"{name}f{fr}", f"{name}o{ov}",
            f"{name}p{p}r{r}", f"{name}g{pos}r{r}", f"{name}p{min(p, 2)}g{pos}", f"{name}s{min(s, 2)}r{r}")
    return got


def _pair_strings(st: tuple[int, ...], name: str, out: list[str]) -> None:
    out.extend(_pair_group(st, name))


def pair_features(a: Clause | tuple[str, tuple], b: Clause | tuple[str, tuple], name: str, out: list[str],
                  lcs_cache: dict | None = None) -> None:
    """Features comparing two units (a clause, or ``(text, tags)`` of a segment), prefixed ``name``:
    shared opening and ending (characters, up to 4), length-ratio bin, POS-alignment bin, positional
    frame bin, character-overlap bin and their conjunctions; for two clauses also whether the same
    punctuation ends both."""
    ta, ga = (a.text, a.tags) if isinstance(a, Clause) else a
    tb, gb = (b.text, b.tags) if isinstance(b, Clause) else b
    _pair_strings(_pair_stats(ta, ga, tb, gb, {} if lcs_cache is None else lcs_cache), name, out)
    if isinstance(a, Clause) and isinstance(b, Clause):
        out.append(f"{name}pu{int(a.after == b.after)}")


#: How far (in clauses) the window comparisons of :func:`line_features` look back and ahead.
WINDOW = 6
#: Feature strings that depend on a few properties of a clause only (built once per combination).
_STATIC: dict = {}
#: The neighbours compared one by one: offset, name, the punctuation-equality strings (False, True).
_BACK = tuple((d, f"b{d}", (f"b{d}pu0", f"b{d}pu1")) for d in (1, 2, 3))
_AHEAD = tuple((d, f"n{d}", (f"n{d}pu0", f"n{d}pu1")) for d in (1, 2))


class _Codes:
    """What :func:`line_features` emits: the feature strings (``index`` None) or, for a model's feature
    ``index``, their row numbers, features the model does not know left out; the groups of strings that
    recur (pair statistics, the clause's own properties, the window) are converted once."""

    def __init__(self, index: dict[str, int] | None):
        self.index = index
        self.groups: dict = {}
        self.get = index.get if index is not None else str  # str(x) is x for a string

    def group(self, key, strings: tuple[str, ...]) -> tuple:
        if self.index is None:
            got = strings
        else:
            get = self.index.get
            got = tuple(k for k in map(get, strings) if k is not None)
        self.groups[key] = got
        return got


_CODES: dict[int, _Codes] = {}
_STRINGS = _Codes(None)


def _codes(index: dict[str, int] | None) -> _Codes:
    if index is None:
        return _STRINGS
    got = _CODES.get(id(index))
    if got is None or got.index is not index:
        got = _CODES[id(index)] = _Codes(index)
    return got


def _head_strings(after: str, before: str, lb: int, fn: bool, k2: int, last: bool, nm: int) -> tuple[str, ...]:
    return ("bias", f"after{after}", f"before{before}", f"ab{before}{after}", f"len{lb}", f"fn{int(fn)}",
            f"segpos{k2}{int(last)}", f"segn{nm}")


def _window_strings(best_p: int, best_s: int, dp: int, ds: int, cp: int, cs: int) -> tuple[str, ...]:
    return (f"wp{min(best_p, 4)}", f"ws{min(best_s, 4)}", f"wpd{min(best_p, 3)}{max(-4, min(4, dp))}",
            f"wsd{min(best_s, 3)}{max(-4, min(4, ds))}", f"cp{min(cp, 3)}", f"cs{min(cs, 3)}")


def line_features(line: list[Clause], lcs_cache: dict | None = None, index: dict[str, int] | None = None
                  ) -> list[list]:
    """Feature strings of every clause of one line (``lcs_cache``: a dict shared across lines, for
    the POS alignments of recurring tag sequences). With ``index`` (a model's feature → row
    dictionary) each clause gets the rows of its features instead, in the same order, features
    outside ``index`` left out (what the model's emission scores add up).

    Per clause: its punctuation before and after, length, opening function character, position in
    its segment and line; its first character, first two characters, last character, first one and
    two POS tags, last tag; the comparisons (:func:`pair_features`) with the clauses one to three back
    and one or two ahead, and, on a segment's first clause, of its segment with the neighbouring
    segments; over a window of :data:`WINDOW` clauses either side, the longest shared opening and
    ending and where it is, how many clauses share ≥ 2 opening or ending characters, and which clauses
    three or more away share an opening; the first character joined with the shared opening of the
    clauses one and two away (so an opening learns which words repeat as a figure).
    """
    lcs_cache = {} if lcs_cache is None else lcs_cache
    codes = _codes(index)
    groups, make, get = codes.groups, codes.group, codes.get
    n = len(line)
    texts = [c.text for c in line]
    tags = [c.tags for c in line]
    afters = [c.after for c in line]
    sets = [set(t) for t in texts]
    lanes = [char_lanes(t) for t in texts]
    # segments: the clauses of each, the position of each clause in its segment
    seg_of = [c.seg for c in line]
    seg_ids = sorted(set(seg_of))
    seg_pos = {k: i for i, k in enumerate(seg_ids)}
    seg_size = dict.fromkeys(seg_ids, 0)
    seg_k = []
    for sg in seg_of:
        seg_k.append(seg_size[sg])
        seg_size[sg] += 1
    seg_unit = {}
    for k in seg_ids:
        mates = [i for i in range(n) if seg_of[i] == k] if len(seg_ids) > 1 else range(n)
        joined = "".join(texts[i] for i in mates)
        seg_unit[k] = (joined, tuple(t for i in mates for t in tags[i]), char_lanes(joined) if len(seg_ids) > 1 else None)
    # shared opening and ending of clauses up to WINDOW apart, each pair once; ``win[i]`` lists the
    # clauses of i's window that share something with it, as (offset, opening, ending), in offset order
    near_edges: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    win: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
    for i in range(n):
        t = texts[i]
        t0, t1 = t[0], t[-1]
        ne = near_edges[i]
        wi = win[i]
        for j in range(i + 1, min(n, i + WINDOW + 1)):
            o = texts[j]
            p = common_prefix(t, o) if t0 == o[0] else 0
            s = common_suffix(t, o) if t1 == o[-1] else 0
            if j - i <= 3:
                ne.append((p, s))
            if p or s:
                wi.append((j - i, p, s))
                win[j].append((i - j, p, s))
    for w in win:
        w.sort()
    # the pair statistics of clauses up to three apart, each pair once: near[i][d - 1] compares i, i + d
    near: list[list[tuple]] = []
    for i in range(n):
        row = []
        for d in range(1, min(3, n - 1 - i) + 1):
            j = i + d
            row.append(_pair_stats(texts[i], tags[i], texts[j], tags[j], lcs_cache, near_edges[i][d - 1],
                                   (sets[i], sets[j]), (lanes[i], lanes[j])))
        near.append(row)
    feats = []
    static = _STATIC
    for i in range(n):
        c = line[i]
        t = texts[i]
        sg = seg_of[i]
        k = seg_k[i]
        nm = seg_size[sg]
        ln = len(t)
        lb = 0 if ln >= 16 else 1 if ln >= 10 else 2 if ln >= 6 else 3 if ln >= 3 else 4  # _bin(ln, (16, 10, 6, 3))
        after = afters[i]
        key = (after, c.before, lb, t[0] in FUNCTION_START, min(k, 2), k == nm - 1, min(nm, 4))
        g = groups.get(key)
        f = list(g if g is not None else make(key, static.get(key) or _head_strings(*key)))
        if i == 0:
            g = groups.get("line_first")
            f.extend(g if g is not None else make("line_first", ("line_first",)))
        if i == n - 1:
            g = groups.get("line_last")
            f.extend(g if g is not None else make("line_last", ("line_last",)))
        for d, name, pu in _BACK:
            if i - d >= 0:
                st = near[i - d][d - 1]
                key = (st, name)
                g = groups.get(key)
                f.extend(g if g is not None else make(key, _pair_group(st, name)))
                key = (name, after == afters[i - d])
                g = groups.get(key)
                f.extend(g if g is not None else make(key, (pu[key[1]],)))
        for d, name, pu in _AHEAD:
            if i + d < n:
                st = near[i][d - 1]
                key = (st, name)
                g = groups.get(key)
                f.extend(g if g is not None else make(key, _pair_group(st, name)))
                key = (name, after == afters[i + d])
                g = groups.get(key)
                f.extend(g if g is not None else make(key, (pu[key[1]],)))
        if k == 0:  # segment-level comparisons, on the segment's first clause
            sp = seg_pos[sg]
            for name, other in (("Sb", sp - 1), ("Sn", sp + 1)):
                if 0 <= other < len(seg_ids):
                    ua, ub = seg_unit[sg], seg_unit[seg_ids[other]]
                    st = _pair_stats(ua[0], ua[1], ub[0], ub[1], lcs_cache, None, None, (ua[2], ub[2]))
                    key = (st, name)
                    g = groups.get(key)
                    f.extend(g if g is not None else make(key, _pair_group(st, name)))
        # lexical openings and endings
        gt = c.tags
        c1 = "c1" + t[:1]
        for x in (c1, "c2" + t[:2], "e1" + t[-1:], "g1" + "".join(gt[:1]), "g2" + "".join(gt[:2]),
                  "ge" + "".join(gt[-1:])):
            x = get(x)
            if x is not None:
                f.append(x)
        # the window
        best_p = best_s = cnt_p2 = cnt_s2 = dp = ds = 0
        for d, p, s in win[i]:
            if p >= 2:
                cnt_p2 += 1
            if s >= 2:
                cnt_s2 += 1
            if p > best_p:
                best_p, dp = p, d
            if s > best_s:
                best_s, ds = s, d
            if p and (d >= 3 or d <= -3):
                key = ("far", d, p if p < 3 else 3)
                g = groups.get(key)
                f.extend(g if g is not None else make(key, (f"far{'b' if d < 0 else 'n'}{abs(d)}p{key[2]}",)))
        key = ("win", best_p, best_s, dp, ds, cnt_p2 if cnt_p2 < 3 else 3, cnt_s2 if cnt_s2 < 3 else 3)
        g = groups.get(key)
        f.extend(g if g is not None else make(key, _window_strings(*key[1:])))
        # the first character with the shared openings of the nearest clauses
        for name, j in (("b1", i - 1), ("n1", i + 1), ("b2", i - 2), ("n2", i + 2)):
            if 0 <= j < n:
                st = near[j][i - j - 1] if j < i else near[i][j - i - 1]
                x = get(f"{c1}&{name}p{st[0]}")
                if x is not None:
                    f.append(x)
        key = ("nlen", min(n, 12) // 3)
        g = groups.get(key)
        f.extend(g if g is not None else make(key, (f"nlen{key[1]}",)))
        feats.append(f)
    return feats
