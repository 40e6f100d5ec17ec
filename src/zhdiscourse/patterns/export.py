"""All patterns of a text in one JSON schema (``zhdiscourse patterns PATH --json``, the report's
``tables/patterns.json``) and as flat tables (one row per member), both from the detector registry."""

from __future__ import annotations

import pandas as pd

from ..text.model import Speech
from . import parallel
from .registry import Detector, detectors
from .spans import shared_run


def pattern_results(speech: Speech, only: tuple[Detector, ...] | None = None, *, frames_file=None,
                    jobs: int = 1, ready=None) -> dict:
    """``{detector name: result}`` of every registered detector (or of ``only``) on ``speech`` (the steps
    several detectors share are computed once: :func:`~zhdiscourse.patterns.spans.shared_run`). With
    ``jobs`` ≥ 2 a long text is analysed in two processes (:mod:`zhdiscourse.patterns.parallel`; the
    same results). ``ready(name, result)``, if given, is called as each result becomes available here (the
    command line starts printing a large table early); it may be called again for a name when the two-process
    run fails and everything is computed again in this process."""
    wanted = tuple(only or detectors())
    with shared_run():
        if parallel.usable(speech, wanted, jobs):
            got = parallel.two_process_results(speech, wanted, frames_file=frames_file, ready=ready)
            if got is not None:
                return got
        out = {}
        for d in wanted:
            out[d.name] = d.run(speech, frames_file=frames_file)
            if ready is not None:
                ready(d.name, out[d.name])
        return out


def patterns_report(speech: Speech, frames_file=None, *, results: dict | None = None,
                    only: tuple[Detector, ...] | None = None, jobs: int = 1, ready=None,
                    made: dict | None = None) -> dict:
    """``{detector name: records}`` for every registered detector (the schema of each detector is its
    :class:`~zhdiscourse.patterns.registry.Detector` ``fields``, plus ``members`` for series).
    ``results`` (a :func:`pattern_results` dict, possibly partial) avoids running detectors again;
    ``jobs`` and ``ready`` as in :func:`pattern_results` (``ready`` sees only the results computed here);
    ``made``: ``{name: (result, records)}`` already made (by ``ready``), used for that very result object."""
    results = dict(results or {})
    out = {}
    with shared_run():
        missing = tuple(d for d in only or detectors() if d.name not in results)
        if missing and parallel.usable(speech, missing, jobs):
            results.update(pattern_results(speech, missing, frames_file=frames_file, jobs=jobs, ready=ready))
        for d in only or detectors():
            if d.name not in results:
                results[d.name] = d.run(speech, frames_file=frames_file)
                if ready is not None:
                    ready(d.name, results[d.name])
            hit = (made or {}).get(d.name)
            out[d.name] = hit[1] if hit is not None and hit[0] is results[d.name] else d.records(results[d.name])
    return out


def _cell(v):
    return " ".join(map(str, v)) if isinstance(v, (list, tuple)) else v


def member_rows(records: list[dict], fields: tuple[str, ...]) -> pd.DataFrame:
    """One row per record, or, for records with ``members``, one row per member: ``instance``, the
    ``fields``, ``member``, ``text``, ``start``, ``end`` and ``slots`` (``name=filler;…``) where the
    members have slots. Offsets point into the text (``text[start:end]`` is the member)."""
    has_members = any("members" in r for r in records)
    if not has_members:
        cols = list(fields) or ["start", "end"]
        return pd.DataFrame([{c: _cell(r.get(c)) for c in cols} for r in records], columns=cols) if not records \
            else pd.DataFrame({c: [_cell(r.get(c)) for r in records] for c in cols}, columns=cols)
    rows = []
    for i, rec in enumerate(records):
        for j, m in enumerate(rec["members"]):
            row = {"instance": i, **{k: _cell(rec.get(k)) for k in fields},
                   "member": j, "text": m["text"], "start": m["start"], "end": m["end"]}
            if m.get("slots"):
                row["slots"] = ";".join(f"{k}={v['text'] if isinstance(v, dict) else v}" for k, v in m["slots"].items())
            rows.append(row)
    cols = ["instance", *fields, "member", "text", "start", "end"]
    return pd.DataFrame(rows, columns=cols + (["slots"] if any("slots" in r for r in rows) else []))


def member_rows_shape(records: list[dict], fields: tuple[str, ...]) -> tuple[int, int]:
    """``(rows, columns)`` of :func:`member_rows` of ``records``, without making the table."""
    if not any("members" in r for r in records):
        return len(records), len(list(fields) or ["start", "end"])
    members = [m for rec in records for m in rec["members"]]
    return len(members), len(fields) + 5 + (1 if any(m.get("slots") for m in members) else 0)


def pattern_tables(report: dict, only: tuple[Detector, ...] | None = None) -> dict[str, pd.DataFrame]:
    """``{detector name: member_rows(records)}`` for a :func:`patterns_report` dict."""
    return {d.name: member_rows(report[d.name], d.fields) for d in only or detectors() if d.name in report}
