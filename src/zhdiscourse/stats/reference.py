"""The speech against a reference corpus: keyness, TF-IDF with a reference IDF, trends over time,
and the position of the speech among the documents.

Everything here takes data (a :class:`~zhdiscourse.text.structure.Speech` and a
:class:`~zhdiscourse.text.corpus.Corpus`) and returns pandas DataFrames. By default only the documents
of kind ``"report"`` are used as the reference (``kind=None``: every document).

Tokens
    The reference side uses the corpus token tables of :func:`zhdiscourse.tokenize.corpus.token_tables`
    (parallel, cached per document); the speech side :func:`zhdiscourse.tokenize.table.tokens`. Both are
    reduced to *content tokens* with :func:`zhdiscourse.tokenize.table.content_tokens` (no stopwords,
    punctuation or numerals; one-character words kept), exactly as in the part-against-part
    analyses, so the two sides are counted the same way.

Keyness (:func:`reference_keyness`)
    :func:`zhdiscourse.stats.keywords.keyness_table` — the very function used for one part against the
    rest — with the speech as target and the pooled reference documents as reference: 4-term G²,
    Hardie's log ratio, Benjamini–Hochberg corrected p-values (see :mod:`zhdiscourse.stats.keywords`).

TF-IDF with a reference IDF (:func:`reference_tfidf`, :func:`compare_tfidf`)
    The speech is treated as a *new document* scored against IDF values learnt from the ``n``
    reference documents, with scikit-learn's smoothed formula ``idf(t) = ln((1 + n) / (1 + df(t))) + 1``
    (``df(t)``: reference documents containing t). A term the reference never uses has df = 0 and
    gets the largest IDF, ``ln(1 + n) + 1``; scikit-learn's ``transform`` would silently drop it,
    so the IDF is computed here (and tested equal to ``TfidfVectorizer.idf_`` on shared terms).
    ``tf`` is the raw count of the term in the speech; the vector is L2-normalised.

    Why the three columns of :func:`compare_tfidf` differ:

    * **reference IDF** (this module): "frequent in this speech, rare across decades of official
      prose". Words every report uses (发展, 建设, 经济) are pushed down; words of the moment
      (the topic of the speech) rise. Its IDF has ``n + 1`` levels and is learnt from the same
      register (political prose) and the same tokens as the speech.
    * **within-speech IDF** (:func:`within_tfidf`, using :func:`zhdiscourse.stats.weighting.tfidf` over the
      speech's parts): the documents are the speech's own parts, so with four parts the smoothed IDF
      takes only four values, from 1 (a word in every part) to ``ln(5/2) + 1 ≈ 1.9`` (one part). Scoring
      the *whole* speech with it is therefore close to a plain frequency list: the topic words stay
      on top because they are frequent, and right after them come the general words of political
      prose (加强, 落实, 支持 …) that the reference IDF recognises as used in every report. This IDF is
      built to tell one part from another (:func:`zhdiscourse.stats.weighting.top_terms` per part), not the
      speech from other texts.
    * **jieba's built-in IDF** (``jieba.analyse.extract_tags`` via :func:`zhdiscourse.stats.weighting.jieba_tags`):
      IDF from the general-language table bundled with jieba, on jieba's own re-segmentation of
      the raw text, without one-character words and with its own small stopword list. General
      words that are frequent here rank high whether or not political prose uses them all the time
      (so register words such as 坚持 or 工作 can appear), and words missing from its table get the
      median IDF.

Trends over time (:func:`term_trend`)
    For each document and term: non-overlapping occurrences of the term as a *string* in the body
    of the simplified text (so 防控 also counts inside 疫情防控, and the count does not depend on
    how jieba segments), divided by the body's size. **Unit: occurrences per 1,000 characters**,
    size = non-whitespace characters of the body (``speech.body_start:body_end``), the same
    denominator as the directive densities of :mod:`zhdiscourse.patterns.modality`.

A second reference corpus (:func:`load_congress_reports`)
    The reports to the National Congresses of the CPC (``data/reference/cpc_congress_reports_1-18.jsonl``,
    13 records: 1st–18th congress where present): party reports, closer in genre to a speech of the
    party leader than the State Council's Government Work Reports. The records carry the congress
    number, not a year; the year of each congress (:data:`CONGRESS_YEARS`, a historical fact) is
    filled in, and the documents get kind ``"congress_report"`` and ids ``congress-09`` (a second
    report to the same congress: ``congress-01b``). The three early records (two local reports to the
    1st congress, Chen Duxiu's report to the 3rd, partly in traditional characters and converted by
    the corpus loader) are short and of another kind; ``min_congress`` leaves them out.

The rhetorical profile of each document (the detectors run over a corpus) is
:func:`zhdiscourse.patterns.profile.pattern_profile`; :func:`position` places the speech among the documents.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.corpus import document_key, token_tables
from ..tokenize.table import tokens as token_table
from ..text.corpus import SPEECH_ID, Corpus, load_jsonl
from ..text.measure import nonspace_chars
from ..text.model import choose_unit
from ..text.structure import as_speech
from ..tokenize.table import content_tokens
from ..tokenize.units import documents
from .frequency import frequencies
from .keywords import MIN_EXPECTED as KEYNESS_MIN_EXPECTED
from .keywords import TEST as KEYNESS_TEST
from .keywords import keyness_table
from ..util.cache import DiskCache, digest, package_fingerprint
from .weighting import jieba_tags, tfidf


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------

#: The year each National Congress of the CPC opened.
CONGRESS_YEARS = {1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945, 8: 1956, 9: 1969, 10: 1973,
                  11: 1977, 12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017,
                  20: 2022}
CONGRESS_KIND = "congress_report"


def load_congress_reports(path, *, min_congress: int | None = None):
    """The CPC congress reports as a :class:`~zhdiscourse.text.corpus.Corpus` (module docstring): read
    with :func:`zhdiscourse.text.corpus.load_jsonl`, then year, kind and id from each record's
    ``congress`` field. ``min_congress`` keeps only the reports to that congress and later ones."""
    base = load_jsonl(path)
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    docs, seen = [], {}
    for d in base:
        rec = json.loads(lines[d.line - 1])
        try:
            n = int(rec.get("congress"))
        except (TypeError, ValueError):
            raise ZhDiscourseError(f"{path}:{d.line}: the record has no congress number") from None
        if n not in CONGRESS_YEARS:
            raise ZhDiscourseError(f"{path}:{d.line}: unknown congress {n}")
        if min_congress is not None and n < min_congress:
            continue
        k = seen.get(n, 0)
        seen[n] = k + 1
        ident = f"congress-{n:02d}" + ("" if k == 0 else "bcdefgh"[k - 1])
        docs.append(replace(d, id=ident, year=CONGRESS_YEARS[n], kind=CONGRESS_KIND))
    if not docs:
        raise ZhDiscourseError(f"{path}: no congress report from congress {min_congress} on")
    return Corpus(docs, str(path))


def _counts(table: pd.DataFrame) -> pd.Series:
    toks = content_tokens(table)
    return toks["token"].astype(str).value_counts()


# --------------------------------------------------------------------------------------------------
# reference counts, keyness
# --------------------------------------------------------------------------------------------------


@dataclass
class ReferenceCounts:
    """Content-token statistics of the reference documents: ``counts`` (term → occurrences over all
    documents), ``doc_freq`` (term → number of documents containing it), ``n_docs``, ``n_tokens``
    (content tokens) and ``docs`` (the document ids)."""

    counts: pd.Series
    doc_freq: pd.Series
    n_docs: int
    n_tokens: int
    docs: list[str]


def reference_counts(corpus, *, kind: str | None = "report", jobs: int | None = None, cache: bool = True,
                     cache_dir=None, progress: bool = False) -> ReferenceCounts:
    """Content-token counts and document frequencies of the reference documents (see the module
    docstring); token tables from :func:`zhdiscourse.tokenize.corpus.token_tables`.

    With ``cache`` the result is kept in the disk cache (``reference-counts``, or ``cache_dir``), keyed on
    the documents (their ids and the keys of their token tables, which hold their texts and the tokenizer's
    settings), the package's code and data and the pandas and numpy versions: a notebook run then reads
    one file instead of every document's token table."""
    ref = corpus.select(kind)
    if not cache:
        return _reference_counts(ref, jobs=jobs, cache=False, cache_dir=cache_dir, progress=progress)
    store = DiskCache.named("reference-counts", cache_dir, prefix="refcounts-", ext="pkl",
                            check=lambda v: isinstance(v, ReferenceCounts))
    key = digest(package_fingerprint(), pd.__version__, np.__version__,
                 *(part for d in ref for part in (d.id, document_key(d.text))))
    return store.fetch(key,
                       lambda: _reference_counts(ref, jobs=jobs, cache=True, cache_dir=cache_dir, progress=progress))


def _reference_counts(ref, *, jobs, cache, cache_dir, progress) -> ReferenceCounts:
    tables = token_tables(ref, jobs=jobs, cache=cache, cache_dir=cache_dir, progress=progress)
    per_doc = [_counts(tables[d.id]) for d in ref]
    del tables
    both = pd.concat(per_doc, axis=1, keys=range(len(per_doc))).fillna(0)
    counts = both.sum(axis=1).astype(np.int64).sort_index()
    doc_freq = (both > 0).sum(axis=1).astype(np.int64).reindex(counts.index)
    return ReferenceCounts(counts=counts, doc_freq=doc_freq, n_docs=len(per_doc), n_tokens=int(counts.sum()),
                           docs=[d.id for d in ref])


def speech_counts(speech, tokens: pd.DataFrame | None = None) -> pd.Series:
    """Content-token counts of the speech (its token table from :func:`zhdiscourse.tokenize.table.tokens`)."""
    toks = tokens if tokens is not None else token_table(as_speech(speech))
    return _counts(toks).sort_index()


def reference_keyness(speech, corpus=None, *, ref: ReferenceCounts | None = None, tokens: pd.DataFrame | None = None,
                      kind: str | None = "report", min_freq: int = 5, correction: str = "bh", alpha: float = 0.05,
                      jobs: int | None = None, cache: bool = True, test: str = KEYNESS_TEST, fisher: bool = False,
                      min_expected: float | None = KEYNESS_MIN_EXPECTED) -> pd.DataFrame:
    """Keyness of the speech (target) against the reference documents, with
    :func:`zhdiscourse.stats.keywords.keyness_table` (same statistics as part against part).

    Returns the ``keyness_table`` columns (``term, freq, freq_ref, …, log_ratio, p_adj, significant,
    direction``) sorted by signed G²: over-used terms first, the most under-used last. ``attrs``
    holds ``n_target`` / ``n_reference`` (content tokens) and ``n_docs``, and those of
    ``keyness_table`` (``test``, ``correction``, ``n_tests`` …). ``test``, ``fisher`` and
    ``min_expected`` are passed on; by default Fisher's exact test with the expected-count floor 5
    (flagged in ``low_expected``), as :func:`zhdiscourse.stats.keywords.keyness` (``test="g2",
    min_expected=None`` gives the earlier table).
    """
    if ref is None:
        if corpus is None:
            raise ZhDiscourseError("reference_keyness needs a corpus or reference counts")
        ref = reference_counts(corpus, kind=kind, jobs=jobs, cache=cache)
    target = speech_counts(speech, tokens)
    table = keyness_table(target, ref.counts, min_freq=min_freq, correction=correction, alpha=alpha, test=test,
                          fisher=fisher, min_expected=min_expected)
    table.attrs = {**table.attrs, "n_target": int(target.sum()), "n_reference": ref.n_tokens, "n_docs": ref.n_docs}
    return table


# --------------------------------------------------------------------------------------------------
# TF-IDF: reference IDF, within-speech IDF, jieba
# --------------------------------------------------------------------------------------------------


def reference_idf(ref: ReferenceCounts, terms=None) -> pd.Series:
    """Smoothed IDF from the reference documents, ``ln((1 + n) / (1 + df)) + 1``; terms absent from
    the reference (df = 0) get ``ln(1 + n) + 1``. ``terms`` defaults to the reference vocabulary."""
    idx = ref.doc_freq.index if terms is None else pd.Index(list(terms))
    df = ref.doc_freq.reindex(idx, fill_value=0).astype(float)
    return np.log((1.0 + ref.n_docs) / (1.0 + df)) + 1.0


def _rank(scores: pd.Series, counts: pd.Series, top: int | None) -> pd.DataFrame:
    out = pd.DataFrame({"term": scores.index.astype(str), "weight": scores.to_numpy(),
                        "count": counts.reindex(scores.index).to_numpy()})
    out = out.sort_values(["weight", "count", "term"], ascending=[False, False, True], kind="stable")
    out = out.head(top) if top else out
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def reference_tfidf(speech, corpus=None, *, ref: ReferenceCounts | None = None, tokens: pd.DataFrame | None = None,
                    top: int | None = 20, kind: str | None = "report", jobs: int | None = None,
                    cache: bool = True) -> pd.DataFrame:
    """TF-IDF of the speech as a new document, IDF from the reference (see the module docstring).

    Columns: ``rank, term, weight`` (L2-normalised tf × idf), ``count`` (in the speech), ``df_ref``
    (reference documents containing the term), ``idf_ref``.
    """
    if ref is None:
        if corpus is None:
            raise ZhDiscourseError("reference_tfidf needs a corpus or reference counts")
        ref = reference_counts(corpus, kind=kind, jobs=jobs, cache=cache)
    tf = speech_counts(speech, tokens).astype(float)
    if tf.empty:
        raise ZhDiscourseError("the speech has no content words")
    idf = reference_idf(ref, tf.index)
    w = tf * idf
    w = w / math.sqrt(float((w ** 2).sum()))
    out = _rank(w, tf.astype(int), top)
    out["df_ref"] = ref.doc_freq.reindex(out["term"], fill_value=0).to_numpy()
    out["idf_ref"] = idf.reindex(out["term"]).to_numpy()
    return out


def within_tfidf(speech, tokens: pd.DataFrame | None = None, *, top: int | None = 20,
                 units=("section", "subsection", "sentence")) -> pd.DataFrame:
    """TF-IDF of the whole speech with the IDF learnt from its own units (parts; else sub-points,
    else sentences — the first kind with at least two units), via :func:`zhdiscourse.stats.weighting.tfidf`.

    Score = count in the speech × within-speech idf, L2-normalised. Columns: ``rank, term, weight,
    count, df_units, n_units``; ``attrs["by"]`` names the units used.
    """
    sp = as_speech(speech)
    toks = tokens if tokens is not None else token_table(sp)
    try:
        by = choose_unit(sp, units[0], tuple(units[1:]))[0]
        docs = documents(toks, by, speech=sp)
    except ZhDiscourseError:
        docs = None
    if docs is None or len(docs) < 2:
        raise ZhDiscourseError("within-speech TF-IDF needs at least two parts, sub-points or sentences")
    res = tfidf(toks, by, speech=sp, docs=docs)
    idf = pd.Series(res.vectorizer.idf_, index=[str(t) for t in res.terms])
    dfu = pd.Series(np.asarray((res.counts > 0).sum(axis=0)).ravel(), index=idf.index)
    tf = pd.Series([t for ts in docs["tokens"] for t in ts]).value_counts().reindex(idf.index).astype(float)
    w = tf * idf
    w = w / math.sqrt(float((w ** 2).sum()))
    out = _rank(w, tf.astype(int), top)
    out["df_units"] = dfu.reindex(out["term"]).to_numpy()
    out["n_units"] = len(docs)
    out.attrs["by"] = by
    return out


def compare_tfidf(speech, corpus=None, *, ref: ReferenceCounts | None = None, tokens: pd.DataFrame | None = None,
                  top: int = 15, kind: str | None = "report", jobs: int | None = None,
                  cache: bool = True) -> pd.DataFrame:
    """Three top-``top`` lists side by side: reference IDF, within-speech IDF and jieba's IDF.

    Columns: ``rank, reference_term, reference_weight, reference_df, within_term, within_weight,
    jieba_term, jieba_weight``. See the module docstring for why they differ. ``attrs`` gives the
    units of the within-speech column and the number of reference documents.
    """
    sp = as_speech(speech)
    toks = tokens if tokens is not None else token_table(sp)
    if ref is None:
        if corpus is None:
            raise ZhDiscourseError("compare_tfidf needs a corpus or reference counts")
        ref = reference_counts(corpus, kind=kind, jobs=jobs, cache=cache)
    a = reference_tfidf(sp, ref=ref, tokens=toks, top=top)
    b = within_tfidf(sp, toks, top=top)
    c = jieba_tags(sp.text[sp.body_start:sp.body_end], top=top)
    n = max(len(a), len(b), len(c))

    def col(df, name, i):
        return df[name].iloc[i] if i < len(df) else None

    rows = [{"rank": i + 1,
             "reference_term": col(a, "term", i), "reference_weight": col(a, "weight", i),
             "reference_df": col(a, "df_ref", i),
             "within_term": col(b, "term", i), "within_weight": col(b, "weight", i),
             "jieba_term": col(c, "term", i), "jieba_weight": col(c, "weight", i)} for i in range(n)]
    out = pd.DataFrame(rows)
    out.attrs = {"within_by": b.attrs.get("by"), "n_docs": ref.n_docs}
    return out


# --------------------------------------------------------------------------------------------------
# trends of terms
# --------------------------------------------------------------------------------------------------


def term_rates(text: str, start: int, end: int, terms) -> dict[str, tuple[int, float]]:
    """``{term: (count, per 1,000 characters)}`` in ``text[start:end]`` (non-overlapping string
    occurrences; size = non-whitespace characters)."""
    body = text[start:end]
    size = nonspace_chars(text, start, end)
    return {t: (body.count(t), 1000.0 * body.count(t) / size if size else 0.0) for t in terms}


def _check_terms(terms) -> list[str]:
    terms = [str(t).strip() for t in terms]
    if not terms or any(not t for t in terms):
        raise ZhDiscourseError("give at least one non-empty term")
    return list(dict.fromkeys(terms))


def term_trend(corpus, terms, *, speech=None, kind: str | None = "report") -> pd.DataFrame:
    """Relative frequency of each term per document, **per 1,000 characters** (module docstring).

    Long format, documents in corpus order (sorted by year when every document has one), then the
    speech if given: ``doc, year, kind, title, chars, term, count, per_1k``. The speech row has
    ``doc = "speech"``, ``kind = "speech"`` and no year.
    """
    terms = _check_terms(terms)
    ref = corpus.select(kind)
    rows = []
    docs = list(ref)
    if all(d.year is not None for d in docs):
        docs.sort(key=lambda d: d.year)
    for d in docs:
        sp = d.speech()
        a, b = sp.body_start, sp.body_end
        size = nonspace_chars(d.text, a, b)
        for t, (n, r) in term_rates(d.text, a, b, terms).items():
            rows.append({"doc": d.id, "year": d.year, "kind": d.kind, "title": d.title, "chars": size,
                         "term": t, "count": n, "per_1k": r})
    if speech is not None:
        sp = as_speech(speech)
        a, b = sp.body_start, sp.body_end
        size = nonspace_chars(sp.text, a, b)
        for t, (n, r) in term_rates(sp.text, a, b, terms).items():
            rows.append({"doc": SPEECH_ID, "year": None, "kind": "speech", "title": sp.metadata.title or "",
                         "chars": size, "term": t, "count": n, "per_1k": r})
    out = pd.DataFrame(rows, columns=["doc", "year", "kind", "title", "chars", "term", "count", "per_1k"])
    out["year"] = out["year"].astype("Int64")
    return out


def trend_wide(trend: pd.DataFrame) -> pd.DataFrame:
    """:func:`term_trend` as one row per document and one ``per_1k`` column per term."""
    docs = list(dict.fromkeys(trend["doc"]))
    wide = trend.pivot(index="doc", columns="term", values="per_1k")
    wide = wide.reindex(index=docs, columns=list(dict.fromkeys(trend["term"])))
    wide.columns.name = None
    years = trend.drop_duplicates("doc").set_index("doc")["year"].reindex(docs)
    wide.insert(0, "year", years)
    return wide.reset_index()


def position(profile: pd.DataFrame, column: str, *, value: float | None = None,
             speech_id: str = SPEECH_ID) -> dict:
    """Where the speech's ``column`` value stands among the other documents of ``profile``.

    ``value`` defaults to the speech row's value. Returns ``value, n`` (documents compared),
    ``below`` / ``equal`` / ``above`` (documents with a strictly lower / equal / higher value),
    ``percentile`` = 100 × below / n (share of documents the speech exceeds), ``rank`` (1 = highest:
    1 + above), ``median``, ``min``, ``max`` and ``max_doc``/``max_year`` of the others.
    """
    if column not in profile.columns:
        raise ZhDiscourseError(f"no column {column!r} in the profile")
    others = profile[profile["doc"] != speech_id]
    if value is None:
        own = profile.loc[profile["doc"] == speech_id, column]
        if own.empty:
            raise ZhDiscourseError("the profile has no speech row; pass value=")
        value = float(own.iloc[0])
    vals = others[column].astype(float).to_numpy()
    if len(vals) == 0:
        raise ZhDiscourseError("no documents to compare with")
    below, above = int((vals < value).sum()), int((vals > value).sum())
    imax = int(np.argmax(vals))
    return {"column": column, "value": float(value), "n": int(len(vals)), "below": below,
            "equal": int(len(vals) - below - above), "above": above, "percentile": 100.0 * below / len(vals),
            "rank": 1 + above, "median": float(np.median(vals)), "min": float(vals.min()), "max": float(vals.max()),
            "max_doc": str(others["doc"].iloc[imax]),
            "max_year": None if pd.isna(others["year"].iloc[imax]) else int(others["year"].iloc[imax])}


def positions(profile: pd.DataFrame, columns=None, *, speech_id: str = SPEECH_ID) -> pd.DataFrame:
    """:func:`position` for several columns (default every ``*_per_1k`` column), one row each."""
    cols = [c for c in profile.columns if c.endswith("_per_1k")] if columns is None else list(columns)
    return pd.DataFrame([position(profile, c, speech_id=speech_id) for c in cols])


# --------------------------------------------------------------------------------------------------
# corpus frequency lists
# --------------------------------------------------------------------------------------------------

CORPUS_BY = (None, "year", "doc")


def corpus_freq(corpus, *, by: str | None = "year", top: int | None = None, kind: str | None = None,
                drop_stopwords: bool = False, drop_num: bool = False, jobs: int | None = None,
                cache: bool = True, progress: bool = False, scheduler=None) -> pd.DataFrame:
    """Frequency lists of a corpus with :func:`zhdiscourse.stats.frequency.frequencies`: one list per year
    (``by="year"``; documents without a year under ``"(no year)"``), per document (``"doc"``) or
    for the whole corpus (``None``). Columns ``[by,] token, pos, count, per_10k, rank``; groups in
    corpus order (years ascending). ``jobs`` / ``scheduler``: see :func:`zhdiscourse.tokenize.corpus.token_tables`."""
    if by not in CORPUS_BY:
        raise ZhDiscourseError(f"unknown grouping {by!r}: use year or doc")
    sub = corpus.select(kind) if kind else corpus
    tables = token_tables(sub, jobs=jobs, cache=cache, progress=progress, scheduler=scheduler)
    groups: dict[str, list[str]] = {}
    docs = list(sub)
    if by == "year":
        docs = sorted(docs, key=lambda d: (d.year is None, d.year or 0))
    for d in docs:
        key = "all" if by is None else (d.id if by == "doc" else ("(no year)" if d.year is None else str(d.year)))
        groups.setdefault(key, []).append(d.id)
    frames = []
    for key, ids in groups.items():
        table = pd.concat([tables[i] for i in ids], ignore_index=True) if len(ids) > 1 else tables[ids[0]]
        f = frequencies(table, drop_stopwords=drop_stopwords, drop_num=drop_num, top=top)
        if by is not None:
            f.insert(0, by, key)
        frames.append(f)
    return pd.concat(frames, ignore_index=True)
