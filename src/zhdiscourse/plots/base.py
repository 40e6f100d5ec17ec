"""The plotting base every notebook and report uses: one CJK font, one way to save figures, glosses.

Font
    Chinese must render the same on every machine, so figures never rely on system fonts. The font is
    Noto Sans SC (SIL Open Font License), shipped inside the PyPI package ``pylopdf-fonts-zh-cn`` that
    the project installs; :func:`font_path` finds it with :mod:`importlib.resources` and
    :func:`setup_fonts` registers that file with matplotlib (``font_manager.addfont``) and makes it
    the default family. Word clouds get the same file through ``WordCloud(font_path=...)``.

Byte-identical figures
    :func:`save_figure` writes PNG through the Agg renderer with the ``Software`` text chunk removed
    (Agg writes no date), as RGB (no alpha channel: the figures are opaque) at zlib level 3
    (:mod:`zhdiscourse.plots.rgbpng`), and SVG with ``Date``, ``Creator`` (matplotlib version) and the other
    metadata removed, glyphs stored as paths (``svg.fonttype = 'path'``, so no font embedding), and
    a fixed ``svg.hashsalt`` (the salt of the ids of clip paths and glyph definitions, random by
    default). DPI and bounding box are fixed arguments, not whatever the interactive backend set.
    Same figure code and same data therefore give the same bytes.

    The bounding box is computed once per figure (:func:`tight_bbox`: the tight box of the PNG, padded
    by :data:`PAD_INCHES`) and both formats are cut to it; ``bbox_inches="tight"`` would lay the figure
    out once more for each format before drawing it. Text sizes measured for that box are reused by the
    PNG's draw (:func:`_shared_text_metrics`). The PNG has pixel for pixel what ``bbox_inches="tight"``
    draws (``tests/plots/test_save.py``).

Drawn once
    In a Jupyter kernel with the inline backend, :func:`save_figure` shows the PNG it has just written
    (an ``image/png`` output, displayed at the figure's size) and closes the figure, so the inline
    backend does not draw it a third time after the PNG and SVG saves. The notebook output is the
    saved file itself, byte for byte.

Manifest
    Each saved figure is recorded (name, notebook, caption, files) in ``figures.json`` beside the
    files; ``figures/README.md`` is generated from it by :func:`write_figures_readme`, never typed.

Glossary
    ``src/zhdiscourse/lexicon/glossary.csv`` is a small hand-written list of key terms with English glosses
    (teacher-editable). :func:`label_with_gloss` turns a term into ``term (gloss)`` for international
    classes.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import matplotlib
from matplotlib import font_manager

from ..errors import ZhDiscourseError
from .. import paths
from ..lexicon import GLOSSARY, lexicon_file

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSansSC-Regular.otf"
#: Fixed salt for SVG ids (matplotlib otherwise salts them with a random uuid per process).
SVG_HASHSALT = "zhdiscourse"
#: Resolution of every saved PNG.
DPI = 150
#: The canvas PNGs are written with (:mod:`zhdiscourse.plots.rgbpng`: Agg's pixels, RGB, zlib level 3).
PNG_WRITER = "module://zhdiscourse.plots.rgbpng"
MANIFEST_NAME = "figures.json"
README_NAME = "README.md"
_CHART_FORMATS = ("png", "svg", "pdf")
#: The one palette of parts (cycled) used by every figure, so a part keeps its colour from figure to
#: figure: Okabe–Ito, colour-blind safe.
PART_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


def part_colour(i: int) -> str:
    """The colour of the ``i``-th part (0-based, cycled through :data:`PART_COLOURS`)."""
    return PART_COLOURS[i % len(PART_COLOURS)]


def font_path() -> Path:
    """Path of Noto Sans SC as shipped by ``pylopdf-fonts-zh-cn`` (never a system font)."""
    try:
        ref = resources.files(FONT_PACKAGE) / FONT_FILE
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise ZhDiscourseError(f"the font package {FONT_PACKAGE} is not installed (pip install pylopdf-fonts-zh-cn)") from exc
    p = Path(str(ref))
    if not p.is_file():  # pragma: no cover - broken install
        raise ZhDiscourseError(f"{FONT_FILE} not found in the package {FONT_PACKAGE}")
    return p


@lru_cache(maxsize=None)
def _register_font(path: str) -> str:
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def font_name() -> str:
    """The family name matplotlib knows the project font by (``Noto Sans SC``)."""
    return _register_font(str(font_path()))


def rc_params() -> dict:
    """The rcParams :func:`setup_fonts` applies (all of them needed for identical output)."""
    name = font_name()
    return {
        "font.family": [name],
        "font.sans-serif": [name],
        "axes.unicode_minus": False,  # ASCII hyphen-minus instead of U+2212: no glyph surprises
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
        "svg.id": None,
        "pdf.fonttype": 42,
        "savefig.dpi": DPI,
        "figure.dpi": 100,
        "figure.max_open_warning": 0,
    }


def _in_kernel() -> bool:
    """True inside a Jupyter (IPython) kernel."""
    import sys

    if "ipykernel" not in sys.modules or "IPython" not in sys.modules:
        return False
    ip = sys.modules["IPython"].get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


@lru_cache(maxsize=None)
def _notebook_display() -> bool:
    """In a Jupyter kernel, load pyplot's backend once; elsewhere do nothing (no pyplot import, so
    scripts, tests and the report keep whatever non-interactive backend they have, Agg by default).

    Why: a kernel names the inline backend in ``rcParams["backend"]``, but its module is only imported
    when pyplot first needs a backend, and that import is what registers the display of
    :class:`~matplotlib.figure.Figure` objects as PNG. Until then a figure made without pyplot (the
    functions of :mod:`zhdiscourse.plots.words`) shows as its ``repr`` only; importing pyplot alone is
    not enough (checked with nbclient). Creating and closing one pyplot figure loads the backend
    through public API and leaves no figure open."""
    if not _in_kernel():
        return False
    import matplotlib.pyplot as plt

    plt.close(plt.figure())
    return True


def setup_fonts() -> str:
    """Register the project font and the deterministic rcParams; return the font's family name.

    Idempotent: calling it again re-applies the same settings. In a Jupyter kernel it also makes
    figures built without pyplot display inline (:func:`_notebook_display`, done once).
    """
    params = rc_params()
    matplotlib.rcParams.update(params)
    _notebook_display()
    return params["font.family"][0]


@contextmanager
def project_style() -> Iterator[None]:
    """``with project_style():`` — the project settings for a block, restored afterwards (in a Jupyter
    kernel, figures built without pyplot display inline, as after :func:`setup_fonts`)."""
    _notebook_display()
    with matplotlib.rc_context(rc_params()):
        yield


# --------------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def output_dir(out_dir: str | os.PathLike | None = None) -> Path:
    """Where figures go: ``out_dir``, else ``$ZHD_OUT``, else the project's ``figures/``."""
    if out_dir is None:
        out_dir = os.environ.get("ZHD_OUT") or paths.figures_dir()
    return paths.resolve(out_dir)


def _infer_notebook(name: str) -> str:
    env = os.environ.get("ZHD_NOTEBOOK")
    if env:
        return env
    m = re.match(r"^(\d\d)-", name)
    if m:
        nbdir = paths.notebooks_dir()
        hits = sorted(p.stem for p in nbdir.glob(f"{m.group(1)}-*.ipynb"))
        if hits:
            return hits[0]
    return ""


#: Padding around the tight bounding box of a saved figure, in inches.
PAD_INCHES = 0.1


def tight_bbox(fig, dpi: int = DPI):
    """The box (inches) every format of ``fig`` is saved with: the figure's tight bounding box as the Agg
    renderer lays it out at ``dpi`` (what ``savefig(..., bbox_inches="tight")`` computes for the PNG),
    padded by :data:`PAD_INCHES`.

    Computed once per figure: ``bbox_inches="tight"`` would lay the figure out again for every format (a
    draw with rendering switched off before each real draw). The PNG has the pixels of what
    ``bbox_inches="tight"`` gives; the SVG is cut to the same box (matplotlib's SVG renderer measures text
    along glyph outlines at 72 dpi and its own tight box differs from the PNG's by a fraction of a
    point)."""
    from matplotlib.backend_bases import _get_renderer
    from matplotlib.cbook import _setattr_cm

    # The steps of FigureCanvasBase.print_figure up to its tight box, for the PNG (matplotlib 3.11).
    with fig.canvas._switch_canvas_and_return_print_method("png") as print_method, \
            _setattr_cm(fig, dpi=dpi), _setattr_cm(fig.canvas, _device_pixel_ratio=1), \
            _setattr_cm(fig.canvas, _is_saving=True), fig._cm_set(facecolor="white"):
        renderer = _get_renderer(fig, functools.partial(print_method, orientation="portrait"))
        with renderer._draw_disabled():
            fig.draw(renderer)
        return fig.get_tightbbox(renderer).padded(PAD_INCHES)


@contextmanager
def _without_placeholder_layout(fig) -> Iterator[None]:
    """While saving: no layout engine when the figure's is matplotlib's placeholder (what
    ``fig.tight_layout()`` leaves behind; it does nothing), since ``savefig`` lays out a figure that has an
    engine once more before drawing it, even with an explicit bounding box."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    if type(engine) is not PlaceHolderLayoutEngine:
        yield
        return
    fig._layout_engine = None
    try:
        yield
    finally:
        fig._layout_engine = engine


@contextmanager
def _text_extents_per_arrow() -> Iterator[None]:
    """While saving one figure: an arrow clipped at a text (adjustText's leader lines start at their label,
    ``patchA``) measures that text's box once per drawing of the arrow instead of once per step of the
    bisection that finds where the line leaves the box (matplotlib's ``split_path_inout`` asks
    ``Text.contains`` about 30 points, and each asked ``Text.get_window_extent`` to lay the text out again).
    Nothing moves while one arrow's path is computed, so every answer is the one the first call gave: the
    same box, the same path, the same pixels (``tests/plots/test_save.py``)."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.text import Text

    path_in_display = FancyArrowPatch._get_path_in_displaycoord
    window_extent = Text.get_window_extent
    boxes: dict | None = None

    def extent(self, renderer=None, dpi=None):
        if boxes is None or renderer is not None or dpi is not None:
            return window_extent(self, renderer, dpi)
        box = boxes.get(id(self))
        if box is None:
            box = boxes[id(self)] = (self, window_extent(self))  # the text held: its id stays its own
        return box[1]

    def arrow_path(self):
        nonlocal boxes
        outer, boxes = boxes, {}
        try:
            return path_in_display(self)
        finally:
            boxes = outer

    Text.get_window_extent = extent
    FancyArrowPatch._get_path_in_displaycoord = arrow_path
    try:
        yield
    finally:
        Text.get_window_extent = window_extent
        FancyArrowPatch._get_path_in_displaycoord = path_in_display


@contextmanager
def _shared_text_metrics() -> Iterator[None]:
    """While saving one figure: the size of a text measured by one Agg renderer is reused by another Agg
    renderer of the same resolution (matplotlib caches text metrics per renderer instance, and the layout
    for the bounding box and the PNG's draw use two renderers of different canvas sizes; Agg's text metrics
    depend on the text, font, resolution and hinting settings only, not on the canvas).

    Measuring Chinese text in the bundled font is a good part of drawing a figure (FreeType's ``set_text``,
    about 1 ms per label)."""
    from matplotlib import text as mtext
    from matplotlib.backends.backend_agg import RendererAgg

    original = mtext._get_text_metrics_with_cache
    cache: dict = {}

    def metrics(renderer, text, fontprop, ismath, dpi):
        if type(renderer) is not RendererAgg:
            return original(renderer, text, fontprop, ismath, dpi)
        key = (renderer.dpi, text, fontprop.copy(), ismath, dpi, matplotlib.rcParams["text.hinting"],
               matplotlib.rcParams["text.hinting_factor"], matplotlib.rcParams["text.antialiased"])
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = original(renderer, text, fontprop, ismath, dpi)
        return hit

    mtext._get_text_metrics_with_cache = metrics
    try:
        yield
    finally:
        mtext._get_text_metrics_with_cache = original


def save_figure(
    fig,
    name: str,
    out_dir: str | os.PathLike | None = None,
    formats: Iterable[str] = ("png", "svg"),
    *,
    caption: str = "",
    notebook: str | None = None,
    dpi: int = DPI,
) -> list[Path]:
    """Save ``fig`` as ``name.png`` / ``name.svg`` without timestamps or version metadata.

    ``name`` is a file stem such as ``01-outline`` (letters, digits, ``-``, ``_``, ``.``); the
    notebook is taken from ``notebook``, else ``$ZHD_NOTEBOOK``, else from the ``NN-`` prefix of the
    name. The figure is recorded with its caption in ``figures.json`` in the output folder. Returns
    the written paths. Use ``formats=("png",)`` for images that are not charts (word clouds).
    """
    if not _NAME.match(name):
        raise ZhDiscourseError(f"bad figure name {name!r}: use letters, digits, '-', '_' and '.' only")
    formats = tuple(formats)
    bad = [f for f in formats if f not in _CHART_FORMATS]
    if bad or not formats:
        raise ZhDiscourseError(f"unsupported figure format(s) {bad or formats}; use {', '.join(_CHART_FORMATS)}")
    out = output_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with matplotlib.rc_context({k: v for k, v in rc_params().items() if k.startswith(("svg.", "pdf.", "path."))}), \
            _shared_text_metrics(), _text_extents_per_arrow(), _without_placeholder_layout(fig):
        bbox = tight_bbox(fig, dpi)
        for fmt in formats:
            target = out / f"{name}.{fmt}"
            if fmt == "png":
                meta = {"Software": None}
            elif fmt == "svg":
                meta = {"Date": None, "Creator": None, "Format": None, "Type": None}
            else:
                meta = {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}
            fig.savefig(target, format=fmt, dpi=dpi, metadata=meta, bbox_inches=bbox, facecolor="white",
                        backend=PNG_WRITER if fmt == "png" else None)
            written.append(target)
    record_figure(name, [p.name for p in written], caption=caption,
                  notebook=_infer_notebook(name) if notebook is None else notebook, out_dir=out)
    _show_saved(fig, written, dpi)
    return written


def _inline_kernel() -> bool:
    """Whether figures are being shown by the inline backend of a Jupyter kernel."""
    import sys

    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None and "inline" in matplotlib.get_backend()


def _show_saved(fig, written: list[Path], dpi: int) -> None:
    """In a kernel with the inline backend: display the saved PNG (at the figure's size, 100 px per
    inch, as the inline backend shows figures) and close the figure, so it is not drawn again."""
    png = next((p for p in written if p.suffix == ".png"), None)
    if png is None or not _inline_kernel():
        return
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    data = png.read_bytes()
    width = int.from_bytes(data[16:20], "big")  # the IHDR chunk: width in pixels
    display(Image(data=data, format="png", width=max(1, round(width * 100 / dpi))))
    plt.close(fig)


def empty_panel(note: str, *, title: str = "", figsize: tuple[float, float] = (7.5, 2.4)):
    """A figure with one blank panel that says why there is nothing to draw.

    Plotting helpers return it instead of raising when a text gives them no data (a short text with
    no term frequent enough, a text without parts), so that a notebook run on any text still saves
    every figure it promises, each one explaining itself.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize)
    ax.text(0.5, 0.5, note, ha="center", va="center", wrap=True, fontsize=10, color="#555555",
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------------
# Manifest and generated README
# --------------------------------------------------------------------------------------------------


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    lock = out / ".figures.lock"
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: notebooks run one at a time there
        yield
        return
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def read_manifest(out_dir: str | os.PathLike | None = None) -> list[dict]:
    """The figures recorded in ``figures.json`` (sorted by name); empty when there is none."""
    f = output_dir(out_dir) / MANIFEST_NAME
    if not f.is_file():
        return []
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ZhDiscourseError(f"{f}: not valid JSON ({exc.msg})") from exc
    return list(data.get("figures", []))


def _write_manifest(out: Path, figures: list[dict]) -> None:
    figures = sorted(figures, key=lambda r: r["name"])
    text = json.dumps({"figures": figures}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    tmp = out / (MANIFEST_NAME + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out / MANIFEST_NAME)


def record_figure(name: str, files: list[str], *, caption: str = "", notebook: str = "",
                  out_dir: str | os.PathLike | None = None) -> dict:
    """Add or replace one figure's entry in the manifest; return the entry."""
    out = output_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entry = {"name": name, "notebook": notebook, "caption": " ".join(caption.split()), "files": sorted(files)}
    with _locked(out):
        figures = [r for r in read_manifest(out) if r.get("name") != name]
        figures.append(entry)
        _write_manifest(out, figures)
    return entry


def clear_manifest(out_dir: str | os.PathLike | None = None, *, delete_files: bool = False) -> list[str]:
    """Empty the manifest; with ``delete_files`` also delete the files it lists. Returns those names."""
    out = output_dir(out_dir)
    names = [f for r in read_manifest(out) for f in r.get("files", [])]
    if delete_files:
        for n in names:
            p = out / n
            if p.is_file() and p.parent == out:
                p.unlink()
    if (out / MANIFEST_NAME).exists():
        (out / MANIFEST_NAME).unlink()
    return names


def figures_readme(figures: list[dict], *, title: str = "Figures", note: str = "") -> str:
    """Markdown listing every figure with its notebook and caption (the text of figures/README.md)."""
    lines = [f"# {title}", "",
             "<!-- Generated by zhdiscourse.plots.base.write_figures_readme from figures.json; do not edit. -->", ""]
    if note:
        lines += [note, ""]
    lines += [f"{len(figures)} figures.", "", "| Figure | Notebook | Caption | Files |", "|---|---|---|---|"]
    for r in sorted(figures, key=lambda r: r["name"]):
        files = " · ".join(f"[{Path(f).suffix.lstrip('.')}]({f})" for f in r.get("files", []))
        nb = r.get("notebook") or ""
        nb_link = f"[{nb}](../notebooks/{nb}.ipynb)" if nb else ""
        cap = (r.get("caption") or "").replace("|", "\\|")
        lines.append(f"| `{r['name']}` | {nb_link} | {cap} | {files} |")
    return "\n".join(lines) + "\n"


def write_figures_readme(out_dir: str | os.PathLike | None = None, *, note: str = "") -> Path:
    """(Re)generate ``README.md`` in the figures folder from its ``figures.json``."""
    out = output_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / README_NAME
    target.write_text(figures_readme(read_manifest(out), note=note), encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------------------------------


def glossary_path() -> Path:
    """The glossary in effect (bundled with the package, or from the lexicon override folder)."""
    return lexicon_file(GLOSSARY)


@lru_cache(maxsize=8)
def _read_glossary(path: str, mtime: float) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(rows)
    if not reader.fieldnames or not {"term", "gloss"} <= set(reader.fieldnames):
        raise ZhDiscourseError(f"{path}: the glossary needs the columns term,gloss")
    for row in reader:
        term, gloss = (row.get("term") or "").strip(), (row.get("gloss") or "").strip()
        if term and gloss:
            out[term] = gloss
    return out


def glossary(path: str | os.PathLike | None = None) -> dict[str, str]:
    """``{term: English gloss}`` from ``src/zhdiscourse/lexicon/glossary.csv`` (lines starting ``#`` are comments)."""
    p = paths.resolve(path) if path is not None else glossary_path()
    if not p.is_file():
        raise ZhDiscourseError(f"glossary not found: {p}")
    return dict(_read_glossary(str(p), p.stat().st_mtime))


def gloss(term: str, path: str | os.PathLike | None = None) -> str | None:
    """The English gloss of ``term``, or ``None``."""
    return glossary(path).get(term)


def label_with_gloss(term: str, sep: str = " ", *, glosses: dict[str, str] | None = None) -> str:
    """``term (gloss)`` when the glossary knows the term, else ``term``. ``sep="\\n"`` stacks them.
    Brackets inside the gloss become square brackets, so labels never show double parentheses."""
    g = (glosses if glosses is not None else glossary()).get(term)
    if not g:
        return term
    # a gloss with its own brackets, "treat (patients)", keeps them as square ones: 救治 (treat [patients])
    return f"{term}{sep}({g.replace('(', '[').replace(')', ']')})"
