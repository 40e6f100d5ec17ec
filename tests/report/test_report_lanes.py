"""The report in two processes (``jobs=2``: the pattern steps in a forked worker) gives the
files of a run in one process; a worker that dies has its steps run in the main process; the page's font
rule is kept in a disk cache keyed on the page's characters."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from zhdiscourse.plots import webfont
from zhdiscourse.report import build_report, builder, html

from test_report_texts import HEADED

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the worker is forked")


def _files(res) -> dict:
    return {p.relative_to(res.out_dir): p.read_bytes() for p in sorted(res.out_dir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    d = tmp_path_factory.mktemp("one")
    src = d / "notice.txt"
    src.write_text(HEADED, encoding="utf-8")
    return src, build_report(src, d / "out", quiet=True, strict=True, k=2, jobs=1)


def test_two_processes_give_the_files_of_one(one_process, tmp_path, monkeypatch):
    src, one = one_process
    ran = tmp_path / "worker-pids"
    lane = builder._lane

    def recording_lane(b, names, steps, strict):
        with open(ran, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return lane(b, names, steps, strict)

    monkeypatch.setattr(builder, "_lane", recording_lane)
    two = build_report(src, tmp_path / "out", quiet=True, strict=True, k=2, jobs=2)
    assert ran.read_text(encoding="utf-8").split() and str(os.getpid()) not in ran.read_text(encoding="utf-8").split()
    assert {"contrast", "parallelisms", "keyness"} <= set(two.steps_run) and not two.steps_failed
    assert [(s.name, s.status, s.reason, s.tables, s.figures) for s in two.steps] == \
        [(s.name, s.status, s.reason, s.tables, s.figures) for s in one.steps]
    assert [(k, p.relative_to(two.out_dir)) for k, p in two.tables.items()] == \
        [(k, p.relative_to(one.out_dir)) for k, p in one.tables.items()]
    assert [(k, p.relative_to(two.out_dir)) for k, p in two.figures.items()] == \
        [(k, p.relative_to(one.out_dir)) for k, p in one.figures.items()]
    a, b = _files(one), _files(two)
    assert list(a) == list(b) and len(a) > 40
    for rel in a:
        assert a[rel] == b[rel], rel


def test_a_worker_that_dies_has_its_steps_run_here(one_process, tmp_path, monkeypatch):
    src, one = one_process
    monkeypatch.setattr(builder, "_lane_forked", lambda *a: os._exit(3))
    res = build_report(src, tmp_path / "out", quiet=True, k=2, jobs=2)
    assert not res.steps_failed and res.steps_run == one.steps_run
    a, b = _files(one), _files(res)
    assert list(a) == list(b)
    for rel in a:
        assert a[rel] == b[rel], rel


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


def test_the_main_process_lets_the_segmenter_go_once_the_worker_has_it(one_process, tmp_path, monkeypatch):
    """With a forked worker the main process drops its segmenters (the worker has its own copy) and its own
    steps, which read the token table, do not load one again; the lanes' orders leave the files unchanged
    (the test above)."""
    from zhdiscourse.tokenize import segment

    src, _one = one_process
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path / "cache"))  # the token table is built here
    built = []
    real = segment.build_segmenter

    def counting(*args, **kwargs):
        built.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(segment, "build_segmenter", counting)
    segment._SEGMENTERS.clear()
    res = build_report(src, tmp_path / "out", quiet=True, strict=True, k=2, jobs=2)
    assert not res.steps_failed
    assert built.count(os.getpid()) == 1  # for the token table, before the fork; never again
    assert not segment._SEGMENTERS
    assert set(builder.MAIN_LAST) <= set(builder.TOKEN_STEPS)
    assert not set(builder.MAIN_LAST) & set(builder.worker_steps())
