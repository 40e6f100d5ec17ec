"""Addressees of directives: the subject before each directive marker (各级学校要…, 各地教育部门要…).

For each directive event of :func:`zhdiscourse.patterns.modality.directive_events` (modal 要, 必须, 坚决,
务必 … — the events every density counts), :func:`directive_addressees` gives the subject of its
clause as :func:`zhdiscourse.patterns.agency.clause_subjects` finds it — one rule for "who is
ordered": the noun phrase before the marker (:func:`zhdiscourse.patterns.subjects.find_subject`;
trailing adverbs dropped: 各校**也**要 → 各校; a phrase that starts with a
preposition, 对确诊患者要…, is a topic, not an addressee), else the subject stated last in an earlier
clause of the same sentence, else ``"(unstated)"`` — the addressee is the audience, left to the context.

* a marker after the first marker of its clause (要坚决…: the 坚决) shares its addressee (``chained``);
* a marker in a clause whose first anchor is a reporting frame (强调要采取…) belongs to the reported
  content: its addressee is unstated unless the frame names one (要求 X …);
* ``group`` is the actor group of the addressee (``actors.txt``; ``other`` for a subject that names no
  actor — a policy, a thing: 新的招生政策要…);
* ``voice``: ``enacted`` (the speaker's own directive) or ``reported``
  (:func:`zhdiscourse.patterns.reporting.directive_voice`).

:func:`addressee_table` counts the directives per unit and group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.model import Speech
from ..text.structure import takes_speech
from .agency import clause_subjects
from .reporting import directive_voice
from .spans import shared_run
from .subjects import UNSTATED, ClauseTokens

COLUMNS = ["marker", "start", "end", "addressee", "addressee_start", "addressee_end", "group", "stated", "chained",
           "voice", "sentence", "section", "subsection"]


@takes_speech
def directive_addressees(speech: Speech, *, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per directive event with its addressee (module docstring): columns ``marker, start, end``
    (the marker), ``addressee`` with ``addressee_start``/``addressee_end`` (where it is written; an
    empty span at the marker when unstated), ``group``, ``stated``, ``chained``, ``voice``,
    ``sentence``, ``section``, ``subsection``."""
    with shared_run():
        return _directive_addressees(speech, table)


def _directive_addressees(speech: Speech, table: pd.DataFrame | None) -> pd.DataFrame:
    # the events and frames that directive_voice and clause_subjects compute themselves (shared in the run)
    vo = directive_voice(speech, table=table)
    subj = clause_subjects(speech, table=table)
    ct = ClauseTokens.of(speech, table)
    # the subject row of each clause (the last one, as a dict would keep), its fields as lists
    by_clause = dict(zip(subj["clause"].tolist(), range(len(subj))))
    s_role, s_verb, s_text, s_start, s_end, s_stated, s_group = (
        subj[c].tolist() for c in ("role", "verb_start", "text", "start", "end", "stated", "group"))
    rows = []
    for r in vo.itertuples(index=False):
        a = int(r.start)
        i = ct.index_at(a)
        cid = ct.clause[i] if i < len(ct) else np.nan
        k = by_clause.get(int(cid)) if cid == cid else None
        who, stated, chained = ("", a, a), False, False
        if k is not None and s_role[k] == "ordered":
            chained = int(s_verb[k]) != a
            if s_text[k]:
                who, stated = (s_text[k], int(s_start[k]), int(s_end[k])), bool(s_stated[k])
            group = s_group[k]
        else:
            group = UNSTATED
        rows.append({"marker": r.marker, "start": a, "end": int(r.end), "addressee": who[0],
                     "addressee_start": who[1], "addressee_end": who[2], "group": group if who[0] else UNSTATED,
                     "stated": stated, "chained": chained, "voice": r.voice, "sentence": r.sentence,
                     "section": r.section, "subsection": r.subsection})
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.astype({"stated": bool, "chained": bool}) if len(out) else out


def addressee_table(addressees: pd.DataFrame, by: str | None = "section", *, voice: str | None = "enacted"
                    ) -> pd.DataFrame:
    """Directives per unit (the ``by`` column: ``section``, ``subsection``; ``None`` = the whole text)
    and addressee group: ``unit, group, count, share`` (of the unit's directives), units in text order,
    groups by count. ``voice`` keeps only the enacted (default) or reported directives (``None``: all);
    chained markers are left out, so each count is a directive clause, not a marker."""
    df = addressees[~addressees["chained"].astype(bool)]
    if voice is not None:
        df = df[df["voice"] == voice]
    df = df.assign(unit="text" if by is None else df[by].astype("object").where(df[by].notna(), "(none)"))
    order = {u: k for k, u in enumerate(dict.fromkeys(df["unit"]))}
    g = df.groupby(["unit", "group"], sort=False).size().rename("count").reset_index()
    g["share"] = g["count"] / g.groupby("unit")["count"].transform("sum")
    g = g.assign(_u=g["unit"].map(order)).sort_values(["_u", "count", "group"], ascending=[True, False, True],
                                                      kind="stable")
    return g.drop(columns="_u").reset_index(drop=True)
