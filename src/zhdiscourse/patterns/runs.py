"""Parallel 要… runs: consecutive sentences that begin with the modal 要, and 要-series of clauses
inside one sentence (越是…，越要…，越要…; 既要…，也要…).

Definition of "a sentence begins with 要" (``lead="strict"``, the default)
    After optional opening quotes/brackets and whitespace, the sentence's first character is 要 and
    :func:`~zhdiscourse.patterns.modality.classify_yao` classifies it as modal (so a sentence that
    starts with 要求 or 要是 does not begin with the modal). This is the subjectless directive
    sentence, the one that strings into series in political speeches; a sentence whose 要 follows a
    subject or an adverbial (各级政府要…, 对某某要…, 当前，要…) is a different construction — the
    directive is addressed to a named agent or restricted to a topic — and it ends a run.

    ``lead="subject"`` is a looser, documented alternative: the first modal 要 of the sentence lies
    in its first clause (a subject or adverbial may precede it). Use it to compare.

Runs
    A run is a maximal sequence of ≥ ``min_len`` (default 2) consecutive sentences that begin with
    要. Headings (``Sentence.is_heading``) never begin with 要 and so break runs; sub-point title
    sentences (第一，…) break them too, as does any sentence that does not begin with 要. A run
    therefore never crosses a part boundary. Each run has start (first sentence), end (last
    sentence), number of sentences, first/last sentence index, section and sub-point.

Clause series
    Inside one sentence, a *要-clause* is a clause (``speech.clauses``) whose text starts, after
    optional openers, with an optional adverb from :data:`SERIES_ADVERBS` followed by a modal 要.
    A series is ≥ 2 consecutive 要-clauses of one sentence; a directly preceding 越是 clause (the
    protasis of 越是…越要…) is reported as ``lead``. Each member carries its adverb (越, 既, 也 …).
"""

from __future__ import annotations

import pandas as pd

from ..errors import ZhDiscourseError
from ..text.model import Speech
from ..text.structure import takes_speech
from .modality import classify_yao
from .spans import OPENERS

#: Adverbs that may precede the 要 of a clause in a series (longest first).
SERIES_ADVERBS = ("一定", "同时", "首先", "而且", "更", "越", "既", "也", "还", "都", "就", "又", "并", "则", "仍", "先")


def _skip_openers(text: str, a: int, b: int) -> int:
    while a < b and text[a] in OPENERS:
        a += 1
    return a


def begins_with_yao(speech: Speech, sentence, lead: str = "strict") -> int | None:
    """Offset of the modal 要 that makes ``sentence`` begin with 要 (``None`` if it does not)."""
    text = speech.text
    if sentence.is_heading:
        return None
    a = _skip_openers(text, sentence.start, sentence.end)
    if lead == "strict":
        if a < sentence.end and text[a] == "要" and classify_yao(text, a)[0] == "modal":
            return a
        return None
    if lead == "subject":
        for c in speech.clauses:
            if c.sentence == sentence.index:
                i = c.text.find("要")
                while i >= 0:
                    if classify_yao(text, c.start + i)[0] == "modal":
                        return c.start + i
                    i = c.text.find("要", i + 1)
                return None
        return None
    raise ZhDiscourseError(f"unknown lead {lead!r}: use 'strict' or 'subject'")


@takes_speech
def yao_runs(speech: Speech, min_len: int = 2, lead: str = "strict") -> pd.DataFrame:
    """Runs of ≥ ``min_len`` consecutive 要-initial sentences (see the module docstring)."""
    rows = []
    current: list = []

    def flush():
        if len(current) >= min_len:
            first, last = current[0], current[-1]
            rows.append({"start": first.start, "end": last.end, "sentences": len(current),
                         "first_sentence": first.index, "last_sentence": last.index,
                         "section": first.section, "subsection": first.subsection})

    for s in speech.sentences:
        if begins_with_yao(speech, s, lead) is not None:
            if current and (current[-1].index != s.index - 1 or current[-1].section != s.section):
                flush()
                current = []
            current.append(s)
        else:
            flush()
            current = []
    flush()
    return pd.DataFrame(rows, columns=["start", "end", "sentences", "first_sentence", "last_sentence",
                                       "section", "subsection"])


@takes_speech
def yao_sentences(speech: Speech, lead: str = "strict") -> pd.DataFrame:
    """Every sentence with a flag ``yao_initial`` (and the offset of its 要), for plots and checks."""
    rows = []
    for s in speech.sentences:
        p = begins_with_yao(speech, s, lead)
        rows.append({"sentence": s.index, "start": s.start, "end": s.end, "yao_initial": p is not None,
                     "yao_offset": p, "section": s.section, "subsection": s.subsection, "is_heading": s.is_heading})
    return pd.DataFrame(rows)


def _yao_clause(speech: Speech, clause) -> str | None:
    """The adverb ('' for none) if ``clause`` is a 要-clause, else ``None``."""
    text = speech.text
    a = _skip_openers(text, clause.start, clause.end)
    for adv in SERIES_ADVERBS + ("",):
        p = a + len(adv)
        if text[a:p] == adv and p < clause.end and text[p] == "要" and classify_yao(text, p)[0] == "modal":
            return adv
    return None


@takes_speech
def clause_series(speech: Speech, min_len: int = 2) -> list[dict]:
    """要-series of clauses inside one sentence: ``{"sentence", "section", "lead", "members"}``.

    ``members`` are ``{"text", "start", "end", "adverb"}``; ``lead`` is the 越是 clause or ``None``.
    """
    text = speech.text
    by_sentence: dict[int, list] = {}
    for c in speech.clauses:
        by_sentence.setdefault(c.sentence, []).append(c)
    out = []
    for si, clauses in by_sentence.items():
        run: list = []
        for i, c in enumerate(clauses + [None]):
            adv = _yao_clause(speech, c) if c is not None else None
            if adv is not None:
                run.append((i, c, adv))
                continue
            if len(run) >= min_len:
                i0 = run[0][0]
                prev = clauses[i0 - 1] if i0 > 0 else None
                lead = None
                if prev is not None and "越是" in prev.text and all(a == "越" for _i, _c, a in run):
                    lead = {"text": prev.text, "start": prev.start, "end": prev.end}
                sent = speech.sentences[si]
                out.append({"sentence": si, "section": sent.section, "subsection": sent.subsection, "lead": lead,
                            "members": [{"text": text[cc.start:cc.end], "start": cc.start, "end": cc.end,
                                         "adverb": a} for _i, cc, a in run]})
            run = []
    return out
