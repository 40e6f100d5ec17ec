"""Narration for the study's notebooks: computed results turned into Markdown sentences.

A notebook runs on any text (``make reproduce TEXT=…``), so its prose must be true of the text it is given.
Three kinds of prose remain:

* fixed Markdown cells that are true of any text (method, definitions);
* sentences built here from the text's own results, which say so when a finding does not hold
  (:func:`holds`, :func:`rank_phrase`, :func:`concentration`);
* the study speech's own narrative (its history, what its parts do), shown only when the text is the
  speech (:func:`speech_only`, with the flag that :func:`zhdiscourse.study.notebook.announce_text` returns).

Nothing here analyses a text: the helpers take numbers and labels and return strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["concentration", "count", "holds", "join", "part", "parts", "rank_phrase", "show", "shorten",
           "speech_only", "times_fewer", "verb"]


def show(markdown: str) -> None:
    """Display ``markdown`` as a Markdown output (printed when IPython is missing)."""
    try:
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - plain Python without IPython
        print(markdown)
    else:
        display(Markdown(markdown))


def speech_only(this_speech: bool, markdown: str) -> None:
    """Show ``markdown`` only when the notebook studies the study's own speech.

    For the speech's narrative: what is known about this speech and not computed from any text. Returns
    nothing, so that a call at the end of a notebook cell leaves no ``True``/``False`` output behind.
    """
    if this_speech:
        show(markdown)


def holds(condition: bool, if_true: str, if_false: str) -> str:
    """``if_true`` when the finding holds on this text, ``if_false`` (which says so) when it does not."""
    return if_true if condition else if_false


def join(items: Iterable, last: str = "and", empty: str = "none") -> str:
    """``a``, ``a and b``, ``a, b and c`` (``empty`` for no items)."""
    items = [str(i) for i in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 line``, ``2 lines``, ``1,204 lines`` (``plural`` defaults to ``singular + 's'``)."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def part(label) -> str:
    """``part 一``; ``the opening`` for the text before the first part (no label, or ``"opening"``)."""
    if label is None or label == "" or label == "opening" or label != label:  # label != label: NaN
        return "the opening"
    return f"part {label}"


def parts(labels: Iterable) -> str:
    """``part 一``, ``parts 二 and 三``, ``parts 二, 三 and 四`` (``no part`` when empty)."""
    labels = [str(x) for x in labels]
    if not labels:
        return "no part"
    return f"part {labels[0]}" if len(labels) == 1 else f"parts {join(labels)}"


def shorten(title: str, width: int = 40) -> str:
    """``title`` cut to ``width`` characters with ``…`` (a whole-sentence item can be its own title)."""
    title = "" if title is None or title != title else str(title)
    return title if len(title) <= width else title[:width - 1] + "…"


def verb(n: int, singular: str, plural: str) -> str:
    """``singular`` when ``n`` is 1, else ``plural``: ``f"{n} of them {verb(n, 'rests', 'rest')}"``."""
    return singular if n == 1 else plural


def times_fewer(big: float, small: float, unit: str = "") -> str:
    """How many times fewer ``small`` is than ``big``: ``6.4 times fewer``; ``as many`` when equal.

    A zero ``small`` gives ``none`` (a ratio to zero is not a number of times).
    """
    unit = f" {unit}" if unit else ""
    if small == 0:
        return f"none{unit}" if big else f"as many{unit} (none)"
    if big == small:
        return f"as many{unit}"
    return f"{big / small:.1f} times fewer{unit}"


def rank_phrase(rank: int, n: int, best: str, worst: str | None = None) -> str:
    """A rank of ``n`` in words: ``the most directive (rank 1 of 52)``, else ``rank 51 of 52``.

    ``best`` names rank 1 (``"the most directive"``); ``worst``, if given, names rank ``n``. Any other
    rank is stated as a number, so a text that is not first is never called first.
    """
    if rank == 1:
        return f"{best} (rank 1 of {n})"
    if worst and rank == n:
        return f"{worst} (rank {n} of {n})"
    return f"rank {rank} of {n}"


def concentration(counts: Mapping, sizes: Mapping, factor: float = 2.0, min_count: int = 3) -> dict:
    """Where a term is most frequent, and whether it is *concentrated* there.

    ``counts`` are the term's occurrences per unit, ``sizes`` each unit's size (words or characters).
    The peak unit is the one with the most occurrences (the first of a tie). The term is concentrated
    there when the unit holds at least ``factor`` times the share of the occurrences that its share of
    the size would give, and at least ``min_count`` occurrences. Returns ``peak``, ``ties``, ``count``,
    ``total``, ``share`` (of occurrences), ``size_share`` and ``concentrated``.
    """
    total = sum(counts.values())
    all_size = sum(sizes.values())
    if not total or not all_size:
        return {"peak": None, "ties": [], "count": 0, "total": total, "share": 0.0, "size_share": 0.0,
                "concentrated": False}
    top = max(counts.values())
    ties = [k for k, v in counts.items() if v == top]
    peak = ties[0]
    share, size_share = top / total, sizes.get(peak, 0) / all_size
    return {"peak": peak, "ties": ties, "count": top, "total": total, "share": share, "size_share": size_share,
            "concentrated": len(ties) == 1 and top >= min_count and share >= factor * size_share}
