"""The student term list of docs/teaching.md: Chinese, pinyin (pypinyin), English (the project glossary).

    .venv/bin/python scripts/teaching_terms.py          # rewrite the table in docs/teaching.md
    .venv/bin/python scripts/teaching_terms.py --check  # exit 1 if the table there is not what this makes

The table sits between the markers ``<!-- terms:start -->`` and ``<!-- terms:end -->``. Pinyin is
written with tone marks, syllables of one word joined and words separated by a space, proper names
capitalised (Hanyu Pinyin orthography): four- and six-character compounds are cut in pairs, so 疫情防控
becomes ``yìqíng fángkòng``. pypinyin's phrase dictionary chooses the reading of polyphonic characters
(要求 yāoqiú, 重大 zhòngdà); the modal 要 on its own is read ``yào``. The English is the glossary's
(``src/zhdiscourse/lexicon/glossary.csv``), so the term list and the figures gloss a term alike.
``tests/study/test_teaching_doc.py`` checks that the table in the doc is the one this script makes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "teaching.md"
START, END = "<!-- terms:start -->", "<!-- terms:end -->"

#: (term, where students meet it): the words of the speech and of the method that the lessons use.
TERMS = (
    ("疫情防控", "the topic of the whole speech (02, 05)"),
    ("统筹推进", "the title: two tasks advanced together (00)"),
    ("经济社会发展", "the second task of the title (00, 03)"),
    ("党中央", "the speaker's institution, named as the actor of part 一 (01, 04)"),
    ("湖北", "part 二: the centre of the epidemic (05, 06)"),
    ("武汉", "part 二 (05, 06)"),
    ("医务人员", "key word of part 二 (00, 03)"),
    ("患者", "part 二 (06)"),
    ("救治", "part 二 (05, 06)"),
    ("联防联控", "over-used against the reports (06)"),
    ("复工复产", "part 三: the economy restarts (02, 06)"),
    ("就业", "key word of part 三 (00, 03, 05)"),
    ("企业", "part 三 (05)"),
    ("政策", "part 三 (03)"),
    ("脱贫攻坚", "part 三 (04)"),
    ("干部", "key word of part 四 (00, 03)"),
    ("形式主义", "part 四: what the cadres must avoid (04)"),
    ("官僚主义", "part 四 (04)"),
    ("中国", "key word of part 一 (00, 03)"),
    ("要", "the modal of directives (00, 04)"),
    ("必须", "a directive marker (04)"),
    ("坚决", "a directive marker, and an adjective (04, 07)"),
    ("务必", "a directive marker (04)"),
    ("决不能", "a prohibition (04)"),
    ("我们", "narrative 我们 + verb, the review's sentence (00, 04)"),
    ("落实", "the verb of implementation (03)"),
    ("加强", "a frequent directive verb (02, 05)"),
    ("确保", "a frequent directive verb (05)"),
    ("发展", "under-used against the reports (06)"),
    ("建设", "under-used against the reports (06)"),
    ("改革", "under-used against the reports (06)"),
)
#: Method words of the notes in Chinese (not in the glossary, which glosses the speech's words).
METHOD = (
    ("分词", "segmentation: cutting a text into words"),
    ("词频", "word frequency"),
    ("停用词", "stopword"),
    ("关键词", "key word (keyness)"),
    ("语境", "context (KWIC)"),
    ("排比", "parallelism, the rhetorical figure of repeated structure"),
    ("讲话", "a (leader's) speech, the genre of the text"),
    ("部署", "deploy; the work-deployment meeting of the occasion"),
)


#: Proper names: each word capitalised (Hanyu Pinyin orthography), with their word cuts.
PROPER = {"湖北": (2,), "武汉": (2,), "中国": (2,), "党中央": (1, 2)}


def _cuts(term: str) -> tuple[int, ...]:
    """Word lengths of a term: proper names as listed, four- and six-character compounds in pairs
    (疫情防控 = 疫情 + 防控), anything else one word (停用词, 决不能)."""
    if term in PROPER:
        return PROPER[term]
    if len(term) in (4, 6):
        return (2,) * (len(term) // 2)
    return (len(term),)


def pinyin(term: str) -> str:
    """Hanyu Pinyin of ``term`` with tone marks: syllables of a word joined, words separated by spaces,
    proper names capitalised."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(term, style=Style.TONE)  # whole term: the phrase dictionary picks readings
    words, i = [], 0
    for n in _cuts(term):
        w = "".join(syllables[i:i + n])
        words.append(w[:1].upper() + w[1:] if term in PROPER else w)
        i += n
    return " ".join(words)


def table() -> str:
    """The Markdown term list."""
    sys.path.insert(0, str(ROOT / "src"))
    from zhdiscourse.plots.base import glossary

    g = glossary()
    missing = [t for t, _ in TERMS if t not in g]
    if missing:
        raise SystemExit(f"not in the glossary: {', '.join(missing)}")
    rows = ["| 中文 | pinyin | English | where in the study (notebooks) |", "|---|---|---|---|"]
    rows += [f"| {t} | {pinyin(t)} | {g[t]} | {where} |" for t, where in TERMS]
    rows += ["", "Method words for the notes in Chinese:", "",
             "| 中文 | pinyin | English |", "|---|---|---|"]
    rows += [f"| {t} | {pinyin(t)} | {english} |" for t, english in METHOD]
    return "\n".join(rows)


def replace_table(doc: str, new: str) -> str:
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{new}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that docs/teaching.md has this table")
    args = ap.parse_args(argv)
    doc = DOC.read_text(encoding="utf-8")
    new = replace_table(doc, table())
    if args.check:
        if new != doc:
            print("docs/teaching.md: the term list is not the generated one; run scripts/teaching_terms.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote the term list ({len(TERMS)} + {len(METHOD)} terms) into {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
