"""Subjects of clauses from the token table: the noun phrase before a predicate, and the actor it names.

One rule, used by :mod:`.agency` (who acts, who reports, who is ordered), :mod:`.addressees` (the subject
before a directive marker) and :mod:`.reporting` (who reports a directive).

The noun phrase before a position (:func:`find_subject`)
    Given the tokens of a clause before a predicate (a directive marker such as 要, a reporting verb, the
    first verb), with their jieba tags from the token table:

    1. leading conjunctions and discourse words (tag ``c``: 但, 同时, 既), time words (``t``: 现在, 今年)
       and punctuation are skipped; trailing adverbs (``d``, ``ad``: 也, 都, 还, 就, 一定, 更) and
       conjunctions are dropped (各校**也**要 → 各校);
    2. nothing left → no stated subject (``"unstated"``: 要加强…, 一要…);
    3. a phrase that begins with a preposition (``p``: 对确诊患者要…, 在…中) is a topic or an adverbial,
       not a subject (``"prepositional"``);
    4. otherwise the rest is the subject when it ends in a nominal head (nouns ``n*``, pronouns ``r``,
       abbreviations ``j``, set phrases ``l``, places ``s``, verbal nouns ``vn``) and every token is a
       noun, a modifier (``a``, ``b``, ``m``, ``q``, ``f``, ``h`` …), a linker (和, 及, 与, 以及, 、, 等, 的,
       and 特别是 / 尤其是), a verb inside a 的-modifier (符合条件的学校, 表现突出的教师) or before a
       list linker (慈善组织、红十字会: jieba tags 组织 as a verb); else ``"not a noun phrase"``.

    jieba tags words by dictionary, not by context, so a few adverbs tagged as nouns slip into a
    subject; a subject ends after a personal pronoun unless a linker follows (我专门就… → 我, but
    我和你们). 把, 将, 被, 让, 使 begin a predicate, never a subject.

Actor groups (:func:`actor_groups`, :func:`actor_group`)
    ``actors.txt`` of :mod:`zhdiscourse.lexicon` (teacher-editable; a ``ZHDISCOURSE_LEXICON_DIR``
    folder overrides it): one group per line, ``group: term term …``. A subject belongs to the first
    group, in file order, one of whose terms it contains (so 我们 is listed before 我); a subject that
    contains none is ``"other"``. No subject: ``"(unstated)"``.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..lexicon import ACTORS, lexicon_file, read_groups
from ..text.model import Speech
from ..tokenize.table import tokens as token_table
from .spans import shared

#: The group of a subject that matches no actor term, and of a clause without a subject.
OTHER = "other"
UNSTATED = "(unstated)"

NOMINAL_HEAD = frozenset("n nr nrt nrfg ns nt nz ng nx r rr rz rg j l s vn an eng".split())
MODIFIER = frozenset("a ag b m q mq f h z k".split())
LINKERS = frozenset(("和", "及", "与", "以及", "、", "或", "或者", "同", "跟", "等", "的", "之"))
_LIST_LINKERS = frozenset(("、", "和", "及", "与", "以及"))
#: Two-token linkers inside a subject: 各级教师特别是班主任.
LINK_PAIRS = (("特别", "是"), ("尤其", "是"))
VERBAL = frozenset("v vd vi vg vf vx vq".split())
ADVERBIAL = frozenset("d ad dg".split())
#: Words that begin a predicate although jieba tags them as prepositions (disposal, passive, causative).
PREDICATE_WORDS = frozenset(("把", "将", "被", "让", "使", "令"))
#: Personal pronouns: a subject ends after one unless a linker follows (我专门… → 我).
PRONOUNS = frozenset(("我", "我们", "咱们", "你", "你们", "他", "她", "他们", "她们", "它们", "大家"))
#: Tags skipped at the start of a subject candidate.
LEAD_SKIP = frozenset("c t tg".split())
#: Tags dropped at the end of a subject candidate (before the predicate).
TRAIL_SKIP = frozenset("d ad dg c".split())


def _linker_pair(toks, k: int) -> int:
    """1 or 2 if ``toks[k]`` starts a two-token linker pair (length of the pair), else 0."""
    for a, b in LINK_PAIRS:
        if toks[k] == a and k + 1 < len(toks) and toks[k + 1] == b:
            return 2
    return 0


def find_subject(toks, tags, punct=None) -> tuple[int, int, str]:
    """The subject among the tokens of a clause before a predicate (module docstring):
    ``(i, j, reason)`` with ``toks[i:j]`` the subject and ``reason == ""``, or ``(0, 0, reason)`` with
    reason ``"unstated"``, ``"prepositional"`` or ``"not a noun phrase"``."""
    n = len(toks)
    punct = [False] * n if punct is None else list(punct)
    i, j = 0, n
    while i < j and (punct[i] or tags[i] in LEAD_SKIP):
        i += 1
    while j > i and (punct[j - 1] or tags[j - 1] in TRAIL_SKIP or toks[j - 1] in LINKERS):
        j -= 1
    if i == j:
        return 0, 0, "unstated"
    if tags[i] == "p":
        return 0, 0, "prepositional"
    if tags[j - 1] not in NOMINAL_HEAD or all(t in ("m", "q", "mq") for t in tags[i:j]):
        return 0, 0, "not a noun phrase" if any(t not in ("m", "q", "mq") for t in tags[i:j]) else "unstated"
    for k in range(i, j - 1):
        if toks[k] in PRONOUNS and toks[k + 1] not in LINKERS and not _linker_pair(toks, k + 1) \
                and tags[k + 1] != "x":
            j = k + 1
            break
    last_de = max((k for k in range(i, j) if toks[k] == "的"), default=-1)
    k = i
    while k < j:
        pair = _linker_pair(toks, k)
        if pair:
            k += pair
            continue
        t = tags[k]
        ok = (t in NOMINAL_HEAD or t in MODIFIER or toks[k] in LINKERS or (punct[k] and toks[k] == "、")
              or (t in VERBAL and k + 1 < j and toks[k + 1] in _LIST_LINKERS)
              or (k < last_de and toks[k] not in PREDICATE_WORDS
                  and (t in VERBAL or t in ADVERBIAL or t in ("p", "i", "u", "uj", "c") or punct[k])))
        if not ok:
            return 0, 0, "not a noun phrase"
        k += 1
    return i, j, ""


# ---------------------------------------------------------------------------------------------- actors

@lru_cache(maxsize=8)
def _read_actors(path: str, mtime: float) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(read_groups(path))


def actor_groups(path=None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The actor groups ``((group, terms), …)`` of ``actors.txt`` (or ``path``), in file order."""
    p = Path(path) if path is not None else lexicon_file(ACTORS)
    if not p.is_file():
        raise ZhDiscourseError(f"no actor lexicon at {p}")
    return _read_actors(str(p), p.stat().st_mtime)


def actor_group(subject: str | None, groups=None) -> str:
    """The group of a subject: the first group with a term the subject contains, ``"other"`` when
    none does, ``"(unstated)"`` for no subject."""
    if not subject:
        return UNSTATED
    for name, terms in (groups if groups is not None else actor_groups()):
        if any(t in subject for t in terms):
            return name
    return OTHER


# ---------------------------------------------------------------------------------------------- clauses

class ClauseTokens:
    """The token table of a speech, arranged for clause look-ups: ``tok``, ``tag``, ``start``, ``end``,
    ``punct``, ``clause`` and ``sentence`` arrays in text order, and the token range of each clause."""

    def __init__(self, speech: Speech, table: pd.DataFrame | None = None):
        df = token_table(speech) if table is None else table
        df = df.sort_values("start", kind="stable").reset_index(drop=True)
        self.tok = df["token"].astype(str).to_numpy(dtype=object)
        self.tag = df["pos"].astype(str).to_numpy(dtype=object) if "pos" in df.columns \
            else np.full(len(df), "x", dtype=object)
        self.start = df["start"].to_numpy(dtype=np.int64)
        self.end = df["end"].to_numpy(dtype=np.int64)
        self.punct = df["is_punct"].fillna(False).astype(bool).to_numpy() if "is_punct" in df.columns \
            else np.zeros(len(df), dtype=bool)
        self.sentence = df["sentence"].to_numpy(dtype=np.int64)
        cl = df["clause"] if "clause" in df.columns else pd.Series(pd.NA, index=df.index)
        self.clause = cl.to_numpy(dtype="float64", na_value=np.nan)
        self.ranges: dict[int, tuple[int, int]] = {}
        ok = ~np.isnan(self.clause)
        idx = np.flatnonzero(ok)
        if len(idx):
            vals = self.clause[idx]
            cut = np.flatnonzero(np.diff(vals) != 0) + 1
            # runs of tokens of one clause: first and last token of each (the first run of a clause wins)
            firsts = idx[np.concatenate(([0], cut))]
            lasts = idx[np.concatenate((cut - 1, [len(idx) - 1]))]
            for c, a, b in zip(self.clause[firsts].astype(np.int64).tolist(), firsts.tolist(), (lasts + 1).tolist()):
                self.ranges.setdefault(c, (a, b))
        # the same columns as Python lists, for the look-ups token by token
        self.toks: list[str] = self.tok.tolist()
        self.tags: list[str] = self.tag.tolist()
        self.puncts: list[bool] = self.punct.tolist()
        self.starts: list[int] = self.start.tolist()
        self.ends: list[int] = self.end.tolist()
        self.clauses: list[float] = self.clause.tolist()

    @classmethod
    def of(cls, speech: Speech, table: pd.DataFrame | None = None) -> "ClauseTokens":
        """``ClauseTokens(speech, table)``; built once per Speech within a
        :func:`~zhdiscourse.patterns.spans.shared_run` when ``table`` is ``None`` (the speech's own
        token table). Read-only: the detectors only look things up in it."""
        if table is not None:
            return cls(speech, table)
        return shared(speech, "clause_tokens", lambda: cls(speech))

    def __len__(self) -> int:
        return len(self.tok)

    def index_at(self, offset: int) -> int:
        """The token that contains ``offset`` (or the first after it)."""
        return bisect_right(self.ends, offset)

    def clause_of(self, i: int) -> tuple[int, int] | None:
        """The token range of the clause of token ``i`` (``None`` for a delimiter)."""
        if not 0 <= i < len(self.toks):
            return None
        c = self.clauses[i]
        return None if c != c else self.ranges.get(int(c))

    def subject_before(self, a: int, i: int) -> tuple[int, int, str]:
        """:func:`find_subject` over tokens ``a:i``; returns token indices into the whole table."""
        s, e, why = find_subject(self.toks[a:i], self.tags[a:i], self.puncts[a:i])
        return (a + s, a + e, why) if not why else (0, 0, why)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets of tokens ``i:j``."""
        return self.starts[i], self.ends[j - 1]
