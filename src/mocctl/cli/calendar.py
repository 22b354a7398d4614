"""``mocctl calendar``: key dates and reminders as iCalendar."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli import complete
from mocctl.cli.core import MocctlCommand, examples, run


def calendar(
    ctx: typer.Context,
    memorandum: Annotated[
        Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Argument(
            metavar="ID",
            help="The memorandum's id (default: every memorandum, in one calendar).",
            show_default=False,
            autocompletion=complete.memorandum_ids,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the calendar to FILE (.ics) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace FILE if it exists; its events' SEQUENCE numbers are continued.",
        ),
    ] = False,
    remind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--remind",
            metavar="DAYS",
            help="Reminders this many days before each date, comma-separated (default: "
            "90,30,7; 'none' for none), as alarms and as separate events.",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--target",
            metavar="DATE",
            help="Add the latest receipt date for a notice to discontinue on DATE.",
            show_default=False,
        ),
    ] = None,
    previous: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--previous",
            metavar="FILE",
            help="The calendar published before, whose SEQUENCE numbers to continue "
            "(default: FILE of -o, when it is replaced).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Key dates and reminders as an iCalendar file, for calendar programs."""
    from mocctl.commands import calendar as command

    run(
        ctx,
        lambda s: command.run(
            s,
            memorandum,
            output=output,
            force=force,
            remind=remind,
            target=target,
            previous=previous,
        ),
    )


EXAMPLES = examples(
    "mocctl calendar -o moc-dates.ics",
    "mocctl calendar --records examples/six-months-modification --as-of 2027-02-01 --remind 30,7",
    "mocctl calendar jp-uk-quantum-2025 --target 2027-06-01 -o moc-dates.ics --force",
)


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(calendar)
