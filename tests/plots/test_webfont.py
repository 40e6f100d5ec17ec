"""The font embedded in HTML pages: a deterministic subset of Noto Sans SC, and (where Chromium is installed
and no Chinese font is) proof in a real browser that Chinese is drawn from it, not as boxes."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess

import pytest

from zhdiscourse.plots.base import font_path
from zhdiscourse.plots.webfont import FAMILY, font_face_css, subset_font


def test_subset_has_the_characters_and_is_deterministic():
    from fontTools.ttLib import TTFont

    text = "疫情防控要坚决 G² 1,234"
    a, b = subset_font(text, flavor="woff"), subset_font(text + text, flavor="woff")
    assert a == b  # same characters, same bytes (no timestamp)
    # no timestamp: a == b alone cannot show it (the same characters are one cut, kept in memory, and two cuts in
    # the same second would carry the same time); the cut keeps the bundled font's creation time
    with TTFont(str(font_path()), lazy=True) as whole:
        assert TTFont(io.BytesIO(a))["head"].modified == whole["head"].modified
    cmap = TTFont(io.BytesIO(a)).getBestCmap()
    assert all(ord(ch) in cmap for ch in set(text) - {" "})
    assert len(a) < 60_000  # a handful of glyphs, not the 8 MB font
    # a subset of a subset keeps working (the site cuts each page from the site's subset)
    small = subset_font("疫情", source=subset_font(text), flavor="woff")
    assert ord("疫") in TTFont(io.BytesIO(small)).getBestCmap()


def test_font_face_css_is_a_data_uri():
    css = font_face_css("疫情防控")
    assert css.startswith("@font-face{") and f"font-family:'{FAMILY}'" in css
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    assert base64.b64decode(data)[:4] == b"wOFF"


def _no_cjk_font_installed() -> bool:
    if not shutil.which("fc-list"):
        return True
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return not out.strip()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed")
@pytest.mark.skipif(not _no_cjk_font_installed(), reason="a Chinese system font is installed: the test needs none")
def test_headless_chromium_draws_chinese_from_the_embedded_font(tmp_path):
    """Two texts that differ only in their Chinese character: with the embedded font their pictures differ
    (two real glyphs); with no usable font they are identical (both drawn as the same box). The four texts
    (two characters, with and without the font) are four equal boxes of one page, so one start of Chromium
    draws them all; each picture is the screenshot cut to its box."""
    from PIL import Image

    w, h = 320, 120
    boxes = [("疫", True), ("情", True), ("疫", False), ("情", False)]
    style = font_face_css("".join(sorted({char for char, embed in boxes if embed})))
    divs = []
    for i, (char, embed) in enumerate(boxes):
        family = f"'{FAMILY}'" if embed else "'No Such Font'"
        divs.append(f"<div style=\"position:absolute;left:{(i % 2) * w}px;top:{(i // 2) * h}px;width:{w}px;"
                    f"height:{h}px;overflow:hidden;white-space:nowrap;font:64px {family}\">{char * 3}</div>")
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{style}"
                    f"body{{margin:0;background:#fff}}</style></head><body>{''.join(divs)}</body></html>",
                    encoding="utf-8")
    png = tmp_path / "page.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={2 * w},{2 * h}", f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    with Image.open(png) as im:
        assert im.size == (2 * w, 2 * h), im.size
        full = im.convert("RGB")

    def shot(char: str, embed: bool) -> bytes:
        i = boxes.index((char, embed))
        x, y = (i % 2) * w, (i // 2) * h
        return full.crop((x, y, x + w, y + h)).tobytes()

    assert shot("疫", True) != shot("情", True)
    assert shot("疫", False) == shot("情", False)  # without the embedded font: boxes, the same for both


def test_cuts_are_cached_on_the_characters_and_the_source(tmp_path, monkeypatch):
    from zhdiscourse.plots import webfont

    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path))
    big = subset_font("要加强学习提高认识新", cache=True)
    assert big == subset_font("要加强学习提高认识新")
    css = font_face_css("加强学习", source=big, cache=True)
    assert css == font_face_css("加强学习", source=big)
    assert len(list((tmp_path / "webfont").glob("subset-*.pkl"))) == 1  # the site font (a rule keeps its own cut)
    assert len(list((tmp_path / "webfont").glob("font-*.pkl"))) == 1

    def cut(*_a, **_kw):
        raise AssertionError("cut again")

    monkeypatch.setattr(webfont, "_subset", cut)
    assert subset_font("新认识提高学习加强要", cache=True) == big  # the same characters in another order
    assert font_face_css("学习加强", source=big, cache=True) == css
    with pytest.raises(AssertionError, match="cut again"):
        font_face_css("加强学习", source=big + b"\0", cache=True)  # another source: another key
    with pytest.raises(AssertionError, match="cut again"):
        font_face_css("加强学习", family="Other", cache=True)
