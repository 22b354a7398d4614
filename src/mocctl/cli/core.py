"""The click classes behind every mocctl command: global options, plain metavars, did you mean.

Typer builds the commands; these classes add the shared global options to each of them, take
those options out before the command's function is called, and show option types in words
(``DATE``, ``PATH``) rather than as Python types (``<bool>``, ``<list[Path]>``), and convert
mocctl's plain values without pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import get_close_matches
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from mocctl.cli import help
from mocctl.cli.options import absorb, global_params, settings
from mocctl.errors import UsageError
from mocctl.settings import Settings

_CONVERTERS: dict[Any, Callable[[Any], Any]] = {str: str, Path: Path, int: int, bool: bool}


def _simple(param: TyperOption | TyperArgument, value: Any) -> tuple[bool, Any]:
    """``(True, value)`` converted without pydantic, for mocctl's plain types; else ``(False, _)``.

    Typer 0.29 builds a pydantic TypeAdapter for every parameter it processes, even one not
    given, which costs the import of pydantic on ``mocctl status --help``. mocctl's options are
    only str, int, bool, Path and lists of them, which need no adapter.
    """
    annotation = param.type_descriptor.annotation
    many = param.multiple or param.nargs == -1
    if many:
        args = get_args(annotation)
        if get_origin(annotation) is not list or len(args) != 1:  # type: ignore[comparison-overlap]
            return False, value
        annotation = args[0]
    convert = _CONVERTERS.get(annotation)
    if convert is None or (value is not None and many and isinstance(value, str)):
        return False, value
    if value is None:
        return True, () if many else None
    items = [_checked(param, convert, item) for item in (value if many else [value])]
    return True, tuple(items) if many else items[0]


def _checked(param: TyperOption | TyperArgument, convert: Callable[[Any], Any], item: Any) -> Any:
    try:
        converted = convert(item)
    except ValueError:
        raise typer.BadParameter(f"{item!r} is not a whole number", param=param) from None
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if isinstance(converted, int) and not isinstance(converted, bool):
        if low is not None and converted < low:
            raise typer.BadParameter(f"{converted} is less than {low}", param=param)
        if high is not None and converted > high:
            raise typer.BadParameter(f"{converted} is more than {high}", param=param)
    return converted


def _processed(param: TyperOption | TyperArgument, ctx: _click.Context, value: Any) -> Any:
    done, converted = _simple(param, value)
    if not done:
        return NotImplemented
    if param.required and param.value_is_missing(converted):
        raise _click.exceptions.MissingParameter(ctx=ctx, param=param)
    if param.callback is not None:
        converted = param.callback(ctx, param, converted)
    return converted


class PlainOption(TyperOption):
    """An option whose value is shown by its metavar (``DATE``), a flag by nothing."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "value").upper()

    def process_value(self, ctx: _click.Context, value: Any) -> Any:
        done = _processed(self, ctx, value)
        return super().process_value(ctx, value) if done is NotImplemented else done


class PlainArgument(TyperArgument):
    """An argument shown by its name only (``ID``, ``PATH``), never its Python type."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def process_value(self, ctx: _click.Context, value: Any) -> Any:
        done = _processed(self, ctx, value)
        return super().process_value(ctx, value) if done is NotImplemented else done


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
