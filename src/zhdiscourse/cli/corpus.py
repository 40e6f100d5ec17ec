"""Corpus commands (a corpus is a JSONL file or a folder of ``.txt`` files):

``zhdiscourse corpus PATH [--kind K] [--json|--csv]``
    the documents, one row each, with year, kind, characters, script (traditional?) and the parts
    and sub-points the structure parser finds;
``zhdiscourse trend CORPUS TERM... [--speech PATH] [--kind K] [--json|--csv]``
    relative frequency of each term per document, per 1,000 characters (see
    :func:`zhdiscourse.stats.reference.term_trend`); the table form has one column per term;
``zhdiscourse corpus-freq CORPUS [--by year|doc|all] [--top N] [--jobs N] [--scheduler ADDRESS] …``
    frequency lists per year, per document or for the whole corpus
    (:func:`zhdiscourse.stats.reference.corpus_freq`);
``zhdiscourse corpus-export CORPUS --out DIR [--no-tables] [--no-profiles] [--kind K] [--jobs N] [--scheduler ADDRESS]``
    streams every document's token table, token counts and rhetorical profile to Parquet files in DIR
    (:func:`zhdiscourse.patterns.profile.stream_corpus`), in constant memory, for a corpus of any size.

``--scheduler ADDRESS`` sends the work to a Dask cluster (``tcp://host:8786``; see ``docs/cluster.md``);
without it the work runs on this machine with Dask's local scheduler (``--jobs`` worker processes).

:func:`corpus_freq_command` also serves ``freq CORPUS --by year|doc`` (:mod:`zhdiscourse.cli` sends a
``freq`` on a corpus here).
"""

from __future__ import annotations

from ..errors import ZhDiscourseError
from ..patterns.profile import stream_corpus
from ..stats.reference import corpus_freq, term_trend, trend_wide
from ..text.corpus import is_corpus_path, open_corpus
from ..text.structure import load_speech
from ..text.survey import structure_table
from .common import Output, add_format, add_token_filters, emit, freq_filters, positive, unit_word


def cmd_corpus(args) -> int:
    corpus = open_corpus(args.path)
    if args.kind:
        corpus = corpus.filter(args.kind)
    table = structure_table(corpus)
    meta = corpus.to_frame(text=False).set_index("id")
    table.insert(2, "title", table["id"].map(meta["title"]))
    cols = ["id", "year", "kind", "title", "chars", "script", "parts", "part_style", "subpoints",
            "sub_styles", "sentences", "unused"]
    view = table[cols].assign(title=table["title"].str.slice(0, 24))
    emit(Output(table=table, json_key="documents", view=view,
                title=f"{len(corpus)} documents, {int(table['chars'].sum()) if len(table) else 0} characters"),
         args.fmt)
    return 0


def _kind(args, corpus=None) -> str | None:
    """``--kind``: ``all``/missing → every document; ``auto`` → the reports when the corpus has any,
    else every document (a folder of .txt files has kind ``text``)."""
    k = getattr(args, "kind", None)
    if k == "auto":
        return "report" if corpus is not None and any(d.kind == "report" for d in corpus) else None
    return None if k in (None, "all") else k


def cmd_trend(args) -> int:
    corpus = open_corpus(args.corpus)
    speech = load_speech(args.speech) if getattr(args, "speech", None) else None
    trend = term_trend(corpus, args.terms, speech=speech, kind=_kind(args, corpus))
    emit(Output(table=trend, json_key="trend", view=trend_wide(trend).round(3),
                title=f"Occurrences per 1,000 characters (body, non-whitespace) in {trend['doc'].nunique()} documents"),
         args.fmt)
    return 0


def corpus_freq_command(args) -> int:
    """``freq CORPUS [--by year|doc] [--top N] [--all-tokens …]`` for a corpus path (``args.path`` or
    ``args.corpus``): content words by default, as ``freq`` on one text; ``--by`` of a single text
    (part …) is refused."""
    path = getattr(args, "corpus", None) or args.path
    by = getattr(args, "by", "year")
    if by == "all":
        by = None
    if by not in (None, "year", "doc"):
        raise ZhDiscourseError(f"a corpus is grouped --by year or doc, not {unit_word(by)!r}")
    corpus = open_corpus(path)
    drop_stop, drop_num = freq_filters(args)
    df = corpus_freq(corpus, by=by, top=getattr(args, "top", None), kind=_kind(args),
                     drop_stopwords=drop_stop, drop_num=drop_num,
                     jobs=getattr(args, "jobs", None), cache=not getattr(args, "no_cache", False),
                     progress=False, scheduler=getattr(args, "scheduler", None))
    emit(Output(table=df, json_key="frequencies"), args.fmt)
    return 0


def cmd_corpus_export(args) -> int:
    """``corpus-export CORPUS --out DIR``: stream the per-document results to Parquet."""
    import pandas as pd

    if not is_corpus_path(args.corpus):
        raise ZhDiscourseError(f"{args.corpus}: a corpus is a .jsonl file or a folder of .txt files")
    summary = stream_corpus(args.corpus, args.out, tables=not args.no_tables, profiles=not args.no_profiles,
                            kind=None if args.kind in (None, "all") else args.kind, jobs=args.jobs,
                            scheduler=args.scheduler, progress=False)
    files = pd.DataFrame({"file": summary["files"]})
    emit(Output(table=files, json_key="files",
                title=f"{summary['documents']} documents, {summary['chars']} characters, {summary['tokens']} tokens "
                      f"-> {args.out}"), args.fmt)
    return 0


def _add_scheduler(p) -> None:
    p.add_argument("--jobs", type=positive, default=None, metavar="N",
                   help="worker processes on this machine (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="a Dask scheduler to send the work to, e.g. tcp://10.0.0.5:8786 (default: this machine)")


def register(sub) -> None:
    p = sub.add_parser("corpus", help="list the documents of a corpus (JSONL file or folder of .txt)")
    p.add_argument("path", metavar="PATH", help="a .jsonl corpus or a folder of .txt files")
    p.add_argument("--kind", choices=("report", "resolution", "text"), help="only documents of this kind")
    add_format(p)
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("trend", help="relative frequency of terms per document of a corpus, over time")
    p.add_argument("corpus", metavar="CORPUS", help="a .jsonl corpus or a folder of .txt files")
    p.add_argument("terms", metavar="TERM", nargs="+", help="terms (strings) to count")
    p.add_argument("--speech", metavar="PATH", default=None, help="add a speech (text file) as a last row")
    p.add_argument("--kind", choices=("auto", "report", "resolution", "text", "all"), default="auto",
                   help="documents of this kind (default auto: the reports if there are any, else all)")
    add_format(p)
    p.set_defaults(func=cmd_trend)

    p = sub.add_parser("corpus-freq", help="word frequency lists (content words) of a corpus, per year or "
                       "per document")
    p.add_argument("corpus", metavar="CORPUS", help="a .jsonl corpus or a folder of .txt files")
    p.add_argument("--by", choices=("year", "doc", "all"), default="year", help="one list per year (default), "
                   "per document, or one for the whole corpus")
    p.add_argument("--top", type=positive, default=30, metavar="N", help="rows per list (default 30)")
    p.add_argument("--kind", choices=("report", "resolution", "text", "all"), default="all",
                   help="only documents of this kind (default: all)")
    add_token_filters(p)
    _add_scheduler(p)
    p.add_argument("--no-cache", action="store_true", help="rebuild the token tables")
    add_format(p)
    p.set_defaults(func=corpus_freq_command)

    p = sub.add_parser("corpus-export", help="stream token tables, counts and profiles of a corpus to Parquet")
    p.add_argument("corpus", metavar="CORPUS", help="a .jsonl corpus or a folder of .txt files")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the Parquet files")
    p.add_argument("--kind", choices=("report", "resolution", "text", "all"), default="all",
                   help="only documents of this kind (default: all)")
    p.add_argument("--no-tables", action="store_true", help="skip the token tables (counts and profiles only)")
    p.add_argument("--no-profiles", action="store_true", help="skip the rhetorical profiles")
    _add_scheduler(p)
    add_format(p)
    p.set_defaults(func=cmd_corpus_export)
