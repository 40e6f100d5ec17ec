"""Shared pieces of the command line: input paths, output formats, printing tables."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from typing import Any

import pandas as pd

from ..errors import ZhDiscourseError


def add_path(p: argparse.ArgumentParser, help: str = "a Chinese text file (UTF-8, UTF-16, GB18030/GBK)") -> None:
    p.add_argument("path", metavar="PATH", help=help)


def add_format(p: argparse.ArgumentParser, csv: bool = True) -> None:
    """``--json`` and (optionally) ``--csv``; the default is a readable table."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", dest="fmt", action="store_const", const="json", help="print JSON")
    if csv:
        g.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="print CSV")
    p.set_defaults(fmt="table")


#: Set by the CLI's corpus mode: the parsed document that single-text commands analyse instead of PATH.
_CURRENT_SPEECH: list = []


@contextmanager
def document(speech):
    """Within this block, :func:`load_speech_arg` returns ``speech`` (one document of a corpus)."""
    _CURRENT_SPEECH.append(speech)
    try:
        yield speech
    finally:
        _CURRENT_SPEECH.pop()


def load_speech_arg(path: str):
    """Load and parse a text file for a command (errors become one-line messages)."""
    if _CURRENT_SPEECH:
        return _CURRENT_SPEECH[-1]
    from ..text.structure import load_speech

    return load_speech(path)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, pd.DataFrame):
        return json.loads(obj.to_json(orient="records", force_ascii=False))
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj


def print_json(obj: Any) -> None:
    json.dump(_jsonable(obj), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(df: pd.DataFrame, title: str | None = None, max_rows: int | None = None) -> None:
    if title:
        print(title)
    if df.empty:
        print("(none)")
        return
    with pd.option_context("display.max_rows", max_rows, "display.max_columns", None, "display.width", 200,
                           "display.unicode.east_asian_width", True, "display.max_colwidth", 60):
        print(df.to_string(index=False))


def emit(df: pd.DataFrame, fmt: str, *, json_key: str | None = None, title: str | None = None) -> None:
    """Print a DataFrame as a table (default), JSON (records, optionally under ``json_key``) or CSV."""
    if fmt == "json":
        print_json({json_key: df} if json_key else df)
    elif fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "table":
        print_table(df, title)
    else:
        raise ZhDiscourseError(f"unknown output format {fmt!r}")
