"""Reported against enacted directives: directives the speaker reports (教育部…要求…, 我…强调：“…”) and
directives the speaker issues in the text itself.

Reporting frames (:func:`reporting_frames`)
    Every whole token of the token table that is a reporting verb (:data:`REPORTING_VERBS`: 要求, 强调,
    指出, 提出, 部署) gets a ``status`` from its neighbours (the previous word token of its sentence,
    the next token):

    ``mention``            a noun, not a frame: after 的 or before 的 (提出的要求, …的要求); after an
                           aspect particle or another reporting verb (提出了要求 → the 要求); after a
                           noun, verbal noun, numeral or distinguishing word that names no actor and is
                           not the clause's subject (工作部署, 决策部署, 总要求, 3点要求 — but 校长要求…
                           is a frame); before 是, 和, 等 (…部署是…); or nothing follows it in the clause
                           (作出部署。, 再部署、);
    ``reported``           a verb that introduces content: a word follows (要求各校…, 强调要…,
                           提出了要求 → the 提出), or ``：`` (强调：“…”), or ``，`` when the verb is a
                           verb of saying (强调, 指出) or the next clause holds a directive marker
                           (提出，…地区要…);
    ``now``                such a frame in a sentence that places it in the present of the text (一个
                           :data:`NOW_WORDS` word before it, such as 今天 or 这里, and no 了 / 过 after
                           it): the speaker directing now, which is enacting;
    ``directive_content``  such a frame inside one of the speaker's own directives (a directive
                           marker earlier in the sentence that is not itself reported: 要…提出意见).

    A ``reported`` frame's content runs from after the verb (and 了 / 过, ``：``) to the end of its
    sentence; content that opens with a quotation mark runs to the matching closing mark, across
    sentences but not past the end of the paragraph (a quotation never closed ends there).

Voice of each directive event (:func:`directive_voice`)
    The directive events are those of :func:`zhdiscourse.patterns.modality.directive_events` (modal
    要, 必须, 坚决 …: the same events every density counts). An event inside the content of a
    ``reported`` frame is **reported**; every other event is **enacted** (issued by the speaker in
    this text). ``frame`` / ``frame_start`` name the frame.

Counts per unit (:func:`voice_table`): reported frames, reported and enacted events, and the share
of enacted events, per part (or another unit of :meth:`~zhdiscourse.text.model.Speech.units`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.measure import nonspace_chars
from ..text.model import Speech
from ..text.structure import takes_speech
from .modality import directive_events
from .spans import section_of, shared, shared_run, subsection_of, units_of
from .subjects import OTHER, TRAIL_SKIP, ClauseTokens, actor_group

#: Verbs that report a directive (a teacher may pass others to the functions).
REPORTING_VERBS = ("要求", "强调", "指出", "提出", "部署")
#: Verbs of saying: followed by a comma, they still introduce their content (强调，…).
SAYING_VERBS = ("强调", "指出")
#: Words that put a frame in the present of the text.
NOW_WORDS = ("今天", "现在", "此刻", "这次", "本次", "此次", "这里")
#: Tags of a previous word that makes a reporting verb a noun (when that word names no actor).
_NOMINAL_PREV = frozenset("n vn b j m q mq nz ng l".split())
#: Next words that make a reporting verb a noun (…部署是…, …要求和…).
_NOMINAL_NEXT = frozenset(("是", "为", "和", "与", "及", "以及", "等"))
_OPEN_QUOTES = "“「『"
_CLAUSE_MARKS = frozenset(("，", ",", "；", ";", "：", ":", "。", "！", "？", "!", "?"))
_CLOSE = {"“": "”", "「": "」", "『": "』"}

COLUMNS = ["marker", "start", "end", "status", "content_start", "content_end", "sentence", "section",
           "subsection"]


def _sentence_bounds(speech: Speech) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sents = speech.sentences
    return (np.array([s.start for s in sents], dtype=np.int64), np.array([s.end for s in sents], dtype=np.int64),
            np.array([s.index for s in sents], dtype=np.int64))


def _content_end(text: str, a: int, sent_end: int) -> int:
    """End of a frame's content that starts at ``a``: the end of its sentence; content that opens with a
    quotation mark runs to the matching closing mark (nested quotes counted), but not past the end of
    its paragraph (a line break), where a quotation that is never closed ends."""
    if a >= len(text) or text[a] not in _OPEN_QUOTES:
        return sent_end
    opening, closing = text[a], _CLOSE[text[a]]
    para_end = text.find("\n", a)
    para_end = len(text) if para_end < 0 else para_end
    depth = 0
    for k in range(a, para_end):
        if text[k] == opening:
            depth += 1
        elif text[k] == closing:
            depth -= 1
            if depth == 0:
                return max(k + 1, sent_end)
    return max(para_end, sent_end)


def _after_subject(ct: ClauseTokens, i: int) -> bool:
    """Whether everything before token ``i`` in its clause is a subject noun phrase (校长要求…)."""
    rng = ct.clause_of(i)
    if rng is None or rng[0] >= i:
        return False
    _s, e, why = ct.subject_before(rng[0], i)
    # the subject must reach the verb (adverbs and punctuation between them aside)
    return not why and all(ct.punct[k] or ct.tag[k] in TRAIL_SKIP for k in range(e, i))


def _frames(speech: Speech, ct: ClauseTokens, verbs, events: pd.DataFrame) -> list[dict]:
    text = speech.text
    s_start, s_end, s_index = _sentence_bounds(speech)
    ev_start = events["start"].to_numpy(dtype=np.int64)
    ev_sent = events["sentence"].to_numpy(dtype="float64", na_value=np.nan)
    verbs = tuple(verbs)
    rows: list[dict] = []
    reported_spans: list[tuple[int, int]] = []
    n = len(ct)
    for i in np.flatnonzero(np.isin(ct.tok, verbs)):
        i = int(i)
        a, b = int(ct.start[i]), int(ct.end[i])
        si = int(np.searchsorted(s_start, a, side="right") - 1)
        if si < 0 or not s_start[si] <= a < s_end[si]:
            continue
        sa, sb = int(s_start[si]), int(s_end[si])
        # the previous word token of the sentence, and the next token (punctuation included)
        p = i - 1
        while p >= 0 and ct.punct[p] and ct.start[p] >= sa and ct.tok[p] not in _CLAUSE_MARKS:
            p -= 1
        prev = ct.tok[p] if p >= 0 and ct.start[p] >= sa and not ct.punct[p] else ""
        ptag = ct.tag[p] if prev else ""
        q = i + 1
        after = i + 1
        while q < n and ct.tok[q] in ("了", "过") and ct.start[q] < sb:
            q += 1
        nxt = ct.tok[q] if q < n and ct.start[q] < sb else ""
        status = "reported"
        content_start = int(ct.start[q]) if nxt else b
        if after < n and ct.start[after] < sb and ct.tok[after] == "的":
            status = "mention"
        elif nxt in ("：", ":") or (nxt and nxt[0] in _OPEN_QUOTES):
            content_start = int(ct.end[q]) if nxt in ("：", ":") else content_start
        elif prev == "的" or ptag in ("ul", "ug", "uz") or prev in verbs:
            status = "mention"
        elif ptag in _NOMINAL_PREV and actor_group(prev) == OTHER and not _after_subject(ct, i):
            status = "mention"
        elif nxt in _NOMINAL_NEXT:
            status = "mention"
        elif not nxt or (ct.punct[q] and nxt not in ("：", ":", "，", ",") and nxt[0] not in _OPEN_QUOTES):
            status = "mention"
        elif nxt in ("，", ","):
            if ct.tok[i] not in SAYING_VERBS:
                # the next clause must hold a directive marker
                r = q + 1
                while r < n and not (ct.punct[r] and ct.tok[r] in ("，", ",", "。", "；", "！", "？")) and ct.start[r] < sb:
                    r += 1
                c_end = int(ct.start[r]) if r < n else sb
                inside = (ev_start > int(ct.end[q])) & (ev_start < c_end)
                if not inside.any():
                    status = "mention"
            content_start = int(ct.end[q])
        if status == "reported":
            before = text[sa:a]
            if any(w in before for w in NOW_WORDS) and not (i + 1 < n and ct.tok[i + 1] in ("了", "过")):
                status = "now"
            else:
                earlier = (ev_start >= sa) & (ev_start < a) & (ev_sent == s_index[si])
                for e in ev_start[earlier]:
                    if not any(x <= e < y for x, y in reported_spans):
                        status = "directive_content"
                        break
        content_end = _content_end(text, content_start, sb) if status == "reported" else content_start
        if status == "reported":
            reported_spans.append((content_start, content_end))
        else:
            content_start = content_end = b
        rows.append({"marker": ct.tok[i], "start": a, "end": b, "status": status, "content_start": content_start,
                     "content_end": content_end, "sentence": int(s_index[si]), "section": section_of(speech, a),
                     "subsection": subsection_of(speech, a)})
    return rows


@takes_speech
def reporting_frames(speech: Speech, verbs=REPORTING_VERBS, *, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every reporting verb of the text with its ``status`` (module docstring): columns ``marker, start,
    end, status, content_start, content_end, sentence, section, subsection`` in text order
    (``content_start == content_end == end`` unless the status is ``reported``)."""
    def compute() -> pd.DataFrame:
        ct = ClauseTokens.of(speech, table)
        return pd.DataFrame(_frames(speech, ct, verbs, directive_events(speech)), columns=COLUMNS)

    with shared_run():
        if table is None and tuple(verbs) == REPORTING_VERBS:
            return shared(speech, "reporting_frames", compute)
        return compute()


@takes_speech
def directive_voice(speech: Speech, verbs=REPORTING_VERBS, *, table: pd.DataFrame | None = None,
                    frames: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each directive event (:func:`~zhdiscourse.patterns.modality.directive_events`) with its voice,
    ``reported`` or ``enacted`` (module docstring): columns ``marker, start, end, voice, frame,
    frame_start, sentence, section, subsection``."""
    with shared_run():
        ev = directive_events(speech)
        fr = frames if frames is not None else reporting_frames(speech, verbs, table=table)
    rep = fr[fr["status"] == "reported"]
    cs = rep["content_start"].to_numpy(dtype=np.int64)
    ce = rep["content_end"].to_numpy(dtype=np.int64)
    voice, frame, frame_start = [], [], []
    for s in ev["start"].to_numpy(dtype=np.int64):
        hit = np.flatnonzero((cs <= s) & (s < ce))
        if len(hit):
            k = int(hit[-1])  # the nearest frame that opens before the event
            voice.append("reported")
            frame.append(str(rep["marker"].iloc[k]))
            frame_start.append(int(rep["start"].iloc[k]))
        else:
            voice.append("enacted")
            frame.append("")
            frame_start.append(-1)
    out = ev.assign(voice=voice, frame=frame, frame_start=frame_start)
    return out[["marker", "start", "end", "voice", "frame", "frame_start", "sentence", "section", "subsection"]]


@takes_speech
def voice_table(speech: Speech, by: str = "section", *, voice: pd.DataFrame | None = None,
                frames: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per unit (``by``: section, subsection, segment, sentence or ``"text"``): ``unit, chars,
    reported_frames`` (frames with status reported), ``mentions``, ``reported`` and ``enacted``
    (directive events), ``events``, ``enacted_share`` and both events per 1,000 characters."""
    fr = frames if frames is not None else reporting_frames(speech)
    vo = voice if voice is not None else directive_voice(speech, frames=fr)
    rows = []
    for label, a, b in units_of(speech, by):
        size = nonspace_chars(speech.text, a, b)
        f = fr[(fr["start"] >= a) & (fr["start"] < b)]
        v = vo[(vo["start"] >= a) & (vo["start"] < b)]
        rep, ena = int((v["voice"] == "reported").sum()), int((v["voice"] == "enacted").sum())
        rows.append({"unit": label, "chars": size, "reported_frames": int((f["status"] == "reported").sum()),
                     "mentions": int((f["status"] == "mention").sum()), "reported": rep, "enacted": ena,
                     "events": rep + ena, "enacted_share": ena / (rep + ena) if rep + ena else float("nan"),
                     "reported_per_1k": 1000 * rep / size if size else 0.0,
                     "enacted_per_1k": 1000 * ena / size if size else 0.0})
    return pd.DataFrame(rows, columns=["unit", "chars", "reported_frames", "mentions", "reported", "enacted", "events",
                                       "enacted_share", "reported_per_1k", "enacted_per_1k"])


__all__ = ["REPORTING_VERBS", "NOW_WORDS", "reporting_frames", "directive_voice", "voice_table"]
