"""Rhetorical profiles of a corpus: every registered measure per document, cached, in processes."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from zhdiscourse.patterns import profile as P
from zhdiscourse.patterns.registry import REGISTRY, measure_names
from zhdiscourse.text.corpus import load_jsonl
from toy_tables import REFERENCE_SPEECH, write_jsonl
from zhdiscourse.text.structure import parse

@pytest.fixture()
def corpus(tmp_path):
    return load_jsonl(write_jsonl(tmp_path / "c.jsonl"))


@pytest.fixture()
def speech():
    return parse(REFERENCE_SPEECH)


def test_pattern_profile_uses_the_directive_detector(corpus, speech, tmp_path):
    from zhdiscourse.patterns.modality import directive_profile

    prof = P.pattern_profile(corpus, speech=speech, jobs=1, cache_dir=tmp_path / "pat")
    assert list(prof["doc"]) == ["report-2001", "report-2002", "report-2003", "speech"]
    row = prof.set_index("doc")
    # 重要 / 需要 are not modal 要
    assert row.loc["report-2003", "要"] == 1 and row.loc["report-2001", "要"] == 1
    assert row.loc["report-2001", "必须"] == 1 and row.loc["report-2001", "坚决"] == 1
    assert row.loc["speech", "要"] == 5
    for doc in ("report-2001", "report-2003"):
        assert row.loc[doc, "directives"] == directive_profile(corpus[doc].speech(), by="text")["all"].iloc[0]
    assert row.loc["speech", "directives"] == directive_profile(speech, by="text")["all"].iloc[0]
    for m in measure_names():
        assert np.allclose(prof[f"{m}_per_1k"], 1000 * prof[m] / prof["chars"])


def test_pattern_profile_cache_and_processes(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "pat"
    one = P.pattern_profile(corpus, jobs=1, cache_dir=cache)
    assert len(list(cache.glob("pat-*.json"))) == 3
    two = P.pattern_profile(corpus, jobs=2, cache=False)
    pd.testing.assert_frame_equal(one, two)

    def boom(*a, **k):
        raise AssertionError("recomputed a cached profile")

    monkeypatch.setattr(P, "text_profile", boom)
    pd.testing.assert_frame_equal(P.pattern_profile(corpus, jobs=1, cache_dir=cache), one)
    with pytest.raises(AssertionError):
        P.pattern_profile(corpus, jobs=1, cache=False)


def test_profile_columns_follow_the_registry(corpus):
    prof = P.pattern_profile(corpus, jobs=1, cache=False)
    declared = [m for d in REGISTRY for m in d.measures]
    assert set(declared) <= set(prof.columns) and "directives" in prof.columns
    assert (prof["directives"] == prof["要"] + prof["directive_markers"]).all()
