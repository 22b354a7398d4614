"""Commands that read the records: validate, status, timeline, text, diff."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli import complete
from mocctl.cli.core import MocctlCommand, examples, run

IdArg = Annotated[
    Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
    typer.Argument(
        metavar="ID",
        help="The memorandum's id (default: all).",
        show_default=False,
        autocompletion=complete.memorandum_ids,
    ),
]
OneIdArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Argument(
        metavar="ID",
        help="The memorandum's id (default: the only one).",
        show_default=False,
        autocompletion=complete.memorandum_ids,
    ),
]


def validate(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="PATH",
            help="Record files or folders (default: the records folder).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print errors only, and no summary.")
    ] = False,
) -> None:
    """Check every record and report every finding; exit 1 on errors."""
    from mocctl.commands import validate as command

    run(ctx, lambda s: command.run(s, paths or [], strict=strict, quiet=quiet))


def status(ctx: typer.Context, memorandum: IdArg = None) -> None:
    """Where the memorandum stands on a date: state, key dates, what is pending."""
    from mocctl.commands import status as command

    run(ctx, lambda s: command.run(s, memorandum))


def timeline(ctx: typer.Context, memorandum: IdArg = None) -> None:
    """Every dated event and effect, in order, past and scheduled."""
    from mocctl.commands import timeline as command

    run(ctx, lambda s: command.run(s, memorandum))


def text(ctx: typer.Context, memorandum: OneIdArg = None) -> None:
    """The consolidated text as in force on a date (Markdown), each change annotated."""
    from mocctl.commands import text as command

    run(ctx, lambda s: command.run(s, memorandum))


def diff(
    ctx: typer.Context,
    memorandum: OneIdArg = None,
    start: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="DATE",
            help="The earlier date (default: commencement).",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--to",
            metavar="DATE",
            help="The later date (default: the as-of date).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """What changed in the text, areas and terms between two dates, and which records did it."""
    from mocctl.commands import diff as command

    run(ctx, lambda s: command.run(s, memorandum, start, end))


EXAMPLES: dict[Callable[..., None], str] = {
    validate: examples(
        "mocctl validate",
        "mocctl validate examples/revoked-then-discontinued --strict",
        "mocctl validate --format sarif > mocctl.sarif",
    ),
    status: examples(
        "mocctl status --as-of 2026-11-29",
        "mocctl --records examples/notice-across-time-zones status --as-of 2027-02-01",
        "mocctl status --format json",
    ),
    timeline: examples(
        "mocctl timeline",
        "mocctl timeline --records examples/revoked-then-discontinued --format json",
    ),
    text: examples(
        "mocctl text --as-of 2026-11-29",
        "mocctl text --records examples/six-months-modification --as-of 2027-01-01",
    ),
    diff: examples(
        "mocctl diff --records examples/six-months-modification --from 2026-01-01 --to 2027-01-01",
    ),
}


def register(app: typer.Typer) -> None:
    for function, epilog in EXAMPLES.items():
        app.command(cls=MocctlCommand, epilog=epilog)(function)
