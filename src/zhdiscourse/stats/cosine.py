"""Cosine similarity between documents (parts, sub-points, sentences) from their TF-IDF vectors.

``cos(u, v) = u · v / (‖u‖ ‖v‖)`` computed by :func:`sklearn.metrics.pairwise.cosine_similarity`
on the L2-normalised TF-IDF rows of :func:`zhdiscourse.stats.weighting.tfidf` (so it equals the dot product).
The IDF is fitted on the same set of documents that are compared, so terms present in every
document weigh least.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from .weighting import TfidfResult, tfidf


def similarity(tokens: pd.DataFrame | None = None, by: str = "section", *, speech=None, window: int = 5,
               pairs: str = "unique", result: TfidfResult | None = None) -> pd.DataFrame:
    """Tidy cosine similarities: columns ``a, b, cosine, a_section, b_section, same_section``.

    ``pairs="unique"`` gives each unordered pair once (a before b in text order, no diagonal);
    ``pairs="all"`` gives every ordered pair including a document with itself (for heat maps).
    """
    from sklearn.metrics.pairwise import cosine_similarity

    if pairs not in ("unique", "all"):
        raise ZhDiscourseError("pairs must be 'unique' or 'all'")
    res = result if result is not None else tfidf(tokens, by, speech=speech, window=window)
    if len(res.docs) < 2:
        raise ZhDiscourseError(f"similarity needs at least two documents; the text has {len(res.docs)}")
    sim = cosine_similarity(res.matrix)
    labels = res.docs["doc"].tolist()
    secs = res.docs["section"].tolist()
    rows = []
    n = len(labels)
    for i in range(n):
        for j in range(n):
            if pairs == "unique" and j <= i:
                continue
            rows.append({"a": labels[i], "b": labels[j], "cosine": float(np.clip(sim[i, j], 0.0, 1.0)),
                         "a_section": secs[i], "b_section": secs[j],
                         "same_section": secs[i] is not None and secs[i] == secs[j]})
    return pd.DataFrame(rows)


def similarity_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Square DataFrame (documents in their order of appearance) from a tidy :func:`similarity`
    table; the diagonal is 1 and missing mirror entries are filled symmetrically."""
    labels = list(dict.fromkeys(list(table["a"]) + list(table["b"])))
    m = pd.DataFrame(np.eye(len(labels)), index=labels, columns=labels)
    for a, b, c in zip(table["a"], table["b"], table["cosine"]):
        m.loc[a, b] = c
        m.loc[b, a] = c
    return m


def within_between(table: pd.DataFrame) -> pd.DataFrame:
    """Mean cosine of pairs inside the same part versus pairs across parts (sub-point or segment tables).

    Columns ``pairs`` (``"within part"``/``"between parts"``), ``n``, ``mean_cosine``, ``median_cosine``.
    Pairs with a document outside every part (the opening of a segment table) are in neither group.
    Whether the difference exceeds chance: :func:`zhdiscourse.stats.permutation.within_between_test`.
    """
    t = table[(table["a"] != table["b"]) & table["a_section"].notna() & table["b_section"].notna()]
    rows = []
    for name, mask in (("within part", t["same_section"]), ("between parts", ~t["same_section"])):
        sub = t.loc[mask, "cosine"]
        rows.append({"pairs": name, "n": int(len(sub)), "mean_cosine": float(sub.mean()) if len(sub) else np.nan,
                     "median_cosine": float(sub.median()) if len(sub) else np.nan})
    return pd.DataFrame(rows)
