"""Contrast of two parts: relative frequencies, log ratio and scattertext's scaled F-score."""

from __future__ import annotations

import numpy as np
import pytest

from zhdiscourse.stats.comparison import contrast, scaled_f_scores
from zhdiscourse.errors import ZhDiscourseError
from toy_tables import toy_tokens


def toy():
    return toy_tokens({
        "一": [["防控"] * 6 + ["救治"] * 3 + ["党"] * 3],
        "二": [["企业"] * 5 + ["就业"] * 3 + ["党"] * 3 + ["防控"]],
    })


def test_contrast_frequencies_and_direction():
    c = contrast(toy(), "一", "二", min_freq=1, top=1).set_index("term")
    # N_A = 12, N_B = 12 content tokens: 防控 6/12 = 500 per 1k in A, 1/12 = 83.33 in B
    assert c.loc["防控", "per_1k_a"] == pytest.approx(500.0)
    assert c.loc["防控", "per_1k_b"] == pytest.approx(1000 / 12)
    assert c.loc["防控", "log_ratio"] == pytest.approx(np.log2(6))
    assert c.loc["防控", "scaled_f"] > 0 and c.loc["企业", "scaled_f"] < 0
    assert abs(c.loc["党", "scaled_f"]) < c.loc["防控", "scaled_f"]  # equal use: weaker than a one-sided term
    assert c.loc["防控", "label"] == "A" and c.loc["企业", "label"] == "B"
    assert (c["label"] != "").sum() == 2


def test_scaled_f_is_antisymmetric_and_bounded():
    a, b = np.array([6, 3, 3, 1, 0]), np.array([1, 0, 3, 5, 3])
    s = scaled_f_scores(a, b)
    assert np.all(np.abs(s) <= 1)
    assert np.allclose(scaled_f_scores(b, a), -s)


def test_contrast_errors():
    with pytest.raises(ZhDiscourseError):
        contrast(toy(), "一", "五")
    with pytest.raises(ZhDiscourseError):
        contrast(toy(), "一", "一")


def test_speech_two_against_three(speech):
    from zhdiscourse.tokenize.table import tokens

    c = contrast(tokens(speech), "二", "三", speech=speech)
    a_side = set(c.loc[c["label"] == "A", "term"])
    b_side = set(c.loc[c["label"] == "B", "term"])
    # measured on the speech: medical staff belong to 二, jobs, policy and 复工复产 to 三
    assert "医务人员" in a_side
    assert {"就业", "复工复产"} <= b_side
    assert c.equals(contrast(tokens(speech), "二", "三", speech=speech))
