"""Start-up of ``status`` (issue 9): what it imports, and that the lazy paths stay complete.

No timings are asserted (the machine is shared and noisy): benchmarks/startup.py measures them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import typer
import typer.main
from tests.test_startup import modules_after

import mocctl.cli
from mocctl.cli import app as cli_app
from mocctl.cli.app import COMMANDS, GROUPS, _for, _register, _registered_name

SRC = Path(__file__).resolve().parents[1] / "src" / "mocctl"


def _names(target: typer.Typer) -> list[str | None]:
    return [_registered_name(c) for c in target.registered_commands] + [
        g.name for g in target.registered_groups
    ]


def test_the_table_of_commands_is_what_each_module_registers() -> None:
    for module, names in COMMANDS.items():
        target = typer.Typer()
        _register(target, module)
        assert _names(target) == list(names), module
        assert bool(target.registered_groups) == (module in GROUPS), module


def test_the_app_holds_every_command_in_the_order_of_the_table() -> None:
    listed = [name for names in COMMANDS.values() for name in names]
    groups = [name for name in listed if name in GROUPS]
    assert _names(cli_app) == [name for name in listed if name not in GROUPS] + groups
    assert mocctl.cli.app is cli_app  # the package's name for it is the app, not the module
    assert list(typer.main.get_command(cli_app).commands) == _names(cli_app)


def test_each_command_named_gets_an_app_of_that_command_alone() -> None:
    for names in COMMANDS.values():
        for name in names:
            light = _for(["--no-color", name])
            assert light is not cli_app
            assert _names(light) == [name]
    assert _for(["no-such-command"]) is cli_app
    assert _for(["--help"]) is cli_app


def test_status_of_one_memorandum_imports_only_what_it_uses(records: Path) -> None:
    code, loaded = modules_after(records.parent, "status", "--as-of", "2026-11-29", "--no-cache")
    assert code == 0
    assert {"pydantic", "rich.panel", "mocctl.cli.records", "mocctl.render.status"} <= loaded
    others = {f"mocctl.cli.{module}" for module in COMMANDS if module != "records"}
    unused = {
        "json",  # only for --format json and the portfolio
        "mocctl.commands.scan",  # the portfolio of several memoranda
        "mocctl.render.portfolio",
        "mocctl.reporters",  # findings of no memorandum
        "mocctl.cli.draft_options",
    }
    assert not (others | unused) & loaded, sorted((others | unused) & loaded)


def test_the_model_modules_give_pydantic_annotations_not_strings() -> None:
    """pydantic compiles and evaluates a string annotation of every field at class creation."""
    for name in ("base", "values", "terms", "records"):
        tree = ast.parse((SRC / "model" / f"{name}.py").read_text(encoding="utf-8"))
        future = [
            node
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        ]
        assert not future, f"model/{name}.py: annotations as strings"
