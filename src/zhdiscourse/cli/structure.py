"""``zhdiscourse structure PATH [--json]``: the outline of a text."""

from __future__ import annotations

import pandas as pd

from .common import add_format, add_path, emit, load_speech_arg, print_json


def outline_rows(speech) -> pd.DataFrame:
    """The outline as one tidy table: a row per part and sub-point (``level`` 1 or 2) with offsets."""
    rows = []
    for sec in speech.sections:
        rows.append({"level": 1, "section": sec.number, "marker": f"{sec.number}、", "title": sec.title,
                     "start": sec.start, "end": sec.end})
        rows += [{"level": 2, "section": sec.number, "marker": u.marker, "title": u.title, "start": u.start,
                  "end": u.end} for u in sec.subsections]
    rows += [{"level": 2, "section": None, "marker": u.marker, "title": u.title, "start": u.start, "end": u.end}
             for u in speech.loose_subsections]
    return pd.DataFrame(rows, columns=["level", "section", "marker", "title", "start", "end"])


def cmd_structure(args) -> int:
    speech = load_speech_arg(args.path)
    if args.fmt == "json":
        d = speech.to_dict()
        print_json({"metadata": d["metadata"], "sections": d["sections"],
                    "loose_subsections": d["loose_subsections"], "sentences": d["sentences"]})
        return 0
    if args.fmt == "csv":
        emit(outline_rows(speech), "csv")
        return 0
    md = speech.metadata
    for key in ("title", "speaker", "date", "source", "published", "dateline", "print_reference"):
        val = getattr(md, key)
        if val:
            print(f"{key:>16}: {val}")
    n_sent = sum(1 for s in speech.sentences if not s.is_heading)
    print(f"{'body':>16}: {speech.body_start}–{speech.body_end} ({speech.body_end - speech.body_start} characters, "
          f"{n_sent} sentences)")
    if not speech.sections:
        print("no part headings found: the text is analysed as a sequence of sentences")
    for sec in speech.sections:
        print(f"{sec.number}、{sec.title}  [{sec.start}–{sec.end}]")
        for sub in sec.subsections:
            print(f"    {sub.marker}  {sub.title}  [{sub.start}–{sub.end}]")
    for sub in speech.loose_subsections:
        print(f"{sub.marker}  {sub.title}  [{sub.start}–{sub.end}]")
    return 0


def register(sub) -> None:
    p = sub.add_parser("structure", help="metadata, parts, sub-points and sentences of a text")
    add_path(p)
    add_format(p)
    p.set_defaults(func=cmd_structure)
