"""Agency: who is the subject of each clause, and what the clause does with it — reports a directive,
acts, or is ordered to act.

For each clause of the token table (``clause`` column) outside headings, in text order
(:func:`clause_subjects`):

1. the first *anchor* of the clause is found: a directive event
   (:func:`zhdiscourse.patterns.modality.directive_events`: modal 要, 必须, 坚决 …) or a reporting
   frame with status ``reported`` (:func:`zhdiscourse.patterns.reporting.reporting_frames`: 要求, 强调 …),
   whichever comes first;
2. the **role**: ``ordered`` when the anchor is a directive event (各级学校**要**…), ``reports``
   when it is a reporting frame (教育部及时**要求**…), else ``acts`` — the clause's first verb, adverb or
   idiom is its predicate (我们召开…, 教育部高度重视; a clause without one, such as a date or a form of
   address, gives no row; when it is a noun phrase that names an actor — 各级学校，各地教育部门，
   要… — it is the stated subject of the clause after it, consecutive ones together). A clause without anchor and without a subject of its own continues the
   clause it inherits its subject from: after an ``ordered`` clause it is ``ordered`` too (the modal
   scopes over the series: 各校要坚定信心，迎难而上，…);
3. the **subject**: the noun phrase before the anchor or predicate
   (:func:`zhdiscourse.patterns.subjects.find_subject`). A clause without one inherits the last
   stated subject of an earlier clause of the same sentence (the topic chain of Chinese prose:
   我专门…作出指示，要求… — the 要求 is 我's), with ``stated`` False; with none to inherit the subject
   is ``"(unstated)"`` (要加强…: the addressee of most directives is left to the context). After a
   reported 要求 with an object (要求各校把…，采取…), the object is the subject that the
   following clauses of the sentence inherit: it is who the reported directive orders; after any other
   reported frame nothing is inherited (the reporter is not the subject of what is reported);
4. the subject's **group** from the actor lexicon (:func:`zhdiscourse.patterns.subjects.actor_group`);
5. the **voice**: ``reported`` when the clause's anchor or predicate lies in the content of a reported
   frame (:func:`zhdiscourse.patterns.reporting.directive_voice`), else ``enacted``.

:func:`agency_table` counts clauses per unit, group and role; ``share`` is the group's share of the
unit's clauses in that role.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import pandas as pd

from ..text.model import Speech
from ..text.structure import takes_speech
from .modality import directive_events
from .reporting import reporting_frames
from .spans import section_of, shared, shared_run, subsection_of
from .subjects import ADVERBIAL, OTHER, PREDICATE_WORDS, UNSTATED, VERBAL, ClauseTokens, actor_group, actor_groups

ROLES = ("reports", "acts", "ordered")
#: Reporting verbs whose object is the subject of the reported content (要求 X 做…).
PIVOT_VERBS = ("要求",)
COLUMNS = ["text", "start", "end", "group", "role", "stated", "anchored", "voice", "verb", "verb_start", "verb_end", "clause", "sentence",
           "section", "subsection"]
_PREDICATE_TAGS = VERBAL | ADVERBIAL | frozenset(("i",))


def _predicate(ct: ClauseTokens, i: int, b: int) -> int | None:
    """The first token of ``i:b`` that can begin a predicate (a verb, adverb or idiom, or 把 / 将 …)."""
    tags, toks, puncts = ct.tags, ct.toks, ct.puncts
    return next((k for k in range(i, b) if (tags[k] in _PREDICATE_TAGS or toks[k] in PREDICATE_WORDS)
                 and not puncts[k]), None)


def _covering(starts, ends) -> tuple[list[int], list[int]]:
    """The half-open spans ``[start, end)`` merged into disjoint ones, in order (empty spans left out):
    an offset lies in one of the spans exactly when it lies in one of these."""
    out_s: list[int] = []
    out_e: list[int] = []
    for a, b in sorted((a, b) for a, b in zip(starts, ends) if b > a):
        if out_s and a <= out_e[-1]:
            out_e[-1] = max(out_e[-1], b)
        else:
            out_s.append(a)
            out_e.append(b)
    return out_s, out_e


def _pivot(ct: ClauseTokens, i: int, b: int, text: str):
    """The noun phrase right after a pivot verb (要求 X 做…), up to the next predicate, if any."""
    p = _predicate(ct, i, b)
    if p is None or p == i:
        return None
    s, e, why = ct.subject_before(i, p)
    if why:
        return None
    a0, b0 = ct.span(s, e)
    return text[a0:b0], a0, b0


@takes_speech
def clause_subjects(speech: Speech, *, table: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                    frames: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per clause with a predicate (module docstring): ``text`` (the subject, ``""`` when
    unstated), ``start``/``end`` (the subject's span where it is stated — for an inherited subject, the
    earlier clause's; for none, an empty span at the predicate), ``group``, ``role``, ``stated``,
    ``anchored`` (the role comes from a marker or frame of this clause, not from the clause it
    inherits from), ``voice`` (``reported`` inside the content of a reported frame, else ``enacted``),
    ``verb`` / ``verb_start`` / ``verb_end`` (the anchor or predicate), ``clause``, ``sentence``,
    ``section``, ``subsection``."""
    with shared_run():
        if table is None and events is None and frames is None:
            return shared(speech, "clause_subjects", lambda: _clause_subjects(speech, None, None, None))
        return _clause_subjects(speech, table, events, frames)


def _clause_subjects(speech: Speech, table: pd.DataFrame | None, events: pd.DataFrame | None,
                     frames: pd.DataFrame | None) -> pd.DataFrame:
    ct = ClauseTokens.of(speech, table)
    ev = directive_events(speech) if events is None else events
    fr = reporting_frames(speech, table=table) if frames is None else frames
    fr = fr[fr["status"] == "reported"]
    cov_s, cov_e = _covering(fr["content_start"].tolist(), fr["content_end"].tolist())
    groups = actor_groups()
    seen_groups: dict[str, str] = {}

    def group_of(subject: str) -> str:
        """:func:`actor_group` of a subject, once per distinct subject."""
        g = seen_groups.get(subject)
        if g is None:
            g = seen_groups[subject] = actor_group(subject, groups)
        return g
    anchors: dict[int, list[tuple[int, str, int, int, str]]] = {}
    for kind, df in (("ordered", ev), ("reports", fr)):
        for a, b, m in zip(df["start"].to_numpy(dtype=np.int64), df["end"].to_numpy(dtype=np.int64),
                           df["marker"].astype(str)):
            i = ct.index_at(int(a))
            rng = ct.clause_of(i) if i < len(ct) else None
            if rng is not None:
                anchors.setdefault(rng[0], []).append((int(a), kind, int(a), int(b), m))
    rows = []
    last_sentence, last = None, None  # last: (subject, role it passes on) of the sentence so far
    topic = None  # a subject named in clauses of its own just before (各级学校，各地教育部门，要…)
    text = speech.text
    headings = {s.index for s in speech.sentences if s.is_heading}
    for cid in sorted(ct.ranges, key=lambda c: ct.ranges[c][0]):
        a, b = ct.ranges[cid]
        sentence = int(ct.sentence[a])
        if sentence in headings:
            continue
        if sentence != last_sentence:
            last_sentence, last, topic = sentence, None, None
        found = sorted(anchors.get(a, []))
        anchored = bool(found)
        if found:
            _off, role, va, vb, verb = found[0]
            p = ct.index_at(va)
        else:
            role = "acts"
            p = _predicate(ct, a, b)
            if p is None and b - a >= 2 and ct.tags[b - 1] == "l":
                p = b - 1
            if p is None:
                # a clause that is only a noun phrase (各级学校，各地教育部门，要…) names the
                # subject of the clauses that follow it
                i, j, why = ct.subject_before(a, b)
                if not why:
                    s0, s1 = ct.span(i, j)
                    if topic is not None:  # 各级学校，各地教育部门，要…: consecutive ones are one subject
                        s0 = topic[1]
                    topic = (text[s0:s1], s0, s1)
                else:
                    topic = None
                continue
            va, vb, verb = ct.starts[p], ct.ends[p], ct.toks[p]
        i, j, why = ct.subject_before(a, p)
        if not why:
            s0, s1 = ct.span(i, j)
            subject, stated = (text[s0:s1], s0, s1), True
            passes = role
        elif topic is not None and group_of(topic[0]) not in (OTHER, UNSTATED):
            subject, stated = topic, True  # named in the clause(s) just before: 各级学校，…，要…
            passes = role
        elif last is not None:
            (subject, passed), stated = last, False
            if not anchored:
                role = passed  # a directive's modal scopes over the clauses that follow it
            passes = role
        else:
            subject, stated, passes = ("", va, va), False, role
        topic = None
        last = (subject, "ordered" if passes == "ordered" else "acts")
        if role == "reports":
            # the reporter is not the subject of the content: 要求 X 做…，…: X is who the reported
            # directive orders; after 强调 / 提出 … the content's subject is its own (or unstated)
            pivot = _pivot(ct, ct.index_at(vb), b, text) if verb in PIVOT_VERBS else None
            last = (pivot, "ordered") if pivot is not None else None
        k = bisect_right(cov_s, va) - 1
        inside = k >= 0 and va < cov_e[k]
        rows.append({"text": subject[0], "start": subject[1], "end": subject[2],
                     "group": group_of(subject[0]) if subject[0] else UNSTATED, "role": role,
                     "stated": stated, "anchored": anchored, "voice": "reported" if inside else "enacted",
                     "verb": verb, "verb_start": va, "verb_end": vb, "clause": int(cid), "sentence": sentence,
                     "section": section_of(speech, va), "subsection": subsection_of(speech, va)})
    return pd.DataFrame(rows, columns=COLUMNS)


def agency_table(subjects: pd.DataFrame, by: str = "section") -> pd.DataFrame:
    """Clauses per unit (the ``by`` column of :func:`clause_subjects`: ``section``, ``subsection``, or
    ``None`` for the whole text), actor group and role: columns ``unit, role, group, count, share``
    (share of the unit's clauses in that role), units in text order, groups by count."""
    df = subjects.copy()
    df["unit"] = "text" if by is None else df[by].astype("object").where(df[by].notna(), "(none)")
    order = {u: k for k, u in enumerate(dict.fromkeys(df["unit"]))}
    g = df.groupby(["unit", "role", "group"], sort=False).size().rename("count").reset_index()
    tot = g.groupby(["unit", "role"])["count"].transform("sum")
    g["share"] = g["count"] / tot
    g["_u"] = g["unit"].map(order)
    g["_r"] = g["role"].map({r: k for k, r in enumerate(ROLES)})
    g = g.sort_values(["_u", "_r", "count", "group"], ascending=[True, True, False, True], kind="stable")
    return g.drop(columns=["_u", "_r"]).reset_index(drop=True)
