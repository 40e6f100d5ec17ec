"""Word segmentation with jieba 0.42.1: one initialisation, one ``posseg`` pass, offsets into the text.

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
  both the token and its part-of-speech tag are taken from the same ``posseg`` pass. Offsets are
  computed by walking the string: ``posseg`` yields every character of its input (whitespace and
  punctuation included), so the tokens are contiguous and ``start`` is the running sum of lengths.
* **Dictionary layers.** On top of jieba's own dictionary come the hand-written user dictionary and,
  under it, the terms mined from the reference corpora (``mined_terms.tsv``); hand entries and forced
  splits win. :func:`zhdiscourse.tokenize.dictionary.dictionary_entries` lists every entry of every
  layer in the order they are applied, and :func:`build_segmenter` only replays that list, so another
  backend can replay the same list. ``userdict=False`` is jieba's dictionary alone; ``mined=False``
  switches the mined layer off (see :mod:`zhdiscourse.tokenize.dictionary`).
* **Separate tokenizers.** jieba's module-level functions share one global dictionary. This module
  builds its own ``jieba.Tokenizer`` + ``jieba.posseg.POSTokenizer`` pairs, one per choice of layers
  (for example the domain dictionaries, and jieba's dictionary only for the before/after report of
  :func:`zhdiscourse.tokenize.diagnostics.dictionary_changes`). None touches ``jieba.dt``.
* **Quiet start.** jieba's start-up log is silenced, and the ``pkg_resources`` deprecation warning
  that jieba 0.42.1 triggers on setuptools 80–81 is suppressed; on setuptools ≥ 82 (no
  ``pkg_resources``) jieba falls back to reading its files directly, which works too. Import jieba
  only through :func:`jieba_module` so that this holds everywhere.

Everything here is a module-level function of plain data, so it can be called in worker processes.
"""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from .dictionary import dictionary_entries, dictionary_fingerprint, read_userdict, resolve_mined, resolve_userdict

#: jieba's HMM new-word discovery: off (see the module docstring for why).
HMM = False

_lock = threading.RLock()
_jieba = None
_SEGMENTERS: dict = {}


def jieba_module():
    """Import jieba once, silently (no start-up log, no ``pkg_resources`` warning), and return it."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
                warnings.filterwarnings("ignore", category=DeprecationWarning)
                import jieba
                import jieba.posseg  # noqa: F401  (imports jieba._compat, i.e. pkg_resources)
            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            _jieba = jieba
    return _jieba


def jieba_version() -> str:
    return getattr(jieba_module(), "__version__", "unknown")


@dataclass
class Segmenter:
    """A private jieba tokenizer (with the dictionary layers chosen) and its POS tokenizer."""

    tokenizer: object
    pos_tokenizer: object
    userdict: str | None  # the user dictionary file loaded, if any
    fingerprint: str  # hash of the dictionary layers applied (part of the token cache key)
    mined: str | None = None  # the mined-terms file loaded, if any

    def cut_tagged(self, text: str) -> tuple[list[str], list[str]]:
        """Tokens and POS tags of ``text`` from one ``posseg`` pass (``"".join(tokens) == text``)."""
        words: list[str] = []
        tags: list[str] = []
        wa, ta = words.append, tags.append
        for p in self.pos_tokenizer.cut(text, HMM=HMM):
            wa(p.word)
            ta(p.flag)
        return words, tags

    def cut(self, text: str) -> list[str]:
        """Tokens only (from the same ``posseg`` segmentation as :meth:`cut_tagged`)."""
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


def _new_pair(jieba):
    """A fresh jieba.Tokenizer + POSTokenizer on jieba's bundled dictionary (not the global ``jieba.dt``)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*pkg_resources.*")
        tk = jieba.Tokenizer()
        tk.initialize()
        pt = jieba.posseg.POSTokenizer(tk)
    return tk, pt


def build_segmenter(userdict: str | Path | None, mined: str | Path | None = None) -> Segmenter:
    """Build a :class:`Segmenter` on jieba's dictionary plus the layers of ``userdict`` (a commented
    user-dictionary file or ``None``) and ``mined`` (a mined-terms file or ``None``).

    The entries come from :func:`zhdiscourse.tokenize.dictionary.dictionary_entries`, replayed in order:
    ``Tokenizer.add_word(word, freq, tag)`` (jieba's own loader cannot read ``#`` comments), and for
    ``freq == 0`` (a forced split's whole) the word's frequency is set to zero and taken off the total.
    Then every forced split ``WHOLE = PART + PART`` is checked to segment into its parts (a warning
    names any that do not).
    """
    jieba = jieba_module()
    tk, pt = _new_pair(jieba)
    if userdict is None and mined is None:
        return Segmenter(tk, pt, None, "none")
    ud = userdict if userdict is not None else False
    md = mined if mined is not None else False
    for e in dictionary_entries(ud, md, base=tk.FREQ):
        if e.freq == 0:
            if tk.FREQ.get(e.word):
                tk.total -= tk.FREQ[e.word]
                tk.FREQ[e.word] = 0
        else:
            tk.add_word(e.word, e.freq, e.tag)
    seg = Segmenter(tk, pt, None if userdict is None else str(userdict), dictionary_fingerprint(ud, md),
                    None if mined is None else str(mined))
    for whole, parts in (read_userdict(userdict)[1] if userdict is not None else []):
        got = seg.cut(whole)
        if got != list(parts):
            warnings.warn(f"userdict split {whole} = {' + '.join(parts)} comes out as {' + '.join(got)}",
                          stacklevel=2)
    return seg


def get_segmenter(userdict: bool | str | Path = True, mined: bool | str | Path | None = None) -> Segmenter:
    """The shared segmenter: ``userdict=True`` = the project's user dictionary, ``False`` = none, or a
    path to another user dictionary; ``mined`` = the mined-terms layer (``None``: on when a user
    dictionary is, see :func:`zhdiscourse.tokenize.dictionary.resolve_mined`). Rebuilt automatically
    when a dictionary file changes."""
    path = resolve_userdict(userdict)
    mpath = resolve_mined(mined, userdict)
    key = (str(path), str(mpath), dictionary_fingerprint(path if path is not None else False,
                                                         mpath if mpath is not None else False))
    seg = _SEGMENTERS.get(key)
    if seg is None:
        with _lock:
            seg = _SEGMENTERS.get(key)
            if seg is None:
                seg = build_segmenter(path, mpath)
                _SEGMENTERS[key] = seg
    return seg


def posseg(text: str, *, userdict: bool | str | Path = True, mined: bool | str | Path | None = None,
           offset: int = 0) -> list[tuple[str, str, int, int]]:
    """Segment ``text`` in one ``jieba.posseg`` pass: ``[(token, pos, start, end), …]``.

    ``text[start - offset:end - offset] == token`` for every token and the tokens tile ``text``.
    ``userdict=False`` segments with jieba's bundled dictionary only (for before/after comparisons);
    ``mined=False`` leaves the mined terms out.
    """
    return get_segmenter(userdict, mined).posseg(text, offset)


def cut(text: str, *, userdict: bool | str | Path = True, mined: bool | str | Path | None = None) -> list[str]:
    """Tokens of ``text`` (same segmentation as :func:`posseg`)."""
    return get_segmenter(userdict, mined).cut(text)


def segment_spans(text: str, spans: Iterable[tuple[int, int]], *, userdict: bool | str | Path = True,
                  mined: bool | str | Path | None = None) -> tuple[list[str], list[str], list[int]]:
    """Segment each ``text[start:end]`` separately; return tokens, tags and the token count per span.

    This is the inner loop of the token table: a module-level function of plain data, so it can be
    sent to worker processes.
    """
    seg = get_segmenter(userdict, mined)
    pt_cut = seg.pos_tokenizer.cut
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
