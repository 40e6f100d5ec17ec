# %% [markdown]
# # 05 · Worked solutions: topic contrasts
#
# Solutions to the exercises at the end of `05-topic-contrasts`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech). Checks that only
# hold for the study's speech are skipped for other texts.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
from dataclasses import replace

from IPython.display import Markdown, display

from zhdiscourse.stats import comparison as contrast, cosine as similarity, topics
from zhdiscourse import load_speech
from zhdiscourse.text import choose_unit
from zhdiscourse.stats import weighting as tf
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.plots import setup_fonts
from zhdiscourse.plots import stats as splot
from zhdiscourse.tokenize import documents, tokens

setup_fonts()
speech = load_speech(TEXT)
tok = tokens(speech)
THIS_SPEECH = paths.is_reference_text(TEXT)
PART = choose_unit(speech, "section", ("window",))[0]
SUB = choose_unit(speech, "subsection", ("window",))[0]

# %% [markdown]
# ## Exercise 1 — the most similar sub-points of different parts

# %%
res = tf.tfidf(tok, SUB, speech=speech)
sim = similarity.similarity(result=res)
across = sim[~sim["same_section"]].sort_values("cosine", ascending=False)
best = across.iloc[0]
titles = {u.label: u.title for u in speech.subsections}
display(Markdown(f"**{best.a}** ({titles.get(best.a, '')}) and **{best.b}** ({titles.get(best.b, '')}): "
                 f"cosine {best.cosine:.3f}."))

# %%
top = tf.top_terms(result=res, top=15)
shared = sorted(set(top.loc[top["doc"] == best.a, "term"]) & set(top.loc[top["doc"] == best.b, "term"]))
assert best.cosine == sim["cosine"][~sim["same_section"]].max()
display(Markdown(f"Words in both top-15 lists: {', '.join(shared) or 'none'}."))

# %% [markdown]
# ## Exercise 2 — part 一 against part 四

# %%
labels = list(documents(tok, PART, speech=speech)["doc"])
a, b = ("一", "四") if {"一", "四"} <= set(labels) else (labels[0], labels[-1])
ct = contrast.contrast(tok, a, b, PART, speech=speech, top=12)
if ct.empty:  # a short text: no word occurs 3 times in the two parts
    print(f"No word occurs 3 times in parts {a} and {b} together: comparing every word (min_freq=1).")
    ct = contrast.contrast(tok, a, b, PART, speech=speech, top=12, min_freq=1)
fig = splot.contrast_scatter(ct, title=f"Part {a} against part {b}")

# %%
side_a = ct[ct["scaled_f"] > 0].head(5)
side_b = ct[ct["scaled_f"] < 0].sort_values("scaled_f").head(5)
for name, side in ((a, side_a), (b, side_b)):
    sig = side.loc[side["p_adj"] < 0.05, "term"].tolist()
    display(Markdown(f"Typical of **{name}**: {', '.join(side['term'])} — significant after BH: "
                     f"{', '.join(sig) or 'none'}."))
if THIS_SPEECH:
    assert "干部" in set(side_b["term"])

# %% [markdown]
# ## Exercise 3 — six topics instead of the chosen number

# %%
K = topics.DEFAULT_K  # the k the notebook's rule chooses on the speech
MIN_DF = 2  # as in notebook 05: words found in at least two documents
try:
    m6 = topics.fit_topics(tok, 6, SUB, speech=speech, min_df=MIN_DF)
except ZhDiscourseError as exc:  # a short text: too few shared words for six topics
    assert not THIS_SPEECH
    MIN_DF = 1
    print(f"{exc}: fitting with every word (min_df=1) instead.")
    m6 = topics.fit_topics(tok, 6, SUB, speech=speech, min_df=MIN_DF)
m_k = topics.fit_topics(tok, K, SUB, speech=speech, min_df=MIN_DF)
stab_k = topics.stability_score(topics.stability(tok, K, SUB, speech=speech, reference=m_k, min_df=MIN_DF))
stab_6 = topics.stability_score(topics.stability(tok, 6, SUB, speech=speech, reference=m6, min_df=MIN_DF))
display(Markdown(f"Stability over {len(topics.STABILITY_SEEDS)} restarts: k = {K}: **{stab_k:.3f}**; "
                 f"k = 6: **{stab_6:.3f}**."))
topics.topic_terms(m6, 6).pivot(index="rank", columns="topic", values="term")

# %% [markdown]
# Which topic of the k-topic model is split? Match every 6-topic topic to its closest k-topic topic
# (cosine of the word weights): a k-topic topic that receives two or more of the six is split.

# %%
from sklearn.metrics.pairwise import cosine_similarity  # noqa: E402

closest = cosine_similarity(m6.H, m_k.H).argmax(axis=1)
lab_k, lab_6 = topics.topic_labels(m_k), topics.topic_labels(m6)
for t6, tk in enumerate(closest):
    print(f"6-topic T{t6} ({lab_6[t6]}) -> {K}-topic T{tk} ({lab_k[tk]})")
split = sorted({int(t) for t in closest if (closest == t).sum() >= 2})
display(Markdown(f"Split {K}-topic topics: {', '.join(f'T{t} ({lab_k[t]})' for t in split) or 'none'}."))

# %%
if m6.docs["section"].notna().any():
    shares6 = topics.topic_shares(m6)
else:  # a text without parts: each document of the model stands for itself
    print("This text has no parts: topic shares are given per document of the model instead of per part.")
    shares6 = topics.topic_shares(replace(m6, docs=m6.docs.assign(section=m6.docs["doc"])))
own = shares6.loc[shares6.groupby("section")["share"].idxmax()].set_index("section")
own[["topic", "label", "share"]].round(2)

# %%
if THIS_SPEECH:
    assert stab_6 < stab_k  # more topics, less stable
