"""The second-generation 排比 detector (:mod:`zhdiscourse.patterns.parallelism.detector`): classes, nesting,
the calibrated confidence and the series reading, the shipped model, exactness of the speed-ups (tags
filed from the lines' segmentation, the bit-parallel LCS, nesting by buckets), and a very long line
without punctuation (handled; its cost is measured in ``bench/bench_parallelism_speed.py``, not here)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhdiscourse import parse
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.patterns.parallelism import confident_series, detector, parallelisms, rhetorical
from zhdiscourse.patterns.parallelism import tagging
from zhdiscourse.patterns.parallelism.calibration import Calibration, features
from zhdiscourse.patterns.parallelism.clauses import clause_lines, lcs_ratio
from zhdiscourse.patterns.parallelism.model import load_model

TEXT = ("我们要坚持稳中求进，要坚持改革开放，要坚持以人为本。"
        "在学习上要沉下心来、扑下身子，在工作上要抓紧、抓实、抓细。"
        "要保障医疗物资、防护物资、生活物资的供应。"
        "关键时刻冲得上去，危难关头豁得出来。")


def members(p: dict) -> list[str]:
    return [m["text"] for m in p["members"]]


@pytest.fixture(scope="module")
def par():
    return parallelisms(parse(TEXT))


def test_offsets_and_fields(par):
    assert par
    for p in par:
        assert p["class"] in detector.CLASSES
        assert 0.0 <= p["score"] <= 1.0
        for m in p["members"]:
            assert TEXT[m["start"]:m["end"]] == m["text"]
        assert p["start"] == p["members"][0]["start"] and p["end"] == p["members"][-1]["end"]


def test_classes(par):
    by_first = {members(p)[0]: p for p in par}
    triad = next(p for p in par if members(p)[:1] == ["要坚持稳中求进"])
    assert triad["class"] == "排比" and len(triad["members"]) == 3
    pair = next(p for p in par if "关键时刻冲得上去" in members(p))
    assert pair["class"] == "对偶"
    # a list of noun phrases sharing their head (物资) is lexical coordination, never counted
    goods = next(p for p in par if any("防护物资" in t for t in members(p)))
    assert goods["class"] == "coordination" and goods not in rhetorical(par)
    assert by_first  # every instance has members


def test_nesting_is_consistent(par):
    by_id = {p["id"]: p for p in par}
    assert [p["id"] for p in par] == list(range(len(par)))
    nested = [p for p in par if p["parent"] is not None]
    assert nested  # 抓紧、抓实、抓细 sits inside a member of the 在…上要… pair
    for p in nested:
        parent = by_id[p["parent"]]
        assert p["id"] in parent["children"]
        assert any(m["start"] <= p["start"] and p["end"] <= m["end"] for m in parent["members"])
    for p in par:
        for c in p["children"]:
            assert by_id[c]["parent"] == p["id"]


def test_nesting_equals_brute_force(speech):
    found = parallelisms(speech)

    def brute(d):
        best = None
        for j, o in enumerate(found):
            if o is d or (o["start"], o["end"]) == (d["start"], d["end"]):
                continue
            if any(m["start"] <= d["start"] and d["end"] <= m["end"] for m in o["members"]):
                key = (o["end"] - o["start"], -j)
                if best is None or key < best[0]:
                    best = (key, o["id"])
        return best[1] if best else None

    assert [p["parent"] for p in found] == [brute(p) for p in found]


def test_confidence_only_at_the_series_levels(par):
    for p in par:
        if p["level"] in detector.SERIES_LEVELS:
            assert 0.0 <= p["confidence"] <= 1.0
            if p["source"] == "model" or "+model" in p["source"]:
                assert p["confident"]  # the tagger's own series always count
        else:
            assert p["confidence"] is None and not p["confident"]
    rules_only = parallelisms(parse(TEXT), learned=False)
    assert all(p["confidence"] is None for p in rules_only)


def test_confident_series_is_the_outermost_confident_reading(speech):
    found = confident_series(speech)
    assert found
    for p in found:
        assert p["confident"] and p["class"] in detector.RHETORICAL and p["level"] in detector.SERIES_LEVELS
        for m in p["members"]:
            assert speech.text[m["start"]:m["end"]] == m["text"]
    # none of them lies inside a member of another
    for p in found:
        assert not any(o is not p and any(m["start"] <= p["start"] and p["end"] <= m["end"] for m in o["members"])
                       for o in found)


def test_shipped_model_and_calibration():
    model = load_model()
    meta = model.meta
    assert meta["licence"] == "CC-BY-SA-4.0" and "Bothwell" in meta["attribution"]
    assert meta["training"]["split"] == "training" and meta["training"]["cv_folds"] >= 2
    cal = model.calibration
    assert cal is not None and 0.0 < cal.threshold <= 1.01
    assert cal.meta["cross_validation"]  # the table the threshold was chosen from
    # more support from the tagger never lowers the confidence (positive weights on support)
    inst = {"source": "rules", "level": "clauses", "kind": "anaphora", "support": 0.1,
            "members": [{"start": 0, "end": 6}, {"start": 7, "end": 13}]}
    st_ = {"length_ratio": 1.0, "pos_alignment": 1.0, "frame_share": 0.5}
    lo = cal.probability(features(inst, st_, None))
    hi = cal.probability(features(dict(inst, support=0.9), st_, None))
    assert 0.0 <= lo < hi <= 1.0


def test_bad_calibration_is_a_user_error():
    with pytest.raises(ZhDiscourseError):
        Calibration({"weights": {"bias": 1.0}})
    with pytest.raises(ZhDiscourseError):
        Calibration({"weights": 3, "threshold": 0.5})


def _lcs_dp(x, y):
    if not x or not y:
        return 0.0
    prev = [0] * (len(y) + 1)
    for xi in x:
        cur = [0]
        for j, yj in enumerate(y):
            cur.append(prev[j] + 1 if xi == yj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / max(len(x), len(y))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("nvdpacx"), max_size=40), st.lists(st.sampled_from("nvdpacx"), max_size=40))
def test_bit_parallel_lcs_equals_the_dynamic_programme(x, y):
    assert lcs_ratio(tuple(x), tuple(y)) == pytest.approx(_lcs_dp(tuple(x), tuple(y)))


def test_tags_filed_from_the_lines_equal_a_fresh_pass(speech):
    """Clause, item and sentence tags taken from the lines' segmentation are what jieba gives the span
    alone (jieba segments every block of Han characters, letters and digits on its own)."""
    text = speech.text
    rng = random.Random(13)
    with tagging.session():
        clause_lines(text, speech.body_start, speech.body_end)
        spans = [(u.start, u.end) for units in (speech.clauses, speech.items, speech.sentences) for u in units]
        assert tagging.prime(text, spans) > 0  # clause_lines filed its own clauses; prime files more
        assert sum(tagging.filed(text[a:b]) is not None for a, b in spans) > 0.9 * len(spans)
        primed = {text[a:b]: tagging.filed(text[a:b]) for a, b in rng.sample(spans, 300)
                  if tagging.filed(text[a:b]) is not None}
        # a span that does not start at a block edge is not filed (its tags could differ)
        inside = next((a + 1, b) for a, b in spans if b - a > 4 and text[a].isalnum() and text[a + 1].isalnum())
        assert tagging.prime(text, [inside]) == 0 or text[inside[0]:inside[1]] in primed
    for frag, tags in primed.items():
        assert tags == tagging.pos_tags(frag)  # outside a session: one fresh jieba pass


def test_long_line_without_punctuation_is_handled():
    """A 200,000-character line with no punctuation (issue 16): the detector reads it (every bound in
    the rules keeps the cost linear; the time is benchmarked, not tested)."""
    rng = random.Random(16)
    base = "人民群众生产生活秩序逐步恢复经济社会发展大局稳定改革开放深入推进科技创新能力不断增强"
    words = [base[i:i + 2] for i in range(0, len(base) - 1, 2)] + ["抓紧", "抓实", "抓细", "和", "及"]
    parts, n = [], 0
    while n < 200_000:
        w = rng.choice(words)
        parts.append(w)
        n += len(w)
    text = "".join(parts)[:200_000]
    assert len(text) == 200_000 and not any(c in text for c in "，。、；：！？")
    found = parallelisms(parse(text))
    for p in found:
        for m in p["members"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert all(p["level"] in ("items", "compact") for p in found)  # one clause: nothing above it


def test_series_reading_is_combined_among_confident_instances_only():
    """An unconfident larger reading hides a confident partial one in the rhetorical reading
    (one reading per series) but not in the series reading, which combines the confident alone."""
    def inst(source, spans, confident):
        return {"kind": "anaphora", "frame": "", "level": "clauses", "section": None, "sentence": 0,
                "start": spans[0][0], "end": spans[-1][1], "source": source, "support": 0.5, "score": 0.5,
                "class": "排比" if len(spans) >= 3 else "对偶", "confidence": 0.9 if confident else 0.1,
                "confident": confident, "members": [{"text": "x" * (b - a), "start": a, "end": b} for a, b in spans]}

    big = inst("rules", [(0, 6), (7, 13), (14, 20)], False)
    pair = inst("model", [(0, 6), (7, 13)], True)
    assert [len(p["members"]) for p in detector.combine([big, pair])] == [3]  # the pair is a partial reading
    found = detector.series_reading([big, pair])
    assert [(p["source"], len(p["members"])) for p in found] == [("model", 2)]
    assert detector.series_reading([big]) == []


def test_batched_viterbi_and_prepared_scores_equal_one_line_at_a_time(speech):
    import numpy as np

    from zhdiscourse.patterns.parallelism import crf
    from zhdiscourse.patterns.parallelism.model import load_model

    model = load_model()
    with tagging.session():
        lines = [ln for ln in clause_lines(speech.text, speech.body_start, speech.body_end) if len(ln) >= 2]
    ems = [model.line_emissions(ln) for ln in lines]
    by_len = {}
    for em in ems:
        by_len.setdefault(len(em), []).append(em)
    for group in by_len.values():
        for em, row in zip(group, crf._viterbi_block(group, model.prepared)):
            assert row == crf.viterbi(em, model.trans, model.start, model.end)
            assert np.array_equal(crf.marginals_prepared(em, model.prepared),
                                  crf.marginals(em, model.trans, model.start, model.end))
    # the posteriors of lines of every length at once: bit for bit those of one line at a time (and of no line,
    # and of a line of one clause among them)
    assert len(by_len) > 3
    some = ems + [ems[0][:1]]
    for got_lines in (crf.marginals_lines(some, model.prepared), crf._marginals_block(some, model.prepared)):
        for em, got in zip(some, got_lines):
            want = crf.marginals_prepared(em, model.prepared)
            assert got.shape == want.shape and got.tobytes() == want.tobytes()
    assert crf.marginals_lines([], model.prepared) == []
    # … and the best labels of lines of every length at once
    one_at_a_time = [crf.viterbi(em, model.trans, model.start, model.end) for em in some]
    assert crf.viterbi_lines(some, model.prepared) == one_at_a_time
    assert crf._viterbi_block(some, model.prepared) == one_at_a_time
    assert crf.viterbi_lines([], model.prepared) == []


def test_lines_are_tagged_in_blocks_whose_padding_stays_linear():
    """One very long line among many short ones (a pasted paragraph without line breaks) is a block of its own:
    padding every line to the longest made the tagger's cost lines × longest line instead of the clauses."""
    from zhdiscourse.patterns.parallelism import crf

    for lengths in ([2] * 2000 + [3000], [3000] + [5] * 500 + [40] * 30, list(range(1, 400)), [7]):
        blocks = crf._buckets(lengths, crf.BLOCK_WASTE)
        assert sorted(i for b in blocks for i in b) == list(range(len(lengths)))
        padded = sum(len(b) * max(lengths[i] for i in b) for b in blocks)
        assert padded <= crf.BLOCK_WASTE * sum(lengths)


def test_feature_rows_are_the_rows_of_the_feature_strings(speech):
    import numpy as np

    from zhdiscourse.patterns.parallelism.clauses import line_features
    from zhdiscourse.patterns.parallelism.model import load_model

    model = load_model()
    with tagging.session():
        lines = clause_lines(speech.text, speech.body_start, speech.body_end)
    for ln in lines:
        strings = line_features(ln)
        rows = line_features(ln, index=model.index)
        assert rows == [[model.index[f] for f in fs if f in model.index] for fs in strings]
        assert np.array_equal(model.row_emissions(rows), model.emissions(strings))


@pytest.mark.parametrize("a,b", [("", ""), ("甲", ""), ("要加强", "要加大"), ("在其位谋其政", "在其乡谋其事业"),
                                 ("a\x00b", "a\x00c"), ("𠀀字", "𠀀宇"), ("abc", "xbc")])
def test_positional_by_lanes_equals_a_character_count(a, b):
    from zhdiscourse.patterns.parallelism.clauses import positional

    s = sum(x == y for x, y in zip(a, b))
    e = sum(x == y for x, y in zip(reversed(a), reversed(b)))
    assert positional(a, b) == max(s, e)

