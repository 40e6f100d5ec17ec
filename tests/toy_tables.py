"""Small hand-built inputs shared by the tests: token tables, and a toy reference corpus with a speech."""

from __future__ import annotations

import json
from pathlib import Path

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


#: A toy corpus of three reports and one resolution, in JSONL records.
REFERENCE_DOCS = [
    {"title": "甲报告", "year": 2003, "content": "各位代表：\n\n一、回顾\n\n我们发展经济，改善民生。经济增长很快，重要的是稳定。\n\n二、任务\n\n要继续发展经济。必须坚持改革。"},
    {"title": "乙报告", "year": 2001, "content": "各位代表：\n\n今年要稳定增长，必须坚决完成任务。经济发展需要改革。"},
    {"title": "丙报告", "year": 2002, "content": "各位代表：\n\n我们要深化改革，扩大开放，发展经济。"},
    {"title": "关于报告的决议", "year": None, "content": "会议批准这个报告。"},
]
#: A toy speech with two parts, to compare with :data:`REFERENCE_DOCS`.
REFERENCE_SPEECH = ("同志们：\n一、关于防疫\n我们要加强防疫，必须坚决防疫。防疫很重要，要防疫也要复工。\n"
                    "二、关于复工\n要复工，要复工复产，需要支持企业复工。")


def write_jsonl(path: Path, records=REFERENCE_DOCS) -> Path:
    """Write records as a JSONL corpus file and return its path."""
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in records), encoding="utf-8")
    return path
