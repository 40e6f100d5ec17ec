"""``zhdiscourse structure PATH [--json | --csv]``: the outline of a text."""

from __future__ import annotations

import pandas as pd

from .common import Output, add_format, add_path, command


def outline_rows(speech) -> pd.DataFrame:
    """The outline as one tidy table: a row per part and sub-point (``level`` 1 or 2) with offsets."""
    rows = []
    for sec in speech.sections:
        rows.append({"level": 1, "section": sec.number, "marker": sec.marker or f"{sec.number}、", "title": sec.title,
                     "start": sec.start, "end": sec.end})
        rows += [{"level": 2, "section": sec.number, "marker": u.marker, "title": u.title, "start": u.start,
                  "end": u.end} for u in sec.subsections]
    rows += [{"level": 2, "section": None, "marker": u.marker, "title": u.title, "start": u.start, "end": u.end}
             for u in speech.loose_subsections]
    return pd.DataFrame(rows, columns=["level", "section", "marker", "title", "start", "end"])


def outline_text(speech) -> str:
    """The readable outline: metadata, body size, then parts and sub-points with their offsets."""
    lines = []
    md = speech.metadata
    for key in ("title", "speaker", "date", "source", "published", "dateline", "print_reference"):
        val = getattr(md, key)
        if val:
            lines.append(f"{key:>16}: {val}")
    n_sent = sum(1 for s in speech.sentences if not s.is_heading)
    lines.append(f"{'body':>16}: {speech.body_start}–{speech.body_end} "
                 f"({speech.body_end - speech.body_start} characters, {n_sent} sentences)")
    if not speech.sections:
        lines.append("no part headings found: the text is analysed as a sequence of sentences")
    for sec in speech.sections:
        head = f"{sec.marker} {sec.title}" if sec.marker.startswith("第") else f"{sec.marker or sec.number + '、'}{sec.title}"
        lines.append(f"{head}  [{sec.start}–{sec.end}]")
        for sub in sec.subsections:
            lines.append(f"    {sub.marker}  {sub.title}  [{sub.start}–{sub.end}]")
    for sub in speech.loose_subsections:
        lines.append(f"{sub.marker}  {sub.title}  [{sub.start}–{sub.end}]")
    return "\n".join(lines) + "\n"


def compute_structure(args, speech) -> Output:
    d = speech.to_dict()
    payload = {"metadata": d["metadata"], "sections": d["sections"],
               "loose_subsections": d["loose_subsections"], "sentences": d["sentences"]}
    return Output(table=outline_rows(speech), json=payload, text=outline_text(speech))


def register(sub) -> None:
    p = sub.add_parser("structure", help="metadata, parts, sub-points and sentences of a text")
    add_path(p)
    add_format(p)
    p.set_defaults(func=command(compute_structure))
