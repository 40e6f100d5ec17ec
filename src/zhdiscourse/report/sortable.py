"""Sortable tables in the offline report: a few lines of inline JavaScript, no library, no network.

Every ``<table class="sortable">`` of the page sorts by a column when its header is clicked (again:
the other way round). Cells that read as numbers (``1,204``, ``0.0049``, ``-3.1``, ``1.2e-05``) sort
as numbers, other cells as text (``localeCompare``, so Chinese words group together); empty cells
go last; ties keep the current order (``Array.prototype.sort`` is stable). The arrow in the header
shows the column and direction. Without JavaScript the tables read as before.
"""

from __future__ import annotations

#: The class that marks a table as sortable.
CLASS = "sortable"

#: The script, inlined once at the end of the page.
SCRIPT = """<script>
(function () {
  function key(cell) {
    var t = (cell.textContent || "").trim();
    var n = t.replace(/,/g, "");
    if (n !== "" && !isNaN(n) && isFinite(n)) return {num: true, v: parseFloat(n), t: t};
    return {num: false, v: t, t: t};
  }
  function cmp(a, b) {
    if (a.t === "" || b.t === "") return (a.t === "") - (b.t === "");
    if (a.num && b.num) return a.v - b.v;
    if (a.num !== b.num) return a.num ? -1 : 1;
    return a.v.localeCompare(b.v, "zh");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var head = table.tHead, body = table.tBodies[0];
    if (!head || !body) return;
    var ths = head.rows[head.rows.length - 1].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      th.style.cursor = "pointer";
      th.title = "sort by this column";
      th.addEventListener("click", function () {
        var dir = th.getAttribute("data-dir") === "asc" ? "desc" : "asc";
        Array.prototype.forEach.call(ths, function (h) {
          h.removeAttribute("data-dir");
          h.textContent = h.textContent.replace(/ [\\u25B2\\u25BC]$/, "");
        });
        th.setAttribute("data-dir", dir);
        th.textContent += dir === "asc" ? " \\u25B2" : " \\u25BC";
        var rows = Array.prototype.slice.call(body.rows).map(function (r) { return [key(r.cells[col] || r.cells[0]), r]; });
        rows.sort(function (a, b) {
          var blank = (a[0].t === "") - (b[0].t === "");
          if (blank) return blank;
          var c = cmp(a[0], b[0]);
          return dir === "asc" ? c : -c;
        });
        rows.forEach(function (p) { body.appendChild(p[1]); });
      });
    });
  });
})();
</script>"""

#: The sentence that tells the reader.
NOTE = "Click a column header to sort a table (again to reverse); this works offline."
