"""The parallelism detector and its baselines on the PSE-I essays: the groups each system finds.

One place for what notebook 04 and ``bench/bench_pse.py`` score with :mod:`zhdiscourse.patterns.pse`:

* ``detector (series reading)``: :func:`~.confident_series`, the detector's calibrated series reading;
* ``rhetorical reading``: the outermost 排比 / 对偶 instances of :func:`~.parallelisms` (:func:`~.top_level`);
* ``rhetorical, all``: every 排比 / 对偶 instance, nested ones included (:func:`~.rhetorical`);
* ``tagger alone``: the learned clause tagger (:func:`.model.series`);
* ``rules alone (gen. 1)``: the first-generation rules (:func:`.rules.parallelisms`);
* ``prefix-2 baseline``: the task's baseline (:func:`~zhdiscourse.patterns.pse.prefix_baseline`).

Each essay's groups are cached on disk (the ``pse`` cache), keyed by the essay's words and paragraphs and
:func:`~zhdiscourse.tokenize.segment.analysis_fingerprint` (every source and data file of the package, the
segmenter, the dictionaries and a lexicon override): running the systems over the 81 essays of the
validation and optimization splits takes seconds, reading them back milliseconds, and any change of the
library's code or data computes them again.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ...text.structure import parse
from ...tokenize.segment import analysis_fingerprint
from ...util.cache import DiskCache
from .. import pse
from . import model, rules
from .detector import confident_series, parallelisms, rhetorical, top_level

#: The systems, in the order of the tables.
SYSTEMS = ("detector (series reading)", "rhetorical reading", "rhetorical, all", "tagger alone",
           "rules alone (gen. 1)", "prefix-2 baseline")
#: Bump when what is stored per essay changes (invalidates the cache).
CACHE_VERSION = "pse-systems-1"


def essay_systems(essay: pse.Essay) -> tuple[dict[str, list[frozenset]], Counter]:
    """The groups each of :data:`SYSTEMS` finds in ``essay``, and where the series reading's instances come
    from (``tagger`` or ``rules or forms alone``)."""
    sp = parse(essay.text)
    par = parallelisms(sp)
    reading = confident_series(sp)
    sources = Counter("tagger" if "model" in q["source"] else "rules or forms alone" for q in reading)
    groups = {
        "detector (series reading)": pse.instances_to_groups(essay, reading),
        "rhetorical reading": pse.instances_to_groups(essay, top_level(par)),
        "rhetorical, all": pse.instances_to_groups(essay, rhetorical(par)),
        "tagger alone": pse.instances_to_groups(essay, [
            {"members": [{"start": a, "end": b} for a, b in s["members"]]} for s in model.series(essay.text)]),
        "rules alone (gen. 1)": pse.instances_to_groups(essay, rules.parallelisms(sp)),
        "prefix-2 baseline": pse.prefix_baseline(essay),
    }
    return groups, sources


def _key(code: str, essay: pse.Essay) -> str:
    """An essay's words and paragraphs (its text and the words' offsets follow from them) with the code."""
    h = hashlib.sha256(f"{CACHE_VERSION}\0{code}\0{essay.paragraphs!r}\0".encode())
    h.update("\x1f".join(essay.words).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _store(cache_dir=None) -> DiskCache:
    return DiskCache.named("pse", cache_dir, prefix="essay-", ext="pkl", key_chars=40,
                           check=lambda v: isinstance(v, tuple) and len(v) == 2 and set(v[0]) == set(SYSTEMS))


def system_runs(essays: list[pse.Essay], *, cache: bool = True, cache_dir=None
                ) -> tuple[dict[str, list[list[frozenset]]], Counter]:
    """``({system: [groups of each essay]}, sources of the series reading's instances)`` over ``essays``,
    each essay's result from the disk cache when it is there (module docstring)."""
    store = _store(cache_dir) if cache else None
    code = analysis_fingerprint() if store is not None else ""
    runs: dict[str, list[list[frozenset]]] = {name: [] for name in SYSTEMS}
    sources: Counter = Counter()
    for essay in essays:
        if store is None:
            groups, src = essay_systems(essay)
        else:
            groups, src = store.fetch(_key(code, essay), lambda: essay_systems(essay))
        for name in SYSTEMS:
            runs[name].append(groups[name])
        sources.update(src)
    return runs, sources
