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
