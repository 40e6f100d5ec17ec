"""TF-IDF over the project's own tokens, with documents = parts, sub-points, sentences or windows.

Documents
    :func:`documents` groups a token table (``zhdiscourse.tokentable.tokens(speech)``: columns
    ``token, pos, start, end, sentence, clause, section, subsection, is_stop, is_punct`` and maybe
    ``is_num``) into documents with one argument, ``by``:

    ``"section"``     one document per part (tokens whose ``section`` is set; text before the first
                      heading, such as a salutation, belongs to no part and is left out);
    ``"subsection"``  one per sub-point (``subsection`` label such as ``二.第三``);
    ``"sentence"``    one per sentence (heading sentences are left out when the ``Speech`` is given);
    ``"window"``      consecutive runs of ``window`` sentences (for topic models on texts without
                      sub-points).

    Only *content* tokens enter a document: stopwords, punctuation and numerals are removed
    (:func:`content_tokens`), one-character words are kept (要, 党, 国 …).

TF-IDF
    scikit-learn's :class:`~sklearn.feature_extraction.text.TfidfVectorizer` with a *callable
    analyzer* that returns our tokens unchanged, so its default ``token_pattern`` (``\\b\\w\\w+\\b``,
    which drops every one-character word) and its lower-casing never apply. scikit-learn defaults
    are kept: raw counts ``tf``, smoothed ``idf(t) = ln((1 + n) / (1 + df(t))) + 1`` and each
    document vector L2-normalised. With only four parts the idf takes four values (df = 1…4), so
    part-level TF-IDF mostly separates "only in this part" from "everywhere".

Comparison with ``jieba.analyse.extract_tags`` — see :func:`compare_with_jieba`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .errors import ZhDiscourseError

UNITS = ("section", "subsection", "sentence", "window")
UNIT_NAMES = {"section": "parts", "subsection": "sub-points", "sentence": "sentences", "window": "sentence windows"}

#: A numeral token: Arabic / full-width digits with decimal and percent signs, or a run of Chinese
#: numeral characters (一 … 亿), optionally an ordinal with 第. Used when the token table has no
#: ``is_num`` column.
NUMERAL_RE = re.compile(
    r"^(?:[\d０-９]+(?:[.．,，][\d０-９]+)*[%％‰]?|第?[零〇一二两三四五六七八九十百千万亿]+)$"
)

REQUIRED_COLUMNS = ("token", "start", "end", "sentence", "section", "subsection")


def _check_tokens(tokens: pd.DataFrame) -> None:
    if not isinstance(tokens, pd.DataFrame):
        raise ZhDiscourseError("expected a token table (pandas DataFrame)")
    missing = [c for c in REQUIRED_COLUMNS if c not in tokens.columns]
    if missing:
        raise ZhDiscourseError(f"token table lacks column(s): {', '.join(missing)}")


def is_numeral(tokens: pd.DataFrame) -> pd.Series:
    """Boolean Series: the token is a numeral (``is_num`` column if present, else :data:`NUMERAL_RE`)."""
    regex = tokens["token"].astype(str).str.match(NUMERAL_RE)
    if "is_num" in tokens.columns:
        return tokens["is_num"].fillna(False).astype(bool) | regex
    return regex


def content_tokens(tokens: pd.DataFrame, *, drop_stop: bool = True, drop_punct: bool = True,
                   drop_num: bool = True) -> pd.DataFrame:
    """The rows of a token table that are content words: no stopwords, punctuation, numerals or
    whitespace. One-character words are kept. Returns a copy sorted by ``start``."""
    _check_tokens(tokens)
    keep = tokens["token"].astype(str).str.strip().str.len() > 0
    if drop_stop and "is_stop" in tokens.columns:
        keep &= ~tokens["is_stop"].fillna(False).astype(bool)
    if drop_punct and "is_punct" in tokens.columns:
        keep &= ~tokens["is_punct"].fillna(False).astype(bool)
    if drop_num:
        keep &= ~is_numeral(tokens)
    return tokens.loc[keep].sort_values("start", kind="stable").reset_index(drop=True)


def _heading_sentences(speech) -> set[int]:
    return {s.index for s in speech.sentences if s.is_heading} if speech is not None else set()


def documents(tokens: pd.DataFrame, by: str = "section", *, speech=None, window: int = 5,
              content_only: bool = True) -> pd.DataFrame:
    """Group a token table into documents.

    Returns a DataFrame with one row per document in text order: ``doc`` (label: part number,
    sub-point label, sentence index or ``"s<first>-<last>"`` for windows), ``section`` (the part the
    document belongs to, ``None`` outside parts), ``start``/``end`` (offsets of the unit in the text;
    from ``speech.units`` when ``speech`` is given, else the span of its tokens), ``n_tokens`` and
    ``tokens`` (list of token strings). Raises :class:`ZhDiscourseError` when there are no such units.
    """
    _check_tokens(tokens)
    if by not in UNITS:
        raise ZhDiscourseError(f"unknown unit {by!r}: use {', '.join(UNITS)}")
    toks = content_tokens(tokens) if content_only else tokens.sort_values("start", kind="stable")
    headings = _heading_sentences(speech)
    if by in ("sentence", "window") and headings:
        toks = toks[~toks["sentence"].isin(headings)]
    if by == "window":
        if window < 1:
            raise ZhDiscourseError("window must be at least 1 sentence")
        if speech is not None:
            sent_ids = [s.index for s in speech.sentences if not s.is_heading]
        else:
            sent_ids = sorted(pd.unique(toks["sentence"].dropna()).tolist())
        pos = {s: i // window for i, s in enumerate(sent_ids)}
        key = toks["sentence"].map(pos)
        toks = toks.assign(_key=key).dropna(subset=["_key"])
    else:
        toks = toks.assign(_key=toks[by]).dropna(subset=["_key"])
        if by == "section" or by == "subsection":
            toks = toks[toks["_key"].astype(str).str.len() > 0]
    rows = []
    for key, g in toks.groupby("_key", sort=False):
        secs = g["section"].dropna()
        if by == "window":
            label = f"s{int(g['sentence'].min())}-{int(g['sentence'].max())}"
        elif by == "sentence":
            label = str(int(key))
        else:
            label = str(key)
        rows.append({
            "doc": label,
            "section": (str(secs.mode().iloc[0]) if by == "window" else str(secs.iloc[0])) if len(secs) else None,
            "start": int(g["start"].min()),
            "end": int(g["end"].max()),
            "n_tokens": int(len(g)),
            "tokens": g["token"].astype(str).tolist(),
        })
    if not rows:
        raise ZhDiscourseError(f"the text has no {UNIT_NAMES[by]} with content words")
    out = pd.DataFrame(rows).sort_values("start", kind="stable").reset_index(drop=True)
    if speech is not None and by in ("section", "subsection", "sentence"):
        spans = {label: (s, e) for label, s, e in speech.units(by)}
        out["start"] = [spans.get(d, (s, e))[0] for d, s, e in zip(out["doc"], out["start"], out["end"])]
        out["end"] = [spans.get(d, (s, e))[1] for d, s, e in zip(out["doc"], out["start"], out["end"])]
    return out


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
    matrix: sparse.csr_matrix
    counts: sparse.csr_matrix
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


# --------------------------------------------------------------------------------------------------
# jieba.analyse.extract_tags, for comparison
# --------------------------------------------------------------------------------------------------


def _jieba_analyse():
    """``jieba.analyse``, with jieba imported through :func:`zhdiscourse.segment.jieba_module`
    (which silences jieba's ``pkg_resources`` warning and start-up log)."""
    import warnings

    from .segment import jieba_module

    jieba_module()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        import jieba.analyse
    return jieba.analyse


def jieba_tags(text: str, top: int = 10) -> pd.DataFrame:
    """``jieba.analyse.extract_tags(text, topK=top, withWeight=True)`` as a DataFrame ``rank, term, weight``."""
    analyse = _jieba_analyse()
    tags = analyse.extract_tags(text, topK=top, withWeight=True)
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
