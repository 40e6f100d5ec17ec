"""The topic models' NMF loop (``topics._coordinate_descent``) gives scikit-learn's results bit for bit, and
a ``choose_k`` table read back from the disk cache is the one a new measurement gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from zhdiscourse.stats import topics
from zhdiscourse.stats.topics import K_RANGE, STABILITY_SEEDS, choose_k


def _fits(X, cases, fast: bool, monkeypatch):
    monkeypatch.setattr(topics, "_fast_nmf_available", lambda: fast)
    return [topics._nmf(X, k, init=init, random_state=seed, max_iter=max_iter) for k, init, seed, max_iter in cases]


def _assert_same(a, b):
    for (m1, W1), (m2, W2) in zip(a, b):
        assert np.array_equal(W1, W2) and np.array_equal(m1.components_, m2.components_)
        assert m1.n_iter_ == m2.n_iter_ and m1.reconstruction_err_ == m2.reconstruction_err_


def test_the_fast_loop_runs_for_the_pinned_releases():
    assert topics._fast_nmf_available(), "scikit-learn or scipy changed: check _coordinate_descent, update FAST_NMF_FOR"


def test_fast_loop_equals_scikit_learn_on_the_speech(speech_matrix, monkeypatch):
    cases = [(k, "nndsvda", 0, 2000) for k in (2, 5, 8)] + [(k, "random", s, 2000) for k in (3, 8) for s in (0, 7, 19)]
    cases += [(4, "random", 1, 3)]  # stopped by max_iter
    _assert_same(_fits(speech_matrix, cases, False, monkeypatch), _fits(speech_matrix, cases, True, monkeypatch))


def test_fast_loop_equals_scikit_learn_on_random_sparse_matrices(monkeypatch):
    rng = np.random.default_rng(5)
    for shape, density in (((12, 40), 0.3), ((40, 300), 0.05), ((7, 9), 0.9)):
        X = sp.random(*shape, density=density, random_state=rng, format="csr")
        X.data = np.abs(X.data)
        X = X[:, np.asarray(X.sum(axis=0)).ravel() > 0].tocsr()  # no empty term
        cases = [(k, init, s, 500) for k in (2, 4) for init, s in (("nndsvda", 0), ("random", 3))]
        _assert_same(_fits(X, cases, False, monkeypatch), _fits(X, cases, True, monkeypatch))


def test_fast_loop_leaves_other_cases_to_scikit_learn(speech_matrix, monkeypatch):
    """A dense matrix goes to scikit-learn's own loop (same results either way)."""
    dense = speech_matrix.toarray()
    cases = [(3, "nndsvda", 0, 2000)]
    _assert_same(_fits(dense, cases, False, monkeypatch), _fits(dense, cases, True, monkeypatch))


@pytest.fixture(scope="module")
def speech_matrix(speech):
    from zhdiscourse.tokenize.table import tokens

    return topics._matrix(tokens(speech), "segment", speech, 5, 2, None).matrix


def test_choose_k_cache_gives_the_measured_table_bit_for_bit(speech, tmp_path, monkeypatch):
    from zhdiscourse.tokenize.table import tokens

    tok = tokens(speech)
    # two values of k, one with documents whose omission loses a topic (k=4 on the speech) and one without, and
    # three seeds: what is cached and derived does not depend on how many (the full range costs 3x the CPU)
    ks, seeds = (K_RANGE[0], 4), STABILITY_SEEDS[:3]
    kw = dict(by="segment", speech=speech, seeds=seeds)
    cold = choose_k(tok, ks, loo=True, cache=False, **kw)
    assert cold["k"].tolist() == list(ks) and cold["docs_losing_topic"].eq(0).any() and cold["docs_losing_topic"].gt(0).any()
    first = choose_k(tok, ks, loo=True, cache_dir=tmp_path, **kw)
    files = list(tmp_path.glob("choose-k-*.pkl"))
    assert len(files) == 1
    # a warm read must not measure again
    monkeypatch.setattr(topics, "_measure_k", lambda *a, **k: pytest.fail("measured although cached"))
    warm = choose_k(tok, ks, loo=True, cache_dir=tmp_path, **kw)
    for t in (first, warm):
        pd.testing.assert_frame_equal(t, cold, check_exact=True)
        assert all(np.array_equal(t[c].to_numpy(), cold[c].to_numpy(), equal_nan=True) for c in cold.columns)
    # the table without leave-one-out is taken from the cached one with it, unmeasured: another entry, and the
    # table a new measurement gives (measured in a second cache folder, where the leave-one-out columns are then
    # measured on top of it: the table measured in one go)
    derived = choose_k(tok, ks, loo=False, cache_dir=tmp_path, **kw)
    assert len(list(tmp_path.glob("choose-k-*.pkl"))) == 2
    monkeypatch.undo()
    other = tmp_path / "other"
    plain = choose_k(tok, ks, loo=False, cache_dir=other, **kw)
    pd.testing.assert_frame_equal(derived, plain, check_exact=True)
    on_top = choose_k(tok, ks, loo=True, cache_dir=other, **kw)
    pd.testing.assert_frame_equal(on_top, cold, check_exact=True)
    assert all(np.array_equal(on_top[c].to_numpy(), cold[c].to_numpy(), equal_nan=True) for c in cold.columns)


def test_choose_k_key_follows_the_documents_words(speech):
    from zhdiscourse.tokenize.table import tokens
    from zhdiscourse.stats.weighting import documents

    tok = tokens(speech)
    result = topics._matrix(tok, "segment", speech, 5, 2, None)
    ref = documents(tok, "sentence", speech=speech)
    kw = dict(ks=K_RANGE, seeds=topics.STABILITY_SEEDS, min_df=2, n_top=10, loo=True, by="segment")
    key = topics._choose_k_key(result, ref, **kw)
    assert topics._choose_k_key(result, ref, **kw) == key
    changed = ref.copy()
    changed.at[0, "tokens"] = list(changed.at[0, "tokens"]) + ["新词"]
    assert topics._choose_k_key(result, changed, **kw) != key
    assert topics._choose_k_key(result, ref, **{**kw, "seeds": tuple(range(19))}) != key
