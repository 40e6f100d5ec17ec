"""Commands of the token area: ``tokens``, ``kwic``, ``freq``, ``ngrams``, ``collocations``,
``dispersion`` and ``dictchanges``. Each prints a table by default, or ``--json`` / ``--csv``.

``tokens PATH --json`` prints ``{"tokens": [{"text", "pos", "start", "end", "sentence", "section"}, …]}``
(``section`` is null outside the parts); the table and CSV forms give every column of the token
table.
"""

from __future__ import annotations

import argparse

import pandas as pd

from ..text.corpus import is_corpus_path
from .common import add_format, add_path, emit, load_speech_arg, print_json
from ..errors import ZhDiscourseError

UNITS = ("section", "subsection", "sentence")


def _positive(v: str) -> int:
    try:
        n = int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def _table(speech, args) -> pd.DataFrame:
    from ..tokenize.table import tokens

    return tokens(speech, cache=not getattr(args, "no_cache", False))


def cmd_tokens(args) -> int:
    speech = load_speech_arg(args.path)
    df = _table(speech, args)
    if args.fmt == "json":
        recs = [
            {"text": t, "pos": p, "start": int(a), "end": int(b), "sentence": int(s),
             "section": sec if isinstance(sec, str) else None}
            for t, p, a, b, s, sec in zip(df["token"], df["pos"], df["start"], df["end"], df["sentence"],
                                          df["section"])
        ]
        print_json({"tokens": recs})
        return 0
    emit(df, args.fmt)
    return 0


def cmd_kwic(args) -> int:
    from ..stats.concordance import kwic

    speech = load_speech_arg(args.path)
    df = kwic(speech, args.term, window=args.window, regex=args.regex, table=_table(speech, args))
    emit(df, args.fmt, json_key="kwic", title=f"{len(df)} matches of {args.term!r}" if args.fmt == "table" else None)
    return 0


def cmd_freq(args) -> int:
    from ..stats.frequency import frequencies

    if is_corpus_path(args.path):
        from .corpus import corpus_freq_command

        return corpus_freq_command(args)
    if args.by in ("year", "doc"):
        raise ZhDiscourseError(f"--by {args.by} needs a corpus (a .jsonl file or a folder of .txt files)")
    speech = load_speech_arg(args.path)
    df = frequencies(_table(speech, args), by=args.by, drop_stopwords=args.no_stopwords, drop_num=args.no_numbers,
                     top=args.top)
    emit(df, args.fmt, json_key="frequencies")
    return 0


def cmd_ngrams(args) -> int:
    from ..stats.frequency import ngrams

    speech = load_speech_arg(args.path)
    ns = args.n or [2, 3, 4]
    if any(k < 2 or k > 10 for k in ns):
        raise ZhDiscourseError("n must be between 2 and 10")
    df = ngrams(_table(speech, args), ns, by=args.by, drop_stopwords=args.no_stopwords,
                min_count=args.min_count, top=args.top)
    emit(df, args.fmt, json_key="ngrams")
    return 0


def cmd_collocations(args) -> int:
    from ..stats.collocation import collocations

    speech = load_speech_arg(args.path)
    df = collocations(_table(speech, args), window=args.window, min_freq=args.min_freq, measure=args.measure,
                      drop_stopwords=not args.keep_stopwords, top=args.top)
    emit(df, args.fmt, json_key="collocations")
    return 0


def cmd_dispersion(args) -> int:
    from ..stats.concordance import dispersion

    speech = load_speech_arg(args.path)
    df = dispersion(speech, args.terms, regex=args.regex)
    if args.fmt == "json":
        print_json({"dispersion": df, "boundaries": df.attrs["boundaries"]})
        return 0
    emit(df, args.fmt)
    return 0


def cmd_dictchanges(args) -> int:
    from ..tokenize.dictionary import dictionary_changes

    speech = load_speech_arg(args.path)
    df = dictionary_changes(speech)
    if args.top is not None:
        df = df.head(args.top)
    emit(df, args.fmt, json_key="changes")
    return 0


def _common(p, *, top_default: int | None | bool = None) -> None:
    add_path(p)
    add_format(p)
    p.add_argument("--no-cache", action="store_true", help="rebuild the token table instead of using the cache")
    if top_default is not False:
        p.add_argument("--top", type=_positive, default=top_default, metavar="N",
                       help="show the first N rows (per unit)" + (f"; default {top_default}" if top_default else ""))


def register(sub) -> None:
    p = sub.add_parser("tokens", help="the token table: tokens, POS tags, offsets, sentence and part")
    _common(p, top_default=False)
    p.set_defaults(func=cmd_tokens)

    p = sub.add_parser("kwic", help="keyword in context (a term, several tokens, or a regular expression)")
    add_path(p)
    p.add_argument("term", metavar="TERM", help="the search term (matched in the raw text)")
    p.add_argument("--window", type=_positive, default=10, metavar="N", help="tokens of context per side (10)")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    add_format(p)
    p.add_argument("--no-cache", action="store_true", help="rebuild the token table instead of using the cache")
    p.set_defaults(func=cmd_kwic)

    p = sub.add_parser("freq", help="word frequency list, overall or per part")
    _common(p, top_default=30)
    p.add_argument("--by", choices=UNITS + ("year", "doc"), default=None,
                   help="one list per unit (year/doc for a corpus: a .jsonl file or a folder of .txt files)")
    p.add_argument("--no-stopwords", action="store_true", help="leave stopwords out of the counts")
    p.add_argument("--no-numbers", action="store_true", help="leave numerals out of the counts")
    p.set_defaults(func=cmd_freq)

    p = sub.add_parser("ngrams", help="n-grams (2–4 tokens inside a clause)")
    _common(p, top_default=20)
    p.add_argument("-n", type=int, action="append", metavar="N", choices=(2, 3, 4),
                   help="n-gram length, 2 to 4 (repeatable; default 2 3 4)")
    p.add_argument("--by", choices=UNITS, default=None, help="one list per unit")
    p.add_argument("--no-stopwords", action="store_true", help="drop n-grams that start or end with a stopword")
    p.add_argument("--min-count", type=_positive, default=2, metavar="N", help="minimum count (2)")
    p.set_defaults(func=cmd_ngrams)

    p = sub.add_parser("collocations", help="collocations by log-likelihood or PMI")
    _common(p, top_default=30)
    p.add_argument("--measure", choices=("llr", "pmi"), default="llr", help="sort by this measure (llr)")
    p.add_argument("--window", type=int, default=1, metavar="N", help="pair tokens up to N apart in a clause (1)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N", help="minimum pair count (3)")
    p.add_argument("--keep-stopwords", action="store_true", help="keep pairs that contain a stopword")
    p.set_defaults(func=cmd_collocations)

    p = sub.add_parser("dispersion", help="positions of terms along the text, with part boundaries")
    add_path(p)
    p.add_argument("terms", metavar="TERM", nargs="+", help="terms (matched in the raw text)")
    p.add_argument("--regex", action="store_true", help="the terms are regular expressions")
    add_format(p)
    p.set_defaults(func=cmd_dispersion)

    p = sub.add_parser("dictchanges", help="what the domain user dictionary changes in the segmentation")
    _common(p, top_default=None)
    p.set_defaults(func=cmd_dictchanges)

