"""Word segmentation: jieba 0.42.1 ``posseg`` output (tokens and tags, HMM off), from one of two backends.

Method
------
* **Precise mode, HMM off** (``HMM = False``). jieba's HMM guesses words the dictionary does not know.
  On political prose it mostly glues a function character (则, 从, 和, 因, 度 …) to a neighbouring
  character and invents "words" that are segmentation errors (24 of the 59 HMM-only word types
  of the speech under study are fragments; listed in ``bench/README.md``), and its guesses move
  whenever the surrounding text changes. With HMM off, segmentation is decided by the dictionary alone:
  reproducible, and a teacher controls it by editing the user dictionary
  (``src/zhdiscourse/lexicon/userdict.txt``), where the genuine new words of a domain go.
  Characters the dictionary does not know come out as single characters, never silently merged.
* **Tokens and tags from one pass.** ``jieba.lcut`` and ``jieba.posseg.cut`` segment differently, so
  both the token and its part-of-speech tag are what ``jieba.posseg`` (HMM off) gives. Offsets are
  computed by walking the string: the tokens tile their input (whitespace and punctuation included),
  so ``start`` is the running sum of lengths.

Backends (the setting ``$ZHDISCOURSE_SEGMENTER``, or ``backend=``; default :data:`DEFAULT_BACKEND`)
-----------------------------------------------------------------------------------------------------
``jieba``
    The reference: a private ``jieba.Tokenizer`` + ``jieba.posseg.POSTokenizer`` pair per dictionary
    (never the global ``jieba.dt``). About 0.3M characters/s and 1.2 s and ~100 MB to start.
``rjieba``
    jieba-rs (Rust, ``rjieba``) for the tokens — the same algorithm on the same bundled dictionary
    (``dict.txt`` of jieba 0.42.1) — and, for the tags, a lookup that is exactly ``posseg``'s: jieba's
    tag table (``word_tag_tab``, read from jieba's ``dict.txt``) updated with the user dictionary's
    tags; a run of single Latin letters and digits is ``eng`` and any other character outside
    ``posseg``'s word blocks is ``x``, as in ``posseg``. Four differences between the libraries are
    undone so that the output is identical: (1) user entries are added with the frequency that
    jieba would give them (its ``suggest_freq`` formula, computed here, instead of jieba-rs's), (2) jieba
    does not subtract a word's old frequency from the dictionary total when the word is added
    again, jieba-rs does: a sentinel entry that no text can match (a private-use character) carries the
    difference so the totals agree, (3) jieba-rs's word blocks also take ``%``, ``-`` and the CJK
    extension and compatibility ideographs, where ``posseg`` cuts: such characters are cut apart here
    before jieba-rs sees the text, (4) a word with frequency 0 (a forced split) is left out of jieba's
    DAG but kept in jieba-rs's (with score −∞): this is equivalent whenever the word's first
    character is itself a word, which is checked (otherwise, and for a Latin-letter word whose
    first letter is a word, the dictionary cannot be reproduced exactly and the ``jieba`` backend
    is used, with a warning). ``tests/tokenize/test_backend_identity.py`` checks token and tag
    identity with ``jieba.posseg`` on the speech and on the 52 Government Work Reports.

    The prepared dictionary (the entries with their resolved frequencies, and the tag table) is
    cached on disk (the ``segmenter`` cache of :mod:`zhdiscourse.util.cache`), keyed by the library
    versions and the dictionary fingerprint, so a process pays only jieba-rs's own start (~0.2 s).

The dictionary layers
---------------------
Every backend replays the same entries, from :func:`dictionary_entries` (the loader of
:mod:`zhdiscourse.tokenize.dictionary`, which lists every layer in order), through
:func:`replay_dictionary`: user entries with ``add_word``, the mined terms when asked for
(``mined=True``; off by default), then each forced split ``WHOLE = PART + PART`` (the whole set to
frequency 0, each part made a word). A new dictionary layer added to that loader is replayed by every
backend.

Start-up
--------
Library versions come from the package metadata (:func:`jieba_version`, :func:`segmenter_version`),
so a cache key costs no import. jieba is imported (quietly: no start-up log, no ``pkg_resources``
warning; through :func:`jieba_module` only) when the reference backend or a jieba-only feature (the
HMM comparison of :mod:`zhdiscourse.tokenize.diagnostics`) is used.

Everything here is a module-level function of plain data, so it can be called in worker processes.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import logging
import math
import os
import re
import sys
import threading
import warnings
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable

from ..errors import ZhDiscourseError
from ..util.cache import DiskCache, digest, package_fingerprint
from ..lexicon import LEXICON_ENV
from .dictionary import dictionary_entries as layer_entries
from .dictionary import (dictionary_fingerprint, jieba_dict_file, read_userdict, resolve_mined, resolve_userdict,
                         userdict_fingerprint)

#: jieba's HMM new-word discovery: off (see the module docstring for why).
HMM = False

#: The segmentation backends (same output; see the module docstring).
BACKENDS = ("rjieba", "jieba")
#: The backend used when neither ``backend=`` nor ``$ZHDISCOURSE_SEGMENTER`` chooses one.
DEFAULT_BACKEND = "rjieba"
#: Environment variable that chooses the backend.
BACKEND_ENV = "ZHDISCOURSE_SEGMENTER"
#: Bump when the prepared dictionary of the rjieba backend is computed differently.
PREPARED_VERSION = "prepared-dict-2"

#: :meth:`Segmenter.head_tagged` segments only the start of texts longer than this (characters) …
HEAD_MIN = 400
#: … from the first cut point after this many characters.
HEAD_START = 64
_HAN_CHAR = re.compile("[\u4E00-\u9FD5]")

#: Joins the spans of :meth:`RjiebaSegmenter.token_arrays` (a control character: never in a word block).
SPAN_SEPARATOR = "\x00"
#: Sets apart the characters of :meth:`RjiebaSegmenter._cut`'s pieces in :meth:`RjiebaSegmenter.token_arrays`.
PIECE_SEPARATOR = "\x01"

_lock = threading.RLock()
_jieba = None
_rjieba_cls = None
_SEGMENTERS: dict = {}


# --------------------------------------------------------------------------------------------------
# Settings and versions
# --------------------------------------------------------------------------------------------------


def backend_name(backend: str | None = None) -> str:
    """The backend in effect: ``backend`` if given, else ``$ZHDISCOURSE_SEGMENTER``, else the default."""
    name = (backend or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND).strip().lower()
    if name not in BACKENDS:
        raise ZhDiscourseError(f"unknown segmenter backend {name!r} (choose {' or '.join(BACKENDS)}; "
                               f"${BACKEND_ENV})")
    return name


@lru_cache(maxsize=None)
def _dist_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def jieba_version() -> str:
    """jieba's version, from the package metadata (no import)."""
    return _dist_version("jieba")


def segmenter_version(backend: str | None = None) -> str:
    """What a cache key must cover about segmentation: the backend and its libraries' versions."""
    name = backend_name(backend)
    if name == "jieba":
        return f"jieba {jieba_version()}"
    return f"rjieba {_dist_version('rjieba')} + jieba {jieba_version()} tags ({PREPARED_VERSION})"


# --------------------------------------------------------------------------------------------------
# The dictionary, replayed by every backend
# --------------------------------------------------------------------------------------------------


def dictionary_entries(path: str | Path | None, mined: str | Path | None = None) -> list:
    """Every entry of the dictionary layers — the user dictionary at ``path`` and the mined terms at
    ``mined`` (either may be ``None``) — in the order they are applied, as the loader of
    :mod:`zhdiscourse.tokenize.dictionary` lists them (:func:`zhdiscourse.tokenize.dictionary.dictionary_entries`:
    entries have ``word``, ``freq`` (``None``: jieba's suggested frequency; ``0``: remove), ``tag``, ``layer``)."""
    return layer_entries(path if path is not None else False, mined if mined is not None else False)


def replay_dictionary(path: str | Path | None, add_word, zero_word, is_word,
                      mined: str | Path | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Apply the dictionary layers to a tokenizer through three callbacks — ``add_word(word, freq,
    tag)`` (``freq``/``tag`` may be ``None``), ``zero_word(word)`` (frequency 0, if it has one) and
    ``is_word(word)`` (frequency > 0) — in jieba's order; return the forced splits of the user
    dictionary. (``is_word`` is kept for callers; the loader decides which split parts to add.)"""
    for e in dictionary_entries(path, mined):
        if e.freq == 0:
            zero_word(e.word)
        else:
            add_word(e.word, e.freq, e.tag)
    return read_userdict(path)[1] if path is not None else []


def _fingerprint(path: Path | None, mined: Path | None) -> str:
    """The dictionary part of a cache key: the user dictionary alone as before, both layers when the
    mined layer is on."""
    if mined is None:
        return userdict_fingerprint(path) if path is not None else "none"
    return "layers-" + dictionary_fingerprint(path if path is not None else False, mined)


# --------------------------------------------------------------------------------------------------
# The segmenter interface
# --------------------------------------------------------------------------------------------------


@dataclass
class Segmenter:
    """A segmenter with one dictionary: tokens and ``posseg`` tags (HMM off) of any text.

    ``backend`` names the implementation, ``userdict`` the user dictionary file loaded (if any),
    ``fingerprint`` hashes the dictionary entries applied (part of the token cache keys).
    ``tokenizer`` / ``pos_tokenizer`` are jieba's own objects for this dictionary (built on first use
    by the ``rjieba`` backend), for what only jieba offers (its HMM, its frequency table).
    """

    backend: str
    userdict: str | None
    fingerprint: str
    mined: str | None = None  # the mined-terms file loaded, if any

    def cut_tagged(self, text: str) -> tuple[list[str], list[str]]:
        """Tokens and POS tags of ``text`` (``"".join(tokens) == text``)."""
        words, tags, _counts = self.segment_spans(text, [(0, len(text))])
        return words, tags

    def cut(self, text: str) -> list[str]:
        """Tokens only (the same segmentation as :meth:`cut_tagged`)."""
        return self.cut_tagged(text)[0]

    def posseg(self, text: str, offset: int = 0) -> list[tuple[str, str, int, int]]:
        """``(token, pos, start, end)`` for every token of ``text``; offsets are ``offset + index``."""
        words, tags = self.cut_tagged(text)
        out = []
        pos = offset
        for w, t in zip(words, tags):
            out.append((w, t, pos, pos + len(w)))
            pos += len(w)
        return out

    def segment_spans(self, text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[str], list[str], list[int]]:
        """Tokens and tags of each ``text[start:end]``, segmented separately, and the count per span."""
        raise NotImplementedError

    def token_arrays(self, text: str, spans: list[tuple[int, int]]):
        """What :meth:`segment_spans` gives, as the token table builds on it: ``(tokens, counts, tag_of)``
        — every token of the spans in order as a pyarrow ``large_string`` array, the token count per
        span (int64 NumPy array), and a mapping from each token to its tag (posseg's tag is a function
        of the token, HMM off)."""
        import numpy as np
        import pyarrow as pa

        words, tags, counts = self.segment_spans(text, spans)
        return pa.array(words, type=pa.large_string()), np.asarray(counts, dtype=np.int64), dict(zip(words, tags))

    def head_tagged(self, text: str, n: int) -> tuple[list[str], list[str]]:
        """The first ``n`` tokens and tags of :meth:`cut_tagged` of ``text``, without segmenting all of a
        long text: a text longer than :data:`HEAD_MIN` characters is segmented up to a *cut point*, a
        place between two Han characters that no dictionary word spans. jieba's best route (HMM off)
        reaches every cut point, and the tokens before it depend only on the text before it, so they are
        the whole text's (up to the rounding of the route's log-probability sums, which a cut point
        leaves out: only an exact tie between two routes could come out otherwise)."""
        if n <= 0:
            return [], []
        p = HEAD_START
        while len(text) > HEAD_MIN and p < len(text):
            cut = self._cut_point(text, p)
            if cut is None:
                break
            words, tags = self.cut_tagged(text[:cut])
            if len(words) >= n:
                return words[:n], tags[:n]
            p = 2 * cut
        words, tags = self.cut_tagged(text)
        return words[:n], tags[:n]

    def _dag_words(self):
        """Every word that can be an edge of jieba's DAG in this dictionary (a superset will do)."""
        raise NotImplementedError

    def _cut_point(self, text: str, start: int, limit: int = 4096) -> int | None:
        """The first cut point (see :meth:`head_tagged`) at or after ``start`` and before ``start + limit``."""
        got = getattr(self, "_dag_cache", None)
        if got is None:
            words = self._dag_words()
            got = self._dag_cache = (words, max(map(len, words), default=1))
        words, longest = got
        han = _HAN_CHAR.match
        for p in range(max(start, 1), min(len(text), start + limit)):
            if not (han(text, p - 1) and han(text, p)):
                continue
            if not any(text[q:r] in words for q in range(max(0, p - longest + 1), p)
                       for r in range(p + 1, min(len(text), q + longest) + 1)):
                return p
        return None

    def _reference(self) -> "JiebaSegmenter":
        return get_segmenter(self.userdict if self.userdict is not None else False, backend="jieba")

    @property
    def tokenizer(self):
        return self._reference().tokenizer

    @property
    def pos_tokenizer(self):
        return self._reference().pos_tokenizer


# --------------------------------------------------------------------------------------------------
# The reference: jieba
# --------------------------------------------------------------------------------------------------


def jieba_module():
    """Import jieba once, silently (no start-up log, no ``pkg_resources`` warning), and return it."""
    global _jieba
    if _jieba is not None:
        return _jieba
    global _default_tags
    with _lock:
        if _jieba is None:
            fresh = "jieba" not in sys.modules and "jieba.posseg" not in sys.modules
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
                warnings.filterwarnings("ignore", category=DeprecationWarning)
                import jieba
                import jieba.posseg  # noqa: F401  (imports jieba._compat, i.e. pkg_resources)
            if fresh and jieba.dt.dictionary == jieba.DEFAULT_DICT:
                # jieba.posseg's import has just read the bundled dict.txt's tags for its global POSTokenizer
                # (nothing has changed them yet): what POSTokenizer(Tokenizer()) would read again
                _default_tags = dict(jieba.posseg.dt.word_tag_tab)
            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            _jieba = jieba
    return _jieba


@dataclass
class JiebaSegmenter(Segmenter):
    """The reference backend: a private ``jieba.Tokenizer`` and its ``POSTokenizer``."""

    tokenizer: object = None  # type: ignore[assignment]
    pos_tokenizer: object = None  # type: ignore[assignment]

    def _dag_words(self):
        return {w for w, f in self.tokenizer.FREQ.items() if f}

    def segment_spans(self, text, spans):
        pt_cut = self.pos_tokenizer.cut
        words: list[str] = []
        tags: list[str] = []
        counts: list[int] = []
        wa, ta = words.append, tags.append
        for a, b in spans:
            n0 = len(words)
            for p in pt_cut(text[a:b], HMM=HMM):
                wa(p.word)
                ta(p.flag)
            counts.append(len(words) - n0)
        return words, tags, counts


#: jieba's bundled dictionary as a fresh pair holds it, ``(FREQ, total, word_tag_tab)``: taken from the first
#: pair this process builds, copied into every further one (loading jieba's cache and parsing ``dict.txt``
#: for the tags take 0.6–0.9 s a pair; copying the two tables, a few hundredths).
_pristine: tuple[dict, int, dict] | None = None
#: The tags of jieba's bundled ``dict.txt`` as ``jieba.posseg`` read them when :func:`jieba_module` imported it
#: (``None`` if jieba was imported before, or with another dictionary): the first pair takes them instead of
#: reading ``dict.txt`` a second time (0.3–0.5 s).
_default_tags: dict | None = None


def _new_pair(jieba):
    """A fresh jieba.Tokenizer + POSTokenizer on jieba's bundled dictionary (not the global ``jieba.dt``):
    what ``Tokenizer().initialize()`` and ``POSTokenizer(tk)`` give, built once per process and copied after
    (:data:`_pristine`)."""
    global _pristine
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
        tk = jieba.Tokenizer()
        if _pristine is None:
            tk.initialize()
            if _default_tags is not None and tk.dictionary == jieba.DEFAULT_DICT:
                pt = _pos_tokenizer(jieba, tk, _default_tags)
            else:
                pt = jieba.posseg.POSTokenizer(tk)
            _pristine = (dict(tk.FREQ), tk.total, dict(pt.word_tag_tab))
            return tk, pt
        freq, total, tags = _pristine
        tk.FREQ, tk.total, tk.initialized = dict(freq), total, True  # what initialize() sets
        pt = _pos_tokenizer(jieba, tk, tags)
    return tk, pt


def _pos_tokenizer(jieba, tk, tags: dict):
    """``jieba.posseg.POSTokenizer(tk)`` with the tags of jieba's bundled ``dict.txt`` already read (``tags``, copied):
    what its ``__init__`` sets, without reading the file again."""
    pt = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pt.tokenizer, pt.word_tag_tab = tk, dict(tags)
    return pt


def jieba_tokenizer():
    """A fresh, initialised ``jieba.Tokenizer`` on jieba's bundled dictionary (not the global ``jieba.dt``), to
    add words to: its tables are copied from the first one built in the process (:func:`_new_pair`), so only the
    first pays for reading the dictionary."""
    return _new_pair(jieba_module())[0]


def _build_jieba(path: Path | None, mined: Path | None = None) -> JiebaSegmenter:
    jieba = jieba_module()
    tk, pt = _new_pair(jieba)
    if path is None and mined is None:
        return JiebaSegmenter("jieba", None, "none", None, tk, pt)

    def zero(word):
        if tk.FREQ.get(word):
            tk.total -= tk.FREQ[word]
            tk.FREQ[word] = 0

    splits = replay_dictionary(path, tk.add_word, zero, lambda w: bool(tk.FREQ.get(w)), mined=mined)
    seg = JiebaSegmenter("jieba", None if path is None else str(path), _fingerprint(path, mined),
                         None if mined is None else str(mined), tk, pt)
    _check_splits(seg, splits)
    return seg


#: Bump when what :func:`jieba_dictionary_size` counts changes (invalidates its cache).
DICTIONARY_SIZE_VERSION = "jieba-dictionary-size-1"


def count_dictionary_words(path: str | Path) -> int:
    """The words of a jieba dictionary file that a ``jieba.Tokenizer`` built on it holds with a frequency
    above zero, read as jieba's ``Tokenizer.gen_pfdict`` reads the file: ``WORD FREQ [TAG]`` per line, a later
    line of the same word replacing the earlier one (the prefixes jieba adds with frequency 0 are not words)."""
    freq: dict[str, int] = {}
    with open(path, "rb") as fh:
        for line in fh:
            line = line.strip().decode("utf-8")
            if line:
                word, f = line.split(" ")[:2]
                freq[word] = int(f)
    return sum(1 for f in freq.values() if f)


def _dictionary_size_store(cache_dir=None) -> DiskCache:
    """The ``jieba-dictionary`` disk cache (or the folder ``cache_dir``)."""
    return DiskCache.named("jieba-dictionary", cache_dir, prefix="size-", ext="json", key_chars=32,
                           check=lambda v: type(v) is int)


def jieba_dictionary_size(*, cache: bool = True, cache_dir: str | Path | None = None) -> int:
    """How many words jieba's own dictionary holds (``dict.txt``; what
    ``sum(1 for f in get_segmenter(False).tokenizer.FREQ.values() if f)`` gives), counted from the file
    (:func:`count_dictionary_words`) without building a segmenter (1.2–1.4 s). Kept in the
    ``jieba-dictionary`` disk cache, keyed on jieba's version and the SHA-256 of the file's bytes."""
    path = jieba_dict_file()
    if not cache:
        return count_dictionary_words(path)
    key = digest(DICTIONARY_SIZE_VERSION, jieba_version(), hashlib.sha256(path.read_bytes()).hexdigest())
    return _dictionary_size_store(cache_dir).fetch(key, lambda: count_dictionary_words(path))


def _check_splits(seg: Segmenter, splits) -> None:
    for whole, parts in splits:
        got = seg.cut(whole)
        if got != list(parts):
            warnings.warn(f"userdict split {whole} = {' + '.join(parts)} comes out as {' + '.join(got)}",
                          stacklevel=3)


# --------------------------------------------------------------------------------------------------
# The fast backend: rjieba (jieba-rs) + posseg's tag table
# --------------------------------------------------------------------------------------------------

#: Characters of jieba's ``posseg`` word blocks (``re_han_internal``).
_POSSEG_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]+")
#: Characters that jieba-rs puts in word blocks and ``posseg`` does not: cut apart before jieba-rs.
_RJIEBA_ONLY = re.compile("([%\\-\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F])")
_ASCII_ALNUM = re.compile(r"[a-zA-Z0-9]+")
#: A dictionary entry no text can match (a private-use character is never in a word block): it carries
#: the difference between jieba's and jieba-rs's dictionary totals.
SENTINEL = "\ue000"


def _rjieba_class():
    """``rjieba.Jieba``, loaded without running ``rjieba/__init__.py`` (which builds a default segmenter
    that nothing here uses: 0.2–0.4 s and 25 MB); the plain import when that is not possible."""
    global _rjieba_cls
    if _rjieba_cls is not None:
        return _rjieba_cls
    with _lock:
        if _rjieba_cls is None:
            cls = None
            mod = sys.modules.get("rjieba.rjieba")
            if mod is None and "rjieba" not in sys.modules:
                try:
                    spec = importlib.util.find_spec("rjieba")
                    loc = Path(list(spec.submodule_search_locations)[0])
                    ext = [p for p in sorted(loc.glob("rjieba.*"))
                           if p.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]
                    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(ext[0]))
                    espec = importlib.util.spec_from_file_location("rjieba.rjieba", ext[0], loader=loader)
                    mod = importlib.util.module_from_spec(espec)
                    loader.exec_module(mod)
                    sys.modules["rjieba.rjieba"] = mod  # a later "import rjieba" reuses it
                except Exception:  # noqa: BLE001 - another layout: the ordinary import
                    mod = None
            if mod is not None:
                cls = getattr(mod, "Jieba", None)
            if cls is None:
                import rjieba

                cls = rjieba.Jieba
            _rjieba_cls = cls
    return _rjieba_cls


@lru_cache(maxsize=1)
def _base_dictionary() -> tuple[dict[str, int], dict[str, str], int, int]:
    """jieba's ``dict.txt``: ``(frequencies, tags, jieba's total, jieba-rs's total)``. jieba adds up the
    frequency of every line, jieba-rs that of every distinct word (the file lists B超 twice)."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    intern = sys.intern
    with open(jieba_dict_file(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            w = parts[0]
            freq[w] = int(parts[1])
            total += freq[w]
            if len(parts) > 2:
                tags[w] = intern(parts[2])
    return freq, tags, total, sum(freq.values())


class _Preparer:
    """Replays a dictionary into a jieba-rs segmenter with jieba's frequencies and total (see the
    module docstring); records the resolved entries so that a later process replays them as they are."""

    def __init__(self, jb):
        self.jb = jb
        self.base_freq, _tags, self.total, self.rj_total = _base_dictionary()  # rj_total: without the sentinel
        self.changed: dict[str, int] = {}
        self.user_tags: dict[str, str] = {}
        self.pad = 0
        self.ops: list[tuple[str, int, str | None]] = []
        self._sorted: list[str] | None = None
        self._sync()

    def freq(self, w: str) -> int:
        return self.changed[w] if w in self.changed else self.base_freq.get(w, 0)

    def _in_dict(self, w: str) -> bool:
        return w in self.changed or w in self.base_freq

    def _is_prefix(self, w: str) -> bool:
        """``w`` is a proper prefix of a dictionary word (jieba keeps those in ``FREQ`` with 0)."""
        if any(k.startswith(w) and k != w for k in self.changed):
            return True
        if self._sorted is None:
            self._sorted = sorted(self.base_freq)
        i = bisect_left(self._sorted, w)
        while i < len(self._sorted) and self._sorted[i].startswith(w):
            if self._sorted[i] != w:
                return True
            i += 1
        return False

    def _jieba_get(self, w: str) -> int:
        """jieba's ``FREQ.get(w, 1)``."""
        if self._in_dict(w):
            return self.freq(w)
        return 0 if self._is_prefix(w) else 1

    def suggest_freq(self, word: str) -> int:
        """jieba's ``Tokenizer.suggest_freq(word, tune=False)`` on the current dictionary."""
        ftotal = float(self.total)
        f = 1
        for seg in self.jb.cut(word, False):
            f *= self._jieba_get(seg) / ftotal
        return max(int(f * self.total) + 1, self.freq(word) if self._in_dict(word) else 1)

    def _sync(self) -> None:
        pad = self.total - self.rj_total
        if pad < 0:
            raise ZhDiscourseError("internal: jieba-rs's dictionary total exceeds jieba's")
        if pad != self.pad:
            self.jb.add_word(SENTINEL, pad, None)
            self.ops.append((SENTINEL, pad, None))
            self.pad = pad

    def add_word(self, word: str, freq, tag) -> None:
        freq = int(freq) if freq is not None else self.suggest_freq(word)
        old = self.freq(word) if self._in_dict(word) else None
        self.changed[word] = freq
        self.total += freq  # jieba does not subtract the old frequency
        self.rj_total += freq - (old or 0)  # jieba-rs does
        if tag:
            self.user_tags[word] = tag
        self.jb.add_word(word, freq, tag or None)
        self.ops.append((word, freq, tag or None))
        self._sync()

    def zero_word(self, word: str) -> None:
        old = self.freq(word)
        if old:
            self.changed[word] = 0
            self.total -= old
            self.rj_total -= old
            self.jb.add_word(word, 0, None)
            self.ops.append((word, 0, None))
            self._sync()

    def is_word(self, word: str) -> bool:
        return bool(self.freq(word))

    def unsafe(self) -> list[str]:
        """Entries jieba-rs cannot reproduce exactly (see the module docstring)."""
        bad = [w for w, f in self.changed.items() if f == 0 and w != SENTINEL and not self.freq(w[0])]
        bad += [w for w, f in self.changed.items() if f and len(w) > 1 and _ASCII_ALNUM.fullmatch(w)
                and self.freq(w[0])]
        return bad

    def tag_table(self) -> dict[str, str]:
        """posseg's ``word_tag_tab`` for the tokens that can come out of a word block: jieba's tags with
        the user dictionary's over them, ``x`` for an added word without a tag. Left out: words
        outside posseg's word blocks (never a token), words with frequency 0 (never a token) and
        single Latin letters and digits (posseg calls them ``eng``, as the lookup does for a missing word)."""
        base_tags = _base_dictionary()[1]
        table = dict(base_tags)
        table.update(self.user_tags)
        for w, f in self.changed.items():
            if f and w not in table:
                table[w] = "x"
        drop = [w for w in table if not _POSSEG_BLOCK.fullmatch(w) or (len(w) == 1 and _ASCII_ALNUM.fullmatch(w))]
        drop += [w for w, f in self.changed.items() if not f]
        for w in drop:
            table.pop(w, None)
        return table


class _TagTable(dict):
    """posseg's tag of a token: the table's, else ``eng`` for a run of Latin letters and digits, else ``x``."""

    __slots__ = ()

    def __missing__(self, w: str) -> str:
        return "eng" if _ASCII_ALNUM.fullmatch(w) else "x"


@dataclass
class RjiebaSegmenter(Segmenter):
    """The fast backend: jieba-rs tokens and posseg's tag table (see the module docstring)."""

    jb: object = None
    tags: _TagTable = field(default_factory=_TagTable)

    def _dag_words(self):
        # posseg's tag table holds every word of positive frequency that a word block can contain
        # (jieba's, and the user dictionary's, with or without a tag: _Preparer.tag_table)
        return self.tags

    def _cut(self, s: str) -> list[str]:
        if _RJIEBA_ONLY.search(s) is None:
            return self.jb.cut(s, False)
        out: list[str] = []
        for piece in _RJIEBA_ONLY.split(s):
            if piece:
                out.extend(self.jb.cut(piece, False) if len(piece) > 1 or not _RJIEBA_ONLY.match(piece) else (piece,))
        return out

    def segment_spans(self, text, spans):
        cut = self.jb.cut
        split = _RJIEBA_ONLY.search
        words: list[str] = []
        counts: list[int] = []
        extend = words.extend
        for a, b in spans:
            s = text[a:b]
            got = cut(s, False) if split(s) is None else self._cut(s)
            extend(got)
            counts.append(len(got))
        tab = self.tags
        # two passes over a small dict of this text's types instead of one over jieba's 350k-word table:
        # fewer cache misses, about twice as fast
        types = dict.fromkeys(words)
        for w in types:
            types[w] = tab[w]
        return words, [types[w] for w in words], counts

    def token_arrays(self, text, spans):
        """As :meth:`Segmenter.token_arrays`, with one call of jieba-rs for all the spans: they are joined
        with :data:`SPAN_SEPARATOR` between them, and each character that jieba-rs would put in a word
        block and posseg would not (:meth:`_cut`) is set apart by :data:`PIECE_SEPARATOR` on both sides.
        Both are characters outside every word block, which jieba-rs makes tokens of their own,
        segmenting the blocks on either side on their own; their tokens are then taken out. A text that
        contains either is segmented span by span."""
        if not spans or SPAN_SEPARATOR in text or PIECE_SEPARATOR in text:
            return super().token_arrays(text, spans)
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        joined = SPAN_SEPARATOR.join([text[a:b] for a, b in spans])
        pieces = _RJIEBA_ONLY.search(joined) is not None
        if pieces:
            joined = _RJIEBA_ONLY.sub(PIECE_SEPARATOR + r"\1" + PIECE_SEPARATOR, joined)
        arr = pa.array(self.jb.cut(joined, False), type=pa.large_string())
        gap = pc.equal(arr, SPAN_SEPARATOR)
        drop = pc.or_(gap, pc.equal(arr, PIECE_SEPARATOR)) if pieces else gap
        at = np.flatnonzero(gap.to_numpy(zero_copy_only=False))
        if len(at) != len(spans) - 1:
            raise ZhDiscourseError("internal: the span separator did not come out as one token per gap")
        kept = np.concatenate(([0], np.cumsum(~drop.to_numpy(zero_copy_only=False), dtype=np.int64)))
        counts = np.diff(np.concatenate(([0], kept[at], kept[-1:])))
        return arr.filter(pc.invert(drop)), counts, self.tags


def _prepared_store():
    return DiskCache.named("segmenter", prefix="prepared-", ext="pkl", key_chars=32,
                           check=lambda v: isinstance(v, dict) and {"ops", "tags", "unsafe"} <= set(v))


#: How the prepared dictionary is stored on disk (part of its cache key, not of :func:`segmenter_version`: the
#: segmentation is the same): ``tags-packed``, the tag table as :func:`_pack_tags` gives it.
PREPARED_FORMAT = "tags-packed"


def _prepared_key(path: Path | None, fingerprint: str) -> str:
    h = hashlib.sha256()
    for part in (PREPARED_VERSION, segmenter_version("rjieba"), str(path is not None), fingerprint, PREPARED_FORMAT):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _pack_tags(table: dict[str, str]):
    """The tag table as its words joined by newlines, one byte per word (its tag's number) and the tags, in
    the table's order: read back (:func:`_unpack_tags`) in about half the time pickle takes for the dict of
    350,000 words (it is read each time a process builds the segmenter, before ``patterns`` forks). The dict
    itself when that cannot hold it (a word with a newline, which no word block has; more than 256 tags)."""
    names = sorted(set(table.values()))
    if not table or len(names) > 256 or any("\n" in w for w in table):
        return table
    code = {t: i for i, t in enumerate(names)}
    return "\n".join(table), bytes([code[t] for t in table.values()]), tuple(names)


def _unpack_tags(packed) -> "_TagTable":
    """The :class:`_TagTable` of what :func:`_pack_tags` gave: the same words, tags and order."""
    if isinstance(packed, dict):
        return _TagTable(packed)
    words, codes, names = packed
    return _TagTable(zip(words.split("\n"), map(names.__getitem__, codes)))


def _prepare(path: Path | None, fingerprint: str, mined: Path | None = None):
    """Build a jieba-rs segmenter for the dictionary and its tag table; from the disk cache when it
    holds them (``(jieba-rs object, tag table, unsafe entries, splits)``)."""
    cls = _rjieba_class()
    store = _prepared_store()
    key = _prepared_key(path, fingerprint)
    got = store.get(key)
    if got is not None:
        jb = cls()
        for w, f, t in got["ops"]:
            jb.add_word(w, f, t)
        return jb, _unpack_tags(got["tags"]), got["unsafe"], got["splits"]
    jb = cls()
    prep = _Preparer(jb)
    splits = (replay_dictionary(path, prep.add_word, prep.zero_word, prep.is_word, mined=mined)
              if path is not None or mined is not None else [])
    table = prep.tag_table()
    unsafe = prep.unsafe()
    store.put(key, {"ops": prep.ops, "tags": _pack_tags(table), "unsafe": unsafe, "splits": splits})
    return jb, table, unsafe, splits


def _build_rjieba(path: Path | None, mined: Path | None = None) -> Segmenter:
    fingerprint = _fingerprint(path, mined)
    jb, table, unsafe, splits = _prepare(path, fingerprint, mined)
    if unsafe:
        warnings.warn(f"the dictionary {path} has entries that jieba-rs cannot reproduce exactly "
                      f"({', '.join(unsafe[:5])}): using the jieba backend", stacklevel=3)
        return get_segmenter(path if path is not None else False, backend="jieba",
                             mined=mined if mined is not None else False)
    tags = table if isinstance(table, _TagTable) else _TagTable(table)
    seg = RjiebaSegmenter("rjieba", None if path is None else str(path), fingerprint,
                          None if mined is None else str(mined), jb, tags)
    _check_splits(seg, splits)
    return seg


# --------------------------------------------------------------------------------------------------
# Building and sharing segmenters
# --------------------------------------------------------------------------------------------------


def build_segmenter(userdict: str | Path | None, backend: str | None = None,
                    mined: str | Path | None = None) -> Segmenter:
    """Build a :class:`Segmenter`; ``userdict`` is a commented user-dictionary file or ``None``,
    ``mined`` a mined-terms file or ``None``.

    The file formats are described in :mod:`zhdiscourse.tokenize.dictionary`; the entries of both
    layers are replayed by :func:`replay_dictionary`. A forced split is then checked: a warning names
    any whole that does not segment into its parts.
    """
    path = None if userdict is None else Path(userdict)
    mpath = None if mined is None else Path(mined)
    if backend_name(backend) == "jieba":
        return _build_jieba(path, mpath)
    return _build_rjieba(path, mpath)


def get_segmenter(userdict: bool | str | Path = True, backend: str | None = None,
                  mined: bool | str | Path | None = None) -> Segmenter:
    """The shared segmenter: ``True`` = the project's domain dictionary, ``False`` = jieba's only,
    or a path to another user dictionary; ``backend`` as in :func:`backend_name`; ``mined`` the
    mined-terms layer (:func:`zhdiscourse.tokenize.dictionary.resolve_mined`: off unless asked for).
    Rebuilt automatically when a dictionary file changes."""
    name = backend_name(backend)
    path = resolve_userdict(userdict)
    mpath = resolve_mined(mined, userdict)
    key = (name, str(path), str(mpath), _fingerprint(path, mpath))
    seg = _SEGMENTERS.get(key)
    if seg is None:
        with _lock:
            seg = _SEGMENTERS.get(key)
            if seg is None:
                seg = build_segmenter(path, name, mpath)
                _SEGMENTERS[key] = seg
    return seg


def release_segmenters() -> None:
    """Forget the segmenters :func:`get_segmenter` has built in this process (and jieba's dictionary
    read to build one), so that their memory can go once nothing else holds them: the rjieba segmenter
    with the domain dictionary and its tag table is about 70 MB. The next :func:`get_segmenter` builds
    again (from the prepared dictionary in the disk cache when it is there), with the same segmentation.
    A segmenter already handed out keeps working."""
    with _lock:
        _SEGMENTERS.clear()
        _base_dictionary.cache_clear()


def posseg(text: str, *, userdict: bool | str | Path = True, mined: bool | str | Path | None = None,
           offset: int = 0) -> list[tuple[str, str, int, int]]:
    """Segment ``text`` as ``jieba.posseg`` (HMM off) does: ``[(token, pos, start, end), …]``.

    ``text[start - offset:end - offset] == token`` for every token and the tokens tile ``text``.
    ``userdict=False`` segments with jieba's bundled dictionary only (for before/after comparisons);
    ``mined=True`` adds the mined-terms layer.
    """
    return get_segmenter(userdict, mined=mined).posseg(text, offset)


def cut(text: str, *, userdict: bool | str | Path = True, mined: bool | str | Path | None = None) -> list[str]:
    """Tokens of ``text`` (same segmentation as :func:`posseg`)."""
    return get_segmenter(userdict, mined=mined).cut(text)


def token_arrays(text: str, spans: list[tuple[int, int]], *, userdict: bool | str | Path = True,
                 mined: bool | str | Path | None = None):
    """:meth:`Segmenter.token_arrays` of the shared segmenter: the tokens of each ``text[start:end]``
    (segmented separately) as the token table builds on them."""
    return get_segmenter(userdict, mined=mined).token_arrays(text, list(spans))


def segment_spans(text: str, spans: Iterable[tuple[int, int]], *, userdict: bool | str | Path = True,
                  mined: bool | str | Path | None = None) -> tuple[list[str], list[str], list[int]]:
    """Segment each ``text[start:end]`` separately; return tokens, tags and the token count per span.

    This is the inner loop of the token table: a module-level function of plain data, so it can be
    sent to worker processes.
    """
    return get_segmenter(userdict, mined=mined).segment_spans(text, spans)


# --------------------------------------------------------------------------------------------------
# jieba's own dictionary on a short fragment, without a second segmenter
# --------------------------------------------------------------------------------------------------

#: The longest fragment :func:`plain_short_posseg` segments.
SHORT_MAX = 3


def _short_key(w: str) -> int:
    k = 0
    for i, ch in enumerate(w):
        k |= ord(ch) << (21 * i)
    return k


def _short_table():
    """jieba's words of at most :data:`SHORT_MAX` characters as sorted integer keys (21 bits per
    character) with their frequency and tag code, and jieba's dictionary total; from the disk cache."""
    import numpy as np

    store = DiskCache.named("segmenter", prefix="short-", ext="pkl", key_chars=32,
                            check=lambda v: isinstance(v, dict) and {"keys", "freq", "tag", "tags", "total"} <= set(v))
    key = hashlib.sha256(f"{PREPARED_VERSION}\0{jieba_version()}\0{SHORT_MAX}".encode()).hexdigest()
    got = store.get(key)
    if got is None:
        freq, tags, total, _rj = _base_dictionary()
        words = [w for w in freq if len(w) <= SHORT_MAX]
        names = sorted(set(tags.values()) | {"x"})
        code = {t: i for i, t in enumerate(names)}
        keys = np.fromiter((_short_key(w) for w in words), dtype=np.uint64, count=len(words))
        order = np.argsort(keys, kind="stable")
        got = {"keys": keys[order],
               "freq": np.fromiter((freq[w] for w in words), dtype=np.int64, count=len(words))[order],
               "tag": np.fromiter((code[tags.get(w, "x")] for w in words), dtype=np.uint8, count=len(words))[order],
               "tags": names, "total": total}
        store.put(key, got)
    return got


_SHORT: dict = {}


def _short_lookup(w: str) -> tuple[int, str | None]:
    """``(frequency, tag)`` of ``w`` in jieba's dictionary (``(0, None)`` when it is not a word)."""
    t = _SHORT.get("table")
    if t is None:
        with _lock:
            t = _SHORT.setdefault("table", _short_table())
    k = _short_key(w)
    keys = t["keys"]
    i = int(keys.searchsorted(keys.dtype.type(k)))  # same dtype: a plain int would convert the array
    if i < len(keys) and int(keys[i]) == k:
        return int(t["freq"][i]), t["tags"][int(t["tag"][i])]
    return 0, None


@lru_cache(maxsize=8192)
def plain_short_posseg(fragment: str) -> tuple[tuple[str, str], ...]:
    """``(token, tag)`` pairs of ``jieba.posseg`` (HMM off) with jieba's own dictionary only, for a
    fragment of at most :data:`SHORT_MAX` characters: jieba's DAG and route computed here on a compact
    table of its short words, so that no second segmenter is built (the rule of
    :func:`zhdiscourse.patterns.modality.classify_yao` asks this of a clause's last characters)."""
    if len(fragment) > SHORT_MAX:
        raise ValueError(f"plain_short_posseg takes at most {SHORT_MAX} characters, not {len(fragment)}")
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _POSSEG_BLOCK.finditer(fragment):
        out += [(ch, "x") for ch in fragment[pos:m.start()]]  # outside posseg's word blocks: one character, x
        pos = m.end()
        s = m.group()
        n = len(s)
        logtotal = math.log(_short_table_total())
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        for idx in range(n - 1, -1, -1):
            cands = [j for j in range(idx, n) if _short_lookup(s[idx:j + 1])[0] > 0] or [idx]
            route[idx] = max((math.log(_short_lookup(s[idx:x + 1])[0] or 1) - logtotal + route[x + 1][0], x)
                             for x in cands)
        x, buf = 0, ""
        while x < n:
            y = route[x][1] + 1
            w = s[x:y]
            if len(w) == 1 and _ASCII_ALNUM.fullmatch(w):
                buf += w
            else:
                if buf:
                    out.append((buf, "eng"))
                    buf = ""
                out.append((w, _short_lookup(w)[1] or "x"))
            x = y
        if buf:
            out.append((buf, "eng"))
    out += [(ch, "x") for ch in fragment[pos:]]
    return tuple(out)


def load_short_table() -> None:
    """Load the table of jieba's short words that :func:`plain_short_posseg` reads (built from jieba's
    dictionary and kept in the segmenter's disk cache the first time, like the prepared dictionary) now
    rather than at the first call: before a worker process is forked, so that both share one copy."""
    _short_table_total()


def _short_table_total() -> int:
    t = _SHORT.get("table")
    if t is None:
        _short_lookup("")
        t = _SHORT["table"]
    return int(t["total"])


def analysis_fingerprint() -> str:
    """What a cached analysis of a text can depend on besides the text: every source and data file of the
    package (:func:`~zhdiscourse.util.cache.package_fingerprint`), the segmenter and its HMM setting, the
    dictionaries in effect and the files of a lexicon override folder."""
    h = hashlib.sha256(package_fingerprint().encode())
    for part in (segmenter_version(), f"HMM={HMM}", dictionary_fingerprint(True, None)):
        h.update(part.encode("utf-8") + b"\0")
    override = os.environ.get(LEXICON_ENV)
    if override and Path(override).is_dir():
        for f in sorted(Path(override).rglob("*")):
            if f.is_file():
                h.update(f.name.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()
