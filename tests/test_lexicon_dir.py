"""The lexicon folder can be swapped with $ZHDISCOURSE_LEXICON_DIR, frames included, also as a relative path."""

from __future__ import annotations

import shutil
from pathlib import Path

from zhdiscourse.lexicon import lexicon_dir
from zhdiscourse.tokenize.dictionary import lexicon_file
from zhdiscourse.patterns import read_templates

ROOT = Path(__file__).resolve().parents[1]


def test_frames_follow_the_lexicon_folder(tmp_path, monkeypatch):
    d = tmp_path / "lex"
    shutil.copytree(ROOT / "data" / "lexicon", d)
    (d / "frames.txt").write_text("越是{X}越要\n", encoding="utf-8")
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", str(d))
    assert lexicon_file("frames.txt") == d / "frames.txt"
    assert len(read_templates()) == 1


def test_relative_lexicon_dir_resolves_from_the_project_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", "data/lexicon")
    assert lexicon_dir().resolve() == (ROOT / "data" / "lexicon").resolve()


def test_missing_file_falls_back_to_the_project_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", str(tmp_path))
    assert lexicon_file("frames.txt") == ROOT / "data" / "lexicon" / "frames.txt"
