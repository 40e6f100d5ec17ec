"""Open, run and save notebooks the way JupyterLab does; the committed files do not change.

JupyterLab reads and writes notebooks through jupyter-server's contents manager (with jupytext
installed, jupytext's subclass, which also writes the paired ``py:percent`` script). These tests use
that class, configured from the repository's ``.jupyter/jupyter_server_config.json`` (what
``make lab`` loads), on a copy of ``notebooks/``. Two checks:

**A real JupyterLab run** of the notebooks in :data:`LAB_RUN` (``07-explorer``: widgets, figures and
findings; ``ZHD_LAB_RUN=all`` runs every notebook, as this test did before issue 16):

1. ``get`` the notebook (jupytext combines the script's cells with the notebook's outputs);
2. run every cell in a fresh kernel with the environment jupyter-server gives a kernel (the
   caller's environment plus ``JPY_SESSION_NAME``, working folder = the notebook's folder, no
   ``PYTHONHASHSEED``, so a random hash seed, no ``ZHD_NOTEBOOK``), which also stamps the
   interpreter's ``language_info`` version, cell timings and new widget ids into the notebook;
3. ``save`` it (the pre-save hook runs here), and compare the bytes of the ``.ipynb`` and ``.py``
   with the committed ones. Figures and findings go to a copy of ``figures/`` (``ZHD_OUT``); the last
   test checks that the copy's files are the committed ones too.

**Every notebook saved after a run**: what a run gives each notebook (its outputs) is already proven
elsewhere: ``tests/study/test_notebooks_run.py`` runs every notebook in a fresh kernel and compares it
with the committed file, byte for byte. What JupyterLab adds is its contents manager, and what a
kernel run adds that the committed file must not keep. So each notebook is opened with ``get`` (its
cells must be the committed cells: ids, types, sources, outputs), given everything the real run above
added to its notebook (notebook and cell metadata: interpreter version, timings) and a stream output
split in two (as a busy kernel sends it), then saved; the ``.ipynb`` and ``.py`` must keep their
bytes. Running each notebook a second time here (about 140 s of the suite) proved one thing more:
that its outputs do not depend on the hash seed; for the notebooks not in :data:`LAB_RUN`, that is
left to ``ZHD_LAB_RUN=all``.
"""

from __future__ import annotations

import asyncio
import copy
import difflib
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext import build_async_jupytext_contents_manager_class
from nbclient import NotebookClient
from traitlets.config import JSONFileConfigLoader

from zhdiscourse import paths
from zhdiscourse.study.reproduce import find_notebooks, kernel_config

NOTEBOOKS = find_notebooks()
#: notebooks run in a kernel the JupyterLab way (prefixes; ``ZHD_LAB_RUN=all`` or ``=01,03`` to choose)
LAB_RUN = ("all",) if os.environ.get("ZHD_LAB_RUN") == "all" else tuple(
    os.environ.get("ZHD_LAB_RUN", "07-explorer").split(","))
RUN = [p for p in NOTEBOOKS if "all" in LAB_RUN or p.stem.startswith(LAB_RUN)]
# set by reproduce or by tests/conftest.py (MPLBACKEND=Agg), never by a JupyterLab session
RUN_ENV_DROP = ("PYTHONHASHSEED", "ZHD_NOTEBOOK", "ZHD_TEXT", "ZHD_OUT", "MPLBACKEND")


def _diff(a: Path, b: Path, n: int = 40) -> str:
    lines = difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(),
                                 b.read_text(encoding="utf-8").splitlines(), "committed", "saved", lineterm="", n=1)
    return "\n".join(line[:160] for line in list(lines)[:n])


def _server_config():
    folder = paths.project_root() / ".jupyter"
    return JSONFileConfigLoader("jupyter_server_config.json", str(folder)).load_config()


def _contents_manager(root: Path):
    return build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(root_dir=str(root),
                                                                              config=_server_config())


def _assert_saved_as_committed(root: Path, nb_path: Path) -> None:
    rel = nb_path.relative_to(paths.notebooks_dir())
    for suffix in (".ipynb", ".py"):
        saved, committed = (root / rel).with_suffix(suffix), nb_path.with_suffix(suffix)
        assert saved.read_bytes() == committed.read_bytes(), (
            f"saving {rel} changed {committed.name}:\n{_diff(committed, saved)}")


def _cells(nb) -> list[tuple]:
    return [(c.get("id"), c.cell_type, c.source, c.get("outputs")) for c in nb.cells]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(paths.notebooks_dir(), root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copytree(paths.figures_dir(), root / "figures", ignore=shutil.ignore_patterns(".*"))
    return root


@pytest.fixture(scope="module")
def lab_runs(workspace: Path) -> dict[str, nbformat.NotebookNode]:
    """Each notebook of :data:`RUN` opened, run in a fresh kernel and saved the JupyterLab way (into the
    workspace); returns each as the kernel left it, before the pre-save hook cleaned it."""
    root = workspace / "notebooks"
    cm = _contents_manager(root)
    ran = {}
    for nb_path in RUN:
        rel = nb_path.relative_to(paths.notebooks_dir())
        nb = nbformat.from_dict(asyncio.run(cm.get(rel.as_posix()))["content"])
        env = {k: v for k, v in os.environ.items() if k not in RUN_ENV_DROP}
        env["ZHD_OUT"] = str(workspace / "figures")
        env["JPY_SESSION_NAME"] = str(root / rel)  # what jupyter-server's session manager sets
        # a cell's timeout, also the longest a run can stall: with a widget on the page, nbclient sometimes gets
        # a reply only when the timeout expires, then goes on (jupyter/nbclient#312); no cell here needs 60 s
        client = NotebookClient(nb, timeout=300, kernel_name="python3", config=kernel_config(),
                                resources={"metadata": {"path": str((root / rel).parent)}})
        client.execute(env=env)
        ran[nb_path.stem] = copy.deepcopy(nb)
        asyncio.run(cm.save({"type": "notebook", "format": "json", "content": nb}, rel.as_posix()))
    return ran


def test_the_repository_config_installs_the_pre_save_hook():
    cm = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(config=_server_config())
    assert cm.pre_save_hook is not None and cm.pre_save_hook.__module__ == "zhdiscourse.study.nbclean"


@pytest.mark.notebooks
@pytest.mark.parametrize("nb_path", RUN, ids=lambda p: p.stem)
def test_open_run_save_leaves_the_notebook_unchanged(nb_path: Path, workspace: Path, lab_runs):
    nb = lab_runs[nb_path.stem]
    assert nb.metadata["language_info"].get("version"), "the kernel did not stamp language_info"
    assert any(c.metadata.get("execution") for c in nb.cells if c.cell_type == "code"), "no cell timings"
    _assert_saved_as_committed(workspace / "notebooks", nb_path)


def _run_additions(lab_runs) -> tuple[dict, dict]:
    """What the real runs added to a notebook: (notebook metadata, code-cell metadata) not in the committed
    file (the interpreter's version inside ``language_info``, the cells' ``execution`` timings …)."""
    nb_md, cell_md = {}, {}
    for stem, ran in lab_runs.items():
        committed = nbformat.read(next(p for p in NOTEBOOKS if p.stem == stem), as_version=4)
        for key, value in ran.metadata.items():
            if value != committed.metadata.get(key):
                nb_md[key] = value
        for cell, old in zip(ran.cells, committed.cells):
            cell_md.update({k: v for k, v in cell.metadata.items() if k not in old.metadata})
    return nb_md, cell_md


@pytest.mark.notebooks
def test_a_run_adds_what_the_committed_file_must_not_keep(lab_runs):
    """The other check feeds these additions to every notebook: they must be there to be removed."""
    nb_md, cell_md = _run_additions(lab_runs)
    assert nb_md["language_info"].get("version") and "execution" in cell_md


@pytest.mark.notebooks
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_open_and_save_after_a_run_leaves_the_notebook_unchanged(nb_path: Path, tmp_path: Path, lab_runs):
    root = tmp_path / "notebooks"
    rel = nb_path.relative_to(paths.notebooks_dir())
    (root / rel).parent.mkdir(parents=True)
    for suffix in (".ipynb", ".py"):
        shutil.copyfile(nb_path.with_suffix(suffix), (root / rel).with_suffix(suffix))
    shutil.copyfile(paths.notebooks_dir() / "jupytext.toml", root / "jupytext.toml")
    cm = _contents_manager(root)
    nb = nbformat.from_dict(asyncio.run(cm.get(rel.as_posix()))["content"])
    assert _cells(nb) == _cells(nbformat.read(nb_path, as_version=4)), "JupyterLab shows other cells"

    nb_md, cell_md = _run_additions(lab_runs)
    for key, value in nb_md.items():
        nb.metadata[key] = copy.deepcopy(value)
    split = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.update(copy.deepcopy(cell_md))
        for i, out in enumerate(cell.outputs):
            text = out.get("text", "") if out.output_type == "stream" else ""
            if not split and "\n" in text.rstrip("\n"):  # the first printed output of two lines or more
                cut = text.index("\n") + 1
                cell.outputs[i:i + 1] = [nbformat.v4.new_output("stream", name=out.name, text=text[:cut]),
                                         nbformat.v4.new_output("stream", name=out.name, text=text[cut:])]
                split += 1
    assert nbformat.writes(nb) != nb_path.read_text(encoding="utf-8")

    asyncio.run(cm.save({"type": "notebook", "format": "json", "content": nb}, rel.as_posix()))
    _assert_saved_as_committed(root, nb_path)


@pytest.mark.notebooks
def test_figures_and_findings_written_by_those_runs_are_the_committed_ones(workspace: Path, lab_runs):
    assert lab_runs
    changed = [p.name for p in sorted((workspace / "figures").iterdir())
               if p.is_file() and not p.name.startswith(".")
               and (paths.figures_dir() / p.name).read_bytes() != p.read_bytes()]
    assert not changed, f"runs in JupyterLab would change figures/: {changed}"
