"""Agency, reported against enacted directives, addressees: rules on a short hand-made text, and the
subject rule on token lists."""

from __future__ import annotations

import pytest

from zhdiscourse import parse, tokens
from zhdiscourse.patterns import (
    addressee_table,
    agency_table,
    clause_subjects,
    directive_addressees,
    directive_events,
    directive_voice,
    find_subject,
    reporting_frames,
    voice_table,
)
from zhdiscourse.patterns.subjects import actor_group

TEXT = """关于做好防汛工作的讲话
一、前期工作
汛期以来，省委高度重视。上周，省政府要求各市县把防汛放在首位，坚决守住底线。省政府提出了要求。这是今年的工作部署。我强调：“一定要确保安全。”
二、下步任务
今天，我们部署下一步工作。各级党委和政府要加强领导，也要关心群众。对受灾群众要妥善安置。要加强巡查。各级干部特别是领导干部必须靠前指挥。要及时提出意见。
三、工作要求
各市县，各有关部门，要落实责任。我们必须团结一致。
"""


@pytest.fixture(scope="module")
def sp():
    return parse(TEXT)


@pytest.fixture(scope="module")
def table(sp):
    return tokens(sp, cache=False)


def _content(sp, row):
    return sp.text[row.content_start:row.content_end]


def test_reporting_frames(sp, table):
    f = reporting_frames(sp, table=table)
    assert all(sp.text[a:b] == m for a, b, m in zip(f["start"], f["end"], f["marker"]))
    got = [(r.marker, r.status, r.section) for r in f.itertuples()]
    assert got == [("要求", "reported", "一"),   # 省政府要求各市县把…: subject + verb + content
                   ("提出", "reported", "一"),   # 提出了要求: the verb reports …
                   ("要求", "mention", "一"),    # … and the 要求 is its object
                   ("部署", "mention", "一"),    # 工作部署: a noun
                   ("强调", "reported", "一"),   # 强调：“…”
                   ("部署", "now", "二"),        # 今天，我们部署…: the speaker directing now
                   ("提出", "directive_content", "二"),  # 要及时提出意见: inside the speaker's directive
                   ("要求", "mention", "三")]    # a heading: nothing follows
    rows = list(f[f["status"] == "reported"].itertuples())
    assert _content(sp, rows[0]) == "各市县把防汛放在首位，坚决守住底线。"
    assert _content(sp, rows[2]) == "“一定要确保安全。”"  # a quotation runs to its closing mark


def test_voice_of_each_directive(sp, table):
    v = directive_voice(sp, table=table)
    assert len(v) == len(directive_events(sp))
    reported = v[v["voice"] == "reported"]
    assert reported["marker"].tolist() == ["坚决", "一定", "要"]
    assert reported["frame"].tolist() == ["要求", "强调", "强调"]
    vt = voice_table(sp, "section").set_index("unit")
    assert vt.loc["一", ["reported_frames", "reported", "enacted"]].tolist() == [3, 3, 0]
    assert vt.loc["二", "reported"] == 0 and vt.loc["二", "enacted"] == 6 and vt.loc["三", "enacted_share"] == 1.0


def test_addressees(sp, table):
    a = directive_addressees(sp, table=table)
    assert all(sp.text[s:e] == w for s, e, w in zip(a["addressee_start"], a["addressee_end"], a["addressee"]))
    part2 = a[a["section"] == "二"]
    assert part2["addressee"].tolist() == ["各级党委和政府", "各级党委和政府", "", "", "各级干部特别是领导干部", ""]
    assert part2["stated"].tolist() == [True, False, False, False, True, False]  # 也要: inherited in the sentence
    assert part2["group"].tolist()[0] == "Party and government bodies"
    assert part2["group"].tolist()[2] == "(unstated)"  # 对受灾群众要…: a topic, not an addressee
    assert part2["group"].tolist()[4] == "cadres and Party members"
    part3 = a[a["section"] == "三"]
    assert part3["addressee"].tolist() == ["各市县，各有关部门", "我们"]  # named in clauses of their own
    first = a[a["section"] == "一"].iloc[0]
    assert (first["marker"], first["addressee"], first["voice"]) == ("坚决", "各市县", "reported")  # 要求 X …
    t = addressee_table(a, "section").set_index(["unit", "group"])
    assert t.loc[("二", "(unstated)"), "count"] == 3 and t.loc[("二", "Party and government bodies"), "count"] == 2


def test_agency(sp, table):
    s = clause_subjects(sp, table=table)
    assert not s["text"].str.contains("、").any()  # headings are left out
    assert all(sp.text[a:b] == w for a, b, w in zip(s["start"], s["end"], s["text"]))
    reports = s[s["role"] == "reports"]
    assert reports["text"].tolist() == ["省政府", "省政府", "我"]
    assert reports["group"].tolist() == ["Party and government bodies", "Party and government bodies", "speaker (我)"]
    acts = s[(s["role"] == "acts") & s["stated"]]
    assert "省委" in acts["text"].tolist()
    ordered = s[s["role"] == "ordered"]
    assert set(ordered[ordered["stated"]]["text"]) == {"各级党委和政府", "各级干部特别是领导干部", "各市县，各有关部门",
                                                        "我们"}
    t = agency_table(s, "section")
    assert set(t["role"]) <= {"reports", "acts", "ordered"}
    assert t.groupby(["unit", "role"])["share"].sum().round(9).eq(1).all()


@pytest.mark.parametrize("toks,tags,expected", [
    (["各级党委", "和", "政府", "也"], ["l", "c", "n", "d"], "各级党委和政府"),  # trailing adverb dropped
    (["对", "患者"], ["p", "n"], "prepositional"),
    ([], [], "unstated"),
    (["一"], ["m"], "unstated"),
    (["符合条件", "的", "学校"], ["n", "uj", "n"], "符合条件的学校"),
    (["表现", "突出", "的", "教师"], ["v", "v", "uj", "n"], "表现突出的教师"),  # verbs inside a 的-modifier
    (["确保", "失业", "人员"], ["v", "n", "n"], "not a noun phrase"),
    (["各级", "教师", "特别", "是", "班主任"], ["r", "n", "d", "v", "n"], "各级教师特别是班主任"),
    (["慈善", "组织", "、", "红十字会"], ["nr", "v", "x", "nt"], "慈善组织、红十字会"),  # a verb-tagged list item
    (["我", "专门"], ["r", "n"], "我"),  # a subject ends after a pronoun
    (["同时", "我们"], ["c", "r"], "我们"),  # a leading conjunction is skipped
    (["其他", "省份", "也"], ["r", "n", "d"], "其他省份"),
])
def test_find_subject(toks, tags, expected):
    punct = [t in ("、",) for t in toks]
    i, j, why = find_subject(toks, tags, punct)
    assert ("".join(toks[i:j]) if not why else why) == expected


def test_actor_groups_follow_file_order():
    assert actor_group("我们") == "we (我们)" and actor_group("我") == "speaker (我)"
    assert actor_group("我国") == 'country and party as "our"'
    assert actor_group("人民政府") == "Party and government bodies"  # bodies are listed before people
    assert actor_group("积极的财政政策") == "other" and actor_group("") == "(unstated)"


def test_on_the_speech(speech):
    v = directive_voice(speech)
    vt = voice_table(speech, "section", voice=v).set_index("unit")
    # the review part reports directives, the other parts issue them
    assert vt.loc["一", "reported_frames"] > vt.loc[["二", "三", "四"], "reported_frames"].sum()
    assert (vt.loc[["二", "三", "四"], "enacted_share"] > 0.9).all()
    a = directive_addressees(speech)
    assert (a["addressee"] != "").any() and (a["group"] == "(unstated)").mean() > 0.5
