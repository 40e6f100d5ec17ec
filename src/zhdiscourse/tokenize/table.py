"""The token table: one row per token of a speech, with offsets and its place in the structure.

``tokens(speech)`` → pandas DataFrame, one row per token in text order (the index is the token
number), columns

=============  =====================================================================================
``token``      the token text (``speech.text[start:end] == token``)
``pos``        jieba part-of-speech tag, from the same ``posseg`` pass as the token
``start/end``  half-open offsets into ``speech.text``
``sentence``   index of the sentence (``speech.sentences[i].index``)
``clause``     index of the clause that contains the token; ``<NA>`` for delimiters (，；：。！？),
               which belong to no clause, and for whitespace at a clause's edge
``section``    number of the part (一, 二 …) the token lies in, or missing before the first heading
``subsection`` label of the sub-point (``二.第三``), or missing
``is_stop``    in the stopword list (``stopwordsiso`` zh + ``src/zhdiscourse/lexicon/stopwords_domain.txt``)
``is_punct``   punctuation, symbols or whitespace only
``is_num``     a numeral written in digits (``2020``, ``46``, ``%`` excluded) or Chinese numerals
               only (一, 十九, 四十); flagged, not dropped
=============  =====================================================================================

Segmentation runs sentence by sentence (so a heading glued to the next sentence never merges with
it), and the tokens of each sentence tile it exactly: ``"".join(tokens of sentence i) ==
speech.sentences[i].text``. Text outside the sentences (the metadata header, the dateline) has no
tokens. Offsets are computed by a running sum of token lengths; sentence, clause, part and
sub-point by binary search over the unit starts (``numpy.searchsorted``), so the table costs little
more than jieba itself (see ``bench/bench_tokens.py``).

Cache: the table is stored on disk (``data/processed/cache/tokens/`` of the project, else the user
cache directory) under a key that hashes the text, the structure the table uses (the spans of
sentences, clauses, parts and sub-points), the dictionary layers (the user dictionary and mined-terms
files: :func:`zhdiscourse.tokenize.dictionary.dictionary_fingerprint`), the stopword set, the segmenter
backend and its libraries' versions (:func:`~zhdiscourse.tokenize.segment.segmenter_version`), the HMM
setting and ``CODE_VERSION``. Any change to one of them gives a new key, so a stale
table is never read.
"""

from __future__ import annotations

import hashlib
import unicodedata
from operator import attrgetter
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.numerals import NUMERAL_TOKEN
from ..text.structure import as_speech
from ..util.cache import DiskCache
from .dictionary import dictionary_fingerprint, resolve_mined, resolve_userdict, stopwords, stopwords_fingerprint
from .segment import HMM, segmenter_version, token_arrays

#: Bump when the way the table is built changes (invalidates every cached table).
CODE_VERSION = "tokentable-2"

COLUMNS = ["token", "pos", "start", "end", "sentence", "clause", "section", "subsection",
           "is_stop", "is_punct", "is_num"]

#: Columns every token table has (what :func:`as_tokens` checks).
REQUIRED_COLUMNS = ("token", "start", "end", "sentence", "section", "subsection")


_START, _END, _INDEX = attrgetter("start"), attrgetter("end"), attrgetter("index")


def _store(cache_dir=None, check=None) -> DiskCache:
    """The ``tokens`` disk cache (or the folder ``cache_dir``)."""
    return DiskCache.named("tokens", cache_dir, prefix="tokens-", ext="pkl", key_chars=32, check=check)



def _is_punct(tok: str) -> bool:
    if tok[:1].isalpha():  # a letter (categories L*: a Han character, a Latin letter) is not punctuation
        return False
    return all(unicodedata.category(c)[0] in "PSZ" or c.isspace() for c in tok)


def as_tokens(obj) -> pd.DataFrame:
    """The one coercion of the token stage: a token table is returned as is (after checking its
    columns), a :class:`~zhdiscourse.text.model.Speech` or a text gets its (cached) token table."""
    if isinstance(obj, pd.DataFrame):
        missing = [c for c in REQUIRED_COLUMNS if c not in obj.columns]
        if missing:
            raise ZhDiscourseError(f"not a token table (missing columns: {', '.join(missing)})")
        return obj
    return tokens(obj)


# --------------------------------------------------------------------------------------------------
# Building the table
# --------------------------------------------------------------------------------------------------


def _locate(starts: np.ndarray, ends: np.ndarray, tok_start: np.ndarray, tok_end: np.ndarray) -> np.ndarray:
    """Index of the span that contains each token (``starts[i] <= start and end <= ends[i]``), else -1."""
    if len(starts) == 0:
        return np.full(len(tok_start), -1, dtype=np.int64)
    i = np.searchsorted(starts, tok_start, side="right") - 1
    ok = i >= 0
    ic = np.where(ok, i, 0)
    ok &= (tok_start >= starts[ic]) & (tok_end <= ends[ic])
    return np.where(ok, i, -1)


def _labels(idx: np.ndarray, names: list[str]) -> pd.Series:
    """``names[idx]`` per token, missing where ``idx`` is -1 (a take on the few distinct names: no
    string is converted per token)."""
    import pyarrow as pa

    taken = pa.array(list(names), type=pa.large_string()).take(pa.array(idx, mask=idx < 0))
    return pd.Series(taken, dtype="str")


def build_token_table(speech, *, userdict=True, stopword_domain=True, mined=None) -> pd.DataFrame:
    """Build the token table of ``speech`` (no cache). A module-level function of plain data, so it
    can run in worker processes. See the module docstring for the columns.

    The tokens come as one Arrow array (:func:`~zhdiscourse.tokenize.segment.token_arrays`); lengths,
    distinct tokens and their codes are computed on it in C, and everything per token that depends
    on the token alone (tag, stopword, punctuation and numeral flags) is computed once per distinct
    token and taken by code."""
    import pyarrow as pa
    import pyarrow.compute as pc

    speech = as_speech(speech)
    text = speech.text
    sents = speech.sentences
    spans = [(s.start, s.end) for s in sents]
    arr, counts_a, tag_of = token_arrays(text, spans, userdict=userdict, mined=mined)
    n = len(arr)

    lens = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    s_start = np.fromiter(map(_START, sents), dtype=np.int64, count=len(sents))
    s_len = np.fromiter(map(_END, sents), dtype=np.int64, count=len(sents)) - s_start
    s_index = np.fromiter(map(_INDEX, sents), dtype=np.int64, count=len(sents))
    sent_pos = np.repeat(np.arange(len(spans), dtype=np.int64), counts_a)
    excl = np.cumsum(lens) - lens  # offset of each token in the concatenation of the sentences
    s_base = np.cumsum(s_len) - s_len  # offset of each sentence in that concatenation
    start = s_start[sent_pos] + (excl - s_base[sent_pos]) if n else np.zeros(0, dtype=np.int64)
    end = start + lens

    cl = speech.clauses
    c_start = np.fromiter(map(_START, cl), dtype=np.int64, count=len(cl))
    c_end = np.fromiter(map(_END, cl), dtype=np.int64, count=len(cl))
    c_index = np.fromiter(map(_INDEX, cl), dtype=np.int64, count=len(cl))
    ci = _locate(c_start, c_end, start, end)
    clause_vals = c_index[np.maximum(ci, 0)] if len(cl) else np.zeros(n, dtype=np.int64)
    clause = pd.array(clause_vals, dtype="Int64")
    clause[ci < 0] = pd.NA

    secs = speech.sections
    sec_i = _locate(np.array([s.start for s in secs], dtype=np.int64), np.array([s.end for s in secs], dtype=np.int64),
                    start, end)
    subs = speech.subsections
    sub_i = _locate(np.array([u.start for u in subs], dtype=np.int64), np.array([u.end for u in subs], dtype=np.int64),
                    start, end)

    enc = pc.dictionary_encode(arr)
    codes = enc.indices.to_numpy(zero_copy_only=False)
    uniq = enc.dictionary.to_pylist()
    # a token's tag is a function of the token (posseg, HMM off): one tag per distinct token, then a take
    pos = pa.array(list(map(tag_of.__getitem__, uniq)), type=pa.large_string()).take(enc.indices)
    stop = stopwords(stopword_domain)
    numeral = NUMERAL_TOKEN.match  # is_numeral_token
    u_stop = np.fromiter(map(stop.__contains__, uniq), dtype=bool, count=len(uniq))
    u_punct = np.fromiter(map(_is_punct, uniq), dtype=bool, count=len(uniq))
    u_num = np.fromiter((numeral(u) is not None for u in uniq), dtype=bool, count=len(uniq))

    df = pd.DataFrame({
        "token": pd.Series(arr, dtype="str"),
        "pos": pd.Series(pos, dtype="str"),
        "start": start,
        "end": end,
        "sentence": s_index[sent_pos] if n else np.zeros(0, dtype=np.int64),
        "clause": clause,
        "section": _labels(sec_i, [s.number for s in secs]),
        "subsection": _labels(sub_i, [u.label for u in subs]),
        "is_stop": u_stop[codes] if n else np.zeros(0, dtype=bool),
        "is_punct": u_punct[codes] if n else np.zeros(0, dtype=bool),
        "is_num": u_num[codes] if n else np.zeros(0, dtype=bool),
    })
    return df


# --------------------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------------------


def default_cache_dir() -> Path | None:
    """Where token tables are cached: the ``tokens`` cache of :func:`zhdiscourse.util.cache.cache_root`."""
    return _store().folder


def cache_key(speech, *, userdict=True, stopword_domain=True, mined=None) -> str:
    """The hash that names a cached table (see the module docstring for what it covers)."""
    speech = as_speech(speech)
    ud = resolve_userdict(userdict)
    md = resolve_mined(mined, userdict)
    h = hashlib.sha256()
    for part in (CODE_VERSION, segmenter_version(), f"HMM={HMM}", str(ud is not None), str(md is not None),
                 dictionary_fingerprint(ud or False, md or False), stopwords_fingerprint(stopword_domain)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    h.update(speech.text.encode("utf-8"))
    h.update(b"\0")
    structure = np.array(
        [x for s in speech.sentences for x in (s.index, s.start, s.end)]
        + [-1] + [x for c in speech.clauses for x in (c.index, c.start, c.end)]
        + [-2] + [x for s in speech.sections for x in (s.start, s.end)]
        + [-3] + [x for u in speech.subsections for x in (u.start, u.end)],
        dtype=np.int64,
    )
    h.update(structure.tobytes())
    h.update("\0".join([s.number for s in speech.sections] + [u.label for u in speech.subsections]).encode("utf-8"))
    return h.hexdigest()


def _table_ok(key: str):
    return lambda df: isinstance(df, pd.DataFrame) and list(df.columns) == COLUMNS and df.attrs.get("cache_key") == key


def tokens(speech, *, cache: bool = True, cache_dir: str | Path | None = None, userdict=True,
           stopword_domain=True, mined=None) -> pd.DataFrame:
    """The token table of ``speech`` (a :class:`~zhdiscourse.text.model.Speech` or a text).

    With ``cache=True`` the table is read from / written to the ``tokens`` disk cache
    (:class:`zhdiscourse.util.cache.DiskCache`; ``cache_dir`` names another folder) under
    :func:`cache_key`; a damaged cache file is rebuilt. ``userdict``, ``mined`` and ``stopword_domain``
    choose other lexicon files (``False`` = none; ``mined=None`` follows ``userdict``, see
    :mod:`zhdiscourse.tokenize.dictionary`); see the module docstring.
    """
    speech = as_speech(speech)
    if not cache:
        return build_token_table(speech, userdict=userdict, stopword_domain=stopword_domain, mined=mined)
    key = cache_key(speech, userdict=userdict, stopword_domain=stopword_domain, mined=mined)
    store = _store(cache_dir, _table_ok(key))
    df = store.get(key)
    if df is not None:
        df.attrs = {}
        return df
    df = build_token_table(speech, userdict=userdict, stopword_domain=stopword_domain, mined=mined)
    out = df.copy()
    out.attrs = {"cache_key": key}
    store.put(key, out)
    return df


def numeral_flags(df: pd.DataFrame) -> pd.Series:
    """Boolean Series: the token is a numeral (the ``is_num`` column, else
    :data:`zhdiscourse.text.numerals.NUMERAL_TOKEN` on the token)."""
    if "is_num" in df.columns:
        return df["is_num"].fillna(False).astype(bool)
    return df["token"].astype(str).str.match(NUMERAL_TOKEN)


def content_mask(df: pd.DataFrame, *, drop_stopwords: bool = False, drop_punct: bool = True,
                 drop_num: bool = False) -> pd.Series:
    """The one content-word filter: rows that count as words for content statistics. Punctuation and
    whitespace are out by default; stopwords and numerals on request. One-character words are kept
    (要, 党, 国 …)."""
    m = pd.Series(True, index=df.index)
    if drop_punct and "is_punct" in df.columns:
        m &= ~df["is_punct"].fillna(False).astype(bool)
    if drop_stopwords and "is_stop" in df.columns:
        m &= ~df["is_stop"].fillna(False).astype(bool)
    if drop_num:
        m &= ~numeral_flags(df)
    return m


def content_tokens(df: pd.DataFrame, *, drop_stopwords: bool = True, drop_punct: bool = True,
                   drop_num: bool = True) -> pd.DataFrame:
    """The content words of a token table (:func:`content_mask`, by default without stopwords,
    punctuation and numerals): what frequencies of content words, TF-IDF, keyness and topics count.
    Returns a copy sorted by ``start``."""
    df = as_tokens(df)
    m = content_mask(df, drop_stopwords=drop_stopwords, drop_punct=drop_punct, drop_num=drop_num)
    return df.loc[m].sort_values("start", kind="stable").reset_index(drop=True)
