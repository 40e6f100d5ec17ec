"""Per-cell CPU time inside the notebook kernels of ``make reproduce`` (where the notebooks spend their time).

Runs :func:`zhdiscourse.study.reproduce.reproduce` on the study's text into a temporary folder (so
``figures/`` and the committed notebooks are not touched), with kernels forked as under ``make reproduce``,
and an IPython start-up file (a temporary ``IPYTHONDIR``, set for the fork server and every kernel alike)
that records, for every cell a kernel runs, its CPU time (``os.times()``: user + sys of the kernel and of
the processes it waited for, e.g. Dask workers), its wall time and the CPU time spent inside
``Figure.savefig`` (by format). ``--cprofile NB:CELL`` also runs :mod:`cProfile` over that cell (``NB`` a
notebook name prefix such as ``05`` or ``00-sol``, ``CELL`` its execution count) and prints the functions
with the most cumulative time.

The table lists the ``--top`` largest cells, then the totals per notebook. ``--cold`` runs with every disk
cache empty (``ZHDISCOURSE_CACHE_DIR`` a new temporary folder); by default the project's caches are used.
``--only 05,06`` runs some notebooks only; ``--pickle DIR`` pickles every figure given to ``save_figure``
into ``DIR`` (``bench/bench_figures.py`` times saving them).

Run: ``.venv/bin/python bench/bench_cells.py [--top 25] [--cold] [--only 05] [--cprofile 05:10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.study.reproduce import find_notebooks, reproduce  # noqa: E402

STARTUP = r'''
import os as _o, json as _j, time as _t
def _zhd_cellprof():
    from IPython import get_ipython
    import matplotlib.figure as _mf
    ip = get_ipython()
    nb = _o.environ.get("ZHD_NOTEBOOK", "?")
    folder = _o.environ["ZHD_CELLPROF"]
    want = _o.environ.get("ZHD_CELLPROF_CPROFILE", "")
    st = {"fig": {}, "prof": None}
    orig = _mf.Figure.savefig
    def savefig(self, fname, *a, **k):
        c0 = _o.times()
        try:
            return orig(self, fname, *a, **k)
        finally:
            c1 = _o.times()
            fmt = k.get("format") or str(fname).rsplit(".", 1)[-1]
            st["fig"][fmt] = st["fig"].get(fmt, 0.0) + (c1.user - c0.user + c1.system - c0.system)
    _mf.Figure.savefig = savefig
    import zhdiscourse.plots as _zp
    import zhdiscourse.plots.base as _zb
    orig_save = _zb.save_figure
    pickles = _o.environ.get("ZHD_CELLPROF_PICKLE", "")
    def save_figure(*a, **k):
        if pickles:
            import pickle
            try:
                data = pickle.dumps(a[0])
            except Exception:  # some artists (networkx's edge labels) cannot be pickled
                data = None
            if data is not None:
                with open(_o.path.join(pickles, a[1] + ".pickle"), "wb") as fh:
                    fh.write(data)
        c0 = _o.times()
        try:
            return orig_save(*a, **k)
        finally:
            c1 = _o.times()
            st["fig"]["save_figure"] = st["fig"].get("save_figure", 0.0) + (c1.user - c0.user + c1.system - c0.system)
    _zb.save_figure = _zp.save_figure = save_figure
    def pre(info):
        st["fig"] = {}
        st["n"] = ip.execution_count
        st["src"] = info.raw_cell
        if want and nb.startswith(want.split(":")[0]) and str(st["n"]) == want.split(":")[1]:
            import cProfile
            st["prof"] = cProfile.Profile()
            st["prof"].enable()
        st["w"], st["c"] = _t.perf_counter(), _o.times()
    def post(result):
        c1, w1 = _o.times(), _t.perf_counter()
        if st["prof"] is not None:
            st["prof"].disable()
            st["prof"].dump_stats(_o.path.join(folder, f"{nb}-{st['n']}.prof"))
            st["prof"] = None
        cpu = sum(getattr(c1, k) - getattr(st["c"], k) for k in ("user", "system", "children_user", "children_system"))
        line = next((l for l in st["src"].splitlines() if l.strip() and not l.startswith("#")), "")
        rec = {"nb": nb, "cell": st["n"], "cpu": round(cpu, 3), "wall": round(w1 - st["w"], 3),
               "savefig": {k: round(v, 3) for k, v in st["fig"].items()}, "line": line[:70]}
        with open(_o.path.join(folder, nb + ".jsonl"), "a", encoding="utf-8") as fh:
            fh.write(_j.dumps(rec, ensure_ascii=False) + "\n")
    ip.events.register("pre_run_cell", pre)
    ip.events.register("post_run_cell", post)
_zhd_cellprof()
del _zhd_cellprof
'''


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--only", default=None)
    ap.add_argument("--cprofile", default="")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default=None, help="also write the records to this file")
    ap.add_argument("--pickle", default="", help="pickle every figure given to save_figure into this folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhd-bench-cells-") as tmp:
        tmp = Path(tmp)
        ipdir = tmp / "ipython"
        (ipdir / "profile_default" / "startup").mkdir(parents=True)
        (ipdir / "profile_default" / "startup" / "00-cellprof.py").write_text(STARTUP, encoding="utf-8")
        rec_dir = tmp / "records"
        rec_dir.mkdir()
        os.environ.update({"IPYTHONDIR": str(ipdir), "ZHD_CELLPROF": str(rec_dir),
                           "ZHD_CELLPROF_CPROFILE": args.cprofile,
                           "ZHD_CELLPROF_PICKLE": str(Path(args.pickle).resolve()) if args.pickle else ""})
        if args.cold:
            os.environ["ZHDISCOURSE_CACHE_DIR"] = str(tmp / "cache")
        nbs = find_notebooks(only=args.only) if args.only else None
        t0, c0, load0 = time.perf_counter(), os.times(), os.getloadavg()[0]
        reproduce(None, tmp / "out", notebooks=nbs, jobs=args.jobs, log=lambda *a: None)
        wall, c1 = time.perf_counter() - t0, os.times()
        cpu = sum(getattr(c1, k) - getattr(c0, k) for k in ("user", "system", "children_user", "children_system"))
        recs = [json.loads(line) for f in sorted(rec_dir.glob("*.jsonl")) for line in f.read_text(encoding="utf-8").splitlines()]
        if args.json:
            Path(args.json).write_text(json.dumps(recs, ensure_ascii=False, indent=0), encoding="utf-8")
        total = sum(r["cpu"] for r in recs)
        figs = sum(r["savefig"].get("save_figure", 0.0) for r in recs)
        by_fmt: dict[str, float] = {}
        for r in recs:
            for k, v in r["savefig"].items():
                by_fmt[k] = by_fmt.get(k, 0.0) + v
        print(f"run: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes), load {load0:.1f} -> {os.getloadavg()[0]:.1f}")
        print(f"cells: {total:.1f} s CPU in {len(recs)} cells; inside save_figure {figs:.1f} s; Figure.savefig by format: "
              f"({', '.join(f'{k} {v:.1f}' for k, v in sorted(by_fmt.items()))})")
        print(f"\nlargest {args.top} cells (CPU s, wall s, of which save_figure):")
        for r in sorted(recs, key=lambda r: -r["cpu"])[: args.top]:
            print(f"  {r['cpu']:6.2f} {r['wall']:6.2f} {r['savefig'].get('save_figure', 0.0):5.2f}  {r['nb']}[{r['cell']}]  {r['line']}")
        print("\nper notebook (CPU s, of which save_figure):")
        per: dict[str, list[float]] = {}
        for r in recs:
            p = per.setdefault(r["nb"], [0.0, 0.0])
            p[0] += r["cpu"]
            p[1] += r["savefig"].get("save_figure", 0.0)
        for nb, (c, f) in sorted(per.items(), key=lambda kv: -kv[1][0]):
            print(f"  {c:6.2f} {f:6.2f}  {nb}")
        for prof in sorted(rec_dir.glob("*.prof")):
            import pstats

            print(f"\ncProfile of {prof.stem}:")
            pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
