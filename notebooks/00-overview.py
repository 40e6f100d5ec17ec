# %% [markdown]
# # 00 · Overview: reading a speech by its structure
#
# **The question.** The usual first step in text analysis is a *bag of words*: cut the text into
# words, count them, and look at the most frequent ones. That tells us what a text is *about*. It
# throws away *where* each word stands — in which part of the speech, after which heading, next to
# which sentences. This study asks: **what does a structure-aware reading of one Chinese political
# speech show that a bag of words misses?**
#
# This notebook is the map. It introduces the text, lists the other notebooks, and presents the
# main findings, each with one figure and **each against a baseline**: a number means little until we
# know what it would be by chance, or in comparable texts. Every finding is computed here with the
# project's library (`zhdiscourse`); the notebooks that follow explain each method in detail.
#
# Every sentence below that states a result is built from the results of the text the notebook is
# given (see *Parameters*), and says so when a finding does not hold. Checks with `assert` guard the
# findings of the study's own speech; on another text they are skipped.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))
CONGRESS = str(paths.data_path("reference", "cpc_congress_reports_1-18.jsonl"))

# %%
import pandas as pd
from IPython.display import display

from zhdiscourse import load_speech
from zhdiscourse import patterns as pt
from zhdiscourse.patterns.spans import shared_run
from zhdiscourse.plots import glossary, label_with_gloss, save_figure, setup_fonts
from zhdiscourse.plots import overview as oplot
from zhdiscourse.plots import patterns as pplot
from zhdiscourse.stats import intervals, permutation, reference, sections
from zhdiscourse.stats import keywords as kn
from zhdiscourse.study import findings, narrate
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.tokenize.table import content_tokens, tokens

setup_fonts()
THIS_SPEECH = paths.is_reference_text(TEXT)  # byte-identical to data/raw/speech_2020-02-23.txt?
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")
CHECK_REF = THIS_SPEECH and THIS_CORPUS  # claims about this speech against this corpus
narrate.show(f"Text: `{paths.relative(TEXT)}`; corpus: `{paths.relative(CORPUS)}` — " + (
    "the study's own speech and corpus: all checks below run." if CHECK_REF else
    "**not the study's speech (or corpus): checks that only hold for them are skipped.**"))

# %% [markdown]
# ## 1. The text and its context
#
# The header of the file carries the text's metadata — title, date, source, publication — and the
# parser (notebook 01) recovers it:

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
findings.record("structure.parts", len(parts))
findings.record("structure.sentences", n_sent)
for i, p in enumerate(parts[:4], start=1):
    findings.record(f"structure.subpoints_p{i}", sub_counts[p])
said = [f"given by {md.speaker}" if md.speaker else "", f"dated **{md.date}**" if md.date else "",
        ("published" + (f" by {md.source}" if md.source else "") + (f" on {md.published}" if md.published else ""))
        if md.source or md.published else "", f"printed in {md.print_reference}" if md.print_reference else ""]
narrate.show(
    f"**{md.title or '(no title)'}**" + (" — " + narrate.join(x for x in said if x) if any(said) else
                                          " — the file names no speaker, date or source")
    + f". Its body has **{body_chars:,} characters** in **{narrate.count(n_sent, 'sentence')}** (headings not counted)"
    + (f", organised in **{narrate.count(len(parts), 'part')}** ("
       + (", ".join(f"{p}: {narrate.count(sub_counts[p], 'sub-point')}" for p in parts) if any(sub_counts.values())
          else "none with sub-points") + ")." if parts else
       "; the parser finds no parts (一、二、…) in it, so the findings below that compare parts are skipped."))

# %%
sizes = pd.DataFrame([{"part": s.number, "title": s.title, "sub-points": len(s.subsections),
                       "characters": sum(not c.isspace() for c in speech.text[s.start:s.end])} for s in speech.sections],
                     columns=["part", "title", "sub-points", "characters"])
if len(sizes):
    sizes["share of the body"] = (sizes["characters"] / body_chars).round(2)
    longest = sizes.loc[sizes["characters"].idxmax()]
    findings.record("structure.longest_chars", int(longest["characters"]), "{:,}")
    findings.record("structure.longest_share", float(longest["share of the body"] * 100), "{:.0f}")
    if THIS_SPEECH:
        assert longest["part"] == "一" and int(longest["characters"]) == 3522
sizes

# %%
narrate.speech_only(THIS_SPEECH, (
    "The text is a web copy of a speech given by Xi Jinping at the height of the COVID-19 outbreak in China, at "
    "a meeting on *coordinating epidemic prevention and control with economic and social development* "
    "(统筹推进新冠肺炎疫情防控和经济社会发展). The titles already tell a story: part 一 looks back on the work done "
    "so far, parts 二 and 三 set out what to do now — against the epidemic, then for the economy — and part 四 is "
    "about the Party's leadership of both. The findings below test whether the *language* follows that outline."))
if not THIS_SPEECH and len(sizes):
    narrate.show(f"The longest part is **{longest['part']}** ({narrate.shorten(longest['title'])}), with "
                 f"{longest['share of the body']:.0%} of the body. The findings below test whether the *language* "
                 "of the parts differs as their titles suggest.")

# %% [markdown]
# ## 2. The notebooks
#
# Worked solutions to each notebook's exercises are in `notebooks/solutions/`. The map below is
# checked against the notebooks that are actually in the folder.

# %%
MAP = {
    "00": ("overview", "this notebook: the question, the text, the main findings against their baselines"),
    "01": ("text and structure", "the raw file and its quirks; parsing metadata, parts, sub-points, sentences"),
    "02": ("words", "segmentation with jieba and a domain dictionary; frequency lists, word clouds, KWIC"),
    "03": ("TF-IDF and keyness", "which words characterise each part: TF-IDF, Fisher's test and G², log ratio, "
           "one correction family, the concentration check"),
    "04": ("rhetorical patterns", "directive markers (要, 必须 …) with intervals, 要-runs against a permutation "
           "baseline, frames, 排比, enumerations"),
    "05": ("topic contrasts", "similarity within and between parts (permutation test), NMF topics and their "
           "leave-one-out stability, part 二 against part 三, dispersion over the whole text"),
    "06": ("reference corpus", "the speech against the Government Work Reports and the CPC congress reports: "
           "keyness, trends, review and task parts by era"),
    "07": ("explorer", "interactive widgets: look up any term and pattern across the structure"),
    "08": ("discourse toolkit", "collocates of a word, sorted concordances, agency, reported against enacted "
           "directives, addressees, war metaphors against the reports, stance, lexical diversity"),
}
present = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
unlisted = [n for n in present if n[:2] not in MAP]
missing = [k for k in MAP if not any(n.startswith(k) for n in present)]
assert not unlisted, f"notebooks missing from the map: {unlisted}"
narrate.show("| Notebook | What it does |\n|---|---|\n" + "\n".join(
    f"| **{k} {name}**{' *(not in this checkout yet)*' if k in missing else ''} | {what} |"
    for k, (name, what) in MAP.items()))

# %% [markdown]
# ## 3. What a bag of words sees
#
# Here is the bag of words: the most frequent *content words* of the whole text (jieba segmentation
# with the project's domain dictionary; stopwords, punctuation and numerals removed — notebook 02).

# %%
toks = tokens(speech)
content = content_tokens(toks)
freq = content["token"].value_counts()
top_words = freq.head(10)
top_words.rename("count").to_frame().T

# %%
def ordinal(n):
    """1st, 2nd, 3rd, 4th … 11th, 12th, 21st."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


words = toks.loc[~toks["is_punct"], "token"].value_counts()
yao_tokens = int(words.get("要", 0))
yao_rank = int(words.index.get_loc("要")) + 1 if yao_tokens else None
yao_is_stop = bool(toks.loc[toks["token"] == "要", "is_stop"].all()) if yao_tokens else False
modal = pt.modal_yao(speech)
if THIS_SPEECH:
    assert list(top_words.index[:2]) == ["疫情防控", "疫情"]
    assert (yao_tokens, yao_rank) == (122, 2) and yao_is_stop and int((content["token"] == "要").sum()) == 0
    assert len(modal) == 123
findings.record("bag.yao_tokens", yao_tokens)
findings.record("bag.modal_yao", len(modal))
if yao_rank:
    findings.record("bag.yao_rank", yao_rank)
narrate.show(
    f"The list says what the text is about: **{'、'.join(top_words.index[:4])}** … It says nothing about *what "
    "the text does*. "
    + (f"The token 要 (\"must, shall\") occurs **{yao_tokens}** times — the **{ordinal(yao_rank)}** most frequent "
       "word of all — but it is "
       + ("a stopword, so the bag of content words drops every one of them" if yao_is_stop else "not a stopword here")
       + ". " if yao_tokens else "The token 要 (\"must, shall\") does not occur at all. ")
    + f"Counted properly — by character, with 重要, 需要, 要求 … excluded (notebook 04) — the text has "
    f"**{len(modal)}** modal 要. The findings below put 要 and its relatives back, and put every word back in its "
    "place in the outline.")

# %% [markdown]
# ## 4. Findings
#
# ### Finding 1 · Does the outline turn from review to directives?
#
# We count **directive markers** — modal 要, 必须 "must", 坚决 "resolutely" and their relatives
# (`pt.directive_events`) — and, against them, **narrative 我们 + verb** ("we took…, we sent…"), the
# typical sentence of a report on work done; questions (我们怎么办？) and "we can / will surely" are
# not counted as narrative (`strict=True`, notebook 04). Parts differ in length, so both are given
# per 1,000 characters. The figure shows the parts as blocks along the text and each part's density
# as a flat line; the thin red steps are the **segments** — the sub-points *and* the text of each part
# before its first sub-point (its preamble) — so that every character of the text is in one of them.
# The dotted lines are the value for the whole text: the one number a bag of words would give.
#
# **Baseline: how sure is each density?** A part is a sample of sentences. Resampling its sentences
# 10,000 times (a bootstrap, notebook 04) gives a 95 % interval for each density.

# %%
if len(parts) >= 2:
    prof = pt.directive_profile(speech, by="section", strict=True)
    seg = pt.directive_profile(speech, by="segment", strict=True)
    whole = pt.directive_profile(speech, by="text", strict=True).iloc[0]
    fig = oplot.plot_outline_density(
        speech, prof, subprofile=seg, overall={c: float(whole[c]) for c in ("all_per_1k", "我们V_per_1k")},
        sub_label="per segment", title="The outline of the text: directives against narrative 我们 + verb, per part")
    saved = save_figure(fig, "00-outline-directives", caption="The parts as blocks along the text (top) and, "
                        "per part, directive markers (modal 要, 必须, 坚决 …) and narrative 我们 + verb per 1,000 "
                        "characters (bottom; thin steps: segments, i.e. sub-points and part preambles, which "
                        "together cover the whole text; dotted: the whole text).")
    boot = intervals.bootstrap_density(speech, {"directives": pt.directive_events(speech)}, by="section")
    roles = sections.part_densities(speech, pt.directive_events, grouping="role")
    table = boot.merge(prof[["unit", "我们V", "我"]], on="unit")
    display(table[["unit", "sentences", "chars", "directives", "directives_per_1k", "directives_lo", "directives_hi",
                   "我们V", "我"]].round(1))
else:
    narrate.show("*This text has fewer than two parts: Finding 1 (per part) is skipped.*")

# %%
if len(parts) >= 2:
    b = boot.set_index("unit")
    first, rest = parts[0], parts[1:]
    r_first, r_rest = b.loc[first], b.loc[rest]
    tasks = roles.set_index("role").loc["tasks"]
    p = prof.set_index("unit")
    least = b["directives_per_1k"].idxmin()
    apart = r_first["directives_hi"] < r_rest["directives_lo"].min()  # intervals do not overlap
    fold = r_rest["directives_per_1k"].min() / max(r_first["directives_per_1k"], 1e-9)
    we_first, we_rest = int(p.loc[first, "我们V"]), int(p.loc[rest, "我们V"].sum())
    me_first, me_all = int(p.loc[first, "我"]), int(whole["我"])
    if THIS_SPEECH:
        assert least == first and apart and fold > 10
        assert [round(v, 1) for v in b["directives_per_1k"]] == [1.7, 24.1, 21.5, 18.4]
        assert (round(r_first["directives_lo"], 1), round(r_first["directives_hi"], 1)) == (0.3, 3.4)
        assert [round(tasks[c], 1) for c in ("directives_per_1k", "directives_lo", "directives_hi")] == [21.3, 18.4, 24.6]
        assert round(whole["all_per_1k"], 1) == 14.7
        assert (we_first, we_rest) == (15, 1) and (me_first, me_all) == (8, 16)
    rec = {"f1.review": r_first["directives_per_1k"], "f1.review_lo": r_first["directives_lo"],
           "f1.review_hi": r_first["directives_hi"], "f1.tasks": tasks["directives_per_1k"],
           "f1.tasks_lo": tasks["directives_lo"], "f1.tasks_hi": tasks["directives_hi"],
           "f1.task_min": r_rest["directives_per_1k"].min(), "f1.task_max": r_rest["directives_per_1k"].max(),
           "f1.task_min_lo": r_rest["directives_lo"].min(), "f1.whole": whole["all_per_1k"]}
    shown = {k: findings.record(k, float(v), "{:.1f}") for k, v in rec.items()}
    findings.record("f1.fold", float(fold), "{:.0f}")
    for k, v in {"f1.we_review": we_first, "f1.we_rest": we_rest, "f1.me_review": me_first, "f1.me_all": me_all}.items():
        findings.record(k, v)
    narrate.show(
        f"Part {first} has **{shown['f1.review']}** directive markers per 1,000 characters (95 % interval "
        f"{shown['f1.review_lo']}–{shown['f1.review_hi']}); the other parts have **{shown['f1.task_min']} to "
        f"{shown['f1.task_max']}**, together **{shown['f1.tasks']}** ({shown['f1.tasks_lo']}–{shown['f1.tasks_hi']}). "
        + narrate.holds(apart and least == first,
                        f"The intervals do not overlap: part {first} is the least directive part by any margin "
                        "the sentences allow" + (
                            (f", at least {fold:.0f} times" if fold >= 10 else f", at least {fold:.1f} times")
                            + " below each of the others. " if r_first["directives_per_1k"] > 0 else
                            ": it has no directive marker at all. "),
                        f"Part {first} is not clearly the least directive part here: "
                        + (f"the least directive is part {least}. " if least != first else
                           "its interval overlaps another part's. "))
        + f"Narrative 我们 + verb: **{we_first}** in part {first}, **{we_rest}** in all other parts together. The "
        f"speaker's own 我 (not 我们, 我国 …) occurs {narrate.count(me_all, 'time')}, {me_first} of them in part "
        f"{first}. The whole-text average, {shown['f1.whole']} per 1,000, describes "
        + narrate.holds(apart, "none of the parts", "the parts only roughly") + ".")

# %% [markdown]
# **How to read it.** Read the lower panel from left to right, as one would listen to the speech. A
# *review* part has a low red line and a high dark dashed one; a *directive* part the opposite. The
# dotted lines are flat across the whole text: that is all an average can show.
#
# ### Finding 2 · A key word for each part — of the part, or of one passage?
#
# **Keyness** asks, for every word, whether one part uses it more often than the rest of the text
# would lead us to expect (notebook 03). The test is **Fisher's exact test**, because most words are
# rare in a part (expected counts below 5, where the usual G² approximation is poor); and the
# correction for testing hundreds of words runs over **one family**: every (part, word) test of the
# table at once (Benjamini–Hochberg). Bars show G², the usual measure of strength; pale hatched bars
# are not significant after the correction.
#
# **Baseline: is a key word a fact about the part, or about one passage?** Tokens are not
# independent draws: a word repeated within one sentence or one sub-point looks key for the whole
# part. The concentration check flags such words.

# %%
if len(parts) >= 2:
    kt = kn.keyness(toks, "section", speech=speech)  # pooled family, Fisher's exact test, floor 5, concentration
    fig = oplot.plot_top_keys(kt, n=3, title="The three strongest key words of each part, against the rest")
    saved = save_figure(fig, "00-key-terms", caption="The three strongest positive key words of each part against "
                        "the rest of the text, by G² (pale, hatched: not significant with Fisher's exact test after "
                        "one Benjamini-Hochberg correction over all part-word tests), with English glosses.")
else:
    narrate.show("*This text has fewer than two parts: Finding 2 (key words per part) is skipped.*")

# %%
if len(parts) >= 2:
    top1 = (kt[kt["direction"] == "+"].sort_values("g2", ascending=False)
            .groupby("doc", sort=False).head(1).set_index("doc").reindex(parts).dropna(subset=["term"]))
    rank = {t: int(freq.index.get_loc(t)) + 1 for t in top1["term"] if t in freq.index}
    g = glossary()
    if THIS_SPEECH:
        assert top1["term"].to_dict() == {"一": "中国", "二": "医务人员", "三": "就业", "四": "干部"}
        assert top1["significant"].all() and min(rank.values()) > 20 and kt.attrs["n_tests"] == 552
        assert top1["low_expected"].all() and top1["concentrated"].tolist() == [True, True, True, False]
        assert int(kt["significant"].sum()) == 12
if len(parts) >= 2 and top1.empty:  # a short text: no term is frequent enough to be tested
    print(f"No part of this text has a positive key word: {len(kt)} term-part pairs could be tested (a term "
          "needs at least 5 occurrences in the whole text). The text is too short for keyness, so the figure "
          "above is an empty panel and Finding 2 is empty.")
elif len(parts) >= 2:
    sig_top = top1[top1["significant"]]
    conc = top1[top1["concentrated"]]
    findings.record("f2.n_tests", int(kt.attrs["n_tests"]))
    findings.record("f2.significant", int(kt["significant"].sum()))
    findings.record("f2.concentrated", len(conc))
    for i, (d, r) in enumerate(top1.iterrows(), start=1):
        findings.record(f"f2.key_p{i}", r.term, text=r.term)
        findings.record(f"f2.key_p{i}.p_adj", float(r.p_adj), "{:.4f}")
        findings.record(f"f2.key_p{i}.expected", float(r.expected), "{:.1f}")
        findings.record(f"f2.key_p{i}.g2", float(r.g2), "{:.1f}")
    findings.record("f2.rank_min", min(rank.values()))
    findings.record("f2.rank_max", max(rank.values()))

    def where(r):
        return (f"{r.top_subunit_share:.0%} of its {r.freq} occurrences in {r.top_subunit}" if isinstance(r.top_subunit, str)
                else f"{r.top_sentence_share:.0%} of its occurrences in one sentence")

    narrate.show(
        "The strongest key word of each part: " + "; ".join(
            f"part {d} **{label_with_gloss(r.term, glosses=g)}** ({narrate.count(r.freq, 'time')} where {r.expected:.1f} were expected, "
            f"p_adj {'< 0.001' if r.p_adj < 0.001 else f'= {r.p_adj:.4f}'}, "
            f"{'significant' if r.significant else 'not significant'}; rank {rank.get(r.term, '—')} in the "
            "frequency list)" for d, r in top1.iterrows())
        + f". Over all {kt.attrs['n_tests']} tests, **{int(kt['significant'].sum())}** (part, word) pairs are "
        f"significant. {len(sig_top)} of the {narrate.count(len(top1), 'part')} "
        f"{narrate.verb(len(sig_top), 'keeps its', 'keep their')} key word after the correction, and "
        + narrate.holds(min(rank.values()) > 10, f"none of these words is among the {min(rank.values()) - 1} most "
                        "frequent of the text. ", "some of them are among the ten most frequent words of the text. ")
        + (f"But **{len(conc)}** of them {narrate.verb(len(conc), 'rests', 'rest')} on one passage — " + "; ".join(
            f"{r.term}: {where(r)}" for _, r in conc.iterrows())
           + f": {narrate.verb(len(conc), 'it is a fact', 'they are facts')} about one passage more than about a part. "
           + (f"The other{'s' if (~top1['concentrated']).sum() > 1 else ''}, "
              f"{narrate.join(top1.loc[~top1['concentrated'], 'term'])}, "
              f"{narrate.verb(int((~top1['concentrated']).sum()), 'is', 'are')} spread over "
              f"{narrate.verb(int((~top1['concentrated']).sum()), 'its part', 'their parts')} in proportion to the "
              "text." if (~top1["concentrated"]).any() else "") if len(conc) else
           "None of them rests on a single passage.")
        + (" The review looks at China as a whole, the medical part at the medical staff, the economic part at "
           "jobs, and the closing part at the cadres who must carry it all out." if THIS_SPEECH else ""))

# %% [markdown]
# ### Finding 3 · Do directives come in runs, more than their density makes likely?
#
# Political speeches string directive sentences together: 要…。要…。要…。 — each sentence opens with 要
# and has no subject. Such a **run** is audible rhetoric, and a bag of words cannot see it: it is a
# fact about the *order* of sentences. The figure marks every sentence that begins with the modal 要
# (ticks) and the runs of two or more of them (bars, with their length).
#
# **Baseline: would runs appear anyway?** Where half the sentences begin with 要, many will stand
# next to each other by chance. We keep each part's number of 要-sentences and shuffle *which* of its
# sentences they are, 10,000 times (a permutation test, notebook 04).

# %%
runs = pt.yao_runs(speech)
ys = pt.yao_sentences(speech)
fig = pplot.plot_yao_runs(speech, ys, runs, title="Runs of sentences that begin with 要, along the text")
saved = save_figure(fig, "00-yao-runs", caption="Sentences that begin with the modal 要 (ticks) and runs of two or "
                    "more consecutive ones (bars labelled with their length) along the text; dashed lines begin "
                    "the parts.")

# %%
initial = ys[ys["yao_initial"]]
in_runs = int(runs["sentences"].sum()) if len(runs) else 0
by_part = runs.groupby("section").size().reindex(parts, fill_value=0) if len(runs) else pd.Series(0, index=parts)
longest_run = runs.sort_values("sentences", ascending=False).iloc[0] if len(runs) else None
perm = permutation.run_permutation(ys) if len(initial) else None
if THIS_SPEECH:
    assert len(runs) == 13 and by_part.get("一", 0) == 0 and list(by_part) == [0, 6, 6, 1]
    assert longest_run["sentences"] == 9 and longest_run["subsection"] == "二.第一"
    assert (len(initial), in_runs) == (64, 49) and (initial["section"] == "一").sum() == 0
    assert round(perm.share.null_mean, 2) == 0.67 and round(perm.share.p_value, 3) == 0.061
    assert perm.share.p_value > 0.05 and round(perm.longest.p_value, 3) == 0.045
if perm is not None:
    display(perm.table().round(3))

# %%
if longest_run is not None:
    sh = perm.share
    beyond = sh.p_value < 0.05
    findings.record("f3.initial", len(initial))
    findings.record("f3.in_runs", in_runs)
    findings.record("f3.runs", len(runs))
    findings.record("f3.share", 100 * sh.observed, "{:.0f}")
    findings.record("f3.null_share", 100 * sh.null_mean, "{:.0f}")
    findings.record("f3.null_lo", 100 * sh.null_lo, "{:.0f}")
    findings.record("f3.null_hi", 100 * sh.null_hi, "{:.0f}")
    findings.record("f3.p", sh.p_value, "{:.3f}")
    findings.record("f3.longest", int(longest_run["sentences"]))
    findings.record("f3.longest_p", perm.longest.p_value, "{:.3f}")
    findings.record("f3.longest_null", perm.longest.null_mean, "{:.1f}")
    findings.record("f3.runs_null", perm.runs.null_mean, "{:.1f}")
    narrate.show(
        f"**{len(initial)}** sentences begin with the modal 要; **{in_runs}** of them ({sh.observed:.0%}) stand in "
        f"**{narrate.count(len(runs), 'run')}**" + (" — " + ", ".join(f"{n} in part {s}" for s, n in by_part.items()
                                                                    if n) + narrate.holds((by_part == 0).any(),
                                                                                          ", none in the other parts", "")
                                                     if len(by_part) else "")
        + f". The longest strings **{longest_run['sentences']}** sentences together, in "
        f"{longest_run['subsection'] if isinstance(longest_run['subsection'], str) else narrate.part(longest_run['section'])}. "
        f"Shuffled, the same 要-sentences stand in runs **{sh.null_mean:.0%}** of the time on average (95 % of the "
        f"shuffles: {sh.null_lo:.0%}–{sh.null_hi:.0%}; p = {sh.p_value:.3f}). "
        + narrate.holds(beyond, "So the runs are more than their density makes likely. ", narrate.holds(
            sh.p_value >= 0.975, "So the 要-sentences stand together *less* often than shuffling puts them: "
            "they are spread out, not clustered. ",
            "So the runs follow mostly from how densely the directive parts use 要-sentences: "
            "**the clustering as a whole is not beyond chance**. "))
        + f"The longest run is {narrate.holds(perm.longest.p_value < 0.05, 'longer', 'not longer')} than chance "
        f"makes likely (shuffles give {perm.longest.null_mean:.1f} on average; p = {perm.longest.p_value:.3f}), "
        f"and there {narrate.verb(len(runs), 'is', 'are')} {narrate.count(len(runs), 'run')} where "
        f"{perm.runs.null_mean:.1f} are expected"
        + (": fewer, longer runs than chance." if len(runs) < perm.runs.null_mean and perm.longest.p_value < 0.05 else
           ": fewer runs than chance." if len(runs) < perm.runs.null_mean else ".")
        + (" Four statistics were tested, so one p-value just below 0.05 is weak evidence." if THIS_SPEECH else ""))
else:
    narrate.show("This text has no run of two or more 要-initial sentences"
                 + ("." if len(initial) else ", and no sentence that begins with the modal 要."))

# %% [markdown]
# ### Finding 4 · Compared with like: are the task parts more directive than the reports' tasks?
#
# Is this just how Chinese political texts sound? We run the **same** directive detector over the
# Government Work Reports (政府工作报告) that the State Council gives each year to the National
# People's Congress (notebook 06). A whole report mixes a review of the past year with the tasks
# ahead, so we compare like with like: **the first part of each report (its review) with the first
# part of the text, and the later parts (tasks) with the later parts**. A second reference corpus,
# the reports of the CPC Central Committee to the Party congresses (9th–18th, 1969–2012), is closer in
# genre to a speech by the Party's General Secretary.

# %%
corpus, left_out = open_corpus(CORPUS).without(speech.text[speech.body_start:speech.body_end])
if left_out:  # a text taken from a reference corpus is not compared with itself
    narrate.show(f"*The text is itself in the reference corpus ({', '.join(left_out)}): it is left out of the "
                 "comparisons below.*")
with shared_run():  # each report's directive events found once for both tables
    gwr_parts = sections.section_densities(corpus, pt.directive_events, grouping="role")
    gwr_whole = sections.document_densities(corpus, pt.directive_events)
speech_whole = intervals.bootstrap_density(speech, {"directives": pt.directive_events(speech)}, by="text").iloc[0]
if len(parts) >= 2:
    cmp = sections.compare_parts(roles, gwr_parts)
    tasks_ref = gwr_parts[gwr_parts["role"] == "tasks"]
    strip = pd.concat([tasks_ref[["doc", "year", "directives_per_1k"]],
                       pd.DataFrame([{"doc": reference.SPEECH_ID, "year": None,
                                      "directives_per_1k": float(tasks["directives_per_1k"])}])], ignore_index=True)
    fig = oplot.plot_rank_among(strip, "directives_per_1k", xlabel="directive markers per 1,000 characters",
                                marks={"lower end of its 95 % interval": float(tasks["directives_lo"])},
                                others="reports' task parts",
                                title="The text's task parts among the task parts of the Government Work Reports")
    saved = save_figure(fig, "00-directives-among-reports", caption="Directive markers (modal 要, 必须, 坚决 …) per "
                        "1,000 characters in the task parts (every part after the first) of each Government Work "
                        f"Report with parts ({len(tasks_ref)} reports): histogram and median (dotted); the text's task "
                        "parts together (red) and the lower end of their bootstrap interval (dashed).")
    display(cmp[cmp["era"] == "all"][["section", "role", "value", "lo", "hi", "n", "below", "median", "max",
                                       "max_doc"]].round(1))
else:
    narrate.show("*This text has fewer than two parts, so it has no review and task parts to compare.*")

# %%
congress, left_out = reference.load_congress_reports(CONGRESS, min_congress=9).without(
    speech.text[speech.body_start:speech.body_end])
if left_out:  # a text taken from a reference corpus is not compared with itself
    narrate.show(f"*The text is itself in the reference corpus ({', '.join(left_out)}): it is left out of the "
                 "comparisons below.*")
cong_parts = sections.section_densities(congress, pt.directive_events, kind=None, grouping="role")
decades = sections.era_summary(gwr_whole).set_index("era")
others_whole = gwr_whole["directives_per_1k"]
whole_above = int((others_whole < speech_whole["directives_per_1k"]).sum())
if len(parts) >= 2:
    c_all = cmp[cmp["era"] == "all"].set_index("role")
    rv, tk = c_all.loc["review"], c_all.loc["tasks"]
    era = sections.era_of(int(md.date[:4])) if md.date else None
    rv_era = cmp[(cmp["era"] == era) & (cmp["role"] == "review")]
    cc = sections.compare_parts(roles, cong_parts, by_era=False).set_index("role")
    if CHECK_REF:
        assert (tk["n"], tk["below"], round(tk["max"], 1), tk["max_doc"]) == (50, 50, 14.6, "report-1982")
        assert tk["below_lo"] == 50  # even the lower end of the interval is above every report's tasks
        assert (rv["n"], rv["below"], round(rv["median"], 1)) == (50, 33, 1.2)
        assert era == "2020s" and rv_era["below"].iloc[0] == rv_era["n"].iloc[0] == 5
        assert (cc.loc["tasks", "below"], cc.loc["tasks", "n"], round(cc.loc["tasks", "max"], 1)) == (10, 10, 14.3)
        assert (cc.loc["review", "below"], round(cc.loc["review", "median"], 1)) == (1, 3.4)
        assert whole_above == 52 and round(decades.loc["1970s", "median"], 1) == 11.8
        assert round(decades.loc["2020s", "median"], 1) == 3.0
    for k, v in {"f4.tasks_n": tk["n"], "f4.tasks_below": tk["below"], "f4.review_n": rv["n"],
                 "f4.review_below": rv["below"], "f4.cong_n": cc.loc["tasks", "n"],
                 "f4.cong_tasks_below": cc.loc["tasks", "below"], "f4.cong_review_below": cc.loc["review", "below"],
                 "f4.whole_above": whole_above, "f4.whole_n": len(others_whole)}.items():
        findings.record(k, int(v))
    for k, v in {"f4.tasks_max": tk["max"], "f4.review_median": rv["median"], "f4.cong_tasks_max": cc.loc["tasks", "max"],
                 "f4.cong_review_median": cc.loc["review", "median"], "f4.whole": speech_whole["directives_per_1k"],
                 "f4.whole_max": others_whole.max()}.items():
        findings.record(k, float(v), "{:.1f}")
    findings.record("f4.tasks_max_year", int(str(tk["max_doc"]).split("-")[-1]))
    if len(rv_era):
        findings.record("f4.review_era_below", int(rv_era["below"].iloc[0]))
        findings.record("f4.review_era_n", int(rv_era["n"].iloc[0]))
        findings.record("f4.review_era_median", float(rv_era["median"].iloc[0]), "{:.1f}")
    first_dec, last_dec = decades.index[0], decades.index[-1]
    top_dec = decades["median"].idxmax()
    findings.record("f4.decade_top_median", float(decades.loc[top_dec, "median"]), "{:.1f}")
    findings.record("f4.decade_last_median", float(decades.loc[last_dec, "median"]), "{:.1f}")
    narrate.show(
        f"**Task parts.** The text's task parts together have **{tk['value']:.1f}** directive markers per 1,000 "
        f"characters (95 % interval {tk['lo']:.1f}–{tk['hi']:.1f}); " + narrate.holds(
            tk["below"] == tk["n"],
            f"the task parts of **every one of the {tk['n']} reports** with parts are lower (highest: "
            f"{tk['max']:.1f}, {tk['max_doc']})" + narrate.holds(tk["below_lo"] == tk["n"],
                                                                 ", even below the lower end of the interval", ""),
            f"{tk['below']} of the {tk['n']} reports' task parts are lower (highest: {tk['max']:.1f}, {tk['max_doc']})")
        + f"; so are the task parts of {narrate.holds(cc.loc['tasks', 'below'] == cc.loc['tasks', 'n'], 'all ', '')}"
        f"{cc.loc['tasks', 'below']} of the {cc.loc['tasks', 'n']} congress reports "
        f"(highest {cc.loc['tasks', 'max']:.1f}, {cc.loc['tasks', 'max_doc']}). "
        f"**Review part.** Part {parts[0]}, {rv['value']:.1f}, "
        + narrate.holds(0 < rv["below"] < rv["n"], "lies within the range of the reports' reviews",
                        "lies outside the range of the reports' reviews")
        + f": above {rv['below']} of the {rv['n']} reports' first parts (median {rv['median']:.1f})"
        + (f"; above {narrate.holds(rv_era['below'].iloc[0] == rv_era['n'].iloc[0], 'all ', '')}"
           f"{rv_era['below'].iloc[0]} of the {rv_era['n'].iloc[0]} reviews of its own decade, the {era} (median "
           f"{rv_era['median'].iloc[0]:.1f})" if len(rv_era) else "")
        + f"; and above {narrate.holds(cc.loc['review', 'below'] < cc.loc['review', 'n'] / 2, 'only ', '')}"
        f"{cc.loc['review', 'below']} of the {cc.loc['review', 'n']} congress reports' reviews "
        f"(median {cc.loc['review', 'median']:.1f}). "
        f"**Whole texts.** Taken whole, the text ({speech_whole['directives_per_1k']:.1f}) is above "
        f"{whole_above} of the {len(others_whole)} reports (highest {others_whole.max():.1f}, "
        f"{gwr_whole.loc[others_whole.idxmax(), 'doc']}), but whole reports mix review and tasks, and their density "
        f"changed with the era: the decade medians run from {decades.loc[first_dec, 'median']:.1f} ({first_dec}) to "
        f"{decades.loc[top_dec, 'median']:.1f} ({top_dec}) and down to {decades.loc[last_dec, 'median']:.1f} "
        f"({last_dec}), so the highest single report says more about its time than about its authors.")

# %%
_ = narrate.speech_only(THIS_SPEECH, (
    "What the comparison does not settle is *why*: the speech is a set of instructions to officials at a "
    "deployment meeting (部署会议), the reports are annual accounts to a legislature. Xi Jinping's own congress "
    "reports (19th, 2017; 20th, 2022) are not in the congress corpus, so the data cannot tell the occasion from "
    "the speaker."))

# %% [markdown]
# ## 5. In short

# %%
steps = []  # one clause per finding this text allows, each built from its own results
if len(parts) >= 2:
    steps.append(f"part {parts[0]} " + narrate.holds(
        apart and least == first, "reports (the least directive part, by a margin its sentences support) and the "
        "later parts direct", "is not clearly the least directive part, so its sentences do not show a turn from "
        "review to directives here"))
    if not top1.empty:
        steps.append(f"{len(sig_top)} of the {narrate.count(len(top1), 'part')} "
                     f"{narrate.verb(len(sig_top), 'has', 'have')} a key word that survives one correction family, "
                     f"{len(conc)} of these resting on a single passage")
if longest_run is not None:
    steps.append("the 要-runs " + narrate.holds(
        perm.share.p_value < 0.05, "are more clustered than chance", narrate.holds(
            perm.share.p_value >= 0.975, "are less clustered than chance",
            "are about as clustered as their density makes likely")))
if len(parts) >= 2:
    steps.append("against the Government Work Reports, compared part for part, " + narrate.holds(
        tk["below"] == tk["n"], "its task parts are more directive than any report's",
        f"its task parts are more directive than {tk['below']} of {tk['n']} reports' task parts"))
if steps:
    narrate.show(
        "A bag of words says what the text is about. A structure-aware reading adds what it *does* and *in what "
        "order*: " + "; ".join(steps) + "."
        + ("" if len(parts) >= 2 and longest_run is not None else
           " (The findings that need " + narrate.join(([] if len(parts) >= 2 else ["two or more parts"])
                                                       + ([] if longest_run is not None else ["要-runs"]))
           + " are skipped for this text.)")
        + " Each notebook takes one of these steps in detail, starting with how the outline is recovered from the "
        "raw file (notebook 01).")
else:
    narrate.show("This text has neither two parts nor 要-runs, so the findings above are skipped. The notebooks that "
                 "follow still describe its words, patterns and structure.")

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** Which part is the longest in characters (without whitespace), and what share of
#    the body does it take? Then: is the longest part also the one with the most directive markers
#    (counts, not densities)? What does the difference between counts and densities tell a reader?
# 2. **Down to the segments.** With `pt.directive_profile(speech, by="segment")`, find the most and
#    the least directive segment among those of at least 150 characters. Does any segment of part 一
#    reach the value of the whole text? Read the preamble of part 四 (`speech.units("segment")`):
#    what kind of text is it, and would a table of sub-points alone have shown it?
# 3. **One marker, like with like.** Compare 必须 alone in the task parts of the text and of the
#    Government Work Reports (`sections.part_densities` / `sections.section_densities` with an
#    `events` function that keeps only 必须 from `pt.directive_events`). Is the text as exceptional on
#    必须 as on all markers together? Which would you report, and why?
#
# Worked solutions: `notebooks/solutions/00-solutions.ipynb`.
