"""The detectors of :data:`~zhdiscourse.patterns.registry.REGISTRY` in two processes, with the same results.

The parallelism detector is most of the work of ``zhdiscourse patterns`` on a long text, and its two
halves are independent: the lexical rules (:func:`~.parallelism.detector.rule_candidates`) and what the
clause lines give — the structural forms and the learned tagger's series
(:func:`~.parallelism.detector.line_candidates`). With ``jobs`` ≥ 2, on a text of at least
:data:`MIN_CLAUSES` clauses and where processes can be forked, one worker process is forked once the
text is parsed and the segmenter is loaded (the worker shares both, as the report's pattern worker does:
:func:`one_process_pool`); it computes the clause-line half, the rules' proposals at the levels of
:data:`WORKER_RULE_LEVELS` and then the detectors of :data:`WORKER_DETECTORS`, while this process computes
the other detectors and the rest of the rules (checking the worker's proposals with its own, in order), then
combines the two halves (:func:`~.parallelism.detector.merge_candidates`, :func:`~.parallelism.detector.finish`).

Every part is a deterministic function of the text, so the results are the ones computed in one process
(``tests/patterns/test_patterns_parallel.py`` compares them, and ``bench/README.md`` the command's output byte for
byte). Where fork is not available, on short texts, with ``jobs=1``, or when the worker cannot be started,
everything runs in this process. If anything fails in the two-process path (the worker dies, a detector
raises), the worker is ended and the whole run is made again in this process, so that the same error is
raised as without the worker.
"""

from __future__ import annotations

import gc
from typing import Any

from ..text.model import Speech
from ..tokenize.segment import get_segmenter, load_short_table
from .parallelism import parallelisms, rules
from .parallelism.detector import finish, line_candidates, merge_candidates, rule_candidates
from .parallelism.model import load_model
from .parallelism.tagging import session
from .registry import detector
from .spans import DETECTOR_MINED, shared_run
from ..util.parallel import one_worker_pool

#: Texts with fewer clauses (``speech.clauses``) than this are analysed in one process: forking and handing
#: the results back cost more than the worker saves (``patterns`` on the speech, 711 clauses, takes a few
#: tenths of a second; 1 MB of policy prose has about 24,000; a line without punctuation is one clause, and
#: its parallelism detector has nothing to split).
MIN_CLAUSES = 3_000

#: The detectors the worker computes after the parallelism detector's clause-line half (cheap ones that
#: share no work with the rest: the token table and the clause subjects stay in this process).
WORKER_DETECTORS = ("modal_yao", "directives", "yao_runs", "enumerations")

#: The levels of the lexical rules whose proposals (:func:`~.parallelism.rules.level_proposals`) the worker
#: computes after the clause-line half, for this process to check with the others (R8): this process's share
#: of the work (the four detectors of the token table, then the rules) is otherwise the longer one.
WORKER_RULE_LEVELS = ("segments", "sentences", "compact")

#: The text and the frame templates of the run, set just before the fork, so that the worker needs no
#: pickled copy (it inherits them).
_FORKED: tuple[Speech, Any] | None = None


def one_process_pool():
    """``(executor, start method)``: :func:`~zhdiscourse.util.parallel.one_worker_pool`, forked only: a
    spawned worker would import everything and load the segmenter again, more than it saves."""
    return one_worker_pool()


def _line_half():
    return line_candidates(_FORKED[0], load_model())


def _rule_levels(levels: tuple[str, ...]) -> dict:
    speech = _FORKED[0]
    with session():
        return {level: rules.level_proposals(speech, level) for level in levels}


def _worker_detectors(names: tuple[str, ...]) -> dict:
    speech, frames_file = _FORKED
    with shared_run():
        return {name: detector(name).run(speech, frames_file=frames_file) for name in names}


class _Proposed(dict):
    """The worker's :func:`_rule_levels`, waited for when the rules, having made their own proposals, check
    them all in order (each proposal against those kept before it)."""

    def __init__(self, future):
        super().__init__()
        self.future, self.levels = future, set(WORKER_RULE_LEVELS)

    def __contains__(self, level) -> bool:
        return level in self.levels

    def __getitem__(self, level):
        if self.future is not None:
            self.update(self.future.result())
            self.future = None
        return super().__getitem__(level)


def _end(executor, manager=None) -> None:
    """End the worker now (it may be in the middle of a task), then the pool (and its ``manager`` thread)."""
    for p in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            p.terminate()
        except (OSError, AttributeError):  # pragma: no cover - already gone
            pass
    executor.shutdown(wait=True, cancel_futures=True)
    if manager is not None:
        manager.join()


def usable(speech: Speech, detectors, jobs: int) -> bool:
    """Whether :func:`two_process_results` is worth trying for ``detectors``: ``jobs`` ≥ 2, a text of at
    least :data:`MIN_CLAUSES` clauses, and the registered parallelism detector among them."""
    return jobs >= 2 and len(speech.clauses) >= MIN_CLAUSES and any(
        d.name == "parallelisms" and d.find is parallelisms for d in detectors)


def two_process_results(speech: Speech, detectors, *, frames_file=None, ready=None) -> dict | None:
    """``{name: result}`` of ``detectors`` (:class:`~.registry.Detector` objects, the parallelism detector
    among them), computed with one forked worker (module docstring); ``None`` when no worker could be
    started (the caller then computes them in this process). Call inside a
    :func:`~zhdiscourse.patterns.spans.shared_run`. Anything but an interruption that goes wrong on the
    way ends the worker and gives ``None`` too, so that the caller's run in one process raises the error
    it raises without the worker. ``ready(name, result)``, if given, is called with each result as soon as this
    process has it (this process computes its own detectors first, then the rules)."""
    global _FORKED
    names = [d.name for d in detectors]
    there = tuple(n for n in WORKER_DETECTORS if n in names)
    here = [d for d in detectors if d.name not in there and d.name != "parallelisms"]
    # loaded before the fork, so that the worker shares them: the detectors' segmenter (the token table's too
    # when it is the same), the table of short words and the tagger
    get_segmenter(True, mined=DETECTOR_MINED)
    load_short_table()  # jieba's short words (modal 要 in both processes: built once when not yet on disk)
    model = load_model()
    executor, _method = one_process_pool()
    if executor is None:
        return None
    _FORKED = (speech, frames_file)
    manager = None
    gc.freeze()  # the worker's collections leave the objects it inherits alone (no pages copied for them)
    try:
        try:
            lines_future = executor.submit(_line_half)
            levels = tuple(lv for lv in WORKER_RULE_LEVELS if lv in rules.LEVELS)
            levels_future = executor.submit(_rule_levels, levels)
            others_future = executor.submit(_worker_detectors, there) if there else None
            # the thread that hands tasks to the worker and waits for it to end, joined below: the process may end
            # (``cli.end_process``) only when it is gone (else the interpreter's exit wakes it: a race in Python
            # 3.11's concurrent.futures that can print "Bad file descriptor" as it closes)
            manager = getattr(executor, "_executor_manager_thread", None)
            executor.shutdown(wait=False)  # the worker ends (and gives its memory back) once its tasks are done
        finally:
            gc.unfreeze()
            _FORKED = None
        out: dict = {}
        with session():
            for d in here:
                out[d.name] = d.run(speech, frames_file=frames_file)
                if ready is not None:
                    ready(d.name, out[d.name])
            rule_found = rule_candidates(speech, rules.LEVELS, proposed=_Proposed(levels_future))
            out["parallelisms"] = finish(speech, merge_candidates(speech, rule_found, lines_future.result()),
                                         model.calibration)
        if ready is not None:
            ready("parallelisms", out["parallelisms"])
        if others_future is not None:
            out.update(others_future.result())
            if ready is not None:
                for name in there:
                    ready(name, out[name])
    except Exception:  # noqa: BLE001 — the run in one process reports it (module docstring)
        _end(executor, manager)
        return None
    except BaseException:
        _end(executor, manager)
        raise
    executor.shutdown(wait=True)
    if manager is not None:
        manager.join()
    return {name: out[name] for name in names}
