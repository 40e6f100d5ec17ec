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


def test_label_shifts_equal_adjusttexts_own_when_boxes_touch(monkeypatch):
    """Label boxes with corners on a small grid (boxes that touch, share a start or an end, nest or are
    identical, with fractional sizes so the order of each label's sum shows): :func:`_overlapping_labels`
    (which must run) gives the same shifts as adjustText's own, bit for bit. Fails when an interval test
    is closed instead of open, the two groups of a label's pairs swap, or the boxes' sort is not
    adjustText's (by start, end, index)."""
    calls = []
    own = L._overlapping_labels
    monkeypatch.setattr(L, "_overlapping_labels", lambda *a: calls.append(1) or own(*a))
    rng = np.random.default_rng(11)
    for trial in range(300):
        n = int(rng.integers(2, 25))
        x0, y0 = rng.integers(0, 8, n).astype(float), rng.integers(0, 8, n).astype(float)
        w, h = rng.integers(0, 5, n).astype(float), rng.integers(0, 5, n).astype(float)
        coords = np.column_stack([x0, x0 + w, y0, y0 + h]) * (1 + rng.random() / 7)
        coords[: n // 4] = coords[n // 4: 2 * (n // 4)]  # identical boxes
        got, want = L._shifts_texts(coords), adjustText.get_shifts_texts(coords)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
    assert len(calls) == 300


def test_shifts_from_points_equal_adjusttexts_own_on_the_edges(monkeypatch):
    """Points that are boxes of no size take the search of :func:`_point_pairs` (which must run): the
    same shifts as adjustText's own, bit for bit, with points on every edge and corner of the boxes (a
    point on the left or bottom edge overlaps, one on the right or top edge does not), points repeated,
    and many points per box (each box's shifts summed in adjustText's order)."""
    calls = []
    own = L._point_pairs
    monkeypatch.setattr(L, "_point_pairs", lambda *a: calls.append(1) or own(*a))
    rng = np.random.default_rng(5)
    moved = 0
    for trial in range(60):
        n = int(rng.integers(1, 30))
        coords = _boxes(rng, n, 60, trial % 2 == 0)
        edges = [coords[rng.integers(0, n, 40)][:, [a, a, b, b]] for a in (0, 1) for b in (2, 3)]  # corners
        for side in range(4):  # points on each side, between its corners
            box = coords[rng.integers(0, n, 40)]
            along = box[:, 2 * (side < 2)] + rng.random(40) * (box[:, 2 * (side < 2) + 1] - box[:, 2 * (side < 2)])
            at = box[:, side]
            edges.append(np.column_stack([at, at, along, along] if side < 2 else [along, along, at, at]))
        inner = _boxes(rng, int(rng.integers(0, 400)), 0, trial % 3 == 0)[:, [0, 0, 2, 2]]
        points = np.vstack(edges + [inner, inner[:5]])
        rng.shuffle(points)
        got, want = L._shifts_extra(coords, points), adjustText.get_shifts_extra(coords, points)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
        moved += bool(np.abs(want[0]).sum() > 0)
    assert len(calls) == 60 and moved > 50


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


def _runs_png(monkeypatch, memo: bool, texts=("12", "7", "30", "4", "5", "6")) -> tuple[bytes, int]:
    """The PNG of labels that may only move sideways among walls (as over the runs of 要), which settle
    into a fixed point or a cycle long before the last iteration; and how many steps were looked up."""
    hits = []
    if memo:
        own = L._MemoIterate.__call__

        def spy(self, *a, **k):
            out = own(self, *a, **k)
            hits.append(self.hits)
            return out
        monkeypatch.setattr(L._MemoIterate, "__call__", spy)
    else:  # every step computed by adjustText's own iterate
        monkeypatch.setattr(L._MemoIterate, "__call__", lambda self, *a, **k: self.iterate(*a, **k))
    setup_fonts()
    fig, ax = plt.subplots(figsize=(6, 2))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 2)
    mids = [10, 11, 12, 50, 51, 90][:len(texts)]
    L.place_labels(ax, mids, [1.12] * len(mids), list(texts), fontsize=8, only_move="x", arrows=False,
                   avoid_points=([0, 11, 50, 100], [1.12] * 4))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60, metadata={"Software": None})
    plt.close(fig)
    monkeypatch.undo()
    return buf.getvalue(), (hits[-1] if hits else 0)


def test_steps_looked_up_give_the_same_bytes(monkeypatch):
    """A placement that settles (most of its 400 steps looked up, not computed) gives the same bytes as
    every step computed, and adjustText's own ``iterate`` is back afterwards."""
    (memo, hits), (own, _) = _runs_png(monkeypatch, True), _runs_png(monkeypatch, False)
    assert hits > 300, hits
    assert memo == own
    assert not isinstance(adjustText.iterate, L._MemoIterate)


def test_a_step_that_warns_is_computed_every_time(monkeypatch, caplog):
    """A label wider than the axes makes adjustText warn at every step (a log message and a
    DeprecationWarning): both are issued as often with the look-ups as without, also when adjustText's
    logger is silenced (the DeprecationWarning still comes), and the bytes are the same."""
    import logging
    import warnings

    wide = ("一个比整个坐标轴还要宽得多的标签" * 6, "7")

    def run(memo: bool, level: str):
        caplog.clear()
        with caplog.at_level(level, logger="adjustText"), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            png, _ = _runs_png(monkeypatch, memo, wide)
        logged = [r for r in caplog.records if r.name == "adjustText"]
        return png, len(logged), len([w for w in caught if issubclass(w.category, DeprecationWarning)])

    for level in ("WARNING", "CRITICAL"):
        got, want = run(True, level), run(False, level)
        assert want[2] > 0 and (want[1] > 0) == (level == "WARNING")
        assert got == want
    assert logging.getLogger("adjustText").filters == []
