from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEECH_PATH = ROOT / "data" / "raw" / "speech_2020-02-23.txt"

# Notebooks executed by nbmake write their figures here instead of figures/.
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
