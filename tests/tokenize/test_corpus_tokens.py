"""Corpus mode: token tables across processes, cached per document."""

from __future__ import annotations

import json

from zhdiscourse.text.corpus import load_jsonl
from zhdiscourse.tokenize.corpus import corpus_tokens, token_tables

DOCS = [
    {"title": "甲", "year": 2001, "content": "各位代表：\n\n一、回顾\n\n我們取得了成績。一是发展经济，二是改善民生。\n\n二、任务\n\n要继续努力。"},
    {"title": "乙", "year": 2002, "content": "各位代表：\n\n\u3000\u3000今年要稳定增长。\n\n必须坚决完成任务。"},
    {"title": "丙", "year": 2003, "content": "各位代表：\n\n我们要深化改革，扩大开放。"},
]


def _jsonl(path, docs):
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    return path


def test_tables_offsets_and_columns(tmp_path):
    c = load_jsonl(_jsonl(tmp_path / "c.jsonl", DOCS))
    df = corpus_tokens(c, jobs=2, cache_dir=tmp_path / "cache", progress=False)
    assert list(df.columns[:3]) == ["doc", "year", "kind"]
    assert set(df["doc"]) == {d.id for d in c}
    assert "我们" in set(df["token"])  # traditional text converted before segmentation
    one = corpus_tokens(c, jobs=1, cache=False, progress=False)
    assert one.equals(df)


def test_adding_a_document_builds_only_that_one(tmp_path):
    cache = tmp_path / "cache"
    c2 = load_jsonl(_jsonl(tmp_path / "two.jsonl", DOCS[:2]))
    token_tables(c2, jobs=2, cache_dir=cache, progress=False)
    files = {p.name: p.stat().st_ino for p in cache.glob("*.pkl")}
    assert len(files) == 2
    c3 = load_jsonl(_jsonl(tmp_path / "three.jsonl", DOCS))
    token_tables(c3, jobs=2, cache_dir=cache, progress=False)
    after = {p.name: p.stat().st_ino for p in cache.glob("*.pkl")}
    assert len(after) == 3
    assert all(after[name] == mtime for name, mtime in files.items())  # read, not rewritten (a rewrite replaces the file)
