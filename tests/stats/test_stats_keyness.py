"""Keyness formulas against values worked by hand, and keyness on the speech."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.keywords import (
    adjust_pvalues,
    chi2_2x2,
    g2_2x2,
    keyness,
    keyness_table,
    log_ratio,
    top_keywords,
)
from toy_tables import toy_tokens

# The hand-worked table: a term occurs a = 10 times in a target of N1 = 1000 tokens and b = 20 times
# in a reference of N2 = 4000 tokens.
#
#               target   reference   total
#   term          10        20          30
#   other        990      3980        4970
#   total       1000      4000        5000
#
# Expected: E11 = 1000·30/5000 = 6      E12 = 4000·30/5000 = 24
#           E21 = 1000·4970/5000 = 994  E22 = 4000·4970/5000 = 3976
#
# G² = 2 [10 ln(10/6) + 20 ln(20/24) + 990 ln(990/994) + 3980 ln(3980/3976)]
#    = 2 [10·0.5108256 + 20·(−0.1823216) + 990·(−0.0040323) + 3980·0.0010055]
#    = 2 [5.108256 − 3.646431 − 3.991937 + 4.002015] = 2 · 1.471903 = 2.9438
# χ² = Σ (O − E)²/E = 16/6 + 16/24 + 16/994 + 16/3976
#    = 2.666667 + 0.666667 + 0.016097 + 0.004024 = 3.3535
#    (= N (ad − bc)² / (30 · 4970 · 1000 · 4000) = 5000 · 20000² / 5.964e11 = 3.3535)
# χ² with Yates = 5000 · (20000 − 2500)² / 5.964e11 = 1.53125e12 / 5.964e11 = 2.5675
# Log Ratio = log2((10/1000) / (20/4000)) = log2(0.010 / 0.005) = log2 2 = 1
# p (1 df) = erfc(sqrt(G²/2)) = erfc(sqrt(1.4719)) = erfc(1.21322) = 0.0864
A, B, N1, N2 = 10, 20, 1000, 4000


def test_g2_matches_hand_worked_value():
    assert g2_2x2(A, B, N1, N2) == pytest.approx(2.9438, abs=1e-3)
    terms = [10 * math.log(10 / 6), 20 * math.log(20 / 24), 990 * math.log(990 / 994), 3980 * math.log(3980 / 3976)]
    assert g2_2x2(A, B, N1, N2) == pytest.approx(2 * sum(terms), rel=1e-12)


def test_g2_is_the_four_term_form_not_raysons_two_term_shortcut():
    two_term = 2 * (10 * math.log(10 / 6) + 20 * math.log(20 / 24))  # = 2.9237
    assert abs(g2_2x2(A, B, N1, N2) - two_term) > 0.01


def test_g2_and_chi2_agree_with_scipy_contingency():
    table = [[A, B], [N1 - A, N2 - B]]
    assert g2_2x2(A, B, N1, N2) == pytest.approx(
        chi2_contingency(table, correction=False, lambda_="log-likelihood")[0], rel=1e-10)
    assert chi2_2x2(A, B, N1, N2) == pytest.approx(chi2_contingency(table, correction=False)[0], rel=1e-10)
    assert chi2_2x2(A, B, N1, N2, yates=True) == pytest.approx(chi2_contingency(table, correction=True)[0],
                                                               rel=1e-10)


def test_chi2_and_yates_match_hand_worked_values():
    assert chi2_2x2(A, B, N1, N2) == pytest.approx(3.3535, abs=1e-3)
    assert chi2_2x2(A, B, N1, N2, yates=True) == pytest.approx(2.5675, abs=1e-3)


def test_log_ratio_and_zero_adjustment():
    assert log_ratio(A, B, N1, N2) == pytest.approx(1.0)
    # a = 0 is replaced by 0.5: log2((0.5/100) / (8/100)) = log2(1/16) = -4
    assert log_ratio(0, 8, 100, 100) == pytest.approx(-4.0)
    assert log_ratio(8, 0, 100, 100) == pytest.approx(4.0)


def test_keyness_table_row_matches_hand_values_and_p_value():
    t = pd.Series({"w": 10, "rest": 990})
    r = pd.Series({"w": 20, "rest": 3980})
    kt = keyness_table(t, r, min_freq=1, correction="none").set_index("term")
    row = kt.loc["w"]
    assert row["freq"] == 10 and row["freq_ref"] == 20
    assert row["expected"] == pytest.approx(6.0) and row["expected_ref"] == pytest.approx(24.0)
    assert row["g2"] == pytest.approx(2.9438, abs=1e-3)
    assert row["chi2"] == pytest.approx(3.3535, abs=1e-3)
    assert row["log_ratio"] == pytest.approx(1.0)
    assert row["p_g2"] == pytest.approx(math.erfc(math.sqrt(row["g2"] / 2)), rel=1e-9)
    assert row["p_g2"] == pytest.approx(0.0864, abs=1e-3)
    assert row["direction"] == "+" and row["g2_signed"] == pytest.approx(row["g2"])
    # the same term seen from the other side is key AGAINST the target: same G², negative sign
    rev = keyness_table(r, t, min_freq=1, correction="none").set_index("term").loc["w"]
    assert rev["direction"] == "-"
    assert rev["g2_signed"] == pytest.approx(-row["g2"])
    assert rev["log_ratio"] == pytest.approx(-1.0)


def test_benjamini_hochberg_and_bonferroni_by_hand():
    p = [0.01, 0.04, 0.03]
    # BH: sorted 0.01, 0.03, 0.04 -> 0.01·3/1 = 0.03, 0.03·3/2 = 0.045, 0.04·3/3 = 0.04;
    # step-up minimum from the largest: 0.04, min(0.045, 0.04) = 0.04, 0.03
    assert adjust_pvalues(p, "bh") == pytest.approx([0.03, 0.04, 0.04])
    assert adjust_pvalues(p, "bonferroni") == pytest.approx([0.03, 0.12, 0.09])
    assert adjust_pvalues(p, "none") == pytest.approx(p)
    with pytest.raises(ZhDiscourseError):
        adjust_pvalues(p, "holm")


def test_min_freq_filters_on_combined_frequency_and_keeps_absent_terms():
    t = pd.Series({"x": 0, "y": 2, "z": 50})
    r = pd.Series({"x": 6, "y": 1, "z": 50})
    kt = keyness_table(t, r, min_freq=5)
    assert set(kt["term"]) == {"x", "z"}  # y: 2 + 1 < 5
    assert kt.set_index("term").loc["x", "direction"] == "-"


def test_keyness_needs_tokens_on_both_sides():
    with pytest.raises(ZhDiscourseError):
        keyness_table(pd.Series({"a": 1}), pd.Series(dtype=float))


def toy():
    return toy_tokens({
        "一": [["防控", "防控", "防控", "，", "患者", "的", "防控", "2020", "。"], ["防控", "救治", "防控", "党"]],
        "二": [["企业", "企业", "复工", "，", "企业", "三", "就业"], ["企业", "就业", "防控", "党"]],
    })


def test_part_against_rest_on_toy_tokens():
    k = keyness(toy(), min_freq=1, correction="none")
    one = k[k["doc"] == "一"].set_index("term")
    two = k[k["doc"] == "二"].set_index("term")
    # content tokens only: 的 (stop), ，。 (punct), 2020 and 三 (numerals) are gone
    assert not {"的", "，", "。", "2020", "三"} & set(k["term"])
    assert "党" in set(k["term"])  # one-character words are kept
    # part 一 has 9 content tokens (防控×6, 患者, 救治, 党); part 二 has 9 (企业×4, 复工, 就业×2, 防控, 党)
    assert one.loc["防控", "freq"] == 6 and one.loc["防控", "freq_ref"] == 1
    assert one.loc["防控", "g2"] == pytest.approx(g2_2x2(6, 1, 9, 9))
    assert one.loc["防控", "direction"] == "+" and one.loc["企业", "direction"] == "-"
    assert two.loc["企业", "g2_signed"] == pytest.approx(-one.loc["企业", "g2_signed"])
    top = top_keywords(k, 1)
    assert top.set_index("doc")["term"].to_dict() == {"一": "防控", "二": "企业"}


def test_keyness_single_unit_is_an_error():
    one_part = toy_tokens({"一": [["防控", "企业"]]})
    with pytest.raises(ZhDiscourseError):
        keyness(one_part, min_freq=1)


# ---------------------------------------------------------------------------------------------------
# On the speech: assert only what the numbers show
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech_tokens(speech):
    from zhdiscourse.tokenize.table import tokens

    return tokens(speech)


@pytest.fixture(scope="module")
def speech_keyness(speech, speech_tokens):
    return keyness(speech_tokens, speech=speech)


def test_speech_keyness_is_deterministic(speech, speech_tokens, speech_keyness):
    again = keyness(speech_tokens, speech=speech)
    pd.testing.assert_frame_equal(speech_keyness, again)
    assert list(dict.fromkeys(speech_keyness["doc"])) == ["一", "二", "三", "四"]


def test_speech_part_three_is_about_the_economy(speech_keyness):
    three = speech_keyness[speech_keyness["doc"] == "三"].set_index("term")
    # the strongest key of part 三 is 就业 (9 times in 三, never elsewhere), significant after BH
    assert top_keywords(speech_keyness, 1).set_index("doc").loc["三", "term"] == "就业"
    assert bool(three.loc["就业", "significant"])
    # 企业 and 复工复产 are over-used in 三 (positive keyness, at least twice as frequent: log ratio > 1)
    for term in ("企业", "复工复产"):
        assert three.loc[term, "direction"] == "+"
        assert three.loc[term, "log_ratio"] > 1
    assert three.loc["企业", "g2"] > 3.84  # p < 0.05 before correction


def test_speech_part_two_and_four(speech_keyness):
    top = top_keywords(speech_keyness, 1).set_index("doc")["term"]
    assert top["二"] == "医务人员"
    assert top["四"] == "干部"
    two = speech_keyness[speech_keyness["doc"] == "二"].set_index("term")
    # 疫情防控 runs through the whole speech: it is NOT key in part 二 (the data do not say so)
    assert not bool(two.loc["疫情防控", "significant"]) or two.loc["疫情防控", "direction"] == "-"


def test_speech_negative_keys_only_in_the_per_part_g2_table(speech, speech_tokens, speech_keyness):
    # under the default table (one family, Fisher's exact test) no under-used word of a part is significant
    assert not (speech_keyness["significant"] & (speech_keyness["direction"] == "-")).any()
    # per-part G² families (the earlier table) let some through
    old = keyness(speech_tokens, speech=speech, family="unit", test="g2", min_expected=None, dispersion=False)
    neg = old[(old["direction"] == "-") & old["significant"]]
    assert len(neg) > 0
    assert (neg["g2_signed"] < 0).all() and (neg["log_ratio"] < 0).all()
