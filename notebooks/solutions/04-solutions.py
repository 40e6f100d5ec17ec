# %% [markdown]
# # 04 · Worked solutions: rhetorical patterns
#
# Solutions to the exercises at the end of `04-rhetorical-patterns`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech). Checks that only
# hold for the study's speech are skipped for other texts.

# %% tags=["parameters"]
import os

from zhdiscourse import paths
from zhdiscourse.lexicon import lexicon_file

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
HANDCHECK = str(paths.data_path("handcheck", "parallelism_handcheck.csv"))
HANDCHECK_INDEPENDENT = str(paths.data_path("handcheck", "parallelism_handcheck_independent.csv"))

# %%
import re
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse import patterns as pt
from zhdiscourse.stats.concordance import kwic
from zhdiscourse.patterns.spans import nchars
from zhdiscourse.plots import rhetoric as rplot
from zhdiscourse.stats import cohen_kappa, rolling_density
from zhdiscourse.study import narrate

speech = load_speech(TEXT)
text = speech.text
THIS_SPEECH = paths.is_reference_text(TEXT)
pd.set_option("display.max_colwidth", 40)

# %% [markdown]
# ## Exercise 1 — 坚决 in part 三 and part 一, with KWIC
#
# `kwic` finds the term in the raw text (not in tokens) and shows 10 tokens on each side. Each
# line knows its part (`section`), so we filter on it. Density = count / characters of the part
# (spaces not counted) × 1,000, as in the notebook.

# %%
lines = kwic(speech, "坚决", window=8)
parts = {s.number: s for s in speech.sections}
A, B = ("三", "一") if {"三", "一"} <= set(parts) else ((list(parts)[-1], list(parts)[0]) if parts else (None, None))
lines[lines["section"].isin([A, B])][["left", "keyword", "right", "section"]]

# %%
def density(part):
    sec = parts[part]
    n = int((lines["section"] == part).sum())
    return n, 1000 * n / nchars(text, sec.start, sec.end)


if A is not None:
    (n3, d3), (n1, d1) = density(A), density(B)
    prof = pt.directive_profile(speech).set_index("unit")
    if THIS_SPEECH:
        assert (n3, n1) == (1, 4)
        assert prof.loc["三", "坚决"] == n3 and prof.loc["一", "坚决"] == n1 - 1  # one 坚决 in part 一 is attributive
    display(Markdown(
        f"Part {A}: **{n3}** 坚决 ({d3:.2f} per 1,000 characters); part {B}: **{n1}** ({d1:.2f} per 1,000). "
        f"`directive_profile` counts {prof.loc[A, '坚决']} and {prof.loc[B, '坚决']}"
        + narrate.holds(prof.loc[A, "坚决"] + prof.loc[B, "坚决"] < n3 + n1,
                        ": it drops the 坚决 that is no directive (below, with the reason).",
                        narrate.holds(n3 + n1 > 0, ": here every 坚决 counts as a directive.",
                                      ": 坚决 does not occur in these parts."))))
    if THIS_SPEECH:
        sec1 = parts["一"]
        left_out = prof.loc["一", "all"] - prof.loc["一", "坚决"]
        display(Markdown(
            "**Model answer.** Dropping 坚决有力的 is right: it describes measures, it orders nothing. The "
            f"{prof.loc['一', '坚决']} 坚决 it keeps in part 一 report a decision (明确了坚决遏制…、坚决打赢…的总目标; "
            "采取…措施，坚决遏制…), so a stricter reading would drop them too: part 一 would fall from "
            f"{prof.loc['一', 'all_per_1k']:.1f} to {1000 * left_out / nchars(text, sec1.start, sec1.end):.1f} "
            "markers per 1,000 characters. The finding (part 一 is the least directive part) only grows stronger; "
            "a detector that counts words cannot tell an order from a report of one, and says so in its documentation."))

# %% [markdown]
# Which 坚决 did `directive_profile` drop? `directive_candidates` keeps every candidate with the
# reason of its status.

# %%
cand = pt.directive_candidates(speech)
dropped = cand[(cand["marker"] == "坚决") & (cand["status"] != "directive")]
for r in dropped.itertuples():
    print(r.status, "→", text[r.start - 6:r.end + 8])
if THIS_SPEECH:
    assert list(dropped["status"]) == ["attributive"]

# %%
narrate.speech_only(THIS_SPEECH, (
    "Surprise: in the study's speech part 一 has *more* 坚决 than part 三, though part 三 is the directive part. In "
    "part 一, 坚决 mostly reports goals (坚决遏制疫情蔓延势头 \"to resolutely curb the spread\"); part 三 directs with 要 "
    "instead."))

# %% [markdown]
# One marker never tells the whole story — which is why the notebook sums the family.
#
# ## Exercise 2 — a frame template for 在其位谋其政，在其职尽其责
#
# Two slots change in each member (位/职 and 政/责) and so does the verb (谋/尽), so the template
# needs three one-character slots: `在其{X:1}{V:1}其{Y:1}`. We add it to a copy of `frames.txt` in a
# temporary folder — the project's file stays as it is.

# %%
original = lexicon_file("frames.txt").read_text(encoding="utf-8")
tmp = Path(tempfile.mkdtemp(prefix="zhd-frames-"))
copy = tmp / "frames.txt"
copy.write_text(original + "\n# in one's post, attend to its affairs\nin-post = 在其{X:1}{V:1}其{Y:1}\n", encoding="utf-8")
found = [f for f in pt.find_frames(speech, templates=copy) if f["name"] == "in-post"]
rows = [{"member": m["text"], **m["slots"], "start": m["start"], "end": m["end"]} for f in found for m in f["members"]]
if THIS_SPEECH:
    assert [r["member"] for r in rows] == ["在其位谋其政", "在其职尽其责"]
for r in rows:
    assert text[r["start"]:r["end"]] == r["member"]
pd.DataFrame(rows)

# %% [markdown]
# Why not `{X}` without a length at the start? A regular-expression search starts at the leftmost
# position where a match is possible, so an open slot at the start swallows the words before the
# frame, up to its 8-character limit:

# %%
loose = pt.match_template(text, "{X}之心", speech.body_start, speech.body_end)
tight = pt.match_template(text, "必须增强{X:1-4}之心", speech.body_start, speech.body_end)
if THIS_SPEECH:
    assert loose[0]["slots"]["X"]["text"] != tight[0]["slots"]["X"]["text"] == "必胜"
pd.DataFrame({"{X}之心": [m["slots"]["X"]["text"] for m in loose[:4]],
              "必须增强{X:1-4}之心": [m["slots"]["X"]["text"] for m in tight[:4]]})

# %% [markdown]
# ## Exercise 3 — judging a sample yourself
#
# We draw 10 of the detector's 排比 / 对偶 instances at random with a fixed seed, so everybody gets the
# same sample. In class, each student writes their own true/false under the strict reading of
# `data/handcheck/README.md`. Here, as a worked example, the second judge's verdicts
# (`parallelism_gen2_judge_b.csv`, judged blind) play "your" part, and we compare them with the detector
# author's (`parallelism_gen2_judge_a.csv`).

# %%
from zhdiscourse.study import handcheck  # noqa: E402

par = pt.parallelism.rhetorical(pt.parallelisms(speech))
sample = pd.DataFrame([{"start": q["start"], "end": q["end"], "class": q["class"], "kind": q["kind"],
                        "members": " | ".join(m["text"][:10] for m in q["members"]),
                        "key": handcheck.instance_key(q)} for q in par],
                      columns=["start", "end", "class", "kind", "members", "key"])
sample = sample.sample(n=min(10, len(par)), random_state=0).sort_values("start")
if not len(par):
    print("The detector finds no 排比 in this text, so there is no sample to judge.")
sample[["class", "kind", "members"]]

# %%
if THIS_SPEECH:
    ja = handcheck.read_judgements(paths.data_path("handcheck", "parallelism_gen2_judge_a.csv")).set_index("key")
    jb = handcheck.read_judgements(paths.data_path("handcheck", "parallelism_gen2_judge_b.csv")).set_index("key")
    keys = [k for k in sample["key"] if k in ja.index and k in jb.index]
    assert len(keys) == len(sample)  # every instance of the sample has both verdicts
    a = [bool(ja.loc[[k], "ok"].iloc[0]) for k in keys]
    b = [bool(jb.loc[[k], "ok"].iloc[0]) for k in keys]
    p_mine = sum(b) / len(b)
    p_o = sum(x == y for x, y in zip(a, b)) / len(a)
    kappa = cohen_kappa(a, b)
    display(pd.DataFrame({"author": a, "you": b}, index=sample["members"].str.slice(0, 24).tolist()))
    display(Markdown(f"Your precision on the sample (strict reading): **{p_mine:.1f}**; agreement with the author "
                     f"{p_o:.0%}, Cohen's κ = **{kappa:.2f}**" + (" (undefined: one judge used one label only)"
                     if kappa != kappa else "") + ". With 10 items one disagreement moves κ a lot: a "
                     "sample this small shows the method, not the detector's quality."))
else:
    display(Markdown("No stored judgements for this text: judge the sample yourself and fill two lists `a` and `b`."))
