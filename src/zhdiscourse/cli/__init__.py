"""Command line: ``python -m zhdiscourse <command> PATH [options]``.

Each stage registers its sub-commands from its own module (:data:`COMMAND_MODULES`); a single-text
command is a ``compute(args, speech) -> Output`` wrapped by :func:`~zhdiscourse.cli.common.command`.
This module builds the parser, runs single-text commands once per document when PATH is a corpus
(:func:`run_per_document`, combining the returned DataFrames: no printed output is parsed back), and
turns every :class:`ZhDiscourseError` into a one-line message and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from ..errors import ZhDiscourseError
from ..text.corpus import is_corpus_path, open_corpus
from . import corpus, patterns, report, stats, structure, tokens
from .common import emit, note, print_json, print_readable

#: Modules that define ``register(subparsers)``; each adds its commands with ``set_defaults(func=...)``.
COMMAND_MODULES = (structure, tokens, stats, patterns, corpus, report)

#: Commands that read a corpus themselves; every other command given a corpus runs once per document.
CORPUS_NATIVE = {"corpus", "trend", "corpus-freq"}
#: Commands that take one text only (they write a folder of their own).
SINGLE_TEXT_ONLY = {"report"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhdiscourse",
        description="Structure-aware discourse analysis of Chinese speeches and policy texts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _corpus_mode(args) -> bool:
    path = getattr(args, "path", None)
    if path is None or args.command in CORPUS_NATIVE or not is_corpus_path(path):
        return False
    if args.command in SINGLE_TEXT_ONLY or getattr(args, "csv_dir", None):
        raise ZhDiscourseError(f"{path}: '{args.command}' takes one text file, not a corpus "
                               "(run it on each document, or use: corpus, corpus-freq, trend)")
    return True


def run_per_document(args) -> int:
    """Run a single-text command on every document of a corpus and combine the outputs.

    Tables get a ``== doc ==`` header per document; ``--json`` gives ``{"documents": [{"doc", "title",
    "year", "result"}]}``; ``--csv`` gives one table with ``doc`` as its first column. Offsets in each
    result point into that document's text. A document the command cannot analyse (for example keyness
    on a document without parts) is reported on stderr and skipped; the exit status is 2 only when no
    document could be analysed.
    """
    compute = args.func.compute
    fmt = getattr(args, "fmt", "table")
    docs, frames, outputs = [], [], []
    for doc in open_corpus(args.path):
        try:
            out = compute(args, doc.speech())
        except ZhDiscourseError as exc:
            print(f"zhdiscourse: {doc.id}: skipped: {exc}", file=sys.stderr)
            continue
        for n in out.notes:
            note(f"{doc.id}: {n}")
        outputs.append((doc, out))
    if not outputs:
        raise ZhDiscourseError(f"{args.path}: no document of the corpus could be analysed by '{args.command}'")
    if fmt == "json":
        for doc, out in outputs:
            docs.append({"doc": doc.id, "title": doc.title, "year": doc.year, "result": out.payload()})
        print_json({"documents": docs})
    elif fmt == "csv":
        for doc, out in outputs:
            frames.append(out.table.assign(doc=doc.id)[["doc"] + [c for c in out.table.columns if c != "doc"]])
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    else:
        for doc, out in outputs:
            print(f"== {doc.id}  {doc.title}")
            print_readable(out)
    return 0


def _dispatch(args) -> int:
    """Commands whose input decides what they do: ``freq`` on a corpus groups by year or document."""
    if args.command == "freq" and is_corpus_path(args.path):
        return corpus.corpus_freq_command(args)
    if _corpus_mode(args):
        return run_per_document(args)
    return args.func(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = _dispatch(args)
    except ZhDiscourseError as exc:
        print(f"zhdiscourse: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zhdiscourse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(result or 0)


__all__ = ["main", "build_parser", "run_per_document", "emit"]
