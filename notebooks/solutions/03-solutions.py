# %% [markdown]
# # 03 · Worked solutions: TF-IDF and keyness
#
# Solutions to the exercises at the end of `03-tfidf-and-keyness`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech). Checks that only
# hold for the study's speech are skipped for other texts.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse.stats import keywords as kn
from zhdiscourse import load_speech
from zhdiscourse.text import choose_unit
from zhdiscourse.stats import weighting as tf
from zhdiscourse.tokenize import documents, tokens

speech = load_speech(TEXT)
tok = tokens(speech)
THIS_SPEECH = paths.is_reference_text(TEXT)
PART = choose_unit(speech, "section", ("window",))[0]
kt = kn.keyness(tok, PART, speech=speech)
if kt.empty:  # a short text: no term occurs 5 times, so test the terms that occur twice (as notebook 03)
    kt = kn.keyness(tok, PART, speech=speech, min_freq=2)
    print("No term occurs 5 times in this short text: keyness here tests the terms with at least 2 occurrences.")
labels = list(dict.fromkeys(kt["doc"]))

# %% [markdown]
# ## Exercise 1 — significant before, but not after, the correction
#
# Filter the keyness table of part 三 on `p_g2 < 0.05` and `significant == False`.

# %%
target = "三" if "三" in labels else labels[-1]
part = kt[kt["doc"] == target]
lost = part[(part["p_g2"] < 0.05) & ~part["significant"]]
if THIS_SPEECH:
    assert "复工复产" in set(lost["term"])
display(Markdown(f"In part {target}, **{len(lost)}** terms have p < 0.05 before the correction but not after it."))
lost[["term", "direction", "freq", "freq_ref", "log_ratio", "p_g2", "p_adj"]].round(4)

# %% [markdown]
# Most of them are rare words (a handful of occurrences): with hundreds of tests, a few such
# differences are expected by chance alone, and the Benjamini–Hochberg correction does not let them
# through.
#
# ## Exercise 2 — part 四 against part 一 only

# %%
docs = documents(tok, PART, speech=speech)
a, b = ("四", "一") if {"四", "一"} <= set(labels) else (labels[-1], labels[0])
counts = {d: pd.Series(t, dtype=object).value_counts() for d, t in zip(docs["doc"], docs["tokens"])}
pair = kn.keyness_table(counts[a], counts[b])
top_pair = kn.top_keywords(pair, 5)
top_rest = kn.top_keywords(kt[kt["doc"] == a], 5)
same = sorted(set(top_pair["term"]) & set(top_rest["term"]))
display(Markdown(f"Top 5 keys of {a} against {b} only: {', '.join(top_pair['term'])}. Against the rest: "
                 f"{', '.join(top_rest['term'])}. **{len(same)}** in common: {', '.join(same) or '–'}."))
top_pair[["term", "freq", "freq_ref", "g2", "log_ratio", "p_adj", "significant"]].round(4)

# %%
assert pair["freq"].sum() <= len(docs.loc[docs["doc"] == a, "tokens"].iloc[0])
if THIS_SPEECH:
    assert "干部" in same

# %% [markdown]
# The reference is smaller now (one part instead of three), so fewer terms reach significance, and
# words that 一 happens to lack move up. A key-word list always depends on what it is compared with.
#
# ## Exercise 3 — TF-IDF with sentences as documents

# %%
res = tf.tfidf(tok, "sentence", speech=speech)
term = "就业" if "就业" in set(res.terms) else str(res.terms[0])
col = list(res.terms).index(term)
weights = res.matrix[:, col].toarray().ravel()
i = int(weights.argmax())
doc = res.docs.iloc[i]
sent = next(s for s in speech.sentences if str(s.index) == doc["doc"])
assert speech.text[sent.start:sent.end] == sent.text
display(Markdown(f"**{term}** weighs most ({weights[i]:.3f}) in sentence {sent.index} (part {sent.section}, "
                 f"sub-point {sent.subsection}, offsets {sent.start}–{sent.end}):"))
print(sent.text)

# %%
if THIS_SPEECH:
    assert sent.section == "三"
