"""Lexical diversity: MATTR and sampled TTR by hand, determinism, sentence and clause length."""

from __future__ import annotations

import numpy as np
import pytest
from toy_tables import toy_tokens

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats import diversity, mattr
from zhdiscourse.stats.lexdiv import sampled_ttr


def test_mattr_by_hand():
    assert mattr("abac", 2) == pytest.approx(1.0)  # ab, ba, ac: 2 types each
    assert mattr("abac", 3) == pytest.approx((2 / 3 + 3 / 3) / 2)  # aba, bac
    assert mattr("aaaa", 2) == pytest.approx(0.5)
    assert np.isnan(mattr("ab", 3))
    with pytest.raises(ZhDiscourseError):
        mattr("ab", 0)


def test_sampled_ttr_is_exact_at_full_size_and_seeded():
    words = list("aabbcd")
    full = sampled_ttr(words, 6, draws=5, rng=np.random.default_rng(0))
    assert full.tolist() == [4 / 6] * 5
    a = sampled_ttr(words, 3, draws=40, rng=np.random.default_rng(1))
    b = sampled_ttr(words, 3, draws=40, rng=np.random.default_rng(1))
    # passages of three consecutive tokens: aab, abb (2 types), bbc (2), bcd (3)
    assert a.tolist() == b.tolist() and set(np.round(a * 3)) == {2.0, 3.0}


def test_diversity_per_part():
    table = toy_tokens({"一": [["甲", "乙", "甲", "，", "丙"], ["甲", "甲"]], "二": [["丁", "戊", "己", "庚"]]})
    div = diversity(table, "section", window=2, draws=50).set_index("unit")
    assert div.loc["一", "n_tokens"] == 6 and div.loc["一", "n_types"] == 3 and div.loc["二", "n_types"] == 4
    assert div.attrs["sample"] == 4  # the smaller part
    assert div.loc["二", "ttr_sample"] == 1.0 and div.loc["二", "ttr_lo"] == div.loc["二", "ttr_hi"] == 1.0
    assert 0.5 <= div.loc["一", "ttr_sample"] <= 0.75
    assert div.loc["一", "sentences"] == 2 and div.loc["一", "sentence_chars"] == pytest.approx((4 + 2) / 2)
    assert div.loc["一", "mattr"] == pytest.approx(mattr(["甲", "乙", "甲", "丙", "甲", "甲"], 2))
    again = diversity(table, "section", window=2, draws=50)
    assert again.equals(div.reset_index())
    assert len(diversity(table, "text")) == 1


def test_on_the_speech(speech):
    div = diversity(speech, "section", speech=speech)
    assert div["unit"].tolist() == ["一", "二", "三", "四"]
    assert (div["ttr_lo"] <= div["ttr_sample"] + 1e-12).all() and (div["ttr_sample"] <= div["ttr_hi"] + 1e-12).all()
    assert div["sample"].nunique() == 1 and div["sample"].iloc[0] == div["n_tokens"].min()


def test_sampled_ttr_counts_the_distinct_tokens_of_each_passage():
    # the passage's types are counted from each token's previous occurrence; same as sorting the passage
    import pandas as pd

    for seed in range(60):
        gen = np.random.default_rng(seed)
        n = int(gen.integers(1, 2000))
        words = [f"w{x}" for x in gen.integers(0, int(gen.integers(1, 200)), n)]
        size = int(gen.integers(1, n + 1))
        got = sampled_ttr(words, size, draws=40, rng=np.random.default_rng(seed))
        codes = pd.factorize(pd.Series(words, dtype=object))[0]
        starts = np.random.default_rng(seed).integers(0, n - size + 1, size=40)
        np.testing.assert_array_equal(got, [len(np.unique(codes[a:a + size])) / size for a in starts])
