"""The cleaned corpus and each document's parsed structure are cached on disk, never stale."""

from __future__ import annotations

import json

from zhdiscourse.text import corpus as corpus_mod
from zhdiscourse.text.corpus import load_jsonl


def _write(path, texts):
    path.write_text("\n".join(json.dumps({"title": f"政府工作报告{i}", "year": 2000 + i, "content": t},
                                         ensure_ascii=False) for i, t in enumerate(texts)) + "\n", encoding="utf-8")


def test_corpus_and_parsed_documents_come_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "c.jsonl"
    _write(f, ["一、总体要求\n　　今年要做好１２项工作。\n二、主要任务\n　　坚持稳中求进。", "全文只有一句话。"])
    first = load_jsonl(f)
    assert len(list((tmp_path / "cache" / "corpora").glob("corpus-*.pkl"))) == 1
    sp1 = first[0].speech()
    assert len(list((tmp_path / "cache" / "corpus-speech").glob("speech-*.pkl"))) == 1

    calls = []
    real_parse = corpus_mod.parse
    monkeypatch.setattr(corpus_mod, "parse", lambda *a, **k: calls.append(a) or real_parse(*a, **k))
    monkeypatch.setattr(corpus_mod, "clean_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("cleaned again")))
    again = load_jsonl(f)  # no cleaning: read back
    assert [(d.id, d.text, d.original) for d in again] == [(d.id, d.text, d.original) for d in first]
    assert "12" in again[0].text  # full-width digits were cleaned before caching
    sp2 = again[0].speech()  # no parsing: read back
    assert not calls
    assert [(s.start, s.end) for s in sp2.sentences] == [(s.start, s.end) for s in sp1.sentences]
    assert sp2.original == again[0].original and [x.number for x in sp2.sections] == ["一", "二"]

    monkeypatch.setattr(corpus_mod, "clean_text", real_clean := __import__(
        "zhdiscourse.text.clean", fromlist=["clean_text"]).clean_text)
    _write(f, ["一、总体要求\n　　今年要做好１３项工作。", "全文只有一句话。"])  # an edit: a new key
    edited = load_jsonl(f)
    assert "13" in edited[0].text and real_clean is corpus_mod.clean_text
    edited[0].speech()
    assert calls  # the edited document is parsed
    assert len(list((tmp_path / "cache" / "corpora").glob("corpus-*.pkl"))) == 2


def test_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "c.jsonl"
    _write(f, ["全文只有一句话。"])
    assert load_jsonl(f, cache=False)[0].text == "全文只有一句话。"
    assert not (tmp_path / "cache" / "corpora").exists()
