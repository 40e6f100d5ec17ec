"""``zhdiscourse report PATH --out DIR [--k N] [--top N] [--window N] [--quiet] [--jobs N]``.

Runs every analysis on one text (:func:`zhdiscourse.report.build_report`) and writes CSV/JSON
tables, PNG figures and one self-contained ``report.html`` into DIR. Progress goes to stderr (tqdm);
``--quiet`` turns it off. Prints where the report is and which steps were skipped and why. Exit
status 0, or 1 when a step failed unexpectedly (the report is still written); bad input → one-line
error, status 2.
"""

from __future__ import annotations

from ..report import build_report

DESCRIPTION = ("Run every analysis on one text and write CSV/JSON tables, PNG figures and one self-contained "
               "report.html (opens offline, fonts and figures embedded) into DIR. Progress goes to stderr; "
               "--quiet turns it off. Exit status 0, or 1 when a step failed unexpectedly (the report is "
               "still written); bad input gives a one-line error and status 2.")
from .common import add_path, positive


def register(sub) -> None:
    p = sub.add_parser("report", help="every analysis of one text: tables, figures, one offline HTML page",
                       description=DESCRIPTION)
    add_path(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for report.html, tables/ and figures/")
    p.add_argument("--k", type=positive, default=4, metavar="N", help="number of topics (default 4)")
    p.add_argument("--top", type=positive, default=20, metavar="N", help="rows per table shown in the HTML (default 20)")
    p.add_argument("--window", type=positive, default=5, metavar="N",
                   help="sentences per window for texts without parts (default 5)")
    p.add_argument("--frames", metavar="FILE", help="frame templates (default: frames.txt of the lexicon)")
    p.add_argument("--jobs", type=positive, default=2, metavar="N",
                   help="processes: 2 (default) computes the pattern steps in a second process, 1 runs all in one")
    p.add_argument("--quiet", action="store_true", help="no progress bar on stderr")
    p.set_defaults(func=run)


def run(args) -> int:
    res = build_report(args.path, args.out, k=args.k, top=args.top, window=args.window, quiet=args.quiet,
                       frames_file=args.frames, jobs=args.jobs)
    print(f"report: {res.html}  ({len(res.steps_run)} steps run, {len(res.figures)} figures, "
          f"{sum(1 for k in res.tables if not k.endswith('.json'))} CSV tables; {res.seconds:.1f} s)")
    if res.unit != "section":
        print(f"note: {res.unit_note}")
    for name, reason in res.steps_skipped:
        print(f"skipped {name}: {reason}")
    for name, reason in res.steps_failed:
        print(f"FAILED {name}: {reason}")
    return 1 if res.steps_failed else 0
