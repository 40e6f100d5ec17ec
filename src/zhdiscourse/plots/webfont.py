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
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

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
    font = TTFont(io.BytesIO(source) if source is not None else str(font_path()), recalcTimestamp=False,
                  recalcBBoxes=False, lazy=True)
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


def subset_font(text: str, *, source: bytes | None = None, flavor: str | None = None) -> bytes:
    """The project font cut to the characters of ``text`` (plus ASCII and common punctuation), as
    font file bytes (OpenType; ``flavor="woff"`` for WOFF). ``source`` is a font to cut from instead
    of the bundled one (an earlier, larger subset)."""
    return _subset(_chars(text), source, flavor)


def font_face_css(text: str, *, source: bytes | None = None, family: str = FAMILY) -> str:
    """A CSS ``@font-face`` rule that embeds the project font, cut to the characters of ``text``,
    as a base64 WOFF ``data:`` URI (no file, no network)."""
    data = base64.b64encode(subset_font(text, source=source, flavor="woff")).decode("ascii")
    return (f"@font-face{{font-family:'{family}';src:url(data:font/woff;base64,{data}) format('woff');"
            "font-weight:normal;font-style:normal;font-display:block}")
