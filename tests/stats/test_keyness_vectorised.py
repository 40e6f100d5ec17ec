"""The vectorised keyness internals give exactly the results of the one-call-per-term code they replaced:
Fisher's exact test against ``scipy.stats.fisher_exact`` table by table, and the concentration columns
against the per-term loop (kept here as the reference)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats import fisher_exact

from zhdiscourse.stats import keywords as K
from zhdiscourse.stats.keywords import fisher_2x2, keyness
from toy_tables import toy_tokens


def _scipy(a, b, n1, n2) -> np.ndarray:
    return np.array([fisher_exact([[int(round(x)), int(round(y))], [int(round(n1 - x)), int(round(n2 - y))]],
                                  alternative="two-sided").pvalue for x, y in zip(a, b)])


def _scipy_reference(cases: list) -> list[np.ndarray]:
    """:func:`_scipy` of every ``(a, b, n1, n2)`` of ``cases``: one call of ``scipy.stats.fisher_exact`` per table
    (0.6 ms each), kept in the project's disk cache (``test-reference``) under a key over scipy's and NumPy's
    releases, :func:`_scipy`'s code and the tables, so that it is computed again whenever one of them changes."""
    import hashlib
    import inspect
    from importlib import metadata

    from zhdiscourse.util.cache import DiskCache

    h = hashlib.sha256(f"fisher-reference-1\0{metadata.version('scipy')}\0{metadata.version('numpy')}\0".encode())
    h.update(inspect.getsource(_scipy).encode("utf-8") + b"\0")
    for a, b, n1, n2 in cases:
        for arr in (np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)):
            h.update(str(arr.shape).encode() + b"\0" + arr.tobytes() + b"\0")
        h.update(f"{int(n1)}\0{int(n2)}\0".encode())
    store = DiskCache.named("test-reference", prefix="fisher-", ext="pkl",
                            check=lambda v: isinstance(v, list) and len(v) == len(cases))
    return store.fetch(h.hexdigest(), lambda: [_scipy(*case) for case in cases])


def test_fisher_matches_scipy_bit_for_bit_on_random_tables():
    rng = np.random.default_rng(20260223)
    cases = []
    for trial in range(50):
        n1 = int(rng.integers(0, 40)) if trial % 3 == 0 else int(rng.integers(1, 8000))
        n2 = int(rng.integers(0, 40)) if trial % 4 == 0 else int(rng.integers(1, 30000))
        a = rng.integers(0, n1 + 1, 40)
        b = rng.integers(0, n2 + 1, 40)
        if trial % 2 == 0:  # small counts, as for most terms of a keyness table
            a = np.minimum(a, rng.integers(0, 12, 40))
            b = np.minimum(b, rng.integers(0, 30, 40))
        a[:4], b[4:8], a[8:10], b[10:12] = 0, 0, n1, n2  # empty and full cells
        a[12], b[12] = 0, 0  # an empty row
        cases.append((a, b, n1, n2))
    checked = 0
    for (a, b, n1, n2), want in zip(cases, _scipy_reference(cases), strict=True):
        got = fisher_2x2(a, b, n1, n2)
        np.testing.assert_array_equal(got, want, err_msg=f"N1={n1} N2={n2}")
        checked += len(a)
    assert checked == 50 * 40


def test_the_scipy_reference_is_scipys_and_its_key_covers_the_tables(tmp_path, monkeypatch):
    """The cached reference is what scipy gives (computed here on three tables of the random test), and
    another table is another entry."""
    from zhdiscourse.util.cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    cases = [(np.array([0, 3, 7]), np.array([2, 0, 30]), 9, 400), (np.array([1]), np.array([1]), 1, 1)]
    first = _scipy_reference(cases)
    assert len(list((tmp_path / "test-reference").glob("fisher-*.pkl"))) == 1
    for got, (a, b, n1, n2) in zip(_scipy_reference(cases), cases, strict=True):
        np.testing.assert_array_equal(got, _scipy(a, b, n1, n2))
    assert all(np.array_equal(x, y) for x, y in zip(first, _scipy_reference(cases)))
    _scipy_reference(cases[:1] + [(np.array([1]), np.array([0]), 1, 1)])
    assert len(list((tmp_path / "test-reference").glob("fisher-*.pkl"))) == 2


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10, 25])
def test_fisher_ties_and_symmetric_tables(n):
    # equal margins: the tables a and n − a are equally probable, the mode's own table has p = 1
    a = np.arange(n + 1)
    for b in (n - a, a, np.zeros_like(a), np.full_like(a, n)):
        np.testing.assert_array_equal(fisher_2x2(a, b, n, n), _scipy(a, b, n, n))
    np.testing.assert_array_equal(fisher_2x2(a, n - a, n, 2 * n), _scipy(a, n - a, n, 2 * n))


def test_fisher_edge_cases():
    # empty column (N2 = 0) and empty rows → p = 1, as scipy; float counts are rounded like scipy's int()
    np.testing.assert_array_equal(fisher_2x2([0, 3], [0, 0], 3, 0), [1.0, 1.0])
    np.testing.assert_array_equal(fisher_2x2([2.0, 5.0], [1.0, 0.0], 5, 4), _scipy([2, 5], [1, 0], 5, 4))
    assert fisher_2x2(np.array([], dtype=float), np.array([], dtype=float), 3, 4).shape == (0,)
    grid = np.array([[1, 2], [3, 0]])
    assert fisher_2x2(grid, grid, 5, 5).shape == (2, 2)
    np.testing.assert_array_equal(fisher_2x2(grid, grid, 5, 5).ravel(), _scipy(grid.ravel(), grid.ravel(), 5, 5))
    with pytest.raises(ValueError):
        fisher_2x2([4], [0], 3, 3)


# --- concentration: the per-term loop the vectorised code replaced ------------------------------------


def _reference_concentration(table, tokens, docs, by, speech):
    toks = K.content_tokens(tokens)
    sub_all = K._subunit_labels(toks, by)
    rows, cache = [], {}
    for doc, term, freq in zip(table["doc"], table["term"], table["freq"]):
        if doc not in cache:
            mask = K._unit_mask(toks, docs, by, doc, speech)
            subs = sub_all.loc[mask] if sub_all is not None else None
            cache[doc] = (toks.loc[mask], subs, subs.value_counts() if subs is not None else None)
        u, subs, sizes = cache[doc]
        rows.append(_one_term(u, subs, sizes, term) if freq > 0 else K._no_concentration())
    extra = pd.DataFrame(rows, columns=K.DISPERSION_COLUMNS, index=table.index)
    return pd.concat([table, extra], axis=1)


def _one_term(u, subs, sizes, term):
    hit = u["token"].astype(str) == term
    a = int(hit.sum())
    if a == 0:
        return K._no_concentration()
    per_sentence = u.loc[hit, "sentence"].value_counts()
    out = {"n_sentences": int(len(per_sentence)), "top_sentence_share": float(per_sentence.max() / a)}
    if subs is None or len(sizes) < 2:
        out.update(top_subunit=None, top_subunit_share=np.nan, top_subunit_size=np.nan, dp_within=np.nan,
                   p_concentration=np.nan)
    else:
        k = subs[hit].value_counts().reindex(sizes.index, fill_value=0)
        share = sizes.to_numpy(float) / float(sizes.sum())
        kv = k.to_numpy(float)
        top = int(np.argmax(kv))
        tail = stats.binom.sf(kv - 1, a, share)
        tail = np.where(kv > 0, tail, 1.0)
        out.update(top_subunit=str(k.index[top]), top_subunit_share=float(kv[top] / a),
                   top_subunit_size=float(share[top]), dp_within=float(0.5 * np.abs(kv / a - share).sum()),
                   p_concentration=float(min(1.0, tail.min() * len(share))))
    out["concentrated"] = bool((a >= 2 and out["top_sentence_share"] > K.MAX_SENTENCE_SHARE)
                               or (not np.isnan(out["p_concentration"])
                                   and out["p_concentration"] < K.CONCENTRATION_ALPHA))
    return out


def toy():
    # several sub-points per part, repeated words within a sentence, a word absent from one part
    return toy_tokens({
        "一": [["甲", "甲", "甲", "乙"], ["乙", "丙", "丁", "戊"], ["己", "庚", "辛", "丙"], ["甲", "丁", "丁", "壬"]],
        "二": [["丙", "丁", "戊", "己"], ["庚", "辛", "丙", "丁"], ["戊", "己", "庚", "辛"]],
        "三": [["壬", "壬", "癸", "甲"]],
    })


def _both(tokens, by, speech=None, sample=None, **kw):
    """The table of ``keyness`` (``dispersion=True``: the vectorised concentration columns) and the same rows
    with the per-term loop's columns, on every row or on ``sample`` rows drawn with a fixed seed (the loop
    takes seconds per thousand terms). The loop starts from ``keyness``'s own rows without the concentration
    columns (that these are the ``dispersion=False`` table is checked on the toy)."""
    got = keyness(tokens, by, speech=speech, **kw)
    docs = K.documents(tokens, by, speech=speech, window=kw.get("window", 5))
    if sample is not None and len(got) > sample:
        rows = np.sort(np.random.default_rng(20200223).choice(len(got), size=sample, replace=False))
        got = got.iloc[rows]
    want = _reference_concentration(got.drop(columns=K.DISPERSION_COLUMNS), tokens, docs, by, speech)
    return got, want


@pytest.mark.parametrize("by", ["section", "subsection", "segment"])
def test_concentration_equals_the_per_term_loop_on_the_toy(by):
    got, want = _both(toy(), by, min_freq=1)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    # dispersion=True adds its columns to the dispersion=False table, whose rows and columns it keeps
    plain = keyness(toy(), by, min_freq=1, dispersion=False)
    assert list(got.columns) == list(plain.columns) + list(K.DISPERSION_COLUMNS)
    pd.testing.assert_frame_equal(got.drop(columns=K.DISPERSION_COLUMNS), plain, check_exact=True)


@pytest.fixture(scope="module")
def speech_tokens(speech):
    from zhdiscourse.tokenize.table import tokens

    return tokens(speech)


@pytest.mark.parametrize("by, min_freq", [("section", 2), ("subsection", 5), ("segment", 5), ("window", 8)])
def test_concentration_equals_the_per_term_loop_on_the_speech(speech, speech_tokens, by, min_freq):
    got, want = _both(speech_tokens, by, speech=speech, min_freq=min_freq, sample=300)
    assert len(got) == 300 and got["n_sentences"].gt(0).any()
    if by != "subsection":  # a sub-point's sub-units are sentences; the toy's sub-points have one
        assert got["p_concentration"].notna().any()
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_fisher_repeated_tables_give_what_each_table_alone_gives():
    """``fisher_2x2`` computes each distinct table once: a batch full of repeats gives, element for
    element, the p-value of the table computed on its own (and scipy's)."""
    import numpy as np
    from scipy.stats import fisher_exact

    from zhdiscourse.stats.keywords import fisher_2x2

    rng = np.random.default_rng(11)
    n1, n2 = 5_000, 600_000
    a = rng.choice([0, 1, 2, 3, 7, 40], size=3_000)
    b = rng.choice([0, 1, 2, 5, 90, 1_000], size=3_000)
    batch = fisher_2x2(a, b, n1, n2)
    seen = {}
    for x, y, p in zip(a, b, batch):
        if (x, y) not in seen:  # each distinct table computed on its own once (36 of them)
            seen[x, y] = float(fisher_2x2([x], [y], n1, n2)[0])
        assert p == seen[x, y]
    for (x, y), p in list(seen.items())[:12]:
        assert p == fisher_exact([[x, y], [n1 - x, n2 - y]]).pvalue
