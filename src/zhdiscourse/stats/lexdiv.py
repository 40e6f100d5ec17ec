"""Lexical diversity and readability per unit: type-token ratio on equal-size samples, MATTR, word,
clause and sentence length (what quanteda's ``textstat_lexdiv`` / ``textstat_readability`` and
Voyant's *Summary* report).

Tokens
    *Word tokens* of the token table: every token that is not punctuation, a symbol or whitespace;
    with ``content_only=True`` only content words (:func:`zhdiscourse.tokenize.table.content_mask`: no
    stopwords or numerals). Heading sentences are left out when the Speech is given.

Type-token ratio on equal-size samples
    The raw TTR (types / tokens) falls as a text grows, so units of different length cannot be
    compared by it. Each unit is therefore sampled: ``draws`` passages of ``sample`` consecutive
    tokens at random positions (default size: the smallest unit's token count, which is then its own
    only passage), and the TTR of each passage is computed; ``ttr_sample`` is their mean, ``ttr_lo`` /
    ``ttr_hi`` the 2.5 and 97.5 percentiles (how much the value depends on the passage drawn).
    Passages, not scattered tokens: a random scatter of tokens breaks up the local repetition of a
    text and raises its TTR, so the smallest unit (read whole) and the sampled ones would not be
    measured alike. The generator is NumPy's ``default_rng(seed)``, so the numbers are the same on
    every run.

MATTR (Covington & McFall 2010)
    The moving-average type-token ratio: the TTR of every window of ``window`` consecutive tokens,
    averaged. It does not depend on the unit's length (beyond the window); a unit shorter than the
    window gets ``NaN``.

Readability
    There is no standard readability formula for Chinese political prose, so the table reports its
    ingredients: mean word length in characters (``word_chars``), and the mean and median length of
    sentences and clauses in characters of word tokens (punctuation not counted) and in word tokens.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..tokenize.table import as_tokens, content_mask
from ..tokenize.units import segment_labels

COLUMNS = ["unit", "n_tokens", "n_types", "ttr", "sample", "ttr_sample", "ttr_lo", "ttr_hi", "window", "mattr",
           "word_chars", "sentences", "sentence_chars", "sentence_chars_median", "sentence_words", "clauses",
           "clause_chars", "clause_chars_median"]


def unit_labels(tokens: pd.DataFrame, by: str) -> pd.Series:
    """The unit of every row of a token table: its part (``section``), sub-point (``subsection``),
    segment (:func:`zhdiscourse.tokenize.units.segment_labels`), sentence, or ``"text"`` for the whole
    text; ``None`` for a row outside every unit of that kind."""
    if by == "text":
        return pd.Series("text", index=tokens.index, dtype=object)
    if by == "segment":
        return segment_labels(tokens)
    if by in ("section", "subsection", "sentence"):
        col = tokens[by]
        keep = col.notna() & ~col.astype(str).isin(("", "nan", "None", "<NA>"))
        return col.astype(str).astype(object).where(keep, None)
    raise ZhDiscourseError(f"unknown unit {by!r}: use section, subsection, segment, sentence or text")


def mattr(words, window: int = 50) -> float:
    """Moving-average type-token ratio of a token sequence (module docstring); ``NaN`` when shorter
    than ``window``."""
    words = list(words)
    n = len(words)
    if window < 1:
        raise ZhDiscourseError("the MATTR window must be at least 1 token")
    if n < window:
        return float("nan")
    counts: dict = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for k in range(window, n):
        old, new = words[k - window], words[k]
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def sampled_ttr(words, size: int, *, draws: int = 200, rng: np.random.Generator) -> np.ndarray:
    """The TTR of ``draws`` passages of ``size`` consecutive tokens, each starting at a random position."""
    words = np.asarray(list(words), dtype=object)
    if size < 1 or size > len(words):
        raise ZhDiscourseError(f"cannot draw {size} tokens from {len(words)}")
    codes = pd.factorize(pd.Series(words, dtype=object))[0]
    starts = rng.integers(0, len(codes) - size + 1, size=draws)
    # the types of a passage [a, a + size) are its tokens whose previous occurrence lies before a
    order = np.argsort(codes, kind="stable")
    prev = np.full(len(codes), -1, dtype=np.int64)
    same = codes[order[1:]] == codes[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    return np.array([int(np.count_nonzero(prev[a:a + size] < a)) / size for a in starts])


def diversity(tokens, by: str = "section", *, speech=None, sample: int | None = None, draws: int = 200,
              seed: int = 0, window: int = 50, content_only: bool = False) -> pd.DataFrame:
    """Lexical diversity and readability of each unit (module docstring): columns :data:`COLUMNS`, one
    row per unit in text order (``by``: section, subsection, segment, sentence or text). ``attrs``
    records ``sample``, ``draws``, ``seed``, ``window`` and ``content_only``."""
    df = as_tokens(tokens).sort_values("start", kind="stable")
    if draws < 1:
        raise ZhDiscourseError("draws must be at least 1")
    if speech is not None:
        heads = {s.index for s in speech.sentences if s.is_heading}
        df = df[~df["sentence"].isin(heads)]
    keep = content_mask(df, drop_stopwords=content_only, drop_num=content_only)
    words = df[keep.to_numpy(dtype=bool)]
    units = unit_labels(words, by)
    words = words.assign(_unit=units).dropna(subset=["_unit"])
    if words.empty:
        raise ZhDiscourseError(f"the text has no words in units of kind {by!r}")
    groups = list(words.groupby("_unit", sort=False))
    size = int(sample) if sample is not None else min(len(g) for _u, g in groups)
    if size < 1:
        raise ZhDiscourseError("the sample size must be at least 1 token")
    rng = np.random.default_rng(seed)
    rows = []
    for unit, g in groups:
        toks = g["token"].astype(str).tolist()
        n = len(toks)
        lens = g["token"].astype(str).str.len()
        g = g.assign(_chars=lens.to_numpy(dtype=np.int64))  # characters of each word token
        sents = g.groupby("sentence", sort=False)
        s_chars = sents["_chars"].sum()
        s_words = sents.size()
        if "clause" in g.columns and g["clause"].notna().any():
            c_chars = g.dropna(subset=["clause"]).groupby("clause", sort=False)["_chars"].sum()
        else:
            c_chars = pd.Series(dtype=float)
        if n >= size:
            t = sampled_ttr(toks, size, draws=draws, rng=rng)
            ts, lo, hi = float(t.mean()), float(np.percentile(t, 2.5)), float(np.percentile(t, 97.5))
        else:
            ts = lo = hi = float("nan")
        rows.append({"unit": str(unit), "n_tokens": n, "n_types": len(set(toks)), "ttr": len(set(toks)) / n,
                     "sample": size, "ttr_sample": ts, "ttr_lo": lo, "ttr_hi": hi, "window": window,
                     "mattr": mattr(toks, window), "word_chars": float(lens.mean()),
                     "sentences": int(len(s_chars)), "sentence_chars": float(s_chars.mean()),
                     "sentence_chars_median": float(s_chars.median()), "sentence_words": float(s_words.mean()),
                     "clauses": int(len(c_chars)),
                     "clause_chars": float(c_chars.mean()) if len(c_chars) else float("nan"),
                     "clause_chars_median": float(c_chars.median()) if len(c_chars) else float("nan")})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out.attrs = {"sample": size, "draws": draws, "seed": seed, "window": window, "content_only": content_only, "by": by}
    return out
