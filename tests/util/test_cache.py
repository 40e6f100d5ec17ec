"""The one disk cache: hits, misses, damage, atomic writes, the size bound and where it lives."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from zhdiscourse.util import cache as C
from zhdiscourse.util.cache import DiskCache


def test_put_then_get_returns_the_value_and_a_miss_is_none(tmp_path):
    c = DiskCache(tmp_path, prefix="t-", ext="pkl")
    assert c.get("abc") is None
    df = pd.DataFrame({"a": [1, 2]})
    p = c.put("abc", df)
    assert p == tmp_path / "t-abc.pkl" and p.is_file()
    pd.testing.assert_frame_equal(c.get("abc"), df)
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]  # no temporary file left


def test_json_cache_and_check(tmp_path):
    c = DiskCache(tmp_path, prefix="j-", ext="json", check=lambda d: isinstance(d, dict) and "n" in d)
    c.put("k", {"n": 3, "要": 1})
    assert c.get("k") == {"n": 3, "要": 1}
    c.put("bad", {"m": 1})
    assert c.get("bad") is None  # rejected by check: a miss


def test_damaged_file_is_a_miss(tmp_path):
    c = DiskCache(tmp_path, prefix="t-")
    c.put("k", [1, 2, 3])
    (tmp_path / "t-k.pkl").write_bytes(b"not a pickle")
    assert c.get("k") is None


def test_no_folder_stores_nothing():
    c = DiskCache(None, prefix="t-")
    assert c.put("k", 1) is None and c.get("k") is None and c.files() == []


def test_size_bound_drops_the_least_recently_used(tmp_path):
    c = DiskCache(tmp_path, prefix="t-", max_bytes=1 << 20)
    blob = b"x" * 4000
    for i, k in enumerate(("a", "b", "c")):
        c.put(k, blob)
        t = time.time() - 100 + i
        os.utime(tmp_path / f"t-{k}.pkl", (t, t))
    c.max_bytes = 10_000
    c.get("a")  # a is now the most recently used
    c.put("d", blob)
    names = sorted(p.stem for p in c.files())
    assert "t-a" in names and "t-d" in names and "t-b" not in names
    assert sum(p.stat().st_size for p in c.files()) <= 10_000


def test_size_bound_from_the_environment(monkeypatch):
    monkeypatch.setenv(C.MAX_ENV, "2")
    assert C.max_bytes_default() == 2 * (1 << 20)
    monkeypatch.setenv(C.MAX_ENV, "x")
    assert C.max_bytes_default() == C.DEFAULT_MAX_BYTES


def test_cache_root_order(tmp_path, monkeypatch):
    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path / "env"))
    assert C.cache_root() == tmp_path / "env"
    monkeypatch.delenv(C.CACHE_ENV)
    monkeypatch.setattr(C, "find_project_root", lambda: tmp_path / "proj")
    assert C.cache_root() == tmp_path / "proj" / "data" / "processed" / "cache"
    monkeypatch.setattr(C, "find_project_root", lambda: None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert C.cache_root() == tmp_path / "xdg" / "zhdiscourse"
    assert DiskCache.named("tokens", prefix="t-").folder == tmp_path / "xdg" / "zhdiscourse" / "tokens"


#: every disk cache of the project that has a store function: folder name -> "module:function"
STORES = {"tokens": "zhdiscourse.tokenize.table:_store", "corpus-tokens": "zhdiscourse.tokenize.corpus:_store",
          "profiles": "zhdiscourse.patterns.profile:_store", "pse-essays": "zhdiscourse.patterns.pse:_corpus_store",
          "jieba-dictionary": "zhdiscourse.tokenize.segment:_dictionary_size_store",
          "unit-coverage": "zhdiscourse.tokenize.diagnostics:_coverage_store",
          "hmm-changes": "zhdiscourse.tokenize.diagnostics:_hmm_store",
          "pse": "zhdiscourse.patterns.parallelism.benchmark:_store", "sections": "zhdiscourse.stats.sections:_store",
          "topics": "zhdiscourse.stats.topics:_choose_k_store", "corpora": "zhdiscourse.text.corpus:_corpus_store",
          "corpus-speech": "zhdiscourse.text.corpus:_speech_store",
          "segmenter": "zhdiscourse.tokenize.segment:_prepared_store"}


@pytest.mark.parametrize("name", sorted(STORES))
def test_every_cache_of_the_project_is_a_disk_cache(name, tmp_path, monkeypatch):
    """The project's caches all live under one root, one folder each."""
    import importlib

    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path))
    module, func = STORES[name].split(":")
    store = getattr(importlib.import_module(module), func)()
    assert isinstance(store, DiskCache) and store.folder == tmp_path / name


def test_every_store_function_is_listed():
    """A function that returns a ``DiskCache.named`` store is in :data:`STORES` (so the test above covers a
    new cache too), and every folder name is used by one module only."""
    import re
    from pathlib import Path

    src = Path(C.__file__).resolve().parents[1]
    named = re.compile(r'DiskCache\.named\(\s*"([^"]+)"')
    store_fn = re.compile(r'^def (_\w*store)\(.*?\n(?:    .*\n)*?    return DiskCache\.named\(\s*"([^"]+)"', re.M)
    owners: dict[str, set[str]] = {}
    listed = {}
    for path in sorted(src.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        mod = "zhdiscourse." + ".".join(path.relative_to(src).with_suffix("").parts)
        for m in named.finditer(text):
            owners.setdefault(m.group(1), set()).add(mod)
        for m in store_fn.finditer(text):
            listed[m.group(2)] = f"{mod}:{m.group(1)}"
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}
    assert listed == STORES


def test_digest_keeps_the_parts_apart():
    """A key of parts: where one part ends and the next begins is part of the key; text is its UTF-8 bytes."""
    import hashlib

    assert C.digest("a", "bc") != C.digest("ab", "c") != C.digest("abc")
    assert C.digest("甲", b"\x00\x01") == hashlib.sha256("甲".encode() + b"\0" + b"\x00\x01" + b"\0").hexdigest()
    assert C.digest("\ud800") != C.digest("?")  # a lone surrogate is kept, not replaced
    assert C.digest() == hashlib.sha256(b"").hexdigest()
