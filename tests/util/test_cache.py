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


@pytest.mark.parametrize("name", ["tokens", "corpus-tokens", "profiles"])
def test_every_cache_of_the_project_is_a_disk_cache(name, tmp_path, monkeypatch):
    """The three caches of the project all live under one root, one folder each."""
    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path))
    from zhdiscourse.patterns.profile import _store as profile_store
    from zhdiscourse.tokenize.corpus import _store as corpus_store
    from zhdiscourse.tokenize.table import _store as token_store

    stores = {"tokens": token_store(), "corpus-tokens": corpus_store(), "profiles": profile_store()}
    assert isinstance(stores[name], DiskCache) and stores[name].folder == tmp_path / name
