"""``python -m zhdiscourse`` ends the process without tearing down what the command built
(``cli.end_process``): the same output and exit status as the interpreter's normal exit.

Each program below runs in its own process, forked from one interpreter that has imported ``zhdiscourse.cli``
(:func:`programs`: importing the library costs ≈ 0.6 s of CPU, once instead of once per program); the forked
process runs the program as ``python -c`` would, as its ``__main__`` code, and ends the way that program ends it —
``end_process`` or the interpreter's own exit. ``test_the_command_line`` starts ``python -m zhdiscourse`` itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

#: The interpreter that forks one process per program: reads one JSON request per line (``code``, and
#: ``close_after``: close the program's standard output after reading that many characters), answers one JSON line
#: (``returncode``, ``stdout``, ``stderr``). The forked process runs ``code``; an exception it raises (``SystemExit``
#: included) leaves the server's loop, so the process ends through the interpreter's normal exit.
_SERVER = textwrap.dedent("""
    import json, os, sys
    import zhdiscourse.cli  # what every program imports first

    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    for line in sys.stdin:
        req = json.loads(line)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            # the program's process: standard streams of its own, and __main__ holding its names only
            answers.close()
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0), os.dup2(out_w, 1), os.dup2(err_w, 2)
            for fd in (null, out_r, out_w, err_r, err_w):
                os.close(fd)
            _ns, _code = vars(sys.modules["__main__"]), req["code"]
            for k in [k for k in _ns if not k.startswith("__") and k not in ("_ns", "_code")]:
                del _ns[k]
            _ns.pop("k", None)
            exec(compile(_code, "<string>", "exec"), _ns)
            break  # the program ran to its end: the interpreter's exit follows, as for python -c
        os.close(out_w), os.close(err_w)
        with os.fdopen(out_r, encoding="utf-8") as out:
            got = out.read() if req["close_after"] is None else out.read(req["close_after"])
        with os.fdopen(err_r, encoding="utf-8") as err:
            text = err.read()
        _pid, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status), "stdout": got, "stderr": text})
                      + "\\n")
        answers.flush()
""")


class _Programs:
    """One server process (:data:`_SERVER`); :meth:`run` runs a program in a process forked from it."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def run(self, code: str, close_after: int | None = None) -> subprocess.CompletedProcess:
        self.proc.stdin.write(json.dumps({"code": code, "close_after": close_after}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read()[-3000:]
        got = json.loads(line)
        return subprocess.CompletedProcess(code, got["returncode"], got["stdout"], got["stderr"])

    def close(self) -> None:
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0, self.proc.stderr.read()[-3000:]
        self.proc.stdout.close(), self.proc.stderr.close()


@pytest.fixture(scope="module")
def programs():
    p = _Programs()
    yield p
    p.close()


_WRITE = ("import atexit, sys\n"
          "from zhdiscourse.cli import end_process\n"
          "atexit.register(lambda: print('exit handler ran'))\n"
          "sys.stdout.write('要' * 300000)\n"
          "print('note', file=sys.stderr)\n")


@pytest.mark.parametrize("code", [0, 2, 130])
def test_the_exit_status_output_and_exit_handlers(programs, code):
    fast = programs.run(_WRITE + f"end_process({code})")
    normal = programs.run(_WRITE + f"sys.exit({code})")
    assert fast.returncode == normal.returncode == code
    assert fast.stdout == normal.stdout == "要" * 300000 + "exit handler ran\n"
    assert fast.stderr == normal.stderr == "note\n"


def test_another_thread_gets_the_normal_exit(programs):
    """A thread still running is waited for, as the interpreter's exit does."""
    r = programs.run("import threading, time, sys\n"
                     "from zhdiscourse.cli import end_process\n"
                     "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
                     "end_process(3)")
    assert r.returncode == 3 and r.stdout == "thread done\n"


def test_a_closed_pipe_is_reported_as_by_the_normal_exit(programs):
    outs = []
    for end in ("end_process(0)", "sys.exit(0)"):
        r = programs.run("import sys\nfrom zhdiscourse.cli import end_process\n"
                         "sys.stdout.write('x' * 1000000)\n" + end, close_after=10)
        outs.append((r.returncode, r.stderr.splitlines()[-1:] if r.stderr else []))
    assert outs[0] == outs[1]


def test_the_command_line(speech_path, tmp_path):
    """``python -m zhdiscourse``: a whole JSON text and exit status 0; a missing path: one line and 2."""
    r = subprocess.run([sys.executable, "-m", "zhdiscourse", "structure", str(speech_path), "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.rstrip().endswith("}") and r.stderr == ""
    r = subprocess.run([sys.executable, "-m", "zhdiscourse", "patterns", str(tmp_path / "none.txt")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and r.stdout == ""
