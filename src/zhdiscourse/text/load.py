"""Load a Chinese text from disk, whatever encoding it arrives in.

Detection order (no flag needed):

1. a byte-order mark: UTF-8 (EF BB BF), UTF-16 LE/BE (FF FE / FE FF); the BOM is removed;
2. UTF-16 without a BOM, recognised by NUL bytes in alternate positions of mostly-ASCII/CJK text;
3. strict UTF-8;
4. strict GB18030 (a superset of GBK and GB2312).

Line endings are normalised: CRLF and lone CR become LF, so that offsets and structure are the same
for a file saved on Windows.  All offsets elsewhere in the project point into the string this module
returns ("the decoded text").  Raw files are only ever read.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import TextLoadError

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Control characters other than tab, LF, CR, form feed: their presence means "binary".
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class LoadedText:
    """A decoded text and how it was decoded."""

    text: str
    encoding: str
    path: str | None = None
    had_bom: bool = False
    had_crlf: bool = False


def _looks_like_noise(text: str) -> bool:
    """True when decoded "text" is mostly noise: random bytes behind a BOM, say, decode as UTF-16 into
    a scatter of unassigned and private-use code points, which real text (in any script) never has."""
    sample = text[:20000]
    odd = sum(1 for c in sample if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    return odd > max(2, 0.01 * len(sample))


def _decode_utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # Mostly-CJK UTF-16 has few NULs; mostly-ASCII has NULs in one lane. Only try when one lane has
    # a clear majority of the NULs and the other lane has none.
    if odd_nuls > half * 0.2 and even_nuls == 0:
        enc = "utf-16-le"
    elif even_nuls > half * 0.2 and odd_nuls == 0:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, *, source: str = "input") -> LoadedText:
    """Decode raw bytes into normalised text; raise :class:`TextLoadError` when that is impossible."""
    if not data.strip():
        raise TextLoadError(f"{source}: the file is empty")
    text: str | None = None
    encoding = ""
    had_bom = False
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, had_bom = "utf-8-sig", True
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise TextLoadError(f"{source}: starts with a UTF-8 byte-order mark but is not valid UTF-8") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, had_bom = ("utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"), True
        try:
            text = data[2:].decode(encoding)
        except UnicodeDecodeError:
            raise TextLoadError(f"{source}: starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        text = _decode_utf16_without_bom(data)
        if text is not None:
            encoding = "utf-16"
        else:
            for enc in ("utf-8", "gb18030"):
                try:
                    text = data.decode(enc)
                    encoding = enc
                    break
                except UnicodeDecodeError:
                    continue
    if text is None:
        raise TextLoadError(f"{source}: cannot decode the file as UTF-8, UTF-16 or GB18030/GBK")
    if _CONTROL.search(text) or _looks_like_noise(text):
        raise TextLoadError(f"{source}: looks like a binary file, not text")
    had_crlf = "\r" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TextLoadError(f"{source}: the file contains only whitespace")
    if not _CJK.search(text):
        raise TextLoadError(f"{source}: the file contains no Chinese text")
    return LoadedText(text=text, encoding=encoding, had_bom=had_bom, had_crlf=had_crlf)


def read_text(path: str | os.PathLike) -> LoadedText:
    """Read and decode a file; every failure is a :class:`TextLoadError` with a one-line message."""
    p = Path(path)
    if not p.exists():
        raise TextLoadError(f"{p}: no such file")
    if p.is_dir():
        raise TextLoadError(f"{p}: is a directory, not a text file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TextLoadError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    loaded = decode_bytes(data, source=str(p))
    return LoadedText(loaded.text, loaded.encoding, str(p), loaded.had_bom, loaded.had_crlf)


def load_text(path: str | os.PathLike) -> str:
    """Return the decoded text of ``path`` (BOM removed, line endings normalised to LF)."""
    return read_text(path).text
