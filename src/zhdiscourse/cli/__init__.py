"""Command line: ``python -m zhdiscourse <command> PATH [options]``.

Each analysis area registers its sub-commands from its own ``cli_*`` module (see ``COMMAND_MODULES``);
this module only builds the parser and turns every :class:`ZhDiscourseError` into a one-line message
and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import ZhDiscourseError

#: Modules that define ``register(subparsers)``; each adds its commands with ``set_defaults(func=...)``.
COMMAND_MODULES = (
    "zhdiscourse.cli.structure",
    "zhdiscourse.cli.tokens",
    "zhdiscourse.cli.stats",
    "zhdiscourse.cli.patterns",
    "zhdiscourse.cli.corpus",
    "zhdiscourse.cli.report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhdiscourse",
        description="Structure-aware discourse analysis of Chinese speeches and policy texts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


#: Commands that read a corpus themselves; every other command given a corpus runs once per document.
CORPUS_NATIVE = {"freq", "corpus", "trend", "corpus-freq"}
#: Commands that take one text only (they write a folder of their own).
SINGLE_TEXT_ONLY = {"report"}


def _corpus_mode(args) -> bool:
    from ..text.corpus import is_corpus_path

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
    import contextlib
    import io
    import json

    import pandas as pd

    from .common import document, print_json
    from ..text.corpus import open_corpus

    corpus = open_corpus(args.path)
    fmt = getattr(args, "fmt", "table")
    done, json_docs, frames = 0, [], []
    for doc in corpus:
        buf = io.StringIO()
        try:
            with document(doc.speech()), contextlib.redirect_stdout(buf):
                rc = int(args.func(args) or 0)
        except ZhDiscourseError as exc:
            print(f"zhdiscourse: {doc.id}: skipped: {exc}", file=sys.stderr)
            continue
        if rc:
            print(f"zhdiscourse: {doc.id}: skipped (exit status {rc})", file=sys.stderr)
            continue
        done += 1
        out = buf.getvalue()
        if fmt == "json":
            json_docs.append({"doc": doc.id, "title": doc.title, "year": doc.year, "result": json.loads(out)})
        elif fmt == "csv":
            df = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False) if out.strip() else pd.DataFrame()
            df.insert(0, "doc", doc.id)
            frames.append(df)
        else:
            print(f"== {doc.id}  {doc.title}")
            print(out, end="" if out.endswith("\n") else "\n")
    if not done:
        raise ZhDiscourseError(f"{args.path}: no document of the corpus could be analysed by '{args.command}'")
    if fmt == "json":
        print_json({"documents": json_docs})
    elif fmt == "csv":
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = run_per_document(args) if _corpus_mode(args) else args.func(args)
    except ZhDiscourseError as exc:
        print(f"zhdiscourse: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zhdiscourse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
