"""Figures of the token area: a frequency bar chart, a word cloud and a dispersion plot.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global figure
state; save it with :func:`zhdiscourse.plots.save_figure`). Chinese text needs a CJK font: pass
``font_path`` (e.g. :func:`zhdiscourse.plots.font_path`) or set the rcParams beforehand
(:func:`zhdiscourse.plots.setup_fonts`).

* :func:`frequency_bar` – horizontal bars of the top tokens of a frequency list
  (:func:`zhdiscourse.stats.frequency.frequencies`), most frequent at the top.
* :func:`word_cloud` – ``WordCloud.generate_from_frequencies`` on given counts, so no regular
  expression of wordcloud's drops one-character tokens (要) and no second segmentation happens;
  ``random_state`` is fixed, so the same counts give the same image.
* :func:`dispersion_plot` – one row per term, a tick at each occurrence along the body (relative
  position 0 … 1), with the part boundaries as vertical lines labelled by part number
  (:func:`zhdiscourse.stats.concordance.dispersion`).
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from ..errors import ZhDiscourseError


def _font(font_path: str | Path | None) -> FontProperties | None:
    if font_path is None:
        return None
    p = Path(font_path)
    if not p.is_file():
        raise ZhDiscourseError(f"font file not found: {font_path}")
    return FontProperties(fname=str(p))


def _counts(freqs) -> dict[str, float]:
    if isinstance(freqs, pd.DataFrame):
        if not {"token", "count"} <= set(freqs.columns):
            raise ZhDiscourseError("expected a frequency list with token and count columns")
        out: dict[str, float] = {}
        for t, c in zip(freqs["token"], freqs["count"]):
            out[str(t)] = out.get(str(t), 0) + float(c)
        return out
    if isinstance(freqs, Mapping):
        return {str(k): float(v) for k, v in freqs.items()}
    raise ZhDiscourseError("expected a frequency DataFrame or a mapping token -> count")


def frequency_bar(freqs, *, top: int = 20, title: str | None = None, font_path: str | Path | None = None,
                  color: str = "#0072B2", figsize: tuple[float, float] = (6, 6)) -> Figure:
    """Bar chart of the ``top`` most frequent tokens of ``freqs`` (a frequency list or mapping)."""
    counts = _counts(freqs)
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    fp = _font(font_path)
    fig = Figure(figsize=figsize)
    ax = fig.add_subplot()
    if not items:
        ax.text(0.5, 0.5, "(no tokens)", ha="center", va="center", transform=ax.transAxes)
        return fig
    labels = [k for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    y = np.arange(len(items))
    ax.barh(y, values, color=color)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontproperties=fp)
    ax.set_xlabel("count")
    if title:
        ax.set_title(title, fontproperties=fp)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


_FACES_KEPT = 8


@contextmanager
def _fonts_opened_once() -> Iterator[None]:
    """While a word cloud is laid out and drawn: ``ImageFont.truetype`` as the ``wordcloud`` module calls it
    reuses the :data:`_FACES_KEPT` most recently opened (font, size) faces. wordcloud opens the font file
    anew for every word it tries at every size (about 400 times per cloud), and FreeType parsing the 8 MB
    CJK font was most of a cloud's time. It tries sizes in falling order (layout, then drawing), so a few
    recent faces serve nearly every call; keeping every face instead held ~230 MB until the cloud was done.
    A Pillow font object is not changed by measuring or drawing text with it, so the cloud is the same,
    pixel for pixel (``tests/plots/test_wordcloud.py``). The faces are let go on leaving."""
    import wordcloud.wordcloud as wc_module
    from PIL import ImageFont

    @functools.lru_cache(maxsize=_FACES_KEPT)
    def opened(font, size, args, kwargs):
        return ImageFont.truetype(font, size, *args, **dict(kwargs))

    class _ImageFont:
        def __getattr__(self, name):
            return getattr(ImageFont, name)

        @staticmethod
        def truetype(font=None, size=10, *args, **kwargs):
            key = (font, size, args, tuple(sorted(kwargs.items())))
            try:
                hash(key)
            except TypeError:  # an unhashable argument (a bytes buffer, …): open it as asked
                return ImageFont.truetype(font, size, *args, **kwargs)
            return opened(*key)

    original = wc_module.ImageFont
    wc_module.ImageFont = _ImageFont()
    try:
        yield
    finally:
        wc_module.ImageFont = original
        opened.cache_clear()


def word_cloud(freqs, font_path: str | Path, *, width: int = 800, height: int = 500, max_words: int = 150,
               random_state: int = 0, background_color: str = "white", colormap: str = "viridis",
               title: str | None = None) -> Figure:
    """Word cloud of ``freqs`` (a frequency list or mapping) drawn with the font at ``font_path``."""
    from wordcloud import WordCloud

    counts = {k: v for k, v in _counts(freqs).items() if v > 0 and k.strip()}
    if not counts:
        raise ZhDiscourseError("no words to draw")
    fp = _font(font_path)
    wc = WordCloud(font_path=str(font_path), width=width, height=height, max_words=max_words,
                   random_state=random_state, background_color=background_color, colormap=colormap,
                   prefer_horizontal=1.0, collocations=False)
    with _fonts_opened_once():
        wc.generate_from_frequencies(counts)
        image = wc.to_array()
    fig = Figure(figsize=(width / 100, height / 100))
    ax = fig.add_axes((0, 0, 1, 1) if not title else (0, 0, 1, 0.92))
    ax.imshow(image, interpolation="nearest")
    ax.set_axis_off()
    if title:
        fig.suptitle(title, fontproperties=fp)
    return fig


def dispersion_plot(disp: pd.DataFrame, *, terms: list[str] | None = None, boundaries=None,
                    font_path: str | Path | None = None, title: str | None = None,
                    figsize: tuple[float, float] | None = None) -> Figure:
    """Dispersion plot from :func:`zhdiscourse.stats.concordance.dispersion`: occurrences along the body,
    part boundaries (``boundaries`` or ``disp.attrs["boundaries"]``) as labelled vertical lines."""
    if not {"term", "position"} <= set(disp.columns):
        raise ZhDiscourseError("expected a dispersion table with term and position columns")
    terms = list(terms or disp.attrs.get("terms") or pd.unique(disp["term"]))
    if boundaries is None:
        boundaries = disp.attrs.get("boundaries", [])
    if isinstance(boundaries, pd.DataFrame):
        boundaries = boundaries.to_dict("records")
    fp = _font(font_path)
    fig = Figure(figsize=figsize or (9, 0.5 * max(len(terms), 1) + 1.2))
    ax = fig.add_subplot()
    k = len(terms)
    for i, term in enumerate(terms):
        row = k - 1 - i  # first term at the top
        pos = disp.loc[disp["term"] == term, "position"].to_numpy()
        ax.vlines(pos, row - 0.35, row + 0.35, color="#0072B2", linewidth=1)
    for b in boundaries:
        ax.axvline(b["position_start"], color="#999999", linestyle="--", linewidth=0.8)
        ax.text(b["position_start"], k - 0.45, f" {b['section']}", va="bottom", ha="left",
                fontproperties=fp, fontsize=9, color="#555555")
    ax.set_yticks(range(k))
    ax.set_yticklabels([f"{t} ({int((disp['term'] == t).sum())})" for t in terms][::-1], fontproperties=fp)
    ax.set_ylim(-0.6, k + 0.1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the text (share of the body)")
    if title:
        ax.set_title(title, fontproperties=fp)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
