"""KWIC concordance and dispersion of terms along a text.

Matching is done on the raw text, not on tokens, so a term may span several tokens (经济增长目标,
统筹推进) or be a regular expression (``regex=True``: 应(.)尽\\1). Only matches that start inside a
sentence are reported (the metadata header and dateline have no tokens). Matches do not overlap
(``str.count`` / ``re.finditer`` semantics).

KWIC
    ``left`` and ``right`` hold the ``window`` tokens before the match start and after the match
    end (whitespace collapsed to one space for display); when a match starts or ends inside a token
    (防控 inside 疫情防控) the rest of that token is part of the context and ``aligned`` is False.
    ``start``/``end`` are the match's offsets: ``speech.text[start:end] == keyword``.

Dispersion
    One row per match with its offset, its relative position in the body (``position`` = (start −
    body_start) / (body_end − body_start), 0 … 1) and its token index, plus the part and sub-point;
    :func:`part_boundaries` gives the parts' spans on the same scales (also stored in
    ``df.attrs["boundaries"]``) for plotting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.search import find_matches, locate_spans
from ..text.structure import as_speech
from ..tokenize.table import as_tokens

_WS = re.compile(r"\s+")


def _display(s: str) -> str:
    return _WS.sub(" ", s)


def kwic(speech, term: str, window: int = 10, regex: bool = False, *, table: pd.DataFrame | None = None
         ) -> pd.DataFrame:
    """Keyword in context: columns ``left, keyword, right, section, subsection, sentence, start, end,
    aligned`` (one row per match, text order). ``window`` counts tokens on each side."""
    speech = as_speech(speech)
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise ZhDiscourseError("window must be a non-negative number of tokens")
    df = as_tokens(speech) if table is None else table
    matches = find_matches(speech, term, regex=regex)
    cols = ["left", "keyword", "right", "section", "subsection", "sentence", "start", "end", "aligned"]
    if not matches:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence", "start", "end") else
                                          ("bool" if c == "aligned" else "str")) for c in cols})
    text = speech.text
    t_start = df["start"].to_numpy()
    t_end = df["end"].to_numpy()
    n = len(df)
    starts_set = set(t_start.tolist())
    ends_set = set(t_end.tolist())
    sentences = speech.sentences
    sentence_starts = [s.start for s in sentences]  # Speech.sentence_at, with the starts listed once
    rows = []
    for a, b in matches:
        # token holding the match start, and the last token starting before the match end
        i = int(np.searchsorted(t_end, a, side="right"))
        k = int(np.searchsorted(t_start, b, side="left")) - 1
        if window > 0 and n:
            lo = min(int(t_start[min(max(i - window, 0), n - 1)]), a)
            hi = max(int(t_end[min(max(k + window, 0), n - 1)]), b)
        else:
            lo, hi = a, b
        j = bisect_right(sentence_starts, a) - 1
        sent = sentences[j] if j >= 0 and sentences[j].start <= a < sentences[j].end else None
        sec = speech.section_at(a)
        sub = speech.subsection_at(a)
        rows.append((_display(text[lo:a]), text[a:b], _display(text[b:hi]),
                     sec.number if sec else None, sub.label if sub else None,
                     sent.index if sent else -1, a, b, a in starts_set and b in ends_set))
    out = pd.DataFrame(rows, columns=cols)
    for c in ("left", "keyword", "right", "section", "subsection"):
        out[c] = out[c].astype("str")
    return out


def part_boundaries(speech, *, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The parts of ``speech`` as ``section, title, start, end, position_start, position_end,
    token_start, token_end`` (positions relative to the body, token indices into the token table:
    ``table`` when given, else :func:`zhdiscourse.tokenize.table.tokens` of ``speech``)."""
    speech = as_speech(speech)
    df = as_tokens(speech if table is None else table)
    b0, b1 = speech.body_start, speech.body_end
    span = max(b1 - b0, 1)
    t_start = df["start"].to_numpy()
    rows = []
    for s in speech.sections:
        rows.append((s.number, s.title, s.start, s.end, (s.start - b0) / span, (s.end - b0) / span,
                     int(np.searchsorted(t_start, s.start)), int(np.searchsorted(t_start, s.end))))
    return pd.DataFrame(rows, columns=["section", "title", "start", "end", "position_start", "position_end",
                                       "token_start", "token_end"])


def dispersion(speech, terms: str | Iterable[str], *, regex: bool = False, table: pd.DataFrame | None = None
               ) -> pd.DataFrame:
    """Positions of each term along the text: columns ``term, start, end, position, token_index,
    sentence, section, subsection``; ``df.attrs["boundaries"]`` holds :func:`part_boundaries` as
    records. Terms with no match simply have no rows (every term is listed in
    ``df.attrs["terms"]``). ``token_index`` indexes ``table`` when given (else the token table of
    ``speech``). Sentence, part and sub-point of all matches are looked up at once
    (:func:`numpy.searchsorted` on the start offsets)."""
    speech = as_speech(speech)
    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms:
        raise ZhDiscourseError("no terms given")
    df = as_tokens(speech if table is None else table)
    t_end = df["end"].to_numpy()
    b0, b1 = speech.body_start, speech.body_end
    span = max(b1 - b0, 1)
    hits = [(term, a, b) for term in terms for a, b in find_matches(speech, term, regex=regex)]
    a = np.fromiter((h[1] for h in hits), dtype=np.int64, count=len(hits))
    sents, secs, subs = speech.sentences, speech.sections, speech.subsections
    i_sent = locate_spans([s.start for s in sents], [s.end for s in sents], a).tolist()
    i_sec = locate_spans([s.start for s in secs], [s.end for s in secs], a, first=True).tolist()
    i_sub = locate_spans([s.start for s in subs], [s.end for s in subs], a, first=True).tolist()
    tok_i = np.searchsorted(t_end, a, side="right").tolist()
    rows = [(term, start, end, (start - b0) / span, ti, sents[si].index if si >= 0 else -1,
             secs[ci].number if ci >= 0 else None, subs[ui].label if ui >= 0 else None)
            for (term, start, end), ti, si, ci, ui in zip(hits, tok_i, i_sent, i_sec, i_sub)]
    out = pd.DataFrame(rows, columns=["term", "start", "end", "position", "token_index", "sentence", "section",
                                      "subsection"])
    out = out.astype({"term": "str", "start": "int64", "end": "int64", "position": "float64",
                      "token_index": "int64", "sentence": "int64", "section": "str", "subsection": "str"})
    out.attrs["boundaries"] = part_boundaries(speech, table=df).to_dict("records")
    out.attrs["terms"] = terms
    return out
