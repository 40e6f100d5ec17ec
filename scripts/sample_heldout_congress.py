"""The held-out check of the strict 排比 rules: a blind sample of the rhetorical readings of a congress report.

The strict rules of :mod:`zhdiscourse.patterns.parallelism.strict` were written from the judging rules
of ``data/handcheck/README.md`` and checked on the speech and on the reports to the 9th–17th congresses.
The report to the 18th congress (``data/reference/cpc_congress_reports_1-18.jsonl``, id ``congress-18``
of :func:`zhdiscourse.stats.reference.load_congress_reports`; the 19th report is not in the data) was
not read while they were written. This script

* ``--write-old-keys``: writes the rhetorical reading (every 排比 / 对偶 instance of
  :func:`zhdiscourse.patterns.parallelisms`, nested ones included) of that report by the detector it runs
  with to ``data/handcheck/heldout_congress_old_keys.csv`` (run on main before the strict rules: the
  "old" reading);
* otherwise: reads those old keys, runs the current detector (the "new" reading), and draws a random
  sample (``random.Random(SEED)``) of ``--n`` instances from the union of the two readings, written in
  the blind format (no reading named, empty verdicts) to ``data/handcheck/heldout_congress_blind.csv``.

Judged copies (``heldout_congress_judge_a.csv``, ``heldout_congress_judge_b.csv``) are read by notebook 04
section 14 (:func:`zhdiscourse.study.handcheck.heldout_estimate`), which estimates the precision of
each reading on the sampled instances it holds.

Run: ``.venv/bin/python scripts/sample_heldout_congress.py [--write-old-keys] [--n 40]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.patterns.parallelism import parallelisms, rhetorical  # noqa: E402
from zhdiscourse.stats.reference import load_congress_reports  # noqa: E402
from zhdiscourse.study import handcheck  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402

SOURCE = ROOT / "data" / "reference" / "cpc_congress_reports_1-18.jsonl"
DOC = "congress-18"
TEXT = "data/reference/cpc_congress_reports_1-18.jsonl#congress-18"
OLD = ROOT / "data" / "handcheck" / "heldout_congress_old_keys.csv"
BLIND = ROOT / "data" / "handcheck" / "heldout_congress_blind.csv"
DROPPED = ROOT / "data" / "handcheck" / "heldout_congress_extra_blind.csv"
SEED = 13
KEY_COLUMNS = ["class", "level", "source", "start", "end", "member_starts", "members"]


def heldout_text() -> str:
    """The held-out report's decoded text (the offsets of every file here point into it)."""
    return next(d.text for d in load_congress_reports(SOURCE) if d.id == DOC)


def reading(text: str) -> list[dict]:
    return rhetorical(parallelisms(parse(text)))


def _row(q: dict) -> dict:
    return {"class": q["class"], "level": q["level"], "source": q["source"], "start": q["start"], "end": q["end"],
            "member_starts": ";".join(str(m["start"]) for m in q["members"]),
            "members": " | ".join(m["text"] for m in q["members"])}


def _old_rows() -> dict:
    """The stored old reading: instance key → its row (``KEY_COLUMNS``)."""
    old = handcheck.read_keys(OLD)
    return {k: r for k, r in zip(old["key"], old[KEY_COLUMNS].to_dict("records"))}


def write_old_keys(text: str) -> int:
    rows = [_row(q) for q in reading(text)]
    with OLD.open("w", newline="", encoding="utf-8") as f:
        f.write("# The rhetorical reading (every 排比 / 对偶 instance of zhdiscourse.patterns.parallelisms, nested ones "
                "included)\n# of the 18th CPC congress report (data/reference/cpc_congress_reports_1-18.jsonl, record "
                "congress 18, read with\n# zhdiscourse.stats.reference.load_congress_reports) by the detector on main "
                "before issue 13's precision rules:\n# the 'old' reading of the held-out check "
                "(data/handcheck/README.md; scripts/sample_heldout_congress.py).\n")
        w = csv.DictWriter(f, KEY_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def _write_rows(f, rows: list[dict], prefix: str) -> None:
    """Rows in the blind format (ids ``prefix0``…, empty verdicts) after the comment lines already in ``f``."""
    w = csv.DictWriter(f, ["id"] + KEY_COLUMNS + ["verdict", "reason", "text"], lineterminator="\n")
    w.writeheader()
    for i, r in enumerate(rows):
        w.writerow({"id": f"{prefix}{i}", **r, "verdict": "", "reason": "", "text": TEXT})


def draw(text: str, n: int) -> tuple[int, int, int]:
    rows = _old_rows()
    new = {handcheck.instance_key(q): _row(q) for q in reading(text)}
    rows.update(new)  # class, level and source of the current detector where both readings hold an instance
    union = sorted(rows)
    sample = sorted(random.Random(SEED).sample(union, min(n, len(union))))
    with BLIND.open("w", newline="", encoding="utf-8") as f:
        f.write("# Held-out check of the 排比 detector (blind): a random sample of the rhetorical readings of the report "
                "to the 18th CPC\n# congress, WITHOUT verdicts and without saying which reading an instance comes "
                "from. Read data/handcheck/README.md\n# (the judging rules; how to print the text), read each instance "
                "in its sentence (start/end are character offsets into\n# the decoded text named in column text), "
                "fill verdict with true or false and give a one-line reason; save the\n# file as "
                "heldout_congress_judge_a.csv or heldout_congress_judge_b.csv. Do not open another judge's file first.\n")
        _write_rows(f, [rows[k] for k in sample], "h")
    return len(union), len(sample), sum(k in new for k in sample)


def write_dropped(text: str) -> int:
    """Every instance of the old reading that the current one drops and the random sample does not hold,
    in the blind format (ids ``d0``…): judged too, they tell how many true figures the strict rules
    removed, and with the sample's estimate for the kept instances give the old reading's precision."""
    rows = _old_rows()
    new = {handcheck.instance_key(q) for q in reading(text)}
    sampled = set(handcheck.read_keys(BLIND)["key"])
    extra = [k for k in sorted(rows) if k not in new and k not in sampled]
    with DROPPED.open("w", newline="", encoding="utf-8") as f:
        f.write("# Held-out check of the 排比 detector (blind), supplement: further instances of the report to the 18th "
                "CPC congress,\n# judged like heldout_congress_blind.csv (same rules, same columns); save the file as "
                "heldout_congress_extra_judge_a.csv\n# or heldout_congress_extra_judge_b.csv. Do not open another "
                "judge's file first.\n")
        _write_rows(f, [rows[k] for k in extra], "d")
    return len(extra)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-old-keys", action="store_true")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--dropped", action="store_true",
                    help="write the old reading's instances that the current one drops and the sample lacks")
    args = ap.parse_args(argv)
    text = heldout_text()
    if args.write_old_keys:
        print(f"{write_old_keys(text)} instances written to {OLD.relative_to(ROOT)}")
        return 0
    if args.dropped:
        print(f"{write_dropped(text)} dropped instances written to {DROPPED.relative_to(ROOT)}")
        return 0
    union, n, in_new = draw(text, args.n)
    print(f"union of the readings: {union} instances; sample of {n} ({in_new} in the current reading) written to "
          f"{BLIND.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
