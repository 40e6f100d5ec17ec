# %% [markdown]
# # 00 · Worked solutions: overview
#
# Solutions to the exercises at the end of `00-overview`. Run it like the notebook: the parameters
# cell picks up the text from `ZHD_TEXT` (default: the study's speech) and the reference corpus from
# `ZHD_CORPUS`.

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
from zhdiscourse import patterns as pt
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.plots import setup_fonts
from zhdiscourse.plots import overview as oplot

setup_fonts()
speech = load_speech(TEXT)
THIS_SPEECH = paths.is_reference_text(TEXT)
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")


def chars(start, end):
    """Characters without whitespace, as in the notebook."""
    return sum(not c.isspace() for c in speech.text[start:end])


# %% [markdown]
# ## Exercise 1 — the longest part and its share of the body

# %%
body = chars(speech.body_start, speech.body_end)
sizes = pd.DataFrame([{"part": s.number, "title": s.title, "characters": chars(s.start, s.end)}
                      for s in speech.sections], columns=["part", "title", "characters"])
sizes["share of the body"] = (sizes["characters"] / body).round(3) if body else 0.0
if len(sizes):
    longest = sizes.loc[sizes["characters"].idxmax()]
    display(Markdown(f"The longest part is **{longest.part}** ({longest.title}): **{longest.characters:,}** of the "
                     f"body's {body:,} characters ({longest['share of the body']:.0%})."))
else:
    display(Markdown("This text has no parts: nothing to compare."))
if THIS_SPEECH:
    assert longest.part == "一" and sizes["characters"].sum() <= body
sizes

# %% [markdown]
# ## Exercise 2 — the most and least directive sub-points
#
# `directive_profile(speech, by="subsection")` gives one row per sub-point. Very short sub-points
# give unstable rates, so we keep those of at least 150 characters.

# %%
if speech.subsections:
    sub = pt.directive_profile(speech, by="subsection")
    whole = float(pt.directive_profile(speech, by="text")["all_per_1k"].iloc[0])
    MIN_CHARS = 150 if (sub["chars"] >= 150).any() else 0  # a short text: keep every sub-point
    if not MIN_CHARS:
        print("No sub-point of this text has 150 characters: all sub-points are compared.")
    long_enough = sub[sub["chars"] >= MIN_CHARS].sort_values(["all_per_1k", "unit"], ascending=[False, True])
    top, bottom = long_enough.iloc[0], long_enough.iloc[-1]
    first = speech.sections[0].number if speech.sections else None
    in_first = sub[sub["unit"].str.startswith(f"{first}.")] if first else sub.iloc[0:0]
    above = in_first[in_first["all_per_1k"] > whole]
    display(Markdown(
        f"Most directive: **{top.unit}** ({top.all_per_1k:.1f} per 1,000 characters); least: **{bottom.unit}** "
        f"({bottom.all_per_1k:.1f}). The whole text has {whole:.1f}. "
        + (f"Sub-points of part {first} above that value: **{len(above)}** of {len(in_first)}." if first else "")))
    if THIS_SPEECH:
        assert top.unit == "三.第四" and bottom.all_per_1k == 0 and bottom.unit.startswith("一.")
        assert len(above) == 0  # the review part stays below the speech's average in every sub-point
    display(long_enough[["unit", "chars", "all", "all_per_1k", "我们V_per_1k"]].round(1))
else:
    display(Markdown("This text has no sub-points."))

# %% [markdown]
# ## Exercise 3 — 必须 alone among the Government Work Reports

# %%
corpus = open_corpus(CORPUS)
profile = pattern_profile(corpus, speech=speech)
pos_all = reference.position(profile, "directives_per_1k")
pos_bixu = reference.position(profile, "必须_per_1k")
fig = oplot.plot_rank_among(profile, "必须_per_1k", xlabel="必须 per 1,000 characters",
                            title="必须 alone: the speech among the Government Work Reports")
display(Markdown(
    f"On all directive markers the speech is above **{pos_all['below']} of {pos_all['n']}** reports; on 必须 alone "
    f"({pos_bixu['value']:.2f} per 1,000) only above **{pos_bixu['below']}** (rank {pos_bixu['rank']}; the "
    f"maximum, {pos_bixu['max']:.2f}, is the report of {pos_bixu['max_year']})."))
if THIS_SPEECH and THIS_CORPUS:
    assert pos_all["rank"] == 1 and 1 < pos_bixu["rank"] and pos_bixu["below"] < pos_all["below"]

# %% [markdown]
# So the speech is not exceptional on every directive marker: its lead over the reports comes from
# the modal 要 (and 坚决), not from 必须, which the reports use about as often. A single summary number
# hides which words make it.
