"""The 排比 detector's first-generation rules (R1–R11, :mod:`zhdiscourse.patterns.parallelism.rules`): one
test per rule, on invented sentences, then the whole detector on the study text and the hand check.
The second generation (classes, nesting, forms, the learned tagger) is tested in
test_patterns_parallelism_gen2.py."""

from __future__ import annotations

import csv
from pathlib import Path


from zhdiscourse import parse
from zhdiscourse.patterns import parallelisms
from zhdiscourse.patterns.parallelism import rules

HANDCHECK = Path(__file__).resolve().parents[2] / "data" / "handcheck" / "parallelism_handcheck.csv"


def found(text: str):
    """The first-generation rules alone (the learned tagger and the forms are tested elsewhere)."""
    return rules.parallelisms(parse(text))


def members(p):
    return [m["text"] for m in p["members"]]


def test_clause_anaphora():
    out = found("我们热爱祖国，热爱人民，热爱生活。")
    assert len(out) == 1 and out[0]["kind"] == "anaphora" and out[0]["frame"] == "热爱…"
    assert members(out[0]) == ["热爱祖国", "热爱人民", "热爱生活"]


def test_segment_anaphora_R4():
    out = found("有的同学不交作业，态度差；有的同学上课睡觉；有的同学从不发言。")
    assert [p["frame"] for p in out] == ["有的同学…"]
    assert len(out[0]["members"]) == 3 and out[0]["level"] == "segments"


def test_item_epiphora_with_trimming_R5():
    out = found("要维护课堂纪律、考场纪律、宿舍纪律等各项规定。")
    assert len(out) == 1 and out[0]["kind"] == "epiphora"
    assert members(out[0]) == ["课堂纪律", "考场纪律", "宿舍纪律"]


def test_item_anaphora_single_char_and_bridge_R3_R5():
    out = found("老师提出早准备、早复习、早休息的要求和加强体育、加强美育、加强劳育的建议。")
    assert [members(p) for p in out] == [["早准备", "早复习", "早休息"], ["加强体育", "加强美育", "加强劳育"]]


def test_single_char_needs_three_members_R2():
    assert found("老师提出早准备、早复习的要求。") == []


def test_positional_frame_items_R6():
    out = found("学校要确保学生进得来、老师留得住、课程开得好。")
    assert len(out) == 1 and out[0]["kind"] == "frame" and out[0]["frame"] == "□□□得□"
    assert members(out[0]) == ["学生进得来", "老师留得住", "课程开得好"]


def test_positional_frame_clauses_R6():
    out = found("读书如交友，择书如择友。")
    assert len(out) == 1 and out[0]["frame"] == "□书如□友"


def test_compact_frame_R7():
    out = found("大家要学深学透学实这些内容。")
    assert len(out) == 1 and out[0]["level"] == "compact"
    assert members(out[0]) == ["学深", "学透", "学实"]
    assert found("大家要学深学透这些内容。") == []  # two repetitions are a 四字格, not 排比


def test_name_list_is_not_parallelism_R1():
    assert found("会议邀请了北京、上海、广州、深圳的代表。") == []
    assert found("3月1日，我们开会。3月5日，他去北京。") == []  # dates are not lexical material


def test_yao_sentences_are_not_anaphora_R3():
    assert found("要加强学习。要加大投入。要加快进度。") == []


def test_two_clauses_sharing_two_chars_R2():
    # an unbalanced pair sharing only a generic ending is rejected …
    assert found("做好招生工作，完成毕业生的分配工作。") == []
    # … a balanced pair is accepted
    out = found("改造提升传统学科，培育壮大新兴学科。")
    assert len(out) == 1 and out[0]["frame"] == "…学科"


def test_no_duplicates_R8():
    out = found("有的同学不交作业；有的同学上课睡觉；有的同学从不发言。")
    assert len(out) == 1


# ---- the study text -------------------------------------------------------------------------------

def _find(par, first_text_prefix, n):
    return [p for p in par if p["members"][0]["text"].startswith(first_text_prefix) and len(p["members"]) == n]


def test_speech_anchor_series(speech):
    par = parallelisms(speech)
    assert _find(par, "关系到", 5) and _find(par, "有的", 4)
    assert [members(p) for p in _find(par, "早发现", 4)] == [["早发现", "早报告", "早隔离", "早治疗"]]
    assert [members(p) for p in _find(par, "集中患者", 4)] == [["集中患者", "集中专家", "集中资源", "集中救治"]]
    assert _find(par, "医疗秩序", 4) and _find(par, "员工回得来", 3)
    for anchor, n in (("抓紧", 3), ("所急", 4), ("因地", 3), ("对确诊患者", 3), ("广大医务工作者", 3)):
        assert _find(par, anchor, n), anchor
    # no flood: the bare list of departments in part 一 yields nothing
    lst = speech.text.index("卫生健康、发展改革")
    assert not [p for p in par if p["start"] <= lst + 10 < p["end"] and p["level"] == "items"]


def _key(start, end, member_starts):
    return (int(start), int(end), tuple(int(x) for x in member_starts))


def test_handcheck_precision(speech):
    """The first-generation hand check (issue 5), matched to the layer it judged: the lexical rules."""
    rows = list(csv.DictReader(line for line in HANDCHECK.open(encoding="utf-8") if not line.startswith("#")))
    assert len(rows) >= 40
    judged = {_key(r["start"], r["end"], r["member_starts"].split()): r for r in rows}
    current = {_key(p["start"], p["end"], [m["start"] for m in p["members"]]): p for p in rules.parallelisms(speech)}
    covered = [judged[k] for k in current if k in judged]
    coverage = len(covered) / len(current)
    assert coverage >= 0.9, f"only {coverage:.0%} of the current instances are hand-checked: update {HANDCHECK.name}"
    precision = sum(r["judgement"] == "true" for r in covered) / len(covered)
    assert precision >= 0.8, f"precision {precision:.2f} < 0.8"
    for r in rows:
        assert r["judgement"] in ("true", "false") and r["strict"] in ("true", "false") and r["reason"]


# ---- recall rules (R5 counts / 及其, R5 predicate cut, R7', R9, R10, R11) ----------------------------

def test_item_epiphora_count_and_ji_qi_R5():
    out = found("学校召开了2次全体教师大会、1次全体学生大会。")
    assert [members(p) for p in out] == [["2次全体教师大会", "1次全体学生大会"]]
    out = found("他看望了受伤的队员及其父母、退役球员父母、离队教练父母。")
    assert [members(p) for p in out] == [["队员及其父母", "退役球员父母", "离队教练父母"]]


def test_item_anaphora_last_member_stops_before_predicate_R5():
    out = found("学校支持美术社团、美术小组尽快开展活动。")
    assert [members(p) for p in out] == [["美术社团", "美术小组"]]


def test_compact_last_member_whole_word_R7():
    out = found("把这项工作学深学透学明白。")
    assert [members(p) for p in out] == [["学深", "学透", "学明白"]]


def test_conjunction_pairs_R9():
    assert [members(p) for p in found("我们要鼓励“人人参与”和“人人监督”的做法。")] == [["人人参与", "人人监督"]]
    assert [members(p) for p in found("学校完善了教学工作和后勤工作。")] == [["教学工作", "后勤工作"]]
    # a pair of names joined by 和 that shares nothing is not parallelism
    assert found("学校邀请了张老师和李校长。") == []
    # 和 inside a word is not a conjunction
    assert found("大家要维护和平。") == []


def test_one_character_pair_needs_structure_R10():
    out = found("学校要做到内抓管理、外抓形象。")
    assert [(p["frame"], members(p)) for p in out] == [("□抓□□", ["内抓管理", "外抓形象"])]
    # one shared character at the edge of one-word members is not enough
    assert found("学校建设了图书馆、体育馆。") == []
    # nor a shared character in longer members
    assert found("学校帮助学生顺利毕业、尽早就业。") == []
    # in three-character members the shared character must sit inside a word, the varying material in
    # two slots (抓考风、正学风), not be a whole word of its own (早准备、早复习: see R2)
    assert [members(p) for p in found("学校要抓考风、正学风。")] == [["抓考风", "正学风"]]


def test_two_item_positional_frame_R6():
    out = found("学校要切实提高及格率和优秀率、降低缺勤率和辍学率。")
    assert [members(p) for p in out if p["kind"] == "frame"] == [["提高及格率和优秀率", "降低缺勤率和辍学率"]]


def test_opening_frame_starts_mid_sentence_R11():
    out = found("有些学校条件很好，这些甲类学校要开足全部课程。乙类学校要保证主科教学。丙类学校要先解决师资问题。")
    assert [(p["frame"], members(p)) for p in out] == [(
        "□类学校要…", ["甲类学校要开足全部课程", "乙类学校要保证主科教学", "丙类学校要先解决师资问题"])]


def test_numerals_and_late_single_character_are_not_material_R1_R10():
    assert found("他参加了十八大和十八届会议的筹备。") == []  # shared numerals only
    assert found("学校慰问了军人军属、退役军人。") == []  # one shared character, not the second one
