"""The layers of the package, as tests: a pure core, one-way dependencies, no import cycles.

The layers, lowest first: the shared vocabulary (``errors``, ``findings``, ``codes``,
``settings``), ``model`` (pydantic records), ``core`` (pure rules: periods, consolidation, the
history), ``io`` (files), ``checks``, ``render`` and ``reporters``, ``drafting``, ``commands``,
``cli``. A package may import only from the packages below it (and itself).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "mocctl"
BASE = {"errors", "findings", "codes", "settings", "(root)"}

ALLOWED: dict[str, set[str]] = {
    "model": {"model", "findings", "codes"},
    "core": {"core", "model"},
    "checks": {"checks", "core", "model", "io", "findings", "codes"},  # io: documents' hashes
    "io": {"io", "core", "model", "findings", "codes", "errors"},
    "render": {"render", "core", "model", "findings", "codes", "settings"},
    "reporters": {"reporters", "render", "findings", "codes", "(root)"},
    "drafting": {"drafting", "core", "model", "io", "checks", "render", *BASE},
    "commands": {
        "commands",
        "core",
        "model",
        "io",
        "checks",
        "render",
        "reporters",
        "drafting",
        "recording",
        *BASE,
    },
    "recording": {"recording", "core", "model", "io", "checks", *BASE},
    "cli": {"cli", "commands", *BASE},
    "__main__": {"cli"},  # python -m mocctl
}


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(SRC).with_suffix("").parts)
    return name.removesuffix(".__init__")


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "(root)"
    return {"__init__": "(root)"}.get(parts[1], parts[1])


def imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The mocctl modules ``path`` imports (all, or only those imported when it is loaded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = _top_level(tree) if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    here = module_name(path)
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mocctl"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if _is_module(candidate) else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mocctl")}
    return {name for name in found if name != here}


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements run on import: not inside functions, not under ``if TYPE_CHECKING``."""
    result: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        result.append(node)
    return result


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir()


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_each_layer_imports_only_from_the_layers_below(path: Path) -> None:
    mine = layer(module_name(path))
    # The vocabulary imports only itself (findings ↔ codes, settings → errors), never a layer.
    allowed = BASE if mine in BASE else ALLOWED[mine]
    bad = {name for name in imports(path, top_level_only=False) if layer(name) not in allowed}
    assert not bad, f"{module_name(path)} ({mine}) imports {sorted(bad)}"


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in SOURCES:
        graph[module_name(path)] |= imports(path, top_level_only=True)
    cycles = _cycles(graph)
    assert not cycles, cycles


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


# -- the pure core -------------------------------------------------------------------------------

CORE = sorted((PACKAGE / "core").glob("*.py"))
NO_IO_MODULES = {"os", "sys", "io", "subprocess", "socket", "shutil", "tempfile", "time", "random"}
NO_IO_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "exists",
    "is_file",
    "is_dir",
    "iterdir",
    "stat",
    "resolve",
    "today",
    "now",
    "utcnow",
    "getenv",
}


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_does_no_io_and_reads_no_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & NO_IO_MODULES, path.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in NO_IO_MODULES, (path.name, node.module)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert name not in NO_IO_CALLS, f"{path.name}:{node.lineno} calls {name}()"


def test_importing_the_core_loads_no_io_rendering_or_cli_library() -> None:
    code = (
        "import sys\n"
        "import mocctl.core.history, mocctl.core.periods, mocctl.core.consolidation\n"
        "import mocctl.core.notices, mocctl.core.events, mocctl.core.memoranda\n"
        "bad = ('typer', 'click', 'rich', 'jinja2', 'ruamel', 'mocctl.io', 'mocctl.render',\n"
        "       'mocctl.reporters', 'mocctl.commands', 'mocctl.cli', 'mocctl.drafting',\n"
        "       'mocctl.checks', 'mocctl.settings')\n"
        "print(sorted(m for m in sys.modules if m.startswith(bad)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_guard_sees_a_forbidden_call(tmp_path: Path) -> None:
    """The no-I/O test can fail: a core module that opened a file would be caught."""
    tree = ast.parse("def f():\n    return open('x').read()\n")
    calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
    names = {c.attr if isinstance(c, ast.Attribute) else getattr(c, "id", "") for c in calls}
    assert names & NO_IO_CALLS == {"open"}
