from __future__ import annotations

import json

from zhdiscourse.cli import main


def test_json_schema(speech_path, capsys):
    assert main(["patterns", str(speech_path), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d) == {"modal_yao", "directives", "yao_runs", "frames", "parallelisms", "enumerations"}
    assert set(d["modal_yao"][0]) == {"start", "end", "sentence", "section"}
    assert set(d["directives"][0]) == {"marker", "start", "end", "section"}
    assert set(d["yao_runs"][0]) == {"start", "end", "sentences", "section"}
    assert set(d["frames"][0]) == {"frame", "members"} and set(d["frames"][0]["members"][0]) == {"text", "start", "end", "slots"}
    assert set(d["parallelisms"][0]) == {"kind", "frame", "section", "members"}
    assert set(d["enumerations"][0]) == {"markers", "members"}
    assert len(d["modal_yao"]) == 123 and len(d["yao_runs"]) == 13


def test_table_and_csv(speech_path, tmp_path, capsys):
    assert main(["patterns", str(speech_path)]) == 0
    out = capsys.readouterr().out
    assert "Runs of 要-initial sentences" in out and "Parallelisms" in out
    assert main(["patterns", str(speech_path), "--csv", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "parallelisms.csv").is_file()


def test_errors_are_one_line(tmp_path, capsys):
    assert main(["patterns", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "frames.txt"
    bad.write_text("x = {X\n", encoding="utf-8")
    txt = tmp_path / "t.txt"
    txt.write_text("要读书。要锻炼。", encoding="utf-8")
    assert main(["patterns", str(txt), "--frames", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "zhdiscourse: error:" in err
