"""Helpers over the click command tree of the app, so that a new command is covered by itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

import typer
from typer import _click
from typer.core import TyperGroup

from mocctl.cli import app
from mocctl.cli.options import absorb, state
from mocctl.settings import Settings


def root() -> _click.Command:
    return typer.main.get_command(app)


def walk(
    command: _click.Command | None = None, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], _click.Command]]:
    """Every command and group below the root, with the words that name it."""
    command = command or root()
    if path:
        yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


def leaves() -> list[tuple[str, ...]]:
    return [path for path, command in walk() if not isinstance(command, TyperGroup)]


def required_args(path: Sequence[str]) -> list[str]:
    """Values for the required options of the command at ``path`` (``--by X`` …)."""
    command = dict(walk())[tuple(path)]
    given: list[str] = []
    for param in command.params:
        if param.required and param.param_type_name == "option":
            given += [param.opts[0], "X"]
    return given


def parse(args: Sequence[str]) -> tuple[list[_click.Context], Settings]:
    """Parse a command line as mocctl would, without running the command.

    Returns the contexts from the root down, and the Settings the command would be given.
    """
    command = root()
    ctx = command.make_context("mocctl", list(args))
    contexts = [ctx]
    while isinstance(command, TyperGroup):
        rest = [*ctx._protected_args, *ctx.args]
        if not rest:
            break
        name, sub, rest = command.resolve_command(ctx, rest)
        assert sub is not None and name is not None
        ctx = sub.make_context(name, rest, parent=ctx)
        contexts.append(ctx)
        command = sub
    for each in contexts:
        absorb(each)
    return contexts, state(contexts[-1]).settings


GLOBALS: dict[str, tuple[list[str], object]] = {
    # option and value -> what the Settings hold then
    "records": (["--records", "somewhere"], Path("somewhere")),
    "as_of": (["--as-of", "2027-03-01"], dt.date(2027, 3, 1)),
    "format": (["--format", "json"], "json"),
    "format-short": (["-f", "json"], "json"),
    "color": (["--color", "always"], "always"),
    "no_color": (["--no-color"], "never"),
    "debug": (["--debug"], True),
}


def setting(settings: Settings, key: str) -> object:
    name = {"format-short": "format", "no_color": "color"}.get(key, key)
    return getattr(settings, name)
