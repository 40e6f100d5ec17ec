"""The PSE-I reader and the task's four metrics (zhdiscourse.patterns.pse), on hand-made cases whose
values are worked out by hand in the comments. No test reads the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.patterns import pse
from zhdiscourse.patterns.pse import essay_counts, evaluate, group, match_score

TINY = Path(__file__).resolve().parent / "data" / "pse_tiny"

# Gold of one essay: G1 has three branches, G2 two.
G1 = group({0, 1, 2}, {4, 5, 6}, {8, 9})
G2 = group({12, 13}, {15, 16})


def test_pair_scores_by_hand():
    p1 = group({0, 1, 2}, {4, 5, 6})  # two of G1's three branches, exactly
    assert match_score(p1, G1, "EPM") == 0
    assert match_score(G2, G2, "EPM") == 1
    assert match_score(p1, G1, "MPBM") == 2  # two shared branches (≥ 2 counts)
    assert match_score(group({0, 1, 2}, {30, 31}), G1, "MPBM") == 0  # one shared branch is not enough
    # branch-aware: {0,1}→{0,1,2} shares 2, {2,4,5}→{4,5,6} shares 2: 4, two contributing pairs
    p4 = group({0, 1}, {2, 4, 5})
    assert match_score(p4, G1, "MBAWO") == 4
    assert match_score(p4, G1, "MWO") == 5  # {0,1,2,4,5} ∩ G1's words, boundaries ignored
    assert match_score(p4, G1, "MPBM") == 0
    # only one branch pair shares words: MBAWO zeroes it, MWO keeps the 3 words
    p5 = group({0, 1, 2}, {30, 31})
    assert match_score(p5, G1, "MBAWO") == 0
    assert match_score(p5, G1, "MWO") == 3
    with pytest.raises(ZhDiscourseError):
        match_score(p1, G1, "XYZ")


def test_essay_counts_by_hand():
    pred = [group({0, 1, 2}, {4, 5, 6}), G2, group({20, 21}, {22, 23})]
    gold = [G1, G2]
    # EPM: only G2 matches exactly; 3 predicted groups, 2 gold
    assert essay_counts(pred, gold, "EPM") == (1, 3, 2)
    # MPBM: 2 (with G1) + 2 (G2); branches 2+2+2 predicted, 3+2 gold
    assert essay_counts(pred, gold, "MPBM") == (4, 6, 5)
    # MBAWO = MWO here: 3+3 with G1, 2+2 with G2; words 14 predicted, 12 gold
    assert essay_counts(pred, gold, "MBAWO") == (10, 14, 12)
    assert essay_counts(pred, gold, "MWO") == (10, 14, 12)


def test_assignment_is_optimal_not_greedy():
    x = group({0, 1}, {2, 3})
    y = group({10, 11}, {12, 13})
    a = group({1, 2, 3}, {10, 11})  # 3 words with x, 2 with y
    b = group({0, 1}, {5, 6})  # 2 words with x, none with y
    # greedy a→x (3) leaves b→y (0) = 3; the assignment a→y, b→x gives 2 + 2 = 4
    assert essay_counts([a, b], [x, y], "MWO")[0] == 4


def test_evaluate_sums_over_essays_and_f1():
    pred = [group({0, 1, 2}, {4, 5, 6}), G2, group({20, 21}, {22, 23})]
    tab = evaluate([(pred, [G1, G2]), ([], [G1])]).set_index("metric")
    # EPM over both essays: score 1, predicted 3, gold 3 → P = R = F1 = 1/3
    assert tuple(tab.loc["EPM", ["score", "predicted", "gold"]]) == (1, 3, 3)
    assert tab.loc["EPM", "f1"] == pytest.approx(1 / 3)
    # MPBM: 4 / 6 predicted branches, 4 / 8 gold → F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7
    assert tab.loc["MPBM", "precision"] == pytest.approx(4 / 6)
    assert tab.loc["MPBM", "recall"] == pytest.approx(4 / 8)
    assert tab.loc["MPBM", "f1"] == pytest.approx(4 / 7)
    empty = evaluate([([], [])]).set_index("metric")
    assert (empty["f1"] == 0).all()


def test_read_essay_and_corpus():
    essays = pse.read_corpus(TINY, ["training", "validation"])
    assert [e.name for e in essays] == ["1", "2"]
    e = essays[0]
    assert e.text == "春天\n春天是花；春天是草；春天是风。我们喜欢它。"
    assert e.groups == [group({1, 2, 3}, {5, 6, 7}, {9, 10, 11})]
    assert all(e.text[a:b] == w for (a, b), w in zip(e.spans, e.words))
    # a character span → the words it covers, without clause punctuation at its edges
    a = e.text.index("春天是草")
    assert e.words_in(a, a + 5) == frozenset({5, 6, 7})
    assert essays[1].groups == []
    with pytest.raises(ZhDiscourseError):
        pse.read_corpus(TINY, "test")
    with pytest.raises(ZhDiscourseError):
        pse.read_corpus(TINY / "essays")


def test_read_essay_rejects_non_essays(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<doc><para></para></doc>", encoding="utf-8")
    with pytest.raises(ZhDiscourseError):
        pse.read_essay(bad)
    bad.write_text("not xml", encoding="utf-8")
    with pytest.raises(ZhDiscourseError):
        pse.read_essay(bad)


def test_prefix_baseline_and_instances():
    e = pse.read_essay(TINY / "essays" / "1.xml")
    # the three clauses opening with 春天 form one group; the title (another paragraph) stays out
    assert pse.prefix_baseline(e) == e.groups
    t = e.text
    inst = [{"members": [{"start": t.index(s), "end": t.index(s) + len(s)} for s in ("春天是花", "春天是草")]},
            {"members": [{"start": 0, "end": 0}, {"start": t.index("我们"), "end": t.index("我们") + 2}]}]
    # the second instance keeps one non-empty member only: dropped
    assert pse.instances_to_groups(e, inst) == [group({1, 2, 3}, {5, 6, 7})]
    tab = evaluate([(pse.instances_to_groups(e, inst), e.groups)]).set_index("metric")
    assert tab.loc["MWO", "precision"] == 1.0 and tab.loc["MWO", "recall"] == pytest.approx(6 / 9)


def test_read_corpus_cache_gives_what_parsing_gives_and_parses_once(tmp_path, monkeypatch):
    uncached = pse.read_corpus(TINY, ["training", "validation"], cache=False)
    calls = []
    real = pse.read_essay
    monkeypatch.setattr(pse, "read_essay", lambda p: calls.append(p) or real(p))
    store = tmp_path / "cache"
    first = pse.read_corpus(TINY, ["training", "validation"], cache_dir=store)
    assert len(calls) == 2 and len(list(store.glob("corpus-*.pkl"))) == 1
    again = pse.read_corpus(TINY, ["training", "validation"], cache_dir=store)
    assert len(calls) == 2  # read back, not parsed
    for got in (first, again):
        assert got == uncached
        assert [(e.text, e.spans, e.pos, e.nested) for e in got] == [(e.text, e.spans, e.pos, e.nested) for e in uncached]
    assert pse.read_corpus(TINY, "validation", cache_dir=store) == uncached[1:]  # other essays: another key
    assert len(calls) == 3 and len(list(store.glob("corpus-*.pkl"))) == 2


def test_read_corpus_cache_key_follows_the_files(tmp_path):
    import shutil

    folder = tmp_path / "pse"
    shutil.copytree(TINY, folder)
    paths = [folder / "essays" / f"{n}.xml" for n in ("1", "2")]
    key = pse.corpus_key(paths)
    assert key == pse.corpus_key(paths) and key != pse.corpus_key(paths[::-1]) != pse.corpus_key(paths[:1])
    store = tmp_path / "cache"
    before = pse.read_corpus(folder, ["training", "validation"], cache_dir=store)
    xml = paths[0].read_text(encoding="utf-8")
    assert xml.count('cont="草"') == 1
    paths[0].write_text(xml.replace('cont="草"', 'cont="树"'), encoding="utf-8")  # one word of one essay changed
    assert pse.corpus_key(paths) != key
    after = pse.read_corpus(folder, ["training", "validation"], cache_dir=store)
    assert after == pse.read_corpus(folder, ["training", "validation"], cache=False) != before
    assert "春天是树" in after[0].text and "春天是草" in before[0].text
    paths[1].unlink()  # a missing essay is reported as without the cache
    assert pse.corpus_key(paths) is None
    with pytest.raises(ZhDiscourseError):
        pse.read_corpus(folder, ["training", "validation"], cache_dir=store)


def test_read_corpus_cache_is_a_disk_cache_of_the_project(tmp_path, monkeypatch):
    """Like tests/util/test_cache.py::test_every_cache_of_the_project_is_a_disk_cache: one folder under the root."""
    from zhdiscourse.util import cache as C

    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path))
    store = pse._corpus_store()
    assert isinstance(store, C.DiskCache) and store.folder == tmp_path / "pse-essays"
    store.put("k", ["not an essay"])
    assert store.get("k") is None  # a foreign value is a miss
