"""The report in two processes (``jobs=2``: the pattern steps in a forked worker) gives the
files of a run in one process; a worker that dies has its steps run in the main process; the page's font
rule is kept in a disk cache keyed on the page's characters."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from zhdiscourse.plots import webfont
from zhdiscourse.report import build_report, builder, html

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the worker is forked")


def _files(res) -> dict:
    return {p.relative_to(res.out_dir): p.read_bytes() for p in sorted(res.out_dir.rglob("*")) if p.is_file()}


def _same_report(one, two, at_least: int) -> None:
    assert [(s.name, s.status, s.reason, s.tables, s.figures) for s in two.steps] == \
        [(s.name, s.status, s.reason, s.tables, s.figures) for s in one.steps]
    assert [(k, p.relative_to(two.out_dir)) for k, p in two.tables.items()] == \
        [(k, p.relative_to(one.out_dir)) for k, p in one.tables.items()]
    assert [(k, p.relative_to(two.out_dir)) for k, p in two.figures.items()] == \
        [(k, p.relative_to(one.out_dir)) for k, p in one.figures.items()]
    a, b = _files(one), _files(two)
    assert list(a) == list(b) and len(a) > at_least
    for rel in a:
        assert a[rel] == b[rel], rel


def test_two_processes_give_the_files_of_one(headed_one, headed_two):
    """The headed notice (parts and sub-points; every step runs, keyness in the worker): a lane of steps ran
    in another process, and the steps, tables, figures and every file are those of one process."""
    _src, one = headed_one
    two = headed_two.res
    assert headed_two.lane_pids and os.getpid() not in headed_two.lane_pids
    assert {"contrast", "parallelisms", "keyness"} <= set(two.steps_run) and not two.steps_failed
    _same_report(one, two, 40)


def test_two_processes_give_the_files_of_one_on_a_text_without_parts(plain_one, plain_two):
    """The text without headings (analysed by sentences; keyness and contrast skipped, keyness in the worker;
    the pattern steps over the whole text), made in two processes by the command line's defaults
    (``conftest.py``): the same files as in one."""
    _src, one = plain_one
    two = plain_two.res
    assert plain_two.status == 0
    assert plain_two.lane_pids and os.getpid() not in plain_two.lane_pids  # a lane of steps ran, in another process
    assert two.unit == "sentence" and dict(two.steps_skipped).keys() >= {"keyness", "contrast"}
    assert "parallelisms" in two.steps_run and not two.steps_failed
    _same_report(one, two, 20)


def test_a_worker_that_dies_has_its_steps_run_here(headed_one, tmp_path, monkeypatch):
    """Only the worker's steps are asked for (the others are skipped, so this costs a third of a report):
    the worker dies, its steps run in this process, and every table and figure they write is the file of a
    whole report in one process."""
    src, one = headed_one
    lane = builder.worker_steps()
    monkeypatch.setattr(builder, "_lane_forked", lambda *a: os._exit(3))
    runs, run_steps = [], builder._run_steps

    def recording_run_steps(b, done, names, *args, **kwargs):
        runs.append(tuple(names))
        return run_steps(b, done, names, *args, **kwargs)

    monkeypatch.setattr(builder, "_run_steps", recording_run_steps)
    res = build_report(src, tmp_path / "out", quiet=True, k=2, jobs=2, steps=lane)
    assert len(runs) == 2 and not set(runs[0]) & set(lane) and runs[1] == lane  # the lane ran here, after
    assert not res.steps_failed and res.steps_run == [n for n in one.steps_run if n in lane]
    assert len(res.steps_run) > 5 and "keyness" in res.steps_run
    assert {n for n, why in res.steps_skipped if why == "not requested"} == set(builder.step_names()) - set(lane)
    a, b = _files(one), _files(res)
    written = [rel for rel in b if rel.parts[0] in ("tables", "figures")]
    assert len(written) > 10 and set(written) <= set(a)
    for rel in written:
        if rel.name != "figures.json":
            assert a[rel] == b[rel], rel
    # the manifest lists the figures written, each as the whole report's manifest does
    whole = json.loads(a[Path("figures/figures.json")])["figures"]
    part = json.loads(b[Path("figures/figures.json")])["figures"]
    assert part and all(f in whole for f in part)
    pngs = {rel.name for rel in written if rel.parts[0] == "figures" and rel.suffix == ".png"}
    assert {f for e in part for f in e["files"]} == pngs


def test_the_font_rule_is_cached_on_the_characters(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path))
    page = "<style></style><p>要加强学习，提高认识。</p>"
    css = html.font_css(page)
    assert css == webfont.font_face_css(page) and css.startswith("@font-face")
    assert len(list((tmp_path / "webfont").glob("font-*.pkl"))) == 1

    def cut(*_a, **_kw):
        raise AssertionError("cut again")

    monkeypatch.setattr(webfont, "_subset", cut)
    assert html.font_css("<p>认识提高，学习加强要。</p><style></style>") == css  # the same characters
    with pytest.raises(AssertionError, match="cut again"):
        html.font_css(page + "新")  # another character: another subset
    with pytest.raises(AssertionError, match="cut again"):
        html.font_css(page, cache=False)


def test_the_main_process_lets_the_segmenter_go_once_the_worker_has_it(headed_two):
    """With a forked worker the main process drops its segmenters (the worker has its own copy) and its own
    steps, which read the token table, do not load one again; the lanes' orders leave the files unchanged
    (``test_two_processes_give_the_files_of_one``)."""
    res = headed_two.res
    assert not res.steps_failed
    assert headed_two.built.count(os.getpid()) == 1  # for the token table, before the fork; never again
    assert not headed_two.left
    assert set(builder.MAIN_LAST) <= set(builder.TOKEN_STEPS)
    assert not set(builder.MAIN_LAST) & set(builder.worker_steps())


def test_the_worker_pool_is_shut_down_one_call_at_a_time():
    """The watcher thread (``_end_when_done``) and the main process's ``finally`` both shut the worker's pool
    down; ``ProcessPoolExecutor.shutdown`` run twice at once closed its result queue twice (``OSError: [Errno
    9] Bad file descriptor`` at the end of a 1 MB report). A pool whose shutdown takes a while and notes
    overlapping calls: the watcher's and the main process's calls never overlap, and both happen."""
    import threading
    import time
    from concurrent.futures import Future

    class SlowPool:
        def __init__(self):
            self.inside = self.most = self.calls = 0
            self.guard = threading.Lock()

        def shutdown(self, wait=True, cancel_futures=False):
            with self.guard:
                self.inside += 1
                self.calls += 1
                self.most = max(self.most, self.inside)
            time.sleep(0.05)
            with self.guard:
                self.inside -= 1

    pool, future, lock = SlowPool(), Future(), threading.Lock()
    watcher = threading.Thread(target=builder._end_when_done, args=(future, pool, lock))
    watcher.start()
    future.set_result(None)
    time.sleep(0.01)  # the watcher is inside its shutdown now
    builder._shutdown(pool, lock, cancel=True)
    watcher.join()
    assert pool.calls == 2 and pool.most == 1
