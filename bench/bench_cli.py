"""Benchmark: the commands a user types, on a 1 MB text — ``zhdiscourse patterns`` and ``zhdiscourse report``.

The text is 1 MB of distinct policy prose with parts (``bench_report.build_text``). Each command runs as a
new process, exactly as typed, with the token caches cold: ``ZHDISCOURSE_CACHE_DIR`` is a new folder that
holds only what the segmenter prepares once per installation, like jieba's own cache: its prepared dictionary
and the table of jieba's short words of ``tokenize.segment.plain_short_posseg`` (the fully cold case, which
also builds them, is printed too; until 2026-12-07 08:00 UTC the runs with token caches cold built the short
table every time, about 0.7 s of CPU). Measured: wall time, CPU time of the command and
every process it starts (user + sys), and, in a second run of the same command (the sampler costs the command
time: since 2026-12-07 11:00 UTC time and memory are not measured in the same run), the peak memory of the
command's process tree (sum of PSS sampled every 20 ms, ``bench_corpus.TreeMemory``; the PSS sum counts a page shared by a forked worker once; the bench
process itself, which holds the text, is not counted).

Also ``zhdiscourse patterns`` on one line of 200,000 characters without punctuation (the reports' Han
characters, as in ``bench_parallelism_speed.py``), the case whose cost once grew with the square of the
length (issue 16).

``patterns`` runs as ``--json`` (``patterns``) and with its default output, the readable tables
(``patterns-table``).

Targets: ``patterns`` ≤ 3 s (both outputs); ``patterns`` on the 200,000-character line ≤ 10 s; ``report`` ≤ 10 s
with peak memory ≤ 300 MB. Exit status 1 when one is missed. The CPU time is printed beside every wall time
(on the shared machine it is the steadier figure).
Run: ``.venv/bin/python bench/bench_cli.py [--mb 1] [--only patterns|patterns-table|line|report] [--no-cold]
[--repeat N] [--compare SRC] [--no-memory] [--jobs N]`` (``--no-cold``: only the run with token caches cold, which is the one held to the
target; ``--compare SRC``: the same commands with another version's ``src`` folder, run alternately with this
one, for before/after figures on a machine whose load changes; ``--jobs N``: ``patterns --jobs N`` for this version,
1 for everything in one process — the default of the command is 2, a forked worker on a long text).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from bench_corpus import TreeMemory  # noqa: E402
from bench_report import build_text  # noqa: E402

TARGETS = {"patterns": (3.0, None), "patterns-table": (3.0, None), "line": (10.0, None), "report": (10.0, 300.0)}


def timed(cmd: list[str], env: dict, memory: bool = True) -> tuple[float, float, float, int]:
    mem = TreeMemory(children_only=True)
    if not memory:
        mem.available = False  # no sampler: it reads the command's memory maps every 20 ms, which costs it CPU time
    if mem.available:
        mem.start()
    t0, c0 = time.perf_counter(), os.times()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, c1 = time.perf_counter() - t0, os.times()
    if mem.available:
        mem.stop()
    if r.returncode:
        print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}")
    cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    return wall, cpu, (mem.peak[0] / 1024 if mem.available else float("nan")), r.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--only", choices=sorted(TARGETS), help="run one command only")
    ap.add_argument("--no-cold", action="store_true", help="skip the fully cold runs")
    ap.add_argument("--no-memory", action="store_true", help="do not sample the peak memory (the sampler costs "
                    "the command some CPU time; peak then reads nan)")
    ap.add_argument("--repeat", type=int, default=1, help="run each command N times (and print the medians)")
    ap.add_argument("--compare", metavar="SRC", help="also run each command with another version's source folder "
                    "first on PYTHONPATH (e.g. `git archive COMMIT src | tar -x -C DIR`, then DIR/src), "
                    "alternately with this one; printed as 'before:'")
    ap.add_argument("--jobs", type=int, help="pass --jobs N to this version's patterns commands (not to --compare's)")
    args = ap.parse_args(argv)
    text = build_text(args.mb)
    ok = True
    with tempfile.TemporaryDirectory(prefix="zhd-bench-cli-") as tmp:
        src = Path(tmp) / "reports.txt"
        src.write_text(text, encoding="utf-8")
        flat = re.sub(r"[^\u4e00-\u9fff]", "", text)
        while len(flat) < 200_000:
            flat += flat
        line = Path(tmp) / "line.txt"
        line.write_text(flat[:200_000], encoding="utf-8")
        print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {len(text):,} characters; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        prepared = Path(tmp) / "prepared"
        env0 = dict(os.environ, ZHDISCOURSE_CACHE_DIR=str(prepared))
        wall, cpu, peak, _rc = timed([sys.executable, "-c", "from zhdiscourse.tokenize.segment import get_segmenter, "
                                      "load_short_table; get_segmenter(True); load_short_table()"], env0)
        print(f"preparing the segmenter's dictionary (once per installation): {wall:.2f} s wall, {cpu:.2f} s CPU")
        if args.compare:  # the other version's prepared dictionary too (its cache key may differ), as it installed
            timed([sys.executable, "-c", "from zhdiscourse.tokenize.segment import get_segmenter, load_short_table; "
                   "get_segmenter(True); load_short_table()"], dict(env0, PYTHONPATH=args.compare))
        for name, cmd in (("patterns", ["patterns", str(src), "--json"]),
                          ("patterns-table", ["patterns", str(src)]),
                          ("line", ["patterns", str(line), "--json"]),
                          ("report", ["report", str(src), "--out", str(Path(tmp) / "report"), "--quiet"])):
            if args.only and name != args.only:
                continue
            for label in ("token caches cold", "fully cold")[:1 if name == "line" or args.no_cold else 2]:
                runs: dict[str, list[tuple[float, float]]] = {}
                for k in range(args.repeat):
                    for version, pythonpath in (("", None), *((("before: ", args.compare),) if args.compare else ())):
                        extra = ["--jobs", str(args.jobs)] if args.jobs and not version and cmd[0] == "patterns" else []

                        def run(memory: bool, k=k, label=label, version=version, pythonpath=pythonpath, extra=extra):
                            cache = Path(tmp) / f"cache-{name}-{label.split()[0]}-{k}-{bool(version)}-{memory}"
                            if label == "token caches cold":
                                shutil.copytree(prepared, cache)
                            env = dict(os.environ, ZHDISCOURSE_CACHE_DIR=str(cache))
                            if pythonpath:
                                env["PYTHONPATH"] = pythonpath
                            try:
                                return timed([sys.executable, "-m", "zhdiscourse", *cmd, *extra], env, memory)
                            finally:
                                shutil.rmtree(Path(tmp) / "report", ignore_errors=True)
                                shutil.rmtree(cache, ignore_errors=True)

                        # Time and memory come from two runs: the sampler reads every process's memory maps
                        # every 20 ms, which costs the command CPU and wall time (≈ 10 % of a core measured).
                        wall, cpu, _peak, rc = run(False)
                        peak = float("nan") if args.no_memory else run(True)[2]
                        runs.setdefault(version, []).append((cpu, wall))
                        t_wall, t_mem = TARGETS[name]
                        met = rc == 0 and wall <= t_wall and (t_mem is None or peak <= t_mem)
                        if label == "token caches cold" and not version:
                            ok &= met
                        target = f"target ≤ {t_wall:.0f} s" + (f", ≤ {t_mem:.0f} MB" if t_mem else "")
                        cpu_met = rc == 0 and cpu <= t_wall and (t_mem is None or peak <= t_mem)
                        shown = {"line": "patterns on the 200,000-character line", "patterns": "patterns --json",
                                 "patterns-table": "patterns (readable tables)"}.get(name, name)
                        print(f"{version}{shown} {label}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, peak {peak:5.0f} MB "
                              f"(PSS, process tree); load {os.getloadavg()[0]:.1f}   {target}: "
                              + ("met" if met else "NOT met")
                              + ("" if met else (" (CPU time within it)" if cpu_met else "")), flush=True)
                if args.repeat > 1:
                    for version, got in runs.items():
                        cpus, walls = sorted(c for c, _w in got), sorted(w for _c, w in got)
                        print(f"{version}{name} {label}, median of {len(got)}: {cpus[len(cpus) // 2]:.2f} s CPU "
                              f"({cpus[0]:.2f}–{cpus[-1]:.2f}), {walls[len(walls) // 2]:.2f} s wall", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
