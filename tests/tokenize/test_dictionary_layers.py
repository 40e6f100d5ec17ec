"""The dictionary layers: jieba's own, the hand-written user dictionary, and under it the mined terms."""

from __future__ import annotations

from collections import Counter

import pytest

from zhdiscourse import ZhDiscourseError
from zhdiscourse.cli import main
from zhdiscourse.tokenize.diagnostics import change_kind, dictionary_changes, key_unit_coverage, unit_coverage
from zhdiscourse.tokenize.dictionary import (DictEntry, default_mined_path, dictionary_entries, dictionary_fingerprint,
                                             mined_conflicts, read_mined, read_userdict, resolve_mined)
from zhdiscourse.tokenize.segment import build_segmenter, cut, get_segmenter
from zhdiscourse.tokenize.table import cache_key, tokens

HEADER = "term\tfreq\ttag\n"


def _mined(tmp_path, rows, name="mined.tsv"):
    p = tmp_path / name
    p.write_text("# a test layer\n" + HEADER + "".join(f"{w}\t{f}\t{t}\n" for w, f, t in rows), encoding="utf-8")
    return p


def test_entries_come_in_replay_order(tmp_path):
    ud = tmp_path / "ud.txt"
    ud.write_text("甲乙 n\n丙丁 5 nz\n甲乙丙丁 = 甲乙 + 丙丁\n戊己庚 = 戊己 + 庚\n", encoding="utf-8")
    md = _mined(tmp_path, [("辛壬", 300, "n"), ("甲乙", 90, "n")])
    e = dictionary_entries(ud, md, base={"庚": 10})
    assert e == [DictEntry("甲乙", None, "n", "hand"), DictEntry("丙丁", 5, "nz", "hand"),
                 DictEntry("辛壬", 300, "n", "mined"),  # 甲乙 of the mined layer: the hand entry wins
                 DictEntry("甲乙丙丁", 0, None, "split"),  # its parts are hand words already
                 DictEntry("戊己庚", 0, None, "split"),
                 DictEntry("戊己", None, None, "split")]  # 庚 is a word of the base dictionary


def test_hand_entries_and_splits_win_over_mined_ones():
    hand, wholes = ["疫情防控", "返贫", "致贫"], ["疫情防控工作"]
    mined = ["疫情防控", "防控体系", "疫情防控工作组", "控工作", "返贫致贫", "大数据"]
    # equal to a hand word; overlapping 疫情防控 by two characters; containing a split's whole; inside a whole
    assert mined_conflicts(mined, hand, wholes) == ["疫情防控", "防控体系", "疫情防控工作组", "控工作"]


def test_the_mined_layer_is_off_unless_asked_for(tmp_path):
    assert resolve_mined(None, True) is None  # off by default (notebook 02 §2b says why)
    assert resolve_mined(None, tmp_path / "ud.txt") is None
    assert resolve_mined(None, False) is None  # userdict=False still means jieba's dictionary alone
    assert resolve_mined(None, None) is None
    assert resolve_mined(False, True) is None
    assert resolve_mined(True, False) == default_mined_path()


def test_the_layer_switches_on_and_off(tmp_path):
    md = _mined(tmp_path, [("防灾减灾", 5000, "n")])
    text = "要做好防灾减灾。"
    assert "防灾减灾" in cut(text, mined=md)
    assert "防灾减灾" not in cut(text, mined=False)
    assert "防灾减灾" not in cut(text, userdict=False)
    unit = "转移支付"  # a mined unit, not a hand entry: mined=True segments with it, the default without it
    assert unit in cut("加大转移支付力度。", mined=True) and unit not in cut("加大转移支付力度。")


def test_cache_keys_cover_the_layer(tmp_path, speech):
    a = _mined(tmp_path, [("底线思维", 5000, "n")], "a.tsv")
    b = _mined(tmp_path, [("底线思维", 6000, "n")], "b.tsv")
    keys = {cache_key(speech, mined=True), cache_key(speech, mined=False), cache_key(speech, mined=a),
            cache_key(speech, mined=b)}
    assert len(keys) == 4 and cache_key(speech) == cache_key(speech, mined=False)
    assert dictionary_fingerprint(True, None) == dictionary_fingerprint(True, False)
    assert dictionary_fingerprint(True, True) != dictionary_fingerprint(True, None)


def test_bad_mined_files(tmp_path):
    cases = {"term\tfreq\n甲乙\t5\n": "lacks", "term\tfreq\ttag\n甲乙\t5\n": "cells",
             "term\tfreq\ttag\n甲乙\t0\tn\n": "freq", "term\tfreq\ttag\n甲 乙\t5\tn\n": "spaces",
             "term\tfreq\ttag\n甲乙\t5\tn1\n": "tag"}
    for i, (body, word) in enumerate(cases.items()):
        p = tmp_path / f"bad{i}.tsv"
        p.write_text(body, encoding="utf-8")
        with pytest.raises(ZhDiscourseError, match=word):
            read_mined(p)
    empty = tmp_path / "empty.tsv"
    empty.write_text(HEADER, encoding="utf-8")
    assert read_mined(empty) == []


def test_a_segmenter_is_the_replay_of_the_entries(tmp_path):
    md = _mined(tmp_path, [("底线思维", 5000, "n")])
    seg = build_segmenter(None, "jieba", md)
    assert seg.tokenizer.FREQ["底线思维"] == 5000
    assert seg.pos_tokenizer.cut  # a POS tokenizer on the same dictionary
    assert [p.flag for p in seg.pos_tokenizer.cut("底线思维", HMM=False)] == ["n"]


# --- the bundled layer on the speech ------------------------------------------------------------------------------

#: Units of issue 18 that the mined layer keeps whole in the speech (from the reports, not listed by hand).
MINED_UNITS = ["转移支付", "失业保险", "十三五", "爱国卫生运动", "返贫致贫", "先锋模范作用"]


def _inside_one_token(table, a, b) -> bool:
    return bool(((table["start"] <= a) & (table["end"] >= b)).any())


def test_issue_units_come_out_whole_from_the_mined_layer(speech):
    hand_words = {e.word for e in read_userdict(default_mined_path().with_name("userdict.txt"))[0]}
    mined = set(w.word for w in read_mined(default_mined_path()))
    both = tokens(speech, mined=True)
    hand = tokens(speech, mined=False)
    for u in MINED_UNITS:
        assert u in mined and u not in hand_words, u
        at = [i for i in range(len(speech.text)) if speech.text.startswith(u, i)]
        assert at, u
        # every occurrence lies inside one token (失业保险 once inside the mined unit 失业保险金), none without the layer
        assert all(_inside_one_token(both, i, i + len(u)) for i in at), u
        assert not any(_inside_one_token(hand, i, i + len(u)) for i in at), u
    assert Counter(both["token"])["失业保险"] == 1 and Counter(both["token"])["失业保险金"] == 1


def test_a_unit_does_not_swallow_the_head_noun(speech):
    t = tokens(speech, mined=True)
    i = speech.text.index("战斗堡垒作用")
    got = t[(t["start"] >= i) & (t["end"] <= i + 6)]["token"].tolist()
    assert got == ["战斗堡垒", "作用"]
    assert "堡垒作用" not in set(t["token"])


def test_mined_changes_list_every_altered_token(speech):
    df = dictionary_changes(speech, layer="mined")
    assert not df.empty and set(df["kind"]) <= {"merge", "split", "shift"}
    hand = tokens(speech, mined=False)
    both = tokens(speech, mined=True)
    h = set(zip(hand["start"], hand["end"]))
    b = set(zip(both["start"], both["end"]))
    # in a changed region no token is shared, so the tokens only one side has are exactly the regions' tokens
    assert len(b - h) == int((df["count"] * df["after"].str.count(" / ").add(1)).sum())
    assert len(h - b) == int((df["count"] * df["before"].str.count(" / ").add(1)).sum())
    for r in df.itertuples():
        assert speech.text[r.first_start:r.first_end] == r.text
        assert r.kind == change_kind(r.before.split(" / "), r.after.split(" / "))


def test_the_layer_keeps_the_key_units(speech):
    assert key_unit_coverage(speech).attrs["share_after"] >= key_unit_coverage(speech, mined=False).attrs["share_after"]


def test_unit_coverage_compares_the_three_choices(speech):
    df = unit_coverage(speech, MINED_UNITS + ["不存在的词语"])
    assert list(df["unit"]) and "不存在的词语" not in set(df["unit"])
    assert (df["whole_jieba"] == 0).all() and (df["whole_hand"] == 0).all()
    row = df.set_index("unit").loc["失业保险"]
    assert (row["occurrences"], row["whole_both"]) == (2, 1)  # the other one is inside 失业保险金
    assert df.attrs["share_both"] == (df["whole_both"].sum() / df["occurrences"].sum())
    assert (df.drop(df.index[df["unit"] == "失业保险"])["share_both"] == 1.0).all()
    with pytest.raises(ZhDiscourseError):
        unit_coverage(speech, [""])
    with pytest.raises(ZhDiscourseError):
        dictionary_changes(speech, layer="nope")


def test_change_kind():
    assert change_kind(["失业", "保险"], ["失业保险"]) == "merge"
    assert change_kind(["失业保险"], ["失业", "保险"]) == "split"
    assert change_kind(["战斗", "堡垒作用"], ["战斗堡垒", "作用"]) == "shift"


def test_cli_layer_and_switch(capsys, speech_path):
    assert main(["dictchanges", str(speech_path), "--layer", "mined", "--csv"]) == 0
    out = capsys.readouterr().out
    assert "转移支付" in out and "kind" in out.splitlines()[0]
    assert main(["tokens", str(speech_path), "--mined", "--csv"]) == 0
    assert "\n转移支付," in capsys.readouterr().out
    assert main(["tokens", str(speech_path), "--csv"]) == 0  # the mined layer is off by default
    assert "\n转移支付," not in capsys.readouterr().out


def test_segmenters_are_shared_per_layer_choice():
    assert get_segmenter(True) is get_segmenter(True, mined=None) is get_segmenter(True, mined=False)
    assert get_segmenter(True, mined=True) is not get_segmenter(True)
    assert get_segmenter(False) is get_segmenter(False, mined=False)


#: Units of issue 18 that the mined layer does not learn (notebook 02 §2b says why): the hand dictionary lists them.
NOT_LEARNED = ["大数据", "底线思维", "入党积极分子"]


def test_units_not_learned_are_hand_entries_and_would_win_with_their_frequency(tmp_path, speech):
    import re

    from zhdiscourse import paths
    from zhdiscourse.stats.reference import load_congress_reports
    from zhdiscourse.text.corpus import load_jsonl
    from zhdiscourse.tokenize.terms import jieba_frequency

    shipped = default_mined_path()
    assert not set(NOT_LEARNED) & {e.word for e in read_mined(shipped)}
    at = {u: [m.start() for m in re.finditer(u, speech.text)] for u in NOT_LEARNED}
    assert all(at.values())
    hand = {e.word: e for e in read_userdict(default_mined_path().with_name("userdict.txt"))[0]}
    for table in (tokens(speech, mined=True), tokens(speech)):  # whole with the hand dictionary, with or without
        assert all(_inside_one_token(table, i, i + len(u)) for u in NOT_LEARNED for i in at[u])
    jieba_only = tokens(speech, userdict=False)
    assert not any(_inside_one_token(jieba_only, i, i + len(u)) for u in NOT_LEARNED for i in at[u])
    # the cause is the selection, not the frequency: laid on the dictionary with the frequency the miner gives
    # its count in the reference corpora, each one comes out whole wherever it occurs in the speech
    docs = (list(load_jsonl(paths.data_path("reference", "government_work_reports.jsonl")).reports())
            + list(load_congress_reports(paths.data_path("reference", "cpc_congress_reports_1-18.jsonl"))))
    n_tokens = int(re.search(r"; (\d+) tokens in runs", shipped.read_text(encoding="utf-8")).group(1))
    tk = get_segmenter(False).tokenizer
    rows = [(u, jieba_frequency(sum(d.text.count(u) for d in docs), n_tokens, tk.total, tk.suggest_freq(u)), "n")
            for u in NOT_LEARNED]
    layer = tokens(speech, userdict=False, mined=_mined(tmp_path, rows))  # jieba's dictionary and these three
    assert all(_inside_one_token(layer, i, i + len(u)) for u in NOT_LEARNED for i in at[u])
    assert set(NOT_LEARNED) <= set(hand) and hand["大数据"].freq == rows[0][1]  # the hand entry on the miner's scale
