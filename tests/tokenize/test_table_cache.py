"""The on-disk token cache: reused when nothing changed, never stale, robust to damage."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp

import pandas as pd
import pytest

from zhdiscourse import parse
from zhdiscourse.tokenize import table as tokentable
from zhdiscourse.tokenize.table import build_token_table, cache_key, tokens

TEXT = "一、总体要求我们要坚持疫情防控。\n二、重点任务要推动复工复产，稳住基本盘。"


@pytest.fixture
def sp():
    return parse(TEXT)


def _files(d):
    return sorted(p.name for p in d.glob("tokens-*.pkl"))


def test_cache_is_written_and_then_read(sp, tmp_path, monkeypatch):
    df1 = tokens(sp, cache_dir=tmp_path)
    assert len(_files(tmp_path)) == 1
    monkeypatch.setattr(tokentable, "build_token_table", lambda *a, **k: pytest.fail("cache not used"))
    df2 = tokens(sp, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(df1, df2)
    assert df2.attrs == {}


def test_cache_false_never_touches_disk(sp, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path))
    tokens(sp, cache=False)
    assert _files(tmp_path) == []


def test_key_changes_with_text_structure_dictionary_stopwords_and_code(sp, tmp_path, monkeypatch):
    base = cache_key(sp)
    assert cache_key(parse(TEXT)) == base
    assert cache_key(parse(TEXT + "要做好工作。")) != base
    # same text, different structure (e.g. a changed parser) → different key
    sp2 = parse(TEXT)
    sp2.sentences[0].end -= 1
    assert cache_key(sp2) != base
    ud = tmp_path / "ud.txt"
    ud.write_text("基本盘 n\n", encoding="utf-8")
    k1 = cache_key(sp, userdict=ud)
    ud.write_text("基本盘 n\n总体要求 n\n", encoding="utf-8")
    assert cache_key(sp, userdict=ud) != k1 != base
    sw = tmp_path / "sw.txt"
    sw.write_text("推动\n", encoding="utf-8")
    assert cache_key(sp, stopword_domain=sw) != base
    monkeypatch.setattr(tokentable, "CODE_VERSION", "other")
    assert cache_key(sp) != base


def test_an_edited_dictionary_is_never_served_from_a_stale_cache(sp, tmp_path):
    ud = tmp_path / "ud.txt"
    ud.write_text("# nothing\n", encoding="utf-8")
    before = tokens(sp, cache_dir=tmp_path, userdict=ud)
    assert "复工复产" not in set(before["token"])
    ud.write_text("复工复产 l\n", encoding="utf-8")
    after = tokens(sp, cache_dir=tmp_path, userdict=ud)
    assert "复工复产" in set(after["token"])
    assert len(_files(tmp_path)) == 2


def test_damaged_cache_file_is_rebuilt(sp, tmp_path):
    df = tokens(sp, cache_dir=tmp_path)
    (f,) = tmp_path.glob("tokens-*.pkl")
    f.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(tokens(sp, cache_dir=tmp_path), df)
    pd.testing.assert_frame_equal(pd.read_pickle(f).reset_index(drop=True), df)


def test_unwritable_cache_dir_still_returns_the_table(sp, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    df = tokens(sp, cache_dir=blocker / "sub")  # cannot create a directory under a file
    pd.testing.assert_frame_equal(df, build_token_table(sp))


def test_table_can_be_built_in_a_worker_process(sp):
    ctx = mp.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as ex:
        df = ex.submit(build_token_table, sp).result(timeout=120)
    pd.testing.assert_frame_equal(df, build_token_table(sp))
