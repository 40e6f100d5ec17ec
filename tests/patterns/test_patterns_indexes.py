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


def _scan_clause(text, pos):
    a = pos
    while a > 0 and text[a - 1] not in _common.CLAUSE_END:
        a -= 1
    b = pos
    while b < len(text) and text[b] not in _common.CLAUSE_END:
        b += 1
    return a, b


def test_indexed_clause_span_equals_a_scan(speech):
    rng = random.Random(3)
    texts = [speech.text, "要" * 3000, "，" * 1200, "要我们，。\n、；a,b" * 150]
    for text in texts:
        for pos in [0, 1, len(text) - 1, len(text)] + [rng.randrange(len(text) + 1) for _ in range(500)]:
            assert _common.clause_span(text, pos) == _scan_clause(text, pos), (text[:10], pos)


def test_shared_run_computes_shared_steps_once_and_keeps_nothing_after(speech, monkeypatch):
    from zhdiscourse.patterns import modality
    from zhdiscourse.patterns.export import pattern_results
    from zhdiscourse.patterns.reporting import directive_voice, reporting_frames

    calls = []
    real = modality._directive_events
    monkeypatch.setattr(modality, "_directive_events", lambda sp: calls.append(1) or real(sp))
    alone = {"frames": reporting_frames(speech), "voice": directive_voice(speech)}
    n_alone = len(calls)
    calls.clear()
    with _common.shared_run():
        frames = reporting_frames(speech)
        frames["extra"] = 1  # a caller's change is not seen by the next detector
        voice = directive_voice(speech)
        again = reporting_frames(speech)
    assert len(calls) == 1 and n_alone == 2
    assert "extra" not in again.columns
    for got, want in ((again, alone["frames"]), (voice, alone["voice"])):
        assert got.equals(want)
    assert _common._RUN.memo == {}
    calls.clear()
    pattern_results(speech)
    assert len(calls) == 1  # every detector of the registry shares one computation of the events


def test_part_and_sub_point_look_ups_equal_the_speech_scans(speech):
    texts = [speech, parse("一、甲\n（一）乙。丙。\n（二）丁。\n二、戊\n己。"), parse("没有标题的一段话。第二句。")]
    for sp in texts:
        for off in list(range(-2, len(sp.text) + 3)) if len(sp.text) < 200 else range(-2, len(sp.text) + 3, 3):
            sec, sub = sp.section_at(off), sp.subsection_at(off)
            assert _common.section_of(sp, off) == (sec.number if sec else None)
            assert _common.subsection_of(sp, off) == (sub.label if sub else None)
    sp = texts[1]
    sp.sections = sp.sections[:1]  # another list: looked up afresh
    assert _common.section_of(sp, len(sp.text) - 1) is None
