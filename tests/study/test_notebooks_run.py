"""Every notebook and worked solution runs on the study's text, once per test session, and reproduces the
committed outputs byte for byte (what `make reproduce` must do: leave `git status` clean).

This replaces running each notebook under nbmake (one kernel per notebook, one after the other): the
notebooks run in the session fixture ``speech_reproduction`` (``tests/conftest.py``), two kernels at a
time, and several tests read its result.
"""

from __future__ import annotations

import hashlib
import json

import nbformat
import pytest

from zhdiscourse import paths
from zhdiscourse.study.reproduce import WIDGET_VIEW, find_notebooks

pytestmark = [pytest.mark.notebooks, pytest.mark.xdist_group("speech-notebooks")]

NOTEBOOKS = find_notebooks()


def _sha(p) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_matches_the_committed_one(speech_reproduction, nb_path):
    out, summary = speech_reproduction
    assert summary["notebooks"] == len(NOTEBOOKS)
    executed = out / "notebooks" / nb_path.relative_to(paths.notebooks_dir())
    nb = nbformat.read(executed, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    # widget views carry a random model id per run: reproduce drops them (the text fallback stays), so a rerun of
    # the explorer gives the same bytes (the committed notebook is an earlier run)
    assert WIDGET_VIEW.encode() not in executed.read_bytes() and b"model_id" not in executed.read_bytes()
    assert executed.read_bytes() == nb_path.read_bytes(), (
        f"{nb_path.name}: a fresh run differs from the committed notebook (run `make reproduce` and commit)")


def test_figures_match_the_committed_ones(speech_reproduction):
    out, summary = speech_reproduction
    mine = json.loads((out / "figures.json").read_text(encoding="utf-8"))["figures"]
    committed = json.loads((paths.figures_dir() / "figures.json").read_text(encoding="utf-8"))["figures"]
    assert [r["name"] for r in mine] == [r["name"] for r in committed]
    differ = [f for r in committed for f in r["files"] if _sha(out / f) != _sha(paths.figures_dir() / f)]
    assert not differ, f"figures differ from the committed ones: {differ[:5]}"
    assert summary["figures"] == len(committed) >= 40


def test_findings_match_the_committed_ones(speech_reproduction):
    """The numbers the README and docs/ cite (figures/findings.json, tests/study/test_findings_doc.py) are
    what the notebooks compute now."""
    from zhdiscourse.study import findings

    out, _ = speech_reproduction
    new, committed = findings.read(out), findings.read(paths.figures_dir())
    assert new, "the notebooks recorded no findings"
    stale = [f"{k}: computed {v['text']!r}, committed {committed.get(k, {}).get('text')!r}"
             for k, v in sorted(new.items()) if committed.get(k, {}).get("text") != v["text"]]
    assert not stale, "figures/findings.json is stale (run `make reproduce`):\n" + "\n".join(stale)
    assert set(committed) == set(new), f"records no notebook writes any more: {sorted(set(committed) - set(new))}"
