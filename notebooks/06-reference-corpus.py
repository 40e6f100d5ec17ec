# %% [markdown]
# # 06 · Against a reference corpus
#
# The earlier notebooks compared the speech with itself, part against part. A reader's first
# question is different: **what in this speech is unusual for Chinese political language at all?**
# To answer it we need a *reference corpus* — a large body of texts of the same register. Ours is
# the 52 Government Work Reports (政府工作报告) of the State Council, 1954–2025
# (`data/reference/government_work_reports.jsonl`, public domain, from Wikisource).
#
# We ask four questions:
#
# 1. Which words does the speech use far more (or far less) than the reports? (*keyness*)
# 2. Which words characterise it, if "rare" means rare *in political prose* rather than rare in
#    the speech's own parts or in general Chinese? (*TF-IDF with three different IDFs*)
# 3. How did its key terms, and its directive style, develop in the reports over time?
# 4. Where does the speech stand among the reports on the rhetorical measures of notebook 05?
#
# Every number in the prose is computed; `assert` statements check each claim. Claims that only hold
# for the study's speech and corpus are skipped for other inputs, and the notebook says so.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))
TERMS = ["疫情", "防控", "复工复产", "脱贫攻坚"]  # key terms to follow over time
SPEECH_YEAR = None  # None: the year of the speech's date (metadata), for the star in the time plots

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse.patterns import pattern_profile
from zhdiscourse.stats import reference
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
corpus = open_corpus(CORPUS)
reports = corpus.reports()
if SPEECH_YEAR is None and speech.metadata.date:
    SPEECH_YEAR = int(speech.metadata.date[:4])

# %% [markdown]
# ## 1. The reference corpus
#
# The file holds the reports and some short NPC resolutions *on* the reports; we use the reports
# only. Every report is run through the same structure parser as the speech. The table summarises,
# per decade, how many parts (一、二、…) and sub-points the parser finds.

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
display(Markdown(
    f"**{n_rep} reports** ({st['year'].min()}–{st['year'].max()}), **{n_chars:,} characters**. Parts are "
    f"found in {n_rep - len(no_parts)} of them; the commonest heading style is "
    + ", ".join(f"`{k}` ({v})" for k, v in styles.items())
    + (f". No parts found in: {', '.join(map(str, no_parts))}." if no_parts else ".")))

# %% [markdown]
# ## 2. Keyness: what the speech over- and under-uses
#
# For each word we compare its frequency in the speech with its frequency in all reports together,
# with the **same** test as for part against part in notebook 03: log-likelihood **G²** (is the
# difference bigger than chance?), **Log Ratio** (how big: +1 = twice as frequent in the speech, −3 =
# eight times rarer) and Benjamini–Hochberg corrected p-values. Only content words count (no
# stopwords, punctuation or numerals).

# %%
ref = reference.reference_counts(corpus)  # reports by default; token tables cached per document
key = reference.reference_keyness(speech, ref=ref, tokens=toks)
over = key[(key["direction"] == "+") & key["significant"]]
under = key[(key["direction"] == "-") & key["significant"]]
cols = ["term", "freq", "freq_ref", "per_1k", "per_1k_ref", "g2", "log_ratio", "p_adj"]
key[cols].head(10).round(3)

# %%
key[cols].tail(8).iloc[::-1].round(3)

# %%
fig = rplot.keyness_reference_bars(key, n=15)
saved = save_figure(fig, "06-keyness-reference", caption="Keyness of the speech against the Government Work "
                    "Reports: the 15 most over-used (right) and under-used (left) content words by G² "
                    "(significant after Benjamini-Hochberg), bar length = Log Ratio.")

# %%
top_over, top_under = over["term"].head(5).tolist(), under.sort_values("g2", ascending=False)["term"].head(5).tolist()
if CHECK:
    assert "疫情" in top_over or "疫情防控" in top_over
    assert {"发展", "经济", "建设"} & set(top_under)
display(Markdown(
    f"The speech has **{key.attrs['n_target']:,} content tokens**, the reports **{key.attrs['n_reference']:,}**. "
    f"**{len(over)}** words are significantly over-used, led by {'、'.join(top_over)}; **{len(under)}** are "
    f"significantly under-used, led by {'、'.join(top_under)}. The over-used words name the moment (the "
    "epidemic and the places and people it struck); the under-used ones are the staples of a yearly "
    "report — the economy, development, construction — which this speech barely mentions."))

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
    f"IDF the top word is **{top_term}**, found in only {int(cmp['reference_df'].iloc[0])} of "
    f"{cmp.attrs['n_docs']} reports, and the list is all about the epidemic. The within-speech list has "
    f"{len(within_only)} words the reference list lacks ({'、'.join(within_only[:4])} …), used in a median of "
    f"{median_df(within_only):.0f} reports: with only {len(speech.sections)} parts its IDF hardly varies, so it "
    f"is close to a frequency list. jieba's list has {len(jieba_only)} such words. "
    + (f"{len(fragments)} of them ({'、'.join(fragments)}) are pieces of longer words that jieba, without our "
       "domain dictionary, cuts apart. " if fragments else "")
    + f"The others ({'、'.join(jieba_common[:5])} …) are used in a median of {median_df(jieba_common):.0f} reports: "
    "ordinary words of political prose, which only a general-language IDF finds remarkable."))

# %% [markdown]
# ## 4. Key terms over time
#
# How often did the reports use the speech's key terms? We count each term as a string in each
# report's body, **per 1,000 characters** (so long and short reports are comparable, and 防控 inside
# 疫情防控 counts too). The speech is not in the corpus; it is drawn as a dashed line (its value)
# and a star at its year.

# %%
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
    f"**{t}**: speech {sp_rates[t]:.2f}, highest report {max_rep[t]:.2f}, first report using it "
    f"{first[t] if first[t] else '—'}" for t in TERMS) + " (per 1,000 characters)."))

# %% [markdown]
# ## 5. Is this speech unusually directive? Let the numbers say
#
# Notebook 04 counts directive markers: modal 要 (重要, 需要, 要求 … are *not* counted), 必须, 坚决
# and the rest of the directive family. We run the same detector over every report and compare
# densities per 1,000 characters.

# %%
prof = pattern_profile(corpus, speech=speech)
dens = ["要_per_1k", "必须_per_1k", "坚决_per_1k", "directives_per_1k"]
prof.set_index("doc")[dens].tail(4).round(2)

# %%
fig = rplot.measure_over_time(prof, "directives_per_1k", speech_year=SPEECH_YEAR,
                              ylabel="directive markers per 1,000 characters",
                              title="Directive markers (modal 要, 必须, 坚决 …) over time")
saved = save_figure(fig, "06-directives-over-time", caption="Density of directive markers per 1,000 characters "
                    "in each Government Work Report, with the median of the reports (dotted) and the speech "
                    "(dashed line, star).")

# %%
pos = reference.position(prof, "directives_per_1k")
yao = reference.position(prof, "要_per_1k")
unusual = pos["percentile"] >= 90
if CHECK:
    assert unusual and pos["rank"] == 1 and pos["value"] > pos["max"]
verdict = ("Yes: it is more directive than " if unusual else "Not unusually: it is more directive than ")
display(Markdown(
    f"{verdict}**{pos['below']} of {pos['n']} reports** (percentile {pos['percentile']:.0f}). The speech has "
    f"**{pos['value']:.1f}** directive markers per 1,000 characters; the reports' median is "
    f"{pos['median']:.1f} and their maximum {pos['max']:.1f} ({pos['max_year']}). Modal 要 alone: "
    f"{yao['value']:.1f} against a median of {yao['median']:.1f} (rank {yao['rank']} of {yao['n'] + 1})."))

# %% [markdown]
# A report looks back on a year and announces plans; this speech is a set of instructions to
# officials in the middle of a crisis. The density says *how much* it commands, not *why*: the
# genre difference is part of the answer.
#
# ## 6. Parallelism and frames
#
# The parallelism detector (排比) and the frame templates of notebook 04 over every report. Note
# that the frame templates in `src/zhdiscourse/lexicon/frames.txt` were written from *this* speech, so the
# reports mostly score 0 on them — the comparison says as much about the templates as about the texts.

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
display(Markdown(
    f"Parallelism: **{par['value']:.1f}** instances per 1,000 characters, more than {par['below']} of "
    f"{par['n']} reports (rank {par['rank']}; median {par['median']:.1f}, maximum {par['max']:.1f} in "
    f"{par['max_year']}). Parallel structures are a staple of the genre; the speech uses them a little "
    "more than most reports, and it is far more directive."))

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** Add 口罩 (face masks) and 小康 (moderate prosperity) to `TERMS` and redraw the
#    trend figure. In which report does 小康 peak?
# 2. **Resolutions as reference.** Compute the keyness of the speech against the NPC
#    *resolutions* instead of the reports (`reference_counts(corpus, kind="resolution")`). How many
#    words can be tested now, which words come out as under-used, and why is this a poor reference?
# 3. **Decades.** Is the speech's directive density unusual compared with the reports of the
#    2010s only? Compute its `position` among them, and plot the median density per decade.
#
# Worked solutions: `notebooks/solutions/06-solutions.ipynb`.
