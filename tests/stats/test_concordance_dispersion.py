"""``dispersion`` / ``part_boundaries`` honour ``table=`` and locate matches as the Speech look-ups do."""

from __future__ import annotations

import numpy as np
import pytest

from zhdiscourse.tokenize import table as tokentable
from zhdiscourse.text.search import locate_spans
from zhdiscourse.stats.concordance import dispersion, part_boundaries
from zhdiscourse.tokenize.table import tokens


@pytest.fixture(scope="module")
def table(speech):
    return tokens(speech, cache=False)


def test_given_table_is_used_and_no_other_is_built(speech, table, monkeypatch):
    plain = dispersion(speech, ["复工复产", "要"], table=table)

    def boom(*_a, **_k):
        raise AssertionError("tokens() called although a table was given")

    monkeypatch.setattr(tokentable, "tokens", boom)
    d = dispersion(speech, ["复工复产", "要"], table=table)
    assert d.equals(plain) and d.attrs == plain.attrs
    # a shorter table: token indices and boundaries index that table
    part = table.iloc[100:].reset_index(drop=True)
    d2 = dispersion(speech, ["复工复产"], table=part)
    assert (d2["token_index"] == np.searchsorted(part["end"].to_numpy(), d2["start"].to_numpy(), side="right")).all()
    assert d2.attrs["boundaries"] == part_boundaries(speech, table=part).to_dict("records")
    b = part_boundaries(speech, table=part)
    assert list(b["token_start"]) == [int(np.searchsorted(part["start"].to_numpy(), s.start)) for s in speech.sections]


def test_rows_agree_with_speech_lookups(speech, table):
    d = dispersion(speech, ["发展", "疫情", "不存在的词语"], table=table)
    assert len(d) > 50
    for r in d.itertuples():
        sent, sec, sub = speech.sentence_at(r.start), speech.section_at(r.start), speech.subsection_at(r.start)
        assert r.sentence == (sent.index if sent else -1)
        assert (r.section if isinstance(r.section, str) else None) == (sec.number if sec else None)
        assert (r.subsection if isinstance(r.subsection, str) else None) == (sub.label if sub else None)


@pytest.mark.parametrize("seed", range(20))
def test_locate_first_equals_a_scan_also_for_overlapping_spans(seed):
    rng = np.random.default_rng(seed)
    st = np.sort(rng.integers(0, 100, 6))
    en = st + rng.integers(0, 40, 6)
    offs = rng.integers(-5, 150, 200)
    want = [next((k for k in range(len(st)) if st[k] <= o < en[k]), -1) for o in offs]
    assert locate_spans(st, en, offs, first=True).tolist() == want
