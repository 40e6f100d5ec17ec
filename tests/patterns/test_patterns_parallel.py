"""The detectors in two processes (:mod:`zhdiscourse.patterns.parallel`) give what one process gives."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from zhdiscourse.cli import main
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.patterns import parallel
from zhdiscourse.patterns.export import pattern_results, patterns_report
from zhdiscourse.patterns.parallelism import detector as par_detector
from zhdiscourse.patterns.parallelism.model import load_model
from zhdiscourse.patterns.registry import REGISTRY
from zhdiscourse.patterns.spans import shared_run


@pytest.fixture(scope="module")
def serial(speech):
    return patterns_report(speech, jobs=1)


@pytest.fixture
def any_length(monkeypatch):
    """The speech (711 clauses) is long enough for the worker."""
    monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)


def test_candidates_are_the_sum_of_their_halves(speech):
    """The rules and clause-line halves, computed apart and merged, are the candidates of one pass."""
    model = load_model()
    whole = par_detector.candidates(speech, model=model)
    apart = par_detector.merge_candidates(speech, par_detector.rule_candidates(speech),
                                          par_detector.line_candidates(speech, model))
    assert apart == whole
    assert {c["source"] for c in whole} >= {"rules", "model", "rules+model"}


def test_two_processes_give_the_same_records(speech, serial, any_length):
    with shared_run():
        got = parallel.two_process_results(speech, REGISTRY)
    assert got is not None, "the worker was not used"
    assert list(got) == [d.name for d in REGISTRY]
    assert {d.name: d.records(got[d.name]) for d in REGISTRY} == serial
    assert patterns_report(speech, jobs=2) == serial
    # a subset, in the order asked for
    only = (REGISTRY[4], REGISTRY[0], REGISTRY[8])
    assert list(pattern_results(speech, only, jobs=2)) == [d.name for d in only]


def test_short_text_and_jobs_1_stay_in_this_process(speech, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("no worker for this call")

    monkeypatch.setattr(parallel, "two_process_results", refuse)
    patterns_report(speech, jobs=2)  # fewer clauses than MIN_CLAUSES
    monkeypatch.setattr(parallel, "MIN_CLAUSES", 0)
    patterns_report(speech, jobs=1)
    without = tuple(d for d in REGISTRY if d.name != "parallelisms")
    pattern_results(speech, without, jobs=2)  # nothing to split


def test_without_fork_everything_runs_here(speech, serial, any_length, monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert parallel.one_process_pool() == (None, None)
    with shared_run():
        assert parallel.two_process_results(speech, REGISTRY) is None
    assert patterns_report(speech, jobs=2) == serial


def _broken_half():
    raise RuntimeError("the worker failed")


def test_a_failed_worker_is_replaced_by_this_process(speech, serial, any_length, monkeypatch):
    monkeypatch.setattr(parallel, "_line_half", _broken_half)
    with shared_run():
        assert parallel.two_process_results(speech, REGISTRY) is None
    assert patterns_report(speech, jobs=2) == serial


def test_a_detector_error_is_the_same(speech, tmp_path, any_length):
    bad = tmp_path / "frames.txt"
    bad.write_text("x = {X\n", encoding="utf-8")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(ZhDiscourseError) as exc:
            patterns_report(speech, bad, jobs=jobs)
        errors.append(str(exc.value))
    assert errors[0] == errors[1]


def test_cli_output_is_the_same(speech_path, any_length, capsys):
    outs = []
    for jobs in ("1", "2"):
        assert main(["patterns", str(speech_path), "--json", "--jobs", jobs]) == 0
        got = capsys.readouterr()
        outs.append((got.out, got.err))
    assert outs[0] == outs[1]
    assert list(json.loads(outs[0][0])) == [d.name for d in REGISTRY]


def test_the_short_word_table_is_loaded_before_the_fork(speech, any_length, monkeypatch):
    """Both processes read jieba's short words (modal 要): loaded once, before the worker is forked."""
    from zhdiscourse.tokenize import segment

    monkeypatch.setattr(segment, "_SHORT", {})
    seen = []
    real = parallel.one_process_pool

    def pool():
        seen.append("table" in segment._SHORT)
        return real()

    monkeypatch.setattr(parallel, "one_process_pool", pool)
    with shared_run():
        assert parallel.two_process_results(speech, REGISTRY) is not None
    assert seen == [True]


def test_rules_from_proposals_made_beforehand(speech):
    """The rules' proposals of some levels computed apart (as the worker does) give the same instances."""
    from zhdiscourse.patterns.parallelism import rules

    whole = rules.parallelisms(speech)
    for levels in (parallel.WORKER_RULE_LEVELS, rules.LEVELS, ("items",)):
        proposed = {lv: rules.level_proposals(speech, lv) for lv in levels}
        assert rules.parallelisms(speech, proposed=proposed) == whole
    assert par_detector.rule_candidates(speech, proposed={"compact": rules.level_proposals(speech, "compact")}) \
        == par_detector.rule_candidates(speech)
    with pytest.raises(ZhDiscourseError, match="unknown level"):
        rules.level_proposals(speech, "paragraphs")


def test_no_thread_is_left_behind(speech, any_length):
    """When the results are back, the worker has ended and so has the thread that waited for it (the command
    then ends at once: ``cli.end_process``)."""
    import threading

    before = threading.active_count()
    with shared_run():
        assert parallel.two_process_results(speech, REGISTRY) is not None
    assert threading.active_count() == before
