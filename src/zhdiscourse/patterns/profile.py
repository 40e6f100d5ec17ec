"""The rhetorical profile of every document of a corpus: the registered detectors run over each text.

Per document, every measure of every detector of :data:`zhdiscourse.patterns.registry.REGISTRY`
(and the combined ones of :data:`~zhdiscourse.patterns.registry.COMBINED`):

* directive markers (:mod:`~zhdiscourse.patterns.modality`): modal 要 (``要``: 重要, 需要, 要求 … and
  不要 excluded exactly as in the speech), ``必须``, ``坚决`` (attributive 坚决…的 excluded),
  ``directive_markers`` (the directive family other than 要) and ``directives`` = modal 要 + the whole
  directive family (必须, 务必, 应当, 应该, 决不能, 决不, 不能, 一定, 坚决, 应), i.e. the ``all`` column of
  ``directive_profile(speech, by="text")``;
* ``parallelisms``: instances found by :func:`~zhdiscourse.patterns.parallelism.parallelisms`;
* ``frames``: series of the frame templates (``frames.txt`` of :mod:`zhdiscourse.lexicon`) found by
  :func:`~zhdiscourse.patterns.frames.find_frames` (the templates were written for the speech under
  study, so other documents mostly score 0 — a statement about the templates as much as about the
  texts);

each also as ``<name>_per_1k`` (per 1,000 non-whitespace characters of the body,
:func:`~zhdiscourse.text.measure.nonspace_chars`). Where the speech stands among the documents:
:func:`zhdiscourse.stats.reference.position`.

Profiles are computed with Dask (:mod:`zhdiscourse.util.parallel`: the local scheduler on all cores by
default, or a cluster with ``scheduler=``) and cached per document as JSON in the
``profiles`` disk cache (:mod:`zhdiscourse.util.cache`), keyed by the document's text and the source
code of the parser and of every registered detector, the frames file, the user dictionary and the segmenter
backend and versions: editing a detector recomputes, nothing stale is read.

Streaming a large corpus
    :func:`stream_corpus` reads a corpus lazily (:func:`zhdiscourse.text.corpus.iter_records`), sends each
    document to a Dask worker, which cleans, parses and segments it and runs the detectors, and writes
    the results to Parquet as they come back (:class:`zhdiscourse.util.parquet.ParquetStream`):
    ``documents.parquet`` (one row per document), ``counts.parquet`` (token counts per document),
    ``tokens.parquet`` (every token table, ``tables=True``) and ``profiles.parquet`` (``profiles=True``).
    Memory stays bounded whatever the corpus size (measured in ``bench/bench_dask.py``).
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..lexicon import FRAMES, lexicon_file
from ..text import structure
from ..text.corpus import SPEECH_ID, iter_records, make_document
from ..text.measure import nonspace_chars
from ..text.structure import as_speech, parse
from ..tokenize.corpus import document_tokens
from ..tokenize.dictionary import dictionary_fingerprint
from ..tokenize.segment import HMM, get_segmenter, segmenter_version
from ..util.cache import DiskCache
from ..util.parallel import iter_results, run_tasks
from ..util.parquet import ParquetStream
from . import spans
from .registry import COMBINED, detectors, measure_names

#: Bump when the profile computed per document changes (invalidates the profile cache).
PROFILE_VERSION = "reference-profile-2"


def _store(cache_dir=None) -> DiskCache:
    names = measure_names()
    return DiskCache.named("profiles", cache_dir, prefix="pat-", ext="json",
                           check=lambda d: isinstance(d, dict) and all(m in d for m in names))


def _code_fingerprint() -> str:
    return _fingerprint(tuple(d.name for d in detectors()))


def _source_files(names: tuple[str, ...]) -> list[bytes]:
    """The bytes every profile depends on: the parser, the span helpers, and each detector's module — for a
    detector that lives in a subpackage (``patterns/parallelism/``), every file of that folder, model
    weights included, so that editing any rule or retraining recomputes the profiles."""
    modules = [structure, spans] + [sys.modules[d.find.__module__] for d in detectors() if d.name in names]
    files: list[Path] = []
    out: list[bytes] = []
    for mod in dict.fromkeys(modules):
        f = getattr(mod, "__file__", None)
        if not f:  # a detector defined without a file: its name only
            out.append(mod.__name__.encode("utf-8"))
            continue
        folder = Path(f).parent
        if folder != Path(spans.__file__).parent and (folder / "__init__.py").is_file():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".py", ".json"))
        else:
            files.append(Path(f))
    out += [p.read_bytes() for p in dict.fromkeys(files)]
    return out


@lru_cache(maxsize=None)
def _fingerprint(names: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for part in (PROFILE_VERSION, segmenter_version(), f"HMM={HMM}", dictionary_fingerprint(True, None)):
        h.update(part.encode("utf-8") + b"\0")
    for part in _source_files(names):
        h.update(part + b"\0")
    f = lexicon_file(FRAMES)
    h.update(f.read_bytes() if f.is_file() else b"-")
    return h.hexdigest()


def profile_key(text: str) -> str:
    """Cache key of one document's profile: its text + the code and lexicon fingerprint."""
    h = hashlib.sha256(_code_fingerprint().encode("ascii"))
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def text_profile(text: str, source: str | None = None, speech=None) -> dict:
    """The rhetorical counts of one text (no cache): body span, ``chars`` and every measure."""
    sp = speech if speech is not None else parse(text, path=source)
    a, b = sp.body_start, sp.body_end
    out = {"body_start": a, "body_end": b, "chars": nonspace_chars(sp.text, a, b)}
    for d in detectors():
        if not d.measures:
            continue
        result = d.run(sp)
        for name, count in d.measures.items():
            out[name] = int(count(result))
    for name, parts in COMBINED.items():
        out[name] = int(sum(out[p] for p in parts))
    return out


def _preload() -> None:
    get_segmenter(True)  # the dictionaries loaded once (token tables; detectors); forked workers inherit them
    get_segmenter(True, mined=spans.DETECTOR_MINED)


def profiles(items: list[tuple[str, str, str | None]], *, jobs: int | None = None, cache: bool = True,
             cache_dir=None, progress: bool = False, scheduler=None) -> dict[str, dict]:
    """``{id: profile}`` for ``(id, text, source)`` items, from the cache or computed in processes."""
    jobs = (os.cpu_count() or 1) if jobs is None else int(jobs)
    if jobs < 1:
        raise ZhDiscourseError("jobs must be at least 1")
    store = _store(cache_dir) if cache else None
    out: dict[str, dict] = {}
    todo = []
    for ident, text, source in items:
        key = profile_key(text) if store is not None else None
        got = store.get(key) if store is not None else None
        if got is not None:
            out[ident] = got
        else:
            todo.append((ident, text, source, key))
    todo.sort(key=lambda t: -len(t[1]))
    tasks = [(ident, (text, source), key) for ident, text, source, key in todo]
    out.update(run_tasks(tasks, text_profile, jobs=jobs, save=store.put if store is not None else None,
                         total=len(items), progress=progress, desc="rhetorical profiles", preload=_preload,
                         scheduler=scheduler))
    return out


def pattern_profile(corpus, *, speech=None, kind: str | None = "report", jobs: int | None = None,
                    cache: bool = True, cache_dir=None, progress: bool = False, scheduler=None) -> pd.DataFrame:
    """Rhetorical profile per document (see the module docstring), then the speech if given.

    Columns: ``doc, year, kind, title, chars`` then every measure and its ``_per_1k`` (per 1,000
    non-whitespace body characters). Documents sorted by year when all have one.
    """
    ref = corpus.filter(kind) if kind else corpus
    if len(ref) == 0:
        raise ZhDiscourseError(f"the corpus has no documents of kind {kind!r}")
    docs = list(ref)
    if all(d.year is not None for d in docs):
        docs.sort(key=lambda d: d.year)
    items = [(d.id, d.text, d.source) for d in docs]
    profs = profiles(items, jobs=jobs, cache=cache, cache_dir=cache_dir, progress=progress, scheduler=scheduler)
    rows = [{"doc": d.id, "year": d.year, "kind": d.kind, "title": d.title, **profs[d.id]} for d in docs]
    if speech is not None:
        sp = as_speech(speech)
        prof = profiles([(SPEECH_ID, sp.text, None)], jobs=1, cache=cache, cache_dir=cache_dir)[SPEECH_ID]
        rows.append({"doc": SPEECH_ID, "year": None, "kind": "speech", "title": sp.metadata.title or "", **prof})
    out = pd.DataFrame(rows)
    out["year"] = out["year"].astype("Int64")
    for m in measure_names():
        out[f"{m}_per_1k"] = np.where(out["chars"] > 0, 1000.0 * out[m] / out["chars"].clip(lower=1), 0.0)
    return out.drop(columns=["body_start", "body_end"])


# --------------------------------------------------------------------------------------------------
# Streaming a corpus of any size to Parquet
# --------------------------------------------------------------------------------------------------


def document_results(record: dict, tables: bool, profiles: bool) -> tuple[dict, pd.DataFrame | None, pd.DataFrame,
                                                                          dict | None]:
    """One Dask task of :func:`stream_corpus`: ``(meta, token table, token counts, profile)`` of a corpus
    record (see :func:`zhdiscourse.tokenize.corpus.document_tokens`)."""
    doc = make_document(**record)
    sp = parse(doc.text, path=doc.source)
    meta, table, counts = document_tokens(doc, table=tables, speech=sp)
    prof = None
    if profiles:
        p = text_profile(doc.text, doc.source, speech=sp)
        prof = {"doc": meta["doc"], "year": meta["year"], "kind": meta["kind"], **p}
        for m in measure_names():
            prof[f"{m}_per_1k"] = 1000.0 * prof[m] / prof["chars"] if prof["chars"] > 0 else 0.0
    return meta, table, counts, prof


def stream_corpus(path, out_dir, *, tables: bool = True, profiles: bool = True, kind: str | None = None,
                  jobs: int | None = None, scheduler=None, progress: bool = False, window: int | None = None) -> dict:
    """Stream the corpus at ``path`` through Dask into Parquet files in ``out_dir`` (see the module
    docstring); ``kind`` keeps only documents of that kind. Returns a summary: documents, characters,
    tokens and the files written. Documents are written in the order they finish."""
    jobs = (os.cpu_count() or 1) if jobs is None else int(jobs)
    if jobs < 1:
        raise ZhDiscourseError("jobs must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    streams = {"documents": ParquetStream(out / "documents.parquet", rows_per_group=4096),
               "counts": ParquetStream(out / "counts.parquet")}
    if tables:
        streams["tokens"] = ParquetStream(out / "tokens.parquet")
    if profiles:
        streams["profiles"] = ParquetStream(out / "profiles.parquet", rows_per_group=4096)
    records = (r for r in iter_records(path) if kind is None or r["kind"] == kind)
    tasks = ((None, (rec, tables, profiles)) for rec in records)
    seen: set[str] = set()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="documents", unit="doc")
    summary = {"documents": 0, "chars": 0, "tokens": 0}
    try:
        for _key, (meta, table, counts, prof) in iter_results(tasks, document_results, jobs=jobs, scheduler=scheduler,
                                                              preload=_preload, window=window):
            if meta["doc"] in seen:
                raise ZhDiscourseError(f"duplicate document id in the corpus: {meta['doc']}")
            seen.add(meta["doc"])
            streams["documents"].write(pd.DataFrame([meta]).astype({"year": "Int64"}))
            streams["counts"].write(counts)
            if table is not None:
                streams["tokens"].write(table)
            if prof is not None:
                streams["profiles"].write(pd.DataFrame([prof]).astype({"year": "Int64"}))
            summary["documents"] += 1
            summary["chars"] += meta["chars"]
            summary["tokens"] += meta["tokens"]
            if bar:
                bar.update(1)
    except BaseException:
        for s in streams.values():
            s.abort()
        raise
    finally:
        if bar:
            bar.close()
    if not summary["documents"]:
        for s in streams.values():
            s.abort()
        raise ZhDiscourseError(f"{path}: no documents" + (f" of kind {kind!r}" if kind else ""))
    summary["files"] = [str(p) for p in (s.close() for s in streams.values()) if p is not None]
    return summary
