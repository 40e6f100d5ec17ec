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
``is_stop``    in the stopword list (``stopwordsiso`` zh + ``data/lexicon/stopwords_domain.txt``)
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
sentences, clauses, parts and sub-points), the user dictionary file, the stopword set, the jieba
version, the HMM setting and ``CODE_VERSION``. Any change to one of them gives a new key, so a stale
table is never read.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ZhDiscourseError

#: Bump when the way the table is built changes (invalidates every cached table).
CODE_VERSION = "tokentable-1"

COLUMNS = ["token", "pos", "start", "end", "sentence", "clause", "section", "subsection",
           "is_stop", "is_punct", "is_num"]

CACHE_ENV = "ZHDISCOURSE_CACHE_DIR"

_NUM_RE = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+)")


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in "PSZ" or c.isspace() for c in tok)


def _is_num(tok: str) -> bool:
    return _NUM_RE.fullmatch(tok) is not None


def _as_speech(speech):
    from .structure import Speech, parse

    if isinstance(speech, str):
        return parse(speech)
    if not isinstance(speech, Speech):
        raise ZhDiscourseError("tokens() takes a Speech (zhdiscourse.load_speech) or a text")
    return speech


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
    arr = np.array(list(names) + [None], dtype=object)
    return pd.Series(arr[np.where(idx >= 0, idx, len(names))], dtype="str")


def build_token_table(speech, *, userdict=True, stopword_domain=True) -> pd.DataFrame:
    """Build the token table of ``speech`` (no cache). A module-level function of plain data, so it
    can run in worker processes. See the module docstring for the columns."""
    from .lexicon import stopwords
    from .segment import segment_spans

    speech = _as_speech(speech)
    text = speech.text
    sents = speech.sentences
    spans = [(s.start, s.end) for s in sents]
    words, tags, counts = segment_spans(text, spans, userdict=userdict)
    n = len(words)

    lens = np.fromiter(map(len, words), dtype=np.int64, count=n)
    s_start = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans))
    s_len = np.fromiter((b - a for a, b in spans), dtype=np.int64, count=len(spans))
    s_index = np.fromiter((s.index for s in sents), dtype=np.int64, count=len(sents))
    counts_a = np.asarray(counts, dtype=np.int64)
    sent_pos = np.repeat(np.arange(len(spans), dtype=np.int64), counts_a)
    excl = np.cumsum(lens) - lens  # offset of each token in the concatenation of the sentences
    s_base = np.cumsum(s_len) - s_len  # offset of each sentence in that concatenation
    start = s_start[sent_pos] + (excl - s_base[sent_pos]) if n else np.zeros(0, dtype=np.int64)
    end = start + lens

    cl = speech.clauses
    c_start = np.fromiter((c.start for c in cl), dtype=np.int64, count=len(cl))
    c_end = np.fromiter((c.end for c in cl), dtype=np.int64, count=len(cl))
    c_index = np.fromiter((c.index for c in cl), dtype=np.int64, count=len(cl))
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

    codes, uniques = pd.factorize(pd.Series(words, dtype="str"), sort=False)
    uniq = list(uniques)
    stop = stopwords(stopword_domain)
    u_stop = np.fromiter((u in stop for u in uniq), dtype=bool, count=len(uniq))
    u_punct = np.fromiter((_is_punct(u) for u in uniq), dtype=bool, count=len(uniq))
    u_num = np.fromiter((_is_num(u) for u in uniq), dtype=bool, count=len(uniq))

    df = pd.DataFrame({
        "token": pd.Series(words, dtype="str"),
        "pos": pd.Series(tags, dtype="str"),
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


def _writable_dir(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, prefix=".probe-", delete=True):
            pass
        return True
    except OSError:
        return False


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/zhdiscourse`` (or ``~/.cache/zhdiscourse``; ``%LOCALAPPDATA%`` on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".cache") / "zhdiscourse"


def default_cache_dir() -> Path | None:
    """Where token tables are cached: ``$ZHDISCOURSE_CACHE_DIR``, else ``<project>/data/processed/
    cache/tokens`` when the project checkout is writable, else the user cache directory; ``None``
    if nothing is writable (then nothing is cached)."""
    from .lexicon import project_root

    env = os.environ.get(CACHE_ENV)
    candidates = [Path(env)] if env else []
    root = project_root()
    if root is not None:
        candidates.append(root / "data" / "processed" / "cache" / "tokens")
    candidates.append(user_cache_dir() / "tokens")
    for c in candidates:
        if _writable_dir(c):
            return c
    return None


def cache_key(speech, *, userdict=True, stopword_domain=True) -> str:
    """The hash that names a cached table (see the module docstring for what it covers)."""
    from .lexicon import resolve_userdict, stopwords_fingerprint, userdict_fingerprint
    from .segment import HMM, jieba_version

    speech = _as_speech(speech)
    ud = resolve_userdict(userdict)
    h = hashlib.sha256()
    for part in (CODE_VERSION, jieba_version(), f"HMM={HMM}", str(ud is not None),
                 userdict_fingerprint(ud), stopwords_fingerprint(stopword_domain)):
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


def tokens(speech, *, cache: bool = True, cache_dir: str | Path | None = None, userdict=True,
           stopword_domain=True) -> pd.DataFrame:
    """The token table of ``speech`` (a :class:`~zhdiscourse.structure.Speech` or a text).

    With ``cache=True`` the table is read from / written to ``cache_dir`` (default
    :func:`default_cache_dir`) under :func:`cache_key`; a damaged cache file is rebuilt. ``userdict``
    and ``stopword_domain`` choose other lexicon files (``False`` = none); see the module docstring.
    """
    speech = _as_speech(speech)
    if not cache:
        return build_token_table(speech, userdict=userdict, stopword_domain=stopword_domain)
    d = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if d is None:
        return build_token_table(speech, userdict=userdict, stopword_domain=stopword_domain)
    key = cache_key(speech, userdict=userdict, stopword_domain=stopword_domain)
    path = d / f"tokens-{key[:32]}.pkl"
    if path.is_file():
        try:
            df = pd.read_pickle(path)
            if isinstance(df, pd.DataFrame) and list(df.columns) == COLUMNS and df.attrs.get("cache_key") == key:
                df.attrs = {}
                return df
        except Exception:  # a damaged or foreign file: rebuild it
            pass
    df = build_token_table(speech, userdict=userdict, stopword_domain=stopword_domain)
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tokens-", suffix=".tmp")
        os.close(fd)
        out = df.copy()
        out.attrs = {"cache_key": key}
        out.to_pickle(tmp)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
    return df


def content_mask(df: pd.DataFrame, *, drop_stopwords: bool = False, drop_punct: bool = True,
                 drop_num: bool = False) -> pd.Series:
    """Rows that count as words for content statistics (punctuation/whitespace out by default;
    stopwords and numerals on request)."""
    m = pd.Series(True, index=df.index)
    if drop_punct:
        m &= ~df["is_punct"]
    if drop_stopwords:
        m &= ~df["is_stop"]
    if drop_num:
        m &= ~df["is_num"]
    return m
