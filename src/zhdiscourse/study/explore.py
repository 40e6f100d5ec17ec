"""Interactive exploration for the classroom: a term's KWIC lines and dispersion, or two parts' contrast.

Two plain functions do the work and are what the tests call (no browser, no widgets):

* :func:`explore_term` – ``(kwic table, dispersion figure)`` of a term (substring of the raw text or a
  regular expression; :func:`zhdiscourse.stats.concordance.kwic` and :func:`~zhdiscourse.stats.concordance.dispersion`,
  drawn by :func:`zhdiscourse.plots.words.dispersion_plot`). The table gets a ``per_1k`` summary per
  part in ``df.attrs["per_part"]``: matches per 1,000 non-whitespace characters of each part.
* :func:`explore_contrast` – ``(contrast table, scatter figure)`` of two parts
  (:func:`zhdiscourse.stats.comparison.contrast`, :func:`zhdiscourse.plots.stats.contrast_scatter`).

:func:`explorer` wraps them in a small ipywidgets UI (a text box and a button for the term, two
drop-downs and a button for the parts). When ipywidgets cannot be imported, or with
``widgets=False``, it degrades to a plain function call: it prints how to call the two functions and
the KWIC table of a default term, and returns that table.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ..errors import ZhDiscourseError
from ..plots.base import project_style
from ..plots.stats import contrast_scatter
from ..plots.words import dispersion_plot
from ..stats.comparison import contrast
from ..stats.concordance import dispersion, kwic
from ..stats.frequency import frequencies
from ..text.measure import nonspace_chars
from ..text.model import Speech
from ..tokenize.table import tokens

KWIC_COLUMNS = ["left", "keyword", "right", "section", "subsection", "start", "end"]


def _close(fig) -> None:
    """Detach a pyplot-made figure from pyplot (so a notebook does not show it twice); keep it usable."""
    import matplotlib.pyplot as plt

    number = getattr(fig, "number", None)
    if number is not None and number in plt.get_fignums():
        plt.close(fig)


def per_part_rates(speech: Speech, matches: pd.DataFrame) -> pd.DataFrame:
    """Matches per part: ``part, title, chars, count, per_1k`` (per 1,000 non-whitespace characters)."""
    rows = []
    for sec in speech.sections:
        chars = nonspace_chars(speech.text, sec.start, sec.end)
        n = int(((matches["start"] >= sec.start) & (matches["start"] < sec.end)).sum()) if len(matches) else 0
        rows.append({"part": sec.number, "title": sec.title, "chars": chars, "count": n,
                     "per_1k": round(1000 * n / chars, 3) if chars else 0.0})
    return pd.DataFrame(rows, columns=["part", "title", "chars", "count", "per_1k"])


def explore_term(speech: Speech, term: str, *, window: int = 8, regex: bool = False, table=None):
    """KWIC lines of ``term`` and a dispersion plot of it along the text: ``(DataFrame, Figure)``.

    The DataFrame has the columns of :data:`KWIC_COLUMNS` (``speech.text[start:end] == keyword``);
    ``df.attrs["per_part"]`` holds :func:`per_part_rates`. An empty or invalid term raises
    :class:`ZhDiscourseError`; a term that does not occur gives an empty table and an empty plot.
    """
    term = (term or "").strip()
    if not term:
        raise ZhDiscourseError("type a term (a word or phrase of the text)")
    if regex:
        try:
            re.compile(term)
        except re.error as exc:
            raise ZhDiscourseError(f"not a valid regular expression: {term!r} ({exc})") from None
    df = kwic(speech, term, window=window, regex=regex, table=table)
    df = df[[c for c in KWIC_COLUMNS if c in df.columns]].reset_index(drop=True)
    disp = dispersion(speech, term, regex=regex, table=table)
    df.attrs["per_part"] = per_part_rates(speech, df)
    df.attrs["term"] = term
    title = f"{term}: {len(df)} occurrence" + ("" if len(df) == 1 else "s")
    with project_style():  # in a kernel this also makes the pyplot-free figure display inline
        fig = dispersion_plot(disp, terms=[term], title=title, figsize=(8, 1.8))
    _close(fig)
    return df, fig


def explore_contrast(speech: Speech, a: str, b: str, *, min_freq: int = 3, top: int = 15, table=None):
    """Contrast of part ``a`` against part ``b`` (part numbers such as 一, 三): ``(DataFrame, Figure)``."""
    parts = [s.number for s in speech.sections]
    if len(parts) < 2:
        raise ZhDiscourseError("a contrast needs two parts; this text has " + (str(len(parts)) if parts else "none"))
    for x in (a, b):
        if x not in parts:
            raise ZhDiscourseError(f"no part {x!r}; the parts are {', '.join(parts)}")
    if a == b:
        raise ZhDiscourseError("pick two different parts")
    tok = tokens(speech) if table is None else table
    df = contrast(tok, a, b, by="section", speech=speech, min_freq=min_freq, top=top)
    if df.empty:
        raise ZhDiscourseError(f"parts {a} and {b} have no word with at least {min_freq} occurrences")
    with project_style():
        fig = contrast_scatter(df, title=f"Part {a} (y) against part {b} (x)")
    _close(fig)
    return df, fig


def default_term(speech: Speech, table=None) -> str:
    """The most frequent content word of two characters or more (the explorer's first term)."""
    fr = frequencies(tokens(speech) if table is None else table, drop_stopwords=True, drop_num=True)
    words = [t for t in fr["token"] if len(t) >= 2]
    if not words:
        raise ZhDiscourseError("the text has no content word to explore")
    return words[0]


def _fallback_tables(df: pd.DataFrame, max_rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The KWIC lines (first ``max_rows``, offsets dropped) and the per-part counts of a term, empty
    cells where a value is missing (the opening has no part, a part no sub-point)."""
    kwic_view = df.head(max_rows).drop(columns=["start", "end"]).astype(object).where(lambda x: x.notna(), "")
    per = df.attrs["per_part"]
    return kwic_view, per.astype(object).where(per.notna(), "")


def _print_fallback(speech: Speech, term: str, reason: str, *, max_rows: int = 15) -> pd.DataFrame:
    df, _fig = explore_term(speech, term)
    parts = [s.number for s in speech.sections]
    print(f"Interactive widgets are not available ({reason}). Call the functions directly instead:")
    print(f"    df, fig = explore_term(speech, {term!r})        # KWIC lines + dispersion plot")
    if len(parts) >= 2:
        print(f"    df, fig = explore_contrast(speech, {parts[0]!r}, {parts[-1]!r})   # two parts compared")
    print()
    print(f"KWIC of {term!r}: {len(df)} lines" + (f" (first {max_rows})" if len(df) > max_rows else ""))
    kwic_view, per = _fallback_tables(df, max_rows)
    # columns aligned by display width (a Chinese character takes two columns), no "NaN" for gaps
    with pd.option_context("display.max_colwidth", 30, "display.width", 160, "display.unicode.east_asian_width", True):
        print(kwic_view.to_string(index=False))
        if len(per):
            print()
            print("Per part (per_1k = matches per 1,000 characters):")
            print(per.to_string(index=False))
    return df


def static_html(df: pd.DataFrame, *, max_rows: int = 15) -> str:
    """What the explorer showed for a term, as HTML for a page without a kernel: the per-part counts
    and the first KWIC lines (the widget's own view needs a running notebook)."""
    term = df.attrs.get("term", "")
    kwic_view, per = _fallback_tables(df, max_rows)
    parts = ["<p><b>The explorer needs a running notebook</b> (JupyterLab): on a static page its controls "
             f"cannot work. This is what it showed for <b>{html.escape(str(term))}</b>: {len(df)} KWIC lines.</p>"]
    if len(per):
        parts.append("<p>Per part (per_1k = matches per 1,000 characters):</p>" + per.to_html(index=False))
    parts.append(f"<p>KWIC lines{f' (first {max_rows})' if len(df) > max_rows else ''}:</p>"
                 + kwic_view.to_html(index=False))
    return "\n".join(parts)


def _explorer_box(W):
    """A ``VBox`` whose display also carries a static HTML view (:func:`static_html` of the last
    term): JupyterLab shows the live widget, a page without a kernel (the static site, a notebook
    whose widget state was not saved) shows the tables instead of the widget's ``repr``."""

    class Explorer(W.VBox):
        def _repr_mimebundle_(self, **kwargs):
            data = super()._repr_mimebundle_(**kwargs) or {}
            view = getattr(self, "static_html", "")
            if view:
                data["text/html"] = view
                data["text/plain"] = "(the explorer: an interactive widget; run the notebook to use it)"
            return data

    return Explorer


def explorer(speech: Speech, *, widgets: bool = True, term: str | None = None):
    """An ipywidgets explorer of ``speech``; returns the widget box.

    Falls back to a plain function call (printed instructions and the KWIC table of ``term`` or of
    :func:`default_term`, which is returned) when ``widgets=False`` or ipywidgets is missing.
    The returned box keeps the last results in ``.last_term`` and ``.last_contrast`` (tuples of
    table and figure), and its buttons in ``.term_button`` / ``.contrast_button``.
    """
    term = term or default_term(speech)
    if not widgets:
        return _print_fallback(speech, term, "widgets=False")
    try:
        import ipywidgets as W
    except ImportError:
        return _print_fallback(speech, term, "ipywidgets is not installed")
    from IPython.display import display

    parts = [s.number for s in speech.sections]
    box_term = W.Text(value=term, description="term")
    use_regex = W.Checkbox(value=False, description="regex")
    term_button = W.Button(description="KWIC + dispersion")
    out_term = W.Output()
    drop_a = W.Dropdown(options=parts, value=parts[0] if parts else None, description="part A")
    drop_b = W.Dropdown(options=parts, value=parts[-1] if parts else None, description="part B")
    contrast_button = W.Button(description="contrast", disabled=len(parts) < 2)
    out_contrast = W.Output()
    ui = _explorer_box(W)([W.HBox([box_term, use_regex, term_button]), out_term,
                           W.HBox([drop_a, drop_b, contrast_button]), out_contrast])
    ui.last_term = ui.last_contrast = None
    ui.static_html = ""
    ui.term_button, ui.contrast_button, ui.term_box, ui.part_a, ui.part_b = (
        term_button, contrast_button, box_term, drop_a, drop_b)

    def show_term(_=None):
        out_term.clear_output()
        with out_term:
            try:
                df, fig = explore_term(speech, box_term.value, regex=use_regex.value)
            except ZhDiscourseError as exc:
                print(exc)
                return
            ui.last_term = (df, fig)
            ui.static_html = static_html(df)
            display(fig)
            display(df.attrs["per_part"])
            display(df.drop(columns=["start", "end"]).head(50))

    def show_contrast(_=None):
        out_contrast.clear_output()
        with out_contrast:
            try:
                df, fig = explore_contrast(speech, drop_a.value, drop_b.value)
            except ZhDiscourseError as exc:
                print(exc)
                return
            ui.last_contrast = (df, fig)
            display(fig)
            display(df.head(30))

    term_button.on_click(show_term)
    contrast_button.on_click(show_contrast)
    show_term()
    return ui
