"""Cleaning a text into its analysis text, one character for one character.

The rules (offset-preserving: ``len(clean_text(original)[0]) == len(original)``) are described in
:mod:`zhdiscourse.text.corpus`: the Wikisource licence tail (:func:`licence_cut`), spaces and
full-width characters, links split over lines, and traditional characters converted to simplified
ones with OpenCC (:func:`to_simplified`).

A single file (:func:`clean_document`, used by :func:`zhdiscourse.load_speech` and so by every
command) is cleaned by the same replacements, with two differences that keep every offset valid in
the decoded file: nothing is cut (a Wikisource licence notice at the end stays in the text, and the
body ends before it), and the line breaks around a Wikisource link are joined only when the file
carries such a licence notice (elsewhere a short line between two lines is as likely a date line or
a heading as a link). What was changed is counted in a :class:`~zhdiscourse.text.model.Cleaning`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .model import Cleaning

LICENCE_MAX_CHARS = 1500
_LICENCE_LINE = re.compile(r"(?m)^[ \t\u3000\u200b]*(?:本作品|这部作品|這部作品)")
_LICENCE_WORDS = re.compile(r"公有领域|公有領域|著作权|著作權|Public domain", re.I)
_FLAG_WORDS = ("Public domain", "false", "true")
_TRAILING_FLAGS = re.compile(r"(?:\s*\n\s*(?:" + "|".join(_FLAG_WORDS) + r")[ \t]*)+\s*\Z")
_SPACES = dict.fromkeys(map(ord, "\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"), " ")
_FULLWIDTH = {c: c - 0xFEE0 for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B))
              + list(range(0xFF41, 0xFF5B))}
# the two tables as one (no key of one is a value of the other), and the characters they replace
_WIDTHS = {chr(k): v if isinstance(v, str) else chr(v) for k, v in {**_SPACES, **_FULLWIDTH}.items()}
_TO_REPLACE = re.compile("[" + re.escape("".join(_WIDTHS)) + "]")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]")
_SENT_PUNCT = "。！？!?；;：:"
# a short link text on its own line inside a paragraph: X\nLINK\nY with X, Y not whitespace
_LINK = re.compile(r"(?<=[^\s])\n(?P<link>[^\n]{1,60})\n(?=[^\s])")
_HEADING_START = re.compile(r"^\s*(?:[零一二三四五六七八九十百]+[、是要]|[（(][零一二三四五六七八九十百]+[）)]|第[零一二三四五六七八九十百]+|\d)")
TRADITIONAL_RATIO = 0.10
MIXED_RATIO = 0.001


def licence_cut(text: str) -> int:
    """Length of ``text`` without its trailing licence notice (see the module docstring)."""
    end = len(text)
    for m in _LICENCE_LINE.finditer(text):
        tail = text[m.start():]
        if len(tail) <= LICENCE_MAX_CHARS and _LICENCE_WORDS.search(tail):
            end = m.start()
            break
    else:
        # the flags pattern can only match a text that ends (before whitespace) in one of its words: the
        # search, which tries every offset of the text, is run only then
        m = _TRAILING_FLAGS.search(text) if text.rstrip().endswith(_FLAG_WORDS) else None
        if m:
            end = m.start()
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _t2s_keys() -> frozenset | None:
    """The characters that are keys of a dictionary of the t2s conversion: OpenCC leaves every other
    character as it is (a lookup finds nothing to replace), so it is not asked about them (a call costs
    ≈ 20 µs, and a text has thousands of distinct characters). ``None`` (ask OpenCC about every
    character) when the converter does not hold its tables as ``(max_len, min_len, dict)`` in
    ``_dict_chain_data``, as opencc-python-reimplemented 0.1.7 does."""
    keys: set[str] = set()

    def walk(x) -> bool:
        if isinstance(x, list):
            return all(walk(y) for y in x)
        if isinstance(x, tuple) and len(x) == 3 and isinstance(x[2], dict):
            keys.update(k for k in x[2] if len(k) == 1)
            return True
        return False

    chain = getattr(_t2s(), "_dict_chain_data", None)
    return frozenset(keys) if isinstance(chain, list) and chain and walk(chain) else None


@lru_cache(maxsize=65536)
def _char_t2s(c: str) -> str:
    keys = _t2s_keys()
    if keys is not None and c not in keys:
        return c
    out = _t2s().convert(c)
    return out if len(out) == 1 else c


def is_han(c: str) -> bool:
    return _HAN.match(c) is not None


def traditional_ratio(text: str) -> float:
    """Share of Han characters that change under character-level OpenCC t2s (0 for simplified text)."""
    # counted as code points in an array (every character of _HAN is in the BMP: one UTF-16 unit)
    counts = np.bincount(np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2"), minlength=0x10000)
    han = changed = 0
    for lo, hi in _HAN_RANGES:
        block = counts[lo:hi + 1]
        han += int(block.sum())
        for i in np.flatnonzero(block).tolist():
            c = chr(lo + i)
            if _char_t2s(c) != c:
                changed += int(block[i])
    return changed / han if han else 0.0


def script_of(ratio: float) -> str:
    if ratio >= TRADITIONAL_RATIO:
        return "traditional"
    if ratio >= MIXED_RATIO:
        return "mixed"
    return "simplified"


def to_simplified(text: str) -> str:
    """Simplified-character version of ``text`` with exactly the same length, position by position.

    Uses OpenCC's phrase conversion when it keeps every position (same length, and every changed
    position holds a Han character in both), else the character-level conversion.
    """
    phrase = _t2s().convert(text)
    if len(phrase) == len(text) and all(
            a == b or (_HAN.match(a) and _HAN.match(b)) for a, b in zip(text, phrase)):
        return phrase
    return "".join(_char_t2s(c) for c in text)


def _widths(text: str) -> str:
    """Spaces and full-width characters replaced: ``text.translate(_SPACES).translate(_FULLWIDTH)``,
    by a regular expression (``str.translate`` looks every character of a Chinese text up in the table)."""
    return _TO_REPLACE.sub(_width_of, text)


def _width_of(m: re.Match) -> str:
    return _WIDTHS[m.group()]


def _join_links(text: str) -> str:
    chars = None
    for m in _LINK.finditer(text):
        link = m.group("link")
        before = text[m.start() - 1]
        if (any(c in "。！？!?" for c in link) or before in _SENT_PUNCT or _HEADING_START.match(link)
                or not link.strip()):
            continue
        if chars is None:
            chars = list(text)
        chars[m.start()] = " "
        chars[m.end() - 1] = " "
    return text if chars is None else "".join(chars)


def clean_text(original: str, *, simplify: bool | None = None) -> tuple[str, float]:
    """The analysis text for ``original`` (same length) and its traditional-character ratio.

    ``simplify``: convert to simplified characters; ``None`` (default) converts when the text is
    not plainly simplified (``trad_ratio > 0``).
    """
    text = _widths(original)
    text = _join_links(text)
    ratio = traditional_ratio(text)
    if simplify or (simplify is None and ratio > 0):
        text = to_simplified(text)
    if len(text) != len(original):  # pragma: no cover - guarded by construction and tests
        raise AssertionError("cleaning changed the length of the text")
    return text, ratio


def _differ(a: str, b: str) -> np.ndarray:
    """For each position ``i`` below the shorter length: whether ``a[i] != b[i]``, compared as code points in
    arrays (a corpus's documents have a million characters)."""
    n = min(len(a), len(b))  # every str encodes to UTF-32 with surrogatepass, lone surrogates too
    return (np.frombuffer(a[:n].encode("utf-32-le", "surrogatepass"), dtype="<u4")
            != np.frombuffer(b[:n].encode("utf-32-le", "surrogatepass"), dtype="<u4"))


def changed_positions(a: str, b: str) -> list[int]:
    """The positions ``i`` (below the shorter length) where ``a[i] != b[i]``, in order: what
    ``[i for i, (x, y) in enumerate(zip(a, b)) if x != y]`` gives."""
    return np.flatnonzero(_differ(a, b)).tolist()


def _changed(a: str, b: str) -> int:
    """How many positions of two strings of the same length differ."""
    return 0 if a == b else int(np.count_nonzero(_differ(a, b)))


def clean_document(original: str, *, simplify: bool | None = None):
    """The analysis text of a single decoded file (same length) and what cleaning changed.

    Returns ``(text, cleaning)`` with ``cleaning`` a :class:`~zhdiscourse.text.model.Cleaning`: the
    traditional-character ratio, how many characters were converted to simplified ones, how many
    other positions were replaced, and where a trailing Wikisource licence notice starts (the parser
    ends the body before it). ``simplify`` as in :func:`clean_text`.
    """
    cut = licence_cut(original)
    rest = original[cut:]
    licence_start = None
    if rest.strip():
        licence_start = cut + (len(rest) - len(rest.lstrip()))
    text = _widths(original)
    if licence_start is not None:
        text = _join_links(text[:cut]) + text[cut:]
    replaced = _changed(original, text)
    ratio = traditional_ratio(text)
    before = text
    if simplify or (simplify is None and ratio > 0):
        text = to_simplified(text)
    if len(text) != len(original):  # pragma: no cover - guarded by construction and tests
        raise AssertionError("cleaning changed the length of the text")
    simplified = _changed(before, text)
    return text, Cleaning(trad_ratio=ratio, simplified=simplified, replaced=replaced, licence_start=licence_start)
