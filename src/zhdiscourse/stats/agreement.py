"""Agreement of two judges beyond chance (hand checks of the detectors)."""

from __future__ import annotations

from ..errors import ZhDiscourseError


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two equally long label sequences: κ = (p_o − p_e) / (1 − p_e).

    p_o is the share of items both judges label alike; p_e = Σ_k p_a(k) · p_b(k) is the agreement
    expected by chance from each judge's own label frequencies (Cohen 1960). Returns 1.0 when both
    judges use one and the same label throughout (p_e = 1), NaN for empty input.
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ZhDiscourseError("the two judges must label the same items")
    if not a:
        return float("nan")
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    labels = set(a) | set(b)
    pe = sum((a.count(k) / n) * (b.count(k) / n) for k in labels)
    if pe == 1:
        return 1.0
    return (po - pe) / (1 - pe)
