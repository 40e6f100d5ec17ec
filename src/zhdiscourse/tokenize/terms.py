"""Mining multi-word units (terms) from a corpus: the second dictionary layer (``mined_terms.tsv``).

Candidates are sequences of two to :attr:`MiningSettings.max_tokens` adjacent tokens of jieba's own
dictionary (HMM off: the segmentation the layer sits on), inside a *run*: consecutive tokens of one
sentence made of Han characters only (punctuation, digits, Latin letters and whitespace end a run).
Each candidate gets the standard measures of Chinese new-word discovery:

``count``
    Occurrences in the corpus (as that token sequence); ``docs``: documents it occurs in.
``pmi``
    Internal cohesion: the smallest pointwise mutual information over the ways of cutting it in two,
    ``min_k ln( p(w) / (p(w[:k]) p(w[k:])) )``, each ``p`` an n-gram count divided by the number of
    tokens in runs (``n_tokens``). A unit is only as cohesive as its weakest joint.
``left_entropy`` / ``right_entropy``
    Branching entropy (nats) of the token just before / after each occurrence. An occurrence at the
    edge of a run (next to punctuation, a digit, the sentence's edge) or next to a function word (a
    particle, conjunction or preposition: 的, 和, 在 …) is free on that side: each such edge counts as
    a neighbour of its own. A fragment of a longer unit has a low entropy on the side where the unit
    goes on.
``frame_share``
    The largest share of the occurrences that have one and the same neighbour on one side, function
    words included (run edges are not neighbours). A unit that mostly sits in one frame is a fragment
    of it (寓军 always before 于民, a name always between 以 and 为).
``argument_share``
    The share of the occurrences with a neighbour at all (NaN when every occurrence stands alone between
    punctuation) that stand in an argument slot: after a verb (tag v, not a modal or formal verb:
    the unit is its object) or before a noun (the unit modifies it). Terms name things and are used as
    arguments (完善失业保险, 失业保险制度); free verb phrases and clauses are predicates.
``first_verbality``
    How predicative the first token is in the whole corpus: the share of its occurrences after an adverb
    (tag d) or a modal verb, or before an aspect particle (了, 着, 过). A unit opened by a verb that
    behaves as a predicate is verb + object (杜绝浪费, 信仰宗教, 准备打仗), not a name.

Structural rules (the ``rule`` column names the first one that excludes a candidate; empty = none)

``jieba-word``   the string is already a word of jieba's dictionary (adding it changes nothing).
``function``     a token is a function word by its jieba tag: a particle (u…), preposition (p),
                 conjunction (c), pronoun (r), adverb (d), interjection/onomatopoeia (e, o, y), or a
                 modal or formal verb (:data:`MODALS`, :data:`FORMAL_VERBS`: closed classes that jieba
                 tags as verbs: 不可, 是否, 予以 …), at any place; a localizer (f), measure word (q) or time word (t) at either end; or the last
                 token is a postposition (内, 中, 以来 …: :data:`POSTPOSITIONS`), which makes an adverbial
                 of place or time, not a word.
``numeral``      a token is a numeral (tag m) or a number word, unless every token is a Han numeral of
                 at most two characters (a numbered label such as a plan's ordinal).
``shape``        not the shape of a Chinese compound: either every token is a noun or a modifier of a
                 noun (tags n…, j, vn, an, a, b, s, or a numbered label) and the last one is a noun
                 (n…, j, vn, an), or every token is a verb (tag v) of two characters or more (a verb
                 coordination such as a policy's name; one-character verbs are light verbs and
                 complements: 出, 到, 会) and none but the last ends in 于 (勇于, 善于, 用于 take a
                 complement: they do not coordinate). Verb + object, adverb + verb and subject +
                 predicate phrases are free syntax, not words.
``adjective``    the first token is an adjective of two characters or more (tag a, ad): in Chinese a
                 disyllabic adjective before a noun makes a phrase (with or without 的), not a word;
                 one-character modifiers (大, 小, 新, 全) form compounds.
``too-long``     more than ``max_chars`` characters.
``nested``       the candidate is a shorter candidate plus a neighbour on a side where the shorter one
                 is free (its branching entropy on that side is at least ``min_entropy``): the shorter
                 one is the unit, the longer one a phrase built on it.

Selection (:func:`select_terms`): no rule, ``count >= min_count``, ``docs >= min_docs``,
``pmi >= min_pmi``, ``min(left_entropy, right_entropy) >= min_entropy``, ``frame_share <
max_frame_share``, ``argument_share >= min_argument_share`` (NaN passes), ``first_verbality <
max_first_verbality``. The thresholds of :data:`DEFAULT_SETTINGS` were chosen by measurement on units
judged by hand (``scripts/mine_terms.py`` documents how, and ``data/lexicon_check/`` holds the checks).

Stability against jieba's segmentation (:func:`cut_places`, :func:`drop_cutting_units`)
    Last, the selected units, with their frequencies, are laid on jieba's dictionary and the corpus is
    segmented again: a unit that cuts a word of jieba's segmentation into a fragment (one character, or
    no word of either dictionary) in at least ``max_cut_share`` times as many places as it occurs is
    dropped (责任追究制 would leave 度 of 责任追究制度). A unit that moves a boundary between two words
    (大数据 / 分析 for jieba's 大 / 数据分析) is a fix, not a cut.

Frequency on jieba's scale (:func:`jieba_frequency`)
    A mined unit enters the dictionary with its corpus frequency converted to jieba's scale,
    ``round(count / n_tokens × total)`` (``total``: the sum of jieba's dictionary frequencies), and at
    least jieba's suggested frequency (just enough for the unit to come out whole on its own). So in
    a text the unit competes with jieba's words by how often political prose uses it, as jieba's own
    words do by how often its corpus used them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from typing import Iterable, Iterator

import pandas as pd

from ..errors import ZhDiscourseError
from .corpus import token_tables
from .dictionary import jieba_words
from .segment import get_segmenter, jieba_tokenizer

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HAN_NUMERAL = re.compile(r"[一二三四五六七八九十两]{1,2}")
#: Number words that jieba does not tag as numerals.
_NUMBER_CHARS = re.compile(r"[百千万亿]")

#: Tags that exclude a candidate wherever the token stands.
FUNCTION_TAGS = ("c", "p", "r", "d", "e", "o", "y")
#: Tags that exclude a candidate at either end.
EDGE_TAGS = ("f", "q", "t")
#: Tags of a noun (the head of a compound) and of a noun's modifier (the ``shape`` rule).
NOUN_TAGS = ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nw", "j", "vn", "an")
MODIFIER_TAGS = NOUN_TAGS + ("a", "b", "s")
ADJECTIVE_TAGS = ("a", "ad")
#: Postpositions (localizers) that jieba tags as nouns or localizers; one at the end makes a phrase.
POSTPOSITIONS = frozenset("内 中 上 下 外 前 后 里 间 旁 以来 以上 以下 以内 以外 以前 以后 之间 之内 之中 之前 之后 之外 期间".split())
#: Neighbours with these tags count as an edge for the branching entropy (function words).
EDGE_NEIGHBOUR_TAGS = ("c", "p", "e", "o", "y")
#: Closed classes that jieba's dictionary tags as content words (mostly ``v``): the modal verbs (能愿动词)
#: and modal expressions, and the formal verbs that take a verb as their object (形式动词). A candidate
#: with one of them is a verb phrase, never a word (rule ``function``).
MODALS = frozenset("能 能够 会 可 可以 可能 应 应该 应当 该 要 需 需要 须 必须 务必 得以 不可 不能 不得 不宜 无法 "
                   "难以 是否 理应 值得 愿意 敢于 肯".split())
FORMAL_VERBS = frozenset("予以 加以 给予 给以 进行 作出 做出".split())
#: Aspect particles: a token followed by one is used as a predicate.
ASPECT = frozenset("了 着 过".split())

COLUMNS = ["term", "tokens", "tags", "count", "docs", "pmi", "left_entropy", "right_entropy", "rule",
           "frame_share", "function_frame", "argument_share", "first_verbality"]


@dataclass(frozen=True)
class MiningSettings:
    """The candidate space and the thresholds of the selection (see the module docstring)."""

    max_tokens: int = 4
    max_chars: int = 8
    min_count: int = 3
    min_docs: int = 2
    min_pmi: float = 7.0
    min_entropy: float = 1.0
    nested_entropy: float = 0.5
    max_frame_share: float = 0.8
    min_argument_share: float = 0.1
    max_first_verbality: float = 0.15
    max_cut_share: float = 0.1

    def as_dict(self) -> dict:
        return asdict(self)

    def with_(self, **changes) -> "MiningSettings":
        return replace(self, **changes)


DEFAULT_SETTINGS = MiningSettings()


# --------------------------------------------------------------------------------------------------
# Runs of Han tokens
# --------------------------------------------------------------------------------------------------


def is_han_token(tok: str) -> bool:
    return bool(_HAN_RUN.fullmatch(tok))


def table_runs(table: pd.DataFrame) -> Iterator[tuple[list[str], list[str]]]:
    """The runs of a token table (``token``, ``pos``, ``sentence`` columns): maximal stretches of
    consecutive Han-only tokens of one sentence, as ``(tokens, tags)``."""
    words, tags, cur = [], [], None
    for tok, pos, sent in zip(table["token"].astype(str), table["pos"].astype(str), table["sentence"]):
        if sent != cur or not is_han_token(tok):
            if words:
                yield words, tags
            words, tags = [], []
            cur = sent
            if not is_han_token(tok):
                continue
        words.append(tok)
        tags.append(pos)
    if words:
        yield words, tags


def corpus_runs(corpus, *, jobs: int | None = None, cache: bool = True, progress: bool = False
                ) -> list[tuple[str, list[str], list[str]]]:
    """``(document id, tokens, tags)`` for every run of every document of ``corpus``, segmented with
    jieba's dictionary only (token tables of :func:`zhdiscourse.tokenize.corpus.token_tables` with
    ``userdict=False``, cached)."""
    tables = token_tables(corpus, jobs=jobs, cache=cache, progress=progress, userdict=False, mined=False)
    return [(doc_id, w, t) for doc_id, table in tables.items() for w, t in table_runs(table)]


# --------------------------------------------------------------------------------------------------
# Candidates and their scores
# --------------------------------------------------------------------------------------------------


def _entropy(counter: Counter, edges: int) -> float:
    """Entropy (nats) of the neighbour counts plus ``edges`` neighbours seen once each."""
    total = sum(counter.values()) + edges
    if total == 0:
        return 0.0
    h = -sum(v / total * math.log(v / total) for v in counter.values())
    if edges:
        h += edges * (math.log(total) / total)
    return h


def _numeral_rule(tokens: tuple[str, ...], tags: tuple[str, ...]) -> bool:
    has_num = any(t == "m" or _NUMBER_CHARS.search(w) for w, t in zip(tokens, tags))
    if not has_num:
        return False
    return not all(_HAN_NUMERAL.fullmatch(w) for w in tokens)


def _label(tokens: tuple[str, ...]) -> bool:
    """Every token is a short Han numeral (a numbered label)."""
    return all(_HAN_NUMERAL.fullmatch(w) for w in tokens)


def _shape_ok(tokens: tuple[str, ...], tags: tuple[str, ...]) -> bool:
    if _label(tokens):
        return True
    nominal = all(t in MODIFIER_TAGS or (t == "m" and _HAN_NUMERAL.fullmatch(w)) for w, t in zip(tokens, tags))
    if nominal and tags[-1] in NOUN_TAGS:
        return True
    return (all(t == "v" and len(w) >= 2 for w, t in zip(tokens, tags))
            and not any(w.endswith("于") for w in tokens[:-1]))


def _structural_rule(tokens: tuple[str, ...], tags: tuple[str, ...], max_chars: int, known) -> str:
    term = "".join(tokens)
    if known(term):
        return "jieba-word"
    if any(t.startswith("u") or t in FUNCTION_TAGS for t in tags) or any(w in MODALS or w in FORMAL_VERBS
                                                                         for w in tokens):
        return "function"
    if tags[0] in EDGE_TAGS or tags[-1] in EDGE_TAGS or tokens[-1] in POSTPOSITIONS:
        return "function"
    if _numeral_rule(tokens, tags):
        return "numeral"
    if not _shape_ok(tokens, tags):
        return "shape"
    if tags[0] in ADJECTIVE_TAGS and len(tokens[0]) >= 2:
        return "adjective"
    if len(term) > max_chars:
        return "too-long"
    return ""


def term_candidates(runs: Iterable[tuple[str, list[str], list[str]]], *, max_tokens: int = 4,
                    max_chars: int = 8, min_count: int = 2, known=None) -> pd.DataFrame:
    """Every candidate that occurs at least ``min_count`` times, with its scores and the structural
    rule that excludes it (module docstring). ``runs``: ``(document id, tokens, tags)``. ``known``: a
    predicate "already a word of the base dictionary" (default: jieba's dictionary). ``attrs``:
    ``n_tokens`` (tokens in runs), ``n_docs``."""
    if max_tokens < 2:
        raise ZhDiscourseError("max_tokens must be at least 2")
    if min_count < 1:
        raise ZhDiscourseError("min_count must be at least 1")
    if known is None:
        words = jieba_words()
        known = words.__contains__
    runs = list(runs)
    counts: Counter = Counter()
    tag_of: dict[str, Counter] = defaultdict(Counter)
    predicative: Counter = Counter()  # occurrences of a token after an adverb or modal, or before an aspect particle
    n_tokens = 0
    docs_seen = set()
    for doc, words_, tags_ in runs:
        docs_seen.add(doc)
        n = len(words_)
        n_tokens += n
        for j, (w, t) in enumerate(zip(words_, tags_)):
            tag_of[w][t] += 1
            if (j > 0 and (tags_[j - 1] == "d" or words_[j - 1] in MODALS)) or (j + 1 < n and words_[j + 1] in ASPECT):
                predicative[w] += 1
        for i in range(n):
            for k in range(1, min(max_tokens, n - i) + 1):
                counts[tuple(words_[i:i + k])] += 1
    tag = {w: c.most_common(1)[0][0] for w, c in tag_of.items()}
    keep = {}
    for g, c in counts.items():
        if len(g) < 2 or c < min_count:
            continue
        tg = tuple(tag[w] for w in g)
        keep[g] = _structural_rule(g, tg, max_chars, known)
    left: dict[tuple, Counter] = defaultdict(Counter)
    right: dict[tuple, Counter] = defaultdict(Counter)
    lfun: dict[tuple, Counter] = defaultdict(Counter)  # function-word neighbours (edges for the entropy)
    rfun: dict[tuple, Counter] = defaultdict(Counter)
    ledge: Counter = Counter()
    redge: Counter = Counter()
    argument: Counter = Counter()
    visible: Counter = Counter()  # occurrences with a neighbour (not at both edges of a run)
    docs: dict[tuple, set] = defaultdict(set)
    for doc, words_, tags_ in runs:
        n = len(words_)
        free = [t.startswith("u") or t in EDGE_NEIGHBOUR_TAGS for t in tags_]
        for i in range(n):
            for k in range(2, min(max_tokens, n - i) + 1):
                g = tuple(words_[i:i + k])
                if g not in keep:
                    continue
                docs[g].add(doc)
                if i > 0 and not free[i - 1]:
                    left[g][words_[i - 1]] += 1
                else:
                    ledge[g] += 1
                    if i > 0:
                        lfun[g][words_[i - 1]] += 1
                if i + k < n and not free[i + k]:
                    right[g][words_[i + k]] += 1
                else:
                    redge[g] += 1
                    if i + k < n:
                        rfun[g][words_[i + k]] += 1
                if ((i > 0 and tags_[i - 1] == "v" and words_[i - 1] not in MODALS
                     and words_[i - 1] not in FORMAL_VERBS)
                        or (i + k < n and tags_[i + k] in NOUN_TAGS)):
                    argument[g] += 1
                if i > 0 or i + k < n:
                    visible[g] += 1
    rows = []
    for g, rule in keep.items():
        c = counts[g]
        pmi = min(math.log(c * n_tokens / (counts[g[:k]] * counts[g[k:]])) for k in range(1, len(g)))
        frame = max(max(left[g].values(), default=0), max(lfun[g].values(), default=0),
                    max(right[g].values(), default=0), max(rfun[g].values(), default=0)) / c
        fframe = max(max(lfun[g].values(), default=0), max(rfun[g].values(), default=0)) / c
        rows.append(("".join(g), " ".join(g), " ".join(tag[w] for w in g), c, len(docs[g]), pmi,
                     _entropy(left[g], ledge[g]), _entropy(right[g], redge[g]), rule,
                     frame, fframe, argument[g] / visible[g] if visible[g] else float("nan"),
                     predicative[g[0]] / counts[g[:1]]))
    df = pd.DataFrame(rows, columns=COLUMNS).astype({
        "term": "str", "tokens": "str", "tags": "str", "count": "int64", "docs": "int64", "pmi": "float64",
        "left_entropy": "float64", "right_entropy": "float64", "rule": "str", "frame_share": "float64", "function_frame": "float64",
        "argument_share": "float64", "first_verbality": "float64"})
    df = _mark_nested(df)
    # one row per string: the token sequence seen most often
    df = df.sort_values(["count", "term", "tokens"], ascending=[False, True, True], kind="stable")
    df = df.drop_duplicates("term", keep="first").reset_index(drop=True)
    df.attrs["n_tokens"] = int(n_tokens)
    df.attrs["n_docs"] = len(docs_seen)
    return df


def _mark_nested(df: pd.DataFrame, min_entropy: float | None = None) -> pd.DataFrame:
    """Record, for each candidate of three or more tokens, the right entropy of its prefix and the left
    entropy of its suffix (columns ``prefix_right_entropy`` / ``suffix_left_entropy``; NaN when that
    part is not a candidate): the ``nested`` rule compares them with the entropy threshold."""
    by_tokens = {t: (r, le, re_) for t, r, le, re_ in zip(df["tokens"], df["rule"], df["left_entropy"],
                                                          df["right_entropy"])}
    pre, suf = [], []
    for toks in df["tokens"]:
        parts = toks.split(" ")
        p = by_tokens.get(" ".join(parts[:-1])) if len(parts) > 2 else None
        s = by_tokens.get(" ".join(parts[1:])) if len(parts) > 2 else None
        pre.append(p[2] if p is not None and not p[0] else float("nan"))
        suf.append(s[1] if s is not None and not s[0] else float("nan"))
    return df.assign(prefix_right_entropy=pd.Series(pre, index=df.index, dtype="float64"),
                     suffix_left_entropy=pd.Series(suf, index=df.index, dtype="float64"))


def apply_rules(candidates: pd.DataFrame, settings: MiningSettings = DEFAULT_SETTINGS) -> pd.Series:
    """The rule that excludes each candidate under ``settings`` (the structural rules of
    :func:`term_candidates`, then ``nested`` with ``settings.min_entropy``); empty = none."""
    rule = candidates["rule"].astype(str).copy()
    long = candidates["term"].str.len() > settings.max_chars
    rule[(rule == "") & long] = "too-long"
    nested = ((candidates["prefix_right_entropy"] >= settings.nested_entropy)
              | (candidates["suffix_left_entropy"] >= settings.nested_entropy))
    rule[(rule == "") & nested] = "nested"
    return rule


def select_terms(candidates: pd.DataFrame, settings: MiningSettings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """The candidates that pass every rule and threshold of ``settings`` (module docstring), in the
    order of ``candidates`` (count descending, then term)."""
    c = candidates
    rule = apply_rules(c, settings)
    ok = ((rule == "") & (c["count"] >= settings.min_count) & (c["docs"] >= settings.min_docs)
          & (c["pmi"] >= settings.min_pmi)
          & (c[["left_entropy", "right_entropy"]].min(axis=1) >= settings.min_entropy)
          & (c["frame_share"] < settings.max_frame_share)
          & ~(c["argument_share"] < settings.min_argument_share)  # NaN (no neighbour seen) passes
          & (c["first_verbality"] < settings.max_first_verbality))
    out = c.loc[ok].reset_index(drop=True)
    out.attrs = dict(c.attrs)
    return out


# --------------------------------------------------------------------------------------------------
# Into the dictionary
# --------------------------------------------------------------------------------------------------


def jieba_frequency(count: int, n_tokens: int, total: float, suggested: int) -> int:
    """A corpus count on jieba's scale, at least ``suggested`` (module docstring)."""
    if n_tokens <= 0:
        raise ZhDiscourseError("the corpus has no tokens")
    return max(int(round(count / n_tokens * total)), int(suggested), 1)


def head_tag(tags: str) -> str:
    """The tag of a mined unit: its last token's (the head of a Chinese compound)."""
    return tags.split(" ")[-1]


def dictionary_rows(terms: pd.DataFrame, *, n_tokens: int | None = None) -> pd.DataFrame:
    """The mined units as rows of ``mined_terms.tsv``: ``term``, ``freq`` (:func:`jieba_frequency`
    against jieba's own dictionary), ``tag`` (:func:`head_tag`), then the scores."""
    n_tokens = int(terms.attrs.get("n_tokens", 0) if n_tokens is None else n_tokens)
    tk = get_segmenter(False).tokenizer
    freq = [jieba_frequency(c, n_tokens, tk.total, tk.suggest_freq(t)) for t, c in zip(terms["term"], terms["count"])]
    out = pd.DataFrame({
        "term": terms["term"].astype(str),
        "freq": pd.Series(freq, index=terms.index, dtype="int64"),
        "tag": terms["tags"].map(head_tag).astype(str),
        "tokens": terms["tokens"].astype(str),
        "count": terms["count"].astype("int64"),
        "docs": terms["docs"].astype("int64"),
        "pmi": terms["pmi"].round(3),
        "left_entropy": terms["left_entropy"].round(3),
        "right_entropy": terms["right_entropy"].round(3),
        "frame_share": terms["frame_share"].round(3),
        "argument_share": terms["argument_share"].round(3),
        "first_verbality": terms["first_verbality"].round(3),
    })
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Stability against jieba's segmentation: a unit must not cut jieba's words into fragments
# --------------------------------------------------------------------------------------------------


def _layer_tokenizer(rows: pd.DataFrame):
    """A jieba tokenizer on jieba's own dictionary plus the units of ``rows`` (``term``, ``freq``, ``tag``)."""
    tk = jieba_tokenizer()
    for term, freq, tag in zip(rows["term"], rows["freq"], rows["tag"]):
        tk.add_word(term, int(freq), tag)
    return tk


def cut_places(rows: pd.DataFrame, runs: Iterable[tuple[str, list[str], list[str]]]) -> pd.Series:
    """For each unit of ``rows`` (``term``, ``freq``, ``tag``: a layer on top of jieba's dictionary), the
    number of places in ``runs`` where the layer makes it a token that **cuts a word** of jieba's own
    segmentation and leaves a fragment beside it: the unit's edge falls inside a token of the run, and
    the token next to the unit on that side is one character or not a word of either dictionary
    (责任追究制 in 责任追究制度 leaves 度; 水产养殖 in 水产养殖业 leaves 业). Each run is segmented
    with jieba's dictionary and the whole layer (HMM off), so the count says where the unit, with the
    frequency it is given, actually wins; a unit that re-cuts a boundary into two words (大数据 / 分析 for
    jieba's 大 / 数据分析) is not counted. Indexed like ``rows``."""
    units = set(rows["term"])
    if not units:
        return pd.Series([], index=rows.index, dtype="int64")
    tk = _layer_tokenizer(rows)
    known = jieba_words() | units
    pattern = re.compile("|".join(sorted(map(re.escape, units), key=len, reverse=True)))
    cuts: Counter = Counter()
    for _doc, words_, _tags in runs:
        text = "".join(words_)
        if not pattern.search(text):
            continue
        bounds, p = {0}, 0
        for w in words_:
            p += len(w)
            bounds.add(p)
        spans, p = [], 0
        for w in tk.cut(text, HMM=False):
            spans.append((p, p + len(w), w))
            p += len(w)
        for i, (a, b, w) in enumerate(spans):
            if w not in units or (a in bounds and b in bounds):
                continue
            side = []
            if a not in bounds and i > 0:
                side.append(spans[i - 1][2])
            if b not in bounds and i + 1 < len(spans):
                side.append(spans[i + 1][2])
            if any(len(x) == 1 or x not in known for x in side):
                cuts[w] += 1
    return rows["term"].map(lambda t: cuts.get(t, 0)).astype("int64")


def drop_cutting_units(rows: pd.DataFrame, runs, max_share: float = DEFAULT_SETTINGS.max_cut_share,
                       max_rounds: int = 5) -> pd.DataFrame:
    """``rows`` without the units that cut jieba's words (:func:`cut_places`) in at least ``max_share``
    times as many places as they occur (``count``): the unit's string belongs to other words too
    often. Repeated until no unit is dropped (dropping one changes the others' contexts), at most
    ``max_rounds`` times. Adds the column ``cut_places`` (of the last round)."""
    runs = list(runs)
    out = rows.copy()
    for _ in range(max_rounds):
        cuts = cut_places(out, runs)
        bad = cuts >= max_share * out["count"]
        bad &= cuts > 0
        out = out.assign(cut_places=cuts)
        if not bad.any():
            break
        out = out.loc[~bad].reset_index(drop=True)
    else:
        out = out.assign(cut_places=cut_places(out, runs))
    return out.reset_index(drop=True)


def apply_review(rows: pd.DataFrame, review: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """``rows`` (mined units, column ``term``) without the units a hand review judged not genuine.

    ``review`` has the columns ``term`` and ``genuine`` (1 genuine, 0 not, by the judging rule of
    ``data/lexicon_check/README.md``). A unit the review judged 0 is dropped; a unit the review does not
    list stays (it is counted as ``unreviewed``, so a list mined again on other corpora says how much of
    it nobody has read). Returns the kept rows, in their order, and the counts ``dropped``, ``kept`` and
    ``unreviewed``."""
    missing = {"term", "genuine"} - set(review.columns)
    if missing:
        raise ZhDiscourseError(f"the review lacks the column(s) {', '.join(sorted(missing))}")
    if not review["genuine"].isin([0, 1]).all():
        raise ZhDiscourseError("the review's genuine column must be 0 or 1")
    if review["term"].duplicated().any():
        raise ZhDiscourseError(f"the review judges {review['term'][review['term'].duplicated()].iloc[0]} twice")
    verdict = rows["term"].map(dict(zip(review["term"], review["genuine"].astype(int))))
    drop = verdict.eq(0)
    kept = rows.loc[~drop].reset_index(drop=True)
    return kept, {"dropped": int(drop.sum()), "kept": len(kept), "unreviewed": int(verdict.isna().sum())}
