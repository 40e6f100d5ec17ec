# %% [markdown]
# # 02 · Words: segmentation, frequencies, word clouds, concordances
#
# Chinese is written without spaces between words, so before we can count words a program has to
# decide **where the words are**. This step is called *segmentation*, and every number later in the
# study depends on it. This notebook
#
# 1. shows what the segmenter (jieba) does, and why we switch off its guessing of unknown words;
# 2. shows what our own **domain dictionaries** change, so that terms such as 疫情防控 stay whole: a
#    hand-written user dictionary, and under it a layer of terms mined from the reference corpora;
# 3. counts words: frequency lists for the whole speech and for each part, with and without
#    *stopwords* (very common words such as 的, 和, 要);
# 4. draws word clouds, and shows a trap that silently deletes every one-character word — 要 among them;
# 5. looks at word sequences (*n-grams*), at words in their context (*KWIC*), and at word pairs that
#    belong together (*collocations*).
#
# Every number in the text below is computed by the code cells, and `assert` statements check the
# claims. Some claims only hold for the speech we study; when the notebook runs on another text
# (see *Parameters*) those checks are skipped, and the notebook says so.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from zhdiscourse import collocations
from zhdiscourse import dictionary_changes, frequencies, kwic, load_speech, ngrams, tokens
from zhdiscourse.tokenize import dictionary as lexicon, segment, diagnostics as segreport
from zhdiscourse.study import findings, narrate
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.plots import font_path, label_with_gloss, save_figure, setup_fonts
from zhdiscourse.plots import words as wplot
from zhdiscourse.plots.segmentation import key_unit_bars

setup_fonts()
pd.set_option("display.max_colwidth", 60)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run

# %% [markdown]
# ## 1. Segmentation: what jieba does
#
# [jieba](https://github.com/fxsjy/jieba) segments with a large **dictionary** of words, each with
# a frequency. For a sentence it finds every dictionary word that could start at every
# character, and picks the split whose words are jointly the most probable (the product of their
# relative frequencies). This is jieba's *precise mode*. Our module `zhdiscourse.tokenize.segment` runs it
# sentence by sentence and takes the words and their part-of-speech tags (`pos`: n noun, v verb …)
# from the same pass. The result is the **token table**: one row per token, with its position in
# the text (`start`, `end`) and the part (`section`) and sub-point it belongs to.

# %%
speech = load_speech(TEXT)
table = tokens(speech)
body = [s for s in speech.sentences if not s.is_heading]
first = next((s for s in body if s.section), body[0])
table[table.sentence == first.index].head(12)

# %%
# Offsets are exact: every token is the text between its start and end, and the tokens of each
# sentence join up to the sentence again.
assert all(speech.text[a:b] == t for t, a, b in zip(table.token, table.start, table.end))
by_sentence = table.groupby("sentence")["token"].agg("".join)
assert all(by_sentence.get(s.index, "") == s.text for s in speech.sentences)
n_dict = segment.jieba_dictionary_size()  # the words of jieba's dict.txt, counted as jieba reads it (cached)
display(Markdown(
    f"jieba's own dictionary holds **{n_dict:,} words**. "
    f"The text has **{len(table):,} tokens** in {len(speech.sentences)} sentences; "
    f"{int(table.is_punct.sum()):,} of them are punctuation or spaces, which are kept in the table "
    f"(flagged `is_punct`) but not counted as words. The first sentence of "
    f"{'part ' + first.section if first.section else 'the text'} splits into: {' | '.join(table[table.sentence == first.index].token.head(12))} …"))

# %% [markdown]
# ### Why the HMM is switched off
#
# For characters that do not form a dictionary word, jieba can *guess* new words with a hidden
# Markov model (HMM). That sounds helpful, but on political prose the guesses are mostly errors:
# the HMM glues a function character (则, 从, 因, 要 …) to its neighbour. Our module sets
# `HMM = False`, so the dictionary alone decides, and the teacher controls it through the user
# dictionary. Here is what the HMM *would* change in this text, computed by segmenting every
# sentence both ways.

# %%
hmm = segreport.hmm_changes(speech)
hmm.head(12)

# %%
invented = hmm[hmm.hmm_word]
swallowed = hmm[hmm.hmm_on.str.split(" / ").map(lambda ws: any("要" in w and w != "要" for w in ws))
                & hmm.hmm_off.str.split(" / ").map(lambda ws: "要" in ws)]
assert segment.HMM is False
if THIS_SPEECH:
    assert len(hmm) > 20 and len(invented) > len(hmm) / 2 and len(swallowed) >= 1
display(Markdown(
    f"`segment.HMM = {segment.HMM}`. With the HMM on, segmentation would change in **{len(hmm)} places**; "
    + (f"in **{len(invented)}** of them it invents a word that is in no dictionary (e.g. "
       + ", ".join(invented.hmm_on.head(5)) + "). " if len(invented) else "in none of them does it invent a word. ")
    + narrate.holds(len(swallowed) > 0, f"In **{len(swallowed)}** {narrate.verb(len(swallowed), 'place', 'places')} "
                    "it would hide the directive 要 inside a made-up word (" + ", ".join(swallowed.hmm_on)
                    + "), so a count of 要 would silently drop.",
                    "In this text it would hide no 要 inside a made-up word.")))

# %% [markdown]
# ## 2. What the domain dictionary changes
#
# jieba's dictionary comes from general texts. It does not know many terms of the epidemic and of
# policy language, and splits them: 疫情防控 comes out as 疫情 + 防控. Two layers go on top of it:
# our **user dictionary** (`src/zhdiscourse/lexicon/userdict.txt`, a commented plain-text file that a
# teacher can extend), written by hand, and under it the **mined terms**
# (`src/zhdiscourse/lexicon/mined_terms.tsv`), learned from the Government Work Reports and the CPC
# congress reports and reviewed by hand once (section 2b). Hand entries win where the two disagree. The
# mined layer is **optional and off by default** (section 2b says why), so every token table and figure
# of the study uses the user dictionary alone; `tokens(speech, mined=True)` or `--mined` adds the layer.
# `dictionary_changes` segments every sentence twice, with jieba's dictionary alone and with the user
# dictionary, and lists every place where the two differ.

# %%
changes = dictionary_changes(speech)
changes.head(15)

# %%
if THIS_SPEECH:
    assert changes.iloc[0].text == "疫情防控" and changes.iloc[0]["count"] == 61
    assert changes.iloc[0].before == "疫情 / 防控"
findings.record("dictionary.strings", len(changes))
findings.record("dictionary.places", int(changes["count"].sum()))
display(Markdown(
    f"The dictionary changes **{len(changes)} different strings** at **{int(changes['count'].sum())} "
    "places**. " + ("The biggest change: " + f"**{changes.iloc[0].text}**, which jieba alone splits into "
    f"{changes.iloc[0].before}, occurs {changes.iloc[0]['count']} times." if len(changes) else "")))

# %% [markdown]
# ### Key units kept whole
#
# `src/zhdiscourse/lexicon/key_units.txt` documents the lexical units the analysis relies on. For each one
# that occurs in the text, we count how many of its occurrences come out as **one token**, with
# jieba's dictionary alone and with ours (both layers). (The figure uses English glosses from
# `src/zhdiscourse/lexicon/glossary.csv` where there is one.)

# %%
coverage = segreport.key_unit_coverage(speech)
before, after = coverage.attrs["share_before"], coverage.attrs["share_after"]
if len(coverage):
    assert after >= before
if THIS_SPEECH:
    assert after >= 0.95 and before < 0.5  # the target of the segmentation issue: ≥ 95 % whole
display(Markdown(
    f"**{len(coverage)}** key units occur in the text, **{int(coverage.occurrences.sum())}** times in all. "
    f"jieba's dictionary alone keeps **{before:.0%}** of these occurrences whole; with the domain "
    f"dictionary **{after:.0%}**." if len(coverage) else "No documented key unit occurs in this text."))

# %%
fig = key_unit_bars(coverage, title="Key units kept whole: jieba's dictionary vs the domain dictionaries")
saved = save_figure(fig, "02-key-units", out_dir=OUT, caption="For each key unit of the text (with its number "
            "of occurrences): the share of occurrences that come out as one token with jieba's dictionary only "
            "(grey) and with the domain user dictionary (blue); the mined layer is off, as everywhere by default.")

# %% [markdown]
# **How to read it.** Each unit has two bars. A missing grey bar means jieba alone never keeps the
# unit whole; a full blue bar means our dictionary always does. Units with both bars full
# (阻击战, 保卫战 …) were already jieba words: the dictionary lists them only to document the
# vocabulary (checked in the next cell for this speech).
#
# %%
already = coverage[coverage.share_before == 1].unit.tolist()
if THIS_SPEECH:
    assert {"阻击战", "保卫战"} <= set(already)
display(Markdown(f"Already whole with jieba's dictionary: {', '.join(already) or 'none'}."))

# %% [markdown]
# ### Phrases that must stay split
#
# The dictionary can also **force a split**. A phrase such as 疫情防控阻击战 ("the battle of
# epidemic control") is built from two units, and later analyses (TF-IDF, keyness) need to see both
# parts. Lines such as `疫情防控阻击战 = 疫情防控 + 阻击战` in the user dictionary say so. We check
# each forced split that occurs in the text.

# %%
_, splits = lexicon.read_userdict(lexicon.default_userdict_path())
rows = []
for whole, parts in splits:
    starts = [a for a in table.start if speech.text.startswith(whole, a)]
    for a in starts:
        got = table[(table.start >= a) & (table.end <= a + len(whole))].token.tolist()
        rows.append({"phrase": whole, "offset": a, "tokens": " / ".join(got), "split as declared": got == list(parts)})
split_check = pd.DataFrame(rows, columns=["phrase", "offset", "tokens", "split as declared"])
if THIS_SPEECH:
    assert split_check.phrase.nunique() >= 3
assert split_check["split as declared"].all()
split_check.groupby("phrase", sort=False).agg(occurrences=("offset", "size"), first_offset=("offset", "min"),
                                               tokens=("tokens", "first"), all_split=("split as declared", "all"))

# %% [markdown]
# ### 2b. The second layer: terms mined from the reference corpora
#
# The user dictionary was written from this speech, so on another text it helps little, and it
# lists only what its author noticed: jieba still splits 转移支付 ("transfer payments") into
# 转移 + 支付. The **mined layer** learns such units from the 52 Government Work Reports and the
# 13 CPC congress reports, with the standard measures of Chinese new-word discovery
# (`scripts/mine_terms.py`, `zhdiscourse.tokenize.terms`): every sequence of two to four adjacent
# jieba tokens is scored by its **frequency**, the number of **documents** it occurs in, its
# **cohesion** (pointwise mutual information of its weakest joint) and its **branching entropy**
# on the left and on the right (how freely it combines with its neighbours; a fragment of a longer
# unit has a low entropy on the side where the unit goes on). Rules of Chinese word formation
# remove candidates that cannot be words (function words, modal verbs, verb + object, adverb + verb,
# a disyllabic adjective + noun …). Three measures of how a candidate is *used* follow from the
# errors of the first list: the **frame share** (one neighbour, function words included, on most
# occurrences: a fragment of a frame such as 寓军 of 寓军于民), the **argument share** (terms stand
# after a verb or before a noun: 完善失业保险, 失业保险制度; free verb phrases do not) and the
# **verbality of the first token** (a verb that behaves as a predicate opens a verb + object phrase:
# 杜绝浪费). A unit enters the dictionary with its corpus frequency on jieba's scale, so in a sentence
# it competes with jieba's words by how often political prose uses it; a unit that would then cut a
# word of jieba's segmentation into a fragment in the reports (责任追究制 in 责任追究制度) is dropped.

# %%
mined_table = pd.read_csv(lexicon.default_mined_path(), sep="\t", comment="#")
mined_head = [l for l in lexicon.default_mined_path().read_text(encoding="utf-8").splitlines() if l.startswith("# Settings")]
display(Markdown(
    f"The layer holds **{len(mined_table)} units** ({mined_head[0][2:]}); the most frequent ones: "
    + ", ".join(f"{t} ({c})" for t, c in zip(mined_table.term.head(8), mined_table["count"].head(8))) + "."))
mined_table.head(8)

# %% [markdown]
# **How good is the list?** We judged seeded random samples of mined units by hand
# (`data/lexicon_check/`, with the written judging rule and one line of reason per unit): a unit is
# genuine when it is a conventional unit of policy vocabulary (an established name, a fixed formula,
# or a word jieba lacks), not free syntax, a fragment or an ad-hoc combination. First the miner's own
# list, then the list as shipped: the miner's list less the units that one hand review of all of them
# judged not genuine.

# %%
from zhdiscourse.stats import cohen_kappa, proportion_interval

from zhdiscourse import paths as _paths
from zhdiscourse.study import narrate
from zhdiscourse.text.corpus import load_jsonl

check_dir = _paths.data_path("lexicon_check")
reports = load_jsonl(_paths.data_path("reference", "government_work_reports.jsonl")).reports()
raw_table = pd.read_csv(check_dir / "mined_terms_unreviewed.tsv", sep="\t", comment="#")  # the miner's own list
check = pd.read_csv(check_dir / "mined_check_2028.csv", comment="#")
blind = pd.read_csv(check_dir / "mined_check_2028_blind.csv", comment="#")
# the check is of the miner's list, drawn blind: the judged file holds the units of the blind file, in drawing order
assert list(check.term) == list(blind.term) == list(raw_table.sample(100, random_state=2028).term)
first = pd.read_csv(check_dir / "mined_check_2027.csv", comment="#")  # the check of the first list (history)

second = pd.read_csv(check_dir / "mined_check_2028_judge_b.csv", comment="#")  # an independent second judge
assert list(second.term) == list(check.term)

k, n = int(check.genuine.sum()), len(check)
lo, hi = proportion_interval(k, n)
k2 = int(second.genuine.sum())
lo2, hi2 = proportion_interval(k2, n)
kappa2 = cohen_kappa(check.genuine.astype(bool).tolist(), second.genuine.astype(bool).tolist())
k1, n1 = int(first.genuine.sum()), len(first)
kind_of = lambda r: ("fragments" if "fragment" in r else "free syntax"
                     if any(w in r for w in ("verb", "predicate", "clause")) else "ad-hoc combinations")
error_kinds = check[check.genuine == 0].reason.map(kind_of).value_counts()
first_kinds = first[first.genuine == 0].reason.map(kind_of).value_counts()
assert k / n < 0.9 and k2 / n < 0.9 and k > k1  # better than the first list; below the target (≥ 90 %) for both judges
assert {"医院病床", "多极化趋势"} <= set(check[check.genuine == 0].term)  # the examples in the prose

# the review read every unit of the miner's list; the shipped list is the miner's less what it judged 0
review = pd.read_csv(check_dir / "mined_review_2029.csv", comment="#")
rejected = set(review[review.genuine == 0].term)
assert sorted(review.term) == sorted(raw_table.term)
assert list(mined_table.term) == [t for t in raw_table.term if t not in rejected]
old_kept = check.merge(second[["term", "genuine"]], on="term", suffixes=("", "_b"))
old_kept = old_kept[~old_kept.term.isin(rejected)]  # the 2028 sample's units that the review kept
# the check of the shipped list: a new blind sample, two judges independent of each other and of the review
blind30 = pd.read_csv(check_dir / "mined_check_2030_blind.csv", comment="#")
judge_c = pd.read_csv(check_dir / "mined_check_2030_judge_c.csv", comment="#")
judge_d = pd.read_csv(check_dir / "mined_check_2030_judge_d.csv", comment="#")
assert (list(judge_c.term) == list(judge_d.term) == list(blind30.term)
        == list(mined_table.sample(100, random_state=2030).term))
kc, kd, n30 = int(judge_c.genuine.sum()), int(judge_d.genuine.sum()), len(judge_c)
lo_c, hi_c = proportion_interval(kc, n30)
lo_d, hi_d = proportion_interval(kd, n30)
agree = int((judge_c.genuine == judge_d.genuine).sum())
kappa_cd = cohen_kappa(judge_c.genuine.astype(bool).tolist(), judge_d.genuine.astype(bool).tolist())
both_zero = judge_c.term[(judge_c.genuine == 0) & (judge_d.genuine == 0)].tolist()
one_zero = judge_c.term[judge_c.genuine != judge_d.genuine].tolist()
assert kc / n30 >= 0.9 and kd / n30 >= 0.9  # the issue's target, for both judges, on the list as shipped
findings.record("lexicon.mined.raw_units", len(raw_table))
findings.record("lexicon.mined.raw_genuine_a", k)
findings.record("lexicon.mined.raw_genuine_b", k2)
findings.record("lexicon.mined.raw_n", n)
findings.record("lexicon.mined.check_n", n30)
findings.record("lexicon.mined.review_rejected", len(rejected))
findings.record("lexicon.mined.units", len(mined_table))
findings.record("lexicon.mined.check_genuine_c", kc)
findings.record("lexicon.mined.check_genuine_d", kd)
findings.record("lexicon.mined.check_lo", 100 * min(lo_c, lo_d), "{:.0f}")
display(Markdown(
    f"The previous list (its check: {n1} units, seed 2027) was **{k1} of {n1}** genuine; its errors: "
    + ", ".join(f"{c} {kind}" for kind, c in first_kinds.items()) + ". The measures above were added against "
    f"them. The miner's present list ({len(raw_table)} units): **{k} of {n}** sampled units are genuine (seed 2028, "
    f"judged from a blind file; 95 % Wilson interval {lo:.0%}–{hi:.0%}); an independent second judge, who saw neither "
    f"the miner's code nor these verdicts, found **{k2} of {n}** ({lo2:.0%}–{hi2:.0%}; Cohen's κ between the two "
    f"{kappa2:.2f}). The errors left (first judge): "
    + ", ".join(f"{c} {kind}" for kind, c in error_kinds.items()) + ", for example "
    + ", ".join(check[check.genuine == 0].term.head(6)) + ". So **the miner alone stays below 90 %**: frequency, "
    "cohesion and context measure how fixed a sequence is and how it is used, and political prose fixes many "
    "compositional phrases (医院病床 \"hospital beds\", 多极化趋势 \"the trend towards multipolarity\") that no "
    "measure tells from established names.\n\n"
    f"What no measure tells, a reader does. One hand review read all {len(review)} units in their contexts "
    f"(`mined_review_2029.csv`, blind to scores and earlier verdicts) and judged **{len(rejected)}** not genuine; they "
    f"are left out, and the layer ships **{len(mined_table)} units**. Of the {len(old_kept)} units of the 2028 sample "
    f"that the review kept, the two earlier judges had found {int(old_kept.genuine.sum())} and "
    f"{int(old_kept.genuine_b.sum())} genuine. The check of the list as shipped is a new blind sample (seed 2030), "
    f"judged by two more judges who saw neither the review nor each other: **{kc} and {kd} of {n30}** genuine "
    f"({lo_c:.0%}–{hi_c:.0%} and {lo_d:.0%}–{hi_d:.0%}), both above the issue's target of 90 %. They agree on "
    f"{agree} of {n30} units (κ {kappa_cd:.2f}: κ is low when almost every unit is genuine) and both reject "
    + narrate.join(both_zero) + ("; one of them rejects " + narrate.join(one_zero) if one_zero else "") + ". "
    "That figure measures the miner plus one careful reading of its output; a list mined from other corpora "
    "needs its own review (`scripts/mine_terms.py` counts the units its review does not cover)."))

# %% [markdown]
# **What the layer changes in this text.** `dictionary_changes(speech, layer="mined")` segments every
# sentence with the user dictionary alone and with both layers and lists **every** token the mined
# layer alters. `kind` says how: `merge` joins tokens, `shift` moves a boundary.

# %%
mined_changes = dictionary_changes(speech, layer="mined")
mined_changes

# %%
hand_table = tokens(speech, mined=False)  # the study's default: the user dictionary alone
both_table = tokens(speech, mined=True)  # both layers
hand_after = segreport.key_unit_coverage(speech, mined=False).attrs["share_after"]
both_after = segreport.key_unit_coverage(speech, mined=True).attrs["share_after"]
altered = len(set(zip(both_table.start, both_table.end)) - set(zip(hand_table.start, hand_table.end)))
assert altered == int((mined_changes["count"] * (mined_changes.after.str.count(" / ") + 1)).sum())
display(Markdown(
    f"The mined layer changes **{len(mined_changes)} strings** at **{int(mined_changes['count'].sum())} places**"
    f" ({altered} tokens of the table differ from the hand dictionary's): "
    + ", ".join(f"{k} {v}" for k, v in mined_changes.kind.value_counts().items()) + ". "
    + ("The tokens it makes: " + "; ".join(f"{r.after} for {r.before}" + (f" ({r['count']}×)" if r["count"] > 1 else "")
                                         for _, r in mined_changes.iterrows()) + ". " if len(mined_changes) else "")
    + (("The key units are untouched: with both layers they are kept whole as often as with the hand "
        f"dictionary alone ({both_after:.0%} and {hand_after:.0%}).") if len(coverage) and both_after >= hand_after
       else (f"Key units kept whole: {both_after:.0%} with both layers, {hand_after:.0%} with the hand dictionary "
             "alone.") if len(coverage) else "")))
if len(coverage) and THIS_SPEECH:
    assert hand_after <= both_after

# %% [markdown]
# For this speech we judged every change by the same rule (`data/lexicon_check/speech_changes.csv`):
# is the new token a genuine unit, or is a true split lost?

# %%
if THIS_SPEECH:
    judged = pd.read_csv(check_dir / "speech_changes.csv", comment="#")
    # the judged list is exactly what the layer changes: a new mined list needs a new judgement
    assert sorted(judged.text) == sorted(mined_changes.text)
    assert dict(zip(judged.text, judged.after)) == dict(zip(mined_changes.text, mined_changes.after))
    verdicts = mined_changes.merge(judged[["text", "genuine", "reason"]], on="text")
    lost = verdicts[verdicts.genuine == 0]
    issue_units = ["转移支付", "失业保险", "十三五", "爱国卫生运动", "返贫致贫", "先锋模范作用"]
    assert set(issue_units) <= set(verdicts.after) and (verdicts.set_index("after").loc[issue_units].genuine == 1).all()
    shift = verdicts[verdicts.kind == "shift"].iloc[0]
    assert (shift.text, shift.after) == ("战斗堡垒作用", "战斗堡垒 / 作用")
    not_mined = [u for u in ("大数据", "底线思维", "入党积极分子") if u not in set(mined_table.term)]
    assert not_mined == ["大数据", "底线思维", "入党积极分子"]
    from zhdiscourse.stats.reference import load_congress_reports

    reference_docs = (list(reports)
                      + list(load_congress_reports(_paths.data_path("reference", "cpc_congress_reports_1-18.jsonl"))))
    ref_counts = {u: sum(d.text.count(u) for d in reference_docs) for u in not_mined}
    assert ref_counts["入党积极分子"] == 0 and ref_counts["底线思维"] < mined_table["count"].min() <= ref_counts["大数据"]
    # is the frequency the cause? Lay the three on jieba's dictionary (without the hand dictionary, which lists
    # them) with the frequency the miner would give their count in the reports: they come out whole at every
    # place of the speech, so the cause is the selection
    import re as _re
    import tempfile
    from pathlib import Path as _Path

    from zhdiscourse.tokenize.segment import get_segmenter
    from zhdiscourse.tokenize.terms import jieba_frequency

    n_run_tokens = int(_re.search(r"; (\d+) tokens in runs", lexicon.default_mined_path().read_text(encoding="utf-8")).group(1))
    _tk = get_segmenter(False).tokenizer
    trial_freq = {u: jieba_frequency(ref_counts[u], n_run_tokens, _tk.total, _tk.suggest_freq(u)) for u in not_mined}
    with tempfile.TemporaryDirectory() as _d:
        trial = _Path(_d) / "trial.tsv"
        trial.write_text("term\tfreq\ttag\n" + "".join(f"{u}\t{f}\tn\n" for u, f in trial_freq.items()), encoding="utf-8")
        trial_table = tokens(speech, userdict=False, mined=trial, cache=False)
    where = {u: [m.start() for m in _re.finditer(u, speech.text)] for u in not_mined}
    whole_in = lambda t, u: all(((t.start <= i) & (t.end >= i + len(u))).any() for i in where[u])
    jieba_table = tokens(speech, userdict=False)
    assert not any(whole_in(jieba_table, u) for u in not_mined) and all(whole_in(trial_table, u) for u in not_mined)
    # the hand dictionary lists the three (group 7), 大数据 with the frequency the miner's scale gives it
    hand_entries = {e.word: e for e in lexicon.dictionary_entries(True, False)}
    assert all(whole_in(hand_table, u) and whole_in(both_table, u) and u in hand_entries for u in not_mined)
    assert hand_entries["大数据"].freq == trial_freq["大数据"]
    _i = speech.text.index("大数据分析")
    assert list(trial_table[(trial_table.start >= _i) & (trial_table.end <= _i + 5)].token) == ["大数据", "分析"]
    display(Markdown(
        f"**{int(verdicts.genuine.sum())} of {len(verdicts)}** changes are right, among them the units the "
        "segmentation issue listed: " + ", ".join(issue_units) + ", all learned from the reports, not written "
        f"for this speech. The one shift, **{shift.text}**, undoes jieba's 堡垒作用: 战斗堡垒 (\"fighting "
        "bastion\") becomes a unit and 作用 (\"role\"), the head noun, stands alone. "
        + narrate.holds(len(lost) > 0,
                        f"**{len(lost)}** {narrate.verb(len(lost), 'change loses', 'changes lose')} a true split, at "
                        f"{int(lost['count'].sum())} {narrate.verb(int(lost['count'].sum()), 'place', 'places')}: "
                        + "; ".join(f"{r.text} ({r.reason})" for r in lost.itertuples()) + ". ",
                        "No change loses a true split. ")
        + "Three units of the issue are not in the mined layer: " + "; ".join(
            f"{u} occurs {ref_counts[u]} times in the reference corpora" for u in not_mined)
        + ". 底线思维 is below the minimum count; 大数据 is frequent enough, but its cohesion is below the PMI "
        "threshold, because 大 on its own is one of the commonest words (`scripts/mine_terms.py --candidates` lists "
        "every candidate with its scores); 入党积极分子 cannot be learned from texts that never use it. The frequency is not the cause: "
        "laid on the dictionary with the frequency the miner would give their counts ("
        + ", ".join(f"{u} {f}" for u, f in trial_freq.items()) + " on jieba's scale), all three come out whole at "
        "every place of this text, 大数据 / 分析 included where jieba cuts 大 / 数据分析. Units that the reports do "
        "not teach belong in the hand dictionary, and the three are listed there (group 7 of `userdict.txt`; "
        f"大数据 with the frequency {trial_freq['大数据']} of the miner's scale), so every table of the study keeps "
        "them whole."))
    display(verdicts[["text", "before", "after", "kind", "count", "genuine", "reason"]])

# %% [markdown]
# **How far a dictionary change reaches.** A change of segmentation reaches further than the tokens it
# alters. The topic model of notebook 05 chooses its number of topics *k* by a fixed rule (the most coherent
# k among the stable ones). Here the same rule runs on the same documents of this text, segmented three
# ways: with the hand dictionary (the study's), with both layers, and — for the study's speech — with the
# hand dictionary as it was before the three units above were added to it.

# %%
from zhdiscourse import ZhDiscourseError
from zhdiscourse.stats import topics as _topics
from zhdiscourse.tokenize import documents as _documents


def rule_k(table):
    """The k that notebook 05's rule chooses on this segmentation (None: too few shared words)."""
    ks_ = [k for k in _topics.K_RANGE if k < len(_documents(table, "segment", speech=speech))]
    try:
        return int(_topics.select_k(_topics.choose_k(table, ks_, by="segment", speech=speech, min_df=2)))
    except ZhDiscourseError:
        return None


k_hand, k_mined = rule_k(hand_table), rule_k(both_table)
k_before = None
if THIS_SPEECH:
    with tempfile.TemporaryDirectory() as _d:
        before_three = _Path(_d) / "userdict.txt"
        before_three.write_text("".join(line for line in lexicon.default_userdict_path().read_text(
            encoding="utf-8").splitlines(keepends=True) if line.split(" ")[0] not in set(not_mined)), encoding="utf-8")
        k_before = rule_k(tokens(speech, userdict=before_three, cache=False))
    assert (k_hand, k_mined, k_before) == (2, 8, 5)  # the prose below, notebook 05 and the README state these
    findings.record("lexicon.topics_k_hand", k_hand)
    findings.record("lexicon.topics_k_mined", k_mined)
    findings.record("lexicon.topics_k_before", k_before)
shown_k = lambda k: f"**k = {k}**" if k is not None else "no k (too few shared words)"
display(Markdown(
    f"The rule chooses {shown_k(k_hand)} with the hand dictionary and {shown_k(k_mined)} with both layers"
    + (f"; without the three units, {shown_k(k_before)}" if k_before is not None else "")
    + ". " + narrate.holds(
        k_mined != k_hand or (k_before is not None and k_before != k_hand),
        "A handful of merged tokens moves the choice: the topics of notebook 05 describe one segmentation of the "
        "text, not the text (notebook 05 shows why: two values of k lie within a hair of the rule's threshold). "
        "The mined layer stays opt-in: turning it on by default changes the token counts that the study's figures "
        "and asserted numbers rest on, a change of the study's findings to be made and checked on its own.",
        "Here neither change moves the topic model's choice of k; the layer is still opt-in, because turning it on "
        "changes the token counts that the study's figures and asserted numbers rest on.")))

# %% [markdown]
# **Measured on held-out texts.** To see whether the layer generalises, the same miner was run on
# the reports up to 2018 only (`scripts/mine_terms.py --hold-out 2019-2025`, stored in
# `data/lexicon_check/mined_terms_to2018.tsv`) and measured on the six reports of 2019–2025 it never
# saw. This text is held out from the shipped layer itself (mined from the reports and congress
# reports, not from the text), so here the shipped layer is measured. Two lists of units: the
# **mined units** of the layer measured, and the **genuine terms** of the hand-judged development
# sample (candidates drawn before any threshold was set, so not biased towards what the miner
# keeps). For each we count the occurrences that come out as one token with (a) jieba's dictionary
# alone, (b) the hand dictionary, (c) both layers.

# %%
heldout_path = check_dir / "mined_terms_to2018.tsv"
active = lambda layer: [e.word for e in lexicon.dictionary_entries(True, layer) if e.layer == "mined"]
heldout_units = active(heldout_path)  # the units the layer applies (those the hand layer wins over are left out)
dev = pd.read_csv(check_dir / "dev_judgements.csv", comment="#")
genuine_terms = dev[dev.genuine == 1].term.tolist()
recent = [d.speech() for d in reports if d.year >= 2019]
settings = [("reports 2019–2025", recent, heldout_units, heldout_path, "mined to 2018"),
            ("this text", [speech], active(True), True, "shipped")]
rows = []
for where, texts, mined_units, layer, which in settings:
    layers = {"jieba": (False, False), "hand": (True, False), "both": (True, layer)}
    for what, units in (("mined units", mined_units), ("genuine terms", genuine_terms)):
        cov = segreport.unit_coverage(texts, units, dictionaries=layers)
        rows.append({"measured on": where, "mined layer": which, "units": what, "units found": len(cov),
                     "occurrences": int(cov.attrs["occurrences"]),
                     **{f"whole: {name}": cov.attrs[f"share_{name}"] for name in layers}})
held = pd.DataFrame(rows)
held.assign(**{c: held[c].map(lambda v: "–" if v != v else f"{v:.0%}") for c in held.columns if c.startswith("whole")})

# %%
r = held.set_index(["measured on", "units"])
rep_m, rep_g = r.loc[("reports 2019–2025", "mined units")], r.loc[("reports 2019–2025", "genuine terms")]
txt_m, txt_g = r.loc[("this text", "mined units")], r.loc[("this text", "genuine terms")]
assert rep_m["whole: both"] > rep_m["whole: hand"] and rep_g["whole: both"] >= rep_g["whole: hand"]
inside_longer = 0  # occurrences in this text of shipped units that sit inside a longer token
for u in active(True):
    for i in (i for i in range(len(speech.text)) if speech.text.startswith(u, i)):
        inside_longer += bool(((both_table.start <= i) & (both_table.end >= i + len(u)) & (both_table.end - both_table.start > len(u))).any())
missed = int(round(txt_m["occurrences"] * (1 - txt_m["whole: both"]))) if txt_m["occurrences"] else 0
if THIS_SPEECH:
    assert txt_m["whole: both"] > txt_m["whole: hand"] and txt_g["units found"] < 10
    assert inside_longer == missed  # every occurrence not whole is part of a longer word
display(Markdown(
    f"On the held-out reports, {int(rep_m['occurrences']):,} occurrences of {int(rep_m['units found'])} mined units: "
    f"jieba alone keeps **{rep_m['whole: jieba']:.0%}** of them whole, the hand dictionary "
    f"**{rep_m['whole: hand']:.0%}**, both layers **{rep_m['whole: both']:.0%}** (not 100 %: a unit can sit inside "
    "a longer word, or lose to a more probable split). Of the genuine terms of the judged sample, "
    f"{int(rep_g['units found'])} occur there ({int(rep_g['occurrences']):,} times): **{rep_g['whole: jieba']:.0%}**, "
    f"**{rep_g['whole: hand']:.0%}** and **{rep_g['whole: both']:.0%}** whole: the layer learned from older reports "
    "keeps the units it learned, but most genuine terms of later years are not among them — the thresholds that "
    "hold the errors down also leave most terms out. In this text, "
    + ((f"{int(txt_m['occurrences'])} occurrences of {int(txt_m['units found'])} units of the shipped layer: "
        f"**{txt_m['whole: jieba']:.0%}**, **{txt_m['whole: hand']:.0%}** and **{txt_m['whole: both']:.0%}** whole"
        + (f" ({narrate.holds(inside_longer == missed, 'every other one', f'{inside_longer} of the other {missed}')}"
           " sits inside a longer word of the table)" if missed else "") + "; ")
       if txt_m["occurrences"] else "no unit of the shipped layer occurs; ")
    + f"{int(txt_g['units found'])} of the sample's genuine terms occur in it."))

# %% [markdown]
# ## 3. Frequency lists
#
# A frequency list counts how often each token occurs. Punctuation is left out. The column
# `per_10k` is the count per 10,000 words, which lets us compare texts or parts of different
# length.
#
# **Stopwords** are very common words that carry little content of their own (的 "of", 和 "and",
# 是 "is"). We use the standard Chinese list of `stopwordsiso` plus a short domain list
# (`src/zhdiscourse/lexicon/stopwords_domain.txt`). Note that this list also contains **要** ("must, should") and
# 我们 ("we"): for *content* they are noise, for *rhetoric* (notebook 04) they are the signal. So we
# never delete stopwords from the token table; we only leave them out of content-word counts.

# %%
freq_all = frequencies(table)
freq_content = frequencies(table, drop_stopwords=True)
side = pd.concat([freq_all.head(15)[["token", "count"]].reset_index(drop=True),
                  freq_content.head(15)[["token", "count"]].reset_index(drop=True)],
                 axis=1, keys=["all words", "without stopwords"])
side.index = range(1, 16)
side

# %%
n_words = int(freq_all["count"].sum())
assert "要" in lexicon.stopwords()  # on the standard list (stopwordsiso zh)
stop_share = table.loc[~table.is_punct, "is_stop"].mean()
top10_stop = int(freq_all.head(10).token.isin(lexicon.stopwords()).sum())
yao = freq_all.set_index("token").loc["要"] if "要" in set(freq_all.token) else None
if THIS_SPEECH:
    assert yao is not None and yao["rank"] == 2 and freq_content.iloc[0].token == "疫情防控"
    assert stop_share < 0.5 and top10_stop >= 5
findings.record("words.tokens", n_words, "{:,}")
findings.record("words.types", len(freq_all), "{:,}")
display(Markdown(
    f"The text has **{n_words:,} words** (tokens without punctuation) of **{len(freq_all):,} different "
    f"types**. Stopwords make up **{stop_share:.0%}** of the words and **{top10_stop} of the 10** most "
    "frequent types. "
    + (f"要 is word number **{yao['rank']}** with {yao['count']} occurrences ({yao['per_10k']:.0f} per "
       "10,000 words) — but it vanishes from the list without stopwords, " if yao is not None else
       "要 does not occur as a word of its own. The list without stopwords ")
    + f"{'whose top word' if yao is not None else 'has as its top word'} is **{freq_content.iloc[0].token}** "
      f"({freq_content.iloc[0]['count']} times)."))

# %%
top_content = freq_content.head(20)
fig = wplot.frequency_bar({label_with_gloss(t): c for t, c in zip(top_content.token, top_content["count"])},
                          top=20, title="The 20 most frequent content words (stopwords removed)",
                          figsize=(7.5, 6))
saved = save_figure(fig, "02-top-words", out_dir=OUT, caption="The 20 most frequent words of the text after "
            "removing stopwords, with English glosses for the key terms.")

# %% [markdown]
# **How to read it.** Longer bars are more frequent words. A token is counted as a whole: where the
# dictionary keeps a compound together (a four-character term, say), the shorter word inside it does
# not add to the count of that shorter word.

# %%
if THIS_SPEECH:
    assert {"疫情", "防控", "加强", "落实", "保障"} <= set(top_content.token)
narrate.speech_only(THIS_SPEECH, "In the study's speech the list mixes the epidemic (疫情, 防控) with the "
                    "vocabulary of governing (加强 \"strengthen\", 落实 \"implement\", 保障 \"guarantee\"); 疫情防控 "
                    "and 疫情 are counted separately, so the 疫情 inside 疫情防控 does not add to the count of 疫情.")

# %% [markdown]
# ### Per part
#
# The same list for each part of the text, side by side (top 10 content words, count in
# brackets). The words before the first part heading (a salutation, an opening) are left out.

# %%
by_part = frequencies(table, by="section", drop_stopwords=True, top=10)
part_table = (by_part.assign(word=by_part.token + " (" + by_part["count"].astype(str) + ")")
              .pivot(index="rank", columns="section", values="word"))
parts = [s.number for s in speech.sections]
part_table = part_table[[p for p in parts if p in part_table.columns] or list(part_table.columns)]
part_table

# %%
all_by_part = frequencies(table, by="section")
all_by_part = all_by_part[all_by_part.section.isin(parts)]
sizes = all_by_part.groupby("section", sort=False)["count"].sum()
yao_rank = all_by_part[all_by_part.token == "要"].set_index("section")["rank"]
if THIS_SPEECH:
    assert parts == ["一", "二", "三", "四"]
    assert yao_rank["一"] > 100 and (yao_rank[["二", "三", "四"]] <= 2).all()
if len(sizes):
    display(Markdown(
        "Words per part: " + "; ".join(f"{p}: {n:,}" for p, n in sizes.items()) + ". "
        + ("With stopwords kept, 要 ranks " + ", ".join(f"**{int(r)}** in part {p}" for p, r in yao_rank.items())
           + "." if len(yao_rank) else "")))

# %%
narrate.speech_only(THIS_SPEECH, "In the study's speech the contrast is sharp: part 一 *reports* on the work done "
                    "so far and hardly uses 要, while parts 二, 三 and 四 *instruct*, and 要 is one of their two "
                    "commonest words (asserted above). Notebook 04 follows this directive style in detail.")
if not THIS_SPEECH and len(yao_rank):
    top2 = [p for p, r in yao_rank.items() if r <= 2]
    narrate.show(narrate.holds(len(top2) > 0, f"要 is one of the two commonest words in {narrate.parts(top2)}",
                               "要 is not one of the two commonest words of any part")
                 + (f"; it does not occur as a word in {narrate.parts([p for p in sizes.index if p not in yao_rank])}"
                    if len(yao_rank) < len(sizes) else "") + ". Notebook 04 counts directives in detail.")

# %% [markdown]
# ## 4. Word clouds — and the trap that deletes 要
#
# A word cloud draws each word with a size proportional to its frequency. The popular `wordcloud`
# package can also count the words itself (`WordCloud().generate(text)`), by splitting the text
# with a regular expression. Written for English, this goes wrong on Chinese in two ways:
#
# 1. **On raw text** there are no spaces, so each run of characters between two punctuation marks
#    becomes one "word" — whole clauses.
# 2. **On segmented text** (tokens joined by spaces), the pattern `\w[\w']+` keeps only words of
#    *two or more* characters. It was `wordcloud`'s default before version 1.9 (see
#    [word_cloud#495](https://github.com/amueller/word_cloud/issues/495)); in the installed version
#    it is what the option `min_word_length=2`, common in tutorials, selects. scikit-learn's default
#    `token_pattern`, `(?u)\b\w\w+\b`, does the same, and so does `jieba.analyse`. Every
#    one-character word vanishes — and 要 is one.
#
# We try both on this text.

# %%
from wordcloud import WordCloud

raw_counts = WordCloud().process_text(speech.text[speech.body_start:speech.body_end])
long_share = sum(c for w, c in raw_counts.items() if len(w) > 4) / sum(raw_counts.values())
with_yao = sum(1 for w in raw_counts if "要" in w and w != "要")
if THIS_SPEECH:
    assert raw_counts.get("要", 0) == 0 and long_share > 0.5 and with_yao > 50
display(Markdown(
    f"1. On the raw text `wordcloud` finds {len(raw_counts):,} \"words\"; **{long_share:.0%}** of them are "
    f"longer than four characters, such as {max(raw_counts, key=len)[:20]}…; 要 is counted "
    f"**{raw_counts.get('要', 0)}** times on its own and hides inside {with_yao} longer \"words\"."))

# %%
words_only = table.loc[~table.is_punct, "token"]
two_plus = WordCloud(min_word_length=2).process_text(" ".join(words_only))
lost = freq_all[~freq_all.token.isin(two_plus)]
lost_share = lost["count"].sum() / n_words
findings.record("words.cloud_lost_share", 100 * lost_share, "{:.0f}")
if "要" in set(freq_all.token):
    assert "要" not in two_plus  # the trap: 要 is lost
display(Markdown(
    f"2. On our tokens with the two-character pattern, `wordcloud` keeps {len(two_plus):,} of our "
    f"{len(freq_all):,} word types and loses **{len(lost):,}** — **{lost_share:.0%} of all words**, among them "
    + ", ".join(f"{t} ({c})" for t, c in zip(lost.token.head(8), lost["count"].head(8))) + "."))

# %% [markdown]
# So we never let `wordcloud` segment. We give it **our own counts** with
# `generate_from_frequencies` (inside `zhdiscourse.plots.words.word_cloud`), the project's font
# (Noto Sans SC, shipped with the project, so the figure looks the same on every computer) and a
# fixed `random_state`, so the layout is the same at every run. The first cloud uses all words,
# stopwords included, and we check that 要 is there.

# %%
cloud_all = dict(zip(freq_all.token, freq_all["count"]))
if THIS_SPEECH:
    assert cloud_all.get("要", 0) == yao["count"]
fig = wplot.word_cloud(cloud_all, font_path(), width=800, height=500, random_state=0,
                       title="All words, stopwords included")
saved = save_figure(fig, "02-wordcloud-all", out_dir=OUT, formats=("png",), caption="Word cloud of all words "
            "of the text (stopwords included; word size ∝ count), drawn from our own tokens.")

# %%
big4 = freq_all.token.head(4).tolist()
if THIS_SPEECH:
    assert big4 == ["的", "要", "和", "疫情防控"]
display(Markdown(f"The four biggest words: {', '.join(big4)}. Function words dominate a cloud of all words; "
                 "for content we remove the stopwords."))

# %%
cloud_content = dict(zip(freq_content.token, freq_content["count"]))
assert "要" not in cloud_content or not table.loc[table.token == "要", "is_stop"].all()
fig = wplot.word_cloud(cloud_content, font_path(), width=800, height=500, random_state=0,
                       title="Content words (stopwords removed)")
saved = save_figure(fig, "02-wordcloud-content", out_dir=OUT, formats=("png",), caption="Word cloud of the "
            "content words of the whole text (stopwords removed; word size ∝ count).")

# %% [markdown]
# ### One cloud per part
#
# Comparing the clouds of the parts shows how the topic moves through the text. The clouds are
# smaller (at most 80 words), and each is scaled to its own part: the biggest word of each cloud
# is that part's most frequent content word, so sizes can be compared *within* a cloud, not
# across clouds.

# %%
clouds = {}
for sec in speech.sections:
    f = frequencies(table[table.section == sec.number], drop_stopwords=True)
    clouds[sec.number] = f
    fig = wplot.word_cloud(dict(zip(f.token, f["count"])), font_path(), width=600, height=380, max_words=80,
                           random_state=0, title=f"Part {sec.number}: {sec.title}")
    saved = save_figure(fig, f"02-wordcloud-part-{sec.ordinal}", out_dir=OUT, formats=("png",),
                        caption=f"Word cloud of the content words of part {sec.number} ({sec.title}).")
if not speech.sections:
    display(Markdown("**This text has no parts, so there are no per-part clouds.**"))

# %%
tops = {p: f.iloc[0].token for p, f in clouds.items() if len(f)}
if THIS_SPEECH:
    assert tops["一"] == "疫情防控" and tops["三"] != "疫情防控"
if tops:
    display(Markdown("The biggest word of each part's cloud: " + "; ".join(f"part {p}: **{t}**" for p, t in tops.items())
                     + "."))

# %% [markdown]
# ## 5. n-grams: word sequences
#
# An *n-gram* is a sequence of n consecutive words: 统筹 推进 is a 2-gram (bigram). Repeated n-grams
# show set formulas. We count sequences of 2, 3 and 4 words inside one clause (never across a
# comma), leaving out those that begin or end with a stopword.

# %%
grams = ngrams(table, n=[2, 3, 4], drop_stopwords=True, top=5)
grams

# %%
top4 = grams[grams.n == 4].iloc[0] if (grams.n == 4).any() else None
if THIS_SPEECH:
    assert top4 is not None and top4.text == "疫情防控和经济社会发展" and top4["count"] == 5
if top4 is not None:
    display(Markdown(f"The commonest 4-gram, **{top4.text}** ({narrate.count(int(top4['count']), 'time')}), "
                     + ("is the speech's own theme: its title joins the same two tasks."
                        if THIS_SPEECH else narrate.holds(top4["count"] >= 3, "is a candidate for a set formula of "
                                                          "this text.", "is too rare to call a formula: no sequence "
                                                          "of four words recurs in this text."))))

# %% [markdown]
# ## 6. KWIC: a word in its context
#
# A frequency list tells us *how often*, not *how*. A **KWIC** concordance (*keyword in context*)
# lists every occurrence of a term with the words to its left and right, and where it is in the
# speech. Matching works on the raw text, so a term may span several tokens, or be a regular
# expression. We look at the two most frequent key units of the text.

# %%
key_terms = coverage.unit.head(2).tolist() or freq_content.token.head(2).tolist()
concordances = {t: kwic(speech, t, window=8) for t in key_terms}
for t, k in concordances.items():
    assert all(speech.text[a:b] == t for a, b in zip(k.start, k.end))
display(Markdown("KWIC terms: " + ", ".join(f"**{t}** ({len(k)} lines)" for t, k in concordances.items())))
concordances[key_terms[0]][["left", "keyword", "right", "section", "subsection"]].head(8)

# %%
if len(key_terms) > 1:
    display(concordances[key_terms[1]][["left", "keyword", "right", "section", "subsection"]].head(8))
per_part = pd.DataFrame({t: k.section.value_counts() for t, k in concordances.items()}).fillna(0).astype(int)
per_part = per_part.reindex([p for p in parts if p in per_part.index] +
                            [p for p in per_part.index if p not in parts])
per_part

# %%
if THIS_SPEECH:
    assert key_terms == ["疫情防控", "复工复产"]
    assert per_part.loc["三", "复工复产"] == per_part["复工复产"].max()
if len(key_terms) > 1 and len(per_part):
    where = narrate.concentration(per_part[key_terms[1]].to_dict(), {p: sizes.get(p, 0) for p in per_part.index})
    peak = where["peak"]
    display(Markdown(
        f"**{key_terms[1]}** occurs most in part **{peak}** ({where['count']} of {where['total']} lines, in a part "
        f"with {where['size_share']:.0%} of the words): "
        + narrate.holds(where["concentrated"], "it is concentrated there.",
                        "too few lines, or too even a spread, to call it concentrated there." if len(where["ties"]) == 1
                        else f"tied with {narrate.parts(where['ties'][1:])}, so it is concentrated in no one part.")))

# %% [markdown]
# A regular expression finds a whole family of formulas at once. `应(.)尽\1` means 应, any character,
# 尽, and the *same* character again: 应收尽收 ("admit all who should be admitted"), 应检尽检 …

# %%
family = kwic(speech, r"应(.)尽\1", window=6, regex=True)
if THIS_SPEECH:
    assert len(family) == 5 and set(family.keyword) >= {"应收尽收", "应检尽检", "应隔尽隔"}
family[["left", "keyword", "right", "section", "subsection", "start"]]

# %% [markdown]
# ## 7. Collocations: words that belong together
#
# Some word pairs occur next to each other far more often than their own frequencies would
# predict: they *collocate*. Two common scores (pairs of adjacent words, inside a clause, at least
# 3 times, stopwords left out):
#
# * **PMI** (pointwise mutual information) = log₂(observed / expected). It asks "how exclusive is
#   the pair?" and rewards pairs of rare words that (almost) only occur together.
# * **Log-likelihood (G²)** asks "how sure are we that the pair is not chance?" and rewards pairs
#   that are both strong *and* frequent.

# %%
def top_pairs(measure, min_freq=3):
    try:
        return collocations(table, measure=measure, min_freq=min_freq, top=10)
    except KeyError:  # raised when no pair passes the filters (a short text): nothing to show
        return pd.DataFrame(columns=["w1", "w2", "count", "pmi", "llr"]).astype({"count": "int64"})


pmi, llr = top_pairs("pmi"), top_pairs("llr")
fmt = lambda d, col: (d.w1 + " " + d.w2 + " (" + d["count"].astype(str) + ", " + d[col].round(1).astype(str) + ")")
pd.DataFrame({"by PMI (count, PMI)": fmt(pmi, "pmi").to_numpy(),
              "by log-likelihood (count, G²)": fmt(llr, "llr").to_numpy()}, index=range(1, len(pmi) + 1))

# %%
hapax = top_pairs("pmi", min_freq=1)
if THIS_SPEECH:
    assert len(pmi) == len(llr) == 10
    assert llr["count"].mean() > pmi["count"].mean()
    assert (hapax["count"] == 1).all()
if len(pmi) and len(hapax):
    display(Markdown(
        f"The top pairs by log-likelihood occur on average **{llr['count'].mean():.1f}** times, those by PMI "
        f"**{pmi['count'].mean():.1f}** times. Without a minimum frequency, PMI's top 10 are pairs seen "
        + narrate.holds(hapax["count"].max() == 1, "only **once** — which is why PMI needs `min_freq`.",
                        f"at most **{hapax['count'].max()}** times.")))
else:
    display(Markdown("**This text is too short: no word pair occurs 3 times.**"))

# %% [markdown]
# ## Summary

# %%
narrate.show(
    "* Segmentation is a choice. With the HMM off and a small domain dictionary, "
    + (f"{after:.0%} of the occurrences of the documented key units in this text come out whole (jieba's dictionary "
       f"alone: {before:.0%})" if len(coverage) else "the segmentation is fixed (no documented key unit occurs in "
       "this text)") + ", and every count is reproducible.\n"
    "* 要 is on the standard stopword list, yet in a text that instructs it carries the instructions: it must be "
    "kept for rhetoric, dropped for topics, and never lost by accident (word-cloud regexes, HMM guesses). "
    + (f"Here it occurs {yao['count']} times as a word of its own.\n" if yao is not None else
       "Here it does not occur as a word of its own.\n")
    + "* A second layer of terms mined from the reference corpora and reviewed by hand (section 2b) keeps standard "
    f"policy terms whole that the hand dictionary never listed; {kc} and {kd} of a blind sample of {n30} are genuine "
    "terms by two judges. It is off unless asked for (`tokens(speech, mined=True)`, `--mined`): turning it on changes "
    "the token counts that the study's figures and asserted numbers rest on.\n"
    + "* KWIC, n-grams and collocations show the formulas from which a text is built"
    + (f" — here, for example, {top4.text} ({narrate.count(int(top4['count']), 'time')})."
       if top4 is not None and top4["count"] >= 3 else "."))

# %% [markdown]
# ## Exercises
#
# 1. **Warm-up.** Which content words are among the top 10 of *every* part? (Hint: use
#    `frequencies(table, by="section", drop_stopwords=True, top=10)` and intersect the sets.)
# 2. **KWIC and density.** Find every 坚决 ("resolutely") in part 三 with `kwic`. Compare its density
#    — occurrences per 10,000 words — with part 一. Which part is more insistent?
# 3. **Change the dictionary.** Copy `src/zhdiscourse/lexicon/userdict.txt` to a temporary folder, add the
#    term 统筹推进 ("advance in a coordinated way") and re-segment with
#    `tokens(speech, userdict=copy, cache=False)`. What does `dictionary_changes(speech, userdict=copy)`
#    now report that it did not before, and what happens to the counts of 统筹 and 推进?
#
# Worked solutions: `notebooks/solutions/02-solutions.ipynb`.
