"""A complete report for any Chinese speech or policy text: tables, figures and one HTML page.

:func:`build_report` runs every analysis of the project on one text and writes into ``out_dir``::

    report.html          one self-contained page: figures embedded as base64 ``data:`` URIs, tables
                         inlined, CSS inline; no network, opens offline by double-click
    summary.json         the text's sizes, the unit of analysis and every step (run / skipped + reason)
    tables/NAME.csv      every table in full (UTF-8 with BOM, so spreadsheet programs show Chinese)
    tables/NAME.json     the same tables as JSON records (not the token and sentence tables, nor any
                         table of more than :data:`MAX_JSON_ROWS` rows: CSV only)
    tables/structure.json, tables/patterns.json
                         the structure (metadata, parts, sub-points) and the patterns in the schema of
                         ``zhdiscourse patterns --json``
    figures/NAME.png     every figure (project font, deterministic PNG) and ``figures.json``

Steps, in order (each reuses the analysis functions and plot functions of the project)

    ``structure``    :func:`~zhdiscourse.text.outline.outline_table`, sentence lengths;
    ``tokens``       token table, frequency list (overall and per part), n-grams, collocations, word
                     cloud, dispersion of the most frequent content words;
    ``collocates``   the collocates of the most frequent content word (MI, T-score, G², log-Dice), its
                     concordance sorted by the word after it (both tables sortable in the page), and its
                     collocation network;
    ``tfidf``        top TF-IDF terms per unit; ``similarity`` cosine similarity of the units;
    ``keyness``      each part against the rest (G², log ratio); ``contrast`` first vs last part;
    ``topics``       NMF topics of sub-points (or sentence windows), topic share per part;
    ``lexicons``     war and struggle vocabulary and stance words per part (``lexicon/*.txt``);
    ``diversity``    type-token ratio on equal samples, MATTR, sentence and clause length per part;
    ``directives``   directive markers and modal 要 per part; ``yao_runs`` runs of 要-initial sentences;
    ``frames``, ``parallelism``, ``enumerations``; ``reporting_frames``, ``directive_voice`` (reported
                     against enacted directives), ``addressees`` and ``subjects`` (agency), with a
                     figure each for the last three.

Every table of the page can be sorted by clicking a column header (inline JavaScript of
:mod:`zhdiscourse.report.sortable`, nothing from the network).

Unit of analysis
    With at least two parts (top-level headings) the units are the parts. A text without parts
    (or with a single one) is analysed **by sentences**: TF-IDF per sentence (sentence windows of
    ``window`` sentences when the text has more than :data:`MAX_SENTENCE_DOCS` sentences),
    topics of sentence windows, directive densities over the whole text; the report says so at the
    top. A step that cannot run on a text (keyness and the two-part contrast need two parts, a topic
    model needs at least ``k`` documents with shared words, …) is recorded as *skipped* with the
    reason and the report goes on. An unexpected error inside a step is recorded as *failed* (with
    ``strict=True`` it is raised instead).

Determinism
    Same text and options → same files: figures through :func:`zhdiscourse.plots.save_figure`
    (fixed seeds, no timestamps); the HTML and JSON contain no times and no machine paths (step
    timings are only in :class:`ReportResult`).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..errors import ZhDiscourseError
from ..patterns import directive_profile, yao_sentences
from ..patterns.export import member_rows
from ..patterns.spans import shared_run
from ..patterns.registry import Detector, detectors
from ..plots import structure as splot
from ..patterns.addressees import addressee_table
from ..patterns.agency import agency_table
from ..patterns.reporting import voice_table
from ..plots import discourse as dplot
from ..plots.base import clear_manifest, font_path, project_style, save_figure
from ..plots.network import collocation_network
from ..plots.patterns import plot_directive_density, plot_yao_runs
from ..plots.stats import contrast_scatter, keyness_bars, similarity_heatmap, topic_share_bars
from ..plots.terms import term_bars
from ..plots.words import dispersion_plot, frequency_bar, word_cloud
from ..stats.collocation import collocations
from ..stats.concordance import kwic
from ..stats.contexts import context_words, sort_kwic
from ..stats.lexdiv import diversity
from ..stats.lexica import lexicon_matches, lexicon_rates
from ..stats.window_collocates import collocates, collocation_edges
from ..stats.comparison import contrast
from ..stats.cosine import similarity
from ..stats.frequency import frequencies, ngrams
from ..stats.keywords import keyness, top_keywords
from ..stats.spread import token_dispersion
from ..stats.topics import doc_topics, fit_topics, topic_shares, topic_terms
from ..stats.weighting import tfidf, top_terms
from ..text.measure import nonspace_chars
from ..text.model import Speech, choose_unit
from ..text.outline import outline_table
from ..text.structure import load_speech
from .html import render_html
from ..tokenize.units import documents
from ..util.jsondata import jsonable
from ..util.parallel import one_worker_pool
from ..tokenize.segment import release_segmenters
from ..tokenize.table import tokens

#: Above this many sentences, a text without parts gets TF-IDF over sentence windows, not sentences.
MAX_SENTENCE_DOCS = 3000
#: Tables longer than this are written as CSV only (the JSON of a 160k-row keyness table is 60 MB).
MAX_JSON_ROWS = 50_000
#: Resolution of the report's PNG figures (screen reading; the notebooks' figures use 150 dpi).
FIGURE_DPI = 100
#: Figures with one panel per part show at most this many parts (the tables have all of them).
MAX_PANELS = 8
#: Above this many sentence windows, document similarity is skipped (the heat map would be unreadable).
MAX_SIMILARITY_DOCS = 60

#: The steps on tokens, in order.
TOKEN_STEPS = ("structure", "tokens", "collocates", "tfidf", "similarity", "keyness", "contrast", "topics", "lexicons",
               "diversity")
#: Rows of a sortable concordance shown in the page (the CSV has every line).
MAX_KWIC_ROWS = 300


def pattern_steps() -> tuple[str, ...]:
    """The pattern steps: the directive profile (densities per part, with its figure), then one step per
    registered detector (:data:`zhdiscourse.patterns.registry.REGISTRY`), in registry order."""
    return ("directive_profile",) + tuple(d.name for d in detectors())


def step_names() -> tuple[str, ...]:
    """Every step of a report, in order (a newly registered detector gets its own step)."""
    return TOKEN_STEPS + pattern_steps()


#: The steps of a report with the detectors registered when this module was imported.
STEP_NAMES = step_names()



class _Skip(Exception):
    """Raised inside a step: the step cannot run on this text (the message says why)."""


@dataclass
class Step:
    """One analysis step: ``status`` is ``"run"``, ``"skipped"`` or ``"failed"``; ``reason`` explains
    a skip or failure; ``tables`` and ``figures`` are the names written; ``seconds`` its wall time."""

    name: str
    status: str = "run"
    reason: str = ""
    tables: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of the process that ran the step (the worker's, for the steps it ran)

    def to_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "reason": self.reason, "tables": self.tables,
                "figures": self.figures}


@dataclass
class ReportResult:
    """What :func:`build_report` wrote: the folder, the HTML page, every table and figure file, the steps."""

    out_dir: Path
    html: Path
    summary: Path
    tables: dict[str, Path]
    figures: dict[str, Path]
    steps: list[Step]
    unit: str  # "section" (parts) or "sentence"
    unit_note: str
    seconds: float = 0.0
    #: files of a previous report in ``out_dir`` that were removed first (see :func:`build_report`)
    removed: list[Path] = field(default_factory=list)

    @property
    def steps_run(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "run"]

    @property
    def steps_skipped(self) -> list[tuple[str, str]]:
        return [(s.name, s.reason) for s in self.steps if s.status == "skipped"]

    @property
    def steps_failed(self) -> list[tuple[str, str]]:
        return [(s.name, s.reason) for s in self.steps if s.status == "failed"]


# ---------------------------------------------------------------------------------------------- helpers

def _speech_from(obj) -> Speech:
    if isinstance(obj, Speech):
        return obj
    if isinstance(obj, (str, os.PathLike)):
        p = Path(obj)
        if not p.exists():
            raise ZhDiscourseError(f"no such file: {obj}")
        if p.is_dir() or p.suffix.lower() == ".jsonl":
            raise ZhDiscourseError(f"{obj} is a corpus ({'folder' if p.is_dir() else 'JSONL'}); a report is made "
                                   "of one text file")
        return load_speech(p)
    raise ZhDiscourseError(f"cannot make a report of a {type(obj).__name__}; give a path or a Speech")


REPORT_FILES = ("report.html", "summary.json")
REPORT_FOLDERS = ("tables", "figures")


def _clear_previous_report(out: Path) -> list[Path]:
    """Make ``out`` ready for a fresh report: a new or empty folder is used as it is; a folder that holds
    a previous report (its ``summary.json``) loses every file that report wrote — ``report.html``,
    ``summary.json`` and everything in ``tables/`` and ``figures/`` — so no table of the previous text
    stays beside the new ones; any other non-empty folder is refused (nothing of the user's is deleted).
    Returns the removed files."""
    if out.exists() and not out.is_dir():
        raise ZhDiscourseError(f"{out}: exists and is not a folder; choose a new or empty folder for the report")
    if not out.exists():
        return []
    entries = [p for p in out.iterdir()]
    stray = [p for p in entries if not (p.name in REPORT_FILES or (p.name in REPORT_FOLDERS and p.is_dir()))]
    previous = (out / "summary.json").is_file()
    if not previous:
        if stray or any(any(p.iterdir()) for p in entries if p.is_dir()):
            raise ZhDiscourseError(f"{out}: the folder is not empty and holds no earlier report; choose a new or "
                                   "empty folder for the report")
        return []
    if stray:
        raise ZhDiscourseError(f"{out}: holds an earlier report and other files ({stray[0].name} …); choose a new "
                               "or empty folder for the report")
    removed = []
    for name in REPORT_FOLDERS:
        folder = out / name
        if folder.is_dir():
            for p in sorted(folder.rglob("*"), reverse=True):
                if p.is_file() or p.is_symlink():
                    p.unlink()
                    removed.append(p)
                elif p.is_dir():
                    p.rmdir()
    for name in REPORT_FILES:
        p = out / name
        if p.is_file():
            p.unlink()
            removed.append(p)
    return removed


#: Token steps that run in the worker process before the pattern steps (``jobs`` ≥ 2). Chosen by
#: measurement on the 1 MB text (bench/README.md): with keyness (``scipy.stats``, imported before the fork)
#: in the worker, the two processes take about the same CPU time after the fork (`bench_report.py`, load 7:
#: the main process's steps 11.0 s, the worker 10.7–10.8 s; the main process 14.7 s in all, against
#: 17.4–17.7 s when it ran every token step); with the contrast too, the worker took 11.8–12.0 s against
#: the main process's 9.3 s of steps. The peak of the two processes together did not rise (bench_cli: 710–729
#: against 768–773 MB with keyness and contrast in the worker), since the main process's largest moment (the
#: word cloud of the tokens step) does not come while the worker is at its largest (its last pattern steps).
WORKER_TOKEN_STEPS: tuple[str, ...] = ("keyness",)


def worker_steps() -> tuple[str, ...]:
    """The steps run in the worker process when ``jobs`` ≥ 2: every pattern step and
    :data:`WORKER_TOKEN_STEPS`, each whole (tables, figures, records); the other token steps run in the
    main process meanwhile."""
    return tuple(n for n in TOKEN_STEPS if n in WORKER_TOKEN_STEPS) + pattern_steps()


#: Token steps the main process runs last while a worker runs (in this order; the files and the page keep
#: the step order): the steps that import scikit-learn and keep its TF-IDF matrices come after the others,
#: so that the main process is at its largest when the worker has most likely ended.
MAIN_LAST: tuple[str, ...] = ("tfidf", "similarity", "topics")


def _main_order(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in names if n not in MAIN_LAST) + tuple(n for n in MAIN_LAST if n in names)


_FORKED_BUILDER: "_Builder | None" = None  # set just before a fork, so the worker needs no pickled copy


def _lane(b: "_Builder", names: tuple[str, ...], steps, strict: bool) -> dict:
    """Run ``names`` (one lane of steps) on ``b`` and return what the main process needs of them: the
    steps, their page blocks, the files they wrote and the detectors' records (all small)."""
    done: list[Step] = []
    _run_steps(b, done, names, steps, quiet=True, strict=strict)
    ran = {st.name for st in done}
    return {"done": done, "blocks": {k: v for k, v in b.blocks.items() if k in ran},
            "outputs": {k: v for k, v in b.outputs.items() if k in ran},
            "records": {k: v for k, v in b.records.items() if k in ran}}


def _lane_forked(names: tuple[str, ...], steps, strict: bool) -> dict:
    return _lane(_FORKED_BUILDER, names, steps, strict)


def _extra(speech: Speech, name: str, by: str):
    """What a pattern step needs besides its detector: the directive profile, the sentence flags of the
    要-runs figure."""
    if name == "directive_profile":
        return directive_profile(speech, by)
    if name == "yao_runs":
        return yao_sentences(speech)
    return None


def pattern_data(speech: Speech, steps=None, *, by: str = "section", frames_file=None) -> dict:
    """The data of the pattern steps (no files, no figures): ``{step: (result, extra) or the exception it
    raised}``. The report computes them step by step (in the worker process when ``jobs`` ≥ 2)."""
    registered = {d.name: d for d in detectors()}
    out = {}
    for name in steps or pattern_steps():
        try:
            result = registered[name].run(speech, frames_file=frames_file) if name in registered else None
            out[name] = (result, _extra(speech, name, by))
        except Exception as exc:  # noqa: BLE001 — handed back to the step, which reports it
            out[name] = exc
    return out


# ---------------------------------------------------------------------------------------------- builder

class _Builder:
    def __init__(self, speech: Speech, out_dir: Path, *, k: int, top: int, window: int, cache: bool,
                 cache_dir, frames_file, strict: bool):
        self.speech = speech
        self.out = out_dir
        self.tables_dir = out_dir / "tables"
        self.fig_dir = out_dir / "figures"
        self.k, self.top, self.window = k, top, window
        self.cache, self.cache_dir, self.frames_file, self.strict = cache, cache_dir, frames_file, strict
        self.tables: dict[str, Path] = {}
        self.figures: dict[str, Path] = {}
        self.blocks: dict[str, list] = {}  # step → [("p", text) | ("table", name, df, note) | ("fig", name, caption)]
        self.tok: pd.DataFrame | None = None
        self._pattern_results: dict = {}
        self.records: dict[str, list[dict]] = {}
        #: step → the files it wrote, in order: ("tables" | "figures", key, path); rebuilds ``tables`` and
        #: ``figures`` in step order when the steps ran in two processes
        self.outputs: dict[str, list[tuple[str, str, Path]]] = {}
        self.current = ""  # the step running now
        self.n_parts = len(speech.sections)
        self.unit = choose_unit(speech, "section", ("sentence",))[0]
        body_sents = [s for s in speech.sentences if not s.is_heading]
        self.n_sentences = len(body_sents)
        if self.unit == "section":
            self.unit_note = (f"The text has {self.n_parts} parts (top-level headings); the units of analysis "
                              "are the parts.")
        else:
            what = "no parts" if self.n_parts == 0 else "only one part"
            self.unit_note = (f"The text has {what} (no sequence of top-level headings such as 一、二、 was "
                              "found), so it is analysed by sentences: TF-IDF per sentence"
                              + (f" (per window of {window} sentences, as the text has more than "
                                 f"{MAX_SENTENCE_DOCS} sentences)" if self.n_sentences > MAX_SENTENCE_DOCS else "")
                              + f", topics over windows of {window} sentences, directive densities over the "
                              "whole text. Steps that compare parts are skipped.")

    # -- output helpers
    def add(self, step: Step, *block) -> None:
        self.blocks.setdefault(step.name, []).append(block)

    def _wrote(self, kind: str, key: str, path: Path) -> None:
        getattr(self, kind)[key] = path
        self.outputs.setdefault(self.current, []).append((kind, key, path))

    def text(self, step: Step, s: str) -> None:
        self.add(step, "p", s)

    def table(self, step: Step, name: str, df: pd.DataFrame, note: str = "", *, show: int | None = None,
              json_too: bool = True, html_cols: list[str] | None = None) -> None:
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        path = self.tables_dir / f"{name}.csv"
        df.to_csv(path, index=False, encoding="utf-8-sig")
        self._wrote("tables", name, path)
        if json_too and len(df) > MAX_JSON_ROWS:
            json_too = False
            note = f"{note} CSV only (more than {MAX_JSON_ROWS:,} rows)."
        if json_too:
            jp = self.tables_dir / f"{name}.json"
            df.to_json(jp, orient="records", force_ascii=False, indent=1)
            self._wrote("tables", f"{name}.json", jp)
        step.tables.append(name)
        view = df[html_cols] if html_cols else df
        self.add(step, "table", name, view.head(self.top if show is None else show), note, len(df))

    def json_file(self, name: str, obj) -> None:
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        jp = self.tables_dir / f"{name}.json"
        jp.write_text(json.dumps(jsonable(obj), ensure_ascii=False, indent=1), encoding="utf-8")
        self._wrote("tables", f"{name}.json", jp)

    def figure(self, step: Step, fig, name: str, caption: str) -> None:
        import matplotlib.pyplot as plt

        try:
            paths = save_figure(fig, name, self.fig_dir, formats=("png",), caption=caption, notebook="report",
                                dpi=FIGURE_DPI)
        finally:
            plt.close(fig)
        self._wrote("figures", name, paths[0])
        step.figures.append(name)
        self.add(step, "fig", name, caption)

    def tokens(self) -> pd.DataFrame:
        if self.tok is None:
            self.tok = tokens(self.speech, cache=self.cache, cache_dir=self.cache_dir)
        return self.tok

    @property
    def pattern_by(self) -> str:
        return "section" if self.unit == "section" else "text"

    def pattern(self, name: str):
        """The result of one pattern step (computed once; the pattern steps run inside one
        :func:`~zhdiscourse.patterns.spans.shared_run`, so work the detectors share is done once)."""
        if name not in self._pattern_results:
            self._pattern_results.update(pattern_data(self.speech, (name,), by=self.pattern_by,
                                                      frames_file=self.frames_file))
        res = self._pattern_results[name]
        if isinstance(res, BaseException):
            raise res
        return res

    def part_labels(self) -> list[str]:
        return [s.number for s in self.speech.sections]

    # -- steps -------------------------------------------------------------------------------------
    def step_structure(self, st: Step) -> None:
        sp = self.speech
        outline = outline_table(sp)
        md = sp.metadata
        self.json_file("structure", {
            "metadata": {k: getattr(md, k) for k in ("title", "date", "source", "published", "speaker",
                                                      "dateline", "print_reference")},
            "metadata_spans": {k: list(v) for k, v in md.spans.items()},
            "body_start": sp.body_start, "body_end": sp.body_end, "characters": len(sp.text),
            "parts": [{"number": s.number, "title": s.title, "start": s.start, "end": s.end,
                       "style": s.style,
                       "subsections": [{"label": u.label, "marker": u.marker, "title": u.title,
                                        "start": u.start, "end": u.end} for u in s.subsections]}
                      for s in sp.sections],
            "sentences": len(sp.sentences), "headings": sum(s.is_heading for s in sp.sentences),
            "clauses": len(sp.clauses), "unit": self.unit,
        })
        self.text(st, self.unit_note)
        self.table(st, "outline", outline, "One row per unit: the opening before the first part, each part, "
                   "each sub-point; chars without whitespace, sentences that start in the unit.",
                   show=max(self.top, 40))
        sents = pd.DataFrame([{"index": s.index, "start": s.start, "end": s.end, "section": s.section,
                               "subsection": s.subsection, "is_heading": s.is_heading,
                               "chars": nonspace_chars(s.text), "text": s.text} for s in sp.sentences])
        self.table(st, "sentences", sents, "Every sentence with its offsets (text[start:end] is the sentence).",
                   show=5, json_too=False)
        if self.n_parts >= 1:
            fig = splot.plot_outline(sp, outline, title="Outline: parts (top) and sub-points (bottom)")
            self.figure(st, fig, "outline", "Parts and sub-points as blocks along the text, sized by "
                        "characters and by sentences.")
        body = sents[~sents.is_heading].copy()
        if len(body):
            body["part"] = body["section"].fillna("opening" if self.n_parts else "(none)")
            if not self.n_parts:
                body["part"] = "whole text"
            fig = splot.plot_sentence_lengths(body[["part", "chars"]], title="Sentence length by part"
                                              if self.n_parts else "Sentence length (whole text)")
            self.figure(st, fig, "sentence-lengths", "Distribution of sentence lengths in characters.")

    def step_tokens(self, st: Step) -> None:
        tok = self.tokens()
        if tok.empty:
            raise _Skip("the text has no tokens")
        self.table(st, "tokens", tok, "The token table (jieba posseg with the domain dictionary), one row per "
                   "token with offsets and its place in the structure.", show=5, json_too=False)
        n_content = int((~tok.is_punct & ~tok.is_stop & ~tok.is_num).sum())
        self.text(st, f"{len(tok):,} tokens, {int((~tok.is_punct).sum()):,} words without punctuation, "
                  f"{n_content:,} content words (no stopwords, numerals, punctuation).")
        fr = frequencies(tok, drop_stopwords=True, drop_num=True)
        self.table(st, "frequencies", fr, "Content words, most frequent first (per_10k = per 10,000 counted "
                   "tokens).")
        if self.unit == "section":
            frp = frequencies(tok, by="section", drop_stopwords=True, drop_num=True, top=self.top)
            self.table(st, "frequencies_by_part", frp, f"The {self.top} most frequent content words of each part.",
                       show=self.top * 2)
        ng = ngrams(tok, drop_stopwords=True, min_count=2, top=max(self.top, 50))
        self.table(st, "ngrams", ng, "Recurring 2–4-grams inside clauses (count ≥ 2).")
        co = collocations(tok, top=max(self.top, 50))
        self.table(st, "collocations", co, "Adjacent word pairs by log-likelihood G² (count ≥ 3, attracted "
                   "pairs first).")
        if len(fr):
            self.figure(st, frequency_bar(fr, top=20, title="Most frequent content words"), "frequencies",
                        "The 20 most frequent content words.")
            counts = dict(zip(fr["token"].head(150), fr["count"].head(150)))
            self.figure(st, word_cloud(counts, font_path(), random_state=0, title="Word cloud of content words"),
                        "wordcloud", "Word cloud of the 150 most frequent content words (fixed random state).")
            terms = [t for t in fr["token"] if len(t) >= 2][:5]
            if terms:
                # whole tokens of our table (vectorised); concordance.dispersion matches substrings and
                # locates each match separately, ~2 s per 1 MB for five frequent words
                disp = token_dispersion(tok, self.speech, terms)
                self.table(st, "dispersion", disp, "Each occurrence (as a whole token) of the five most frequent "
                           "content words of two characters or more along the text.", show=10)
                self.figure(st, dispersion_plot(disp, terms=terms, title="Where the most frequent words occur"),
                            "dispersion", "Occurrences of the most frequent content words along the body; "
                            "vertical lines are part boundaries.")

    def _tfidf_unit(self) -> tuple[str, str]:
        if self.unit == "section":
            return "section", "parts"
        if self.n_sentences > MAX_SENTENCE_DOCS:
            return "window", f"windows of {self.window} sentences"
        return "sentence", "sentences"

    def step_tfidf(self, st: Step) -> None:
        by, what = self._tfidf_unit()
        tok = self.tokens()
        res = tfidf(tok, by=by, speech=self.speech, window=self.window)
        if res.matrix.shape[0] < 2:
            raise _Skip(f"TF-IDF needs at least two documents; the text has {res.matrix.shape[0]} {what}")
        self._tfidf = (by, res)
        tt = top_terms(by=by, top=10, speech=self.speech, window=self.window, result=res)
        self.text(st, f"Documents: {res.matrix.shape[0]} {what}; vocabulary {res.matrix.shape[1]:,} content words. "
                  "TF-IDF = raw count × smoothed idf ln((1+n)/(1+df))+1, rows L2-normalised.")
        self.table(st, "tfidf_top_terms", tt, "The 10 highest-weighted terms of each document.",
                   show=max(self.top, 40) if by == "section" else self.top)
        if by == "section":
            shown = list(dict.fromkeys(tt["doc"]))[:MAX_PANELS]
            fig = term_bars(tt[tt["doc"].isin(shown)], group="doc", value="tfidf", n=8,
                            title="Top TF-IDF terms per part", ncols=min(4, len(shown)))
            self.figure(st, fig, "tfidf", "The eight highest TF-IDF terms of each part"
                        + self._panel_note(res.matrix.shape[0]) + ".")

    def step_similarity(self, st: Step) -> None:
        if self.unit == "section":
            by, what = "section", "parts"
        else:
            by, what = "window", f"window(s) of {self.window} sentences"
        cached = getattr(self, "_tfidf", None)
        res = cached[1] if cached and cached[0] == by else tfidf(self.tokens(), by=by, speech=self.speech,
                                                                 window=self.window)
        n = res.matrix.shape[0]
        if n < 2:
            raise _Skip(f"similarity needs at least two documents; the text has {n} {what}")
        if n > MAX_SIMILARITY_DOCS:
            raise _Skip(f"{n} {what} are too many for a readable similarity matrix (limit {MAX_SIMILARITY_DOCS})")
        sim = similarity(by=by, speech=self.speech, window=self.window, result=res)
        self.table(st, "similarity", sim, f"Cosine similarity of the TF-IDF vectors of the {what}.")
        self.figure(st, similarity_heatmap(sim, title=f"Cosine similarity of the {what} (TF-IDF)"), "similarity",
                    f"Cosine similarity of every pair of {what}.")

    @staticmethod
    def _panel_note(n: int) -> str:
        return f" (the first {MAX_PANELS} of {n} parts; the table has all)" if n > MAX_PANELS else ""

    def _need_parts(self, what: str) -> None:
        if self.n_parts < 2:
            raise _Skip(f"{what} needs at least two parts; the text has "
                        + ("none" if self.n_parts == 0 else "one"))

    def step_keyness(self, st: Step) -> None:
        self._need_parts("keyness (each part against the rest)")
        kt = keyness(self.tokens(), by="section", speech=self.speech, window=self.window)
        self.table(st, "keyness", kt, "Every content word of every part against the rest of the text: G² "
                   "(4-cell log-likelihood), log ratio, Fisher's exact p adjusted by Benjamini–Hochberg over all "
                   "(part, word) tests; expected counts below 5 (low_expected) and words concentrated in one "
                   "passage (concentrated) are flagged.", show=5)
        top = top_keywords(kt, 10)
        self.table(st, "keywords", top, "The 10 strongest positive keywords of each part (by G²).",
                   show=max(self.top, 40),
                   html_cols=[c for c in ("doc", "term", "freq", "freq_ref", "g2", "log_ratio", "p_adj",
                                          "significant") if c in top.columns])
        nsig = int(kt["significant"].sum()) if "significant" in kt else 0
        self.text(st, f"{nsig:,} (part, word) pairs are significant at α = 0.05 after the correction.")
        shown = list(dict.fromkeys(kt["doc"]))[:MAX_PANELS]
        self.figure(st, keyness_bars(kt, n=8, docs=shown), "keyness", "Signed G² of the strongest positive and "
                    "negative keywords of each part" + self._panel_note(self.n_parts) + ".")

    def step_contrast(self, st: Step) -> None:
        self._need_parts("a two-part contrast")
        a, b = self.part_labels()[0], self.part_labels()[-1]
        ct = contrast(self.tokens(), a, b, by="section", speech=self.speech, top=15, window=self.window)
        if ct.empty:
            raise _Skip(f"parts {a} and {b} share no word with at least 3 occurrences")
        self.table(st, "contrast", ct, f"Part {a} against part {b}: rates per 1,000 content words, log ratio, "
                   "scaled F-score (+1 typical of A, −1 of B).")
        self.figure(st, contrast_scatter(ct, title=f"Part {a} (x) against part {b} (y)"), "contrast",
                    f"Scattertext-style contrast of the first part ({a}) and the last part ({b}).")

    def step_topics(self, st: Step) -> None:
        tok = self.tokens()
        by, what = "window", f"window(s) of {self.window} sentences"
        if self.unit == "section" and self.speech.subsections:
            n_sub = len(documents(tok, by="subsection", speech=self.speech))
            if n_sub >= 2 * self.k:
                by, what = "subsection", "sub-points"
        docs = documents(tok, by=by, speech=self.speech, window=self.window)
        if len(docs) < max(self.k, 2):
            raise _Skip(f"a {self.k}-topic model needs at least {max(self.k, 2)} documents; the text has "
                        f"{len(docs)} {what}")
        try:
            model = fit_topics(tok, k=self.k, by=by, speech=self.speech, window=self.window, random_state=0)
        except ValueError as exc:  # e.g. no term occurs in two documents
            raise _Skip(f"the topic model cannot be fitted on {len(docs)} {what}: {exc}") from None
        self.text(st, f"k = {self.k} topics fitted by NMF (nndsvda, random_state 0) on the TF-IDF of "
                  f"{len(docs)} {what}.")
        tt = topic_terms(model, 10)
        self.table(st, "topic_terms", tt, "The 10 top words of each topic.", show=self.k * 10)
        self.table(st, "doc_topics", doc_topics(model), "Topic weights of every document.", show=10)
        self.figure(st, term_bars(tt, group="topic", value="weight", n=8, title="Top words of each topic",
                                  group_titles={t: f"topic {t}" for t in sorted(set(tt.topic))},
                                  ncols=min(4, self.k)),
                    "topic-terms", "The eight top words of each topic.")
        if self.unit == "section":
            sh = topic_shares(model)
            if len(sh):
                self.table(st, "topic_shares", sh, "Share of each topic in each part (sums to 1 per part).",
                           show=max(self.top, 40))
                self.figure(st, topic_share_bars(sh), "topic-shares", "Share of each topic in each part.")

    def _node(self) -> str:
        """The node word of the collocates step: the most frequent content word of two characters or more."""
        fr = frequencies(self.tokens(), drop_stopwords=True, drop_num=True)
        words = [t for t in fr["token"] if len(t) >= 2] or list(fr["token"])
        if not words:
            raise _Skip("the text has no content words")
        return str(words[0])

    def step_collocates(self, st: Step) -> None:
        tok = self.tokens()
        node = self._node()
        co = collocates(tok, node, window=5)
        a = co.attrs
        self.text(st, f"Node: {node}, the most frequent content word of two characters or more ({a['node_freq']} "
                  f"occurrences as a token, {a['string_matches']} as a string). Window: 5 word tokens left and right "
                  f"within the sentence ({a['window_tokens']:,} slots in {a['corpus_size']:,} word tokens); collocates "
                  "are content words seen at least twice. E = f(collocate) · slots / N; MI = log2(O/E); T = (O − E)/√O; "
                  "G² over the window table; log-Dice = 14 + log2(2O / (f(node) + f(collocate))).")
        self.table(st, "collocates", co, f"Collocates of {node}, attracted first, by log-likelihood (G²); p_value "
                   "is uncorrected.", html_cols=["collocate", "observed", "left", "right", "expected", "collocate_freq",
                                                 "mi", "t_score", "log_likelihood", "p_value", "log_dice"])
        kw = sort_kwic(context_words(kwic(self.speech, node, window=8, table=tok), tok, 3), "1R,2R")
        self.table(st, "kwic", kw, f"Every line of {node} with three words of context on each side (1L … 3R: word "
                   "tokens, punctuation skipped), sorted by the word after it (1R, then 2R); part and sub-point of "
                   "each line.", show=MAX_KWIC_ROWS,
                   html_cols=[c for c in ("section", "subsection", "left", "keyword", "right", "3L", "2L", "1L", "1R",
                                          "2R", "3R") if c in kw.columns])
        edges = collocation_edges(tok, node, depth=2, per_node=6, window=5)
        self.table(st, "collocation_edges", edges, "Edges of the collocation network: each word's six strongest "
                   "collocates by log-Dice (depth 1: of the node; depth 2: of those collocates).")
        self.figure(st, collocation_network(edges, seed=0), "collocation-network",
                    f"Collocation network of {node} (window 5, log-Dice; spring layout, seed 0).")

    def _part_unit(self) -> str:
        return "section" if self.unit == "section" else "text"

    def step_lexicons(self, st: Step) -> None:
        tok = self.tokens()
        by = self._part_unit()
        for name, what in (("war", "War and struggle vocabulary"), ("stance", "Stance words")):
            m = lexicon_matches(tok, name)
            rates = lexicon_rates(tok, name, by, matches=m)
            self.text(st, f"{what} ({m.attrs.get('lexicon', name)}): {len(m):,} matches "
                      f"({m['term'].nunique()} different terms).")
            cats = rates[rates["term"].str.startswith("[")]
            self.table(st, f"lexicon_{name}_rates", rates, f"{what} per {'part' if by == 'section' else 'text'}: "
                       "count and rate per 1,000 word tokens, per category ([…]), whole list ([all]) and term.",
                       show=len(cats), html_cols=None)
            self.table(st, f"lexicon_{name}_matches", m, f"Every match of the {name} list (whole tokens).", show=20)
            if name == "war":
                self.figure(st, dplot.plot_lexicon_profile(rates, title=what,
                                                           unit_label="part" if by == "section" else "text"),
                            "lexicon-war", f"{what} per 1,000 word tokens, by category; dashed: the whole text.")

    def step_diversity(self, st: Step) -> None:
        by = self._part_unit()
        div = diversity(self.tokens(), by, speech=self.speech)
        self.table(st, "diversity", div, f"Per {'part' if by == 'section' else 'text'}: type-token ratio on "
                   f"{div.attrs['draws']} random samples of {div.attrs['sample']} tokens (seed 0; 95 % range of the "
                   f"draws), MATTR (window {div.attrs['window']}), word, sentence and clause length.")
        self.figure(st, dplot.plot_diversity(div, unit_label="part" if by == "section" else "text"), "diversity",
                    "Type-token ratio on equal samples, MATTR and mean sentence and clause length.")

    def step_directive_voice(self, st: Step) -> None:
        det = next(d for d in detectors() if d.name == "directive_voice")
        self.detector_step(st, det)
        voice, _extra = self.pattern("directive_voice")
        frames, _extra = self.pattern("reporting_frames")
        vt = voice_table(self.speech, self.pattern_by, voice=voice, frames=frames)
        self.table(st, "directive_voice_by_part", vt, "Directive markers per unit: reported (inside the content of a "
                   "要求 / 强调 / 指出 / 提出 / 部署 frame) and enacted (the speaker's own).", show=max(self.top, 40))
        self.figure(st, dplot.plot_voice(vt, unit_label="part" if self.pattern_by == "section" else "text"),
                    "directive-voice", "Reported and enacted directive markers per 1,000 characters.")

    def step_addressees(self, st: Step) -> None:
        det = next(d for d in detectors() if d.name == "addressees")
        self.detector_step(st, det)
        addr, _extra = self.pattern("addressees")
        at = addressee_table(addr, "section" if self.pattern_by == "section" else None)
        self.table(st, "addressees_by_part", at, "The speaker's directives (enacted; chained markers left out) by "
                   "the actor group of their addressee.", show=max(self.top, 40))
        self.figure(st, dplot.plot_addressees(at, unit_label="part" if self.pattern_by == "section" else "text"),
                    "addressees", "Share of each unit's directives by addressee group ((unstated): no addressee "
                    "in the sentence).")

    def step_subjects(self, st: Step) -> None:
        det = next(d for d in detectors() if d.name == "subjects")
        self.detector_step(st, det)
        subj, _extra = self.pattern("subjects")
        ag = agency_table(subj, "section" if self.pattern_by == "section" else None)
        self.table(st, "agency", ag, "Clauses per unit, role (reports a directive / acts / is ordered) and subject "
                   "group.", show=max(self.top, 60))
        self.figure(st, dplot.plot_agency(ag, unit_label="part" if self.pattern_by == "section" else "text"), "agency",
                    "Who reports, who acts, who is ordered: clauses by the actor group of their subject.")

    def step_directive_profile(self, st: Step) -> None:
        by = self.pattern_by
        _none, prof = self.pattern("directive_profile")
        self.text(st, "Directive markers (modal 要, 必须, 坚决, 务必, 应 …) per 1,000 non-whitespace characters, "
                  "with narrative 我们 + verb for comparison.")
        cols = [c for c in ("unit", "chars", "要", "不要", "必须", "务必", "一定", "坚决", "应", "不能", "all",
                            "all_per_1k", "我们V", "我们V_per_1k") if c in prof.columns]
        self.table(st, "directive_profile", prof, "Directive markers per " + ("part." if by == "section" else
                   "text (the text has no parts)."), html_cols=cols, show=max(self.top, 40))
        self.figure(st, plot_directive_density(prof), "directives", "Directive markers per 1,000 characters "
                    "(stacked) and narrative 我们 + verb (line) " + ("per part." if by == "section" else
                                                                    "over the whole text."))

    def detector_step(self, st: Step, det: Detector) -> None:
        """The step of one registered detector: its records (for ``patterns.json``), a summary line and
        its table (one row per record, or per member of a series); a few detectors add a figure."""
        result, extra = self.pattern(det.name)
        records = det.records(result)
        self.records[det.name] = records
        first = det.fields[0]
        counts = pd.Series([r.get(first) for r in records], dtype="object").value_counts() \
            if records and first not in ("start", "marker") else pd.Series(dtype="object")
        breakdown = (" (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")") if 1 < len(counts) <= 8 else ""
        self.text(st, f"{len(records):,} found{breakdown}.")
        self.table(st, det.name, member_rows(records, det.fields),
                   "One row per member of each instance." if det.members else "One row per occurrence.",
                   show=5 if not det.members else None)
        if det.name == "yao_runs":
            self.text(st, f"{int(extra['yao_initial'].sum()):,} sentences begin with the modal 要.")
            self.figure(st, plot_yao_runs(self.speech, extra, result), "yao-runs",
                        "要-initial sentences along the text and their runs.")

    def run_step(self, name: str, st: Step) -> None:
        method = getattr(self, f"step_{name}", None)
        if method is not None:
            method(st)
        else:
            self.detector_step(st, next(d for d in detectors() if d.name == name))

    def write_patterns_json(self) -> None:
        """``tables/patterns.json`` in the schema of ``zhdiscourse patterns --json`` (the detectors that ran)."""
        if self.records:
            self.json_file("patterns", self.records)


def _run_steps(b: _Builder, done: list[Step], names, steps, *, quiet: bool, strict: bool, bar=None) -> None:
    """Run the steps ``names`` in order (a tqdm bar on stderr unless ``quiet`` or given ``bar``); record
    skips and failures in ``done``. The pattern steps run inside one
    :func:`~zhdiscourse.patterns.spans.shared_run` (the work detectors share is done once); their results
    are dropped after the last one."""
    from contextlib import ExitStack

    from tqdm.auto import tqdm

    patterns = [n for n in names if n in set(pattern_steps()) and (steps is None or n in steps)]
    with project_style(), ExitStack() as stack:
        if bar is None:
            bar = stack.enter_context(tqdm(total=len(names), desc="report", unit="step", file=sys.stderr,
                                           disable=quiet, leave=False))
        for name in names:
            bar.set_postfix_str(name)
            if patterns and name == patterns[0]:
                run = stack.enter_context(ExitStack())
                run.enter_context(shared_run())
            st = Step(name)
            b.current = name
            t0, c0 = time.perf_counter(), time.process_time()
            if steps is not None and name not in steps:
                st.status, st.reason = "skipped", "not requested"
            else:
                try:
                    b.run_step(name, st)
                except (_Skip, ZhDiscourseError) as exc:
                    st.status, st.reason = "skipped", str(exc)
                except Exception as exc:  # noqa: BLE001 — recorded in the report, never a crash
                    if strict:
                        raise
                    st.status, st.reason = "failed", f"{type(exc).__name__}: {exc}".splitlines()[0]
            if patterns and name == patterns[-1]:
                run.close()  # the shared work and the detectors' results are no longer needed
                b._pattern_results = {}
            _release_memory()
            st.seconds, st.cpu = time.perf_counter() - t0, time.process_time() - c0
            done.append(st)
            bar.update()
            b.current = ""


def _shared_imports() -> None:
    """Import, before the fork, what both processes import anyway (matplotlib's pyplot and the Agg canvas,
    scipy.stats, adjustText, Pillow) and load the project font, so that the two processes share these
    pages instead of each holding a copy (about 100 MB of the peak on a long text)."""
    import adjustText  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401
    import scipy.stats  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.font_manager import get_font

    get_font(str(font_path()))


def _release_memory() -> None:
    """Give the heap's free memory back to the system (glibc's ``malloc_trim``) between steps, so that
    what one step freed does not stay in the process's size while the next runs (no-op elsewhere)."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None


@contextmanager
def _system_arrow_pool() -> Iterator[None]:
    """Arrow buffers (the pandas string columns) from the C library's allocator while the report is built,
    not from Arrow's default mimalloc pool, which keeps freed memory (about 20–35 MB on a long text); the
    previous pool is restored after. Only where the memory goes changes, not any value."""
    try:
        import pyarrow as pa

        previous = pa.default_memory_pool()
        pa.set_memory_pool(pa.system_memory_pool())
    except (ImportError, AttributeError, NotImplementedError):  # pragma: no cover
        yield
        return
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _shutdown(executor, lock, *, cancel: bool = False) -> None:
    """Shut the worker's pool down, once at a time: the watcher thread (:func:`_end_when_done`) and the
    main process's ``finally`` may both get here, and two ``ProcessPoolExecutor.shutdown`` calls running
    at once both close the result queue (``OSError: [Errno 9] Bad file descriptor``, seen on the 1 MB
    text). One after the other, the second finds the pool shut and returns."""
    with lock:
        executor.shutdown(wait=True, cancel_futures=cancel)


def _end_when_done(future, executor, lock) -> None:
    from concurrent.futures import wait

    wait([future])
    _shutdown(executor, lock)


def _needs_tokens(names, steps) -> bool:
    return any(n in TOKEN_STEPS and n != "structure" and (steps is None or n in steps) for n in names)


def _run_lanes(b: _Builder, steps, *, jobs: int, quiet: bool, strict: bool) -> list[Step]:
    """Run every step; with ``jobs`` ≥ 2 the steps of :func:`worker_steps` run in a worker process (forked
    once the token table is built, so it shares the table, the segmenter and the parsed text) while the
    others run here. The worker writes its tables and figures itself and hands back its steps, page
    blocks and records; everything is then put back in step order, so the files and the page are those
    of a run in one process. If the worker cannot be started or dies, its steps run here."""
    global _FORKED_BUILDER
    from tqdm.auto import tqdm

    names = step_names()
    lane = tuple(n for n in worker_steps() if n in names)
    wanted = [n for n in lane if steps is None or n in steps]
    main_names = _main_order(tuple(n for n in names if n not in lane)) if jobs >= 2 and wanted else names
    done: list[Step] = []
    with tqdm(total=len(names), desc="report", unit="step", file=sys.stderr, disable=quiet, leave=False) as bar:
        future = executor = None
        shutdown_lock = threading.Lock()
        if main_names != names:
            if _needs_tokens(names, steps):
                try:  # before the fork, so that both processes share it
                    b.tokens()
                except Exception:  # noqa: BLE001 — the steps that need it report the error
                    pass
            executor, method = one_worker_pool(spawn=True)
        if executor is not None:
            if method == "fork":
                _shared_imports()
                _FORKED_BUILDER = b
                future = executor.submit(_lane_forked, lane, steps, strict)
            else:
                future = executor.submit(_lane, b, lane, steps, strict)
        else:
            main_names = names
        if future is not None and method == "fork":
            # the worker has its own copy of the segmenters (about 70 MB); the steps left here read the token
            # table only, and anything that still asks for a segmenter gets it loaded again, the same
            release_segmenters()
        if future is not None:  # end the worker as soon as its result is in: idle, it would keep its memory
            threading.Thread(target=_end_when_done, args=(future, executor, shutdown_lock), daemon=True,
                             name="zhdiscourse-report-worker-end").start()
        try:
            _run_steps(b, done, main_names, steps, quiet=quiet, strict=strict, bar=bar)
            if future is not None:
                bar.set_postfix_str("waiting for the worker")
                try:
                    res = future.result()
                except Exception:  # noqa: BLE001 — the worker died or failed: its steps run here
                    if strict:
                        raise
                    res = None
                if res is None:
                    _run_steps(b, done, lane, steps, quiet=quiet, strict=strict, bar=bar)
                else:
                    done += res["done"]
                    b.blocks.update(res["blocks"])
                    b.outputs.update(res["outputs"])
                    b.records.update(res["records"])
                    bar.update(len(res["done"]))
        finally:
            _FORKED_BUILDER = None
            if executor is not None:
                _shutdown(executor, shutdown_lock, cancel=True)
    order = {n: i for i, n in enumerate(names)}
    done.sort(key=lambda st: order[st.name])
    if main_names != names:  # files and records in step order, as a run in one process gives them
        b.tables.clear()
        b.figures.clear()
        for st in done:
            for kind, key, path in b.outputs.get(st.name, ()):
                getattr(b, kind)[key] = path
        b.records = {st.name: b.records[st.name] for st in done if st.name in b.records}
    return done


# ---------------------------------------------------------------------------------------------- public

def build_report(path_or_speech, out_dir, *, k: int = 4, top: int = 20, window: int = 5, quiet: bool = False,
                 cache: bool = True, cache_dir=None, frames_file=None, strict: bool = False,
                 steps: tuple[str, ...] | None = None, jobs: int = 2) -> ReportResult:
    """Run every analysis on a text and write tables, figures and ``report.html`` into ``out_dir``.

    ``path_or_speech`` is a file path (any supported encoding) or a parsed
    :class:`~zhdiscourse.text.structure.Speech`. ``k`` topics, ``top`` rows per table in the HTML,
    ``window`` sentences per window (texts without parts). ``quiet`` turns the tqdm progress bar on
    stderr off. ``cache``/``cache_dir`` are passed to :func:`zhdiscourse.tokenize.table.tokens`.
    ``steps`` restricts the run to some of :func:`step_names` (the others are reported as skipped).
    ``strict`` re-raises unexpected errors instead of recording the step as failed. With ``jobs`` ≥ 2
    the pattern steps (:func:`worker_steps`) run in one worker process, forked right after
    the token table is built, while the other token steps run in this one (the same files, byte for byte;
    ``jobs=1`` runs everything here).
    Bad input (missing or undecodable file, empty text, unwritable folder) → :class:`ZhDiscourseError`.

    ``out_dir`` must be new, empty, or hold a previous report: the files that report wrote are removed
    first (a note on stderr says how many; ``ReportResult.removed`` lists them), so no table of another
    text is left beside the new ones; a folder with other files is refused.
    """
    t_all = time.perf_counter()
    if k < 1 or top < 1 or window < 1:
        raise ZhDiscourseError("k, top and window must be positive")
    unknown = set(steps or ()) - set(step_names())
    if unknown:
        raise ZhDiscourseError(f"unknown step(s) {', '.join(sorted(unknown))}; choose from {', '.join(step_names())}")
    speech = _speech_from(path_or_speech)
    if not any(not s.is_heading and s.text.strip() for s in speech.sentences):
        raise ZhDiscourseError("the text has no sentences to analyse")
    out = Path(out_dir).expanduser().absolute()  # relative to the cwd, as a user typed it (figures too)
    removed = _clear_previous_report(out)
    if removed:
        print(f"zhdiscourse: note: {out}: removed {len(removed)} files of the previous report "
              f"({', '.join(sorted({p.parent.name if p.parent != out else p.name for p in removed}))})",
              file=sys.stderr)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "tables").mkdir(exist_ok=True)
        (out / "figures").mkdir(exist_ok=True)
    except OSError as exc:
        raise ZhDiscourseError(f"cannot create {out}: {exc.strerror or exc}") from None
    clear_manifest(out / "figures", delete_files=True)  # a re-run replaces the old figures
    source_name = Path(speech.path).name if speech.path else (
        Path(path_or_speech).name if isinstance(path_or_speech, (str, os.PathLike)) else "text")
    b = _Builder(speech, out, k=k, top=top, window=window, cache=cache, cache_dir=cache_dir,
                 frames_file=frames_file, strict=strict)
    with _system_arrow_pool():
        done = _run_lanes(b, steps, jobs=jobs, quiet=quiet, strict=strict)
        b.write_patterns_json()
        html_path = out / "report.html"
        html_path.write_text(render_html(b, done, source_name), encoding="utf-8")
    summary = {
        "source": source_name, "title": speech.metadata.title, "characters": len(speech.text),
        "parts": b.n_parts, "subsections": len(speech.subsections), "sentences": b.n_sentences,
        "unit": b.unit, "unit_note": b.unit_note, "k": k, "top": top, "window": window,
        "steps": [s.to_dict() for s in done],
        "tables": sorted(p.name for p in b.tables.values()),
        "figures": sorted(p.name for p in b.figures.values()),
    }
    summary_path = out / "summary.json"
    summary_path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return ReportResult(out_dir=out, html=html_path, summary=summary_path, tables=b.tables, figures=b.figures,
                        steps=done, unit=b.unit, unit_note=b.unit_note, seconds=time.perf_counter() - t_all,
                        removed=removed)
