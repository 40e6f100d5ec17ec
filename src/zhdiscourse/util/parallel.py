"""Run one function over many documents, in forked worker processes, saving each result as it arrives.

Shared by corpus-mode token tables (:mod:`zhdiscourse.tokenize.corpus`) and the rhetorical profiles of a
reference corpus (:mod:`zhdiscourse.patterns.profile`): both look results up in a per-document cache first and
hand only the missing documents to :func:`run_tasks`.
"""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Callable


def run_tasks(tasks: list[tuple[Any, tuple, Any]], func: Callable, *, jobs: int,
              save: Callable[[Any, Any], Any] | None, total: int, progress: bool, desc: str,
              preload: Callable[[], None] | None = None) -> dict:
    """``{key: func(*args)}`` for ``(key, args, cache_key)`` tasks; each result is passed to
    ``save(cache_key, result)`` as it arrives when ``cache_key`` is not None (e.g.
    :meth:`zhdiscourse.util.cache.DiskCache.put`).

    With ``jobs == 1`` or a single task everything runs here; otherwise ``preload()`` runs once first
    (for example to load jieba's dictionary, which forked workers then inherit) and the tasks go to
    ``jobs`` worker processes. ``total`` is the number of documents including those already cached, for
    the tqdm progress bar (shown when ``progress`` and there is work to do).
    """
    out: dict = {}
    bar = None
    if progress and tasks:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, initial=total - len(tasks), desc=desc, unit="doc")

    def done(key, path, result):
        out[key] = result
        if path is not None:
            save(path, result)
        if bar:
            bar.update(1)

    try:
        if jobs == 1 or len(tasks) <= 1:
            for key, args, path in tasks:
                done(key, path, func(*args))
        elif tasks:
            if preload is not None:
                preload()
            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork" if "fork" in methods else None)
            with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx) as pool:
                futs = {pool.submit(func, *args): (key, path) for key, args, path in tasks}
                for fut in as_completed(futs):
                    key, path = futs[fut]
                    done(key, path, fut.result())
    finally:
        if bar:
            bar.close()
    return out
