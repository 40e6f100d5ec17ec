"""All patterns of a text in the JSON schema the CLI prints (``zhdiscourse patterns PATH --json``)."""

from __future__ import annotations

from ..structure import Speech
from .enumerations import enumerations
from .frames import find_frames
from .modality import directives, modal_yao
from .parallelism import parallelisms
from .runs import yao_runs


def _none(v):
    return None if v is None or v != v else v  # NaN → None


def patterns_report(speech: Speech, frames_file=None) -> dict:
    """``{"modal_yao", "directives", "yao_runs", "frames", "parallelisms", "enumerations"}`` (see issue 5)."""
    my = modal_yao(speech)
    dirs = directives(speech)
    runs = yao_runs(speech)
    return {
        "modal_yao": [{"start": int(r.start), "end": int(r.end), "sentence": int(r.sentence),
                       "section": _none(r.section)} for r in my.itertuples()],
        "directives": [{"marker": r.marker, "start": int(r.start), "end": int(r.end), "section": _none(r.section)}
                       for r in dirs.itertuples()],
        "yao_runs": [{"start": int(r.start), "end": int(r.end), "sentences": int(r.sentences),
                      "section": _none(r.section)} for r in runs.itertuples()],
        "frames": [{"frame": f["frame"], "members": [{"text": m["text"], "start": m["start"], "end": m["end"],
                                                      "slots": m["slots"]} for m in f["members"]]}
                   for f in find_frames(speech, frames_file)],
        "parallelisms": [{"kind": p["kind"], "frame": p["frame"], "section": p["section"],
                          "members": [{"text": m["text"], "start": m["start"], "end": m["end"]} for m in p["members"]]}
                         for p in parallelisms(speech)],
        "enumerations": [{"markers": e["markers"], "members": [{"text": m["text"], "start": m["start"], "end": m["end"]}
                                                               for m in e["members"]]}
                         for e in enumerations(speech)],
    }
