"""Directive modality at character level: modal 要, prohibitive 不要, and the directive family
(必须, 务必, 一定, 坚决, 应 / 应当 / 应该, 决不能 / 决不, 不能), with densities per part and sub-point,
contrasted with narrative 我们 + verb.

Why characters, not tokens
    jieba fuses 要 with its neighbours (还要, 也要, 一定要, 一要, 要求 …), sometimes one way and
    sometimes another, so counting the token 要 misses most modal uses. Every 要 character is
    therefore classified by its context; POS tags are used only to judge a short object after 要.

Rules for each 要 (first matching rule wins; ``kind`` in the output)
    ``lexical``     the 要 is part of a word in :data:`LEXICAL_YAO` (重要, 主要, 需要, 要求, 必要, 只要,
                    要素, 紧要, 要点, 摘要, 要是 …): the word is matched around the character.
    ``prohibitive`` 不要 (after the lexical test, so 不要求 stays lexical).
    ``full_verb``   要 as a main verb "want / ask for": (a) 要 + numeral/demonstrative + measure
                    (要一份, 要几张); or (b) the rest of the clause after 要 is 1–3 characters and
                    jieba (its own dictionary, not the domain one, whose entries default to n) tags
                    all of it as nominal (n* except vn, r, m, q) — a short noun object and then the
                    clause ends, as in 向下级要材料。 Longer rests are phrases (要全面完成), so modal.
                    Not applied after the adverbs and enumerators of the modal forms (还要, 一要 …).
                    Known limit: a verb-object word that jieba tags as a noun (读书, 上学) right
                    before a clause end makes a bare 要 look like the full verb. A following verb (硬仗要打) keeps the 要 modal.
    ``modal``       every other 要: obligation or necessity, including 还要 / 也要 / 都要 / 就要 /
                    越要 / 既要 / 一定要 and the enumerating 一要 / 二要 / 三要.

Directive family (``directives``; longest marker first, so 决不能 is not also counted as 不能)
    必须, 务必, 应当, 应该, 决不能, 决不 (+ other verb), 不能, 一定, 坚决, 应.
    Exclusions (``status`` says which): 应 inside a word of :data:`LEXICAL_YING` (应对, 应急, 相应,
    适应, 响应, 供应, 反应, 效应, 应用, 回应 …); 一定 as the adjective "certain" (一定的, 一定程度 …),
    as epistemic certainty (一定能 / 一定会 / 一定可以) or negated (不一定); 坚决 used attributively
    (a 的 within the next three characters, 坚决有力的); 不能 in an A-not-A question (能不能).
    一定要 yields both a 一定 directive and a modal 要: they are two markers of one phrase.
    应 in the formula 应X尽X ("all who should be X-ed are X-ed") is the deontic 应 and counts.

Density
    count / size × 1000, where size is the number of non-whitespace characters of the unit.

Narrative 我们 + verb (``we_verb``)
    After 我们: a modal or directive marker (要, 必须, 应, 一定, 能 …) → ``directive``; 的 →
    ``possessive``; after 只要 / 如果 … → ``conditional``; after 对 (对我们来说) → ``other``. Otherwise
    the rest of the clause is POS-tagged and the first of its first three tokens that is a verb (v*)
    or a coverb (p: 把, 向, 对 …) makes it ``narrative`` (the tokens skipped are adverbials such as
    依法, 全力, 及时, which jieba tags inconsistently); a modal among them makes it ``directive``;
    no verb → ``other``. jieba's tags are noisy (普及 comes out as a place name), so this count is a
    lower bound of narrative 我们.

    ``strict=True`` separates two kinds of clause the default rules miscount: a **question**
    (``question``: one of :data:`QUESTION_WORDS` — 怎么, 如何, 为什么 … — among the first three tokens
    after 我们, or the clause ends in ？) is not narrative (我们如何办？); and an **epistemic or ability
    modal** (``epistemic``: :data:`EPISTEMIC_MODALS` — 能, 能够, 会, 可以, 可能, 一定能 / 一定会 — "we
    can / will surely") is not directive (我们一定会成功). ``directive`` keeps the deontic modals
    (要, 必须, 务必, 应当, 应该, 应, 需要, 得, 不能, 决不, 坚决, and 一定 not followed by 能 / 会 / 可).

First person singular (``first_person``)
    Every 我 of the body that is not part of 我们 or of a word of :data:`FIRST_PERSON_WORDS` (我国,
    我党, 我军 — "our country / party / army", institutional first person — and 自我, 忘我, 你我, which
    are not the speaker). ``counted`` marks the speaker's own 我 (the ones to count); ``word`` gives the
    word that excludes the others.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..text.model import Speech
from ..text.structure import takes_speech
from ..tokenize.segment import plain_short_posseg
from .spans import (CLAUSE_END, clause_span, head_tags, nchars, section_of, sentence_index, shared, subsection_of,
                    units_of)

#: Words that contain 要 without being the modal (teachers may extend this tuple in their own code).
LEXICAL_YAO = (
    "重要", "主要", "需要", "要求", "必要", "只要", "要素", "紧要", "要点", "要害", "要闻", "摘要", "纲要",
    "要领", "扼要", "提要", "要务", "要地", "要津", "要塞", "要职", "要员", "要件", "要略", "要诀",
    "要义", "险要", "政要", "首要", "概要", "简要", "切要", "显要", "枢要", "机要", "要冲", "要案",
    "要犯", "要目", "要旨", "要么", "要是", "要不然", "要不是", "次要", "纪要", "精要", "举要", "要挟",
    "要价", "想要", "将要", "快要", "主要是",
)
#: Words that contain 应 without being the modal "should".
LEXICAL_YING = (
    "应对", "应急", "相应", "适应", "响应", "供应", "反应", "效应", "应用", "回应", "对应", "答应",
    "因应", "应邀", "应届", "应征", "应聘", "应酬", "应付", "感应", "呼应", "照应", "顺应", "报应",
    "应有", "应变", "应战", "应试", "应考", "应声", "应验", "应允", "应诺", "应运", "应和", "内应",
    "接应", "策应", "应景", "应时", "应门", "理应当",
)
#: Directive markers, longest first (alternation order matters).
DIRECTIVE_MARKERS = ("决不能", "必须", "务必", "应当", "应该", "决不", "不能", "一定", "坚决", "应")
#: Nouns after 一定 that make it the adjective "certain".
_YIDING_ADJ_NOUNS = ("程度", "范围", "时期", "时间", "数量", "条件", "规模", "比例", "成绩", "成效",
                     "基础", "距离", "作用", "影响", "意义", "水平", "难度", "风险", "期限", "困难")
_MEASURE = "个张份些点批条件次块本项笔"
_NOMINAL_TAGS = ("n", "r", "m", "q")
#: Markers a 我们-clause can start with that make it directive, not narrative.
_CONDITIONAL = ("只要", "如果", "要是", "假如", "倘若", "若")
_MODALS = ("要", "必须", "务必", "应当", "应该", "应", "一定", "坚决", "决不", "不能", "需要", "得", "能", "能够",
           "会", "可以", "可")
#: With ``we_verb(strict=True)``: words that make a 我们-clause a question.
QUESTION_WORDS = ("怎么样", "怎么", "怎样", "如何", "为什么", "为何", "什么", "哪里", "哪些", "能不能", "是不是", "有没有")
#: With ``we_verb(strict=True)``: epistemic or ability modals ("can", "will surely"), longest first.
EPISTEMIC_MODALS = ("一定能够", "一定可以", "一定能", "一定会", "能够", "可以", "可能", "能", "会", "可")
#: With ``we_verb(strict=True)``: the deontic modals that make a 我们-clause directive.
DEONTIC_MODALS = tuple(m for m in _MODALS if m not in EPISTEMIC_MODALS)
#: Words with 我 that are not the speaker's first person singular.
FIRST_PERSON_WORDS = ("我们", "我国", "我党", "我军", "我省", "我市", "我区", "我县", "我方", "自我", "忘我", "你我")


@lru_cache(maxsize=64)
def _word_offsets(words: tuple[str, ...], ch: str) -> tuple[tuple[str, int], ...]:
    """``(word, i)`` for every occurrence ``i`` of ``ch`` in each word, longest words first (the order
    in which :func:`_inside_word` tries them)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        i = w.find(ch)
        while i >= 0:
            out.append((w, i))
            i = w.find(ch, i + 1)
    return tuple(out)


def _inside_word(text: str, pos: int, words: tuple[str, ...], ch: str) -> str | None:
    """The word of ``words`` that covers the character ``text[pos] == ch``, if any (longest first)."""
    for w, i in _word_offsets(tuple(words), ch):
        a = pos - i
        if a >= 0 and text.startswith(w, a):
            return w
    return None


def _is_full_verb(text: str, pos: int) -> bool:
    """要 at ``pos`` is the main verb "want / ask for" (rules in the module docstring)."""
    nxt = text[pos + 1:pos + 3]
    if len(nxt) == 2 and (nxt[0] in "一几两这那" or nxt[0] == "多") and nxt[1] in _MEASURE:
        return True
    _a, b = clause_span(text, pos)
    rest = text[pos + 1:b]
    rest = rest.rstrip("”’」』）)")
    if not (1 <= len(rest) <= 3) or not re.fullmatch(r"[\u4e00-\u9fff]+", rest):
        return False
    tags = plain_short_posseg(rest)  # jieba's own dictionary, without a second segmenter
    return all(t.startswith(_NOMINAL_TAGS) and t != "vn" for _w, t in tags)


def classify_yao(text: str, pos: int) -> tuple[str, str]:
    """``(kind, detail)`` for the 要 at ``text[pos]``: kind is lexical / prohibitive / full_verb / modal."""
    if text[pos] != "要":
        raise ZhDiscourseError(f"no 要 at offset {pos}")
    w = _inside_word(text, pos, LEXICAL_YAO, "要")
    if w:
        return "lexical", w
    if pos > 0 and text[pos - 1] == "不":
        return "prohibitive", "不要"
    # the form: a preceding adverb / numeral that is part of the modal phrase
    form = "要"
    for pre in ("一定", "越", "还", "也", "都", "就", "既", "更", "又", "仍", "则", "先"):
        if text[max(0, pos - len(pre)):pos] == pre:
            form = pre + "要"
            break
    else:
        if pos > 0 and text[pos - 1] in "一二三四五六七八九十" and (pos < 2 or text[pos - 2] in CLAUSE_END + "“ \n"):
            form = text[pos - 1] + "要"
    if form == "要" and _is_full_verb(text, pos):
        return "full_verb", text[pos:clause_span(text, pos)[1]]
    return "modal", form


@takes_speech
def yao_occurrences(speech: Speech) -> pd.DataFrame:
    """Every 要 in the body, classified: start, end, kind, detail, sentence, section, subsection."""
    return shared(speech, "yao_occurrences", lambda: _yao_occurrences(speech))


def _yao_occurrences(speech: Speech) -> pd.DataFrame:
    text = speech.text
    rows = []
    for m in re.finditer("要", text[speech.body_start:speech.body_end]):
        p = speech.body_start + m.start()
        kind, detail = classify_yao(text, p)
        rows.append({"start": p, "end": p + 1, "kind": kind, "detail": detail,
                     "sentence": sentence_index(speech, p), "section": section_of(speech, p),
                     "subsection": subsection_of(speech, p)})
    return pd.DataFrame(rows, columns=["start", "end", "kind", "detail", "sentence", "section", "subsection"])


@takes_speech
def modal_yao(speech: Speech) -> pd.DataFrame:
    """The modal 要 only (``kind == "modal"``); ``detail`` is the form (要, 还要, 一要 …)."""
    df = yao_occurrences(speech)
    return df[df["kind"] == "modal"].rename(columns={"detail": "form"}).drop(columns="kind").reset_index(drop=True)


def _directive_status(text: str, marker: str, a: int, b: int) -> str:
    if marker == "应":
        w = _inside_word(text, a, LEXICAL_YING, "应")
        if w:
            return f"lexical:{w}"
    elif marker == "一定":
        if a > 0 and text[a - 1] == "不":
            return "negated:不一定"
        after = text[b:b + 2]
        if after[:1] == "的" or after in _YIDING_ADJ_NOUNS:
            return "adjective:certain"
        if after[:1] in "能会可":
            return "epistemic:certainty"
    elif marker == "坚决":
        _ca, cb = clause_span(text, b)
        if "的" in text[b:min(cb, b + 4)]:
            return "attributive"
    elif marker == "不能":
        if a > 0 and text[a - 1] == "能":
            return "question:能不能"
    return "directive"


@takes_speech
def directive_candidates(speech: Speech) -> pd.DataFrame:
    """Every directive-family marker with its ``status`` ("directive" or the reason it is excluded)."""
    return shared(speech, "directive_candidates", lambda: _directive_candidates(speech))


def _directive_candidates(speech: Speech) -> pd.DataFrame:
    text = speech.text
    rx = re.compile("|".join(DIRECTIVE_MARKERS))
    rows = []
    for m in rx.finditer(text, speech.body_start, speech.body_end):
        a, b = m.span()
        marker = m.group(0)
        if marker == "决不" and text[b:b + 1] == "能":  # cannot happen (longest first) but be explicit
            marker, b = "决不能", b + 1
        rows.append({"marker": marker, "start": a, "end": b, "status": _directive_status(text, marker, a, b),
                     "sentence": sentence_index(speech, a), "section": section_of(speech, a),
                     "subsection": subsection_of(speech, a)})
    return pd.DataFrame(rows, columns=["marker", "start", "end", "status", "sentence", "section", "subsection"])


@takes_speech
def directives(speech: Speech) -> pd.DataFrame:
    """Directive markers that count (``status == "directive"``): marker, start, end, sentence, section…"""
    df = directive_candidates(speech)
    return df[df["status"] == "directive"].drop(columns="status").reset_index(drop=True)


@takes_speech
def directive_events(speech: Speech) -> pd.DataFrame:
    """The directive events that every density counts: each modal 要 and each directive-family marker
    (``all`` of :func:`directive_profile`), one row each in text order: ``marker`` (``要`` for a modal
    要, else the marker), ``start``, ``end``, ``sentence``, ``section``, ``subsection``. An event's span
    is the marker itself (``text[start:end]`` is ``marker``, or the 要 of a longer form such as 还要)."""
    return shared(speech, "directive_events", lambda: _directive_events(speech))


def _directive_events(speech: Speech) -> pd.DataFrame:
    yao = modal_yao(speech).assign(marker="要")
    dirs = directives(speech)
    cols = ["marker", "start", "end", "sentence", "section", "subsection"]
    out = pd.concat([yao[cols], dirs[cols]], ignore_index=True)
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _we_class_strict(text: str, a: int, b: int, rest: str, cb: int) -> tuple[str, str]:
    """The ``strict=True`` class of the 我们 at ``a`` (module docstring)."""
    if a > 0 and text[a - 1] == "对":
        return "other", ""
    if any(text[max(0, a - len(c)):a] == c for c in _CONDITIONAL):
        return "conditional", ""
    lexical = _inside_word(text, b, LEXICAL_YING, "应") or _inside_word(text, b, LEXICAL_YAO, "要")
    tags = list(head_tags(rest, 3)) if rest else []
    q = next((w for w, _t in tags if w in QUESTION_WORDS), None) or next(
        (w for w in QUESTION_WORDS if rest.startswith(w)), None)
    if q or text[cb:cb + 1] in ("？", "?"):
        return "question", q or "？"
    if rest.startswith(EPISTEMIC_MODALS):
        return "epistemic", next(m for m in EPISTEMIC_MODALS if rest.startswith(m))
    if rest.startswith(DEONTIC_MODALS) and not lexical:
        return "directive", next(m for m in DEONTIC_MODALS if rest.startswith(m))
    if rest.startswith("的"):
        return "possessive", "的"
    for w, t in tags:
        if w in EPISTEMIC_MODALS:
            return "epistemic", w
        if w in DEONTIC_MODALS or (w.endswith("要") and _inside_word(w, len(w) - 1, LEXICAL_YAO, "要") is None):
            return "directive", w
        if t.startswith("v") or t == "p":
            return "narrative", w
    return "other", ""


@takes_speech
def we_verb(speech: Speech, strict: bool = False) -> pd.DataFrame:
    """Each 我们 with the class of what follows it: narrative / directive / possessive / conditional /
    other, and with ``strict=True`` also question / epistemic (module docstring)."""
    text = speech.text
    rows = []
    for m in re.finditer("我们", text[speech.body_start:speech.body_end]):
        a = speech.body_start + m.start()
        b = a + 2
        _ca, cb = clause_span(text, b)
        rest = text[b:cb]
        cls, head = "other", ""
        if strict:
            cls, head = _we_class_strict(text, a, b, rest, cb)
        elif a > 0 and text[a - 1] == "对":
            cls = "other"
        elif any(text[max(0, a - len(c)):a] == c for c in _CONDITIONAL):
            cls = "conditional"
        elif rest.startswith(_MODALS) and not (_inside_word(text, b, LEXICAL_YING, "应")
                                               or _inside_word(text, b, LEXICAL_YAO, "要")):
            cls, head = "directive", next(m for m in _MODALS if rest.startswith(m))
        elif rest.startswith("的"):
            cls, head = "possessive", "的"
        elif rest:
            for w, t in head_tags(rest, 3):
                if w in _MODALS or (w.endswith("要") and _inside_word(w, len(w) - 1, LEXICAL_YAO, "要") is None):
                    cls, head = "directive", w
                    break
                if t.startswith("v") or t == "p":
                    cls, head = "narrative", w
                    break
        rows.append({"start": a, "end": b, "class": cls, "head": head, "sentence": sentence_index(speech, a),
                     "section": section_of(speech, a), "subsection": subsection_of(speech, a)})
    return pd.DataFrame(rows, columns=["start", "end", "class", "head", "sentence", "section", "subsection"])


@takes_speech
def first_person(speech: Speech) -> pd.DataFrame:
    """Every 我 of the body (module docstring): ``start, end, word, counted, sentence, section,
    subsection``; ``counted`` is the speaker's own 我 (not in 我们, 我国, 自我 …)."""
    text = speech.text
    rows = []
    for m in re.finditer("我", text[speech.body_start:speech.body_end]):
        a = speech.body_start + m.start()
        word = _inside_word(text, a, FIRST_PERSON_WORDS, "我")
        if word == "我们":
            continue
        rows.append({"start": a, "end": a + 1, "word": word or "我", "counted": word is None,
                     "sentence": sentence_index(speech, a), "section": section_of(speech, a),
                     "subsection": subsection_of(speech, a)})
    return pd.DataFrame(rows, columns=["start", "end", "word", "counted", "sentence", "section", "subsection"])


@takes_speech
def directive_profile(speech: Speech, by: str = "section", strict: bool = False) -> pd.DataFrame:
    """Counts and densities (per 1,000 non-whitespace characters) of every marker per unit.

    ``by`` is ``"section"``, ``"subsection"``, ``"segment"`` (sub-points and part preambles: the whole
    body) or ``"text"`` (the whole body as one unit). Columns: unit, start, end, chars, then for each
    marker (要 = modal 要, 不要, 必须 … 应, all = the directive family including modal 要 but not 不要,
    我们V = narrative 我们 + verb) a count column and a ``<marker>_per_1k`` column. ``strict=True``
    counts 我们V with ``we_verb(strict=True)`` and adds 我 (the speaker's first person singular,
    :func:`first_person`) as one more marker.
    """
    yao = modal_yao(speech)
    occ = yao_occurrences(speech)
    buyao = occ[occ["kind"] == "prohibitive"]
    dirs = directives(speech)
    we = we_verb(speech, strict=strict)
    we = we[we["class"] == "narrative"]
    me = first_person(speech) if strict else None
    if me is not None:
        me = me[me["counted"].astype(bool)]  # astype: an empty object column would select columns
    extra = ["我们V"] + (["我"] if strict else [])
    markers = ["要", "不要"] + list(DIRECTIVE_MARKERS)
    # the sorted starts of each kind of event: the events of a unit [a, b) are those that start in it
    starts = {"要": yao["start"], "不要": buyao["start"], "我们V": we["start"]}
    for mk in DIRECTIVE_MARKERS:
        starts[mk] = dirs.loc[dirs["marker"] == mk, "start"]
    if me is not None:
        starts["我"] = me["start"]
    starts = {k: np.sort(v.to_numpy(dtype=np.int64)) for k, v in starts.items()}
    rows = []
    for label, a, b in units_of(speech, by):
        size = nchars(speech.text, a, b)
        row = {"unit": label, "start": a, "end": b, "chars": size}
        counts = {k: int(np.searchsorted(v, b, side="left") - np.searchsorted(v, a, side="left"))
                  for k, v in starts.items()}
        counts["all"] = counts["要"] + sum(counts[mk] for mk in DIRECTIVE_MARKERS)
        for k in markers + ["all"] + extra:
            row[k] = counts[k]
        for k in markers + ["all"] + extra:
            row[f"{k}_per_1k"] = round(1000 * counts[k] / size, 3) if size else 0.0
        rows.append(row)
    return pd.DataFrame(rows)
