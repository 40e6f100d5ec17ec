"""The series tagger's clause features for many lines at once, in NumPy: the rows that
:func:`~.clauses.line_features` gives with a model's feature index, for every clause of every line, in the
same order (``tests/patterns/test_feature_rows.py`` compares them on whole texts).

:func:`~.clauses.line_features` is the definition (and what training reads); this module computes the same
thing as arrays: the pair statistics of every pair of neighbouring clauses (shared opening and ending,
length ratio, the alignment of the tag sequences — bit-parallel LCS on 64-bit lanes, Python integers for
longer sequences —, the positional frame, the character overlap) and of every pair of neighbouring
segments, the window of each clause, and then each feature group as a column of row numbers looked up in
small tables. A clause's rows are its columns in order, features the model does not know left out.
"""

from __future__ import annotations

import numpy as np

from .clauses import FUNCTION_START, WINDOW, Clause, _head_strings, _pair_group, _window_strings, lcs_ratio

_PUNCT = ("", ",", ";", ":", ".", "!", "?", "、", "…")
_FAR = (-6, -5, -4, -3, 3, 4, 5, 6)  # the window offsets of the "far" features, in window order
assert WINDOW == 6 and _FAR == tuple(d for d in range(-WINDOW, WINDOW + 1) if abs(d) >= 3)


class _Units:
    """Texts (code points, concatenated) and tag sequences (codes, concatenated) of a list of units."""

    def __init__(self, texts: list[str], tags: list[tuple], tag_codes: dict):
        self.texts = texts
        self.len = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.off = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(self.len, out=self.off[1:])
        joined = "".join(texts)
        self.cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32) if joined else np.zeros(0, np.uint32)
        self.tags = tags
        self.glen = np.fromiter(map(len, tags), dtype=np.int64, count=len(tags))
        self.goff = np.zeros(len(tags) + 1, dtype=np.int64)
        np.cumsum(self.glen, out=self.goff[1:])
        self.gcodes = _codes(tags, int(self.goff[-1]), tag_codes)
        self._sets = None

    def sets(self):
        """Distinct characters of each unit: sorted keys ``unit << 21 | code point`` and the bounds of each unit."""
        if self._sets is None:
            unit = np.repeat(np.arange(len(self.texts), dtype=np.int64), self.len)
            keys = np.sort((unit << 21) | self.cps.astype(np.int64))
            if keys.size:
                keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
            bounds = np.searchsorted(keys >> 21, np.arange(len(self.texts) + 1))
            self._sets = keys, bounds
        return self._sets


def _codes(tags: list[tuple], total: int, tag_codes: dict) -> np.ndarray:
    """A small code for every tag of ``tags``, concatenated (codes shared through ``tag_codes``)."""
    joined = "".join(["".join(g) for g in tags])
    if len(joined) == total:  # one character a tag (jieba's tags cut to their first letter)
        cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32) if joined else np.zeros(0, np.uint32)
        uniq, inv = _unique(cps.astype(np.int64))
        get = tag_codes.setdefault
        return np.array([get(chr(c), len(tag_codes)) for c in uniq.tolist()], dtype=np.int64)[inv]
    get = tag_codes.setdefault
    return np.fromiter((get(t, len(tag_codes)) for g in tags for t in g), dtype=np.int64, count=total)


def _unique(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of an integer array and the position of each value among them."""
    order = np.argsort(keys, kind="stable")
    srt = keys[order]
    new = np.ones(len(srt), dtype=bool)
    new[1:] = srt[1:] != srt[:-1]
    inv = np.empty(len(keys), dtype=np.int64)
    inv[order] = np.cumsum(new) - 1
    return srt[new], inv


def _rows_by_key(row, keys: np.ndarray, make) -> np.ndarray:
    """``row(make(key))`` for every key of an integer array, each distinct key looked up once."""
    if not keys.size:
        return np.zeros(0, dtype=np.int64)
    uniq, inv = _unique(keys)
    return np.array([row(make(k)) for k in uniq.tolist()], dtype=np.int64)[inv]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(owner, position)`` of every element of the ranges ``[starts[k], starts[k] + lengths[k])``."""
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    first = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=first[1:])
    pos = np.arange(int(first[-1]), dtype=np.int64) - first[owner] + starts[owner]
    return owner, pos


def _shared_edge(u: _Units, a: np.ndarray, b: np.ndarray, from_end: bool) -> np.ndarray:
    """The shared opening (or ending) of units ``a[k]`` and ``b[k]``, in characters."""
    m = np.minimum(u.len[a], u.len[b])
    out = np.zeros(len(a), dtype=np.int64)
    active = np.flatnonzero(m > 0)
    k, step = 0, 1
    while active.size:
        width = np.minimum(m[active] - k, step)
        owner, j = _ranges(np.zeros(len(active), dtype=np.int64) + k, width)
        if from_end:
            ca = u.cps[u.off[a[active]][owner] + u.len[a[active]][owner] - 1 - j]
            cb = u.cps[u.off[b[active]][owner] + u.len[b[active]][owner] - 1 - j]
        else:
            ca = u.cps[u.off[a[active]][owner] + j]
            cb = u.cps[u.off[b[active]][owner] + j]
        neq = ca != cb
        # the first difference in each unit's block, else the block's width
        first_bad = np.full(len(active), -1, dtype=np.int64)
        bad = np.flatnonzero(neq)
        if bad.size:
            own = owner[bad]
            keep = np.ones(len(own), dtype=bool)
            keep[1:] = own[1:] != own[:-1]
            first_bad[own[keep]] = j[bad[keep]] - k
        got = np.where(first_bad >= 0, first_bad, width)
        out[active] += got
        go_on = (first_bad < 0) & (m[active] > k + width)
        active = active[go_on]
        k += step
        step = min(step * 2, 1024)
    return out


def _positional(u: _Units, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Characters equal at the same offset from the start, and from the end: the larger
    (:func:`~.clauses.positional`)."""
    la, lb = u.len[a], u.len[b]
    m = np.minimum(la, lb)
    owner, j = _ranges(np.zeros(len(a), dtype=np.int64), m)
    oa, ob = u.off[a][owner], u.off[b][owner]
    s = np.bincount(owner, weights=u.cps[oa + j] == u.cps[ob + j], minlength=len(a))
    e = np.bincount(owner, weights=u.cps[oa + la[owner] - 1 - j] == u.cps[ob + lb[owner] - 1 - j], minlength=len(a))
    return np.maximum(s, e).astype(np.int64)


def _overlap(u: _Units, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct characters the units share, and the smaller number of distinct characters of the two."""
    keys, bounds = u.sets()
    na, nb = bounds[a + 1] - bounds[a], bounds[b + 1] - bounds[b]
    owner, pos = _ranges(bounds[a], na)
    q = (b[owner] << 21) | (keys[pos] & ((1 << 21) - 1))
    at = np.searchsorted(keys, q)
    hit = keys[np.minimum(at, len(keys) - 1)] == q
    inter = np.bincount(owner, weights=hit, minlength=len(a)).astype(np.int64)
    return inter, np.minimum(na, nb)


def _lcs(u: _Units, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`~.clauses.lcs_ratio` of the tag sequences of ``a[k]`` and ``b[k]`` (both non-empty)."""
    ga, gb = u.glen[a], u.glen[b]
    x = np.where(ga >= gb, a, b)  # the longer sequence: its match masks
    y = np.where(ga >= gb, b, a)
    n, ny = np.maximum(ga, gb), np.minimum(ga, gb)
    out = np.zeros(len(a))
    small = np.flatnonzero(n <= 64)
    if small.size:
        xs, ys, ns = x[small], y[small], n[small]
        # match masks of the longer sequences: one 64-bit word per (pair, tag code)
        n_codes = int(u.gcodes.max()) + 1 if u.gcodes.size else 1
        owner, pos = _ranges(u.goff[xs], ns)
        bit = np.left_shift(np.uint64(1), (pos - u.goff[xs][owner]).astype(np.uint64))
        pm = np.zeros(len(small) * n_codes, dtype=np.uint64)
        np.bitwise_or.at(pm, owner * n_codes + u.gcodes[pos], bit)
        full = np.where(ns == 64, np.uint64(0xFFFFFFFFFFFFFFFF),
                        np.left_shift(np.uint64(1), np.minimum(ns, 63).astype(np.uint64)) - np.uint64(1))
        v = full.copy()
        nys = ny[small]
        base = u.goff[ys]
        rows = np.arange(len(small), dtype=np.int64) * n_codes
        live = np.arange(len(small))
        for t in range(int(nys.max())):
            live = live[nys[live] > t]
            c = u.gcodes[base[live] + t]
            vv = v[live]
            w = vv & pm[rows[live] + c]
            v[live] = ((vv + w) | (vv - w)) & full[live]
        out[small] = (ns - np.bitwise_count(v).astype(np.int64)) / ns
    big = np.flatnonzero(n > 64)
    masks: dict = {}
    for k in big:
        out[k] = lcs_ratio(u.tags[int(a[k])], u.tags[int(b[k])], masks)
    return out


def _pair_stats(u: _Units, a: np.ndarray, b: np.ndarray, p: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, ...]:
    """``(prefix, suffix, length-ratio bin, POS bin, frame bin, overlap bin)`` of the pairs ``a[k]``, ``b[k]``
    (:func:`~.clauses._pair_stats`), given their shared opening ``p`` and ending ``s``."""
    la, lb = u.len[a], u.len[b]
    x = np.minimum(la, lb) / np.maximum(la, lb)
    r = np.where(x >= 0.9, 0, np.where(x >= 0.75, 1, np.where(x >= 0.5, 2, 3)))
    pos = np.full(len(a), 4)
    both = np.flatnonzero((u.glen[a] > 0) & (u.glen[b] > 0))
    if both.size:
        g = _lcs(u, a[both], b[both])
        pos[both] = np.where(g >= 0.85, 0, np.where(g >= 0.65, 1, np.where(g >= 0.45, 2, 3)))
    frame = _positional(u, a, b)
    x = frame / np.maximum(1, np.minimum(la, lb))
    fr = np.where(frame == 0, 4, np.where(x >= 0.5, 0, np.where(x >= 0.3, 1, np.where(x >= 0.15, 2, 3))))
    inter, smaller = _overlap(u, a, b)
    x = inter / np.maximum(1, smaller)
    ov = np.where(x >= 0.6, 0, np.where(x >= 0.4, 1, np.where(x >= 0.2, 2, 3)))
    return np.minimum(p, 4), np.minimum(s, 4), r, pos, fr, ov


#: The strings of :func:`~.clauses._pair_group`, one by one: which statistics each reads (as indices into
#: ``(prefix, suffix, ratio, pos, frame, overlap)``, prefix and suffix capped at 2 where the string does),
#: and how many values each takes.
_PAIR_PARTS = (((0,), (5,)), ((1,), (5,)), ((2,), (4,)), ((3,), (5,)), ((4,), (5,)), ((5,), (4,)),
               ((0, 2), (5, 4)), ((3, 2), (5, 4)), ((0, 3), (3, 5)), ((1, 2), (3, 4)))
_CAPPED = {8: 0, 9: 0}  # strings 8 and 9 read min(prefix, 2) and min(suffix, 2): their first statistic


class _Lookup:
    """Row numbers of feature strings (-1 for a feature the model does not know), as small tables."""

    def __init__(self, index: dict[str, int]):
        self.index = index
        self.pair_tables: dict = {}

    def row(self, s: str) -> int:
        return self.index.get(s, -1)

    def table(self, shape: tuple[int, ...], make) -> np.ndarray:
        out = np.full(shape, -1, dtype=np.int64)
        for at in np.ndindex(*shape):
            out[at] = self.row(make(*at))
        return out

    def pair_columns(self, name: str, st: tuple[np.ndarray, ...]) -> list[np.ndarray]:
        """The ten columns of :func:`~.clauses._pair_group` for the statistics ``st`` (arrays)."""
        cols = []
        for k, (reads, shape) in enumerate(_PAIR_PARTS):
            tab = self.pair_tables.get((name, k))
            if tab is None:
                tab = self.pair_tables[(name, k)] = self.table(shape, lambda *v, k=k, reads=reads: self._string(name, k, reads, v))
            vals = [st[j] for j in reads]
            if k in _CAPPED:
                vals[0] = np.minimum(vals[0], 2)
            cols.append(tab[tuple(vals)])
        return cols

    @staticmethod
    def _string(name: str, k: int, reads: tuple[int, ...], v: tuple[int, ...]) -> str:
        st = [0] * 6
        for j, x in zip(reads, v):
            st[j] = x
        return _pair_group(tuple(st), name)[k]


def feature_rows(lines: list[list[Clause]], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The rows of every clause's features (``line_features(line, index=index)`` for each line, clause
    after clause, lines in order), as one array, and the number of rows of each clause."""
    lines = [ln for ln in lines if ln]
    n_cl = sum(map(len, lines))
    if not n_cl:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    look = _Lookup(index)
    clauses = [c for ln in lines for c in ln]
    texts = [c.text for c in clauses]
    tag_codes: dict = {}
    u = _Units(texts, [c.tags for c in clauses], tag_codes)
    n_of = np.repeat(np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)),
                     [len(ln) for ln in lines])
    line_start = np.repeat(np.cumsum([0] + [len(ln) for ln in lines[:-1]]), [len(ln) for ln in lines])
    i_of = np.arange(n_cl, dtype=np.int64) - line_start
    punct = {p: k for k, p in enumerate(_PUNCT)}
    after = np.fromiter((punct.get(c.after, -1) for c in clauses), dtype=np.int64, count=n_cl)
    before = np.fromiter((punct.get(c.before, -1) for c in clauses), dtype=np.int64, count=n_cl)
    if (after < 0).any() or (before < 0).any():
        raise ValueError("a clause's punctuation class is not one of _punct_class's")
    seg = np.fromiter((c.seg for c in clauses), dtype=np.int64, count=n_cl)

    # segments: position of each clause in its segment, the segment's size, its position in the line
    new_seg = np.ones(n_cl, dtype=bool)
    new_seg[1:] = (seg[1:] != seg[:-1]) | (i_of[1:] == 0)
    if not np.all(np.diff(seg)[i_of[1:] != 0] >= 0):
        raise ValueError("clauses out of segment order")
    seg_id = np.cumsum(new_seg) - 1
    seg_first = np.flatnonzero(new_seg)
    seg_size = np.diff(np.append(seg_first, n_cl))
    k_in_seg = np.arange(n_cl) - seg_first[seg_id]
    nm = seg_size[seg_id]
    line_of_seg = np.repeat(np.arange(len(lines)), [len(ln) for ln in lines])[seg_first]
    first_seg_of_line = np.searchsorted(line_of_seg, np.arange(len(lines)))
    segs_in_line = np.bincount(line_of_seg, minlength=len(lines))
    sp = seg_id - first_seg_of_line[np.repeat(np.arange(len(lines)), [len(ln) for ln in lines])]
    nseg = segs_in_line[np.repeat(np.arange(len(lines)), [len(ln) for ln in lines])]

    # shared openings and endings over the window, each pair once
    P: dict[int, np.ndarray] = {}
    S: dict[int, np.ndarray] = {}
    A: dict[int, np.ndarray] = {}
    for d in range(1, WINDOW + 1):
        a = np.flatnonzero(i_of + d < n_of)
        b = a + d
        A[d] = a
        P[d] = _shared_edge(u, a, b, False)
        S[d] = _shared_edge(u, a, b, True)
    # full per-clause arrays: p/s with the clause d ahead (+d) or d back (-d); 0 outside the line
    def per_clause(arr: dict, d: int) -> np.ndarray:
        out = np.zeros(n_cl, dtype=np.int64)
        if d > 0:
            out[A[d]] = arr[d]
        else:
            out[A[-d] - d] = arr[-d]
        return out

    offsets = [d for d in range(-WINDOW, WINDOW + 1) if d]
    Pw = np.stack([per_clause(P, d) for d in offsets], axis=1)
    Sw = np.stack([per_clause(S, d) for d in offsets], axis=1)

    # pair statistics of clauses up to three apart
    near: dict[int, tuple[np.ndarray, ...]] = {}
    for d in (1, 2, 3):
        near[d] = _pair_stats(u, A[d], A[d] + d, P[d], S[d])

    # segment units: the clauses of each segment joined, for lines of more than one segment
    multi = np.flatnonzero(nseg[seg_first] > 1)  # segments in lines with several
    seg_stats = None
    if multi.size:
        seg_texts = ["".join(texts[seg_first[g]:seg_first[g] + seg_size[g]]) for g in multi]
        seg_tags = [tuple(t for c in clauses[seg_first[g]:seg_first[g] + seg_size[g]] for t in c.tags) for g in multi]
        su = _Units(seg_texts, seg_tags, tag_codes)
        pos_of = np.full(len(seg_first), -1, dtype=np.int64)
        pos_of[multi] = np.arange(len(multi))
        # each segment with the next one of its line
        has_next = multi[(sp[seg_first[multi]] + 1) < nseg[seg_first[multi]]]
        sa, sb = pos_of[has_next], pos_of[has_next + 1]
        st = _pair_stats(su, sa, sb, _shared_edge(su, sa, sb, False), _shared_edge(su, sa, sb, True))
        seg_stats = (has_next, st)

    cols: list[np.ndarray] = []
    # the clause's own properties (_head_strings)
    ln = u.len
    lb = np.where(ln >= 16, 0, np.where(ln >= 10, 1, np.where(ln >= 6, 2, np.where(ln >= 3, 3, 4))))
    first_cp = u.cps[u.off[:-1]].astype(np.int64)
    last_cp = u.cps[u.off[1:] - 1].astype(np.int64)
    fn = np.isin(first_cp, [ord(c) for c in FUNCTION_START]).astype(np.int64)
    k2 = np.minimum(k_in_seg, 2)
    last = (k_in_seg == nm - 1).astype(np.int64)
    nm4 = np.minimum(nm, 4)
    P_ = _PUNCT
    cols.append(np.full(n_cl, look.row("bias")))
    cols.append(look.table((9,), lambda x: f"after{P_[x]}")[after])
    cols.append(look.table((9,), lambda x: f"before{P_[x]}")[before])
    cols.append(look.table((9, 9), lambda x, y: f"ab{P_[x]}{P_[y]}")[before, after])
    cols.append(look.table((5,), lambda x: f"len{x}")[lb])
    cols.append(look.table((2,), lambda x: f"fn{x}")[fn])
    cols.append(look.table((3, 2), lambda x, y: f"segpos{x}{y}")[k2, last])
    cols.append(look.table((5,), lambda x: f"segn{x}")[nm4])
    assert _head_strings(",", "", 1, True, 0, False, 2) == ("bias", "after,", "before", "ab,", "len1", "fn1",
                                                             "segpos00", "segn2")
    cols.append(np.where(i_of == 0, look.row("line_first"), -1))
    cols.append(np.where(i_of == n_of - 1, look.row("line_last"), -1))

    def pair_block(name: str, d: int, back: bool) -> None:
        """Ten pair columns and the punctuation column for the neighbour ``d`` back or ahead."""
        a = A[d]
        at = a + d if back else a  # the clause that gets the features
        block = [np.full(n_cl, -1, dtype=np.int64) for _ in range(11)]
        for k, col in enumerate(look.pair_columns(name, near[d])):
            block[k][at] = col
        same = (after[a] == after[a + d]).astype(np.int64)
        block[10][at] = look.table((2,), lambda x: f"{name}pu{x}")[same]
        cols.extend(block)

    for d in (1, 2, 3):
        pair_block(f"b{d}", d, True)
    for d in (1, 2):
        pair_block(f"n{d}", d, False)
    # segment-level comparisons on a segment's first clause
    sb_cols = [np.full(n_cl, -1, dtype=np.int64) for _ in range(10)]
    sn_cols = [np.full(n_cl, -1, dtype=np.int64) for _ in range(10)]
    if seg_stats is not None:
        has_next, st = seg_stats
        for k, col in enumerate(look.pair_columns("Sn", st)):
            sn_cols[k][seg_first[has_next]] = col
        for k, col in enumerate(look.pair_columns("Sb", st)):
            sb_cols[k][seg_first[has_next + 1]] = col
    cols.extend(sb_cols)
    cols.extend(sn_cols)
    # lexical openings and endings
    row = look.row
    second_cp = np.where(u.len >= 2, u.cps[np.minimum(u.off[:-1] + 1, len(u.cps) - 1)].astype(np.int64) + 1, 0)
    tag_names = {c: t for t, c in tag_codes.items()}
    has_g = u.glen > 0
    g_first = np.where(has_g, u.gcodes[np.minimum(u.goff[:-1], len(u.gcodes) - 1)] + 1, 0) if u.gcodes.size \
        else np.zeros(n_cl, dtype=np.int64)
    g_second = np.where(u.glen >= 2, u.gcodes[np.minimum(u.goff[:-1] + 1, len(u.gcodes) - 1)] + 1, 0) \
        if u.gcodes.size else np.zeros(n_cl, dtype=np.int64)
    g_last = np.where(has_g, u.gcodes[np.maximum(u.goff[1:] - 1, 0)] + 1, 0) if u.gcodes.size \
        else np.zeros(n_cl, dtype=np.int64)

    def tag(k: int) -> str:  # a tag code + 1 (0: none)
        return tag_names[k - 1] if k else ""

    cols.append(_rows_by_key(row, first_cp, lambda k: "c1" + chr(k)))
    cols.append(_rows_by_key(row, (first_cp << 22) | second_cp,
                             lambda k: "c2" + chr(k >> 22) + (chr((k & 0x3FFFFF) - 1) if k & 0x3FFFFF else "")))
    cols.append(_rows_by_key(row, last_cp, lambda k: "e1" + chr(k)))
    cols.append(_rows_by_key(row, g_first, lambda k: "g1" + tag(k)))
    cols.append(_rows_by_key(row, (g_first << 16) | g_second, lambda k: "g2" + tag(k >> 16) + tag(k & 0xFFFF)))
    cols.append(_rows_by_key(row, g_last, lambda k: "ge" + tag(k)))
    # the window: far openings, then the window's summary
    for d in _FAR:
        p = Pw[:, offsets.index(d)]
        tab = look.table((4,), lambda x, d=d: f"far{'b' if d < 0 else 'n'}{abs(d)}p{x}")
        cols.append(np.where(p > 0, tab[np.minimum(p, 3)], -1))
    best_p, best_s = Pw.max(axis=1), Sw.max(axis=1)
    off_arr = np.array(offsets)
    dp = np.where(best_p > 0, off_arr[Pw.argmax(axis=1)], 0)
    ds = np.where(best_s > 0, off_arr[Sw.argmax(axis=1)], 0)
    cp = np.minimum((Pw >= 2).sum(axis=1), 3)
    cs = np.minimum((Sw >= 2).sum(axis=1), 3)
    win_names = _window_strings(1, 2, 3, 4, 1, 2)
    assert win_names == ("wp1", "ws2", "wpd13", "wsd24", "cp1", "cs2")
    cols.append(look.table((5,), lambda x: f"wp{x}")[np.minimum(best_p, 4)])
    cols.append(look.table((5,), lambda x: f"ws{x}")[np.minimum(best_s, 4)])
    cols.append(look.table((4, 9), lambda x, y: f"wpd{x}{y - 4}")[np.minimum(best_p, 3), np.clip(dp, -4, 4) + 4])
    cols.append(look.table((4, 9), lambda x, y: f"wsd{x}{y - 4}")[np.minimum(best_s, 3), np.clip(ds, -4, 4) + 4])
    cols.append(look.table((4,), lambda x: f"cp{x}")[cp])
    cols.append(look.table((4,), lambda x: f"cs{x}")[cs])
    # the first character with the shared openings of the nearest clauses (b1, n1, b2, n2)
    for nme, d in (("b1", -1), ("n1", 1), ("b2", -2), ("n2", 2)):
        p = np.minimum(Pw[:, offsets.index(d)], 4)
        inside = (i_of + d >= 0) & (i_of + d < n_of)
        got = _rows_by_key(row, (first_cp[inside] << 3) | p[inside], lambda k, nme=nme: f"c1{chr(k >> 3)}&{nme}p{k & 7}")
        col = np.full(n_cl, -1, dtype=np.int64)
        col[inside] = got
        cols.append(col)
    cols.append(look.table((5,), lambda x: f"nlen{x}")[np.minimum(n_of, 12) // 3])

    ids = np.stack(cols, axis=1)
    keep = ids >= 0
    return ids[keep], keep.sum(axis=1)
