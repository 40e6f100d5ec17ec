"""Generality: nothing in src/ may contain this speech's titles or phrases.

Speech-specific knowledge lives in data files (src/zhdiscourse/lexicon/) and in tests and notebooks. The check
collects every run of six Chinese characters in the speech's body, plus its titles and metadata, and
fails on any that appears in a source file under src/.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
WINDOW = 6
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _windows(text: str, n: int = WINDOW) -> set[str]:
    out = set()
    for run in _HAN.findall(text):
        out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def test_src_contains_no_phrase_of_the_speech(speech):
    phrases = _windows(speech.body)
    titles = {s.title for s in speech.sections} | {u.title for u in speech.subsections}
    titles |= {v for v in (speech.metadata.title, speech.metadata.source) if v}
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        src = path.read_text(encoding="utf-8")
        hits = sorted(_windows(src) & phrases) + sorted(t for t in titles if len(t) >= 4 and t in src)
        if hits:
            offenders.append(f"{path.relative_to(ROOT)}: {hits[:5]}")
    assert not offenders, "speech phrases in src/:\n" + "\n".join(offenders)


def test_the_check_can_fail(speech):
    sentence = speech.sentences[5].text
    assert _windows(f'x = "{sentence}"') & _windows(speech.body)
