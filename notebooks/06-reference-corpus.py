# %% [markdown]
# # 06 · Against a reference corpus
#
# The earlier notebooks compared the speech with itself, part against part. A reader's first
# question is different: **what in this speech is unusual for Chinese political language at all?**
# To answer it we need a *reference corpus* — a large body of texts of the same register. Ours is
# the 52 Government Work Reports (政府工作报告) of the State Council, 1954–2025
# (`data/reference/government_work_reports.jsonl`, public domain, from Wikisource). A second
# reference corpus, the reports of the CPC Central Committee to the Party congresses (9th–18th,
# 1969–2012; `data/reference/cpc_congress_reports_1-18.jsonl`), is closer in genre to a speech by the
# Party's General Secretary, and checks whether a finding depends on the one corpus chosen.
#
# We ask four questions:
#
# 1. Which words does the speech use far more (or far less) than the reports? (*keyness*)
# 2. Which words characterise it, if "rare" means rare *in political prose* rather than rare in
#    the speech's own parts or in general Chinese? (*TF-IDF with three different IDFs*)
# 3. How did its key terms, and its directive style, develop in the reports over time — and how
#    directive is each part of the speech compared with the *same kind of part* of the reports?
# 4. Where does the speech stand among the reports on the other rhetorical measures of notebook 04?
#
# Every sentence that states a result is computed from the text and corpus the notebook is given;
# `assert` statements check the claims about the study's speech and corpus, and are skipped for
# other inputs.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))
CONGRESS = str(paths.data_path("reference", "cpc_congress_reports_1-18.jsonl"))
TERMS = None  # key terms to follow over time; None: the study speech's four on it, else the text's most over-used
SPEECH_TERMS = ["疫情", "防控", "复工复产", "脱贫攻坚"]  # the study speech's key terms
SPEECH_YEAR = None  # None: the year of the speech's date (metadata), for the star in the time plots

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse import patterns as pt
from zhdiscourse.patterns import pattern_profile
from zhdiscourse.stats import intervals, reference, sections
from zhdiscourse.study import findings, narrate
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.text.survey import structure_table
from zhdiscourse.plots import reference as rplot
from zhdiscourse.plots import save_figure, setup_fonts
from zhdiscourse.tokenize.table import tokens

setup_fonts()
pd.set_option("display.max_colwidth", 30)
THIS_SPEECH = paths.is_reference_text(TEXT)
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")
CHECK = THIS_SPEECH and THIS_CORPUS  # claims about this speech against this corpus
display(Markdown(f"Text: `{paths.relative(TEXT)}`; corpus: `{paths.relative(CORPUS)}` — " + (
    "the study's own speech and corpus: all checks below run." if CHECK else
    "**not the study's speech and corpus: checks that only hold for them are skipped.**")))

# %%
speech = load_speech(TEXT)
toks = tokens(speech)
corpus, left_out = open_corpus(CORPUS).without(speech.text[speech.body_start:speech.body_end])
if left_out:  # a text taken from a reference corpus is not compared with itself
    narrate.show(f"*The text is itself in the reference corpus ({', '.join(left_out)}): it is left out of the "
                 "comparisons below.*")
reports = corpus.reports()
if SPEECH_YEAR is None and speech.metadata.date:
    SPEECH_YEAR = int(speech.metadata.date[:4])

# %% [markdown]
# ## 1. The reference corpus
#
# The file holds the reports and some short NPC resolutions *on* the reports; we use the reports
# only. Every report is run through the same structure parser as the speech. The table summarises,
# per decade, how many parts (一、二、…) and sub-points the parser finds, and how many reports were
# not (entirely) in simplified characters: those are converted character by character to simplified
# characters before anything is counted, keeping every offset (`zhdiscourse.text.corpus`).

# %%
st = structure_table(reports)
st["decade"] = (st["year"] // 10 * 10).astype(int).astype(str) + "s"
overview = st.groupby("decade").agg(
    reports=("id", "size"), chars=("chars", "sum"), parts_median=("parts", "median"),
    subpoints_median=("subpoints", "median"), without_parts=("parts", lambda s: int((s == 0).sum())),
    traditional=("script", lambda s: int((s != "simplified").sum())))
overview

# %%
n_rep, n_chars = len(reports), int(st["chars"].sum())
no_parts = st.loc[st["parts"] == 0, "year"].astype(int).tolist()
styles = st.loc[st["parts"] > 0, "part_style"].value_counts()
if THIS_CORPUS:
    assert n_rep == 52 and st["year"].min() == 1954 and st["year"].max() == 2025
    assert len(no_parts) <= 3
converted = [(int(d.year), c) for d in reports if (c := d.cleaning).simplified]
if THIS_CORPUS:
    assert [y for y, _ in sorted(converted, key=lambda x: x[0])] == [1954, 1955, 1957]
narrate.show(
    f"**{n_rep} reports** ({st['year'].min()}–{st['year'].max()}), **{n_chars:,} characters**. Parts are "
    f"found in {n_rep - len(no_parts)} of them; the commonest heading style is "
    + ", ".join(f"`{k}` ({v})" for k, v in styles.items())
    + (f". No parts found in: {', '.join(map(str, no_parts))}." if no_parts else ".")
    + (" Converted from traditional characters: " + "; ".join(
        f"the {y} report ({c.simplified:,} {'character' if c.simplified == 1 else 'characters'}, "
        f"{c.trad_ratio:.1%} of its Han characters)"
        for y, c in sorted(converted, key=lambda x: x[0])) + ". Without the conversion, 國 and 国 would count as two "
        "words, and those reports would look poor in the vocabulary of any simplified text." if converted else
       " Every report is in simplified characters."))

# %% [markdown]
# ## 2. Keyness: what the speech over- and under-uses
#
# For each word we compare its frequency in the speech with its frequency in all reports together,
# with the **same** test as for part against part in notebook 03: **Fisher's exact test** with one
# Benjamini–Hochberg correction over all words (is the difference bigger than chance?), **G²** as the
# measure of strength, and **Log Ratio** (how big: +1 = twice as frequent in the speech, −3 = eight
# times rarer). The speech is small (a few thousand content words), so most words expect fewer than
# 5 occurrences in it; they are tested exactly and flagged (`low_expected`). Only content words count
# (no stopwords, punctuation or numerals).

# %%
ref = reference.reference_counts(corpus)  # reports by default; token tables cached per document
key = reference.reference_keyness(speech, ref=ref, tokens=toks)  # Fisher's exact test, expected-count floor 5
over = key[(key["direction"] == "+") & key["significant"]]
under = key[(key["direction"] == "-") & key["significant"]]
cols = ["term", "freq", "freq_ref", "per_1k", "per_1k_ref", "g2", "log_ratio", "p_fisher", "p_adj"]
key[cols].head(10).round(3)

# %%
key[cols].tail(8).iloc[::-1].round(3)

# %%
fig = rplot.keyness_reference_bars(key, n=15)
saved = save_figure(fig, "06-keyness-reference", caption="Keyness of the speech against the Government Work "
                    "Reports: the 15 most over-used (right) and under-used (left) content words by G² "
                    "(significant with Fisher's exact test after one Benjamini-Hochberg correction over all "
                    "words), bar length = Log Ratio.")

# %%
top_over, top_under = over["term"].head(5).tolist(), under.sort_values("g2", ascending=False)["term"].head(5).tolist()
n_low = int(key["low_expected"].sum()) if "low_expected" in key else 0
if CHECK:
    assert top_over[:2] == ["疫情防控", "疫情"] and {"发展", "经济", "建设"} <= set(top_under)
    assert (len(over), len(under), key.attrs["n_tests"], n_low) == (85, 10, 7105, 7014)
for k, v in {"ref.over": len(over), "ref.under": len(under), "ref.tested": key.attrs["n_tests"],
             "ref.low_expected": n_low}.items():
    findings.record(k, int(v), "{:,}")
for i, term in enumerate(top_over[:2], 1):
    findings.record(f"ref.over_{i}", term, text=term)
narrate.show(
    f"The text has **{key.attrs['n_target']:,} content tokens**, the reports **{key.attrs['n_reference']:,}**. "
    f"Of {key.attrs['n_tests']:,} words tested ({n_low:,} of them expected fewer than 5 times in the text), "
    f"**{len(over)}** {narrate.verb(len(over), 'is', 'are')} significantly over-used"
    + (f", led by {'、'.join(top_over)}" if top_over else "")
    + f"; **{len(under)}** {narrate.verb(len(under), 'is', 'are')} significantly under-used"
    + (f", led by {'、'.join(top_under)}" if top_under else "") + "."
    + (" The over-used words name the moment (the epidemic and the places and people it struck); the under-used "
       "ones are the staples of a yearly report — the economy, development, construction — which this speech "
       "barely mentions." if CHECK else ""))

# %% [markdown]
# **Baseline: does it depend on the reference?** The same test against the second reference corpus,
# the congress reports (9th–18th):

# %%
congress, left_out = reference.load_congress_reports(CONGRESS, min_congress=9).without(
    speech.text[speech.body_start:speech.body_end])
if left_out:  # a text taken from a reference corpus is not compared with itself
    narrate.show(f"*The text is itself in the reference corpus ({', '.join(left_out)}): it is left out of the "
                 "comparisons below.*")
cref = reference.reference_counts(congress, kind=None)
ckey = reference.reference_keyness(speech, ref=cref, tokens=toks)
c_over = ckey[(ckey["direction"] == "+") & ckey["significant"]]
c_under = ckey[(ckey["direction"] == "-") & ckey["significant"]]
top15 = over["term"].head(15).tolist()
kept = [t for t in top15 if t in set(c_over["term"])]
c_top_under = c_under.sort_values("g2", ascending=False)["term"].head(5).tolist()
if CHECK:
    assert len(kept) == len(top15) == 15 and {"发展", "经济", "建设"} <= set(c_under["term"])
findings.record("ref.cong_kept", len(kept))
findings.record("ref.cong_top", len(top15))
narrate.show(
    f"Against the {cref.n_docs} congress reports ({cref.n_tokens:,} content tokens), **{len(c_over)}** words are "
    f"significantly over-used and **{len(c_under)}** under-used (led by {'、'.join(c_top_under) or '—'}). "
    f"**{len(kept)} of the {len(top15)}** most over-used words against the Government Work Reports are over-used "
    "against the congress reports too: " + narrate.holds(len(kept) == len(top15), "the finding does not depend on "
                                                         "the reference corpus.", "the rest depend on the reference."))

# %% [markdown]
# ## 3. TF-IDF with three different ideas of "rare"
#
# TF-IDF scores a word high when it is frequent here (TF) and rare elsewhere (IDF). Everything
# depends on what "elsewhere" is:
#
# * **reference**: the 52 reports, with the speech scored as a new document;
# * **within**: the speech's own parts (as in notebook 03);
# * **jieba**: jieba's built-in IDF table, learnt from general Chinese.

# %%
cmp = reference.compare_tfidf(speech, ref=ref, tokens=toks, top=12)
cmp[["rank", "reference_term", "reference_df", "within_term", "jieba_term"]]

# %%
ref_set, within_set, jieba_set = (set(cmp[c].dropna()) for c in ("reference_term", "within_term", "jieba_term"))
top_term = cmp["reference_term"].iloc[0]


def median_df(terms):
    """Median number of reports that use each of the terms."""
    return float(ref.doc_freq.reindex(list(terms), fill_value=0).median()) if len(terms) else 0.0


within_only = [t for t in cmp["within_term"].dropna() if t not in ref_set]
jieba_only = [t for t in cmp["jieba_term"].dropna() if t not in ref_set]
speech_vocab = set(toks["token"])
fragments = [t for t in jieba_only if t not in speech_vocab]  # jieba cut a word our dictionary keeps whole
jieba_common = [t for t in jieba_only if t in speech_vocab]
if CHECK:
    assert top_term in ("疫情防控", "疫情")
    assert within_only and median_df(within_only) >= ref.n_docs / 2
    assert jieba_common and median_df(jieba_common) >= ref.n_docs / 2
    assert all(any(f in w and f != w for w in speech_vocab) for f in fragments)
display(Markdown(
    f"The three top-12 lists share **{len(ref_set & within_set & jieba_set)}** words. With the reference "
    f"IDF the top word is **{top_term}**, found in {narrate.holds(cmp['reference_df'].iloc[0] < cmp.attrs['n_docs'] / 2, 'only ', '')}"
    f"{int(cmp['reference_df'].iloc[0])} of {cmp.attrs['n_docs']} reports"
    + (", and the list is all about the epidemic" if CHECK else "") + ". The within-text list has "
    f"{len(within_only)} words the reference list lacks ({'、'.join(within_only[:4])} …), used in a median of "
    f"{median_df(within_only):.0f} reports: with {narrate.count(len(speech.sections), 'part')} its IDF takes at most "
    f"{max(len(speech.sections), 1)} values, so it stays close to a frequency list (notebook 03). jieba's list has "
    f"{len(jieba_only)} such words. "
    + (f"{len(fragments)} of them ({'、'.join(fragments)}) are pieces of longer words that jieba, without our "
       "domain dictionary, cuts apart. " if fragments else "")
    + f"The others ({'、'.join(jieba_common[:5])} …) are used in a median of {median_df(jieba_common):.0f} reports: "
    "ordinary words of political prose, which only a general-language IDF finds remarkable."))

# %% [markdown]
# ## 4. Key terms over time
#
# How often did the reports use the text's key terms? On the study's speech these are four terms
# chosen for it; on another text (unless `TERMS` is set), its four most over-used words against the
# reports (section 2). We count each term as a string in each report's body, **per 1,000 characters** (so long and short reports are comparable, and 防控 inside
# 疫情防控 counts too). The speech is not in the corpus; it is drawn as a dashed line (its value)
# and a star at its year.

# %%
if TERMS is None:
    TERMS = SPEECH_TERMS if THIS_SPEECH else (over["term"].head(4).tolist()
                                              or key.sort_values("freq", ascending=False)["term"].head(4).tolist())
trend = reference.term_trend(corpus, TERMS, speech=speech)
wide = reference.trend_wide(trend)
wide.tail(6).round(3)

# %%
fig = rplot.term_trend_plot(trend, speech_year=SPEECH_YEAR)
saved = save_figure(fig, "06-term-trend", caption="Occurrences of key terms per 1,000 characters in each "
                    "Government Work Report by year; the speech as a dashed line and a star at its year.")

# %%
rates = wide.set_index("doc")
first = {t: (int(wide.loc[wide[t] > 0, "year"].min()) if (wide.loc[wide["doc"] != "speech", t] > 0).any() else None)
         for t in TERMS}
sp_rates = rates.loc["speech", TERMS]
max_rep = rates.drop(index="speech")[TERMS].max()
if CHECK:
    assert sp_rates["疫情"] > max_rep["疫情"]
    assert first["复工复产"] is not None and first["复工复产"] >= 2020
display(Markdown("; ".join(
    f"**{t}**: text {sp_rates[t]:.2f}, highest report {max_rep[t]:.2f}, first report using it "
    f"{first[t] if first[t] else '—'}" for t in TERMS) + " (per 1,000 characters)."))

# %% [markdown]
# ## 5. Is this speech unusually directive? Compare like with like
#
# Notebook 04 counts directive markers: modal 要 (重要, 需要, 要求 … are *not* counted), 必须, 坚决
# and the rest of the directive family (`pt.directive_events`). We run the same detector over every
# report and compare densities per 1,000 characters — first of whole texts, then of comparable parts.

# %%
prof = pattern_profile(corpus, speech=speech)
dens = ["要_per_1k", "必须_per_1k", "坚决_per_1k", "directives_per_1k"]
prof.set_index("doc")[dens].tail(4).round(2)

# %%
fig = rplot.measure_over_time(prof, "directives_per_1k", speech_year=SPEECH_YEAR,
                              ylabel="directive markers per 1,000 characters",
                              title="Directive markers (modal 要, 必须, 坚决 …) in whole texts over time")
saved = save_figure(fig, "06-directives-over-time", caption="Density of directive markers per 1,000 characters "
                    "in each whole Government Work Report by year, with the median of the reports (dotted) and "
                    "the whole speech (dashed line, star).")

# %%
pos = reference.position(prof, "directives_per_1k")
yao = reference.position(prof, "要_per_1k")
whole_docs = sections.document_densities(corpus, pt.directive_events)
decades = sections.era_summary(whole_docs).set_index("era")
if CHECK:
    assert pos["rank"] == 1 and pos["value"] > pos["max"] and pos["max_year"] == 1978
    assert round(decades["median"].max(), 1) == 11.8 and decades["median"].idxmax() == "1970s"
    assert round(decades.loc["2020s", "median"], 1) == 3.0
narrate.show(
    f"Taken whole, the text has **{pos['value']:.1f}** directive markers per 1,000 characters, more than "
    f"**{pos['below']} of {pos['n']} reports** (median {pos['median']:.1f}, maximum {pos['max']:.1f} in "
    f"{pos['max_year']}); modal 要 alone: {yao['value']:.1f} against a median of {yao['median']:.1f} (rank "
    f"{yao['rank']} of {yao['n'] + 1}). But the reports' own density moved with the era — decade medians "
    + ", ".join(f"{e} {r['median']:.1f}" for e, r in decades.iterrows())
    + " — so the highest report marks its decade, and a whole report is a mix of a review and a list of tasks, "
    "in proportions that change from year to year.")
decades[["documents", "median", "min", "max"]].round(1)

# %% [markdown]
# **Like with like.** A report, like the speech, opens with a review of the work done (its first
# part) and then sets out the tasks (the later parts). We compare the speech's first part with the
# reports' first parts, and its later parts with their later parts, over all years and within each
# decade. For the speech we also give a 95 % interval (a bootstrap over its sentences): a value
# outside the reports' range counts only if the interval is outside it too. (How well the positional
# rule fits: the share of first parts whose title names a review — 回顾, 过去, 总结 … — is given below.)

# %%
if len(speech.sections) >= 2:
    mine = sections.part_densities(speech, pt.directive_events, grouping="role")
    gwr = sections.section_densities(corpus, pt.directive_events, grouping="role")
    cmp = sections.compare_parts(mine, gwr)
    era = sections.era_of(SPEECH_YEAR) if SPEECH_YEAR else None
    show = cmp[cmp["era"].isin(["all", era])]
    display(show[["role", "value", "lo", "hi", "era", "n", "below", "median", "max", "max_doc", "below_lo"]].round(1))
    wide = gwr.pivot_table(index=["doc", "year"], columns="role", values="directives_per_1k").reset_index()
    wide = pd.concat([wide, pd.DataFrame([{"doc": reference.SPEECH_ID, "year": SPEECH_YEAR,
                                           **dict(zip(mine["role"], mine["directives_per_1k"]))}])], ignore_index=True)
    fig = rplot.position_strips(wide.dropna(subset=["review", "tasks"]), ["review", "tasks"],
                                labels=["review (first part)", "tasks (later parts)"],
                                title="Directive markers per 1,000 characters: review and task parts")
    saved = save_figure(fig, "06-directives-by-role", caption="Directive markers per 1,000 characters in the first "
                        "part (review) and in the later parts together (tasks) of each Government Work Report with "
                        "parts (dots, box: middle half), and in the same parts of the speech (star, with its rank).")
else:
    narrate.show("*This text has fewer than two parts: it has no review and task parts to compare.*")

# %%
if len(speech.sections) >= 2:
    c = cmp.set_index(["era", "role"])
    rv, tk = c.loc[("all", "review")], c.loc[("all", "tasks")]
    rv_e = c.loc[(era, "review")] if (era, "review") in c.index else None
    tk_e = c.loc[(era, "tasks")] if (era, "tasks") in c.index else None
    ccmp = sections.compare_parts(mine, sections.section_densities(congress, pt.directive_events, kind=None,
                                                                   grouping="role"), by_era=False).set_index("role")
    share_titled = gwr.attrs["review_title_share"]
    if CHECK:
        assert (tk["below"], tk["n"], tk["below_lo"]) == (50, 50, 50) and tk_e["below"] == tk_e["n"]
        assert (rv["below"], rv["n"]) == (33, 50) and rv_e["below"] == rv_e["n"] == 5
        assert ccmp.loc["tasks", "below"] == ccmp.loc["tasks", "n"] == 10 and ccmp.loc["review", "below"] == 1
        assert round(share_titled, 2) == 0.74
    findings.record("ref.review_title_share", 100 * share_titled, "{:.0f}")
    narrate.show(
        f"**Tasks.** The text's task parts, **{tk['value']:.1f}** ({tk['lo']:.1f}–{tk['hi']:.1f}), are above "
        f"{tk['below']} of the {tk['n']} reports' task parts (highest {tk['max']:.1f}, {tk['max_doc']})"
        + (f" and above {tk_e['below']} of the {tk_e['n']} of the {era} (median {tk_e['median']:.1f})" if tk_e is not None else "")
        + f"; the lower end of the interval is above {tk['below_lo']} of them. Against the congress reports: above "
        f"{ccmp.loc['tasks', 'below']} of {ccmp.loc['tasks', 'n']} (highest {ccmp.loc['tasks', 'max']:.1f}, "
        f"{ccmp.loc['tasks', 'max_doc']}). "
        f"**Review.** Part {speech.sections[0].number}, **{rv['value']:.1f}** ({rv['lo']:.1f}–{rv['hi']:.1f}), is above "
        f"{rv['below']} of the {rv['n']} reports' reviews (median {rv['median']:.1f})"
        + (f" and above {rv_e['below']} of the {rv_e['n']} of the {era} (median {rv_e['median']:.1f})" if rv_e is not None else "")
        + f", and above {ccmp.loc['review', 'below']} of the {ccmp.loc['review', 'n']} congress reports' reviews "
        f"(median {ccmp.loc['review', 'median']:.1f}). "
        + narrate.holds(tk["below"] == tk["n"] and 0.1 * rv["n"] < rv["below"] < 0.9 * rv["n"],
                        "So what is unusual is the density of the *orders*; the review is an ordinary review. ",
                        "")
        + f"({share_titled:.0%} of the reports' first parts have a title that names a review, so the positional rule "
        "fits most but not all of them.)")

# %% [markdown]
# A report looks back on a year and announces plans to a legislature. The densities say *how much*
# a text commands, not *why*: occasion, genre and era all enter.

# %%
narrate.speech_only(THIS_SPEECH, (
    "The study's speech is a set of instructions to officials at a deployment meeting in the middle of a crisis, and "
    "the congress reports of its speaker (19th, 2017; 20th, 2022) are not in the congress corpus, so the data cannot "
    "separate the occasion from the speaker."))

# %% [markdown]
# ## 6. Parallelism and frames
#
# The parallelism detector (排比) and the frame templates of notebook 04 over every report. Note
# that the frame templates in `src/zhdiscourse/lexicon/frames.txt` were written from the study's own
# speech, so the reports mostly score 0 on them — the comparison says as much about the templates as
# about the texts.

# %%
rhet = reference.positions(prof, ["parallelisms_per_1k", "frames_per_1k", "directives_per_1k"])
rhet[["column", "value", "median", "max", "rank", "percentile"]].round(2)

# %%
fig = rplot.position_strips(prof, ["directives_per_1k", "parallelisms_per_1k", "frames_per_1k"],
                            labels=["directives", "parallelisms", "frames"])
saved = save_figure(fig, "06-rhetoric-position", caption="Directive markers, parallelisms and frame series per "
                    "1,000 characters: each Government Work Report as a dot, the speech as a star with its rank.")

# %%
par = reference.position(prof, "parallelisms_per_1k")
if CHECK:
    assert par["percentile"] >= 75
narrate.show(
    f"Parallelism: **{par['value']:.1f}** instances per 1,000 characters, more than {par['below']} of "
    f"{par['n']} reports (rank {par['rank']}; median {par['median']:.1f}, maximum {par['max']:.1f} in "
    f"{par['max_year']}). "
    + ("Parallel structures are a staple of the genre, and the text uses them more than most reports. "
       if par["percentile"] >= 75 else "The text uses parallel structures less than most reports. "
       if par["percentile"] <= 25 else "On parallelism the text is not unusual among the reports. ")
    + "These are whole-text densities, with the caveats of section 5 (the mix of review and tasks, the era).")

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** Add 口罩 (face masks) and 小康 (moderate prosperity) to `TERMS` and redraw the
#    trend figure. In which report does 小康 peak? What does the shape of its curve say about the
#    reports' agenda over the decades?
# 2. **Resolutions as reference.** Compute the keyness of the speech against the NPC
#    *resolutions* instead of the reports (`reference_counts(corpus, kind="resolution")`). How many
#    words can be tested now, which words come out as under-used, and why is this a poor reference?
# 3. **Decades, like with like.** Compare the speech's review part and its task parts with the
#    reviews and the task parts of the 2010s reports only (`sections.compare_parts`), and plot the
#    median density of review and task parts per decade. Which of the two comparisons carries the
#    finding "the speech is unusually directive", and which would mislead if reported alone?
#
# Worked solutions: `notebooks/solutions/06-solutions.ipynb`.
