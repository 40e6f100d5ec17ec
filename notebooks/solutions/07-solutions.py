# %% [markdown]
# # 07 · Worked solutions: exploring a text
#
# Solutions to the exercises at the end of `07-explorer`. Run it like the notebook: the parameters
# cell picks up the text from `ZHD_TEXT` (default: the study's speech).

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.study.explore import explore_contrast, explore_term
from zhdiscourse.plots import setup_fonts

setup_fonts()
speech = load_speech(TEXT)
THIS_SPEECH = paths.is_reference_text(TEXT)
parts = [s.number for s in speech.sections]

# %% [markdown]
# ## Exercise 1 — where is 必须 densest?
#
# The per-part table (`df.attrs["per_part"]`) already divides by the part's length.

# %%
df, fig = explore_term(speech, "必须")
per = df.attrs["per_part"]
display(per)
if len(per) and per["count"].sum():
    top = per.sort_values("per_1k", ascending=False).iloc[0]
    display(Markdown(f"必须 occurs **{len(df)}** times; densest in part **{top.part}** ({top.per_1k:.2f} per 1,000 "
                     "characters)."))
if THIS_SPEECH:
    assert len(df) == per["count"].sum() > 0

# %% [markdown]
# ## Exercise 2 — 坚决 in part 三 against part 一, and modal 要 by regular expression
#
# The KWIC table has a `section` column: filtering it gives the lines of one part. The density per
# 1,000 characters comes from the per-part table.

# %%
kw, _ = explore_term(speech, "坚决")
per = kw.attrs["per_part"].set_index("part")
for p in ("一", "三"):
    if p in per.index:
        lines = kw[kw.section == p]
        assert len(lines) == per.loc[p, "count"]
        display(Markdown(f"Part {p}: **{len(lines)}** × 坚决, {per.loc[p, 'per_1k']:.2f} per 1,000 characters."))
        display(lines.drop(columns=["start", "end"]))
if THIS_SPEECH:
    assert per.loc["一", "count"] == 4 and per.loc["三", "count"] == 1

# %% [markdown]
# `(?<![重需])要` matches a 要 that does not follow 重 or 需, so 重要 and 需要 drop out. It is still a
# rough filter (主要, 要求 remain); `zhdiscourse.patterns.modal_yao` classifies every 要 properly.

# %%
yao, _ = explore_term(speech, r"(?<![重需])要", regex=True)
plain, _ = explore_term(speech, "要")
assert len(yao) <= len(plain)
assert not any(speech.text[a - 1:b] in ("重要", "需要") for a, b in zip(yao.start, yao.end))
display(Markdown(f"要 occurs **{len(plain)}** times; without 重要/需要 **{len(yao)}**."))
yao.attrs["per_part"]

# %% [markdown]
# ## Exercise 3 — parts 二 and 四

# %%
if len(parts) >= 2:
    A, B = ("二", "四") if THIS_SPEECH else (parts[0], parts[-1])
    try:
        ct, fig = explore_contrast(speech, A, B)
    except ZhDiscourseError as exc:  # a short text: no word occurs 3 times in the two parts
        assert not THIS_SPEECH
        print(f"{exc}: comparing every word instead (min_freq=1).")
        ct, fig = explore_contrast(speech, A, B, min_freq=1)
    typical_a = ct.sort_values("scaled_f", ascending=False).head(3)
    typical_b = ct.sort_values("scaled_f").head(3)
    display(Markdown(f"Most typical of part {A}: **{'、'.join(typical_a.term)}**; of part {B}: "
                     f"**{'、'.join(typical_b.term)}**."))
    assert (typical_a.scaled_f > 0).all() and (typical_b.scaled_f < 0).all()
    word = typical_a.term.iloc[0]
    check, _ = explore_term(speech, word)
    counts = check.attrs["per_part"].set_index("part")["count"]
    confirmed = counts.get(A, 0) >= counts.get(B, 0)
    display(Markdown(f"KWIC of **{word}**: {counts.get(A, 0)} lines in part {A}, {counts.get(B, 0)} in part {B}: the "
                     + ("KWIC lines confirm the contrast." if confirmed else "KWIC lines do not confirm the contrast "
                        "(KWIC matches the string inside longer words too).")))
    if THIS_SPEECH:
        assert confirmed
    display(check[check.section.isin([A, B])].drop(columns=["start", "end"]).head(10))

# %% [markdown]
# KWIC matches substrings, the contrast counts whole tokens, so the counts can differ slightly.
