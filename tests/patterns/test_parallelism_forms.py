"""The structural forms F1–F8 of the second-generation 排比 detector
(:mod:`zhdiscourse.patterns.parallelism.forms`), one test or more per form, on invented sentences: each
checks what the form finds and at least one near miss it must leave alone."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns.parallelism import forms
from zhdiscourse.patterns.parallelism.clauses import clause_lines


def found(text: str, form: str | None = None) -> list[dict]:
    sp = parse(text)
    out = forms.forms(sp, clause_lines(sp.text, sp.body_start, sp.body_end))
    return [f for f in out if form is None or f["source"] == f"forms:{form}"]


def members(inst: dict) -> list[str]:
    return [m["text"] for m in inst["members"]]


def test_offsets_are_spans_of_the_text():
    text = "我们要稳稳推进、处处留心。学校既要抓好教学，又要抓好安全。"
    sp = parse(text)
    for inst in forms.forms(sp, clause_lines(sp.text, sp.body_start, sp.body_end)):
        for m in inst["members"]:
            assert sp.text[m["start"]:m["end"]] == m["text"]


def test_F1_correlative_pair():
    out = found("既要抓好课堂教学，又要抓好校园安全。", "F1")
    assert [members(f) for f in out] == [["既要抓好课堂教学", "又要抓好校园安全"]]
    assert found("既要抓好课堂教学。", "F1") == []


def test_F2_opening_after_a_leading_adverb():
    out = found("大家必须做到按时上课，也必须做到按时交作业。", "F2")
    assert [members(f) for f in out] == [["必须做到按时上课", "也必须做到按时交作业"]]


def test_F3_shared_clause_opening_across_sentences():
    text = "老师们认真备课，付出了很多心血。学生们刻苦学习，付出了很多汗水。家长们全力支持，付出了很多时间。"
    out = found(text, "F3")
    assert len(out) == 1 and len(out[0]["members"]) == 3 and out[0]["level"] == "sentences"
    assert out[0]["members"][0]["text"].startswith("老师们")


def test_F3_takes_the_sentence_before_from_its_clause_with_the_same_opener():
    text = ("今天在这里，向全体老师，致以诚挚的问候！向各位家长，表示衷心的感谢！"
            "向各位同学，表示热烈的祝贺！向各位校友，表示诚挚的谢意！")
    out = found(text, "F3")
    assert len(out) == 1
    assert [m[:4] for m in members(out[0])] == ["向全体老", "向各位家", "向各位同", "向各位校"]
    # a sentence before the run without a clause opening with the shared token stays out
    text2 = ("今天我们在这里开会。向各位家长，表示衷心的感谢！向各位同学，表示热烈的祝贺！向各位校友，表示诚挚的谢意！")
    out2 = found(text2, "F3")
    assert len(out2) == 1 and len(out2[0]["members"]) == 3


def test_F4_balanced_pair_of_one_shape():
    out = found("上课时听得进去、下课后坐得下来，才能学好。", "F4")
    assert [members(f) for f in out] == [["上课时听得进去", "下课后坐得下来"]]
    # one length and a shared character, but no shape in common: no pair
    assert found("上课时听得进去、平日里不得不来，才能学好。", "F4") == []


def test_F5_preposition_run_with_the_frame_of_the_first_member():
    text = "对认真负责的老师要大力表扬、优先提拔，对敷衍了事、推诿扯皮的要严肃批评，对临阵退缩的要立即调整。"
    out = found(text, "F5")
    assert len(out) == 1 and len(out[0]["members"]) == 3
    assert members(out[0])[2] == "对临阵退缩的要立即调整"
    # two clauses that only open with the same preposition, of very different length, are no pair
    assert found("对此，对学校里所有年级所有班级的全部学生和全部老师都要进行一次全面的体检。", "F5") == []


def test_F5_pair():
    out = found("为重点学校增加招生名额，为贫困地区的中学、小学提供建设经费。", "F5")
    assert [members(f) for f in out] == [["为重点学校增加招生名额", "为贫困地区的中学、小学提供建设经费"]]


def test_F6_reduplicated_openings():
    out = found("工作要一步一步来，稳稳推进、处处留心，把事情做好。", "F6")
    assert [members(f) for f in out] == [["稳稳推进", "处处留心"]]
    # different lengths, or no doubled character: nothing
    assert found("工作要一步一步来，稳稳推进、处处都留心，把事情做好。", "F6") == []
    assert found("工作要一步一步来，稳步推进、处处留心，把事情做好。", "F6") == []


def test_F7_shared_head_morpheme():
    out = found("部队打了一场阵地战争、运动战、游击战。", "F7")
    assert [members(f) for f in out] == [["阵地战争", "运动战", "游击战"]]
    # two items are not enough, and items sharing nothing are no list of one head
    assert found("部队打了一场运动战、游击战。", "F7") == []
    assert found("会议邀请了北京大学、复旦大学、南开中学的代表。", "F7") == []


def test_F8_compact_frame_of_words():
    out = found("请各学院各部门各单位认真落实。", "F8")
    assert [members(f) for f in out] == [["各学院", "各部门", "各单位"]]
    assert found("请各学院各部门认真落实。", "F8") == []
