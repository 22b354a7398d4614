"""The global options, declared once, and how they reach a command's Settings.

Every command and group of the app gets the same option objects (see ``cli.core``), so
``--records``, ``--as-of``, ``--format``, ``--color``/``--no-color``, ``--debug`` and
``--no-cache`` work before or after any command name. Each level merges what it was given into
the one ``State`` shared by the whole invocation; a later level wins.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.settings import COLOR_CHOICES, Settings, parse_date

PANEL = "Global options"
FORMATS = ("text", "json", "github", "sarif")


def _choices(values: tuple[str, ...]) -> Callable[[str], list[str]]:
    return lambda incomplete: [value for value in values if value.startswith(incomplete)]


RecordsOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer evaluates the annotation at run time
    typer.Option(
        "--records",
        envvar="MOCCTL_RECORDS",
        metavar="PATH",
        help="Records folder (default: ./records, else the embedded Japan–UK memorandum).",
        show_default=False,
        rich_help_panel=PANEL,
    ),
]
AsOfOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Compute as of this date, YYYY-MM-DD (default: today).",
        show_default=False,
        rich_help_panel=PANEL,
    ),
]
FormatOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: text or json (validate also: github, sarif).",
        show_default=False,
        autocompletion=_choices(FORMATS),
        rich_help_panel=PANEL,
    ),
]
ColorOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour: auto (the default: a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never.",
        show_default=False,
        autocompletion=_choices(COLOR_CHOICES),
        rich_help_panel=PANEL,
    ),
]
NoColorOpt = Annotated[
    bool,
    typer.Option(
        "--no-color", help="Plain output without colour (--color never).", rich_help_panel=PANEL
    ),
]
DebugOpt = Annotated[
    bool,
    typer.Option(
        "--debug",
        envvar="MOCCTL_DEBUG",
        help="Show the traceback of an internal error.",
        rich_help_panel=PANEL,
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Compute everything afresh: neither read nor write the cache (also "
        "MOCCTL_NO_CACHE=1; see docs/cache.md).",
        rich_help_panel=PANEL,
    ),
]


def _declaration(
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    color: ColorOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """The one declaration of the global options (typer builds the click options from it)."""


NAMES = ("records", "as_of", "fmt", "color", "no_color", "debug", "no_cache")


@functools.cache
def global_params() -> tuple[typer.core.TyperOption, ...]:
    """The click options of ``_declaration``, built once and shared by every command."""
    holder = typer.Typer(add_completion=False)
    holder.command()(_declaration)
    params = typer.main.get_command(holder).params
    found = tuple(p for p in params if isinstance(p, typer.core.TyperOption) and p.name in NAMES)
    assert len(found) == len(NAMES), "every global option is declared"
    return found


@dataclass
class State:
    """What the global options said so far in this invocation (shared by every context)."""

    settings: Settings = field(default_factory=Settings)


def state(ctx: typer.Context | typer._click.Context) -> State:
    return ctx.ensure_object(State)


def absorb(ctx: typer._click.Context) -> None:
    """Take the global options out of ``ctx.params`` and merge them into the shared State.

    Only values written on the command line count at each level; a value from the environment
    (``MOCCTL_RECORDS``, ``MOCCTL_DEBUG``) counts once, at the top, so that it never overrides
    an option written before the command name.
    """
    given: dict[str, object] = {}
    own = {id(param) for param in ctx.command.params}
    for param in global_params():
        name = param.name or ""
        if id(param) not in own:  # a command's own option of the same name stays its own
            continue
        value = ctx.params.pop(name, None)
        source = ctx.get_parameter_source(name)
        where = source.name if source is not None else "DEFAULT"
        if where == "COMMANDLINE" or (where == "ENVIRONMENT" and ctx.parent is None):
            given[name] = value
    current = state(ctx)
    as_of = given.get("as_of")
    current.settings = current.settings.merged(
        records=given.get("records"),  # type: ignore[arg-type]
        as_of=parse_date(as_of, "--as-of") if isinstance(as_of, str) else None,
        format=given.get("fmt"),  # type: ignore[arg-type]
        color=given.get("color"),  # type: ignore[arg-type]
        no_color=bool(given.get("no_color")),
        debug=bool(given.get("debug")),
        no_cache=bool(given.get("no_cache")),
    )


def settings(ctx: typer.Context) -> Settings:
    return state(ctx).settings
