# %% [markdown]
# # 03 · Which words characterise each part? TF-IDF and keyness
#
# Notebook 02 counted words. Raw counts mostly tell us what the *whole* text is about: its commonest
# content words tend to be common in every part. Here we ask a sharper question: **which words are
# typical of one part of the text compared with the others?** Two standard tools answer it:
#
# * **TF-IDF** (term frequency × inverse document frequency) — a weight that is high for a word that
#   is frequent in one part and rare in the other parts;
# * **keyness** — a statistical test: is a word used in one part more often than we would expect if
#   the parts did not differ? We report the strength of the evidence (**G²**, and **Fisher's exact
#   test**, which stays valid for rare words), the effect size **log ratio**, one correction for
#   testing hundreds of words at once, and a check of whether a "key" word rests on one passage.
#
# Finally we compare our lists with the keywords that the `jieba` library extracts with its own,
# general-corpus statistics, and explain why the two differ.
#
# Every sentence that states a result is computed from the text the notebook is given; `assert`
# statements check the claims about the study's speech, and are skipped on another text.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))

# %%
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse.stats import keywords as kn
from zhdiscourse import load_speech
from zhdiscourse.text import choose_unit
from zhdiscourse.stats import weighting as tf
from zhdiscourse.study import findings, narrate
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.plots import glossary, label_with_gloss, save_figure, setup_fonts
from zhdiscourse.plots import stats as splot
from zhdiscourse.plots import terms as tplot
from zhdiscourse.tokenize import content_tokens, documents, tokens

setup_fonts()
pd.set_option("display.max_colwidth", 60)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run

# %% [markdown]
# ## 1. Documents made of content words
#
# Both methods compare **documents**. Here a document is one part of the text (一、二、…), or, in
# section 3, one **segment**: a sub-point, or the text of a part before its first sub-point (its
# preamble), so that the segments cover the whole text. We keep only **content words**: the token
# table of notebook 02 minus stopwords (的, 和, 在 …), punctuation and numerals. One-character words
# such as 党 or 心 are kept. (If a text has no parts, the notebook falls back to windows of five
# sentences.)

# %%
speech = load_speech(TEXT)
tok = tokens(speech)
PART = choose_unit(speech, "section", ("window",))[0]
SUB = choose_unit(speech, "segment", ("window",))[0]
docs = documents(tok, PART, speech=speech)
content = content_tokens(tok)
docs[["doc", "start", "end", "n_tokens"]]

# %%
n_words = int((~tok["is_punct"]).sum())
if THIS_SPEECH:
    assert PART == "section" and list(docs["doc"]) == ["一", "二", "三", "四"]
assert docs["n_tokens"].sum() <= len(content) <= n_words
outside = len(content) - int(docs["n_tokens"].sum())
narrate.show(
    f"The text has **{n_words:,} word tokens**; **{len(content):,}** of them are content words, and "
    f"**{docs['n_tokens'].sum():,}** of those lie inside the {len(docs)} "
    f"{'parts' if PART == 'section' else 'windows'}"
    + (f" (the other {outside}, such as a salutation, precede the first part; they are in no part, and so in "
       "neither side of the part comparisons below)." if outside else "."))

# %% [markdown]
# ## 2. TF-IDF: the top terms of each part
#
# For a term *t* in document *d*:
#
# * **tf** = how often *t* occurs in *d*;
# * **idf** = ln((1 + n) / (1 + df)) + 1, where *n* is the number of documents and *df* the number
#   of documents that contain *t*. A term found in every part gets the lowest idf; a term found in
#   one part only the highest;
# * the weight is tf × idf, and each document's weights are scaled so that its vector has length 1.
#
# So a word scores high when it is frequent **here** and rare **elsewhere**. But with only a handful
# of parts the idf takes only as many values as there are parts: within a part, a term's weight is
# its count times one of as many numbers as there are parts. We measure below how far that moves the list away from a
# plain frequency list.

# %%
res_parts = tf.tfidf(tok, PART, speech=speech)
top_parts = tf.top_terms(result=res_parts, top=10)
wide = top_parts.assign(cell=lambda d: d["term"] + " (" + d["count"].astype(str) + "×, df " + d["df"].astype(str) + ")")
wide.pivot(index="rank", columns="doc", values="cell")[list(docs["doc"])]

# %% [markdown]
# Each cell reads *term (count in the part ×, number of parts containing it)*.

# %%
n_docs = len(docs)
firsts = top_parts[top_parts["rank"] == 1].set_index("doc")
everywhere = sorted(set(top_parts.loc[top_parts["df"] == n_docs, "term"]))
only_here = top_parts[top_parts["df"] == 1]
if THIS_SPEECH:
    assert firsts.loc["三", "term"] == "就业" and firsts.loc["三", "df"] == 1
    assert firsts.loc["四", "term"] == "干部" and firsts.loc["二", "term"] == "医务人员"
    assert "疫情防控" in everywhere and firsts.loc["一", "term"] == "疫情防控"
narrate.show(
    "Top term of each part: " + "; ".join(
        f"**{d}** {r.term} ({r['count']}×, in {r.df} of {n_docs} parts)" for d, r in firsts.iterrows())
    + f". **{len(only_here)}** of the {len(top_parts)} listed terms occur in one part only. "
    + (f"Terms in *every* part still reach some top-10 lists when they are very frequent there: "
       f"{', '.join(everywhere)}." if everywhere else ""))

# %% [markdown]
# **How far is this from a frequency list?** For each part: how many different idf values its terms
# have, the rank correlation (Spearman) between TF-IDF weight and raw count over all its terms, and
# how many of its TF-IDF top 10 are also in its top 10 by count.

# %%
agree = tf.frequency_agreement(res_parts, top=10)
if THIS_SPEECH:
    assert (agree["idf_levels"] == 4).all() and agree["spearman"].between(0.75, 0.87).all()
    assert agree["top_overlap"].between(6, 8).all()
findings.record("tfidf.idf_levels", int(agree["idf_levels"].max()))
findings.record("tfidf.spearman_min", float(agree["spearman"].min()), "{:.2f}")
findings.record("tfidf.spearman_max", float(agree["spearman"].max()), "{:.2f}")
findings.record("tfidf.overlap_min", int(agree["top_overlap"].min()))
findings.record("tfidf.overlap_max", int(agree["top_overlap"].max()))
narrate.show(
    f"The idf takes at most **{int(agree['idf_levels'].max())}** values within a part; the rank correlation of "
    f"weight and count is **{agree['spearman'].min():.2f}–{agree['spearman'].max():.2f}**, and "
    f"**{agree['top_overlap'].min()}–{agree['top_overlap'].max()}** of each top 10 are also the part's most "
    "frequent words. "
    + narrate.holds(agree["spearman"].min() > 0.7,
                    "TF-IDF over the parts is, honestly stated, **a frequency list in which words found in every "
                    "part are pushed down** — useful, but no test of anything; keyness (section 4) is.",
                    "Here TF-IDF re-orders the frequency lists substantially."))
agree

# %%
glosses = glossary()
fig = tplot.term_bars(top_parts, value="tfidf", n=10, xlabel="TF-IDF weight",
                      group_titles={d: f"part {d}" for d in docs["doc"]} if PART == "section" else None,
                      title="Top TF-IDF terms of each part (documents = parts)")
saved = save_figure(fig, "03-tfidf-parts", caption="The ten terms with the highest TF-IDF weight in each part "
                    "of the text, with English glosses where the glossary has one.")

# %% [markdown]
# **How to read it.** One panel per part; the longest bar is the part's most characteristic term.
# Compare the panels: a term that appears in several panels is frequent in several parts and is
# not what distinguishes them; a term in one panel only is specific to it.

# %%
shown = set(top_parts["term"])
glossed = sorted(t for t in shown if t in glosses)
display(Markdown(f"The glossary gives English for **{len(glossed)} of the {len(shown)}** terms in the figure; "
                 "the rest are shown in Chinese only."))

# %% [markdown]
# ## 3. TF-IDF per segment
#
# The same method with the **segments** as documents: every sub-point, every part's preamble (the
# text before its first sub-point) and the opening before the first part — together the whole text.
# The idf now has many more values, so the weights separate much more sharply. The table lists the
# three top terms of each segment next to its title.

# %%
res_sub = tf.tfidf(tok, SUB, speech=speech)
top_sub = tf.top_terms(result=res_sub, top=3)
titles = {u.label: u.title for u in speech.subsections}
titles.update({f"{s.number}.preamble": f"(part {s.number} before its first sub-point)" for s in speech.sections})
titles["opening"] = "(before the first part)"
per_sub = (top_sub.groupby("doc", sort=False)["term"].agg(" · ".join).rename("top 3 terms").to_frame()
           .assign(title=lambda d: d.index.map(lambda x: (titles.get(x) or "")[:28])))
per_sub

# %%
firsts_sub = top_sub[top_sub["rank"] == 1]
unique_first = firsts_sub[firsts_sub["df"] == 1]
unit_name = "segments" if SUB == "segment" else "windows"
if THIS_SPEECH:
    assert SUB == "segment" and len(per_sub) == 30 and len(unique_first) == 8
    assert firsts_sub["term"].nunique() == len(firsts_sub)  # no two segments share their top term
narrate.show(
    f"Of the **{len(firsts_sub)}** {unit_name}, **{len(unique_first)}** have a top term that occurs in no "
    f"other {unit_name[:-1]}, and **{firsts_sub['term'].nunique()}** different words top the {len(firsts_sub)} lists.")

# %% [markdown]
# The heat map below takes the two top terms of each segment and shows their TF-IDF weight in
# **every** segment. Dashed lines separate the parts.

# %%
heat_terms = list(dict.fromkeys(top_sub.loc[top_sub["rank"] <= 2, "term"]))
mat = res_sub.to_frame()[heat_terms]
tidy = (mat.rename_axis("doc").reset_index().melt(id_vars="doc", var_name="term", value_name="tfidf")
        .merge(res_sub.docs[["doc", "section"]], on="doc"))
fig = tplot.term_unit_heatmap(tidy, value="tfidf", terms=heat_terms, cbar_label="TF-IDF weight",
                              title="Top two TF-IDF terms of each segment, weighted in every segment")
saved = save_figure(fig, "03-tfidf-subpoints", caption="TF-IDF weights of the two top terms of each segment "
                    "(rows) in every segment (columns, in text order: the opening, then each part's preamble and "
                    "sub-points, which together cover the whole text); dashed lines separate the parts.")

# %%
peak = mat.idxmax()  # for each term, the segment where its weight is highest
home = top_sub[top_sub["rank"] <= 2].drop_duplicates("term").set_index("term")["doc"]
on_diagonal = sum(peak[t] == home[t] for t in heat_terms)
spread = (mat > 0).sum()  # in how many segments each term occurs
narrow = [t for t in heat_terms if spread[t] <= 2]
if THIS_SPEECH:
    assert on_diagonal > 0.8 * len(heat_terms) and spread.idxmax() == "疫情防控"
narrate.show(
    f"For **{on_diagonal} of the {len(heat_terms)}** terms the darkest cell is the {unit_name[:-1]} whose list the "
    "term tops, so the dark cells run down a diagonal"
    + narrate.holds(on_diagonal > 0.8 * len(heat_terms), f": each {unit_name[:-1]} has its own vocabulary. ", ". ")
    + f"**{len(narrow)}** of the terms occur in at most two {unit_name}; the most widely spread, "
    f"{spread.idxmax()}, occurs in {spread.max()} of {len(mat)} {unit_name}"
    + narrate.holds(spread.idxmax() in set(firsts_sub["term"]), " — it tops a list by sheer frequency.", "."))

# %% [markdown]
# ## 4. Keyness: the evidence, the correction and the concentration check
#
# TF-IDF ranks words but does not tell us whether a difference could be chance. **Keyness** compares
# one part (the *target*) with the rest of the text (the *reference*) in a 2×2 table. For a term,
# *a* is its count in the target, *b* in the reference; N1 and N2 are the numbers of content words in
# each. If the term were used at the same rate everywhere, we would expect N1·(a+b)/N of its
# occurrences in the target. Here is that table for one term:

# %%
MIN_FREQ = 5  # a term is tested when it occurs at least this often in the whole text
kt = kn.keyness(tok, PART, speech=speech, min_freq=MIN_FREQ)  # one family, Fisher's exact test, floor 5
if kt.empty:  # a short text: no term occurs 5 times, so test every term that occurs twice
    MIN_FREQ = 2
    kt = kn.keyness(tok, PART, speech=speech, min_freq=MIN_FREQ)
    print(f"No term occurs 5 times in this short text: keyness below tests the terms with at least "
          f"{MIN_FREQ} occurrences ({kt['term'].nunique()} terms). So few occurrences are weak evidence.")
if THIS_SPEECH:
    assert MIN_FREQ == 5 and (kt.attrs["family"], kt.attrs["test"], kt.attrs["min_expected"]) == ("pooled", "fisher", 5)
best = kt.sort_values("g2_signed", ascending=False).iloc[0]
n1 = int(docs.loc[docs["doc"] == best["doc"], "n_tokens"].iloc[0])
n2 = int(docs["n_tokens"].sum()) - n1
pd.DataFrame({f"part {best['doc']} (target)": [best["freq"], n1 - best["freq"], n1],
              "rest of the text": [best["freq_ref"], n2 - best["freq_ref"], n2]},
             index=[best["term"], "all other words", "total"])

# %%
assert abs(best["expected"] - n1 * (best["freq"] + best["freq_ref"]) / (n1 + n2)) < 1e-9
narrate.show(
    f"**{best['term']}** occurs {best['freq']} times in part {best['doc']} where about "
    f"{best['expected']:.1f} were expected: **G² = {best['g2']:.1f}**, **log ratio = {best['log_ratio']:.2f}**, "
    f"Fisher's exact p = {best['p_fisher']:.2g}.")

# %% [markdown]
# * **G²** (log-likelihood) measures how far the observed counts are from the expected ones; the
#   larger, the stronger the evidence. Its p-value comes from the χ² distribution (G² ≈ 3.84 gives
#   p = 0.05) — an approximation that needs an **expected count of about 5** or more.
# * **Fisher's exact test** computes the p-value from the 2×2 table itself (the hypergeometric
#   distribution), with no approximation. A part of a few hundred words expects fewer than 5
#   occurrences of almost every word, so Fisher's test is the one we use; G² stays as the measure of
#   strength in the figures. Terms below the floor of 5 are flagged (`low_expected`).
# * **Multiple testing and BH.** We test hundreds of words in each of the parts. At p < 0.05, about
#   5 in every 100 *unrelated* words would look "key" by luck. The **Benjamini–Hochberg** correction
#   raises the p-values (to `p_adj`) so that, among the terms we call significant, at most 5 % are
#   expected to be false alarms. It runs over **one family: every (part, term) test of the table**,
#   so the 5 % holds for the table as a whole, not for each part separately. A term is
#   **significant** when `p_adj < 0.05`.
# * **Log ratio** is the *effect size*: log2 of (rate in target / rate in reference). +1 means twice
#   as frequent in the target, +3 eight times. It does not depend on how frequent the word is, so it
#   complements the test.
# * **Concentration.** The tests treat every token as an independent draw. A word repeated within
#   one sentence, or packed into one sub-point, looks key for the whole part. `concentrated` marks
#   terms with more than half their occurrences in one sentence, or an improbably large share in one
#   segment of the part; such a key word is a fact about a passage.

# %%
cols = ["doc", "term", "freq", "freq_ref", "expected", "g2", "log_ratio", "p_fisher", "p_adj", "significant",
        "low_expected", "concentrated"]
top_keys = kn.top_keywords(kt, 8)
top_keys[cols].round({"expected": 1, "g2": 1, "log_ratio": 2, "p_fisher": 4, "p_adj": 3})

# %%
tested = kt.groupby("doc", sort=False).size()
raw_05 = kt[(kt["p_fisher"] < 0.05)].groupby("doc", sort=False).size().reindex(tested.index, fill_value=0)
sig = kt[kt["significant"]].groupby("doc", sort=False).size().reindex(tested.index, fill_value=0)
sig_pos = kt[kt["significant"] & (kt["direction"] == "+")].groupby("doc", sort=False)["term"].agg(list)
# the earlier method, for comparison: G² with one correction family per part and no floor
per_part = kn.keyness(tok, PART, speech=speech, min_freq=MIN_FREQ, family="unit", test="g2", min_expected=None,
                      dispersion=False)
sig_per_part = per_part[per_part["significant"]].groupby("doc", sort=False).size().reindex(tested.index, fill_value=0)
summary = pd.DataFrame({"terms tested": tested, "Fisher p < 0.05 before correction": raw_05,
                        "significant (one family, Fisher)": sig, "significant (G², a family per part)": sig_per_part})
summary

# %%
assert (summary["significant (one family, Fisher)"] <= summary["Fisher p < 0.05 before correction"]).all()
n_low = int(kt["low_expected"].sum())
if THIS_SPEECH:
    assert (kt.attrs["n_tests"], raw_05.sum(), sig.sum(), sig_per_part.sum()) == (552, 76, 12, 36)
    assert n_low == 522
for k, v in {"keyness.n_tests": kt.attrs["n_tests"], "keyness.raw_05": raw_05.sum(), "keyness.significant": sig.sum(),
             "keyness.significant_per_part_g2": sig_per_part.sum(), "keyness.low_expected": n_low}.items():
    findings.record(k, int(v))
narrate.show(
    f"Each part is tested on the terms that occur at least {MIN_FREQ} times in the whole text: "
    f"{kt.attrs['n_tests']} (part, term) tests in all, {n_low} of them with an expected count below 5. Before the "
    f"correction **{raw_05.sum()}** have Fisher's p < 0.05; after one BH correction over all of them "
    f"**{sig.sum()}** remain. (G² with a separate correction per part — a common shortcut — would call "
    f"{sig_per_part.sum()} significant.) Significant positive keys: " + ("; ".join(
        f"part {d}: {', '.join(v)}" for d, v in sig_pos.items()) or "none") + ".")

# %% [markdown]
# On the study's speech, the next cell states and checks three claims about its parts (on another
# text it is skipped).

# %%
def row(part, term):
    hit = kt[(kt["doc"] == part) & (kt["term"] == term)]
    return hit.iloc[0] if len(hit) else None


narrate.speech_only(THIS_SPEECH, (
    "Three claims about the study's speech, each checked here:\n\n"
    "* part 二 (the medical front) has **two** significant key terms, both medical;\n"
    "* 防控 and 疫情防控 (prevention and control) are **not** key in 二, although it is the part about fighting the "
    "epidemic: they run through the whole speech;\n"
    "* 复工复产 (resuming work and production) is over-used in 三 with p < 0.05, but **not significant after the "
    "correction**: a good example of what the correction does."))
if THIS_SPEECH:
    assert sig_pos["二"] == ["医务人员", "医疗"]
    assert not row("二", "防控")["significant"] and not row("二", "疫情防控")["significant"]
    fg = row("三", "复工复产")
    assert fg["direction"] == "+" and fg["p_fisher"] < 0.05 and not fg["significant"]
    assert {"就业", "政策", "恢复"} <= set(sig_pos["三"]) and not row("三", "企业")["significant"]
    assert {"干部", "心", "重大", "增强"} <= set(sig_pos["四"])
    narrate.show(
        f"医务人员 in 二: Fisher's p_adj = {row('二', '医务人员')['p_adj']:.4f}; 医疗: {row('二', '医疗')['p_adj']:.3f}. "
        f"疫情防控 in 二: {row('二', '疫情防控')['per_1k']:.1f} per 1,000 words against "
        f"{row('二', '疫情防控')['per_1k_ref']:.1f} in the rest, p_adj = {row('二', '疫情防控')['p_adj']:.2f}. "
        f"复工复产 in 三: {fg['freq']} of its {fg['freq'] + fg['freq_ref']} occurrences, log ratio "
        f"{fg['log_ratio']:.2f}, p = {fg['p_fisher']:.4f} before and p_adj = {fg['p_adj']:.3f} after the correction.")

# %% [markdown]
# ### Which key words rest on one passage?
#
# For every significant key word: in how many sentences of its part it occurs, the share of its
# occurrences in its top sentence and in its top segment (and how large that segment is, as a share
# of the part), and the concentration flag.

# %%
conc_cols = ["doc", "term", "freq", "n_sentences", "top_sentence_share", "top_subunit", "top_subunit_share",
             "top_subunit_size", "p_concentration", "concentrated"]
sig_rows = kt[kt["significant"] & (kt["direction"] == "+")]
sig_rows[conc_cols].round(3)

# %%
n_conc = int(sig_rows["concentrated"].sum())
if THIS_SPEECH:
    assert n_conc == 6 and set(sig_rows.loc[sig_rows["concentrated"], "term"]) == {"中国", "医务人员", "就业", "心",
                                                                                  "重大", "增强"}
findings.record("keyness.concentrated", n_conc)
findings.record("keyness.significant_positive", len(sig_rows))
narrate.show(
    f"**{n_conc} of the {len(sig_rows)}** significant positive keys are concentrated"
    + (": " + ", ".join(f"{r.term} ({r.doc}: " + (f"{r.top_sentence_share:.0%} in one sentence)" if r.top_sentence_share > 0.5
                                                   else f"{r.top_subunit_share:.0%} in {r.top_subunit})")
                        for r in sig_rows[sig_rows["concentrated"]].itertuples()) + ". " if n_conc else ". ")
    + "A concentrated key word tells us about one passage of the part; a key word spread over the part "
      "tells us about the part.")

# %%
fig = splot.keyness_bars(kt, n=8, title="Keyness of each part against the rest (signed G²)")
saved = save_figure(fig, "03-keyness-bars", caption="Signed G² of the eight strongest positive (red) and "
                    "negative (blue) key terms of each part against the rest of the text; pale bars are not "
                    "significant (Fisher's exact test, one Benjamini-Hochberg correction over all part-term tests).")

# %% [markdown]
# **How to read it.** Red bars to the right are words a part uses *more* than the rest of the
# text, blue bars to the left words it uses *less*. Solid bars are significant after the correction,
# pale ones are not. Negative keys are weak: a part is short, so a word it lacks is rarely strong
# evidence.

# %%
neg_sig = kt[kt["significant"] & (kt["direction"] == "-")]
assert len(neg_sig) <= sig.sum()
if THIS_SPEECH:
    assert len(neg_sig) == 0
narrate.show(f"Significant negative keys: **{len(neg_sig)}**" + (
    " (" + ", ".join(f"{r.term} in {r.doc}" for r in neg_sig.itertuples()) + ")." if len(neg_sig) else "."))

# %%
fig = tplot.keyness_volcano(kt, n_label=5, title="Keyness per part: log ratio (effect) against G² (evidence)")
saved = save_figure(fig, "03-keyness-volcano", caption="Every tested term of each part: log ratio (x) against "
                    "G² (y); terms significant with Fisher's exact test after one correction over all part-term "
                    "tests in colour, the strongest positive keys labelled; the dotted line is the smallest G² "
                    "among the significant terms.")

# %% [markdown]
# **How to read it.** Points far to the right are words many times more frequent in the part;
# points high up are words with strong evidence. Significant words (coloured) need both enough
# occurrences and a large ratio: many grey points have a large log ratio but occur too rarely.

# %%
pos = kt[kt["direction"] == "+"]
big_lr_not_sig = pos[(pos["log_ratio"] >= 3) & ~pos["significant"]]
if THIS_SPEECH:
    assert len(big_lr_not_sig) > 0
narrate.show(
    f"**{len(big_lr_not_sig)}** term–part pairs are at least 8 times (log ratio ≥ 3) more frequent in "
    f"the part than elsewhere and still not significant; they have at most "
    f"{int(big_lr_not_sig['freq'].max()) if len(big_lr_not_sig) else 0} occurrences.")

# %% [markdown]
# ## 5. Our TF-IDF against jieba's keywords
#
# `jieba`, the segmenter, also offers `jieba.analyse.extract_tags`, which returns "keywords" of any
# text. It too uses TF-IDF, but with an **idf table computed on a large general corpus** and shipped
# with the library. We run it on the text of each part and put the lists side by side.

# %%
cmp = tf.compare_with_jieba(tok, speech, PART, top=10)
side = cmp.pivot(index="rank", columns="doc", values=["tfidf_term", "jieba_term"])
side.columns = [f"{d} · {'ours' if m == 'tfidf_term' else 'jieba'}" for m, d in side.columns]
side[[f"{d} · {m}" for d in docs["doc"] for m in ("ours", "jieba")]]

# %%
fig = tplot.rank_comparison(cmp, title="Top 10 terms per part: TF-IDF within the text against jieba.analyse")
saved = save_figure(fig, "03-jieba-comparison", caption="For each part, our TF-IDF top 10 (left) and jieba's "
                    "extract_tags top 10 (right); lines join the terms found in both lists.")

# %% [markdown]
# ### Why the lists differ
#
# We measure four reasons in the cells below.
#
# 1. **Where the idf comes from.** Our idf compares the parts *with each other*; jieba's compares each
#    word with general Chinese. A word that is rare in general Chinese but runs through the whole
#    text is ranked high by jieba in **every** part, although it does not tell the parts apart.
# 2. **Segmentation.** jieba re-segments the text with its own dictionary, without our domain
#    dictionary, so fixed expressions that the domain dictionary keeps whole are split into shorter
#    words.
# 3. **One-character words.** `extract_tags` drops every word of one character (心 "heart", 党
#    "the Party" …), so none of them can ever appear in its list.
# 4. **Stopwords.** jieba's stopword list is small; words our list removes as too general (我们,
#    工作 …) can reach its top 10.

# %%
ours_sets = {d: set(g["tfidf_term"].dropna()) for d, g in cmp.groupby("doc", sort=False)}
jieba_sets = {d: set(g["jieba_term"].dropna()) for d, g in cmp.groupby("doc", sort=False)}
shared = {d: len(ours_sets[d] & jieba_sets[d]) for d in ours_sets}
findings.record("jieba.shared_min", min(shared.values()))
findings.record("jieba.shared_max", max(shared.values()))
in_all_jieba = set.intersection(*jieba_sets.values())
in_all_ours = set.intersection(*ours_sets.values())
display(Markdown(
    "Terms shared by the two top-10 lists: " + ", ".join(f"part {d}: **{n}**" for d, n in shared.items())
    + f". Terms in **every** part's list — jieba: **{len(in_all_jieba)}** ({', '.join(sorted(in_all_jieba)) or '–'}); "
      f"ours: **{len(in_all_ours)}** ({', '.join(sorted(in_all_ours)) or '–'})."))

# %%
vocab = set(tok["token"])
stop = set(tok.loc[tok["is_stop"], "token"])
jieba_all = set().union(*jieba_sets.values())
ours_all = set().union(*ours_sets.values())
not_our_tokens = sorted(t for t in jieba_all if t not in vocab)
jieba_stop = sorted(t for t in jieba_all if t in stop)
one_char_ours = sorted(t for t in ours_all if len(t) == 1)
assert all(len(t) >= 2 for t in jieba_all)  # extract_tags never returns one-character words
if THIS_SPEECH:
    assert "复产" in not_our_tokens and len(in_all_jieba) > len(in_all_ours)
    assert "心" in one_char_ours
display(Markdown(
    f"* jieba terms that are **not tokens** in our segmentation (split differently): "
    f"{', '.join(not_our_tokens) or 'none'}.\n"
    f"* jieba terms that our **stopword list** removes: {', '.join(jieba_stop) or 'none'}.\n"
    f"* **one-character** terms in our lists, impossible for jieba: {', '.join(one_char_ours) or 'none'}."))

# %% [markdown]
# What does jieba make of our multi-word terms when it has no domain dictionary? We segment each
# of our top terms of four or more characters with jieba's plain dictionary:

# %%
from zhdiscourse.tokenize.segment import cut

long_terms = sorted({t for t in set(tok["token"]) if len(t) >= 4} & (ours_all | set(kt["term"])))
splits = {t: cut(t, userdict=False) for t in long_terms}
split_up = {t: " + ".join(p) for t, p in splits.items() if len(p) > 1}
if THIS_SPEECH:
    assert "疫情防控" in split_up and "复工复产" in split_up
display(Markdown(f"**{len(split_up)} of {len(long_terms)}** such terms are split"
                 + (": " + "; ".join(f"{t} → {p}" for t, p in split_up.items()) + "." if split_up else
                    ": jieba's own dictionary keeps every one of them whole.")))

# %% [markdown]
# **Which list is right?** Neither; they answer different questions. jieba's keywords say what the
# text is about compared with Chinese in general. The TF-IDF and keyness lists of this notebook say
# how the parts differ from *each other*. For comparing parts, the within-text measures are the
# right tool; to compare a speech with other texts, use keyness against a reference corpus.

# %%
if THIS_SPEECH:
    assert set(sig_pos["一"]) == {"中国", "要求"} and sig_pos["二"] == ["医务人员", "医疗"]
conc_terms = set(sig_rows.loc[sig_rows["concentrated"], "term"])
if THIS_SPEECH:  # the speech's own reading (its parts are named here, so the sentence is built only for it)
    narrate.speech_only(THIS_SPEECH, (
        "For this speech: part 一 reports what China has done (significant keys "
        f"{', '.join(sig_pos['一'])}), 二 turns to the medical front ({', '.join(sig_pos['二'])}), 三 to the economy "
        f"({', '.join(sig_pos['三'])}) and 四 to the Party's cadres and their resolve ({', '.join(sig_pos['四'])}). "
        f"But {', '.join(t for t in ('中国', '医务人员', '就业') if t in conc_terms)} each sit mostly in one sub-point: "
        "the reading 'each part has its own vocabulary' holds for 四 and its cadres, and for the other parts rests "
        "largely on one passage each."))

# %% [markdown]
#
# ## Exercises
#
# 1. **Warm-up.** In part 三, which terms have p < 0.05 *before* the correction but are **not**
#    significant after it? Print their counts, `p_fisher` and `p_adj`. What is the largest p-value
#    that is still significant in the whole table, and could a word that occurs only 5 times in the
#    whole text ever reach it? What does that say about rare words in a short text?
# 2. **What is the reference?** Compare part 四 with part 一 **only** (not with the whole rest):
#    build two frequency Series from `documents(...)` and call `kn.keyness_table` with
#    `test="fisher", min_expected=5`. Which of the top-5 keys of 四 stay the same? Explain in two
#    sentences why a key-word list is always a statement about a comparison.
# 3. **A key word or a key passage?** Take the significant key words flagged `concentrated`. For
#    two of them, read the sentences of their top segment with `kwic`. Would you report them as
#    key words of the *part*? Write the sentence you would put in a paper for one of them.
#
# Worked solutions: `notebooks/solutions/03-solutions.ipynb`.
