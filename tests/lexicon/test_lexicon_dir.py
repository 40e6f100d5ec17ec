"""The bundled lexicon, and another folder that overrides it (``$ZHDISCOURSE_LEXICON_DIR`` or an argument)."""

from __future__ import annotations

import shutil

import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.lexicon import FILES, bundled_dir, lexicon_dir, lexicon_file, read_list
from zhdiscourse.patterns import read_templates
from zhdiscourse.paths import project_root
from zhdiscourse.plots.base import glossary_path
from zhdiscourse.tokenize.dictionary import default_stopwords_path, default_userdict_path


def test_every_lexicon_file_is_bundled_with_the_package():
    for name in FILES:
        assert (bundled_dir() / name).is_file(), name
    assert bundled_dir().parent.name == "zhdiscourse"  # inside the package, so it ships in the wheel


def test_defaults_are_the_bundled_files(monkeypatch):
    monkeypatch.delenv("ZHDISCOURSE_LEXICON_DIR", raising=False)
    assert lexicon_dir() == bundled_dir()
    assert default_userdict_path() == bundled_dir() / "userdict.txt"
    assert default_stopwords_path() == bundled_dir() / "stopwords_domain.txt"
    assert glossary_path() == bundled_dir() / "glossary.csv"


def test_frames_follow_the_lexicon_folder(tmp_path, monkeypatch):
    d = tmp_path / "lex"
    shutil.copytree(bundled_dir(), d, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (d / "frames.txt").write_text("越是{X}越要\n", encoding="utf-8")
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", str(d))
    assert lexicon_file("frames.txt") == d / "frames.txt"
    assert len(read_templates()) == 1


def test_the_folder_can_be_given_as_an_argument(tmp_path):
    (tmp_path / "frames.txt").write_text("越是{X}越要\n", encoding="utf-8")
    assert lexicon_file("frames.txt", tmp_path) == tmp_path / "frames.txt"
    assert lexicon_file("userdict.txt", tmp_path) == bundled_dir() / "userdict.txt"


def test_relative_lexicon_dir_resolves_from_the_project_root(tmp_path, monkeypatch):
    d = project_root() / "out" / "test-lexicon-dir"
    d.mkdir(parents=True, exist_ok=True)
    try:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", "out/test-lexicon-dir")
        assert lexicon_dir().resolve() == d.resolve()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_missing_file_falls_back_to_the_bundled_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", str(tmp_path))
    assert lexicon_file("frames.txt") == bundled_dir() / "frames.txt"


def test_a_missing_folder_is_an_error_not_silence(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_LEXICON_DIR", str(tmp_path / "nope"))
    with pytest.raises(ZhDiscourseError, match="not a directory"):
        lexicon_dir()


def test_word_lists_read_comments(tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("# heading\n要  # the modal\n\n必须\n", encoding="utf-8")
    assert read_list(f) == ["要", "必须"]
