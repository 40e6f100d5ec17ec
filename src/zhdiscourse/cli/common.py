"""Shared pieces of the command line: input paths, the :class:`Output` of a command, and printing it.

Every single-text command is a function ``compute(args, speech) -> Output``: it takes the parsed text
and returns data (DataFrames), never prints. :func:`emit` turns an :class:`Output` into the readable
table (default), JSON or CSV; corpus mode (:func:`zhdiscourse.cli.run_per_document`) calls the same
``compute`` once per document and combines the Outputs, so nothing printed is ever parsed back.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import math
import os
import re
import sys
import unicodedata
from contextlib import contextmanager, redirect_stdout
from csv import QUOTE_NONE
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import orjson
import pandas as pd
from pandas.io.formats import format as pd_format, printing as pd_printing

from ..errors import ZhDiscourseError
from ..text.structure import load_speech
from ..util.jsondata import jsonable
from ..util.parallel import one_worker_pool


def add_path(p: argparse.ArgumentParser, help: str = "a Chinese text file (UTF-8, UTF-16, GB18030/GBK)") -> None:
    p.add_argument("path", metavar="PATH", help=help)


def add_format(p: argparse.ArgumentParser, csv: bool = True) -> None:
    """``--json`` and (optionally) ``--csv``; the default is a readable table."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", dest="fmt", action="store_const", const="json", help="print JSON")
    if csv:
        g.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="print CSV")
    p.set_defaults(fmt="table")


#: The study's words for the units, and the names the library uses (kept as aliases on the command line).
UNIT_WORDS = {"section": "part", "subsection": "sub-point"}
_UNIT_ALIASES = {"part": "section", "parts": "section", "sub-point": "subsection", "sub-points": "subsection",
                 "subpoint": "subsection", "subpoints": "subsection", "sentences": "sentence",
                 "segments": "segment", "windows": "window"}


def unit_word(by: str | None) -> str:
    """The study's word for a unit name of the library: ``section`` → ``part``, ``subsection`` → ``sub-point``."""
    return UNIT_WORDS.get(by, by) if by else "text"


def unit_type(choices: tuple[str, ...]):
    """argparse type for ``--by``: the study's words (``part``, ``sub-point``) or the library's
    (``section``, ``subsection``), returned as the library's name; an unknown unit names the choices
    in the study's words."""
    def convert(v: str) -> str:
        name = _UNIT_ALIASES.get(v.strip().lower(), v.strip().lower())
        if name not in choices:
            raise argparse.ArgumentTypeError(
                f"{v!r} is not a unit here; choose from {', '.join(unit_word(c) for c in choices)}")
        return name

    convert.__name__ = "unit"
    return convert


def add_by(p: argparse.ArgumentParser, choices: tuple[str, ...], default: str | None, help: str) -> None:
    """``--by UNIT``: accepts ``part``/``sub-point`` (and the older ``section``/``subsection``)."""
    shown = "|".join(unit_word(c) for c in choices)
    extra = [c for c in choices if c in UNIT_WORDS]
    alias = (f"; {' and '.join(extra)} are accepted for {' and '.join(unit_word(c) for c in extra)}"
             if extra else "")
    dflt = f"default: {unit_word(default)}" if default else "default: one list for the whole text"
    p.add_argument("--by", type=unit_type(choices), default=default, metavar=shown,
                   help=f"{help} ({dflt}{alias})")


def freq_filters(args) -> tuple[bool, bool]:
    """``(drop_stopwords, drop_numerals)`` of a frequency command: content words by default, as the
    study counts them (:func:`zhdiscourse.tokenize.table.content_tokens`); ``--all-tokens`` keeps
    stopwords and numerals, ``--keep-stopwords`` / ``--keep-numbers`` one of them."""
    if getattr(args, "all_tokens", False):
        return False, False
    return not getattr(args, "keep_stopwords", False), not getattr(args, "keep_numbers", False)


def add_token_filters(p) -> None:
    """What a frequency list counts: content words by default (see :func:`freq_filters`)."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--all-tokens", action="store_true", help="count every word, stopwords and numerals included")
    g.add_argument("--keep-stopwords", action="store_true", help="count stopwords too (numerals stay out)")
    p.add_argument("--keep-numbers", action="store_true", help="count numerals too")
    p.add_argument("--no-stopwords", action="store_true",
                   help="leave stopwords out (the default; kept for older scripts)")
    p.add_argument("--no-numbers", action="store_true", help="leave numerals out (the default; kept for older scripts)")


def positive(v: str) -> int:
    """argparse type: a whole number ≥ 1."""
    try:
        n = int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {n}")
    return n


def probability(v: str) -> float:
    """argparse type: a number strictly between 0 and 1 (a significance level)."""
    try:
        x = float(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if not 0 < x < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {v}")
    return x


def non_negative(v: str) -> int:
    """argparse type: a whole number ≥ 0."""
    try:
        n = int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


@dataclass
class Output:
    """What a command computed.

    ``table``     the result as one table (the CSV form, and the readable form unless ``view`` is set);
    ``json``      the JSON form (default: the records of ``table``, under ``json_key`` when given);
    ``view``      the readable table when it differs from ``table`` (fewer or rounded columns);
    ``title``     a line above the readable table; ``text`` a readable form written out in full;
    ``extra``     more ``(title, table)`` pairs of the readable form;
    ``notes``     lines for stderr (what the command chose to do instead of what was asked).
    """

    table: pd.DataFrame
    json: Any = None
    json_key: str | None = None
    view: pd.DataFrame | None = None
    title: str | None = None
    text: str | None = None
    extra: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: readable tables whose text a forked process is already making: ``{position: TextAside}``, position 0
    #: the table (or ``text``'s place), then ``extra`` from 1 (:func:`print_readable`); a TextAside of several
    #: tables stands at each of their positions (its tables in the order of the positions); in ``extra``, a table
    #: at such a position may be a function that makes it (called where it is formatted)
    pending: dict[int, "TextAside"] = field(default_factory=dict)

    def payload(self) -> Any:
        """The JSON form (before serialisation)."""
        if self.json is not None:
            return self.json
        return {self.json_key: self.table} if self.json_key else self.table


_LOADED: dict[str, object] = {}


def cleaning_note(path: str, speech) -> str | None:
    """The one line that says what the loader converted (traditional → simplified characters), if any."""
    c = speech.cleaning
    if c is None or not c.simplified:
        return None
    return (f"{path}: converted {c.simplified:,} traditional characters to simplified ones "
            f"({c.trad_ratio:.0%} of the Han characters; offsets unchanged)")


def load_speech_arg(path: str):
    """Load, clean and parse a text file for a command (errors become one-line messages). Says once on
    stderr what the loader converted and what the parser warns about; the Speech is kept, so loading
    the same path again in one run costs nothing."""
    key = str(path)
    if key not in _LOADED:
        speech = load_speech(path)
        msg = cleaning_note(key, speech)
        if msg:
            note(msg)
        if not speech.documents:  # several documents: the dispatcher says so and runs per document
            for w in speech.warnings:
                note(f"{key}: {w}")
        _LOADED[key] = speech
    return _LOADED[key]


def dumps_json(obj: Any, level: int = 0) -> str:
    """JSON text of ``obj``, indented; DataFrames are written by pandas' C writer (a 1 MB token table in a
    fraction of a second), everything else as :func:`json.dumps` writes :func:`jsonable` data (by orjson
    when that gives the same text: :func:`_orjson_text`)."""
    if isinstance(obj, pd.DataFrame):
        return obj.to_json(orient="records", force_ascii=False, indent=2)
    if isinstance(obj, dict) and any(isinstance(v, (pd.DataFrame, dict)) for v in obj.values()):
        pad = "  " * (level + 1)
        items = [f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {dumps_json(v, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    got = _orjson_text(obj)
    return got if got is not None else json.dumps(jsonable(obj), ensure_ascii=False, indent=2)


_ORJSON_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
                   | orjson.OPT_PASSTHROUGH_SUBCLASS)
#: Numbers that orjson may write in another form than Python (``repr``) does: with an exponent (``2.5e-7`` for
#: ``2.5e-07``; ``1e+16`` is the same, but rare), and below 1e-4 as decimals (``0.00001`` for ``1e-05``).
#: Sought anywhere in the text (strings included: a false alarm only costs the slower writer).
_ORJSON_EXPONENT = re.compile(rb"e[-+]?[0-9]")
_ORJSON_SMALL = b"0.0000"


def _orjson_default(obj: Any) -> Any:
    """What :func:`jsonable` makes of a value orjson does not write itself (NumPy numbers, missing values);
    a subclass of a JSON type, or anything :func:`jsonable` leaves as it is, is refused."""
    if isinstance(obj, (str, int, dict, list, tuple)):
        raise TypeError("a subclass of a JSON type")
    if isinstance(obj, float):
        return None if math.isnan(obj) else float(obj)
    got = jsonable(obj)
    if got is obj:
        raise TypeError(f"not JSON: {type(obj).__name__}")
    return got


def _orjson_text(obj: Any) -> str | None:
    """:func:`_orjson_bytes` as text."""
    out = _orjson_bytes(obj)
    return None if out is None else out.decode("utf-8")


def _orjson_bytes(obj: Any) -> bytes | None:
    """``json.dumps(jsonable(obj), ensure_ascii=False, indent=2)`` written by orjson (about ten times
    faster: a third of a second on the ``patterns`` of 1 MB), or ``None`` when orjson's text could differ:
    orjson refuses the value (keys that are not strings, integers beyond 64 bits, lone surrogates), may have
    written a number in another form (:data:`_ORJSON_EXPONENT`, :data:`_ORJSON_SMALL`), or wrote a value that does not read back as
    itself (NaN and infinity become ``null``, where ``json`` writes ``NaN`` and ``Infinity`` or
    :func:`jsonable` ``null``). ``tests/cli/test_json_text.py`` compares the two."""
    try:
        out = orjson.dumps(obj, default=_orjson_default, option=_ORJSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return None
    if _ORJSON_SMALL in out or _ORJSON_EXPONENT.search(out) or orjson.loads(out) != obj:
        return None
    return out


def _utf8_stdout():
    """The byte stream under ``sys.stdout`` when text written there is encoded as UTF-8 (strict) unchanged."""
    enc, buf = getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "buffer", None)
    try:
        utf8 = enc is not None and codecs.lookup(enc).name == "utf-8" and sys.stdout.errors == "strict"
    except (LookupError, AttributeError):
        utf8 = False
    return buf if utf8 and buf is not None and os.linesep == "\n" else None  # no newline translation


def print_json(obj: Any) -> None:
    """:func:`dumps_json` of ``obj`` and a newline on standard output; orjson's bytes written as they are when
    standard output is UTF-8 (the same bytes, without decoding and encoding 7 MB again for ``patterns``)."""
    buf = None if isinstance(obj, pd.DataFrame) or (isinstance(obj, dict) and any(
        isinstance(v, (pd.DataFrame, dict)) for v in obj.values())) else _utf8_stdout()
    data = _orjson_bytes(obj) if buf is not None else None
    if data is None:
        sys.stdout.write(dumps_json(obj) + "\n")
        return
    sys.stdout.flush()
    buf.write(data + b"\n")


def print_table(df: pd.DataFrame, title: str | None = None, max_rows: int | None = None) -> None:
    """A readable table: columns named as in the study (``part``, ``sub-point``; CSV and JSON keep the
    library's ``section`` / ``subsection``), Chinese aligned by East-Asian width."""
    if title:
        print(title)
    if df.empty:
        print("(none)")
        return
    df = df.rename(columns={c: w for c, w in UNIT_WORDS.items() if w not in df.columns})
    with pd.option_context("display.max_rows", max_rows, "display.max_columns", None, "display.width", 200,
                           "display.unicode.east_asian_width", True, "display.max_colwidth", 60), fast_widths():
        print(df.to_string(index=False))


#: The pandas release whose East-Asian text width :func:`fast_widths` computes faster (the same numbers).
PANDAS_VERSION = "3.1.1"


class _CharWidths(dict):
    """Display width of each character as pandas counts it: ``eaw_map`` of its East-Asian width class,
    else ``ambiguous`` (looked up once per distinct character)."""

    def __init__(self, eaw_map: dict[str, int], ambiguous: int):
        super().__init__()
        self.eaw_map, self.ambiguous = eaw_map, ambiguous

    def __missing__(self, c: str) -> int:
        w = self[c] = self.eaw_map.get(unicodedata.east_asian_width(c), self.ambiguous)
        return w


class _TextWidths(dict):
    """Display width of each string: the sum of its :class:`_CharWidths` (computed once per distinct string)."""

    def __init__(self, chars: _CharWidths):
        super().__init__()
        self.char = chars.__getitem__

    def __missing__(self, text) -> int:
        if not isinstance(text, str):
            return len(text)
        # an ASCII character is always narrow (class Na, or N for the control characters)
        w = self[text] = len(text) if text.isascii() else sum(map(self.char, text))
        return w


class _MemoEastAsianTextAdjustment(pd_printing._EastAsianTextAdjustment):
    """pandas' East-Asian text adjustment with the same width of every string, looked up in a
    :class:`_TextWidths` (pandas measures each cell several times, one character at a time in Python:
    3.5 s of the readable ``patterns`` tables of a 1 MB text)."""

    def __init__(self, memo: dict):
        super().__init__()
        widths = memo.get(self.ambiguous_width)
        if widths is None:
            widths = memo[self.ambiguous_width] = _TextWidths(_CharWidths(self._EAW_MAP, self.ambiguous_width))
        self.len = widths.__getitem__

    def justify(self, texts, max_len: int, mode: str = "right") -> list[str]:
        """pandas' ``justify`` (each text padded to ``max_len`` display columns) without its inner function
        call per text: the same padding, ``max_len - width + len``."""
        width = self.len
        if mode == "left":
            return [x.ljust(max_len - width(x) + len(x)) for x in texts]
        if mode == "center":
            return [x.center(max_len - width(x) + len(x)) for x in texts]
        return [x.rjust(max_len - width(x) + len(x)) for x in texts]


#: The keyword arguments of the formatter pandas gives a column of strings (``pprint_thing`` with these
#: escapes, unquoted: ``BaseStringArray._formatter(boxed=True)``, and the default of an object column).
_PLAIN_PPRINT = {"escape_chars": ("\t", "\r", "\n"), "quote_strings": False}


def _plain_pprint(formatter) -> bool:
    return (isinstance(formatter, partial) and formatter.func is pd_printing.pprint_thing and not formatter.args
            and formatter.keywords == _PLAIN_PPRINT)


def _string_cells(self) -> list[str] | None:
    """What pandas' ``_GenericArrayFormatter._format_strings`` gives a column whose every value is a ``str``
    (``None`` for any other column): ``pprint_thing`` of a string is the string with tab, carriage return and
    newline escaped, and such a value is never a float, so it gets the leading space unless ``leading_space``
    is ``False`` itself."""
    vals = self.values
    if (self.formatter is not None or not isinstance(vals, np.ndarray) or vals.ndim != 1 or vals.dtype != object
            or not (_plain_pprint(self.fallback_formatter) if self.fallback_formatter is not None
                    else self.quoting is None or self.quoting == QUOTE_NONE)):
        return None
    if not all(type(v) is str for v in vals):
        return None
    pad = "" if self.leading_space is False else " "
    return [pad + v.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") for v in vals]


def _fast_format_strings(saved):
    """pandas' ``_GenericArrayFormatter._format_strings`` with :func:`_string_cells` for columns of strings (one
    Python call per cell instead of four: 0.25 s of the 0.5 s pandas takes to format the clause subjects of
    a 1 MB text)."""
    def format_strings(self):
        got = _string_cells(self)
        return saved(self) if got is None else got

    return format_strings


@contextmanager
def fast_widths():
    """Within the block, pandas (release :data:`PANDAS_VERSION` only) measures East-Asian text widths with
    :class:`_MemoEastAsianTextAdjustment` and formats columns of strings with :func:`_string_cells`: the same
    widths and cells, so the same table text (``tests/cli/test_table_widths.py``)."""
    generic = getattr(pd_format, "_GenericArrayFormatter", None)
    if (pd.__version__ != PANDAS_VERSION or not hasattr(pd_printing, "_EastAsianTextAdjustment")
            or generic is None or "_format_strings" not in vars(generic)):
        yield
        return
    saved, memo = pd_printing.get_adjustment, {}
    saved_format = vars(generic)["_format_strings"]

    def get_adjustment():
        if pd.get_option("display.unicode.east_asian_width"):
            return _MemoEastAsianTextAdjustment(memo)
        return saved()

    pd_printing.get_adjustment = get_adjustment
    generic._format_strings = _fast_format_strings(saved_format)
    try:
        yield
    finally:
        pd_printing.get_adjustment = saved
        generic._format_strings = saved_format


def note(msg: str) -> None:
    print(f"zhdiscourse: note: {msg}", file=sys.stderr)


#: Readable output of at least this many cells (rows × columns, all its tables together) is formatted in two
#: processes when the command allows it (``patterns --jobs 2``): pandas formats a table one cell at a time in
#: Python (``patterns`` on 1 MB: 0.9 s of CPU for 330,000 cells, the clause subjects 0.55 s of it).
ASIDE_MIN_CELLS = 100_000

#: The tables of the readable output being printed, set just before the formatting process is forked (it
#: inherits them: nothing is pickled on the way there, only the text on the way back).
_ASIDE: list[tuple[str | None, pd.DataFrame]] | None = None


def table_text(df: pd.DataFrame, title: str | None = None, max_rows: int | None = None) -> str:
    """What :func:`print_table` prints, as a string."""
    buf = io.StringIO()
    with redirect_stdout(buf):
        print_table(df, title, max_rows)
    return buf.getvalue()


def _table(df) -> pd.DataFrame:
    """A table of the readable output, or the function that makes it (called by whoever formats it)."""
    return df if isinstance(df, pd.DataFrame) else df()


def _format_aside(picked: list[int]) -> list[str]:
    """In the forked process: the text of the tables ``picked`` (positions in :data:`_ASIDE`)."""
    return _format_given([_ASIDE[i] for i in picked])


def _format_given(tables: list[tuple[str | None, Any]]) -> list[str]:
    """In a formatting process forked earlier: the text of ``tables`` (handed over pickled)."""
    return [table_text(_table(df), title) for title, df in tables]


def _cells(df: pd.DataFrame) -> int:
    return len(df) * max(len(df.columns), 1)


def aside_choice(tables: list[tuple[str | None, pd.DataFrame]]) -> list[int]:
    """The positions of the tables a second process formats: none when all of them have fewer than
    :data:`ASIDE_MIN_CELLS` cells; else the largest, and the next largest as long as that process's share of
    the cells stays at most half."""
    sizes = [_cells(df) for _title, df in tables]
    total = sum(sizes)
    if total < ASIDE_MIN_CELLS:
        return []
    order = sorted(range(len(tables)), key=lambda i: (-sizes[i], i))
    picked, share = [order[0]], sizes[order[0]]
    for i in order[1:]:
        if share + sizes[i] <= total / 2:
            picked.append(i)
            share += sizes[i]
    return sorted(picked)


class _Lane:
    """One forked formatting process (a pool of one worker) and how many :class:`TextAside` still wait for it."""

    def __init__(self, executor):
        self.executor, self.users = executor, 1

    def release(self) -> None:
        self.users -= 1
        if self.users == 0:
            self.executor.shutdown(wait=True, cancel_futures=True)  # the process has ended when this returns


class TextAside:
    """The :func:`table_text` of some tables, made by one forked process from the moment this object is made
    (:meth:`texts` waits for them). Where no process can be forked, or it fails, :meth:`texts` gives ``None``
    and the caller formats the tables itself.

    ``after``: an earlier TextAside whose process has not been waited for yet: its process makes these tables
    too once it is done with its own, instead of a new fork (the tables are handed over pickled, so a table
    given as a function must be one pickle can name, with picklable arguments; one that cannot be handed over
    is formatted by the caller). A process forked late, from a large process, costs more than the pickled
    records of a detector."""

    def __init__(self, tables: list[tuple[str | None, pd.DataFrame]], after: "TextAside | None" = None):
        global _ASIDE
        self.n, self.future, self.lane = len(tables), None, None
        lane = after.lane if after is not None else None
        if lane is not None:
            try:
                self.future = lane.executor.submit(_format_given, list(tables))
            except Exception:  # noqa: BLE001 — that process is gone: a new one below
                self.future = None
            else:
                self.lane = lane
                lane.users += 1
                return
        executor, _method = one_worker_pool()
        if executor is None:
            return
        _ASIDE = tables
        try:
            self.future = executor.submit(_format_aside, list(range(len(tables))))
            self.lane = _Lane(executor)
        except Exception:  # noqa: BLE001 — no process: formatted by the caller
            executor.shutdown(wait=True, cancel_futures=True)
        finally:
            _ASIDE = None

    def texts(self) -> list[str] | None:
        if self.future is None:
            return None
        try:
            got = self.future.result()
        except Exception:  # noqa: BLE001 — the process failed, or the tables could not be handed over: formatted by the caller
            got = None
        self.lane.release()  # the last TextAside of the process ends it
        self.future = self.lane = None
        return got if got is not None and len(got) == self.n else None


def readable_texts(tables: list[tuple[str | None, pd.DataFrame]], jobs: int = 1,
                   pending: dict[int, TextAside] | None = None) -> list[str]:
    """The :func:`table_text` of each ``(title, table)``. ``pending``: the positions whose text a
    :class:`TextAside` is already making (one TextAside may make several: the tables it was given are those
    of its positions, in their order). With ``jobs`` ≥ 2 and enough cells among the others
    (:func:`aside_choice`), some of those are formatted by one forked process while this one formats the rest
    (the same text: the same function on the same tables). Where no process can be forked, or the other
    process fails, this process formats them."""
    pending = dict(pending or {})  # (a pending table may be a function that makes it: see :class:`Output`)
    rest = [i for i in range(len(tables)) if i not in pending]
    picked = [rest[k] for k in aside_choice([tables[i] for i in rest])] if jobs >= 2 else []
    aside = TextAside([tables[i] for i in picked]) if picked else None
    if aside is not None and aside.future is None:
        aside = None
    mine = [i for i in rest if aside is None or i not in picked]
    texts: dict[int, str] = {i: table_text(tables[i][1], tables[i][0]) for i in mine}
    waits: dict[int, tuple[list[int], TextAside]] = {}
    for i in sorted(pending):  # one TextAside may make several tables (in the order of their positions)
        waits.setdefault(id(pending[i]), ([], pending[i]))[0].append(i)
    for where, proc in [*waits.values(), *([(picked, aside)] if aside is not None else [])]:
        got = proc.texts()
        if got is not None:
            texts.update(zip(where, got))
    return [texts[i] if i in texts else table_text(_table(df), title) for i, (title, df) in enumerate(tables)]


def print_readable(out: Output, jobs: int = 1) -> None:
    """The readable form of ``out``: its text or table, then each of ``extra`` after an empty line; with
    ``jobs`` ≥ 2 a large output's tables are formatted in two processes (:func:`readable_texts`)."""
    first = [] if out.text is not None else [(out.title, out.view if out.view is not None else out.table)]
    tables = first + list(out.extra)
    shift = 0 if first else 1  # positions of ``pending`` count the text's place
    texts = readable_texts(tables, jobs, {i - shift: p for i, p in out.pending.items()})
    if out.text is not None:
        print(out.text, end="" if out.text.endswith("\n") else "\n")
    for i, text in enumerate(texts):
        if i or out.text is not None:
            print()
        sys.stdout.write(text)


def emit(out: Output, fmt: str, jobs: int = 1) -> None:
    """Print an :class:`Output` as a readable table (default), JSON or CSV; notes go to stderr. ``jobs`` ≥ 2
    lets a large readable output be formatted in two processes (:func:`print_readable`)."""
    for n in out.notes:
        note(n)
    if fmt == "json":
        print_json(out.payload())
    elif fmt == "csv":
        out.table.to_csv(sys.stdout, index=False)
    elif fmt == "table":
        print_readable(out, jobs)
    else:
        raise ZhDiscourseError(f"unknown output format {fmt!r}")


def command(compute):
    """An argparse ``func`` from a ``compute(args, speech) -> Output``: load the text, compute, print."""
    def run(args) -> int:
        emit(compute(args, load_speech_arg(args.path)), getattr(args, "fmt", "table"))
        return 0

    run.compute = compute
    run.__name__ = getattr(compute, "__name__", "run")
    run.__doc__ = compute.__doc__
    return run
