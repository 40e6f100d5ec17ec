"""The study's key numbers, recorded by the notebooks that compute them, so that prose elsewhere can be
checked against them.

A notebook records each number that the README or the teaching guide cites::

    review = findings.record("directives.review", value, "{:.1f}")   # returns "1.7", for the notebook's prose

Records go into ``findings.json`` in the output folder (``$ZHD_OUT``, else the project's ``figures/``,
as for figures), one entry per name: ``value`` (the number, floats rounded to 6 decimals), ``text``
(the number as the prose writes it) and ``notebook`` (``$ZHD_NOTEBOOK``, else the notebook that
jupyter-server started the kernel for, else the caller's ``notebook=``). Names are dotted lower-case
words (``directives.review.lo``). The file is sorted and written atomically under the figures' lock, so notebooks that run at the same time (``reproduce``
runs two) do not lose each other's records, and two runs give the same bytes.

The README and ``docs/teaching.md`` cite a recorded number with an invisible marker right before it,
``<!--f:directives.review-->1.7``; ``tests/study/test_findings_doc.py`` checks every marked number
against ``figures/findings.json`` (:func:`check_markers`), so prose cannot drift from the notebooks.

:func:`merge` is what :mod:`zhdiscourse.study.reproduce` calls when every notebook has run: the records
of the notebooks that ran replace their earlier records, the others are kept.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import ZhDiscourseError
from ..plots import base

FILE_NAME = "findings.json"
NAME = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
#: A marker in Markdown: ``<!--f:NAME-->`` directly followed (bold ``**`` allowed) by the number it
#: guards (``1.7``, ``1,204``, ``−0.06``) or by a Chinese word (``就业``).
MARKER = re.compile(r"<!--f:([a-z0-9_.]+)-->(?:\*\*)?([−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[\u4e00-\u9fff]+)?")


def _path(out_dir) -> Path:
    return base.output_dir(out_dir) / FILE_NAME


def read(out_dir: str | os.PathLike | None = None) -> dict[str, dict]:
    """The records of ``findings.json`` in ``out_dir`` (``$ZHD_OUT``, else ``figures/``); empty if none."""
    f = _path(out_dir)
    if not f.is_file():
        return {}
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ZhDiscourseError(f"{f}: not valid JSON ({exc.msg})") from exc
    return dict(data.get("findings", {}))


def _write(out: Path, records: dict[str, dict]) -> None:
    text = json.dumps({"findings": dict(sorted(records.items()))}, ensure_ascii=False, indent=1,
                      sort_keys=True) + "\n"
    tmp = out / (FILE_NAME + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out / FILE_NAME)


def _plain(value):
    """A JSON number (or string, bool) for ``value``: NumPy scalars unwrapped, floats rounded."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ZhDiscourseError(f"cannot record a number that is not finite ({value})")
        return round(value, 6)
    raise ZhDiscourseError(f"cannot record a {type(value).__name__}: give a number or a string")


def _notebook_name(given: str | None) -> str:
    """``$ZHD_NOTEBOOK`` (set by reproduce), else the notebook a jupyter-server kernel runs for
    (``$JPY_SESSION_NAME``, its path: a notebook run in JupyterLab records the same name), else ``given``."""
    if os.environ.get("ZHD_NOTEBOOK"):
        return os.environ["ZHD_NOTEBOOK"]
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        return Path(session).stem
    return given or ""


def record(name: str, value, fmt: str = "{}", *, text: str | None = None, notebook: str | None = None,
           out_dir: str | os.PathLike | None = None) -> str:
    """Record ``value`` under ``name`` and return it as the prose writes it (``fmt.format(value)``, or
    ``text``). See the module docstring."""
    if not NAME.match(name):
        raise ZhDiscourseError(f"bad finding name {name!r}: use dotted lower-case words (a.b_c.d)")
    shown = text if text is not None else fmt.format(value)
    entry = {"value": _plain(value), "text": shown, "notebook": _notebook_name(notebook)}
    out = base.output_dir(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with base._locked(out):  # the figures' lock: one lock for everything a notebook writes into OUT
        records = read(out)
        records[name] = entry
        _write(out, records)
    return shown


def merge(source: str | os.PathLike, target: str | os.PathLike, notebooks: Iterable[str] | None = None) -> int:
    """Move the records of ``source/findings.json`` into ``target/findings.json``: records of the
    ``notebooks`` that ran (all, when ``None``) are dropped from ``target`` first. Returns the number
    of records written; writes nothing when neither folder has records."""
    new = read(source)
    old = read(target)
    if notebooks is None:
        old = {}
    else:
        ran = set(notebooks)
        old = {k: v for k, v in old.items() if v.get("notebook") not in ran and k not in new}
    merged = {**old, **new}
    if not merged and not _path(target).is_file():
        return 0
    _write(base.output_dir(target), merged)
    return len(merged)


def check_markers(markdown: str, records: dict[str, dict]) -> tuple[list[str], int]:
    """Problems with the ``<!--f:NAME-->number`` markers of ``markdown`` (an unknown name, a number
    that is not the recorded text), and how many markers were checked."""
    problems = []
    n = 0
    for m in MARKER.finditer(markdown):
        n += 1
        name, shown = m.group(1), m.group(2) or ""
        rec = records.get(name)
        if rec is None:
            problems.append(f"{name}: no such finding in {FILE_NAME}")
        elif shown != rec["text"]:
            problems.append(f"{name}: the prose says {shown!r}, {rec.get('notebook') or 'the notebook'} "
                            f"computes {rec['text']!r}")
    return problems, n
