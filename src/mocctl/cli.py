"""The command line: parses arguments, calls a command, maps errors to exit codes.

Only the standard library and typer are imported here, so that ``mocctl --help`` and
``mocctl --version`` start fast; each command imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl import __version__
from mocctl.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, MocctlError
from mocctl.settings import Settings, parse_date

app = typer.Typer(
    name="mocctl",
    help="Keep the records of a Memorandum of Cooperation, check them, and know where it "
    "stands on any date.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
draft_app = typer.Typer(help="Draft letters and records from templates.", no_args_is_help=True)
app.add_typer(draft_app, name="draft")

# Global options: accepted before the command (callback) and after it (each command).
RecordsOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer evaluates the annotation at run time
    typer.Option(
        "--records",
        envvar="MOCCTL_RECORDS",
        help="Records folder (default: ./records, else the embedded Japan–UK memorandum).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Compute as of this date (default: today).",
        show_default=False,
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
    ),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain output without colour.")]


def _settings(
    ctx: typer.Context, records: Path | None, as_of: str | None, fmt: str | None, no_color: bool
) -> Settings:
    base = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    return base.merged(
        records=records,
        as_of=parse_date(as_of, "--as-of") if as_of else None,
        format=fmt,
        no_color=no_color,
    )


def _run(
    ctx: typer.Context,
    command: Callable[[Settings], int],
    records: Path | None = None,
    as_of: str | None = None,
    fmt: str | None = None,
    no_color: bool = False,
) -> None:
    """Run ``command`` with the merged settings; turn its errors into exit codes."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    try:
        settings = _settings(ctx, records, as_of, fmt, no_color)
        code = command(settings)
    except MocctlError as error:
        typer.echo(f"mocctl: error: {error.message}", err=True)
        if error.hint:
            typer.echo(f"hint: {error.hint}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("mocctl: interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:
        if settings.debug:
            raise
        typer.echo(f"mocctl: internal error: {type(error).__name__}: {error}", err=True)
        typer.echo(
            "This is a bug in mocctl. Run again with --debug for the traceback, "
            "and please report it.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mocctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="MOCCTL_DEBUG", help="Show tracebacks of internal errors."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep the records of a Memorandum of Cooperation, check them, and know where it stands."""
    try:
        ctx.obj = Settings(debug=debug).merged(
            records=records,
            as_of=parse_date(as_of, "--as-of") if as_of else None,
            format=fmt,
            no_color=no_color,
        )
    except MocctlError as error:
        typer.echo(f"mocctl: error: {error.message}", err=True)
        raise typer.Exit(error.exit_code) from None


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Record files or folders (default: the records folder).", show_default=False
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print errors only, and no summary.")
    ] = False,
    records: RecordsOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Check every record and report every finding; exit 1 on errors."""
    from mocctl.commands import validate as command

    _run(
        ctx,
        lambda s: command.run(s, paths or [], strict=strict, quiet=quiet),
        records=records,
        fmt=fmt,
        no_color=no_color,
    )


@app.command()
def status(
    ctx: typer.Context,
    memorandum: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The memorandum's id (default: all).", show_default=False
        ),
    ] = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Where the memorandum stands on a date: state, key dates, what is pending."""
    from mocctl.commands import status as command

    _run(ctx, lambda s: command.run(s, memorandum), records, as_of, fmt, no_color)


@app.command()
def timeline(
    ctx: typer.Context,
    memorandum: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The memorandum's id (default: all).", show_default=False
        ),
    ] = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Every dated event and effect, in order, past and scheduled."""
    from mocctl.commands import timeline as command

    _run(ctx, lambda s: command.run(s, memorandum), records, as_of, fmt, no_color)


@app.command()
def period(
    ctx: typer.Context,
    received: Annotated[
        str | None,
        typer.Argument(
            metavar="RECEIVED",
            help="When the notice was received: a date (YYYY-MM-DD) or an "
            "instant with offset (2027-01-10T16:30:00+00:00). Omit it with --target.",
            show_default=False,
        ),
    ] = None,
    months: Annotated[
        int | None,
        typer.Option(
            "--months", min=1, help="The notice period in months (default: 3).", show_default=False
        ),
    ] = None,
    period_: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PnM",
            help="The notice period as an ISO 8601 duration (P3M, P1Y).",
            show_default=False,
        ),
    ] = None,
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            help="Show this rule only: safe-harbour, corresponding-date, jp-civil-code, "
            "un-anniversary.",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="DATE",
            help="Instead: the latest receipt date for a discontinuation effective on DATE.",
            show_default=False,
        ),
    ] = None,
    jurisdictions: Annotated[
        str | None,
        typer.Option(
            "--jurisdictions",
            metavar="CODES",
            help="The Sides' countries, comma-separated ISO "
            "codes; they choose the rules safe-harbour compares (default: GB,JP).",
            show_default=False,
        ),
    ] = None,
    timezones: Annotated[
        str | None,
        typer.Option(
            "--timezones",
            metavar="ZONES",
            help="The Sides' IANA time zones, comma-separated, for "
            "an instant of receipt (default: Europe/London,Asia/Tokyo).",
            show_default=False,
        ),
    ] = None,
    recipient_timezone: Annotated[
        str | None,
        typer.Option(
            "--recipient-timezone",
            metavar="ZONE",
            help="The time zone of the Side that received "
            "the notice; the single rules use the receipt date there (default: the latest date).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """The notice-period calculator: every rule side by side, with no records needed."""
    from mocctl.commands import period as command

    _run(
        ctx,
        lambda s: command.run(
            s,
            received,
            months=months,
            period=period_,
            rule=rule,
            target=target,
            jurisdictions=jurisdictions,
            timezones=timezones,
            recipient_timezone=recipient_timezone,
        ),
        fmt=fmt,
        no_color=no_color,
    )


@app.command()
def schema(
    ctx: typer.Context,
    out_dir: Annotated[
        Path | None,
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

    _run(ctx, lambda s: command.run(s, out_dir, force))


def main() -> int:
    """The console script: run the app and return its exit code."""
    try:
        app()
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
