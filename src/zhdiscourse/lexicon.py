"""The teacher-editable lexicon: the domain user dictionary, the stopword lists, and a before/after
report of what the user dictionary changes in a text.

Files (in ``data/lexicon/`` of the project, or the folder named by ``ZHDISCOURSE_LEXICON_DIR``)

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
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import ZhDiscourseError

LEXICON_ENV = "ZHDISCOURSE_LEXICON_DIR"
USERDICT_NAME = "userdict.txt"
STOPWORDS_DOMAIN_NAME = "stopwords_domain.txt"
KEY_UNITS_NAME = "key_units.txt"

_warned_missing = False


def project_root() -> Path | None:
    """The project root as :func:`zhdiscourse.paths.project_root` finds it (``$ZHD_ROOT``, else the
    checkout this package lives in, else one above the current directory), or ``None`` when there
    is none (the package installed elsewhere and run outside a checkout)."""
    from .paths import project_root as _root

    try:
        return _root()
    except ZhDiscourseError:
        return None


def lexicon_dir() -> Path | None:
    """Where the lexicon files are: ``$ZHDISCOURSE_LEXICON_DIR``, else ``<project root>/data/lexicon``,
    else ``./data/lexicon``; ``None`` if none exists (segmentation then warns once and runs on
    jieba's dictionary alone)."""
    env = os.environ.get(LEXICON_ENV)
    if env:
        p = Path(env)
        if not p.is_absolute() and not p.is_dir() and project_root() is not None:
            # a relative path given at the project root still works where cwd differs (notebook kernels)
            p = project_root() / p
        if not p.is_dir():
            raise ZhDiscourseError(f"{LEXICON_ENV}={env} is not a directory")
        return p
    root = project_root()
    candidates = ([root / "data" / "lexicon"] if root else []) + [Path.cwd() / "data" / "lexicon"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


def lexicon_file(name: str) -> Path:
    """Path of a lexicon file (``frames.txt``, ``userdict.txt`` …) in :func:`lexicon_dir`, falling back to
    the project's own ``data/lexicon/`` when the chosen folder does not have that file."""
    d = lexicon_dir()
    if d is not None and (d / name).is_file():
        return d / name
    from .paths import data_path

    return data_path("lexicon", name)


def _lexicon_file(name: str) -> Path | None:
    global _warned_missing
    d = lexicon_dir()
    if d is not None and (d / name).is_file():
        return d / name
    if not _warned_missing:
        _warned_missing = True
        warnings.warn(f"zhdiscourse: lexicon file {name} not found (set {LEXICON_ENV}); "
                      "segmenting without the domain dictionary", stacklevel=3)
    return None


def default_userdict_path() -> Path | None:
    return _lexicon_file(USERDICT_NAME)


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


def default_stopwords_path() -> Path | None:
    return _lexicon_file(STOPWORDS_DOMAIN_NAME)


# --------------------------------------------------------------------------------------------------
# Reading the files
# --------------------------------------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    line = line.strip().lstrip("\ufeff")
    if line.startswith("#"):
        return ""
    return re.split(r"\s+#", line, maxsplit=1)[0].strip()


def read_list(path: str | Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 word list (``#`` comments), in file order."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ZhDiscourseError(f"cannot read word list {path}: {exc}") from None
    return [w for w in (_strip_comment(x) for x in raw.splitlines()) if w]


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
    for no, line in enumerate(read_list_lines(path), 1):
        text = _strip_comment(line)
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


def read_list_lines(path: str | Path) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ZhDiscourseError(f"cannot read {path}: {exc}") from None


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
    if path is None:
        return []
    return [e.word for e in read_userdict(path)[0]]


def key_units(path: str | Path | None = None) -> list[str]:
    """The documented key lexical units (``data/lexicon/key_units.txt``)."""
    path = _lexicon_file(KEY_UNITS_NAME) if path is None else path
    return read_list(path) if path is not None else []


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


# --------------------------------------------------------------------------------------------------
# What the user dictionary changes
# --------------------------------------------------------------------------------------------------


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
    count. ``speech`` is a :class:`~zhdiscourse.structure.Speech` or a text.
    """
    from .segment import get_segmenter
    from .structure import Speech, parse

    if isinstance(speech, str):
        speech = parse(speech)
    if not isinstance(speech, Speech):
        raise ZhDiscourseError("dictionary_changes() takes a Speech or a text")
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
