"""One on-disk cache for everything the project computes once and reads back: token tables, corpus token
tables per document, rhetorical profiles per document, the parsed reference corpora, and the results that do
not depend on the text a notebook studies (the PSE essays, jieba's dictionary size, held-out coverage …).
Each has its own folder under :func:`cache_root` (``DiskCache.named``).

A :class:`DiskCache` is a folder of files named ``<prefix><key>.<ext>``, where the key is a hash that
the caller computes over *everything the result depends on* (the text, the structure, the lexicon
files, the code version …), so a stale entry is never read: any change gives a new name.

* **Atomic writes.** A value is written to a temporary file in the same folder and renamed into place,
  so a reader (another process, a crash half-way) never sees half a file.
* **Damage is a miss.** A file that cannot be read or does not hold what ``check`` expects is treated
  as missing and rewritten.
* **Size bound.** After each write, when the folder holds more than ``max_bytes``, the least recently
  used files (oldest modification time; a hit touches its file) are deleted until it fits again. The
  default bound is :data:`DEFAULT_MAX_BYTES` per cache, changed with ``$ZHDISCOURSE_CACHE_MAX_MB``.
* **Where.** :func:`cache_root`: ``$ZHDISCOURSE_CACHE_DIR``, else ``data/processed/cache`` of the
  project checkout when there is one and it is writable, else the user cache folder
  (``$XDG_CACHE_HOME/zhdiscourse``, ``~/.cache/zhdiscourse``; ``%LOCALAPPDATA%`` on Windows); when
  nothing is writable nothing is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..paths import find_project_root

#: Environment variable naming the cache folder.
CACHE_ENV = "ZHDISCOURSE_CACHE_DIR"
#: Environment variable with the size bound of each cache, in megabytes.
MAX_ENV = "ZHDISCOURSE_CACHE_MAX_MB"
#: Default size bound of one cache folder.
DEFAULT_MAX_BYTES = 1 << 30


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, prefix=".probe-", delete=True):
            pass
        return True
    except OSError:
        return False


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/zhdiscourse`` (or ``~/.cache/zhdiscourse``; ``%LOCALAPPDATA%`` on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".cache") / "zhdiscourse"


def cache_root() -> Path | None:
    """The folder under which every cache lives (see the module docstring), or ``None``."""
    env = os.environ.get(CACHE_ENV)
    candidates = [Path(env)] if env else []
    root = find_project_root()
    if root is not None:
        candidates.append(root / "data" / "processed" / "cache")
    candidates.append(user_cache_dir())
    for c in candidates:
        if _writable(c):
            return c
    return None


def max_bytes_default() -> int:
    v = os.environ.get(MAX_ENV)
    try:
        return int(float(v) * (1 << 20)) if v else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def _pickle_dump(obj: Any, fh) -> None:
    pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _json_dump(obj: Any, fh) -> None:
    fh.write(json.dumps(obj, ensure_ascii=False).encode("utf-8"))


#: ``ext → (dump, load)`` of the two formats a cache can hold.
FORMATS: dict[str, tuple[Callable, Callable]] = {
    "pkl": (_pickle_dump, pickle.load),
    "json": (_json_dump, lambda fh: json.loads(fh.read().decode("utf-8"))),
}


@dataclass
class DiskCache:
    """A folder of cached values (see the module docstring).

    ``folder`` is where the files go (``None``: a cache that stores nothing); ``prefix`` and ``ext``
    (``"pkl"`` or ``"json"``) name the files; ``check(value)`` tells whether a value read back is
    usable (a damaged or foreign file is a miss).
    """

    folder: Path | None
    prefix: str
    ext: str = "pkl"
    check: Callable[[Any], bool] | None = None
    max_bytes: int | None = None
    key_chars: int = 40

    @classmethod
    def named(cls, name: str, cache_dir: str | os.PathLike | None = None, **kw) -> "DiskCache":
        """The cache ``name`` under :func:`cache_root` (or directly in ``cache_dir`` when given)."""
        if cache_dir is not None:
            folder = Path(cache_dir)
        else:
            root = cache_root()
            folder = None if root is None else root / name
        return cls(folder, **kw)

    def path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{self.prefix}{key[:self.key_chars]}.{self.ext}"

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or ``None`` (missing, unreadable or rejected by ``check``)."""
        p = self.path(key)
        if p is None or not p.is_file():
            return None
        try:
            with open(p, "rb") as fh:
                value = FORMATS[self.ext][1](fh)
        except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss
            return None
        if self.check is not None and not self.check(value):
            return None
        try:
            os.utime(p)  # recently used: kept longest by the size bound
        except OSError:
            pass
        return value

    def fetch(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value stored under ``key``; else ``compute()``, stored under ``key`` and returned."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def put(self, key: str, value: Any) -> Path | None:
        """Store ``value`` under ``key`` (atomically); then keep the folder within its size bound."""
        p = self.path(key)
        if p is None:
            return None
        tmp = None
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{self.prefix}", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                FORMATS[self.ext][0](value, fh)
            os.replace(tmp, p)
            tmp = None
        except OSError:
            return None
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        self.prune()
        return p

    def files(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"{self.prefix}*.{self.ext}"))

    def prune(self, max_bytes: int | None = None) -> list[Path]:
        """Delete the least recently used files until the folder holds at most ``max_bytes``."""
        limit = max_bytes if max_bytes is not None else (self.max_bytes or max_bytes_default())
        entries = []
        for f in self.files():
            try:
                st = f.stat()
            except OSError:
                continue
            entries.append((st.st_mtime_ns, st.st_size, f))
        total = sum(size for _t, size, _f in entries)
        removed = []
        for _t, size, f in sorted(entries):
            if total <= limit:
                break
            try:
                f.unlink()
                total -= size
                removed.append(f)
            except OSError:
                pass
        return removed


_PACKAGE = Path(__file__).resolve().parents[1]
_SOURCE_SUFFIXES = (".py", ".txt", ".tsv", ".csv", ".json")


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """A hash of every source and data file of the installed package (code, lexicons, models): part of the
    key of a cached result that any of the library's code can change."""
    h = hashlib.sha256()
    for f in sorted(_PACKAGE.rglob("*")):
        if f.suffix in _SOURCE_SUFFIXES and f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(_PACKAGE)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    """A cache key: the SHA-256 (hex) of ``parts``, each ended by a NUL byte (text as UTF-8, lone surrogates
    kept), so that no two different lists of parts give the same bytes unless a part holds a NUL."""
    h = hashlib.sha256()
    for part in parts:
        h.update((part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")) + b"\0")
    return h.hexdigest()
