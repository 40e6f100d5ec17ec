"""``zhdiscourse patterns PATH [--json | --csv DIR] [--frames FILE]``: rhetorical patterns of a text.

Default output: readable tables (directive profile per part, 要-runs, frames, parallelism, enumerations).
``--json`` prints the schema of :func:`zhdiscourse.patterns.patterns_report`. ``--csv DIR`` writes one
CSV file per kind into DIR (members flattened, one row per member).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .common import add_path, load_speech_arg, print_json, print_table
from ..errors import ZhDiscourseError


def register(sub) -> None:
    p = sub.add_parser("patterns", help="directive 要, 要-runs, frames, parallelism, enumerations")
    add_path(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", dest="fmt", action="store_const", const="json", help="print JSON (schema of issue 5)")
    g.add_argument("--csv", dest="csv_dir", metavar="DIR", help="write one CSV per kind into DIR")
    p.add_argument("--frames", metavar="FILE", help="frame templates (default src/zhdiscourse/lexicon/frames.txt)")
    p.set_defaults(fmt="table", func=run)


def _member_rows(items: list[dict], keys: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for i, it in enumerate(items):
        for j, m in enumerate(it["members"]):
            row = {"instance": i, **{k: (" ".join(it[k]) if isinstance(it.get(k), list) else it.get(k)) for k in keys},
                   "member": j, "text": m["text"], "start": m["start"], "end": m["end"]}
            if "slots" in m:
                row["slots"] = ";".join(f"{k}={v}" for k, v in m["slots"].items())
            rows.append(row)
    return pd.DataFrame(rows)


def run(args) -> int:
    from ..patterns import directive_profile, patterns_report

    speech = load_speech_arg(args.path)
    rep = patterns_report(speech, args.frames)
    if args.fmt == "json":
        print_json(rep)
        return 0
    tables = {
        "modal_yao": pd.DataFrame(rep["modal_yao"]),
        "directives": pd.DataFrame(rep["directives"]),
        "yao_runs": pd.DataFrame(rep["yao_runs"]),
        "frames": _member_rows(rep["frames"], ("frame",)),
        "parallelisms": _member_rows(rep["parallelisms"], ("kind", "frame", "section")),
        "enumerations": _member_rows(rep["enumerations"], ("markers",)),
    }
    if args.csv_dir:
        out = Path(args.csv_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ZhDiscourseError(f"cannot create {out}: {exc.strerror}") from None
        for name, df in tables.items():
            df.to_csv(out / f"{name}.csv", index=False)
        print(f"wrote {len(tables)} CSV files to {out}")
        return 0
    try:
        prof = directive_profile(speech, "section")
    except ZhDiscourseError:
        prof = directive_profile(speech, "text")
    cols = ["unit", "chars", "要", "不要", "必须", "务必", "一定", "坚决", "应", "不能", "决不能", "all", "all_per_1k", "我们V"]
    print_table(prof[[c for c in cols if c in prof.columns]], "Directive markers per part (all = family incl. modal 要)")
    print()
    print(f"modal 要: {len(tables['modal_yao'])}   directive markers (excl. 要): {len(tables['directives'])}")
    print()
    print_table(tables["yao_runs"], "Runs of 要-initial sentences")
    for name in ("frames", "parallelisms", "enumerations"):
        print()
        df = tables[name]
        if not df.empty:
            df = df.assign(text=df["text"].str.slice(0, 30))
        print_table(df, name.capitalize())
    return 0
