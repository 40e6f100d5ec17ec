"""Commands that accept a corpus wherever they accept a text, and cross-area options."""

from __future__ import annotations

import json

from cli_run import command as _run  # the command in this process, as `python -m zhdiscourse` runs it


def test_freq_accepts_a_folder_corpus_by_doc(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("我们要坚持稳中求进。要保就业。", encoding="utf-8")
    (folder / "b.txt").write_text("必须坚决打赢脱贫攻坚战。", encoding="gbk")
    r = _run("freq", str(folder), "--by", "doc", "--json", "--all-tokens")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["frequencies"]  # one schema: a table under its key
    docs = {row["doc"] for row in rows}
    assert len(docs) == 2
    assert any(row["token"] == "要" for row in rows)
    # by default, content words as in the study: the stopword 要 is not counted
    r = _run("freq", str(folder), "--by", "doc", "--json")
    rows = json.loads(r.stdout)["frequencies"]
    assert r.returncode == 0 and rows and not any(row["token"] == "要" for row in rows)


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
    rows = json.loads(r.stdout)["keyness"]
    top = max(rows, key=lambda row: row["g2"])
    assert top["term"] in {"疫情防控", "抓紧", "抓实", "抓细"}


def _corpus(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("一、总体要求\n我们要坚持稳中求进。要保就业。\n二、重点任务\n必须坚决打赢脱贫攻坚战。要抓紧。\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_bytes("没有标题。要继续努力。\n".encode("gbk"))
    return folder


def test_single_text_commands_run_per_document_on_a_corpus(tmp_path):
    folder = _corpus(tmp_path)
    r = _run("structure", str(folder), "--json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)["documents"]
    assert [d["doc"] for d in docs] == ["a", "b"]
    assert [s["title"] for s in docs[0]["result"]["sections"]] == ["总体要求", "重点任务"]
    assert docs[1]["result"]["sections"] == []


def test_corpus_mode_csv_has_a_doc_column_and_valid_offsets(tmp_path):
    import csv
    import io

    folder = _corpus(tmp_path)
    r = _run("kwic", str(folder), "要", "--csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    texts = {"a": (folder / "a.txt").read_text(encoding="utf-8"), "b": (folder / "b.txt").read_bytes().decode("gbk")}
    assert {row["doc"] for row in rows} == {"a", "b"}
    for row in rows:
        assert texts[row["doc"]][int(row["start"]):int(row["end"])] == row["keyword"]


def test_corpus_mode_skips_documents_a_command_cannot_analyse(tmp_path):
    r = _run("keyness", str(_corpus(tmp_path)), "--min-freq", "1")
    assert r.returncode == 0
    assert "b: skipped" in r.stderr and "== a" in r.stdout


def test_report_refuses_a_corpus(tmp_path):
    r = _run("report", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "takes one text" in r.stderr and "Traceback" not in r.stderr


def test_structure_and_topics_offer_csv(speech_path):
    r = _run("structure", str(speech_path), "--csv")
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "level,section,marker,title,start,end"
    assert sum(1 for line in r.stdout.splitlines()[1:] if line.startswith("2,")) == 25
    r = _run("topics", str(speech_path), "--csv")
    assert r.returncode == 0 and r.stdout.startswith("topic,rank,term,weight")


def test_ngram_length_is_limited_to_2_to_4(speech_path):
    r = _run("ngrams", str(speech_path), "-n", "7")
    assert r.returncode == 2 and "invalid choice" in r.stderr
