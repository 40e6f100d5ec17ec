"""Notebook kernels forked from a warm parent: the imports are paid once per run, not once per notebook.

Why
    Every notebook runs in a fresh ``python3`` ipykernel. A fresh kernel spends about a second of CPU
    before the notebook computes anything: starting Python and ipykernel, then importing pandas,
    matplotlib, scipy, scikit-learn, pyarrow and the library, then building the segmenter. A run of 18
    notebooks pays that 18 times. Here a *fork server* (a "zygote") pays it once and forks one child per
    notebook; the child becomes an ordinary ipykernel.

How
    :class:`ForkServer` starts the zygote: a fresh interpreter with the kernels' executable, interpreter
    options (those of the kernel spec's ``argv``) and environment, so the hash seed (fixed when an
    interpreter starts: ``PYTHONHASHSEED``) and everything a module reads from the environment when it is
    imported are the kernels' own. It sets ``MPLBACKEND`` exactly as ipykernel does before any import
    (the inline backend, unless the environment names one), imports the ``preload`` modules, calls the
    ``warm`` functions (e.g. ``zhdiscourse.tokenize.segment:get_segmenter``), and then serves requests on
    a Unix socket. It starts no thread, event loop or ZeroMQ context, and it checks that the imports did
    neither, opened no file, printed nothing, raised no warning that a kernel would show, bound no logging
    handler to stdout/stderr and imported no module that hooks into a running IPython when imported
    (``matplotlib_inline.backend_inline``, ``ipywidgets``): when one of these fails it declines every
    request, saying why on its stderr, and kernels start the ordinary way.

    :class:`ForkProvisioner` is a jupyter_client kernel provisioner (a ``LocalProvisioner`` subclass,
    the documented extension point for how kernels are launched): its ``launch_kernel`` asks the server
    for a child on the connection file the kernel manager wrote, with the environment and working folder
    the manager asked for, and the standard output and error the launcher would give it (passed over the
    socket). ``poll``, ``wait``, ``send_signal``, ``kill`` and ``terminate`` act on that child and its
    process group as they would on a ``Popen``; the server reaps a child only when asked for its exit
    status, so its pid is never reused while a manager may still signal it. When the server declines a
    request (or cannot be reached) the provisioner launches the kernel the ordinary way.
    :class:`ForkKernelManager` is nbclient's ``kernel_manager_class`` with that provisioner
    (``ForkKernelManager.fork_server`` = the server's address).

What the child does
    It starts a new session (as the launcher's ``start_new_session``), puts the passed descriptors on
    0, 1 and 2 (stdin a pipe from the launching process that nobody writes, as the launcher's; stdout
    and stderr those of the launching process), closes the server's
    sockets, moves to the requested folder, replaces ``os.environ`` by the requested environment (plus
    the variables the preloaded modules set when imported, e.g. scikit-learn's ``KMP_*``), restores the
    signal handlers of a fresh interpreter, reseeds numpy's global generator (``random`` reseeds itself
    after a fork), sets ``sys.orig_argv`` to the kernel command and ``sys.path`` to a fresh ``python -m``
    path (the working folder first), and runs ``ipykernel_launcher`` as ``__main__`` with the command's
    arguments (:func:`runpy.run_module`), as ``python -m ipykernel_launcher`` does. It then ends like a
    fresh kernel (non-daemon threads joined, atexit handlers, open files flushed, status 0), but by
    ``os._exit`` as multiprocessing's forked children do, without freeing the heap it shares with the server
    (:func:`_exit_like_the_interpreter`); an exception out of the launcher ends it the normal way.

    The server declines a request whose command is not ``<its own interpreter and options> -m
    ipykernel_launcher ...``, whose environment differs from its own in a variable not named
    ``volatile`` (by contract read only while the notebook runs, never on import: here ``ZHD_NOTEBOOK``,
    and ``JPY_*`` of jupyter) or lacks a fixed ``PYTHONHASHSEED`` (a fresh kernel's hash seed would be
    random), or whose working folder holds a ``matplotlibrc`` or a module that shadows a preloaded one.

Known differences from a fresh kernel, none visible in a notebook's outputs: the preloaded objects are
in the garbage collector's permanent generation (``gc.freeze()``, as recommended for pre-fork servers:
``gc.get_objects()`` does not list them and cycles among them are never collected); the kernel's parent
process is the server (jupyter's ``JPY_PARENT_PID`` still names the launcher; ipykernel then watches for its
parent becoming init, which happens when the server ends); the native threads that numpy's OpenBLAS and
pyarrow's jemalloc start on import are re-created or stopped by their own fork handlers; the Python
stack under the kernel is a few frames deeper.

Platforms
    Linux only (``os.fork``, ``socket.send_fds``, ``SOCK_SEQPACKET``). On macOS a fork without exec
    of a process that has imported system frameworks is unsafe (why multiprocessing defaults to spawn
    there), and Windows has no fork: :func:`fork_supported` is false and the caller launches kernels the
    ordinary way.

This module imports only the standard library and jupyter_client at the top, because the server runs
it as a script (``python <options> forkkernel.py --fd N ...``): importing the package first would import
matplotlib before ``MPLBACKEND`` is set.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # run as the server: the script's folder is not on a kernel's path
    del sys.path[0]

import asyncio
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Iterable, Mapping

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode

#: What ipykernel puts in ``MPLBACKEND`` when the environment names no backend (``init_gui_pylab``).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
#: Modules that register themselves with a running IPython when imported: never in the server.
HOOKS_INTO_IPYTHON = ("matplotlib_inline.backend_inline", "ipywidgets")
#: What a kernel imports before it runs a cell, preloaded by every server, except ipykernel's own modules
#: (``ipykernel.kernelapp`` reads ``JPY_PARENT_PID`` when imported) and debugpy's (pydevd creates a
#: thread object when imported, which would shift the numbers in the kernel's thread names).
KERNEL_MODULES = (
    "IPython", "IPython.core.interactiveshell", "IPython.core.shellapp", "IPython.core.application",
    "IPython.core.magics", "IPython.core.magics.code", "IPython.core.completer", "IPython.core.completerlib",
    "IPython.core.debugger", "IPython.core.history", "IPython.core.profiledir", "IPython.core.crashhandler",
    "IPython.core.payloadpage", "IPython.core.usage", "IPython.core.logger", "IPython.core.oinspect",
    "IPython.extensions.storemagic", "IPython.utils.tokenutil", "IPython.utils.wildcard", "comm", "debugpy",
    "jupyter_client", "jupyter_client.session", "tornado.ioloop", "tornado.queues", "tornado.platform.asyncio",
    "zmq", "zmq.asyncio", "zmq.eventloop.zmqstream", "sqlite3", "pdb", "encodings.idna", "http.server",
    "xmlrpc.server", "mimetypes")
#: Modules that ask ``get_ipython()`` when imported, and what they ask: while the server imports them,
#: the built-in ``get_ipython`` answers with an object that has a ``kernel`` attribute, as in a kernel
#: (pandas then registers ``display.max_columns`` = 20, a kernel's default, not 0, a terminal's). Any
#: other module that asks whether IPython runs while it is imported makes the server decline.
ASKS_IPYTHON = {"pandas.core.config_init": "is_terminal(): hasattr(get_ipython(), 'kernel')"}
#: Environment variables that jupyter sets per kernel; they may differ between requests.
JUPYTER_PREFIX = "JPY_"
#: How long a client waits for the server to answer (it may still be importing when asked first).
REQUEST_TIMEOUT = 300.0
STATUS_TIMEOUT = 30.0
_MAX_MESSAGE = 1 << 20


class ForkUnavailable(Exception):
    """The fork server cannot serve this request; launch the kernel the ordinary way."""


def fork_supported() -> bool:
    """True where kernels can be forked from a warm parent (Linux with ``os.fork``)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(socket, "send_fds")
            and hasattr(socket, "SOCK_SEQPACKET"))


# --------------------------------------------------------------------------------------------------
# Client side: the server's process, requests, the provisioner
# --------------------------------------------------------------------------------------------------


def _request(address: str, message: dict, fds: Iterable[int] = (), timeout: float = REQUEST_TIMEOUT) -> dict:
    data = json.dumps(message).encode("utf-8")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
            fds = list(fds)
            if fds:
                socket.send_fds(sock, [data], fds)
            else:
                sock.sendall(data)
            reply = sock.recv(_MAX_MESSAGE)
    except OSError as exc:
        raise ForkUnavailable(f"fork server at {address}: {exc}") from exc
    if not reply:
        raise ForkUnavailable(f"fork server at {address} closed the connection")
    return json.loads(reply)


def interpreter_prefix(kernel_cmd: list[str]) -> list[str]:
    """The interpreter and its options of a ``... -m ipykernel_launcher ...`` command (``[]`` otherwise)."""
    cmd = [os.path.expanduser(s) for s in kernel_cmd]
    for i in range(1, len(cmd) - 1):
        if cmd[i] == "-m":
            return cmd[:i] if cmd[i + 1] == "ipykernel_launcher" else []
    return []


def kernel_command(kernel_name: str = "python3") -> list[str]:
    """The kernel spec's ``argv`` with ``python``/``python3`` replaced by this interpreter, as
    jupyter_client's ``format_kernel_cmd`` does."""
    from jupyter_client.kernelspec import KernelSpecManager

    cmd = list(KernelSpecManager().get_kernel_spec(kernel_name).argv)
    if cmd and cmd[0] in {"python", f"python{sys.version_info[0]}", "python%i.%i" % sys.version_info[:2]}:
        cmd[0] = sys.executable
    return cmd


class ForkServer:
    """A fork server ("zygote") for kernels of ``kernel_name`` with environment ``env``.

    ``preload``: modules to import, in order; ``warm``: ``"module:function"`` names called without
    arguments after the imports; ``volatile``: environment variables that may differ between requests
    (besides jupyter's ``JPY_*``). Use as a context manager, or :meth:`start` and :meth:`close`;
    :attr:`address` goes to :class:`ForkKernelManager`. The server answers requests as soon as its
    imports are done; requests made earlier wait.
    """

    def __init__(self, env: Mapping[str, str], *, preload: Iterable[str] = (), warm: Iterable[str] = (),
                 volatile: Iterable[str] = (), kernel_name: str = "python3", cwd: str | os.PathLike | None = None):
        self.env = dict(env)
        self.preload = list(preload)
        self.warm = list(warm)
        self.volatile = list(volatile)
        self.kernel_name = kernel_name
        self.cwd = str(cwd) if cwd is not None else None
        self.address: str | None = None
        self.process: subprocess.Popen | None = None
        self._dir: str | None = None
        self._counted = {"forked": 0, "declined": 0}

    def start(self) -> "ForkServer":
        if not fork_supported():
            raise ForkUnavailable("kernels cannot be forked on this platform")
        prefix = interpreter_prefix(kernel_command(self.kernel_name))
        if not prefix:
            raise ForkUnavailable(f"kernel {self.kernel_name!r} is not started with -m ipykernel_launcher")
        self._dir = tempfile.mkdtemp(prefix="zhd-fork-")
        self.address = os.path.join(self._dir, "server")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            listener.bind(self.address)
            listener.listen(64)
            args = [*prefix, __file__, "--fd", str(listener.fileno()),
                    "--spec", json.dumps({"preload": self.preload, "warm": self.warm, "volatile": self.volatile})]
            # stdin stays open while this process lives: the server ends when it reads end of file
            self.process = subprocess.Popen(args, env=self.env, cwd=self.cwd, stdin=subprocess.PIPE,
                                            pass_fds=(listener.fileno(),))
        finally:
            listener.close()
        return self

    def stats(self, since_last: bool = False) -> dict:
        """The server's counts (``forked``, ``declined``), why it declined last (``reason``) and, when it
        declines every request, why (``refusal``). ``since_last``: the counts since the last call with
        ``since_last`` (a server serving several runs: those of the run just done)."""
        if self.address is None:
            raise ForkUnavailable("fork server not started")
        stats = _request(self.address, {"op": "stats"})
        if since_last:
            counted, self._counted = self._counted, {k: stats[k] for k in self._counted}
            stats.update({k: stats[k] - counted[k] for k in counted})
        return stats

    def close(self, timeout: float = 30.0) -> None:
        """End the server: it kills the kernels still running (their managers should have ended them)
        and reaps every child."""
        proc, self.process = self.process, None
        if proc is not None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._dir is not None:
            for name in os.listdir(self._dir):
                os.unlink(os.path.join(self._dir, name))
            os.rmdir(self._dir)
            self._dir = None

    def __enter__(self) -> "ForkServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


class ForkedKernel:
    """A forked kernel as ``subprocess.Popen`` shows a process, for :class:`LocalProvisioner`'s methods.

    Its exit status comes from the server (its parent), which reaps it only when asked here."""

    stdout = stderr = None

    def __init__(self, pid: int, address: str, stdin=None):
        self.stdin = stdin  # the writing end of the kernel's stdin pipe; closed by the provisioner's wait()
        self.pid = pid
        self.address = address
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = _request(self.address, {"op": "status", "pid": self.pid},
                                           timeout=STATUS_TIMEOUT)["returncode"]
            except ForkUnavailable:  # the server has ended: it reaped (or killed) its children
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.05)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """``LocalProvisioner`` that asks a :class:`ForkServer` for the kernel process.

    Everything before the launch (connection file, ports, command, environment) is the local
    provisioner's; only the process comes from a fork. When the server declines, or there is none, the
    kernel is launched as ``LocalProvisioner`` launches it."""

    fork_server = Unicode("", config=True, help="Address of a running ForkServer ('' = launch normally).")
    #: Why the last launch was not a fork (``None`` when it was).
    declined: str | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        self.declined = "no fork server"
        if self.fork_server and fork_supported():
            try:
                process = await asyncio.to_thread(self._fork, cmd, dict(kwargs))
            except ForkUnavailable as exc:
                self.declined = str(exc)
            else:
                self.declined = None
                self.process = process  # type: ignore[assignment]
                self.pid = self.pgid = process.pid  # the child leads its own session before the reply
                self.cwd = kwargs.get("cwd") or os.getcwd()
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)

    def _fork(self, cmd: list[str], kwargs: dict) -> ForkedKernel:
        env = dict(kwargs.pop("env", None) or os.environ)
        cwd = str(kwargs.pop("cwd", None) or os.getcwd())
        for key in ("extra_arguments", "kernel_id"):
            kwargs.pop(key, None)
        if kwargs.pop("independent", False) or any(v is not None for v in kwargs.values()):
            raise ForkUnavailable(f"launch options a fork does not reproduce: {sorted(kwargs)}")
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
        # as the launcher: stdin a pipe from this process (which nobody writes), stdout and stderr this
        # process's own
        stdin, to_stdin = os.pipe()
        try:
            reply = _request(self.fork_server, {"op": "fork", "cmd": [os.path.expanduser(s) for s in cmd],
                                                "env": env, "cwd": cwd}, fds=(stdin, 1, 2))
        except BaseException:
            os.close(to_stdin)
            raise
        finally:
            os.close(stdin)
        if "pid" not in reply:
            os.close(to_stdin)
            raise ForkUnavailable(reply.get("declined") or reply.get("error") or "no pid")
        return ForkedKernel(int(reply["pid"]), self.fork_server, stdin=os.fdopen(to_stdin, "wb"))


#: Seconds between two looks at whether a kernel asked to shut down has ended (jupyter_client: 0.1). A
#: look is one request to the fork server; a kernel ends 0.1–0.2 s after the request, so jupyter_client's
#: interval left every notebook of a run waiting up to 0.1 s longer than its kernel took.
SHUTDOWN_POLL = 0.01


class ForkKernelManager(AsyncKernelManager):
    """nbclient's kernel manager with a :class:`ForkProvisioner` on :attr:`fork_server`; it looks whether
    a kernel that was asked to shut down has ended every :data:`SHUTDOWN_POLL` seconds."""

    fork_server = Unicode("", config=True, help="Address of a running ForkServer ('' = launch normally).")

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        if self.fork_server:
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                               parent=self, fork_server=self.fork_server)

    async def _async_finish_shutdown(self, waittime: float | None = None, pollinterval: float = 0.1,
                                     restart: bool = False) -> None:
        await super()._async_finish_shutdown(waittime, min(pollinterval, SHUTDOWN_POLL), restart)

    finish_shutdown = _async_finish_shutdown


# --------------------------------------------------------------------------------------------------
# Server side (run as a script)
# --------------------------------------------------------------------------------------------------


def _thread_names() -> str:
    """Where the numbering of unnamed threads (``Thread-N``) stands."""
    import threading

    counter = getattr(threading, "_counter", None)
    return repr(getattr(counter, "__self__", counter))


def _signal_handlers() -> dict:
    return {s: h for s in signal.valid_signals() if (h := signal.getsignal(s)) is not None}


def _hooks() -> tuple:
    import threading
    import warnings

    return (sys.displayhook, sys.excepthook, sys.unraisablehook, threading.excepthook, warnings.showwarning)


class _KernelLike:
    """What the built-in ``get_ipython()`` returns in a kernel, as far as :data:`ASKS_IPYTHON` looks."""

    kernel = None


class _IPythonProbe:
    """While preloading: the built-in ``get_ipython`` of a kernel (for :data:`ASKS_IPYTHON`) and a note
    of every module that asks (``builtins.get_ipython``, or ``InteractiveShell.initialized``, which
    ``IPython.get_ipython`` calls). Both are put back as they were afterwards."""

    def __init__(self):
        self.unexpected: list[str] = []

    def _asked(self, how: str) -> None:
        frame = sys._getframe(2)
        module = frame.f_globals.get("__name__", "?")
        if module not in ASKS_IPYTHON or how != "builtin":
            self.unexpected.append(f"{module} ({how})")

    def __enter__(self):
        import builtins

        from IPython.core.interactiveshell import InteractiveShell

        self.had_builtin = "get_ipython" in builtins.__dict__
        self.builtin = builtins.__dict__.get("get_ipython")
        probe = self

        def get_ipython():
            probe._asked("builtin")
            return _KernelLike()

        def initialized(cls):
            probe._asked("IPython.get_ipython")
            return False

        builtins.get_ipython = get_ipython
        self.initialized = InteractiveShell.__dict__.get("initialized")
        InteractiveShell.initialized = classmethod(initialized)
        return self

    def __exit__(self, *exc):
        import builtins

        from IPython.core.interactiveshell import InteractiveShell

        if self.had_builtin:
            builtins.get_ipython = self.builtin
        else:
            del builtins.get_ipython
        if self.initialized is None:
            del InteractiveShell.initialized
        else:
            InteractiveShell.initialized = self.initialized
        return False


class _RecordingEnviron(os._Environ):  # type: ignore[name-defined,misc]
    """``os.environ`` that notes the names looked up (the same data: writes go to the real one)."""

    def __init__(self, base, read: set):
        super().__init__(base._data, base.encodekey, base.decodekey, base.encodevalue, base.decodevalue)
        self._read = read

    def __getitem__(self, key):
        self._read.add(key)
        return super().__getitem__(key)


def _fds() -> set[int]:
    return {int(fd) for fd in os.listdir("/proc/self/fd")}


class _Zygote:
    def __init__(self, listener: socket.socket, spec: dict, fresh_signals: dict):
        self.listener = listener
        self.volatile = set(spec.get("volatile", ()))
        self.env = dict(os.environ)  # as started: what a request's environment must equal
        self.cwd = os.getcwd()
        self.added_env: dict[str, str] = {}
        self.preloaded_tops: set[str] = set()
        self.refusal: str | None = None
        self.running: dict[int, int | None] = {}
        self.counts = {"forked": 0, "declined": 0}
        self.last_reason: str | None = None
        self.fresh_signals = fresh_signals  # a fresh interpreter's handlers, restored in each child
        try:
            self._prepare(spec.get("preload", ()), spec.get("warm", ()))
        except Exception as exc:  # noqa: BLE001 - the server then declines every request, saying why
            self.refusal = f"the fork server failed to prepare: {type(exc).__name__}: {exc}"
            print(f"zhdiscourse fork server: kernels start the ordinary way ({self.refusal})", file=sys.stderr,
                  flush=True)
        self.path = list(sys.path)  # a child's path: a fresh `python -m` path, the working folder added

    # -- preloading --------------------------------------------------------------------------------

    def _prepare(self, preload, warm) -> None:
        import importlib
        import logging
        import threading
        import warnings

        if not os.environ.get("MPLBACKEND"):
            os.environ["MPLBACKEND"] = INLINE_BACKEND  # what ipykernel sets before any notebook import
        env0 = dict(os.environ)
        fds0 = _fds()
        mods0 = set(sys.modules)
        hooks0 = _hooks()
        signals0 = _signal_handlers()
        names0 = _thread_names()
        filters0 = list(warnings.filters)
        self.kernel_filters = self.module_filters = filters0
        out = tempfile.TemporaryFile()
        saved = [os.dup(1), os.dup(2)]
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        problems: list[str] = []
        caught: list = []
        environ, read = os.environ, set()
        shown = warnings.showwarning
        # record the warnings a kernel would show (the filters stay as the imports leave them) and the
        # environment variables read while importing
        warnings.showwarning = lambda message, category, *a, **k: caught.append(f"{category.__name__}: {message}")
        os.environ = _RecordingEnviron(environ, read)
        probe = _IPythonProbe()
        try:
            for name in KERNEL_MODULES:
                importlib.import_module(name)
            self.kernel_filters = list(warnings.filters)
            with probe:
                for name in preload:
                    importlib.import_module(name)
                for name in warm:
                    module, _, func = name.partition(":")
                    getattr(importlib.import_module(module), func)()
        except Exception as exc:  # noqa: BLE001 - reported, and the server declines
            problems.append(f"preloading failed: {type(exc).__name__}: {exc}")
        finally:
            os.environ = environ
            warnings.showwarning = shown
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
        out.seek(0)
        printed = out.read()
        out.close()
        if printed:
            problems.append(f"preloading printed {printed[:120]!r}")
        if caught:
            problems.append(f"preloading warned: {caught[0]}")
        if probe.unexpected:
            problems.append(f"modules asked whether IPython runs while imported: {probe.unexpected}")
        volatile_read = sorted(k for k in read if isinstance(k, str)
                               and (k in self.volatile or k.startswith(JUPYTER_PREFIX)))
        if volatile_read:
            problems.append(f"preloading read {volatile_read} (set per kernel) from the environment")
        if _thread_names() != names0:
            problems.append("preloading created thread objects (the kernel's thread names would differ)")
        if threading.active_count() != 1:
            problems.append(f"preloading started threads: {[t.name for t in threading.enumerate()]}")
        opened = sorted(_fds() - fds0)
        if opened:
            problems.append(f"preloading left files open: {[self._fd_target(fd) for fd in opened]}")
        hooked = [m for m in HOOKS_INTO_IPYTHON if m in sys.modules]
        if hooked:
            problems.append(f"preloaded a module that hooks into IPython on import: {hooked}")
        if _hooks() != hooks0:
            problems.append("preloading replaced one of sys.displayhook, sys.excepthook, sys.unraisablehook, "
                            "threading.excepthook, warnings.showwarning")
        streams = {id(s) for s in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)}
        for name, logger in [("", logging.getLogger())] + list(logging.root.manager.loggerDict.items()):
            for h in getattr(logger, "handlers", ()):
                if id(getattr(h, "stream", None)) in streams:
                    problems.append(f"logger {name!r} writes to this process's stdout/stderr")
        changed = {s for s, h in _signal_handlers().items() if signals0.get(s) is not h}
        if changed:
            problems.append(f"preloading changed signal handlers: {sorted(changed)}")
        # Filters a module adds when imported go in front of the list. In a fresh kernel the notebook's
        # imports come after those of the kernel's start-up, which then adds its own: each child moves the
        # preloaded modules' filters back in front once the kernel has started (_KernelStart).
        self.module_filters = list(warnings.filters)
        added = len(self.module_filters) - len(self.kernel_filters)
        if (added < 0 or self.module_filters[added:] != self.kernel_filters
                or self.kernel_filters[len(self.kernel_filters) - len(filters0):] != filters0):
            problems.append("preloading changed the warning filters other than by adding to the front")
        self.refusal = "; ".join(problems) or None
        self.added_env = {k: v for k, v in os.environ.items() if env0.get(k) != v}
        self.preloaded_tops = {m.split(".")[0] for m in set(sys.modules) - mods0}
        import gc

        # The preloaded objects go to the collector's permanent generation: a child's collections (and
        # its interpreter's exit) then leave them alone instead of touching every one, which would copy
        # every page of the shared memory (its exit took 1.1-1.4 s of CPU, with this 0.25 s).
        gc.collect()
        gc.freeze()
        if self.refusal:
            print(f"zhdiscourse fork server: kernels start the ordinary way ({self.refusal})", file=sys.stderr,
                  flush=True)

    @staticmethod
    def _fd_target(fd: int) -> str:
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return str(fd)

    # -- requests ------------------------------------------------------------------------------------

    def decline_reason(self, req: dict) -> str | None:
        if self.refusal:
            return self.refusal
        cmd = req.get("cmd") or []
        prefix = list(sys.orig_argv[:sys.orig_argv.index(__file__)]) if __file__ in sys.orig_argv else None
        if (prefix is None or cmd[:len(prefix)] != prefix
                or cmd[len(prefix):len(prefix) + 2] != ["-m", "ipykernel_launcher"]):
            return f"kernel command {cmd[:len(prefix or []) + 2]} is not {prefix} -m ipykernel_launcher"
        env = req.get("env") or {}
        seed = env.get("PYTHONHASHSEED", "")
        if not seed.isdigit():
            return "PYTHONHASHSEED is not a fixed number (a fresh kernel would get a random hash seed)"
        for key in sorted(set(env) | set(self.env)):
            if key in self.volatile or key.startswith(JUPYTER_PREFIX):
                continue
            if env.get(key) != self.env.get(key):
                return f"environment variable {key} differs from the fork server's"
        cwd = Path(req.get("cwd") or "")
        if not cwd.is_dir():
            return f"no such folder: {cwd}"
        if "matplotlib" in self.preloaded_tops and ((cwd / "matplotlibrc").exists()
                                                    or Path(self.cwd, "matplotlibrc").exists()):
            return "a matplotlibrc in the working folder"
        for top in self.preloaded_tops:
            if (cwd / f"{top}.py").exists() or (cwd / top / "__init__.py").exists():
                return f"{cwd / top} would shadow the preloaded module {top}"
        return None

    def status(self, pid: int) -> int | None:
        if pid in self.running and self.running[pid] is None:
            try:
                done, code = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, code = pid, 0
            if done == pid:
                self.running[pid] = os.waitstatus_to_exitcode(code)
        return self.running.get(pid, -1)

    def serve(self):
        """Answer requests until stdin closes. Returns only in a forked child: the request to run."""
        import select

        while True:
            ready, _, _ = select.select([self.listener, 0], [], [])
            if 0 in ready and not os.read(0, 4096):
                self.shutdown()
                return None
            if self.listener in ready:
                conn, _ = self.listener.accept()
                child = self._answer(conn)
                if child is not None:
                    return child
                conn.close()

    def _answer(self, conn: socket.socket):
        fds: list[int] = []
        try:
            conn.settimeout(REQUEST_TIMEOUT)
            data, fds, _flags, _addr = socket.recv_fds(conn, _MAX_MESSAGE, 3)
            req = json.loads(data or b"{}")
            op = req.get("op")
            if op == "status":
                reply: dict = {"returncode": self.status(int(req["pid"]))}
            elif op == "stats":
                reply = dict(self.counts, refusal=self.refusal, reason=self.last_reason)
            elif op == "fork":
                reason = self.decline_reason(req) if len(fds) == 3 else "expected 3 descriptors"
                if reason:
                    self.counts["declined"] += 1
                    self.last_reason = reason
                    reply = {"declined": reason}
                else:
                    forked = self._fork(conn, req, fds)
                    if not isinstance(forked, int):
                        return forked  # the child
                    self.counts["forked"] += 1
                    reply = {"pid": forked}
            else:
                reply = {"error": f"unknown request {op!r}"}
        except Exception as exc:  # noqa: BLE001 - one bad request must not end the server
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        for fd in fds:
            os.close(fd)
        try:
            conn.sendall(json.dumps(reply).encode("utf-8"))
        except OSError:
            pass
        return None

    def _fork(self, conn: socket.socket, req: dict, fds: list[int]):
        rfd, wfd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            try:
                self._become_child(conn, req, fds)
                os.write(wfd, b"ok")
                os.close(wfd)
            except BaseException as exc:  # noqa: BLE001 - reported to the server, then this child ends
                os.write(wfd, f"{type(exc).__name__}: {exc}".encode("utf-8", "replace"))
                os._exit(70)
            return req
        os.close(wfd)
        answer = b""
        while True:
            chunk = os.read(rfd, 4096)
            if not chunk:
                break
            answer += chunk
        os.close(rfd)
        if answer != b"ok":
            os.waitpid(pid, 0)
            raise RuntimeError(f"forked kernel failed to start: {answer.decode('utf-8', 'replace')}")
        self.running[pid] = None
        return pid

    def _become_child(self, conn: socket.socket, req: dict, fds: list[int]) -> None:
        """Everything that makes the child a fresh kernel's process, before ipykernel starts."""
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        conn.close()
        self.listener.close()
        for sig, handler in self.fresh_signals.items():
            if signal.getsignal(sig) is not handler:
                signal.signal(sig, handler)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        for key, value in self.added_env.items():
            if key != "MPLBACKEND":  # ipykernel sets that one itself, to the same value
                os.environ.setdefault(key, value)
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()  # a fresh kernel's global generator is seeded from the OS
        import importlib

        importlib.invalidate_caches()

    def run_kernel(self, req: dict) -> None:
        """In the child: ``python <options> -m ipykernel_launcher <args>``, from here on."""
        import runpy

        cmd = list(req["cmd"])
        at = cmd.index("-m")
        sys.orig_argv = cmd
        sys.argv = ["-m", *cmd[at + 2:]]  # run_module sets argv[0] to the launcher's file, as -m does
        sys.path[:] = self.path
        _KernelStart(self.kernel_filters, self.module_filters).install()
        sys.path.insert(0, os.getcwd())  # python -m puts the working folder first (the launcher removes it)
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)

    def shutdown(self) -> None:
        for pid, code in list(self.running.items()):
            if code is None:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
        for pid, code in list(self.running.items()):
            if code is None:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass


class _KernelStart:
    """Once ipykernel has initialised (in a fresh kernel: before any notebook import), put the warning
    filters of the preloaded modules back in front of the kernel's, where the notebook's own imports
    would have put them. Wraps ``IPKernelApp.initialize`` for that one call, then puts it back."""

    def __init__(self, kernel_filters: list, module_filters: list):
        self.kernel_filters = kernel_filters
        self.module_filters = module_filters

    def install(self) -> None:
        from ipykernel.kernelapp import IPKernelApp  # reads JPY_* from this child's environment

        original = IPKernelApp.__dict__["initialize"]
        start = self

        def initialize(app, *args, **kwargs):
            IPKernelApp.initialize = original
            try:
                return original(app, *args, **kwargs)
            finally:
                start.reorder()

        IPKernelApp.initialize = initialize

    def reorder(self) -> None:
        import warnings

        filters = list(warnings.filters)
        n_mod, n_kernel = len(self.module_filters), len(self.kernel_filters)
        if filters[len(filters) - n_mod:] != self.module_filters:
            return  # the start-up took filters away: nothing to restore to
        ours = self.module_filters[:n_mod - n_kernel]
        warnings.filters[:] = ours + filters[:len(filters) - n_mod] + self.kernel_filters
        warnings._filters_mutated()  # type: ignore[attr-defined]


def _serve(argv: list[str]) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="forkkernel")
    ap.add_argument("--fd", type=int, required=True)
    ap.add_argument("--spec", default="{}")
    args = ap.parse_args(argv)
    fresh = _signal_handlers()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the run; the server ends on stdin EOF
    listener = socket.socket(fileno=args.fd)
    zygote = _Zygote(listener, json.loads(args.spec), fresh)
    req = zygote.serve()
    if req is not None:  # a forked child: become the kernel (the server's frames are left behind)
        zygote.run_kernel(req)
        _exit_like_the_interpreter()


#: the writable file objects flushed before a kernel ends (text layers first)
_FLUSHED = ("TextIOWrapper", "BufferedWriter", "BufferedRandom")


def _exit_like_the_interpreter() -> None:
    """End a forked kernel whose ``ipykernel_launcher`` has returned (status 0): what the interpreter does
    on a normal exit — wait for the non-daemon threads, run the ``atexit`` handlers, flush every writable file
    still open — then ``os._exit(0)``, as multiprocessing's forked children end. Skipped: tearing down the
    heap the kernel shares with the server (freeing every module and object, 0.1 s of CPU a kernel, during
    which the kernel's manager waits for it to end)."""
    import atexit
    import gc
    import io
    import threading

    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    kinds = tuple(getattr(io, name) for name in _FLUSHED)
    files = [o for o in gc.get_objects() if type(o) in kinds]  # objects made since the fork (gc.freeze())
    files.sort(key=lambda f: kinds.index(type(f)))
    for f in [sys.stdout, sys.stderr, *files, sys.__stdout__, sys.__stderr__]:
        try:
            if f is not None and not f.closed:
                f.flush()
        except Exception:  # noqa: BLE001 - a file that cannot be flushed would not be at exit either
            pass
    os._exit(0)


if __name__ == "__main__":
    _serve(sys.argv[1:])
