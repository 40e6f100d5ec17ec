"""Run one function over many documents with Dask, handing each result on as it arrives.

Shared by corpus-mode token tables (:mod:`zhdiscourse.tokenize.corpus`) and the rhetorical profiles of a
reference corpus (:mod:`zhdiscourse.patterns.profile`): both look results up in a per-document cache first and
hand only the missing documents to :func:`iter_results` / :func:`run_tasks`.

Schedulers
    * **none** (``jobs == 1``, or a single task, and no ``scheduler``): everything runs in this process,
      and Dask is not even imported.
    * **local** (the default): Dask's local multi-process scheduler (``scheduler="processes"``) on a
      pool of ``jobs`` worker processes. On Linux the workers are forked after ``preload()`` has run
      (for example loading the segmenter's dictionary), so they inherit it instead of loading it again.
    * **a cluster**: ``scheduler`` is the address of a ``dask.distributed`` scheduler
      (``tcp://host:8786``) or a ``distributed.Client``. The workers need zhdiscourse installed; each
      loads its dictionaries on its first task. See ``docs/cluster.md``.

Memory
    Tasks are submitted in a bounded window (``window``, default four per worker) and each result is
    passed on and dropped as soon as it arrives, so the memory of the calling process does not grow
    with the number of documents: a corpus read lazily (:func:`zhdiscourse.text.corpus.iter_documents`)
    streams through.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from ..errors import ZhDiscourseError


#: How long to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = "20s"


def _dask_client(scheduler):
    """``(client, owned)`` for an address or a ``distributed.Client``; an unreachable address is a
    :class:`~zhdiscourse.errors.ZhDiscourseError`."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT), True
    except (OSError, TimeoutError, ValueError) as exc:
        raise ZhDiscourseError(f"cannot reach the Dask scheduler at {scheduler}: "
                               f"{type(exc).__name__}: {exc}".rstrip(": ")) from None


def iter_results(tasks: Iterable[tuple[Any, tuple]], func: Callable, *, jobs: int = 1, scheduler=None,
                 preload: Callable[[], None] | None = None, window: int | None = None
                 ) -> Iterator[tuple[Any, Any]]:
    """``(key, func(*args))`` for each ``(key, args)`` task, in the order they finish (see the module
    docstring for the schedulers). ``tasks`` may be a lazy iterable: at most ``window`` tasks are in
    flight (read, sent, or waiting to be handed on) at any time."""
    it = iter(tasks)
    if scheduler is None and jobs > 1:
        first = list(itertools.islice(it, 2))
        it = itertools.chain(first, it)
        if len(first) < 2:
            jobs = 1
    if scheduler is None and jobs <= 1:
        for key, args in it:
            yield key, func(*args)
        return
    if scheduler is not None:
        yield from _iter_distributed(it, func, scheduler, window)
        return
    yield from _iter_local(it, func, jobs, preload, window or 4 * jobs)


def _iter_local(it, func, jobs: int, preload, window: int):
    import dask
    from concurrent.futures import ProcessPoolExecutor

    if preload is not None:
        preload()
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        while True:
            batch = list(itertools.islice(it, window))
            if not batch:
                break
            calls = [dask.delayed(func, pure=False)(*args) for _key, args in batch]
            results = dask.compute(*calls, scheduler="processes", pool=pool, num_workers=jobs,
                                   optimize_graph=False)
            for (key, _args), result in zip(batch, results):
                yield key, result
            del calls, results, batch


def _iter_distributed(it, func, scheduler, window: int | None):
    from distributed import as_completed

    client, owned = _dask_client(scheduler)
    try:
        if window is None:
            window = 4 * max(1, sum(client.nthreads().values()))
        keys = {}
        first = []
        for key, args in itertools.islice(it, window):
            fut = client.submit(func, *args, pure=False)
            keys[fut.key] = key
            first.append(fut)
        if not first:
            return
        pending = as_completed(first, loop=client.loop)
        del first
        for fut in pending:
            result = fut.result()
            key = keys.pop(fut.key)
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                f2 = client.submit(func, *nxt[1], pure=False)
                keys[f2.key] = nxt[0]
                pending.add(f2)
            yield key, result
    finally:
        if owned:
            client.close()


def bars_disabled() -> bool:
    """Whether the environment turns progress bars off, by tqdm's own rule: ``TQDM_DISABLE`` set to any non-empty
    value (tqdm reads it as ``bool(value)``, so even ``0`` turns its bars off). The notebook bars of ``tqdm.auto``
    do not obey it by themselves (they pass ``disable=False``). ``reproduce`` sets it in every kernel, so that a
    bar drawn while a cache fills never lands in a notebook's outputs."""
    return bool(os.environ.get("TQDM_DISABLE"))


def run_tasks(tasks: list[tuple[Any, tuple, Any]], func: Callable, *, jobs: int,
              save: Callable[[Any, Any], Any] | None, total: int, progress: bool, desc: str,
              preload: Callable[[], None] | None = None, scheduler=None) -> dict:
    """``{key: func(*args)}`` for ``(key, args, cache_key)`` tasks; each result is passed to
    ``save(cache_key, result)`` as it arrives when ``cache_key`` is not None (e.g.
    :meth:`zhdiscourse.util.cache.DiskCache.put`). ``total`` is the number of documents including
    those already cached, for the tqdm progress bar (shown when ``progress`` and there is work to do, unless
    ``TQDM_DISABLE`` is set: :func:`bars_disabled`). Schedulers as in :func:`iter_results`."""
    out: dict = {}
    bar = None
    if progress and tasks and not bars_disabled():
        from tqdm.auto import tqdm

        bar = tqdm(total=total, initial=total - len(tasks), desc=desc, unit="doc")
    cache_keys = {key: ck for key, _args, ck in tasks}
    try:
        for key, result in iter_results(((key, args) for key, args, _ck in tasks), func, jobs=jobs,
                                        scheduler=scheduler, preload=preload):
            out[key] = result
            ck = cache_keys[key]
            if ck is not None and save is not None:
                save(ck, result)
            if bar:
                bar.update(1)
    finally:
        if bar:
            bar.close()
    return out


def one_worker_pool(*, spawn: bool = False) -> tuple[ProcessPoolExecutor | None, str | None]:
    """``(pool, start method)``: a pool of one worker process for work beside this process's own, forked
    where the platform can (the worker shares this process's memory: a parsed text, a loaded segmenter, the
    imports; standard output and error are flushed first, so the worker does not write their buffers again);
    else, with ``spawn``, a spawned one (it imports and loads everything again); else, or where no process can
    be made, ``(None, None)`` (the caller runs the work itself)."""
    try:
        methods = mp.get_all_start_methods()
        method = "fork" if "fork" in methods else ("spawn" if spawn and "spawn" in methods else None)
        if method is None:
            return None, None
        pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context(method))
    except (OSError, ValueError, NotImplementedError):  # no process support
        return None, None
    if method == "fork":
        _flush_standard_streams()
    return pool, method


def _flush_standard_streams() -> None:
    """Flush ``sys.stdout`` and ``sys.stderr`` before a fork: a forked worker flushes the buffers it inherits
    when it ends, so what they held would be written twice."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
