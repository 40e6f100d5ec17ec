# %% [markdown]
# # 00 · Worked solutions: overview
#
# Solutions to the exercises at the end of `00-overview`. Run it like the notebook: the parameters
# cell picks up the text from `ZHD_TEXT` (default: the study's speech) and the reference corpus from
# `ZHD_CORPUS`. The answers in prose are computed from the text given; checks with `assert` hold for
# the study's speech only.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))

# %%
import pandas as pd
from IPython.display import display

from zhdiscourse import load_speech
from zhdiscourse import patterns as pt
from zhdiscourse.patterns.spans import shared_run
from zhdiscourse.stats import sections
from zhdiscourse.study import narrate
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.text.measure import nonspace_chars

speech = load_speech(TEXT)
THIS_SPEECH = paths.is_reference_text(TEXT)
THIS_CORPUS = paths.sha256_file(CORPUS) == paths.manifest().get("reference/government_work_reports.jsonl")

# %% [markdown]
# ## Exercise 1 — the longest part, counts against densities

# %%
body = nonspace_chars(speech.text, speech.body_start, speech.body_end)
prof = pt.directive_profile(speech, by="section") if speech.sections else None
sizes = pd.DataFrame([{"part": s.number, "title": s.title, "characters": nonspace_chars(speech.text, s.start, s.end)}
                      for s in speech.sections], columns=["part", "title", "characters"])
if len(sizes):
    sizes["share of the body"] = (sizes["characters"] / body).round(3)
    sizes = sizes.merge(prof[["unit", "all", "all_per_1k"]].rename(columns={"unit": "part"}), on="part")
    longest = sizes.loc[sizes["characters"].idxmax()]
    most = sizes.loc[sizes["all"].idxmax()]
    narrate.show(
        f"The longest part is **{longest.part}** ({narrate.shorten(longest.title)}): **{longest.characters:,}** of "
        f"the body's {body:,} characters ({longest['share of the body']:.0%}). It has "
        f"{narrate.count(int(longest['all']), 'directive marker')}; the part with the most is **{most.part}** "
        f"({int(most['all'])}). " + narrate.holds(
            longest.part == most.part,
            "Here the longest part also has the most markers, so counts and densities point the same way.",
            "So a count of markers mixes length with style: only the density (per 1,000 characters) compares parts "
            "of different lengths.")
        + (" In the study's speech the longest part has the fewest orders: a reader told so learns that it is a "
           "different kind of text." if THIS_SPEECH else ""))
    if THIS_SPEECH:
        assert longest.part == "一" and most.part == "三" and int(longest["all"]) == 6
    display(sizes)
else:
    narrate.show("This text has no parts: nothing to compare.")

# %% [markdown]
# ## Exercise 2 — the most and least directive segments
#
# `directive_profile(speech, by="segment")` gives one row per segment: each sub-point, each part's
# preamble (its text before the first sub-point) and the opening before the first part. Very short
# segments give unstable rates, so we keep those of at least 150 characters.

# %%
if speech.sections:
    seg = pt.directive_profile(speech, by="segment")
    whole = float(pt.directive_profile(speech, by="text")["all_per_1k"].iloc[0])
    MIN_CHARS = 150 if (seg["chars"] >= 150).any() else 0  # a short text: keep every segment
    if not MIN_CHARS:
        print("No segment of this text has 150 characters: all segments are compared.")
    long_enough = seg[seg["chars"] >= MIN_CHARS].sort_values(["all_per_1k", "unit"], ascending=[False, True])
    top, bottom = long_enough.iloc[0], long_enough.iloc[-1]
    first = speech.sections[0].number
    in_first = seg[seg["unit"].str.startswith(f"{first}.") | (seg["unit"] == first)]
    above = in_first[in_first["all_per_1k"] > whole]
    narrate.show(
        f"Most directive: **{top.unit}** ({top.all_per_1k:.1f} per 1,000 characters); least: **{bottom.unit}** "
        f"({bottom.all_per_1k:.1f}). The whole text has {whole:.1f}. Segments of part {first} above that value: "
        f"**{len(above)}** of {len(in_first)}" + (f" ({narrate.join(above['unit'])})." if len(above) else "."))
    if THIS_SPEECH:
        assert top.unit == "三.第四" and bottom.all_per_1k == 0 and bottom.unit.startswith("一.")
        assert len(above) == 0  # the review part stays below the speech's average in every segment
    display(long_enough[["unit", "chars", "all", "all_per_1k", "我们V_per_1k"]].round(1))
else:
    narrate.show("This text has no parts, so it has no part preambles; its segments are the text itself.")

# %% [markdown]
# The preamble of the last part, read in full:

# %%
last = speech.sections[-1] if speech.sections else None
pre = next(((label, a, b) for label, a, b in speech.units("segment") if last and label == f"{last.number}.preamble"), None)
if pre:
    label, a, b = pre
    text = speech.text[a:b]
    share = nonspace_chars(speech.text, a, b) / max(nonspace_chars(speech.text, last.start, last.end), 1)
    print(text[:600] + ("…" if len(text) > 600 else ""))
    narrate.show(
        f"The preamble of part {last.number} holds **{share:.0%}** of the part's characters. "
        + narrate.holds(share > 0.5, "It is most of the part: a table of sub-points alone would have left most of "
                        "this part out of every per-sub-point result.", "A table of sub-points alone would have left "
                        "it out of every per-sub-point result."))
    if THIS_SPEECH:
        assert share > 0.7
elif last is not None:
    narrate.show(f"Part {last.number} begins directly with its first sub-point (or has none): it has no preamble.")

# %%
narrate.speech_only(THIS_SPEECH, "In the study's speech, this preamble is the Party's call to its cadres — 干部, the "
                    "key word of part 四, lives there. A reading that keeps only the numbered sub-points loses the "
                    "part's main text.")

# %% [markdown]
# ## Exercise 3 — 必须 alone, task parts against task parts

# %%
def bixu(sp):
    """The directive events that are 必须."""
    ev = pt.directive_events(sp)
    return ev[ev["marker"] == "必须"]


corpus, _ = open_corpus(CORPUS).without(speech.text[speech.body_start:speech.body_end])  # never the text itself
if len(speech.sections) >= 2:
    results = {}
    with shared_run():  # the directive events of each text found once for both passes
        for name, events in (("all markers", pt.directive_events), ("必须 alone", bixu)):
            mine = sections.part_densities(speech, events, grouping="role")
            ref = sections.section_densities(corpus, events, grouping="role")
            c = sections.compare_parts(mine, ref, by_era=False).set_index("role").loc["tasks"]
            results[name] = c
    table = pd.DataFrame(results).T[["value", "lo", "hi", "n", "below", "median", "max", "max_doc"]]
    display(table)
    a, b = results["all markers"], results["必须 alone"]
    narrate.show(
        f"On all markers the text's task parts are above **{a['below']} of {a['n']}** reports' task parts; on 必须 "
        f"alone ({b['value']:.2f} per 1,000) above **{b['below']}** (the highest, {b['max']:.2f}, is "
        f"{b['max_doc']}). " + (
            f"So the lead does not come from 必须 (the reports' task parts: median {b['median']:.2f}): a single "
            "summary number hides which words make it — report the family and the markers that drive it."
            if b["below"] < a["below"] else
            "必须 alone places the text as high as the whole family does." if b["below"] == a["below"] else
            "必须 alone places the text higher than the whole family does: the other markers pull it down. A single "
            "summary number hides which words make it — report the family and the markers that drive it."))
    if THIS_SPEECH and THIS_CORPUS:
        assert a["below"] == a["n"] and b["below"] < a["below"]
else:
    narrate.show("This text has fewer than two parts: there are no task parts to compare.")
