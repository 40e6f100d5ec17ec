"""Reading the lexicon of the token stage: the domain user dictionary and the stopword lists (what the
user dictionary changes in a text is reported by :func:`zhdiscourse.tokenize.diagnostics.dictionary_changes`).

Files (bundled in :mod:`zhdiscourse.lexicon`; a folder named by ``ZHDISCOURSE_LEXICON_DIR`` overrides them)

``userdict.txt``
    One entry per line, ``WORD [FREQ] [TAG]`` as in jieba (FREQ omitted = just high enough for the
    word to come out whole; TAG a jieba/ICTCLAS tag such as ``n``, ``nz``, ``nt``, ``ns``, ``l``,
    ``i``, ``vn``). ``#`` starts a comment (a whole line, or the rest of a line after whitespace).
    A *forced split* ``WHOLE = PART + PART [+ …]`` keeps a compositional phrase apart: each part is
    made a word and the whole is not one (城市保卫战 = 城市 + 保卫战).
``stopwords_domain.txt``
    Extra stopwords for the domain (one per line, ``#`` comments), added to the ``stopwordsiso``
    Chinese list (MIT). Stopwords only mark tokens (``is_stop``); they are removed from content-word
    statistics on request and never from the token table, so rhetorical analyses still see 要, 必须,
    我们.
``key_units.txt``
    The documented lexical units that must come out as single tokens (tested).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ZhDiscourseError
from ..lexicon import KEY_UNITS, STOPWORDS_DOMAIN, USERDICT, lexicon_file, read_lines, read_list, strip_comment


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
