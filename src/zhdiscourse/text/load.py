"""Load a Chinese text from disk, whatever encoding it arrives in.

Detection order (no flag needed):

1. a byte-order mark: UTF-8 (EF BB BF), UTF-16 LE/BE (FF FE / FE FF); the BOM is removed;
2. UTF-16 without a BOM, recognised by NUL bytes in alternate positions of mostly-ASCII text;
3. strict UTF-8;
4. UTF-16 without a BOM and without NULs (mostly-CJK text): when the bytes are not UTF-8, an even
   number of them that decodes (LE or BE) into a text of which at least half is Han characters and
   CJK punctuation — more than GB18030 makes of the same bytes — is UTF-16 (GBK bytes read as UTF-16
   give Hangul and unassigned code points, UTF-16 bytes read as GBK give ASCII letters);
5. strict GB18030 (a superset of GBK and GB2312).

After decoding, a text is refused (one-line :class:`~zhdiscourse.errors.TextLoadError`) when it is
binary (control characters, or scattered unassigned code points), contains no Chinese, or is Japanese:
at least 10 kana (hiragana or katakana) that make up at least 2 % of its Han characters and kana
(a Chinese text quotes the odd kana; Japanese has them in every sentence). Only regular files are
read: a named pipe, a device or a socket is refused before it is opened, so nothing hangs.

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


_CJK_TEXT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
KANA_MIN = 10
KANA_SHARE = 0.02


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    return len(_CJK_TEXT.findall(sample)) / max(1, len(sample))


def _decode_utf16_cjk(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM and without NULs (see the module docstring, step 4)."""
    if len(data) < 4 or len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _cjk_share(text)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, text, enc)
    if best is None:
        return None
    try:
        gb_share = _cjk_share(data.decode("gb18030"))
    except UnicodeDecodeError:
        gb_share = 0.0
    return (best[1], best[2]) if best[0] > gb_share else None


def _japanese(text: str) -> int:
    """How many kana the text has when it reads as Japanese (see the module docstring), else 0."""
    kana = len(_KANA.findall(text))
    if kana < KANA_MIN:  # the common case: the text is not counted again for its Han characters
        return 0
    han = len(_CJK.findall(text))
    return kana if kana >= KANA_SHARE * (kana + han) else 0


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
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                found = _decode_utf16_cjk(data)
                if found is not None:
                    text, encoding = found[0], "utf-16"
                else:
                    try:
                        text, encoding = data.decode("gb18030"), "gb18030"
                    except UnicodeDecodeError:
                        text = None
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
    kana = _japanese(text)
    if kana:
        raise TextLoadError(f"{source}: the text looks Japanese ({kana} kana characters); zhdiscourse analyses "
                            "Chinese texts")
    return LoadedText(text=text, encoding=encoding, had_bom=had_bom, had_crlf=had_crlf)


def read_text(path: str | os.PathLike) -> LoadedText:
    """Read and decode a file; every failure is a :class:`TextLoadError` with a one-line message."""
    p = Path(path)
    if not p.exists():
        raise TextLoadError(f"{p}: no such file")
    if p.is_dir():
        raise TextLoadError(f"{p}: is a directory, not a text file")
    if not p.is_file():
        raise TextLoadError(f"{p}: is not a regular file (a named pipe, device or socket); save the text to a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TextLoadError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    loaded = decode_bytes(data, source=str(p))
    return LoadedText(loaded.text, loaded.encoding, str(p), loaded.had_bom, loaded.had_crlf)


def load_text(path: str | os.PathLike) -> str:
    """Return the decoded text of ``path`` (BOM removed, line endings normalised to LF)."""
    return read_text(path).text
