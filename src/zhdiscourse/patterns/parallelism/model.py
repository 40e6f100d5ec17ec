"""The learned series tagger: a clause-level CRF (:mod:`.crf`) over structural features (:mod:`.clauses`).

The weights ship with the package (``series_crf.json``), trained by ``scripts/train_series_model.py``
on the training split of the PSE-I essays (Bothwell et al. 2023; Song et al. 2016), with a fixed seed,
on CPU in about a minute. Derived from CC-BY-SA 4.0 data, the weights are under CC-BY-SA 4.0 with
that attribution (``series_crf.LICENSE.txt``); the code is the project's (MIT).

:func:`series` tags the clauses of each line and returns the decoded series: each member is one or
more consecutive clauses; the first member may start later in its clause when the other members share
an opening that occurs inside it (leading words are not part of the series).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...errors import ZhDiscourseError
from .calibration import Calibration
from .clauses import Clause, clause_lines, common_prefix, line_features
from .crf import LABELS, Prepared, marginals_lines, marginals_prepared, viterbi_lines, viterbi_prepared
from .features import feature_rows

MODEL_FILE = Path(__file__).with_name("series_crf.json")
_CHUNK = 2048  # clauses whose emission scores are summed at once (SeriesModel.summed_rows)
#: Lines whose features are computed at once (:meth:`SeriesModel.lines_emissions`) hold about this many
#: clauses: the rows of all clauses of 1 MB of text at once took about 100 MB more memory for a moment.
_LINE_CHUNK = 4096
_O, _B, _I1, _M, _I = range(len(LABELS))


class SeriesModel:
    """Weights of the clause CRF: ``features`` (names, in row order), ``W``, ``trans``, ``start``, ``end``."""

    def __init__(self, data: dict):
        try:
            self.features = list(data["features"])
            self.index = {f: i for i, f in enumerate(self.features)}
            self.W = np.asarray(data["W"], dtype=float)
            self.trans = np.asarray(data["trans"], dtype=float)
            self.start = np.asarray(data["start"], dtype=float)
            self.end = np.asarray(data["end"], dtype=float)
        except (KeyError, TypeError, ValueError) as e:
            raise ZhDiscourseError(f"not a series model: {e}") from None
        if self.W.shape != (len(self.features), len(LABELS)):
            raise ZhDiscourseError("series model: weight matrix does not match its feature list")
        self.meta = {k: v for k, v in data.items() if k not in ("features", "W", "trans", "start", "end")}

    @property
    def decode_bias(self) -> float:
        """Subtracted from the ``O`` (outside) score of every clause before decoding (chosen by
        cross-validation on the training split; 0 in models without it)."""
        return float(self.meta.get("decode_bias", 0.0))

    def emissions(self, feats: list[list[str]]) -> np.ndarray:
        """Emission scores (clauses × labels) of clauses given by their feature strings."""
        get = self.index.get
        return self.row_emissions([[k for k in map(get, f) if k is not None] for f in feats])

    def row_emissions(self, rows: list[list[int]]) -> np.ndarray:
        """Emission scores of clauses given by the rows of their features (in order; each row's weights
        are added in that order)."""
        ids: list[int] = []
        counts: list[int] = []
        for r in rows:
            counts.append(len(r))
            ids.extend(r)
        return self.summed_rows(np.asarray(ids, dtype=np.int64), np.asarray(counts, dtype=np.int64))

    def summed_rows(self, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Emission scores of clauses given by the rows of all their features, concatenated (``ids``), and
        the number of rows of each clause (``counts``): the weights of each clause's rows added in order
        (``np.add.reduceat``)."""
        em = np.zeros((len(counts), len(LABELS)))
        if ids.size:
            bounds = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=bounds[1:])
            # a few thousand clauses at a time: each clause's sum is the same, without a gathered copy of
            # every row's weights at once (88 MB on 1 MB of text)
            for c0 in range(0, len(counts), _CHUNK):
                c1 = min(len(counts), c0 + _CHUNK)
                nonempty = np.flatnonzero(counts[c0:c1] > 0)
                if nonempty.size:
                    lo, hi = bounds[c0], bounds[c1]
                    em[c0 + nonempty] = np.add.reduceat(self.W[ids[lo:hi]], bounds[c0:c1][nonempty] - lo, axis=0)
        return em

    @property
    def calibration(self) -> Calibration | None:
        """The calibration of series-level instances (:mod:`.calibration`), when the model file has one."""
        data = self.meta.get("calibration")
        return Calibration(data) if data else None

    @property
    def prepared(self) -> Prepared:
        """The masked transition scores and their exponentials (:class:`~.crf.Prepared`), computed once."""
        got = self.__dict__.get("_prepared")
        if got is None:
            got = self.__dict__["_prepared"] = Prepared(self.trans, self.start, self.end)
        return got

    def line_emissions(self, line: list[Clause], lcs_cache: dict | None = None) -> np.ndarray:
        """Emission scores (clauses × labels) of one line of clauses, with the decoding bias applied."""
        em = self.row_emissions(line_features(line, lcs_cache, self.index))
        em[:, _O] -= self.decode_bias
        return em

    def lines_emissions(self, lines: list[list[Clause]]) -> list[np.ndarray | None]:
        """:meth:`line_emissions` of every line of two clauses or more (``None`` for the others), with the
        features of all lines computed at once (:func:`~.features.feature_rows`: the same rows)."""
        long = [ln for ln in lines if len(ln) >= 2]
        # a line's rows depend on that line only: the lines in groups of about _LINE_CHUNK clauses
        parts = []
        k = 0
        while k < len(long):
            j, n = k, 0
            while j < len(long) and (n == 0 or n + len(long[j]) <= _LINE_CHUNK):
                n += len(long[j])
                j += 1
            parts.append(self.summed_rows(*feature_rows(long[k:j], self.index)))
            k = j
        if not parts:
            em = self.summed_rows(*feature_rows([], self.index))
        else:
            em = np.concatenate(parts) if len(parts) > 1 else parts[0]
        em[:, _O] -= self.decode_bias
        out: list[np.ndarray | None] = []
        at = 0
        for ln in lines:
            if len(ln) >= 2:
                out.append(em[at:at + len(ln)])
                at += len(ln)
            else:
                out.append(None)
        return out

    def tag(self, line: list[Clause], lcs_cache: dict | None = None) -> tuple[list[int], np.ndarray, np.ndarray]:
        """Decoded labels, their posterior probabilities, and the full posterior matrix (clauses × labels)
        for one line of clauses."""
        em = self.line_emissions(line, lcs_cache)
        labels = viterbi_prepared(em, self.prepared)
        probs = marginals_prepared(em, self.prepared)
        return labels, probs[np.arange(len(labels)), labels], probs


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SeriesModel:
    """The series model (the shipped one unless ``path`` names another JSON file)."""
    p = Path(path) if path else MODEL_FILE
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ZhDiscourseError(f"cannot read the series model {p}: {e}") from None
    return SeriesModel(data)


def decode(labels: list[int]) -> list[list[list[int]]]:
    """Series from a label sequence: a list of series, each a list of members, each a list of clause
    positions."""
    groups: list[list[list[int]]] = []
    cur: list[list[int]] | None = None
    for t, y in enumerate(labels):
        if y == _B:
            if cur and len(cur) >= 2:
                groups.append(cur)
            cur = [[t]]
        elif y == _M and cur is not None:
            cur.append([t])
        elif y in (_I1, _I) and cur is not None:
            cur[-1].append(t)
        else:
            if cur and len(cur) >= 2:
                groups.append(cur)
            cur = None
    if cur and len(cur) >= 2:
        groups.append(cur)
    return groups


def encode(n: int, groups: list[list[list[int]]]) -> list[int]:
    """Labels of ``n`` clauses for the given series (the inverse of :func:`decode`)."""
    y = [_O] * n
    for g in groups:
        for k, member in enumerate(g):
            for j, t in enumerate(member):
                y[t] = (_B if k == 0 else _M) if j == 0 else (_I1 if k == 0 else _I)
    return y


def _trim_first(text: str, members: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first member starts at the shared opening of the others when that opening (≥ 2 characters)
    occurs inside it rather than at its start."""
    others = [text[a:b] for a, b in members[1:]]
    p = others[0]
    for o in others[1:]:
        p = p[:common_prefix(p, o)]
    a0, b0 = members[0]
    first = text[a0:b0]
    if len(p) >= 2 and not first.startswith(p):
        occ = first.rfind(p[:4] if len(p) >= 4 else p)
        if occ > 0:
            return [(a0 + occ, b0)] + members[1:]
    return members


def series(text: str, start: int = 0, end: int | None = None, *, model: SeriesModel | None = None,
           lines: list[list[Clause]] | None = None, support: dict | None = None) -> list[dict]:
    """Series found by the tagger in ``text[start:end]``: dicts with ``members`` (``(start, end)`` pairs),
    ``score`` (the mean posterior probability of the decoded labels of its clauses) and ``clauses``
    (how many clauses each member spans). A dict passed as ``support`` receives, for every clause
    ``(start, end)``, the tagger's probability that the clause lies in a series (1 − P(outside); 0 for
    a line of one clause, which the tagger does not read)."""
    model = model or load_model()
    lines = lines if lines is not None else clause_lines(text, start, end)
    out = []
    # emissions of every line, then the best labels and the posteriors of every line at once (the same
    # recursions as one line at a time: :func:`~.crf.viterbi_lines`, :func:`~.crf.marginals_lines`)
    ems = model.lines_emissions(lines)
    read = [k for k, em in enumerate(ems) if em is not None]
    read_ems = [ems[k] for k in read]
    decoded = dict(zip(read, viterbi_lines(read_ems, model.prepared)))
    posteriors = dict(zip(read, marginals_lines(read_ems, model.prepared)))
    for k, line in enumerate(lines):
        if len(line) < 2:
            if support is not None:
                for c in line:
                    support[(c.start, c.end)] = 0.0
            continue
        labels = decoded[k]
        full = posteriors[k]
        probs = full[np.arange(len(labels)), labels]
        if support is not None:
            for c, p in zip(line, 1.0 - full[:, _O]):
                support[(c.start, c.end)] = float(p)
        for g in decode(labels):
            members = [(line[m[0]].start, line[m[-1]].end) for m in g]
            members = _trim_first(text, members)
            cl = [t for m in g for t in m]
            out.append({"members": members, "score": float(np.mean(probs[cl])),
                        "clauses": [len(m) for m in g]})
    return out
