"""Structure: metadata, parts, sub-points, sentences, clauses and items, with exact offsets."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from zhdiscourse import parse
from zhdiscourse.text.numerals import chinese_numeral_value
from zhdiscourse.text.structure import split_sentences

PART_TITLES = [
    "关于前一段疫情防控工作",
    "关于当前加强疫情防控重点工作",
    "关于统筹推进疫情防控和经济社会发展工作",
    "关于加强党对统筹推进疫情防控和经济社会发展工作的领导",
]
SUB_TITLES = {
    "一": ["及时制定疫情防控战略策略", "加强对武汉和湖北防疫的统一指挥", "统筹抓好其他地区防控工作",
          "加强医用物资和生活必需品应急保供", "切实维护社会稳定", "加强宣传教育和舆论引导", "积极争取国际社会支持"],
    "二": ["坚决打好湖北保卫战、武汉保卫战", "全力做好北京疫情防控工作", "科学调配医疗力量和重要物资",
          "加快科技研发攻关", "扩大国际和地区合作", "提高新闻舆论工作有效性", "切实维护社会稳定"],
    "三": ["落实分区分级精准复工复产", "加大宏观政策调节力度", "全面强化稳就业举措", "坚决完成脱贫攻坚任务",
          "推动企业复工复产", "不失时机抓好春季农业生产", "切实保障基本民生", "稳住外贸外资基本盘"],
    "四": ["狠抓工作落实", "增强忧患意识", "提高工作本领"],
}
MARKERS = {
    "一": [f"{n}是" for n in "一二三四五六七"],
    "二": [f"第{n}" for n in "一二三四五六七"],
    "三": [f"第{n}" for n in "一二三四五六七八"],
    "四": [f"{n}要" for n in "一二三"],
}


# ---------------------------------------------------------------- the speech


def test_speech_parts_and_titles(speech):
    assert [s.number for s in speech.sections] == ["一", "二", "三", "四"]
    assert [s.title for s in speech.sections] == PART_TITLES


def test_speech_subpoints(speech):
    assert [len(s.subsections) for s in speech.sections] == [7, 7, 8, 3]
    for sec in speech.sections:
        assert [u.title for u in sec.subsections] == SUB_TITLES[sec.number]
        assert [u.marker for u in sec.subsections] == MARKERS[sec.number]
    assert len(speech.subsections) == 25


def test_starts_are_marker_offsets(speech):
    t = speech.text
    for sec in speech.sections:
        assert t[sec.start:sec.start + len(sec.number) + 1] == sec.number + "、"
        for u in sec.subsections:
            assert t[u.start:u.start + len(u.marker)] == u.marker
            assert sec.start <= u.start < u.end <= sec.end


def test_parts_tile_from_first_heading_to_dateline(speech):
    secs = speech.sections
    for a, b in zip(secs, secs[1:]):
        assert speech.text[a.end:b.start].strip() == ""
    assert secs[-1].end == speech.body_end
    assert speech.text[speech.body_end:].lstrip().startswith("（") and "日电" in speech.text[speech.body_end:]


def test_glued_headings(speech):
    t = speech.text
    one, two, _, four = speech.sections
    assert t[one.title_end:].startswith("新冠肺炎疫情发生后")
    assert t[two.start - 1] == "！" and t[two.start - 1] != "\n"
    assert t[four.title_end:].startswith("疾风知劲草")
    headings = [s for s in speech.sentences if s.is_heading]
    assert [h.text for h in headings] == [f"{s.number}、{s.title}" for s in speech.sections]


def test_speech_metadata(speech):
    md = speech.metadata
    assert md.title == "习近平在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话"
    assert md.date == "2020-02-23"
    assert md.source == "人民网－人民日报"
    assert md.published == "2020-02-24"
    assert md.speaker == "习近平"
    assert md.dateline == "（新华社北京2月23日电）"
    assert md.print_reference == "《人民日报》（2020年02月24日02版）"
    assert speech.body.startswith("同志们：")
    assert speech.body.endswith("。")


def test_first_line_ordinals_that_do_not_continue_are_not_subpoints(speech):
    t = speech.text
    for word in ("第一线", "第一时间", "第一位"):
        offs = [i for i in range(len(t)) if t.startswith(word, i)]
        assert offs, word
        assert not any(u.start in offs for u in speech.subsections)


def test_sentence_and_section_assignment(speech):
    assert all(s.section is None for s in speech.sentences if s.end <= speech.sections[0].start)
    for s in speech.sentences:
        sec = speech.section_at(s.start)
        assert s.section == (sec.number if sec else None)
    sub = speech.sections[2].subsections[4]
    assert {s.subsection for s in speech.sentences if sub.start <= s.start < sub.end} == {"三.第五"}


# ---------------------------------------------------------------- rules on texts of our own

POLICY = """关于做好春季农业生产工作的意见
（2021年3月1日）

一、总体要求
做好今年的工作，意义重大。

（一）指导思想。坚持稳中求进。要全面落实各项措施。
（二）基本原则。坚持问题导向，坚持系统观念。

二、重点任务
（一）稳定粮食生产。第一，扩大面积。第二，提高单产。
（二）加强农田建设。
"""


def test_policy_document_with_headings_on_own_lines():
    sp = parse(POLICY)
    assert sp.metadata.title == "关于做好春季农业生产工作的意见"
    assert sp.metadata.date == "2021-03-01"
    assert [(s.number, s.title) for s in sp.sections] == [("一", "总体要求"), ("二", "重点任务")]
    assert [u.title for u in sp.sections[0].subsections] == ["指导思想", "基本原则"]
    assert [u.marker for u in sp.sections[1].subsections] == ["（一）", "（二）"]
    assert [u.title for u in sp.sections[1].subsections] == ["稳定粮食生产", "加强农田建设"]
    assert sp.sections[1].subsections[0].label == "二.（一）"


def test_crlf_gives_the_same_structure():
    from zhdiscourse.text.load import decode_bytes

    crlf = decode_bytes(POLICY.replace("\n", "\r\n").encode("gbk")).text
    assert parse(crlf).to_dict() == parse(POLICY).to_dict()


def test_paren_headings_become_parts_when_there_are_no_numeral_headings():
    text = "（一）加强领导\n各地要加强领导。\n（二）强化保障\n要强化保障。"
    sp = parse(text)
    assert [(s.number, s.title) for s in sp.sections] == [("一", "加强领导"), ("二", "强化保障")]


def test_text_without_headings_has_no_parts_but_sentences():
    text = "今天我们开会。大家辛苦了！下一步怎么办？\n要继续努力"
    sp = parse(text)
    assert sp.sections == []
    assert [s.text for s in sp.sentences] == ["今天我们开会。", "大家辛苦了！", "下一步怎么办？", "要继续努力"]


def test_subpoint_styles_shi_yao_di_and_arabic():
    assert [u.marker for u in parse("工作有三点。\n一是抓落实。\n二是抓协调。\n三是抓督查。").loose_subsections] == [
        "一是", "二是", "三是"]
    # a list inside one sentence is not a sub-point sequence (markers must begin paragraphs)
    assert parse("工作有三点。一是抓落实，二是抓协调；三是抓督查。\n要落实。").loose_subsections == []
    # a text pasted as one line: sentence starts count as paragraph starts
    assert [u.marker for u in parse("一要团结。二要奋斗。").loose_subsections] == ["一要", "二要"]
    assert parse("工作有三点。一是抓落实，二是抓协调；三是抓督查。").loose_subsections == []
    assert [u.title for u in parse("第一，稳就业。第二，保民生。").loose_subsections] == ["稳就业", "保民生"]
    arabic = parse("1.加强组织领导。\n2.强化督促检查。\n3.营造良好氛围。")
    assert [u.marker for u in arabic.loose_subsections] == ["1.", "2.", "3."]
    assert [u.title for u in arabic.loose_subsections] == ["加强组织领导", "强化督促检查", "营造良好氛围"]


def test_ordinal_must_continue():
    assert parse("医护人员奋战在第一线。我们第一时间行动。").loose_subsections == []
    assert parse("一是要坚持。此外还有别的。").loose_subsections == []  # a lone 一是
    # 第三 without 第一/第二 is not a sequence; 第一 … 第二 is
    sp = parse("第三，不算。第一，算。第二，也算。")
    assert [u.marker for u in sp.loose_subsections] == ["第一", "第二"]


def test_heading_numbers_must_continue():
    assert parse("三、不是标题的开头\n我们继续。").sections == []
    sp = parse("一、甲方面\n内容。\n二、乙方面\n内容。\n四、跳号\n内容。")
    assert [s.number for s in sp.sections] == ["一", "二"]


def test_numeral_values():
    assert [chinese_numeral_value(s) for s in ("一", "十", "十一", "二十", "二十三", "九十九", "百")] == [1, 10, 11, 20, 23, 99, 100]
    assert chinese_numeral_value("是") is None


def test_sentences_keep_closing_quotes_and_split_at_line_breaks():
    text = "他说：“我们一定能赢。”大家鼓掌！\n新的一行没有句号\n最后？"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["他说：“我们一定能赢。”", "大家鼓掌！", "新的一行没有句号", "最后？"]


def test_clauses_and_items():
    sp = parse("早发现、早报告、早隔离、早治疗，坚持不懈；目标明确：打赢。")
    assert [c.text for c in sp.clauses] == ["早发现、早报告、早隔离、早治疗", "坚持不懈", "目标明确", "打赢"]
    assert [i.text for i in sp.items] == ["早发现", "早报告", "早隔离", "早治疗"]
    assert all(i.clause == 0 for i in sp.items)


def test_units_for_statistics(speech):
    assert [u[0] for u in speech.units("section")] == ["一", "二", "三", "四"]
    assert len(speech.units("subsection")) == 25
    assert len(speech.units("sentence")) == len(speech.sentences) - 4
    import pytest

    from zhdiscourse import ZhDiscourseError

    with pytest.raises(ZhDiscourseError):
        parse("没有标题的文本。").units("section")


# ---------------------------------------------------------------- properties

ALPHABET = list("我们要坚持发展一二三四五六七八九十是第、，；：。！？“”（）\n 12.") + ["一、", "（一）", "第一，", "一是", "二是"]


def _check_invariants(sp):
    t = sp.text
    prev_end = sp.body_start
    for s in sp.sentences:
        assert s.text == t[s.start:s.end] and s.start < s.end
        assert t[prev_end:s.start].strip() == ""  # only whitespace between sentences: they tile the body
        prev_end = s.end
    assert t[prev_end:sp.body_end].strip() == ""
    for c in sp.clauses:
        s = sp.sentences[c.sentence]
        assert c.text == t[c.start:c.end] and s.start <= c.start < c.end <= s.end
    for it in sp.items:
        c = sp.clauses[it.clause]
        assert it.text == t[it.start:it.end] and c.start <= it.start < it.end <= c.end
    for sec in sp.sections:
        assert t[sec.title_start:sec.title_end] == sec.title
        for u in sec.subsections:
            assert t[u.title_start:u.title_end] == u.title
    starts = [s.start for s in sp.sections]
    assert starts == sorted(starts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=80).map("".join))
def test_property_spans_tile_and_match_text(text):
    _check_invariants(parse(text))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=11000), st.integers(min_value=1, max_value=3000))
def test_property_slices_of_the_speech_parse(speech_text, a, n):
    _check_invariants(parse(speech_text[a:a + n]))


def test_speech_invariants(speech):
    _check_invariants(speech)


# ---------------------------------------------------------------- CLI


def test_cli_structure_json(speech_path, speech):
    r = subprocess.run([sys.executable, "-m", "zhdiscourse", "structure", str(speech_path), "--json"],
                       capture_output=True, text=True, check=True)
    d = json.loads(r.stdout)
    assert d["metadata"]["date"] == "2020-02-23"
    assert [s["title"] for s in d["sections"]] == PART_TITLES
    assert [len(s["subsections"]) for s in d["sections"]] == [7, 7, 8, 3]
    assert d["sections"][0]["subsections"][0] == {
        "marker": "一是", "title": SUB_TITLES["一"][0],
        "start": speech.sections[0].subsections[0].start, "end": speech.sections[0].subsections[0].end}
    assert len(d["sentences"]) == len(speech.sentences)
    assert set(d["sentences"][0]) >= {"start", "end", "section"}


def test_cli_structure_table(speech_path):
    from cli_run import command  # in this process; the test above runs `python -m zhdiscourse` itself

    r = command("structure", str(speech_path))
    assert r.returncode == 0, r.stderr
    assert "四、关于加强党对统筹推进疫情防控和经济社会发展工作的领导" in r.stdout
    assert "date: 2020-02-23" in r.stdout


# ---------------------------------------------------------------- regressions found in review


def test_salutation_line_is_not_a_title():
    sp = parse("各位代表：\n\n现在，我代表国务院报告工作。\n\n一、回顾\n内容。\n\n二、任务\n内容。")
    assert sp.metadata.title is None
    assert sp.sentences[0].text == "各位代表："
    assert [s.title for s in sp.sections] == ["回顾", "任务"]


def test_invisible_characters_count_as_whitespace():
    sp = parse("\u200b\n一、总体要求\n内容。\n二、重点任务\n内容。")
    assert sp.metadata.title is None
    assert [s.title for s in sp.sections] == ["总体要求", "重点任务"]
    assert all("\u200b" not in s.text for s in sp.sentences)


def test_arabic_subpoints_after_a_sentence_end_but_not_decimals():
    assert [u.title for u in parse("要求如下。1.抓紧工作。2.抓实工作。").loose_subsections] == ["抓紧工作", "抓实工作"]
    assert parse("增长6.5%左右。2.5个百分点。").loose_subsections == []


def test_source_ends_at_a_salutation():
    sp = parse("某某在会上的讲话（2021年5月1日）来源：新华社同志们：大家好。")
    assert sp.metadata.source == "新华社"
    assert sp.body.startswith("同志们：")


# ---------------------------------------------------------------- the grammar of issue 12


def test_a_whole_sentence_item_after_heading_lines_is_its_own_part():
    text = ("引言。\n\n一、总体要求\n\n要坚持稳中求进。\n\n二、主要任务\n\n要抓好落实。\n\n"
            "三、本办法自发布之日起施行。各地要认真执行。\n")
    sp = parse(text)
    assert [(s.marker, s.title) for s in sp.sections] == [
        ("一、", "总体要求"), ("二、", "主要任务"), ("三、", "本办法自发布之日起施行")]
    assert sp.sections[1].end < text.index("三、")
    # its first sentence is content, not a heading
    assert not next(s for s in sp.sentences if s.start == sp.sections[2].start).is_heading


def test_an_inner_list_does_not_cut_off_the_outer_one():
    outer = ["第一，抓紧。", "第二，抓实。", "第三，抓细，要做到：", "第四，抓长。", "第五，抓常。"]
    inner = ["第一，定计划。", "第二，建台账。", "第三，抓督查。", "第四，严考核。"]
    text = "\n".join(["这项工作有五点要求。", *outer[:3], *inner, *outer[3:]])
    sp = parse(text)
    assert [u.title for u in sp.loose_subsections] == ["抓紧", "抓实", "抓细，要做到", "抓长", "抓常"]
    third = sp.loose_subsections[2]
    assert [p.title for p in third.points] == ["定计划", "建台账", "抓督查", "严考核"]


def test_paragraph_initial_ordinals_organise_a_speech_and_in_sentence_lists_do_not():
    paras = [f"第{n}，要{w}。我们要做到一是学习，二是实践，三是总结，四是提高。" for n, w in
             zip("一二三四五六", ["学习", "落实", "团结", "创新", "开放", "共享"])]
    sp = parse("同志们：\n今天讲几点意见。\n" + "\n".join(paras) + "\n谢谢大家。")
    assert [u.marker for u in sp.loose_subsections] == [f"第{n}" for n in "一二三四五六"]
    assert all(not u.points for u in sp.loose_subsections)  # 一是…四是 inside one sentence


def test_unmarked_heading_lines_between_paragraphs_without_blank_lines():
    text = ("同志们：\n今天我讲两个问题。\n关于学习问题\n学习是第一位的工作，大家要认真读书，认真思考。\n"
            "关于作风问题\n作风建设永远在路上，大家要从自己做起，从现在做起。\n")
    sp = parse(text)
    assert [(s.style, s.number, s.title) for s in sp.sections] == [("bare", "一", "关于学习问题"),
                                                                  ("bare", "二", "关于作风问题")]


def test_a_law_with_chapters_sections_and_articles():
    text = ("某某条例\n\n第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例适用于本省。\n\n"
            "第二章 管理\n\n第一节 一般规定\n\n第三条 应当做到：\n\n（一）登记；\n\n（二）备案。\n\n"
            "第二节 特别规定\n\n第四条 禁止擅自改变用途。\n\n第三章 附则\n\n第五条 本条例自公布之日起施行。\n")
    sp = parse(text)
    assert [(s.marker, s.title, [p.marker for p in s.points]) for s in sp.sections] == [
        ("第一章", "总则", ["第一条", "第二条"]), ("第二章", "管理", []), ("第三章", "附则", ["第五条"])]
    assert [(u.marker, u.title, [p.marker for p in u.points]) for u in sp.sections[1].subsections] == [
        ("第一节", "一般规定", ["第三条"]), ("第二节", "特别规定", ["第四条"])]
    art = sp.sections[1].subsections[0].points[0]
    assert art.title == "应当做到" and "（二）备案" in text[art.start:art.end]  # items stay in the article
    assert [p.label for p in sp.points] == ["第一条", "第二条", "第三条", "第四条", "第五条"]


def _sentences_by_cuts(text, breaks=()):
    """split_sentences written as its rule: cut at every line break (both sides), after every run of
    sentence ends and closers that starts with a sentence end, and at the extra breaks; strip each piece
    of whitespace (and invisible characters); drop the empty ones."""
    import re

    from zhdiscourse.text.headings import CLOSERS, INVISIBLE, SENT_END

    cuts = set(b for b in breaks if 0 < b < len(text))
    for m in re.finditer("\n|[" + re.escape(SENT_END) + "][" + re.escape(SENT_END + CLOSERS) + "]*", text):
        cuts.update((m.start(), m.start() + 1) if m.group() == "\n" else (m.end(),))
    out, prev = [], 0
    for c in sorted(c for c in cuts if 0 < c < len(text)) + [len(text)]:
        a, b = prev, c
        while a < b and (text[a].isspace() or text[a] in INVISIBLE):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in INVISIBLE):
            b -= 1
        if a < b:
            out.append((a, b))
        prev = c
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["我们", "工作", "。", "！", "?", "”", "）", "，", "\n", "\n\n", " ", "\u3000", "\u200b",
                                 "\x1c", "\u2028", "\ufeff", "\t", "一、"]), max_size=40),
       st.lists(st.integers(0, 80), max_size=6))
def test_split_sentences_is_its_rule(parts, breaks):
    text = "".join(parts)
    assert split_sentences(text, extra_breaks=breaks) == _sentences_by_cuts(text, breaks)


def test_parse_leaves_the_garbage_collector_as_it_was():
    import gc

    text = "标题\n\n一、总的要求\n我们要做好工作。\n二、主要任务\n一是加强，二是改进。"
    assert gc.isenabled()
    parse(text)
    assert gc.isenabled()
    gc.disable()
    try:
        parse(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
