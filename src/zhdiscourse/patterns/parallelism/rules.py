"""A rule-based detector of parallelism (排比 / 对偶): coordinated units that share lexical material.

Units (levels)
    ``items``     the 、-separated items of one clause (``speech.items``);
    ``clauses``   the clauses of one sentence (split on ，；：);
    ``segments``  the ；-separated segments of one sentence (only sentences that contain ；);
    ``sentences`` the sentences of one part (headings excluded);
    ``compact``   inside one clause, with no delimiter at all (reduplicated frames, see R7).

Shared material (what makes units parallel)
    anaphora  a common opening P: every member starts with P;
    epiphora  a common ending S: every member ends with S;
    frame     a common opening and ending (P…S), or characters shared at the same positions of
              members aligned at their start or at their end (X胜则Y胜, 在其X谋其Y, A有保障、B有供应).

Rules (each has a test in tests/patterns/test_patterns_parallelism.py built from invented sentences)
    R1 Lexical material: the shared material must contain a character that is not a function
       character (:data:`FUNCTION_CHARS`: 的 了 和 与 及 等 在 对 把 被 为 从 向 同 以 之 而 并 也 都 就
       还 又 是 要 不 …), a digit or punctuation. A list of names with nothing in common (甲部门、乙部门
       share 部门, but 工信、商务、外交 share nothing) is therefore never reported.
       Exception (R1'): a positional frame (R6) of equal-length members with ≥ 3 shared positions
       counts even when the shared characters are function characters (在其甲谋其乙，在其丙尽其丁).
    R2 Two members need at least two shared characters; a single shared character needs at least
       three members.
    R3 At the clause, segment and sentence levels the shared opening or ending must be at least two
       characters once leading function characters are removed (clause-initial 要, 对, 在 are
       grammar, not parallelism, and 要加大 / 要加强 share only half a verb: 要-initial sentences are
       reported by :mod:`~zhdiscourse.patterns.runs`), except that one content character (not a
       function character) opening ≥ 4 consecutive clauses or sentences counts (有甲，有乙，有丙，有丁).
       Among items, a one-character shared element needs ≥ 3 members of nearly equal length (within
       two characters, ≤ 6 characters): 早甲、早乙、早丙; 保甲、保乙、保丙丁.
       Pairs of clauses or sentences sharing only two characters: an ending counts only for a
       balanced pair (equal length), an opening only for clauses (two sentences need three).
    R4 Members are consecutive units; at the clause level members may skip up to two clauses and
       at the sentence level one sentence, when there are at least three members (有的…；有的…).
    R5 Item lists: the first item of a list may carry leading words and the last item trailing words
       (动词 + 甲秩序、乙秩序、丙秩序等 + 名词). For anaphora the first member starts at the last
       occurrence of P in its item, and the last member is cut before the first of 的 等 和 及 与 并
       之 that follows P; for epiphora the last member ends after the first occurrence of S, and the
       first member keeps as many characters as the second member has (starting after a 的 / 和 in
       that window). An item cut this way ends its chain, so one item can close one list and open
       the next (早丙的要求和集中甲、集中乙).
       Refinements: in the epiphora window 及其 / 和其 / 与其 is not a break (甲及其家人 is one noun
       phrase); when every other member opens with a number and the same measure word (1次…), the
       number + measure before the first member joins it. The last anaphora member, when it is
       longer than the others and has no break character, ends before its first adverb,
       preposition or conjunction token (甲类社团、甲类小组按时开展…: the predicate is shared).
    R6 Positional frames: members of nearly equal length (clauses: within two characters, and then
       at least three shared characters unless the lengths are equal), or item members trimmed to
       the length of their neighbours (a list of exactly two items: the first item's tail trimmed to
       the second item, then equal length and ≥ 3 shared positions), aligned at the start and at the end; the alignment with more
       shared characters wins; aligned stretches longer than 12 characters are not frames. The shared characters that are not a plain opening/ending make it a frame;
       it is printed with □ for each slot character.
    R7 Compact frames: inside a clause, ≥ 3 repetitions of A+x (抓甲抓乙抓丙) or x+A with one
       fixed character A and varying one-character x. Two repetitions (ABAC, 联甲联乙) are four-
       character expressions, not 排比 (see :mod:`~zhdiscourse.patterns.idioms`).
       R7': the last A+x member ends at the end of the jieba token holding its x (学深学透学明白),
       and when it is one nominal token it takes up to four characters of following nominal tokens.
    R8 No duplicates: an instance whose members start where the members of an instance already
       found (at a higher level: segments before clauses, clauses before items) start is dropped,
       and at each level a unit belongs to at most one anaphora and one epiphora chain (the one with
       the most members, then the longest shared element).
    R9 Pairs joined by 和 / 与 / 及 (the conjunction a jieba token of its own, tagged c or p) inside
       one item or clause: the right unit ends at the next break character (and before 的 / 之 unless
       the pair is an anaphora, whose right unit ends before its predicate: a verb, adverb,
       preposition, conjunction or punctuation token after the shared opening, or a 的 once it is as
       long as the left unit); the left unit starts at the last occurrence of the shared opening, or
       is trimmed to the right unit's length at a token start. The pair is then classified like
       items (R1–R3, R6): a pair of names sharing nothing (甲和乙) is never reported.
    R10 A list of exactly two items whose members (3–4 characters, the second a token-aligned head
       of its item, the first the same-length tail of its item starting at a token) share ONE lexical
       character at the same position counts only with structural evidence of a frame: in 4-character
       members the character is the second one, slots on both sides (内甲丙丁、外甲戊己 → □甲□□); in
       3-character members both split into the same token lengths (≥ 2 tokens) and the shared
       character is inside a word, so the varying material fills two slots (抓考风、正学风). A shared
       character that is a word of its own (早甲、早乙), or in longer members, is not enough (R2).
    R11 Sentences: consecutive sentences that open with a varying character and a common lexical
       stretch of ≥ 4 characters form a frame □stretch…; the sentence before them joins when it holds
       the stretch after a different character somewhere inside: that member starts mid-sentence.

Output (:func:`parallelisms`): one dict per instance with kind, frame (the shared element, or the
frame with □ slots, or P…S), level, section, sentence and members (text, start, end).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pandas as pd

from ...errors import ZhDiscourseError
from ...text.model import Speech
from ...text.structure import takes_speech
from ..spans import OPENERS, section_of, sentence_index
from .tagging import pos_tags, session

FUNCTION_CHARS = set("的了和与及或等在对把被为从向同以之而并也都就还又是要不着过所其这那此该各每使让将于给跟")
_BREAK_AFTER = "的等和及与并之"
_BREAK_BEFORE = "的和与及对把在将为"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TRAIL = "”’」』）)》〉】"


@dataclass
class _Unit:
    start: int
    end: int
    text: str
    idx: int  # position within its container (clause index in the sentence, …)


_DATE_UNITS = set("年月日号时分秒")
_HAN_NUMERALS = set("〇零一二三四五六七八九十百千两")  # numbers are not lexical material (十九甲、十九乙)
_NUMERIC = re.compile(r"[0-9０-９]+[年月日号时分秒点个次名位多余万亿%％]?")


def _lexical(shared: str) -> bool:
    """R1: the shared material has a Han character that is not a function character (numbers with
    their unit, as in 3月 or 5个, are removed first, and date units altogether when the shared
    material has a digit: 3月□日 shares no lexical material; Chinese numerals are not lexical either)."""
    rest = _NUMERIC.sub("", shared)
    if any(c.isdigit() for c in shared):
        rest = "".join(c for c in rest if c not in _DATE_UNITS)
    return any(_HAN.match(c) and c not in FUNCTION_CHARS and c not in _HAN_NUMERALS for c in rest)


def _common_prefix(texts: list[str]) -> str:
    p = texts[0]
    for t in texts[1:]:
        n = 0
        while n < min(len(p), len(t)) and p[n] == t[n]:
            n += 1
        p = p[:n]
    return p


def _common_suffix(texts: list[str]) -> str:
    return _common_prefix([t[::-1] for t in texts])[::-1]


def _clean(text: str, a: int, b: int) -> tuple[int, int]:
    """Strip opening quotes at the start and closing quotes / 等 at the end of a unit span."""
    while a < b and text[a] in OPENERS:
        a += 1
    while b > a and (text[b - 1] in _TRAIL or text[b - 1] in " \t\u3000"):
        b -= 1
    return a, b


def _positional(texts: list[str]) -> tuple[str, int] | None:
    """R6: best alignment (start or end) → (pattern with □, number of shared characters)."""
    best = None
    n = min(len(t) for t in texts)
    for align in ("start", "end"):
        if align == "start":
            cols = [t[:n] for t in texts]
        else:
            cols = [t[len(t) - n:] for t in texts]
        m = len(cols)
        if m == 2:
            pat = "".join([x if x == y else "□" for x, y in zip(cols[0], cols[1])])
        else:
            pat = "".join([c[0] if c.count(c[0]) == m else "□" for c in zip(*cols)])
        shared = len(pat) - pat.count("□")
        if align == "end" and any(len(t) != n for t in texts):
            pat = "…" + pat
        elif any(len(t) != n for t in texts):
            pat = pat + "…"
        if best is None or shared > best[1]:
            best = (pat, shared)
    return best


def _classify(texts: list[str], level: str, consecutive: bool = True) -> tuple[str, str] | None:
    """Kind and frame string for a group of member texts, applying R1–R3 and R6; ``None`` = reject."""
    if len(texts) < 2 or len(set(texts)) < len(texts) or any(not t for t in texts):
        return None
    m = len(texts)
    p, s = _common_prefix(texts), _common_suffix(texts)
    short = min(len(t) for t in texts)
    if len(p) + len(s) > short:  # overlapping prefix and suffix (equal texts are excluded above)
        s = s[len(p) + len(s) - short:]
    equal_len = len({len(t) for t in texts}) == 1
    near_len = max(len(t) for t in texts) - short <= 2
    strict = level in ("clauses", "segments", "sentences")
    cands = []
    for kind, shared, frame in (("anaphora", p, p + "…"), ("epiphora", s, "…" + s)):
        if not shared or not _lexical(shared) or short <= len(shared):
            continue
        if len(shared) == 1 and (m < 3 or not near_len or short > 6) and not (
                strict and kind == "anaphora" and m >= 4 and consecutive and shared not in FUNCTION_CHARS):
            continue
        if len(shared) == 1 and strict and not (kind == "anaphora" and m >= 4 and consecutive):
            continue
        if m == 2 and len(shared) < 2:
            continue
        if strict and m == 2 and len(shared) < 3:
            # R2': a pair of clauses/sentences sharing only two characters must be a balanced pair
            # (equal length) for an ending, and a clause pair (not two sentences) for an opening
            if kind == "epiphora" and not equal_len:
                continue
            if kind == "anaphora" and level == "sentences":
                continue
        if strict and kind == "anaphora" and len(shared.lstrip("".join(FUNCTION_CHARS))) < 2 \
                and not (len(shared) == 1 and shared not in FUNCTION_CHARS and m >= 4 and consecutive):
            continue  # R3': not 要 + half of a verb (要加大 / 要加强); R3'': one content character × 4
        cands.append((len(shared), kind, frame))
    if p and s and _lexical(p + s) and len(p) + len(s) >= 2 and (len(p) >= 2 or len(s) >= 2 or m >= 3):
        if not (strict and len(p) < 2 and len(s) < 2):
            cands.append((len(p) + len(s) + 0.5, "frame", p + "…" + s))
    pos = _positional(texts) if (near_len or level == "items") else None
    if pos:
        pat, shared = pos
        if (not equal_len and level != "items" and shared < 3) or len(pat.strip("…")) > 12:
            pos = None
    if pos:
        inner = pat.strip("…")
        core = inner.strip("□")
        is_plain_edge = "□" not in core and (inner.startswith(core) or inner.endswith(core))
        shared_chars = "".join(c for c in pat if c not in "□…")
        han = [c for c in _NUMERIC.sub("", shared_chars) if _HAN.match(c)]
        if any(c.isdigit() for c in shared_chars):
            han = [c for c in han if c not in _DATE_UNITS]
        lexical_ok = _lexical(shared_chars) or (equal_len and len(han) >= 3)  # R1': 在其甲谋其乙
        if not is_plain_edge and lexical_ok and (shared >= 2 or (m >= 3 and shared >= 1)):
            if not (strict and shared < 2):
                cands.append((shared + 0.25, "frame", pat))
    if not cands:
        return None
    _score, kind, frame = max(cands)
    return kind, frame


# --------------------------------------------------------------------------------------------------
# unit collection
# --------------------------------------------------------------------------------------------------

def _clauses_by_sentence(speech: Speech) -> dict[int, list]:
    """``speech.clauses`` grouped by sentence index (text order kept), built once per run."""
    out: dict[int, list] = {}
    for c in speech.clauses:
        out.setdefault(c.sentence, []).append(c)
    return out


def _sentence_units(speech: Speech, sent, level: str, clauses: dict[int, list] | None = None) -> list[_Unit]:
    """The units of one sentence at ``level``; ``clauses`` is :func:`_clauses_by_sentence` (computed
    here when not given: a look-up per sentence, not a scan of every clause)."""
    text = speech.text
    out = []
    if level == "clauses":
        if clauses is None:
            clauses = _clauses_by_sentence(speech)
        cl = clauses.get(sent.index, [])
        for i, c in enumerate(cl):
            a, b = _clean(text, c.start, c.end)
            if a < b:
                out.append(_Unit(a, b, text[a:b], i))
    elif level == "segments":
        body = text[sent.start:sent.end]
        if "；" not in body and ";" not in body:
            return []
        a = sent.start
        i = 0
        for j in range(sent.start, sent.end + 1):
            if j == sent.end or text[j] in "；;":
                e = j
                while e > a and text[e - 1] in "。！？!?":
                    e -= 1
                aa, bb = _clean(text, a, e)
                if aa < bb:
                    out.append(_Unit(aa, bb, text[aa:bb], i))
                    i += 1
                a = j + 1
    return out


def _chains_by_edge(units: list[_Unit], edge: str, max_gap: int, level: str) -> list[list[_Unit]]:
    """R3/R4/R8: groups of units sharing an opening (``edge="start"``) or ending of ≥ 2 characters."""
    used: set[int] = set()
    groups = []
    n_units = len(units)
    for i, u in enumerate(units):
        if i in used:
            continue
        # a chain needs a unit within reach (no more than max_gap units between) that shares the first
        # (last) character: without one no length of the key below finds a member
        ch = u.text[:1] if edge == "start" else u.text[-1:]
        reach = False
        for j in range(i + 1, n_units):
            if units[j].idx - u.idx - 1 > max_gap:
                break
            if j not in used and (units[j].text[:1] if edge == "start" else units[j].text[-1:]) == ch:
                reach = True
                break
        if not reach:
            continue
        best = None
        for k in (4, 3, 2, 1):
            if len(u.text) <= k or (k == 1 and (edge != "start" or u.text[0] in FUNCTION_CHARS)):
                continue
            key = u.text[:k] if edge == "start" else u.text[-k:]
            members = [i]
            last = i
            for j in range(i + 1, len(units)):
                if j in used:
                    continue
                if units[j].idx - units[last].idx - 1 > max_gap:
                    break
                t = units[j].text
                if len(t) > k and (t.startswith(key) if edge == "start" else t.endswith(key)):
                    members.append(j)
                    last = j
            if len(members) < 2:
                continue
            gaps = [units[b].idx - units[a].idx - 1 for a, b in zip(members, members[1:])]
            if any(gaps) and len(members) < 3:
                # keep only a consecutive head of the chain
                head = [members[0]]
                for a, b in zip(members, members[1:]):
                    if units[b].idx - units[a].idx == 1:
                        head.append(b)
                    else:
                        break
                members = head
                if len(members) < 2:
                    continue
            if k == 1 and (len(members) < 4 or any(units[b].idx - units[a].idx != 1
                                                        for a, b in zip(members, members[1:]))):
                continue
            cand = (len(members), k, members)
            if best is None or cand[:2] > best[:2]:
                best = cand
        if best:
            group = [units[j] for j in best[2]]
            used.update(best[2])
            key = group[0].text[:best[1]] if edge == "start" else group[0].text[-best[1]:]
            # R4': the unit right before (after) the chain may hold the shared opening (ending) after
            # leading words (before trailing words): its tail (head) joins the chain
            if level == "sentences":
                pass
            elif edge == "start" and best[2][0] > 0:
                prev = units[best[2][0] - 1]
                occ = prev.text.rfind(key)
                if prev.idx == group[0].idx - 1 and occ > 0 and best[2][0] - 1 not in used:
                    group.insert(0, _Unit(prev.start + occ, prev.end, prev.text[occ:], prev.idx))
                    used.add(best[2][0] - 1)
            if level != "sentences" and edge == "end" and best[2][-1] + 1 < len(units):
                nxt = units[best[2][-1] + 1]
                occ = nxt.text.find(key)
                if nxt.idx == group[-1].idx + 1 and 0 <= occ < len(nxt.text) - len(key) and best[2][-1] + 1 not in used:
                    e = occ + len(key)
                    group.append(_Unit(nxt.start, nxt.start + e, nxt.text[:e], nxt.idx))
                    used.add(best[2][-1] + 1)
            groups.append(group)
    return groups


def _opening_frames(units: list[_Unit]) -> list[tuple[str, list[tuple[int, int]]]]:
    """R11: consecutive sentences that open with one varying character and a common stretch of ≥ 4
    characters (甲级学校要…。乙级学校要…。), and the sentence before them when it holds the same
    stretch after its first character, not at its start (…，这些丙级学校要…。): that member starts in the
    middle of its sentence. The common stretch must be lexical (R1)."""
    out = []
    i = 0
    while i + 1 < len(units):
        j = i
        core = None
        while j + 1 < len(units) and j + 1 - i < MAX_WINDOW and units[j + 1].idx == units[j].idx + 1:
            c = _common_prefix([u.text[1:] for u in units[i:j + 2]])
            if len(c) < 4 or len({u.text[0] for u in units[i:j + 2]}) < j + 2 - i or not _lexical(c):
                break
            core = c
            j += 1
        if core is None:
            i += 1
            continue
        spans = [(u.start, u.end) for u in units[i:j + 1]]
        if i > 0 and units[i - 1].idx == units[i].idx - 1:
            prev = units[i - 1]
            occ = prev.text.rfind(core)
            if occ >= 2 and _HAN.match(prev.text[occ - 1]) and prev.text[occ - 1] not in {u.text[0] for u in units[i:j + 1]}:
                spans.insert(0, (prev.start + occ - 1, prev.end))
        out.append(("□" + core + "…", spans))
        i = j + 1
    return out


def _consecutive(group: list[_Unit]) -> bool:
    return all(b.idx - a.idx == 1 for a, b in zip(group, group[1:]))


#: R6 and R11 read windows of at most this many consecutive units (a frame of more members is found as
#: several instances; the bound keeps the cost linear in a sentence of any length).
MAX_WINDOW = 16


def _frame_windows(units: list[_Unit], level: str) -> list[tuple[list[_Unit], tuple[str, str]]]:
    """R6 at the clause level: from each unit, the longest window of consecutive units of nearly
    equal length (3–16 characters, within two of each other) that forms a positional frame."""
    out = []
    i = 0
    while i < len(units):
        j = i
        while (j + 1 < len(units) and j + 1 - i < MAX_WINDOW and units[j + 1].idx == units[j].idx + 1
               and abs(len(units[j + 1].text) - len(units[i].text)) <= 2):
            j += 1
        hit = None
        for jj in range(j, i, -1):
            g = units[i:jj + 1]
            if not all(3 <= len(u.text) <= 16 for u in g):
                continue
            res = _classify([u.text for u in g], level)
            if res and res[0] == "frame":
                hit = (g, res)
                break
        if hit:
            out.append(hit)
            i += len(hit[0])
        else:
            i += 1
    return out


# ---- item lists (R5) ------------------------------------------------------------------------------

def _cut_after(t: str, p_len: int) -> int:
    """End of an anaphora member inside item text ``t``: before 等 if there is one after P+1, else
    before the first other break character after P+1."""
    i = t.find("等", p_len + 1)
    if i > 0:
        return i
    for i in range(p_len + 1, len(t)):
        if t[i] in _BREAK_AFTER:
            return i
    return len(t)


def _item_chains(items: list[_Unit], edge: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """Anaphora (``edge="start"``) or epiphora chains in one clause's items: ``(shared, [(a, b), …])``."""
    out = []
    n = len(items)
    k = 0
    while k < n - 1:
        cur, nxt = items[k].text, items[k + 1].text
        found = None
        for L in range(min(4, len(nxt) - 1), 0, -1):
            if edge == "start":
                P = nxt[:L]
                occ = cur.rfind(P)
                if occ >= 0 and len(cur) - occ > L and not any(c in _BREAK_AFTER for c in cur[occ + L:]):
                    found = (P, occ)
                    break
            else:
                S = cur[-L:] if len(cur) > L else None
                if S and S in nxt[1:] and len(nxt) > L:
                    found = (S, None)
                    break
        if not found:
            k += 1
            continue
        shared = found[0]
        spans: list[tuple[int, int]] = []
        if edge == "start":
            occ = found[1]
            spans.append((items[k].start + occ, items[k].end))
            j = k + 1
            while j < n and items[j].text.startswith(shared):
                t = items[j].text
                chain_end = j == n - 1 or not items[j + 1].text.startswith(shared)
                e = _cut_after(t, len(shared)) if chain_end else len(t)
                if chain_end and e == len(t):
                    longest = max(b - a for a, b in spans)
                    if e > longest:
                        e = _cut_predicate(t, len(shared))
                spans.append((items[j].start, items[j].start + e))
                if e < len(t):
                    break
                j += 1
            last = j if j < n else n - 1
        else:
            j = k + 1
            members_end = []
            while j < n:
                t = items[j].text
                if t.endswith(shared):
                    members_end.append((items[j].start, items[j].end))
                    j += 1
                    continue
                pos = t.find(shared, 1)
                if pos > 0:
                    members_end.append((items[j].start, items[j].start + pos + len(shared)))
                    j += 1
                break
            if not members_end:
                k += 1
                continue
            width = members_end[0][1] - members_end[0][0]
            ca = max(items[k].start, items[k].end - width)
            window = items[k].text[len(items[k].text) - (items[k].end - ca):]
            cut = max(_rfind_break(window, c) for c in _BREAK_BEFORE)
            if cut >= 0 and cut < len(window) - len(shared) - 1:
                ca += cut + 1
            else:
                ca = _snap_left(items[k], ca)
            ca = _count_before(items[k], ca, [items[k + 1 + q].text for q in range(len(members_end))])
            spans = [(ca, items[k].end)] + members_end
            last = j - 1
        out.append((shared, spans))
        k = max(last, k + 1)
    return out


def _rfind_break(window: str, c: str) -> int:
    """Last position of break character ``c`` in ``window``, skipping 及其 / 和其 / 与其 (“X and its Y”
    is one noun phrase: 甲及其家人)."""
    i = window.rfind(c)
    while i >= 0 and c in "及和与" and window[i + 1:i + 2] == "其":
        i = window.rfind(c, 0, i)
    return i


_COUNT = re.compile(r"(?:[0-9０-９]+|[一二两三四五六七八九十百几]+)(?P<m>[次个项名位条批家届场轮件])")


def _count_before(item: _Unit, a: int, others: list[str]) -> int:
    """R5 (counts): when every other member opens with a number and the same measure word (1次…,
    两个…), the number + measure right before the first member's cut ``a`` joins it (3次甲会议、1次乙会议)."""
    ms = [_COUNT.match(t) for t in others]
    if not ms or not all(ms) or len({m.group("m") for m in ms}) != 1:
        return a
    head = item.text[:a - item.start]
    m = re.search(_COUNT.pattern + "$", head)
    if m and m.group("m") == ms[0].group("m"):
        return item.start + m.start()
    return a


def _cut_predicate(t: str, p_len: int) -> int:
    """End of the last anaphora member of an item list when it is longer than the others and has no
    break character: before the first adverb, preposition or conjunction token after P (甲类工厂、
    甲类班组按时开工 → 甲类班组: the trailing predicate is shared by all members)."""
    pos = 0
    for w, tag in pos_tags(t):
        if pos > p_len and tag[:1] in ("d", "p", "c"):
            return pos
        pos += len(w)
    return len(t)


def _snap_left(item: _Unit, a: int) -> int:
    """Move a cut inside ``item`` left to the start of the jieba token that contains it."""
    pos = item.start
    for w, _t in pos_tags(item.text):
        if pos <= a < pos + len(w):
            return pos
        pos += len(w)
    return a


def _pair_frame_ok(pat: str) -> bool:
    """R6 for two items: at least three shared characters at the same positions, and equal length."""
    return "…" not in pat and sum(c != "□" for c in pat) >= 3


def _item_frame(items: list[_Unit]) -> list[tuple[int, int]] | None:
    """R6 for a whole list of ≥ 3 items: middle items as they are, first item's tail and last item's
    head trimmed to their neighbours' length (the last one first cut at a break character)."""
    if len(items) < 2:
        return None
    if len(items) == 2:  # a pair: the first item's tail trimmed to the (whole) second item
        first, last = items
        la = len(last.text)
        if len(first.text) < la:
            return None
        return [(first.end - la, first.end), (last.start, last.end)]
    mids = items[1:-1]
    first, last = items[0], items[-1]
    la = len(items[1].text)
    a0 = max(first.start, first.end - la)
    lt = last.text[:_cut_after(last.text, 0)] if any(c in last.text[1:] for c in _BREAK_AFTER) else last.text
    lb = min(len(lt), len(items[-2].text))
    spans = [(a0, first.end)] + [(u.start, u.end) for u in mids] + [(last.start, last.start + lb)]
    return spans


# ---- pairs (R9, R10) ---------------------------------------------------------------------------

_CONJ = "和与及"


def _strip_quotes(t: str, a: int, b: int) -> tuple[int, int]:
    while a < b and t[a] in OPENERS:
        a += 1
    while b > a and t[b - 1] in _TRAIL:
        b -= 1
    return a, b


#: R9 looks at most this many characters either side of a conjunction (a unit joined by 和 is a phrase,
#: never longer; the bound keeps the cost linear in an item of any length).
CONJ_WINDOW = 64


def _conj_pairs(item: _Unit) -> list[list[tuple[int, int]]]:
    """R9: two units joined by 和 / 与 / 及 (a conjunction token of its own in the jieba pass) inside one
    item. The right unit ends before the next break character; the left unit is the stretch before
    the conjunction, taken from the last occurrence of the right unit's opening (anaphora) or trimmed
    to the right unit's length at a token start (epiphora, frame). Both units lie within
    :data:`CONJ_WINDOW` characters of the conjunction. Offsets are candidates only:
    :func:`_classify` then applies R1–R3 and R6 to the pair."""
    t = item.text
    if not any(c in t[1:-1] for c in _CONJ):
        return []
    out = []
    pos, starts, conj, ends = 0, [], [], []
    toks = pos_tags(t)
    for w, tag in toks:
        starts.append(pos)
        ends.append(pos + len(w))
        if w in _CONJ and tag[:1] in ("c", "p"):
            conj.append(pos)
        pos += len(w)
    W = CONJ_WINDOW
    for c in conj:
        hi = min(len(t), c + 1 + W)
        ra, rb = c + 1, hi
        for i in range(c + 2, hi):
            if t[i] in _BREAK_AFTER and t[i] not in "的之":
                rb = i
                break
        rfull = rb
        for i in range(c + 2, rb):
            if t[i] in "的之":
                rb = i
                break
        ra, rb = _strip_quotes(t, ra, rb)
        la, lb = _strip_quotes(t, max(0, c - W), c)
        right = t[ra:rb]
        if len(right) < 2 or lb - la < 2:
            continue
        left = t[la:lb]
        for L in range(min(4, len(right) - 1), 1, -1):  # anaphora: the right unit's opening in the left
            occ = left.rfind(right[:L])
            if occ >= 0 and len(left) - occ > L:
                la = la + occ
                # the right unit ends before its predicate (a verb, adverb, preposition, conjunction
                # or punctuation token after the shared opening), or before a 的 once it is as long as
                # the left unit
                want, rb = ra + (lb - la), rfull
                for k in range(bisect_right(starts, ra + L), bisect_left(starts, rfull)):
                    w, tag = toks[k]
                    if tag[:1] in ("v", "d", "p", "c", "x") or (w in "的之" and starts[k] >= want):
                        rb = starts[k]
                        break
                rb = _strip_quotes(t, ra, rb)[1]
                break
        else:
            a = max(la, lb - len(right))
            k = bisect_right(starts, a) - 1
            a = starts[k] if k >= 0 else la  # token start
            la = max(la, a)
            win = t[la:lb]
            cut = max(_rfind_break(win, ch) for ch in _BREAK_BEFORE)
            if 0 <= cut < len(win) - 2:
                la += cut + 1
        if lb - la >= 2:
            out.append([(item.start + la, item.start + lb), (item.start + ra, item.start + rb)])
    return out


def _one_char_pair(items: list[_Unit]) -> tuple[str, str, list[tuple[int, int]]] | None:
    """R10: a list of exactly two items whose members share one lexical character at the same position.
    The second member is the shortest token-aligned head of the last item (3–6 characters) that holds
    the character; the first member is the tail of the first item of the same length. One shared
    character is enough only with structural evidence: it sits inside both members with slots on both
    sides (甲守乙丙、丁守戊己 → frame □守□□), or both members are phrases of the same token-length
    pattern of ≥ 2 tokens (扩增量、保存量: 1+2 characters each, not one word like 甲链、乙丙链)."""
    if len(items) != 2:
        return None
    first, last = items
    pos, head = 0, None
    toks = pos_tags(last.text)
    for w, _tag in toks:
        pos += len(w)
        if pos >= 3:
            head = pos
            break
    if head is None or head > 6:
        return None
    right = last.text[:head]
    if len(first.text) < head + (0 if first.text == first.text[-head:] else 0):
        return None
    left = first.text[-head:]
    if len(left) != head:
        return None
    if head not in (3, 4):
        return None
    ftoks, fpos, fstarts = pos_tags(first.text), 0, set()
    for w, _tag in ftoks:
        fstarts.add(fpos)
        fpos += len(w)
    if len(first.text) - head not in fstarts:  # the first member starts at a token start
        return None
    same = [i for i in range(head) if left[i] == right[i]]
    if len(same) != 1:
        return None
    i = same[0]
    ch = left[i]
    if ch in FUNCTION_CHARS or not _HAN.match(ch) or not _HAN.match(left[0]):
        return None
    spans = [(first.end - head, first.end), (last.start, last.start + head)]
    if i == 1 and head == 4:
        return "frame", "".join(ch if k == i else "□" for k in range(head)), spans
    pat_l = [len(w) for w, _ in pos_tags(left)]
    pat_r = [len(w) for w, _ in pos_tags(right)]
    def inside_word(m: str) -> bool:  # the shared character is part of a longer token
        k = 0
        for w, _tag in pos_tags(m):
            if k <= i < k + len(w):
                return len(w) > 1
            k += len(w)
        return False

    if head == 3 and len(pat_l) >= 2 and pat_l == pat_r and inside_word(left) and inside_word(right):
        return ("anaphora", ch + "…", spans) if i == 0 else ("epiphora", "…" + ch, spans)
    return None


# ---- compact frames (R7) ------------------------------------------------------------------------

#: A clause longer than this is read in windows where a rule would otherwise re-read it for every hit.
LONG_UNIT = 256
#: Function characters that still form compact frames (所X所Y所Z: "what they X, Y and Z").
_COMPACT_FUNCTION_OK = "所"
_COMPACT_PRE = re.compile(r"(?P<a>[\u4e00-\u9fff])[\u4e00-\u9fff](?:(?P=a)[\u4e00-\u9fff]){2,}")
_COMPACT_SUF = re.compile(r"[\u4e00-\u9fff](?P<a>[\u4e00-\u9fff])(?:[\u4e00-\u9fff](?P=a)){2,}")


def _extend_last(text: str, a: int, e: int, b: int) -> int:
    """R7': the last member of an A+x frame ends at the end of the jieba token holding its x (抓甲抓乙抓丙丁
    when 丙丁 is one word), and a nominal last member takes the nominal tokens that follow it, up to
    four characters (全甲全乙全丙各界人士: the modifier 各界人士 belongs to the last member). In a clause
    longer than :data:`LONG_UNIT` characters only the next 32 characters are read (linear cost)."""
    pos = a
    toks = pos_tags(text[a:b if b - a <= LONG_UNIT else min(b, e + 32)])
    i = 0
    while i < len(toks) and pos + len(toks[i][0]) < e:
        pos += len(toks[i][0])
        i += 1
    if i == len(toks):
        return e
    end = pos + len(toks[i][0])
    if pos < e - 1 and end > e:  # the token starts before x: the member is a word of its own
        return e
    if end - e > 2:
        return e
    nominal = toks[i][1][:1] == "n" and pos == a and end == e  # the member is one nominal word
    i += 1
    while nominal and i < len(toks) and (toks[i][1][:1] == "n" or toks[i][1] == "l") \
            and end + len(toks[i][0]) - e <= 4 and all(_HAN.match(c) for c in toks[i][0]):
        end += len(toks[i][0])
        i += 1
    return max(end, e)


def _compact(text: str, a: int, b: int) -> list[tuple[str, str, list[tuple[int, int]]]]:
    out = []
    taken: list[tuple[int, int]] = []
    for rx, kind in ((_COMPACT_PRE, "pre"), (_COMPACT_SUF, "suf")):
        for m in rx.finditer(text, a, b):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue  # A+x read wins over x+A on the same characters
            spans = [(i, i + 2) for i in range(s, e - 1, 2)]
            xs = [text[i + 1] if kind == "pre" else text[i] for i, _ in spans]
            if len(set(xs)) < len(xs):
                continue
            A = m.group("a")
            if A not in _COMPACT_FUNCTION_OK and (A in FUNCTION_CHARS or not _lexical(A)):
                # 所 is a function character but 所X所Y所Z is a productive frame
                continue
            if kind == "pre":
                spans[-1] = (spans[-1][0], _extend_last(text, spans[-1][0], spans[-1][1], b))
                e = spans[-1][1]
            taken.append((s, e))
            out.append(("anaphora" if kind == "pre" else "epiphora", A + "□" if kind == "pre" else "□" + A, spans))
    return out


# --------------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------------

class _StartSets:
    """The start-offset sets of the instances found so far, indexed by start offset, for R8's first
    check: is a new set a subset or a superset of one of them? A superset of the new set holds all
    of its offsets and a subset at least one, so only the sets sharing an offset are compared."""

    def __init__(self) -> None:
        self.sets: list[frozenset[int]] = []
        self.by_start: dict[int, list[int]] = {}

    def add(self, starts: set[int]) -> None:
        for a in starts:
            self.by_start.setdefault(a, []).append(len(self.sets))
        self.sets.append(frozenset(starts))

    def nested(self, starts: set[int]) -> bool:
        cands: set[int] = set()
        for a in starts:
            cands.update(self.by_start.get(a, ()))
        return any(starts <= self.sets[j] or self.sets[j] <= starts for j in cands)


class _MemberIndex:
    """The members of the instances found so far at one level, in buckets of :attr:`B` characters
    (each member is filed under every bucket it covers), for :func:`parallelisms`' R8 check."""

    B = 64

    def __init__(self) -> None:
        self.buckets: dict[int, list[tuple[int, int, int]]] = {}

    def add(self, inst: int, spans: list[tuple[int, int]]) -> None:
        for a, b in spans:
            for k in range(a // self.B, max(a, b - 1) // self.B + 1):
                self.buckets.setdefault(k, []).append((a, b, inst))

    def hits(self, spans: list[tuple[int, int]]) -> dict[int, int]:
        """For each instance: how many of ``spans`` overlap at least one of its members
        (overlap: ``a < member end and member start < b``)."""
        count: dict[int, int] = {}
        for a, b in spans:
            seen = set()
            for k in range(a // self.B, max(a, b - 1) // self.B + 1):
                for ma, mb, inst in self.buckets.get(k, ()):
                    if inst not in seen and a < mb and ma < b:
                        seen.add(inst)
            for inst in seen:
                count[inst] = count.get(inst, 0) + 1
        return count


#: The levels of units the detector looks at, in the order it tries them (R8: higher levels first).
LEVELS = ("segments", "clauses", "sentences", "items", "compact")


@takes_speech
def parallelisms(speech: Speech, levels: tuple[str, ...] = LEVELS, *,
                 proposed: dict[str, list[tuple[str, str, str, list[tuple[int, int]]]]] | None = None
                 ) -> list[dict]:
    """All parallelism instances, in text order (see the module docstring for the rules).

    R8 is checked against indexes rather than against every instance found so far (the result is
    the same, in near-linear time): the start sets of the accepted instances in :class:`_StartSets`,
    and their members per level in :class:`_MemberIndex`. ``proposed``: the :func:`level_proposals` of some
    of the levels, computed beforehand (in another process: :mod:`zhdiscourse.patterns.parallel`).
    """
    with session():
        return _parallelisms(speech, levels, proposed if proposed is not None else {})


def level_proposals(speech: Speech, level: str, _units: dict | None = None
                    ) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """What the rules propose at one ``level`` of :data:`LEVELS`: ``(kind, frame, level, member spans)`` in the
    order :func:`parallelisms` tries them, before R8 (which keeps a proposal only when it does not repeat one
    kept before it). A function of the text alone (plain data); ``_units`` shares the sentence lists between
    the levels of one run."""
    text = speech.text
    out: list[tuple[str, str, str, list[tuple[int, int]]]] = []

    def add(kind: str, frame: str, level: str, spans: list[tuple[int, int]]):
        out.append((kind, frame, level, spans))

    units = _units if _units is not None else {}
    if "sents" not in units:
        units["sents"] = [s for s in speech.sentences if not s.is_heading]
    sents = units["sents"]
    if level in ("segments", "clauses"):
        if "clauses" not in units:
            units["clauses"] = _clauses_by_sentence(speech)
        clauses = units["clauses"]
        for s in sents:
            units_ = _sentence_units(speech, s, level, clauses)
            if len(units_) < 2:
                continue
            gap = 2 if level == "clauses" else 0
            for edge in ("start", "end"):
                for g in _chains_by_edge(units_, edge, gap, level):
                    res = _classify([u.text for u in g], level, _consecutive(g))
                    if res:
                        add(res[0], res[1], level, [(u.start, u.end) for u in g])
            if level == "clauses":
                for g, res in _frame_windows(units_, level):
                    add(res[0], res[1], level, [(u.start, u.end) for u in g])
    elif level == "sentences":
        title_starts = {u.start for u in speech.subsections}
        by_section: dict = {}
        for s in sents:
            by_section.setdefault(s.section, []).append(s)
        for sec_label in {s.section for s in sents}:
            units_ = []
            for s in by_section[sec_label]:
                if s.start not in title_starts:
                    a, b = _clean(text, s.start, s.end)
                    while b > a and text[b - 1] in "。！？!?":
                        b -= 1
                    units_.append(_Unit(a, b, text[a:b], s.index))
            for edge in ("start", "end"):
                for g in _chains_by_edge(units_, edge, 1, level):
                    res = _classify([u.text for u in g], level, _consecutive(g))
                    if res:
                        add(res[0], res[1], level, [(u.start, u.end) for u in g])
            for frame, spans in _opening_frames(units_):
                add("frame", frame, level, spans)
    elif level == "items":
        by_clause: dict[int, list[_Unit]] = {}
        for it in speech.items:
            a, b = _clean(text, it.start, it.end)
            if a < b:
                by_clause.setdefault(it.clause, []).append(_Unit(a, b, text[a:b], it.index))
        for _ci, items in sorted(by_clause.items()):
            if len(items) < 2:
                continue
            for edge in ("start", "end"):
                for _shared, spans in _item_chains(items, edge):
                    res = _classify([text[a:b] for a, b in spans], "items")
                    if res:
                        add(res[0], res[1], "items", spans)
            spans = _item_frame(items)
            if spans:
                res = _classify([text[a:b] for a, b in spans], "items")
                if res and res[0] == "frame" and (len(spans) > 2 or _pair_frame_ok(res[1])):
                    add(res[0], res[1], "items", spans)
            one = _one_char_pair(items)
            if one:
                add(one[0], one[1], "items", one[2])
        units_for_pairs = []
        for c in speech.clauses:  # R9: in every item, and in every clause that has no items
            if c.index in by_clause:
                units_for_pairs.extend(by_clause[c.index])
            else:
                a, b = _clean(text, c.start, c.end)
                if a < b:
                    units_for_pairs.append(_Unit(a, b, text[a:b], c.index))
        for it in units_for_pairs:
            for spans in _conj_pairs(it):
                res = _classify([text[a:b] for a, b in spans], "items")
                if res:
                    add(res[0], res[1], "items", spans)
    elif level == "compact":
        for c in speech.clauses:
            for kind, frame, spans in _compact(text, c.start, c.end):
                add(kind, frame, "compact", spans)
    else:
        raise ZhDiscourseError(f"unknown level {level!r}: use {', '.join(LEVELS)}")
    return out


def _parallelisms(speech: Speech, levels: tuple[str, ...], proposed: dict) -> list[dict]:
    text = speech.text
    found: list[dict] = []
    seen_starts = _StartSets()
    members_at: dict[str, _MemberIndex] = {}

    def add(kind: str, frame: str, level: str, spans: list[tuple[int, int]]):
        starts = {a for a, _b in spans}
        if seen_starts.nested(starts):
            return
        idx = members_at.setdefault(level, _MemberIndex())
        if any(2 * h >= len(spans) for h in idx.hits(spans).values()):
            return
        seen_starts.add(starts)
        idx.add(len(found), spans)
        a0 = spans[0][0]
        found.append({"kind": kind, "frame": frame, "level": level, "section": section_of(speech, a0),
                      "sentence": sentence_index(speech, a0), "start": a0, "end": spans[-1][1],
                      "members": [{"text": text[a:b], "start": a, "end": b} for a, b in spans]})

    units: dict = {}
    # this process's own levels first, then the check in order (``proposed`` may still be in the making)
    own = {level: level_proposals(speech, level, units) for level in levels if level not in proposed}
    for level in levels:
        for kind, frame, lv, spans in (own[level] if level in own else proposed[level]):
            add(kind, frame, lv, spans)
    found.sort(key=lambda d: (d["start"], d["end"]))
    for i, d in enumerate(found):
        d["id"] = i
    return found
