"""The size of jieba's own dictionary (zhdiscourse.tokenize.segment.jieba_dictionary_size), counted from the file:
the count a built jieba tokenizer gives, read as jieba reads a file, and kept in a disk cache keyed on jieba's
version and the file's bytes."""

from __future__ import annotations

import pytest

from zhdiscourse.tokenize import jieba_dictionary_size
from zhdiscourse.tokenize import segment
from zhdiscourse.util import cache as C
from zhdiscourse.util.cache import DiskCache


def test_equals_the_count_of_the_built_segmenter(tmp_path):
    built = sum(1 for f in segment.get_segmenter(False).tokenizer.FREQ.values() if f)
    assert jieba_dictionary_size(cache=False) == built
    assert jieba_dictionary_size(cache_dir=tmp_path) == built  # computed and stored
    assert jieba_dictionary_size(cache_dir=tmp_path) == built  # read back
    assert len(list(tmp_path.glob("size-*.json"))) == 1


def test_a_file_is_read_as_jieba_reads_it(tmp_path):
    # a repeated word (the later line wins, here with frequency 0), a word with frequency 0, words whose prefixes
    # are not words (jieba adds them with frequency 0), a prefix that becomes a word on a later line
    f = tmp_path / "dict.txt"
    f.write_text("中华人民共和国 5 ns\n中华 3 nz\n人民 0 n\n共和 2\n共和 0\n中华人民 7 nt\n要 9 v\n", encoding="utf-8")
    jieba = segment.jieba_module()
    tk = jieba.Tokenizer(str(f))
    tk.tmp_dir = str(tmp_path)  # jieba's own cache of the file goes here, not into the system's temporary folder
    tk.initialize()
    assert segment.count_dictionary_words(f) == sum(1 for v in tk.FREQ.values() if v) == 4


def test_cached_once_and_keyed_on_the_file_and_the_version(tmp_path, monkeypatch):
    calls = []
    real = segment.count_dictionary_words
    monkeypatch.setattr(segment, "count_dictionary_words", lambda p: calls.append(p) or real(p))
    f = tmp_path / "dict.txt"
    f.write_text("一 2 m\n一二 3 m\n", encoding="utf-8")
    monkeypatch.setattr(segment, "jieba_dict_file", lambda: f)
    store = tmp_path / "cache"
    assert jieba_dictionary_size(cache_dir=store) == 2 and len(calls) == 1
    assert jieba_dictionary_size(cache_dir=store) == 2 and len(calls) == 1  # from the cache
    f.write_text("一 2 m\n一二 3 m\n一二三 4 m\n", encoding="utf-8")  # other bytes: another key
    assert jieba_dictionary_size(cache_dir=store) == 3 and len(calls) == 2
    monkeypatch.setattr(segment, "jieba_version", lambda: "0.0-other")  # another jieba: another key
    assert jieba_dictionary_size(cache_dir=store) == 3 and len(calls) == 3
    assert len(list(store.glob("size-*.json"))) == 3


@pytest.mark.parametrize("value", ["349045", True, None, 1.5])
def test_a_foreign_value_is_a_miss(value, tmp_path):
    store = segment._dictionary_size_store(tmp_path)
    store.put("k", value)
    assert store.get("k") is None


def test_the_cache_is_a_disk_cache_of_the_project(tmp_path, monkeypatch):
    """Like tests/util/test_cache.py::test_every_cache_of_the_project_is_a_disk_cache: one folder under the root."""
    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path))
    store = segment._dictionary_size_store()
    assert isinstance(store, DiskCache) and store.folder == tmp_path / "jieba-dictionary"
