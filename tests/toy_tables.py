"""Small hand-built token tables for the statistics tests (area: stats)."""

from __future__ import annotations

import pandas as pd


def toy_tokens(parts: dict[str, list[list[str]]], *, stop=("的", "我们"), punct=("，", "。"),
               num=("2020", "三")) -> pd.DataFrame:
    """A token table with the contract's columns from ``{part: [[tokens of sub-point 1], …]}``.

    Each sub-point is one sentence; offsets are a running sum of token lengths."""
    rows, pos, sent = [], 0, 0
    for part, subs in parts.items():
        for j, toks in enumerate(subs, 1):
            for t in toks:
                rows.append({"token": t, "pos": "x" if t in punct else "n", "start": pos, "end": pos + len(t),
                             "sentence": sent, "clause": sent, "section": part,
                             "subsection": f"{part}.{j}", "is_stop": t in stop or t in punct,
                             "is_punct": t in punct, "is_num": t in num})
                pos += len(t)
            sent += 1
    return pd.DataFrame(rows)
