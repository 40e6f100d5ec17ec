"""The static site (``make html``): offline, with its own font, navigation, hidden code, glossed tables, and the
explorer's fallback tables instead of a widget's repr (issue 17)."""

from __future__ import annotations

import base64
import io
import re

import pytest

from zhdiscourse.plots.webfont import FAMILY
from zhdiscourse.study.site import build_site, external_resources

# one build of the site (the module fixture) shared by every test here: under `make test` (pytest-xdist,
# `--dist loadgroup`) the group keeps them on one worker, which would otherwise build the site again
pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    pages = build_site(out)
    return out, {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in pages}


def _font_chars(page: str) -> set[str]:
    from fontTools.ttLib import TTFont

    data = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    return {chr(c) for c in font.getBestCmap()}


def test_pages_and_index(site):
    out, pages = site
    assert "index.html" in pages and "01-text-and-structure.html" in pages
    index = pages["index.html"]
    assert 'href="01-text-and-structure.html"' in index and 'href="solutions/01-solutions.html"' in index
    page = pages["01-text-and-structure.html"]
    assert "data:image/png;base64," in page  # figures embedded
    assert "The text and its structure" in page


def test_no_page_fetches_anything(site):
    _, pages = site
    for name, page in pages.items():
        assert external_resources(page) == [], name
        assert "<script src" not in page and "require.js" not in page.lower() and "mathjax" not in page.lower()


def test_every_page_embeds_the_font_for_its_characters(site):
    _, pages = site
    for name in ("index.html", "04-rhetorical-patterns.html", "solutions/02-solutions.html"):
        page = pages[name]
        assert f"font-family:'{FAMILY}'" in page and "@font-face" in page
        han = {ch for ch in page if "\u4e00" <= ch <= "\u9fff"}
        assert han and han <= _font_chars(page), name
    sizes = [len(p) for p in pages.values()]
    assert max(sizes) < 3_000_000  # a page stays a reasonable download


def test_navigation_and_solution_links(site):
    _, pages = site
    p01 = pages["01-text-and-structure.html"]
    assert 'rel="prev" href="00-overview.html"' in p01 or 'href="00-overview.html" rel="prev"' in p01
    assert 'href="solutions/01-solutions.html"' in p01
    # a solution file named in the prose is a link, not code text
    assert re.search(r'<a href="solutions/01-solutions\.html"><code>notebooks/solutions/01-solutions\.ipynb</code></a>',
                     p01)
    sol = pages["solutions/01-solutions.html"]
    assert 'href="../index.html"' in sol and 'href="../01-text-and-structure.html"' in sol


def test_code_is_hidden_by_default_with_a_switch(site):
    _, pages = site
    page = pages["03-tfidf-and-keyness.html"]
    box = re.search(r"<input[^>]*zhd-show-code[^>]*>", page).group(0)
    assert "checked" not in box
    assert ".zhd-switch:not(:checked) ~ main .jp-CodeCell .jp-Cell-inputWrapper{display:none}" in page
    assert 'for="zhd-show-code"' in page


def test_tables_carry_glosses_and_numbers_do_not_wrap(site):
    _, pages = site
    page = pages["03-tfidf-and-keyness.html"]
    assert '<span class="zhd-gloss">' in page
    assert "white-space:nowrap" in page and "overflow-wrap:anywhere" not in page


def test_the_explorer_page_shows_the_fallback_tables(site):
    _, pages = site
    page = pages["07-explorer.html"]
    assert "VBox(children" not in page
    assert "The explorer needs a running notebook" in page
    fallback = page.split("The explorer needs a running notebook", 1)[1].split("3. A term", 1)[0]
    assert fallback.count("<table") >= 2 and "NaN" not in fallback  # sections 1 and 2: no NaN


def test_external_resources_sees_fetches_and_ignores_links():
    page = """<html><head><script src="https://cdn.example.org/x.js"></script>
<link rel="stylesheet" href="http://example.org/a.css"><style>/* see https://example.org/doc */
@import url("//fonts.example.com/f.css"); b{background:url(https://example.org/i.png)}</style></head>
<body><a href="https://example.org/read-more">a link</a><img src="data:image/png;base64,AAAA"></body></html>"""
    found = external_resources(page)
    assert found == ["https://cdn.example.org/x.js", "http://example.org/a.css", "//fonts.example.com/f.css",
                     "https://example.org/i.png"]
