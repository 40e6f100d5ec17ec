"""Densities with bootstrap intervals over sentences: pieces that tile the units, hand-worked values,
and the speech's directive densities with their intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhdiscourse import parse
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.intervals import bootstrap_density, bootstrap_table, count_events, sentence_pieces
from zhdiscourse.text.measure import nonspace_chars

TEXT = "一、关于甲\n要做好。要抓紧要落实。\n二、关于乙\n大家辛苦了。我们做了工作。要总结。\n"


def _yao(sp):
    return pd.DataFrame({"start": [i for i, ch in enumerate(sp.text) if ch == "要"]})


def test_pieces_tile_each_unit():
    sp = parse(TEXT)
    pieces = sentence_pieces(sp, "section")
    for label, a, b in sp.units("section"):
        g = pieces[pieces["unit"] == label]
        assert g["start"].iloc[0] == a and g["end"].iloc[-1] == b
        assert (g["start"].iloc[1:].to_numpy() == g["end"].iloc[:-1].to_numpy()).all()
        assert g["chars"].sum() == nonspace_chars(sp.text, a, b)
    whole = sentence_pieces(sp, "text")
    assert whole["chars"].sum() == nonspace_chars(sp.text, sp.body_start, sp.body_end)


def test_events_are_counted_in_the_piece_of_their_start():
    sp = parse(TEXT)
    c = count_events(sentence_pieces(sp, "section"), {"yao": _yao(sp)})
    assert c["yao"].sum() == 4
    assert c.groupby("unit")["yao"].sum().to_dict() == {"一": 3, "二": 1}
    with pytest.raises(ZhDiscourseError):
        count_events(c, {"bad": pd.DataFrame({"x": [1]})})


def test_bootstrap_by_hand():
    # one unit of two pieces: 10 characters with 1 event, 30 with 0. Resamples of two pieces: (1, 1),
    # (1, 2), (2, 1), (2, 2) with densities 100, 25, 25, 0 per 1,000, each with probability 1/4.
    pieces = pd.DataFrame({"unit": ["a", "a"], "chars": [10, 30], "e": [1, 0]})
    t = bootstrap_table(pieces, "e", n_boot=20_000, seed=1, level=0.99).iloc[0]
    assert t["e_per_1k"] == pytest.approx(1000 * 1 / 40)
    assert (t["e_lo"], t["e_hi"]) == (0.0, 100.0)  # a quarter of the mass at each end
    mean = (100 + 25 + 25 + 0) / 4
    sd = np.sqrt(((100 - mean) ** 2 + 2 * (25 - mean) ** 2 + (0 - mean) ** 2) / 4)
    assert t["e_se"] == pytest.approx(sd, rel=0.03)
    # deterministic for a seed; one sentence has no interval
    again = bootstrap_table(pieces, "e", n_boot=20_000, seed=1, level=0.99).iloc[0]
    assert again["e_se"] == t["e_se"]
    one = bootstrap_table(pieces.iloc[:1], "e").iloc[0]
    assert np.isnan(one["e_lo"]) and one["e_per_1k"] == 100.0
    with pytest.raises(ZhDiscourseError):
        bootstrap_table(pieces, "e", level=1.5)


def test_speech_directive_densities_with_intervals(speech):
    from zhdiscourse import patterns as pt

    ev = {"all": pd.concat([pt.modal_yao(speech)[["start"]], pt.directives(speech)[["start"]]])}
    b = bootstrap_density(speech, ev, "section").set_index("unit")
    prof = pt.directive_profile(speech, by="section").set_index("unit")
    # the point estimates are exactly the directive profile's densities
    assert b["all_per_1k"].round(3).tolist() == prof["all_per_1k"].tolist()
    assert b["all"].tolist() == prof["all"].tolist()
    # part 一's interval lies wholly below the other parts' intervals
    assert b.loc["一", "all_hi"] < b.drop(index="一")["all_lo"].min()
    assert [round(b.loc[p, "all_lo"], 1) for p in b.index] == [0.3, 19.8, 17.0, 13.2]
    assert [round(b.loc[p, "all_hi"], 1) for p in b.index] == [3.4, 28.6, 26.9, 24.4]
    whole = bootstrap_density(speech, ev, "text").iloc[0]
    assert round(whole["all_per_1k"], 1) == 14.7 and whole["all_lo"] < 14.7 < whole["all_hi"]
    assert b.attrs == {"by": "section", "n_boot": 10_000, "seed": 0, "level": 0.95}


def test_packed_bootstrap_sums_equal_the_plain_ones_bit_for_bit(monkeypatch):
    """The resampled densities computed from characters and events packed in one integer are those of the two
    separate sums, and counts that are not whole, negative or too large for their bits are not packed."""
    import numpy as np

    from zhdiscourse.stats import intervals as I

    rng = np.random.default_rng(5)
    cases = [(rng.integers(0, 9, 40).astype(float), rng.integers(1, 400, 40).astype(float)),
             (np.zeros(7), rng.integers(0, 3, 7).astype(float)),  # resamples with no characters: NaN
             (np.array([2.0**32 // 3 - 1] * 3), np.array([2.0**31 // 3 - 1] * 3)),  # the sums just fit
             (np.array([5.0]), np.array([80.0]))]
    for ev, chars in cases:
        assert I._packed(ev, chars) is not None
        packed = I._boot_ratio(ev, chars, 300, np.random.default_rng(0))
        with monkeypatch.context() as m:
            m.setattr(I, "_packed", lambda ev, chars: None)
            plain = I._boot_ratio(ev, chars, 300, np.random.default_rng(0))
        assert packed.tobytes() == plain.tobytes()
    for ev, chars in [(np.array([1.5, 2.0]), np.array([10.0, 10.0])), (np.array([-1.0, 2.0]), np.array([10.0, 10.0])),
                      (np.array([2.0**32 // 3 + 1] * 3), np.array([10.0] * 3)),
                      (np.array([1.0] * 3), np.array([2.0**31 // 3 + 1] * 3))]:
        assert I._packed(ev, chars) is None
