"""Regression: collocations on a text where no pair passes the filters returns an empty table, not a KeyError."""

from zhdiscourse import collocations
from zhdiscourse import parse


def test_no_pair_passes_min_freq():
    for measure in ("llr", "pmi"):
        out = collocations(parse("我们要坚持。"), min_freq=3, measure=measure)
        assert out.empty and {"w1", "w2", "pmi", "llr", "direction"} <= set(out.columns)
