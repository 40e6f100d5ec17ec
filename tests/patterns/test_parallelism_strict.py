"""The strict rhetorical reading (:mod:`zhdiscourse.patterns.parallelism.strict`): one test or more per rule
S1–S5 and for partial readings that skip a member, on invented sentences, each with a near miss that the
rule must leave alone. ``learned=False`` keeps the tagger out where a rule reads only the lexical rules'
own instances (S3)."""

from __future__ import annotations

from zhdiscourse import parse
from zhdiscourse.patterns.parallelism import detector, parallelisms, rhetorical, strict
from zhdiscourse.patterns.parallelism.tagging import session


def members(p: dict) -> list[str]:
    return [m["text"] for m in p["members"]]


def find(par: list[dict], first: str) -> dict:
    return next(p for p in par if members(p)[0] == first)


def test_S1_compact_formula_is_coordination():
    par = parallelisms(parse("学校要学深学透学精课程内容。"))
    p = find(par, "学深")
    assert p["level"] == "compact" and p["class"] == "coordination" and p not in rhetorical(par)
    # the same words as 、-items are a series of predicates, not a formula
    par2 = parallelisms(parse("学校要学深、学透、学精，提高课程质量。"))
    assert any(p["level"] == "items" and p["class"] == "排比" for p in par2)


def test_S2a_list_modifying_one_noun_is_coordination():
    par = parallelisms(parse("要做好招工、留工、稳工工作，增强企业信心。"))
    assert find(par, "招工")["class"] == "coordination"
    # followed by 的 + noun the list is a series of predicates
    par2 = parallelisms(parse("要做到早预防、早发现、早处置的要求。"))
    assert find(par2, "早预防")["class"] == "排比"


def test_S2b_attributive_noun_phrases_are_coordination():
    par = parallelisms(parse("要优先支持受灾最重的县城和受灾较重的乡镇，尽快恢复生产。"))
    p = find(par, "受灾最重的县城")
    assert p["class"] == "coordination"


def test_S2_units():
    text = "支持美丽的乡村和繁华的城市。"
    a, b = text.index("美丽的乡村"), text.index("繁华的城市")
    with session():
        spans = [(a, a + 5), (b, b + 5)]
        toks = [strict._toks(text[x:y]) for x, y in spans]
        assert strict._attributive(toks) and strict._joined_nouns(text, spans, toks)
        # two verb phrases joined by 和 are not a list of nouns
        t2 = "要保护森林和保护水源。"
        s2 = [(t2.index("保护森林"), t2.index("保护森林") + 4), (t2.index("保护水源"), t2.index("保护水源") + 4)]
        assert not strict._joined_nouns(t2, s2, [strict._toks(t2[x:y]) for x, y in s2])
        # the level decides: clauses are never coordination here
        assert not strict.coordination(text, "clauses", spans)
        assert strict.coordination(text, "compact", spans)


NARRATIVE = ("我们修了三条路，方便了村民出行。"
             "我们建了一所新学校，让孩子们就近上学，还从城里请来了一批优秀的老师，开设了音乐和美术课程。"
             "我们办了卫生室。")
BALANCED = ("有的同学认真听讲、积极发言，成绩进步很快；有的同学不愿预习、不肯复习，成绩一直落后；"
            "有的同学上课走神、下课贪玩，作业常常拖欠。")


def test_S3_repeated_subject_in_different_shapes_is_not_reported():
    sp = parse(NARRATIVE)
    from zhdiscourse.patterns.parallelism import rules
    assert any(q["level"] == "sentences" and q["kind"] == "anaphora" for q in rules.parallelisms(sp))
    assert not any(p["level"] == "sentences" for p in parallelisms(sp, learned=False))


def test_S3_members_of_one_shape_stay():
    par = parallelisms(parse(BALANCED), learned=False)
    p = find(par, "有的同学认真听讲、积极发言，成绩进步很快")
    assert p["class"] == "排比" and p["level"] == "segments"


def test_S3_shape_measures():
    with session():
        # a repeated subject (pronoun) with different continuations
        sh = strict.shape(["我们修了三条路", "我们建了一所新学校，让孩子们就近上学，还请来了老师", "我们办了卫生室"],
                          "anaphora")
        assert sh["subject"] and sh["whole"] < strict.SUBJECT_RATIO
        # shared structure beyond the opening: the first clauses end alike (…之志)
        sh = strict.shape(["要立报国之志，刻苦学习", "要立成才之志，锻炼身体，多读好书", "要立为民之志"], "anaphora")
        assert sh["frame"] and not sh["subject"]
        # one rhythm: as many 、-parts, the first of one length
        sh = strict.shape(["有的认真听讲、积极发言，进步很快", "有的不愿预习、不肯复习"], "anaphora")
        assert sh["rhythm"]
        # an ending shared by sentences of different shape
        sh = strict.shape(["今年的工作重点是加强基础设施建设", "我们还要看到建设"], "epiphora")
        assert sh["whole"] < strict.SHAPE_RATIO
    inst = {"level": "sentences", "kind": "anaphora", "source": "rules"}
    with session():
        ts = ["我们修了三条路", "我们建了一所新学校，让孩子们就近上学，还请来了老师", "我们办了卫生室"]
        assert strict.narrative(inst, ts)
        assert not strict.narrative({**inst, "source": "rules+model"}, ts)  # the tagger confirmed it
        assert not strict.narrative({**inst, "level": "clauses"}, ts)  # clauses: not a narrative run


def test_S4_specification_is_not_reported():
    assert strict.specification(["全校老师、同学", "特别是高三年级老师、同学"])
    assert strict.specification(["向各位来宾", "“尤其是远道而来的朋友"])
    assert not strict.specification(["特别是今年", "明年"])  # only members after the first
    text = "我们向全校老师、同学，特别是高三年级老师、同学，表示感谢。"
    from zhdiscourse.patterns.parallelism import rules
    sp = parse(text)
    assert any("特别是" in members(q)[-1] for q in rules.parallelisms(sp))
    assert not any(any("特别是" in t for t in members(p)) for p in parallelisms(sp))


def test_S5_tagger_series_inside_a_longer_list_is_partial():
    text = "研究如何加强甲项建设、改革完善乙项制度、改革完善丙项制度、健全丁项制度、健全戊项体系等问题。"
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("改革完善乙项制度", "改革完善丙项制度", "健全丁项制度")]
    assert strict.partial_list(text, {"source": "model"}, spans)
    assert not strict.partial_list(text, {"source": "rules"}, spans)  # a lexical rule's series is its own
    whole = [(text.index(w), text.index(w) + len(w)) for w in
             ("加强甲项建设", "改革完善乙项制度", "改革完善丙项制度", "健全丁项制度", "健全戊项体系")]
    assert not strict.partial_list(text, {"source": "model"}, whole)  # the whole list


def _cand(spans, score, level="sentences"):
    return {"start": spans[0][0], "end": spans[-1][1], "score": score, "level": level,
            "members": [{"start": a, "end": b} for a, b in spans]}


def test_partial_reading_that_skips_a_member_is_dropped():
    # one reading takes sentences 1, 3, 4 of a run; another takes 1, 2, 3: the first skips sentence 2
    skipping = _cand([(0, 10), (24, 34), (36, 46)], 0.9)
    full = _cand([(0, 10), (12, 22), (24, 34)], 0.5)
    kept = detector._drop_partial([skipping, full])
    assert [c["members"][0]["start"] for c in kept] == [0] and kept[0]["members"][1]["start"] == 12
    # at another level the two readings are not rivals
    assert len(detector._drop_partial([_cand([(0, 10), (24, 34), (36, 46)], 0.9, "clauses"), full])) == 2
    # readings sharing one member only are both kept
    other = _cand([(24, 34), (40, 44), (50, 60)], 0.9)
    assert len(detector._drop_partial([other, full])) == 2
