"""Small helpers shared by the study's notebooks (display only; no analysis lives here)."""

from __future__ import annotations

from .. import paths


def announce_text(text) -> bool:
    """Show which text a notebook studies and return whether it is the study's own speech.

    The answer (byte-identical to ``data/raw/speech_2020-02-23.txt``, by SHA-256) decides whether the
    notebook's speech-only checks run; the banner tells the reader which case this is.
    """
    this_speech = paths.is_reference_text(text)
    note = ("the study's own speech: all checks below run." if this_speech else
            "**not the study's speech: checks that only hold for the speech are skipped.**")
    try:
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - plain Python without IPython
        print(f"Text: {paths.relative(text)} — {note}")
    else:
        display(Markdown(f"Text: `{paths.relative(text)}` — {note}"))
    return this_speech
