"""Static HTML of the executed notebooks: ``python -m zhdiscourse.study.site --out site`` (``make html``).

Each committed notebook (``notebooks/NN-*.ipynb`` and ``notebooks/solutions/*.ipynb``, stored with
their outputs, see :mod:`zhdiscourse.study.reproduce`) is rendered with nbconvert's ``HTMLExporter``
and ``index.html`` lists them with the first heading of each. Notebooks are rendered as they are;
nothing is executed. A notebook without outputs is rendered too, and the index marks it "not
executed".

The pages are for readers without Python, on any machine and offline:

* **Nothing from the network.** The ``lab`` template is extended (:data:`TEMPLATE`) without
  require.js, MathJax, mermaid and the widget manager, which it would load from a CDN (the notebooks
  use none of them: no LaTeX, no diagrams, and widget state is not stored); figures are embedded as
  ``data:`` URIs. :func:`external_resources` lists what a page would still fetch (tests: nothing).
* **No installed Chinese font needed.** Each page embeds the project font (Noto Sans SC), cut to the
  characters of that page (:mod:`zhdiscourse.plots.webfont`).
* **Navigation.** A bar on every page links the index, every notebook, the previous and next page,
  and a notebook's worked solutions (and back); a file name in the prose such as
  ``notebooks/solutions/02-solutions.ipynb`` becomes a link to its page.
* **Code is hidden by default.** A "Show code" switch in the bar (a checkbox and CSS, no script)
  shows the code cells; outputs stay visible either way.
* **Readable tables.** Numbers and headers do not wrap, wide tables scroll sideways, and a Chinese
  term in a ``term``/``token``/``keyword``… column carries its English gloss from the glossary.

nbconvert's ``HTMLExporter`` renders a page from its template, then reads the whole page with
BeautifulSoup to add ``alt`` texts and ``tabindex`` attributes and writes it out again: two thirds of
the time of a build. That last step is a function of the rendered page alone, so its result is kept in
the ``site-pages`` disk cache (:class:`zhdiscourse.util.cache.DiskCache`), keyed on the rendered page,
this module's source and the versions of Python, nbconvert, BeautifulSoup and soupsieve
(:func:`_soup_pass`); the template is rendered every time. ``cache=False`` computes.
"""

from __future__ import annotations

import argparse
import html
import inspect
import re
import sys
from importlib.metadata import version
from pathlib import Path

from .. import paths
from ..errors import ZhDiscourseError
from ..plots.base import glossary
from ..plots.webfont import FAMILY, font_face_css, subset_font
from ..util.cache import DiskCache, digest
from .nbclean import skip_iri_grammar

#: The page template: nbconvert's ``lab`` template without the scripts it would fetch from a CDN,
#: with the site's style sheet, the code switch and the navigation bar. A code cell's source is
#: rendered as the lab template does it but without its ``clean_html`` filter: the source goes through
#: pygments (``highlight_code``), which escapes it, so bleach finds nothing to clean in that HTML and
#: only costs time (a third of the build); the pages are byte-identical with and without it.
#: Markdown cells and HTML/SVG outputs keep the lab template's ``clean_html``.
TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block input %}
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
     <div class="cm-editor cm-s-jupyter">
{{ cell.source | highlight_code(metadata=cell.metadata) }}
     </div>
</div>
{%- endblock input %}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.zhd_css }}
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<input type="checkbox" id="zhd-show-code" class="zhd-switch" aria-label="show the code cells">
{{ resources.zhd_nav }}
<main>
{%- endblock body_header -%}
{% block body_footer %}
</main>
{{ resources.zhd_footer }}
</body>
{% endblock body_footer %}
"""

#: The site's style sheet (after the lab theme's): the embedded font, the bar, the code switch, tables.
CSS = """
:root{--jp-content-font-family:'%(family)s',system-ui,-apple-system,'Segoe UI',sans-serif;
--jp-ui-font-family:'%(family)s',system-ui,-apple-system,'Segoe UI',sans-serif;
--jp-code-font-family:ui-monospace,'DejaVu Sans Mono',monospace,'%(family)s'}
body{max-width:1150px;margin:0 auto;padding:0 1em 2em}
nav.zhd-bar{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #ccc;padding:.4em 0;
font:14px/1.6 var(--jp-ui-font-family)}
nav.zhd-bar a{margin-right:.8em;white-space:nowrap}
nav.zhd-bar .here{font-weight:bold;margin-right:.8em;white-space:nowrap}
nav.zhd-bar .row{display:block}
.zhd-switch{position:absolute;opacity:0;width:1px;height:1px}
label.zhd-code{cursor:pointer;border:1px solid #999;border-radius:4px;padding:0 .5em;margin-right:.8em;
background:#f5f5f5;white-space:nowrap}
.zhd-switch:focus-visible ~ nav label.zhd-code{outline:2px solid #36c}
.zhd-switch:checked ~ nav .zhd-show,.zhd-switch:not(:checked) ~ nav .zhd-hide{display:none}
.zhd-switch:not(:checked) ~ main .jp-CodeCell .jp-Cell-inputWrapper{display:none}
.zhd-switch:not(:checked) ~ main .jp-CodeCell.jp-mod-noOutputs{display:none}
.zhd-switch:not(:checked) ~ main .jp-OutputPrompt{visibility:hidden}
.jp-OutputArea-output{overflow-x:auto}
.jp-RenderedHTMLCommon th,.jp-RenderedHTMLCommon td{white-space:nowrap}
.jp-RenderedHTMLCommon td.zhd-long{white-space:normal;min-width:14em}
.zhd-gloss{color:#666;font-size:.85em;margin-left:.35em}
footer.zhd-foot{border-top:1px solid #ccc;margin-top:2em;padding-top:.5em;font-size:13px;color:#555}
"""

#: Table columns whose cells are Chinese terms (they get their English gloss).
TERM_COLUMNS = {"term", "token", "keyword", "marker", "tfidf_term", "jieba_term", "word", "top term", "terms"}

_NB_REF = re.compile(r"<code>(?:notebooks/)?((?:solutions/)?\d\d-[A-Za-z0-9_-]+)\.(?:ipynb|py)</code>")
_TABLE = re.compile(r'(<table[^>]*class="dataframe"[^>]*>)(.*?)(</table>)', re.S)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])([^>]*)>(.*?)</\1>", re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ANCHOR_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def _executed(nb) -> bool:
    return any(c.cell_type == "code" and c.get("outputs") for c in nb.cells)


def external_resources(page: str) -> list[str]:
    """What a browser would fetch from outside the page when it opens it: URLs (``http:``,
    ``https:``, protocol-relative ``//host``) anywhere except in links the reader may follow
    (``<a href>``) and in CSS comments. An empty list means the page opens offline."""
    text = _COMMENT.sub("", page)
    text = _ANCHOR_HREF.sub("<a", text)
    found = re.findall(r"""(?:https?:)?//[A-Za-z0-9][^\s"'()<>]*""", text)
    return [u for u in found if not u.startswith("//") or re.match(r"//[a-z0-9-]+\.[a-z]", u)]


def gloss_tables(page: str, glosses: dict[str, str] | None = None) -> str:
    """``page`` with the English gloss beside each Chinese term in the DataFrame tables: cells of a
    column whose header is one of :data:`TERM_COLUMNS` (long text cells may wrap)."""
    g = glossary() if glosses is None else glosses

    def one_table(m):
        head, body, tail = m.groups()
        rows = _ROW.findall(body)
        if not rows or "<thead" not in body:
            return m.group(0)
        thead = body.split("</thead>", 1)[0]
        header_rows = _ROW.findall(thead)
        names = [html.unescape(re.sub("<[^>]+>", "", c[2])).strip() for c in _CELL.findall(header_rows[-1])]
        keep = {i for i, n in enumerate(names) if n in TERM_COLUMNS}

        def one_row(rm):
            cells = _CELL.findall(rm.group(1))
            if len(cells) != len(names):
                return rm.group(0)
            out = []
            for i, (tag, attrs, content) in enumerate(cells):
                plain = html.unescape(content).strip()
                if i in keep and plain in g:
                    content = f'{content}<span class="zhd-gloss">{html.escape(g[plain])}</span>'
                if tag == "td" and len(plain) > 24:
                    attrs = attrs + ' class="zhd-long"'
                out.append(f"<{tag}{attrs}>{content}</{tag}>")
            return rm.group(0).replace(rm.group(1), "".join(out), 1)

        if "<tbody" not in body:
            return m.group(0)
        before, tbody = body.split("<tbody", 1)
        return head + before + "<tbody" + _ROW.sub(one_row, tbody) + tail

    return _TABLE.sub(one_table, page)


def _link_notebook_names(page: str, here: str, known: set[str]) -> str:
    """``<code>notebooks/solutions/02-solutions.ipynb</code>`` in the prose → a link to that page."""
    depth = here.count("/")

    def link(m):
        target = m.group(1)
        if target not in known:
            return m.group(0)
        return f'<a href="{"../" * depth}{target}.html">{m.group(0)}</a>'

    return _NB_REF.sub(link, page)


def _nav(entries: list[dict], i: int) -> tuple[str, str]:
    """The navigation bar and the footer of page ``i`` (``entries``: rel, title, short, solution)."""
    e = html.escape
    here = entries[i]
    up = "../" * here["rel"].count("/")

    def href(entry) -> str:
        return up + entry["rel"]

    notebooks = [x for x in entries if not x["solution"]]
    items = [f'<a href="{up}index.html">zhdiscourse · index</a>',
             '<label class="zhd-code" for="zhd-show-code"><span class="zhd-show">Show code</span>'
             '<span class="zhd-hide">Hide code</span></label>']
    prev_ = entries[i - 1] if i > 0 else None
    next_ = entries[i + 1] if i + 1 < len(entries) else None
    if prev_:
        items.append(f'<a href="{href(prev_)}" rel="prev">← {e(prev_["short"])}</a>')
    if next_:
        items.append(f'<a href="{href(next_)}" rel="next">{e(next_["short"])} →</a>')
    pair = next((x for x in entries if x["solution"] != here["solution"] and x["short"][:2] == here["short"][:2]), None)
    if pair:
        items.append(f'<a href="{href(pair)}">{"worked solutions" if pair["solution"] else "the notebook"} '
                     f'of {e(here["short"][:2])}</a>')
    row2 = [f'<span class="here">{e(x["short"])}</span>' if x is here else f'<a href="{href(x)}">{e(x["short"])}</a>'
            for x in notebooks]
    bar = (f'<nav class="zhd-bar"><span class="row">{" ".join(items)}</span>'
           f'<span class="row">{" ".join(row2)}</span></nav>')
    foot = ('<footer class="zhd-foot">A static page of a notebook of zhdiscourse, rendered as last run '
            '(nothing is executed here). Chinese is set in Noto Sans SC (SIL Open Font License), embedded in '
            f'the page. {" · ".join(items[2:])}</footer>')
    return bar, foot


def _short(stem: str, title: str) -> str:
    name = re.sub(r"^\d\d\s*[·.:-]\s*", "", title).split(":")[0].strip()
    return f"{stem[:2]} {name}" if name else stem


def _soup(page: str, log=None) -> str:
    """What ``nbconvert.HTMLExporter.from_notebook_node`` does to the page its template rendered (nbconvert
    7.17): alternative text on images without one, ``tabindex`` on the inputs and outputs (``log``: the
    exporter's logger, told of images without alternative text)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, features="html.parser")
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = "No description has been provided for this image"
        missing_alt += 1
    if missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", missing_alt)
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return str(soup)


def _soup_pass(page: str, cache: bool = True, log=None) -> str:
    """:func:`_soup` of ``page``, kept in the ``site-pages`` disk cache (module docstring) when ``cache``."""
    if not cache:
        return _soup(page, log)
    try:
        code = inspect.getsource(sys.modules[__name__])
    except (OSError, TypeError):  # a frozen install: compute every time
        return _soup(page, log)
    key = digest("soup", code, sys.version, *(version(d) for d in ("nbconvert", "beautifulsoup4", "soupsieve")), page)
    store = DiskCache.named("site-pages", prefix="page-", ext="pkl", check=lambda v: isinstance(v, str))
    return store.fetch(key, lambda: _soup(page, log))


def _exporter(cache: bool):
    """nbconvert's ``HTMLExporter`` with :data:`TEMPLATE`, whose last step (:func:`_soup`) goes through
    :func:`_soup_pass`; ``from_notebook_node`` is nbconvert 7.17's otherwise
    (``tests/study/test_site.py`` checks that the pages are the plain exporter's)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.exporters.html import Highlight2HTML, WidgetsDataTypeFilter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class Exporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _soup_pass(page, cache, self.log), resources

    return Exporter(template_name="lab", embed_images=True, extra_loaders=[DictLoader({"zhd.html.j2": TEMPLATE})],
                    template_file="zhd.html.j2")


def build_site(out: str | Path, notebooks_dir: str | Path | None = None, *, cache: bool = True) -> list[Path]:
    """Render every notebook under ``notebooks_dir`` (default ``notebooks/``) into ``out``; return pages.
    ``cache``: the last step of nbconvert's rendering and the font cuts are kept in the disk cache
    (module docstring); ``False`` computes them."""
    skip_iri_grammar()
    import nbformat

    src = Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir()
    out = paths.resolve(out)
    nbs = sorted(src.glob("[0-9][0-9]-*.ipynb")) + sorted((src / "solutions").glob("[0-9][0-9]-*.ipynb"))
    if not nbs:
        raise ZhDiscourseError(f"no notebooks (NN-*.ipynb) in {src}")
    exporter = _exporter(cache)
    entries = []
    for nb_path in nbs:
        nb = nbformat.read(nb_path, as_version=4)
        rel = nb_path.relative_to(src).with_suffix(".html").as_posix()
        title = _title(nb, nb_path.stem)
        solution = rel.startswith("solutions/")
        short = _short(nb_path.stem, title) if not solution else f"{nb_path.stem[:2]} solutions"
        entries.append({"rel": rel, "title": title, "short": short, "solution": solution, "nb": nb,
                        "executed": _executed(nb)})
    known = {x["rel"][:-5] for x in entries}
    g = glossary()
    bodies = []
    for i, entry in enumerate(entries):
        bar, foot = _nav(entries, i)
        body, _ = exporter.from_notebook_node(entry["nb"], resources={
            "metadata": {"name": entry["title"]}, "zhd_css": CSS % {"family": FAMILY}, "zhd_nav": bar,
            "zhd_footer": foot})
        body = gloss_tables(_link_notebook_names(body, entry["rel"], known), g)
        bodies.append(body)
    index = _index_page(entries)
    # one cut of the font to every character of the site, then a small cut per page from it
    site_font = subset_font("".join(bodies) + index, cache=cache)
    pages = []
    for entry, body in zip(entries, bodies):
        target = out / entry["rel"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_font(body, site_font, cache), encoding="utf-8")
        pages.append(target)
    index_path = out / "index.html"
    index_path.write_text(_with_font(index, site_font, cache), encoding="utf-8")
    return [index_path, *pages]


def _with_font(page: str, source: bytes, cache: bool = True) -> str:
    """``page`` with an ``@font-face`` rule for the characters it uses, first in its last style sheet."""
    css = font_face_css(page, source=source, cache=cache)
    at = page.rfind("<style")
    at = page.index(">", at) + 1
    return page[:at] + "\n" + css + "\n" + page[at:]


def _index_page(entries: list[dict]) -> str:
    e = html.escape
    items = []
    for section, is_sol in (("Notebooks", False), ("Worked solutions", True)):
        rows = [x for x in entries if x["solution"] == is_sol]
        if not rows:
            continue
        items.append(f"<h2>{section}</h2>\n<ul>")
        for x in rows:
            note = "" if x["executed"] else " <em>(not executed)</em>"
            items.append(f'  <li><a href="{e(x["rel"])}">{e(x["title"])}</a>{note}</li>')
        items.append("</ul>")
    css = ("body{font-family:'%s',system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.6}"
           % FAMILY)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>zhdiscourse notebooks</title><style>{css}</style></head>\n"
            "<body><h1>zhdiscourse: the study, notebook by notebook</h1>\n"
            "<p>Static pages of the executed notebooks, as they were last run. Every page opens offline: its "
            "figures and the Chinese font are inside it. Code is hidden; the <b>Show code</b> switch at the top "
            "of a page shows it.</p>\n"
            + "\n".join(items) + "\n</body></html>\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zhdiscourse.study.site", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="site", help="output folder (default site/)")
    ap.add_argument("--notebooks", default=None, help="notebooks folder (default notebooks/)")
    args = ap.parse_args(argv)
    try:
        pages = build_site(args.out, args.notebooks)
    except ZhDiscourseError as exc:
        print(f"zhdiscourse.study.site: error: {exc}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in pages)
    print(f"site: {len(pages) - 1} pages + index.html in {paths.relative(pages[0].parent)}/ ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
