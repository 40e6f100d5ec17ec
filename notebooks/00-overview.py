# %% [markdown]
# # 00 · Overview: reading a speech by its structure
#
# **The question.** The usual first step in text analysis is a *bag of words*: cut the text into
# words, count them, and look at the most frequent ones. That tells us what a text is *about*. It
# throws away *where* each word stands — in which part of the speech, after which heading, next to
# which sentences. This study asks: **what does a structure-aware reading of one Chinese political
# speech show that a bag of words misses?**
#
# This notebook is the map. It introduces the speech, lists the other notebooks, and presents the
# main findings, each with one figure. Every finding is computed here with the project's library
# (`zhdiscourse`) and checked with `assert`; the notebooks that follow explain each method in detail.
#
# Every number in the text below is computed by the code cells. Some claims only hold for the speech
# we study (and the reference corpus we compare it with); when the notebook runs on another text
# (see *Parameters*) those checks are skipped, and the notebook says so.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse.stats import keywords as kn
from zhdiscourse import load_speech
from zhdiscourse.patterns import pattern_profile
from zhdiscourse.stats import reference
from zhdiscourse import patterns as pt
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.plots import glossary, label_with_gloss, save_figure, setup_fonts
from zhdiscourse.plots import overview as oplot
from zhdiscourse.plots import patterns as pplot
from zhdiscourse.tokenize.table import content_tokens
from zhdiscourse.tokenize.table import tokens

setup_fonts()
THIS_SPEECH = paths.is_reference_text(TEXT)  # byte-identical to data/raw/speech_2020-02-23.txt?
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")
CHECK_REF = THIS_SPEECH and THIS_CORPUS  # claims about this speech against this corpus
display(Markdown(f"Text: `{paths.relative(TEXT)}`; corpus: `{paths.relative(CORPUS)}` — " + (
    "the study's own speech and corpus: all checks below run." if CHECK_REF else
    "**not the study's speech (or corpus): checks that only hold for them are skipped.**")))

# %% [markdown]
# ## 1. The speech and its context
#
# The text is a web copy of a speech given by Xi Jinping at the height of the COVID-19 outbreak in
# China, at a meeting on *coordinating epidemic prevention and control with economic and social
# development* (统筹推进新冠肺炎疫情防控和经济社会发展). The header of the file carries its metadata
# — title, date, source, publication — and the parser (notebook 01) recovers it:

# %%
speech = load_speech(TEXT)
md = speech.metadata
fields = ["title", "speaker", "date", "source", "published", "dateline", "print_reference"]
pd.Series({f: getattr(md, f) for f in fields}, name="value").to_frame()

# %%
parts = [s.number for s in speech.sections]
sub_counts = {s.number: len(s.subsections) for s in speech.sections}
body = speech.text[speech.body_start:speech.body_end]
body_chars = sum(not c.isspace() for c in body)
n_sent = sum(not s.is_heading for s in speech.sentences)
if THIS_SPEECH:
    assert (md.date, md.published, md.source) == ("2020-02-23", "2020-02-24", "人民网－人民日报")
    assert md.print_reference.startswith("《人民日报》") and parts == ["一", "二", "三", "四"]
    assert list(sub_counts.values()) == [7, 7, 8, 3] and n_sent == 230
display(Markdown(
    f"**{md.title or '(no title)'}** — given by {md.speaker or 'an unnamed speaker'} on **{md.date or '?'}**, "
    f"published by {md.source or '?'} on {md.published or '?'}"
    + (f" and printed in {md.print_reference}" if md.print_reference else "") + ". "
    f"Its body has **{body_chars:,} characters** in **{n_sent} sentences**, organised in "
    f"**{len(parts)} parts** (" + ", ".join(f"{p}: {sub_counts[p]} sub-points" for p in parts) + ")."))

# %%
pd.DataFrame([{"part": s.number, "title": s.title, "sub-points": len(s.subsections),
               "characters": sum(not c.isspace() for c in speech.text[s.start:s.end])} for s in speech.sections])

# %% [markdown]
# The titles already tell a story: part 一 looks back on the work done so far, parts 二 and 三 set out
# what to do now — against the epidemic, then for the economy — and part 四 is about the Party's
# leadership of both. The findings below test whether the *language* follows that outline.
#
# ## 2. The notebooks
#
# Worked solutions to each notebook's exercises are in `notebooks/solutions/`. The map below is
# checked against the notebooks that are actually in the folder.
#
# %%
MAP = {
    "00": ("overview", "this notebook: the question, the speech, the main findings"),
    "01": ("text and structure", "the raw file and its quirks; parsing metadata, parts, sub-points, sentences"),
    "02": ("words", "segmentation with jieba and a domain dictionary; frequency lists, word clouds, KWIC"),
    "03": ("TF-IDF and keyness", "which words characterise each part: TF-IDF, G², log ratio, significance"),
    "04": ("rhetorical patterns", "directive markers (要, 必须 …), 要-runs, frames with slots, 排比, enumerations"),
    "05": ("topic contrasts", "similarity of parts, NMF topics, part 二 against part 三, dispersion of terms"),
    "06": ("reference corpus", "the speech against the Government Work Reports of the State Council"),
    "07": ("explorer", "interactive widgets: look up any term and pattern across the structure"),
}
present = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
unlisted = [n for n in present if n[:2] not in MAP]
missing = [k for k in MAP if not any(n.startswith(k) for n in present)]
assert not unlisted, f"notebooks missing from the map: {unlisted}"
display(Markdown("| Notebook | What it does |\n|---|---|\n" + "\n".join(
    f"| **{k} {name}**{' *(not in this checkout yet)*' if k in missing else ''} | {what} |"
    for k, (name, what) in MAP.items())))

# %% [markdown]
# ## 3. What a bag of words sees
#
# Here is the bag of words: the most frequent *content words* of the whole speech (jieba
# segmentation with the project's domain dictionary; stopwords, punctuation and numerals removed —
# notebook 02).

# %%
toks = tokens(speech)
content = content_tokens(toks)
freq = content["token"].value_counts()
top_words = freq.head(10)
top_words.rename("count").to_frame().T

# %%
yao_tokens = int((toks["token"] == "要").sum())
yao_is_stop = bool(toks.loc[toks["token"] == "要", "is_stop"].all()) if yao_tokens else False
modal = pt.modal_yao(speech)
if THIS_SPEECH:
    assert list(top_words.index[:2]) == ["疫情防控", "疫情"]
    assert yao_tokens > 100 and yao_is_stop and int((content["token"] == "要").sum()) == 0
    assert len(modal) == 123
display(Markdown(
    f"The list says what the speech is about: **{'、'.join(top_words.index[:4])}** … — the epidemic and its "
    f"control. It says nothing about *what the speech does*. The single most telling word is not in it at all: "
    f"the token 要 (\"must, shall\") occurs **{yao_tokens}** times, but it is "
    + ("a stopword, so the bag of content words drops every one of them" if yao_is_stop else "not a stopword here")
    + f". Counted properly — by character, with 重要, 需要, 要求 … excluded (notebook 04) — the speech has "
    f"**{len(modal)}** modal 要. The findings below put 要 and its relatives back, and put every word back in "
    "its place in the outline."))

# %% [markdown]
# ## 4. Findings
#
# ### Finding 1 · The outline is a turn from review to directives
#
# We count **directive markers** — modal 要, 必须 "must", 坚决 "resolutely" and their relatives — and,
# against them, **narrative 我们 + verb** ("we took…, we sent…"), the typical sentence of a report on
# work done. Parts differ in length, so both are given per 1,000 characters (notebook 04 explains the
# detectors). The figure shows the parts as blocks along the speech, and below them each part's
# density as a flat line; the thin red steps are the sub-points, the dotted lines the value for the
# whole speech — the one number a bag of words would give.

# %%
if len(parts) >= 2:
    prof = pt.directive_profile(speech, by="section")
    sub = pt.directive_profile(speech, by="subsection") if speech.subsections else None
    whole = pt.directive_profile(speech, by="text").iloc[0]
    fig = oplot.plot_outline_density(
        speech, prof, subprofile=sub, overall={c: float(whole[c]) for c in ("all_per_1k", "我们V_per_1k")},
        title="The outline of the speech: directives against narrative 我们 + verb, per part")
    saved = save_figure(fig, "00-outline-directives", caption="The parts as blocks along the speech (top) and, "
                        "per part, directive markers (modal 要, 必须, 坚决 …) and narrative 我们 + verb per 1,000 "
                        "characters (bottom; thin steps: sub-points; dotted: the whole speech).")
    prof[["unit", "chars", "要", "all", "all_per_1k", "我们V", "我们V_per_1k"]].round(1)
else:
    display(Markdown("*This text has fewer than two parts: Finding 1 (per part) is skipped.*"))

# %%
if len(parts) >= 2:
    p = prof.set_index("unit")
    first = parts[0]
    rest = p.drop(index=first)
    fold = rest["all_per_1k"].min() / max(p.loc[first, "all_per_1k"], 1e-9)
    if THIS_SPEECH:
        assert fold > 5 and p["all_per_1k"].idxmin() == first
        assert p.loc[first, "我们V"] > 3 * rest["我们V"].sum()
        assert p.loc[first, "all_per_1k"] < whole["all_per_1k"] < rest["all_per_1k"].min()
        assert [round(v, 1) for v in p["all_per_1k"]] == [1.7, 24.1, 21.5, 18.4] and round(whole["all_per_1k"], 1) == 14.7
        assert (p.loc[first, "我们V"], rest["我们V"].sum()) == (16, 1)
    display(Markdown(
        f"Part {first} has **{p.loc[first, 'all_per_1k']:.1f}** directive markers per 1,000 characters; the other "
        f"parts have **{rest['all_per_1k'].min():.1f} to {rest['all_per_1k'].max():.1f}** — at least "
        f"**{fold:.0f} times** as many. Narrative 我们 + verb runs the other way: **{p.loc[first, '我们V']}** "
        f"in part {first}, **{int(rest['我们V'].sum())}** in all other parts together. The whole-speech average, "
        f"{whole['all_per_1k']:.1f} per 1,000, describes none of the parts"
        + (": it averages a report and a set of orders." if THIS_SPEECH else ".")))

# %% [markdown]
# **How to read it.** Read the lower panel from left to right, as one would listen to the speech. A
# *review* part has a low red line and a high dark dashed one; a *directive* part the opposite. The
# dotted lines are flat across the whole speech: that is all an average can show.
#
# ### Finding 2 · Each part has its own key words, and they are not the frequent ones
#
# **Keyness** asks, for every word, whether one part uses it more often than the rest of the speech
# would lead us to expect (the log-likelihood statistic **G²**; the larger, the stronger the
# evidence; notebook 03). Below are the three strongest key words of each part; pale hatched bars
# are not significant once we correct for testing hundreds of words at once.

# %%
if len(parts) >= 2:
    kt = kn.keyness(toks, "section", speech=speech)
    fig = oplot.plot_top_keys(kt, n=3, title="The three strongest key words of each part, against the rest")
    saved = save_figure(fig, "00-key-terms", caption="The three strongest positive key words of each part against "
                        "the rest of the speech, by G² (pale, hatched: not significant after the Benjamini-Hochberg "
                        "correction), with English glosses.")
else:
    display(Markdown("*This text has fewer than two parts: Finding 2 (key words per part) is skipped.*"))

# %%
if len(parts) >= 2:
    top1 = (kt[kt["direction"] == "+"].sort_values("g2", ascending=False)
            .groupby("doc", sort=False).head(1).set_index("doc").reindex(parts).dropna(subset=["term"]))
    rank = {t: int(freq.index.get_loc(t)) + 1 for t in top1["term"] if t in freq.index}
    g = glossary()
    if THIS_SPEECH:
        assert top1["term"].to_dict() == {"一": "中国", "二": "医务人员", "三": "就业", "四": "干部"}
        assert top1["significant"].all() and min(rank.values()) > 20
        assert [round(v, 1) for v in top1["g2"]] == [17.1, 18.6, 24.1, 22.2]
if len(parts) >= 2 and top1.empty:  # a short text: no term is frequent enough to be tested
    print(f"No part of this text has a positive key word: {len(kt)} term-part pairs could be tested (a term "
          "needs at least 5 occurrences in the whole text). The text is too short for keyness, so the figure "
          "above is an empty panel and Finding 2 is empty.")
elif len(parts) >= 2:
    display(Markdown(
        "The strongest key word of each part: " + "; ".join(
            f"part {d} **{label_with_gloss(r.term, glosses=g)}** (G² = {r.g2:.1f}, p_adj "
            f"{'< 0.001' if r.p_adj < 0.001 else f'= {r.p_adj:.3f}'}; "
            f"rank {rank.get(r.term, '—')} in the whole-speech frequency list)" for d, r in top1.iterrows())
        + f". None of them is among the {min(rank.values()) - 1} most frequent words of the speech: they are "
        "frequent *somewhere*, not everywhere."
        + (" The review looks at China as a whole, the medical part at the medical staff, the economic part at "
           "jobs, and the closing part at the cadres who must carry it all out." if THIS_SPEECH else "")))

# %% [markdown]
# ### Finding 3 · Directives come in series: the 要-runs
#
# Political speeches string directive sentences together: 要…。要…。要…。 — each sentence opens with 要
# and has no subject. Such a **run** is audible rhetoric. A bag of words cannot see it at all, because
# it is a fact about the *order* of sentences. The figure marks every sentence that begins with the
# modal 要 (ticks) and the runs of two or more of them (bars, with their length).

# %%
runs = pt.yao_runs(speech)
ys = pt.yao_sentences(speech)
fig = pplot.plot_yao_runs(speech, ys, runs, title="Runs of sentences that begin with 要, along the speech")
saved = save_figure(fig, "00-yao-runs", caption="Sentences that begin with the modal 要 (ticks) and runs of two or "
                    "more consecutive ones (bars labelled with their length) along the speech; dashed lines begin "
                    "the parts.")

# %%
initial = ys[ys["yao_initial"]]
in_runs = int(runs["sentences"].sum()) if len(runs) else 0
by_part = runs.groupby("section").size().reindex(parts, fill_value=0) if len(runs) else pd.Series(0, index=parts)
longest = runs.sort_values("sentences", ascending=False).iloc[0] if len(runs) else None
if THIS_SPEECH:
    assert len(runs) == 13 and by_part.get("一", 0) == 0
    assert longest["sentences"] == 9 and longest["subsection"] == "二.第一"
    assert (len(initial), in_runs) == (64, 49) and (initial["section"] == "一").sum() == 0
    assert list(by_part) == [0, 6, 6, 1]
if longest is not None:
    display(Markdown(
        f"**{len(initial)}** sentences begin with the modal 要; **{in_runs}** of them "
        f"({in_runs / len(initial):.0%}) stand in **{len(runs)} runs** — "
        + ", ".join(f"{n} in part {s}" for s, n in by_part.items())
        + f". The longest strings **{longest['sentences']}** sentences together, in sub-point "
        f"{longest['subsection'] if isinstance(longest['subsection'], str) else longest['section']}. "
        + (f"Part {parts[0]} has **{int((initial['section'] == parts[0]).sum())}** sentences that begin with 要"
           + (": the runs begin exactly where the directives do." if THIS_SPEECH else ".") if parts else "")))
else:
    display(Markdown("This text has no run of two or more 要-initial sentences."))

# %% [markdown]
# ### Finding 4 · Against 52 Government Work Reports, the speech is the most directive
#
# Is this just how Chinese political texts sound? To find out we run the **same** directive detector
# over the Government Work Reports (政府工作报告) that the State Council gives each year to the
# National People's Congress, and place the speech among them (notebook 06). The profile of each report is cached on disk, so this takes seconds after the
# first run.

# %%
corpus = open_corpus(CORPUS)
profile = pattern_profile(corpus, speech=speech)
pos = reference.position(profile, "directives_per_1k")
years = profile.loc[profile["doc"] != "speech", "year"].dropna().astype(int)
span = f"{years.min()}–{years.max()}" if len(years) else "undated"
marks = {f"part {parts[0]} of the speech alone": float(p.loc[parts[0], "all_per_1k"])} if len(parts) >= 2 else {}
fig = oplot.plot_rank_among(profile, "directives_per_1k", marks=marks, xlabel="directive markers per 1,000 characters",
                            title="Directive density: the speech among the Government Work Reports")
saved = save_figure(fig, "00-directives-among-reports", caption="Directive markers (modal 要, 必须, 坚决 …) per "
                    f"1,000 characters: histogram of the {pos['n']} Government Work Reports ({span}), their "
                    "median (dotted), the speech (red line) and its first part alone (dashed).")

# %%
others = profile.loc[profile["doc"] != "speech", "directives_per_1k"]
below_first = int((others < p.loc[parts[0], "all_per_1k"]).sum()) if len(parts) >= 2 else None
if CHECK_REF:
    assert pos["n"] == 52 and (years.min(), years.max()) == (1954, 2025) and pos["rank"] == 1
    assert pos["percentile"] == 100 and pos["value"] > pos["max"] and pos["value"] > 2 * pos["median"]
    assert below_first == 0
    assert [round(pos[k], 1) for k in ("value", "median", "max")] == [14.7, 7.0, 11.8] and pos["max_year"] == 1978
display(Markdown(
    f"The speech has **{pos['value']:.1f}** directive markers per 1,000 characters. It is above "
    f"**{pos['below']} of the {pos['n']} reports** of {span} (percentile {pos['percentile']:.0f}, rank "
    f"{pos['rank']}); the reports' median is {pos['median']:.1f}, their maximum {pos['max']:.1f} "
    f"({pos['max_year']}). "
    + (f"Part {parts[0]} on its own, with {p.loc[parts[0], 'all_per_1k']:.1f} per 1,000, would sit at the other "
       f"end: it is less directive than **{pos['n'] - below_first} of the {pos['n']}** reports."
       if below_first is not None else "")))

# %% [markdown]
# ## 5. In short
#
# A bag of words says that this speech is about the epidemic and its control. A structure-aware
# reading adds what the speech *does* and *in what order*: it first reports (narrative 我们 + verb,
# almost no directives), then turns to orders, in parts that each have their own vocabulary and that
# string their orders into runs of 要-sentences; and, taken as a whole, it commands more densely than
# any of the Government Work Reports. Each notebook takes one of these steps in detail, starting
# with how the outline is recovered from a messy web copy (notebook 01).

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** Which part is the longest in characters (without whitespace), and what share of
#    the body does it take? Make a small table of the parts with their characters and shares.
# 2. **Down to the sub-points.** With `pt.directive_profile(speech, by="subsection")`, find the most
#    and the least directive sub-point (per 1,000 characters) among those of at least 150
#    characters. Does any sub-point of part 一 reach the value of the whole speech?
# 3. **One marker among the reports.** Place the speech among the Government Work Reports on 必须
#    alone (`reference.position(profile, "必须_per_1k")`) and draw it with `oplot.plot_rank_among`.
#    Is the speech as exceptional on 必须 as on all directive markers together? What does that say
#    about a single summary number?
#
# Worked solutions: `notebooks/solutions/00-solutions.ipynb`.
