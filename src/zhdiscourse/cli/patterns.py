"""``zhdiscourse patterns PATH [--json | --csv [DIR]] [--frames FILE] [--jobs N]``: rhetorical patterns of a text.

Every detector of :data:`zhdiscourse.patterns.registry.REGISTRY` runs. Default output: the directive
profile per part, then one readable table per detector. ``--json`` prints
:func:`zhdiscourse.patterns.patterns_report` (one key per detector). ``--csv DIR`` writes one CSV file per
detector into DIR (members flattened, one row per member); ``--csv`` without DIR prints every member of
every detector as one CSV table with a ``detector`` column.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from ..errors import ZhDiscourseError
from ..patterns import directive_profile
from ..patterns.export import member_rows, member_rows_shape, pattern_tables, patterns_report
from ..patterns.registry import detector, detectors
from ..patterns.spans import shared_run
from ..text.model import choose_unit
from .common import Output, TextAside, add_path, emit, load_speech_arg, positive


#: A detector's readable table of at least this many cells (rows × columns) starts being printed — formatted
#: by a forked process (:class:`~zhdiscourse.cli.common.TextAside`) — as soon as the detector's result is ready,
#: while the other detectors run (``--jobs`` ≥ 2): on 1 MB of text, the clause subjects (20,962 rows × 9, while
#: the rules run) and the parallelism members (4,743 rows × 16, while the other tables are made).
EARLY_CELLS = 50_000


#: The shared steps of the last run (:func:`~zhdiscourse.patterns.spans.shared_run`), kept: the process ends
#: (``cli.end_process``) without freeing them.
_KEPT: list = []


def _readable(df: pd.DataFrame) -> pd.DataFrame:
    """A detector's table as the readable output shows it (its text cut to 30 characters)."""
    if "text" in df.columns and not df.empty:
        df = df.assign(text=df["text"].str.slice(0, 30))
    return df


def _readable_rows(name: str, records: list[dict]) -> pd.DataFrame:
    """The readable table of the records of the detector called ``name``."""
    return _readable(member_rows(records, detector(name).fields))


def compute_patterns(args, speech) -> Output:
    fmt, jobs = getattr(args, "fmt", "table"), getattr(args, "jobs", 1)
    readable = fmt == "table" and getattr(args, "csv_dir", None) is None  # (``--csv`` leaves ``fmt`` as it is)
    order = {d.name: i for i, d in enumerate(detectors())}
    #: ``{name: (result, records, readable table)}`` of each result ``ready`` saw (the report and the tables
    #: reuse them for that very result); ``early``: ``{name: TextAside}`` of the tables formatted aside
    made: dict[str, tuple] = {}
    early: dict[str, TextAside] = {}
    waiting: list[str] = []  # small tables made but not yet formatted aside
    last: list[TextAside] = []  # the last TextAside started

    def ready(name, result):
        """The readable table of each result; once a large one is ready, it and the small ones made before it
        are formatted aside from now on, in one forked process (readable output only); a later large one, and
        the small ones before it, by the same process once it is done with the first (``TextAside(after=)``:
        on 1 MB of text the parallelism members come when the clause subjects have been formatted)."""
        if name in early or (name in made and made[name][0] is result):
            return
        d = detector(name)
        records = d.records(result)
        rows, columns = member_rows_shape(records, d.fields)
        large = rows * max(columns, 1) >= EARLY_CELLS
        # a large table is made by the process that formats it (a function that makes it stands in its place)
        df = partial(_readable_rows, name, records) if large else _readable_rows(name, records)
        made[name] = (result, records, df)
        if name not in waiting:
            waiting.append(name)
        if large:
            names = sorted(waiting, key=order.__getitem__)
            aside = TextAside([(f"{detector(n).title} ({len(made[n][1])})", made[n][2]) for n in names],
                              after=last[-1] if last else None)
            last.append(aside)
            early.update(dict.fromkeys(names, aside))
            waiting.clear()

    _KEPT.clear()  # the shared steps of the previous run (of another document of a corpus) are freed now
    # the directive profile reuses the detectors' modal 要 and directive markers; the shared steps are kept
    # after the run (:data:`_KEPT`)
    with shared_run(keep=_KEPT):
        rep = patterns_report(speech, getattr(args, "frames", None), jobs=jobs,
                              ready=ready if readable and jobs >= 2 else None,
                              made=made)
        if fmt == "json" and getattr(args, "csv_dir", None) is None:
            return Output(table=pd.DataFrame(), json=rep)  # --json prints the records only: no tables, no profile
        by = choose_unit(speech, "section", ("text",))[0]
        prof = directive_profile(speech, by)
    # the tables made as their results came are not made again (their rows are these records'), nor, for the
    # readable output, the one CSV table
    rest = tuple(d for d in detectors() if d.name not in made)
    tables = pattern_tables(rep, rest) if rest else {}  # (``only=()`` would mean every detector)
    cols = ["unit", "chars", "要", "不要", "必须", "务必", "一定", "坚决", "应", "不能", "决不能", "all", "all_per_1k", "我们V"]
    extra, pending = [], {}
    for d in detectors():
        if d.name in early:
            pending[len(extra) + 1] = early[d.name]
        extra.append((f"{d.title} ({len(rep[d.name])})",
                      made[d.name][2] if d.name in made else _readable(tables[d.name])))
    if readable:
        flat = pd.DataFrame()
    else:
        flat = pd.concat([t.assign(detector=name) for name, t in tables.items()], ignore_index=True)
        flat = flat[["detector"] + [c for c in flat.columns if c != "detector"]]
    return Output(table=flat, json=rep, view=prof[[c for c in cols if c in prof.columns]], extra=extra,
                  title="Directive markers per " + ("part" if by == "section" else "text")
                  + " (all = family incl. modal 要)", pending=pending)


def run(args) -> int:
    speech = load_speech_arg(args.path)
    out = compute_patterns(args, speech)
    if args.csv_dir == "":
        emit(out, "csv")
        return 0
    if args.csv_dir:
        target = Path(args.csv_dir)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ZhDiscourseError(f"cannot create {target}: {exc.strerror}") from None
        tables = pattern_tables(out.json)
        for name, df in tables.items():
            df.to_csv(target / f"{name}.csv", index=False)
        print(f"wrote {len(tables)} CSV files to {target}")
        return 0
    emit(out, args.fmt, jobs=getattr(args, "jobs", 1))
    return 0


run.compute = compute_patterns


def register(sub) -> None:
    p = sub.add_parser("patterns", help="directive 要, 要-runs, frames, parallelism, enumerations")
    add_path(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", dest="fmt", action="store_const", const="json", help="print JSON (one key per detector)")
    g.add_argument("--csv", dest="csv_dir", metavar="DIR", nargs="?", const="",
                   help="write one CSV per detector into DIR (without DIR: print one CSV table)")
    p.add_argument("--frames", metavar="FILE", help="frame templates (default: frames.txt of the lexicon)")
    p.add_argument("--jobs", type=positive, default=2, metavar="N",
                   help="processes: 2 (default) computes part of the detectors in a second process on a long text, "
                        "1 runs all in one (the same output)")
    p.set_defaults(fmt="table", func=run)
