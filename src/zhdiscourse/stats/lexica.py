"""Lexicon profiles: counts of an editable word list (war and struggle metaphors, stance words …) per
part, their dispersion over the parts, and their keyness against a reference corpus.

Lexicons
    Grouped word lists of :mod:`zhdiscourse.lexicon` (``metaphor_war.txt``, ``stance.txt``; a
    ``ZHDISCOURSE_LEXICON_DIR`` folder overrides them), one category per line, ``category: term …``
    (:func:`zhdiscourse.lexicon.read_groups`); :func:`read_lexicon` gives ``term, category`` (a term
    listed twice keeps its first category). A path to another file of the same format works too.

Matching (:func:`lexicon_matches`)
    On the token table: a term is found where it begins at the start of a token and ends at the end of
    a token, within one sentence; it may span several tokens (打硬仗 = 打 + 硬仗, or one token 打硬仗).
    So 总体战 is not found inside 总体战略 (总体 / 战略) and 一线 not inside 第一线; matches do not overlap,
    and where two terms start at the same token the longer wins. Counting on tokens keeps the counts on
    the footing of the frequency lists and of keyness; the price is that a term inside a longer token
    is not found (the table's ``string_count`` of :func:`lexicon_keyness` shows how many string
    occurrences that leaves out in the target).

Rates and dispersion (:func:`lexicon_rates`)
    Per unit (parts, sub-points, segments): ``count`` and ``per_1k`` = occurrences per 1,000 **word
    tokens** (tokens that are not punctuation or whitespace), per term and per category (``term`` =
    ``"[category]"``) and for the whole lexicon (``"[all]"``), in the layout of
    :func:`zhdiscourse.stats.spread.unit_rates`, so :func:`zhdiscourse.stats.spread.dp` gives Gries' DP of
    each term and category over the units.

Keyness against a reference (:func:`lexicon_keyness`)
    Each term, each category and the whole lexicon in the target against the pooled reference documents
    (for the study, the 52 Government Work Reports): :func:`zhdiscourse.stats.keywords.keyness_table`
    with the counts of matches and the **word tokens** of each side as the sizes (``n_target``,
    ``n_reference``), Fisher's exact test with the expected-count floor 5 (as every keyness table of the
    project), Benjamini–Hochberg over the tested rows. ``per_1k`` / ``per_1k_ref`` are occurrences per
    1,000 word tokens.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..lexicon import METAPHOR_WAR, STANCE, lexicon_file, read_groups
from ..tokenize.table import as_tokens
from .lexdiv import unit_labels
from .keywords import MIN_EXPECTED, TEST, keyness_table

#: The bundled lexicons by short name.
LEXICONS = {"war": METAPHOR_WAR, "stance": STANCE}
ALL = "[all]"


def read_lexicon(lexicon="war") -> pd.DataFrame:
    """A lexicon as ``term, category`` rows (file order): ``lexicon`` is a short name of
    :data:`LEXICONS` (``"war"``, ``"stance"``), a file name of the lexicon folder, a path, or a
    DataFrame with those two columns (returned checked)."""
    if isinstance(lexicon, pd.DataFrame):
        if not {"term", "category"} <= set(lexicon.columns):
            raise ZhDiscourseError("a lexicon table needs the columns term and category")
        df = lexicon[["term", "category"]].astype(str)
        df = df[df["term"].str.strip() != ""].drop_duplicates("term")
        if df.empty:
            raise ZhDiscourseError("the lexicon has no terms")
        return df.reset_index(drop=True)
    name = LEXICONS.get(str(lexicon), str(lexicon))
    p = Path(name)
    if not p.is_file():
        p = lexicon_file(name)
    if not p.is_file():
        raise ZhDiscourseError(f"no lexicon {lexicon!r}: give {', '.join(LEXICONS)} or a file "
                               "with lines 'category: term term …'")
    rows = [(t, cat) for cat, terms in read_groups(p) for t in terms]
    df = pd.DataFrame(rows, columns=["term", "category"]).drop_duplicates("term").reset_index(drop=True)
    df.attrs["source"] = p.name
    return df


def _is_word(df: pd.DataFrame) -> np.ndarray | None:
    """Which rows of a token table are words (not punctuation); ``None`` when the table does not say."""
    if "is_punct" not in df.columns:
        return None
    return ~df["is_punct"].fillna(False).astype(bool).to_numpy()


def _word_tokens(tokens) -> pd.DataFrame:
    df = as_tokens(tokens)
    words = _is_word(df)
    if words is not None:
        df = df[words]
    return df.sort_values("start", kind="stable")


def _joined(df: pd.DataFrame) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of each sentence joined, sentences separated by a newline: ``(joined, order, starts,
    ends)`` with ``order`` the table rows in text order and ``starts``/``ends`` their offsets in
    ``joined``."""
    order = np.argsort(df["start"].to_numpy(dtype=np.int64), kind="stable")
    tok = df["token"].astype(str).to_numpy(dtype=object)[order]
    sent = df["sentence"].to_numpy(dtype=np.int64)[order]
    lens = np.fromiter(map(len, tok), dtype=np.int64, count=len(tok))
    brk = np.zeros(len(tok), dtype=np.int64)  # 1 where a newline goes before the token (a new sentence)
    brk[1:] = sent[1:] != sent[:-1]
    starts = np.cumsum(lens) - lens + np.cumsum(brk)
    ends = starts + lens
    cuts = [0, *np.flatnonzero(brk).tolist(), len(tok)]
    joined = "\n".join("".join(tok[a:b]) for a, b in zip(cuts[:-1], cuts[1:])) if len(tok) else ""
    return joined, order, starts, ends


def _pattern(lex: pd.DataFrame) -> tuple[list[str], re.Pattern]:
    """The terms of a checked lexicon, longest first, and one regular expression of them all."""
    terms = sorted(lex["term"], key=lambda t: (-len(t), t))
    return terms, re.compile("|".join(re.escape(t) for t in terms))


def _match_rows(df: pd.DataFrame, terms: list[str], rx: re.Pattern) -> list[tuple[str, int, int]]:
    """The matches of :func:`lexicon_matches` in a token table with a fresh index: ``(term, i, j)``, the rows
    of the first and the last token, in text order."""
    found: list[tuple[str, int, int]] = []
    if not len(df):
        return found
    joined, order, starts, ends = _joined(df)
    # position in ``joined`` → the token starting / ending there (-1: none); tokens are not empty
    start_at = np.full(len(joined) + 1, -1, dtype=np.int64)
    start_at[starts] = np.arange(len(starts))
    end_at = np.full(len(joined) + 1, -1, dtype=np.int64)
    end_at[ends] = np.arange(len(ends))
    k = 0
    while k < len(joined):
        m = rx.search(joined, k)
        if m is None:
            break
        a, b = m.span()
        if start_at[a] < 0:
            k = a + 1
            continue
        if end_at[b] < 0:  # a shorter term at the same start that ends at a token end
            b = next((a + len(t) for t in terms if len(t) < b - a and joined.startswith(t, a)
                      and end_at[a + len(t)] >= 0), None)
            if b is None:
                k = a + 1
                continue
        found.append((joined[a:b], int(order[start_at[a]]), int(order[end_at[b]])))
        k = b
    return found


def _n_words(df: pd.DataFrame) -> int:
    """``len(_word_tokens(df))`` without sorting the table."""
    words = _is_word(df)
    return len(df) if words is None else int(words.sum())


def lexicon_matches(tokens, lexicon="war") -> pd.DataFrame:
    """Every occurrence of a lexicon term in a token table (module docstring): columns ``term, category,
    start, end, token_index`` (row of the first token in the table), ``sentence, section, subsection``,
    in text order. ``start``/``end`` are offsets into the text the table was made from."""
    lex = read_lexicon(lexicon)
    df = as_tokens(tokens).reset_index(drop=True)
    cols = ["term", "category", "start", "end", "token_index", "sentence", "section", "subsection"]
    rows = []
    found = _match_rows(df, *_pattern(lex))
    if found:
        category = dict(zip(lex["term"], lex["category"]))
        t_start, t_end = df["start"].to_numpy(dtype=np.int64), df["end"].to_numpy(dtype=np.int64)
        t_sent = df["sentence"].to_numpy(dtype=np.int64)
        rows = [(term, category[term], int(t_start[i]), int(t_end[j]), i, int(t_sent[i])) for term, i, j in found]
        # the part and sub-point of the matched tokens only (not a column conversion per table)
        at = [r[4] for r in rows]
        rows = [(*r, sec, sub) for r, sec, sub in zip(rows, df["section"].take(at).to_numpy(dtype=object),
                                                      df["subsection"].take(at).to_numpy(dtype=object))]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({"term": "str", "category": "str", "start": "int64", "end": "int64", "token_index": "int64",
                      "sentence": "int64", "section": "str", "subsection": "str"})
    out.attrs["lexicon"] = lex.attrs.get("source", "table")
    return out


def lexicon_rates(tokens, lexicon="war", by: str = "section", *, matches: pd.DataFrame | None = None,
                  terms: bool = True) -> pd.DataFrame:
    """Counts per unit (module docstring): columns ``term, category, doc, count, n_tokens, per_1k``; one
    row per unit for the whole lexicon (``term == "[all]"``), for each category (``"[category]"``) and,
    with ``terms``, for each term (zero counts included). Units in text order; tokens outside every
    unit (before the first part for ``by="section"``) are left out."""
    lex = read_lexicon(lexicon)
    words = _word_tokens(tokens)
    unit = unit_labels(words, by)
    words = words.assign(_unit=unit).dropna(subset=["_unit"])
    if words.empty:
        raise ZhDiscourseError(f"the text has no words in units of kind {by!r}")
    sizes = words.groupby("_unit", sort=False).size()
    m = lexicon_matches(tokens, lex) if matches is None else matches
    base_units = unit_labels(as_tokens(tokens).reset_index(drop=True), by).to_numpy(dtype=object)
    m = m.assign(_unit=base_units[m["token_index"].to_numpy(dtype=np.int64)] if len(m) else []) \
        .dropna(subset=["_unit"])
    rows = []
    cats = list(dict.fromkeys(lex["category"]))
    keys = [(ALL, "", None)] + [(f"[{c}]", c, ("category", c)) for c in cats]
    if terms:
        keys += [(t, c, ("term", t)) for t, c in zip(lex["term"], lex["category"])]
    counts = {(ALL, u): n for u, n in m.groupby("_unit").size().items()}
    for (c, u), n in m.groupby(["category", "_unit"]).size().items():
        counts[(f"[{c}]", u)] = n
    if terms:
        for (t, u), n in m.groupby(["term", "_unit"]).size().items():
            counts[(t, u)] = n
    for label, cat, _key in keys:
        for u, size in sizes.items():
            n = int(counts.get((label, u), 0))
            rows.append({"term": label, "category": cat if label != ALL else ALL, "doc": str(u), "count": n,
                         "n_tokens": int(size), "per_1k": 1000.0 * n / size if size else 0.0})
    return pd.DataFrame(rows, columns=["term", "category", "doc", "count", "n_tokens", "per_1k"])


def lexicon_keyness(tokens, reference_tables, lexicon="war", *, min_freq: int = 5, correction: str = "bh",
                    alpha: float = 0.05, test: str = TEST, min_expected: float | None = MIN_EXPECTED) -> pd.DataFrame:
    """Keyness of each term, each category (``"[category]"``) and the whole lexicon (``"[all]"``) in the
    target token table against ``reference_tables`` (an iterable of token tables, e.g. the values of
    :func:`zhdiscourse.tokenize.corpus.token_tables`), module docstring. Columns of
    :func:`zhdiscourse.stats.keywords.keyness_table` plus ``category``, ``level`` (``term``,
    ``category``, ``lexicon``) and ``string_count`` (occurrences of the term as a string in the
    target's sentences, also inside longer tokens, but not inside a match of a longer term of the list:
    一线 in 第一线 is counted once, as 第一线); rows: the lexicon first, then the categories, then the
    terms, each by signed G². ``attrs``: ``n_target``, ``n_reference`` (word tokens), ``n_docs``."""
    lex = read_lexicon(lexicon)
    target = as_tokens(tokens)
    t_matches = lexicon_matches(target, lex)
    n_t = len(_word_tokens(target))
    ref_counts: dict[str, int] = {}
    n_r, n_docs = 0, 0
    terms, rx = _pattern(lex)
    for table in reference_tables:  # only the counts: the matches' terms and the word tokens
        df = as_tokens(table).reset_index(drop=True)
        for term, _i, _j in _match_rows(df, terms, rx):
            ref_counts[term] = ref_counts.get(term, 0) + 1
        n_r += _n_words(df)
        n_docs += 1
    if n_docs == 0 or n_r == 0:
        raise ZhDiscourseError("the reference has no documents with words")
    cat_of = dict(zip(lex["term"], lex["category"]))

    def counts(per_term: dict[str, int]) -> dict[str, int]:
        out = {t: int(per_term.get(t, 0)) for t in lex["term"]}
        for c in dict.fromkeys(lex["category"]):
            out[f"[{c}]"] = sum(v for t, v in per_term.items() if cat_of.get(t) == c)
        out[ALL] = sum(per_term.values())
        return out

    tc = counts(t_matches["term"].value_counts().to_dict())
    rc = counts(ref_counts)
    parts = []
    # one keyness table per level, so each level is its own family of tests
    levels = (("lexicon", [ALL]), ("category", [f"[{c}]" for c in dict.fromkeys(lex["category"])]),
              ("term", list(lex["term"])))
    for level, keys in levels:
        kt = keyness_table(pd.Series({k: tc[k] for k in keys}, dtype=float), pd.Series({k: rc[k] for k in keys},
                           dtype=float), n_target=n_t, n_reference=n_r, min_freq=min_freq, correction=correction,
                           alpha=alpha, test=test, min_expected=min_expected)
        kt.insert(1, "level", level)
        kt.insert(2, "category", [ALL if k == ALL else (k[1:-1] if level == "category" else cat_of.get(k, ""))
                                  for k in kt["term"]])
        parts.append(kt)
    out = pd.concat(parts, ignore_index=True)
    joined = _joined(target)[0] if len(target) else ""
    found = t_matches["term"].value_counts().to_dict()

    def strings(t: str) -> int:
        # as a string, less the occurrences inside matches of a longer term of the list (一线 in 第一线)
        inside = sum(n * other.count(t) for other, n in found.items() if other != t and t in other)
        return joined.count(t) - inside

    out["string_count"] = [strings(t) if not t.startswith("[") else np.nan for t in out["term"]]
    out.attrs = {"n_target": int(n_t), "n_reference": int(n_r), "n_docs": int(n_docs), "test": test,
                 "min_freq": min_freq, "lexicon": lex.attrs.get("source", "table")}
    return out


def lexicon_documents(tables, lexicon="war") -> pd.DataFrame:
    """The lexicon in each document of a corpus: ``tables`` maps a document id to its token table (as
    :func:`zhdiscourse.tokenize.corpus.token_tables` returns); columns ``doc, count, n_tokens, per_1k``
    (matches per 1,000 word tokens), one row per document in the order given."""
    lex = read_lexicon(lexicon)
    terms, rx = _pattern(lex)
    rows = []
    for doc, table in dict(tables).items():
        df = as_tokens(table).reset_index(drop=True)
        n = _n_words(df)
        c = len(_match_rows(df, terms, rx))
        rows.append({"doc": str(doc), "count": c, "n_tokens": n, "per_1k": 1000.0 * c / n if n else 0.0})
    return pd.DataFrame(rows, columns=["doc", "count", "n_tokens", "per_1k"])


__all__ = ["LEXICONS", "read_lexicon", "lexicon_matches", "lexicon_rates", "lexicon_keyness", "lexicon_documents"]
