"""The command line on the input a new user brings (issue 12): every case gives a result or one line on
stderr (exit status 2), never a traceback, and nothing is written beside the input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_run import command

from zhdiscourse.report import build_report
from zhdiscourse.text.numerals import numeral

HEADED = "一、总体要求\n\n我们要坚持稳中求进。要保就业。必须抓落实。\n\n二、重点任务\n\n必须坚决打赢脱贫攻坚战。要抓紧。要抓实。\n"
TRAD = "一、總體要求\n\n我們必須堅持穩中求進。應該保就業。\n\n二、重點任務\n\n絕不能放鬆。要抓緊。\n"
TWO = ("第一份报告\n——在某某会议上的报告\n\n（2017年10月18日）\n\n一、回顾\n\n我们做了工作。\n\n二、任务\n\n要继续努力。\n\n"
       "第二份报告\n——在另一次会议上的报告\n\n（2018年3月5日）\n\n一、形势\n\n形势很好。\n\n二、部署\n\n要抓落实。\n")


def _run(*args, timeout=None):
    """``python -m zhdiscourse ARGS``: in a process of its own when a ``timeout`` must stop a hang, else in
    this process (``cli_run.command``, the same exit code and output without an interpreter's start-up)."""
    if timeout is None:
        return command(*args)
    return subprocess.run([sys.executable, "-m", "zhdiscourse", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def _one_line_error(r):
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith("zhdiscourse: error: ")


def test_traditional_text_is_converted_and_says_so(tmp_path):
    p = tmp_path / "trad.txt"
    p.write_text(TRAD, encoding="utf-8")
    r = _run("structure", p, "--json")
    assert r.returncode == 0, r.stderr
    notes = [line for line in r.stderr.splitlines() if "converted" in line]
    assert len(notes) == 1 and "traditional" in notes[0]
    d = json.loads(r.stdout)
    assert [s["title"] for s in d["sections"]] == ["总体要求", "重点任务"]
    r = _run("patterns", p, "--json")
    found = {m["marker"] for m in json.loads(r.stdout)["directives"]}
    assert {"必须", "应该"} <= found  # 必須, 應該 in the file


def test_japanese_is_refused(tmp_path):
    p = tmp_path / "ja.txt"
    p.write_text("東京都では、今日から新しい制度が始まりました。詳しくはこちらをご覧ください。", encoding="utf-8")
    r = _run("freq", p)
    _one_line_error(r)
    assert "Japanese" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _one_line_error(_run("structure", fifo, timeout=60))


def test_utf16_without_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(HEADED.encode("utf-16-le"))
    r = _run("structure", p, "--json")
    assert r.returncode == 0, r.stderr
    assert [s["title"] for s in json.loads(r.stdout)["sections"]] == ["总体要求", "重点任务"]


def test_more_than_a_hundred_headings(tmp_path):
    p = tmp_path / "many.txt"
    p.write_text("引言。\n" + "".join(f"{numeral(i)}、第{i}项\n要做好。\n" for i in range(1, 106)), encoding="utf-8")
    r = _run("structure", p, "--json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["sections"]) == 105


def test_two_documents_in_one_file_run_per_document(tmp_path):
    p = tmp_path / "two.txt"
    p.write_text(TWO, encoding="utf-8")
    r = _run("structure", p, "--json")
    assert r.returncode == 0, r.stderr
    assert "holds 2 documents" in r.stderr
    docs = json.loads(r.stdout)["documents"]
    assert [d["title"] for d in docs] == ["第一份报告", "第二份报告"]
    assert [[s["title"] for s in d["result"]["sections"]] for d in docs] == [["回顾", "任务"], ["形势", "部署"]]
    r = _run("report", p, "--out", tmp_path / "out")
    _one_line_error(r)
    assert "2 documents" in r.stderr and not (tmp_path / "out").exists()


def test_nothing_is_written_beside_the_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    p = folder / "text.txt"
    p.write_text(TRAD, encoding="utf-8")
    before = sorted(os.listdir(folder))
    for cmd in (("structure",), ("freq",), ("tokens", "--json"), ("patterns",), ("kwic", "要")):
        r = _run(cmd[0], p, *cmd[1:])
        assert r.returncode == 0, (cmd, r.stderr)
    assert sorted(os.listdir(folder)) == before
    assert p.read_text(encoding="utf-8") == TRAD


def test_report_into_the_folder_of_an_earlier_report_removes_its_tables(tmp_path, capfd):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HEADED, encoding="utf-8")
    b.write_text("我们要加强学习。要提高认识，要狠抓落实。\n必须坚持问题导向。学习工作要有计划。\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build_report(a, out, quiet=True, jobs=1, steps=("structure", "keyness"))
    assert (out / "tables" / "keyness.csv").exists() and first.removed == []
    capfd.readouterr()
    second = build_report(b, out, quiet=True, jobs=1, steps=("structure", "keyness"))
    assert not (out / "tables" / "keyness.csv").exists()  # b has no parts: no keyness table of a's parts
    assert (out / "tables" / "keyness.csv") in second.removed
    assert "removed" in capfd.readouterr().err
    on_disk = {p.name for p in (out / "tables").iterdir()}
    assert on_disk == {p.name for p in second.tables.values()}


def test_report_refuses_a_folder_with_other_files(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(HEADED, encoding="utf-8")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.docx").write_text("my own file", encoding="utf-8")
    _one_line_error(_run("report", a, "--out", out))
    assert (out / "notes.docx").read_text(encoding="utf-8") == "my own file"
