"""Structural forms of parallelism that share little or no repeated word (second-generation rules).

F1 Correlative pairs: a clause opening with the first marker of a correlative pair (既 / 不仅 / 不但 /
   一方面 / 不是) and a later clause of the same line (at most four clauses on) opening with its second
   marker (又 / 也 / 而且 / 还 / 另一方面 / 而是). The first member runs up to the clause before the
   second marker; the second has as many clauses (not past a sentence end).
F2 An opening after a leading adverb: a clause that opens with 也 / 又 / 还 / 更 / 都 followed by a lexical
   stretch P of ≥ 3 characters that occurs inside the clause before it (…大家必须做到甲，也必须做到乙):
   the first member starts at P; further clauses opening with the adverb + P, or with P, join.
F3 A shared clause opening across sentences: ≥ 3 consecutive sentences of one part whose last clauses
   open with the same lexical stretch of ≥ 2 characters (…，展现了甲。…，展现了乙。…): the members are the
   sentences.
F4 Balanced pairs of equal shape: two neighbouring clauses (or 、-items) of equal length ≥ 6 that share
   at least one character at the same position and whose part-of-speech sequences align (longest
   common subsequence ≥ 0.8 of the longer, or ≥ 0.5 when a shared character is a one-character token
   at the same offset in both, after tokens of the same part of speech: 上课时听得进去、下课后坐得下来).
F5 A shared preposition opening: neighbouring clauses of one sentence (split on ，；：) that open with
   the same preposition token (为 / 对 / 向 / 在 / 以 / 从 / 把 …, tagged ``p``), each with a verb after
   it, each pair aligned ≥ 0.5 in part-of-speech sequence (punctuation tokens left out) and within a
   factor of 2.5 in length; a run of such clauses is one instance (对甲要…，对乙要…，对丙要…), and once a
   pair is found, a next clause with the same preposition joins when it shares ≥ 3 characters in order
   with the first member (the frame 对…的要…).
   F3 also takes the sentence right before the run, from its first clause that opens with the token
   every member opens with, when its last clause has the shape of one of theirs (length within two characters and
   part-of-speech alignment ≥ 0.75, or one length and ≥ 2 characters at the same positions):
   向甲，送上热烈的祝贺！ before 向乙，表示热烈的欢迎！向丙，表示…！.
F6 Reduplicated openings: neighbouring clauses or 、-items of equal length (3–6 characters) that each
   open with a doubled character (XX…) and split into the same token lengths (稳稳推进、处处留心).
F7 A shared head morpheme: ≥ 3 consecutive 、-items of 2–5 characters ending in a nominal token of
   ≥ 2 characters (the first item may carry leading words: its member is its trailing nominal
   tokens, up to 5 characters), whose
   last tokens all hold the same lexical character (打了一场阵地战争、运动战、游击战): a list of noun
   phrases (lexical coordination for the classes of :mod:`.detector`).
F8 Compact frames of words: inside one clause, ≥ 3 repetitions of a one-character token A followed by
   a two-character token (各甲乙各丙丁各戊己; A may be a distributive 各 / 每, which R7 leaves out).
"""

from __future__ import annotations

import re

from ...text.model import Speech
from ..spans import section_of, sentence_index
from .clauses import Clause, common_prefix, lcs_ratio
from .rules import _HAN, _HAN_NUMERALS, FUNCTION_CHARS, _lexical
from .tagging import pos_tags

CORRELATIVES = (("既", ("又", "也")), ("不仅", ("也", "而且", "还", "更")), ("不但", ("而且", "也", "还")),
                ("一方面", ("另一方面",)), ("不是", ("而是",)))
LEADING_ADVERBS = "也又还更都"
_SENT_END = set(".!?")


def _record(speech: Speech, kind: str, frame: str, level: str, spans: list[tuple[int, int]], form: str) -> dict:
    text = speech.text
    a0 = spans[0][0]
    return {"kind": kind, "frame": frame, "level": level, "section": section_of(speech, a0),
            "sentence": sentence_index(speech, a0), "start": a0, "end": spans[-1][1], "source": f"forms:{form}",
            "members": [{"text": text[a:b], "start": a, "end": b} for a, b in spans]}


def _tags(text: str) -> tuple[str, ...]:
    return tuple(t[:1] for _w, t in pos_tags(text) if t != "x")


def _correlatives(speech: Speech, line: list[Clause]) -> list[dict]:
    out = []
    for i, c in enumerate(line):
        for first, seconds in CORRELATIVES:
            if not c.text.startswith(first):
                continue
            for j in range(i + 1, min(len(line), i + 5)):
                if line[j - 1].after in _SENT_END:
                    break
                sec = next((s for s in seconds if line[j].text.startswith(s) and not line[j].text.startswith(first)),
                           None)
                if sec is None:
                    continue
                k = j
                while k + 1 < len(line) and k + 1 - j < j - i and line[k].after not in _SENT_END:
                    k += 1
                spans = [(c.start, line[j - 1].end), (line[j].start, line[k].end)]
                out.append(_record(speech, "frame", f"{first}…{sec}…", "clauses", spans, "F1"))
                break
            break
    return out


def _adverb_openings(speech: Speech, line: list[Clause]) -> list[dict]:
    out = []
    i = 1
    while i < len(line):
        c, prev = line[i], line[i - 1]
        if c.text[:1] in LEADING_ADVERBS and c.before not in _SENT_END:
            rest = c.text[1:]
            for n in range(min(6, len(rest) - 1), 2, -1):
                p = rest[:n]
                occ = prev.text.find(p)
                if occ > 0 and _lexical(p) and len(prev.text) > occ + n:
                    spans = [(prev.start + occ, prev.end), (c.start, c.end)]
                    j = i + 1
                    while j < len(line) and line[j].before not in _SENT_END and (
                            line[j].text.startswith(p) or line[j].text[1:].startswith(p)):
                        spans.append((line[j].start, line[j].end))
                        j += 1
                    out.append(_record(speech, "anaphora", f"({c.text[0]}){p}…", "clauses", spans, "F2"))
                    i = j - 1
                    break
        i += 1
    return out


def _same_shape(clause: str, others: list[str]) -> bool:
    """F3's test for a sentence before the run: its last clause and one of the members' last clauses
    are of (nearly) one length and align in part-of-speech sequence (≥ 0.75), or are of one length
    and share ≥ 2 characters at the same positions (送上热烈的祝贺 / 表示热烈的欢迎)."""
    for o in others:
        if abs(len(clause) - len(o)) <= 2 and lcs_ratio(_tags(clause), _tags(o)) >= 0.75:
            return True
        if len(clause) == len(o) and sum(x == y for x, y in zip(clause, o)) >= 2:
            return True
    return False


def _clause_opening(text: str, a: int, b: int, token: str) -> int | None:
    """The first offset in ``text[a:b]`` where a clause (after ，；： or at ``a``) opens with ``token``."""
    i = a
    while i < b:
        j = i
        while j < b and text[j] in " \t\u3000“‘「『（(《":
            j += 1
        if _first_token(text[j:b]) == token:
            return j
        nxt = min((k for k in (text.find(x, i, b) for x in "，；：,;:") if k >= 0), default=-1)
        if nxt < 0:
            return None
        i = nxt + 1
    return None


def _first_token(text: str) -> str | None:
    toks = [w for w, t in pos_tags(text[:12]) if t != "x"]
    return toks[0] if toks else None


def _sentence_inner_openings(speech: Speech) -> list[dict]:
    out = []
    sents = [s for s in speech.sentences if not s.is_heading]
    text = speech.text

    def last_clause(s):
        body = text[s.start:s.end].rstrip("。！？!?”’」』）) ")
        cut = max(body.rfind(x) for x in "，；,;")
        return body[cut + 1:] if cut > 0 else ""

    i = 0
    while i + 2 < len(sents):
        lc = [last_clause(sents[i])]
        j = i
        key = None
        while j + 1 < len(sents) and sents[j + 1].index == sents[j].index + 1 and \
                sents[j + 1].section == sents[i].section:
            nxt = last_clause(sents[j + 1])
            cand = lc + [nxt]
            p = cand[0]
            for t in cand[1:]:
                p = p[:common_prefix(p, t)]
            p = p[:4]
            if len(p) < 2 or not _lexical(p) or not all(len(t) > len(p) for t in cand):
                break
            lc, key, j = cand, p, j + 1
        if key and j - i + 1 >= 3 and not all(text[s.start:s.end].startswith(key) for s in sents[i:j + 1]):
            spans = []
            for s in sents[i:j + 1]:
                b = s.end
                while b > s.start and text[b - 1] in "。！？!?”’」』）) \n":
                    b -= 1
                spans.append((s.start, b))
            if i > 0 and sents[i - 1].index == sents[i].index - 1 and sents[i - 1].section == sents[i].section:
                openers = {_first_token(text[s.start:s.end]) for s in sents[i:j + 1]}
                prev, prev_last = sents[i - 1], last_clause(sents[i - 1])
                op = openers.pop() if len(openers) == 1 else None
                a = _clause_opening(text, prev.start, prev.end, op) if op else None
                if a is not None and prev_last and _same_shape(prev_last, lc):
                    b = prev.end
                    while b > a and text[b - 1] in "。！？!?”’」』）) \n":
                        b -= 1
                    spans.insert(0, (a, b))
            out.append(_record(speech, "frame", f"…，{key}…", "sentences", spans, "F3"))
            i = j + 1
        else:
            i += 1
    return out


def _token_starts(text: str) -> dict[int, tuple[str, str]]:
    out, pos = {}, 0
    for w, t in pos_tags(text):
        out[pos] = (w, t)
        pos += len(w)
    return out


def _shared_grammar_token(a: str, b: str) -> bool:
    """Two members of one length share a one-character token at the same offset, after tokens of the
    same part of speech (a verb before 得 in both: 上课时听得进去 / 下课后坐得下来)."""
    ka, kb = _token_starts(a), _token_starts(b)
    prev_a, prev_b = {p + len(w): t for p, (w, t) in ka.items()}, {p + len(w): t for p, (w, t) in kb.items()}
    for pos, (w, _t) in ka.items():
        if len(w) == 1 and kb.get(pos, ("",))[0] == w and pos in prev_a and pos in prev_b \
                and prev_a[pos][:1] == prev_b[pos][:1]:
            return True
    return False


def _balanced_pairs(speech: Speech, line: list[Clause]) -> list[dict]:
    out = []
    for a, b in zip(line, line[1:]):
        if a.seg != b.seg or len(a.text) != len(b.text) or len(a.text) < 6:
            continue
        if not any(x == y and x not in FUNCTION_CHARS for x, y in zip(a.text, b.text)):
            continue
        ta, tb = _tags(a.text), _tags(b.text)
        g = lcs_ratio(ta, tb)
        if a.text != b.text and (g >= 0.8 or (g >= 0.5 and _shared_grammar_token(a.text, b.text))):
            pat = "".join(x if x == y else "□" for x, y in zip(a.text, b.text))
            out.append(_record(speech, "frame", pat, "clauses", [(a.start, a.end), (b.start, b.end)], "F4"))
    return out


def _prep_tags(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, t) for w, t in pos_tags(text) if t != "x")


def _prep_pair(ta, tb, la: int, lb: int) -> bool:
    if not ta or not tb or ta[0][1] != "p" or ta[0][0] != tb[0][0]:
        return False
    if not any(t.startswith("v") for _w, t in ta[1:]) or not any(t.startswith("v") for _w, t in tb[1:]):
        return False
    if max(la, lb) > 2.5 * min(la, lb):
        return False
    return lcs_ratio(tuple(t[:1] for _w, t in ta), tuple(t[:1] for _w, t in tb)) >= 0.5


def _char_lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _prep_frame(first: str, new: str, ta, tb) -> bool:
    """A further member of an F5 run: the same preposition as the run's first member, a length within a
    factor of 2.5, and ≥ 3 characters in common with it in the same order (对甲的要乙 / 对丙的要丁)."""
    if not tb or tb[0] != ta[0] or max(len(first), len(new)) > 2.5 * min(len(first), len(new)):
        return False
    return _char_lcs(first, new) >= 3


def _preposition_pairs(speech: Speech) -> list[dict]:
    out = []
    by_sent: dict[int, list] = {}
    for c in speech.clauses:
        by_sent.setdefault(c.sentence, []).append(c)
    for cl in by_sent.values():
        memo: dict[int, tuple] = {}

        def tags(k: int) -> tuple:
            got = memo.get(k)
            if got is None:
                got = memo[k] = _prep_tags(cl[k].text)
            return got

        def pair(j: int) -> bool:
            ta = tags(j)
            if not ta or ta[0][1] != "p":  # what _prep_pair checks first, without the next clause's tags
                return False
            return _prep_pair(ta, tags(j + 1), len(cl[j].text), len(cl[j + 1].text))

        i = 0
        while i + 1 < len(cl):
            j = i
            while j + 1 < len(cl) and (pair(j) or (
                    j > i and _prep_frame(cl[i].text, cl[j + 1].text, tags(i), tags(j + 1)))):
                j += 1
            if j > i:
                out.append(_record(speech, "anaphora", f"{tags(i)[0][0]}…", "clauses",
                                   [(c.start, c.end) for c in cl[i:j + 1]], "F5"))
                i = j + 1
            else:
                i += 1
    return out


def _reduplicated(speech: Speech, line: list[Clause]) -> list[dict]:
    """F6 (see the module docstring)."""
    out = []

    def shape(c: Clause):
        t = c.text
        if not (3 <= len(t) <= 6) or t[0] != t[1] or not _HAN.match(t[0]) or t[0] in _HAN_NUMERALS:
            return None
        return len(t), tuple(len(w) for w, _t in pos_tags(t))

    i = 0
    while i + 1 < len(line):
        j = i
        sh = shape(line[i])
        while sh and j + 1 < len(line) and line[j + 1].seg == line[i].seg and shape(line[j + 1]) == sh \
                and line[j + 1].text[0] not in {c.text[0] for c in line[i:j + 1]}:
            j += 1
        if j > i:
            out.append(_record(speech, "frame", "XX" + "□" * (sh[0] - 2), "items" if line[i].after == "、" else "clauses",
                               [(c.start, c.end) for c in line[i:j + 1]], "F6"))
            i = j + 1
        else:
            i += 1
    return out


def _shared_head(speech: Speech, line: list[Clause]) -> list[dict]:
    """F7 (see the module docstring)."""
    out = []

    def head(c: Clause, first: bool = False):
        toks = [(w, t) for w, t in pos_tags(c.text) if t != "x"]
        if not toks or toks[-1][1][:1] != "n" or len(toks[-1][0]) < 2:
            return None
        if 2 <= len(c.text) <= 5:
            return c.text, toks[-1][0]
        if not first or len(toks[-1][0]) > 5:
            return None
        # the first item carries leading words: its member is its trailing nominal tokens (≤ 5 characters)
        member = toks[-1][0]
        for w, t in reversed(toks[:-1]):
            if t[:1] != "n" or len(member) + len(w) > 5:
                break
            member = w + member
        return member, toks[-1][0]

    i = 0
    while i + 2 < len(line):
        if line[i].after != "、" or line[i + 1].seg != line[i].seg:
            i += 1  # no list of items starts here
            continue
        j = i
        heads = [head(line[i], first=True)]
        while heads[0] and j + 1 < len(line) and line[j].after == "、" and line[j + 1].seg == line[i].seg:
            h = head(line[j + 1])
            if not h:
                break
            shared = set(heads[0][1]).intersection(*(set(x[1]) for x in heads[1:] + [h]))
            if not any(_lexical(ch) for ch in shared):
                break
            heads.append(h)
            j += 1
        if j - i + 1 >= 3 and len({h[0] for h in heads}) == j - i + 1:
            shared = sorted(ch for ch in set(heads[0][1]).intersection(*(set(x[1]) for x in heads[1:])) if _lexical(ch))
            spans = [(line[i].end - len(heads[0][0]), line[i].end)] + [(c.start, c.end) for c in line[i + 1:j + 1]]
            out.append(_record(speech, "epiphora", "…" + shared[0] + "…", "items", spans, "F7"))
            i = j + 1
        else:
            i += 1
    return out


_F8_SHAPE = re.compile(r"(.)..\1..\1", re.DOTALL)


def _compact_words(speech: Speech, line: list[Clause]) -> list[dict]:
    """F8 (see the module docstring)."""
    out = []
    for c in line:
        if len(c.text) < 9 or _F8_SHAPE.search(c.text) is None:
            continue  # three members a+XY put the same character three characters apart twice
        toks = pos_tags(c.text)
        pos = [0]
        for w, _t in toks:
            pos.append(pos[-1] + len(w))
        k = 0
        while k + 5 < len(toks):
            a = toks[k][0]
            j = k
            while j + 1 < len(toks) and toks[j][0] == a and len(a) == 1 and _HAN.match(a) and len(toks[j + 1][0]) == 2 \
                    and all(_HAN.match(x) for x in toks[j + 1][0]):
                j += 2
            n = (j - k) // 2
            if n >= 3 and len({toks[k + 2 * q + 1][0] for q in range(n)}) == n:
                spans = [(c.start + pos[k + 2 * q], c.start + pos[k + 2 * q + 2]) for q in range(n)]
                out.append(_record(speech, "anaphora", a + "□□", "compact", spans, "F8"))
                k = j
            else:
                k += 1
    return out


def forms(speech: Speech, lines: list[list[Clause]]) -> list[dict]:
    """Instances of F1–F8 (``lines``: :func:`~.clauses.clause_lines` of the speech's body)."""
    out = []
    for line in lines:
        out += _correlatives(speech, line)
        out += _adverb_openings(speech, line)
        out += _balanced_pairs(speech, line)
        out += _reduplicated(speech, line)
        out += _shared_head(speech, line)
        out += _compact_words(speech, line)
    out += _sentence_inner_openings(speech)
    out += _preposition_pairs(speech)
    return out
