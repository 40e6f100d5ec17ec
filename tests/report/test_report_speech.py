"""End-to-end: ``zhdiscourse report`` on the study's speech (one build shared by the tests)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from zhdiscourse.report import STEP_NAMES, build_report


@pytest.fixture(scope="module")
def result(tmp_path_factory, speech_path):
    return build_report(speech_path, tmp_path_factory.mktemp("report"), quiet=True, strict=True)


def test_every_step_runs_on_the_speech(result):
    assert [s.name for s in result.steps] == list(STEP_NAMES)
    assert result.steps_run == list(STEP_NAMES), result.steps_skipped + result.steps_failed
    assert result.unit == "section" and "4 parts" in result.unit_note


def test_files_exist_and_json_parses(result):
    out = result.out_dir
    assert result.html == out / "report.html" and result.html.stat().st_size > 10_000
    for name in ("outline", "tokens", "frequencies", "tfidf_top_terms", "keyness", "keywords", "similarity",
                 "contrast", "topic_terms", "topic_shares", "directive_profile", "yao_runs", "frames",
                 "parallelisms", "enumerations"):
        assert (out / "tables" / f"{name}.csv").stat().st_size > 0, name
    for p in out.rglob("*.json"):
        json.loads(p.read_text(encoding="utf-8"))
    summary = json.loads(result.summary.read_text(encoding="utf-8"))
    assert summary["parts"] == 4 and summary["unit"] == "section"
    assert {s["name"]: s["status"] for s in summary["steps"]} == {n: "run" for n in STEP_NAMES}
    structure = json.loads((out / "tables" / "structure.json").read_text(encoding="utf-8"))
    assert [len(p["subsections"]) for p in structure["parts"]] == [7, 7, 8, 3]
    pats = json.loads((out / "tables" / "patterns.json").read_text(encoding="utf-8"))
    from zhdiscourse.patterns.registry import REGISTRY

    assert set(pats) == {d.name for d in REGISTRY} >= {"modal_yao", "directives", "yao_runs", "frames",
                                                         "parallelisms", "enumerations", "addressees", "subjects"}


def test_figures_are_png_and_embedded(result):
    html = result.html.read_text(encoding="utf-8")
    assert len(result.figures) >= 12
    for name, path in result.figures.items():
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000, name
        assert path.parent == result.out_dir / "figures"
    assert html.count('src="data:image/png;base64,') == len(result.figures)


def test_html_is_self_contained(result):
    html = result.html.read_text(encoding="utf-8")
    srcs = re.findall(r'\bsrc\s*=\s*"([^"]*)"', html)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert all(h.startswith("#") for h in re.findall(r'\bhref\s*=\s*"([^"]*)"', html))
    assert "<link" not in html and "@import" not in html
    # one inline script (the sortable tables), nothing loaded
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [""] and "XMLHttpRequest" not in html and "fetch(" not in html
    assert "http://" not in html and "https://" not in html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    from zhdiscourse.study.site import external_resources

    assert external_resources(html) == []


def test_html_embeds_its_font_and_reads_well(result):
    import base64
    import io

    from fontTools.ttLib import TTFont

    from zhdiscourse.plots.webfont import FAMILY

    html = result.html.read_text(encoding="utf-8")
    # the Chinese of the page is drawn from the embedded subset of Noto Sans SC, not from a system font
    data = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    han = {ch for ch in html if "\u4e00" <= ch <= "\u9fff"}
    assert han and all(ord(ch) in cmap for ch in han)
    assert f"font-family:'{FAMILY}'" in html and len(data) < 800_000
    # numbers and headers never break inside a token
    assert "overflow-wrap:anywhere" not in html and "td.num{" in html and "white-space:nowrap" in html
    assert re.search(r'<td class="num">\d', html)
    # glosses beside Chinese terms, notation explained
    assert '疫情防控<span class="gloss">epidemic prevention and control</span>' in html
    assert "How to read the tables" in html and "□" in html and "a slot in a frame" in html
    assert '<nav class="toc">' in html and 'href="#keyness"' in html


def test_offsets_in_tables_point_into_the_text(result, speech):
    t = speech.text
    for name in ("parallelisms", "enumerations", "frames"):
        df = pd.read_csv(result.out_dir / "tables" / f"{name}.csv", keep_default_na=False)
        assert len(df), name
        assert all(t[a:b] == x for a, b, x in zip(df.start, df.end, df.text)), name
    my = pd.read_csv(result.out_dir / "tables" / "modal_yao.csv")
    assert all(t[a:b] == "要" for a, b in zip(my.start, my.end))


def test_report_parallelisms_are_the_detectors(result, speech):
    from zhdiscourse.patterns import parallelisms, patterns_report

    pats = json.loads((result.out_dir / "tables" / "patterns.json").read_text(encoding="utf-8"))
    from zhdiscourse.patterns.registry import detector

    fields = detector("parallelisms").fields
    assert pats["parallelisms"] == [{**{k: p[k] for k in fields},
                                     "members": [{k: m[k] for k in ("text", "start", "end")} for m in p["members"]]}
                                    for p in parallelisms(speech)]
    assert pats == patterns_report(speech)  # the report's JSON is the CLI's: one schema


def test_toolkit_sections(result, speech):
    """The collocates, the sortable concordance and the discourse tables of issue 15."""
    out = result.out_dir / "tables"
    co = pd.read_csv(out / "collocates.csv")
    assert len(co) and (co["observed"] == co["left"] + co["right"]).all() and co["node"].nunique() == 1
    kw = pd.read_csv(out / "kwic.csv", keep_default_na=False)
    assert {"1L", "2L", "1R", "2R", "section", "subsection"} <= set(kw.columns)
    assert kw["1R"].tolist() == sorted(kw["1R"])  # sorted by the word after the node
    assert all(speech.text[a:b] == k for a, b, k in zip(kw["start"], kw["end"], kw["keyword"]))
    for name in ("agency", "addressees_by_part", "directive_voice_by_part", "lexicon_war_rates", "diversity",
                 "collocation_edges"):
        assert len(pd.read_csv(out / f"{name}.csv")), name
    for fig in ("collocation-network", "agency", "addressees", "directive-voice", "lexicon-war", "diversity"):
        assert fig in result.figures, fig
    html = result.html.read_text(encoding="utf-8")
    assert html.count('<table class="sortable">') >= 30 and "Click a column header to sort" in html
