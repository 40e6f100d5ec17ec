"""Grouping a token table into units of analysis ("documents" for TF-IDF, keyness, topics, dispersion).

Documents
    :func:`documents` groups a token table (``zhdiscourse.tokenize.table.tokens(speech)``: columns
    ``token, pos, start, end, sentence, clause, section, subsection, is_stop, is_punct`` and maybe
    ``is_num``) into documents with one argument, ``by``:

    ``"section"``     one document per part (tokens whose ``section`` is set; text before the first
                      heading, such as a salutation, belongs to no part and is left out);
    ``"subsection"``  one per sub-point (``subsection`` label such as ``二.第三``); text of a part before
                      its first sub-point (its heading and preamble) and text before the first part
                      belong to no sub-point and are left out;
    ``"segment"``     the full partition of the body by its outline: the sub-points **and** each part's
                      preamble (``二.preamble``: its text before the first sub-point), a part without
                      sub-points as a whole (``二``) and the text before the first part (``opening``).
                      Every body token is in exactly one segment, so the segments' ``n_tokens`` sum to
                      the content tokens of the body (:func:`coverage` says how much of the body other
                      units cover). Labels and spans are those of ``Speech.units("segment")``;
    ``"sentence"``    one per sentence (heading sentences are left out when the ``Speech`` is given);
    ``"window"``      consecutive runs of ``window`` sentences (for topic models on texts without
                      sub-points).

    Only *content* tokens enter a document: stopwords, punctuation and numerals are removed
    (:func:`zhdiscourse.tokenize.table.content_tokens`), one-character words are kept (要, 党, 国 …).
"""

from __future__ import annotations

import pandas as pd

from ..errors import ZhDiscourseError
from ..text.model import UNIT_NAMES
from .table import as_tokens, content_tokens

#: The kinds of unit :func:`documents` makes.
UNITS = ("section", "subsection", "segment", "sentence", "window")


def _heading_sentences(speech) -> set[int]:
    return {s.index for s in speech.sentences if s.is_heading} if speech is not None else set()


def segment_labels(tokens: pd.DataFrame) -> pd.Series:
    """The segment of every row of a token table (see ``"segment"`` in the module docstring), from its
    ``section`` and ``subsection`` columns: the sub-point label; else ``"<part>.preamble"`` when the
    part has tokens in sub-points, the part number when it has none; else ``"opening"``."""
    sec = tokens["section"].where(tokens["section"].notna() & (tokens["section"].astype(str) != ""))
    sub = tokens["subsection"].where(tokens["subsection"].notna() & (tokens["subsection"].astype(str) != ""))
    with_subs = set(sec[sub.notna()].dropna().astype(str))
    pre = sec.dropna().astype(str).map(lambda p: f"{p}.preamble" if p in with_subs else p)
    out = pd.Series("opening", index=tokens.index, dtype=object)
    out.loc[pre.index] = pre
    out.loc[sub.dropna().index] = sub.dropna().astype(str)
    return out


def documents(tokens: pd.DataFrame, by: str = "section", *, speech=None, window: int = 5,
              content_only: bool = True) -> pd.DataFrame:
    """Group a token table into documents.

    Returns a DataFrame with one row per document in text order: ``doc`` (label: part number,
    sub-point label, sentence index or ``"s<first>-<last>"`` for windows), ``section`` (the part the
    document belongs to, ``None`` outside parts), ``start``/``end`` (offsets of the unit in the text;
    from ``speech.units`` when ``speech`` is given, else the span of its tokens), ``n_tokens`` and
    ``tokens`` (list of token strings). Raises :class:`ZhDiscourseError` when there are no such units.
    """
    tokens = as_tokens(tokens)
    if by not in UNITS:
        raise ZhDiscourseError(f"unknown unit {by!r}: use {', '.join(UNITS)}")
    toks = content_tokens(tokens) if content_only else tokens.sort_values("start", kind="stable")
    headings = _heading_sentences(speech)
    if by in ("sentence", "window") and headings:
        toks = toks[~toks["sentence"].isin(headings)]
    if by == "window":
        if window < 1:
            raise ZhDiscourseError("window must be at least 1 sentence")
        if speech is not None:
            sent_ids = [s.index for s in speech.sentences if not s.is_heading]
        else:
            sent_ids = sorted(pd.unique(toks["sentence"].dropna()).tolist())
        pos = {s: i // window for i, s in enumerate(sent_ids)}
        key = toks["sentence"].map(pos)
        toks = toks.assign(_key=key).dropna(subset=["_key"])
    elif by == "segment":
        toks = toks.assign(_key=segment_labels(toks))
    else:
        toks = toks.assign(_key=toks[by]).dropna(subset=["_key"])
        if by == "section" or by == "subsection":
            toks = toks[toks["_key"].astype(str).str.len() > 0]
    rows = []
    for key, g in toks.groupby("_key", sort=False):
        secs = g["section"].dropna()
        if by == "window":
            label = f"s{int(g['sentence'].min())}-{int(g['sentence'].max())}"
        elif by == "sentence":
            label = str(int(key))
        else:
            label = str(key)
        rows.append({
            "doc": label,
            "section": (str(secs.mode().iloc[0]) if by == "window" else str(secs.iloc[0])) if len(secs) else None,
            "start": int(g["start"].min()),
            "end": int(g["end"].max()),
            "n_tokens": int(len(g)),
            "tokens": g["token"].astype(str).tolist(),
        })
    if not rows:
        raise ZhDiscourseError(f"the text has no {UNIT_NAMES[by]} with content words")
    out = pd.DataFrame(rows).sort_values("start", kind="stable").reset_index(drop=True)
    if speech is not None and by in ("section", "subsection", "segment", "sentence"):
        spans = {label: (s, e) for label, s, e in speech.units(by)}
        out["start"] = [spans.get(d, (s, e))[0] for d, s, e in zip(out["doc"], out["start"], out["end"])]
        out["end"] = [spans.get(d, (s, e))[1] for d, s, e in zip(out["doc"], out["start"], out["end"])]
    return out


def coverage(tokens: pd.DataFrame, by: str = "subsection", *, speech=None, window: int = 5,
             content_only: bool = True) -> dict:
    """How much of the body the units of kind ``by`` cover: ``{"by", "units", "tokens", "body_tokens",
    "share"}`` where ``tokens`` counts the (content) tokens inside the units and ``body_tokens`` those
    of the whole token table (the body). ``share = 1`` for ``"segment"`` by construction; for
    ``"subsection"`` the rest is the openings and preambles that sub-point analyses leave out."""
    tokens = as_tokens(tokens)
    body = len(content_tokens(tokens)) if content_only else len(tokens)
    try:
        docs = documents(tokens, by, speech=speech, window=window, content_only=content_only)
    except ZhDiscourseError:
        docs = pd.DataFrame({"n_tokens": []})
    inside = int(docs["n_tokens"].sum())
    return {"by": by, "units": int(len(docs)), "tokens": inside, "body_tokens": int(body),
            "share": inside / body if body else 0.0}
