"""The report's one HTML page: self-contained (figures as base64 ``data:`` URIs, tables and CSS inline),
readable offline, deterministic (no times, no machine paths)."""

from __future__ import annotations

import base64
import html

import pandas as pd

from ..patterns.registry import detectors
from . import sortable

_TITLES = {
    "structure": "Structure", "tokens": "Tokens and frequencies", "tfidf": "TF-IDF",
    "similarity": "Similarity of the units", "keyness": "Keyness", "contrast": "Contrast of two parts",
    "topics": "Topics (NMF)", "directive_profile": "Directive markers per part",
    "collocates": "Collocates and sortable concordance", "lexicons": "War metaphors and stance words",
    "diversity": "Lexical diversity and sentence length",
}


def step_title(name: str) -> str:
    """The heading of a step: its own, or the registered detector's title."""
    if name in _TITLES:
        return _TITLES[name]
    return next((d.title for d in detectors() if d.name == name), name)


_CSS = """
body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.6em 1em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;vertical-align:top;max-width:28em;overflow-wrap:anywhere}
th{background:#f3f3f3}.skipped{color:#a05a00}.failed{color:#b00020}.run{color:#1b7f3b}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:.9em;color:#555}
.small{font-size:.85em;color:#555}
"""


def _fmt_table(df: pd.DataFrame) -> str:
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: (v[:60] + "…") if isinstance(v, str) and len(v) > 60 else v)
    return df.to_html(index=False, border=0, na_rep="", escape=True, classes=sortable.CLASS,
                      float_format=lambda x: f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}")


def render_html(b, steps, source_name: str) -> str:
    """The self-contained page of a report: ``b`` is the report builder (its speech, blocks and
    figures), ``steps`` the :class:`~zhdiscourse.report.builder.Step` list in order."""
    sp = b.speech
    title = sp.metadata.title or source_name
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
           f"<title>{e(title)} — zhdiscourse report</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title)}</h1>",
           f'<p class="small">zhdiscourse report of <code>{e(source_name)}</code>: {len(sp.text):,} characters, '
           f"{b.n_parts} parts, {len(sp.subsections)} sub-points, {b.n_sentences:,} sentences (headings excluded). "
           "Every table is also in <code>tables/</code> (CSV, JSON), every figure in <code>figures/</code>. "
           f"{sortable.NOTE}</p>",
           f'<p class="note"><b>Unit of analysis.</b> {e(b.unit_note)}</p>',
           "<h2 id=\"steps\">Steps</h2><table><tr><th>step</th><th>status</th><th>note</th></tr>"]
    for s in steps:
        link = f'<a href="#{s.name}">{e(step_title(s.name))}</a>' if s.status == "run" else e(step_title(s.name))
        out.append(f'<tr><td>{link}</td><td class="{s.status}">{s.status}</td><td>{e(s.reason)}</td></tr>')
    out.append("</table>")
    for s in steps:
        out.append(f'<h2 id="{s.name}">{e(step_title(s.name))}</h2>')
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
                out.append(f"<h3>{e(name)}</h3><p class=\"small\">{e(note)} ({shown}; full table: "
                           f"<code>tables/{e(name)}.csv</code>)</p>")
                out.append(_fmt_table(df) if len(df.columns) else "<p>(empty)</p>")
            elif kind == "fig":
                _, name, caption = block
                data = base64.b64encode(b.figures[name].read_bytes()).decode("ascii")
                out.append(f'<figure><img alt="{e(name)}" src="data:image/png;base64,{data}">'
                           f"<figcaption>{e(caption)}</figcaption></figure>")
    out.append('<p class="small">Made with zhdiscourse. Methods: see the docstrings of the modules named in each '
               "section and the project notebooks.</p>" + sortable.SCRIPT + "</body></html>")
    return "\n".join(out) + "\n"
