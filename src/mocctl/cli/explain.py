"""``mocctl explain CODE``: what a finding code means and how to fix it (like ``ruff rule``)."""

from typing import Annotated, Optional

import typer

from mocctl.cli import complete
from mocctl.cli.core import MocctlCommand, examples, run


def explain(
    ctx: typer.Context,
    code: Annotated[
        Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Argument(
            metavar="CODE",
            help="A finding code, such as MOC401.",
            show_default=False,
            autocompletion=complete.finding_codes,
        ),
    ] = None,
    list_all: Annotated[
        bool, typer.Option("--list", help="List every code with its one-line summary.")
    ] = False,
) -> None:
    """The documentation of a finding code: when it is reported, an example, how to fix it."""
    from mocctl.commands import explain as command

    run(ctx, lambda s: command.run(s, code, list_all=list_all))


EXAMPLES = examples("mocctl explain MOC401", "mocctl explain --list")


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(explain)
