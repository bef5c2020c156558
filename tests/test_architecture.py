"""The package's shape: stages as folders, imports pointing one way, small modules.

Read with docs/architecture.md. Every import counts, those inside functions
included: a lazy import still ties two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "termsheet"

#: The stages, left to right. A module may import from its own stage or an earlier one.
STAGES = ("schema", "source", "document", "compose", "compare", "writers", "jobs", "cli")
#: Modules every stage may use: the version, the error types, packaged data.
FOUNDATION = {"termsheet", "termsheet.alarms", "termsheet.errors", "termsheet.resources",
              "termsheet.templates_folder"}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The termsheet modules ``name`` imports, anywhere in its code."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{name}: relative import"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {target for target in found if target in MODULES and target != name}


GRAPH = {name: imports(name) for name in MODULES}


def stage(name: str) -> int:
    if name in FOUNDATION:
        return -1
    if name == "termsheet.__main__":
        return len(STAGES)
    return STAGES.index(name.split(".")[1])


def test_every_module_belongs_to_a_stage():
    loose = [name for name in MODULES if name not in FOUNDATION and name != "termsheet.__main__"
             and name.split(".")[1] not in STAGES]
    assert loose == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_points_to_a_later_stage(name):
    if name not in FOUNDATION and name != "termsheet.__main__" and name.split(".")[1] not in STAGES:
        pytest.fail(f"{name} is in no stage")
    later = sorted(target for target in GRAPH[name] if stage(target) > stage(name))
    assert later == [], f"{name} (stage {stage(name)}) imports a later stage"


def test_no_import_cycles():
    """Between modules; a package's ``__init__`` re-exporting its own modules is not a cycle."""
    def edges(name):
        return {t for t in GRAPH[name] if not (t.startswith(name + ".") and MODULES[name].name == "__init__.py")}

    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(edges(name)):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(MODULES):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_imports_another_modules_private_names():
    """A name starting with ``_`` is its module's own: what another module needs is public."""
    private = sorted(
        f"{name} imports {node.module}.{alias.name}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module in MODULES
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__"))
    assert private == []


def test_no_module_is_over_the_size_limit():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_no_package_folder_is_named_like_build_output():
    folders = {path.name for path in PACKAGE.rglob("*") if path.is_dir() and path.name != "__pycache__"}
    assert folders.isdisjoint({"build", "dist", "out", "tmp"})


def test_exactly_one_tokenizer():
    tokenizers = [name for name, path in MODULES.items()
                  for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.FunctionDef) and "tokeni" in node.name]
    assert tokenizers == ["termsheet.compare.tokens"]


def test_tests_mirror_the_stage_folders():
    """A stage's tests live in ``tests/<stage>/``; only whole-package tests stay at the top."""
    tests = Path(__file__).resolve().parent
    folders = {path.parent.name for path in tests.glob("*/test_*.py")}
    assert folders == set(STAGES)
    top = {path.name for path in tests.glob("test_*.py")}
    assert top == {"test_architecture.py", "test_goldens.py", "test_packaging.py", "test_samples.py"}
