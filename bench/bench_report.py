"""Benchmark: ``zhdiscourse report`` on a ~1 MB multi-part policy text; target ≤ 30 s wall time.

The text is realistic and has parts: the most recent Government Work Reports of
``data/reference/government_work_reports.jsonl`` (opened with :func:`zhdiscourse.corpus.open_corpus`,
cleaned text), newest first, until the UTF-8 size reaches ``--mb`` megabytes. Each report becomes one
part, ``N、<title>`` on its own line, followed by its body in which the report's own top-level
headings (``一、`` at the start of a line) are rewritten as ``（一）`` so that they become sub-points
of that part. The text is written to a temporary file and the whole report is built from the file,
exactly as the command does (load + parse + every step + figures + HTML), with a **cold token cache**
(an empty temporary cache folder), so segmentation is included.

Prints the text's size and structure, the time of every step and the total; exit status 1 when the
total exceeds the target.

Run: ``.venv/bin/python bench/bench_report.py [--mb 1] [--target 30] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.corpus import open_corpus  # noqa: E402
from zhdiscourse.report import build_report  # noqa: E402
from zhdiscourse.structure import numeral  # noqa: E402

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
    ap.add_argument("--target", type=float, default=30.0, help="seconds")
    ap.add_argument("--keep", metavar="DIR", help="write the report here instead of a temporary folder")
    args = ap.parse_args(argv)

    text = build_text(args.mb)
    with tempfile.TemporaryDirectory(prefix="zhd-bench-report-") as tmp:
        src = Path(tmp) / "reports.txt"
        src.write_text(text, encoding="utf-8")
        out = Path(args.keep) if args.keep else Path(tmp) / "report"
        t0 = time.perf_counter()
        res = build_report(src, out, quiet=True, cache_dir=Path(tmp) / "cache")
        total = time.perf_counter() - t0
        html_mb = res.html.stat().st_size / 1e6
        summary = res.summary.read_text(encoding="utf-8")
    import json

    s = json.loads(summary)
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {len(text):,} characters, {s['parts']} parts, "
          f"{s['subsections']} sub-points, {s['sentences']:,} sentences (unit: {s['unit']})")
    print(f"{'step':14s} {'status':8s} {'seconds':>8s}")
    for st in res.steps:
        print(f"{st.name:14s} {st.status:8s} {st.seconds:8.2f}  {st.reason}")
    print(f"report.html: {html_mb:.2f} MB, {len(res.figures)} figures, "
          f"{sum(1 for k in res.tables if not k.endswith('.json'))} CSV tables")
    ok = total <= args.target and not res.steps_failed
    print(f"total (load + parse + all steps + HTML, cold token cache): {total:.2f} s — target ≤ {args.target:.0f} s: "
          + ("met" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
