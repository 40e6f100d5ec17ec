"""Lexicon profiles: token-boundary matching, rates per part, keyness against a reference, editable files."""

from __future__ import annotations

import pandas as pd
import pytest
from toy_tables import toy_tokens

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.lexicon import LEXICON_ENV, lexicon_file, read_groups
from zhdiscourse.stats import lexicon_documents, lexicon_keyness, lexicon_matches, lexicon_rates, read_lexicon
from zhdiscourse.stats.spread import dp

LEX = pd.DataFrame({"term": ["总体战", "硬仗", "打硬仗", "防线", "斗争"],
                    "category": ["battle", "battle", "battle", "front", "struggle"]})


def test_matches_respect_token_boundaries():
    table = toy_tokens({"一": [["总体", "战略", "，", "总体战", "。"], ["打", "硬仗", "防线", "斗争性"]]})
    m = lexicon_matches(table, LEX)
    # 总体战 not inside 总体 + 战略; 打硬仗 (two tokens) wins over 硬仗; 斗争 not inside 斗争性
    assert m["term"].tolist() == ["总体战", "打硬仗", "防线"]
    text = "".join(table["token"])
    assert all(text[a:b] == t for a, b, t in zip(m["start"], m["end"], m["term"]))
    assert m["category"].tolist() == ["battle", "battle", "front"]


def test_rates_and_dispersion_per_part():
    table = toy_tokens({"一": [["防线", "防线", "甲", "，"]], "二": [["斗争", "乙", "丙", "丁"]]})
    r = lexicon_rates(table, LEX, "section")
    allr = r[r["term"] == "[all]"].set_index("doc")
    assert allr["count"].to_dict() == {"一": 2, "二": 1}
    assert allr["n_tokens"].to_dict() == {"一": 3, "二": 4}  # word tokens: the comma does not count
    assert allr.loc["一", "per_1k"] == pytest.approx(2000 / 3)
    front = r[r["term"] == "[front]"].set_index("doc")["count"].to_dict()
    assert front == {"一": 2, "二": 0}
    d = dp(r[r["term"] == "[front]"]).iloc[0]
    assert d["dp"] == pytest.approx(0.5 * (abs(1 - 3 / 7) + abs(0 - 4 / 7)))


def test_keyness_levels():
    target = toy_tokens({"一": [["防线", "防线", "防线", "甲"], ["防线", "斗争", "乙", "丙"]]})
    ref = [toy_tokens({"一": [["甲"] * 30 + ["防线"]]}), toy_tokens({"一": [["乙"] * 40 + ["斗争"]]})]
    kt = lexicon_keyness(target, ref, LEX, min_freq=1)
    assert kt.attrs["n_target"] == 8 and kt.attrs["n_reference"] == 72 and kt.attrs["n_docs"] == 2
    assert kt["level"].tolist()[:1] == ["lexicon"]
    row = kt.set_index("term").loc["防线"]
    assert (row["freq"], row["freq_ref"]) == (4, 1) and row["direction"] == "+"
    allr = kt.set_index("term").loc["[all]"]
    assert (allr["freq"], allr["freq_ref"]) == (5, 2)
    assert allr["per_1k"] == pytest.approx(5000 / 8) and allr["per_1k_ref"] == pytest.approx(2000 / 72)
    docs = lexicon_documents({"a": ref[0], "b": ref[1]}, LEX)
    assert docs["count"].tolist() == [1, 1] and docs["n_tokens"].tolist() == [31, 41]
    assert docs["per_1k"].tolist() == pytest.approx([1000 / 31, 1000 / 41])


def test_bundled_files_and_override(tmp_path, monkeypatch):
    war = read_lexicon("war")
    assert {"阻击战", "防线", "斗争", "第一线", "一线"} <= set(war["term"]) and war["term"].is_unique
    stance = read_lexicon("stance")
    assert {"booster", "hedge", "positive evaluation", "negative evaluation"} == set(stance["category"])
    assert all(len(t) >= 2 for t in stance["term"])
    for name in ("metaphor_war.txt", "stance.txt", "actors.txt"):
        head = lexicon_file(name).read_text(encoding="utf-8").splitlines()[:20]
        assert any("Source" in line for line in head), f"{name} must say where its list comes from"
    (tmp_path / "metaphor_war.txt").write_text("# mine\nsea: 大海 波浪\n", encoding="utf-8")
    monkeypatch.setenv(LEXICON_ENV, str(tmp_path))
    assert read_lexicon("war")["term"].tolist() == ["大海", "波浪"]
    (tmp_path / "bad.txt").write_text("no colon here\n", encoding="utf-8")
    with pytest.raises(ZhDiscourseError, match="bad.txt:1"):
        read_groups(tmp_path / "bad.txt")
    with pytest.raises(ZhDiscourseError, match="no lexicon"):
        read_lexicon("nonexistent")


def test_on_the_speech(speech):
    m = lexicon_matches(speech, "war")
    counts = m["term"].value_counts()
    # the counts of the war vocabulary (whole tokens; 一线 apart from 第一线)
    assert (counts["阻击战"], counts["防线"], counts["打赢"], counts["斗争"]) == (5, 5, 4, 9)
    assert counts["一线"] + counts["第一线"] == 13
    assert all(speech.text[a:b] == t for a, b, t in zip(m["start"], m["end"], m["term"]))


def test_string_count_leaves_out_longer_terms_of_the_list():
    table = toy_tokens({"一": [["第一线", "一线", "在", "一线城市"]]})
    lex = pd.DataFrame({"term": ["一线", "第一线"], "category": ["front", "front"]})
    kt = lexicon_keyness(table, [toy_tokens({"一": [["甲", "一线"]]})], lex, min_freq=1).set_index("term")
    # 一线: one whole token, one inside 一线城市 (a string the token count leaves out), one inside 第一线 (counted there)
    assert kt.loc["一线", "freq"] == 1 and kt.loc["一线", "string_count"] == 2
    assert kt.loc["第一线", "string_count"] == 1


def test_joined_offsets_point_at_the_tokens(speech):
    """``_joined`` (vectorised): each token at its offsets, a newline exactly between sentences."""
    from zhdiscourse.stats.lexica import _joined
    from zhdiscourse.tokenize.table import tokens

    df = tokens(speech).reset_index(drop=True)
    joined, order, starts, ends = _joined(df)
    toks = df["token"].astype(str).to_numpy(dtype=object)[order]
    sent = df["sentence"].to_numpy()[order]
    assert all(joined[a:b] == t for t, a, b in zip(toks, starts, ends))
    gaps = [joined[e:s] for e, s in zip(ends[:-1], starts[1:])]
    assert gaps == ["\n" if x != y else "" for x, y in zip(sent[:-1], sent[1:])]
    assert ends[-1] == len(joined) and starts[0] == 0
