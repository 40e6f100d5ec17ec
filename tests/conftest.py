from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# shared helpers of the test folders (toy_tables.py) are imported by name
sys.path.insert(0, str(Path(__file__).resolve().parent))
SPEECH_PATH = ROOT / "data" / "raw" / "speech_2020-02-23.txt"

# Figures drawn by the tests (and by the notebooks of the session run) use the non-interactive backend.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def speech_path() -> Path:
    return SPEECH_PATH


@pytest.fixture(scope="session")
def speech_text() -> str:
    from zhdiscourse import load_text

    return load_text(SPEECH_PATH)


@pytest.fixture(scope="session")
def speech():
    from zhdiscourse import load_speech

    return load_speech(SPEECH_PATH)


@contextmanager
def as_make_reproduce():
    """The environment of ``make reproduce`` for notebook kernels: without the tests' ``MPLBACKEND=Agg``, so
    the kernels use the inline backend and the outputs can be compared with the committed notebooks."""
    old = os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        if old is not None:
            os.environ["MPLBACKEND"] = old


@pytest.fixture(scope="session")
def speech_reproduction(tmp_path_factory):
    """Every notebook and worked solution run once on the study's text (``reproduce`` into a temporary
    folder, 2 kernels at a time), shared by the tests that need executed notebooks: ``(out, summary)``.
    Tests that use it carry ``xdist_group("speech-notebooks")`` so that one pytest-xdist worker runs it."""
    from zhdiscourse.study.reproduce import reproduce

    out = tmp_path_factory.mktemp("speech-run")
    with as_make_reproduce():
        summary = reproduce(None, out, jobs=2, log=lambda *a: None)
    return out, summary
