"""CLI of the token area: tokens, kwic, freq, ngrams, collocations, dispersion, dictchanges."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cli_run import run


def test_tokens_json(capsys, speech_path, speech):
    code, out, _ = run(capsys, "tokens", str(speech_path), "--json")
    assert code == 0
    data = json.loads(out)
    toks = data["tokens"]
    assert set(toks[0]) == {"text", "pos", "start", "end", "sentence", "section"}
    assert all(speech.text[t["start"]:t["end"]] == t["text"] for t in toks)
    assert {t["section"] for t in toks} == {None} | {s.number for s in speech.sections}


def test_tokens_csv_and_table(capsys, speech_path):
    code, out, _ = run(capsys, "tokens", str(speech_path), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["token"] and "is_stop" in rows[0]
    code, out, _ = run(capsys, "tokens", str(speech_path))
    assert code == 0 and "token" in out.splitlines()[0]


def test_kwic(capsys, speech_path):
    code, out, _ = run(capsys, "kwic", str(speech_path), "复工复产", "--window", "3", "--json")
    rows = json.loads(out)["kwic"]
    assert code == 0 and len(rows) == 13 and rows[0]["keyword"] == "复工复产"
    code, out, _ = run(capsys, "kwic", str(speech_path), r"应(.)尽\1", "--regex", "--csv")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) >= 5
    code, out, err = run(capsys, "kwic", str(speech_path), "(", "--regex")
    assert code == 2 and err.startswith("zhdiscourse: error:") and len(err.strip().splitlines()) == 1


def test_freq(capsys, speech_path):
    code, out, _ = run(capsys, "freq", str(speech_path), "--by", "section", "--top", "2", "--no-stopwords", "--json")
    rows = json.loads(out)["frequencies"]
    assert code == 0 and {r["section"] for r in rows} >= {"一", "二", "三", "四"}
    assert max(r["rank"] for r in rows) == 2
    code, out, _ = run(capsys, "freq", str(speech_path), "--csv", "--top", "5")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 5


@pytest.mark.parametrize("cmd", [["ngrams", "-n", "2", "--top", "3"], ["collocations", "--top", "3"],
                                 ["collocations", "--measure", "pmi", "--top", "3"],
                                 ["dispersion", "复工复产", "脱贫攻坚"], ["dictchanges", "--top", "3"]])
def test_other_commands_in_three_formats(capsys, speech_path, cmd):
    name, *rest = cmd
    for fmt in ([], ["--json"], ["--csv"]):
        code, out, err = run(capsys, name, str(speech_path), *rest, *fmt)
        assert code == 0, err
        assert out.strip()
        if fmt == ["--json"]:
            json.loads(out)


def test_missing_file_is_one_line_error(capsys, tmp_path):
    code, _, err = run(capsys, "freq", str(tmp_path / "nope.txt"))
    assert code == 2 and len(err.strip().splitlines()) == 1
