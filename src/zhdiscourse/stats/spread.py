"""How evenly terms are spread over a text's units: counts and rates per unit, and Gries' DP.

Matching is on **whole tokens** of the token table (``zhdiscourse.tokenize.table.tokens(speech)``), the
same units that frequency, TF-IDF and keyness count. This differs from
:func:`zhdiscourse.stats.concordance.dispersion`, which matches substrings of the raw text: there 心 also
matches inside 中心, 信心, 决心, and 防控 inside 疫情防控. Use this module when the numbers must
agree with the keyness tables, the concordance one for phrases that span several tokens.

Rates per unit (:func:`unit_rates`)
    For each term and each unit (part, sub-point, sentence window — any ``by`` of
    :func:`zhdiscourse.stats.weighting.documents`): ``count``, the unit's size ``n_tokens`` and
    ``per_1k = 1000 · count / n_tokens``. With ``content_only=True`` (default) sizes count content
    words only, as keyness does, and stopwords cannot be looked up. The default ``by="segment"``
    (sub-points *and* part preambles, :func:`zhdiscourse.tokenize.units.documents`) gives a DP over the
    whole text; ``by="subsection"`` leaves out every part's text before its first sub-point.

Gries' DP (:func:`dp`)
    *Deviation of proportions* (Gries 2008, "Dispersions and adjusted frequencies in corpora",
    IJCL 13/4). With ``n`` units, ``s_i`` the share of all tokens that unit ``i`` holds (where the
    term would fall if it were spread in proportion to size) and ``v_i`` the share of the term's
    occurrences that do fall in unit ``i``::

        DP = ½ Σ_i |v_i − s_i|

    0 means the term is spread exactly like the text itself; values near 1 mean it is
    concentrated in a few small units. ``dp_norm = DP / (1 − min_i s_i)`` (Lijffijt & Gries 2012)
    rescales it so that 1 is the most uneven spread possible (every occurrence in the smallest unit).

Positions (:func:`token_dispersion`)
    One row per occurrence, in the column layout of :func:`zhdiscourse.stats.concordance.dispersion`
    (``term, start, end, position, token_index, sentence, section, subsection``, part boundaries in
    ``attrs["boundaries"]``), so :func:`zhdiscourse.plots.words.dispersion_plot` draws it.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from .concordance import part_boundaries
from .weighting import documents


def _terms(terms: str | Iterable[str]) -> list[str]:
    out = [terms] if isinstance(terms, str) else [str(t) for t in terms]
    out = list(dict.fromkeys(t for t in out if t))
    if not out:
        raise ZhDiscourseError("no terms given")
    return out


def unit_rates(tokens: pd.DataFrame, terms: str | Iterable[str], by: str = "segment", *, speech=None,
               window: int = 5, content_only: bool = True) -> pd.DataFrame:
    """Count of each term in each unit, with the unit's size and the rate per 1,000 tokens.

    Columns ``term, doc, section, count, n_tokens, per_1k``; units in text order, terms in the
    order given (every term gets a row for every unit, zero counts included).
    """
    terms = _terms(terms)
    docs = documents(tokens, by, speech=speech, window=window, content_only=content_only)
    rows = []
    for doc, sec, toks in zip(docs["doc"], docs["section"], docs["tokens"]):
        c = Counter(toks)
        n = len(toks)
        for t in terms:
            rows.append({"term": t, "doc": doc, "section": sec, "count": int(c.get(t, 0)), "n_tokens": int(n),
                         "per_1k": 1000.0 * c.get(t, 0) / n if n else 0.0})
    out = pd.DataFrame(rows, columns=["term", "doc", "section", "count", "n_tokens", "per_1k"])
    order = {t: i for i, t in enumerate(terms)}
    return out.sort_values("term", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def dp(rates: pd.DataFrame) -> pd.DataFrame:
    """Gries' DP of every term of a :func:`unit_rates` table (see the module docstring).

    Columns ``term, freq, n_units, units_with_term, dp, dp_norm``; a term that never occurs gets
    ``NaN`` for both DP values. Terms keep the order of the table.
    """
    need = {"term", "doc", "count", "n_tokens"}
    if not need <= set(rates.columns):
        raise ZhDiscourseError(f"expected a unit_rates table (columns {', '.join(sorted(need))})")
    rows = []
    for term, g in rates.groupby("term", sort=False):
        sizes = g["n_tokens"].to_numpy(float)
        counts = g["count"].to_numpy(float)
        if sizes.sum() <= 0:
            raise ZhDiscourseError("the units have no tokens")
        s = sizes / sizes.sum()
        f = counts.sum()
        if f > 0:
            v = counts / f
            d = 0.5 * float(np.abs(v - s).sum())
            denom = 1.0 - float(s.min())
            d_norm = d / denom if denom > 0 else 0.0
        else:
            d = d_norm = float("nan")
        rows.append({"term": str(term), "freq": int(f), "n_units": int(len(g)),
                     "units_with_term": int((counts > 0).sum()), "dp": d, "dp_norm": d_norm})
    return pd.DataFrame(rows, columns=["term", "freq", "n_units", "units_with_term", "dp", "dp_norm"])


def token_dispersion(tokens: pd.DataFrame, speech, terms: str | Iterable[str]) -> pd.DataFrame:
    """Every occurrence of each term as a whole token, in the layout of
    :func:`zhdiscourse.stats.concordance.dispersion` (``position`` = (start − body_start) /
    (body_end − body_start); ``token_index`` = row of the token table)."""
    terms = _terms(terms)
    for c in ("token", "start", "end", "sentence", "section", "subsection"):
        if c not in tokens.columns:
            raise ZhDiscourseError(f"token table lacks column {c!r}")
    b0, b1 = speech.body_start, speech.body_end
    span = max(b1 - b0, 1)
    tok = tokens.reset_index(drop=True)
    hit = tok[tok["token"].isin(terms)]
    order = {t: i for i, t in enumerate(terms)}
    out = pd.DataFrame({
        "term": hit["token"].astype(str).to_numpy(),
        "start": hit["start"].to_numpy(np.int64),
        "end": hit["end"].to_numpy(np.int64),
        "position": (hit["start"].to_numpy(float) - b0) / span,
        "token_index": hit.index.to_numpy(np.int64),
        "sentence": hit["sentence"].to_numpy(np.int64),
        "section": hit["section"].astype("str").to_numpy(),
        "subsection": hit["subsection"].astype("str").to_numpy(),
    })
    out = out.sort_values(["term", "start"], key=lambda s: s.map(order) if s.name == "term" else s,
                          kind="stable").reset_index(drop=True)
    out = out.astype({"term": "str", "section": "str", "subsection": "str"})
    out.attrs["boundaries"] = part_boundaries(speech, table=tok).to_dict("records") if speech.sections else []
    out.attrs["terms"] = terms
    return out
