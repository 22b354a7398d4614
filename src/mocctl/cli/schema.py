"""``mocctl schema``: the JSON Schema of the records, for editors."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl.cli.core import MocctlCommand, examples, run


def schema(
    ctx: typer.Context,
    out_dir: Annotated[
        Optional[Path],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write every schema file into DIR instead of printing record.schema.json.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace schema files that exist in DIR.")
    ] = False,
) -> None:
    """JSON Schema of the records, for editors (# yaml-language-server: $schema=…)."""
    from mocctl.commands import schema as command

    run(ctx, lambda s: command.run(s, out_dir, force))


EXAMPLES = examples("mocctl schema", "mocctl schema -o schema")


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(schema)
