"""docs/teaching.md must not drift from the code: every command in its code blocks must still exist.

Checked for each shell line of a fenced code block:

* ``python -m zhdiscourse <cmd> …`` / ``zhdiscourse <cmd> …``: the whole argument list is parsed by the
  real CLI parser (``zhdiscourse.cli.build_parser``), so a renamed command, a removed option or a
  missing positional argument fails here (nothing is executed);
* ``python -m zhdiscourse.<module> …``: the module exists and defines every ``--option`` used;
* ``make <target> [VAR=value …]``: the target is a rule of the Makefile and every variable is one the
  Makefile uses;
* project paths named in commands (``data/…``, ``docs/…``, ``notebooks/…``, ``tests/…``) exist.

The checker itself is tested on a made-up document with a wrong command of each kind.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "teaching.md"
MAKEFILE = ROOT / "Makefile"

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```", re.M | re.S)
ENV_ASSIGN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
PROJECT_DIRS = ("data/", "docs/", "notebooks/", "tests/", "src/", "bench/")


def code_lines(markdown: str) -> list[str]:
    """Shell command lines of the fenced code blocks (bash, sh, shell, console or no language)."""
    lines = []
    for lang, body in FENCE.findall(markdown):
        if lang not in ("", "bash", "sh", "shell", "console"):
            continue
        for line in body.splitlines():
            line = line.strip()
            if line.startswith("$ "):
                line = line[2:]
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def commands(line: str) -> list[list[str]]:
    """Split one shell line into simple commands (on &&, ||, ;, |), comments and env assignments removed."""
    words = shlex.split(line, comments=True)
    out, cur = [], []
    for w in words:
        if w in ("&&", "||", ";", "|"):
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        out.append(cur)
    cleaned = []
    for cmd in out:
        while cmd and ENV_ASSIGN.match(cmd[0]):
            cmd = cmd[1:]
        if cmd:
            cleaned.append(cmd)
    return cleaned


def makefile_targets_and_vars(text: str) -> tuple[set[str], set[str]]:
    targets = set()
    for m in re.finditer(r"^([A-Za-z0-9_.\- ]+):(?!=)", text, re.M):
        targets.update(t for t in m.group(1).split() if not t.startswith("."))
    phony = re.search(r"^\.PHONY:(.*)$", text, re.M)
    if phony:
        targets.update(phony.group(1).split())
    variables = set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)\s*[:?+]?=", text, re.M))
    variables |= set(re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", text))
    return targets, variables


def _is_zhdiscourse(word: str) -> bool:
    return Path(word).name == "zhdiscourse"


def _is_python(word: str) -> bool:
    return re.fullmatch(r"python(3(\.\d+)?)?", Path(word).name) is not None


def check_doc(markdown: str, makefile: str, root: Path = ROOT) -> tuple[list[str], dict[str, int]]:
    """Problems found in the doc's commands, and how many commands of each kind were checked."""
    from zhdiscourse.cli import build_parser

    parser = build_parser()
    targets, variables = makefile_targets_and_vars(makefile)
    problems: list[str] = []
    seen = {"cli": 0, "module": 0, "make": 0}
    for line in code_lines(markdown):
        for cmd in commands(line):
            args = None
            if _is_zhdiscourse(cmd[0]):
                args = cmd[1:]
            elif _is_python(cmd[0]) and cmd[1:3] == ["-m", "zhdiscourse"]:
                args = cmd[3:]
            elif _is_python(cmd[0]) and len(cmd) > 2 and cmd[1] == "-m" and cmd[2].startswith("zhdiscourse."):
                seen["module"] += 1
                mod = cmd[2]
                spec = importlib.util.find_spec(mod)
                if spec is None or not spec.origin:
                    problems.append(f"{line}: no module {mod}")
                    continue
                src = Path(spec.origin).read_text(encoding="utf-8")
                for opt in (a.split("=", 1)[0] for a in cmd[3:] if a.startswith("--")):
                    if f'"{opt}"' not in src and f"'{opt}'" not in src:
                        problems.append(f"{line}: {mod} has no option {opt}")
            elif cmd[0] == "make":
                seen["make"] += 1
                for a in cmd[1:]:
                    if a.startswith("-"):
                        continue
                    if "=" in a:
                        var = a.split("=", 1)[0]
                        if var not in variables:
                            problems.append(f"{line}: the Makefile does not use the variable {var}")
                    elif a not in targets:
                        problems.append(f"{line}: no make target {a!r}")
            if args is not None:
                seen["cli"] += 1
                if not args:
                    problems.append(f"{line}: no sub-command")
                    continue
                try:
                    parser.parse_args(args)
                except SystemExit:
                    problems.append(f"{line}: the CLI parser rejects {' '.join(args)!r}")
            for w in cmd[1:]:
                w = w.split("=", 1)[-1]
                if w.startswith(PROJECT_DIRS) and not any(ch in w for ch in "*?"):
                    if not (root / w).exists():
                        problems.append(f"{line}: no such path {w}")
    return problems, seen


@pytest.fixture(scope="module")
def doc() -> str:
    assert DOC.is_file(), "docs/teaching.md is missing"
    return DOC.read_text(encoding="utf-8")


def test_every_command_in_the_doc_exists(doc):
    problems, seen = check_doc(doc, MAKEFILE.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)
    # the doc really does contain commands of each kind (an empty extraction would pass vacuously)
    assert seen["cli"] >= 10 and seen["make"] >= 4 and seen["module"] >= 1, seen


def test_doc_names_every_make_target_students_need(doc):
    targets = {cmd[1] for line in code_lines(doc) for cmd in commands(line) if cmd[0] == "make" and len(cmd) > 1}
    assert {"setup", "lab", "html", "reproduce"} <= targets


def test_doc_has_the_required_sections(doc):
    for heading in ("45 minutes", "90 minutes", "Glossary", "conda", "another text"):
        assert heading.lower() in doc.lower(), heading
    glossary = doc.split("## 3. Glossary", 1)[1].split("\n## ", 1)[0]
    for term in ("Keyness", "G²", "Log ratio", "TF-IDF", "KWIC", "Dispersion", "Anaphora", "Epiphora",
                 "排比", "Collocation", "PMI", "NMF topic", "Stopword", "Token", "Segmentation"):
        assert f"**{term}" in glossary, term


def test_doc_refers_to_existing_notebooks_and_solutions(doc):
    nbs = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    sols = {p.name[:2] for p in (ROOT / "notebooks" / "solutions").glob("[0-9][0-9]-*.ipynb")}
    for nb, ex in re.findall(r"Ex\. (\d\d)\.(\d)", doc):
        assert nb in nbs and nb in sols, f"Ex. {nb}.{ex}: no notebook {nb} with solutions"
        src = next((ROOT / "notebooks").glob(f"{nb}-*.py")).read_text(encoding="utf-8")
        exercises = src.split("## Exercises", 1)[1]
        # an exercise is a Markdown item (``# 1. ``) or generated prose (``"1. **Warm-up.**``)
        assert re.search(rf'^# {ex}\. |^\s*\(?f?"{ex}\. \*\*|\+ "{ex}\. \*\*', exercises, re.M), \
            f"notebook {nb} has no exercise {ex}"


def test_the_checker_catches_drift():
    makefile = "TEXT ?= x\n.PHONY: setup html\nsetup: a\n\tdo\nhtml:\n\tdo\n"
    bad = "\n".join([
        "```bash",
        ".venv/bin/python -m zhdiscourse nosuchcommand data/raw/speech_2020-02-23.txt",
        "zhdiscourse kwic data/raw/speech_2020-02-23.txt 坚决 --no-such-option",
        "zhdiscourse structure",                       # missing PATH
        "make setup && make nosuchtarget",
        "make html NOSUCHVAR=1",
        "python -m zhdiscourse.nosuchmodule --x",
        "python -m zhdiscourse.study.reproduce --no-such-flag",
        "zhdiscourse structure data/raw/no_such_file.txt",
        "```",
        "```python",
        "zhdiscourse nosuchcommand  # python blocks are not shell: ignored",
        "```",
    ])
    problems, seen = check_doc(bad, makefile)
    joined = "\n".join(problems)
    assert len(problems) == 8, joined
    for fragment in ("nosuchcommand", "--no-such-option", "'structure'", "nosuchtarget", "NOSUCHVAR",
                     "no module zhdiscourse.nosuchmodule", "no option --no-such-flag", "no_such_file.txt"):
        assert fragment in joined, fragment
    good = "```bash\nZHDISCOURSE_LEXICON_DIR=/tmp/x .venv/bin/python -m zhdiscourse freq " \
           "data/raw/speech_2020-02-23.txt --top 3\nTEXT=a make setup\n```\n"
    assert check_doc(good, makefile + "setup:\n") == ([], {"cli": 1, "make": 1, "module": 0})


def test_command_splitting():
    assert commands("A=1 B=2 make reproduce TEXT=x OUT=y  # comment") == [["make", "reproduce", "TEXT=x", "OUT=y"]]
    assert commands("mkdir -p /tmp/x && cp -r a/. /tmp/x/") == [["mkdir", "-p", "/tmp/x"], ["cp", "-r", "a/.", "/tmp/x/"]]
    assert code_lines("text\n```bash\n# only a comment\nmake html\n```\n```python\nimport x\n```\n") == ["make html"]


def test_doc_has_context_questions_terms_and_method_notes(doc):
    for heading in ("## 0. The occasion and the genre", "## 5. Questions for discussion, with model answers",
                    "## 6. Term list", "## 7. Method notes · 方法说明"):
        assert heading in doc, heading
    questions = doc.split("## 5.", 1)[1].split("\n## ", 1)[0]
    assert questions.count("**Q") >= 5 and questions.count("Model answer") >= 5
    notes = doc.split("## 7.", 1)[1]
    assert sum(1 for ch in notes if "\u4e00" <= ch <= "\u9fff") > 300  # the notes are in Chinese too


def test_term_list_is_the_generated_one(doc):
    """The pinyin table is made by scripts/teaching_terms.py (pypinyin), not typed."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("teaching_terms", ROOT / "scripts" / "teaching_terms.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    table = mod.table()
    assert f"{mod.START}\n{table}\n{mod.END}" in doc, "run: .venv/bin/python scripts/teaching_terms.py"
    assert "| 疫情防控 | yìqíng fángkòng | epidemic prevention and control |" in table
    assert "| 湖北 | Húběi |" in table and "| 要 | yào |" in table


def test_every_number_marker_is_a_current_finding(doc):
    from zhdiscourse.study import findings

    problems, n = findings.check_markers(doc, findings.read(ROOT / "figures"))
    assert n >= 40 and not problems, problems
