"""The disk cache of zhdiscourse.tokenize.diagnostics.unit_coverage: the cached table is the computed one (values,
types, attrs), computed once, and another text, unit list, choice or dictionary file is another key."""

from __future__ import annotations

import pandas as pd
import pytest

from zhdiscourse import ZhDiscourseError
from zhdiscourse.text.structure import parse
from zhdiscourse.tokenize import diagnostics as D
from zhdiscourse.util import cache as C

TEXTS = ["""关于学校工作的几点意见
一、关于防疫工作
要做好疫情防控。疫情防控是大事，复工复产也要抓好。失业保险金按时发放。
二、关于教学工作
老师要认真备课，复工复产以后按时开课，失业保险要落实。""",
         "做好失业保险工作。复工复产要有序。"]
UNITS = ["疫情防控", "复工复产", "失业保险", "不存在的词语"]


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.attrs.keys() == b.attrs.keys()
    assert all(a.attrs[k] == b.attrs[k] or (a.attrs[k] != a.attrs[k] and b.attrs[k] != b.attrs[k]) for k in a.attrs)


def test_cached_table_is_the_computed_one_and_computed_once(tmp_path, monkeypatch):
    uncached = D.unit_coverage(TEXTS, UNITS, cache=False)
    assert len(uncached) == 3 and uncached.attrs["occurrences"] == int(uncached["occurrences"].sum())
    calls = []
    real = D._unit_coverage
    monkeypatch.setattr(D, "_unit_coverage", lambda *a: calls.append(1) or real(*a))
    first = D.unit_coverage(TEXTS, UNITS, cache_dir=tmp_path)
    again = D.unit_coverage([parse(t) for t in TEXTS], UNITS + ["疫情防控"], cache_dir=tmp_path)  # the same key
    assert len(calls) == 1 and len(list(tmp_path.glob("coverage-*.pkl"))) == 1
    _same(first, uncached)
    _same(again, uncached)
    assert again is not first
    # what is checked before the cache still raises
    with pytest.raises(ZhDiscourseError):
        D.unit_coverage(TEXTS, [""], cache_dir=tmp_path)
    with pytest.raises(ZhDiscourseError):
        D.unit_coverage(TEXTS, UNITS, dictionaries={}, cache_dir=tmp_path)
    # no unit occurs: the empty table and its NaN shares come back as computed
    none = D.unit_coverage(TEXTS, ["不存在的词语"], cache_dir=tmp_path)
    _same(D.unit_coverage(TEXTS, ["不存在的词语"], cache_dir=tmp_path), none)
    _same(none, D.unit_coverage(TEXTS, ["不存在的词语"], cache=False))


def test_the_key_covers_texts_units_choices_and_dictionary_files(tmp_path):
    sp = [parse(t) for t in TEXTS]
    key = D.unit_coverage_key(sp, UNITS, D.DICTIONARIES)
    assert key == D.unit_coverage_key([parse(t) for t in TEXTS], UNITS, dict(D.DICTIONARIES))
    other_text = [parse(TEXTS[0].replace("备课", "上课")), sp[1]]
    fewer_lines = [parse(TEXTS[0].replace("二、关于教学工作\n", "")), sp[1]]
    mined = tmp_path / "mined.tsv"
    mined.write_text("# a test layer\nterm\tfreq\ttag\n失业保险\t500\tn\n", encoding="utf-8")
    with_file = {"jieba": (False, False), "hand": (True, False), "both": (True, mined)}
    others = [D.unit_coverage_key(sp[::-1], UNITS, D.DICTIONARIES),
              D.unit_coverage_key(sp[:1], UNITS, D.DICTIONARIES),
              D.unit_coverage_key(other_text, UNITS, D.DICTIONARIES),
              D.unit_coverage_key(fewer_lines, UNITS, D.DICTIONARIES),
              D.unit_coverage_key(sp, UNITS[::-1], D.DICTIONARIES),
              D.unit_coverage_key(sp, UNITS[:2], D.DICTIONARIES),
              D.unit_coverage_key(sp, UNITS, {"jieba": (False, False), "hand": (True, False)}),
              D.unit_coverage_key(sp, UNITS, {"only jieba": (False, False), "hand": (True, False), "both": (True, True)}),
              D.unit_coverage_key(sp, UNITS, with_file)]
    assert len({key, *others}) == len(others) + 1
    mined.write_text("# a test layer\nterm\tfreq\ttag\n失业保险\t800\tn\n", encoding="utf-8")  # the file's bytes
    assert D.unit_coverage_key(sp, UNITS, with_file) not in {key, *others}


@pytest.mark.parametrize("store, folder, foreign", [
    ("_coverage_store", "unit-coverage", pd.DataFrame({"unit": ["甲"]})),  # no attrs: not a coverage table
    ("_hmm_store", "hmm-changes", pd.DataFrame({"text": ["甲"]})),  # other columns: not an HMM table
])
def test_a_foreign_value_is_a_miss_and_the_cache_is_a_disk_cache_of_the_project(store, folder, foreign, tmp_path,
                                                                                 monkeypatch):
    """Like tests/util/test_cache.py::test_every_cache_of_the_project_is_a_disk_cache: one folder under the root;
    and a value that is not what the cache holds is read as missing."""
    monkeypatch.setenv(C.CACHE_ENV, str(tmp_path))
    cache = getattr(D, store)()
    assert isinstance(cache, C.DiskCache) and cache.folder == tmp_path / folder
    cache.put("k", foreign)
    assert cache.get("k") is None


# ---------------------------------------------------------------------------------------------------------------
# hmm_changes: the same kind of cache (the comparison needs jieba's own tokenizer, > 1 s to start)
# ---------------------------------------------------------------------------------------------------------------


def test_hmm_changes_cached_is_computed_and_computed_once(tmp_path, monkeypatch):
    text = TEXTS[0] + "\n三、其他\n韩冰洁和同志们来到岢岚县，群众很高兴。"  # the HMM makes 韩冰洁 a word
    uncached = D.hmm_changes(text, cache=False)
    assert len(uncached) > 0
    calls = []
    real = D._hmm_changes
    monkeypatch.setattr(D, "_hmm_changes", lambda *a: calls.append(1) or real(*a))
    first = D.hmm_changes(text, cache_dir=tmp_path)
    again = D.hmm_changes(parse(text), cache_dir=tmp_path)
    assert len(calls) == 1 and len(list(tmp_path.glob("hmm-*.pkl"))) == 1
    _same(first, uncached)
    _same(again, uncached)
    D.hmm_changes(text, userdict=False, cache_dir=tmp_path)  # another dictionary: another key
    D.hmm_changes(text.replace("高兴", "开心"), cache_dir=tmp_path)  # another text: another key
    assert len(calls) == 3 and len(list(tmp_path.glob("hmm-*.pkl"))) == 3


def test_hmm_changes_key_follows_the_dictionary_file(tmp_path):
    ud = tmp_path / "ud.txt"
    ud.write_text("学习 n\n", encoding="utf-8")
    sp = parse(TEXTS[0])
    key = D.hmm_changes_key(sp, userdict=ud)
    assert key == D.hmm_changes_key(parse(TEXTS[0]), userdict=ud) != D.hmm_changes_key(sp)
    ud.write_text("学习 nz\n", encoding="utf-8")
    assert D.hmm_changes_key(sp, userdict=ud) != key
