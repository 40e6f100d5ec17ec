"""Numbers in the README and in docs/ are the notebooks' numbers.

The notebooks record each number that the prose cites (``zhdiscourse.study.findings.record``) into
``figures/findings.json``; the prose marks each cited number with ``<!--f:NAME-->``. Here every marker
must name a record and show its text, and the README's Findings section may hold no number without a
marker (apart from the fixed notation listed in ``FIXED``). That ``figures/findings.json`` is what the
notebooks compute now is checked on the session's notebook run (``tests/study/test_notebooks_run.py``).
"""

from __future__ import annotations

import re

import pytest

from zhdiscourse import paths
from zhdiscourse.study import findings

ROOT = paths.project_root()
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

#: Numbers in the Findings section that are notation or a method's fixed setting, not results.
FIXED = [
    r"\b\d{4}-\d{2}-\d{2}\b",  # dates of the speech and its publication
    r"\b1,000 characters\b", r"\b95 %", r"\b10,000\b",  # units, interval level, number of shuffles
    r"人民日报, \d{4}", r"Bothwell et al\. \d{4}", r"\b\d{4}s\b",  # a citation; a decade
    r"below 5\b", r"below 0\.05\b", r"The 15 most", r"\bsections? \d+",  # the expected-count floor; the 5 % level; a figure's size
    r"\b\d+(?:st|nd|rd|th) (?:CPC )?congress\b",  # a congress's ordinal (a name)
]


@pytest.fixture(scope="module")
def records():
    recs = findings.read(ROOT / "figures")
    assert recs, "figures/findings.json is missing or empty: run `make reproduce`"
    return recs


@pytest.mark.parametrize("doc", DOCS, ids=[p.relative_to(ROOT).as_posix() for p in DOCS])
def test_every_marked_number_is_the_recorded_one(doc, records):
    problems, _ = findings.check_markers(doc.read_text(encoding="utf-8"), records)
    assert not problems, "\n".join(problems)


def test_the_readme_cites_numbers_through_markers(records):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    _, n = findings.check_markers(text, records)
    assert n >= 60


def _unmarked_numbers(section: str) -> list[str]:
    s = findings.MARKER.sub(" ", section)  # a marker and the number it guards
    s = re.sub(r"`[^`]*`", " ", s)  # code and file names
    s = re.sub(r"\]\([^)]*\)", "]", s)  # link and image targets
    for pat in FIXED:
        s = re.sub(pat, " ", s)
    return [m.group(0) for m in re.finditer(r"(?<![A-Za-z\d.,])\d[\d,.]*", s)]  # not F1, not x1


def test_no_unmarked_number_in_the_findings():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Findings", 1)[1].split("\n## ", 1)[0]
    loose = _unmarked_numbers(section)
    assert not loose, f"numbers in the README's Findings without a findings marker: {loose}"


#: Numbers elsewhere in the README that are versions, settings or names, not measurements.
README_FIXED = FIXED + [
    r"\b3\.11\b", r"\b0\.42\.1\b",  # Python and jieba versions
    r"notebook \d\d", r"\b90 %",  # a notebook's number; the share a default dictionary layer must reach
    r"window=\d+",  # a code example's argument
    r"UTF-\d+",  # encodings
]


def test_no_unmarked_number_anywhere_in_the_readme():
    """Timings and counts drift: the README states them through markers or points to bench/README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    loose = []
    for pat in README_FIXED:
        text = re.sub(pat, " ", text)
    loose = [n for n in _unmarked_numbers(text) if not re.fullmatch(r"(1[89]|20)\d\d|\d", n.rstrip(".,"))]
    assert not loose, f"numbers in the README without a findings marker: {loose}"


def test_the_checks_can_fail():
    recs = {"a.b": {"value": 1.7, "text": "1.7", "notebook": "00-x"},
            "w": {"value": "中国", "text": "中国", "notebook": "00-x"}}
    ok, n = findings.check_markers("density <!--f:a.b-->1.7 and **<!--f:w-->中国**", recs)
    assert ok == [] and n == 2
    bad, _ = findings.check_markers("density <!--f:a.b-->1.8, <!--f:nope-->3, <!--f:w-->美国", recs)
    assert len(bad) == 3
    assert _unmarked_numbers("part 一 has <!--f:a.b-->1.7 markers, 14.7 in all (`x1`)") == ["14.7"]

