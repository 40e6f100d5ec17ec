"""What the segmentation choices change: key-unit coverage with and without the domain dictionary, and
what jieba's HMM would change if it were switched on.

Both report functions take a :class:`~zhdiscourse.text.structure.Speech` (or a text) and return a pandas
DataFrame; they are used by notebook 02 and work on any text.

Key-unit coverage (:func:`key_unit_coverage`)
    For each documented key unit (``src/zhdiscourse/lexicon/key_units.txt`` by default) that occurs in the
    text: ``occurrences`` = its matches on the raw text inside sentences (the token table's domain,
    :func:`zhdiscourse.stats.concordance.find_matches`), ``whole_before`` = tokens equal to the unit when
    segmenting with jieba's dictionary only, ``whole_after`` = the same with the domain user
    dictionary. ``share_before``/``share_after`` = whole / occurrences (0 … 1). A match can sit inside
    a longer token, so the share may stay below 1 even after. The ``attrs`` of the result carry the
    pooled shares over all units (``share_before``, ``share_after``: Σ whole / Σ occurrences).

HMM changes (:func:`hmm_changes`)
    Every sentence is segmented by the same tokenizer twice, with jieba's HMM new-word discovery off
    (the project's setting, :data:`zhdiscourse.tokenize.segment.HMM`) and on; the regions where the two
    segmentations differ are grouped like :func:`zhdiscourse.tokenize.diagnostics.dictionary_changes`: columns
    ``text, hmm_off, hmm_on, count, first_start, first_end, hmm_word`` (``hmm_word`` True when the
    HMM output holds a token that is not in the tokenizer's dictionary, i.e. an invented word).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ..errors import ZhDiscourseError
from ..text.search import find_matches
from ..text.structure import as_speech
from .dictionary import key_units
from .segment import get_segmenter
from .table import tokens

COVERAGE_COLUMNS = ["unit", "occurrences", "whole_before", "whole_after", "share_before", "share_after"]
HMM_COLUMNS = ["text", "hmm_off", "hmm_on", "count", "first_start", "first_end", "hmm_word"]


def key_unit_coverage(speech, units: list[str] | None = None, *, userdict: bool | str | Path = True) -> pd.DataFrame:
    """How many occurrences of each key unit come out as one token, before and after the user dictionary.

    ``units`` defaults to :func:`zhdiscourse.tokenize.dictionary.key_units`; units that do not occur in the
    text are left out. Rows are sorted by occurrences (descending), then by the order of ``units``.
    """
    speech = as_speech(speech)
    units = list(key_units() if units is None else units)
    if any(not isinstance(u, str) or not u.strip() for u in units):
        raise ZhDiscourseError("key units must be non-empty strings")
    before = Counter(tokens(speech, userdict=False)["token"])
    after = Counter(tokens(speech, userdict=userdict)["token"])
    rows = []
    for u in dict.fromkeys(units):  # unique, in order
        n = len(find_matches(speech, u))
        if n:
            rows.append((u, n, min(before[u], n), min(after[u], n)))
    df = pd.DataFrame(rows, columns=COVERAGE_COLUMNS[:4]).astype(
        {"unit": "str", "occurrences": "int64", "whole_before": "int64", "whole_after": "int64"})
    df["share_before"] = (df["whole_before"] / df["occurrences"]).astype("float64")
    df["share_after"] = (df["whole_after"] / df["occurrences"]).astype("float64")
    df = df.sort_values("occurrences", ascending=False, kind="stable").reset_index(drop=True)
    total = int(df["occurrences"].sum())
    df.attrs["share_before"] = float(df["whole_before"].sum() / total) if total else float("nan")
    df.attrs["share_after"] = float(df["whole_after"].sum() / total) if total else float("nan")
    return df


def hmm_changes(speech, *, userdict: bool | str | Path = True) -> pd.DataFrame:
    """Where switching jieba's HMM on would change the segmentation of ``speech`` (see the module
    docstring). Sorted by count, then by first offset."""
    speech = as_speech(speech)
    seg = get_segmenter(userdict)
    known = seg.tokenizer.FREQ
    rows: dict[tuple[str, str, str], list] = {}
    for s in speech.sentences:
        off = seg.cut(s.text)
        on = [p.word for p in seg.pos_tokenizer.cut(s.text, HMM=True)]
        for a, b, bt, at in diff_segmentations(s.text, off, on, s.start):
            key = (speech.text[a:b], " / ".join(bt), " / ".join(at))
            if key in rows:
                rows[key][3] += 1
            else:
                invented = any(len(w) > 1 and not known.get(w) for w in at)
                rows[key] = [*key, 1, a, b, invented]
    df = pd.DataFrame(list(rows.values()), columns=HMM_COLUMNS)
    df = df.astype({"text": "str", "hmm_off": "str", "hmm_on": "str", "count": "int64", "first_start": "int64",
                    "first_end": "int64", "hmm_word": "bool"})
    return df.sort_values(["count", "first_start"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _bounds(tokens: list[str]) -> list[int]:
    out, pos = [0], 0
    for t in tokens:
        pos += len(t)
        out.append(pos)
    return out


def diff_segmentations(text: str, before: list[str], after: list[str], offset: int = 0
                       ) -> list[tuple[int, int, list[str], list[str]]]:
    """Regions where two segmentations of ``text`` differ: ``(start, end, before_tokens, after_tokens)``.

    Both token lists tile ``text``; a region runs between consecutive boundaries the two share.
    """
    bb, ab = _bounds(before), _bounds(after)
    common = sorted(set(bb) & set(ab))
    bi = {b: i for i, b in enumerate(bb)}
    ai = {b: i for i, b in enumerate(ab)}
    out = []
    for x, y in zip(common, common[1:]):
        bt = before[bi[x]:bi[y]]
        at = after[ai[x]:ai[y]]
        if bt != at:
            out.append((offset + x, offset + y, bt, at))
    return out


def dictionary_changes(speech, *, userdict: bool | str | Path = True) -> pd.DataFrame:
    """Before/after report: what the user dictionary changes in the segmentation of ``speech``.

    Every sentence is segmented with jieba's dictionary only and with the user dictionary (two
    separate tokenizers, same ``posseg`` settings); the regions where the segmentations differ are
    grouped by text. Columns: ``text``, ``before`` and ``after`` (tokens joined by `` / ``),
    ``count`` (occurrences), ``first_start`` / ``first_end`` (offsets of the first one), sorted by
    count. ``speech`` is a :class:`~zhdiscourse.text.structure.Speech` or a text.
    """
    speech = as_speech(speech)
    plain = get_segmenter(False)
    domain = get_segmenter(userdict)
    rows: dict[tuple[str, str, str], list] = {}
    for s in speech.sentences:
        for a, b, bt, at in diff_segmentations(s.text, plain.cut(s.text), domain.cut(s.text), s.start):
            key = (speech.text[a:b], " / ".join(bt), " / ".join(at))
            if key in rows:
                rows[key][3] += 1
            else:
                rows[key] = [*key, 1, a, b]
    df = pd.DataFrame(list(rows.values()), columns=["text", "before", "after", "count", "first_start", "first_end"])
    if df.empty:
        return df.astype({"count": "int64", "first_start": "int64", "first_end": "int64"})
    return df.sort_values(["count", "first_start"], ascending=[False, True], kind="stable").reset_index(drop=True)
