"""The detector registry: every rhetorical-pattern detector declared once, with its record shape and measures.

Whatever reports patterns iterates over :data:`REGISTRY` — the ``patterns`` JSON and the CLI tables
(:mod:`zhdiscourse.patterns.export`), the report's pattern tables (:mod:`zhdiscourse.report`) and the
rhetorical profiles of a reference corpus (:mod:`zhdiscourse.patterns.profile`). A new detector is one
file (a function that takes a :class:`~zhdiscourse.text.model.Speech` first) plus one
:class:`Detector` entry here; see ``CONTRIBUTING.md``.

A detector's *records* are its results in the one JSON shape of the project: a list of dicts, each
with ``start``/``end`` offsets into the text and, for detectors that find series, a ``members`` list of
``{"text", "start", "end", …}``. :func:`zhdiscourse.patterns.export.member_rows` flattens those to one
row per member, the same way for every detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.model import Speech
from ..util.jsondata import jsonable
from .addressees import directive_addressees
from .agency import clause_subjects
from .enumeration import enumerations
from .frames import find_frames
from .modality import directives, modal_yao
from .parallelism import parallelisms, rhetorical
from .reporting import directive_voice, reporting_frames
from .runs import yao_runs


def frame_records(result: pd.DataFrame | list[dict], fields: tuple[str, ...]) -> list[dict]:
    """Records of a DataFrame result (one row per occurrence: the ``fields`` columns) or of a list of
    dicts with members (the ``fields`` keys, then ``members`` with text, start, end and any slots)."""
    if isinstance(result, pd.DataFrame):
        cols = list(fields)
        values = [_plain_values(result[c]) for c in cols]
        return [dict(zip(cols, row)) for row in zip(*values)] if cols else [{} for _ in range(len(result))]
    out = []
    for item in result:
        rec = {k: jsonable(item.get(k)) if not isinstance(item.get(k), (list, dict)) else item.get(k) for k in fields}
        rec["members"] = [{k: v for k, v in m.items() if k in ("text", "start", "end", "slots")}
                          for m in item["members"]]
        out.append(rec)
    return out


def _plain_values(col: pd.Series) -> list:
    """:func:`jsonable` of every value of a column: Python numbers of a NumPy integer or boolean column
    as they are, strings as they are, anything else (NaN, missing values, NumPy floats) converted."""
    vals = col.tolist()
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iub":
        return vals
    return [v if type(v) is str else jsonable(v) for v in vals]


@dataclass(frozen=True)
class Detector:
    """One detector.

    ``name``      the key in the patterns JSON, the CLI table and CSV file name, the report table name;
    ``find``      the detector: ``find(speech) -> DataFrame | list[dict]``;
    ``fields``    the keys of each record besides ``members`` (the record shape, pinned by a test);
    ``members``   whether records carry a ``members`` list (series of spans);
    ``measures``  counts for corpus profiles: ``{column: count(result)}``;
    ``title``     a short heading for tables.
    """

    name: str
    find: Callable[[Speech], Any]
    fields: tuple[str, ...]
    members: bool = False
    measures: dict[str, Callable[[Any], int]] = field(default_factory=dict)
    title: str = ""
    needs_frames: bool = False

    def run(self, speech: Speech, *, frames_file=None):
        """The detector's result on ``speech`` (the frame detector gets ``frames_file``)."""
        return self.find(speech, frames_file) if self.needs_frames else self.find(speech)

    def records(self, result) -> list[dict]:
        """The result as JSON records of this detector's shape."""
        return frame_records(result, self.fields)


def _count_marker(marker: str) -> Callable[[pd.DataFrame], int]:
    return lambda df: int((df["marker"] == marker).sum())


#: Every detector, in the order the patterns JSON, the CLI and the report list them.
REGISTRY: tuple[Detector, ...] = (
    Detector("modal_yao", modal_yao, ("start", "end", "sentence", "section"),
             measures={"要": len}, title="Modal 要"),
    Detector("directives", directives, ("marker", "start", "end", "section"),
             measures={"必须": _count_marker("必须"), "坚决": _count_marker("坚决"), "directive_markers": len},
             title="Directive markers other than 要"),
    Detector("yao_runs", yao_runs, ("start", "end", "sentences", "section"), title="Runs of 要-initial sentences"),
    Detector("frames", find_frames, ("frame", "name", "section"), members=True, measures={"frames": len}, title="Frames",
             needs_frames=True),
    # every level of nesting is one record (``parent`` / ``children`` are ids); the profile counts only
    # 排比 and 对偶 (lexical coordination is reported with class "coordination", never counted)
    Detector("parallelisms", parallelisms,
             ("id", "class", "score", "confidence", "kind", "level", "frame", "section", "parent", "children", "source"),
             members=True, measures={"parallelisms": lambda par: len(rhetorical(par))},
             title="Parallelism (排比 / 对偶; coordination apart)"),
    Detector("enumerations", enumerations, ("style", "markers", "section"), members=True, title="Enumerations"),
    # the discourse toolkit (issue 15): one record per reporting verb, directive event or clause; no
    # corpus measures (the reference profiles count what they counted before)
    Detector("reporting_frames", reporting_frames,
             ("marker", "start", "end", "status", "content_start", "content_end", "section"),
             title="Reporting verbs (要求, 强调, 提出 …): reported directives and mentions"),
    Detector("directive_voice", directive_voice, ("marker", "start", "end", "voice", "frame", "section"),
             title="Directives: reported or enacted"),
    Detector("addressees", directive_addressees,
             ("marker", "start", "end", "addressee", "group", "stated", "chained", "voice", "section"),
             title="Addressees of directives"),
    Detector("subjects", clause_subjects, ("text", "start", "end", "group", "role", "stated", "voice", "verb", "section"),
             title="Agency: the subject of each clause (reports, acts, is ordered)"),
)

#: Profile columns that combine measures of several detectors: ``directives`` = modal 要 + the rest of
#: the directive family (what "directive markers per 1,000 characters" counts everywhere).
COMBINED: dict[str, tuple[str, ...]] = {"directives": ("要", "directive_markers")}


def detectors() -> tuple[Detector, ...]:
    """The registered detectors (read at call time, so a detector added to :data:`REGISTRY` is seen by
    every consumer)."""
    return REGISTRY


def detector(name: str) -> Detector:
    """The registered detector called ``name``."""
    for d in detectors():
        if d.name == name:
            return d
    raise ZhDiscourseError(f"no detector {name!r}; registered: {', '.join(d.name for d in detectors())}")


def measure_names() -> tuple[str, ...]:
    """Every measure of the registry, in order, then the combined ones."""
    return tuple(m for d in detectors() for m in d.measures) + tuple(COMBINED)
