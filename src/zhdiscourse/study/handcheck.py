"""Hand checks of the detector: stored judgements matched to its output, precision, agreement, recall.

A *judgement file* (``data/handcheck/parallelism_gen2_judge_*.csv``) has one row per judged instance with
``start``, ``end`` and ``member_starts`` (offsets into the decoded text, members joined by ``;``) and a
verdict column (``verdict``, or ``strict``/``judgement`` in the first-generation files). Rows are matched
to the detector's *current* output by that key, so a changed detector shows up as unjudged instances
(:func:`coverage` < 1) rather than as a silently wrong precision.

A *recall list* (``parallelism_recall_list.csv``) holds series read by hand from the text before looking
at the detector's output: ``start``, ``end``, ``member_starts`` and ``members`` (the member texts joined
by `` | ``), and a ``tier``. A series is **found** when one reported instance covers at least two of its
members (a member is covered when a reported member overlaps at least half of it, and each reported
member covers one member of the series at most: a long sentence that holds a whole series inside one of
its members has not found it), and **complete** when one instance covers all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..errors import ZhDiscourseError
from ..stats.agreement import cohen_kappa
from ..stats.intervals import proportion_interval

__all__ = ["instance_key", "read_judgements", "judged", "precision", "agreement", "read_recall_list", "recall",
           "read_keys", "heldout_estimate"]

Key = tuple[int, int, tuple[int, ...]]


def instance_key(instance: dict) -> Key:
    """``(start, end, (member starts …))``: how stored judgements name an instance."""
    return int(instance["start"]), int(instance["end"]), tuple(int(m["start"]) for m in instance["members"])


def _starts(cell: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.split(r"[;\s]+", str(cell).strip()) if x)


def read_judgements(path: str | Path, column: str = "verdict") -> pd.DataFrame:
    """A judgement file as a table with a ``key`` column (:func:`instance_key`) and ``ok`` (the verdict
    in ``column`` is ``true``). Comment lines start with ``#``."""
    path = Path(path)
    if not path.is_file():
        raise ZhDiscourseError(f"{path}: no such judgement file")
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {"start", "end", "member_starts", column} - set(df.columns)
    if missing:
        raise ZhDiscourseError(f"{path}: missing columns {', '.join(sorted(missing))}")
    df["key"] = [(int(a), int(b), _starts(ms)) for a, b, ms in zip(df["start"], df["end"], df["member_starts"])]
    df["ok"] = df[column].str.strip().str.lower().isin(["true", "yes"])
    df["judged"] = df[column].str.strip() != ""
    return df.drop_duplicates("key", keep="last")


def judged(instances: Sequence[dict], judgements: pd.DataFrame) -> pd.DataFrame:
    """The judgements of the instances reported now, one row per instance that has one, with the
    instance's ``class`` and ``level`` from the detector."""
    current = {instance_key(q): q for q in instances}
    rows = judgements[judgements["key"].isin(current) & judgements["judged"]].copy()
    rows["class"] = [current[k].get("class", "") for k in rows["key"]]
    rows["level"] = [current[k].get("level", "") for k in rows["key"]]
    return rows.reset_index(drop=True)


def coverage(instances: Sequence[dict], judgements: pd.DataFrame) -> float:
    """Share of the reported instances that have a judgement (1.0 when nothing is reported)."""
    return len(judged(instances, judgements)) / len(instances) if len(instances) else 1.0


def precision(instances: Sequence[dict], judgements: pd.DataFrame) -> pd.DataFrame:
    """Precision by class and overall (row ``all``): ``precision``, ``n`` judged, ``correct``."""
    rows = judged(instances, judgements)
    out = rows.groupby("class")["ok"].agg(correct="sum", n="size")
    out.loc["all"] = [int(rows["ok"].sum()), len(rows)]
    out = out.astype(int)
    out["precision"] = out["correct"] / out["n"].where(out["n"] > 0)
    return out[["precision", "n", "correct"]]


def agreement(instances: Sequence[dict], a: pd.DataFrame, b: pd.DataFrame) -> dict:
    """Two judges on the instances both judged: ``n``, each judge's precision, the raw agreement
    ``p_o`` and Cohen's ``kappa``."""
    ja, jb = judged(instances, a).set_index("key"), judged(instances, b).set_index("key")
    both = [k for k in ja.index if k in jb.index]
    va, vb = [bool(ja.loc[[k], "ok"].iloc[0]) for k in both], [bool(jb.loc[[k], "ok"].iloc[0]) for k in both]
    n = len(both)
    return {"n": n, "precision_a": sum(va) / n if n else float("nan"),
            "precision_b": sum(vb) / n if n else float("nan"),
            "p_o": sum(x == y for x, y in zip(va, vb)) / n if n else float("nan"),
            "kappa": cohen_kappa(va, vb)}


def read_recall_list(path: str | Path, text: str | None = None) -> pd.DataFrame:
    """A recall list with ``member_spans`` (``[(start, end), …]``) from ``member_starts`` and the member
    texts. With ``text``, every member must be found at its offset (else :class:`ZhDiscourseError`)."""
    path = Path(path)
    if not path.is_file():
        raise ZhDiscourseError(f"{path}: no such recall list")
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    spans = []
    for row in df.itertuples(index=False):
        starts, texts = _starts(row.member_starts), [t.strip() for t in str(row.members).split("|")]
        if len(starts) != len(texts):
            raise ZhDiscourseError(f"{path}: series {row.id}: {len(starts)} member starts but {len(texts)} members")
        ms = [(s, s + len(t)) for s, t in zip(starts, texts)]
        if text is not None:
            bad = [t for (s, e), t in zip(ms, texts) if text[s:e] != t]
            if bad:
                raise ZhDiscourseError(f"{path}: series {row.id}: member {bad[0]!r} is not at its offset")
        spans.append(ms)
    df["member_spans"] = spans
    df["start"], df["end"] = df["start"].astype(int), df["end"].astype(int)
    return df


def _covers(reported: Iterable[tuple[int, int]], member: tuple[int, int]) -> bool:
    s, e = member
    need = (e - s) / 2
    return any(min(e, b) - max(s, a) >= need for a, b in reported)


def _covered(reported: Sequence[tuple[int, int]], members: Sequence[tuple[int, int]]) -> int:
    """How many of ``members`` the reported members cover, each reported member covering one at most
    (members and reported members in text order, matched greedily)."""
    n, k = 0, 0
    for m in members:
        j = k
        while j < len(reported) and not _covers([reported[j]], m):
            j += 1
        if j < len(reported):
            n, k = n + 1, j + 1
    return n


def recall(instances: Sequence[dict], recall_list: pd.DataFrame) -> pd.DataFrame:
    """For each series of the recall list: ``covered`` (the most members one reported instance covers),
    ``found`` (≥ 2) and ``complete`` (all), with ``tier`` and the series' ``members``."""
    reported = [[(m["start"], m["end"]) for m in q["members"]] for q in instances]
    rows = []
    for row in recall_list.itertuples(index=False):
        best = max((_covered(r, row.member_spans) for r in reported), default=0)
        n = len(row.member_spans)
        rows.append({"id": row.id, "tier": getattr(row, "tier", ""), "members": row.members, "n": n,
                     "covered": best, "found": best >= 2, "complete": best == n})
    return pd.DataFrame(rows, columns=["id", "tier", "members", "n", "covered", "found", "complete"])


def read_keys(path: str | Path) -> pd.DataFrame:
    """A file of instance keys (``start``, ``end``, ``member_starts``; comment lines start with ``#``), such
    as the stored output of an earlier detector, with a ``key`` column (:func:`instance_key`)."""
    path = Path(path)
    if not path.is_file():
        raise ZhDiscourseError(f"{path}: no such key file")
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {"start", "end", "member_starts"} - set(df.columns)
    if missing:
        raise ZhDiscourseError(f"{path}: missing columns {', '.join(sorted(missing))}")
    df["key"] = [(int(a), int(b), _starts(ms)) for a, b, ms in zip(df["start"], df["end"], df["member_starts"])]
    return df


def heldout_estimate(old: Iterable[Key], new: Iterable[Key], sample: pd.DataFrame,
                     extra: pd.DataFrame | None = None, level: float = 0.95) -> dict:
    """Precision before and after a change of the detector on a held-out text, from one judge.

    ``sample`` holds the judgements of a uniform random sample of the union of the old and new readings;
    ``extra`` those of the old reading's remaining dropped instances (``old`` minus ``new`` outside the
    sample), so that every dropped instance is judged. The new reading's precision is estimated on its
    sampled instances, with a Wilson interval at ``level``. Where the new reading is a subset of the old
    one, the old reading's precision follows by strata: the kept instances at the new reading's
    estimate, the dropped ones counted exactly — ``old = (kept · p_new + dropped_true) / len(old)``.
    """
    old, new = set(old), set(new)
    judged_rows = pd.concat([sample] + ([extra] if extra is not None else []))
    judged_rows = judged_rows[judged_rows["judged"]]
    verdict = {k: bool(ok) for k, ok in zip(judged_rows["key"], judged_rows["ok"])}
    s = sample[sample["judged"]]
    hits = [bool(ok) for k, ok in zip(s["key"], s["ok"]) if k in new]
    n, c = len(hits), sum(hits)
    lo, hi = proportion_interval(c, n, level)
    p_new = c / n if n else float("nan")
    dropped = old - new
    dropped_judged = [verdict[k] for k in dropped if k in verdict]
    kept = len(old & new)
    out = {"new_n": n, "new_correct": c, "new_precision": p_new, "new_lo": float(lo), "new_hi": float(hi),
           "dropped": len(dropped), "dropped_judged": len(dropped_judged), "dropped_true": sum(dropped_judged),
           "old_precision": float("nan"), "old_lo": float("nan"), "old_hi": float("nan")}
    if new <= old and len(dropped_judged) == len(dropped) and old:
        out["old_precision"] = (kept * p_new + sum(dropped_judged)) / len(old)
        out["old_lo"] = (kept * lo + sum(dropped_judged)) / len(old)
        out["old_hi"] = (kept * hi + sum(dropped_judged)) / len(old)
    return out
