"""Token tables for a whole corpus: in parallel processes, with a progress bar, cached per document.

``corpus_tokens(corpus)`` → one DataFrame, the token tables of all documents (see
:mod:`zhdiscourse.tokenize.table`) stacked, with the columns ``doc``, ``year`` and ``kind`` in front.
Offsets (``start``/``end``) point into each document's ``text`` (and equally into its
``original``, which has the same length; see :mod:`zhdiscourse.text.corpus`).

Method:

* **Cache per document.** Each document's table is stored under a key that hashes the document's
  analysis text together with everything the table depends on: the source of the structure parser
  (every module of ``zhdiscourse.text``) and of the token-table module, the token table's ``CODE_VERSION``, the segmenter backend and versions, the HMM
  setting, and the fingerprints of the dictionary layers (user dictionary, mined terms) and stopword lists. Adding a document
  builds only that document's table; editing the parser or a lexicon rebuilds all (never a stale
  table). A warm run reads the cached tables without parsing or segmenting anything.
* **Dask.** Missing tables are built with Dask (:mod:`zhdiscourse.util.parallel`): by default its local
  scheduler on ``jobs`` worker processes (default: all cores, ``os.cpu_count()``), largest documents
  first so that the workers finish together; on Linux the workers are forked after the segmenter's
  dictionary has been loaded in the parent, so they do not load it again. ``jobs=1`` builds in the
  calling process; ``scheduler="tcp://host:8786"`` (or a ``distributed.Client``) sends the work to a
  Dask cluster (``docs/cluster.md``).
* **Progress.** A ``tqdm`` bar counts documents (``progress=False`` to hide it).

For a corpus too large to hold in memory, :func:`zhdiscourse.patterns.profile.stream_corpus` streams the
per-document tables and counts (:func:`document_tokens`) to Parquet instead.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import ZhDiscourseError
from ..text import structure
from ..text.corpus import Document, make_document
from ..text.structure import parse
from ..util.cache import DiskCache
from ..util.parallel import run_tasks
from . import table as tokentable
from .dictionary import dictionary_fingerprint, resolve_mined, resolve_userdict, stopwords_fingerprint
from .segment import HMM, get_segmenter, segmenter_version
from .table import build_token_table

CORPUS_CACHE_VERSION = "corpus-tokens-1"


@lru_cache(maxsize=None)
def _environment_fingerprint(userdict, stopword_domain, mined=None) -> str:
    ud = resolve_userdict(userdict)
    md = resolve_mined(mined, userdict)
    h = hashlib.sha256()
    for part in (CORPUS_CACHE_VERSION, tokentable.CODE_VERSION, segmenter_version(), f"HMM={HMM}",
                 str(ud is not None), str(md is not None), dictionary_fingerprint(ud or False, md or False),
                 stopwords_fingerprint(stopword_domain),
                 *(f.read_text(encoding="utf-8") for f in sorted(Path(structure.__file__).parent.glob("*.py"))),
                 Path(tokentable.__file__).read_text(encoding="utf-8")):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def document_key(text: str, *, userdict=True, stopword_domain=True, mined=None) -> str:
    """The cache key of one document's token table (see the module docstring)."""
    h = hashlib.sha256(_environment_fingerprint(userdict, stopword_domain, mined).encode("ascii"))
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def _store(cache_dir=None) -> DiskCache:
    """The ``corpus-tokens`` disk cache (one token table per document)."""
    return DiskCache.named("corpus-tokens", cache_dir, prefix="doc-", ext="pkl",
                           check=lambda df: isinstance(df, pd.DataFrame))


def _build(text: str, source: str | None, userdict, stopword_domain, mined=None) -> pd.DataFrame:
    return build_token_table(parse(text, path=source), userdict=userdict, stopword_domain=stopword_domain,
                             mined=mined)


def token_tables(corpus, *, jobs: int | None = None, cache: bool = True, cache_dir=None,
                 progress: bool = True, userdict=True, stopword_domain=True, mined=None,
                 scheduler=None) -> dict[str, pd.DataFrame]:
    """``{document id: token table}`` for every document of ``corpus``, in corpus order (``userdict``,
    ``mined`` and ``stopword_domain`` as in :func:`zhdiscourse.tokenize.table.tokens`; ``scheduler``:
    see the module docstring)."""
    jobs = os.cpu_count() or 1 if jobs is None else int(jobs)
    if jobs < 1:
        raise ZhDiscourseError("jobs must be at least 1")
    docs = list(corpus)
    store = _store(cache_dir) if cache else None
    out: dict[str, pd.DataFrame] = {}
    todo = []
    for doc in docs:
        key = (document_key(doc.text, userdict=userdict, stopword_domain=stopword_domain, mined=mined)
               if store is not None else None)
        df = store.get(key) if store is not None else None
        if df is not None:
            out[doc.id] = df
        else:
            todo.append((doc, key))
    todo.sort(key=lambda t: -len(t[0].text))

    def preload():
        get_segmenter(userdict, mined=mined)  # load jieba once; forked workers inherit it

    tasks = [(doc.id, (doc.text, doc.source, userdict, stopword_domain, mined), key) for doc, key in todo]
    out.update(run_tasks(tasks, _build, jobs=jobs, save=store.put if store is not None else None,
                         total=len(docs), progress=progress, desc="token tables", preload=preload,
                         scheduler=scheduler))
    return {doc.id: out[doc.id] for doc in docs}


#: Columns of the per-document token counts (:func:`document_tokens`).
COUNT_COLUMNS = ["doc", "token", "pos", "count", "is_stop", "is_punct", "is_num"]


def token_counts(doc_id: str, table: pd.DataFrame) -> pd.DataFrame:
    """How often each (token, tag) occurs in one document's token table, most frequent first
    (ties in order of first occurrence), with the table's flags."""
    if not len(table):
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("doc", "token", "pos") else
                                          ("int64" if c == "count" else "bool")) for c in COUNT_COLUMNS})
    g = table.groupby(["token", "pos"], sort=False, observed=True)
    out = g.agg(count=("start", "size"), is_stop=("is_stop", "first"), is_punct=("is_punct", "first"),
                is_num=("is_num", "first")).reset_index()
    out = out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    out.insert(0, "doc", pd.Series([doc_id] * len(out), dtype="str"))
    return out[COUNT_COLUMNS]


def document_tokens(record, *, userdict=True, stopword_domain=True, table: bool = True, speech=None
                    ) -> tuple[dict, pd.DataFrame | None, pd.DataFrame]:
    """The token results of one corpus record (arguments of :func:`zhdiscourse.text.corpus.make_document`,
    or a :class:`~zhdiscourse.text.corpus.Document`; ``speech``: its parsed structure, if already made):
    ``(meta, table, counts)`` — ``meta`` has ``doc, year, kind, title, chars, tokens``; ``table`` the
    token table with ``doc``, ``year``, ``kind`` in front (``None`` when ``table=False``); ``counts``
    :func:`token_counts`. Cleaning, parsing and segmentation all happen here, so this is the task a
    Dask worker runs for a streamed corpus."""
    doc = record if isinstance(record, Document) else make_document(**record)
    sp = speech if speech is not None else parse(doc.text, path=doc.source)
    df = build_token_table(sp, userdict=userdict, stopword_domain=stopword_domain)
    counts = token_counts(doc.id, df)
    meta = {"doc": doc.id, "year": doc.year, "kind": doc.kind, "title": doc.title, "chars": len(doc.text),
            "tokens": len(df)}
    if not table:
        return meta, None, counts
    n = len(df)
    df.insert(0, "kind", pd.Series([doc.kind] * n, dtype="str"))
    df.insert(0, "year", pd.Series([doc.year] * n, dtype="Int64"))
    df.insert(0, "doc", pd.Series([doc.id] * n, dtype="str"))
    return meta, df, counts


def corpus_tokens(corpus, **kwargs) -> pd.DataFrame:
    """All token tables stacked, with ``doc``, ``year`` and ``kind`` columns in front (see
    :func:`token_tables` for the options)."""
    tables = token_tables(corpus, **kwargs)
    frames = []
    for doc in corpus:
        # the tables are fresh objects (read from the cache or just built): add the columns in place
        # instead of concatenating copies, so the parent holds the tables and the result, not three
        # copies (see bench/README.md, "Reference corpus")
        df = tables.pop(doc.id)
        n = len(df)
        df.index = pd.RangeIndex(n)  # reset_index(drop=True) in place (its inplace= is deprecated)
        df.insert(0, "kind", pd.Series([doc.kind] * n, dtype="str"))
        df.insert(0, "year", pd.Series([doc.year] * n, dtype="Int64"))
        df.insert(0, "doc", pd.Series([doc.id] * n, dtype="str"))
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=["doc", "year", "kind"])
    out = pd.concat(frames, ignore_index=True)
    frames.clear()
    return out
