"""The CLI tests' one way to run a command: ``run(capsys, "freq", path, "--json")`` → ``(exit code, stdout,
stderr)`` (imported by name, like ``toy_tables``)."""

from __future__ import annotations

from zhdiscourse.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
