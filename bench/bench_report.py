"""Benchmark: ``zhdiscourse report`` on a ~1 MB multi-part policy text; target ≤ 10 s wall time.

The text is realistic and has parts: the most recent Government Work Reports of
``data/reference/government_work_reports.jsonl`` (opened with :func:`zhdiscourse.text.corpus.open_corpus`,
cleaned text), newest first, until the UTF-8 size reaches ``--mb`` megabytes. Each report becomes one
part, ``N、<title>`` on its own line, followed by its body in which the report's own top-level
headings (``一、`` at the start of a line) are rewritten as ``（一）`` so that they become sub-points
of that part. The text is written to a temporary file and the whole report is built from the file,
exactly as the command does (load + parse + every step + figures + HTML), with a **cold token cache**
(``ZHDISCOURSE_CACHE_DIR`` set to an empty temporary folder), so segmentation is included.

Prints the text's size and structure, the time of every step and the total; exit status 1 when the
total exceeds the target.

Run: ``.venv/bin/python bench/bench_report.py [--mb 1] [--target 10] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.text.corpus import open_corpus  # noqa: E402
from zhdiscourse.report import build_report  # noqa: E402
from zhdiscourse.text.numerals import numeral  # noqa: E402

CORPUS = ROOT / "data" / "reference" / "government_work_reports.jsonl"
HEADING = re.compile(r"(?m)^(\s*)([一二三四五六七八九十]+)、")


def build_text(mb: float) -> str:
    docs = sorted((d for d in open_corpus(CORPUS) if d.year), key=lambda d: -d.year)
    chunks, size = [], 0
    for d in docs:
        sp = d.speech()
        body = HEADING.sub(r"\1（\2）", d.text[sp.body_start:sp.body_end]).strip()
        chunk = f"{numeral(len(chunks) + 1)}、{d.title}\n{body}"
        chunks.append(chunk)
        size += len(chunk.encode("utf-8")) + 2
        if size >= mb * 1_000_000 or len(chunks) == 99:
            break
    return "\n\n".join(chunks) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--target", type=float, default=10.0, help="seconds")
    ap.add_argument("--jobs", type=int, default=2, help="2: pattern steps in a worker process (default)")
    ap.add_argument("--keep", metavar="DIR", help="write the report here instead of a temporary folder")
    args = ap.parse_args(argv)

    text = build_text(args.mb)
    with tempfile.TemporaryDirectory(prefix="zhd-bench-report-") as tmp:
        src = Path(tmp) / "reports.txt"
        src.write_text(text, encoding="utf-8")
        out = Path(args.keep) if args.keep else Path(tmp) / "report"
        # an empty token cache, also for the analysis functions that call tokens(speech) themselves
        os.environ["ZHDISCOURSE_CACHE_DIR"] = str(Path(tmp) / "cache")
        t0, c0 = time.perf_counter(), os.times()
        res = build_report(src, out, quiet=True, jobs=args.jobs)
        total, c1 = time.perf_counter() - t0, os.times()
        cpu_self = (c1.user - c0.user) + (c1.system - c0.system)
        cpu_children = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
        html_mb = res.html.stat().st_size / 1e6
        summary = res.summary.read_text(encoding="utf-8")
    import json

    s = json.loads(summary)
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {len(text):,} characters, {s['parts']} parts, "
          f"{s['subsections']} sub-points, {s['sentences']:,} sentences (unit: {s['unit']})")
    print(f"{'step':14s} {'status':8s} {'wall s':>8s} {'cpu s':>8s}")
    for st in res.steps:
        print(f"{st.name:14s} {st.status:8s} {st.seconds:8.2f} {st.cpu:8.2f}  {st.reason}")
    print(f"report.html: {html_mb:.2f} MB, {len(res.figures)} figures, "
          f"{sum(1 for k in res.tables if not k.endswith('.json'))} CSV tables")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"CPU: main process {cpu_self:.2f} s, pattern worker {cpu_children:.2f} s; load average before the end "
          f"{load:.1f} on {os.cpu_count()} cores")
    ok = total <= args.target and not res.steps_failed
    print(f"total (load + parse + all steps + HTML, cold token cache): {total:.2f} s — target ≤ {args.target:.0f} s: "
          + ("met" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
