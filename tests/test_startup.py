"""Start-up: what each path imports, and that the benchmark measures what SPEC §5 names.

No timings are asserted (the machine is shared and noisy): benchmarks/startup.py measures them.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mocctl.cli.app import _command_name, _for, app

ROOT = Path(__file__).resolve().parents[1]
HEAVY = {"pydantic", "ruamel.yaml", "jinja2", "rich"}


def modules_after(cwd: Path, *args: str, **env: str) -> tuple[int, set[str]]:
    """The exit code of ``mocctl ARGS`` in a fresh interpreter, and every module it imported."""
    code = (  # not json: that is one of the modules tests/test_startup_imports.py looks for
        "import sys\nfrom mocctl.cli import main\ntry:\n    code = main()\nfinally:\n"
        "    print(repr(sorted(sys.modules)), file=sys.stderr)\nsys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **env},
    )
    loaded: set[str] = set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))
    return done.returncode, loaded


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["status", "--help"]], ids=" ".join)
def test_help_and_version_import_no_heavy_module(tmp_path: Path, args: list[str]) -> None:
    code, loaded = modules_after(tmp_path, *args)
    assert code == 0
    assert not {"pydantic", "ruamel.yaml", "jinja2"} & loaded


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_the_version_alone_is_answered_without_typer(tmp_path: Path, flag: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mocctl", flag], capture_output=True, check=False, cwd=tmp_path
    )
    from mocctl import __version__

    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"mocctl {__version__}\n".encode(),
        b"",
    )
    code, loaded = modules_after(tmp_path, flag)
    assert code == 0
    assert "typer" not in loaded
    # the same words as the app's own --version (after other options, say)
    slow = subprocess.run(
        [sys.executable, "-m", "mocctl", "--no-color", flag], capture_output=True, check=False
    )
    assert slow.stdout == done.stdout


@pytest.mark.parametrize("command", ["status", "timeline", "text"])
def test_a_cache_hit_imports_none_of_the_heavy_modules(records: Path, command: str) -> None:
    args = (command, "--as-of", "2026-11-29")
    for attempt in range(3):  # others may edit mocctl's files meanwhile: a miss, run again
        code, first = modules_after(records.parent, *args)
        assert code == 0
        if attempt == 0:
            assert first >= {"pydantic", "ruamel.yaml"}  # the first run computes it
        code, loaded = modules_after(records.parent, *args)
        assert code == 0
        if not HEAVY & loaded:
            break
    assert not HEAVY & loaded, sorted(HEAVY & loaded)
    assert "typer" not in loaded


def test_no_cache_imports_what_the_command_needs(records: Path) -> None:
    modules_after(records.parent, "status", "--as-of", "2026-11-29")
    code, loaded = modules_after(records.parent, "status", "--as-of", "2026-11-29", "--no-cache")
    assert code == 0
    assert {"pydantic", "ruamel.yaml"} <= loaded


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["status"], "status"),
        (["--records", "r", "--as-of=2026-01-01", "--no-color", "timeline", "--help"], "timeline"),
        (["-f", "json", "draft", "notice"], "draft"),
        (["--help", "status"], None),
        (["--version"], None),
        (["-V", "status"], None),
        (["--install-completion"], None),
        ([], None),
    ],
)
def test_the_command_named(args: list[str], name: str | None) -> None:
    assert _command_name(args) == name


def test_the_app_for_one_command_holds_only_it() -> None:
    light = _for(["--as-of", "2026-11-29", "status"])
    assert light is not app
    assert [c.callback.__name__ for c in light.registered_commands if c.callback] == ["status"]
    assert light.registered_groups == []
    assert len(app.registered_commands) > 1  # the app itself is untouched
    assert _for(["draft", "notice"]).registered_groups[0].name == "draft"
    assert _for(["--help"]) is app
    assert _for(["no-such-command"]) is app


def test_the_benchmark_floor_is_the_specs() -> None:
    spec = importlib.util.spec_from_file_location("startup", ROOT / "benchmarks" / "startup.py")
    assert spec is not None and spec.loader is not None
    startup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(startup)
    assert [sys.executable, "-c", "import typer, rich, pydantic, ruamel.yaml"] == startup.FLOOR
    assert startup.cpu_seconds([sys.executable, "-c", "pass"], ROOT, dict(os.environ)) > 0
    names = [name for name, _, _ in startup.ROWS]
    assert any("--no-cache" in args for _, args, _ in startup.ROWS)
    assert len(names) == 6


def test_command_modules_give_typer_annotations_not_strings() -> None:
    """typer compiles and evaluates a string annotation for every parameter on every start."""
    import ast

    folder = Path(__file__).resolve().parents[1] / "src" / "mocctl" / "cli"
    declaring = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # ``@app.command(...)`` on a function, or ``app.command(...)(function)``
        applied = [
            node.func
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Call)
        ] + [
            decorator
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef)
            for decorator in node.decorator_list
            if isinstance(decorator, ast.Call)
        ]
        if not any(
            isinstance(call.func, ast.Attribute) and call.func.attr in ("command", "callback")
            for call in applied
        ):
            continue
        declaring.append(path.name)
        future = [
            node
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        ]
        assert not future, f"{path.name} declares commands with string annotations"
    assert {"app.py", "records.py", "draft.py", "record.py"} <= set(declaring)
