"""The strict rhetorical reading: general rules that encode the hand check's judging rules.

The hand checks of the detector (``data/handcheck/README.md``) judge an instance of class 排比 / 对偶 under
five written rules. Four of them describe kinds of output that the lexical rules and forms produce
although they are not figures; this module states them as tests on an instance's members, so that
:func:`~.detector.parallelisms` classifies or drops such instances itself. Nothing here names a word of
one text: the tests read lengths, punctuation and the part-of-speech tags of the token table
(:mod:`.tagging`), and a few grammatical words (conjunctions, the attributive 的, specifying adverbs).

S1 Compact formulas (judging rule 2, fixed compounds). An instance at the ``compact`` level (members
   with no delimiter between them, 甲乙甲丙甲丁) is a formula used as one word: class ``coordination``.
S2 Noun phrases (judging rule 2, lexical coordination). At the ``items`` level an instance is
   ``coordination`` when its members are noun phrases:
   a. the list modifies one noun: the token right after the last member, in the same clause, is a
      noun or a nominal verb of ≥ 2 characters (甲、乙、丙 + 工作: three modifiers of one head);
   b. every member is an attributive phrase with a nominal head (…的 + noun);
   c. two members joined by a conjunction (和 / 与 / 及 / 以及 / 同), both ending in a nominal token and
      holding no verb (a nominal verb such as 建设 tagged ``vn`` is not a verb here).
S3 Repeated narrative openings (judging rule 3). An instance of the lexical rules (``source`` ``rules``:
   not confirmed by the learned tagger, whose features are shapes of their own) at the ``sentences``
   or ``segments`` level whose members share only an opening (kind ``anaphora``) or only an ending
   (``epiphora``) is a figure only when its members, beyond the shared edge, have one shape:
   the lengths of what follows the edge agree (shortest / longest ≥ :data:`SHAPE_RATIO`) both over the
   whole members and over the clause next to the edge; when the shared opening is a subject (nominal or
   pronoun tokens only, no verb, adverb, preposition or conjunction), ≥ :data:`SUBJECT_RATIO`, because a
   repeated subject is the usual narrative run (我们…。我们…。). Shared structure beyond the edge
   also counts: the clauses next to the edge share a lexical ending (anaphora) or opening (epiphora) of
   ≥ 2 characters (要立甲之志，…／要立乙之志，…), or have one rhythm (as many 、-parts, ≥ 2, the first
   of one length: 要甲甲甲甲、乙乙，…／要丙丙丙丙、丁丁丁，…). Instances that fail are not reported.
S4 Specification (judging rule 1, not side by side). A member that opens with a specifying or
   exemplifying adverb (特别是 / 尤其是 / 包括 / 比如 / 例如 / 其中) narrows the member before it: the
   instance is not reported.
S5 Partial list (judging rule 4). A series of the learned tagger alone (``source`` ``model``) whose
   members are 、-items of a list that goes on before its first or after its last member skips members
   of the series: not reported. (Partial readings that overlap a better reading of the same series are
   dropped by :func:`~.detector._drop_partial`.)

The ratios were read off the congress reports 9–17 of the development texts and the speech; the report to
the 18th congress is held out (``data/handcheck/README.md``).
"""

from __future__ import annotations

import re

from .rules import _common_prefix, _common_suffix, _lexical
from .tagging import pos_tags

#: S3: the least length ratio (shortest / longest) of the members beyond a shared edge.
SHAPE_RATIO = 0.5
#: S3: the same when the shared opening is a subject.
SUBJECT_RATIO = 0.75
_CLAUSE_BREAK = re.compile(r"[，；：,;:]")
_NOMINAL = ("n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg")
_CONJUNCTIONS = ("和", "与", "及", "以及", "同", "跟")
_SPECIFIERS = ("特别是", "尤其是", "包括", "比如", "例如", "其中")
_QUOTES = "“”‘’「」『』\"'"
_NOT_SUBJECT = ("v", "d", "p", "c", "a")


def _is_nominal(tag: str) -> bool:
    return tag in _NOMINAL


def _toks(t: str) -> list[tuple[str, str]]:
    return [(w, g) for w, g in pos_tags(t) if g != "x" and w.strip(_QUOTES + " ")]


def _lexical2(s: str) -> bool:
    """At least two characters, with lexical material (R1 of :mod:`.rules`)."""
    return len(s) >= 2 and _lexical(s)


# ---- S1 / S2 ------------------------------------------------------------------------------------

def coordination(text: str, level: str, spans: list[tuple[int, int]]) -> bool:
    """S1 and S2: the instance is a compact formula or a list of noun phrases (see the module docstring)."""
    if level == "compact":
        return True
    if level != "items":
        return False
    ts = [text[a:b] for a, b in spans]
    toks = [_toks(t) for t in ts]
    if any(not tk for tk in toks):
        return False
    return _modifies_one_noun(text, spans[-1]) or _attributive(toks) or _joined_nouns(text, spans, toks)


def _modifies_one_noun(text: str, last: tuple[int, int]) -> bool:
    """S2a: the token right after the last member (same clause, no 的) is nominal."""
    a, b = last
    m = _CLAUSE_BREAK.search(text, b, min(len(text), b + 32))
    stop = m.start() if m else min(len(text), b + 32)
    for k in range(b, stop):  # the clause ends at any punctuation
        if not ("\u4e00" <= text[k] <= "\u9fff"):
            stop = k
            break
    if stop <= b:
        return False
    pos = a
    for w, g in pos_tags(text[a:stop]):
        if pos >= b:
            return pos == b and (_is_nominal(g) or g == "vn") and len(w) >= 2
        if pos + len(w) > b:  # the member ends inside a word: part of a longer noun
            return _is_nominal(g)
        pos += len(w)
    return False


def _attributive(toks: list[list[tuple[str, str]]]) -> bool:
    """S2b: every member is …的 + a nominal head."""
    return all(len(tk) >= 2 and _is_nominal(tk[-1][1]) and tk[-2][0] == "的" for tk in toks)


def _joined_nouns(text: str, spans: list[tuple[int, int]], toks) -> bool:
    """S2c: two members joined by a conjunction, both ending in a nominal token, with no verb."""
    if len(spans) != 2:
        return False
    gap = text[spans[0][1]:spans[1][0]].strip(_QUOTES + " ")
    return gap in _CONJUNCTIONS and all(_is_nominal(tk[-1][1]) and not any(g.startswith("v") and g != "vn" for _w, g in tk)
                                        for tk in toks)


# ---- S3 -----------------------------------------------------------------------------------------

def _first_clause(t: str) -> str:
    m = _CLAUSE_BREAK.search(t)
    return t[:m.start()] if m else t


def _last_clause(t: str) -> str:
    parts = _CLAUSE_BREAK.split(t)
    return parts[-1]


def _ratio(xs: list[int]) -> float:
    return min(xs) / max(xs) if max(xs) else 1.0


def _rhythm(clauses: list[str]) -> bool:
    parts = [c.split("、") for c in clauses]
    return len({len(p) for p in parts}) == 1 and len(parts[0]) >= 2 and len({len(p[0]) for p in parts}) == 1


def _subject(opening: str) -> bool:
    tk = _toks(opening)
    return bool(tk) and all(g[:1] not in _NOT_SUBJECT for _w, g in tk) and any(
        _is_nominal(g) or g.startswith("r") for _w, g in tk)


def shape(ts: list[str], kind: str) -> dict:
    """S3's measures for member texts ``ts`` sharing an opening (``kind="anaphora"``) or an ending:
    ``whole`` and ``edge`` (length ratios beyond the shared edge, over the whole members and over the
    clause next to the edge), ``subject`` (the shared opening is a subject), ``frame`` (the edge clauses
    share a lexical ending / opening) and ``rhythm``."""
    if kind == "anaphora":
        edge = _common_prefix(ts)
        rest = [t[len(edge):].lstrip("，；：,;:") for t in ts]
        near = [_first_clause(r) for r in rest]
        frame = _common_suffix(near)
    else:
        edge = _common_suffix(ts)
        rest = [t[:len(t) - len(edge)].rstrip("，；：,;:") for t in ts]
        near = [_last_clause(r) for r in rest]
        frame = _common_prefix(near)
    return {"whole": _ratio([len(r) for r in rest]), "edge": _ratio([len(c) for c in near]),
            "subject": kind == "anaphora" and _subject(edge),
            "frame": _lexical2(frame) and all(len(c) > len(frame) for c in near), "rhythm": _rhythm(near)}


def narrative(inst: dict, ts: list[str]) -> bool:
    """S3: an instance of the lexical rules at the sentence or segment level whose members share only an
    edge and go on in different shapes (see the module docstring)."""
    if inst["level"] not in ("sentences", "segments") or inst["kind"] not in ("anaphora", "epiphora"):
        return False
    if inst["source"] != "rules":  # the tagger's confirmation is evidence of shape of its own
        return False
    sh = shape(ts, inst["kind"])
    if sh["frame"] or sh["rhythm"]:
        return False
    need = SUBJECT_RATIO if sh["subject"] else SHAPE_RATIO
    return not (sh["whole"] >= need and sh["edge"] >= need)


# ---- S4 / S5 ------------------------------------------------------------------------------------

def specification(ts: list[str]) -> bool:
    """S4: a member after the first opens with a specifying or exemplifying adverb."""
    return any(t.lstrip(_QUOTES + " ").startswith(_SPECIFIERS) for t in ts[1:])


def partial_list(text: str, inst: dict, spans: list[tuple[int, int]]) -> bool:
    """S5: a tagger-only series of 、-items whose list goes on before its first or after its last member."""
    if inst["source"] != "model" or len(spans) < 2:
        return False
    gaps = [text[b:a].strip(_QUOTES + " ") for (_x, b), (a, _y) in zip(spans, spans[1:])]
    if any(g != "、" for g in gaps):
        return False
    a0, b1 = spans[0][0], spans[-1][1]
    before = text[max(0, a0 - 2):a0].strip(_QUOTES + " ")
    after = text[b1:b1 + 2].strip(_QUOTES + " ")
    return before.endswith("、") or after.startswith("、")


def not_a_figure(text: str, inst: dict, spans: list[tuple[int, int]]) -> str | None:
    """Which of S3–S5 rejects the instance (``"narrative"``, ``"specification"``, ``"partial list"``),
    or ``None``."""
    ts = [text[a:b] for a, b in spans]
    if narrative(inst, ts):
        return "narrative"
    if specification(ts):
        return "specification"
    if partial_list(text, inst, spans):
        return "partial list"
    return None
