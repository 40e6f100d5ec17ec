"""A large readable output's tables formatted in two processes (``cli.common.readable_texts``) print exactly
what one process prints."""

from __future__ import annotations

import multiprocessing
import os

import pandas as pd
import pytest

from zhdiscourse.cli import common, main


def _tables():
    big = pd.DataFrame({"text": [f"要求第{i}条" for i in range(300)], "start": range(300), "ok": [i % 2 == 0 for i in range(300)]})
    mid = pd.DataFrame({"x": [1.5, 2.25, float("nan")] * 40, "词": ["坚持", "发展", "ab"] * 40})
    return [("标题 (300)", big), (None, pd.DataFrame()), ("mid", mid), ("small", big.head(3))]


@pytest.fixture
def marked(monkeypatch):
    """Each table's text starts with the id of the process that formatted it."""
    real = common.table_text
    monkeypatch.setattr(common, "table_text", lambda df, title=None, max_rows=None:
                        f"<{os.getpid()}>" + real(df, title, max_rows))
    monkeypatch.setattr(common, "ASIDE_MIN_CELLS", 0)


def _strip(texts):
    return [t.split(">", 1)[1] for t in texts], [int(t[1:t.index(">")]) for t in texts]


def test_the_largest_tables_go_to_the_other_process():
    sizes = [(None, pd.DataFrame({"a": range(n)})) for n in (10, 600, 200, 300, 0)]
    assert common.aside_choice(sizes) == []  # fewer cells than ASIDE_MIN_CELLS
    common_min = common.ASIDE_MIN_CELLS
    try:
        common.ASIDE_MIN_CELLS = 0
        assert common.aside_choice(sizes) == [1]  # 600 of 1,110: the largest, even above half
        sizes[1] = (None, pd.DataFrame({"a": range(100)}))
        assert common.aside_choice(sizes) == [3, 4]  # 300 of 610, then 0 (10 and 200 would pass half)
    finally:
        common.ASIDE_MIN_CELLS = common_min


def test_two_processes_format_what_one_does(marked):
    one, pids_one = _strip(common.readable_texts(_tables(), 1))
    two, pids_two = _strip(common.readable_texts(_tables(), 2))
    assert two == one
    assert set(pids_one) == {os.getpid()}
    picked = common.aside_choice(_tables())
    assert picked == [0]
    assert [p != os.getpid() for p in pids_two] == [i in picked for i in range(len(pids_two))]


def test_without_fork_or_with_a_failed_process_this_process_formats(marked, monkeypatch):
    one, _ = _strip(common.readable_texts(_tables(), 1))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    got, pids = _strip(common.readable_texts(_tables(), 2))
    assert got == one and set(pids) == {os.getpid()}
    monkeypatch.undo()
    monkeypatch.setattr(common, "ASIDE_MIN_CELLS", 0)

    def broken(_picked):
        raise RuntimeError("the formatting process failed")

    monkeypatch.setattr(common, "_format_aside", broken)
    got = common.readable_texts(_tables(), 2)
    assert got == [common.table_text(df, title) for title, df in _tables()]


@pytest.fixture(scope="module")
def one_process(speech_path):
    """``patterns`` on the speech in one process (``--jobs 1``): ``(standard output, standard error)`` and the
    ``(jobs, pending positions, aside_choice)`` of each :func:`~zhdiscourse.cli.common.readable_texts` call; made once,
    compared with every two-process run below (``--jobs 1`` starts no process and reads none of the thresholds the
    tests lower)."""
    import contextlib
    import io

    seen = []
    real = common.readable_texts
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(common, "readable_texts", lambda tables, jobs=1, pending=None: seen.append(
            (jobs, sorted(pending or {}), common.aside_choice([t for i, t in enumerate(tables) if i not in (pending or {})])))
            or real(tables, jobs, pending))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(["patterns", str(speech_path), "--jobs", "1"]) == 0
    return (out.getvalue(), err.getvalue()), seen


@pytest.mark.parametrize("early", [False, True])
def test_the_patterns_tables_are_the_same_bytes(speech_path, monkeypatch, capsys, early, one_process):
    """``patterns`` on the speech with the thresholds lowered: the tables formatted aside at the end, and (``early``)
    the two-process run with the large tables started as their detectors finish — the same bytes as one process."""
    from zhdiscourse.cli import patterns as cli_patterns
    from zhdiscourse.patterns import parallel

    monkeypatch.setattr(common, "ASIDE_MIN_CELLS", 0)
    if early:
        monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)
        monkeypatch.setattr(cli_patterns, "EARLY_CELLS", 2_000)  # the clause subjects and addressees of the speech
    seen = []
    real = common.readable_texts
    monkeypatch.setattr(common, "readable_texts", lambda tables, jobs=1, pending=None: seen.append(
        (jobs, sorted(pending or {}), common.aside_choice([t for i, t in enumerate(tables) if i not in (pending or {})])))
        or real(tables, jobs, pending))  # (a pending table may be the function that makes it)
    one, seen_one = one_process
    assert main(["patterns", str(speech_path), "--jobs", "2"]) == 0
    assert tuple(capsys.readouterr()) == one
    assert seen_one == [(1, [], seen_one[0][2])] and seen[0][0] == 2 and seen[0][2] and len(seen) == 1
    assert bool(seen[0][1]) == early


@pytest.mark.parametrize("fmt", [["--csv"], ["--json"]])
def test_exports_start_no_table(speech_path, monkeypatch, capsys, fmt):
    """``--csv`` (which leaves the output format as it is) and ``--json`` print what one process prints and
    start no table aside, however low the threshold."""
    from zhdiscourse.cli import patterns as cli_patterns
    from zhdiscourse.patterns import parallel

    monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)
    monkeypatch.setattr(cli_patterns, "EARLY_CELLS", 0)
    monkeypatch.setattr(common, "ASIDE_MIN_CELLS", 0)
    started = []
    monkeypatch.setattr(cli_patterns, "TextAside", lambda tables, after=None: started.append(tables))
    outs = []
    for jobs in ("1", "2"):
        assert main(["patterns", str(speech_path), *fmt, "--jobs", jobs]) == 0
        outs.append(capsys.readouterr())
    assert outs[0] == outs[1] and not started


def test_early_tables_without_a_process(speech_path, monkeypatch, capsys, one_process):
    """The tables started early (one formatting process for several, the large ones made there) are made and
    formatted by this process when no process can be forked: the same bytes as one process."""
    from zhdiscourse.cli import patterns as cli_patterns
    from zhdiscourse.patterns import parallel

    one = one_process[0]
    monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)
    monkeypatch.setattr(cli_patterns, "EARLY_CELLS", 2_000)
    made = []
    real = cli_patterns.TextAside
    monkeypatch.setattr(cli_patterns, "TextAside", lambda tables, after=None: made.append(tables)
                        or real(tables, after=after))
    assert main(["patterns", str(speech_path), "--jobs", "2"]) == 0
    assert tuple(capsys.readouterr()) == one
    assert made and any(len(t) > 1 for t in made) and any(callable(df) for t in made for _title, df in t)
    monkeypatch.setattr(common, "one_worker_pool", lambda: (None, None))
    made.clear()
    assert main(["patterns", str(speech_path), "--jobs", "2"]) == 0
    assert tuple(capsys.readouterr()) == one and made



def test_a_later_table_goes_to_the_same_process(speech_path, monkeypatch, capsys, one_process):
    """Two large tables started early: the second is handed (pickled) to the process that formats the first,
    which formats it once done with its own (one process forked, not two); the same bytes as one process."""
    from zhdiscourse.cli import patterns as cli_patterns
    from zhdiscourse.patterns import parallel

    one = one_process[0]
    monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)
    monkeypatch.setattr(cli_patterns, "EARLY_CELLS", 2_000)  # the addressees, then the clause subjects
    lanes, asides = [], []
    real_lane, real = common._Lane.__init__, cli_patterns.TextAside
    monkeypatch.setattr(common._Lane, "__init__", lambda self, executor: lanes.append(self)
                        or real_lane(self, executor))
    monkeypatch.setattr(cli_patterns, "TextAside", lambda tables, after=None: asides.append(
        real(tables, after=after)) or asides[-1])
    assert main(["patterns", str(speech_path), "--jobs", "2"]) == 0
    assert tuple(capsys.readouterr()) == one
    assert len(asides) == 2 and len(lanes) == 1 and lanes[0].users == 0  # one process, ended
    assert all(a.lane is None and a.future is None for a in asides)  # both waited for


def test_a_table_that_cannot_be_handed_over_is_formatted_here(marked):
    first = common.TextAside(_tables()[:1])
    assert first.lane is not None
    second = common.TextAside([("lambda", lambda: pd.DataFrame({"a": [1]}))], after=first)  # pickle cannot name it
    assert second.lane is first.lane and first.lane.users == 2
    assert second.texts() is None  # the caller formats it
    got, pids = _strip(first.texts())
    assert got == _strip([common.table_text(_tables()[0][1], _tables()[0][0])])[0] and pids != [os.getpid()]
    assert first.lane is None and second.lane is None
    # after the first was waited for (its process ended), a later table gets a process of its own
    third = common.TextAside(_tables()[2:3], after=first)
    assert third.lane is not None and third.lane is not second.lane
    got, pids = _strip(third.texts())
    assert got == _strip([common.table_text(_tables()[2][1], _tables()[2][0])])[0] and pids != [os.getpid()]
