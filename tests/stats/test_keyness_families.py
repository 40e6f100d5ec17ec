"""Keyness: Fisher's exact test, the expected-count floor, the correction family and the concentration
check, against hand-worked values and on the speech."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toy_tables import toy_tokens
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.keywords import adjust_pvalues, fisher_2x2, keyness, keyness_table, top_keywords


def test_fisher_exact_by_hand():
    # [[3, 0], [0, 3]]: of C(6, 3) = 20 equally likely tables with these margins, the observed one and
    # its mirror [[0, 3], [3, 0]] are the least probable (1/20 each): two-sided p = 2/20
    assert fisher_2x2([3], [0], 3, 3)[0] == pytest.approx(0.1)
    # [[2, 0], [1, 4]]: term total 2, N1 = 3, N2 = 4: P(a) = C(3, a) C(4, 2 − a) / C(7, 2) = 6/21, 12/21,
    # 3/21 for a = 0, 1, 2; only the observed table is as improbable as itself: p = 3/21
    assert fisher_2x2([2], [0], 3, 4)[0] == pytest.approx(3 / 21)
    kt = keyness_table(pd.Series({"x": 3}), pd.Series({"y": 3}), min_freq=1, test="fisher")
    assert list(kt["p_fisher"]) == pytest.approx([0.1, 0.1])
    assert list(kt["p_adj"]) == pytest.approx([0.1, 0.1])  # BH of two equal p-values
    assert kt.attrs["test"] == "fisher" and kt.attrs["n_tests"] == 2


def test_default_table_has_todays_columns():
    kt = keyness_table(pd.Series({"x": 10, "z": 990}), pd.Series({"x": 20, "z": 3980}))
    assert "p_fisher" not in kt.columns and "low_expected" not in kt.columns
    assert kt.attrs["test"] == "g2" and kt.attrs["min_expected"] is None


def test_expected_count_floor():
    # the hand table of test_stats_keyness: E11 = 6, E12 = 24 (see there)
    t, r = pd.Series({"x": 10, "z": 990}), pd.Series({"x": 20, "z": 3980})
    five = keyness_table(t, r, min_expected=5).set_index("term")
    seven = keyness_table(t, r, min_expected=7).set_index("term")
    assert not five.loc["x", "low_expected"] and seven.loc["x", "low_expected"]
    # G² below the floor is not tested: no adjusted p-value, not significant, not in the family
    assert np.isnan(seven.loc["x", "p_adj"]) and not seven.loc["x", "significant"]
    assert five.attrs["n_tests"] == 2 and seven.attrs["n_tests"] == 1
    # the exact test is valid at any count: with test="fisher" the row is only flagged
    exact = keyness_table(t, r, min_expected=7, test="fisher").set_index("term")
    assert exact.loc["x", "low_expected"] and not np.isnan(exact.loc["x", "p_adj"])


def toy():
    return toy_tokens({
        "一": [["甲", "甲", "甲", "乙"], ["乙", "丙", "丁", "戊"], ["己", "庚", "辛", "丙"]],
        "二": [["丙", "丁", "戊", "己"], ["庚", "辛", "丙", "丁"], ["戊", "己", "庚", "辛"]],
    })


def test_pooled_family_is_one_bh_over_every_unit_term_test():
    unit = keyness(toy(), min_freq=1, family="unit", test="g2", min_expected=None)
    pooled = keyness(toy(), min_freq=1, family="pooled", test="g2", min_expected=None)
    assert unit["p_g2"].tolist() == pooled["p_g2"].tolist()
    assert pooled["p_adj"].to_numpy() == pytest.approx(adjust_pvalues(pooled["p_g2"].to_numpy(), "bh"))
    for doc, g in unit.groupby("doc"):
        assert g["p_adj"].to_numpy() == pytest.approx(adjust_pvalues(g["p_g2"].to_numpy(), "bh"))
    n = len(pooled)
    assert pooled.attrs["families"] == {"all": n} and pooled.attrs["n_tests"] == n
    assert unit.attrs["families"] == dict(unit.groupby("doc", sort=False).size())
    # a target keeps the pooled family of all units
    one = keyness(toy(), min_freq=1, family="pooled", test="g2", min_expected=None, target="一")
    assert one["p_adj"].tolist() == pooled[pooled["doc"] == "一"]["p_adj"].tolist()
    with pytest.raises(ZhDiscourseError):
        keyness(toy(), family="global")
    with pytest.raises(ZhDiscourseError):
        keyness(toy(), test="t")


def test_defaults_are_the_table_to_cite():
    k = keyness(toy(), min_freq=1)
    assert (k.attrs["family"], k.attrs["test"], k.attrs["min_expected"]) == ("pooled", "fisher", 5.0)
    assert {"p_fisher", "low_expected", "concentrated"} <= set(k.columns)
    explicit = keyness(toy(), min_freq=1, family="pooled", test="fisher", min_expected=5, dispersion=True)
    pd.testing.assert_frame_equal(k, explicit)
    # the earlier table is one argument set away
    old = keyness(toy(), min_freq=1, family="unit", test="g2", min_expected=None, dispersion=False)
    assert "p_fisher" not in old.columns and "concentrated" not in old.columns


def test_concentration_by_hand():
    k = keyness(toy(), min_freq=1, dispersion=True).set_index(["doc", "term"])
    jia = k.loc[("一", "甲")]
    # 甲: 3 occurrences, all in sub-point 一.1 (4 of part 一's 12 tokens, s = 1/3) and in one sentence
    assert (jia["n_sentences"], jia["top_sentence_share"], jia["top_subunit"]) == (1, 1.0, "一.1")
    assert jia["top_subunit_share"] == 1.0 and jia["top_subunit_size"] == pytest.approx(1 / 3)
    assert jia["dp_within"] == pytest.approx(0.5 * (2 / 3 + 1 / 3 + 1 / 3))
    # P(X ≥ 3), X ~ Binomial(3, 1/3) = 1/27, times 3 sub-points = 1/9
    assert jia["p_concentration"] == pytest.approx(1 / 9)
    assert jia["concentrated"]  # more than half in one sentence
    yi = k.loc[("一", "乙")]
    # 乙: one occurrence in 一.1 and one in 一.2: half in the top sentence, P(X ≥ 1 | 2, 1/3) = 5/9 (×3 > 1)
    assert yi["top_sentence_share"] == 0.5 and yi["p_concentration"] == 1.0 and not yi["concentrated"]
    absent = k.loc[("二", "甲")]
    assert absent["n_sentences"] == 0 and not absent["concentrated"]


def test_concentration_in_sub_points_uses_sentences():
    k = keyness(toy(), "subsection", min_freq=1, dispersion=True).set_index(["doc", "term"])
    # a sub-point of the toy is one sentence: no sub-units to compare
    assert np.isnan(k.loc[("一.1", "甲"), "p_concentration"]) and k.loc[("一.1", "甲"), "concentrated"]


# --- the speech ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech_tokens(speech):
    from zhdiscourse.tokenize.table import tokens

    return tokens(speech)


def test_speech_keyness_under_one_family_and_exact_test(speech, speech_tokens):
    pooled = keyness(speech_tokens, speech=speech, family="pooled", test="fisher", min_expected=5,
                     dispersion=True)
    assert pooled.attrs["families"] == {"all": 556}  # 552 without the mined dictionary layer and pooled.attrs["test"] == "fisher"
    top = top_keywords(pooled, 1).set_index("doc")
    assert top["term"].to_dict() == {"一": "中国", "二": "医务人员", "三": "就业", "四": "干部"}
    # all four survive one BH family over the 556 tests with Fisher's exact test …
    assert top["significant"].all()
    # … although each has an expected count in its part below 5 (G²'s χ² approximation is poor there)
    assert top["low_expected"].all() and top["expected"].max() < 5
    # three of them sit in one sub-point of their part; 干部 is spread over part 四 like its text
    assert top["concentrated"].to_dict() == {"一": True, "二": True, "三": True, "四": False}
    assert top.loc["一", "top_subunit_share"] == pytest.approx(0.9)  # 9 of 中国's 10 in one sub-point
    sig = pooled[pooled["significant"] & (pooled["direction"] == "+")]
    unit = keyness(speech_tokens, speech=speech, family="unit", test="g2", min_expected=None, dispersion=False)
    unit_sig = unit[unit["significant"] & (unit["direction"] == "+")]
    assert len(sig) < len(unit_sig)


def test_speech_g2_with_the_floor_tests_only_frequent_terms(speech, speech_tokens):
    floor = keyness(speech_tokens, speech=speech, family="pooled", test="g2", min_expected=5)
    tested = floor[floor["p_adj"].notna()]
    assert floor.attrs["n_tests"] == len(tested) < 0.1 * len(floor)
    assert not {"中国", "医务人员", "就业", "干部"} & set(tested["term"])
