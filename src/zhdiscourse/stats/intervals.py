"""Interval estimates for densities: events per 1,000 characters with a bootstrap over sentences.

A density such as "directive markers per 1,000 characters of part 一" is a ratio of two sums over the
sentences of the unit: ``1000 · Σ events / Σ characters``. Sentences, not characters, are the units
that vary (a directive sentence often holds several markers), so the uncertainty is estimated by
resampling **sentences**.

Pieces (:func:`sentence_pieces`)
    Each unit (``speech.units(by)``; ``by="text"``: the whole body) is cut at the start of every
    sentence that begins inside it, so the pieces tile the unit exactly: ``chars`` (non-whitespace
    characters, :func:`zhdiscourse.text.measure.nonspace_chars`) of the pieces sum to the unit's, and an
    event belongs to the piece that holds its ``start``. The point estimate is therefore exactly the
    density of :func:`zhdiscourse.patterns.modality.directive_profile` for the same events and units.

Bootstrap (:func:`bootstrap_density`)
    For a unit of n pieces, ``n_boot`` resamples of n pieces drawn with replacement (a fixed
    ``numpy.random.default_rng(seed)``, units in text order, so the result is deterministic); the
    density of each resample is ``1000 · Σ events / Σ chars``. ``lo``/``hi`` are the
    ``(1 − level)/2`` and ``(1 + level)/2`` percentiles of the resampled densities (percentile
    interval), ``se`` their standard deviation. A unit of a single sentence gets no interval (NaN):
    resampling one sentence says nothing about variability.

The events come from any detector: a DataFrame with a ``start`` column per series (for example the
modal 要 and the directive markers of :mod:`zhdiscourse.patterns.modality`, concatenated).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.measure import nonspace_chars
from ..text.model import Speech

#: Default number of bootstrap resamples and the default seed.
N_BOOT = 10_000
SEED = 0


def _units(speech: Speech, by: str) -> list[tuple[str, int, int]]:
    if by == "text":
        return [("全文", speech.body_start, speech.body_end)]
    return speech.units(by)


def sentence_pieces(speech: Speech, by: str = "section") -> pd.DataFrame:
    """The units of kind ``by`` cut at sentence starts: ``unit, piece, start, end, chars`` (module
    docstring). ``by`` is ``"section"``, ``"subsection"``, ``"segment"`` or ``"text"``."""
    starts = [s.start for s in speech.sentences]
    rows = []
    for label, a, b in _units(speech, by):
        cuts = [a] + [p for p in starts if a < p < b] + [b]
        for i, (p, q) in enumerate(zip(cuts[:-1], cuts[1:])):
            rows.append({"unit": label, "piece": i, "start": p, "end": q, "chars": nonspace_chars(speech.text, p, q)})
    return pd.DataFrame(rows, columns=["unit", "piece", "start", "end", "chars"])


def count_events(pieces: pd.DataFrame, events: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``pieces`` with one count column per series of ``events`` (events whose ``start`` lies in the piece)."""
    out = pieces.copy()
    starts = out["start"].to_numpy()
    ends = out["end"].to_numpy()
    order = np.argsort(starts, kind="stable")
    for name, df in events.items():
        if "start" not in df.columns:
            raise ZhDiscourseError(f"events {name!r} need a 'start' column")
        pos = df["start"].to_numpy(dtype=np.int64)
        i = np.searchsorted(starts[order], pos, side="right") - 1
        ok = (i >= 0)
        idx = order[np.clip(i, 0, None)]
        ok &= pos < ends[idx]
        out[name] = np.bincount(idx[ok], minlength=len(out)).astype(np.int64)
    return out


def _packed(ev: np.ndarray, chars: np.ndarray) -> np.ndarray | None:
    """``chars`` and ``ev`` in one integer per piece (characters in the high 31 bits, events in the low 32), so
    that one gather and one sum give both sums of a resample; ``None`` unless both are counts (whole numbers
    ≥ 0) whose sums over any resample of the unit fit their bits. Sums of whole numbers are exact either way
    (in float64 below 2**53), so the resampled densities are the same to the bit."""
    n = len(chars)
    if n == 0 or not (np.all(ev >= 0) and np.all(chars >= 0) and np.all(ev == np.floor(ev))
                      and np.all(chars == np.floor(chars))):
        return None
    if float(ev.max()) * n >= 2.0 ** 32 or float(chars.max()) * n >= 2.0 ** 31:
        return None
    return (chars.astype(np.int64) << 32) | ev.astype(np.int64)


def _boot_ratio(ev: np.ndarray, chars: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Resampled densities of one unit: rows = resamples (chunks keep memory bounded)."""
    n = len(chars)
    out = np.empty(n_boot)
    chunk = max(1, 2_000_000 // max(n, 1))
    packed = _packed(ev, chars)
    for lo in range(0, n_boot, chunk):
        hi = min(n_boot, lo + chunk)
        idx = rng.integers(0, n, size=(hi - lo, n))
        if packed is not None:
            both = packed[idx].sum(axis=1)
            c = (both >> 32).astype(float)
            e = (both & 0xFFFFFFFF).astype(float)
        else:
            c = chars[idx].sum(axis=1)
            e = ev[idx].sum(axis=1)
        out[lo:hi] = np.where(c > 0, 1000.0 * e / np.where(c > 0, c, 1), np.nan)
    return out


def bootstrap_table(pieces: pd.DataFrame, columns, *, group: str = "unit", n_boot: int = N_BOOT, seed: int = SEED,
                    level: float = 0.95) -> pd.DataFrame:
    """Densities with bootstrap intervals from a table of pieces with ``chars`` and count ``columns``
    (e.g. :func:`count_events`), one row per ``group`` value in order of appearance: ``group``,
    ``sentences``, ``chars``, and per column ``<c>``, ``<c>_per_1k``, ``<c>_lo``, ``<c>_hi``,
    ``<c>_se`` (see the module docstring)."""
    if not 0 < level < 1:
        raise ZhDiscourseError("level must be between 0 and 1")
    if n_boot < 1:
        raise ZhDiscourseError("n_boot must be at least 1")
    columns = [columns] if isinstance(columns, str) else list(columns)
    rng = np.random.default_rng(seed)
    q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    rows = []
    for key, g in pieces.groupby(group, sort=False):
        chars = g["chars"].to_numpy(dtype=float)
        row = {group: key, "sentences": int(len(g)), "chars": int(chars.sum())}
        for c in columns:
            ev = g[c].to_numpy(dtype=float)
            row[c] = int(ev.sum())
            row[f"{c}_per_1k"] = 1000.0 * ev.sum() / chars.sum() if chars.sum() > 0 else np.nan
            if len(g) >= 2 and chars.sum() > 0:
                boot = _boot_ratio(ev, chars, n_boot, rng)
                lo, hi = np.nanpercentile(boot, q)
                row[f"{c}_lo"], row[f"{c}_hi"], row[f"{c}_se"] = float(lo), float(hi), float(np.nanstd(boot))
            else:
                row[f"{c}_lo"] = row[f"{c}_hi"] = row[f"{c}_se"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def bootstrap_density(speech: Speech, events: dict[str, pd.DataFrame], by: str = "section", *,
                      n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95) -> pd.DataFrame:
    """Density of each series of ``events`` per unit of kind ``by`` (``"text"``: the whole body) with a
    bootstrap interval over sentences (module docstring). Columns ``unit, sentences, chars`` and per
    series ``<name>, <name>_per_1k, <name>_lo, <name>_hi, <name>_se``; ``attrs`` records ``by``,
    ``n_boot``, ``seed`` and ``level``."""
    if not events:
        raise ZhDiscourseError("give at least one series of events")
    pieces = count_events(sentence_pieces(speech, by), events)
    out = bootstrap_table(pieces, list(events), n_boot=n_boot, seed=seed, level=level)
    out.attrs = {"by": by, "n_boot": n_boot, "seed": seed, "level": level}
    return out


def proportion_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (a hand check's share of correct items) at ``level``;
    ``(nan, nan)`` when nothing was checked."""
    if n <= 0:
        return float("nan"), float("nan")
    from scipy.stats import binomtest

    ci = binomtest(int(k), int(n)).proportion_ci(level, method="wilson")
    return float(ci.low), float(ci.high)
