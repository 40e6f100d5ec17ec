"""Commands of the statistics stage: ``tfidf``, ``keyness``, ``topics``, ``similarity`` and ``contrast``.

Each works on any text that :mod:`zhdiscourse.text.structure` parses. Where the requested units do not
exist (a text with fewer than two parts or sub-points) the command falls back to the next finer unit
(:func:`zhdiscourse.text.model.choose_unit`, the one rule for this) and says so on stderr, or stops
with a one-line :class:`~zhdiscourse.errors.ZhDiscourseError` explaining why it cannot run.
``keyness PATH --reference CORPUS`` compares the whole text with a reference corpus instead.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ZhDiscourseError
from ..stats.comparison import contrast
from ..stats.cosine import similarity
from ..stats.keywords import keyness, top_keywords
from ..stats.reference import reference_keyness
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
from ..stats.weighting import compare_with_jieba, top_terms
from ..text.corpus import open_corpus
from ..text.model import UNIT_NAMES, choose_unit, count_units
from ..tokenize.table import tokens
from ..tokenize.units import documents
from .common import Output, add_by, add_format, add_path, command, positive, probability, unit_word

UNIT_CHOICES = ("section", "subsection", "segment", "sentence")


def _unit(speech, by: str, fallbacks: tuple[str, ...], what: str, hint: str = "") -> tuple[str, list[str]]:
    try:
        unit, why = choose_unit(speech, by, fallbacks)
    except ZhDiscourseError as exc:
        raise ZhDiscourseError(f"{what}: {exc}{hint}") from None
    return unit, [f"{what}: {why}"] if why else []


def compute_tfidf(args, speech) -> Output:
    by, notes = _unit(speech, args.by, ("subsection", "sentence") if args.by == "section" else ("sentence",),
                      "tfidf")
    toks = tokens(speech)
    if args.jieba:
        df = compare_with_jieba(toks, speech, by=by, top=args.top)
    else:
        df = top_terms(toks, by=by, top=args.top, speech=speech)
    return Output(table=df, json_key="tfidf", title=f"TF-IDF top {args.top} terms per {unit_word(by)}", notes=notes)


def _top_both(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` strongest positive and negative keys of each unit, units in text order."""
    table = pd.concat([top_keywords(table, n, direction="+"), top_keywords(table, n, direction="-")],
                      ignore_index=True)
    if "doc" not in table.columns:
        return table
    order = {d: i for i, d in enumerate(dict.fromkeys(table["doc"]))}
    return table.assign(_o=table["doc"].map(order), _d=(table["direction"] == "-")) \
        .sort_values(["_o", "_d", "g2"], ascending=[True, True, False], kind="stable") \
        .drop(columns=["_o", "_d"]).reset_index(drop=True)


def _test_note(table: pd.DataFrame) -> str:
    """What the p-values of a keyness table come from, for its title."""
    a = table.attrs
    test = "Fisher's exact test" if a.get("test") == "fisher" else "G² 4-term"
    floor = f", expected counts below {a['min_expected']:g} flagged" if a.get("min_expected") is not None else ""
    family = "; one correction family for all units" if a.get("family") == "pooled" else ""
    return f"{test}{floor}{family}"


def compute_keyness(args, speech) -> Output:
    if getattr(args, "reference", None):
        return compute_reference_keyness(args, speech)
    by, notes = _unit(speech, args.by, ("subsection",), "keyness (each unit against the rest)",
                      " (for a text without parts, try: zhdiscourse tfidf PATH --by sentence)")
    table = keyness(tokens(speech), by=by, speech=speech, target=args.target, min_freq=args.min_freq,
                    correction=args.correction, alpha=args.alpha)
    note = _test_note(table)
    if not args.all:
        table = _top_both(table, args.top)
    cols = ["doc", "term", "direction", "freq", "freq_ref", "expected", "g2", "chi2", "log_ratio", "p_adj",
            "significant"]
    return Output(table=table, json_key="keyness", view=table[cols].round(4), notes=notes,
                  title=(f"Keyness of each {unit_word(by)} against the rest ({note}, min freq {args.min_freq}, "
                         f"correction {args.correction})"))


def compute_reference_keyness(args, speech) -> Output:
    """``keyness SPEECH --reference CORPUS``: the speech against the reference documents (reports by
    default; ``--kind all`` for every document)."""
    corpus = open_corpus(args.reference)
    kind = getattr(args, "kind", "report")
    kind = None if kind == "all" else kind
    table = reference_keyness(speech, corpus, kind=kind, min_freq=args.min_freq, correction=args.correction,
                              alpha=args.alpha)
    note = _test_note(table)
    if not args.all:
        table = _top_both(table, args.top or 10)
    cols = ["term", "direction", "freq", "freq_ref", "per_1k", "per_1k_ref", "g2", "log_ratio", "p_adj",
            "significant"]
    return Output(table=table, json_key="keyness", view=table[cols].round(4),
                  title=(f"Keyness of the speech against {args.reference} ({note}, min freq {args.min_freq}, "
                         f"correction {args.correction})"))


def compute_topics(args, speech) -> Output:
    toks = tokens(speech)
    by, notes = args.by, []
    if by in ("subsection", "segment") and count_units(speech, by) < 2:
        notes.append(f"the text has {count_units(speech, by)} {UNIT_NAMES[by]}; topics use windows of "
                     f"{args.window} sentences")
        by = "window"
    if args.choose_k:
        table = choose_k(toks, by=by, speech=speech, window=args.window)
        chosen = select_k(table)
        return Output(table=table.assign(chosen=table["k"] == chosen), notes=notes, view=table.round(4),
                      json={"by": by, "chosen_k": chosen, "choose_k": table},
                      title=f"Measured criteria per k ({unit_word(by)} documents); chosen k = {chosen}")
    k = args.k if args.k is not None else DEFAULT_K
    n_docs = len(documents(toks, by, speech=speech, window=args.window))
    if n_docs < 2 or k > n_docs:
        raise ZhDiscourseError(f"cannot fit {k} topics on {n_docs} document(s) ({unit_word(by)}); the text is too short "
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
    extra = []
    if shares is not None:
        piv = shares.pivot(index="section", columns="topic", values="share")
        piv = piv.reindex(list(dict.fromkeys(shares["section"])))
        piv.columns = [f"T{c}" for c in piv.columns]
        extra.append(("Topic share in each part", piv.reset_index().round(3)))
    payload = {"k": k, "by": by, "documents": int(n_docs), "topics": terms, "summary": words,
               "shares": shares if shares is not None else [], "doc_topics": doc_topics(model),
               "stability": stability_score(stab)}
    return Output(table=terms.merge(per_topic, on="topic"), json=payload, view=words.round(3), extra=extra,
                  notes=notes, title=(f"NMF topics (k={k}, {n_docs} {unit_word(by)} documents); overall stability "
                                      f"{stability_score(stab):.3f} (mean matched cosine over "
                                      f"{stab['seed'].nunique()} restarts)"))


def compute_similarity(args, speech) -> Output:
    by, notes = _unit(speech, args.by, ("subsection", "sentence"), "similarity")
    df = similarity(tokens(speech), by=by, speech=speech)
    return Output(table=df, json_key="similarity", view=df.round(4), notes=notes,
                  title=f"Cosine similarity of TF-IDF vectors (per {unit_word(by)})")


def compute_contrast(args, speech) -> Output:
    if count_units(speech, args.by) < 2:
        raise ZhDiscourseError(f"contrast compares two {UNIT_NAMES[args.by]}; the text has "
                               f"{count_units(speech, args.by)} (try --by sub-point or --by sentence)")
    df = contrast(tokens(speech), args.a, args.b, by=args.by, speech=speech, min_freq=args.min_freq, top=args.top)
    if not args.all:
        df = df[df["label"] != ""].reset_index(drop=True)
    return Output(table=df, json_key="contrast", view=df.round(4),
                  title=f"{args.a} against {args.b}: most distinctive terms (scaled F-score)")


def register(sub) -> None:
    p = sub.add_parser("tfidf", help="top TF-IDF terms per part, sub-point or sentence")
    add_path(p)
    add_by(p, UNIT_CHOICES, "section", "the documents TF-IDF weighs terms across")
    p.add_argument("--top", type=positive, default=10, metavar="N", help="terms per document (default 10)")
    p.add_argument("--jieba", action="store_true", help="show jieba.analyse.extract_tags side by side")
    add_format(p)
    p.set_defaults(func=command(compute_tfidf))

    p = sub.add_parser("keyness", help="keyness (G², chi², log ratio) of each part against the rest, "
                       "or of the whole text against a reference corpus (--reference)")
    add_path(p)
    p.add_argument("--reference", metavar="CORPUS", default=None,
                   help="compare the text with a reference corpus (.jsonl or folder of .txt) instead of part vs rest")
    p.add_argument("--kind", choices=("report", "resolution", "text", "all"), default="report",
                   help="with --reference: documents of this kind (default report)")
    add_by(p, UNIT_CHOICES, "section", "the units, each tested against the rest of the text")
    p.add_argument("--target", metavar="UNIT", default=None,
                   help="only this unit, by its label as the tables show it (e.g. 三; default: every unit)")
    p.add_argument("--min-freq", type=positive, default=5, metavar="N",
                   help="test only terms seen at least N times in unit + rest (default 5)")
    p.add_argument("--correction", choices=("bh", "bonferroni", "none"), default="bh",
                   help="multiple-testing correction of the p-values (default bh: Benjamini-Hochberg)")
    p.add_argument("--alpha", type=probability, default=0.05, metavar="P",
                   help="significance level after the correction (default 0.05)")
    p.add_argument("--top", type=positive, default=10, metavar="N",
                   help="positive and negative keys per unit (default 10)")
    p.add_argument("--all", action="store_true", help="every tested term, not only the top ones")
    add_format(p)
    p.set_defaults(func=command(compute_keyness))

    p = sub.add_parser("topics", help="NMF topics over sub-points (or sentence windows)")
    add_path(p)
    p.add_argument("--k", type=positive, default=None, metavar="N",
                   help=f"number of topics (default {DEFAULT_K}, measured on the study's speech; "
                   "--choose-k measures it on yours)")
    add_by(p, ("segment", "subsection", "window", "section", "sentence"), "segment",
           "the documents the topics are fitted on (segment = the sub-points and each part's preamble; "
           "window = runs of --window sentences)")
    p.add_argument("--window", type=positive, default=5, metavar="N",
                   help="sentences per window for --by window (default 5)")
    p.add_argument("--top", type=positive, default=10, metavar="N", help="words per topic (default 10)")
    p.add_argument("--choose-k", action="store_true", help="measure error, coherence and stability per k")
    add_format(p)
    p.set_defaults(func=command(compute_topics))

    p = sub.add_parser("similarity", help="cosine similarity of TF-IDF vectors between parts or sub-points")
    add_path(p)
    add_by(p, UNIT_CHOICES, "section", "the units compared pairwise")
    add_format(p)
    p.set_defaults(func=command(compute_similarity))

    p = sub.add_parser("contrast", help="two units term by term (relative frequency, scaled F-score)")
    add_path(p)
    p.add_argument("a", metavar="A", help="first unit, by its label as the tables show it, e.g. 二")
    p.add_argument("b", metavar="B", help="second unit, e.g. 三")
    add_by(p, UNIT_CHOICES, "section", "the kind of unit A and B are")
    p.add_argument("--min-freq", type=positive, default=3, metavar="N",
                   help="only terms seen at least N times in A and B together (default 3)")
    p.add_argument("--top", type=positive, default=15, metavar="N", help="labelled terms per side (default 15)")
    p.add_argument("--all", action="store_true", help="every term, not only the labelled ones")
    add_format(p)
    p.set_defaults(func=command(compute_contrast))
