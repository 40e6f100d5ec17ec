# %% [markdown]
# # 01 · Worked solutions: the text and its structure
#
# Solutions to the exercises at the end of `01-text-and-structure`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech).

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
import re

import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import load_speech, parse
from zhdiscourse.plots import setup_fonts
from zhdiscourse.plots import structure as splot
from zhdiscourse.text import outline_table

setup_fonts()
speech = load_speech(TEXT)
THIS_SPEECH = paths.is_reference_text(TEXT)

# %% [markdown]
# ## Exercise 1 — sentences of one part (三 where the text has one)
#
# Each `Sentence` knows its part (`.section`). Headings are sentences too (`is_heading`), so we leave
# them out. Length is counted in characters without whitespace, as in the notebook.

# %%
def length(s):
    return len(re.sub(r"\s", "", s.text))


part = "三" if any(sec.number == "三" for sec in speech.sections) else (
    speech.sections[-1].number if speech.sections else None)
in_part = [s for s in speech.sentences if s.section == part and not s.is_heading]
mean_len = sum(map(length, in_part)) / len(in_part) if in_part else 0.0
if THIS_SPEECH:
    assert part == "三" and len(in_part) == 64
display(Markdown(f"{f'Part {part}' if part else 'The text (it has no parts)'} has **{len(in_part)} sentences**, on "
                 f"average **{mean_len:.1f} characters** long."))

# %% [markdown]
# ## Exercise 2 — the longest sentence, and its offsets

# %%
body = [s for s in speech.sentences if not s.is_heading]
longest = max(body, key=length)
assert speech.text[longest.start:longest.end] == longest.text
where = (f"sub-point {longest.subsection}" if longest.subsection else
         f"part {longest.section} (no sub-point)" if longest.section else "the opening (before the first part)")
print(f"{where}, offsets {longest.start}–{longest.end}, {length(longest)} characters")
print(longest.text)

# %% [markdown]
# ## Exercise 3 — another text
#
# A made-up text with two parts (一、 二、) and （一）（二） sub-points. `parse` works on a string; no file
# is needed.

# %%
mine = """关于学校工作的几点意见
一、关于教学工作
（一）提高课堂质量。老师要认真备课，学生要积极提问。
（二）加强实践环节。实验课要按时开设。
二、关于后勤保障
（一）改善食堂条件。食堂要保证饭菜卫生。
（二）做好宿舍管理。宿舍要定期检查。"""
doc = parse(mine)
t = outline_table(doc)
assert list(t[t.level == "part"].label) == ["一", "二"]
assert (t.level == "sub-point").sum() == 4
t.drop(columns=["start", "end"])

# %%
fig = splot.plot_outline(doc, t, title="Outline of a made-up text")

# %% [markdown]
# Now delete the heading 二、 and parse again. A lone 一、 is not a sequence (the parser wants 一, 二 …
# in order), so what does the parser take as parts now?

# %%
doc2 = parse(mine.replace("二、关于后勤保障\n", ""))
t2 = outline_table(doc2)
parts2 = t2[t2.level == "part"]
display(Markdown(f"Parts found: **{len(parts2)}**, with the markers {', '.join(parts2.marker)}."))
t2.drop(columns=["start", "end"])

# %% [markdown]
# The outline is different: the parser no longer finds 一、 and 二、 parts. Depending on the markers
# left, it falls back to the next heading style it recognises (here the （一）（二） at the start of
# lines). A missing heading silently changes every per-part statistic, which is why notebook 01
# checks the outline before any counting.

# %%
assert list(parts2.marker) != ["一、", "二、"]
