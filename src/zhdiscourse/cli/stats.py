"""Commands: ``tfidf``, ``keyness``, ``topics``, ``similarity`` and ``contrast``.

Each works on any text that :mod:`zhdiscourse.text.structure` parses. Where the requested units do not
exist (a text with no parts or no sub-points) the command falls back to the next finer unit and says
so on stderr, or stops with a one-line :class:`~zhdiscourse.errors.ZhDiscourseError` explaining why
it cannot run.
"""

from __future__ import annotations

import sys

from .common import add_format, add_path, emit, load_speech_arg, print_json, print_table
from ..errors import ZhDiscourseError

UNIT_CHOICES = ("section", "subsection", "sentence")


def _note(msg: str) -> None:
    print(f"zhdiscourse: note: {msg}", file=sys.stderr)


def _has(speech, by: str) -> int:
    if by == "section":
        return len(speech.sections)
    if by == "subsection":
        return len(speech.subsections)
    if by == "sentence":
        return sum(1 for s in speech.sentences if not s.is_heading)
    return 0


def _resolve(speech, by: str, chain: tuple[str, ...], *, need: int = 1, what: str = "this command",
             hint: str = "") -> str:
    """``by`` if the text has at least ``need`` such units, else the first unit of ``chain`` that has."""
    from ..stats.weighting import UNIT_NAMES

    if _has(speech, by) >= need:
        return by
    for alt in chain:
        if alt != by and _has(speech, alt) >= need:
            _note(f"the text has {_has(speech, by)} {UNIT_NAMES[by]}; {what} uses {UNIT_NAMES[alt]} instead")
            return alt
    found = ", ".join(f"{_has(speech, u)} {UNIT_NAMES[u]}" for u in (by,) + tuple(c for c in chain if c != by))
    raise ZhDiscourseError(f"{what} needs at least {need} units; the text has {found}{hint}")


def _load(path):
    from ..tokenize.table import tokens

    speech = load_speech_arg(path)
    toks = tokens(speech)
    return speech, toks


def cmd_tfidf(args) -> int:
    from ..stats.weighting import compare_with_jieba, top_terms

    speech, toks = _load(args.path)
    by = _resolve(speech, args.by, ("subsection", "sentence") if args.by == "section" else ("sentence",),
                  what="tfidf")
    if args.jieba:
        df = compare_with_jieba(toks, speech, by=by, top=args.top)
    else:
        df = top_terms(toks, by=by, top=args.top, speech=speech)
    emit(df, args.fmt, json_key="tfidf", title=f"TF-IDF top {args.top} terms per {by}")
    return 0


def cmd_keyness(args) -> int:
    from ..stats.keywords import keyness, top_keywords

    if getattr(args, "reference", None):
        from .corpus import reference_keyness_command

        return reference_keyness_command(args)
    speech, toks = _load(args.path)
    by = _resolve(speech, args.by, ("subsection",), need=2, what="keyness (each unit against the rest)",
                  hint=" (for a text without parts, try: zhdiscourse tfidf PATH --by sentence)")
    table = keyness(toks, by=by, speech=speech, target=args.target, min_freq=args.min_freq,
                    correction=args.correction, alpha=args.alpha)
    if not args.all:
        import pandas as pd

        table = pd.concat([top_keywords(table, args.top, direction="+"),
                           top_keywords(table, args.top, direction="-")], ignore_index=True)
        order = {d: i for i, d in enumerate(dict.fromkeys(table["doc"]))}
        table = table.assign(_o=table["doc"].map(order), _d=(table["direction"] == "-")) \
            .sort_values(["_o", "_d", "g2"], ascending=[True, True, False], kind="stable") \
            .drop(columns=["_o", "_d"]).reset_index(drop=True)
    if args.fmt == "table":
        cols = ["doc", "term", "direction", "freq", "freq_ref", "expected", "g2", "chi2", "log_ratio", "p_adj",
                "significant"]
        title = (f"Keyness of each {by} against the rest (G² 4-term, min freq {args.min_freq}, "
                 f"correction {args.correction})")
        print_table(table[cols].round(4), title)
    else:
        emit(table, args.fmt, json_key="keyness")
    return 0


def cmd_topics(args) -> int:
    from ..stats.topics import (
        DEFAULT_K,
        choose_k,
        doc_topics,
        fit_topics,
        select_k,
        stability,
        stability_score,
        topic_shares,
        topic_terms,
    )
    from ..stats.weighting import documents

    speech, toks = _load(args.path)
    by = args.by
    if by == "subsection" and _has(speech, "subsection") < 2:
        _note(f"the text has {_has(speech, 'subsection')} sub-points; topics use windows of {args.window} sentences")
        by = "window"
    if args.choose_k:
        table = choose_k(toks, by=by, speech=speech, window=args.window)
        chosen = select_k(table)
        if args.fmt == "json":
            print_json({"by": by, "chosen_k": chosen, "choose_k": table})
        elif args.fmt == "csv":
            table.assign(chosen=table["k"] == chosen).to_csv(sys.stdout, index=False)
        else:
            print_table(table.round(4), f"Measured criteria per k ({by}); chosen k = {chosen}")
        return 0
    k = args.k if args.k is not None else DEFAULT_K
    n_docs = len(documents(toks, by, speech=speech, window=args.window))
    if n_docs < 2 or k > n_docs:
        raise ZhDiscourseError(f"cannot fit {k} topics on {n_docs} document(s) ({by}); the text is too short "
                               "or use a smaller --k / --window")
    model = fit_topics(toks, k=k, by=by, speech=speech, window=args.window)
    terms = topic_terms(model, args.top)
    words = terms.groupby("topic")["term"].apply(" ".join).reset_index().rename(columns={"term": "top_terms"})
    stab = stability(k=k, result=model.tfidf, reference=model)
    per_topic = stab.groupby("topic")["cosine"].agg(["mean", "min"]).reset_index() \
        .rename(columns={"mean": "stability_mean", "min": "stability_min"})
    words = words.merge(per_topic, on="topic")
    try:
        shares = topic_shares(model)
    except ZhDiscourseError:
        shares = None
    if args.fmt == "json":
        print_json({"k": k, "by": by, "documents": int(n_docs), "topics": terms, "summary": words,
                    "shares": shares if shares is not None else [], "doc_topics": doc_topics(model),
                    "stability": stability_score(stab)})
        return 0
    if args.fmt == "csv":
        # one tidy table: a topic's top terms with their weights, plus its stability
        terms.merge(per_topic, on="topic").to_csv(sys.stdout, index=False)
        return 0
    print_table(words.round(3), f"NMF topics (k={k}, {n_docs} {by} documents); overall stability "
                                f"{stability_score(stab):.3f} (mean matched cosine over {stab['seed'].nunique()} restarts)")
    if shares is not None:
        print()
        piv = shares.pivot(index="section", columns="topic", values="share")
        piv = piv.reindex(list(dict.fromkeys(shares["section"])))
        piv.columns = [f"T{c}" for c in piv.columns]
        print_table(piv.reset_index().round(3), "Topic share in each part")
    return 0


def cmd_similarity(args) -> int:
    from ..stats.cosine import similarity

    speech, toks = _load(args.path)
    by = _resolve(speech, args.by, ("subsection", "sentence"), need=2, what="similarity")
    df = similarity(toks, by=by, speech=speech)
    emit(df.round(4) if args.fmt == "table" else df, args.fmt, json_key="similarity",
         title=f"Cosine similarity of TF-IDF vectors ({by})")
    return 0


def cmd_contrast(args) -> int:
    from ..stats.comparison import contrast

    speech, toks = _load(args.path)
    if _has(speech, args.by) < 2:
        from ..stats.weighting import UNIT_NAMES

        raise ZhDiscourseError(f"contrast compares two {UNIT_NAMES[args.by]}; the text has "
                               f"{_has(speech, args.by)} (try --by subsection or --by sentence)")
    df = contrast(toks, args.a, args.b, by=args.by, speech=speech, min_freq=args.min_freq, top=args.top)
    if not args.all:
        df = df[df["label"] != ""].reset_index(drop=True)
    emit(df.round(4) if args.fmt == "table" else df, args.fmt, json_key="contrast",
         title=f"{args.a} against {args.b}: most distinctive terms (scaled F-score)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("tfidf", help="top TF-IDF terms per part, sub-point or sentence")
    add_path(p)
    p.add_argument("--by", choices=UNIT_CHOICES, default="section", help="documents (default: section)")
    p.add_argument("--top", type=int, default=10, help="terms per document (default 10)")
    p.add_argument("--jieba", action="store_true", help="show jieba.analyse.extract_tags side by side")
    add_format(p)
    p.set_defaults(func=cmd_tfidf)

    p = sub.add_parser("keyness", help="keyness (G², chi², log ratio) of each part against the rest, "
                       "or of the whole text against a reference corpus (--reference)")
    add_path(p)
    p.add_argument("--reference", metavar="CORPUS", default=None,
                   help="compare the text with a reference corpus (.jsonl or folder of .txt) instead of part vs rest")
    p.add_argument("--by", choices=UNIT_CHOICES, default="section", help="units (default: section)")
    p.add_argument("--target", default=None, help="only this unit (e.g. 三)")
    p.add_argument("--min-freq", type=int, default=5, help="minimum frequency in unit + rest (default 5)")
    p.add_argument("--correction", choices=("bh", "bonferroni", "none"), default="bh",
                   help="multiple-testing correction (default: Benjamini-Hochberg)")
    p.add_argument("--alpha", type=float, default=0.05)
    p.add_argument("--top", type=int, default=10, help="positive and negative keys per unit (default 10)")
    p.add_argument("--all", action="store_true", help="every tested term, not only the top ones")
    add_format(p)
    p.set_defaults(func=cmd_keyness)

    p = sub.add_parser("topics", help="NMF topics over sub-points (or sentence windows)")
    add_path(p)
    p.add_argument("--k", type=int, default=None, help="number of topics (default: topics.DEFAULT_K)")
    p.add_argument("--by", choices=("subsection", "window", "section", "sentence"), default="subsection")
    p.add_argument("--window", type=int, default=5, help="sentences per window for --by window (default 5)")
    p.add_argument("--top", type=int, default=10, help="words per topic (default 10)")
    p.add_argument("--choose-k", action="store_true", help="measure error, coherence and stability per k")
    add_format(p)
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("similarity", help="cosine similarity of TF-IDF vectors between parts or sub-points")
    add_path(p)
    p.add_argument("--by", choices=UNIT_CHOICES, default="section")
    add_format(p)
    p.set_defaults(func=cmd_similarity)

    p = sub.add_parser("contrast", help="two units term by term (relative frequency, scaled F-score)")
    add_path(p)
    p.add_argument("a", metavar="A", help="first unit, e.g. 二")
    p.add_argument("b", metavar="B", help="second unit, e.g. 三")
    p.add_argument("--by", choices=UNIT_CHOICES, default="section")
    p.add_argument("--min-freq", type=int, default=3)
    p.add_argument("--top", type=int, default=15, help="labelled terms per side (default 15)")
    p.add_argument("--all", action="store_true", help="every term, not only the labelled ones")
    add_format(p)
    p.set_defaults(func=cmd_contrast)
