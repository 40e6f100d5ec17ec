# %% [markdown]
# # 06 · Worked solutions: against a reference corpus
#
# Solutions to the exercises at the end of `06-reference-corpus`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech) and the corpus from
# `ZHD_CORPUS` (default: the Government Work Reports).

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse.patterns import pattern_profile
from zhdiscourse.stats import reference
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.plots import reference as rplot
from zhdiscourse.plots import setup_fonts
from zhdiscourse.study import narrate

setup_fonts()
speech = load_speech(TEXT)
corpus, _ = open_corpus(CORPUS).without(speech.text[speech.body_start:speech.body_end])  # never the text itself
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")
THIS_SPEECH = paths.is_reference_text(TEXT)
CHECK = THIS_SPEECH and THIS_CORPUS
YEAR = int(speech.metadata.date[:4]) if speech.metadata.date else None  # the star in the trend plot

# %% [markdown]
# ## Exercise 1 — two more terms
#
# `term_trend` takes any list of strings. The figure function draws one panel per term. The notebook's
# `TERMS` are the study speech's four key terms on the speech, else the text's four most over-used
# words against the reports; we add the two new ones.

# %%
if THIS_SPEECH:
    TERMS = ["疫情", "防控", "复工复产", "脱贫攻坚"]
else:
    key = reference.reference_keyness(speech, ref=reference.reference_counts(corpus))
    TERMS = key[(key["direction"] == "+") & key["significant"]]["term"].head(4).tolist()
terms = list(dict.fromkeys(TERMS + ["口罩", "小康"]))
trend = reference.term_trend(corpus, terms, speech=speech)
fig = rplot.term_trend_plot(trend, speech_year=YEAR)

# %%
xk = trend[(trend["term"] == "小康") & (trend["kind"] == "report")]
peak = xk.loc[xk["per_1k"].idxmax()]
if THIS_CORPUS:
    assert int(peak["year"]) >= 1990
display(Markdown(f"小康 peaks in the **{int(peak['year'])}** report: {peak['per_1k']:.2f} per 1,000 characters "
                 f"({int(peak['count'])} times)."))

# %% [markdown]
# ## Exercise 2 — the resolutions as reference
#
# The resolutions are short formulaic texts ("the session approves the report …"). Against them the
# test changes character: far fewer words reach the minimum frequency, and the words that come out
# as under-used are the formula of a resolution, not the language of government.

# %%
ref_res = reference.reference_counts(corpus, kind="resolution")
ref_rep = reference.reference_counts(corpus, kind="report")
k_res = reference.reference_keyness(speech, ref=ref_res)
k_rep = reference.reference_keyness(speech, ref=ref_rep)
summary = pd.DataFrame({
    "reference": ["resolutions", "reports"],
    "documents": [ref_res.n_docs, ref_rep.n_docs],
    "content tokens": [ref_res.n_tokens, ref_rep.n_tokens],
    "terms tested": [len(k_res), len(k_rep)],
    "significant +": [int((k_res["significant"] & (k_res["direction"] == "+")).sum()),
                      int((k_rep["significant"] & (k_rep["direction"] == "+")).sum())],
    "significant -": [int((k_res["significant"] & (k_res["direction"] == "-")).sum()),
                      int((k_rep["significant"] & (k_rep["direction"] == "-")).sum())],
})
summary

# %%
under_res = k_res[k_res["direction"] == "-"].sort_values("g2", ascending=False)["term"].head(6).tolist()
over_res = k_res[k_res["direction"] == "+"]["term"].head(8).tolist()
generic = [t for t in over_res if ref_rep.doc_freq.get(t, 0) >= ref_rep.n_docs / 2]
if THIS_CORPUS:
    assert ref_res.n_tokens < ref_rep.n_tokens / 10 and len(k_res) < len(k_rep) / 10
    assert {"报告", "会议", "批准"} & set(under_res)
display(Markdown(
    f"Against the resolutions ({ref_res.n_tokens:,} content tokens) only **{len(k_res)}** words are frequent "
    f"enough to test (against the reports: {len(k_rep):,}). The most under-used are {'、'.join(under_res)}: "
    f"the vocabulary of a resolution. Among the top over-used, {'、'.join(generic) or 'none'} are words that most "
    "reports use: against a tiny reference of another genre, ordinary words look distinctive. A reference "
    "corpus should be large and of the same register as the text."))

# %% [markdown]
# ## Exercise 3 — the 2010s only, and decades
#
# `position` compares the speech with every other row of a profile table, so we filter the table
# first (keeping the speech row).

# %%
prof = pattern_profile(corpus, speech=speech)
is_speech = prof["doc"] == reference.SPEECH_ID
tens = prof[is_speech | prof["year"].between(2010, 2019)]
pos10 = reference.position(tens, "directives_per_1k")
display(Markdown(f"Among the {pos10['n']} reports of the 2010s the text ranks **{pos10['rank']}** "
                 f"(more directive than {pos10['below']} of them; their median is {pos10['median']:.1f})."))
if CHECK:
    assert pos10["rank"] == 1

# %%
reps = prof[~is_speech].assign(decade=lambda d: (d["year"] // 10 * 10).astype(int))
by_decade = reps.groupby("decade")["directives_per_1k"].median()
speech_value = float(prof.loc[is_speech, "directives_per_1k"].iloc[0])
if CHECK:
    assert (by_decade < speech_value).all()
ax = by_decade.plot(marker="o", figsize=(7, 3), title="Median directive density of the reports per decade")
ax.axhline(speech_value, color="#c0392b", ls="--", label="speech")
ax.set_ylabel("per 1,000 characters")
ax.legend()
by_decade.round(2).to_frame("median per 1,000 characters")

# %%
below = by_decade[by_decade < speech_value]
narrate.show(
    narrate.holds(len(below) == len(by_decade), "Every decade's median lies below the text",
                  f"{len(below)} of the {len(by_decade)} decade medians lie below the text ({speech_value:.1f})")
    + f". The decades differ too: from {by_decade.min():.1f} ({by_decade.idxmin()}s) to {by_decade.max():.1f} "
    f"({by_decade.idxmax()}s) — a whole-text comparison across eras mixes the text's style with the era's.")
