"""``we_verb(strict=True)``: questions and epistemic modals are neither narrative nor directive; the
speaker's first person singular 我; the strict directive profile. Hand-made sentences, then the speech."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns.modality import directive_profile, first_person, we_verb

TEXT = ("一、回顾\n我们采取了措施。我们怎样处理，效果如何，要总结。我们一定能够完成任务。我们能做好。\n"
        "二、任务\n我们必须坚持。我们一定要落实。我们做了什么？我们的干部很好。我主持召开会议，我国发展，增强自我意识。\n")


def test_strict_classes_by_hand():
    sp = parse(TEXT)
    default = we_verb(sp)["class"].tolist()
    strict = we_verb(sp, strict=True)
    assert strict["class"].tolist() == ["narrative", "question", "epistemic", "epistemic", "directive",
                                        "directive", "question", "possessive"]
    # the default rules call the question narrative and the epistemic modals directive
    assert default[:4] == ["narrative", "narrative", "directive", "directive"]
    assert strict["head"].tolist()[:4] == ["采取", "怎样", "一定能够", "能"]
    assert strict.loc[5, "head"] == "一定"  # 一定要: deontic


def test_first_person_singular():
    sp = parse(TEXT)
    fp = first_person(sp)
    assert fp["word"].tolist() == ["我", "我国", "自我"] and fp["counted"].tolist() == [True, False, False]
    for a, b in zip(fp["start"], fp["end"]):
        assert sp.text[a:b] == "我"


def test_strict_profile_adds_first_person_and_keeps_the_default():
    sp = parse(TEXT)
    p = directive_profile(sp, by="section")
    s = directive_profile(sp, by="section", strict=True).set_index("unit")
    assert "我" not in p.columns and list(p.columns) == [c for c in s.reset_index().columns if not c.startswith("我_")
                                                        and c != "我"]
    assert s["我"].tolist() == [0, 1] and s.loc["一", "我们V"] == 1 and p.set_index("unit").loc["一", "我们V"] == 2


def test_speech_strict_counts(speech):
    strict = we_verb(speech, strict=True)
    by = strict[strict["class"] == "narrative"].groupby("section").size()
    # 16 narrative 我们 in part 一 by the default rules; 15 once its one question (我们 + 怎么) is one
    assert (int(by["一"]), int(by.drop("一").sum())) == (15, 1)
    assert (strict["class"] == "question").sum() == 1 and (strict["class"] == "epistemic").sum() == 1
    fp = first_person(speech)
    me = fp[fp["counted"]].groupby("section").size()
    assert me.to_dict() == {"一": 8, "二": 2, "三": 1, "四": 4}
    assert int(fp["counted"].sum()) == 16  # one more before part 一 (the opening)


def test_strict_profile_of_a_text_without_first_person():
    """No 我 at all: the 我 column is 0, not a crash (an empty selection once dropped every column)."""
    from zhdiscourse import parse
    from zhdiscourse.patterns.modality import directive_profile

    prof = directive_profile(parse("一、总体要求\n各地要加强领导。\n二、主要任务\n各部门要抓好落实。\n"), by="section", strict=True)
    assert list(prof["我"]) == [0, 0] and list(prof["要"]) == [1, 1]
