"""The command line speaks the study's words (part, sub-point), explains every option, and points at the
command that went wrong (issue 17)."""

from __future__ import annotations

import json
import re

import pytest

from zhdiscourse import __version__
from zhdiscourse.cli import build_parser, main


def _commands():
    return build_parser().get_default("_commands")


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse errors, --help, --version
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_option_has_help_and_no_markup(name):
    sub = _commands()[name]
    for action in sub._actions:
        assert action.help, f"{name} {action.option_strings or action.dest}: no help"
    text = sub.format_help()
    assert "``" not in text and ":func:" not in text and ":mod:" not in text, text  # no raw reST
    assert not re.search(r"\bissue \d", text), text


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"zhdiscourse {__version__}"


def test_a_misspelt_option_shows_the_command_usage(capsys, speech_path):
    code, _, err = run(capsys, "kwic", str(speech_path), "坚决", "--windw", "5")
    assert code == 2
    assert err.startswith("usage: zhdiscourse kwic "), err
    assert "unrecognized arguments: --windw 5" in err and "--window" in err


@pytest.mark.parametrize("study, library", [("part", "section"), ("sub-point", "subsection")])
def test_by_accepts_the_studys_words_and_the_old_names(capsys, speech_path, study, library):
    outs = []
    for by in (study, library):
        code, out, _ = run(capsys, "tfidf", str(speech_path), "--by", by, "--top", "1", "--json")
        assert code == 0
        outs.append(json.loads(out))
    assert outs[0] == outs[1]
    code, out, _ = run(capsys, "tfidf", str(speech_path), "--by", study, "--top", "1")
    assert out.splitlines()[0] == f"TF-IDF top 1 terms per {study}"


def test_an_unknown_unit_is_named_in_the_studys_words(capsys, speech_path):
    code, _, err = run(capsys, "keyness", str(speech_path), "--by", "chapter")
    assert code == 2 and "usage: zhdiscourse keyness" in err
    assert "choose from part, sub-point, segment, sentence" in err


def test_freq_counts_content_words_by_default(capsys, speech_path):
    code, out, _ = run(capsys, "freq", str(speech_path), "--top", "20", "--json")
    rows = json.loads(out)["frequencies"]
    content = [r["token"] for r in rows]
    code2, out2, _ = run(capsys, "freq", str(speech_path), "--top", "20", "--json", "--all-tokens")
    every = [r["token"] for r in json.loads(out2)["frequencies"]]
    assert code == code2 == 0
    assert not {"的", "要", "和"} & set(content) and {"的", "要", "和"} <= set(every)
    # the same list the study's content-word filter gives
    from zhdiscourse import load_speech, tokens
    from zhdiscourse.tokenize.table import content_tokens

    expected = content_tokens(tokens(load_speech(speech_path)))["token"].value_counts()
    assert [r["count"] for r in rows] == list(expected.iloc[:20])
    assert all(expected[r["token"]] == r["count"] for r in rows)


def test_readable_tables_name_the_part_column_part(capsys, speech_path):
    code, out, _ = run(capsys, "freq", str(speech_path), "--by", "part", "--top", "1")
    header = out.splitlines()[1].split()
    assert code == 0 and header[0] == "part" and "section" not in header


def test_the_command_table_names_what_each_module_registers():
    """``COMMAND_MODULES`` lists each module's commands exactly, in ``--help`` order; the parser of one
    command has the commands of that module only, with the same options as in the full parser."""
    import argparse

    from zhdiscourse.cli import COMMAND_MODULES, command_module

    listed = []
    for name, commands in COMMAND_MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers()
        command_module(name).register(sub)
        assert tuple(sub.choices) == commands, name
        listed += commands
    assert list(_commands()) == listed
    full = _commands()
    for name, commands in COMMAND_MODULES.items():
        one = build_parser(commands[0]).get_default("_commands")
        assert tuple(one) == commands
        for c in commands:
            assert one[c].format_help() == full[c].format_help()
    assert list(build_parser("no-such-command").get_default("_commands")) == listed


def test_a_command_imports_its_own_module_only():
    """``patterns`` runs without importing the report (and matplotlib with it); ``--help`` lists every
    command. In a fresh interpreter, since this one has imported everything already."""
    import ast
    import subprocess
    import sys

    code = ("import sys\nfrom zhdiscourse.cli import main\n"
            "try:\n    main(['patterns', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('zhdiscourse.cli.', 'matplotlib', 'zhdiscourse.report'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = ast.literal_eval(out.strip().splitlines()[-1])
    assert loaded == ["zhdiscourse.cli.common", "zhdiscourse.cli.patterns"], loaded


def test_the_collector_thresholds_are_restored(capsys, speech_path, tmp_path):
    """A command runs with the CLI's garbage-collector thresholds; whoever called ``main`` gets theirs back,
    after an error too."""
    import gc

    from zhdiscourse.cli import GC_THRESHOLDS

    before = gc.get_threshold()
    assert before != GC_THRESHOLDS
    assert run(capsys, "structure", str(speech_path), "--json")[0] == 0
    assert gc.get_threshold() == before
    assert run(capsys, "structure", str(tmp_path / "missing.txt"))[0] == 2
    assert gc.get_threshold() == before
