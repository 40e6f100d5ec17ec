"""Cosine similarity between documents from TF-IDF vectors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.cosine import similarity, similarity_matrix, within_between
from toy_tables import toy_tokens


def test_identical_and_disjoint_documents():
    t = toy_tokens({"一": [["防控", "救治"]], "二": [["防控", "救治"]], "三": [["企业", "就业"]]})
    s = similarity(t).set_index(["a", "b"])["cosine"]
    assert s[("一", "二")] == pytest.approx(1.0)
    assert s[("一", "三")] == pytest.approx(0.0)
    assert len(s) == 3  # unique pairs
    allp = similarity(t, pairs="all")
    assert len(allp) == 9
    m = similarity_matrix(allp)
    assert np.allclose(m.to_numpy(), m.to_numpy().T) and np.allclose(np.diag(m.to_numpy()), 1)


def test_partial_overlap_by_hand():
    # idf: 防控 df 2 → 1; 救治, 企业 df 1 → ln(3/2)+1 = 1.405465
    # u = (防控 1, 救治 1.405465), v = (防控 1, 企业 1.405465): cos = 1 / (1 + 1.405465²) = 0.336097
    t = toy_tokens({"一": [["防控", "救治"]], "二": [["防控", "企业"]]})
    assert similarity(t)["cosine"].iloc[0] == pytest.approx(1 / (1 + (np.log(1.5) + 1) ** 2))


def test_needs_two_documents():
    with pytest.raises(ZhDiscourseError):
        similarity(toy_tokens({"一": [["防控"]]}))


def test_speech_parts_and_subpoints(speech):
    from zhdiscourse.tokenize.table import tokens

    toks = tokens(speech)
    parts = similarity(toks, "section", speech=speech)
    assert len(parts) == 6 and parts["cosine"].between(0, 1).all()
    subs = similarity(toks, "subsection", speech=speech)
    assert len(subs) == 25 * 24 // 2
    wb = within_between(subs).set_index("pairs")
    assert wb.loc["within part", "n"] == 21 + 21 + 28 + 3
    # measured: sub-points of the same part are more alike than sub-points of different parts
    assert wb.loc["within part", "mean_cosine"] > wb.loc["between parts", "mean_cosine"]
    again = similarity(toks, "subsection", speech=speech)
    assert subs.equals(again)


def test_within_between_leaves_out_documents_outside_parts():
    from zhdiscourse.stats.cosine import within_between

    t = pd.DataFrame({"a": ["x", "x", "y", "o"], "b": ["y", "z", "z", "x"], "cosine": [0.8, 0.2, 0.4, 0.9],
                      "a_section": ["A", "A", "A", None], "b_section": ["A", "B", "B", "A"],
                      "same_section": [True, False, False, False]})
    wb = within_between(t).set_index("pairs")
    assert (wb.loc["within part", "n"], wb.loc["between parts", "n"]) == (1, 2)
    assert wb.loc["between parts", "mean_cosine"] == pytest.approx(0.3)
