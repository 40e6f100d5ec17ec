"""Parallelism (排比 / 对偶) and lexical coordination, nested, classified and scored.

* :mod:`.detector`  the detector (:func:`parallelisms`): candidates, classes, scores, nesting;
* :mod:`.rules`     the first-generation lexical rules R1–R11 (anaphora, epiphora, frames, items, pairs);
* :mod:`.forms`     structural forms F1–F5 (correlatives, adverb openings, balanced pairs …);
* :mod:`.strict`    the strict rhetorical reading: general rules S1–S5 from the hand check's judging rules;
* :mod:`.model`     the learned clause-level series tagger (weights ``series_crf.json``, CC-BY-SA 4.0);
* :mod:`.calibration` the calibrated confidence of series-level instances (fitted on PSE-I's training split);
* :mod:`.clauses`   clause units and their structural features; :mod:`.crf` the CRF itself.
"""

from __future__ import annotations

import pandas as pd

from .detector import (CLASSES, RHETORICAL, confident_series, outermost_series, parallelisms, rhetorical, structure,
                       top_level)
from .rules import FUNCTION_CHARS, LEVELS, _MemberIndex, _StartSets  # noqa: F401  (index tests)

#: The kinds of instances in the order tables and figures show them (compact frames apart).
KINDS = ("anaphora", "epiphora", "frame", "series", "compact")


def kind_table(par: list[dict], sections: list[str] | None = None, *, classes: tuple[str, ...] = RHETORICAL
               ) -> pd.DataFrame:
    """Instances per part (rows) and kind (columns: anaphora, epiphora, frame, series, compact), counting
    only ``classes`` (default: 排比 and 对偶; lexical coordination left out).

    Instances found at the ``compact`` level (frames inside one clause) get their own column; ``series``
    are the learned tagger's series that no rule explains. Parts in ``sections`` order (others after).
    """
    par = [p for p in par if p.get("class", "排比") in classes]
    rows = [{"section": p["section"] or "opening",
             "kind": "compact" if p.get("level") == "compact" else p["kind"]} for p in par]
    df = pd.DataFrame(rows, columns=["section", "kind"])
    tab = pd.crosstab(df["section"], df["kind"]) if len(df) else pd.DataFrame()
    cols = [k for k in KINDS if k in tab.columns] + [k for k in tab.columns if k not in KINDS]
    tab = tab.reindex(columns=cols, fill_value=0)
    if sections:
        order = [s for s in sections if s in tab.index] + [s for s in tab.index if s not in sections]
        tab = tab.reindex(order)
    tab.columns.name = None
    return tab


__all__ = ["parallelisms", "confident_series", "kind_table", "rhetorical", "top_level", "outermost_series", "structure",
           "CLASSES", "RHETORICAL", "KINDS", "LEVELS", "FUNCTION_CHARS"]
