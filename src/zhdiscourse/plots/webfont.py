"""The project font for HTML pages: a subset of Noto Sans SC embedded in the page itself.

A report or a static notebook page must show Chinese on a machine with no Chinese font installed
and without asking the network for one. :func:`font_face_css` cuts the bundled Noto Sans SC (the
font every figure uses, :func:`zhdiscourse.plots.base.font_path`) down to the characters a page
uses, with fontTools, and returns a CSS ``@font-face`` rule that carries it as a base64 WOFF
``data:`` URI. :data:`FAMILY` is the family name to use in ``font-family``.

Sizes: the speech's report uses about 1,200 distinct characters, and its subset is about 270 KB
(360 KB in base64), against 8.3 MB for the whole font. The subset is deterministic (no timestamp
is written: ``recalcTimestamp=False``), so the same page gives the same bytes. Its bounding boxes are
not recomputed (``recalcBBoxes=False``): the whole font's boxes still bound every glyph of the subset,
and recomputing them cost two thirds of the time of a cut.

For many pages (the static site), :func:`subset_font` first cuts the font to the characters of
all pages once; each page's subset is then cut from that smaller font (``source=``), which is much
faster than parsing the 8 MB font again for every page.

With ``cache=True`` both keep their result in the ``webfont`` disk cache
(:class:`zhdiscourse.util.cache.DiskCache`), keyed on everything it depends on: the characters, the font
cut from (the bundled file's name and size, or a hash of ``source``), the family name, this module's
source and fontTools' version. A cut takes about 1.5 s; the same characters give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import sys
from functools import lru_cache

from ..util.cache import DiskCache
from .base import font_path

#: The family name of the embedded font in the pages' CSS.
FAMILY = "ZhDiscourse Noto Sans SC"
#: Always in the subset: printable ASCII and the common CJK and typographic punctuation.
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》【】—…·－×≥≤²□○●→←"


def _chars(text: str) -> str:
    return "".join(sorted((set(text) | set(_ALWAYS)) - set("\n\r\t")))


@lru_cache(maxsize=32)
def _subset(chars: str, source: bytes | None, flavor: str | None) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # recalcBBoxes=False: the font's bounding boxes (head, CFF FontBBox) stay the whole font's, which still
    # bound every glyph kept; recomputing them drew every kept glyph in Python, two thirds of the time.
    # closed on leaving: the font file stays open for lazy reading until then (a ResourceWarning when the
    # object was collected instead)
    with TTFont(io.BytesIO(source) if source is not None else str(font_path()), recalcTimestamp=False,
                recalcBBoxes=False, lazy=True) as font:
        opts = subset.Options()
        opts.flavor = flavor
        opts.layout_features = ["*"]  # keep vertical/positional forms of the punctuation
        opts.name_IDs = ["*"]  # the OFL licence and the copyright travel with the font
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        sub.populate(text=chars)
        sub.subset(font)
        font.flavor = flavor
        buf = io.BytesIO()
        font.save(buf)
    return buf.getvalue()


def _key(kind: str, chars: str, source: bytes | None, *extra: str) -> str | None:
    """The disk-cache key of a cut (module docstring), or ``None`` when this module's source cannot be
    read (a frozen install: cut every time)."""
    import fontTools

    try:
        code = inspect.getsource(sys.modules[__name__])
        font = font_path()
        origin = (hashlib.sha256(source).hexdigest() if source is not None
                  else f"{font.name}:{font.stat().st_size}")
    except (OSError, TypeError):
        return None
    h = hashlib.sha256()
    for part in (kind, code, fontTools.version, origin, *extra, chars):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _cached(prefix: str, key: str | None, kind: type, compute):
    if key is None:
        return compute()
    return DiskCache.named("webfont", prefix=prefix, ext="pkl", check=lambda v: isinstance(v, kind)).fetch(key, compute)


def subset_font(text: str, *, source: bytes | None = None, flavor: str | None = None, cache: bool = False) -> bytes:
    """The project font cut to the characters of ``text`` (plus ASCII and common punctuation), as
    font file bytes (OpenType; ``flavor="woff"`` for WOFF). ``source`` is a font to cut from instead
    of the bundled one (an earlier, larger subset). ``cache``: kept in the disk cache (module docstring)."""
    chars = _chars(text)
    if not cache:
        return _subset(chars, source, flavor)
    return _cached("subset-", _key("subset", chars, source, str(flavor)), bytes,
                   lambda: _subset(chars, source, flavor))


def font_face_css(text: str, *, source: bytes | None = None, family: str = FAMILY, cache: bool = False) -> str:
    """A CSS ``@font-face`` rule that embeds the project font, cut to the characters of ``text``,
    as a base64 WOFF ``data:`` URI (no file, no network). ``cache``: kept in the disk cache (module
    docstring)."""
    def rule() -> str:
        data = base64.b64encode(subset_font(text, source=source, flavor="woff")).decode("ascii")
        return (f"@font-face{{font-family:'{family}';src:url(data:font/woff;base64,{data}) format('woff');"
                "font-weight:normal;font-style:normal;font-display:block}")

    if not cache:
        return rule()
    return _cached("font-", _key("css", _chars(text), source, family), str, rule)
