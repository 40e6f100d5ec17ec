"""A survey of the structure the parser finds in every document of a corpus (candidates for parser
extensions: heading styles seen on stand-alone lines that no part or sub-point uses)."""

from __future__ import annotations

import re

import pandas as pd

from ..util.cache import DiskCache, digest, package_fingerprint
from .corpus import Corpus
from .structure import _bare_titles

#: Heading styles looked for in the survey (whole lines standing between blank lines).
SURVEY_STYLES = {
    "一、": re.compile(r"^[一二三四五六七八九十]+、\S"),
    "（一）": re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
    "lone 一": re.compile(r"^[一二三四五六七八九十]+$"),
    "第一，": re.compile(r"^第[一二三四五六七八九十]+[，、,]"),
    "lead sentence": re.compile(r"^[^\n。！？]{2,40}[，,][^\n。！？]{2,60}$"),
}


def _standalone_lines(text: str, b0: int, b1: int) -> list[str]:
    out = []
    for m in re.finditer(r"(?<=\n\n)[^\n]+(?=\n\n)", text[b0:b1]):
        line = m.group(0).strip()
        if line:
            out.append(line)
    return out


def structure_table(corpus: Corpus, *, cache: bool = True) -> pd.DataFrame:
    """Per document: parts and sub-points found, their styles, and heading styles left unused.

    Columns: id, year, kind, chars, script, parts, part_style, subpoints, parts_with_subpoints,
    sub_styles, sentences, and ``lines_<style>`` = how many stand-alone lines look like each
    :data:`SURVEY_STYLES` heading style, plus ``bare_lines`` (the parser's bare title lines).
    ``unused`` lists styles seen on ≥ 2 stand-alone lines that neither the parts nor the
    sub-points were found in (candidates for parser extensions).

    With ``cache`` the table is kept in the disk cache (``corpus-survey``), keyed on every document (id, year,
    kind, source, original and cleaned text), the package's code and data and the pandas version: a
    notebook run reads one file instead of parsing (or reading back) every document.
    """
    if not cache:
        return _structure_table(corpus)
    key = digest(package_fingerprint(), pd.__version__,
                 *(part for d in corpus for part in (d.id, repr(d.year), d.kind, str(d.source), d.original, d.text)))
    store = DiskCache.named("corpus-survey", prefix="structure-", ext="pkl",
                            check=lambda v: isinstance(v, pd.DataFrame))
    return store.fetch(key, lambda: _structure_table(corpus))


def _structure_table(corpus: Corpus) -> pd.DataFrame:
    rows = []
    for d in corpus:
        sp = d.speech()
        subs = sp.subsections
        sub_styles = sorted({u.style for u in subs})
        part_style = sp.sections[0].style if sp.sections else ""
        lines = _standalone_lines(sp.text, sp.body_start, sp.body_end)
        counts = {name: sum(1 for ln in lines if rx.match(ln)) for name, rx in SURVEY_STYLES.items()}
        bare = len(_bare_titles(sp.text, sp.body_start, sp.body_end))
        used = {part_style} | {s.replace("(line)", "") for s in sub_styles}
        used |= {"lone 一"} if part_style == "一" else set()
        used |= {"第一，"} if "第一，" in used else set()
        unused = [n for n, c in counts.items() if c >= 2 and n not in used]
        if bare >= 2 and part_style != "bare":
            unused.append("bare title")
        rows.append({
            "id": d.id, "year": d.year, "kind": d.kind, "chars": d.chars, "script": d.script,
            "parts": len(sp.sections), "part_style": part_style,
            "subpoints": len(subs),
            "parts_with_subpoints": sum(1 for s in sp.sections if s.subsections),
            "sub_styles": ",".join(s.replace("(line)", "") for s in sub_styles),
            "sentences": sum(1 for s in sp.sentences if not s.is_heading),
            **{f"lines_{k}": v for k, v in counts.items()}, "bare_lines": bare,
            "unused": ",".join(unused),
        })
    df = pd.DataFrame(rows)
    if not df.empty:
        df["year"] = df["year"].astype("Int64")
    return df
