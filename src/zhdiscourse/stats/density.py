"""Densities along a text: events per 1,000 characters in a sliding window of sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.measure import nonspace_chars
from ..text.model import Speech


def rolling_density(speech: Speech, events: dict[str, pd.DataFrame], window: int = 15) -> pd.DataFrame:
    """Events per 1,000 characters in a centred window of ``window`` sentences, for every sentence.

    ``events`` maps a series name to a DataFrame with a ``start`` column (offsets of the events, e.g.
    ``modal_yao(speech)``). For sentence *i* the window holds the sentences *i − w//2 … i + w//2*
    (fewer at the edges, headings included); the density of a series is
    ``1000 × events starting in the window / non-whitespace characters of the window``.
    Returns one row per sentence: ``sentence, start, section`` and one column per series.
    """
    sents = speech.sentences
    if not sents:
        return pd.DataFrame(columns=["sentence", "start", "section", *events])
    starts = np.array([s.start for s in sents])
    size = np.array([nonspace_chars(s.text) for s in sents], dtype=float)
    counts = {}
    for name, df in events.items():
        idx = np.searchsorted(starts, df["start"].to_numpy(), side="right") - 1
        c = np.zeros(len(sents))
        for i, p in zip(idx, df["start"].to_numpy()):
            if i >= 0 and p < sents[i].end:
                c[i] += 1
        counts[name] = c
    half = window // 2
    rows = []
    for i, s in enumerate(sents):
        lo, hi = max(0, i - half), min(len(sents), i + half + 1)
        chars = size[lo:hi].sum()
        row = {"sentence": s.index, "start": s.start, "section": s.section}
        for name, c in counts.items():
            row[name] = 1000 * c[lo:hi].sum() / chars if chars else 0.0
        rows.append(row)
    return pd.DataFrame(rows)
