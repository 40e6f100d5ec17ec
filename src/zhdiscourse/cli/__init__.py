"""Command line: ``python -m zhdiscourse <command> PATH [options]``.

Each stage registers its sub-commands from its own module (:data:`COMMAND_MODULES`, which names every
command, so that a command imports only its own module: ``patterns`` does not load matplotlib for
``report``); a single-text command is a ``compute(args, speech) -> Output`` wrapped by
:func:`~zhdiscourse.cli.common.command`.
This module builds the parser, runs single-text commands once per document when PATH is a corpus
(:func:`run_per_document`, combining the returned DataFrames: no printed output is parsed back) — and
so, too, when PATH is one file that holds several documents (a note on stderr says so; ``report``
refuses such a file) — and turns every :class:`ZhDiscourseError` into a one-line message and exit status 2.
"""

from __future__ import annotations

import argparse
import atexit
import difflib
import gc
import importlib
import os
import sys
import threading
from types import ModuleType

import pandas as pd

from ..errors import ZhDiscourseError
from ..text.corpus import is_corpus_path, open_corpus
from ..text.structure import load_documents
from .common import emit, load_speech_arg, note, print_json, print_readable

#: The modules of this package that define ``register(subparsers)`` (each adds its commands with
#: ``set_defaults(func=...)``), in the order ``--help`` lists them, with the commands each registers
#: (``tests/cli/test_cli_vocabulary.py`` checks the names against what ``register`` adds). A command
#: imports its own module only (:func:`command_module`), so ``patterns`` does not load what ``report``
#: needs (matplotlib); ``--help`` and an unknown command load them all. ``tests/test_layout.py`` counts this
#: table as imports of ``zhdiscourse.cli`` in its stage and cycle checks.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "structure": ("structure",),
    "tokens": ("tokens", "kwic", "freq", "ngrams", "collocations", "dispersion", "dictchanges"),
    "stats": ("tfidf", "keyness", "topics", "similarity", "contrast"),
    "toolkit": ("collocates", "agency", "voice", "addressees", "lexicon", "diversity"),
    "patterns": ("patterns",),
    "corpus": ("corpus", "trend", "corpus-freq", "corpus-export"),
    "report": ("report",),
}

#: The cyclic garbage collector's thresholds while a command runs (Python's are 700, 10, 10): the detectors
#: build millions of small containers that live to the end of the command, which the collector would
#: otherwise traverse again and again (``patterns`` on 1 MB: 0.53–0.60 s of collections, 0.18–0.19 s with
#: these; the same peak memory).
GC_THRESHOLDS = (50_000, 20, 20)

#: Commands that read a corpus themselves; every other command given a corpus runs once per document.
CORPUS_NATIVE = {"corpus", "trend", "corpus-freq", "corpus-export"}
#: Commands that take one text only (they write a folder of their own).
SINGLE_TEXT_ONLY = {"report"}


def _version() -> str:
    """The installed package's version (pyproject.toml is its source)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zhdiscourse")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        return "(not installed)"


def command_module(name: str) -> ModuleType:
    """The module ``zhdiscourse.cli.<name>`` of :data:`COMMAND_MODULES` (imported on first use)."""
    if name not in COMMAND_MODULES:
        raise KeyError(f"not a command module: {name}")
    return importlib.import_module(f"{__name__}.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, given the name of a ``command``, of the commands of its module
    only (what :func:`main` needs to run it; an unknown name gives the full parser; ``--version``, which
    prints the version before any command is read, none)."""
    parser = argparse.ArgumentParser(
        prog="zhdiscourse",
        description="Structure-aware discourse analysis of Chinese speeches and policy texts.",
        epilog="Units are called as in the study: part (一、二、…) and sub-point ((一)、一是、第一 …). "
               "Run 'zhdiscourse COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    modules = [m for m, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)
    if command == "--version":
        modules = []
    for name in modules:
        command_module(name).register(sub)
    parser.set_defaults(_commands=sub.choices)
    return parser


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> argparse.Namespace:
    """Parse like ``parser.parse_args``, but an option the command does not know is reported by that
    command's parser (its usage line, and the closest option it has) instead of the top-level one."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        sub = args._commands[args.command]
        known = [o for a in sub._actions for o in a.option_strings if o.startswith("--")]
        hints = [close[0] for word in extra if word.startswith("--")
                 for close in [difflib.get_close_matches(word.split("=", 1)[0], known, n=1)] if close]
        sub.error(f"unrecognized arguments: {' '.join(extra)}"
                  + (f" (did you mean {' or '.join(hints)}?)" if hints else ""))
    return args


def _corpus_mode(args) -> bool:
    path = getattr(args, "path", None)
    if path is None or args.command in CORPUS_NATIVE or not is_corpus_path(path):
        return False
    if args.command in SINGLE_TEXT_ONLY or getattr(args, "csv_dir", None):
        raise ZhDiscourseError(f"{path}: '{args.command}' takes one text file, not a corpus "
                               "(run it on each document, or use: corpus, corpus-freq, corpus-export, trend)")
    return True


def _file_documents(args):
    """The documents of a single file that holds several, as ``(id, title, year, speech)``."""
    for i, sp in enumerate(load_documents(args.path), start=1):
        yield f"doc{i}", sp.metadata.title or "", None, sp


def _corpus_documents(args):
    for doc in open_corpus(args.path):
        yield doc.id, doc.title, doc.year, doc.speech()


def run_per_document(args, documents=None) -> int:
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
    for doc_id, title, year, speech in (documents if documents is not None else _corpus_documents(args)):
        try:
            out = compute(args, speech)
        except ZhDiscourseError as exc:
            print(f"zhdiscourse: {doc_id}: skipped: {exc}", file=sys.stderr)
            continue
        for n in out.notes:
            note(f"{doc_id}: {n}")
        outputs.append((doc_id, title, year, out))
    if not outputs:
        raise ZhDiscourseError(f"{args.path}: no document of the corpus could be analysed by '{args.command}'")
    if fmt == "json":
        for doc_id, title, year, out in outputs:
            docs.append({"doc": doc_id, "title": title, "year": year, "result": out.payload()})
        print_json({"documents": docs})
    elif fmt == "csv":
        for doc_id, _title, _year, out in outputs:
            frames.append(out.table.assign(doc=doc_id)[["doc"] + [c for c in out.table.columns if c != "doc"]])
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    else:
        for doc_id, title, _year, out in outputs:
            print(f"== {doc_id}  {title}")
            print_readable(out)
    return 0


def _several_documents(args) -> bool:
    """A single file that holds several documents: say so; a report refuses, other commands run per
    document (as on a corpus). Loading here also prints the loader's notes once."""
    path = getattr(args, "path", None)
    if path is None or args.command in CORPUS_NATIVE or is_corpus_path(path):
        return False
    speech = load_speech_arg(path)
    if len(speech.documents) < 2:
        return False
    where = ", ".join(f"{d.title or 'untitled'} (at {d.start})" for d in speech.documents)
    if args.command in SINGLE_TEXT_ONLY:
        raise ZhDiscourseError(f"{path} holds {len(speech.documents)} documents: {where}; '{args.command}' "
                               "takes one text: split the file")
    note(f"{path} holds {len(speech.documents)} documents: {where}; each is analysed on its own")
    return True


def _dispatch(args) -> int:
    """Commands whose input decides what they do: ``freq`` on a corpus groups by year or document."""
    if args.command == "freq" and is_corpus_path(args.path):
        return command_module("corpus").corpus_freq_command(args)
    if _corpus_mode(args):
        return run_per_document(args)
    if _several_documents(args):
        return run_per_document(args, _file_documents(args))
    return args.func(args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; ``argv`` defaults to the command line (then the process is about to end: see below)."""
    from_command_line = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)  # the first word is the command (else: every command)
    args = parse_args(parser, argv)
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
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
    finally:
        gc.set_threshold(*saved)
        if from_command_line:
            # the process ends next: what the command built is left out of the full collection Python makes
            # at exit (0.2 s after ``patterns`` on 1 MB); objects are still freed as the modules are cleared
            gc.freeze()
    return int(result or 0)


def end_process(code: int) -> None:
    """End the program with exit status ``code`` (what ``python -m zhdiscourse`` does after :func:`main`), without
    tearing down what the command built: once the output is flushed and the exit handlers have run, the process
    ends at once (``os._exit``) instead of freeing millions of objects one by one as the interpreter's modules are
    cleared. Files are closed by then (each command closes what it writes). Where that is not certain to be the
    same — another thread still runs, or standard output cannot be flushed (a closed pipe) — the interpreter's
    normal exit (``sys.exit``) runs instead, with its messages and exit status."""
    if threading.active_count() == 1 and _flushed():
        atexit._run_exitfuncs()
        if _flushed():
            os._exit(code)
    sys.exit(code)


def _flushed() -> bool:
    """Whether standard output and error could be flushed (else the normal exit says what went wrong)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001
        return False
    return True


__all__ = ["main", "end_process", "build_parser", "command_module", "parse_args", "run_per_document", "emit"]
