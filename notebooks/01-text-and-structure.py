# %% [markdown]
# # 01 · The text and its structure
#
# Before counting words we need to know **what exactly we are counting**. This notebook opens the raw
# file of the text, looks for the traces that copying a text from a web page can leave in it, and then
# shows how `zhdiscourse` recovers its metadata (title, date, source), its **parts** (一、二、三、…) and
# its **sub-points** (（一）…, 一是…, 第一，…, 一要…) — the skeleton that every later notebook uses to
# compare one part of the text with another.
#
# Every number in the text below is computed by the code cells, and `assert` statements check the
# claims. Some checks only hold for the study's speech; when the notebook runs on another text (see
# *Parameters*) those checks are skipped, the findings are computed from that text, and what is
# known only of the study's speech is not shown.

# %% tags=["parameters"]
# Parameters (papermill style): `make reproduce TEXT=... OUT=...` sets ZHD_TEXT / ZHD_OUT.
import os

from zhdiscourse import paths

TEXT = os.environ.get("ZHD_TEXT", str(paths.default_text()))
OUT = os.environ.get("ZHD_OUT", str(paths.figures_dir()))

# %%
import re
from collections import Counter

import pandas as pd

from zhdiscourse import load_speech, read_text
from zhdiscourse.study import findings, narrate
from zhdiscourse.study.notebook import announce_text
from zhdiscourse.plots import save_figure, setup_fonts
from zhdiscourse.plots import structure as splot
from zhdiscourse.text import outline_table

setup_fonts()
pd.set_option("display.max_colwidth", 40)
THIS_SPEECH = announce_text(TEXT)  # the study's speech? then speech-only checks run

# %% [markdown]
# ## 1. The raw file
#
# A text file is a sequence of bytes. `read_text` guesses the encoding (UTF-8, UTF-16 or GB18030)
# and normalises Windows line breaks, so that every later step sees the same string. All positions
# ("offsets") in this project are indices into that string.

# %%
raw = open(TEXT, "rb").read()
loaded = read_text(TEXT)
text = loaded.text
lines = text.split("\n")
facts = {
    "bytes": len(raw),
    "encoding": loaded.encoding,
    "byte-order mark": loaded.had_bom,
    "Windows line breaks": loaded.had_crlf,
    "characters": len(text),
    "lines": len(lines),
    "line breaks": text.count("\n"),
    "final newline": text.endswith("\n"),
    "sha256": paths.sha256_file(TEXT)[:16] + "…",
}
pd.Series(facts, name="value").to_frame()

# %%
if THIS_SPEECH:
    assert (facts["characters"], facts["lines"], facts["line breaks"]) == (11057, 222, 221)
narrate.show(
    f"The file has **{facts['bytes']:,} bytes** but **{facts['characters']:,} characters**"
    + narrate.holds(loaded.encoding.replace("-", "").lower().startswith("utf8"),
                    ": a Chinese character takes 3 bytes in UTF-8",
                    f" in {loaded.encoding}") +
    f". It has **{facts['lines']} lines** but "
    f"**{facts['line breaks']} line breaks**" + ("" if facts["final newline"] else
    " — the last line has no line break after it, so `wc -l`, which counts line breaks, reports one "
    "line fewer") + ".")

# %% [markdown]
# ### Lines and sentences
#
# A copy made from a web page may put a line break after every sentence, so that the original
# paragraphs are lost. We check: how many lines end with sentence-final punctuation (。！？), and how
# many hold more than one sentence?

# %%
ends = Counter(line.rstrip()[-1:] for line in lines if line.strip())
final_punct = sum(n for ch, n in ends.items() if ch in "。！？")
multi = sum(1 for line in lines if len(re.findall(r"[。！？]", line.rstrip()[:-1])) > 0)
n_filled = sum(ends.values())
# one sentence per line: nine lines in ten end a sentence and at most one in twenty holds a second one
one_per_line = final_punct >= 0.9 * n_filled and multi <= 0.05 * n_filled
if THIS_SPEECH:
    assert one_per_line
narrate.show(
    f"**{final_punct} of {len(lines)}** lines end with 。！？; **{multi}** {narrate.verb(multi, 'line holds', 'lines hold')} more than one "
    f"sentence-final mark. The most common line endings: "
    + ", ".join(f"`{c}` ×{n}" for c, n in ends.most_common(4)) + ". "
    + narrate.holds(one_per_line, "Nearly every line is one sentence: the line breaks do not mark paragraphs.",
                    f"The lines are not one sentence each: {narrate.count(multi, 'line')} of {n_filled} "
                    "non-empty lines hold more than one sentence."))
narrate.speech_only(THIS_SPEECH, "The copy of the study's speech was made from a web page that put a line "
                    "break after every sentence, so the original paragraphs are lost.")

# %% [markdown]
# ### Header and footer
#
# A title block (title, date, source) should stand on lines of its own, apart from the first sentence;
# a footer (a dateline, a newspaper reference) apart from the last. We print the beginning of the first
# line and the end of the last, and check whether a sentence-final mark shares a line with them.

# %%
print(lines[0][:140], "…")
print("…", lines[-1][-60:])

# %%
first_line, last_line = lines[0].rstrip(), lines[-1].rstrip()
marks = re.compile(r"[。！？]")
head_glued = bool(marks.search(first_line))
ends_at = [m.end() for m in marks.finditer(last_line)]
tail = last_line[ends_at[-1]:].strip() if ends_at else last_line.strip()  # what follows the last sentence
foot_glued = bool(ends_at) and bool(tail)  # a footer on the line of the last sentence
foot_alone = not ends_at and bool(tail)  # a last line with no sentence in it: a footer line of its own
if THIS_SPEECH:
    assert head_glued and foot_alone
narrate.show(
    narrate.holds(head_glued, f"The first line ({len(first_line):,} characters) holds sentence-final marks: "
                  "a title, if the file has one, does not stand on a line of its own. ",
                  "The first line holds no sentence-final mark: the title stands on a line of its own. ")
    + (f"The last line ends with `{tail[-40:]}` after its last sentence: a footer glued to the last sentence."
       if foot_glued else
       f"The last line holds no sentence: it is a footer line of its own (`{tail[-40:]}`)." if foot_alone else
       "The last line ends with its last sentence: there is no footer."))
narrate.speech_only(THIS_SPEECH, "In the study's speech the first line glues together the title, the date, "
                    "the source, the publication time, the salutation 同志们： and the first sentence. The last "
                    "line holds the Xinhua dateline and the newspaper reference.")

# %% [markdown]
# ### Headings and the sentences around them
#
# Part headings such as 一、关于… usually stand on their own line. A web copy may glue a heading to the
# first sentence of its part, or even start it in the middle of a line. (In a list of provisions, a
# marker followed by a whole sentence is an item, not a glued heading.) We find heading markers (a
# Chinese numeral followed by 、) at the start of a line or right after 。！？ and look at what
# surrounds them.

# %%
heading_re = re.compile(r"(?:^|(?<=[。！？]))([一二三四五六七八九十]+)、", re.M)
heads = []
for m in heading_re.finditer(text):
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.start())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[m.end():line_end]
    heads.append({"marker": m.group(0), "offset": m.start(), "starts line": m.start() == line_start,
                  "sentence glued after": bool(re.search(r"[。！？]", rest)), "line": text.count("\n", 0, m.start()) + 1})
heads = pd.DataFrame(heads)
heads

# %%
n_glued = int(heads["sentence glued after"].sum()) if len(heads) else 0
n_midline = int((~heads["starts line"]).sum()) if len(heads) else 0
if THIS_SPEECH:
    assert len(heads) == 4 and n_glued == 4 and n_midline == 1
narrate.show(f"**{len(heads)}** heading markers of the form 一、"
             + (f"; **{n_glued}** {narrate.verb(n_glued, 'is', 'are')} glued to the sentence after "
                f"{narrate.verb(len(heads), 'it', 'them')}, **{n_midline}** {narrate.verb(n_midline, 'starts', 'start')} "
                "in the middle of a line." if len(heads) else
                " (the parser's other heading styles, such as 第一章 or （一）, are shown in section 2)."))
narrate.speech_only(THIS_SPEECH, "In the study's speech each heading is followed, on the same line, by the "
                    "first sentence of its part.")

# %% [markdown]
# ### Quotation marks
#
# Where a quotation ended with 。” a web copy may lose the ”, and the file then has more opening than
# closing Chinese quotation marks. We count them, and the lines where they do not balance (a
# quotation may also run over several lines).

# %%
opening, closing = text.count("“"), text.count("”")
unbalanced_lines = [i + 1 for i, line in enumerate(lines) if line.count("“") != line.count("”")]
if THIS_SPEECH:
    assert opening > closing and unbalanced_lines
where = (f" (lines {', '.join(map(str, unbalanced_lines[:8]))}{'…' if len(unbalanced_lines) > 8 else ''})"
         if unbalanced_lines else "")
narrate.show(
    f"“ occurs **{opening}** times and ” **{closing}** times: "
    + (f"**{opening - closing}** {narrate.verb(opening - closing, 'quotation is', 'quotations are')} never closed"
       if opening > closing else
       f"” occurs **{closing - opening}** times more than “" if closing > opening else
       "every quotation that opens is closed")
    + f"; the marks do not balance on **{len(unbalanced_lines)}** lines{where}.")
narrate.speech_only(THIS_SPEECH, "In the study's speech the web copy lost the ” where a quotation ended with 。”.")

# %%
for n in unbalanced_lines[:3]:
    print(n, lines[n - 1][:70])

# %% [markdown]
# Whatever quirks a file has, they are **not edited away** in the data: the raw file stays exactly as
# published, and the code copes with them. That way every result can be traced back to the same bytes.
#
# ## 2. What parsing recovers
#
# `load_speech` reads the file and `parse`s it into a `Speech`: metadata, parts, sub-points,
# sentences and clauses. Each unit carries `start` and `end`, the positions of its first and one past
# its last character, so `speech.text[start:end]` is always the unit's text.

# %%
speech = load_speech(TEXT)
md = speech.metadata
meta = pd.DataFrame(
    [{"field": k, "value": getattr(md, k), "as written": text[a:b], "start": a, "end": b}
     for k, (a, b) in md.spans.items()])
meta

# %%
for k, (a, b) in md.spans.items():
    assert speech.text[a:b] == meta.set_index("field").loc[k, "as written"]
if THIS_SPEECH:
    assert (md.date, md.speaker, md.published) == ("2020-02-23", "习近平", "2020-02-24")
narrate.show(f"The body — the text proper — runs from offset **{speech.body_start}** to "
             f"**{speech.body_end}**; the other {narrate.count(len(text) - (speech.body_end - speech.body_start), 'character')} "
             "are metadata, end matter or line breaks around the body.")

# %% [markdown]
# ### Parts, sub-points, sentences
#
# Parts are found from their heading markers. Sub-points may use **different marker styles**, even
# in different parts of one text (（一）…, 一是…, 第一，…, 一要…); the parser accepts a style only when
# its numbers run in sequence (1, 2, 3 …), so expressions such as 第一线 (the front line) are not
# mistaken for sub-points.

# %%
table = outline_table(speech)
parts = table[table.level == "part"]
subs = table[table.level == "sub-point"]
n_sent = sum(not s.is_heading for s in speech.sentences)
n_head = sum(s.is_heading for s in speech.sentences)
in_part = subs["part"].fillna("")  # "": sub-points of a text without parts
sub_counts = subs.groupby(in_part, sort=False).size()
if THIS_SPEECH:
    assert list(parts.label) == ["一", "二", "三", "四"]
    assert list(sub_counts) == [7, 7, 8, 3]
    assert (len(speech.sentences), n_head, len(speech.clauses)) == (234, 4, 711)
findings.record("outline.parts", len(parts))
findings.record("outline.subpoints", len(subs))
styles = {p: f"{g.marker.iloc[0]}…{g.marker.iloc[-1]}" if len(g) > 1 else g.marker.iloc[0]
          for p, g in subs.groupby(in_part, sort=False)}
n_styles = len({re.sub(r"[〇零一二三四五六七八九十百\d]+", "#", m) for m in subs.marker})
narrate.show(
    f"The parser finds **{narrate.count(len(parts), 'part')}** with "
    + (", ".join(f"{narrate.count(n, 'sub-point')} " + (f"in part {p}" if p else "outside any part")
                 for p, n in sub_counts.items()) if len(sub_counts) else "no sub-points")
    + f"; **{len(speech.sentences)} sentences** ({n_head} of them headings) and "
      f"**{len(speech.clauses)} clauses** (stretches between ，；： and 。！？)."
    + (f" The sub-points use {narrate.count(n_styles, 'marker style')}: "
       + "; ".join(f"{narrate.part(p) if p else 'the text'} {m}" for p, m in styles.items()) + "." if len(subs) else ""))

# %% [markdown]
# ## 3. The outline
#
# The table lists each unit with its size. `chars` counts characters without spaces and line
# breaks; `sentences` counts the sentences that start in the unit (headings excluded); `share_chars`
# is the unit's share of the whole body.

# %%
# every offset in the table points at the unit's own text
for r in table.itertuples():
    assert 0 <= r.start < r.end <= len(speech.text)
    if r.level == "sub-point":
        assert speech.text[r.start:r.end].startswith(r.marker)
table.drop(columns=["start", "end"]).round({"share_chars": 3})

# %%
fig = splot.plot_outline(speech, table, title="Outline: parts (top) and sub-points (bottom) along the text")
saved = save_figure(fig, "01-outline", caption="The outline of the text: parts and sub-points as blocks along "
            "the text, sized by characters (top panel) and by sentences (bottom panel).")

# %% [markdown]
# **How to read it.** Each panel is the whole text from left to right. The upper track shows the
# parts, the lower track their sub-points, each block as wide as the unit is long. Grey on the left
# is the opening before the first part. Where the lower track has a gap, a part talks for a while before its
# first sub-point. Comparing the two panels shows where sentences are long: a part that is wider in
# characters than in sentences uses longer sentences.

# %%
longest = parts.sort_values("chars", ascending=False).iloc[0] if len(parts) else None
if longest is not None:
    if THIS_SPEECH:
        assert longest.label == "一"
    narrate.show(
        f"The longest part is **{longest.label}** ({narrate.shorten(longest.title)}): **{longest.chars:,} "
        f"characters**, {longest.share_chars:.0%} of the body, in {longest.sentences} sentences. Sizes of all "
        "parts: " + "; ".join(f"{r.label} {r.chars:,} chars / {r.sentences} sentences" for r in parts.itertuples())
        + ".")
else:
    narrate.show("**This text has no parts**, so there is no longest part.")

# %%
if len(subs):
    fig = splot.plot_subpoint_sizes(table, title="Length of each sub-point, coloured by part")
    saved = save_figure(fig, "01-subpoint-sizes", caption="Characters and sentences of every sub-point, "
                "coloured by part.")

# %%
if len(subs):
    big, small = subs.loc[subs.chars.idxmax()], subs.loc[subs.chars.idxmin()]
    ratio = big.chars / small.chars
    if THIS_SPEECH:
        assert ratio > 2
    narrate.show(
        narrate.holds(ratio > 2, "Sub-points differ a lot in length", "Sub-points are of similar length")
        + f": the longest, **{big.label}** ({narrate.shorten(big.title)}), has {big.chars:,} characters; the "
        f"shortest, **{small.label}** ({narrate.shorten(small.title)}), {small.chars:,} — "
        + narrate.times_fewer(big.chars, small.chars) + ".")

# %% [markdown]
# ### Sentence length by part
#
# Long sentences often pack lists of measures; short ones carry slogans and calls to action. The box
# plot shows, for each part, how long its sentences are (in characters): the box holds the middle
# half of the sentences, the line inside it is the median.

# %%
sent = pd.DataFrame([{"part": s.section or "opening", "chars": len(re.sub(r"\s", "", s.text))}
                     for s in speech.sentences if not s.is_heading])
med = sent.groupby("part", sort=False)["chars"].median()
fig = splot.plot_sentence_lengths(sent, title="Sentence length by part")
saved = save_figure(fig, "01-sentence-lengths", caption="Distribution of sentence lengths (characters) in each part.")
narrate.show("Median sentence length: " + "; ".join(f"{narrate.part(p)}: {v:.0f} characters"
                                                    for p, v in med.items()) + ".")

# %% [markdown]
# ## Exercises
#
# The first exercise names a part of this text (part 三 where the text has one, else its last part).

# %%
labels = list(parts.label)
ex_part = "三" if "三" in labels else (labels[-1] if labels else None)
narrate.show(
    (f"1. **Warm-up.** How many sentences does part {ex_part} have, and what is their mean length in "
     "characters? (Hint: filter `speech.sentences` on `.section`.)\n" if ex_part else
     "1. **Warm-up.** How many sentences does the text have, and what is their mean length in characters?\n")
    + "2. **Offsets.** Find the longest sentence of the whole text. Print its sub-point label, its "
    "`start` and `end`, and check with `assert` that `speech.text[start:end]` is the sentence.\n"
    "3. **Another text.** Write a short text of your own with two 一、/二、 parts and （一）（二） sub-points, "
    "`parse` it, print its `outline_table` and draw it with `plot_outline`. What happens to the "
    "outline if you delete the heading 二、?\n\n"
    "Worked solutions: `notebooks/solutions/01-solutions.ipynb`.")
