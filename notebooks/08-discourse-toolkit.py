# %% [markdown]
# # 08 · The discourse analyst's toolkit
#
# What concordance programs (AntConc, Voyant, quanteda) offer first, and what a scholar of Chinese
# political discourse asks next. Six questions, each answered from the text the notebook is given:
#
# 1. **What surrounds a word?** — the *collocates* of a node word within a window, with MI, T-score,
#    log-likelihood and log-Dice and the counts behind them; a concordance sorted by the word after
#    it; the collocation network.
# 2. **Who acts, who reports, who is ordered?** — the subject of every clause (from the token table's
#    POS tags) and what the clause does with it.
# 3. **Reported or enacted?** — directives the speaker *reports* (党中央…要求…, 我…强调：“…”) against
#    directives the speaker *issues* in the text.
# 4. **To whom are the directives addressed?** — the subject before 要 / 必须 (各级党委和政府要…).
# 5. **How much war?** — the war and struggle vocabulary (阻击战, 防线, 打赢 …) per part, its spread,
#    and its rate against the 52 Government Work Reports; stance words (boosters, hedges, evaluation).
# 6. **How varied and how long?** — type-token ratio on equal samples, MATTR, sentence and clause length.
#
# The detectors are rules over the token table and are not perfect: every table below lists the
# occurrences it counts, so a reader can check them. Every sentence that states a result is computed;
# `assert` statements check the claims about the study's speech and are skipped on another text.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))
CORPUS = os.environ.get("ZHD_CORPUS", str(paths.data_path("reference", "government_work_reports.jsonl")))
NODE = "疫情"  # the node word of section 1; a text without it as a token uses its most frequent content word
WINDOW = 5  # collocation window, tokens on each side

# %%
import pandas as pd
from scipy import stats as sst

from zhdiscourse import load_speech
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.patterns import (
    addressee_table,
    agency_table,
    clause_subjects,
    directive_addressees,
    directive_voice,
    reporting_frames,
    voice_table,
)
from zhdiscourse.plots import discourse as dplot
from zhdiscourse.plots import save_figure, setup_fonts
from zhdiscourse.plots.network import collocation_network
from zhdiscourse.stats import (
    collocates,
    collocation_edges,
    context_words,
    diversity,
    dp,
    frequencies,
    kwic,
    lexicon_documents,
    lexicon_keyness,
    lexicon_matches,
    lexicon_rates,
    read_lexicon,
    sort_kwic,
)
from zhdiscourse.study import findings, narrate
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.text import choose_unit
from zhdiscourse.text.corpus import open_corpus
from zhdiscourse.tokenize import tokens
from zhdiscourse.tokenize.corpus import token_tables

setup_fonts()
pd.set_option("display.max_colwidth", 50)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run

# %%
speech = load_speech(TEXT)
tok = tokens(speech)
try:  # the one rule for "too few parts": parts, else sub-points, else the whole text
    PART = choose_unit(speech, "section", ("subsection",))[0]
except ZhDiscourseError:
    PART = "text"
BY = None if PART == "text" else PART  # the column of the per-clause tables
UNIT = {"section": "part", "subsection": "sub-point", "text": "text"}[PART]
if THIS_SPEECH:
    assert PART == "section" and len(speech.sections) == 4
narrate.show(f"The units of this notebook are the **{UNIT}s** of the text"
             + (f" ({narrate.join(s.number for s in speech.sections)})." if PART == "section" else
                " (the text has fewer than two parts)." if PART == "subsection" else
                " as a whole (it has neither parts nor sub-points)."))

# %% [markdown]
# ## 1. Collocates of a word
#
# A **collocate** is a word that occurs near the node word more often than chance would have it. Around
# each occurrence of the node we look at `WINDOW` word tokens on each side, within the sentence
# (punctuation does not take a place). For each content word seen there:
#
# * **O** (observed): how often it stands in a window; **E** (expected): how often it would, were it
#   spread at random — its frequency × the number of window slots ÷ the number of word tokens;
# * **MI** = log₂(O/E): how much more often than chance (favours rare words);
# * **T-score** = (O − E)/√O: how sure we are that O exceeds E (favours frequent words);
# * **log-likelihood G²**: the evidence of a 2×2 table, window slots against the rest of the text
#   (3.84 ≈ p 0.05, 10.83 ≈ p 0.001, for one word tested alone);
# * **log-Dice** = 14 + log₂(2O / (f(node) + f(collocate))): at most 14, comparable between texts.

# %%
word_counts = tok.loc[~tok["is_punct"], "token"].value_counts()
if word_counts.get(NODE, 0) < 2:
    fr = frequencies(tok, drop_stopwords=True, drop_num=True)
    NODE = next((t for t in fr["token"] if len(t) >= 2), fr["token"].iloc[0])
    print(f"The default node does not occur twice as a token of this text: the node is its most frequent content "
          f"word, {NODE}.")
co = collocates(tok, NODE, window=WINDOW)
a = co.attrs
co[["collocate", "observed", "left", "right", "expected", "collocate_freq", "mi", "t_score", "log_likelihood",
    "log_dice"]].head(15).round(3)

# %%
war_terms = set(read_lexicon("war")["term"])
attracted = co[co["direction"] > 0]
strong = attracted[attracted["log_likelihood"] >= 10.83]
war_co = [w for w in attracted["collocate"] if w in war_terms]
if THIS_SPEECH:
    assert a["node_freq"] == 45 and co.iloc[0]["collocate"] == "影响" and {"遏制", "扩散", "蔓延", "抗击"} <= set(
        strong["collocate"])
findings.record("collocates.node_freq", a["node_freq"])
top = co.iloc[0] if len(co) else None
narrate.show(
    f"**{NODE}** occurs {narrate.count(a['node_freq'], 'time')} as a whole token ({a['string_matches']} times as a "
    f"string, also inside longer words), giving {a['window_tokens']:,} window slots among {a['corpus_size']:,} word "
    "tokens. "
    + (f"Its strongest collocate is **{top.collocate}** (O = {top.observed}, E = {top.expected:.2f}, G² = "
       f"{top.log_likelihood:.1f}, log-Dice {top.log_dice:.1f}); {narrate.count(len(strong), 'collocate')} reach "
       f"G² ≥ 10.83 ({narrate.join(strong['collocate'].head(8))}). " if top is not None else
       "No content word occurs twice in its windows: the text is too short for collocates. ")
    + (f"Against the baseline E, the words that cluster around {NODE} include war and struggle vocabulary "
       f"({narrate.join(war_co)}): the section 5 lexicon meets the collocates." if war_co else ""))

# %% [markdown]
# **The same list, sorted by the other measures.** MI rewards words seen once or twice, the T-score
# frequent ones; log-Dice sits between. A collocate that ranks high on all of them is robust.

# %%
ranks = pd.DataFrame({m: collocates(tok, NODE, window=WINDOW, measure=m)["collocate"].head(8).reset_index(drop=True)
                      for m in ("log_likelihood", "mi", "t_score", "log_dice")})
ranks

# %% [markdown]
# ### A concordance sorted by context
#
# Each line of the concordance gets its context words: **1L** is the word right before the node,
# **2L** the one before that, **1R** the word right after it (word tokens; punctuation skipped).
# Sorting by 1R, then 2R, puts the same continuations together, the way AntConc does. In the
# offline report (`zhdiscourse report`) the same table sorts by a click on any column; here,
# `sort_kwic(lines, "1L,2L")` sorts by other keys.

# %%
lines = sort_kwic(context_words(kwic(speech, NODE, window=8, table=tok), tok, 3), "1R,2R")
continuations = lines.groupby("1R").size().sort_values(ascending=False, kind="stable")
lines[["section", "subsection", "left", "keyword", "right", "2L", "1L", "1R", "2R"]].head(20)

# %%
first = continuations.index[0] if len(continuations) else None
narrate.show(
    f"{narrate.count(len(lines), 'line')} of {NODE} (as a string: {NODE} inside longer words counts too), with "
    f"{narrate.count(len(continuations), 'different word')} right after it"
    + (f"; the most frequent is **{first}** ({narrate.count(int(continuations.iloc[0]), 'line')})." if first else "."))

# %% [markdown]
# ### The collocation network
#
# The node, its six strongest collocates by log-Dice, and *their* six strongest collocates (LancsBox's
# GraphColl): words that share collocates draw together. The layout is seeded, so the figure is the
# same on every run.

# %%
edges = collocation_edges(tok, NODE, depth=2, per_node=6, window=WINDOW)
fig = collocation_network(edges, seed=0, title=f"Collocation network of {NODE} (window {WINDOW}, log-Dice)")
saved = save_figure(fig, "08-collocation-network", caption=f"The collocates of {NODE} (window of {WINDOW} word tokens "
                    "within the sentence; six strongest by log-Dice) and their own collocates; circle size = "
                    "frequency, edge width = log-Dice, edge label = co-occurrences; spring layout, seed 0.")

# %% [markdown]
# ## 2. Agency: who reports, who acts, who is ordered
#
# For every clause we find its **subject** — the noun phrase before its predicate, from the jieba tags
# of the token table (`patterns.subjects.find_subject`) — and what the clause does with it:
#
# * **reports** a directive: the predicate is a reporting verb that introduces a directive (党中央…**要求**…);
# * **is ordered**: a directive marker (要, 必须, 坚决 …) follows the subject (各级党委和政府**要**…);
# * **acts**: any other predicate (我们召开…, 党中央高度重视).
#
# A clause without a subject of its own continues the subject of the sentence's previous clause (the
# topic chains of Chinese prose); a directive without any subject is *(unstated)*: it is addressed to
# the audience. Subjects are grouped by the editable actor list `lexicon/actors.txt`.

# %%
subj = clause_subjects(speech, table=tok)
ag = agency_table(subj, BY)
fig = dplot.plot_agency(ag, title=f"Who reports, who acts, who is ordered, per {UNIT}", unit_label=UNIT)
saved = save_figure(fig, "08-agency", caption=f"Clauses per {UNIT} whose predicate reports a directive (要求, 强调 …), "
                    "acts, or is ordered (a directive marker after the subject), stacked by the actor group of "
                    "the subject (lexicon/actors.txt); (unstated): no subject in the sentence.")

# %%
roles = subj.assign(unit=subj[BY].astype(object).where(subj[BY].notna(), "(none)") if BY else "text")
order = list(dict.fromkeys(roles["unit"]))
sizes = roles.groupby("unit").size().to_dict()
rep_counts = roles[roles["role"] == "reports"].groupby("unit").size().to_dict()
conc = narrate.concentration(rep_counts, sizes)
reporters = roles[(roles["role"] == "reports") & (roles["group"] != "(unstated)")]["group"].value_counts()
if conc["peak"] is not None:
    inside = rep_counts.get(conc["peak"], 0)
    table = [[inside, sizes[conc["peak"]] - inside],
             [conc["total"] - inside, sum(sizes.values()) - sizes[conc["peak"]] - (conc["total"] - inside)]]
    p_rep = sst.fisher_exact(table)[1]
if THIS_SPEECH:
    assert conc["peak"] == "一" and conc["concentrated"] and p_rep < 0.001
    assert reporters.index[0] == "Party centre"
    findings.record("agency.reports_in_review", conc["count"])
    findings.record("agency.reports_total", conc["total"])
narrate.show(
    (f"Reporting clauses: {conc['total']}, of which **{conc['count']} ({conc['share']:.0%})** stand in "
     f"{narrate.part(conc['peak']) if UNIT == 'part' else conc['peak']}, which holds {conc['size_share']:.0%} of all "
     f"clauses (the baseline: reports spread like the clauses); Fisher's exact test, that {UNIT} against the rest: "
     f"p = {p_rep:.2g}. "
     + narrate.holds(conc["concentrated"], "Reporting is concentrated there. ", "Reporting is not concentrated in one unit. ")
     + (f"Who reports: {narrate.join(f'{g} ({n})' for g, n in reporters.items())}." if len(reporters) else "")
     if conc["peak"] is not None else "No clause of this text reports a directive."))

# %%
ordered = roles[roles["role"] == "ordered"]
named = ordered[ordered["group"] != "(unstated)"]
acts_we = roles[(roles["role"] == "acts") & roles["group"].isin(["we (我们)", "speaker (我)"])].groupby("unit").size() \
    .reindex(order, fill_value=0)
narrate.show(
    f"Clauses that are ordered: {len(ordered)}, {len(named)} of them with a subject named in the sentence "
    f"({len(named) / len(ordered):.0%})." if len(ordered) else "No clause is ordered.")
if len(acts_we):
    narrate.show(f"Clauses in which 我 or 我们 act, per {UNIT} ((none): outside every {UNIT}): "
                 + ", ".join(f"{u} {n}" for u, n in acts_we.items()) + ".")

# %% [markdown]
# ## 3. Reported against enacted directives
#
# A directive marker inside what a reporting verb introduces (要求 X…, 强调：“…”, 提出… — `patterns.reporting`)
# is **reported**: the speaker tells what was ordered before. Every other marker is **enacted**: the
# speaker orders now. A reporting verb used as a noun (工作部署, 提出了要求 → the 要求) is a *mention*
# and introduces nothing; the frames and their content are listed below the figure.

# %%
frames = reporting_frames(speech, table=tok)
voice = directive_voice(speech, table=tok, frames=frames)
vt = voice_table(speech, PART, voice=voice, frames=frames)
fig = dplot.plot_voice(vt, title=f"Reported and enacted directives per {UNIT}", unit_label=UNIT)
saved = save_figure(fig, "08-directive-voice", caption=f"Directive markers (modal 要, 必须, 坚决 …) per 1,000 characters "
                    f"of each {UNIT}: inside the content of a reporting frame (要求, 强调, 指出, 提出, 部署) or issued by "
                    "the speaker; the number of reported frames under each unit.")
vt.round(3)

# %%
reported = frames[frames["status"] == "reported"]
reported.assign(content=[speech.text[a:b][:50] for a, b in zip(reported["content_start"], reported["content_end"])])[
    ["marker", "section", "content"]]

# %%
n_rep, n_ena = int((voice["voice"] == "reported").sum()), int((voice["voice"] == "enacted").sum())
top_unit = vt.loc[vt["reported_frames"].idxmax(), "unit"] if len(vt) and vt["reported_frames"].max() > 0 else None
if top_unit is not None:
    row = vt.set_index("unit").loc[top_unit]
    rest = vt[vt["unit"] != top_unit]
    odds, p_voice = sst.fisher_exact([[int(row["reported"]), int(row["enacted"])],
                                      [int(rest["reported"].sum()), int(rest["enacted"].sum())]])
if THIS_SPEECH:
    assert top_unit == "一" and row["enacted"] < row["reported"] and (rest["enacted_share"] > 0.9).all()
    assert p_voice < 0.001
    findings.record("voice.review_frames", int(row["reported_frames"]))
    findings.record("voice.enacted_rest", int(rest["enacted"].sum()))
narrate.show(
    f"Of {narrate.count(n_rep + n_ena, 'directive marker')}, **{n_rep} are reported** and **{n_ena} enacted**. "
    + (f"The most reporting {UNIT} is **{top_unit}**: {int(row['reported_frames'])} reported frames, and of its "
       f"{narrate.count(int(row['events']), 'directive marker')}: {int(row['reported'])} reported, "
       f"{int(row['enacted'])} enacted; "
       f"the other units together enact {int(rest['enacted'].sum())} of {int(rest['events'].sum())} "
       f"({rest['enacted'].sum() / max(rest['events'].sum(), 1):.0%}). Fisher's exact test of reported against enacted, "
       f"{top_unit} against the rest: p = {p_voice:.2g}. "
       + narrate.holds(row["enacted"] < row["reported"] and p_voice < 0.05,
                       f"{top_unit} tells what was ordered; the rest of the text orders.",
                       f"On this text {top_unit} is not clearly different from the rest.")
       if top_unit is not None else "No directive of this text is reported."))

# %% [markdown]
# ## 4. Addressees of the speaker's directives
#
# For each enacted directive, the subject before its marker (各级党委和政府**要**…, 各级干部特别是领导干部
# **必须**…), found with the same subject rule; a marker chained to an earlier one in its clause (要坚决…)
# is counted once. A sentence that names nobody leaves the directive *(unstated)*.

# %%
addr = directive_addressees(speech, table=tok)
at = addressee_table(addr, BY)
fig = dplot.plot_addressees(at, title=f"Addressees of the speaker's directives, per {UNIT}", unit_label=UNIT)
saved = save_figure(fig, "08-addressees", caption=f"Share of the speaker's (enacted) directives in each {UNIT} by the "
                    "actor group of the subject before the marker; (unstated): no addressee in the sentence; "
                    "n = directive clauses.")

# %%
own = addr[(addr["voice"] == "enacted") & ~addr["chained"]]
stated = own[own["stated"]]
stated.groupby(["addressee", "group"]).size().rename("directives").sort_values(ascending=False).head(15)

# %%
n_own = len(own)
n_unstated = int((own["group"] == "(unstated)").sum())
if n_own:
    ci = sst.binomtest(n_unstated, n_own).proportion_ci(confidence_level=0.95)
share_named = (own.assign(unit=own[BY].astype(object).where(own[BY].notna(), "(none)") if BY else "text")
               .groupby("unit")["group"]
               .apply(lambda g: (g != "(unstated)").mean()))
most_named = share_named.idxmax() if len(share_named) else None
groups_named = own[own["group"] != "(unstated)"]["group"].value_counts()
if THIS_SPEECH:
    assert n_unstated / n_own > 0.6 and most_named == "四"
    assert groups_named.index[0] == "Party and government bodies"
    findings.record("addressees.unstated_share", 100 * n_unstated / n_own, "{:.0f}")
narrate.show(
    (f"**{n_unstated} of the speaker's {n_own} directives ({n_unstated / n_own:.0%}; 95 % interval "
     f"{ci.low:.0%}–{ci.high:.0%}, Clopper–Pearson) name no addressee in their sentence**: they address the "
     "audience as a whole, or whoever the context names (the rule does not look beyond the sentence; exercise 2 "
     "checks a sample by hand). "
     + (f"The {UNIT} that names its addressees most often is **{most_named}** ({share_named[most_named]:.0%} of its "
        f"directives, against {(n_own - n_unstated) / n_own:.0%} in the whole text); " if most_named else "")
     + (f"the named addressees are mostly {narrate.join(f'{g} ({n})' for g, n in groups_named.head(3).items())}."
        if len(groups_named) else "no addressee is named."))
    if n_own else "The text has no directive of its own.")

# %% [markdown]
# ## 5. War and struggle: a metaphor profile
#
# The war and struggle vocabulary of `lexicon/metaphor_war.txt` (battles: 阻击战, 保卫战 …; the front:
# 一线, 防线 …; fighting and winning: 打赢, 战胜 …; soldiers and ranks; struggle: 斗争 …) is found where a
# term begins and ends at token boundaries (so 总体战 is not found in 总体战略). Rates are per 1,000 word
# tokens. The baseline is the 52 Government Work Reports: the same list, counted the same way.

# %%
war = lexicon_matches(tok, "war")
war_rates = lexicon_rates(tok, "war", PART, matches=war)
reports = open_corpus(CORPUS).reports()
report_tables = token_tables(reports)
war_key = lexicon_keyness(tok, report_tables.values(), "war")
per_report = lexicon_documents(report_tables, "war").merge(
    pd.DataFrame({"doc": [d.id for d in reports], "year": [d.year for d in reports]}), on="doc")
whole = war_key.set_index("term").loc["[all]"]
fig = dplot.plot_lexicon_profile(war_rates, reference=float(whole["per_1k_ref"]),
                                 reference_label=f"{len(per_report)} Government Work Reports",
                                 title=f"War and struggle vocabulary per {UNIT}", unit_label=UNIT)
saved = save_figure(fig, "08-war-metaphors", caption=f"War and struggle vocabulary (lexicon/metaphor_war.txt) per 1,000 "
                    f"word tokens of each {UNIT}, by category; dashed: the whole text; dotted: the pooled Government "
                    "Work Reports (1954–2025), counted the same way.")
war_rates[war_rates["term"].str.startswith("[")].pivot_table(index="term", columns="doc", values="per_1k",
                                                               sort=False).round(2)

# %%
war_key[["term", "level", "freq", "freq_ref", "per_1k", "per_1k_ref", "log_ratio", "p_adj", "significant",
         "string_count"]].head(16).round(4)

# %%
rate = float(whole["per_1k"])
rank = int((per_report["per_1k"] > rate).sum()) + 1
top_report = per_report.loc[per_report["per_1k"].idxmax()]
unit_rates = war_rates[war_rates["term"] == "[all]"].set_index("doc")
peak = unit_rates["per_1k"].idxmax()
dp_war = dp(war_rates[war_rates["term"] == "[all]"]).iloc[0] if len(unit_rates) > 1 else None
if THIS_SPEECH:
    assert whole["significant"] and whole["log_ratio"] > 3 and rank == 1
    assert peak == "四" and unit_rates.loc["三", "per_1k"] == unit_rates["per_1k"].min()
    findings.record("war.per_1k", rate, "{:.1f}")
    findings.record("war.per_1k_reports", float(whole["per_1k_ref"]), "{:.1f}")
    findings.record("war.log_ratio", float(whole["log_ratio"]), "{:.1f}")
times = rate / whole["per_1k_ref"] if whole["per_1k_ref"] else float("inf")
spread_note = (f"Within the text the rate peaks in {UNIT} **{peak}** ({unit_rates.loc[peak, 'per_1k']:.1f}) and is "
               f"lowest in {unit_rates['per_1k'].idxmin()} ({unit_rates['per_1k'].min():.1f}); Gries' DP over the "
               f"{UNIT}s {dp_war['dp']:.2f} (0 = spread like the text)."
               if dp_war is not None and whole["freq"] > 0 else "")
narrate.show(
    (f"The text uses **{rate:.1f}** war and struggle words per 1,000 word tokens "
     f"({narrate.count(int(whole['freq']), 'match', 'matches')}); the pooled reports {whole['per_1k_ref']:.1f}: "
     f"{times:.1f} times their rate (log ratio {whole['log_ratio']:.1f}; Fisher's exact test, p_adj = "
     f"{whole['p_adj']:.2g}, " + narrate.holds(bool(whole["significant"]), "significant). ", "not significant). ")
     if whole["freq"] > 0 else
     f"The text has no war or struggle word of the list; the pooled reports have {whole['per_1k_ref']:.1f} per 1,000 "
     "word tokens. ")
    + f"Among the {len(per_report)} reports, one by one, the text ranks "
    f"**{narrate.rank_phrase(rank, len(per_report) + 1, 'first')}**; the most warlike report is {top_report['doc']} "
    f"({top_report['per_1k']:.1f}), the median report {per_report['per_1k'].median():.1f}. " + spread_note)

# %%
string_only = war_key[(war_key["level"] == "term") & (war_key["string_count"] > war_key["freq"])]
narrate.show("Terms found more often as strings than as whole tokens (inside longer words, which the token count "
             "leaves out): " + (narrate.join(f"{r.term} ({int(r.freq)} as tokens, {int(r.string_count)} as strings)"
                                             for r in string_only.itertuples()) or "none") + ".")
war[["term", "category", "section", "subsection"]].assign(
    context=[speech.text[max(0, a - 8):b + 8].replace("\n", " ") for a, b in zip(war["start"], war["end"])]).head(20)

# %% [markdown]
# ### Stance words
#
# Boosters (坚决, 切实, 充分 …) close down alternatives, hedges (可能, 基本, 初步 …) open them (Hyland
# 2005); positive and negative evaluation follows appraisal theory (Martin & White 2005). The words
# are in `lexicon/stance.txt`; boosters overlap with the directive markers of section 3.

# %%
stance_rates = lexicon_rates(tok, "stance", PART)
stance = stance_rates[stance_rates["term"].str.startswith("[")].pivot_table(index="term", columns="doc",
                                                                           values="per_1k", sort=False)
stance.round(2)

# %%
stance_key = lexicon_keyness(tok, report_tables.values(), "stance", min_freq=1)  # every category that occurs
cats = stance_key.drop_duplicates("term").set_index("term").reindex(["[booster]", "[hedge]"]).fillna(0)
boost, hedge = cats.loc["[booster]"], cats.loc["[hedge]"]
ratio = boost["freq"] / hedge["freq"] if hedge["freq"] else float("nan")
ratio_ref = boost["freq_ref"] / hedge["freq_ref"] if hedge["freq_ref"] else float("nan")
odds, p_bh = sst.fisher_exact([[int(boost["freq"]), int(hedge["freq"])],
                               [int(boost["freq_ref"]), int(hedge["freq_ref"])]])
if THIS_SPEECH:
    assert ratio > 2 * ratio_ref and p_bh < 0.01
narrate.show(
    f"Boosters: {int(boost['freq'])} ({boost['per_1k']:.1f} per 1,000 word tokens; reports {boost['per_1k_ref']:.1f}); "
    f"hedges: {int(hedge['freq'])} ({hedge['per_1k']:.1f}; reports {hedge['per_1k_ref']:.1f}). "
    + (f"The text has **{ratio:.1f} boosters per hedge**, the reports {ratio_ref:.1f} (the baseline); Fisher's exact "
       f"test of the two ratios: p = {p_bh:.2g}. " if hedge["freq"] else
       "The text has no hedge of the list" + (f" and {narrate.count(int(boost['freq']), 'booster')}; " if boost["freq"]
                                              else " and no booster; ")
       + f"the reports have {ratio_ref:.1f} boosters per hedge; Fisher's exact test: p = {p_bh:.2g}. ")
    + narrate.holds(p_bh < 0.05 and boost["freq"] * hedge["freq_ref"] > hedge["freq"] * boost["freq_ref"],
                    "The text asserts more, and hedges less, than the reports do.",
                    "The balance of boosting and hedging is not clearly different from the reports'."))

# %% [markdown]
# ## 6. Lexical diversity and sentence length
#
# The raw type-token ratio falls as a text grows, so each unit is compared on **equal samples**: 200
# passages (seed 0) of as many consecutive word tokens as the smallest unit has, at random positions; the
# bar is their mean and the whisker the range of 95 % of them (the smallest unit is its own only passage). **MATTR** averages the TTR of every 50-token window. Chinese has no
# standard readability formula for political prose; we show its ingredients, sentence and clause length.

# %%
div = diversity(tok, PART, speech=speech)
fig = dplot.plot_diversity(div, title=f"Lexical diversity and sentence length per {UNIT}", unit_label=UNIT)
saved = save_figure(fig, "08-diversity", caption=f"Per {UNIT}: type-token ratio on 200 passages of "
                    f"{div.attrs['sample']:,} consecutive word tokens at random positions (mean and 95 % range), MATTR (window 50) and the mean "
                    "length of sentences and clauses in characters (punctuation not counted).")
div.round(3)

# %%
hi_ttr = div.loc[div["ttr_sample"].idxmax()]
lo_ttr = div.loc[div["ttr_sample"].idxmin()]
overlap = hi_ttr["ttr_lo"] <= lo_ttr["ttr_hi"]
longest = div.loc[div["sentence_chars"].idxmax()]
narrate.show(
    f"On passages of {div.attrs['sample']:,} tokens the most varied {UNIT} is **{hi_ttr['unit']}** (TTR "
    f"{hi_ttr['ttr_sample']:.3f}), the least varied {lo_ttr['unit']} ({lo_ttr['ttr_sample']:.3f}); "
    + narrate.holds(overlap, "their sampling ranges overlap, so the difference is within what the choice of tokens "
                    "alone produces.", "their sampling ranges do not overlap.")
    + f" The longest sentences are in {UNIT} {longest['unit']} ({longest['sentence_chars']:.0f} characters on average, "
    f"against {div['sentence_chars'].min():.0f} in the {UNIT} with the shortest).")

# %% [markdown]
# ## Exercises
#
# 1. **Measures disagree.** Compute the collocates of 要 (all tokens, `content_only=False`) and of a
#    content word of your choice, sorted by MI and by log-Dice. Which collocates rank high on one and
#    low on the other, and why (look at O, E and the collocate's frequency)?
# 2. **Check the addressee detector.** Draw ten directives whose addressee is *(unstated)* (use
#    `own.sample(10, random_state=1)`), read each sentence in the text, and judge: is there really no
#    addressee, or did the rule miss one? What share of misses would change the finding of section 4?
# 3. **Extend the war list.** Copy `lexicon/metaphor_war.txt` into a folder of your own, add two terms
#    you find in the concordance of 斗争 or 一线, set `ZHDISCOURSE_LEXICON_DIR` to that folder and
#    recompute the keyness of the war vocabulary against the reports. Does the finding of section 5
#    change?
#
# Worked solutions: `notebooks/solutions/08-solutions.ipynb`.
