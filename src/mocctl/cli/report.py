"""``mocctl report``: one self-contained HTML page with a timeline picture."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli import complete
from mocctl.cli.core import MocctlCommand, examples, run


def report(
    ctx: typer.Context,
    memorandum: Annotated[
        Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Argument(
            metavar="ID",
            help="The memorandum's id (default: the only one; with several, a portfolio page).",
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
            help="Write the page to FILE (.html) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """A self-contained HTML page: where it stands, a timeline picture, the text, the findings."""
    from mocctl.commands import report as command

    run(ctx, lambda s: command.run(s, memorandum, output=output, force=force))


EXAMPLES = examples(
    "mocctl report -o report.html",
    "mocctl report --records examples/revoked-then-discontinued --as-of 2027-03-01 -o report.html",
    "mocctl report --records examples -o portfolio.html",
)


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(report)
