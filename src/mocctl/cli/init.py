"""``mocctl init [PATH]``: the records of a new memorandum, or a copy of the example."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli.core import MocctlCommand, examples, run

EXAMPLES = examples(
    "mocctl init --id aa-bb-research-2026 --title 'Memorandum of Cooperation on research'"
    " --side AA:'The Ministry of Aaland':GB:Europe/London"
    " --side BB:'The Office of Beeland':JP:Asia/Tokyo --notice-period P3M",
    "mocctl init new-records --example",
)


def init(
    ctx: typer.Context,
    path: Annotated[
        Optional[Path],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Argument(
            metavar="PATH",
            help="The records folder (default: --records, else ./records).",
            show_default=False,
        ),
    ] = None,
    example: Annotated[
        bool, typer.Option("--example", help="Copy the Japan–UK records instead.")
    ] = False,
    memorandum_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", metavar="ID", help="The memorandum's id.", show_default=False),
    ] = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", metavar="TEXT", help="Its title.", show_default=False),
    ] = None,
    side: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--side",
            metavar="ID:NAME:JURISDICTION:TIMEZONE",
            help="A Side (repeat for each; at least two).",
            show_default=False,
        ),
    ] = None,
    signature: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--signature",
            metavar="SIDE:DATE:SIGNATORY",
            help="A signature already made (repeatable).",
            show_default=False,
        ),
    ] = None,
    notice_period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--notice-period", metavar="PERIOD", help="E.g. P3M, P6M, P1Y.", show_default=False
        ),
    ] = None,
    rule: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rule",
            metavar="RULE",
            help="How the period is counted (default: safe-harbour).",
            show_default=False,
        ),
    ] = None,
    area: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--area",
            metavar="ID:TITLE:TEXT",
            help="An area of cooperation (repeatable).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start the records of a new memorandum (asks for what is missing in a terminal)."""
    from mocctl.commands import init as command

    run(
        ctx,
        lambda s: command.run(
            s,
            path,
            example=example,
            memorandum_id=memorandum_id,
            title=title,
            sides=side or [],
            signatures=signature or [],
            notice_period=notice_period,
            rule=rule,
            areas=area or [],
        ),
    )


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(init)
