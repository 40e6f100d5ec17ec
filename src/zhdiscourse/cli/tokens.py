"""Commands of the token stage: ``tokens``, ``kwic``, ``freq``, ``ngrams``, ``collocations``,
``dispersion`` and ``dictchanges``. Each prints a table by default, or ``--json`` / ``--csv``.

``tokens PATH --json`` prints ``{"tokens": [{"text", "pos", "start", "end", "sentence", "section"}, …]}``
(``section`` is null outside the parts); the table and CSV forms give every column of the token
table.

Dictionaries: jieba's own, the user dictionary and, under it, the terms mined from the reference corpora
(:mod:`zhdiscourse.tokenize.dictionary`). The mined layer is off by default; ``--mined`` segments with it.
``dictchanges --layer mined`` lists every token the mined layer alters (``all``, the default: what both
layers change against jieba's dictionary; ``hand``: the user dictionary alone).
"""

from __future__ import annotations

import pandas as pd

from ..errors import ZhDiscourseError
from ..stats.collocation import collocations
from ..stats.concordance import dispersion, kwic
from ..stats.contexts import sort_kwic
from ..stats.frequency import frequencies, ngrams
from ..tokenize.diagnostics import dictionary_changes
from ..tokenize.table import tokens
from .common import Output, add_by, add_format, add_path, add_token_filters, command, freq_filters, non_negative, unit_word

UNITS = ("section", "subsection", "sentence")


def mined_arg(args):
    """The ``mined=`` argument a command's options ask for (``--mined``: the mined layer; else the default, off)."""
    return True if getattr(args, "mined", False) else None


def token_table(speech, args) -> pd.DataFrame:
    """The token table of a command's text (``--no-cache`` rebuilds it, ``--mined`` adds the mined
    terms)."""
    return tokens(speech, cache=not getattr(args, "no_cache", False), mined=mined_arg(args))


def compute_tokens(args, speech) -> Output:
    df = token_table(speech, args)
    view = df[["token", "pos", "start", "end", "sentence", "section"]].rename(columns={"token": "text"})
    view = view.assign(section=view["section"].astype("object").where(view["section"].notna(), None))
    return Output(table=df, json={"tokens": view})


def compute_kwic(args, speech) -> Output:
    table = token_table(speech, args)
    df = kwic(speech, args.term, window=args.window, regex=args.regex, table=table)
    if getattr(args, "sort", None):
        df = sort_kwic(df, args.sort, table)
    return Output(table=df, json_key="kwic", title=f"{len(df)} matches of {args.term!r}"
                  + (f", sorted by {','.join(df.attrs['sorted_by'])}" if getattr(args, "sort", None) else ""))


def _freq_note(drop_stop: bool, drop_num: bool) -> str:
    if drop_stop and drop_num:
        return "content words (stopwords and numerals left out; --all-tokens counts every word)"
    if drop_stop:
        return "words without stopwords (numerals kept)"
    if drop_num:
        return "all words but numerals (stopwords kept)"
    return "all words (stopwords and numerals included)"


def compute_freq(args, speech) -> Output:
    if args.by in ("year", "doc"):
        raise ZhDiscourseError(f"--by {args.by} needs a corpus (a .jsonl file or a folder of .txt files)")
    drop_stop, drop_num = freq_filters(args)
    df = frequencies(token_table(speech, args), by=args.by, drop_stopwords=drop_stop, drop_num=drop_num,
                     top=args.top)
    per = f" per {unit_word(args.by)}" if args.by else ""
    return Output(table=df, json_key="frequencies", title=f"Frequencies{per}: {_freq_note(drop_stop, drop_num)}")


def compute_ngrams(args, speech) -> Output:
    ns = args.n or [2, 3, 4]
    if any(k < 2 or k > 10 for k in ns):
        raise ZhDiscourseError("n must be between 2 and 10")
    df = ngrams(token_table(speech, args), ns, by=args.by, drop_stopwords=args.no_stopwords,
                min_count=args.min_count, top=args.top)
    return Output(table=df, json_key="ngrams")


def compute_collocations(args, speech) -> Output:
    df = collocations(token_table(speech, args), window=args.window, min_freq=args.min_freq, measure=args.measure,
                      drop_stopwords=not args.keep_stopwords, top=args.top)
    return Output(table=df, json_key="collocations")


def compute_dispersion(args, speech) -> Output:
    df = dispersion(speech, args.terms, regex=args.regex)
    return Output(table=df, json={"dispersion": df, "boundaries": df.attrs["boundaries"]})


def compute_dictchanges(args, speech) -> Output:
    df = dictionary_changes(speech, layer=args.layer, mined=mined_arg(args))
    if args.top is not None:
        df = df.head(args.top)
    return Output(table=df, json_key="changes")


def _common(p, *, top_default: int | None | bool = None) -> None:
    add_path(p)
    add_format(p)
    p.add_argument("--no-cache", action="store_true", help="rebuild the token table instead of using the cache")
    add_no_mined(p)
    if top_default is not False:
        p.add_argument("--top", type=non_negative, default=top_default, metavar="N",
                       help="show the first N rows (per unit)" + (f"; default {top_default}" if top_default else ""))


def add_no_mined(p) -> None:
    p.add_argument("--mined", action="store_true",
                   help="also segment with the terms mined from the reference corpora (mined_terms.tsv; off by "
                        "default, see notebook 02 section 2b)")


def register(sub) -> None:
    p = sub.add_parser("tokens", help="the token table: tokens, POS tags, offsets, sentence and part")
    _common(p, top_default=False)
    p.set_defaults(func=command(compute_tokens))

    p = sub.add_parser("kwic", help="keyword in context (a term, several tokens, or a regular expression)")
    add_path(p)
    p.add_argument("term", metavar="TERM", help="the search term (matched in the raw text)")
    p.add_argument("--window", type=non_negative, default=10, metavar="N", help="tokens of context per side (10)")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    p.add_argument("--sort", metavar="KEYS", default=None,
                   help="sort by context words: 1L, 2L, 1R, 2R … or KW, several with commas (e.g. 1R,2R)")
    add_format(p)
    p.add_argument("--no-cache", action="store_true", help="rebuild the token table instead of using the cache")
    add_no_mined(p)
    p.set_defaults(func=command(compute_kwic))

    p = sub.add_parser("freq", help="word frequency list (content words), overall or per part",
                       description="Word frequency list of a text, or of a corpus per year or document. "
                       "By default it counts content words, as the study does (stopwords such as 的 要 和, "
                       "numerals and punctuation left out); --all-tokens counts every word.")
    _common(p, top_default=30)
    add_by(p, UNITS + ("year", "doc"), None,
           "one list per unit; year or doc for a corpus (a .jsonl file or a folder of .txt files)")
    add_token_filters(p)
    p.set_defaults(func=command(compute_freq))

    p = sub.add_parser("ngrams", help="n-grams (2–4 tokens inside a clause)")
    _common(p, top_default=20)
    p.add_argument("-n", type=int, action="append", metavar="N", choices=(2, 3, 4),
                   help="n-gram length, 2 to 4 (repeatable; default 2 3 4)")
    add_by(p, UNITS, None, "one list per unit")
    p.add_argument("--no-stopwords", action="store_true", help="drop n-grams that start or end with a stopword")
    p.add_argument("--min-count", type=non_negative, default=2, metavar="N", help="minimum count (2)")
    p.set_defaults(func=command(compute_ngrams))

    p = sub.add_parser("collocations", help="collocations by log-likelihood or PMI")
    _common(p, top_default=30)
    p.add_argument("--measure", choices=("llr", "pmi"), default="llr", help="sort by this measure (llr)")
    p.add_argument("--window", type=int, default=1, metavar="N", help="pair tokens up to N apart in a clause (1)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N", help="minimum pair count (3)")
    p.add_argument("--keep-stopwords", action="store_true", help="keep pairs that contain a stopword")
    p.set_defaults(func=command(compute_collocations))

    p = sub.add_parser("dispersion", help="positions of terms along the text, with part boundaries")
    add_path(p)
    p.add_argument("terms", metavar="TERM", nargs="+", help="terms (matched in the raw text)")
    p.add_argument("--regex", action="store_true", help="the terms are regular expressions")
    add_format(p)
    p.set_defaults(func=command(compute_dispersion))

    p = sub.add_parser("dictchanges", help="what the dictionary layers change in the segmentation")
    _common(p, top_default=None)
    p.add_argument("--layer", choices=("all", "hand", "mined"), default="all",
                   help="all: both layers against jieba's dictionary (default); hand: the user dictionary "
                        "alone; mined: every token the mined terms alter")
    p.set_defaults(func=command(compute_dictchanges))
