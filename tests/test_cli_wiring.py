"""Commands that accept a corpus wherever they accept a text, and cross-area options."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(*args):
    return subprocess.run([sys.executable, "-m", "zhdiscourse", *args], capture_output=True, text=True)


def test_freq_accepts_a_folder_corpus_by_doc(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("我们要坚持稳中求进。要保就业。", encoding="utf-8")
    (folder / "b.txt").write_text("必须坚决打赢脱贫攻坚战。", encoding="gbk")
    r = _run("freq", str(folder), "--by", "doc", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    rows = rows[next(iter(rows))] if isinstance(rows, dict) else rows
    docs = {row["doc"] for row in rows}
    assert len(docs) == 2
    assert any(row["token"] == "要" for row in rows)


def test_freq_by_year_on_a_single_text_is_a_one_line_error(speech_path):
    r = _run("freq", str(speech_path), "--by", "year")
    assert r.returncode == 2 and "needs a corpus" in r.stderr and "Traceback" not in r.stderr


def test_keyness_against_a_reference_corpus(tmp_path):
    ref = tmp_path / "ref.jsonl"
    lines = [
        {"title": f"报告{y}", "url": "", "year": y,
         "content": "我们要发展经济。经济建设是中心。改革开放不断深化。" * 20}
        for y in (2001, 2002)
    ]
    ref.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    text = tmp_path / "speech.txt"
    text.write_text("疫情防控要抓紧。疫情防控要抓实。疫情防控要抓细。" * 5 + "经济要发展。", encoding="utf-8")
    r = _run("keyness", str(text), "--reference", str(ref), "--min-freq", "3", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    rows = out[next(iter(out))] if isinstance(out, dict) else out
    top = max(rows, key=lambda row: row["g2"])
    assert top["term"] in {"疫情防控", "抓紧", "抓实", "抓细"}
