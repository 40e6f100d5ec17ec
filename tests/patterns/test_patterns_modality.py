"""Directive modality: rules on invented sentences, then the study text."""

from __future__ import annotations

import pytest

from zhdiscourse import parse
from zhdiscourse.patterns import (
    classify_yao,
    directive_candidates,
    directive_profile,
    directives,
    modal_yao,
    we_verb,
    yao_occurrences,
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [classify_yao(text, i) for i, c in enumerate(text) if c == "要"]


@pytest.mark.parametrize("text,expected", [
    ("学校要加强管理。", [("modal", "要")]),
    ("各班级还要继续努力。", [("modal", "还要")]),
    ("一要读书，二要锻炼。", [("modal", "一要"), ("modal", "二要")]),
    ("这一点很重要。", [("lexical", "重要")]),
    ("老师提出了要求。", [("lexical", "要求")]),
    ("只要坚持就行。", [("lexical", "只要")]),
    ("千万不要放松。", [("prohibitive", "不要")]),
    ("他向下级要材料，很不好。", [("full_verb", "要材料")]),
    ("他向我要一份名单。", [("full_verb", "要一份名单")]),
    ("这场比赛要全力以赴。", [("modal", "要")]),
    ("难题要解，硬骨头要啃。", [("modal", "要"), ("modal", "要")]),
])
def test_yao_rules(text, expected):
    got = kinds(text)
    assert [k for k, _ in got] == [k for k, _ in expected]
    for (k, d), (ek, ed) in zip(got, expected):
        if ek in ("modal", "lexical", "prohibitive"):
            assert d == ed


def test_directive_family_rules():
    sp = parse("我们必须守住底线。各单位务必按时完成，应当及时报告。大家应对变化，适应环境。"
               "这在一定程度上有效。我们一定能够成功。能不能做好，不能只看结果。决不能松懈。"
               "要采取坚决有力的措施，坚决纠正错误。对困难应尽力解决。")
    d = directives(sp)
    assert list(d["marker"]) == ["必须", "务必", "应当", "不能", "决不能", "坚决", "应"]
    cand = directive_candidates(sp)
    st = dict(zip(cand["start"], cand["status"]))
    text = sp.text
    assert st[text.index("应对")].startswith("lexical")
    assert st[text.index("一定程度")] == "adjective:certain"
    assert st[text.index("一定能够")] == "epistemic:certainty"
    assert st[text.index("坚决有力")] == "attributive"
    assert st[text.index("能不能") + 1] == "question:能不能"


def test_we_verb_classes():
    sp = parse("去年我们修建了新校舍。我们要继续努力。我们的老师很好。对我们来说很难。")
    got = list(we_verb(sp)["class"])
    assert got == ["narrative", "directive", "possessive", "other"]


def test_profile_density_formula():
    sp = parse("要认真读书。要多锻炼。不要熬夜。")
    prof = directive_profile(sp, "text")
    row = prof.iloc[0]
    assert row["要"] == 2 and row["不要"] == 1
    assert row["chars"] == len("要认真读书。要多锻炼。不要熬夜。")
    assert row["要_per_1k"] == pytest.approx(1000 * 2 / row["chars"], abs=1e-3)


# ---- the study text -------------------------------------------------------------------------------

def test_speech_yao_classification(speech):
    occ = yao_occurrences(speech)
    text = speech.text
    counts = occ["kind"].value_counts().to_dict()
    assert counts == {"modal": 123, "lexical": 29, "full_verb": 1}
    fv = occ[occ["kind"] == "full_verb"].iloc[0]
    assert text[fv.start:fv.start + 3] == "要表格"
    lex = set(occ[occ["kind"] == "lexical"]["detail"])
    assert lex == {"主要是", "要求", "主要", "重要", "需要", "必要", "只要", "要素", "紧要"}
    # 要紧紧扭住 is the modal 要 + 紧紧 (not the word 要紧)
    p = text.index("要紧紧")
    assert classify_yao(text, p) == ("modal", "要")
    forms = modal_yao(speech)["form"].value_counts().to_dict()
    for f in ("还要", "也要", "越要", "既要", "一定要", "一要", "二要", "三要", "就要", "都要"):
        assert f in forms


def test_speech_directive_profile(speech):
    prof = directive_profile(speech, "section").set_index("unit")
    assert prof.loc["一", "要"] == 2 and prof.loc["二", "要"] == 40 and prof.loc["三", "要"] == 50 and prof.loc["四", "要"] == 31
    # review (part 一) is narrative, parts 二 and 三 are directive
    assert prof.loc["一", "我们V"] > 10 > prof.loc["二", "我们V"]
    assert prof.loc["二", "all_per_1k"] > 10 * prof.loc["一", "all_per_1k"]
    sub = directive_profile(speech, "subsection")
    assert len(sub) == 25 and sub["要"].sum() <= 123
