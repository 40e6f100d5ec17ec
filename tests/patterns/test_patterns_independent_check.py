"""Independent second hand check of the 排比 detector (a reviewer who did not see the author's judgements).

data/handcheck/parallelism_handcheck_independent.csv holds one row per detector instance on the speech, matched by
(start, end, member starts) as in tests/test_patterns_parallelism.py. Measured at the time of the check
(72 instances): precision 68/72 = 0.944 under issue 5's definition (``judgement``), 40/72 = 0.556 under the
strict reading (``strict``: rhetorical 排比/对偶 only). After the recall improvement (94 instances; rows 72–93
judged by a second independent reviewer, blind to the author's verdicts): 89/94 = 0.947 and 47/94 = 0.500. The issue asks for >= 0.8 under its definition, which is
what is asserted; the strict precision is asserted only at its measured floor (0.5), not at 0.8.

data/handcheck/parallelism_misses_independent.csv lists structures in parts 二 and 三 that the detector missed.

These judgements were made on the first generation of the detector, its lexical rules (R1–R11), so they are
matched to that layer (:func:`zhdiscourse.patterns.parallelism.rules.parallelisms`); the second generation has
its own hand checks (data/handcheck/parallelism_gen2_judge_*.csv).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from zhdiscourse.patterns.parallelism import rules

DATA = Path(__file__).resolve().parents[2] / "data" / "handcheck"
INDEPENDENT = DATA / "parallelism_handcheck_independent.csv"
MISSES = DATA / "parallelism_misses_independent.csv"
BOOL = {"true": True, "false": False}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _key(start, end, member_starts):
    return (int(start), int(end), tuple(int(x) for x in member_starts))


@pytest.fixture(scope="module")
def judged_and_current(speech):
    rows = _rows(INDEPENDENT)
    judged = {_key(r["start"], r["end"], r["member_starts"].split(";")): r for r in rows}
    current = {_key(p["start"], p["end"], [m["start"] for m in p["members"]]): p for p in rules.parallelisms(speech)}
    return rows, judged, current


def test_independent_rows_are_well_formed(judged_and_current, speech):
    rows, judged, _ = judged_and_current
    assert len(rows) >= 40 and len(judged) == len(rows), "duplicate keys or too few judgements"
    for r in rows:
        assert r["judgement"] in BOOL and r["strict"] in BOOL and r["boundaries_ok"] in BOOL, r["id"]
        assert r["reason"].strip(), r["id"]
        # strict parallelism is a subset of parallelism under the definition
        assert BOOL[r["judgement"]] or not BOOL[r["strict"]], r["id"]
        starts = [int(x) for x in r["member_starts"].split(";")]
        texts = r["members"].split(" | ")
        assert len(starts) == len(texts) >= 2, r["id"]
        for s, t in zip(starts, texts):
            assert speech.text[s:s + len(t)] == t, (r["id"], t)


def test_independent_coverage_and_precision(judged_and_current):
    _, judged, current = judged_and_current
    covered = [judged[k] for k in current if k in judged]
    coverage = len(covered) / len(current)
    assert coverage >= 0.9, (
        f"only {coverage:.0%} of the {len(current)} current instances carry an independent judgement: "
        f"re-judge the new ones in {INDEPENDENT.name}"
    )
    precision = sum(BOOL[r["judgement"]] for r in covered) / len(covered)
    assert precision >= 0.8, f"independent precision (issue definition) {precision:.3f} < 0.8"
    strict = sum(BOOL[r["strict"]] for r in covered) / len(covered)
    # measured 0.500 (94 instances): the strict reading is NOT at 0.8; this only guards the measured floor
    assert strict >= 0.5, f"independent strict precision {strict:.3f} fell below the measured floor 0.5"


def test_misses_offsets(speech):
    rows = _rows(MISSES)
    assert rows
    for r in rows:
        s, e = int(r["start"]), int(r["end"])
        assert speech.text[s:e] == r["text"], r["text"]
        assert r["note"].split("]")[0] in ("[core", "[marginal", "[outside"), r["note"]
        assert speech.section_at(s).number in ("二", "三"), "misses were sampled in parts 二 and 三 only"
