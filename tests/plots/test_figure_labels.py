"""Figures read on their own (issue 17): every Chinese term the study's figures label has an English gloss,
labels placed by adjustText do not overlap and give the same bytes twice, every encoding has a legend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from zhdiscourse import paths  # noqa: E402
from zhdiscourse.plots import base, setup_fonts  # noqa: E402
from zhdiscourse.plots.labels import fit_text, overlapping, place_labels, text_width  # noqa: E402

MARKERS = ("要", "必须", "坚决", "应", "不能", "务必", "一定", "决不能", "决不", "不要")


@pytest.fixture(scope="module")
def study(speech):
    from zhdiscourse.tokenize import tokens

    setup_fonts()
    return speech, tokens(speech)


def _texts(fig, colours=None):
    return [t for ax in fig.axes for t in ax.texts
            if t.get_text().strip() and (colours is None or t.get_color() in colours)]


def test_every_term_the_figures_label_has_a_gloss(study):
    from zhdiscourse.stats import comparison, reference
    from zhdiscourse.stats import keywords as kn
    from zhdiscourse.text.corpus import open_corpus

    speech, tok = study
    g = base.glossary()
    labelled = set(MARKERS)
    ct = comparison.contrast(tok, "二", "三", "section", speech=speech, top=12, min_freq=3)  # 05-contrast
    labelled |= set(ct.loc[ct["label"] != "", "term"])
    from zhdiscourse.study.explore import explore_contrast
    from zhdiscourse.stats.frequency import frequencies

    labelled |= set(explore_contrast(speech, "一", "三")[0].query("label != ''")["term"])  # 07-contrast
    labelled |= set(frequencies(tok, drop_stopwords=True, drop_num=True)["token"].head(20))  # 02-top-words
    kt = kn.keyness(tok, "section", speech=speech)  # 00-key-terms, 03-keyness-bars, 03-keyness-volcano
    for d in kt["doc"].unique():
        sub = kt[kt["doc"] == d]
        labelled |= set(sub[sub["direction"] == "+"].nlargest(8, "g2")["term"])
        labelled |= set(sub[sub["direction"] == "-"].nlargest(8, "g2")["term"])
    ref = reference.reference_counts(open_corpus(paths.data_path("reference", "government_work_reports.jsonl")))
    key = reference.reference_keyness(speech, ref=ref, tokens=tok)  # 06-keyness-reference
    sig = key[key["significant"]]
    for direction in "+-":
        labelled |= set(sig[sig["direction"] == direction].nlargest(15, "g2")["term"])
    assert len(labelled) > 60
    assert sorted(t for t in labelled if t not in g) == []


def test_contrast_labels_do_not_overlap_and_carry_glosses(study):
    from zhdiscourse.plots.stats import OVER, UNDER, contrast_scatter
    from zhdiscourse.stats import comparison

    speech, tok = study
    ct = comparison.contrast(tok, "二", "三", "section", speech=speech, top=12, min_freq=3)
    fig = contrast_scatter(ct)
    labels = _texts(fig, {OVER, UNDER})
    assert len(labels) == (ct["label"] != "").sum()
    assert overlapping(labels) == []
    assert any("(medical workers)" in t.get_text() for t in labels)
    ax = fig.axes[0]
    inside = ax.get_window_extent().padded(1.0)  # a label may touch the frame, not cross it
    assert all(inside.contains(*t.get_window_extent().p0) and inside.contains(*t.get_window_extent().p1)
               for t in labels), "a label is clipped by the axes"
    notes = {t.get_text() for t in ax.texts}
    assert {"not in 三", "not in 二", "equal rate"} <= notes  # the axis edges and the diagonal explain themselves
    plt.close(fig)


def test_outline_labels_are_horizontal_and_do_not_overlap(study):
    from zhdiscourse.plots.structure import plot_outline

    speech, _ = study
    fig = plot_outline(speech)
    texts = _texts(fig)
    assert all(t.get_rotation() == 0 for t in texts), "rotated labels"
    for ax in fig.axes:
        assert overlapping([t for t in ax.texts if t.get_text().strip()]) == []
    plt.close(fig)


@pytest.mark.parametrize("maker", ["outline_density", "yao_runs"])
def test_overview_labels_do_not_overlap(study, maker):
    from zhdiscourse import patterns as pt
    from zhdiscourse.plots import overview, patterns

    speech, _ = study
    if maker == "outline_density":
        fig = overview.plot_outline_density(speech, pt.directive_profile(speech, by="section", strict=True))
    else:
        fig = patterns.plot_yao_runs(speech, pt.yao_sentences(speech), pt.yao_runs(speech))
    for ax in fig.axes:
        assert overlapping([t for t in ax.texts if t.get_text().strip()]) == []
    plt.close(fig)


def test_directive_density_legend_stays_off_the_bars(study):
    from zhdiscourse import patterns as pt
    from zhdiscourse.plots.patterns import plot_directive_density

    speech, _ = study
    fig = plot_directive_density(pt.directive_profile(speech, by="section"))
    ax = fig.axes[0]
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    bars = [p.get_window_extent() for p in ax.patches]
    assert bars and not any(legend.overlaps(b) for b in bars)
    assert any("(must)" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(fig)


def test_heatmap_prints_what_its_colour_shows(study):
    from zhdiscourse import patterns as pt
    from zhdiscourse.plots.rhetoric import plot_marker_heatmap

    speech, _ = study
    prof = pt.directive_profile(speech, by="subsection")
    fig = plot_marker_heatmap(prof)
    cells = [t.get_text() for t in fig.axes[0].texts]
    row = prof.iloc[0]
    assert f"{row['要_per_1k']:.1f} ({int(row['要'])})" in cells  # the rate (the colour) and the count
    plt.close(fig)


def test_keyness_figures_explain_pale_bars_and_dotted_lines(study):
    from zhdiscourse.plots.overview import plot_top_keys
    from zhdiscourse.plots.stats import keyness_bars
    from zhdiscourse.plots.terms import keyness_volcano
    from zhdiscourse.stats import keywords as kn

    speech, tok = study
    kt = kn.keyness(tok, "section", speech=speech)
    for fig, needed in ((plot_top_keys(kt), ("not significant",)),
                        (keyness_bars(kt, n=8), ("not significant", "used less")),
                        (keyness_volcano(kt, n_label=5), ("not significant", "dotted line"))):
        legend_text = " ".join(t.get_text() for leg in fig.legends for t in leg.get_texts())
        for word in needed:
            assert word in legend_text, (word, legend_text)
        plt.close(fig)


def test_adjusttext_placement_is_deterministic(tmp_path):
    setup_fonts()
    outs = []
    for run in ("a", "b"):
        fig, ax = plt.subplots(figsize=(4, 3))
        xs = [1, 1.05, 1.1, 2, 2.02, 3]
        ax.scatter(xs, xs)
        place_labels(ax, xs, xs, ["疫情防控", "医务人员", "就业", "干部", "中国", "要"])
        outs.append(base.save_figure(fig, f"labels-{run}", out_dir=tmp_path, formats=("png",))[0].read_bytes())
        plt.close(fig)
    assert outs[0] == outs[1]


def test_fit_text_measures_the_rendered_width():
    setup_fonts()
    fig, ax = plt.subplots()
    full = "关于统筹推进疫情防控和经济社会发展工作"
    w = text_width(ax, full, fontsize=8)
    assert fit_text(ax, full, w + 1, fontsize=8) == full
    short = fit_text(ax, full, w / 2, fontsize=8)
    assert short.endswith("…") and full.startswith(short[:-1]) and text_width(ax, short, fontsize=8) <= w / 2
    assert fit_text(ax, full, 1, fontsize=8) == ""
    plt.close(fig)
