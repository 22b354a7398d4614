"""The click classes behind every mocctl command: global options, plain metavars, did you mean.

Typer builds the commands; these classes add the shared global options to each of them, take
those options out before the command's function is called, and show option types in words
(``DATE``, ``PATH``) rather than as Python types (``<bool>``, ``<list[Path]>``); their values are
converted without pydantic (``cli.params``).
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import get_close_matches
from typing import Any

import typer
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from mocctl.cli import help
from mocctl.cli.options import absorb, global_params, settings
from mocctl.cli.params import PlainArgument, PlainOption
from mocctl.errors import UsageError
from mocctl.settings import Settings


def _plain(params: list[_click.Parameter]) -> list[_click.Parameter]:
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
    return params


def _with_globals(params: list[_click.Parameter]) -> None:
    known = {p.name for p in params}
    params.extend(p for p in global_params() if p.name not in known)


class MocctlCommand(TyperCommand):
    """A command that also accepts the global options, after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_globals(self.params)

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        return _plain(super().get_params(ctx))

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        help.format_options(self, ctx, formatter)

    def format_epilog(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        help.format_epilog(self.epilog, formatter)

    def invoke(self, ctx: _click.Context) -> Any:
        absorb(ctx)
        return super().invoke(ctx)


class MocctlGroup(TyperGroup):
    """A group (``mocctl``, ``mocctl draft``) that accepts the global options too."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        _with_globals(self.params)

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        return _plain(super().get_params(ctx))

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        help.format_options(self, ctx, formatter)
        help.format_commands(self, dict(self.commands), formatter)

    def format_epilog(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        help.format_epilog(self.epilog, formatter)

    def invoke(self, ctx: _click.Context) -> Any:
        absorb(ctx)
        return super().invoke(ctx)

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0]
        if (
            self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
            and not name.startswith("-")
        ):
            names = [n for n in self.list_commands(ctx) if not self.commands[n].hidden]
            matches = get_close_matches(name, names, n=2)
            hint = (
                "did you mean " + " or ".join(repr(m) for m in matches) + "?"
                if matches
                else "the commands are " + ", ".join(names)
            )
            raise UsageError(f"unknown command {name!r} for {ctx.command_path!r}", hint=hint)
        return self._click_resolve_command(ctx, args)


def run(ctx: typer.Context, command: Callable[[Settings], int]) -> None:
    """Run ``command`` with the merged settings and exit with its code.

    Errors are not caught here: ``cli.app`` turns every one of them into an exit code.
    """
    raise typer.Exit(command(settings(ctx)))


EXAMPLES = "Examples:"


def examples(*lines: str) -> str:
    """A command's epilog: its examples, one per line (tests check that each one parses)."""
    return EXAMPLES + "\n" + "\n".join(f"  $ {line}" for line in lines)
