"""Notebook hygiene: jupytext pairs in sync, a parameters cell first, paths from the project root,
outputs committed without volatile metadata or machine paths."""

import re

import jupytext
import nbformat
import pytest

from zhdiscourse import paths
from zhdiscourse.study.reproduce import find_notebooks

ROOT = paths.project_root()
NOTEBOOKS = find_notebooks()
IDS = [p.relative_to(ROOT / "notebooks").as_posix() for p in NOTEBOOKS]


def cells(nb):
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_there_are_notebooks_and_solutions():
    names = [p.stem for p in NOTEBOOKS]
    assert "01-text-and-structure" in names and "01-solutions" in names
    for p in NOTEBOOKS:
        assert re.match(r"^\d\d-[a-z0-9-]+$", p.stem), p.name


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_py_pair_matches_ipynb(nb_path):
    py = nb_path.with_suffix(".py")
    assert py.is_file(), f"{nb_path.name} has no py:percent pair"
    assert py.read_text(encoding="utf-8").lstrip().startswith("# %%"), "pair is not in py:percent format"
    a, b = jupytext.read(nb_path), jupytext.read(py)
    assert cells(a) == cells(b), f"{py.name} and {nb_path.name} differ: run `jupytext --sync {nb_path}`"


def test_pair_check_can_fail(tmp_path):
    nb = jupytext.read(NOTEBOOKS[0])
    nb.cells[-1].source += "\nprint('edited only in the ipynb')"
    assert cells(nb) != cells(jupytext.read(NOTEBOOKS[0].with_suffix(".py")))


def test_every_notebook_dir_is_paired_by_config():
    cfg = (ROOT / "notebooks" / "jupytext.toml").read_text(encoding="utf-8")
    assert re.search(r'^formats\s*=\s*"ipynb,py:percent"', cfg, re.M)


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_parameters_cell_first(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), "first code cell must be tagged `parameters`"
    src = first.source
    assert re.search(r'^TEXT\s*=\s*os\.environ\.get\("ZHD_TEXT",\s*str\(paths\.default_text\(\)\)\)', src, re.M)
    assert "ZHD_OUT" in src or "save_figure" not in "".join(c.source for c in code), \
        "a notebook that saves figures must read OUT from ZHD_OUT"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_paths_are_resolved_from_the_project_root(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.search(r"""["'](\.\./|/work/|/home/|/Users/|C:\\\\)""", src), "hard-coded or cwd-relative path"
    assert not re.search(r"""open\(\s*["']data/""", src), "use paths.data_path()/paths.resolve()"
    assert ".savefig(" not in src, "save figures through zhdiscourse.plots.save_figure"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_committed_with_outputs_and_without_volatile_metadata(nb_path):
    raw = nb_path.read_text(encoding="utf-8")
    nb = nbformat.reads(raw, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "run `make reproduce` to store executed notebooks"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not any("execution" in c.metadata for c in nb.cells)
    assert "version" not in nb.metadata.get("language_info", {})
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert str(ROOT) not in raw, "machine-specific path in the outputs"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert "missing from font" not in raw


def test_paths_helpers(tmp_path, monkeypatch):
    assert (paths.project_root() / "pyproject.toml").is_file()
    assert paths.data_path("raw") == paths.project_root() / "data" / "raw"
    assert paths.resolve("data/raw") == paths.data_path("raw")
    assert paths.is_reference_text(paths.default_text())
    copy = tmp_path / "copy.txt"
    copy.write_bytes(paths.default_text().read_bytes())
    assert paths.is_reference_text(copy)  # by content, not by name
    copy.write_bytes(paths.default_text().read_bytes() + b"\n")
    assert not paths.is_reference_text(copy)
    monkeypatch.chdir(tmp_path)  # the root does not depend on the working directory
    assert paths.resolve("data/raw") == paths.data_path("raw")
    assert paths.relative(paths.default_text()) == paths.DEFAULT_TEXT
