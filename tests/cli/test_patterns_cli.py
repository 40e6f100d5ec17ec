from __future__ import annotations

import io
import json

import pandas as pd

from zhdiscourse.cli import main
from zhdiscourse.patterns.registry import REGISTRY


def test_json_schema_is_the_registry(speech_path, capsys):
    """One schema: a key per registered detector, each record with exactly its declared fields."""
    assert main(["patterns", str(speech_path), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert list(d) == [det.name for det in REGISTRY]
    assert list(d)[:6] == ["modal_yao", "directives", "yao_runs", "frames", "parallelisms", "enumerations"]
    assert list(d)[6:] == ["reporting_frames", "directive_voice", "addressees", "subjects"]  # issue 15
    for det in REGISTRY:
        assert isinstance(d[det.name], list) and d[det.name], det.name
        for rec in d[det.name]:
            assert set(rec) == set(det.fields) | ({"members"} if det.members else set()), det.name
            for m in rec.get("members", []):
                assert {"text", "start", "end"} <= set(m) <= {"text", "start", "end", "slots"}
    assert set(d["frames"][0]["members"][0]) == {"text", "start", "end", "slots"}
    assert len(d["modal_yao"]) == 123 and len(d["yao_runs"]) == 13


def test_table_and_csv(speech_path, tmp_path, capsys):
    assert main(["patterns", str(speech_path)]) == 0
    out = capsys.readouterr().out
    for det in REGISTRY:
        assert det.title in out
    assert main(["patterns", str(speech_path), "--csv", str(tmp_path / "out")]) == 0
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.csv")) == sorted(det.name for det in REGISTRY)
    capsys.readouterr()
    assert main(["patterns", str(speech_path), "--csv"]) == 0
    flat = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(flat["detector"]) == {det.name for det in REGISTRY}


def test_errors_are_one_line(tmp_path, capsys):
    assert main(["patterns", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "frames.txt"
    bad.write_text("x = {X\n", encoding="utf-8")
    txt = tmp_path / "t.txt"
    txt.write_text("要读书。要锻炼。", encoding="utf-8")
    assert main(["patterns", str(txt), "--frames", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "zhdiscourse: error:" in err
