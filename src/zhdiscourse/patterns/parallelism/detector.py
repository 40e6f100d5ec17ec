"""The second-generation parallelism detector: learned series, rules, structural forms, classes, nesting.

Sources of candidates
    ``model``    the clause-level CRF of :mod:`.model` (trained on the PSE-I essays): series of
                 clauses or sentences, whether or not their members repeat a word;
    ``rules``    the lexical rules R1–R11 of :mod:`.rules` (anaphora, epiphora, frames, item lists,
                 pairs joined by 和, compact frames);
    ``forms``    the structural forms of :mod:`.forms` (correlative pairs 既…又…, openings after a
                 leading adverb, balanced pairs of equal shape, a shared clause opening across
                 sentences).

One instance per set of members: a rule or form instance whose members match a learned series (same
number of members, each overlapping its counterpart) is merged into it (the rule's frame is kept).

Classes (``class``)
    ``排比``          three or more parallel members;
    ``对偶``          two parallel members (对偶 / 对举);
    ``coordination``  lexical coordination: a list of noun phrases (items, pairs joined by 和, compact
                      frames) whose members hold no verb — 甲部门、乙部门 sharing a head or a modifier.
                      Reported, never counted as rhetoric (:func:`rhetorical`).

Structure (``structure``): for every instance, between its neighbouring members, the mean length ratio,
the mean alignment of their part-of-speech sequences (longest common subsequence of jieba tags over
the longer sequence), the shared frame (characters at the same positions, as a share of the shorter
member) and the member's position in its sentence (``start``/``inside``).

Score (``score``): the learned series' mean posterior probability; for rule and form instances the
mean of length ratio, POS alignment and frame share (0–1; a merged instance takes the larger).

Nesting: an instance whose members all lie inside one member of another instance is its child
(``parent`` = that instance's ``id``, the innermost such one; ``children`` lists ids). The flat list
keeps every level.
"""

from __future__ import annotations

from ...text.model import Speech
from ...text.structure import takes_speech
from ..spans import pos_tags, section_of, sentence_index
from . import forms, rules
from .clauses import clause_lines, lcs_ratio, positional
from .model import series

CLASSES = ("排比", "对偶", "coordination")
RHETORICAL = ("排比", "对偶")
#: Levels at which a series of noun phrases is lexical coordination rather than rhetoric.
_PHRASE_LEVELS = ("items", "compact")


def _tags(text: str) -> tuple[str, ...]:
    return tuple(t[:1] for w, t in pos_tags(text) if t != "x")


def _has_verb(text: str) -> bool:
    return any(t.startswith("v") and t != "vn" or t in ("a", "ad", "d") and len(w) > 1
               for w, t in pos_tags(text))


def structure(text: str, members: list[tuple[int, int]]) -> dict:
    """Structural similarity of neighbouring members (see the module docstring)."""
    ts = [text[a:b] for a, b in members]
    tags = [_tags(t) for t in ts]
    pairs = list(zip(range(len(ts)), range(1, len(ts))))
    ratio = sum(min(len(ts[i]), len(ts[j])) / max(len(ts[i]), len(ts[j]), 1) for i, j in pairs) / len(pairs)
    pos = sum(lcs_ratio(tags[i], tags[j]) for i, j in pairs) / len(pairs)
    frame = sum(positional(ts[i], ts[j]) / max(1, min(len(ts[i]), len(ts[j]))) for i, j in pairs) / len(pairs)
    return {"length_ratio": round(ratio, 3), "pos_alignment": round(pos, 3), "frame_share": round(min(frame, 1.0), 3)}


def _head(t: str) -> tuple[str, str] | None:
    toks = [(w, g) for w, g in pos_tags(t) if g != "x"]
    return toks[-1] if toks else None


def _classify(text: str, level: str, members: list[tuple[int, int]]) -> str:
    ts = [text[a:b] for a, b in members]
    if level in _PHRASE_LEVELS:
        if not any(_has_verb(t) for t in ts):
            return "coordination"
        heads = [_head(t) for t in ts]
        # a list of noun phrases sharing their head word (甲类物资、乙类物资)
        if all(heads) and len({h[0] for h in heads}) == 1 and heads[0][1][:1] in ("n", "v") and len(heads[0][0]) >= 2:
            return "coordination"
    return "排比" if len(members) >= 3 else "对偶"


def _same_members(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return len(a) == len(b) and all(x0 < y1 and y0 < x1 for (x0, x1), (y0, y1) in zip(a, b))


def _position(speech: Speech, a: int) -> str:
    i = sentence_index(speech, a)
    if i is None:
        return "inside"
    s = speech.sentences[i]
    head = speech.text[s.start:a].strip(" \t\u3000“‘「『（(《")
    return "start" if not head else "inside"


@takes_speech
def parallelisms(speech: Speech, levels: tuple[str, ...] = rules.LEVELS, *, learned: bool = True) -> list[dict]:
    """Every parallelism instance of ``speech``, in text order, with ``id``, ``class``, ``score``,
    ``source``, ``structure``, ``parent`` and ``children`` (see the module docstring), besides the
    fields of the first generation: kind, frame, level, section, sentence, start, end, members."""
    text = speech.text
    cands: list[dict] = []
    for inst in rules.parallelisms(speech, levels):
        inst = dict(inst)
        inst["source"] = "rules"
        cands.append(inst)
    lines = clause_lines(text, speech.body_start, speech.body_end)
    for inst in forms.forms(speech, lines):
        if not any(_same_members([(m["start"], m["end"]) for m in c["members"]],
                                 [(m["start"], m["end"]) for m in inst["members"]]) for c in cands):
            cands.append(inst)
    if learned:
        for s in series(text, lines=lines):
            spans = s["members"]
            match = next((c for c in cands if _same_members([(m["start"], m["end"]) for m in c["members"]], spans)),
                         None)
            if match is not None:
                match["source"] = match["source"] + "+model"
                match["model_score"] = s["score"]
                continue
            a0 = spans[0][0]
            one_sentence = sentence_index(speech, a0) == sentence_index(speech, spans[-1][0])
            cands.append({"kind": "series", "frame": "", "level": "clauses" if one_sentence else "sentences",
                          "section": section_of(speech, a0), "sentence": sentence_index(speech, a0),
                          "start": a0, "end": spans[-1][1], "source": "model", "model_score": s["score"],
                          "members": [{"text": text[a:b], "start": a, "end": b} for a, b in spans]})
    for c in cands:
        spans = [(m["start"], m["end"]) for m in c["members"]]
        c["structure"] = st = structure(text, spans)
        st["position"] = _position(speech, spans[0][0])
        rule_score = (st["length_ratio"] + st["pos_alignment"] + st["frame_share"]) / 3
        c["score"] = round(max(rule_score if c["source"] != "model" else 0.0, c.pop("model_score", 0.0)), 3)
        c["class"] = _classify(text, c["level"], spans)
    cands = _drop_partial(cands)
    cands.sort(key=lambda d: (d["start"], -d["end"]))
    _nest(cands)
    return cands


def _drop_partial(cands: list[dict]) -> list[dict]:
    """One reading per series: an instance whose members all overlap members of a larger instance
    (more members, or as many and a higher score) is a partial reading of it and is dropped, unless
    it lies inside one member (then it is nested, not partial)."""
    cands.sort(key=lambda d: d["start"])
    spans = [[(m["start"], m["end"]) for m in c["members"]] for c in cands]
    drop = set()
    for i, c in enumerate(cands):
        for j in range(i - 1, -1, -1):
            if cands[j]["end"] <= c["start"] and j < i - 40:
                break
        lo = max(0, i - 40)
        for j in range(lo, min(len(cands), i + 40)):
            if j == i or j in drop:
                continue
            o = cands[j]
            if any(a <= spans[i][0][0] and spans[i][-1][1] <= b for a, b in spans[j]):
                continue  # nested inside one member
            hit = sum(any(x0 < y1 and y0 < x1 for y0, y1 in spans[j]) for x0, x1 in spans[i])
            if hit == len(spans[i]) and (len(spans[j]) > len(spans[i]) or (
                    len(spans[j]) == len(spans[i]) and (o["score"], -j) > (c["score"], -i))):
                drop.add(i)
                break
    return [c for k, c in enumerate(cands) if k not in drop]


def _nest(found: list[dict]) -> None:
    """Ids in text order; ``parent`` = the innermost instance one of whose members holds all of this
    instance's members; ``children`` the reverse."""
    for i, d in enumerate(found):
        d["id"] = i
        d["parent"] = None
        d["children"] = []
    longest = max((d["end"] - d["start"] for d in found), default=0)
    for k, d in enumerate(found):  # found is sorted by start: containers start at or before d
        a, b = d["start"], d["end"]
        best = None
        j = k - 1
        while j + 1 < len(found) and found[j + 1]["start"] <= a:
            j += 1
        while j >= 0 and found[j]["start"] >= a - longest:
            o = found[j]
            j -= 1
            if o is d or (o["start"] == a and o["end"] == b):
                continue
            if any(m["start"] <= a and b <= m["end"] for m in o["members"]) and (
                    best is None or o["end"] - o["start"] < best["end"] - best["start"]):
                best = o
        if best is not None:
            d["parent"] = best["id"]
            best["children"].append(d["id"])


def rhetorical(par: list[dict]) -> list[dict]:
    """The instances that count as rhetoric: 排比 and 对偶 (lexical coordination left out)."""
    return [p for p in par if p.get("class") in RHETORICAL]


def top_level(par: list[dict], classes: tuple[str, ...] = RHETORICAL) -> list[dict]:
    """Instances of ``classes`` that no other instance of ``classes`` contains (the outermost series)."""
    keep = {p["id"] for p in par if p.get("class") in classes}
    by_id = {p["id"]: p for p in par}
    out = []
    for p in par:
        if p["id"] not in keep:
            continue
        q = p.get("parent")
        while q is not None and q not in keep:
            q = by_id[q].get("parent")
        if q is None:
            out.append(p)
    return out
