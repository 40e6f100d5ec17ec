"""Sizes of stretches of text: the one way the project counts characters for densities."""

from __future__ import annotations


def nonspace_chars(text: str, start: int = 0, end: int | None = None) -> int:
    """Characters of ``text[start:end]`` that are not whitespace: the denominator of every density
    ("per 1,000 characters") in the project."""
    end = len(text) if end is None else end
    # str.split() without a separator cuts at exactly the characters str.isspace() calls whitespace
    # (tests/text/test_measure.py checks every code point): what is left is the count
    return len("".join(text[start:end].split()))


def nonspace_prefix(text: str):
    """Cumulative counts for many :func:`nonspace_chars` queries: ``c[b] - c[a]`` equals
    ``nonspace_chars(text, a, b)`` (a NumPy array of ``len(text) + 1`` integers)."""
    import numpy as np

    nonspace = np.fromiter((not c.isspace() for c in text), dtype=np.int64, count=len(text))
    return np.concatenate([[0], np.cumsum(nonspace)])
