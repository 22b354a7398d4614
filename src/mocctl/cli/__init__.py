"""The command line: parses arguments, calls a command, maps errors to exit codes.

Only the standard library and typer are imported here, so that ``mocctl --help`` and
``mocctl --version`` start fast; each command imports what it needs when it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from mocctl import __version__
from mocctl.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, MocctlError
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
    except BrokenPipeError:
        # The reader went away (``mocctl … | head``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_FINDINGS) from None
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


@app.command()
def text(
    ctx: typer.Context,
    memorandum: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The memorandum's id (default: the only one).", show_default=False
        ),
    ] = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """The consolidated text as in force on a date (Markdown), each change annotated."""
    from mocctl.commands import text as command

    _run(ctx, lambda s: command.run(s, memorandum), records, as_of, fmt, no_color)


@app.command()
def diff(
    ctx: typer.Context,
    memorandum: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The memorandum's id (default: the only one).", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="The earlier date (default: commencement).",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="The later date (default: the as-of date).",
            show_default=False,
        ),
    ] = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """What changed in the text, areas and terms between two dates, and which records did it."""
    from mocctl.commands import diff as command

    _run(ctx, lambda s: command.run(s, memorandum, start, end), records, as_of, fmt, no_color)


DraftIdArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Argument(
        metavar="[ID]", help="The memorandum's id (default: the only one).", show_default=False
    ),
]
DraftOutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Write DIR/<id>.md and DIR/<id>.yaml instead of printing them.",
        show_default=False,
    ),
]
DraftForceOpt = Annotated[bool, typer.Option("--force", help="Replace files that exist.")]
DraftTemplateOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--template",
        metavar="PATH",
        help="A one-off template for the letter, or for the record "
        "when its name ends in .yaml.j2 (repeatable).",
        show_default=False,
    ),
]
DraftRecordIdOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--id",
        metavar="ID",
        help="The new record's id (default: made from the draft).",
        show_default=False,
    ),
]
DraftEffectiveOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--effective",
        metavar="DATE",
        help="The date from which it has effect (required).",
        show_default=False,
    ),
]
DraftTitleOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--title", help="The title (default: made from the changes).", show_default=False),
]
DraftAddAreaOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--add-area",
        metavar="ID=TITLE:TEXT",
        help="A new area of cooperation, or @FILE (YAML "
        "with id, title and text, or a list of them). Repeatable.",
        show_default=False,
    ),
]


@draft_app.command("modification")
def draft_modification(
    ctx: typer.Context,
    memorandum: DraftIdArg = None,
    title: DraftTitleOpt = None,
    effective: DraftEffectiveOpt = None,
    add_area: DraftAddAreaOpt = None,
    replace_text: Annotated[
        list[str] | None,
        typer.Option(
            "--replace-text",
            metavar="SECTION=FILE",
            help="Replace a text section by the text in FILE (- for stdin). Repeatable.",
            show_default=False,
        ),
    ] = None,
    set_term: Annotated[
        list[str] | None,
        typer.Option(
            "--set-term",
            metavar="TERM=VALUE",
            help="Set a term, e.g. notice_period=P6M. Repeatable.",
            show_default=False,
        ),
    ] = None,
    record_id: DraftRecordIdOpt = None,
    output: DraftOutputOpt = None,
    force: DraftForceOpt = False,
    template: DraftTemplateOpt = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """A proposed modification (Paragraph 2.3): the letter and the record, consents to come."""
    from mocctl.commands import draft as command

    _run(
        ctx,
        lambda s: command.run_modification(
            s,
            memorandum,
            title=title,
            effective=effective,
            add_areas=add_area or [],
            replace_texts=replace_text or [],
            set_terms=set_term or [],
            record_id=record_id,
            output=output,
            force=force,
            templates=template or [],
        ),
        records,
        as_of,
        None,
        no_color,
    )


@draft_app.command("notice")
def draft_notice(
    ctx: typer.Context,
    memorandum: DraftIdArg = None,
    by: Annotated[
        str, typer.Option("--by", metavar="SIDE", help="The Side that gives notice.")
    ] = ...,  # type: ignore[assignment]
    received: Annotated[
        str | None,
        typer.Option(
            "--received",
            metavar="DATE",
            help="The expected date of receipt (default: the as-of date).",
            show_default=False,
        ),
    ] = None,
    requested_effective: Annotated[
        str | None,
        typer.Option(
            "--requested-effective",
            metavar="DATE",
            help="A later date of discontinuation to name instead of the earliest.",
            show_default=False,
        ),
    ] = None,
    dated: Annotated[
        str | None,
        typer.Option(
            "--dated",
            metavar="DATE",
            help="The date on the letter (default: the as-of date).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="SIDE",
            help="The Side(s) it is addressed to (default: the others).",
            show_default=False,
        ),
    ] = None,
    record_id: DraftRecordIdOpt = None,
    output: DraftOutputOpt = None,
    force: DraftForceOpt = False,
    template: DraftTemplateOpt = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """A written notice of discontinuation (Paragraph 2.2) naming its date of effect."""
    from mocctl.commands import draft as command

    _run(
        ctx,
        lambda s: command.run_notice(
            s,
            memorandum,
            by=by,
            received=received,
            requested_effective=requested_effective,
            dated=dated,
            to=to or [],
            record_id=record_id,
            output=output,
            force=force,
            templates=template or [],
        ),
        records,
        as_of,
        None,
        no_color,
    )


@draft_app.command("decision")
def draft_decision(
    ctx: typer.Context,
    memorandum: DraftIdArg = None,
    title: DraftTitleOpt = None,
    effective: DraftEffectiveOpt = None,
    end_activity: Annotated[
        list[str] | None,
        typer.Option(
            "--end-activity",
            metavar="ID=DATE",
            help="End a collaboration activity on DATE (Paragraph 2.4). Repeatable.",
            show_default=False,
        ),
    ] = None,
    add_area: DraftAddAreaOpt = None,
    record_id: DraftRecordIdOpt = None,
    output: DraftOutputOpt = None,
    force: DraftForceOpt = False,
    template: DraftTemplateOpt = None,
    records: RecordsOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """A joint decision of the Sides: end activities (2.4), add areas of cooperation (2.1)."""
    from mocctl.commands import draft as command

    _run(
        ctx,
        lambda s: command.run_decision(
            s,
            memorandum,
            title=title,
            effective=effective,
            end_activities=end_activity or [],
            add_areas=add_area or [],
            record_id=record_id,
            output=output,
            force=force,
            templates=template or [],
        ),
        records,
        as_of,
        None,
        no_color,
    )


def main() -> int:
    """The console script: run the app and return its exit code."""
    try:
        app()
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
