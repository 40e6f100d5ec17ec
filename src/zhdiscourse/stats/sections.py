"""Comparable sections: the parts of a text against the parts of the same role in a reference corpus.

A whole report mixes a review of past work with the tasks ahead, and the two differ in how directive
they are; a speech's review part should be compared with the reviews of the reports, its task parts
with their task parts, and both within an era (the reports' style changes over seventy years).

Roles (:func:`section_roles`)
    The operationalisation is positional: **the first part (一、) of a text is its review, every later
    part is a task part**. It is a rule about the genre (reports and work speeches open with what
    was done), not about any one text's titles. As a check on the rule, ``review_title`` says whether
    a part's title names a review with one of :data:`REVIEW_WORDS` (回顾 "review", 过去 "past",
    总结 "summing up", 执行情况 "implementation", 成就 "achievements"); the share of first parts with such
    a title is a measure of how well the rule fits a corpus. Texts without parts have no roles and are
    left out of the comparison (listed in ``attrs["without_parts"]``).

Densities (:func:`section_densities`)
    Per document and part: the events (any detector, a callable ``events(speech)`` returning a
    DataFrame with ``start``; e.g. modal 要 + the directive markers of
    :mod:`zhdiscourse.patterns.modality`) per 1,000 non-whitespace characters, with a bootstrap
    interval over the part's sentences (:mod:`zhdiscourse.stats.intervals`). The events function is
    passed in because the detectors live in :mod:`zhdiscourse.patterns`, beside this stage.

Cache
    The corpus tables of :func:`section_densities` and :func:`document_densities` are cached on disk (the
    ``sections`` cache of :mod:`zhdiscourse.util.cache`) when ``events`` is a function of the library
    (``zhdiscourse.*``, e.g. ``patterns.directive_events``): keyed by the documents (id, year, kind and
    text), the arguments, the function's name and everything its result can depend on — the source of
    the whole package and its bundled lexicons, the lexicon folder in effect, the user dictionary and
    the segmenter (:func:`_library_fingerprint`). Any other callable (a notebook's own function) is run
    every time. ``cache=False`` computes without the cache. A table read back is the computed one, bit
    for bit (``tests/stats/test_sections.py``).

Eras (:func:`era_of`)
    By default the decade of the document's year (``1970s``); or the caller's periods, a sequence
    of ``(label, first_year, last_year)``.

Comparison (:func:`compare_parts`)
    Each part of the speech against the corpus parts of the same role, over all documents and per
    era: ``n`` parts, how many lie ``below`` / ``equal`` / ``above`` the speech's value, their
    median and maximum, and two rank-based p-values of the speech's value among them,
    ``p_low = (1 + #{x ≤ value}) / (n + 1)`` (is the speech's part unusually *low*?) and
    ``p_high = (1 + #{x ≥ value}) / (n + 1)`` (unusually *high*?). The speech's own uncertainty is its
    bootstrap interval (``lo``, ``hi``); ``below_lo`` / ``above_hi`` count the corpus parts outside it.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.segment import analysis_fingerprint
from ..util.cache import DiskCache
from ..text.model import Speech
from ..text.structure import as_speech
from .intervals import N_BOOT, SEED, bootstrap_table, count_events, sentence_pieces

#: Words whose presence in a part's title names a review of past work (a check on the positional rule).
REVIEW_WORDS = ("回顾", "过去", "总结", "执行情况", "成就")
ROLES = ("review", "tasks")
#: Default number of resamples per corpus part (fewer than for one text: there are hundreds of parts).
CORPUS_N_BOOT = 2_000

Events = Callable[[Speech], pd.DataFrame]


def section_roles(speech: Speech) -> pd.DataFrame:
    """The role of each part: ``section, ordinal, title, role, review_title`` (module docstring)."""
    rows = [{"section": s.number, "ordinal": i, "title": s.title, "role": "review" if i == 0 else "tasks",
             "review_title": any(w in s.title for w in REVIEW_WORDS)} for i, s in enumerate(speech.sections)]
    return pd.DataFrame(rows, columns=["section", "ordinal", "title", "role", "review_title"])


def era_of(year, eras: Sequence[tuple[str, int, int]] | None = None) -> str | None:
    """The era of a year: its decade (``"1990s"``) by default, else the label of the first of ``eras``
    (``(label, first_year, last_year)``) that contains it; ``None`` for no year or no matching era."""
    if year is None or pd.isna(year):
        return None
    year = int(year)
    if eras is None:
        return f"{year // 10 * 10}s"
    for label, a, b in eras:
        if a <= year <= b:
            return str(label)
    return None


GROUPINGS = ("part", "role")


def _part_table(speech: Speech, events: Events, name: str, n_boot: int, seed: int, level: float,
                grouping: str = "part") -> pd.DataFrame:
    if grouping not in GROUPINGS:
        raise ZhDiscourseError(f"unknown grouping {grouping!r}: use {', '.join(GROUPINGS)}")
    ev = events(speech)
    if not isinstance(ev, pd.DataFrame) or "start" not in ev.columns:
        raise ZhDiscourseError("events(speech) must return a DataFrame with a 'start' column")
    roles = section_roles(speech)
    pieces = count_events(sentence_pieces(speech, "section"), {name: ev})
    if grouping == "part":
        dens = bootstrap_table(pieces, [name], n_boot=n_boot, seed=seed, level=level)
        return roles.merge(dens.rename(columns={"unit": "section"}), on="section", how="left")
    pieces["role"] = pieces["unit"].map(dict(zip(roles["section"], roles["role"])))
    dens = bootstrap_table(pieces, [name], group="role", n_boot=n_boot, seed=seed, level=level)
    agg = roles.groupby("role", sort=False).agg(section=("section", "-".join), ordinal=("ordinal", "min"),
                                                 title=("title", " / ".join),
                                                 review_title=("review_title", "any")).reset_index()
    return agg[["section", "ordinal", "title", "role", "review_title"]].merge(dens, on="role", how="left")


def part_densities(speech, events: Events, *, name: str = "directives", grouping: str = "part",
                   n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95) -> pd.DataFrame:
    """The speech's parts with their roles and densities: ``section, ordinal, title, role,
    review_title, sentences, chars, <name>, <name>_per_1k, <name>_lo, <name>_hi, <name>_se``.
    ``grouping="role"`` gives one row per role instead (the task parts together; ``section`` joins
    their numbers, ``一`` / ``二-三-四``)."""
    sp = as_speech(speech)
    if not sp.sections:
        raise ZhDiscourseError("the text has no parts, so it has no review and task parts to compare")
    out = _part_table(sp, events, name, n_boot, seed, level, grouping)
    out.attrs = {"name": name, "grouping": grouping, "n_boot": n_boot, "seed": seed, "level": level}
    return out


#: Bump when the corpus tables change in a way the fingerprint cannot see (invalidates the cache).
SECTIONS_CACHE_VERSION = "sections-1"


def _library_fingerprint(events) -> str | None:
    """What a library ``events`` function's results can depend on besides the text (module docstring), or
    ``None`` for a function outside the library (not cached)."""
    module, qualname = getattr(events, "__module__", None) or "", getattr(events, "__qualname__", None) or ""
    if not module.startswith("zhdiscourse.") or not qualname or "<" in qualname:
        return None
    h = hashlib.sha256(f"{SECTIONS_CACHE_VERSION}\0{analysis_fingerprint()}".encode())
    for part in (module, qualname):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _corpus_key(what: str, docs, events, params: dict) -> str | None:
    code = _library_fingerprint(events)
    if code is None:
        return None
    h = hashlib.sha256((code + "\0" + what + "\0" + repr(sorted(params.items()))).encode("utf-8"))
    for d in docs:
        h.update(f"\0{d.id}\0{d.year}\0{d.kind}\0".encode("utf-8"))
        h.update(hashlib.sha256(d.text.encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


def _store(cache_dir=None) -> DiskCache:
    return DiskCache.named("sections", cache_dir, prefix="sections-", ext="pkl", key_chars=32,
                           check=lambda v: isinstance(v, pd.DataFrame))


def _cached(what: str, docs, events, params: dict, cache: bool, cache_dir, compute: Callable[[], pd.DataFrame]
            ) -> pd.DataFrame:
    key = _corpus_key(what, docs, events, params) if cache else None
    return compute() if key is None else _store(cache_dir).fetch(key, compute)


def _ordered(corpus, kind):
    docs = list(corpus.select(kind))
    if all(d.year is not None for d in docs):
        docs.sort(key=lambda d: d.year)
    return docs


def section_densities(corpus, events: Events, *, kind: str | None = "report", name: str = "directives",
                      grouping: str = "part", eras: Sequence[tuple[str, int, int]] | None = None,
                      n_boot: int = CORPUS_N_BOOT, seed: int = SEED, level: float = 0.95, cache: bool = True,
                      cache_dir=None) -> pd.DataFrame:
    """One row per part (``grouping="part"``) or per role (``"role"``: a document's task parts
    together) of every document of ``corpus`` (of ``kind``; ``None``: all) with its role and density:
    ``doc, year, era`` and the columns of :func:`part_densities`. Documents in year order (when all
    have one); the seed of document i is ``seed + i`` so each document's intervals do not depend on
    the others. ``attrs``: ``without_parts`` (ids of documents without parts), ``name``,
    ``grouping``, ``n_boot``, ``seed``, ``level``, ``review_title_share`` (share of first parts whose
    title names a review). Cached on disk for a library ``events`` function (module docstring)."""
    if grouping not in GROUPINGS:
        raise ZhDiscourseError(f"unknown grouping {grouping!r}: use {', '.join(GROUPINGS)}")
    docs = _ordered(corpus, kind)
    params = {"name": name, "grouping": grouping, "eras": None if eras is None else [tuple(e) for e in eras],
              "n_boot": n_boot, "seed": seed, "level": level}
    return _cached("section_densities", docs, events, params, cache, cache_dir,
                   lambda: _section_densities(docs, events, name, grouping, eras, n_boot, seed, level))


def _section_densities(docs, events, name, grouping, eras, n_boot, seed, level) -> pd.DataFrame:
    frames, without = [], []
    for i, d in enumerate(docs):
        sp = d.speech()
        if not sp.sections:
            without.append(d.id)
            continue
        t = _part_table(sp, events, name, n_boot, seed + i, level, grouping)
        t.insert(0, "era", era_of(d.year, eras))
        t.insert(0, "year", d.year)
        t.insert(0, "doc", d.id)
        frames.append(t)
    if not frames:
        raise ZhDiscourseError("no document of the corpus has parts")
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("Int64")
    first = out[out["ordinal"] == 0]
    out.attrs = {"without_parts": without, "name": name, "grouping": grouping, "n_boot": n_boot, "seed": seed,
                 "level": level,
                 "review_title_share": float(first["review_title"].mean()) if len(first) else float("nan")}
    return out


def document_densities(corpus, events: Events, *, kind: str | None = "report", name: str = "directives",
                       eras: Sequence[tuple[str, int, int]] | None = None, n_boot: int = CORPUS_N_BOOT,
                       seed: int = SEED, level: float = 0.95, cache: bool = True, cache_dir=None) -> pd.DataFrame:
    """The whole body of every document (parts or not): ``doc, year, era, sentences, chars, <name>,
    <name>_per_1k, <name>_lo, <name>_hi, <name>_se`` (bootstrap over the body's sentences, seed of
    document i = ``seed + i``), documents in year order when all have one. Cached on disk for a library
    ``events`` function (module docstring)."""
    docs = _ordered(corpus, kind)
    params = {"name": name, "eras": None if eras is None else [tuple(e) for e in eras], "n_boot": n_boot,
              "seed": seed, "level": level}
    return _cached("document_densities", docs, events, params, cache, cache_dir,
                   lambda: _document_densities(docs, events, name, eras, n_boot, seed, level))


def _document_densities(docs, events, name, eras, n_boot, seed, level) -> pd.DataFrame:
    rows = []
    for i, d in enumerate(docs):
        sp = d.speech()
        pieces = count_events(sentence_pieces(sp, "text"), {name: events(sp)})
        t = bootstrap_table(pieces, [name], n_boot=n_boot, seed=seed + i, level=level).drop(columns="unit")
        rows.append({"doc": d.id, "year": d.year, "era": era_of(d.year, eras), **t.iloc[0].to_dict()})
    out = pd.DataFrame(rows)
    out["year"] = out["year"].astype("Int64")
    out.attrs = {"name": name, "n_boot": n_boot, "seed": seed, "level": level}
    return out


def _position(value: float, vals: np.ndarray) -> dict:
    n = len(vals)
    below, above = int((vals < value).sum()), int((vals > value).sum())
    return {"n": n, "below": below, "equal": n - below - above, "above": above,
            "share_below": below / n if n else np.nan,
            "median": float(np.median(vals)) if n else np.nan, "max": float(vals.max()) if n else np.nan,
            "min": float(vals.min()) if n else np.nan,
            "p_low": (1 + int((vals <= value).sum())) / (n + 1), "p_high": (1 + int((vals >= value).sum())) / (n + 1)}


def compare_parts(parts: pd.DataFrame, reference: pd.DataFrame, *, by_era: bool = True) -> pd.DataFrame:
    """Each part of the speech (a :func:`part_densities` table) against the reference parts of the
    same role (a :func:`section_densities` table built with the same ``name``), over all documents
    (``era = "all"``) and, with ``by_era``, per era. Columns: ``section, role, value, lo, hi, era, n,
    below, equal, above, share_below, median, min, max, max_doc, below_lo, above_hi, p_low, p_high``
    (module docstring)."""
    name = parts.attrs.get("name") or reference.attrs.get("name")
    col = f"{name}_per_1k"
    if col not in parts.columns or col not in reference.columns:
        raise ZhDiscourseError(f"both tables need the column {col!r} (build them with the same name=)")
    groups = [("all", reference)]
    if by_era:
        groups += [(str(e), g) for e, g in reference.groupby("era", sort=False, dropna=True)]
    rows = []
    for p in parts.itertuples(index=False):
        value = float(getattr(p, col))
        lo, hi = float(getattr(p, f"{name}_lo")), float(getattr(p, f"{name}_hi"))
        for era, g in groups:
            same = g[g["role"] == p.role]
            vals = same[col].to_numpy(dtype=float)
            row = {"section": p.section, "role": p.role, "value": value, "lo": lo, "hi": hi, "era": era,
                   **_position(value, vals)}
            row["max_doc"] = str(same["doc"].iloc[int(np.argmax(vals))]) if len(vals) else None
            row["below_lo"] = int((vals < lo).sum()) if not np.isnan(lo) else None
            row["above_hi"] = int((vals > hi).sum()) if not np.isnan(hi) else None
            rows.append(row)
    cols = ["section", "role", "value", "lo", "hi", "era", "n", "below", "equal", "above", "share_below", "median",
            "min", "max", "max_doc", "below_lo", "above_hi", "p_low", "p_high"]
    return pd.DataFrame(rows, columns=cols)


def era_summary(reference: pd.DataFrame) -> pd.DataFrame:
    """Per era and role of a :func:`section_densities` table (per era of a :func:`document_densities`
    table, ``role = "whole"``): ``era, role, documents, parts, median, min, max`` of the densities
    (eras in order of appearance)."""
    col = f"{reference.attrs.get('name', 'directives')}_per_1k"
    if col not in reference.columns:
        raise ZhDiscourseError(f"the table has no column {col!r}")
    if "role" not in reference.columns:
        reference = reference.assign(role="whole")
    g = reference.dropna(subset=["era"]).groupby(["era", "role"], sort=False)
    out = g.agg(documents=("doc", "nunique"), parts=(col, "size"), median=(col, "median"), min=(col, "min"),
                max=(col, "max")).reset_index()
    return out
