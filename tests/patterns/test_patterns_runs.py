"""要-runs and clause series."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns import clause_series, yao_runs, yao_sentences

TOY = ("一、关于学习\n同学们要认真读书。要多做练习。要按时休息。老师要关心学生。要注意安全。\n"
       "二、关于生活\n要按时吃饭。要求大家准时。要早睡早起。要多运动。")


def test_runs_strict_definition():
    sp = parse(TOY)
    runs = yao_runs(sp)
    # 要多做练习 + 要按时休息 (2), then 老师要… breaks; 要注意安全 alone; the heading breaks;
    # 要按时吃饭 alone (要求 is not modal); 要早睡早起 + 要多运动 (2)
    assert list(runs["sentences"]) == [2, 2]
    assert list(runs["section"]) == ["一", "二"]
    for r in runs.itertuples():
        assert sp.text[r.start] == "要"


def test_runs_subject_variant_is_looser():
    sp = parse(TOY)
    loose = yao_runs(sp, lead="subject")
    assert list(loose["sentences"]) == [5, 2]
    flags = yao_sentences(sp)
    assert not flags[flags["is_heading"]]["yao_initial"].any()


def test_clause_series():
    sp = parse("越是困难的时候，越要坚定信心，越要团结一致。既要读书，也要锻炼。他要来，我要走。")
    ser = clause_series(sp)
    assert len(ser) == 2  # 他要来，我要走: subjects before 要, not a series
    assert ser[0]["lead"]["text"] == "越是困难的时候"
    assert [m["adverb"] for m in ser[0]["members"]] == ["越", "越"]
    assert [m["adverb"] for m in ser[1]["members"]] == ["既", "也"]


def test_speech_thirteen_runs(speech):
    runs = yao_runs(speech)
    assert len(runs) == 13
    assert list(runs["sentences"]) == [9, 3, 2, 4, 5, 3, 2, 2, 5, 2, 4, 6, 2]
    assert list(runs["section"]) == ["二"] * 6 + ["三"] * 6 + ["四"]
    for r in runs.itertuples():
        for i in range(r.first_sentence, r.last_sentence + 1):
            assert speech.sentences[i].text.startswith("要")
        assert not speech.sentences[r.last_sentence + 1].text.startswith("要")
        assert not speech.sentences[r.first_sentence - 1].text.startswith("要")
    assert len(yao_runs(speech, lead="subject")) == 19


def test_speech_clause_series(speech):
    ser = clause_series(speech)
    yue = [s for s in ser if s["lead"]]
    assert len(yue) == 1 and [m["text"][:2] for m in yue[0]["members"]] == ["越要", "越要"]
    assert any([m["adverb"] for m in s["members"]] == ["", "既", "也"] for s in ser)
