"""The report's sortable tables: the inline script sorts numbers as numbers, text as text, blanks last,
and reverses on a second click — run in Node.js on a minimal stand-in for the page's DOM (skipped
where Node.js is not installed)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd
import pytest

from zhdiscourse.report import sortable
from zhdiscourse.report.html import table_html

NODE = shutil.which("node")

# A DOM with just what the script touches: tables, rows, cells, headers, click handlers.
HARNESS = r"""
function el(tag) {
  return {tag: tag, children: [], attrs: {}, style: {}, listeners: {}, textContent: "",
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
    setAttribute(k, v) { this.attrs[k] = String(v); },
    removeAttribute(k) { delete this.attrs[k]; },
    addEventListener(t, f) { this.listeners[t] = f; },
    appendChild(c) { const i = this.children.indexOf(c); if (i >= 0) this.children.splice(i, 1); this.children.push(c); }};
}
const data = JSON.parse(process.argv[2]);
const table = el("table"), thead = el("thead"), tbody = el("tbody"), hr = el("tr");
hr.cells = data.columns.map(c => { const th = el("th"); th.textContent = c; return th; });
thead.rows = [hr];
table.tHead = thead;
table.tBodies = [tbody];
data.rows.forEach(r => { const tr = el("tr"); tr.cells = r.map(v => { const td = el("td"); td.textContent = v; return td; });
                         tbody.children.push(tr); });
Object.defineProperty(tbody, "rows", {get() { return this.children; }});
global.document = {querySelectorAll: sel => sel === "table.sortable" ? [table] : []};
eval(data.script.replace(/^<script>|<\/script>$/g, ""));
const out = [];
for (const [col, clicks] of data.clicks) {
  for (let k = 0; k < clicks; k++) hr.cells[col].listeners.click();
  out.push(tbody.children.map(r => r.cells[col].textContent));
}
console.log(JSON.stringify({orders: out, header: hr.cells.map(h => h.textContent)}));
"""


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_script_sorts_numbers_text_and_blanks(tmp_path):
    js = tmp_path / "harness.js"
    js.write_text(HARNESS, encoding="utf-8")
    data = {"columns": ["word", "g2"], "rows": [["乙", "1,204"], ["甲", "9.5"], ["", "-3"], ["丙", "1.2e-05"], ["乙", ""]],
            "script": sortable.SCRIPT, "clicks": [[1, 1], [1, 1], [0, 1]]}
    out = subprocess.run([NODE, str(js), json.dumps(data, ensure_ascii=False)], capture_output=True, text=True,
                         timeout=60, check=True)
    res = json.loads(out.stdout)
    up, down, words = res["orders"]
    assert up == ["-3", "1.2e-05", "9.5", "1,204", ""]  # numbers as numbers, the blank last
    assert down == ["1,204", "9.5", "1.2e-05", "-3", ""]  # a second click reverses; blanks stay last
    # text: the blank last, equal words together (the order of different words is the browser's collation:
    # pinyin with full ICU, code points without)
    assert words[-1] == "" and words.index("乙") + 1 == len(words) - 1 - words[::-1].index("乙")
    assert res["header"][0].endswith("\u25b2") and not res["header"][1].endswith(("\u25b2", "\u25bc"))


def test_report_tables_carry_the_class():
    html = table_html(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), glosses={})
    assert f'<table class="{sortable.CLASS}">' in html
    assert "http" not in sortable.SCRIPT and "src=" not in sortable.SCRIPT
