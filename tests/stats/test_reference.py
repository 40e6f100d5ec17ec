"""The speech against a reference corpus: keyness, reference IDF, trends, rhetorical profiles."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from zhdiscourse.stats import reference as R
from zhdiscourse.text.corpus import load_jsonl
from toy_tables import REFERENCE_SPEECH, write_jsonl
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.text.structure import parse

@pytest.fixture()
def corpus(tmp_path):
    return load_jsonl(write_jsonl(tmp_path / "c.jsonl"))


@pytest.fixture()
def speech():
    return parse(REFERENCE_SPEECH)


def _ref(corpus):
    return R.reference_counts(corpus, jobs=1, cache=False)


def test_reference_counts_are_pooled_content_tokens(corpus):
    from zhdiscourse.tokenize.table import content_tokens
    from zhdiscourse.tokenize.table import build_token_table

    ref = _ref(corpus)
    assert ref.n_docs == 3 and ref.docs == ["report-2003", "report-2001", "report-2002"]
    manual = pd.concat([content_tokens(build_token_table(d.speech()))["token"] for d in corpus.reports()])
    assert ref.counts.to_dict() == manual.value_counts().to_dict()
    assert ref.n_tokens == len(manual)
    assert (ref.doc_freq <= ref.n_docs).all() and (ref.doc_freq >= 1).all()
    assert ref.doc_freq["经济"] == 3 and "批准" not in ref.counts  # the resolution is not a report
    assert "的" not in ref.counts and "，" not in ref.counts  # stopwords and punctuation out


def test_reference_counts_are_kept_in_the_disk_cache(corpus, tmp_path, monkeypatch):
    """With ``cache`` the counts are computed once, then read back equal; another text or another document
    set is another key; ``cache=False`` neither reads nor writes the cache."""
    cache_dir = tmp_path / "cache"
    computed = []
    real = R._reference_counts
    monkeypatch.setattr(R, "_reference_counts", lambda *a, **k: computed.append(1) or real(*a, **k))
    first = R.reference_counts(corpus, jobs=1, cache_dir=cache_dir)
    again = R.reference_counts(corpus, jobs=1, cache_dir=cache_dir)
    assert len(computed) == 1 and list(cache_dir.glob("refcounts-*.pkl"))
    fresh = _ref(corpus)
    assert len(computed) == 2
    for got in (first, again):
        pd.testing.assert_series_equal(got.counts, fresh.counts)
        pd.testing.assert_series_equal(got.doc_freq, fresh.doc_freq)
        assert (got.n_docs, got.n_tokens, got.docs) == (fresh.n_docs, fresh.n_tokens, fresh.docs)
    R.reference_counts(corpus, kind=None, jobs=1, cache_dir=cache_dir)  # every document: another key
    assert len(computed) == 3
    other = load_jsonl(write_jsonl(tmp_path / "other.jsonl"))
    changed = [d if d.id != "report-2001" else dataclasses.replace(d, text=d.text + "改革。") for d in other]
    R.reference_counts(type(other)(changed), jobs=1, cache_dir=cache_dir)  # one text changed: another key
    assert len(computed) == 4


def test_reference_keyness_is_keyness_table_of_the_two_sides(corpus, speech):
    from zhdiscourse.stats.keywords import keyness_table

    ref = _ref(corpus)
    k = R.reference_keyness(speech, ref=ref, min_freq=1)
    same = keyness_table(R.speech_counts(speech), ref.counts, min_freq=1, test="fisher", min_expected=5)
    pd.testing.assert_frame_equal(k, same)
    assert k.attrs["n_target"] == R.speech_counts(speech).sum() and k.attrs["n_reference"] == ref.n_tokens
    assert list(k["g2_signed"]) == sorted(k["g2_signed"], reverse=True)
    row = k.set_index("term")
    assert row.loc["防疫", "direction"] == "+" and row.loc["防疫", "freq_ref"] == 0
    assert row.loc["经济", "direction"] == "-" and row.loc["经济", "freq"] == 0
    plus = k[k["direction"] == "+"]
    assert (plus["per_1k"] > plus["per_1k_ref"]).all()


def test_reference_idf_matches_scikit_learn_and_handles_unseen_terms(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from zhdiscourse.tokenize.table import content_tokens
    from zhdiscourse.tokenize.table import build_token_table

    ref = _ref(corpus)
    docs = [content_tokens(build_token_table(d.speech()))["token"].tolist() for d in corpus.reports()]
    vec = TfidfVectorizer(analyzer=lambda d: d, lowercase=False).fit(docs)
    sk = pd.Series(vec.idf_, index=vec.get_feature_names_out())
    ours = R.reference_idf(ref, sk.index)
    np.testing.assert_allclose(ours.to_numpy(), sk.to_numpy())
    assert R.reference_idf(ref, ["从未出现"]).iloc[0] == pytest.approx(math.log(1 + 3) + 1)


def test_reference_tfidf_ranks_unseen_topic_first(corpus, speech):
    ref = _ref(corpus)
    t = R.reference_tfidf(speech, ref=ref, top=None)
    assert list(t["rank"]) == list(range(1, len(t) + 1))
    assert (t["weight"] ** 2).sum() == pytest.approx(1.0)
    assert list(t["weight"]) == sorted(t["weight"], reverse=True)
    assert t["term"].iloc[0] == "防疫" and t["df_ref"].iloc[0] == 0
    top3 = R.reference_tfidf(speech, ref=ref, top=3)
    assert len(top3) == 3 and list(top3["term"]) == list(t["term"].head(3))


def test_within_and_three_way_comparison(corpus, speech):
    w = R.within_tfidf(speech, top=None)
    assert w.attrs["by"] == "section" and set(w["n_units"]) == {2}
    assert (w["df_units"].between(1, 2)).all()
    cmp = R.compare_tfidf(speech, ref=_ref(corpus), top=4)
    assert list(cmp.columns) == ["rank", "reference_term", "reference_weight", "reference_df", "within_term",
                                 "within_weight", "jieba_term", "jieba_weight"]
    assert len(cmp) == 4 and cmp.attrs["n_docs"] == 3
    assert all(t in REFERENCE_SPEECH for t in cmp["jieba_term"].dropna())


def test_term_trend_counts_strings_per_1000_characters(corpus, speech):
    tr = R.term_trend(corpus, ["经济", "改革", "复工"], speech=speech)
    assert len(tr) == 3 * 3 + 3
    assert list(tr.drop_duplicates("doc")["year"].iloc[:3]) == [2001, 2002, 2003]
    for r in tr.itertuples():
        sp = speech if r.doc == "speech" else corpus[r.doc].speech()
        body = sp.text[sp.body_start:sp.body_end]
        assert r.count == body.count(r.term)
        assert r.chars == sum(1 for c in body if not c.isspace())
        assert r.per_1k == pytest.approx(1000 * r.count / r.chars)
    assert tr[(tr["doc"] == "speech") & (tr["term"] == "复工")]["count"].iloc[0] == 5
    wide = R.trend_wide(tr)
    assert list(wide.columns) == ["doc", "year", "经济", "改革", "复工"] and len(wide) == 4
    with pytest.raises(ZhDiscourseError):
        R.term_trend(corpus, [" "])
    with pytest.raises(ZhDiscourseError):
        R.term_trend(corpus, ["经济"], kind="nothing")


def test_position():
    prof = pd.DataFrame({"doc": ["a", "b", "c", "d", "speech"], "year": [1, 2, 3, 4, None],
                         "x": [1.0, 2.0, 2.0, 5.0, 2.0]})
    p = R.position(prof, "x")
    assert (p["n"], p["below"], p["equal"], p["above"], p["rank"]) == (4, 1, 2, 1, 2)
    assert p["percentile"] == 25.0 and p["max_doc"] == "d" and p["max_year"] == 4 and p["median"] == 2.0
    assert R.position(prof, "x", value=9)["rank"] == 1
    with pytest.raises(ZhDiscourseError):
        R.position(prof[prof["doc"] != "speech"], "x")
    with pytest.raises(ZhDiscourseError):
        R.position(prof, "nope")


def test_corpus_freq_by_year_and_doc(corpus):
    f = R.corpus_freq(corpus, by="year", jobs=1, cache=False)
    assert list(dict.fromkeys(f["year"])) == ["2001", "2002", "2003", "(no year)"]
    g = f[f["year"] == "2003"]
    assert list(g["rank"]) == list(range(1, len(g) + 1)) and g["count"].is_monotonic_decreasing
    assert g.set_index("token").loc["经济", "count"] == 3
    d = R.corpus_freq(corpus, by="doc", top=2, kind="report", jobs=1, cache=False)
    assert set(d["doc"]) == {"report-2001", "report-2002", "report-2003"} and (d.groupby("doc").size() <= 2).all()
    whole = R.corpus_freq(corpus, by=None, jobs=1, cache=False)
    assert whole["count"].sum() == f["count"].sum()
    with pytest.raises(ZhDiscourseError):
        R.corpus_freq(corpus, by="section")


def test_real_corpus_keyness_and_trend(speech_path):
    """On the real files (token tables and profiles come from the cache after the first run)."""
    from zhdiscourse import load_speech, paths
    from zhdiscourse.text.corpus import open_corpus

    corpus = open_corpus(paths.data_path("reference", "government_work_reports.jsonl"))
    sp = load_speech(speech_path)
    tr = R.term_trend(corpus, ["脱贫攻坚"], speech=sp)
    years = tr[(tr["kind"] == "report") & (tr["count"] > 0)]["year"]
    assert len(tr) == 53 and years.min() >= 2015
    k = R.reference_keyness(sp, corpus)
    assert k.attrs["n_docs"] == 52
    assert "疫情" in set(k[k["significant"] & (k["direction"] == "+")]["term"].head(5))
    assert {"经济", "发展"} <= set(k[k["significant"] & (k["direction"] == "-")]["term"])
