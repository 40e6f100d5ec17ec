"""The report's one HTML page: self-contained and readable offline, on any machine, deterministic.

* Nothing comes from the network: figures are base64 ``data:`` URIs, tables and CSS are inline, and
  there is no script.
* No installed Chinese font is needed: the page embeds the project font, cut to the characters the
  page uses (:func:`zhdiscourse.plots.webfont.font_face_css`, about 0.4 MB for the speech).
* Numbers and headers never break inside a token (numeric cells do not wrap; a wide table scrolls
  sideways inside its own box).
* Chinese terms in tables carry their English gloss from the project glossary, and the notation the
  tables use (□ in frames, G², log ratio, DP …) is explained once, near the top.
* No times, no machine paths: the same report gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import math
import numbers

import pandas as pd

from ..patterns.registry import detectors
from ..plots.base import glossary
from ..plots.webfont import FAMILY, font_face_css
from . import sortable

_TITLES = {
    "structure": "Structure", "tokens": "Tokens and frequencies", "tfidf": "TF-IDF",
    "similarity": "Similarity of the units", "keyness": "Keyness", "contrast": "Contrast of two parts",
    "topics": "Topics (NMF)", "directive_profile": "Directive markers per part",
    "collocates": "Collocates and sortable concordance", "lexicons": "War metaphors and stance words",
    "diversity": "Lexical diversity and sentence length",
}

#: Table columns that hold a Chinese term: their cells get the term's English gloss.
TERM_COLUMNS = ("term", "token", "keyword", "marker", "tfidf_term", "jieba_term", "word", "w1", "w2")

#: The notation of the tables and figures, explained once at the top of the page.
NOTATION = (
    ("□", "a slot in a frame: the characters that differ between the members of a series "
          "(加强□□建设 stands for 加强队伍建设, 加强制度建设 …)."),
    ("part, sub-point", "the text's top-level headings (一、二、…) and the points under them "
                        "((一)、一是、第一 …); a segment is a sub-point or the text of a part before its first sub-point."),
    ("per_1k, per_10k", "occurrences per 1,000 (10,000) characters or words, so units of different length compare."),
    ("G² (g2)", "log-likelihood: how sure we are that a word is used more (or less) in a unit than in the rest; "
                "3.84 is p = 0.05 for one test."),
    ("log ratio", "effect size: log₂ of the ratio of relative frequencies; +1 = twice as frequent, −1 = half."),
    ("p_adj, significant", "p-value after the Benjamini–Hochberg correction for testing many words at once; "
                           "significant when below 0.05."),
    ("scaled F-score", "in a contrast of parts A and B: +1 typical of A, −1 typical of B."),
    ("DP", "Gries' deviation of proportions: 0 = a word spread like the text, near 1 = all in one unit."),
    ("TF-IDF", "a word's weight in one unit: frequent here, rare in the other units."),
)

_CSS = """
body{font-family:'%(family)s',system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;
line-height:1.55}
code{font-family:ui-monospace,monospace,'%(family)s'}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
h2 .top{font-size:.55em;font-weight:normal;margin-left:.8em}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.6em 1em}
.notation{background:#f4f7fb;border-left:4px solid #5b7fb0;padding:.4em 1em;font-size:.9em}
.notation dt{font-weight:bold;float:left;clear:left;min-width:9em;margin-right:.6em}
.notation dd{margin:0 0 .3em 10em}
nav.toc{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.3em 0;font-size:.85em;z-index:1}
nav.toc a{margin-right:.9em;white-space:nowrap}
.table{overflow-x:auto;max-width:100%%}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
th{background:#f3f3f3;white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.text{min-width:12em;max-width:32em}
.gloss{color:#666;font-size:.85em;margin-left:.3em;white-space:nowrap}
.skipped{color:#a05a00}.failed{color:#b00020}.run{color:#1b7f3b}
figure{margin:1em 0}figure img{max-width:100%%;border:1px solid #eee}figcaption{font-size:.9em;color:#555}
.small{font-size:.85em;color:#555}
"""


def step_title(name: str) -> str:
    """The heading of a step: its own, or the registered detector's title."""
    if name in _TITLES:
        return _TITLES[name]
    return next((d.title for d in detectors() if d.name == name), name)


def _number(v) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, numbers.Integral):
        return str(int(v))  # counts and offsets: exact, no separators (an offset is an address)
    x = float(v)
    if math.isnan(x):
        return ""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def table_html(df: pd.DataFrame, *, glosses: dict[str, str] | None = None, max_chars: int = 60) -> str:
    """An HTML table of ``df``: numbers right-aligned and never wrapped, long texts cut to
    ``max_chars`` characters, empty cells for missing values, and the English gloss beside each term in
    a :data:`TERM_COLUMNS` column. The table sits in a box that scrolls sideways when it is too wide."""
    g = glossary() if glosses is None else glosses
    e = html.escape
    cols = list(df.columns)
    out = ['<div class="table"><table class="'+sortable.CLASS+'"><thead><tr>' + "".join(f"<th>{e(str(c))}</th>" for c in cols)
           + "</tr></thead><tbody>"]
    for row in df.itertuples(index=False):
        cells = []
        for c, v in zip(cols, row):
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                cells.append("<td></td>")
            elif isinstance(v, numbers.Number) and not isinstance(v, bool):
                cells.append(f'<td class="num">{_number(v)}</td>')
            else:
                s = str(v)
                if len(s) > max_chars:
                    s = s[:max_chars] + "…"
                gl = g.get(s) if c in TERM_COLUMNS else None
                extra = f'<span class="gloss">{e(gl)}</span>' if gl else ""
                cls = ' class="text"' if len(s) > 12 else ""
                cells.append(f"<td{cls}>{e(s)}{extra}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def notation_html() -> str:
    """The notation box (:data:`NOTATION`)."""
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in NOTATION)
    return f'<details class="notation" open><summary><b>How to read the tables</b></summary><dl>{items}</dl></details>'


def font_css(page: str, *, cache: bool = True) -> str:
    """:func:`~zhdiscourse.plots.webfont.font_face_css` of ``page``, kept in the ``webfont`` disk cache under
    the page's set of characters (``cache``): cutting the font takes about 1.5 s."""
    return font_face_css(page, cache=cache)


def _with_font(page: str, cache: bool = True) -> str:
    """``page`` with the embedded font's ``@font-face`` rule at the top of its style sheet."""
    return page.replace("<style>", "<style>" + font_css(page, cache=cache), 1)


def render_html(b, steps, source_name: str) -> str:
    """The self-contained page of a report: ``b`` is the report builder (its speech, blocks and
    figures), ``steps`` the :class:`~zhdiscourse.report.builder.Step` list in order."""
    sp = b.speech
    title = sp.metadata.title or source_name
    e = html.escape
    g = glossary()
    ran = [s for s in steps if s.status == "run"]
    toc = "".join(f'<a href="#{s.name}">{e(step_title(s.name))}</a>' for s in ran)
    out = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(title)} — zhdiscourse report</title><style>{_CSS % {'family': FAMILY}}</style></head><body>",
           f'<nav class="toc"><a href="#top">↑ top</a>{toc}</nav>',
           f'<h1 id="top">{e(title)}</h1>',
           f'<p class="small">zhdiscourse report of <code>{e(source_name)}</code>: {len(sp.text):,} characters, '
           f"{b.n_parts} parts, {len(sp.subsections)} sub-points, {b.n_sentences:,} sentences (headings excluded). "
           "Every table is also in <code>tables/</code> (CSV, JSON), every figure in <code>figures/</code>. "
           f"{sortable.NOTE}</p>",
           f'<p class="note"><b>Unit of analysis.</b> {e(b.unit_note)}</p>',
           notation_html(),
           "<h2 id=\"steps\">Steps</h2>",
           '<div class="table"><table><thead><tr><th>step</th><th>status</th><th>note</th></tr></thead><tbody>']
    for s in steps:
        link = f'<a href="#{s.name}">{e(step_title(s.name))}</a>' if s.status == "run" else e(step_title(s.name))
        out.append(f'<tr><td>{link}</td><td class="{s.status}">{s.status}</td><td class="text">{e(s.reason)}</td></tr>')
    out.append("</tbody></table></div>")
    for s in steps:
        out.append(f'<h2 id="{s.name}">{e(step_title(s.name))}<a class="top" href="#top">↑ top</a></h2>')
        if s.status != "run":
            out.append(f'<p class="{s.status}"><b>{s.status.capitalize()}:</b> {e(s.reason)}</p>')
            continue
        for block in b.blocks.get(s.name, []):
            kind = block[0]
            if kind == "p":
                out.append(f"<p>{e(block[1])}</p>")
            elif kind == "table":
                _, name, df, note, n = block
                shown = f"first {len(df)} of {n:,} rows" if n > len(df) else f"{n:,} rows"
                slot = (" □ marks a slot: the characters that differ between the members."
                        if df.astype(str).apply(lambda col: col.str.contains("□", regex=False)).to_numpy().any()
                        else "")
                out.append(f"<h3>{e(name)}</h3><p class=\"small\">{e(note)}{e(slot)} ({shown}; full table: "
                           f"<code>tables/{e(name)}.csv</code>)</p>")
                out.append(table_html(df, glosses=g) if len(df.columns) else "<p>(empty)</p>")
            elif kind == "fig":
                _, name, caption = block
                data = base64.b64encode(b.figures[name].read_bytes()).decode("ascii")
                out.append(f'<figure><img alt="{e(name)}" src="data:image/png;base64,{data}">'
                           f"<figcaption>{e(caption)}</figcaption></figure>")
    out.append('<p class="small">Made with zhdiscourse. Methods: see the docstrings of the modules named in each '
               "section and the project notebooks. Chinese text is set in Noto Sans SC (SIL Open Font "
               "License), embedded in this page.</p>" + sortable.SCRIPT + "</body></html>")
    return _with_font("\n".join(out) + "\n", cache=getattr(b, "cache", True))
