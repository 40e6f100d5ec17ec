"""Title blocks and end matter on small hand-made texts: multi-line titles with ——subtitles, date lines,
speaker lines, Xinhua datelines at the start or the end, adoption and revision lines, notes, attachments."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.text.metadata import iso_date

REPORT = """决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利
——在中国共产党第十九次全国代表大会上的报告

（2017年10月18日）

习近平

同志们：

现在，我代表第十八届中央委员会向大会作报告。

一、过去五年的工作和历史性变革

十八大以来的五年，是党和国家发展进程中极不平凡的五年。

二、新时代中国共产党的历史使命

一百年前，十月革命一声炮响。
"""


def _spans_hold(sp):
    md = sp.metadata
    for line in md.lines:
        assert sp.text[line.start:line.end] == line.text, line
    for key, (a, b) in md.spans.items():
        if key != "date":
            assert sp.text[a:b] == getattr(md, key), key


def test_title_with_subtitle_date_and_speaker_lines():
    sp = parse(REPORT)
    md = sp.metadata
    assert md.title == "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利"
    assert md.subtitle == "在中国共产党第十九次全国代表大会上的报告"
    assert md.date == "2017-10-18" and md.speaker == "习近平"
    assert [x.kind for x in md.lines] == ["title", "subtitle", "date", "speaker"]
    assert sp.body.startswith("同志们：")
    assert [s.title for s in sp.sections] == ["过去五年的工作和历史性变革", "新时代中国共产党的历史使命"]
    _spans_hold(sp)


def test_title_over_two_lines():
    sp = parse("关于进一步加强农村\n基层组织建设的意见\n（二〇二一年三月一日）\n\n各地要加强领导。\n")
    assert sp.metadata.title == "关于进一步加强农村基层组织建设的意见"
    assert sp.metadata.date == "2021-03-01" and "title" not in sp.metadata.spans
    assert [x.text for x in sp.metadata.lines if x.kind == "title"] == ["关于进一步加强农村", "基层组织建设的意见"]
    _spans_hold(sp)


def test_subtitle_with_a_date_and_a_position_line():
    text = "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理 \n李 强\n\n各位代表：\n\n现在，我作报告。"
    sp = parse(text)
    md = sp.metadata
    assert md.date == "2024-03-05" and md.speaker == "李 强"
    assert [x.kind for x in md.lines] == ["title", "subtitle", "position", "speaker"]
    assert sp.body.startswith("各位代表：")
    _spans_hold(sp)


def test_xinhua_dateline_at_the_start_and_at_the_end():
    sp = parse("新华社北京10月17日电（记者张三）　会议今天在北京召开。会议强调要抓好落实。")
    assert sp.metadata.dateline == "新华社北京10月17日电（记者张三）"
    assert sp.body.startswith("会议今天")
    sp = parse("会议今天召开。会议要求抓好落实。\n新华社北京10月17日电")
    assert sp.metadata.dateline == "新华社北京10月17日电" and sp.body.endswith("落实。")
    sp = parse("会议今天召开。会议要求抓好落实。（新华社北京10月17日电）")
    assert sp.metadata.dateline == "（新华社北京10月17日电）"
    # a dateline inside a sentence is text, not metadata
    sp = parse("据新华社北京10月17日电报道，会议召开。")
    assert sp.metadata.dateline is None
    _spans_hold(sp)


def test_adoption_and_revision_lines():
    text = ("某某条例\n\n2001年1月1日 某某会议通过\n\n2010年5月2日 某某会议修订\n\n第一章 总则\n\n"
            "第一条 为了做好工作，制定本条例。\n\n第二条 本条例适用于本省。\n")
    sp = parse(text)
    md = sp.metadata
    assert (md.adoption, md.adopted, md.revisions, md.date) == (
        "2001年1月1日 某某会议通过", "2001-01-01", ["2010年5月2日 某某会议修订"], "2010-05-02")
    # one chapter is no sequence of chapters: the articles are outside any part
    assert sp.sections == [] and [p.marker for p in sp.loose_points] == ["第一条", "第二条"]
    _spans_hold(sp)


def test_a_note_in_brackets_is_not_a_title_and_a_salutation_is_body():
    sp = parse("（译自俄文稿）\n\n我代表委员会作报告。")
    assert sp.metadata.title is None and sp.body.startswith("（译自")
    sp = parse("同志们：\n\n我代表委员会作报告。")
    assert sp.metadata.title is None


def test_notes_and_attachment_end_the_body():
    body = "正文第一段。\n\n正文第二段。" * 20
    sp = parse(f"某某规定\n\n{body}\n\n注：\n\n① 某书，第1页。\n\n② 某书，第2页。")
    assert sp.metadata.notes.startswith("注：") and sp.body.endswith("正文第二段。")
    sp = parse(f"某某规定\n\n{body}\n\n附件：某某式样(略)")
    assert sp.metadata.attachment == "附件：某某式样(略)" and sp.body.endswith("正文第二段。")
    _spans_hold(sp)


def test_dates_in_chinese_numerals():
    import re

    from zhdiscourse.text.metadata import DATE

    assert iso_date(re.match(DATE, "一九八二年二月二十七日").groups()) == "1982-02-27"
    assert iso_date(re.match(DATE, "二〇一七年十月十八日").groups()) == "2017-10-18"
    assert iso_date(re.match(DATE, "2020年2月3日").groups()) == "2020-02-03"
