"""The CLI tests' ways to run a command (imported by name, like ``toy_tables``):

* ``run(capsys, "freq", path, "--json")`` → ``(exit code, stdout, stderr)``;
* ``command("freq", path, "--json")`` → a ``subprocess.CompletedProcess`` (``returncode``, ``stdout``,
  ``stderr``), for tests written against ``python -m zhdiscourse``.

Both call :func:`zhdiscourse.cli.main` in the test's process: an interpreter per command cost 1.5 s of
start-up each (the start-up itself is tested in a fresh interpreter: ``tests/tokenize/test_segment.py``,
``tests/text/test_structure.py``, the named pipe of ``tests/cli/test_input_cli.py``). ``command`` gives what
the process would give: ``python -m zhdiscourse`` is ``sys.exit(main())``; argparse's exit is the exit
code; an exception that would be a traceback fails the test; and a warning that Python's default filters
would print lands in ``stderr``, where the tests see it (e.g. "one line on stderr")."""

from __future__ import annotations

import contextlib
import io
import subprocess
import warnings

from zhdiscourse.cli import main

#: Python's default warning filters (what a fresh ``python -m zhdiscourse`` prints and what it hides)
_PYTHON_DEFAULT_FILTERS = (("ignore", DeprecationWarning), ("ignore", PendingDeprecationWarning),
                           ("ignore", ImportWarning), ("ignore", ResourceWarning))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def command(*argv) -> subprocess.CompletedProcess:
    args = [str(a) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        warnings.resetwarnings()
        warnings.simplefilter("default")
        for action, category in _PYTHON_DEFAULT_FILTERS:
            warnings.simplefilter(action, category)
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    shown = "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line) for w in caught)
    return subprocess.CompletedProcess(["python", "-m", "zhdiscourse", *args], code, out.getvalue(),
                                       shown + err.getvalue())
