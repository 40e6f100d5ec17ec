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
number of members, each overlapping its counterpart) is merged into it (the rule's kind and frame are
kept; at the clause level and above the members are the tagger's, whose edges follow PSE-I's).

Classes (``class``)
    ``排比``          three or more parallel members;
    ``对偶``          two parallel members (对偶 / 对举);
    ``coordination``  lexical coordination: a list of noun phrases (items, pairs joined by 和, compact
                      frames) whose members hold no verb — 甲部门、乙部门 sharing a head or a modifier.
                      Reported, never counted as rhetoric (:func:`rhetorical`). Compact formulas
                      (甲乙甲丙甲丁) and noun phrases by the strict rules S1–S2 of :mod:`.strict`
                      are coordination too.

Not reported (:mod:`.strict`, the hand check's judging rules as general tests): runs of the lexical rules
that only repeat a sentence's opening or ending in members of different shapes (S3), pairs whose second
member specifies the first (S4), the tagger's series inside a longer 、-list (S5), and a reading that
skips a member of another reading of the same series at its level (:func:`_drop_partial`).

Structure (``structure``): for every instance, between its neighbouring members, the mean length ratio,
the mean alignment of their part-of-speech sequences (longest common subsequence of jieba tags over
the longer sequence), the shared frame (characters at the same positions, as a share of the shorter
member) and the member's position in its sentence (``start``/``inside``).

Score (``score``): the learned series' mean posterior probability; for rule and form instances the
mean of length ratio, POS alignment and frame share (0–1; a merged instance takes the larger).

Confidence (``confidence``, ``confident``): at the clause level and above, the calibrated probability
that annotators of rhetorical parallelism in essays (PSE-I) mark the instance (:mod:`.calibration`;
``None`` at the phrase levels or without the tagger). ``confident`` is true for the tagger's own series
and for an instance whose confidence reaches the calibration's threshold (both chosen by
cross-validation on PSE-I's training split). :func:`confident_series` combines the confident
instances alone into the *calibrated series reading* that the PSE-I benchmark scores; the rhetorical
classes above are the reading the study counts (hand-checked on political prose).

Nesting: an instance whose members all lie inside one member of another instance is its child
(``parent`` = that instance's ``id``, the innermost such one; ``children`` lists ids). The flat list
keeps every level.
"""

from __future__ import annotations

from bisect import bisect_right

from ...text.model import Speech
from ...text.structure import takes_speech
from ..spans import section_of, sentence_index
from . import forms, rules, strict, tagging
from .calibration import Calibration
from .calibration import features as calibration_features
from .clauses import clause_lines, lcs_ratio, positional
from .model import SeriesModel, load_model, series
from .tagging import pos_tags, session

CLASSES = ("排比", "对偶", "coordination")
RHETORICAL = ("排比", "对偶")
#: Levels at which a series of noun phrases is lexical coordination rather than rhetoric.
_PHRASE_LEVELS = ("items", "compact")
#: Levels whose members are clauses or sentences: the tagger's own granularity (and PSE-I's).
SERIES_LEVELS = ("clauses", "segments", "sentences")


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
    if strict.coordination(text, level, members):  # S1, S2: compact formulas, noun phrases
        return "coordination"
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


class _FirstMemberIndex:
    """Instances filed by the 64-character buckets their first member covers, to find the instances
    whose members match a new one (:func:`_same_members`) without comparing with all of them."""

    B = 64

    def __init__(self) -> None:
        self.buckets: dict[int, list[dict]] = {}

    def add(self, inst: dict) -> None:
        a, b = inst["members"][0]["start"], inst["members"][0]["end"]
        for k in range(a // self.B, max(a, b - 1) // self.B + 1):
            self.buckets.setdefault(k, []).append(inst)

    def match(self, spans: list[tuple[int, int]]) -> dict | None:
        a, b = spans[0]
        seen: set[int] = set()
        for k in range(a // self.B, max(a, b - 1) // self.B + 1):
            for c in self.buckets.get(k, ()):
                if id(c) not in seen:
                    seen.add(id(c))
                    if _same_members([(m["start"], m["end"]) for m in c["members"]], spans):
                        return c
        return None


class _Support:
    """The tagger's probability that a stretch of text lies in a series: the mean, over the clauses
    a span overlaps, of 1 − P(outside) (clauses of :func:`~.clauses.clause_lines`)."""

    def __init__(self, support: dict[tuple[int, int], float]) -> None:
        self.spans = sorted(support)
        self.starts = [a for a, _b in self.spans]
        self.p = [support[k] for k in self.spans]

    def of(self, spans: list[tuple[int, int]]) -> float:
        vals = []
        for a, b in spans:
            i = max(0, bisect_right(self.starts, a) - 1)
            while i < len(self.spans) and self.spans[i][0] < b:
                if self.spans[i][1] > a:
                    vals.append(self.p[i])
                i += 1
        return sum(vals) / len(vals) if vals else 0.0


@takes_speech
def parallelisms(speech: Speech, levels: tuple[str, ...] = rules.LEVELS, *, learned: bool = True,
                 model: SeriesModel | None = None) -> list[dict]:
    """Every parallelism instance of ``speech``, in text order, with ``id``, ``class``, ``score``,
    ``confidence``, ``confident``, ``support``, ``source``, ``structure``, ``parent`` and ``children`` (see
    the module docstring),
    besides the fields of the first generation: kind, frame, level, section, sentence, start, end,
    members. ``learned=False`` leaves the tagger out (rules and forms only); ``model`` replaces the
    shipped tagger (:func:`~.model.load_model`)."""
    with session():
        return _parallelisms(speech, levels, learned, model)


def _parallelisms(speech: Speech, levels: tuple[str, ...], learned: bool, model: SeriesModel | None) -> list[dict]:
    model = (model or load_model()) if learned else None
    cands = candidates(speech, levels, model)
    return finish(speech, cands, model.calibration if model is not None else None)


def candidates(speech: Speech, levels: tuple[str, ...] = rules.LEVELS, model: SeriesModel | None = None
               ) -> list[dict]:
    """The candidates of every source, before the combination (:func:`finish`): rule instances, form
    instances with other members, the tagger's series (``model``; none when ``None``), a rule or form
    instance that a series matches marked ``+model``; each with ``support`` (the tagger's probability
    that its clauses lie in a series; ``None`` without a model).

    The work is in two independent parts, :func:`rule_candidates` and :func:`line_candidates`, combined
    by :func:`merge_candidates`; they may be computed in two processes
    (:mod:`zhdiscourse.patterns.parallel`), with the same result."""
    with session():
        lines = clause_lines(speech.text, speech.body_start, speech.body_end)
        # the tags of the speech's clauses and items from the lines' segmentation (no second jieba pass;
        # clause_lines has filed its own clauses)
        prime_tags(speech)
        found = rule_candidates(speech, levels)
        return merge_candidates(speech, found, line_candidates(speech, model, lines=lines))


def prime_tags(speech: Speech) -> None:
    """File the tags of the speech's clauses and items from the segmentation of the clause lines in this
    :func:`~.tagging.session` (:func:`~.tagging.prime`; only saves work, the tags are the same)."""
    tagging.prime(speech.text, [(u.start, u.end) for units in (speech.clauses, speech.items) for u in units])


def rule_candidates(speech: Speech, levels: tuple[str, ...] = rules.LEVELS, *, proposed: dict | None = None
                    ) -> list[dict]:
    """The instances of the lexical rules R1–R11 (:mod:`.rules`), each a new dict with ``source`` "rules"
    (``proposed``: :func:`.rules.level_proposals` of some levels, computed beforehand)."""
    with session():
        out = []
        for inst in rules.parallelisms(speech, levels, proposed=proposed):
            inst = dict(inst)
            inst["source"] = "rules"
            out.append(inst)
        return out


def line_candidates(speech: Speech, model: SeriesModel | None = None, *, lines=None
                    ) -> tuple[list[dict], list[dict] | None, dict[tuple[int, int], float] | None]:
    """What the clause lines of the speech's body (:func:`~.clauses.clause_lines`, or ``lines``) give:
    ``(form instances, the tagger's series, its support per clause)`` (:func:`~.forms.forms`,
    :func:`~.model.series`; the last two ``None`` without a ``model``). Plain data (picklable)."""
    with session():
        if lines is None:
            lines = clause_lines(speech.text, speech.body_start, speech.body_end)
        found = forms.forms(speech, lines)
        if model is None:
            return found, None, None
        probs: dict[tuple[int, int], float] = {}
        return found, series(speech.text, model=model, lines=lines, support=probs), probs


def merge_candidates(speech: Speech, rule_found: list[dict],
                     line_found: tuple[list[dict], list[dict] | None, dict[tuple[int, int], float] | None]
                     ) -> list[dict]:
    """The candidates (:func:`candidates`) from :func:`rule_candidates` and :func:`line_candidates`: a form
    instance whose members match an instance before it is left out; a series that matches one marks it
    ``+model``, else it is a candidate of its own; every candidate gets its ``support``."""
    text = speech.text
    form_found, found_series, probs = line_found
    cands: list[dict] = []
    index = _FirstMemberIndex()
    for inst in rule_found:
        cands.append(inst)
        index.add(inst)
    for inst in form_found:
        if index.match([(m["start"], m["end"]) for m in inst["members"]]) is None:
            cands.append(inst)
            index.add(inst)
    if found_series is None:
        for c in cands:
            c["support"] = None
        return cands
    for s in found_series:
        spans = s["members"]
        match = index.match(spans)
        if match is not None:
            match["source"] = match["source"] + "+model"
            match["model_score"] = s["score"]
            if match["level"] in SERIES_LEVELS:  # the tagger's members (PSE-I's edges) at its own level
                match["members"] = [{"text": text[a:b], "start": a, "end": b} for a, b in spans]
                match["start"], match["end"] = spans[0][0], spans[-1][1]
            continue
        a0 = spans[0][0]
        one_sentence = sentence_index(speech, a0) == sentence_index(speech, spans[-1][0])
        cands.append({"kind": "series", "frame": "", "level": "clauses" if one_sentence else "sentences",
                      "section": section_of(speech, a0), "sentence": sentence_index(speech, a0),
                      "start": a0, "end": spans[-1][1], "source": "model", "model_score": s["score"],
                      "members": [{"text": text[a:b], "start": a, "end": b} for a, b in spans]})
    support = _Support(probs)
    for c in cands:
        c["support"] = round(support.of([(m["start"], m["end"]) for m in c["members"]]), 3)
    return cands


def finish(speech: Speech, cands: list[dict], calibration: Calibration | None = None) -> list[dict]:
    """Combine the candidates: score them (:func:`scored`), keep one reading per series
    (:func:`_drop_partial`), nest (:func:`combine`)."""
    return combine(scored(speech, cands, calibration))


def scored(speech: Speech, cands: list[dict], calibration: Calibration | None = None, *,
           keep_features: bool = False) -> list[dict]:
    """Every candidate with its structure, score, class and, at the series levels when the tagger ran
    and a ``calibration`` is given, its ``confidence`` and ``confident`` flag (:mod:`.calibration`;
    ``None`` / ``False`` otherwise). With ``keep_features`` a series-level candidate keeps its
    calibration features (``features``; for training)."""
    with session():
        text = speech.text
        out = []
        for c in cands:
            c = dict(c)
            spans = [(m["start"], m["end"]) for m in c["members"]]
            if strict.not_a_figure(text, c, spans):  # S3–S5: not reported
                continue
            c["structure"] = st = structure(text, spans)
            st["position"] = _position(speech, spans[0][0])
            rule_score = (st["length_ratio"] + st["pos_alignment"] + st["frame_share"]) / 3
            model_score = c.pop("model_score", None)
            c["score"] = round(max(rule_score if c["source"] != "model" else 0.0, model_score or 0.0), 3)
            c["class"] = _classify(text, c["level"], spans)
            c["confidence"], c["confident"] = None, False
            if c["level"] in SERIES_LEVELS and c["support"] is not None:
                feats = calibration_features(c, st, model_score)
                if keep_features:
                    c["features"] = feats
                if calibration is not None:
                    p = calibration.probability(feats)
                    # the tagger's own series always count; the calibration decides about the others
                    c["confidence"], c["confident"] = round(p, 3), p >= calibration.threshold or "model" in c["source"]
            out.append(c)
        return out


def combine(cands: list[dict]) -> list[dict]:
    """One reading per series (:func:`_drop_partial`), in text order, nested (:func:`_nest`)."""
    keep = _drop_partial([dict(c) for c in cands])
    keep.sort(key=lambda d: (d["start"], -d["end"]))
    _nest(keep)
    return keep


def series_reading(scored_cands: list[dict]) -> list[dict]:
    """The calibrated series reading of scored candidates (:func:`scored`): the ``confident`` 排比 / 对偶
    alone, combined as in :func:`finish` (one reading per series, so an unconfident instance never hides
    a confident one), outermost only (:func:`confident_series` is the function on a text)."""
    found = combine([c for c in scored_cands if c.get("confident") and c.get("class") in RHETORICAL])
    return [p for p in found if p["parent"] is None]


@takes_speech
def confident_series(speech: Speech, *, model: SeriesModel | None = None) -> list[dict]:
    """The detector's calibrated series reading of ``speech``: the outermost 排比 / 对偶 at the clause
    level or above whose calibrated confidence (:mod:`.calibration`) reaches the model's threshold,
    combined among themselves. This is the reading the PSE-I benchmark scores: what an annotator of
    rhetorical parallelism in essays would mark. It needs the tagger (and a model with a calibration);
    without one it is empty."""
    with session():
        model = model or load_model()
        cands = candidates(speech, rules.LEVELS, model)
        return series_reading(scored(speech, cands, model.calibration))


def _drop_partial(cands: list[dict]) -> list[dict]:
    """One reading per series: an instance whose members all overlap members of a larger instance
    (more members, or as many and a higher score) is a partial reading of it and is dropped, unless
    it lies inside one member (then it is nested, not partial)."""
    cands.sort(key=lambda d: d["start"])
    spans = [[(m["start"], m["end"]) for m in c["members"]] for c in cands]
    drop = set()
    for i, c in enumerate(cands):
        a, b = c["start"], c["end"]
        for j in range(max(0, i - 40), min(len(cands), i + 40)):
            if j == i or j in drop:
                continue
            o = cands[j]
            if o["end"] <= a or o["start"] >= b:
                continue  # no member of one can overlap a member of the other
            if any(a <= spans[i][0][0] and spans[i][-1][1] <= b for a, b in spans[j]):
                continue  # nested inside one member
            hit = sum(any(x0 < y1 and y0 < x1 for y0, y1 in spans[j]) for x0, x1 in spans[i])
            if hit == len(spans[i]) and (len(spans[j]) > len(spans[i]) or (
                    len(spans[j]) == len(spans[i]) and (o["score"], -j) > (c["score"], -i))):
                drop.add(i)
                break
            if hit >= 2 and o["level"] == c["level"] and _skips(spans[i], spans[j]) and (
                    not _skips(spans[j], spans[i]) or (o["score"], -j) > (c["score"], -i)):
                drop.add(i)  # it skips a member of the other reading of the same series (judging rule 4)
                break
    return [c for k, c in enumerate(cands) if k not in drop]


def _skips(mine: list[tuple[int, int]], other: list[tuple[int, int]]) -> bool:
    """A member of ``other`` lies between the first and the last member of ``mine`` and overlaps none."""
    a, b = mine[0][0], mine[-1][1]
    return any(a < y0 and y1 <= b and not any(x0 < y1 and y0 < x1 for x0, x1 in mine) for y0, y1 in other)


def _nest(found: list[dict]) -> None:
    """Ids in text order; ``parent`` = the innermost instance one of whose members holds all of this
    instance's members (ties: the later one in text order); ``children`` the reverse. Members are filed
    by the 64-character buckets they cover, so each instance is compared only with the members that
    cover its start."""
    B = 64
    buckets: dict[int, list[tuple[int, int, int]]] = {}
    for i, d in enumerate(found):
        d["id"] = i
        d["parent"] = None
        d["children"] = []
        for m in d["members"]:
            for k in range(m["start"] // B, max(m["start"], m["end"] - 1) // B + 1):
                buckets.setdefault(k, []).append((m["start"], m["end"], i))
    for k, d in enumerate(found):
        a, b = d["start"], d["end"]
        best = None
        for ms, me, j in buckets.get(a // B, ()):
            if j == k or not (ms <= a and b <= me):
                continue
            o = found[j]
            if o["start"] == a and o["end"] == b:
                continue
            key = (o["end"] - o["start"], -j)
            if best is None or key < best[0]:
                best = (key, o)
        if best is not None:
            d["parent"] = best[1]["id"]
            best[1]["children"].append(d["id"])


def rhetorical(par: list[dict]) -> list[dict]:
    """The instances that count as rhetoric: 排比 and 对偶 (lexical coordination left out)."""
    return [p for p in par if p.get("class") in RHETORICAL]


def top_level(par: list[dict], classes: tuple[str, ...] = RHETORICAL) -> list[dict]:
    """Instances of ``classes`` that no other instance of ``classes`` contains (the outermost series)."""
    return _outermost(par, lambda p: p.get("class") in classes)


def outermost_series(par: list[dict], classes: tuple[str, ...] = RHETORICAL) -> list[dict]:
    """The outermost instances of ``classes`` among those whose members are clauses or sentences
    (:data:`SERIES_LEVELS`): the granularity at which PSE-I annotates parallelism (an instance of
    ``items`` or ``compact`` level, inside one clause, is left out, and so is one nested in a member
    of another such instance)."""
    return _outermost(par, lambda p: p.get("class") in classes and p.get("level") in SERIES_LEVELS)


def _outermost(par: list[dict], wanted) -> list[dict]:
    keep = {p["id"] for p in par if wanted(p)}
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
