"""The PSE-I benchmark of rhetorical parallelism (排比) in student essays, and the task's four metrics.

Data: the Paibi Student Essays, PSE-I subset (Song et al. 2016, COLING; Bothwell et al. 2023, EMNLP;
licence CC-BY-SA 4.0). One XML file per essay: ``<para>`` → ``<sent>`` → ``<word cont=… pos=…>``; a word
inside a parallelism carries ``parallelism_id_1`` (the group) and ``branch_id_1`` (the member), deeper
nesting ``_2``. This module reads such files (:func:`read_essay`, :func:`read_corpus`); it ships no
essay: the benchmark (``bench/bench_pse.py``) reads them from a folder. :func:`read_corpus` keeps what it read
in the ``pse-essays`` disk cache (:class:`zhdiscourse.util.cache.DiskCache`), keyed on the essays read (names,
in order, and the SHA-256 of each file's bytes) and the package fingerprint: parsing the 367 essays of PSE-I
takes about a second.

The metrics of Bothwell et al. 2023, per essay, then summed over essays (micro precision, recall, F1).
A *group* is a set of *branches* (members); a branch is a set of word indices of the essay. In each
essay predicted and gold groups are paired one to one by a linear-sum assignment that maximises the
summed pair score (:func:`match_score`); the essay's score is that maximum.

========  ====================================================================  ==================
metric    pair score of a predicted group P and a gold group G                  counted units
========  ====================================================================  ==================
EPM       1 when P and G have the same set of branches, else 0                  groups
MPBM      the number of branches P and G share exactly, when ≥ 2, else 0        branches
MBAWO     branches of P and G paired one to one (linear-sum assignment on the   words in branches
          shared words); the summed shared words, when ≥ 2 pairs share a word
MWO       the words P and G share, branch boundaries ignored                    words in branches
========  ====================================================================  ==================

Precision = summed scores / predicted units, recall = summed scores / gold units, F1 their harmonic
mean (0 when both are 0).
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..util.cache import DiskCache, digest, package_fingerprint

#: The four metrics, from the strictest to the most lenient.
METRICS = ("EPM", "MPBM", "MBAWO", "MWO")
#: Punctuation that ends a clause in the essays (branch edges exclude it).
CLAUSE_PUNCT = set("，。！？；、：,.!?;:…—")

#: Bump when what :func:`read_essay` returns changes (invalidates the ``pse-essays`` cache).
READ_VERSION = "pse-read-1"

Branch = frozenset  # of word indices
Group = frozenset  # of branches


def group(*branches: Iterable[int]) -> frozenset:
    """A group from its branches, each an iterable of word indices (for tests and hand-made cases)."""
    return frozenset(frozenset(b) for b in branches)


@dataclass
class Essay:
    """One essay: its word tokens, their tags, paragraphs and gold parallelism groups.

    ``text`` joins the words, one paragraph a line; ``spans[i]`` is word ``i``'s ``(start, end)`` in it.
    ``groups`` are the gold groups (first annotation level; ``nested`` holds deeper levels if any).
    """

    name: str
    words: list[str]
    pos: list[str]
    paragraphs: list[tuple[int, int]]
    groups: list[frozenset] = field(default_factory=list)
    nested: list[frozenset] = field(default_factory=list)
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)

    def _starts(self) -> list[int]:
        if len(getattr(self, "_start_list", ())) != len(self.spans):
            self._start_list = [a for a, _b in self.spans]
        return self._start_list

    def words_in(self, start: int, end: int) -> frozenset:
        """The words covered by the character span ``[start, end)`` (a word counts when at least half of
        it lies inside), minus clause punctuation at the edges of the span."""
        lo = max(0, bisect_right(self._starts(), start) - 1)
        ids = []
        for i in range(lo, len(self.spans)):
            a, b = self.spans[i]
            if a >= end:
                break
            inside = min(b, end) - max(a, start)
            if inside > 0 and 2 * inside >= b - a:
                ids.append(i)
        while ids and self.words[ids[0]] in CLAUSE_PUNCT:
            ids.pop(0)
        while ids and self.words[ids[-1]] in CLAUSE_PUNCT:
            ids.pop()
        return frozenset(ids)


def read_essay(path) -> Essay:
    """One PSE XML essay (raises :class:`~zhdiscourse.errors.ZhDiscourseError` on a file that is not one)."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise ZhDiscourseError(f"{path}: not a readable PSE essay ({e})") from None
    words: list[str] = []
    pos: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    levels: dict[str, dict[str, dict[str, list[int]]]] = {"1": {}, "2": {}}
    for para in root.iter("para"):
        a = len(words)
        for w in para.iter("word"):
            if "cont" not in w.attrib:
                raise ZhDiscourseError(f"{path}: a <word> without cont")
            i = len(words)
            words.append(w.attrib["cont"])
            pos.append(w.attrib.get("pos", ""))
            for lv in levels:
                g, b = w.attrib.get(f"parallelism_id_{lv}"), w.attrib.get(f"branch_id_{lv}")
                if g is not None and b is not None:
                    levels[lv].setdefault(g, {}).setdefault(b, []).append(i)
        if len(words) > a:
            paragraphs.append((a, len(words)))
    if not words:
        raise ZhDiscourseError(f"{path}: no <word> elements: not a PSE essay")
    text_parts, spans, pos_c = [], [], 0
    para_end = {b for _a, b in paragraphs}
    for i, w in enumerate(words):
        spans.append((pos_c, pos_c + len(w)))
        text_parts.append(w)
        pos_c += len(w)
        if i + 1 in para_end and i + 1 < len(words):
            text_parts.append("\n")
            pos_c += 1

    def groups_of(lv):
        return [frozenset(frozenset(ix) for ix in branches.values()) for branches in levels[lv].values()]

    return Essay(path.stem, words, pos, paragraphs, groups_of("1"), groups_of("2"), "".join(text_parts), spans)


def _corpus_store(cache_dir=None) -> DiskCache:
    """The ``pse-essays`` disk cache (or the folder ``cache_dir``)."""
    return DiskCache.named("pse-essays", cache_dir, prefix="corpus-", ext="pkl", key_chars=40,
                           check=lambda v: isinstance(v, list) and all(isinstance(e, Essay) for e in v))


def corpus_key(paths: Sequence[Path]) -> str | None:
    """The cache key of the essays read from ``paths`` (in this order): each file's name and the SHA-256 of its
    bytes, with :data:`READ_VERSION` and the package fingerprint; ``None`` when a file cannot be read (then
    :func:`read_essay` says why)."""
    try:
        files = [part for p in paths for part in (p.name, hashlib.sha256(p.read_bytes()).digest())]
    except OSError:
        return None
    return digest(READ_VERSION, package_fingerprint(), *files)


def read_corpus(folder, split: str | Sequence[str] | None = None, *, cache: bool = True,
                cache_dir=None) -> list[Essay]:
    """The essays of a PSE folder (``essays/*.xml``, ``splits.json``), of one split or several
    (``"training"``, ``"validation"``, ``"optimization"``), in the order of ``splits.json``. With ``cache``
    from the ``pse-essays`` disk cache when it holds them (``cache_dir`` names another folder; see
    :func:`corpus_key`)."""
    folder = Path(folder)
    essays_dir = folder / "essays"
    if not essays_dir.is_dir():
        raise ZhDiscourseError(f"{folder}: no essays/ folder: not a PSE data folder")
    if split is None:
        names = sorted((p.stem for p in essays_dir.glob("*.xml")), key=lambda s: (len(s), s))
    else:
        try:
            splits = json.loads((folder / "splits.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ZhDiscourseError(f"{folder}: unreadable splits.json ({e})") from None
        wanted = [split] if isinstance(split, str) else list(split)
        unknown = [s for s in wanted if s not in splits]
        if unknown:
            raise ZhDiscourseError(f"unknown split {unknown[0]!r}: use {', '.join(splits)}")
        names = [str(n) for s in wanted for n in splits[s]]
    paths = [essays_dir / f"{n}.xml" for n in names]
    key = corpus_key(paths) if cache else None
    if key is None:
        return [read_essay(p) for p in paths]
    return _corpus_store(cache_dir).fetch(key, lambda: [read_essay(p) for p in paths])


# --------------------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------------------

def _lsa_total(matrix: np.ndarray) -> tuple[int, int]:
    """Maximum summed score of a one-to-one pairing of rows and columns, and the number of pairs in it
    with a positive score."""
    if matrix.size == 0:
        return 0, 0
    n = max(matrix.shape)
    square = np.zeros((n, n), dtype=np.int64)
    square[:matrix.shape[0], :matrix.shape[1]] = matrix
    from scipy.optimize import linear_sum_assignment  # evaluation only

    rows, cols = linear_sum_assignment(square, maximize=True)
    vals = square[rows, cols]
    return int(vals.sum()), int((vals > 0).sum())


def match_score(pred: frozenset, gold: frozenset, metric: str) -> int:
    """The pair score of one predicted and one gold group under ``metric`` (see the module table)."""
    if metric == "EPM":
        return int(pred == gold)
    if metric == "MPBM":
        shared = len(pred & gold)
        return shared if shared >= 2 else 0
    if metric == "MBAWO":
        pb, gb = list(pred), list(gold)
        m = np.array([[len(p & g) for g in gb] for p in pb], dtype=np.int64).reshape(len(pb), len(gb))
        total, contributors = _lsa_total(m)
        return total if contributors >= 2 else 0
    if metric == "MWO":
        pw = frozenset().union(*pred) if pred else frozenset()
        gw = frozenset().union(*gold) if gold else frozenset()
        return len(pw & gw)
    raise ZhDiscourseError(f"unknown metric {metric!r}: use {', '.join(METRICS)}")


def units(groups: Iterable[frozenset], metric: str) -> int:
    """What ``metric`` counts in ``groups``: groups (EPM), branches (MPBM) or words in branches."""
    groups = list(groups)
    if metric == "EPM":
        return len(groups)
    if metric == "MPBM":
        return sum(len(g) for g in groups)
    if metric in ("MBAWO", "MWO"):
        return sum(len(b) for g in groups for b in g)
    raise ZhDiscourseError(f"unknown metric {metric!r}: use {', '.join(METRICS)}")


def essay_counts(pred: Sequence[frozenset], gold: Sequence[frozenset], metric: str) -> tuple[int, int, int]:
    """``(score, predicted units, gold units)`` of one essay: the best one-to-one pairing of its
    predicted and gold groups by linear-sum assignment."""
    pred, gold = list(pred), list(gold)
    m = np.array([[match_score(p, g, metric) for g in gold] for p in pred], dtype=np.int64)
    score, _ = _lsa_total(m.reshape(len(pred), len(gold)))
    return score, units(pred, metric), units(gold, metric)


def prf(score: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from summed counts (0 where a denominator is 0)."""
    p = score / predicted if predicted else 0.0
    r = score / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(pairs: Iterable[tuple[Sequence[frozenset], Sequence[frozenset]]],
             metrics: Sequence[str] = METRICS) -> pd.DataFrame:
    """The four metrics over essays: ``pairs`` yields ``(predicted groups, gold groups)`` per essay.
    One row per metric: score, predicted, gold (summed over essays), precision, recall, f1."""
    pairs = list(pairs)
    rows = []
    for metric in metrics:
        s = p = g = 0
        for pred, gold in pairs:
            a, b, c = essay_counts(pred, gold, metric)
            s, p, g = s + a, p + b, g + c
        prec, rec, f1 = prf(s, p, g)
        rows.append({"metric": metric, "score": s, "predicted": p, "gold": g,
                     "precision": prec, "recall": rec, "f1": f1})
    return pd.DataFrame(rows, columns=["metric", "score", "predicted", "gold", "precision", "recall", "f1"])


# --------------------------------------------------------------------------------------------------
# predictions on essays
# --------------------------------------------------------------------------------------------------

def clauses(essay: Essay) -> list[tuple[int, int]]:
    """The clauses of an essay as word-index ranges ``[a, b)``: maximal runs of words between clause
    punctuation, inside one paragraph (the punctuation itself is left out)."""
    out = []
    for a, b in essay.paragraphs:
        s = a
        for i in range(a, b + 1):
            if i == b or essay.words[i] in CLAUSE_PUNCT:
                if i > s:
                    out.append((s, i))
                s = i + 1
    return out


def prefix_baseline(essay: Essay, k: int = 2) -> list[frozenset]:
    """The task's simple baseline: consecutive clauses of one paragraph that share their first ``k``
    characters form a group (each clause a branch)."""
    groups, run = [], []
    para_of = {}
    for pi, (a, b) in enumerate(essay.paragraphs):
        for i in range(a, b):
            para_of[i] = pi
    cls = clauses(essay)

    def head(c):
        return "".join(essay.words[c[0]:c[1]])[:k]

    def flush():
        if len(run) >= 2:
            groups.append(frozenset(frozenset(range(a, b)) for a, b in run))

    for c in cls:
        if run and para_of[run[-1][0]] == para_of[c[0]] and len(head(c)) == k and head(c) == head(run[-1]):
            run.append(c)
        else:
            flush()
            run = [c]
    flush()
    return groups


def instances_to_groups(essay: Essay, instances: Iterable[dict]) -> list[frozenset]:
    """Detector instances (dicts with ``members`` carrying ``start``/``end`` into ``essay.text``) as
    groups of word-index branches; members that cover no word are dropped, groups left with fewer than
    two branches too, and duplicate groups are kept once."""
    out, seen = [], set()
    for inst in instances:
        branches = [essay.words_in(m["start"], m["end"]) for m in inst["members"]]
        branches = [b for b in branches if b]
        g = frozenset(branches)
        if len(g) >= 2 and g not in seen:
            seen.add(g)
            out.append(g)
    return out
