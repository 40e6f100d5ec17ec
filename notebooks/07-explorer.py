# %% [markdown]
# # 07 · Exploring a text interactively
#
# The earlier notebooks answer fixed questions. In class, students have their own: *where does 坚决
# occur? is part 三 more about the economy than part 一?* This notebook gives them a small
# **explorer**: type a term and see its **KWIC** lines (keyword in context) and its **dispersion**
# across the parts, or pick two parts and see their **contrast** plot.
#
# The explorer is built with ipywidgets. Where widgets cannot run (no ipywidgets installed, a static
# HTML page, a headless test run) the same functions are called directly and print a table, so
# every cell below also works without a browser.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech, tokens
from zhdiscourse.study.explore import default_term, explore_contrast, explore_term, explorer
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.study import findings
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.plots import save_figure, setup_fonts

setup_fonts()
pd.set_option("display.max_colwidth", 40)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run
speech = load_speech(TEXT)
table = tokens(speech)
parts = [s.number for s in speech.sections]

# %% [markdown]
# ## 1. The explorer
#
# Run the next cell in JupyterLab: a text box with a button draws the KWIC lines and the dispersion
# plot of the term; two drop-downs with a button draw the contrast of two parts. It starts with the
# most frequent content word of the text. (On a static page, where widgets cannot run, the cell shows
# the tables the explorer drew for that term; the sections below show the same results without widgets.)

# %%
TERM = "坚决" if THIS_SPEECH else default_term(speech, table)
ui = explorer(speech, term=TERM)
ui

# %% [markdown]
# ## 2. The same without widgets
#
# `explorer(speech, widgets=False)` is what happens when ipywidgets is missing: it prints how to call
# the functions and the KWIC table of the term.

# %%
fallback = explorer(speech, widgets=False, term=TERM)
assert len(fallback) == len(ui.last_term[0])

# %% [markdown]
# ## 3. A term: KWIC and dispersion
#
# `explore_term(speech, term)` returns the KWIC table and the dispersion figure. Matching is on the
# raw text, so a term may span several tokens; each line keeps the offsets of its match
# (`speech.text[start:end]` is the keyword). `df.attrs["per_part"]` counts the matches per part and
# per 1,000 characters, so parts of different length can be compared.

# %%
kw, fig = explore_term(speech, TERM)
saved = save_figure(fig, "07-term-dispersion", caption=f"Where {TERM} occurs along the text; vertical "
                    "lines are part boundaries.")
assert all(speech.text[a:b] == k for a, b, k in zip(kw.start, kw.end, kw.keyword))
per = kw.attrs["per_part"]
findings.record("explore.count", len(kw))
for i, n in enumerate(per["count"], start=1):
    findings.record(f"explore.count_p{i}", int(n))
if THIS_SPEECH:
    assert len(kw) == 11 and list(per["count"]) == [4, 4, 1, 2]

# %%
display(per)
kw.drop(columns=["start", "end"]).head(12)

# %%
if len(per):
    top = per.sort_values("per_1k", ascending=False).iloc[0]
    display(Markdown(f"**{TERM}** occurs **{len(kw)}** times; it is densest in part **{top.part}** "
                     f"({top.title}): {top.per_1k:.2f} per 1,000 characters."))

# %% [markdown]
# ## 4. Two parts: contrast
#
# `explore_contrast(speech, a, b)` compares two parts word by word: each point is a content word,
# placed by its rate per 1,000 content words in part B (x) and in part A (y); words far above the
# diagonal are typical of A, far below of B; colour is the scaled F-score (red: A, blue: B).

# %%
if len(parts) >= 2:
    A, B = ("一", "三") if THIS_SPEECH else (parts[0], parts[-1])
    try:
        ct, fig = explore_contrast(speech, A, B)
    except ZhDiscourseError as exc:  # a short text: no word occurs 3 times in the two parts
        assert not THIS_SPEECH
        print(f"{exc}: the contrast below compares every word (min_freq=1); single occurrences are weak evidence.")
        ct, fig = explore_contrast(speech, A, B, min_freq=1)
    saved = save_figure(fig, "07-contrast", caption=f"Contrast of part {A} (y) and part {B} (x): rates "
                        "per 1,000 content words, colour = scaled F-score.")
    assert set(ct.a) == {A} and set(ct.b) == {B}
    display(ct[["term", "count_a", "count_b", "per_1k_a", "per_1k_b", "log_ratio", "scaled_f"]].head(10))
else:
    display(Markdown("**This text has fewer than two parts, so there is nothing to contrast.**"))

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** With `explore_term`, find every 必须 in the text. In which part is it densest per
#    1,000 characters?
# 2. **KWIC and density.** Find every 坚决 in part 三 with KWIC (filter the table on `section`) and
#    compare its density with part 一. Then do the same for 要 with a regular expression that leaves
#    out 重要 and 需要 (hint: `regex=True`, a negative look-behind `(?<![重需])要`).
# 3. **Contrast.** Compare parts 二 and 四 with `explore_contrast`. Which three words are most
#    typical of each part by `scaled_f`? Check one of them with `explore_term`: do its KWIC lines
#    confirm the contrast?
#
# Worked solutions: `notebooks/solutions/07-solutions.ipynb`.
