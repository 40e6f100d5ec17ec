"""Open, run and save every notebook the way JupyterLab does; the committed files do not change.

JupyterLab reads and writes notebooks through jupyter-server's contents manager (with jupytext
installed, jupytext's subclass, which also writes the paired ``py:percent`` script). This test uses
that class, configured from the repository's ``.jupyter/jupyter_server_config.json`` (what
``make lab`` loads), on a copy of ``notebooks/``:

1. ``get`` the notebook (jupytext combines the script's cells with the notebook's outputs);
2. run every cell in a fresh kernel with the environment jupyter-server gives a kernel (the
   caller's environment plus ``JPY_SESSION_NAME``, working folder = the notebook's folder, no
   ``PYTHONHASHSEED``, no ``ZHD_NOTEBOOK``), which also stamps the interpreter's ``language_info``
   version into the metadata as JupyterLab does;
3. ``save`` it (the pre-save hook runs here), and compare the bytes of the ``.ipynb`` and ``.py``
   with the committed ones.

Figures and findings go to a copy of ``figures/`` (``ZHD_OUT``); the last test checks that the
copy's files are the committed ones too, so a JupyterLab session leaves ``git status`` clean.
"""

from __future__ import annotations

import asyncio
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
# set by reproduce or by tests/conftest.py (MPLBACKEND=Agg), never by a JupyterLab session
RUN_ENV_DROP = ("PYTHONHASHSEED", "ZHD_NOTEBOOK", "ZHD_TEXT", "ZHD_OUT", "MPLBACKEND")


def _diff(a: Path, b: Path, n: int = 40) -> str:
    lines = difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(),
                                 b.read_text(encoding="utf-8").splitlines(), "committed", "saved", lineterm="", n=1)
    return "\n".join(line[:160] for line in list(lines)[:n])


def _server_config():
    folder = paths.project_root() / ".jupyter"
    return JSONFileConfigLoader("jupyter_server_config.json", str(folder)).load_config()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(paths.notebooks_dir(), root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copytree(paths.figures_dir(), root / "figures", ignore=shutil.ignore_patterns(".*"))
    return root


def test_the_repository_config_installs_the_pre_save_hook():
    cm = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(config=_server_config())
    assert cm.pre_save_hook is not None and cm.pre_save_hook.__module__ == "zhdiscourse.study.nbclean"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_open_run_save_leaves_the_notebook_unchanged(nb_path: Path, workspace: Path):
    rel = nb_path.relative_to(paths.notebooks_dir())
    root = workspace / "notebooks"
    cm = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(root_dir=str(root),
                                                                            config=_server_config())
    model = asyncio.run(cm.get(rel.as_posix()))
    nb = nbformat.from_dict(model["content"])

    env = {k: v for k, v in os.environ.items() if k not in RUN_ENV_DROP}
    env["ZHD_OUT"] = str(workspace / "figures")
    env["JPY_SESSION_NAME"] = str(root / rel)  # what jupyter-server's session manager sets
    client = NotebookClient(nb, timeout=900, kernel_name="python3", config=kernel_config(),
                            resources={"metadata": {"path": str((root / rel).parent)}})
    client.execute(env=env)
    assert nb.metadata["language_info"].get("version"), "the kernel did not stamp language_info"

    asyncio.run(cm.save({"type": "notebook", "format": "json", "content": nb}, rel.as_posix()))
    for suffix in (".ipynb", ".py"):
        saved, committed = (root / rel).with_suffix(suffix), nb_path.with_suffix(suffix)
        assert saved.read_bytes() == committed.read_bytes(), (
            f"saving {rel} changed {committed.name}:\n{_diff(committed, saved)}")


def test_figures_and_findings_written_by_those_runs_are_the_committed_ones(workspace: Path):
    changed = [p.name for p in sorted((workspace / "figures").iterdir())
               if p.is_file() and not p.name.startswith(".")
               and (paths.figures_dir() / p.name).read_bytes() != p.read_bytes()]
    assert not changed, f"runs in JupyterLab would change figures/: {changed}"
