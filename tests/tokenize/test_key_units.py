"""The domain dictionary: key units come out whole, compositional phrases stay split, offsets hold."""

from __future__ import annotations

from collections import Counter

import pytest

from zhdiscourse.tokenize.diagnostics import dictionary_changes
from zhdiscourse.tokenize.dictionary import key_units, read_userdict, default_userdict_path
from zhdiscourse.tokenize.table import tokens

ISSUE_UNITS = ["疫情防控", "复工复产", "新冠肺炎", "联防联控", "群防群控", "应收尽收", "外防输入", "内防扩散",
               "脱贫攻坚", "方舱医院", "火神山", "密切接触者", "收治率", "世卫组织", "突发公共卫生事件",
               "营商环境", "出口信用保险", "米袋子"]


@pytest.fixture(scope="module")
def table(speech):
    return tokens(speech, cache=False)


def test_key_unit_list_is_documented_and_covers_the_issue_examples():
    units = key_units()
    assert set(ISSUE_UNITS) <= set(units)
    assert len(units) == len(set(units))


def test_at_least_95_percent_of_key_unit_occurrences_are_single_tokens(speech, table):
    counts = Counter(table["token"])
    units = key_units()
    in_text = {u: speech.text.count(u) for u in units}
    assert all(in_text[u] > 0 for u in units), [u for u in units if not in_text[u]]
    whole = sum(min(counts[u], in_text[u]) for u in units)
    total = sum(in_text.values())
    assert whole / total >= 0.95, (whole, total)
    # in the body (the token table's domain) every occurrence of every unit is one token
    body = {u: sum(s.text.count(u) for s in speech.sentences) for u in units}
    assert {u: counts[u] for u in units} == body


def test_each_issue_unit_is_a_token_where_it_occurs(speech, table):
    for u in ISSUE_UNITS:
        i = speech.body.find(u) + speech.body_start
        row = table[table["start"] == i]
        assert list(row["token"]) == [u], u


def _tokens_at(table, text, phrase):
    i = text.find(phrase)
    assert i >= 0
    rows = table[(table["start"] >= i) & (table["end"] <= i + len(phrase))]
    return list(rows["token"])


@pytest.mark.parametrize("phrase,parts", [
    ("湖北保卫战", ["湖北", "保卫战"]),
    ("武汉保卫战", ["武汉", "保卫战"]),
    ("疫情防控阻击战", ["疫情防控", "阻击战"]),
])
def test_compositional_phrases_stay_split(speech, table, phrase, parts):
    assert _tokens_at(table, speech.text, phrase) == parts
    assert phrase not in set(table["token"])


def test_userdict_is_commented_and_every_group_has_a_source():
    path = default_userdict_path()
    lines = path.read_text(encoding="utf-8").splitlines()
    groups = [i for i, l in enumerate(lines) if l.startswith("# ---")]
    assert len(groups) >= 5
    for g in groups:
        assert lines[g + 1].startswith("# Source:"), lines[g]
    entries, splits = read_userdict(path)
    assert len(entries) >= 50 and len(splits) >= 3
    words = [e.word for e in entries]
    assert len(words) == len(set(words))


def test_dictionary_changes_report(speech):
    df = dictionary_changes(speech)
    assert list(df.columns) == ["text", "before", "after", "kind", "count", "first_start", "first_end"]
    top = df.iloc[0]
    assert (top["text"], top["before"], top["after"]) == ("疫情防控", "疫情 / 防控", "疫情防控")
    assert top["count"] == sum(s.text.count("疫情防控") for s in speech.sentences)
    for r in df.itertuples():
        assert speech.text[r.first_start:r.first_end] == r.text
        assert r.before.replace(" / ", "") == r.text == r.after.replace(" / ", "")
        assert r.before != r.after
    assert df["count"].is_monotonic_decreasing


def test_dictionary_changes_of_a_text_without_domain_words():
    df = dictionary_changes("今天天气很好。")
    assert df.empty and list(df.columns)[:3] == ["text", "before", "after"]
