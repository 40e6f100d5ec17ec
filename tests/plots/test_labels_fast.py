"""Label placement and text measurement made faster without changing a pixel: the overlap search that
replaces adjustText's (same shifts, bit for bit), a figure placed with and without it (same PNG bytes),
and text widths measured without a full draw (same widths)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import adjustText  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from zhdiscourse.plots import labels as L  # noqa: E402
from zhdiscourse.plots import setup_fonts  # noqa: E402


def test_the_pinned_adjusttext_is_the_release_the_fast_path_copies():
    assert adjustText.__version__ == L.ADJUSTTEXT_VERSION


def _boxes(rng, k, width, integer):
    x0 = rng.integers(0, 400, k).astype(float) if integer else rng.random(k) * 400
    y0 = rng.integers(0, 400, k).astype(float) if integer else rng.random(k) * 400
    return np.column_stack([x0, x0 + rng.random(k) * width, y0, y0 + rng.random(k) * width])


def test_overlap_shifts_equal_adjusttexts_own():
    """Random label boxes (float and integer corners, identical boxes, no boxes to avoid) against up to 300
    points: the same shifts as adjustText's own, bit for bit. (Up to 2,500 points took 35 s, adjustText's
    pair test being quadratic, and caught no bug of :func:`_pairs_in` that 300 points miss: a wrong key
    width, pairs returned in another order, an empty operand; checked by breaking it on purpose.)"""
    rng = np.random.default_rng(17)
    for trial in range(150):
        n, m = int(rng.integers(1, 40)), int(rng.integers(0, 300))
        coords = _boxes(rng, n, 90, trial % 2 == 0)
        points = _boxes(rng, m, 0, trial % 3 == 0)
        points[:, 1], points[:, 3] = points[:, 0], points[:, 2]  # static points are boxes of no size
        if trial % 5 == 0:
            coords[1:] = coords[0]  # identical boxes
        for mine, theirs, args in ((L._shifts_texts, adjustText.get_shifts_texts, (coords,)),
                                   (L._shifts_extra, adjustText.get_shifts_extra, (coords, points))):
            got, want = mine(*args), theirs(*args)
            np.testing.assert_array_equal(got[0], want[0])
            np.testing.assert_array_equal(got[1], want[1])


def _scatter_png(monkeypatch, fast: bool) -> tuple[bytes, int]:
    """The PNG of 25 labels placed among 150 points, and how often the fast overlap search ran."""
    calls = []
    for name in ("_shifts_texts", "_shifts_extra"):
        own = getattr(L, name)
        monkeypatch.setattr(L, name, lambda *a, _own=own: calls.append(1) or _own(*a))
    if not fast:
        monkeypatch.setattr(L, "ADJUSTTEXT_VERSION", "not this one")
    setup_fonts()
    rng = np.random.default_rng(3)
    x, y = rng.lognormal(size=150), rng.lognormal(size=150)
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.scatter(x, y, s=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    fig.tight_layout()
    pick = np.argsort(-x * y)[:25]
    L.place_labels(ax, x[pick], y[pick], [f"词{i}\nword {i}" for i in range(25)], avoid_points=(x, y),
                   iterations=120)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60, metadata={"Software": None})
    plt.close(fig)
    monkeypatch.undo()
    return buf.getvalue(), len(calls)


def test_labels_placed_with_the_fast_search_give_the_same_bytes(monkeypatch):
    """place_labels with the fast search (which must run) and with adjustText's own give the same bytes.

    Labels start centred on points they must avoid, so ties between the two candidate shifts are common
    here and not in random boxes: this test, not the one above, fails when ``<`` becomes ``<=`` in
    :func:`_shifts_extra`. 150 points catch every bug that 1,500 did (a wrong key width in
    :func:`_pairs_in`, those ties) in a tenth of the time; checked by breaking the code on purpose."""
    (fast, calls), (own, none) = _scatter_png(monkeypatch, True), _scatter_png(monkeypatch, False)
    assert calls > 0 and none == 0, "the fast search did not run (or ran when it must not)"
    assert fast == own
    assert adjustText.get_shifts_extra is not L._shifts_extra  # restored after the placement


@pytest.mark.parametrize("text, kw", [("第一部分 总体要求", {"fontsize": 9}), ("一是", {"fontsize": 8}),
                                      ("opening", {"fontsize": 8, "weight": "bold"})])
def test_text_width_needs_no_draw(text, kw):
    setup_fonts()
    fig, ax = plt.subplots(figsize=(8, 2))
    ax.barh(0, 10)
    fig.tight_layout()
    fast = L.text_width(ax, text, **kw)
    fig.canvas.draw()
    t = ax.text(0, 0, text, **kw)
    drawn = t.get_window_extent(renderer=fig.canvas.get_renderer()).width
    t.remove()
    plt.close(fig)
    assert fast == drawn > 0


@pytest.mark.parametrize("panels", [1, 4])
def test_legend_below_measures_the_legend_as_after_a_draw(panels):
    setup_fonts()
    items = [("不显著 not significant", {"facecolor": "#cccccc"}), ("阈值 threshold", {"kind": "line", "ls": ":"})]
    fig, axes = plt.subplots(1, panels, figsize=(3 * panels, 3), squeeze=False)
    for ax in axes[0]:
        ax.barh(range(4), range(4))
    leg = L.legend_below(fig, items)
    fast = leg.get_window_extent(renderer=fig.canvas.get_renderer()).height
    fig.canvas.draw()
    assert leg.get_window_extent(renderer=fig.canvas.get_renderer()).height == fast > 0
    plt.close(fig)


@pytest.mark.parametrize("only_move", ["xy", "x", "y", "x+", "x-", "y+", "y-", "x+y-", "x-y+"])
def test_random_shifts_equal_adjusttexts_for_every_direction(only_move):
    """Stacked labels (groups sharing a centre) get adjustText's own shifts, bit for bit, whatever the
    directions allowed; labels without a twin are left where they are."""
    rng = np.random.default_rng(3)
    boxes = _boxes(rng, 12, 30, integer=True)
    coords = np.vstack([boxes, boxes[:4], boxes[:2]])  # three groups of three or two stacked boxes
    ours, theirs = L._random_shifts(coords.copy(), only_move), adjustText.random_shifts(coords.copy(), only_move)
    np.testing.assert_array_equal(ours, theirs)
    assert (ours[4:12] == coords[4:12]).all() and (ours != coords).any()
