"""Frames with slots: a small template language compiled to regular expressions.

Template language
    Literal Chinese text with slots in braces:

    ``{X}``       a slot named X: 1–8 characters that are not punctuation or whitespace
    ``{X:2}``     exactly 2 characters
    ``{X:1-3}``   1 to 3 characters
    ``…``         (or ``...``) a gap: up to 50 characters inside the same sentence, not captured

    A slot name used twice must be filled with the same text both times (``对{X}应{Y}尽{Y}`` matches
    a formula whose two Y are equal). Slots are lazy (shortest filler first), and leading slots
    should be given a length (``{X:1}风险``), because a regex search starts at the leftmost
    possible position and an open slot at the start of a template would swallow preceding words.

Templates file (``src/zhdiscourse/lexicon/frames.txt``; teacher-editable)
    One template per line; ``#`` starts a comment; blank lines are ignored. An optional name goes
    before `` = `` (``name = template``); otherwise the template is its own name. An optional
    ``@min=N`` at the end of a line sets the minimum number of members (default 2).

Matches and series
    :func:`match_template` returns every non-overlapping match with its slot fillers and offsets.
    :func:`find_frames` groups the matches of each template into *series*: consecutive matches in the
    same sentence or in adjacent sentences (sentence index difference ≤ 1) of the same part. A series
    with at least ``min`` members is reported; each member has its text, start, end and slots
    (each slot with its filler and its own start/end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhDiscourseError
from ..text.model import Speech
from ..text.structure import takes_speech
from ..tokenize.dictionary import lexicon_file
from .spans import section_of, sentence_index

#: Characters a slot filler may not contain.
_STOP = r"\s，。；：、！？,.;:!?“”‘’「」『』（）()《》"
_SLOT = re.compile(r"\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<lo>\d+)(?:-(?P<hi>\d+))?)?\}")
DEFAULT_MAX = 8
GAP_MAX = 50


@dataclass
class Template:
    name: str
    template: str
    regex: re.Pattern
    slots: list[str]
    min_members: int = 2
    line: int | None = None


def compile_template(template: str, name: str | None = None, min_members: int = 2) -> Template:
    """Compile a template (see the module docstring) to a :class:`Template`; bad syntax → ZhDiscourseError."""
    t = template.strip()
    if not t:
        raise ZhDiscourseError("empty frame template")
    parts: list[str] = []
    seen: list[str] = []
    pos = 0
    for m in _SLOT.finditer(t):
        parts.append(_literal(t[pos:m.start()]))
        nm = m.group("name")
        if nm in seen:
            parts.append(f"(?P={nm})")
        else:
            lo = int(m.group("lo")) if m.group("lo") else 1
            hi = int(m.group("hi")) if m.group("hi") else (lo if m.group("lo") else DEFAULT_MAX)
            if lo < 1 or hi < lo:
                raise ZhDiscourseError(f"bad slot length in frame template {template!r}")
            parts.append(f"(?P<{nm}>[^{_STOP}]{{{lo},{hi}}}?)")
            seen.append(nm)
        pos = m.end()
    parts.append(_literal(t[pos:]))
    if "{" in "".join(_SLOT.sub("", t)) or "}" in _SLOT.sub("", t):
        raise ZhDiscourseError(f"unbalanced braces in frame template {template!r}")
    if not _SLOT.sub("", t).replace("…", "").replace("...", "").strip():
        raise ZhDiscourseError(f"frame template {template!r} has no literal text")
    try:
        rx = re.compile("".join(parts))
    except re.error as exc:  # pragma: no cover - guarded by the checks above
        raise ZhDiscourseError(f"cannot compile frame template {template!r}: {exc}") from None
    return Template(name=name or t, template=t, regex=rx, slots=seen, min_members=min_members)


def _literal(s: str) -> str:
    out = []
    for piece in re.split(r"(…|\.\.\.)", s):
        if piece in ("…", "..."):
            out.append(f"[^。！？\\n]{{0,{GAP_MAX}}}?")
        elif piece:
            out.append(re.escape(piece))
    return "".join(out)


def read_templates(path: str | Path | None = None) -> list[Template]:
    """Templates from a frames file (default ``frames.txt`` of the lexicon folder: ``src/zhdiscourse/lexicon/``, or
    ``$ZHDISCOURSE_LEXICON_DIR`` when set)."""
    if path is None:
        path = lexicon_file("frames.txt")
    p = Path(path)
    if not p.is_file():
        raise ZhDiscourseError(f"frames file not found: {p}")
    out = []
    for i, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        mn = 2
        mm = re.search(r"\s@min=(\d+)\s*$", " " + line)
        if mm:
            mn = int(mm.group(1))
            line = line[: len(line) - len(mm.group(0)) + 1].strip()
        name = None
        if " = " in line:
            name, line = (x.strip() for x in line.split(" = ", 1))
        try:
            tpl = compile_template(line, name=name, min_members=mn)
        except ZhDiscourseError as exc:
            raise ZhDiscourseError(f"{p.name} line {i}: {exc}") from None
        tpl.line = i
        out.append(tpl)
    return out


def match_template(text: str, template: Template | str, start: int = 0, end: int | None = None) -> list[dict]:
    """All non-overlapping matches: ``{"text", "start", "end", "slots": {name: {"text", "start", "end"}}}``."""
    tpl = compile_template(template) if isinstance(template, str) else template
    end = len(text) if end is None else end
    out = []
    for m in tpl.regex.finditer(text, start, end):
        slots = {nm: {"text": m.group(nm), "start": m.start(nm), "end": m.end(nm)} for nm in tpl.slots}
        out.append({"text": m.group(0), "start": m.start(), "end": m.end(), "slots": slots})
    return out


@takes_speech
def find_frames(speech: Speech, templates: list[Template] | str | Path | None = None) -> list[dict]:
    """Series of frame matches in the body: ``{"frame", "name", "section", "members": [...]}``.

    ``members`` entries have text, start, end and ``slots`` as ``{name: filler}``; ``slot_spans`` gives
    each filler's offsets.
    """
    if templates is None or isinstance(templates, (str, Path)):
        templates = read_templates(templates)
    out = []
    for tpl in templates:
        matches = match_template(speech.text, tpl, speech.body_start, speech.body_end)
        series: list[list[dict]] = []
        for m in matches:
            si = sentence_index(speech, m["start"])
            m["_s"] = si
            m["_sec"] = section_of(speech, m["start"])
            if series and si is not None and series[-1][-1]["_s"] is not None and \
                    si - series[-1][-1]["_s"] <= 1 and m["_sec"] == series[-1][-1]["_sec"]:
                series[-1].append(m)
            else:
                series.append([m])
        for ser in series:
            if len(ser) < tpl.min_members:
                continue
            out.append({
                "frame": tpl.template, "name": tpl.name, "section": ser[0]["_sec"],
                "members": [{"text": m["text"], "start": m["start"], "end": m["end"],
                             "slots": {k: v["text"] for k, v in m["slots"].items()},
                             "slot_spans": {k: [v["start"], v["end"]] for k, v in m["slots"].items()}}
                            for m in ser],
            })
    out.sort(key=lambda f: f["members"][0]["start"])
    return out
