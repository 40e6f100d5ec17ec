"""The toolkit commands: collocates, kwic --sort, agency, voice, addressees, lexicon, diversity."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from cli_run import run

NO_PARTS = ("各级政府要加强领导。各有关部门要密切配合，坚决打赢这场硬仗。我们必须守住防线。"
            "省政府要求各市县把安全放在首位。要加强巡查，也要关心群众。\n")


@pytest.fixture()
def no_parts(tmp_path):
    p = tmp_path / "noparts.txt"
    p.write_text(NO_PARTS, encoding="utf-8")
    return str(p)


def test_collocates_prints_the_scores(capsys, speech_path):
    rc, out, _ = run(capsys, "collocates", str(speech_path), "疫情", "--window", "5")
    assert rc == 0
    head = out.splitlines()
    assert "Collocates of '疫情'" in head[0] and "window 5L 5R" in head[0]
    assert head[1].split() == ["collocate", "observed", "left", "right", "expected", "collocate_freq", "mi",
                               "t_score", "log_likelihood", "log_dice"]
    rc, out, _ = run(capsys, "collocates", str(speech_path), "疫情", "--window", "5", "--json")
    data = json.loads(out)
    assert data["node"] == "疫情" and data["node_freq"] == 45 and data["left"] == data["right"] == 5
    rows = data["collocates"]
    assert {"observed", "expected", "node_freq", "collocate_freq", "window", "window_tokens", "mi", "t_score",
            "log_likelihood", "log_dice"} <= set(rows[0])
    rc, out, _ = run(capsys, "collocates", str(speech_path), "疫情", "--left", "0", "--right", "3", "--csv",
                     "--measure", "log_dice", "--top", "5")
    df = pd.read_csv(io.StringIO(out))
    assert len(df) == 5 and (df["left"] == 0).all() and df["log_dice"].is_monotonic_decreasing


def test_collocates_of_a_missing_word_is_one_line(capsys, speech_path):
    rc, _out, err = run(capsys, "collocates", str(speech_path), "不存在的词")
    assert rc == 2 and err.count("\n") == 1 and "not a token" in err


def test_kwic_sort(capsys, speech_path):
    rc, out, _ = run(capsys, "kwic", str(speech_path), "阻击战", "--sort", "1L,2L", "--csv")
    df = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert rc == 0 and df["1L"].tolist() == sorted(df["1L"]) and {"section", "subsection"} <= set(df.columns)
    rc, _out, err = run(capsys, "kwic", str(speech_path), "阻击战", "--sort", "1Q")
    assert rc == 2 and "sort key" in err


def test_discourse_commands_on_the_speech(capsys, speech_path):
    rc, out, _ = run(capsys, "voice", str(speech_path), "--json")
    t = pd.DataFrame(json.loads(out)["table"]).set_index("unit")
    assert rc == 0 and t.loc["一", "reported_frames"] >= 5 and t.loc["四", "reported"] == 0
    rc, out, _ = run(capsys, "addressees", str(speech_path))
    assert rc == 0 and "Party and government bodies" in out and "各级党组织" in out
    rc, out, _ = run(capsys, "agency", str(speech_path), "--csv")
    df = pd.read_csv(io.StringIO(out))
    assert rc == 0 and set(df["role"]) == {"reports", "acts", "ordered"}
    rc, out, _ = run(capsys, "lexicon", str(speech_path), "--json")
    data = json.loads(out)
    assert rc == 0 and len(data["matches"]) >= 60 and data["by"] == "section"
    rc, out, _ = run(capsys, "lexicon", str(speech_path), "--lexicon", "stance")
    assert rc == 0 and "[booster]" in out
    rc, out, _ = run(capsys, "diversity", str(speech_path), "--json")
    data = json.loads(out)
    assert rc == 0 and data["seed"] == 0 and [r["unit"] for r in data["table"]] == ["一", "二", "三", "四"]


def test_commands_on_a_text_without_parts(capsys, no_parts):
    for cmd in ("voice", "addressees", "agency", "lexicon", "diversity"):
        rc, out, err = run(capsys, cmd, no_parts)
        assert rc == 0, (cmd, err)
        assert "whole text" in err or cmd in ("diversity",) or "sub-points" in err, (cmd, err)
    rc, out, _ = run(capsys, "addressees", no_parts, "--json")
    addr = json.loads(out)["addressees"]
    assert [a["addressee"] for a in addr if a["stated"]][:3] == ["各级政府", "各有关部门", "我们"]
    rc, out, _ = run(capsys, "collocates", no_parts, "要", "--all-tokens", "--min-freq", "1")
    assert rc == 0


def test_lexicon_against_a_reference(capsys, no_parts, tmp_path):
    ref = tmp_path / "ref.jsonl"
    ref.write_text("\n".join(json.dumps({"title": f"报告{i}", "year": 2000 + i, "content": "各位代表：\n\n经济发展很快。"
                                         "我们要打赢脱贫攻坚战，守住防线。"}, ensure_ascii=False) for i in range(3)),
                   encoding="utf-8")
    rc, out, err = run(capsys, "lexicon", no_parts, "--reference", str(ref), "--json")
    assert rc == 0, err
    kt = pd.DataFrame(json.loads(out)["keyness"])
    assert kt.iloc[0]["term"] == "[all]" and kt.iloc[0]["level"] == "lexicon"
    assert kt.iloc[0]["freq"] == 3 and kt.iloc[0]["freq_ref"] >= 3  # 打赢, 硬仗, 防线; 打赢 … 防线 in each report
