"""Reports of the made-up texts of ``test_report_texts.py``, built once per session and shared by that module
and ``test_report_lanes.py``: the headed notice in one process (``jobs=1``) and in two (``jobs=2``, the
pattern steps in a forked worker), the text without headings in one process and, through the command line
with its defaults, in two.

A session fixture is built once per pytest-xdist worker that runs a test using it, so every test that uses
one is put in one ``xdist_group`` (:data:`GROUP`: one worker, one build of each; ``tests/conftest.py``)."""

from __future__ import annotations

import io
import multiprocessing
import os
from contextlib import redirect_stdout
from types import SimpleNamespace

import pytest

from zhdiscourse.report import build_report, builder

from test_report_texts import HEADED, PLAIN

#: The pytest-xdist group of the tests that use these fixtures.
GROUP = "report-made-up-texts"
FIXTURES = ("headed_one", "headed_two", "plain_one", "plain_two")

#: The text without headings, long enough for every step that runs on a text without parts.
PLAIN_LONG = PLAIN * 3


@pytest.hookimpl(tryfirst=True)  # before tests/conftest.py orders the work by its groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if set(FIXTURES) & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(GROUP))


def _recording_lane(ran):
    """``builder._lane`` that first writes the id of the process running it into the file ``ran``."""
    lane = builder._lane

    def recording_lane(b, names, steps, strict):
        with open(ran, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return lane(b, names, steps, strict)

    return recording_lane


def _pids(ran) -> list[int]:
    return [int(p) for p in ran.read_text(encoding="utf-8").split()] if ran.exists() else []


def _source(tmp_path_factory, name: str, text: str):
    """A folder and the text in it, under the same file name for every run of one text (the page names it)."""
    d = tmp_path_factory.mktemp(name)
    src = d / ("notice.txt" if text == HEADED else "plain.txt")
    src.write_text(text, encoding="utf-8")
    return d, src


@pytest.fixture(scope="session")
def headed_one(tmp_path_factory):
    """``(source, result)``: the headed notice in one process."""
    d, src = _source(tmp_path_factory, "headed-one", HEADED)
    return src, build_report(src, d / "out", quiet=True, strict=True, k=2, jobs=1)


@pytest.fixture(scope="session")
def headed_two(tmp_path_factory):
    """The headed notice in two processes, watched: ``src``, ``res``; ``lane_pids``, the processes that ran a
    lane of steps (through ``builder._lane``); ``built``, the processes that built a segmenter (none was
    cached before: ``release_segmenters``; the token table is not read from the disk cache, so the main
    process needs one for it); ``left``, the segmenters the main process still held after the report.
    (``test_report_lanes.py``, which reads the watch, runs only where the worker is forked.)"""
    from zhdiscourse.tokenize import segment

    d, src = _source(tmp_path_factory, "headed-two", HEADED)
    ran = d / "lane-pids"
    built: list[int] = []
    build = segment.build_segmenter
    recording_lane = _recording_lane(ran)

    def counting(*args, **kwargs):
        built.append(os.getpid())
        return build(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        if "fork" in multiprocessing.get_all_start_methods():  # a spawned worker could not run a local function
            mp.setattr(builder, "_lane", recording_lane)
        mp.setattr(segment, "build_segmenter", counting)
        segment.release_segmenters()
        res = build_report(src, d / "out", quiet=True, strict=True, k=2, jobs=2, cache=False)
        left = dict(segment._SEGMENTERS)
    return SimpleNamespace(src=src, res=res, lane_pids=_pids(ran), built=built, left=left)


@pytest.fixture(scope="session")
def plain_one(tmp_path_factory):
    """``(source, result)``: the text without headings (:data:`PLAIN_LONG`) in one process."""
    d, src = _source(tmp_path_factory, "plain-one", PLAIN_LONG)
    return src, build_report(src, d / "out", quiet=True, strict=True, jobs=1)


@pytest.fixture(scope="session")
def plain_two(tmp_path_factory):
    """The text without headings (:data:`PLAIN_LONG`) made by ``zhdiscourse report PATH --out DIR --quiet``
    (the command line's defaults: two processes), watched: ``src``; ``status`` and ``out``, the command's exit
    status and standard output; ``res``, the :class:`~zhdiscourse.report.ReportResult` ``build_report`` gave
    the command; ``lane_pids``, the processes that ran a lane of steps (where the worker is forked)."""
    from zhdiscourse.cli import main
    from zhdiscourse.cli import report as report_command

    d, src = _source(tmp_path_factory, "plain-two", PLAIN_LONG)
    ran = d / "lane-pids"
    results = []
    build = report_command.build_report

    def recording_build(*args, **kwargs):
        results.append(build(*args, **kwargs))
        return results[-1]

    with pytest.MonkeyPatch.context() as mp, redirect_stdout(io.StringIO()) as out:
        if "fork" in multiprocessing.get_all_start_methods():  # a spawned worker could not run a local function
            mp.setattr(builder, "_lane", _recording_lane(ran))
        mp.setattr(report_command, "build_report", recording_build)
        status = main(["report", str(src), "--out", str(d / "out"), "--quiet"])
    (res,) = results
    return SimpleNamespace(src=src, res=res, status=status, out=out.getvalue(), lane_pids=_pids(ran))
