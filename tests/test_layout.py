"""The package layout: stages import only the stages below them, no import cycles, no hidden internal
imports, no module named like a function its package exports, one part palette."""

from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "zhdiscourse"
# the package is parsed once per process (``_modules``, ≈ 1 s of CPU): one pytest-xdist worker runs every test here
pytestmark = pytest.mark.xdist_group("layout")

#: The floor of each top-level part of the package: a module may import only its own floor or lower.
FLOORS = {"errors": 0, "paths": 1, "util": 2, "lexicon": 2, "text": 3, "tokenize": 4, "stats": 5,
          "patterns": 5, "plots": 6, "report": 7, "study": 7, "cli": 8, "__init__": 9, "__main__": 9}


@functools.cache
def _modules() -> tuple[tuple[str, bool, ast.Module], ...]:
    """(module, is a package, its syntax tree) of every module, parsed once for all the checks here (read only)."""
    out = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        out.append((".".join(parts), is_pkg, ast.parse(path.read_text(encoding="utf-8"))))
    return tuple(out)


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> list[str]:
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    if node.level > 1:
        base = base[:len(base) - node.level + 1]
    target = ".".join(base + ([node.module] if node.module else []))
    return [target] if node.module else [f"{target}.{a.name}" for a in node.names]


#: Modules that import modules of their own package by name, from a table at the top of the module (a
#: literal dict whose keys are the module names), and the table's name. Those imports count as imports
#: of the module in every check below. ``zhdiscourse.cli`` imports a command's module only when that
#: command runs (so ``patterns`` does not load matplotlib for ``report``).
NAMED_IMPORTS = {"zhdiscourse.cli": "COMMAND_MODULES"}
#: Modules that import other modules by name only to pay their import cost ahead of time (the fork server of
#: ``zhdiscourse.study.forkkernel`` preloads what the notebooks import before it forks kernels): those imports
#: are warm-up, not dependencies, and no code of theirs uses the modules so imported.
PRELOADERS = {"zhdiscourse.study.forkkernel"}


def _named_imports(mod: str, tree: ast.Module) -> list[str]:
    """The modules of the :data:`NAMED_IMPORTS` table of ``mod``, as ``package.name``."""
    table = NAMED_IMPORTS.get(mod)
    if table is None:
        return []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == table \
                or isinstance(node, ast.Assign) and any(getattr(t, "id", None) == table for t in node.targets):
            assert isinstance(node.value, ast.Dict), f"{mod}.{table} is not a literal dict"
            return [f"{mod}.{ast.literal_eval(k)}" for k in node.value.keys]
    raise AssertionError(f"{mod} has no table {table}")


def _internal_imports():
    out = []
    for mod, is_pkg, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                for target in _resolve(mod, is_pkg, node):
                    out.append((mod, target, node))
        out += [(mod, target, None) for target in _named_imports(mod, tree)]
    return out


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_stages_import_only_lower_stages():
    bad = []
    for mod, target, _node in _internal_imports():
        a, b = _top(mod), _top(target)
        if a != b and FLOORS[b] >= FLOORS[a]:
            bad.append(f"{mod} -> {target}")
    assert not bad, "imports that run up or sideways between stages:\n" + "\n".join(bad)


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    names = {m for m, _p, _t in _modules()}
    for mod, target, _node in _internal_imports():
        while target not in names and "." in target:
            target = target.rsplit(".", 1)[0]
        if target != mod and not mod.startswith(target + ".") and not target == mod.rsplit(".", 1)[0]:
            graph.setdefault(mod, set()).add(target)
    seen, stack, cycles = set(), [], []

    def visit(m):
        if m in stack:
            cycles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for n in graph.get(m, ()):
            if not n.endswith("__init__") and not any(n == p for p in ("zhdiscourse",)):
                visit(n)
        stack.pop()

    for m in sorted(graph):
        visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


#: Internal imports deliberately deferred (``"module.function": "reason"``); none at present.
DEFERRED: dict[str, str] = {}


def test_imports_by_name_only_from_a_declared_table():
    """``importlib.import_module`` (or ``__import__``) only in the modules of :data:`NAMED_IMPORTS`, whose
    table names modules that exist; everywhere else imports are statements the checks above can read."""
    names = {m for m, _p, _t in _modules()}
    found = set()
    for mod, _is_pkg, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) == "import_module"
                                               or getattr(node.func, "id", None) in ("import_module", "__import__")):
                found.add(mod)
        for target in _named_imports(mod, tree):
            assert target in names, f"{mod}: {target} is not a module"
    allowed = set(NAMED_IMPORTS) | PRELOADERS
    assert found <= allowed, f"imports by name outside a declared table: {sorted(found - allowed)}"
    assert allowed <= names


def test_internal_imports_are_at_the_top_of_the_module():
    hidden = []
    for mod, _is_pkg, tree in _modules():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and node.level > 0 and f"{mod}.{fn.name}" not in DEFERRED:
                        hidden.append(f"{mod}.{fn.name}: from {'.' * node.level}{node.module or ''}")
    assert not hidden, "internal imports hidden inside functions:\n" + "\n".join(hidden)


@pytest.mark.parametrize("package", ["zhdiscourse", "zhdiscourse.text", "zhdiscourse.tokenize", "zhdiscourse.stats",
                                     "zhdiscourse.patterns", "zhdiscourse.report"])
def test_exported_names_are_never_modules(package):
    pkg = importlib.import_module(package)
    folder = Path(pkg.__file__).parent
    submodules = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    clash = sorted(set(pkg.__all__) & submodules)
    assert not clash, f"{package} exports names that are also module names: {clash}"
    for name in pkg.__all__:
        assert not isinstance(getattr(pkg, name), type(importlib)), f"{package}.{name} is a module"


def test_the_stable_public_api():
    import zhdiscourse
    import zhdiscourse.patterns

    for name in ("load_speech", "parse", "tokens", "kwic"):
        assert callable(getattr(zhdiscourse, name)) and name in zhdiscourse.__all__
    assert callable(zhdiscourse.patterns.parallelisms)


def test_one_part_palette():
    owners = [str(p.relative_to(ROOT)) for p in (PKG / "plots").glob("*.py")
              if "PART_COLOURS = " in p.read_text(encoding="utf-8")]
    assert owners == ["src/zhdiscourse/plots/base.py"]
