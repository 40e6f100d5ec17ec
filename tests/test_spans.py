"""The span contract, checked once for every function that returns spans.

Every span is a pair of half-open offsets into the text it came from (``Speech.text``, or a corpus
document's ``text`` and ``original``) and obeys ``0 <= start <= end <= len(text)``; where the span
carries its own text (a ``text``, ``token``, ``keyword``, ``expression``, ``title``, ``marker`` …
field), ``text[start:end]`` is exactly that text.

:data:`CASES` maps a name to a function that extracts ``(start, end, expected_text_or_None)`` triples
from a :class:`Ctx` (a parsed text with its token table and pattern results, built once per text).
The test runs every case on every text of :data:`TEXTS`; on the study speech every case must find at
least one span, so the contract cannot hold vacuously. The detectors of
:data:`zhdiscourse.patterns.registry.REGISTRY` are cases by themselves (a new detector is checked
without editing this file). The corpus side (:func:`zhdiscourse.tokenize.corpus_tokens`) is
:func:`test_corpus_token_offsets`.
"""

from __future__ import annotations

import json
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path

import pytest

from zhdiscourse import (
    ZhDiscourseError,
    dispersion,
    kwic,
    load_speech,
    parse,
    read_text,
    tokens,
)
from zhdiscourse.patterns import (
    clause_series,
    directive_candidates,
    find_frames,
    four_char_expressions,
    patterns_report,
    we_verb,
    yao_occurrences,
    yao_sentences,
)
from zhdiscourse.patterns.parallelism import confident_series
from zhdiscourse.patterns.registry import REGISTRY
from zhdiscourse.stats import part_boundaries, token_dispersion
from zhdiscourse.text import find_matches, outline_table
from zhdiscourse.text.corpus import load_jsonl
from zhdiscourse.tokenize import UNITS, content_tokens, corpus_tokens, documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_POLICY = ROOT / "docs" / "examples" / "sample_policy.txt"

# ---- the texts --------------------------------------------------------------------------------------

#: Parts (一、), 一是/二是 sub-points, a title, a date line and a dateline, and one of most patterns:
#: clause series, directives and their exclusions, idioms, frames, 第一，/一要 enumerations, mixed script.
PARTS_TEXT = """关于做好学校工作的意见
（2021年3月5日）
同志们：
今年我们取得了成绩。下面，我讲几点意见。
一、总体要求
一是坚持稳中求进，GDP 增长2.5%以上；二是越是困难的时候，越要坚定信心，越要团结一致。
三是既要读书，也要锻炼。我们必须守住底线，各单位务必按时完成，应当及时报告。
二、重点任务
一是他们守株待兔，我们学深学透，应读尽读。要早发现、早报告、早隔离、早治疗。
二是必须增强必胜之心、必须增强责任之心。对学生应查尽查，对老师应补尽补。
三是这在一定程度上有效。能不能做好，不能只看结果。要采取坚决有力的措施，坚决纠正错误。
第一，要团结。第二，要奋斗。一要学习，二要实践。
三、工作要求
要加强学习。要加大投入。要加快进度。他要来，我要走。大家应对变化，适应环境。
（新华社北京3月5日电）
"""

#: No headings and no sub-points: the invented sentences of the 排比 rules (tests/patterns), quotes,
#: Latin letters and digits, a line without a full stop.
PLAIN_LINES = (
    "我们热爱祖国，热爱人民，热爱生活。",
    "有的同学不交作业，态度差；有的同学上课睡觉；有的同学从不发言。",
    "要维护课堂纪律、考场纪律、宿舍纪律等各项规定。",
    "老师提出早准备、早复习、早休息的要求和加强体育、加强美育、加强劳育的建议。",
    "学校要确保学生进得来、老师留得住、课程开得好。",
    "读书如交友，择书如择友。",
    "大家要学深学透学实这些内容。",
    "会议邀请了北京、上海、广州、深圳的代表。",
    "3月1日，我们开会。3月5日，他去北京。",
    "做好招生工作，完成毕业生的分配工作。改造提升传统学科，培育壮大新兴学科。",
    "学校召开了2次全体教师大会、1次全体学生大会。",
    "他看望了受伤的队员及其父母、退役球员父母、离队教练父母。",
    "学校支持美术社团、美术小组尽快开展活动。把这项工作学深学透学明白。",
    "我们要鼓励“人人参与”和“人人监督”的做法。学校要做到内抓管理、外抓形象。",
    "学校帮助学生顺利毕业、尽早就业。学校要抓考风、正学风。",
    "学校要切实提高及格率和优秀率、降低缺勤率和辍学率。",
    "有些学校条件很好，这些甲类学校要开足全部课程。乙类学校要保证主科教学。丙类学校要先解决师资问题。",
    "学校慰问了军人军属、退役军人。他说：“我们一定能赢！”大家鼓掌？",
    "新的一行没有句号",
    "去年我们修建了新校舍。我们的老师很好。对我们来说很难。不要熬夜。向下级要材料。",
)
PLAIN_TEXT = "\n".join(PLAIN_LINES)

#: Written to a file as GB18030 with CRLF line ends (the loader decodes it and normalises the line ends).
SHORT_TEXT = """学校工作会议上的讲话
（2020年2月23日）
同学们：
一、关于学习
同学们要认真读书。要多做练习。要按时休息。老师要关心学生。要注意安全。
二、关于生活
（一）吃饭。要按时吃饭。要求大家准时。
（二）睡觉。要早睡早起。要多运动。
（新华社北京2月23日电）
"""

#: A law: title block with adoption and revision lines, chapters (one with 节), articles as the third
#: level, numbered items inside an article, a chapter title with spaces.
LAW_TEXT = """某某省学校安全条例

2019年5月1日 某某省人民代表大会常务委员会第九次会议通过

2021年3月2日 某某省人民代表大会常务委员会第三次会议修正

第一章 总  则

第一条 为了保障学校安全，制定本条例。

第二条 本条例适用于本省各类学校。学校应当建立安全制度：

（一）明确安全责任；

（二）开展安全教育。

第二章 安全管理

第一节 一般规定

第三条 学校必须加强门卫管理。

第二节 特别规定

第四条 寄宿制学校应当配备宿舍管理人员。

第五条 本条例自2021年5月1日起施行。
"""

TEXTS = ("study", "sample_policy", "gb18030_crlf", "parts", "plain", "law")


class Ctx:
    """One parsed text and what the cases need of it, each computed once."""

    def __init__(self, name: str, speech, *, cache: bool):
        self.name = name
        self.speech = speech
        self.text = speech.text
        self._cache = cache

    @cached_property
    def table(self):
        return tokens(self.speech, cache=self._cache)

    @cached_property
    def report(self) -> dict:
        return patterns_report(self.speech)

    @cached_property
    def token_terms(self) -> list[str]:
        """The three most frequent content words of two or more characters (whole tokens)."""
        c = content_tokens(self.table)
        words = [w for w in c["token"].astype(str) if len(w) >= 2]
        return [w for w, _n in Counter(words).most_common(3)]

    @cached_property
    def terms(self) -> list[str]:
        """Whole-token terms, 要, and a string that crosses a token boundary (the end of one word and
        the start of the next), so that matches also start and end inside tokens."""
        out = [*self.token_terms, "要"]
        toks = self.table[["token", "sentence"]].astype({"token": str}).itertuples(index=False)
        prev = None
        for t in toks:
            if prev is not None and prev.sentence == t.sentence and len(prev.token) >= 2 and len(t.token) >= 2 \
                    and prev.token.isalpha() and t.token.isalpha():
                out.append(prev.token[-1] + t.token[0])
                break
            prev = t
        return list(dict.fromkeys(out))


@pytest.fixture(scope="module", params=TEXTS)
def ctx(request, tmp_path_factory) -> Ctx:
    name = request.param
    if name == "study":
        return Ctx(name, request.getfixturevalue("speech"), cache=True)
    if name == "sample_policy":
        return Ctx(name, load_speech(SAMPLE_POLICY), cache=True)
    if name == "gb18030_crlf":
        path = tmp_path_factory.mktemp("spans") / "short_gb18030_crlf.txt"
        path.write_bytes(SHORT_TEXT.replace("\n", "\r\n").encode("gb18030"))
        return Ctx(name, load_speech(path), cache=False)
    text = {"parts": PARTS_TEXT, "plain": PLAIN_TEXT, "law": LAW_TEXT}[name]
    return Ctx(name, parse(text), cache=False)


# ---- the cases ----------------------------------------------------------------------------------------

Triples = Iterable[tuple[int, int, "str | None"]]


def _rows(df, *cols: str) -> Iterator[tuple]:
    return df[list(cols)].itertuples(index=False, name=None)


def _members(records: list[dict]) -> Triples:
    for rec in records:
        for m in rec.get("members") or ():
            yield m["start"], m["end"], m["text"]


def sections(c: Ctx) -> Triples:
    for s in c.speech.sections:
        yield s.start, s.end, None
        yield s.title_start, s.title_end, s.title
        yield s.start, s.title_end, None


def subsections(c: Ctx) -> Triples:
    for u in c.speech.subsections:  # inside parts and loose ones
        yield u.start, u.end, None
        yield u.start, u.start + len(u.marker), u.marker  # ``start`` is the marker's offset
        yield u.title_start, u.title_end, u.title
    for p in c.speech.points:  # the third level (articles, items), under parts, sub-points or loose
        yield p.start, p.end, None
        yield p.start, p.start + len(p.marker), p.marker
        yield p.title_start, p.title_end, p.title


def sentences(c: Ctx) -> Triples:
    return ((s.start, s.end, s.text) for s in c.speech.sentences)


def clauses(c: Ctx) -> Triples:
    return ((x.start, x.end, x.text) for x in c.speech.clauses)


def items(c: Ctx) -> Triples:
    return ((x.start, x.end, x.text) for x in c.speech.items)


def metadata(c: Ctx) -> Triples:
    md = c.speech.metadata
    for key, (a, b) in md.spans.items():
        # the date is normalised (2020年2月23日 → 2020-02-23): only its span is checked
        yield a, b, None if key == "date" else getattr(md, key)
    for line in md.lines:  # every line of the title block and the end matter
        yield line.start, line.end, line.text
    yield c.speech.body_start, c.speech.body_end, c.speech.body


def speech_units(c: Ctx) -> Triples:
    for by in ("section", "subsection", "segment", "sentence"):
        try:
            units = c.speech.units(by)
        except ZhDiscourseError:
            continue
        yield from ((a, b, None) for _label, a, b in units)


def token_rows(c: Ctx) -> Triples:
    return _rows(c.table, "start", "end", "token")


def kwic_rows(c: Ctx) -> Triples:
    for term in c.terms:
        for a, b, kw in _rows(kwic(c.speech, term, window=3, table=c.table), "start", "end", "keyword"):
            yield a, b, kw
            yield a, b, term
    yield from _rows(kwic(c.speech, r"要(.)", regex=True, table=c.table), "start", "end", "keyword")


def dispersion_rows(c: Ctx) -> Triples:
    d = dispersion(c.speech, c.terms, table=c.table)
    yield from _rows(d, "start", "end", "term")
    yield from ((r["start"], r["end"], None) for r in d.attrs["boundaries"])


def match_spans(c: Ctx) -> Triples:
    for term in c.terms:
        yield from ((a, b, term) for a, b in find_matches(c.speech, term))
    yield from ((a, b, None) for a, b in find_matches(c.speech, r"[一二三四五六七八九十]是", regex=True))


def token_dispersion_rows(c: Ctx) -> Triples:
    d = token_dispersion(c.table, c.speech, c.token_terms)
    yield from _rows(d, "start", "end", "term")
    yield from ((r["start"], r["end"], None) for r in d.attrs["boundaries"])


def part_boundary_rows(c: Ctx) -> Triples:
    return ((a, b, None) for a, b in _rows(part_boundaries(c.speech, table=c.table), "start", "end"))


def outline_rows(c: Ctx) -> Triples:
    return ((a, b, None) for a, b in _rows(outline_table(c.speech, preambles=True), "start", "end"))


def document_rows(c: Ctx) -> Triples:
    for by in UNITS:
        for speech in (c.speech, None):
            try:
                docs = documents(c.table, by, speech=speech)
            except ZhDiscourseError:
                continue
            yield from ((a, b, None) for a, b in _rows(docs, "start", "end"))


def yao_occurrence_rows(c: Ctx) -> Triples:
    return ((a, b, "要") for a, b in _rows(yao_occurrences(c.speech), "start", "end"))


def directive_candidate_rows(c: Ctx) -> Triples:
    return _rows(directive_candidates(c.speech), "start", "end", "marker")


def directive_event_rows(c: Ctx) -> Triples:
    from zhdiscourse.patterns import directive_events

    return _rows(directive_events(c.speech), "start", "end", "marker")


def we_verb_rows(c: Ctx) -> Triples:
    yield from ((a, b, "我们") for a, b in _rows(we_verb(c.speech), "start", "end"))
    yield from ((a, b, "我们") for a, b in _rows(we_verb(c.speech, strict=True), "start", "end"))


def first_person_rows(c: Ctx) -> Triples:
    from zhdiscourse.patterns.modality import first_person

    return ((a, b, "我") for a, b in _rows(first_person(c.speech), "start", "end"))


def yao_sentence_rows(c: Ctx) -> Triples:
    by_index = {s.index: s.text for s in c.speech.sentences}
    df = yao_sentences(c.speech)
    for i, a, b, initial, p in _rows(df, "sentence", "start", "end", "yao_initial", "yao_offset"):
        yield a, b, by_index[i]
        if initial:
            # NB: yao_offset is a float column (NaN where the sentence does not begin with 要)
            yield int(p), int(p) + 1, "要"


def clause_series_spans(c: Ctx) -> Triples:
    for s in clause_series(c.speech):
        if s["lead"]:
            yield s["lead"]["start"], s["lead"]["end"], s["lead"]["text"]
        yield from _members([s])


def confident_series_spans(c: Ctx) -> Triples:
    return _members(confident_series(c.speech))


def four_char_rows(c: Ctx) -> Triples:
    return _rows(four_char_expressions(c.speech), "start", "end", "expression")


def frame_spans(c: Ctx) -> Triples:
    for f in find_frames(c.speech):
        for m in f["members"]:
            yield m["start"], m["end"], m["text"]
            assert set(m["slot_spans"]) == set(m["slots"])
            for name, (a, b) in m["slot_spans"].items():
                yield a, b, m["slots"][name]


def lexicon_match_spans(c: Ctx) -> Triples:
    from zhdiscourse.stats import lexicon_matches

    for name in ("war", "stance"):
        yield from _rows(lexicon_matches(c.table, name), "start", "end", "term")


def sorted_kwic_rows(c: Ctx) -> Triples:
    from zhdiscourse.stats import context_words, sort_kwic

    for term in c.token_terms:
        k = sort_kwic(context_words(kwic(c.speech, term, window=3, table=c.table), c.table, 2), "1R,2L")
        yield from _rows(k, "start", "end", "keyword")


def discourse_spans(c: Ctx) -> Triples:
    """The second spans of the discourse toolkit's records: a reported frame's content, an addressee, the
    predicate of a clause (the registry case checks each record's own span)."""
    from zhdiscourse.patterns import clause_subjects, directive_addressees, reporting_frames

    for a, b in _rows(reporting_frames(c.speech, table=c.table), "content_start", "content_end"):
        yield a, b, None
    yield from _rows(directive_addressees(c.speech, table=c.table), "addressee_start", "addressee_end", "addressee")
    yield from _rows(clause_subjects(c.speech, table=c.table), "verb_start", "verb_end", "verb")


#: Fields of a detector record that hold the text of the record's own span.
_TEXT_FIELDS = ("text", "marker", "expression", "keyword", "token", "term")
#: The text of a record's span where the record shape has no such field.
_RECORD_TEXT = {"modal_yao": "要"}


def _detector_case(name: str) -> Callable[[Ctx], Triples]:
    def case(c: Ctx) -> Triples:
        for rec in c.report[name]:
            if "start" in rec or "end" in rec:
                text = next((rec[k] for k in _TEXT_FIELDS if isinstance(rec.get(k), str)), _RECORD_TEXT.get(name))
                yield rec["start"], rec["end"], text
            for m in rec.get("members") or ():
                yield m["start"], m["end"], m["text"]
                for slot, filler in (m.get("slots") or {}).items():
                    # records keep the fillers only (their spans are in find_frames' slot_spans)
                    assert isinstance(filler, str) and filler in m["text"], (slot, filler, m["text"])
    return case


CASES: dict[str, Callable[[Ctx], Triples]] = {
    "speech.sections": sections,
    "speech.subsections": subsections,
    "speech.sentences": sentences,
    "speech.clauses": clauses,
    "speech.items": items,
    "speech.metadata": metadata,
    "speech.units": speech_units,
    "tokens": token_rows,
    "stats.kwic": kwic_rows,
    "stats.dispersion": dispersion_rows,
    "text.find_matches": match_spans,
    "stats.token_dispersion": token_dispersion_rows,
    "stats.part_boundaries": part_boundary_rows,
    "text.outline_table": outline_rows,
    "tokenize.documents": document_rows,
    **{f"patterns_report[{d.name}]": _detector_case(d.name) for d in REGISTRY},
    "patterns.yao_occurrences": yao_occurrence_rows,
    "patterns.directive_candidates": directive_candidate_rows,
    "patterns.directive_events": directive_event_rows,
    "patterns.we_verb": we_verb_rows,
    "patterns.first_person": first_person_rows,
    "patterns.yao_sentences": yao_sentence_rows,
    "patterns.clause_series": clause_series_spans,
    "patterns.parallelism.confident_series": confident_series_spans,
    "patterns.four_char_expressions": four_char_rows,
    "patterns.find_frames": frame_spans,
    "stats.lexicon_matches": lexicon_match_spans,
    "stats.sort_kwic": sorted_kwic_rows,
    "patterns.discourse_spans": discourse_spans,
}


def violations(text: str, triples: list[tuple]) -> list[str]:
    """What breaks the contract: non-integer offsets, offsets out of order or outside the text, and
    spans whose text differs from the text they carry."""
    bad = []
    for start, end, expected in triples:
        try:
            a, b = operator.index(start), operator.index(end)
        except TypeError:
            bad.append(f"offsets are not integers: ({start!r}, {end!r})")
            continue
        if not 0 <= a <= b <= len(text):
            bad.append(f"({a}, {b}) outside 0 <= start <= end <= {len(text)}")
        elif expected is not None and text[a:b] != expected:
            bad.append(f"text[{a}:{b}] == {text[a:b]!r}, the span says {expected!r}")
    return bad


@pytest.mark.parametrize("case", list(CASES))
def test_span_contract(ctx, case):
    triples = list(CASES[case](ctx))
    if ctx.name == "study":
        assert triples, f"{case} found no span on the study speech: the case would pass vacuously"
    bad = violations(ctx.text, triples)
    assert not bad, f"{case} on {ctx.name}: {len(bad)} of {len(triples)} spans break the contract, e.g. {bad[:5]}"


def test_texts_are_what_they_claim(ctx):
    """Each text exercises what it is there for."""
    sp = ctx.speech
    if ctx.name == "plain":
        assert not sp.sections and not sp.subsections
    if ctx.name in ("study", "parts", "gb18030_crlf", "sample_policy"):
        assert len(sp.sections) >= 2 and sp.subsections
    if ctx.name == "parts":
        assert {u.marker for u in sp.subsections} >= {"一是", "二是"}
    if ctx.name == "gb18030_crlf":
        assert "\r" not in sp.text and sp.metadata.dateline
    if ctx.name == "law":
        assert [s.title for s in sp.sections] == ["总  则", "安全管理"] and len(sp.points) == 5
        assert sp.metadata.adoption and sp.metadata.revisions and len(sp.subsections) == 2


def test_gb18030_crlf_copy_is_decoded(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes(SHORT_TEXT.replace("\n", "\r\n").encode("gb18030"))
    loaded = read_text(path)
    assert loaded.encoding.lower().replace("-", "") == "gb18030" and loaded.had_crlf
    assert loaded.text == SHORT_TEXT


# ---- the corpus side ----------------------------------------------------------------------------------

#: Documents whose ``text`` differs from ``original`` (traditional characters, ideographic spaces,
#: full-width digits, a link split over lines) or loses a licence notice at the end.
CORPUS_DOCS = [
    {"title": "甲", "year": 2001, "content": PARTS_TEXT},
    {"title": "乙", "year": 2002, "content": PLAIN_TEXT},
    {"title": "丙", "year": 2003, "content": "各位代表：\n\n一、回顧\n\n我們取得了成績。一是發展經濟，二是改善民生。\n\n"
                                            "二、任務\n\n\u3000\u3000要繼續努力，完成１９９６年的目標。"},
    {"title": "丁", "year": 2004, "content": "各位代表：\n\n现在，我代表国务院，向大会作所作的\n政府工作报告\n。请予审议。\n\n"
                                            "本作品在全世界都属于公有领域，因为作者逝世已经超过100年。\nPublic domain\nfalse\n"},
]


def test_corpus_token_offsets(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in CORPUS_DOCS), encoding="utf-8")
    corpus = load_jsonl(path)
    assert any(d.text != d.original for d in corpus)
    built = corpus_tokens(corpus, jobs=1, cache_dir=tmp_path / "cache", progress=False)
    cached = corpus_tokens(corpus, jobs=1, cache_dir=tmp_path / "cache", progress=False)  # read back
    for df in (built, cached):
        for doc in corpus:
            sub = df[df["doc"] == doc.id]
            assert len(sub), doc.id
            assert len(doc.original) == len(doc.text)
            triples = list(_rows(sub, "start", "end", "token"))
            assert not violations(doc.text, triples), (doc.id, violations(doc.text, triples)[:5])
            # the original may read differently (traditional, full-width), but the offsets hold
            assert not violations(doc.original, [(a, b, None) for a, b, _t in triples]), doc.id
