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
    for tool in ("jupyterlab", "nbmake", "jupytext", "pytest", "hypothesis"):
        assert tool in pins
