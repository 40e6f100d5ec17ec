"""Static HTML of the executed notebooks: ``python -m zhdiscourse.study.site --out site``.

Each committed notebook (``notebooks/NN-*.ipynb`` and ``notebooks/solutions/*.ipynb``, stored with
their outputs, see :mod:`zhdiscourse.study.reproduce`) is rendered with nbconvert's ``HTMLExporter``
(``lab`` template, images embedded as data URIs, so every page is one self-contained file) and an
``index.html`` lists them with the first heading of each. Notebooks are rendered as they are; nothing
is executed. A notebook without outputs is rendered too, and the index marks it "not executed".
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from .. import paths
from ..errors import ZhDiscourseError


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def _executed(nb) -> bool:
    return any(c.cell_type == "code" and c.get("outputs") for c in nb.cells)


def build_site(out: str | Path, notebooks_dir: str | Path | None = None) -> list[Path]:
    """Render every notebook under ``notebooks_dir`` (default ``notebooks/``) into ``out``; return pages."""
    import nbformat
    from nbconvert import HTMLExporter

    src = Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir()
    out = paths.resolve(out)
    nbs = sorted(src.glob("[0-9][0-9]-*.ipynb")) + sorted((src / "solutions").glob("[0-9][0-9]-*.ipynb"))
    if not nbs:
        raise ZhDiscourseError(f"no notebooks (NN-*.ipynb) in {src}")
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    entries, pages = [], []
    for nb_path in nbs:
        nb = nbformat.read(nb_path, as_version=4)
        rel = nb_path.relative_to(src).with_suffix(".html")
        title = _title(nb, nb_path.stem)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        pages.append(target)
        entries.append((rel.as_posix(), title, _executed(nb), rel.parent.name == "solutions"))
    items = []
    for section, is_sol in (("Notebooks", False), ("Worked solutions", True)):
        rows = [e for e in entries if e[3] == is_sol]
        if not rows:
            continue
        items.append(f"<h2>{section}</h2>\n<ul>")
        for href, title, executed, _ in rows:
            note = "" if executed else " <em>(not executed)</em>"
            items.append(f'  <li><a href="{html.escape(href)}">{html.escape(title)}</a>{note}</li>')
        items.append("</ul>")
    index = out / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>zhdiscourse notebooks</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}</style></head>\n"
        "<body><h1>zhdiscourse: the study, notebook by notebook</h1>\n"
        "<p>Static pages of the executed notebooks (rendered with nbconvert; figures embedded, "
        "readable offline).</p>\n" + "\n".join(items) + "\n</body></html>\n", encoding="utf-8")
    return [index, *pages]


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
    print(f"site: {len(pages) - 1} pages + index.html in {paths.relative(pages[0].parent)}/")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
