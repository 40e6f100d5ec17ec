"""TF-IDF over the project's own tokens, with documents = parts, sub-points, sentences or windows.

Documents
    :func:`zhdiscourse.tokenize.units.documents` groups the token table into parts, sub-points,
    sentences or windows of sentences (content words only).

TF-IDF
    scikit-learn's :class:`~sklearn.feature_extraction.text.TfidfVectorizer` with a *callable
    analyzer* that returns our tokens unchanged, so its default ``token_pattern`` (``\\b\\w\\w+\\b``,
    which drops every one-character word) and its lower-casing never apply. scikit-learn defaults
    are kept: raw counts ``tf``, smoothed ``idf(t) = ln((1 + n) / (1 + df(t))) + 1`` and each
    document vector L2-normalised. With only four parts the idf takes four values (df = 1…4), so
    part-level TF-IDF mostly separates "only in this part" from "everywhere".

How far TF-IDF is from raw frequency (:func:`frequency_agreement`)
    Within one document, a term's TF-IDF weight is its count times its idf (the L2 norm is the same
    for every term of the document), so TF-IDF re-ranks the raw frequency list only as far as idf
    varies. Per document: ``idf_levels`` (distinct idf values among its terms: at most the number of
    documents), the Spearman rank correlation of TF-IDF weight and raw count over the document's
    terms (``spearman``; 1 = the same order), and ``top_overlap``, how many of the ``top`` terms by
    TF-IDF are also among the ``top`` by count (ties of the count broken by term). With four parts
    the idf has four levels and the correlation is high: part-level TF-IDF is mostly a frequency list
    in which words found in every part are pushed down.

Comparison with ``jieba.analyse.extract_tags`` — see :func:`compare_with_jieba`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.segment import jieba_module
from ..tokenize.units import documents
from ..util.cache import DiskCache

def _identity(doc):
    """Callable analyzer: a document is already a list of tokens."""
    return list(doc)


@dataclass
class TfidfResult:
    """A fitted TF-IDF model: ``matrix`` (documents × terms, sparse, L2-normalised rows),
    ``counts`` (raw term counts, same shape), ``terms`` (column labels) and ``docs`` (the
    :func:`documents` table, row labels)."""

    docs: pd.DataFrame
    terms: np.ndarray
    matrix: "scipy.sparse.csr_matrix"
    counts: "scipy.sparse.csr_matrix"
    vectorizer: object

    def to_frame(self) -> pd.DataFrame:
        """Dense documents × terms DataFrame of TF-IDF weights."""
        return pd.DataFrame(self.matrix.toarray(), index=self.docs["doc"].tolist(), columns=self.terms)


def tfidf(tokens: pd.DataFrame, by: str = "section", *, speech=None, window: int = 5,
          min_df: int | float = 1, max_df: int | float = 1.0, sublinear_tf: bool = False,
          docs: pd.DataFrame | None = None) -> TfidfResult:
    """Fit :class:`~sklearn.feature_extraction.text.TfidfVectorizer` on the documents of a token table.

    The vectorizer gets a callable ``analyzer`` (so ``token_pattern`` and ``lowercase`` are never
    used: nothing is re-tokenised and one-character words survive). Pass ``docs`` (a
    :func:`documents` table) to reuse a grouping.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if docs is None:
        docs = documents(tokens, by, speech=speech, window=window)
    vec = TfidfVectorizer(analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df,
                          sublinear_tf=sublinear_tf, norm="l2", use_idf=True, smooth_idf=True)
    try:
        matrix = vec.fit_transform(docs["tokens"])
    except ValueError as exc:  # e.g. empty vocabulary after min_df/max_df
        raise ZhDiscourseError(f"TF-IDF cannot run: {exc}") from None
    cv = CountVectorizer(analyzer=_identity, lowercase=False, vocabulary=vec.vocabulary_)
    counts = cv.transform(docs["tokens"])
    return TfidfResult(docs=docs, terms=vec.get_feature_names_out(), matrix=matrix.tocsr(),
                       counts=counts.tocsr(), vectorizer=vec)


def top_terms(tokens: pd.DataFrame | None = None, by: str = "section", top: int = 10, *, speech=None,
              window: int = 5, result: TfidfResult | None = None) -> pd.DataFrame:
    """Top ``top`` TF-IDF terms per document.

    Columns: ``doc, section, rank, term, tfidf, count, df`` (``count``: occurrences in the
    document; ``df``: number of documents containing the term). Ties are broken by higher count,
    then by the term itself, so the order is deterministic.
    """
    if top < 1:
        raise ZhDiscourseError("--top must be at least 1")
    res = result if result is not None else tfidf(tokens, by, speech=speech, window=window)
    df = np.asarray((res.counts > 0).sum(axis=0)).ravel()
    rows = []
    for i, (doc, sec) in enumerate(zip(res.docs["doc"], res.docs["section"])):
        row = res.matrix.getrow(i)
        crow = res.counts.getrow(i)
        idx = row.indices
        scores = row.data
        cnt = np.asarray(crow[:, idx].todense()).ravel() if len(idx) else np.array([])
        order = sorted(range(len(idx)), key=lambda j: (-round(float(scores[j]), 12), -cnt[j], res.terms[idx[j]]))
        for rank, j in enumerate(order[:top], start=1):
            rows.append({"doc": doc, "section": sec, "rank": rank, "term": str(res.terms[idx[j]]),
                         "tfidf": float(scores[j]), "count": int(cnt[j]), "df": int(df[idx[j]])})
    return pd.DataFrame(rows, columns=["doc", "section", "rank", "term", "tfidf", "count", "df"])


def frequency_agreement(result: TfidfResult, top: int = 10) -> pd.DataFrame:
    """How close TF-IDF is to raw frequency in each document of a fit (module docstring): ``doc,
    terms, idf_levels, spearman, top_overlap, top``."""
    from scipy.stats import spearmanr

    if top < 1:
        raise ZhDiscourseError("top must be at least 1")
    idf = np.asarray(result.vectorizer.idf_)
    rows = []
    for i, doc in enumerate(result.docs["doc"]):
        w = result.matrix.getrow(i)
        c = result.counts.getrow(i)
        idx = c.indices
        counts = np.asarray(c[:, idx].todense()).ravel().astype(float)
        weights = np.asarray(w[:, idx].todense()).ravel()
        terms = result.terms[idx]
        rho = float(spearmanr(weights, counts).statistic) if len(idx) > 1 and np.ptp(counts) > 0 else np.nan
        by_w = [terms[j] for j in sorted(range(len(idx)), key=lambda j: (-round(weights[j], 12), -counts[j], terms[j]))]
        by_c = [terms[j] for j in sorted(range(len(idx)), key=lambda j: (-counts[j], terms[j]))]
        rows.append({"doc": doc, "terms": int(len(idx)), "idf_levels": int(len(np.unique(np.round(idf[idx], 12)))),
                     "spearman": rho, "top_overlap": len(set(by_w[:top]) & set(by_c[:top])), "top": top})
    return pd.DataFrame(rows, columns=["doc", "terms", "idf_levels", "spearman", "top_overlap", "top"])


# --------------------------------------------------------------------------------------------------
# jieba.analyse.extract_tags, for comparison
# --------------------------------------------------------------------------------------------------


def _jieba_analyse():
    """``jieba.analyse``, with jieba imported through :func:`zhdiscourse.tokenize.segment.jieba_module`
    (which silences jieba's ``pkg_resources`` warning and start-up log)."""
    import warnings

    jieba_module()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        import jieba.analyse
    return jieba.analyse


#: The size of jieba's default dictionary right after :func:`jieba_tags` set it up (``total``, words).
_PRISTINE: dict = {}


def _jieba_tags_key(text: str, top: int) -> str | None:
    """The cache key of :func:`jieba_tags`, or ``None`` when jieba's default tokenizer may have been changed
    in this process (set up by someone else, or its dictionary changed since :func:`jieba_tags` set it
    up: ``jieba.add_word``, a user dictionary); then the tags are computed (cheap once jieba is set
    up). Otherwise the result depends only on the text, ``top``, the jieba release and the dictionary and
    IDF files it loads."""
    import sys
    from importlib import metadata

    jieba = sys.modules.get("jieba")  # not imported yet: nothing can have changed it (no import needed)
    dictionary, idf = "default", "default"
    if jieba is not None:
        dt = jieba.dt
        if dt.initialized and (_PRISTINE.get("state") != (dt.total, len(dt.FREQ)) or dt.user_word_tag_tab):
            return None
        dictionary = "default" if dt.dictionary is None else str(dt.dictionary)
        analyse = sys.modules.get("jieba.analyse")
        default_idf = getattr(sys.modules.get("jieba.analyse.tfidf"), "DEFAULT_IDF", None)
        if analyse is not None and analyse.default_tfidf.idf_loader.path != default_idf:
            idf = str(analyse.default_tfidf.idf_loader.path)
    try:
        version = metadata.version("jieba")
    except metadata.PackageNotFoundError:  # pragma: no cover
        version = "?"
    h = hashlib.sha256("\0".join(["jieba-tags-1", version, dictionary, idf, str(int(top))])
                       .encode("utf-8"))
    h.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def jieba_tags(text: str, top: int = 10, *, cache: bool = True) -> pd.DataFrame:
    """``jieba.analyse.extract_tags(text, topK=top, withWeight=True)`` as a DataFrame ``rank, term, weight``.

    Cached on disk (the ``jieba-tags`` cache of :mod:`zhdiscourse.util.cache`) while jieba's default
    tokenizer is untouched in the process (:func:`_jieba_tags_key`): setting jieba up (its dictionary and
    IDF table) takes about a second, the tags of a text a few hundredths."""
    key = _jieba_tags_key(text, top) if cache else None
    store = DiskCache.named("jieba-tags", prefix="tags-", ext="pkl", key_chars=32,
                            check=lambda v: isinstance(v, list)) if key is not None else None
    tags = store.get(key) if store is not None else None
    if tags is None:
        analyse = _jieba_analyse()
        fresh = not jieba_module().dt.initialized
        tags = [(str(t), float(w)) for t, w in analyse.extract_tags(text, topK=top, withWeight=True)]
        if fresh:  # set up by this call: remember its untouched state
            _PRISTINE["state"] = (jieba_module().dt.total, len(jieba_module().dt.FREQ))
        if store is not None:
            store.put(key, tags)
    return pd.DataFrame([{"rank": i, "term": t, "weight": float(w)} for i, (t, w) in enumerate(tags, 1)],
                        columns=["rank", "term", "weight"])


def compare_with_jieba(tokens: pd.DataFrame, speech, by: str = "section", top: int = 10,
                       *, window: int = 5) -> pd.DataFrame:
    """Our TF-IDF top terms next to ``jieba.analyse.extract_tags`` for the same documents.

    Columns: ``doc, rank, tfidf_term, tfidf, jieba_term, jieba_weight, tfidf_term_in_jieba_top``.

    Why the two lists differ
        * **IDF source.** Ours is computed *within the text*: a term scores high when it is frequent
          in this document and rare in the text's other documents, so words spread over every part
          (疫情防控 in a speech about epidemic control) are pushed down. ``extract_tags`` uses the
          IDF table bundled with jieba (``jieba/analyse/idf.txt``, from a general corpus), so a
          word frequent here but rare in general Chinese scores high in *every* part, and words
          missing from that table get its median IDF.
        * **TF.** jieba's TF is count / total tokens of the document, ours raw count with an L2
          norm; the rank order inside one document is the same for a fixed IDF, the weights are not
          comparable across the two methods.
        * **Tokens.** ``extract_tags`` re-segments the raw text with jieba's default tokenizer
          (``jieba.dt``: jieba's bundled dictionary with HMM on — the project's segmenter keeps its
          domain dictionary in a private tokenizer), not with our token table; it drops
          every word of one character and its own small stopword list but keeps many function
          words our stopword list removes. So its vocabulary differs from ours.
        * **Documents.** The jieba column scores each document alone; ours needs all of them.
    """
    res = tfidf(tokens, by, speech=speech, window=window)
    ours = top_terms(result=res, top=top)
    rows = []
    for doc, start, end in zip(res.docs["doc"], res.docs["start"], res.docs["end"]):
        mine = ours[ours["doc"] == doc].reset_index(drop=True)
        theirs = jieba_tags(speech.text[start:end], top=top)
        jset = set(theirs["term"])
        for i in range(max(len(mine), len(theirs))):
            rows.append({
                "doc": doc,
                "rank": i + 1,
                "tfidf_term": mine["term"].iloc[i] if i < len(mine) else None,
                "tfidf": float(mine["tfidf"].iloc[i]) if i < len(mine) else None,
                "jieba_term": theirs["term"].iloc[i] if i < len(theirs) else None,
                "jieba_weight": float(theirs["weight"].iloc[i]) if i < len(theirs) else None,
                "tfidf_term_in_jieba_top": (mine["term"].iloc[i] in jset) if i < len(mine) else None,
            })
    return pd.DataFrame(rows)
