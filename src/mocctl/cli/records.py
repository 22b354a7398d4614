"""Commands that read the records: validate, status, timeline, text, diff."""

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
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the output to FILE (atomically, once complete) instead of printing it.",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
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


STATES = (
    "draft",
    "awaiting_signature",
    "in_force",
    "discontinuation_pending",
    "discontinued",
    "expired",
)


def _words(values: list[str] | None) -> list[str]:
    """``--x a,b --x c`` → [a, b, c]."""
    return [word.strip() for value in values or [] for word in value.split(",") if word.strip()]


def _states(values: list[str] | None) -> list[str]:
    states = _words(values)
    for state in states:
        if state not in STATES:
            raise typer.BadParameter(f"{state!r} is not a state; choose from " + ", ".join(STATES))
    return states


def _window(value: str | None) -> int | None:
    """``90d``, ``12w`` or ``90`` → days."""
    if value is None:
        return None
    text = value.strip().lower()
    scale = 7 if text.endswith("w") else 1
    number = text.removesuffix("d").removesuffix("w")
    if not number.isdigit() or int(number) > 36600:
        raise typer.BadParameter(f"{value!r} is not a number of days; write it as 90d or 12w")
    return int(number) * scale


def status(
    ctx: typer.Context,
    memorandum: IdArg = None,
    state: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--state",
            metavar="STATE",
            help="Show only memoranda in this state (repeat, or comma-separate): "
            + ", ".join(STATES)
            + ".",
            show_default=False,
        ),
    ] = None,
    side: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--side",
            metavar="SIDE",
            help="Show only memoranda with this Side (its id or country code; repeat, or "
            "comma-separate).",
            show_default=False,
        ),
    ] = None,
    due_within: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--due-within",
            metavar="DAYS",
            help="Show only memoranda whose next key date is within this many days (90d, 12w).",
            show_default=False,
        ),
    ] = None,
    exit_on_due: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit 1 when a memorandum shown falls due within --due-within (default 30d): "
            "for a scheduled CI job.",
        ),
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Where the memorandum stands on a date; with several, one row each, most urgent first."""
    from mocctl.commands import status as command
    from mocctl.commands.output_file import to_file

    states, sides, window = _states(state), _words(side), _window(due_within)
    run(
        ctx,
        lambda s: to_file(
            output,
            force,
            lambda: command.run(
                s,
                memorandum,
                states=states,
                sides=sides,
                due_within=window,
                exit_on_due=exit_on_due,
            ),
        ),
    )


def timeline(ctx: typer.Context, memorandum: IdArg = None) -> None:
    """Every dated event and effect, in order, past and scheduled."""
    from mocctl.commands import timeline as command

    run(ctx, lambda s: command.run(s, memorandum))


def text(
    ctx: typer.Context,
    memorandum: OneIdArg = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The consolidated text as in force on a date (Markdown), each change annotated."""
    from mocctl.commands import text as command
    from mocctl.commands.output_file import to_file

    run(ctx, lambda s: to_file(output, force, lambda: command.run(s, memorandum)))


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
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """What changed in the text, areas and terms between two dates, and which records did it."""
    from mocctl.commands import diff as command
    from mocctl.commands.output_file import to_file

    run(ctx, lambda s: to_file(output, force, lambda: command.run(s, memorandum, start, end)))


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
        "mocctl status --records examples --due-within 90d --exit-code",
        "mocctl status --state discontinuation_pending --side JP",
    ),
    timeline: examples(
        "mocctl timeline",
        "mocctl timeline --records examples/revoked-then-discontinued --format json",
    ),
    text: examples(
        "mocctl text --as-of 2026-11-29",
        "mocctl text --records examples/six-months-modification --as-of 2027-01-01",
        "mocctl text --as-of 2026-11-29 -o consolidated.md",
    ),
    diff: examples(
        "mocctl diff --records examples/six-months-modification --from 2026-01-01 --to 2027-01-01",
    ),
}


def register(app: typer.Typer) -> None:
    for function, epilog in EXAMPLES.items():
        app.command(cls=MocctlCommand, epilog=epilog)(function)
