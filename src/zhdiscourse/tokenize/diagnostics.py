"""What the segmentation choices change: what the dictionary layers change in a text, how many
occurrences of given units come out as one token with each choice of dictionaries, and what jieba's HMM
would change if it were switched on.

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

Unit coverage (:func:`unit_coverage`)
    The same count for any list of units, over one text or many (the held-out reports), with each
    dictionary choice of ``dictionaries`` (default :data:`DICTIONARIES`: jieba's dictionary alone, the
    hand-written user dictionary, both layers): one ``whole_NAME`` and ``share_NAME`` column per choice;
    the ``attrs`` carry the pooled shares (``share_NAME``) and the occurrences (``occurrences``). The table is
    kept in the ``unit-coverage`` disk cache (:class:`zhdiscourse.util.cache.DiskCache`), keyed on the units, the
    names of the choices and the key of every token table it counts (:func:`zhdiscourse.tokenize.table.cache_key`:
    the text, its structure, the dictionary files' bytes, the segmenter), the package fingerprint and the pandas
    and numpy versions: notebook 02 measures the held-out reports in every run.

Dictionary changes (:func:`dictionary_changes`)
    Every sentence is segmented with two dictionary choices; the regions where the two segmentations
    differ (between consecutive boundaries they share) are grouped by text and kind: ``merge`` (the
    second only removes boundaries: tokens joined into a longer one), ``split`` (it only adds
    boundaries) or ``shift`` (a boundary moves: some removed, some added). ``layer="all"`` compares
    jieba's dictionary with the layers in effect, ``"hand"`` jieba's with the user dictionary alone,
    ``"mined"`` the user dictionary alone with the user dictionary plus the mined terms (every token
    the mined layer alters).

HMM changes (:func:`hmm_changes`)
    Every sentence is segmented by the same tokenizer twice, with jieba's HMM new-word discovery off
    (the project's setting, :data:`zhdiscourse.tokenize.segment.HMM`) and on; the regions where the two
    segmentations differ are grouped like :func:`zhdiscourse.tokenize.diagnostics.dictionary_changes`: columns
    ``text, hmm_off, hmm_on, count, first_start, first_end, hmm_word`` (``hmm_word`` True when the
    HMM output holds a token that is not in the tokenizer's dictionary, i.e. an invented word). The table is
    kept in the ``hmm-changes`` disk cache, keyed on the text's token-table key with that dictionary (text,
    structure, dictionary files, segmenter and jieba versions) and the package fingerprint.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.search import find_matches
from ..text.structure import as_speech
from ..util.cache import DiskCache, digest, package_fingerprint
from .dictionary import key_units
from .segment import get_segmenter
from .table import cache_key as token_cache_key
from .table import tokens

COVERAGE_COLUMNS = ["unit", "occurrences", "whole_before", "whole_after", "share_before", "share_after"]
HMM_COLUMNS = ["text", "hmm_off", "hmm_on", "count", "first_start", "first_end", "hmm_word"]
CHANGE_COLUMNS = ["text", "before", "after", "kind", "count", "first_start", "first_end"]

#: The dictionary choices compared by :func:`unit_coverage`: name → ``(userdict, mined)``.
DICTIONARIES = {"jieba": (False, False), "hand": (True, False), "both": (True, True)}
#: What :func:`dictionary_changes` compares for each ``layer``: ``(before, after)`` as ``(userdict, mined)``;
#: ``None`` stands for the caller's ``userdict`` / ``mined`` argument.
LAYERS = {"all": ((False, False), (None, None)), "hand": ((False, False), (None, False)),
          "mined": ((None, False), (None, None))}
#: Bump when what :func:`unit_coverage` computes changes in a way the package fingerprint does not show.
UNIT_COVERAGE_VERSION = "unit-coverage-1"
#: Bump when what :func:`hmm_changes` computes changes in a way the package fingerprint does not show.
HMM_CHANGES_VERSION = "hmm-changes-1"


def key_unit_coverage(speech, units: list[str] | None = None, *, userdict: bool | str | Path = True,
                      mined: bool | str | Path | None = None) -> pd.DataFrame:
    """How many occurrences of each key unit come out as one token, before and after the user dictionary.

    ``units`` defaults to :func:`zhdiscourse.tokenize.dictionary.key_units`; units that do not occur in the
    text are left out. Rows are sorted by occurrences (descending), then by the order of ``units``.
    """
    speech = as_speech(speech)
    units = list(key_units() if units is None else units)
    if any(not isinstance(u, str) or not u.strip() for u in units):
        raise ZhDiscourseError("key units must be non-empty strings")
    before = Counter(tokens(speech, userdict=False)["token"])
    after = Counter(tokens(speech, userdict=userdict, mined=mined)["token"])
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


def _coverage_store(cache_dir=None) -> DiskCache:
    """The ``unit-coverage`` disk cache (or the folder ``cache_dir``)."""
    return DiskCache.named("unit-coverage", cache_dir, prefix="coverage-", ext="pkl", key_chars=40,
                           check=lambda v: isinstance(v, pd.DataFrame) and "occurrences" in v.attrs)


def unit_coverage_key(speeches: list, units: list[str], dictionaries: dict) -> str:
    """The cache key of :func:`unit_coverage` (module docstring): ``speeches`` are the texts as
    :class:`~zhdiscourse.text.model.Speech`, ``units`` without repeats, in order."""
    tables = [part for ud, md in dictionaries.values()
              for part in ("choice", *(token_cache_key(sp, userdict=ud, mined=md) for sp in speeches))]
    return digest(UNIT_COVERAGE_VERSION, package_fingerprint(), pd.__version__, np.__version__,
                  json.dumps([units, list(dictionaries)], ensure_ascii=False), *tables)


def unit_coverage(texts, units, *, dictionaries: dict | None = None, cache: bool = True,
                  cache_dir: str | Path | None = None) -> pd.DataFrame:
    """How many occurrences of each unit come out as one token, with each choice of dictionaries.

    ``texts``: a :class:`~zhdiscourse.text.model.Speech` or text, or a list of them (counts are summed).
    ``dictionaries``: name → ``(userdict, mined)`` (default :data:`DICTIONARIES`). Columns ``unit``,
    ``occurrences`` (matches in the sentences, :func:`zhdiscourse.text.search.find_matches`), then
    ``whole_NAME`` and ``share_NAME`` per choice; units that never occur are left out; rows sorted by
    occurrences (descending), then by the order of ``units``. ``attrs``: ``occurrences`` (total) and
    ``share_NAME`` (Σ whole / Σ occurrences). With ``cache`` from the ``unit-coverage`` disk cache when it
    holds the table (``cache_dir`` names another folder; :func:`unit_coverage_key`).
    """
    dictionaries = dict(DICTIONARIES if dictionaries is None else dictionaries)
    units = list(dict.fromkeys(units))
    if any(not isinstance(u, str) or not u.strip() for u in units):
        raise ZhDiscourseError("units must be non-empty strings")
    if not dictionaries:
        raise ZhDiscourseError("no dictionary choice to compare")
    texts = [texts] if isinstance(texts, str) or not isinstance(texts, (list, tuple)) else list(texts)
    if not cache:
        return _unit_coverage(texts, units, dictionaries)
    speeches = [as_speech(t) for t in texts]
    return _coverage_store(cache_dir).fetch(unit_coverage_key(speeches, units, dictionaries),
                                            lambda: _unit_coverage(speeches, units, dictionaries))


def _unit_coverage(texts: list, units: list[str], dictionaries: dict) -> pd.DataFrame:
    occ = Counter()
    whole = {name: Counter() for name in dictionaries}
    wanted = set(units)
    for t in texts:
        sp = as_speech(t)
        n_here = {u: len(find_matches(sp, u)) for u in units}
        for u, n in n_here.items():
            occ[u] += n
        for name, (ud, md) in dictionaries.items():
            got = Counter(tok for tok in tokens(sp, userdict=ud, mined=md)["token"] if tok in wanted)
            for u in units:
                whole[name][u] += min(got[u], n_here[u])
    rows = [[u, occ[u], *(whole[name][u] for name in dictionaries)] for u in units if occ[u]]
    cols = ["unit", "occurrences", *(f"whole_{name}" for name in dictionaries)]
    df = pd.DataFrame(rows, columns=cols).astype({c: "int64" for c in cols[1:]} | {"unit": "str"})
    for name in dictionaries:
        df[f"share_{name}"] = (df[f"whole_{name}"] / df["occurrences"]).astype("float64")
    df = df.sort_values("occurrences", ascending=False, kind="stable").reset_index(drop=True)
    total = int(df["occurrences"].sum())
    df.attrs["occurrences"] = total
    for name in dictionaries:
        df.attrs[f"share_{name}"] = float(df[f"whole_{name}"].sum() / total) if total else float("nan")
    return df


def _hmm_store(cache_dir=None) -> DiskCache:
    """The ``hmm-changes`` disk cache (or the folder ``cache_dir``)."""
    return DiskCache.named("hmm-changes", cache_dir, prefix="hmm-", ext="pkl", key_chars=40,
                           check=lambda v: isinstance(v, pd.DataFrame) and list(v.columns) == HMM_COLUMNS)


def hmm_changes_key(speech, *, userdict: bool | str | Path = True) -> str:
    """The cache key of :func:`hmm_changes`: the key of the text's token table with this dictionary
    (:func:`zhdiscourse.tokenize.table.cache_key`: the text, its structure, the dictionary files' bytes, the
    segmenter and jieba versions), the package fingerprint and the pandas and numpy versions."""
    return digest(HMM_CHANGES_VERSION, package_fingerprint(), pd.__version__, np.__version__,
                  token_cache_key(speech, userdict=userdict))


def hmm_changes(speech, *, userdict: bool | str | Path = True, cache: bool = True,
                cache_dir: str | Path | None = None) -> pd.DataFrame:
    """Where switching jieba's HMM on would change the segmentation of ``speech`` (see the module
    docstring). Sorted by count, then by first offset. With ``cache`` from the ``hmm-changes`` disk cache
    when it holds the table (``cache_dir`` names another folder; :func:`hmm_changes_key`): the comparison
    needs jieba's own tokenizer, whose start costs more than a second in every process."""
    speech = as_speech(speech)
    if not cache:
        return _hmm_changes(speech, userdict)
    return _hmm_store(cache_dir).fetch(hmm_changes_key(speech, userdict=userdict),
                                       lambda: _hmm_changes(speech, userdict))


def _hmm_changes(speech, userdict) -> pd.DataFrame:
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


def change_kind(before: list[str], after: list[str]) -> str:
    """``"merge"`` when ``after`` only removes boundaries of ``before`` (tokens joined), ``"split"`` when
    it only adds boundaries, else ``"shift"`` (a boundary moves). Both lists tile the same string."""
    bb, ab = set(_bounds(before)), set(_bounds(after))
    if ab <= bb:
        return "merge"
    if bb <= ab:
        return "split"
    return "shift"


def dictionary_changes(speech, *, userdict: bool | str | Path = True, mined: bool | str | Path | None = None,
                       layer: str = "all") -> pd.DataFrame:
    """Before/after report: what the dictionary layers change in the segmentation of ``speech``.

    ``layer="all"`` (default): jieba's dictionary alone against the layers in effect (``userdict`` and
    ``mined``); ``"hand"``: against the user dictionary alone; ``"mined"``: the user dictionary alone
    against the user dictionary plus the mined terms (``mined=None`` is then the bundled file), i.e.
    every token the mined layer alters. Every sentence is segmented with both (separate tokenizers,
    same ``posseg`` settings); the regions where the segmentations differ are grouped by text.
    Columns: ``text``, ``before`` and ``after`` (tokens joined by `` / ``), ``kind`` (``merge``,
    ``split`` or ``shift``: :func:`change_kind`), ``count`` (occurrences), ``first_start`` /
    ``first_end`` (offsets of the first one), sorted by count. ``speech`` is a
    :class:`~zhdiscourse.text.structure.Speech` or a text.
    """
    if layer not in LAYERS:
        raise ZhDiscourseError(f"layer must be one of {', '.join(LAYERS)}, not {layer!r}")
    speech = as_speech(speech)
    if layer == "mined" and mined is None:
        mined = True
    (ub, mb), (ua, ma) = LAYERS[layer]
    plain = get_segmenter(userdict if ub is None else ub, mined=mined if mb is None else mb)
    domain = get_segmenter(userdict if ua is None else ua, mined=mined if ma is None else ma)
    rows: dict[tuple[str, str, str], list] = {}
    for s in speech.sentences:
        for a, b, bt, at in diff_segmentations(s.text, plain.cut(s.text), domain.cut(s.text), s.start):
            key = (speech.text[a:b], " / ".join(bt), " / ".join(at))
            if key in rows:
                rows[key][4] += 1
            else:
                rows[key] = [*key, change_kind(bt, at), 1, a, b]
    df = pd.DataFrame(list(rows.values()), columns=CHANGE_COLUMNS)
    df = df.astype({"text": "str", "before": "str", "after": "str", "kind": "str", "count": "int64",
                    "first_start": "int64", "first_end": "int64"})
    return df.sort_values(["count", "first_start"], ascending=[False, True], kind="stable").reset_index(drop=True)
