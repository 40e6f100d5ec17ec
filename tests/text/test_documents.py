"""Several documents in one text: detected, reported, parsed one by one, never merged into one outline."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.text import parse_documents

FIRST = """在中国共产党第十八次全国代表大会上的报告
——坚定不移沿着中国特色社会主义道路前进

（2012年11月8日）

胡锦涛

同志们：

现在，我代表第十七届中央委员会向大会作报告。

一、过去五年的工作

五年来，我们取得了新的成就。

二、夺取新胜利

我们要继续奋斗。
"""

SECOND = """在中国共产党第十九次全国代表大会上的报告
——决胜全面建成小康社会

（2017年10月18日）

习近平

同志们：

现在，我代表第十八届中央委员会向大会作报告。

一、过去五年的工作和历史性变革

五年来，我们解决了许多难题。

二、新时代的历史使命

我们要不忘初心。

三、新时代的思想和方略

我们要坚持党的领导。
"""


def test_two_reports_in_one_text_are_detected_not_merged():
    text = FIRST + "\n\n" + SECOND
    sp = parse(text)
    assert len(sp.documents) == 2
    assert [d.title for d in sp.documents] == ["在中国共产党第十八次全国代表大会上的报告",
                                               "在中国共产党第十九次全国代表大会上的报告"]
    assert sp.documents[1].start == text.index(SECOND)
    assert sp.warnings and "2 documents" in sp.warnings[0]
    # this Speech is the first document: its parts are its own, none of the second's
    assert [s.title for s in sp.sections] == ["过去五年的工作", "夺取新胜利"]
    assert sp.body_end <= sp.documents[1].start and all(not s.subsections for s in sp.sections)
    assert sp.metadata.speaker == "胡锦涛"


def test_each_document_parses_on_its_own_with_offsets_into_the_whole_text():
    text = FIRST + "\n\n" + SECOND
    one, two = parse_documents(text)
    assert one.text == two.text == text
    assert [s.title for s in two.sections] == ["过去五年的工作和历史性变革", "新时代的历史使命", "新时代的思想和方略"]
    assert two.metadata.speaker == "习近平" and two.metadata.date == "2017-10-18"
    assert two.body_start > one.body_end
    for s in two.sections:
        assert text[s.title_start:s.title_end] == s.title


def test_one_document_is_not_split():
    sp = parse(FIRST)
    assert sp.documents == [] and sp.warnings == []
    assert len(parse_documents(FIRST)) == 1
    # a heading followed by a date inside a text is not a new document unless a title block opens it
    sp = parse("报告如下。\n\n一、工作回顾\n\n2019年3月5日，我们开会。\n\n二、任务\n\n要继续努力。")
    assert sp.documents == [] and len(sp.sections) == 2
