"""``python -m zhdiscourse`` ends the process without tearing down what the command built
(``cli.end_process``): the same output and exit status as the interpreter's normal exit."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _python(code: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, **kw)


_WRITE = ("import atexit, sys\n"
          "from zhdiscourse.cli import end_process\n"
          "atexit.register(lambda: print('exit handler ran'))\n"
          "sys.stdout.write('要' * 300000)\n"
          "print('note', file=sys.stderr)\n")


@pytest.mark.parametrize("code", [0, 2, 130])
def test_the_exit_status_output_and_exit_handlers(code):
    fast = _python(_WRITE + f"end_process({code})")
    normal = _python(_WRITE + f"sys.exit({code})")
    assert fast.returncode == normal.returncode == code
    assert fast.stdout == normal.stdout == "要" * 300000 + "exit handler ran\n"
    assert fast.stderr == normal.stderr == "note\n"


def test_another_thread_gets_the_normal_exit():
    """A thread still running is waited for, as the interpreter's exit does."""
    r = _python("import threading, time, sys\n"
                "from zhdiscourse.cli import end_process\n"
                "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
                "end_process(3)")
    assert r.returncode == 3 and r.stdout == "thread done\n"


def test_a_closed_pipe_is_reported_as_by_the_normal_exit():
    outs = []
    for end in ("end_process(0)", "sys.exit(0)"):
        p = subprocess.Popen([sys.executable, "-c", "import sys\nfrom zhdiscourse.cli import end_process\n"
                              "sys.stdout.write('x' * 1000000)\n" + end],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        p.stdout.read(10)
        p.stdout.close()
        err = p.stderr.read()
        p.stderr.close()
        outs.append((p.wait(), err.splitlines()[-1:] if err else []))
    assert outs[0] == outs[1]


def test_the_command_line(speech_path, tmp_path):
    """``python -m zhdiscourse``: a whole JSON text and exit status 0; a missing path: one line and 2."""
    r = subprocess.run([sys.executable, "-m", "zhdiscourse", "structure", str(speech_path), "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.rstrip().endswith("}") and r.stderr == ""
    r = subprocess.run([sys.executable, "-m", "zhdiscourse", "patterns", str(tmp_path / "none.txt")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and r.stdout == ""
