"""``zhdiscourse report`` on texts written here: one with 一、 and （一） headings, one without headings.
Their reports are built once for this module and ``test_report_lanes.py`` (``conftest.py``), which also
checks that two processes give the files of one on both texts."""

from __future__ import annotations

import json

import pytest

from zhdiscourse.cli import main
from zhdiscourse.report import build_report

HEADED = """关于做好春季学习工作的通知

各单位：
为做好春季学习工作，现将有关事项通知如下。
一、总体要求
要坚持问题导向，要坚持目标导向，要坚持结果导向。学习工作必须抓紧抓实。我们完成了去年的任务。
（一）提高认识。要充分认识学习的重要意义。各单位要高度重视，切实加强领导。学习是提高能力的基础。
（二）明确目标。要把学习任务落到实处。要把学习成果转化为工作能力。学习目标必须清楚具体。
二、主要任务
（一）加强理论学习。要读原著、学原文、悟原理。理论学习要有计划，理论学习要有检查，理论学习要有总结。
（二）加强业务学习。要学业务、学技能、学管理。业务学习必须联系实际，坚决反对形式主义。
（三）加强调查研究。一是深入基层，二是深入群众，三是深入一线。调查研究要有问题意识。
三、工作要求
（一）加强组织领导。各单位要成立学习小组，主要负责同志要亲自抓。组织领导必须到位。
（二）严格督促检查。要定期检查学习情况，要及时通报检查结果。对学习不认真的要严肃批评。
"""

PLAIN = ("我们要加强学习。要提高认识，要狠抓落实。各地区要高度重视学习工作。\n"
         "必须坚持问题导向。要坚决反对形式主义，要坚决反对官僚主义。学习工作要有计划。\n"
         "我们完成了去年的学习任务。学习成果要转化为工作能力。\n")


def test_headed_text_is_analysed_by_parts(headed_two):
    """The headed notice as the CLI's default makes it (``jobs=2``; ``conftest.py``)."""
    src, res = headed_two.src, headed_two.res
    assert res.unit == "section" and "3 parts" in res.unit_note
    structure = json.loads((res.out_dir / "tables" / "structure.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in structure["parts"]] == ["一", "二", "三"]
    assert [len(p["subsections"]) for p in structure["parts"]] == [2, 3, 2]
    assert [p["title"] for p in structure["parts"]] == ["总体要求", "主要任务", "工作要求"]
    for name in ("structure", "tokens", "tfidf", "keyness", "contrast", "directive_profile", "parallelisms",
                 "enumerations"):
        assert name in res.steps_run, (name, res.steps_skipped, res.steps_failed)
    assert not res.steps_failed
    html = res.html.read_text(encoding="utf-8")
    assert "总体要求" in html and "Part 一 against part 三".lower() in html.lower()
    assert html.count("data:image/png;base64,") == len(res.figures) >= 8
    # offsets of the patterns found in the made-up text
    text = src.read_text(encoding="utf-8")
    pats = json.loads((res.out_dir / "tables" / "patterns.json").read_text(encoding="utf-8"))
    assert pats["enumerations"] and pats["parallelisms"] and pats["modal_yao"]
    for kind in ("enumerations", "parallelisms"):
        for inst in pats[kind]:
            for m in inst["members"]:
                assert text[m["start"]:m["end"]] == m["text"]
    assert all(text[y["start"]:y["end"]] == "要" for y in pats["modal_yao"])


def test_text_without_headings_says_so(plain_one):
    _src, res = plain_one
    assert res.unit == "sentence"
    html = res.html.read_text(encoding="utf-8")
    assert "no parts" in html and "analysed by sentences" in html
    skipped = dict(res.steps_skipped)
    assert "needs at least two parts" in skipped["keyness"] and "needs at least two parts" in skipped["contrast"]
    assert "tfidf" in res.steps_run and "parallelisms" in res.steps_run and "directive_profile" in res.steps_run
    assert not res.steps_failed
    summary = json.loads(res.summary.read_text(encoding="utf-8"))
    assert summary["unit"] == "sentence"
    assert {s["name"]: s["status"] for s in summary["steps"]}["keyness"] == "skipped"
    assert "Skipped:" in html  # every skipped step is shown with its reason


def test_a_failing_step_is_reported_not_raised(tmp_path, monkeypatch):
    from zhdiscourse.report import builder as report

    def boom(self, st, det):
        raise RuntimeError("boom")

    monkeypatch.setattr(report._Builder, "detector_step", boom)
    src = tmp_path / "plain.txt"
    src.write_text(PLAIN, encoding="utf-8")
    res = build_report(src, tmp_path / "out", quiet=True, steps=("structure", "frames"), jobs=1)
    assert res.steps_failed == [("frames", "RuntimeError: boom")]
    assert "structure" in res.steps_run and res.html.exists()
    with pytest.raises(RuntimeError):
        build_report(src, tmp_path / "out2", quiet=True, steps=("frames",), jobs=1, strict=True)


def test_cli(plain_two, tmp_path, capsys, monkeypatch):
    """The report of the text without headings made by the command line with its defaults (``conftest.py``;
    ``test_report_lanes.py`` checks its files against a run in one process); ``--jobs 1`` reaches
    ``build_report``; bad input gives one line and status 2."""
    from zhdiscourse.cli import report as report_command

    assert plain_two.status == 0
    out = plain_two.out
    assert "report.html" in out and "skipped keyness" in out and "analysed by sentences" in out
    given = {}
    with monkeypatch.context() as mp:  # the options as build_report gets them; its report is the one above
        mp.setattr(report_command, "build_report", lambda *a, **kw: given.update(kw) or plain_two.res)
        assert main(["report", str(plain_two.src), "--out", str(tmp_path / "o1"), "--quiet", "--jobs", "1"]) == 0
    assert given["jobs"] == 1 and given["quiet"] and capsys.readouterr().out == out
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o2")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("zhdiscourse: error:") and "\n" not in err
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["report", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o3")]) == 2


def test_a_relative_out_folder_is_taken_from_the_cwd(tmp_path, monkeypatch):
    """All of the report — its figures too — goes into the folder the user named, never under the project."""
    from zhdiscourse import paths

    src = tmp_path / "plain.txt"
    src.write_text(PLAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    name = "zhd-relative-report-test"
    res = build_report("plain.txt", name, quiet=True, strict=True, steps=("structure",), jobs=1)
    assert res.out_dir == tmp_path / name
    assert res.figures and all(p.parent == tmp_path / name / "figures" and p.is_file() for p in res.figures.values())
    assert not (paths.project_root() / name).exists()
