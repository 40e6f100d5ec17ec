"""zhdiscourse.study.narrate: sentences that say only what the numbers support."""

from zhdiscourse.study import narrate


def test_speech_only_shows_only_for_the_speech_and_leaves_no_output(capsys, monkeypatch):
    shown = []
    monkeypatch.setattr(narrate, "show", shown.append)
    assert narrate.speech_only(False, "the speech's story") is None and shown == []
    assert narrate.speech_only(True, "the speech's story") is None and shown == ["the speech's story"]


def test_rank_phrase_never_calls_a_text_first_that_is_not():
    assert narrate.rank_phrase(1, 52, "the most directive") == "the most directive (rank 1 of 52)"
    assert narrate.rank_phrase(51, 52, "the most directive") == "rank 51 of 52"
    assert narrate.rank_phrase(52, 52, "the most directive", "the least directive") == "the least directive (rank 52 of 52)"


def test_counts_and_verbs_agree_with_the_number():
    assert narrate.count(1, "run") == "1 run" and narrate.count(2, "run") == "2 runs"
    assert narrate.count(1204, "line") == "1,204 lines"
    assert [narrate.verb(n, "rests", "rest") for n in (0, 1, 2)] == ["rest", "rests", "rest"]
    assert narrate.times_fewer(10, 0) == "none" and narrate.times_fewer(3, 3) == "as many"
    assert narrate.times_fewer(6.4, 1) == "6.4 times fewer"


def test_holds_and_lists():
    assert narrate.holds(True, "a", "b") == "a" and narrate.holds(False, "a", "b") == "b"
    assert narrate.join([]) == "none" and narrate.join(["一", "二", "三"]) == "一, 二 and 三"
    assert narrate.parts([]) == "no part" and narrate.parts(["二", "三"]) == "parts 二 and 三"
    assert narrate.part(None) == "the opening" and narrate.part(float("nan")) == "the opening"


def test_concentration_needs_a_clear_peak_and_enough_occurrences():
    sizes = {"一": 100, "二": 100, "三": 100}
    assert narrate.concentration({"一": 9, "二": 1, "三": 0}, sizes)["concentrated"]
    assert not narrate.concentration({"一": 1, "二": 0, "三": 0}, sizes)["concentrated"]  # one line is no pattern
    tie = narrate.concentration({"一": 4, "二": 4, "三": 0}, sizes)
    assert not tie["concentrated"] and tie["ties"] == ["一", "二"]
    assert not narrate.concentration({"一": 6, "二": 2, "三": 2}, {"一": 800, "二": 100, "三": 100})["concentrated"]
