"""patterns.parallelism.benchmark: the systems scored on PSE-I, one place, cached per essay bit for bit."""

from __future__ import annotations

import pytest

from zhdiscourse.patterns import pse
from zhdiscourse.patterns.parallelism import benchmark as B
from zhdiscourse.util import cache as cache_mod



def _essay(name: str, paragraphs: list[list[str]]) -> pse.Essay:
    """An essay as ``pse.read_essay`` builds one: words joined, one paragraph a line."""
    words, paras, spans, text, at = [], [], [], [], 0
    for k, para in enumerate(paragraphs):
        if k:
            text.append("\n")
            at += 1
        paras.append((len(words), len(words) + len(para)))
        for w in para:
            spans.append((at, at + len(w)))
            words.append(w)
            text.append(w)
            at += len(w)
    return pse.Essay(name, words, ["x"] * len(words), paras, text="".join(text), spans=spans)


ESSAYS = [
    _essay("toy-1", [["我们", "要", "读书", "，", "我们", "要", "思考", "，", "我们", "要", "行动", "。"],
                     ["春天", "来", "了", "，", "花", "开", "了", "，", "草", "绿", "了", "。"]]),
    _essay("toy-2", [["学习", "使", "人", "进步", "。", "学习", "使", "人", "明理", "。", "学习", "使", "人", "快乐", "。"]]),
]


def test_every_system_for_every_essay_and_the_cache_gives_the_same(tmp_path, monkeypatch):
    cold, cold_src = B.system_runs(ESSAYS, cache=False)
    assert list(cold) == list(B.SYSTEMS) and all(len(v) == len(ESSAYS) for v in cold.values())
    first, first_src = B.system_runs(ESSAYS, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("essay-*.pkl"))) == len(ESSAYS)
    monkeypatch.setattr(B, "essay_systems", lambda e: pytest.fail("computed although cached"))
    warm, warm_src = B.system_runs(ESSAYS, cache_dir=tmp_path)
    assert cold == first == warm and cold_src == first_src == warm_src
    assert cold["prefix-2 baseline"] == [pse.prefix_baseline(e) for e in ESSAYS]
    assert any(cold["detector (series reading)"]) and any(cold["prefix-2 baseline"])


def test_a_change_of_the_library_is_a_new_key(tmp_path, monkeypatch):
    B.system_runs(ESSAYS[:1], cache_dir=tmp_path)
    monkeypatch.setattr(B, "analysis_fingerprint", lambda: "another release of the code")
    calls = []
    monkeypatch.setattr(B, "essay_systems", lambda e: calls.append(e) or ({n: [] for n in B.SYSTEMS}, {}))
    B.system_runs(ESSAYS[:1], cache_dir=tmp_path)
    assert calls == ESSAYS[:1]


def test_the_package_fingerprint_covers_code_and_data():
    fp = cache_mod.package_fingerprint()
    assert len(fp) == 64 and fp == cache_mod.package_fingerprint()
    files = {f.suffix for f in cache_mod._PACKAGE.rglob("*") if f.suffix in cache_mod._SOURCE_SUFFIXES}
    assert {".py", ".txt", ".tsv", ".json"} <= files
