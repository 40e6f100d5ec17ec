"""Reading the lexicon of the token stage: the dictionary layers jieba segments with, and the stopword
lists (what the dictionaries change in a text is reported by
:func:`zhdiscourse.tokenize.diagnostics.dictionary_changes`).

The dictionary layers, in the order they are applied (:func:`dictionary_entries` is the one function
that returns them, for any segmentation backend to replay)

1. jieba's own dictionary (``dict.txt`` of jieba 0.42.1), always.
2. The hand-written **user dictionary** ``userdict.txt`` (``userdict=``): its words, then, after the mined
   layer, its forced splits.
3. The **mined terms** ``mined_terms.tsv`` (``mined=``): multi-word units learned from the reference
   corpora by ``scripts/mine_terms.py`` (:mod:`zhdiscourse.tokenize.terms`). Hand entries and forced
   splits win: a mined unit is left out when it is a hand word, when it contains, equals or lies inside
   a forced split's whole, and when it overlaps a hand word or a split's whole by two characters or
   more without either containing the other (a proper end of one is a proper start of the other, so
   that it could take characters of the hand word in a text): :func:`mined_conflicts`.

Files (bundled in :mod:`zhdiscourse.lexicon`; a folder named by ``ZHDISCOURSE_LEXICON_DIR`` overrides them)

``userdict.txt``
    One entry per line, ``WORD [FREQ] [TAG]`` as in jieba (FREQ omitted = just high enough for the
    word to come out whole; TAG a jieba/ICTCLAS tag such as ``n``, ``nz``, ``nt``, ``ns``, ``l``,
    ``i``, ``vn``). ``#`` starts a comment (a whole line, or the rest of a line after whitespace).
    A *forced split* ``WHOLE = PART + PART [+ …]`` keeps a compositional phrase apart: each part is
    made a word and the whole is not one (城市保卫战 = 城市 + 保卫战).
``mined_terms.tsv``
    Tab-separated, ``#`` comment lines first (how the file was made), then a header row and one row
    per unit. The columns read here are ``term``, ``freq`` (jieba's scale) and ``tag``; the others
    (``tokens``, ``count``, ``docs``, ``pmi``, ``left_entropy``, ``right_entropy``) are the scores, for
    review (see :mod:`zhdiscourse.tokenize.terms`). An empty file (header only) is an empty layer.
``stopwords_domain.txt``
    Extra stopwords for the domain (one per line, ``#`` comments), added to the ``stopwordsiso``
    Chinese list (MIT). Stopwords only mark tokens (``is_stop``); they are removed from content-word
    statistics on request and never from the token table, so rhetorical analyses still see 要, 必须,
    我们.
``key_units.txt``
    The documented lexical units that must come out as single tokens (tested).

Choosing the layers: ``userdict=True`` (the default) is the bundled user dictionary, ``False``/``None``
none, anything else a path. The mined layer is **off by default** (``mined=None`` or ``False``):
``mined=True`` switches the bundled file on, a path names another file. Its units are good (notebook 02
§2b, ``data/lexicon_check/``: the miner's list, reviewed by hand once, was judged on a seeded blind sample by
two independent judges, both above 90 % genuine terms, and every change it makes in the study's speech was
judged right), but the study's findings were measured and judged on the hand dictionary's segmentation:
switching the default changes the token counts they rest on, and needs them checked again (notebook 02
§2b shows how little it takes to move one of them).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple

from ..errors import ZhDiscourseError
from ..lexicon import (KEY_UNITS, MINED_TERMS, STOPWORDS_DOMAIN, USERDICT, lexicon_file, read_lines, read_list,
                       strip_comment)


def default_userdict_path() -> Path:
    """The user dictionary in effect (:func:`zhdiscourse.lexicon.lexicon_file`)."""
    return lexicon_file(USERDICT)


def resolve_userdict(userdict) -> Path | None:
    """The user dictionary a ``userdict=`` argument names: ``True`` the default file, ``False``/``None``
    none, anything else a path."""
    return _resolve(userdict, default_userdict_path)


def _resolve(value, default) -> Path | None:
    """``True`` → ``default()``, ``False``/``None`` → no file, anything else → that path."""
    if value is True:
        return default()
    if value is False or value is None:
        return None
    return Path(value)


def default_mined_path() -> Path:
    """The mined-terms layer in effect (:func:`zhdiscourse.lexicon.lexicon_file`)."""
    return lexicon_file(MINED_TERMS)


#: Whether the mined-terms layer is on when ``mined=None`` under a user dictionary (module docstring: off).
MINED_DEFAULT = False


def resolve_mined(mined, userdict=True) -> Path | None:
    """The mined-terms file a ``mined=`` argument names: ``None`` the default (:data:`MINED_DEFAULT` under a
    user dictionary; none with ``userdict=False``/``None``, jieba's dictionary alone), ``True`` the bundled
    file, ``False`` none, anything else a path."""
    if mined is None:
        mined = MINED_DEFAULT and userdict is not False and userdict is not None
    return _resolve(mined, default_mined_path)


def default_stopwords_path() -> Path:
    """The domain stopword list in effect."""
    return lexicon_file(STOPWORDS_DOMAIN)


# --------------------------------------------------------------------------------------------------
# Reading the files
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserdictEntry:
    word: str
    freq: int | None
    tag: str | None
    line: int


_ENTRY = re.compile(r"^(?P<word>\S+)(?:\s+(?P<freq>\d+))?(?:\s+(?P<tag>[a-zA-Z]+))?$")


def read_userdict(path: str | Path) -> tuple[list[UserdictEntry], list[tuple[str, tuple[str, ...]]]]:
    """Parse a commented user dictionary: ``(entries, forced_splits)``.

    Raises :class:`ZhDiscourseError` naming the line for a malformed entry or a split whose parts do
    not join to the whole.
    """
    entries: list[UserdictEntry] = []
    splits: list[tuple[str, tuple[str, ...]]] = []
    for no, line in enumerate(read_lines(path), 1):
        text = strip_comment(line)
        if not text:
            continue
        if "=" in text:
            whole, _, rhs = text.partition("=")
            whole = whole.strip()
            parts = tuple(p.strip() for p in rhs.split("+"))
            if not whole or len(parts) < 2 or any(not p for p in parts) or "".join(parts) != whole:
                raise ZhDiscourseError(f"{path}:{no}: a split must read WHOLE = PART + PART (parts joining "
                                       f"to the whole): {text!r}")
            splits.append((whole, parts))
            continue
        m = _ENTRY.match(text)
        if not m:
            raise ZhDiscourseError(f"{path}:{no}: expected WORD [FREQ] [TAG]: {text!r}")
        entries.append(UserdictEntry(m["word"], int(m["freq"]) if m["freq"] else None,
                                     m["tag"].lower() if m["tag"] else None, no))
    return entries, splits


def _file_hash(path: str | Path | None) -> str:
    if path is None:
        return "none"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def userdict_fingerprint(path: str | Path | None) -> str:
    """A hash of the user dictionary file's bytes (``"none"`` without one)."""
    return _file_hash(path)


def userdict_words(path: str | Path | None = None) -> list[str]:
    """The words a user dictionary adds (default: the project's)."""
    path = default_userdict_path() if path is None else path
    return [e.word for e in read_userdict(path)[0]]


@dataclass(frozen=True)
class MinedEntry:
    word: str
    freq: int
    tag: str | None
    line: int


#: Columns a mined-terms file must have (the others are scores, for review).
MINED_REQUIRED = ("term", "freq", "tag")


def read_mined(path: str | Path) -> list[MinedEntry]:
    """Parse a mined-terms file (``#`` comment lines, a header row, tab-separated rows; see the module
    docstring). Raises :class:`ZhDiscourseError` naming the line for a missing column, a row of the
    wrong width, a word with whitespace or a frequency that is not a positive whole number."""
    header: list[str] | None = None
    out: list[MinedEntry] = []
    for no, line in enumerate(read_lines(path), 1):
        if not line.strip() or line.lstrip("\ufeff").startswith("#"):
            continue
        cells = line.lstrip("\ufeff").split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in MINED_REQUIRED if c not in header]
            if missing:
                raise ZhDiscourseError(f"{path}:{no}: the header row lacks the column(s) {', '.join(missing)}")
            col = {c: header.index(c) for c in MINED_REQUIRED}
            continue
        if len(cells) != len(header):
            raise ZhDiscourseError(f"{path}:{no}: expected {len(header)} tab-separated cells, found {len(cells)}")
        word, freq, tag = (cells[col[c]].strip() for c in MINED_REQUIRED)
        if not word or re.search(r"\s", word):
            raise ZhDiscourseError(f"{path}:{no}: the term must be one word without spaces: {word!r}")
        if not freq.isdigit() or int(freq) < 1:
            raise ZhDiscourseError(f"{path}:{no}: freq must be a whole number of at least 1: {freq!r}")
        if tag and not re.fullmatch(r"[a-zA-Z]+", tag):
            raise ZhDiscourseError(f"{path}:{no}: tag must be letters (a jieba tag): {tag!r}")
        out.append(MinedEntry(word, int(freq), tag.lower() or None, no))
    return out


def mined_words(path: str | Path | None = None) -> list[str]:
    """The words of a mined-terms file (default: the bundled one), in file order."""
    return [e.word for e in read_mined(default_mined_path() if path is None else path)]


# --------------------------------------------------------------------------------------------------
# The layers, in order: what a segmenter replays
# --------------------------------------------------------------------------------------------------


class DictEntry(NamedTuple):
    """One step of building a segmenter's dictionary on top of jieba's own.

    ``freq``: a whole number (jieba's scale), ``None`` for jieba's suggested frequency at that point of
    the replay (``Tokenizer.add_word(word)``: just high enough for the word to come out whole on its
    own), or ``0`` to remove the word (a forced split's whole). ``layer``: ``"hand"``, ``"mined"`` or
    ``"split"``.
    """

    word: str
    freq: int | None
    tag: str | None
    layer: str


def jieba_dict_file() -> Path:
    """jieba's bundled dictionary (``jieba/dict.txt``), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ZhDiscourseError("jieba is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "dict.txt"


@lru_cache(maxsize=1)
def jieba_words() -> frozenset[str]:
    """The words of jieba's bundled dictionary (``dict.txt``) with a frequency above zero."""
    words = set()
    with open(jieba_dict_file(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].strip() not in ("", "0"):
                words.add(parts[0])
    return frozenset(words)


#: Shortest overlap (characters) between a mined word and a hand word that leaves the mined word out.
MIN_OVERLAP = 2


def mined_conflicts(mined: list[str], hand: list[str], wholes: list[str]) -> list[str]:
    """The mined words left out because the hand layer wins (see the module docstring): equal to a hand
    word; equal to, containing or inside a forced split's whole; or overlapping a hand word or a whole
    by at least :data:`MIN_OVERLAP` characters without either containing the other (so that in a text
    the mined word could take characters of the hand word). A mined word that contains a hand word is
    kept: the longer unit is the word there (as 复工复产 is beside 复工)."""
    hand_set, whole_set = set(hand), set(wholes)
    others = hand_set | whole_set
    starts = {o[:k] for o in others for k in range(MIN_OVERLAP, len(o))}
    ends = {o[-k:] for o in others for k in range(MIN_OVERLAP, len(o))}
    out = []
    for w in mined:
        if w in hand_set or any(x in w or w in x for x in whole_set):
            out.append(w)
            continue
        cands = [w[-k:] for k in range(MIN_OVERLAP, len(w)) if w[-k:] in starts]
        cands += [w[:k] for k in range(MIN_OVERLAP, len(w)) if w[:k] in ends]
        if cands and any(_partial(w, o) for o in others if any(c in o for c in cands)):
            out.append(w)
    return out


def _partial(a: str, b: str) -> bool:
    """``a`` and ``b`` overlap by at least :data:`MIN_OVERLAP` characters without either containing the other."""
    if a in b or b in a:
        return False
    n = min(len(a), len(b))
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(MIN_OVERLAP, n))


def dictionary_entries(userdict=True, mined=None, *, base: Mapping[str, int] | None = None) -> list[DictEntry]:
    """Every entry of every dictionary layer, in the order a segmenter applies them on top of jieba's
    own dictionary: the hand words (``userdict``, file order), then the mined terms (``mined``, file
    order, without those the hand layer wins over: :func:`mined_conflicts`), then the forced splits
    (the whole removed with ``freq=0``; each part added with ``freq=None`` when it is not a word yet).

    ``userdict`` and ``mined`` as in the module docstring. ``base`` is the dictionary the layers go on
    (word → frequency; default :func:`jieba_words`), used only to decide whether a split's part is a
    word already. Replaying the list with ``add_word(word, freq, tag)`` (``freq=0``: remove the word)
    gives the segmenter of :func:`zhdiscourse.tokenize.segment.build_segmenter`.
    """
    ud = resolve_userdict(userdict)
    mp = resolve_mined(mined, userdict)
    hand, splits = read_userdict(ud) if ud is not None else ([], [])
    out = [DictEntry(e.word, e.freq, e.tag, "hand") for e in hand]
    if mp is not None:
        layer = read_mined(mp)
        dropped = set(mined_conflicts([e.word for e in layer], [e.word for e in hand], [w for w, _ in splits]))
        out += [DictEntry(e.word, e.freq, e.tag, "mined") for e in layer if e.word not in dropped]
    if splits:
        known = {e.word: (e.freq is None or e.freq > 0) for e in out}
        in_base = base.get if base is not None else (lambda w, _words=jieba_words(): w in _words)
        for whole, parts in splits:
            out.append(DictEntry(whole, 0, None, "split"))
            known[whole] = False
            for part in parts:
                present = known[part] if part in known else bool(in_base(part))
                if not present:
                    out.append(DictEntry(part, None, None, "split"))
                    known[part] = True
    return out


def dictionary_fingerprint(userdict=True, mined=None) -> str:
    """A hash of the dictionary layers in effect: which files, and their bytes (part of every token
    cache key)."""
    ud = resolve_userdict(userdict)
    mp = resolve_mined(mined, userdict)
    h = hashlib.sha256()
    for part in ("hand", str(ud is not None), _file_hash(ud), "mined", str(mp is not None), _file_hash(mp)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def key_units(path: str | Path | None = None) -> list[str]:
    """The documented key lexical units (``src/zhdiscourse/lexicon/key_units.txt``)."""
    return read_list(lexicon_file(KEY_UNITS) if path is None else path)


# --------------------------------------------------------------------------------------------------
# Stopwords
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _iso_zh() -> frozenset[str]:
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh"))


def stopwords(domain: bool | str | Path = True) -> frozenset[str]:
    """The ``stopwordsiso`` Chinese list plus the domain list (``domain=False`` for the former only,
    or a path to another domain list)."""
    words = set(_iso_zh())
    p = _resolve(domain, default_stopwords_path)
    if p is not None:
        words.update(read_list(p))
    return frozenset(words)


def stopwords_fingerprint(domain: bool | str | Path = True) -> str:
    """A hash of the stopword set in effect (part of the token cache key)."""
    return hashlib.sha256("\n".join(sorted(stopwords(domain))).encode("utf-8")).hexdigest()
