"""Where things live: the project root and the standard folders under it.

Notebooks, scripts and tests resolve every path from the project root, never from the current working
directory (a notebook's kernel starts in ``notebooks/``, pytest in the root, a reader's shell anywhere).

The root is found, in this order:

1. the environment variable ``ZHD_ROOT`` when it is set;
2. the nearest folder above this source file that holds both ``pyproject.toml`` and ``data/``
   (the editable install used by the project);
3. the nearest such folder above the current working directory (a non-editable install run from a
   checkout).

``is_reference_text(path)`` tells whether a file is, byte for byte, one of the texts recorded in
``data/MANIFEST.sha256``: notebooks use it to run the assertions that only hold for the study's own
text and to skip them (saying so) for any other text.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .errors import ZhDiscourseError

#: The study's text, relative to the project root.
DEFAULT_TEXT = "data/raw/speech_2020-02-23.txt"


def _is_root(p: Path) -> bool:
    return (p / "pyproject.toml").is_file() and (p / "data").is_dir()


@lru_cache(maxsize=None)
def _find_root(env: str | None, cwd: str) -> Path:
    if env:
        root = Path(env).expanduser().resolve()
        if not root.is_dir():
            raise ZhDiscourseError(f"ZHD_ROOT={env} is not a folder")
        return root
    for start in (Path(__file__).resolve().parent, Path(cwd).resolve()):
        for p in (start, *start.parents):
            if _is_root(p):
                return p
    raise ZhDiscourseError("cannot find the project root (a folder with pyproject.toml and data/); set ZHD_ROOT")


def find_project_root() -> Path | None:
    """The project root, or ``None`` outside a checkout (the package installed elsewhere)."""
    try:
        return project_root()
    except ZhDiscourseError:
        return None


def project_root() -> Path:
    """The project's root folder (absolute)."""
    return _find_root(os.environ.get("ZHD_ROOT") or None, os.getcwd())


def data_path(*parts: str) -> Path:
    """A path under ``data/``: ``data_path("lexicon", "glossary.csv")``."""
    return project_root().joinpath("data", *parts)


def default_text() -> Path:
    """The study's text (``data/raw/…``), absolute."""
    return project_root() / DEFAULT_TEXT


def figures_dir() -> Path:
    """The committed figures folder, ``figures/``."""
    return project_root() / "figures"


def notebooks_dir() -> Path:
    """The notebooks folder, ``notebooks/``."""
    return project_root() / "notebooks"


def resolve(path: str | os.PathLike) -> Path:
    """An absolute path: relative paths are taken from the project root, not from the cwd."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else project_root() / p


def relative(path: str | os.PathLike) -> str:
    """``path`` relative to the project root when it lies under it (for printing: no machine paths)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(project_root()).as_posix()
    except ValueError:
        return p.name


def sha256_file(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def manifest() -> dict[str, str]:
    """``data/MANIFEST.sha256`` as ``{relative path under data/: sha256}`` (empty when absent)."""
    f = data_path("MANIFEST.sha256")
    if not f.is_file():
        return {}
    out = {}
    for line in f.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        out[name.strip().lstrip("*")] = digest.strip()
    return out


def is_reference_text(path: str | os.PathLike | None = None) -> bool:
    """True when ``path`` (default: the study's text) is byte-identical to a raw text in the manifest.

    Checked by content (SHA-256), not by name, so a copy of the speech elsewhere counts and an edited
    file at the same path does not.
    """
    p = resolve(path) if path is not None else default_text()
    if not p.is_file():
        return False
    raw = {d for name, d in manifest().items() if name.startswith("raw/")}
    return sha256_file(p) in raw
