# %% [markdown]
# # 03 · Worked solutions: TF-IDF and keyness
#
# Solutions to the exercises at the end of `03-tfidf-and-keyness`. Run it like the notebook: the
# parameters cell picks up the text from `ZHD_TEXT` (default: the study's speech). The answers in
# prose are computed from the text given; checks with `assert` hold for the study's speech only.

# %% tags=["parameters"]
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))

# %%
import pandas as pd

from zhdiscourse import load_speech
from zhdiscourse.stats import keywords as kn
from zhdiscourse.stats.concordance import kwic
from zhdiscourse.study import narrate
from zhdiscourse.text import choose_unit
from zhdiscourse.tokenize import documents, tokens

speech = load_speech(TEXT)
tok = tokens(speech)
THIS_SPEECH = paths.is_reference_text(TEXT)
PART = choose_unit(speech, "section", ("window",))[0]
kt = kn.keyness(tok, PART, speech=speech)  # as notebook 03: one family, Fisher's exact test, concentration check
if kt.empty:  # a short text: no term occurs 5 times, so test the terms that occur twice (as notebook 03)
    kt = kn.keyness(tok, PART, speech=speech, min_freq=2)
    print("No term occurs 5 times in this short text: keyness here tests the terms with at least 2 occurrences.")
labels = list(dict.fromkeys(kt["doc"]))

# %% [markdown]
# ## Exercise 1 — significant before, but not after, the correction
#
# Filter the keyness table of part 三 on `p_fisher < 0.05` and `significant == False`.

# %%
target = "三" if "三" in labels else labels[-1]
part = kt[kt["doc"] == target]
lost = part[(part["p_fisher"] < 0.05) & ~part["significant"]]
lost[["term", "direction", "freq", "freq_ref", "expected", "log_ratio", "p_fisher", "p_adj"]].round(4)

# %% [markdown]
# Under Benjamini–Hochberg every test whose p-value is at most the largest significant p-value of the
# table is significant, so that p-value is the bar. What is the smallest p-value a term can reach at
# all? When *every* occurrence falls in the part, the table is as lopsided as it can be.

# %%
n_part = int(documents(tok, PART, speech=speech).set_index("doc").loc[target, "n_tokens"])
n_rest = int(documents(tok, PART, speech=speech)["n_tokens"].sum()) - n_part
bar = float(kt.loc[kt["significant"], "p_fisher"].max()) if kt["significant"].any() else float("nan")
best_possible = {f: float(kn.fisher_2x2([f], [0], n_part, n_rest)[0]) for f in range(2, 11)}
reach = min((f for f, p in best_possible.items() if p <= bar), default=None)
pd.Series(best_possible, name=f"smallest Fisher p with every occurrence in part {target}").rename_axis("frequency").to_frame().T

# %%
if THIS_SPEECH:
    assert "复工复产" in set(lost["term"]) and reach == 6 and best_possible[5] > bar
narrate.show(
    f"In part {target}, **{len(lost)}** terms have p < 0.05 before the correction but not after it "
    f"({int((lost['direction'] == '+').sum())} over-used, {int((lost['direction'] == '-').sum())} under-used). "
    + (f"The largest p-value still significant in the table is **{bar:.5f}**. " if bar == bar else
       "No test of this text survives the correction. ")
    + (f"A word needs at least **{reach}** occurrences, all of them in part {target}, to get there"
       + narrate.holds(best_possible[5] > bar, f": a word seen 5 times in the text cannot be significant here however "
                       f"lopsided its use (at best p = {best_possible[5]:.4f}).",
                       f"; a word seen 5 times can get there if enough of them fall in part {target} (with all five "
                       f"there, p = {best_possible[5]:.2g}).")
       if reach else "No frequency up to 10 can reach it." if bar == bar else "")
    + " In a short text most words are rare, so the test can only ever confirm the strongest and most frequent "
    "differences; a rare word that is not significant has not been shown to be key — nor shown not to be.")

# %% [markdown]
# ## Exercise 2 — part 四 against part 一 only

# %%
docs = documents(tok, PART, speech=speech)
a, b = ("四", "一") if {"四", "一"} <= set(labels) else (labels[-1], labels[0])
counts = {d: pd.Series(t, dtype=object).value_counts() for d, t in zip(docs["doc"], docs["tokens"])}
pair = kn.keyness_table(counts[a], counts[b], test="fisher", min_expected=5)
top_pair = kn.top_keywords(pair, 5)
top_rest = kn.top_keywords(kt[kt["doc"] == a], 5)
same = sorted(set(top_pair["term"]) & set(top_rest["term"]))
narrate.show(f"Top 5 keys of {a} against {b} only: {', '.join(top_pair['term']) or 'none (no term is frequent enough)'}. "
             f"Against the rest: {', '.join(top_rest['term']) or 'none'}. **{len(same)}** in common: {', '.join(same) or '–'}. "
             f"Significant against {b} alone: {int(pair['significant'].sum())} terms (of {pair.attrs['n_tests']} tested).")
top_pair[["term", "freq", "freq_ref", "g2", "log_ratio", "p_fisher", "p_adj", "significant"]].round(4)

# %%
assert pair["freq"].sum() <= len(docs.loc[docs["doc"] == a, "tokens"].iloc[0])
if THIS_SPEECH:
    assert "干部" in same

# %% [markdown]
# A key-word list is always a statement about a comparison: "key" means "more frequent *here than
# there*". Against one part instead of all the others, the reference is smaller, so fewer terms reach
# significance, and words that this one reference happens to lack move up. Changing the reference
# changes the answer, and a paper must name the reference with the list.
#
# ## Exercise 3 — a key word or a key passage?

# %%
conc = kt[kt["significant"] & (kt["direction"] == "+") & kt["concentrated"]]
conc[["doc", "term", "freq", "n_sentences", "top_sentence_share", "top_subunit", "top_subunit_share",
      "top_subunit_size"]].round(2)

# %%
for r in conc.head(2).itertuples():
    lines = kwic(speech, r.term, window=10)
    lines = lines[lines["section"] == r.doc]
    if isinstance(r.top_subunit, str) and r.top_subunit in set(lines["subsection"].dropna()):
        lines = lines[lines["subsection"] == r.top_subunit]
    print(f"— {r.term} in part {r.doc}" + (f" ({r.top_subunit}):" if isinstance(r.top_subunit, str) else ":"))
    for left, kw, right in zip(lines["left"], lines["keyword"], lines["right"]):
        print(f"   {left[-14:]}【{kw}】{right[:14]}")

# %%
if len(conc):
    r = conc.iloc[0]
    where = (f"{r.top_sentence_share:.0%} of them in one sentence" if r.top_sentence_share > 0.5 else
             f"{r.top_subunit_share:.0%} of them in {r.top_subunit}, which holds {r.top_subunit_size:.0%} of the part")
    narrate.show(
        f"A sentence for a paper: *{r.term} is significantly over-used in part {r.doc} ({r.freq} occurrences, "
        f"{r.expected:.1f} expected; Fisher's exact test, BH-adjusted p = {r.p_adj:.3f} over all part-term tests), "
        f"but {where}: it marks one passage of the part rather than the part as a whole.*")
    if THIS_SPEECH:
        assert r.term == "中国" and r.top_subunit == "一.七是"
else:
    narrate.show("No significant key word of this text is concentrated in one passage: each can be reported as a "
                 "key word of its part.")

# %%
narrate.speech_only(THIS_SPEECH, (
    "In the study's speech, 中国 is the key word of part 一 because one sub-point (一.七是, on international support) "
    "names China nine times; 医务人员 is the key word of part 二 because one sub-point (二.第三) is about the medical "
    "staff. Both are real facts about the text — about a sub-point, not about the part. 干部 in part 四 is spread over "
    "the part in proportion to its text: that one is a key word of the part."))
