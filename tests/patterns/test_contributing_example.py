"""CONTRIBUTING.md's worked example, run as written: a new detector is one file and one registry entry,
and the JSON, the CLI, the report and the corpus profiles all pick it up."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from zhdiscourse.cli import main
from zhdiscourse.patterns import patterns_report, registry
from zhdiscourse.patterns.profile import pattern_profile
from zhdiscourse.patterns.registry import Detector
from zhdiscourse.report import build_report
from zhdiscourse.text.corpus import load_jsonl

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("同志们：\n一、形势\n我们取得了成绩。难道我们可以松懈吗？我们必须坚持。\n"
        "二、任务\n要复工复产。岂能半途而废？要保障就业。")


def _block(name: str) -> str:
    doc = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {name} -->\s*```python\n(.*?)```", doc, re.S)
    assert m, f"CONTRIBUTING.md has no example block {name!r}"
    return m.group(1)


@pytest.fixture
def with_example(monkeypatch):
    spec = importlib.util.spec_from_loader("zhdiscourse.patterns.questions", loader=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "zhdiscourse.patterns"
    exec(compile(_block("detector"), "questions.py", "exec"), mod.__dict__)
    monkeypatch.setitem(sys.modules, "zhdiscourse.patterns.questions", mod)
    entry = eval(_block("entry").strip().rstrip(","), {"Detector": Detector, **mod.__dict__})
    monkeypatch.setattr(registry, "REGISTRY", registry.REGISTRY + (entry,))
    return entry


def test_the_new_detector_reaches_the_json_the_cli_the_report_and_the_profiles(with_example, tmp_path, capsys):
    rep = patterns_report(TEXT)
    assert [r["text"] for r in rep["rhetorical_questions"]] == ["难道我们可以松懈吗？", "岂能半途而废？"]
    src = tmp_path / "t.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["patterns", str(src), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rhetorical_questions"]) == 2
    assert main(["patterns", str(src)]) == 0
    assert "Rhetorical questions (2)" in capsys.readouterr().out
    res = build_report(src, tmp_path / "out", quiet=True, jobs=1, steps=("structure", "rhetorical_questions"))
    assert "rhetorical_questions" in res.steps_run
    assert (tmp_path / "out" / "tables" / "rhetorical_questions.csv").is_file()
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(json.dumps({"title": "甲", "year": 2001, "content": TEXT}, ensure_ascii=False),
                           encoding="utf-8")
    prof = pattern_profile(load_jsonl(corpus_file), jobs=1, cache_dir=tmp_path / "cache")
    assert prof["rhetorical_questions"].tolist() == [2] and "rhetorical_questions_per_1k" in prof


def test_without_the_entry_nothing_knows_the_detector():
    assert "rhetorical_questions" not in patterns_report(TEXT)
