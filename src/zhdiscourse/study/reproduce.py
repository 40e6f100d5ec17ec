"""Re-run the study: ``python -m zhdiscourse.study.reproduce [--text PATH] [--out DIR]``.

Every notebook ``notebooks/NN-*.ipynb`` (sorted) and every worked solution
``notebooks/solutions/*.ipynb`` is executed top to bottom in a fresh Jupyter kernel (nbclient).
Parameters reach the notebooks papermill-style through the environment, which each notebook's first
code cell (tagged ``parameters``) reads with defaults::

    ZHD_TEXT      the text to study (absolute path)
    ZHD_OUT       where save_figure() writes figures and figures.json
    ZHD_NOTEBOOK  the running notebook's name (recorded in figures.json)

Policy for committed notebooks (:mod:`zhdiscourse.study.nbclean`, also applied by JupyterLab on save):
they are stored WITH their outputs (readable on a code host) and WITHOUT volatile metadata (no
execution timestamps, no interpreter version, no widget ids), so a re-run on the same text changes
nothing. This command therefore writes the executed notebooks back in place, but only
when it studies the project's own text into ``figures/``. For any other text or folder the executed
notebooks go to ``OUT/notebooks/`` and the committed ones are left alone.

Figures are first written to a staging folder; only when every notebook has run are the old figures
listed in ``OUT/figures.json`` removed and the new ones moved in, with ``figures.json`` and a
generated ``README.md``; the key numbers that the notebooks record (:mod:`zhdiscourse.study.findings`)
go into ``OUT/findings.json`` the same way. A text that is not the study's own text (checked by
SHA-256 against ``data/MANIFEST.sha256``) is refused when OUT is the project's ``figures/``.

A cell error, or matplotlib's "Glyph … missing from font" warning in any output, fails the run.

Kernels are forked from a warm parent where the platform allows it (Linux: :mod:`.forkkernel`): one
process imports what the notebooks import (:func:`preload_modules`) and builds the default segmenter, then
forks one kernel per notebook, so the imports are paid once per run instead of once per notebook. The
kernels are ordinary ipykernels with a fresh kernel's environment, and the outputs are the same byte for
byte. ``--no-fork`` (``reproduce(..., fork=False)``) starts every kernel the ordinary way.

Notebooks start longest first (:func:`run_order`: the seconds each took last time, kept in the cache
folder), so that no long notebook starts last while the other kernel slot idles; the outputs do not depend
on the order.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .. import paths
from ..errors import ZhDiscourseError
from ..plots import base
from ..util.cache import DiskCache
from . import findings
from . import kernelclient  # noqa: F401  (the kernel client, imported before the workers are forked)
from .forkkernel import ForkKernelManager, ForkServer, ForkUnavailable, fork_supported
from .nbclean import WIDGET_VIEW, clean_notebook  # noqa: F401  (the committed-notebook policy)

GLYPH_WARNING = "missing from font"
#: Third-party modules the notebooks import, imported once by the fork server (besides the library's
#: own, :func:`preload_modules`). Never ``ipywidgets`` or ``matplotlib_inline.backend_inline``: they
#: hook into the running kernel when imported, so each kernel imports them itself.
PRELOAD_THIRD_PARTY = ("numpy", "pandas", "pyarrow", "pyarrow.compute", "pyarrow.parquet", "scipy.stats",
                       "sklearn.decomposition", "sklearn.feature_extraction.text", "matplotlib.pyplot",
                       "matplotlib.backends.backend_agg", "matplotlib.backends.backend_svg",
                       "IPython.core.pylabtools", "PIL.PngImagePlugin", "networkx", "wordcloud", "adjustText")
#: The library's packages the notebooks use (every module in them is preloaded) and study modules.
PRELOAD_PACKAGES = ("lexicon", "text", "tokenize", "stats", "patterns", "plots", "util")
PRELOAD_STUDY = ("explore", "findings", "handcheck", "narrate", "notebook")
#: Built once by the fork server: the default segmenter (domain dictionary; about 0.4 s a kernel).
WARM = ("zhdiscourse.tokenize.segment:get_segmenter",)
#: The one environment variable that differs between the notebooks of a run (read when a cell runs).
PER_NOTEBOOK = ("ZHD_NOTEBOOK",)
#: The ones that differ between runs (the text, the staging folder), also read only when a cell runs: a
#: server made with ``fork_server(kernel_env(), any_run=True)`` serves several runs (``reproduce(fork=server)``).
PER_RUN = ("ZHD_TEXT", "ZHD_OUT")
#: the kernel client (imported by jupyter_client when a kernel starts): :class:`.kernelclient.SlicedKernelClient`
KERNEL_CLIENT = f"{__package__}.kernelclient.SlicedKernelClient"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def find_notebooks(root: Path | None = None, solutions: bool = True, only: str | None = None) -> list[Path]:
    """The notebooks to run: ``notebooks/NN-*.ipynb`` sorted, then ``notebooks/solutions/*.ipynb`` sorted."""
    nbdir = (root or paths.project_root()) / "notebooks"
    found = sorted(p for p in nbdir.glob("[0-9][0-9]-*.ipynb"))
    if solutions:
        found += sorted((nbdir / "solutions").glob("[0-9][0-9]-*.ipynb"))
    if only:
        found = [p for p in found if p.stem.startswith(tuple(only.split(",")))]
    return found


def _durations() -> DiskCache:
    return DiskCache.named("reproduce", prefix="seconds", ext="json")


def _timing_key(nb_path: Path) -> str:
    return f"{nb_path.parent.name}/{nb_path.stem}"


def run_order(nbs: list[Path], seconds: dict[str, float] | None = None) -> list[Path]:
    """``nbs`` in the order to start them: longest first by ``seconds`` (default: the wall seconds each
    took in the last run, from the cache folder), notebooks never timed before all others, ties in the
    given order. Two kernel slots finish together when the last notebook to start is a short one."""
    if seconds is None:
        seconds = _durations().get("") or {}
    return sorted(nbs, key=lambda p: -float(seconds.get(_timing_key(p), float("inf"))))


def _record_seconds(times: dict[Path, float]) -> None:
    store = _durations()
    known = store.get("") or {}
    known.update({_timing_key(p): round(t, 1) for p, t in times.items()})
    store.put("", dict(sorted(known.items())))


def strip_ansi(text: str) -> str:
    """``text`` without ANSI terminal escapes (the colours of IPython tracebacks)."""
    return _ANSI.sub("", text)


def error_line(exc) -> str:
    """One clean line for a failed cell: ``ExceptionName: message`` without terminal colours.

    nbclient's ``CellExecutionError`` carries ``ename``/``evalue``; otherwise the last non-empty line
    of the message is used.
    """
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        msg = f"{ename}: {evalue}" if evalue else str(ename)
    else:
        lines = [ln for ln in strip_ansi(str(exc)).splitlines() if ln.strip()]
        msg = lines[-1] if lines else "cell failed"
    msg = " ".join(strip_ansi(msg).split())
    return msg or "cell failed"


def glyph_warnings(nb) -> list[str]:
    """Output texts that report a glyph missing from the font."""
    bad = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            if GLYPH_WARNING in text:
                bad.append(text.strip().splitlines()[0])
    return bad


def kernel_config():
    """Kernel settings for one run: on POSIX the kernel talks over IPC (Unix sockets in Jupyter's
    runtime folder) instead of TCP on localhost, so ipykernel has no reason to warn that the
    connection is unencrypted (one warning per kernel otherwise). Windows has no IPC transport.
    The client waits for replies and outputs in slices (:mod:`.kernelclient`).

    Each kernel gets its own socket prefix: the default (``kernel-ipc`` in the kernel's working
    folder) would put socket files beside the notebooks, shared by the kernels that run at once."""
    import uuid

    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets.config import Config

    cfg = Config()
    cfg.AsyncKernelManager.client_class = KERNEL_CLIENT  # waits in slices (jupyter/nbclient#312)
    if os.name == "posix":
        runtime = Path(jupyter_runtime_dir())
        runtime.mkdir(parents=True, exist_ok=True)
        cfg.KernelManager.transport = "ipc"
        cfg.KernelManager.ip = str(runtime / f"zhd-{uuid.uuid4().hex[:12]}-ipc")
    return cfg


def preload_modules() -> list[str]:
    """The modules the fork server imports: :data:`PRELOAD_THIRD_PARTY`, every module of the library's
    :data:`PRELOAD_PACKAGES` (found by file, nothing imported here) and :data:`PRELOAD_STUDY`."""
    pkg_root = Path(__file__).resolve().parents[1]
    names = list(PRELOAD_THIRD_PARTY)
    for pkg in PRELOAD_PACKAGES:
        for f in sorted((pkg_root / pkg).rglob("*.py")):
            parts = list(f.relative_to(pkg_root.parent).with_suffix("").parts)
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    names += [f"{pkg_root.name}.study.{m}" for m in PRELOAD_STUDY]
    return names


#: Set in every kernel of a run: no progress bars (tqdm reads ``TQDM_DISABLE`` when imported). A bar is drawn only
#: while a cache is being filled (the corpus's token tables, profiles …), so whether one lands in a notebook's
#: outputs would depend on what the caches held and on which notebook got there first.
QUIET_ENV = {"TQDM_DISABLE": "1"}


def kernel_env(text_path: Path | None = None, out: Path | None = None, notebook: str | None = None) -> dict[str, str]:
    """The environment of a notebook's kernel: this process's, with the notebooks' parameters (those not
    given are left out: a fork server for any run, :func:`fork_server`), a fixed hash seed and
    :data:`QUIET_ENV`."""
    env = dict(os.environ)
    given = {"ZHD_TEXT": text_path, "ZHD_OUT": out, "ZHD_NOTEBOOK": notebook}
    env.update({k: str(v) for k, v in given.items() if v is not None})
    env.update({"ZHD_ROOT": str(paths.project_root()), "PYTHONHASHSEED": "0", **QUIET_ENV})
    return env


def fork_server(env: dict[str, str], *, any_run: bool = False) -> ForkServer | None:
    """A started :class:`~.forkkernel.ForkServer` for kernels with environment ``env`` (any
    ``ZHD_NOTEBOOK`` aside; with ``any_run`` also any ``ZHD_TEXT`` and ``ZHD_OUT``, so that the server can be
    given to several :func:`reproduce` calls, as ``fork``), or ``None`` where kernels cannot be forked. The
    server declines to serve at all if importing the preloaded modules reads one of these variables."""
    if not fork_supported():
        return None
    volatile = PER_NOTEBOOK + (PER_RUN if any_run else ())
    base = {k: v for k, v in env.items() if k not in volatile}
    try:
        return ForkServer(base, preload=preload_modules(), warm=WARM, volatile=volatile).start()
    except ForkUnavailable:
        return None


def run_notebook(path: Path, env: dict[str, str], timeout: int = 600, fork_server: str | None = None):
    """Execute one notebook in a fresh kernel (cwd = its folder); return the executed notebook.

    A failing cell, a cell running longer than ``timeout`` seconds or a kernel that dies raises
    :class:`ZhDiscourseError` with one line. ``fork_server``: the address of a
    :class:`~.forkkernel.ForkServer` to fork the kernel from (it starts the kernel the ordinary way
    when it cannot)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    config = kernel_config()
    extra = {}
    if fork_server:
        config.ForkKernelManager.fork_server = fork_server
        extra["kernel_manager_class"] = ForkKernelManager
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}}, config=config, **extra)
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        raise ZhDiscourseError(f"{path.name}: {error_line(exc)}") from exc
    except CellTimeoutError as exc:
        raise ZhDiscourseError(f"{path.name}: a cell ran longer than {timeout} s") from exc
    except DeadKernelError as exc:
        raise ZhDiscourseError(f"{path.name}: the kernel died") from exc
    clean_notebook(nb)
    bad = glyph_warnings(nb)
    if bad:
        raise ZhDiscourseError(f"{path.name}: {bad[0]}")
    return nb


def _shown(nb_path: Path) -> str:
    try:
        return str(nb_path.relative_to(paths.project_root()))
    except ValueError:
        return nb_path.name


def worker_context():
    """The multiprocessing context of the workers that drive the notebooks: ``fork`` where the platform has
    it and this process runs no other thread (the workers then start with the kernel client imported here,
    once, instead of importing it themselves: about 1 s of CPU each), else ``spawn``. Nothing in this
    process has opened a ZeroMQ context or an event loop that a forked worker could inherit."""
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        import jupyter_client.asynchronous  # noqa: F401
        import nbclient  # noqa: F401

        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_timed(nb_path: Path, env: dict[str, str], server: str | None = None):
    """Worker-process entry: run one notebook, return it with its wall time."""
    s = time.perf_counter()
    nb = run_notebook(nb_path, env, fork_server=server)
    return nb_path, nb, time.perf_counter() - s


def reproduce(text: str | os.PathLike | None = None, out: str | os.PathLike | None = None, *,
              notebooks: list[Path] | None = None, jobs: int = 2, in_place: bool | None = None,
              log=print, fork: bool | ForkServer = True) -> dict:
    """Run the notebooks on ``text`` into ``out``; return a summary (notebooks, figures, seconds, the
    kernels ``forked`` from a fork server).

    ``fork``: fork the kernels from a warm parent where the platform allows it (``True``: a
    :func:`fork_server` started for this run and ended with it; a server from
    ``fork_server(kernel_env(), any_run=True)``: that one, left running, so that several runs in one process
    pay its imports once; ``False``: every kernel started the ordinary way)."""
    import nbformat

    t0 = time.perf_counter()
    text_path = paths.resolve(text) if text else paths.default_text()
    if not text_path.is_file():
        raise ZhDiscourseError(f"{text}: no such file")
    out_dir = paths.resolve(out) if out else paths.figures_dir()
    default_out = out_dir.resolve() == paths.figures_dir().resolve()
    own_text = paths.is_reference_text(text_path)
    if default_out and not own_text:
        raise ZhDiscourseError(
            f"{paths.relative(text_path)} is not the study's text; refusing to overwrite figures/ "
            "(give another folder: make reproduce TEXT=... OUT=somewhere/)")
    if in_place is None:
        in_place = default_out and own_text
    nbs = find_notebooks() if notebooks is None else list(notebooks)
    if not nbs:
        raise ZhDiscourseError("no notebooks found in notebooks/")

    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".reproduce-", dir=out_dir))
    server = None
    shared = fork if isinstance(fork, ForkServer) else None
    forked = 0
    try:
        def env_for(nb_path: Path) -> dict[str, str]:
            return kernel_env(text_path, staging, nb_path.stem)

        # The fork server first: its imports (seconds, one core) overlap with what this process does until
        # the first kernel is asked for (the kernel client's imports, the workers, reading the notebooks).
        if shared is None and fork:
            server = fork_server(env_for(nbs[0]))
        log(f"reproduce: {len(nbs)} notebooks on {paths.relative(text_path)} -> {paths.relative(out_dir)}/")
        done: dict[Path, object] = {}
        # Each notebook runs in its own worker process (not a thread): two kernel clients sharing one
        # process's event loop and ZeroMQ context occasionally stalled until the cell timeout.
        # One line per notebook as it finishes (not in submission order), with its wall time.
        ctx = worker_context()
        width = len(str(len(nbs)))
        active = shared or server
        address = active.address if active is not None else None
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(nbs))), mp_context=ctx) as pool:
            futures = [pool.submit(_run_timed, nb_path, env_for(nb_path), address) for nb_path in run_order(nbs)]
            times: dict[Path, float] = {}
            try:
                for fut in as_completed(futures):
                    nb_path, nb, seconds = fut.result()
                    done[nb_path] = nb
                    times[nb_path] = seconds
                    log(f"  [{len(done):>{width}}/{len(nbs)}] {_shown(nb_path)}  {seconds:5.1f} s")
            except BaseException:
                for fut in futures:
                    fut.cancel()
                raise
        results = [(nb_path, done[nb_path]) for nb_path in nbs]
        _record_seconds(times)
        if active is not None:
            try:
                stats = active.stats(since_last=True)
            except ForkUnavailable as exc:
                stats = {"forked": 0, "declined": len(nbs), "reason": str(exc)}
            forked = stats["forked"]
            if stats["declined"]:
                log(f"reproduce: {stats['declined']} of {len(nbs)} kernels started the ordinary way "
                    f"({stats['reason']})")
        if server is not None:
            server.close()
            server = None

        # Every notebook ran: replace the old figures with the new ones.
        new = base.read_manifest(staging)
        ran = {p.stem for p in nbs}
        if notebooks is None:
            base.clear_manifest(out_dir, delete_files=True)
        else:  # a partial run replaces only the figures of the notebooks it ran
            keep, drop = [], []
            new_names = {r["name"] for r in new}
            for rec in base.read_manifest(out_dir):
                (drop if rec["notebook"] in ran or rec["name"] in new_names else keep).append(rec)
            for rec in drop:
                for f in rec["files"]:
                    (out_dir / f).unlink(missing_ok=True)
            base.clear_manifest(out_dir)
            for rec in keep:
                base.record_figure(rec["name"], rec["files"], caption=rec["caption"],
                                   notebook=rec["notebook"], out_dir=out_dir)
        for rec in new:
            for f in rec["files"]:
                shutil.move(str(staging / f), str(out_dir / f))
        for rec in new:
            base.record_figure(rec["name"], rec["files"], caption=rec["caption"], notebook=rec["notebook"],
                               out_dir=out_dir)
        findings.merge(staging, out_dir, None if notebooks is None else ran)  # the notebooks' key numbers
        note = "" if own_text else f"Study run on `{text_path.name}` (not the project's own text)."
        base.write_figures_readme(out_dir, note=note)
        if (out_dir / ".figures.lock").exists():
            (out_dir / ".figures.lock").unlink()

        for nb_path, nb in results:
            if in_place:
                target = nb_path
            else:
                rel = nb_path.relative_to(paths.notebooks_dir())
                target = out_dir / "notebooks" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
    finally:
        if server is not None:
            server.close()
        shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - t0
    n_files = sum(len(r["files"]) for r in base.read_manifest(out_dir))
    summary = {"notebooks": len(nbs), "figures": len(base.read_manifest(out_dir)), "files": n_files,
               "seconds": round(seconds, 1), "out": str(out_dir), "in_place": in_place, "forked": forked}
    log(f"reproduce: {summary['notebooks']} notebooks, {summary['figures']} figures ({n_files} files) "
        f"in {seconds:.1f} s")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zhdiscourse.study.reproduce", description=__doc__.split("\n\n")[0])
    ap.add_argument("--text", default=None, help=f"text to study (default {paths.DEFAULT_TEXT})")
    ap.add_argument("--out", default=None, help="figures folder (default figures/)")
    ap.add_argument("--only", default=None, help="comma-separated notebook name prefixes, e.g. 01,02")
    ap.add_argument("--no-solutions", action="store_true", help="skip notebooks/solutions/")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    ap.add_argument("--no-fork", action="store_true", help="start every kernel as a fresh process "
                    "(by default they are forked from a warm parent where the platform allows it)")
    args = ap.parse_args(argv)
    try:
        nbs = None
        if args.only or args.no_solutions:
            nbs = find_notebooks(solutions=not args.no_solutions, only=args.only)
        reproduce(args.text or None, args.out or None, notebooks=nbs, jobs=args.jobs, fork=not args.no_fork)
    except ZhDiscourseError as exc:
        print(f"zhdiscourse.study.reproduce: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
