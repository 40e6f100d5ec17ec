"""save_figure writes byte-identical PNG and SVG, records a manifest, and the README is generated."""

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from zhdiscourse.errors import ZhDiscourseError  # noqa: E402
from zhdiscourse.plots import base  # noqa: E402


def make_figure():
    base.setup_fonts()
    fig, (a, b) = plt.subplots(1, 2, figsize=(6, 3))
    a.bar(["疫情防控", "要", "必须"], [30, 50, 12], color="#0072B2")
    a.set_title("Directives 要")
    b.plot(np.arange(20), np.sin(np.arange(20) / 3))
    b.fill_between(np.arange(20), 0, np.cos(np.arange(20) / 3), alpha=0.3)  # clip paths → hashed ids
    b.set_xlabel(base.label_with_gloss("疫情防控"))
    return fig


def save_twice(tmp_path, **kw):
    out = []
    for i in (1, 2):
        fig = make_figure()
        out.append(base.save_figure(fig, "01-test", out_dir=tmp_path / f"run{i}", caption="A test.", **kw))
        plt.close(fig)
    return out


def test_same_figure_twice_gives_identical_bytes(tmp_path):
    first, second = save_twice(tmp_path)
    assert [p.suffix for p in first] == [".png", ".svg"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_no_timestamps_or_versions(tmp_path):
    png, svg = save_twice(tmp_path)[0]
    pb, sb = png.read_bytes(), svg.read_text(encoding="utf-8")
    assert b"Software" not in pb and b"tIME" not in pb and b"matplotlib" not in pb.lower()
    assert "<dc:date>" not in sb and "Matplotlib" not in sb and "<metadata>" not in sb
    assert "<text" not in sb  # glyphs are paths: no dependency on the viewer's fonts


def test_random_salt_would_break_svg(tmp_path):
    """Without the fixed hash salt the SVG ids differ run to run: this is what the test above guards."""
    outs = []
    for i in (1, 2):
        fig = make_figure()
        with matplotlib.rc_context({"svg.hashsalt": None}):
            fig.savefig(tmp_path / f"r{i}.svg", format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        outs.append((tmp_path / f"r{i}.svg").read_bytes())
    assert outs[0] != outs[1]


def test_manifest_and_generated_readme(tmp_path):
    fig = make_figure()
    base.save_figure(fig, "02-b", out_dir=tmp_path, caption="Second | one.", notebook="02-words")
    base.save_figure(fig, "01-a", out_dir=tmp_path, formats=("png",), caption="First.", notebook="01-x")
    base.save_figure(fig, "01-a", out_dir=tmp_path, formats=("png",), caption="First again.", notebook="01-x")
    plt.close(fig)
    data = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in data["figures"]] == ["01-a", "02-b"]
    assert data["figures"][0] == {"name": "01-a", "notebook": "01-x", "caption": "First again.", "files": ["01-a.png"]}
    readme = base.write_figures_readme(tmp_path).read_text(encoding="utf-8")
    assert "2 figures." in readme and "First again." in readme and "Second \\| one." in readme
    assert readme.index("`01-a`") < readme.index("`02-b`")
    assert "[svg](02-b.svg)" in readme and "../notebooks/02-words.ipynb" in readme


def test_out_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHD_OUT", str(tmp_path / "env"))
    monkeypatch.setenv("ZHD_NOTEBOOK", "07-env")
    fig = make_figure()
    paths_ = base.save_figure(fig, "x-fig", formats=("svg",))
    plt.close(fig)
    assert paths_ == [tmp_path / "env" / "x-fig.svg"]
    assert base.read_manifest()[0]["notebook"] == "07-env"


@pytest.mark.parametrize("name,formats", [("../escape", ("png",)), ("ok", ("jpg",)), ("ok", ())])
def test_bad_names_and_formats(tmp_path, name, formats):
    with pytest.raises(ZhDiscourseError):
        base.save_figure(plt.figure(), name, out_dir=tmp_path, formats=formats)
    plt.close("all")


def test_glossary():
    g = base.glossary()
    assert 60 <= len(g) <= 250
    assert g["疫情防控"] == "epidemic prevention and control"
    assert all(t and gl for t, gl in g.items())
    assert base.label_with_gloss("要") == "要 (must / should / need to)"
    assert base.label_with_gloss("疫情防控", "\n").split("\n")[0] == "疫情防控"
    assert base.label_with_gloss("不在词表里") == "不在词表里"


def test_glossary_terms_occur_in_the_speech_or_its_reference_corpus():
    from zhdiscourse import load_text, paths
    from zhdiscourse.text.corpus import open_corpus

    text = load_text(paths.default_text())
    reports = "".join(d.text for d in open_corpus(paths.data_path("reference", "government_work_reports.jsonl")))
    assert [t for t in base.glossary() if t not in text and t not in reports] == []


def test_glosses_never_get_double_brackets():
    assert base.label_with_gloss("救治", glosses={"救治": "treat (patients)"}) == "救治 (treat [patients])"
    assert all("((" not in base.label_with_gloss(t) and "))" not in base.label_with_gloss(t)
               and base.label_with_gloss(t).count("(") == 1 for t in base.glossary())


def test_bad_glossary(tmp_path):
    f = tmp_path / "g.csv"
    f.write_text("# comment\nword,meaning\n要,must\n", encoding="utf-8")
    with pytest.raises(ZhDiscourseError):
        base.glossary(f)
    f.write_text("# comment\nterm,gloss\n要,must\n", encoding="utf-8")
    assert base.glossary(f) == {"要": "must"}


def make_tight_layout_figure():
    """A figure laid out by ``tight_layout`` (matplotlib leaves its placeholder layout engine behind), with
    a label that reaches beyond the figure and a colour image (embedded as PNG in the SVG)."""
    base.setup_fonts()
    fig, (a, b) = plt.subplots(1, 2, figsize=(6, 3))
    a.barh(["疫情防控", "要", "必须坚持统筹推进"], [30, 50, 12], color="#0072B2")
    a.set_title("Directives 要 per 1,000 characters")
    b.imshow(np.arange(12).reshape(3, 4), cmap="viridis")
    b.set_yticks(range(3), ["第一部分", "第二部分", "第三部分"])
    fig.text(1.02, 0.5, "注：超出图外的说明", rotation=90)
    fig.tight_layout()
    return fig


def _pixels(path):
    from PIL import Image

    with Image.open(path) as im:
        return im.mode, im.size, im.info.get("dpi"), np.asarray(im.convert("RGBA"))


def test_png_is_what_savefig_tight_gives(tmp_path):
    """One tight box per figure (``base.tight_bbox``) instead of one per format: the PNG has the pixels
    that ``savefig(bbox_inches="tight", pad_inches=0.1)`` writes, for figures with and without a layout,
    stored as RGB (the figures are opaque), with no text chunk and the same resolution chunk."""
    for make in (make_figure, make_tight_layout_figure):
        fig = make()
        ref = tmp_path / "ref.png"
        fig.savefig(ref, format="png", dpi=base.DPI, metadata={"Software": None}, bbox_inches="tight",
                    pad_inches=base.PAD_INCHES, facecolor="white")
        plt.close(fig)
        fig = make()
        png, _ = base.save_figure(fig, "01-tight", out_dir=tmp_path / make.__name__)
        plt.close(fig)
        (mode, size, dpi, px), (ref_mode, ref_size, ref_dpi, ref_px) = _pixels(png), _pixels(ref)
        assert (mode, ref_mode) == ("RGB", "RGBA") and (size, dpi) == (ref_size, ref_dpi), make.__name__
        assert (ref_px[..., 3] == 255).all() and np.array_equal(px, ref_px), make.__name__
        assert b"tEXt" not in png.read_bytes() and b"zTXt" not in png.read_bytes()


def test_png_writer_keeps_transparency_and_metadata(tmp_path):
    """A figure with transparent pixels keeps its alpha channel (RGBA, as matplotlib writes it); metadata
    is written as matplotlib writes it."""
    from PIL import Image

    fig = make_figure()
    fig.savefig(tmp_path / "t.png", format="png", dpi=50, transparent=True, metadata={"Title": "T"},
                backend=base.PNG_WRITER)
    fig.savefig(tmp_path / "m.png", format="png", dpi=50, transparent=True, metadata={"Title": "T"})
    plt.close(fig)
    with Image.open(tmp_path / "t.png") as ours, Image.open(tmp_path / "m.png") as theirs:
        assert ours.mode == theirs.mode == "RGBA"
        assert ours.text == theirs.text and ours.text["Title"] == "T"
        assert np.array_equal(np.asarray(ours), np.asarray(theirs))


def test_svg_is_cut_to_the_png_box(tmp_path):
    """The SVG gets the PNG's box: same width and height (points at 72 per inch against pixels at
    ``DPI``), including the label beyond the figure's edge."""
    import re

    from PIL import Image

    fig = make_tight_layout_figure()
    png, svg = base.save_figure(fig, "01-box", out_dir=tmp_path)
    with Image.open(png) as im:
        w_px, h_px = im.size
    m = re.search(r'<svg [^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg.read_text(encoding="utf-8"))
    w_pt, h_pt = float(m.group(1)), float(m.group(2))
    assert abs(w_pt / 72 * base.DPI - w_px) <= 1 and abs(h_pt / 72 * base.DPI - h_px) <= 1
    assert w_px > 6 * base.DPI  # the rotated note beyond the right edge is inside the box


def test_saving_leaves_the_figure_and_matplotlib_as_they_were(tmp_path):
    from matplotlib import text as mtext

    before = mtext._get_text_metrics_with_cache
    fig = make_tight_layout_figure()
    engine, size, dpi = fig.get_layout_engine(), tuple(fig.get_size_inches()), fig.dpi
    base.save_figure(fig, "01-state", out_dir=tmp_path)
    assert fig.get_layout_engine() is engine and tuple(fig.get_size_inches()) == size and fig.dpi == dpi
    assert mtext._get_text_metrics_with_cache is before
    # saved again, the same bytes (nothing left over from the first save changes the second)
    first = [p.read_bytes() for p in sorted(tmp_path.glob("01-state.*"))]
    base.save_figure(fig, "01-state", out_dir=tmp_path)
    assert [p.read_bytes() for p in sorted(tmp_path.glob("01-state.*"))] == first
    plt.close(fig)


def _labelled_scatter():
    from zhdiscourse.plots.labels import place_labels

    base.setup_fonts()
    rng = np.random.default_rng(3)
    xs, ys = rng.random(30), rng.random(30)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(xs, ys, s=8)
    place_labels(ax, xs[:12], ys[:12], [f"词语{i}" for i in range(12)], avoid_points=(xs, ys))
    return fig


def test_arrow_clipping_measures_each_text_once_per_arrow_and_changes_no_byte(tmp_path, monkeypatch):
    """Leader lines clipped at their labels: the figure saved with the text boxes measured once per arrow is
    the figure saved without that shortcut, byte for byte (PNG and SVG); afterwards matplotlib is as before."""
    from contextlib import nullcontext

    from matplotlib.patches import FancyArrowPatch
    from matplotlib.text import Text

    before = Text.get_window_extent, FancyArrowPatch._get_path_in_displaycoord
    calls = []
    measure = Text.get_window_extent
    monkeypatch.setattr(Text, "get_window_extent", lambda self, *a, **k: calls.append(1) or measure(self, *a, **k))
    fast = base.save_figure(_labelled_scatter(), "arrows", tmp_path / "fast")
    n_fast = len(calls)
    monkeypatch.setattr(base, "_text_extents_per_arrow", nullcontext)
    calls.clear()
    slow = base.save_figure(_labelled_scatter(), "arrows", tmp_path / "slow")
    assert [p.read_bytes() for p in fast] == [p.read_bytes() for p in slow]
    assert n_fast <= 0.6 * len(calls), (n_fast, len(calls))  # the shortcut is taken
    monkeypatch.undo()
    assert (Text.get_window_extent, FancyArrowPatch._get_path_in_displaycoord) == before
    plt.close("all")
