"""Parameters shown in words (``DATE``, ``PATH``, never ``<bool>``) and converted without pydantic.

Typer 0.29 builds a pydantic TypeAdapter for every parameter it processes, even one not given,
which costs the import of pydantic on ``mocctl status --help``. mocctl's options are only str,
int, bool, Path and lists of them, which need no adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer import _click
from typer.core import TyperArgument, TyperOption

_CONVERTERS: dict[Any, Callable[[Any], Any]] = {str: str, Path: Path, int: int, bool: bool}


def _simple(param: TyperOption | TyperArgument, value: Any) -> tuple[bool, Any]:
    """``(True, value)`` for mocctl's plain types, converted; ``(False, _)`` for others."""
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
