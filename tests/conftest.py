from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# shared helpers of the test folders (toy_tables.py) are imported by name
sys.path.insert(0, str(Path(__file__).resolve().parent))
SPEECH_PATH = ROOT / "data" / "raw" / "speech_2020-02-23.txt"

# Figures drawn by the tests (and by the notebooks of the session run) use the non-interactive backend.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Notebooks are read without building jsonschema's IRI grammar (1.2 s of CPU in each process that reads
    one), in every process that runs tests, before any test module is imported. Not in pytest-xdist's
    controller, which runs no test and would import the library (≈ 0.6 s of CPU) only for this."""
    if getattr(config, "workerinput", None) is None and config.getoption("numprocesses", None):
        return
    from zhdiscourse.study.nbclean import skip_iri_grammar

    skip_iri_grammar()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks (its own collection hook)
def pytest_collection_modifyitems(config, items):
    """How ``make test`` spreads the tests over two pytest-xdist workers (``--dist loadgroup
    --no-loadscope-reorder``: groups of tests, handed out in the order of ``items``):

    * A module-scoped fixture is built once per worker that runs a test of its module, so the tests of a
      module that use one form a group (one worker, one build), unless they carry an ``xdist_group`` mark.
    * The longest work starts first, so that no long test is left for the end while the other worker
      idles (each worker takes the next piece of work in this order when it has two tests or fewer left):
      0. the modules of the session's run of every notebook (group ``speech-notebooks``);
      1. the other modules that run notebooks (marker ``notebooks``) and have no group: the runs of every
         notebook on other texts, each one test of 30-40 s of CPU;
      2. the other modules that run notebooks, with a group (forked kernels, the JupyterLab run);
      3. the other modules with a group (a group is one piece of work for one worker: the site, the report
         on the speech …);
      4. the rest, one test at a time, which fills the gaps at the end.
      Each in collection order. Whole modules move, so a module's tests stay together (a module fixture
      is not built twice).
    """
    grouped: set[str] = set()
    notebooks: set[str] = set()
    speech_run: set[str] = set()
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        group = item.get_closest_marker("xdist_group")
        if group is None:
            defs = getattr(item, "_fixtureinfo", None)
            if defs is not None and any(d.scope == "module" for fds in defs.name2fixturedefs.values() for d in fds):
                item.add_marker(pytest.mark.xdist_group(module))
                grouped.add(module)
        elif group.args and group.args[0] == "speech-notebooks":
            speech_run.add(module)
        else:
            grouped.add(module)
        if item.get_closest_marker("notebooks") is not None:
            notebooks.add(module)

    def rank(item) -> int:
        module = item.nodeid.split("::", 1)[0]
        if module in speech_run:
            return 0
        if module in notebooks:
            return 2 if module in grouped else 1
        return 3 if module in grouped else 4

    items.sort(key=rank)


@pytest.fixture(scope="session")
def speech_path() -> Path:
    return SPEECH_PATH


@pytest.fixture(scope="session")
def speech_text() -> str:
    from zhdiscourse import load_text

    return load_text(SPEECH_PATH)


@pytest.fixture(scope="session")
def speech():
    from zhdiscourse import load_speech

    return load_speech(SPEECH_PATH)


@contextmanager
def as_make_reproduce():
    """The environment of ``make reproduce`` for notebook kernels: without the tests' ``MPLBACKEND=Agg``, so
    the kernels use the inline backend and the outputs can be compared with the committed notebooks."""
    old = os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        if old is not None:
            os.environ["MPLBACKEND"] = old


@pytest.fixture(scope="session")
def make_reproduce_env():
    """:func:`as_make_reproduce` for test modules: ``from conftest import …`` would find whichever
    ``conftest`` module pytest imported last (``tests/report/conftest.py`` is one too)."""
    return as_make_reproduce


@pytest.fixture(scope="session")
def speech_reproduction(tmp_path_factory):
    """Every notebook and worked solution run once on the study's text (``reproduce`` into a temporary
    folder, 2 kernels at a time), shared by the tests that need executed notebooks: ``(out, summary)``.
    Tests that use it carry ``xdist_group("speech-notebooks")`` so that one pytest-xdist worker runs it."""
    from zhdiscourse.study.reproduce import reproduce

    out = tmp_path_factory.mktemp("speech-run")
    with as_make_reproduce():
        summary = reproduce(None, out, jobs=2, log=lambda *a: None)
    return out, summary


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """With ``ZHD_TEST_CPU=FILE``: append each test's CPU seconds (set-up, call and tear-down; this process and
    the processes it waited for, kernels included) as a tab-separated line to FILE: CPU s, wall s, the test, the
    pytest-xdist worker and the wall-clock start (``time.time()``), so that each worker's timeline can be drawn
    (``bench/test_durations.py``). Wall time on a shared machine says little; CPU time is what two cores have to give."""
    target = os.environ.get("ZHD_TEST_CPU")
    if not target:
        yield
        return
    import resource
    import time

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    c0, t0, start = cpu(), time.perf_counter(), time.time()
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(f"{cpu() - c0:.3f}\t{time.perf_counter() - t0:.3f}\t{item.nodeid}\t{worker}\t{start:.3f}\n")
