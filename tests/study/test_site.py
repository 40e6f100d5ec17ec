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


def _small_notebook(source: str = "print('要')\n"):
    """A notebook with what the pages hold: a heading, prose, code, printed text, a table, a figure and an
    HTML output with an image that has no alternative text."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    table = ('<table border="1" class="dataframe"><thead><tr><th></th><th>term</th><th>n</th></tr></thead>'
             "<tbody><tr><th>0</th><td>疫情 &amp; 防控</td><td>3</td></tr></tbody></table>")
    nb = new_notebook(cells=[
        new_markdown_cell("# 00 · A page\n\nProse with `code`, <b>bold</b> & a [link](https://example.org)."),
        new_code_cell(source, execution_count=1, outputs=[
            new_output("stream", name="stdout", text="要\n"),
            new_output("execute_result", execution_count=1, data={"text/html": table, "text/plain": "table"}),
            new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
            new_output("display_data", data={"text/html": f'<div><img src="data:image/png;base64,{png}"></div>'}),
        ]),
    ])
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    return nb


def test_pages_are_the_plain_exporters_and_the_cache_keeps_them(tmp_path, monkeypatch):
    """The site's exporter gives nbconvert's own ``HTMLExporter``'s page, computed (``cache=False``), stored
    and read back from the ``site-pages`` cache; another page is another key."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    from zhdiscourse.study import site as S

    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path))
    resources = {"metadata": {"name": "A page"}, "zhd_css": S.CSS % {"family": FAMILY}, "zhd_nav": "<nav>n</nav>",
                 "zhd_footer": "<footer>f</footer>"}
    nb = _small_notebook()
    plain = HTMLExporter(template_name="lab", embed_images=True, template_file="zhd.html.j2",
                         extra_loaders=[DictLoader({"zhd.html.j2": S.TEMPLATE})]).from_notebook_node(
        nb, resources=dict(resources))[0]
    assert 'alt="No description has been provided for this image"' in plain and 'tabindex="0"' in plain
    assert S._exporter(False).from_notebook_node(nb, resources=dict(resources))[0] == plain
    assert not (tmp_path / "site-pages").exists()  # cache=False stores nothing
    assert S._exporter(True).from_notebook_node(nb, resources=dict(resources))[0] == plain
    assert len(list((tmp_path / "site-pages").glob("page-*.pkl"))) == 1

    def soup(*_a, **_kw):
        raise AssertionError("read again")

    monkeypatch.setattr(S, "_soup", soup)
    assert S._exporter(True).from_notebook_node(nb, resources=dict(resources))[0] == plain  # from the cache
    with pytest.raises(AssertionError, match="read again"):
        S._exporter(True).from_notebook_node(_small_notebook("print('要要')\n"), resources=dict(resources))
