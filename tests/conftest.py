from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# shared helpers of the test folders (toy_tables.py) are imported by name
sys.path.insert(0, str(Path(__file__).resolve().parent))
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
