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
F4 Balanced pairs of equal shape: two neighbouring clauses (or 、-items) of equal length ≥ 6 whose
   part-of-speech sequences align (longest common subsequence ≥ 0.8 of the longer) and that share at
   least one character at the same position (平时看得出来、关键站得出来).
F5 A shared preposition opening: two neighbouring clauses (split on ，；：) that open with the same
   preposition token (为 / 对 / 向 / 在 / 以 / 从 / 把 …, tagged ``p``), each with a verb after it, whose
   part-of-speech sequences align ≥ 0.5 and whose lengths are within a factor of 2.5.
"""

from __future__ import annotations

from ...text.model import Speech
from ..spans import pos_tags, section_of, sentence_index
from .clauses import Clause, common_prefix, lcs_ratio
from .rules import FUNCTION_CHARS, _lexical

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
            out.append(_record(speech, "frame", f"…，{key}…", "sentences", spans, "F3"))
            i = j + 1
        else:
            i += 1
    return out


def _balanced_pairs(speech: Speech, line: list[Clause]) -> list[dict]:
    out = []
    for a, b in zip(line, line[1:]):
        if a.seg != b.seg or len(a.text) != len(b.text) or len(a.text) < 6:
            continue
        if not any(x == y and x not in FUNCTION_CHARS for x, y in zip(a.text, b.text)):
            continue
        ta, tb = _tags(a.text), _tags(b.text)
        if lcs_ratio(ta, tb) >= 0.8 and a.text != b.text:
            pat = "".join(x if x == y else "□" for x, y in zip(a.text, b.text))
            out.append(_record(speech, "frame", pat, "clauses", [(a.start, a.end), (b.start, b.end)], "F4"))
    return out


def _preposition_pairs(speech: Speech) -> list[dict]:
    out = []
    by_sent: dict[int, list] = {}
    for c in speech.clauses:
        by_sent.setdefault(c.sentence, []).append(c)
    for cl in by_sent.values():
        for a, b in zip(cl, cl[1:]):
            ta, tb = pos_tags(a.text), pos_tags(b.text)
            if not ta or not tb or ta[0][1] != "p" or ta[0][0] != tb[0][0]:
                continue
            if not any(t.startswith("v") for _w, t in ta[1:]) or not any(t.startswith("v") for _w, t in tb[1:]):
                continue
            la, lb = len(a.text), len(b.text)
            if max(la, lb) > 2.5 * min(la, lb):
                continue
            ga, gb = tuple(t[:1] for _w, t in ta), tuple(t[:1] for _w, t in tb)
            if lcs_ratio(ga, gb) >= 0.5:
                out.append(_record(speech, "anaphora", f"{ta[0][0]}…", "clauses",
                                   [(a.start, a.end), (b.start, b.end)], "F5"))
    return out


def forms(speech: Speech, lines: list[list[Clause]]) -> list[dict]:
    """Instances of F1–F5 (``lines``: :func:`~.clauses.clause_lines` of the speech's body)."""
    out = []
    for line in lines:
        out += _correlatives(speech, line)
        out += _adverb_openings(speech, line)
        out += _balanced_pairs(speech, line)
    out += _sentence_inner_openings(speech)
    out += _preposition_pairs(speech)
    return out
