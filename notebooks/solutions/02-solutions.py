# %% [markdown]
# # 02 · Worked solutions: words
#
# Solutions to the exercises at the end of `02-words`. Run it like the notebook: the parameters
# cell picks up the text from `ZHD_TEXT` (default: the study's speech). Checks that only hold for
# the study's speech are skipped for other texts.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import dictionary_changes, frequencies, kwic, load_speech, tokens
from zhdiscourse.study import narrate
from zhdiscourse.tokenize import dictionary as lexicon

speech = load_speech(TEXT)
table = tokens(speech)
THIS_SPEECH = paths.is_reference_text(TEXT)
parts = [s.number for s in speech.sections]
display(Markdown(f"Text: `{paths.relative(TEXT)}`, parts: {', '.join(parts) or 'none'}" + (
    "" if THIS_SPEECH else " — **not the study's speech: speech-specific checks are skipped.**")))

# %% [markdown]
# ## Exercise 1 — content words shared by every part
#
# `frequencies(..., by="section", top=10)` gives the top 10 of each part in one table; we make one
# set per part and intersect them.

# %%
top10 = frequencies(table, by="section", drop_stopwords=True, top=10)
sets = {p: set(top10[top10.section == p].token) for p in parts}
common = set.intersection(*sets.values()) if sets else set()
if THIS_SPEECH:
    assert common == {"疫情防控"}
display(Markdown(f"In the top 10 of every part: **{', '.join(sorted(common)) or 'no word'}**."))
pd.DataFrame({p: pd.Series(sorted(ws), dtype=object) for p, ws in sets.items()})  # a short part: fewer than 10

# %%
if len(parts) >= 2:
    narrate.show(narrate.holds(
        len(common) <= 1, f"{'Only one word is' if len(common) == 1 else 'No word is'} in the top 10 of every part: "
        "beyond that, each part has its own vocabulary.",
        f"{len(common)} words are in the top 10 of every part: they run through the whole text and cannot tell the "
        "parts apart.") + " This is why notebook 03 compares the parts with TF-IDF and keyness instead of raw counts.")

# %% [markdown]
# ## Exercise 2 — 坚决 in part 三 and part 一
#
# `kwic` finds every match on the raw text and says which part it is in. *Density* = occurrences
# per 10,000 words of the part, where words are the tokens that are not punctuation (as in the
# frequency lists). Counting words per part is one `groupby`.

# %%
term = "坚决"
a = "三" if "三" in parts else (parts[-1] if parts else None)
b = "一" if "一" in parts else (parts[0] if parts else None)
lines = kwic(speech, term, window=8)
lines[lines.section == a][["left", "keyword", "right", "subsection", "start"]]

# %%
words_per_part = table[~table.is_punct].groupby("section").size()
rows = []
for p in dict.fromkeys((a, b)):  # one part only: a == b
    if p is None:
        continue
    n = int((lines.section == p).sum())
    rows.append({"part": p, "occurrences": n, "words": int(words_per_part.get(p, 0)),
                 "per 10,000 words": round(n / words_per_part.get(p, 1) * 10_000, 1)})
density = pd.DataFrame(rows, columns=["part", "occurrences", "words", "per 10,000 words"]).set_index("part")
assert all(speech.text[s:e] == term for s, e in zip(lines.start, lines.end))
if THIS_SPEECH:
    assert density.loc["三", "occurrences"] == 1 and density.loc["一", "occurrences"] == 4
    assert density.loc["一", "per 10,000 words"] > 3 * density.loc["三", "per 10,000 words"]
density

# %%
if len(density) == 2 and density["occurrences"].sum() == 0:
    display(Markdown(f"**{term}** occurs in neither part {a} nor part {b}: there is nothing to compare."))
elif len(density) == 2:
    hi = density["per 10,000 words"].idxmax()
    display(Markdown(f"**{term}** is densest in part **{hi}** ({density.loc[hi, 'per 10,000 words']} per "
                     "10,000 words). A density of one word is only a start: read the lines before you interpret it."))
    if THIS_SPEECH:
        # how 坚决 is used in part 一: inside a report of what was done or decided, not as an order
        review = lines[lines.section == "一"]
        reported = [r for r in review.itertuples() if any(w in r.left[-24:] for w in ("采取", "明确了"))]
        assert len(reported) == len(review) == 4
        display(Markdown(
            f"**Model answer.** All {len(review)} occurrences of 坚决 in part 一 stand in reports of what was done or "
            "decided — 采取切实有效措施，坚决遏制…, 明确了坚决遏制…、坚决打赢…的总目标, 中国采取的坚决有力的防控措施 — "
            "while the one in part 三 heads an order (第四，坚决完成脱贫攻坚任务). So the higher density in part 一 does "
            "**not** make the review more insistent: it quotes resolve, the later parts command it. This agrees with "
            "the study's directive counts (notebook 04), where part 一 is the least directive part. Counting a word "
            "without reading its lines would have given the opposite answer."))
elif not parts:
    display(Markdown("**This text has no parts: there is nothing to compare.**"))
elif len(density) == 1:
    display(Markdown(f"**This text has one part only ({a}): there is nothing to compare.**"))

# %% [markdown]
# Raw counts would mislead if the parts differed a lot in length; the density (per 10,000 words)
# makes them comparable.

# %%
if len(density) == 2 and density["occurrences"].sum():
    narrate.show(f"With counts of {density['occurrences'].iloc[0]} against {density['occurrences'].iloc[1]}, "
                 + narrate.holds(density["occurrences"].max() < 10, "the difference is a hint for a close reading, "
                                 "not a statistical result.", "a test (notebook 03) can say whether the difference "
                                 "is more than chance."))

# %% [markdown]
#
# ## Exercise 3 — adding 统筹推进 to a copy of the dictionary
#
# We never edit the project's dictionary for an experiment: we copy it to a temporary folder, add
# one line, and pass the copy to `tokens(..., userdict=copy, cache=False)` and
# `dictionary_changes(..., userdict=copy)`. (`cache=False` keeps the experiment out of the token
# cache.)

# %%
new_term = "统筹推进"
tmp = Path(tempfile.mkdtemp(prefix="zhd-userdict-"))
copy = tmp / "userdict.txt"
shutil.copyfile(lexicon.default_userdict_path(), copy)
with open(copy, "a", encoding="utf-8") as fh:
    fh.write(f"\n# exercise: a new entry\n{new_term} l\n")

table2 = tokens(speech, userdict=copy, cache=False)
changes1 = dictionary_changes(speech)
changes2 = dictionary_changes(speech, userdict=copy)
new_rows = changes2[~changes2.text.isin(changes1.text)]
assert all(speech.text[s:e] == t for t, s, e in zip(table2.token, table2.start, table2.end))
new_rows

# %%
def count(tab, w):
    return int((tab.token == w).sum())


effect = pd.DataFrame({w: {"before": count(table, w), "after": count(table2, w)}
                       for w in (new_term, "统筹", "推进")}).T
occurrences = speech.body.count(new_term)
assert effect.loc[new_term, "after"] <= occurrences
if THIS_SPEECH:
    assert effect.loc[new_term, "before"] == 0 and effect.loc[new_term, "after"] == occurrences > 0
    assert (effect.loc[["统筹", "推进"], "after"] == effect.loc[["统筹", "推进"], "before"] - occurrences).all()
effect

# %%
gained = effect.loc[new_term, "after"] - effect.loc[new_term, "before"]
exact = all(effect.loc[w, "before"] - effect.loc[w, "after"] == gained for w in ("统筹", "推进"))
display(Markdown(
    f"{new_term} does not occur in this text, so the new entry changes no count here; try a term that does."
    if not occurrences else
    f"{new_term} occurs {occurrences} times. With the new entry it becomes **{effect.loc[new_term, 'after']} "
    f"tokens**, and 统筹 and 推进 lose " + ("exactly those occurrences" if exact else "counts") + f" (统筹 "
    f"{effect.loc['统筹', 'before']} → {effect.loc['统筹', 'after']}, 推进 {effect.loc['推进', 'before']} → "
    f"{effect.loc['推进', 'after']})."))
shutil.rmtree(tmp)

# %% [markdown]
# This is the price of a dictionary entry: a new unit is gained, but its parts lose counts. For
# KWIC this does not matter (it searches the raw text), but frequency lists, TF-IDF and keyness
# now treat 统筹推进 as a word of its own, separate from 统筹 "coordinate" and 推进 "advance".
# Whether that is right is a linguistic decision — and the reason the project's dictionary keeps
# compositional phrases split.
