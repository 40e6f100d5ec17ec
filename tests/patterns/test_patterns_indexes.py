"""The look-up indexes of the pattern detectors give the answers of the plain scans they replace."""

from __future__ import annotations

import gc
import random
from bisect import bisect_right

from zhdiscourse.patterns import spans as _common
from zhdiscourse.patterns.spans import sentence_index, sentence_starts
from zhdiscourse.patterns.parallelism import _MemberIndex, _StartSets, parallelisms
from zhdiscourse.text.structure import parse


def _plain_sentence_index(speech, offset):
    starts = [s.start for s in speech.sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and speech.sentences[i].start <= offset < speech.sentences[i].end:
        return speech.sentences[i].index
    return None


def test_sentence_index_matches_a_plain_scan(speech):
    for off in range(-1, len(speech.text) + 2, 7):
        assert sentence_index(speech, off) == _plain_sentence_index(speech, off)


def test_sentence_starts_follow_a_new_sentence_list_and_are_dropped_with_the_speech():
    sp = parse("一、甲\n我们要做好甲。我们要做好乙。\n二、乙\n我们要做好丙。")
    assert sentence_starts(sp) == [s.start for s in sp.sentences]
    last = sp.sentences[-1]
    assert sentence_index(sp, last.start) == last.index
    sp.sentences = sp.sentences[:1]  # a new list: the cached starts must not be used
    assert sentence_starts(sp) == [sp.sentences[0].start]
    assert sentence_index(sp, last.start) is None
    key = id(sp)
    assert key in _common._SENTENCE_STARTS
    del sp
    gc.collect()
    assert key not in _common._SENTENCE_STARTS


def _rand_spans(rng, n, size=2000):
    out = []
    for _ in range(n):
        a = rng.randrange(size)
        out.append((a, a + rng.choice([0, 1, 2, 5, 40, 63, 64, 65, 130, 700])))
    return out


def test_member_index_hits_equal_brute_force():
    rng = random.Random(7)
    for _ in range(200):
        idx, insts = _MemberIndex(), []
        for i in range(rng.randrange(1, 12)):
            spans = _rand_spans(rng, rng.randrange(1, 5))
            idx.add(i, spans)
            insts.append(spans)
        new = _rand_spans(rng, rng.randrange(1, 6))
        brute = {}
        for i, members in enumerate(insts):
            h = sum(1 for a, b in new if any(a < mb and ma < b for ma, mb in members))
            if h:
                brute[i] = h
        assert idx.hits(new) == brute


def test_start_sets_nested_equals_brute_force():
    rng = random.Random(11)
    for _ in range(300):
        ss, sets = _StartSets(), []
        for _k in range(rng.randrange(0, 10)):
            s = set(rng.sample(range(30), rng.randrange(1, 5)))
            ss.add(s)
            sets.append(s)
        new = set(rng.sample(range(30), rng.randrange(1, 5)))
        assert ss.nested(new) == any(new <= p or p <= new for p in sets)


def test_parallelisms_unchanged_by_the_order_of_sentences_in_memory(speech):
    # the per-sentence clause index must give each sentence its own clauses, in text order
    par = parallelisms(speech)
    clause_par = [p for p in par if p["level"] == "clauses"]
    assert clause_par
    for p in clause_par:
        sents = {speech.sentence_at(m["start"]).index for m in p["members"]}
        assert len(sents) == 1
