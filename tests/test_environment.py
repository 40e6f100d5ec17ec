"""pyproject.toml is the source of truth; environment.yml must list the same packages at the same pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_pins() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"]) + list(data["project"]["optional-dependencies"]["dev"])
    pins = {}
    for r in reqs:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.\-]+)\s*", r)
        assert m, f"dependency {r!r} is not pinned with =="
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def _environment_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"-\s*([A-Za-z0-9_.\-]+)\s*(==|=)\s*([A-Za-z0-9_.\-]+)", line)
        if m and _norm(m.group(1)) != "python":
            pins[_norm(m.group(1))] = m.group(3)
    return pins


def test_environment_mirrors_pyproject():
    assert _environment_pins() == _pyproject_pins()


def test_environment_installs_the_project_with_pip():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in text and re.search(r"^\s*-\s*pip:\s*$", text, re.M)
    assert re.search(r"^\s*-\s*-e \.\s*$", text, re.M)


def test_dev_extra_has_the_tools():
    pins = _pyproject_pins()
    for tool in ("jupyterlab", "jupytext", "pytest", "hypothesis"):
        assert tool in pins


def test_xdist_groups_keep_their_tests_on_one_worker(tmp_path):
    """`make test` runs on two pytest-xdist workers with ``--dist loadgroup``: tests marked
    ``xdist_group`` (and the tests of a module sharing a module-scoped fixture, tests/conftest.py) must run
    on one worker, or what they share is built once per worker: every notebook would run twice. pytest
    9.2.0 with pytest-xdist 3.8.0 silently ignored the mark (pytest-dev/pytest-xdist#1386)."""
    import os
    import subprocess
    import sys

    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_grouped.py").write_text(
        "import os, pytest\n"
        "@pytest.mark.xdist_group('one')\n"
        "@pytest.mark.parametrize('i', range(6))\n"
        "def test_a(i):\n"
        "    with open('workers.txt', 'a') as f:\n"
        "        f.write(os.environ['PYTEST_XDIST_WORKER'] + '\\n')\n", encoding="utf-8")
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")  # xdist alone: workers start in a second
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "xdist", "-p", "no:cacheprovider", "-n", "2",
                          "--dist", "loadgroup", "test_grouped.py"], cwd=tmp_path, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    workers = (tmp_path / "workers.txt").read_text(encoding="utf-8").split()
    assert len(workers) == 6 and len(set(workers)) == 1, workers
