"""The tfidf / keyness / topics / similarity / contrast commands, on the speech and on a text without parts."""

from __future__ import annotations

import json

import pytest

from cli_run import run

NO_PARTS = "我们要做好经济工作。企业复工复产要加快。疫情防控不能放松。就业是最大的民生。各级干部要担当作为。政策要落实到位。\n"


@pytest.fixture()
def no_parts(tmp_path):
    p = tmp_path / "noparts.txt"
    p.write_text(NO_PARTS, encoding="utf-8")
    return str(p)


def test_tfidf_json_and_csv(capsys, speech_path):
    rc, out, _ = run(capsys, "tfidf", str(speech_path), "--by", "subsection", "--top", "3", "--json")
    assert rc == 0
    rows = json.loads(out)["tfidf"]
    assert len({r["doc"] for r in rows}) == 25 and max(r["rank"] for r in rows) == 3
    rc, out, _ = run(capsys, "tfidf", str(speech_path), "--csv", "--top", "2")
    assert rc == 0 and out.splitlines()[0].startswith("doc,section,rank,term,tfidf")


def test_keyness_and_contrast_on_speech(capsys, speech_path):
    rc, out, _ = run(capsys, "keyness", str(speech_path), "--min-freq", "5", "--json", "--top", "3")
    rows = json.loads(out)["keyness"]
    assert rc == 0 and {r["direction"] for r in rows} == {"+", "-"}
    assert {"g2", "chi2", "log_ratio", "expected", "p_g2", "p_adj"} <= set(rows[0])
    rc, out, _ = run(capsys, "contrast", str(speech_path), "二", "三", "--csv")
    assert rc == 0 and "医务人员" in out


def test_topics_and_similarity_on_speech(capsys, speech_path):
    rc, out, _ = run(capsys, "topics", str(speech_path), "--k", "3", "--json")
    data = json.loads(out)
    assert rc == 0 and data["k"] == 3 and data["by"] == "segment" and 0 < data["stability"] <= 1
    assert len(data["shares"]) == 4 * 3
    rc, out, _ = run(capsys, "similarity", str(speech_path), "--json")
    assert rc == 0 and len(json.loads(out)["similarity"]) == 6


def test_segments_as_units_on_speech(capsys, speech_path):
    # --by segment: the sub-points and each part's preamble, so the units tile the whole text
    rc, out, _ = run(capsys, "tfidf", str(speech_path), "--by", "segment", "--top", "1", "--json")
    docs = [r["doc"] for r in json.loads(out)["tfidf"]]
    assert rc == 0 and "一.preamble" in docs and "四.preamble" in docs and len(docs) == 30
    rc, out, _ = run(capsys, "keyness", str(speech_path), "--by", "segment", "--top", "1", "--json")
    assert rc == 0 and "四.preamble" in {r["doc"] for r in json.loads(out)["keyness"]}
    rc, out, _ = run(capsys, "similarity", str(speech_path), "--by", "segment", "--json")
    assert rc == 0 and len(json.loads(out)["similarity"]) == 30 * 29 // 2


def test_text_without_parts_falls_back_or_says_why(capsys, no_parts):
    rc, out, err = run(capsys, "tfidf", no_parts, "--json")
    assert rc == 0 and "sentences instead" in err
    assert {r["doc"] for r in json.loads(out)["tfidf"]} == {str(i) for i in range(6)}
    rc, out, err = run(capsys, "similarity", no_parts, "--csv")
    assert rc == 0 and "sentences" in err
    rc, out, err = run(capsys, "topics", no_parts, "--k", "2", "--window", "2")
    assert rc == 0 and "windows of 2 sentences" in err
    for argv in (("keyness", no_parts), ("contrast", no_parts, "一", "二"), ("topics", no_parts, "--k", "5")):
        rc, out, err = run(capsys, *argv)
        assert rc == 2
        errors = [line for line in err.splitlines() if line.startswith("zhdiscourse: error:")]
        assert len(errors) == 1 and err.splitlines()[-1] == errors[0]  # one line, no traceback
        assert "Traceback" not in err
