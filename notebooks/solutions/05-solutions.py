# %% [markdown]
# # 05 · Worked solutions: topic contrasts
#
# Solutions to the exercises at the end of `05-topic-contrasts`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech). The answers in
# prose are computed from the text given; checks with `assert` hold for the study's speech only.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
from zhdiscourse import load_speech
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.plots import setup_fonts
from zhdiscourse.plots import stats as splot
from zhdiscourse.stats import comparison as contrast, cosine as similarity, topics
from zhdiscourse.stats import weighting as tf
from zhdiscourse.study import narrate
from zhdiscourse.text import choose_unit
from zhdiscourse.tokenize import documents, tokens

setup_fonts()
speech = load_speech(TEXT)
tok = tokens(speech)
THIS_SPEECH = paths.is_reference_text(TEXT)
PART = choose_unit(speech, "section", ("window",))[0]
SUB = choose_unit(speech, "segment", ("window",))[0]  # as notebook 05: sub-points and part preambles

# %% [markdown]
# ## Exercise 1 — the most similar segments of different parts

# %%
res = tf.tfidf(tok, SUB, speech=speech)
sim = similarity.similarity(result=res)
across = sim[~sim["same_section"]].sort_values("cosine", ascending=False)
best = across.iloc[0]
titles = {s.number: s.title for s in speech.sections}
titles.update({f"{s.number}.preamble": f"part {s.number} before its first sub-point" for s in speech.sections})
titles.update({u.label: u.title for u in speech.subsections})
top = tf.top_terms(result=res, top=15)
shared = sorted(set(top.loc[top["doc"] == best.a, "term"]) & set(top.loc[top["doc"] == best.b, "term"]))
assert best.cosine == sim["cosine"][~sim["same_section"]].max()
narrate.show(f"**{best.a}** ({narrate.shorten(titles.get(best.a)) or '—'}) and **{best.b}** "
             f"({narrate.shorten(titles.get(best.b)) or '—'}): cosine "
             f"{best.cosine:.3f}. Words in both top-15 lists: {', '.join(shared) or 'none'}.")

# %%
spans = {label: (a, b) for label, a, b in speech.units(SUB)} if SUB == "segment" else {}
for label in (best.a, best.b):
    if label in spans:
        a, b = spans[label]
        print(f"— {label}: {speech.text[a:b][:260].strip()}…\n")

# %% [markdown]
# A cosine says *that* two documents share words; only reading them says *why*.

# %%
narrate.speech_only(THIS_SPEECH, (
    "In the study's speech the pair is 一.五是 and 二.第七, and both titles read 切实维护社会稳定 (\"firmly maintain "
    "social stability\"): the review reports what was done for social order, the task part orders more of it. The "
    "shared words (社会, 秩序, 稳定 …) are one theme taken up twice — once looking back, once looking ahead — not a "
    "shared formula."))
if THIS_SPEECH:
    assert (best.a, best.b) == ("一.五是", "二.第七") and titles[best.a] == titles[best.b]

# %% [markdown]
# ## Exercise 2 — part 一 against part 四 (or the first part against the last)

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
    narrate.show(f"Typical of **{name}**: {', '.join(side['term'])} — significant after the correction: "
                 f"{', '.join(sig) or 'none'}.")
biggest = ct.assign(total=ct["count_a"] + ct["count_b"]).sort_values("total", ascending=False).iloc[0]
narrate.show(
    f"{narrate.count(int((ct['p_adj'] < 0.05).sum()), 'word')} of the {len(ct)} compared differ significantly. "
    f"The most frequent compared word, {biggest.term}, occurs {int(biggest.total)} times in the two parts together. "
    "A plot shows the *pattern* of many small differences at once — dozens of words all leaning the same way — "
    "while a test asks of each word alone whether its few occurrences could have fallen as they did by chance. "
    "Many weak pieces of evidence that agree are not the same as one strong one.")
if THIS_SPEECH:
    assert "干部" in set(side_b["term"])

# %% [markdown]
# ## Exercise 3 — a topic that is one passage

# %%
n_docs = len(documents(tok, SUB, speech=speech))
K = min(topics.DEFAULT_K, max(n_docs - 1, 1))  # the k the notebook's rule chooses on the speech (fewer on a short text)
MIN_DF = 2  # as in notebook 05: words found in at least two documents
try:
    model = topics.fit_topics(tok, K, SUB, speech=speech, min_df=MIN_DF)
except ZhDiscourseError as exc:  # a short text: too few shared words for K topics
    assert not THIS_SPEECH
    MIN_DF = 1
    print(f"{exc}: fitting with every word (min_df=1) instead.")
    model = topics.fit_topics(tok, K, SUB, speech=speech, min_df=MIN_DF)
try:
    loo = topics.loo_stability(tok, K, SUB, speech=speech, result=model.tfidf, reference=model, min_df=MIN_DF)
except ZhDiscourseError as exc:  # too few documents to leave one out
    print(f"No leave-one-out refits: {exc}.")
    loo = None
lost = loo[loo["cosine"] < topics.LOO_MIN_COSINE] if loo is not None else model.docs.iloc[0:0]
lost

# %%
if len(lost):
    r = lost.iloc[0]
    words = topics.topic_terms(model, 8).query("topic == @r.topic")["term"].tolist()
    doc_terms = tf.top_terms(result=model.tfidf, top=8)
    own = doc_terms.loc[doc_terms["doc"] == r.left_out, "term"].tolist()
    common = [w for w in words if w in own]
    narrate.show(
        f"Without **{r.left_out}**, topic T{r.topic} ({' / '.join(words[:3])}) is lost (matched cosine "
        f"{r.cosine:.2f}). Its top words: {', '.join(words)}; the document's own top terms: {', '.join(own)} — "
        f"{narrate.count(len(common), 'word')} in common. "
        + narrate.holds(len(common) >= 2,
                        "The topic is largely this document's vocabulary. In a paper: *'one of the topics is carried "
                        f"by a single passage ({r.left_out}); we report it as that passage's subject, not as a theme "
                        "of the text.'*",
                        "The topic is not simply this document's vocabulary, but it still needs this document to be "
                        "found: report it with that caveat."))
    if THIS_SPEECH:
        assert r.left_out == "一.二是"
else:
    narrate.show("No document's omission loses a topic in this text: every topic is found again without any one "
                 "document, and can be reported as a pattern of the text.")
