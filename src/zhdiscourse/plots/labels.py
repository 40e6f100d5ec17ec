"""Text on figures that must not collide or spill: labels of points, labels of blocks, legends of encodings.

:func:`place_labels`
    Labels next to points, moved apart by `adjustText <https://github.com/Phlya/adjustText>`_ (a
    label-placement library: labels repel each other and the points, and are pulled back towards
    their own point; a thin leader line joins a label that had to move to its point). The number of
    iterations is fixed and adjustText's random shifts use a fixed seed, so the same figure gives
    the same bytes (no time limit, which would make the result depend on the machine's speed).
:func:`fit_text`
    The longest prefix of a label (with "…") that fits a given width on the figure, measured with
    the renderer, not estimated from the number of characters.
:func:`text_width`
    A text's rendered width in display pixels.
:func:`legend_below` / :func:`legend_handles`
    A legend under the axes for encodings the data do not name themselves (pale = not significant,
    a dotted line = a threshold …), so a figure explains itself without its caption.

Call them after the figure's layout is final (``fig.tight_layout()`` first): placement works in
display coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager

import numpy as np

#: Iterations of adjustText: enough for the study's figures to settle, fixed for determinism.
ITERATIONS = 400

#: The adjustText release whose overlap search :func:`_fast_overlaps` replaces (exact copies of its
#: ``get_shifts_texts`` / ``get_shifts_extra`` but for one line); another release runs unchanged.
ADJUSTTEXT_VERSION = "1.4.0"


def _renderer(fig):
    fig.canvas.draw_idle()
    return fig.canvas.get_renderer()


def text_width(ax, text: str, **kw) -> float:
    """Width in display pixels of ``text`` drawn on ``ax`` with the text properties ``kw``.

    Measured with the figure's renderer without drawing the figure first: a text's size depends only on
    the text, its properties and the figure's dpi (a draw per call cost a whole render each time)."""
    t = ax.text(0, 0, text, **kw)
    try:
        return t.get_window_extent(renderer=ax.figure.canvas.get_renderer()).width
    finally:
        t.remove()


def fit_text(ax, text: str, width_px: float, **kw) -> str:
    """``text`` cut to the longest prefix (ending in "…") whose rendered width is at most ``width_px``;
    ``""`` when not even one character and the ellipsis fit."""
    if text_width(ax, text, **kw) <= width_px:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits, by bisection
        mid = (lo + hi + 1) // 2
        if text_width(ax, text[:mid] + "…", **kw) <= width_px:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…" if lo else ""


def _pairs_in(pairs, other):
    """Rows of the index pairs ``pairs`` that are also rows of ``other``, in their order. Same rows as
    adjustText's ``pairs[(pairs[:, None] == other).all(-1).any(-1)]``, which compares every pair with
    every other pair (len(pairs) × len(other) × 2 booleans per iteration: most of a label placement among
    a few thousand points); here each pair is one integer key and the test is a sorted look-up."""
    if len(pairs) == 0 or len(other) == 0:
        return pairs[:0]
    width = int(max(pairs[:, 1].max(), other[:, 1].max())) + 1
    return pairs[np.isin(pairs[:, 0] * width + pairs[:, 1], other[:, 0] * width + other[:, 1])]


def _overlapping_labels(coords):
    """The pairs ``(i, j)`` of adjustText 1.4.0's overlap test of the label boxes among themselves, each
    label's pairs in its order, from one n × n comparison (the labels are few): its interval search finds,
    for the label ``i``, first every ``j`` whose start lies in ``[start_i, end_i)``, then every ``j`` with
    ``start_j < start_i < end_j``, each group in the boxes' sorted order (by start, end, index), along y;
    a pair counts when it is also found along x, in either group."""
    n = coords.shape[0]
    idx = np.arange(n)

    def groups(s, e):
        first = (s[None, :] >= s[:, None]) & (s[None, :] < e[:, None]) & (idx[None, :] != idx[:, None])
        second = (s[None, :] < s[:, None]) & (s[:, None] < e[None, :])
        return first, second

    fy, sy = groups(coords[:, 2], coords[:, 3])
    fx, sx = groups(coords[:, 0], coords[:, 1])
    both = fx | sx
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort([coords[:, 3], coords[:, 2]])] = idx
    i, j = np.nonzero((fy | sy) & both)
    key = rank[j] + n * sy[i, j]
    pick = np.lexsort([key, i])
    return i[pick], j[pick]


def _summed_shifts(rows, diff_x, diff_y, n: int):
    """adjustText 1.4.0's shifts from the overlapping pairs (the tail of ``get_shifts_texts`` and
    ``get_shifts_extra``): each pair's shift along x and y is the smaller (in size) of its two edge
    differences (``diff_x``, ``diff_y``: one row of two per pair), summed per label (``rows``) in the pairs' order."""
    if len(rows) == 0:
        return np.zeros((n)), np.zeros((n))
    xshifts = np.where(np.abs(diff_x[:, 0]) < np.abs(diff_x[:, 1]), diff_x[:, 0], diff_x[:, 1])
    yshifts = np.where(np.abs(diff_y[:, 0]) < np.abs(diff_y[:, 1]), diff_y[:, 0], diff_y[:, 1])
    return np.bincount(rows, xshifts, minlength=n), np.bincount(rows, yshifts, minlength=n)


def _shifts_texts(coords):
    """adjustText 1.4.0's ``get_shifts_texts`` with :func:`_pairs_in` for the overlap test, or
    :func:`_overlapping_labels` (finite boxes, up to 200 labels)."""
    from adjustText.arrops import overlap_intervals

    n = coords.shape[0]
    if 0 < n <= 200 and np.isfinite(coords).all():
        i, j = _overlapping_labels(coords)
    else:
        xoverlaps = overlap_intervals(coords[:, 0], coords[:, 1], coords[:, 0], coords[:, 1])
        xoverlaps = xoverlaps[xoverlaps[:, 0] != xoverlaps[:, 1]]
        yoverlaps = overlap_intervals(coords[:, 2], coords[:, 3], coords[:, 2], coords[:, 3])
        yoverlaps = yoverlaps[yoverlaps[:, 0] != yoverlaps[:, 1]]
        overlaps = _pairs_in(yoverlaps, xoverlaps)
        i, j = overlaps[:, 0], overlaps[:, 1]
    diff = coords[j] - coords[i]
    return _summed_shifts(i, diff[:, :2], diff[:, 2:], n)


def _shifts_extra(coords, extra_coords):
    """adjustText 1.4.0's ``get_shifts_extra`` with :func:`_pairs_in` for the overlap test, or
    :func:`_point_pairs` when the boxes to avoid are all points."""
    from adjustText.arrops import overlap_intervals

    n = coords.shape[0]
    if n and len(extra_coords) and np.isfinite(coords).all() and np.isfinite(extra_coords).all() and \
            (extra_coords[:, 0] == extra_coords[:, 1]).all() and (extra_coords[:, 2] == extra_coords[:, 3]).all():
        rows, cols = _point_pairs(coords, extra_coords)
    else:
        xoverlaps = overlap_intervals(coords[:, 0], coords[:, 1], extra_coords[:, 0], extra_coords[:, 1])
        yoverlaps = overlap_intervals(coords[:, 2], coords[:, 3], extra_coords[:, 2], extra_coords[:, 3])
        overlaps = _pairs_in(yoverlaps, xoverlaps)
        rows, cols = overlaps[:, 0], overlaps[:, 1]
    diff_x = coords[rows, :2] - extra_coords[cols, -3::-1]
    diff_y = coords[rows, 2:] - extra_coords[cols, -1:-3:-1]
    return _summed_shifts(rows, diff_x, diff_y, n)


_POINTS: dict = {}  # the points of the last placement, sorted (see _point_pairs)


def _sorted_points(extra_coords):
    """The points' y (sorted) with their order, for :func:`_point_pairs`; kept while the same points are
    passed again (every step of one placement), recomputed when they change."""
    key = extra_coords.tobytes()
    hit = _POINTS.get("key")
    if hit is None or hit != key:
        order = np.lexsort([extra_coords[:, 3], extra_coords[:, 2]])
        _POINTS.clear()
        _POINTS.update(key=key, order=order, y=extra_coords[order, 2], x=extra_coords[order, 0])
    return _POINTS["order"], _POINTS["y"], _POINTS["x"]


def _point_pairs(coords, extra_coords):
    """The overlapping pairs ``(rows, cols)`` (label, point) of :func:`_shifts_extra` when every box to avoid
    is a point (no width, no height; all finite), as the points of a scatter are: the same pairs, each
    label's pairs in the same order (so the ``bincount`` sums add the same numbers in the same order, bit for
    bit), found with one sorted search along y and a test along x instead of adjustText's two interval
    searches and their intersection. adjustText's open intervals: a point overlaps a box with
    ``x0 <= x < x1`` and ``y0 <= y < y1`` (sorted by its y, then its index)."""
    n = coords.shape[0]
    order, ys, xs = _sorted_points(extra_coords)
    lo = np.searchsorted(ys, coords[:, 2], "left")
    hi = np.searchsorted(ys, coords[:, 3], "left")
    counts = np.maximum(hi - lo, 0)
    rows = np.repeat(np.arange(n), counts)
    ks = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)
    px = xs[ks]
    inside = (px >= coords[rows, 0]) & (px < coords[rows, 1])
    return rows[inside], order[ks[inside]]


def _random_shifts(coords, only_move="xy"):
    """adjustText 1.4.0's ``random_shifts``, line for line, except that its debug message is formatted only
    when debug logging is on (the f-string printed two numpy arrays for every group of labels with the
    same centre in every iteration: 2,334 array prints for the outline figure of the 1 MB text, although
    the message is dropped). The same shifts: the same generator, seed and draws. On the 1 MB text's
    outline figure (two placements of 400 iterations): 0.30–0.35 → 0.16–0.17 s CPU."""
    import logging

    from adjustText import logger

    mids = np.hstack(
        [
            np.mean(coords[:, :2], axis=1)[:, np.newaxis],
            np.mean(coords[:, 2:], axis=1)[:, np.newaxis],
        ]
    )
    unq, count = np.unique(mids, axis=0, return_counts=True)
    repeated_groups = unq[count > 1]
    if len(repeated_groups) == 0:
        return coords
    rng = np.random.default_rng(42)
    debug = logger.isEnabledFor(logging.DEBUG)
    for repeated_group in repeated_groups:
        repeated_idx = np.argwhere(np.all(mids == repeated_group, axis=1)).flatten()
        if debug:
            logger.debug(f"Repeating group: {repeated_group}, idx: {repeated_idx}")
        for idx in repeated_idx:
            shifts = (rng.random(2) - 0.5) * 2
            shifts[0] = _allowed_shift(shifts[0], "x", only_move)
            shifts[1] = _allowed_shift(shifts[1], "y", only_move)
            coords[idx] += np.asarray([shifts[0], shifts[0], shifts[1], shifts[1]])
    return coords


def _allowed_shift(shift, axis: str, only_move: str):
    """adjustText's rule for one axis of a random shift: none when ``only_move`` leaves the axis out, its
    size in the one direction allowed (``x+``, ``x-``), else as drawn."""
    if axis not in only_move:
        return 0
    if axis + "+" in only_move:
        return np.abs(shift)
    if axis + "-" in only_move:
        return -np.abs(shift)
    return shift


class _MemoIterate:
    """adjustText's ``iterate`` with its results remembered for one placement: one step is a function of
    the label boxes alone (the targets, the points to avoid, the forces and the axes' box are fixed for the
    placement, and the random shifts draw from a fresh generator with a fixed seed at every step), so boxes
    seen before give the same boxes and error again. A placement that settles into a fixed point or a cycle
    (labels that cannot leave a point they cover, with the error never 0) repeats the same steps until
    ``iter_lim``: those steps are looked up, not computed. ``iterate`` changes the boxes in place and returns
    the same array; so does a look-up. A step that logged a message, or would have warned that a label cannot
    fit the axes (adjustText's ``logger.warn`` also issues a DeprecationWarning, shown or not), is not
    remembered, so every message and warning is issued as often as before."""

    def __init__(self, iterate, force_into_bbox, logger):
        self.iterate, self.force_into_bbox, self.logger = iterate, force_into_bbox, logger
        self.seen, self.logged = {}, False
        self.hits = 0  # steps looked up (for tests)

    def filter(self, record) -> bool:
        self.logged = True
        return True

    def into_bbox(self, coords, bbox):
        """adjustText's ``force_into_bbox``, noting when it warns (the same two tests as its own)."""
        xmin, xmax, ymin, ymax = bbox
        if np.any((coords[:, 0] < xmin) & (coords[:, 1] > xmax)) or \
                np.any((coords[:, 2] < ymin) & (coords[:, 3] > ymax)):
            self.logged = True
        return self.force_into_bbox(coords, bbox)

    def __call__(self, coords, *args, **kwargs):
        key = (coords.shape, coords.dtype.str, coords.tobytes())
        hit = self.seen.get(key)
        if hit is not None:
            self.hits += 1
            coords[...] = hit[0]
            return coords, hit[1]
        self.logged = False
        self.logger.addFilter(self)
        try:
            out, error = self.iterate(coords, *args, **kwargs)
        finally:
            self.logger.removeFilter(self)
        if out is coords and not self.logged:
            self.seen[key] = (out.copy(), error)
        return out, error


@contextmanager
def _fast_overlaps():
    """Within the block, adjustText (release :data:`ADJUSTTEXT_VERSION` only) finds overlapping boxes with
    :func:`_shifts_texts` / :func:`_shifts_extra`, shifts stacked labels with :func:`_random_shifts` and
    looks up the steps it has taken before (:class:`_MemoIterate`):
    the same shifts, bit for bit, in a fraction of the time when the labels must avoid many points
    (``tests/plots/test_labels_fast.py``)."""
    import adjustText

    if getattr(adjustText, "__version__", None) != ADJUSTTEXT_VERSION:
        yield
        return
    saved = (adjustText.get_shifts_texts, adjustText.get_shifts_extra, adjustText.random_shifts, adjustText.iterate,
             adjustText.force_into_bbox)
    memo = _MemoIterate(saved[3], saved[4], adjustText.logger)
    (adjustText.get_shifts_texts, adjustText.get_shifts_extra, adjustText.random_shifts, adjustText.iterate,
     adjustText.force_into_bbox) = _shifts_texts, _shifts_extra, _random_shifts, memo, memo.into_bbox
    try:
        yield
    finally:
        (adjustText.get_shifts_texts, adjustText.get_shifts_extra, adjustText.random_shifts, adjustText.iterate,
         adjustText.force_into_bbox) = saved


def place_labels(ax, xs: Sequence[float], ys: Sequence[float], texts: Sequence[str],
                 colors: Sequence[str] | str = "black", *, fontsize: float = 9.0, avoid_points=None,
                 only_move: str = "xy", arrows: bool = True, iterations: int = ITERATIONS, **text_kw) -> list:
    """Write ``texts`` at the points ``(xs, ys)`` (data coordinates) and move them apart with adjustText.

    ``avoid_points`` (``(x, y)`` arrays) are other points the labels must not cover (every point of a
    scatter, not only the labelled ones). ``only_move`` restricts the movement (``"x"``, ``"y"``,
    ``"y+"`` …). Returns the Text objects. Deterministic: a fixed number of ``iterations``.
    """
    from adjustText import adjust_text

    if isinstance(colors, str):
        colors = [colors] * len(texts)
    labels = [ax.text(x, y, t, fontsize=fontsize, color=c, ha="center", va="center", **text_kw)
              for x, y, t, c in zip(xs, ys, texts, colors)]
    if not labels:
        return labels
    px, py = (avoid_points if avoid_points is not None else (xs, ys))
    kw = {"arrowprops": {"arrowstyle": "-", "color": "#888888", "lw": 0.6, "shrinkA": 1, "shrinkB": 2}} if arrows \
        else {}
    with _fast_overlaps():
        adjust_text(labels, x=list(px), y=list(py), ax=ax, iter_lim=iterations, time_lim=None,
                    only_move={"text": only_move, "static": only_move, "explode": only_move, "pull": only_move},
                    expand=(1.1, 1.35), force_text=(0.3, 0.5), force_static=(0.05, 0.1), prevent_crossings=False,
                    ensure_inside_axes=True, **kw)
    return labels


def overlapping(texts, pad: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of the ``texts`` (matplotlib Text objects) whose rendered boxes overlap (for tests and checks)."""
    if not texts:
        return []
    r = _renderer(texts[0].figure)
    boxes = [t.get_window_extent(renderer=r).expanded(1 + pad, 1 + pad) for t in texts]
    return [(texts[i].get_text(), texts[j].get_text()) for i in range(len(texts)) for j in range(i + 1, len(texts))
            if boxes[i].overlaps(boxes[j])]


def legend_handles(items: Sequence[tuple[str, dict]]) -> list:
    """Legend handles from ``(label, style)`` pairs: a style with ``kind="patch"`` (default) is a
    filled box (``facecolor``, ``alpha``, ``hatch``, ``edgecolor``), ``kind="line"`` a line
    (``color``, ``ls``, ``lw``, ``marker``)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    out = []
    for label, style in items:
        style = dict(style)
        kind = style.pop("kind", "patch")
        if kind == "line":
            out.append(Line2D([0], [0], label=label, **style))
        else:
            out.append(Patch(label=label, **style))
    return out


def legend_below(fig, items: Sequence[tuple[str, dict]], *, ncol: int | None = None, fontsize: float = 8.0):
    """A legend of ``items`` (see :func:`legend_handles`) centred under the figure's axes; the figure
    is laid out again so the legend fits."""
    handles = legend_handles(items)
    fig.tight_layout()
    leg = fig.legend(handles=handles, loc="lower center", ncol=ncol or min(len(handles), 3), fontsize=fontsize,
                     frameon=False, bbox_to_anchor=(0.5, 0.0))
    # the legend's height depends on its texts and the dpi only: measured without drawing the figure
    h = leg.get_window_extent(renderer=fig.canvas.get_renderer()).height / (fig.dpi * fig.get_size_inches()[1])
    fig.tight_layout(rect=(0, h + 0.01, 1, 1))
    return leg
