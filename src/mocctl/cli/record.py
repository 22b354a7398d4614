"""``mocctl record …``: record what happened, safely (validated first, comments kept, atomic)."""

from typing import Annotated, Any, Optional

import typer

from mocctl.cli import complete
from mocctl.cli.core import MocctlCommand, MocctlGroup, examples, run

app = typer.Typer(
    cls=MocctlGroup,
    help="Record a notice, a receipt, a revocation, a consent, a signature or an activity: "
    "checked before it is written, written atomically, comments kept.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: see cli.help
    epilog=examples(
        "mocctl record notice jp-uk-quantum-2025 --by UK --received 2027-01-10 --dated 2027-01-08"
    ),
)


def _opt(*names: str, metavar: str, help: str, **extra: Any) -> Any:
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, **extra)


IdArg = Annotated[
    Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
    typer.Argument(
        metavar="ID",
        help="The memorandum's id (default: the only one).",
        show_default=False,
        autocompletion=complete.memorandum_ids,
    ),
]
NewIdOpt = Annotated[
    Optional[str],  # noqa: UP045
    _opt("--id", metavar="ID", help="The new record's id (default: made from its contents)."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the unified diff; write nothing.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace a file or id that exists.")]
ReceivedOpt = Annotated[
    str,
    _opt(
        "--received",
        metavar="DATE|INSTANT",
        help="When it was received: 2027-01-10, or 2027-01-10T16:30:00+00:00.",
    ),
]
SideOpt = Annotated[
    str, _opt("--side", metavar="SIDE", help="The Side.", autocompletion=complete.side_ids)
]
ByOpt = Annotated[
    str,
    _opt("--by", metavar="SIDE", help="The Side that gives it.", autocompletion=complete.side_ids),
]
DateOpt = Annotated[str, _opt("--date", metavar="DATE", help="The date (YYYY-MM-DD).")]
DatedOpt = Annotated[
    Optional[str],  # noqa: UP045
    _opt("--dated", metavar="DATE", help="The date on the letter (default: the day received)."),
]
ReferenceOpt = Annotated[
    Optional[str],  # noqa: UP045
    _opt("--reference", metavar="TEXT", help="The letter's reference, e.g. Note verbale 2027/001."),
]


def _given(value: str | None, name: str) -> str:
    """A positional argument that is required, checked here (so that every option parses)."""
    if not value:
        from mocctl.errors import UsageError

        raise UsageError(f"missing argument {name}", hint="see the command's --help")
    return value


def _go(ctx: typer.Context, memorandum: str | None, name: str, dry_run: bool, **opts: Any) -> None:
    from mocctl.commands import record as command

    run(ctx, lambda s: command.run(s, memorandum, command.builder(name, **opts), dry_run=dry_run))


@app.command(
    "notice",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl record notice jp-uk-quantum-2025 --by UK --received 2027-01-10 --dated 2027-01-08",
        "mocctl record notice --by JP --received 2027-02-28T10:00:00+09:00 --dry-run",
        "mocctl record notice --type non-renewal --by UK --received 2030-11-28",
    ),
)
def notice(
    ctx: typer.Context,
    by: ByOpt,
    received: ReceivedOpt,
    memorandum: IdArg = None,
    to: Annotated[
        Optional[list[str]],  # noqa: UP045
        _opt("--to", metavar="SIDE", help="Addressed to (default: every other Side). Repeatable."),
    ] = None,
    dated: DatedOpt = None,
    requested_effective: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--requested-effective", metavar="DATE", help="The discontinuation date it names."),
    ] = None,
    reference: ReferenceOpt = None,
    record_id: NewIdOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
    notice_type: Annotated[
        str,
        _opt(
            "--type",
            metavar="TYPE",
            help="discontinuation (Paragraph 2.2, the default) or non-renewal (of a fixed term).",
        ),
    ] = "discontinuation",
) -> None:
    """A written notice received: of discontinuation (Paragraph 2.2), or of non-renewal of a
    fixed term; says when it takes effect."""
    _go(
        ctx,
        memorandum,
        "notice",
        dry_run,
        by=by,
        received_text=received,
        to=to or [],
        dated=dated,
        requested_effective=requested_effective,
        reference=reference,
        record_id=record_id,
        force=force,
        notice_type=notice_type,
    )


@app.command(
    "receipt",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/notice-across-time-zones record receipt"
        " uk-discontinuation-2027 --side JP --received 2027-01-10T16:30:00+00:00"
    ),
)
def receipt(
    ctx: typer.Context,
    side: SideOpt,
    received: ReceivedOpt,
    notice_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="NOTICE_ID", help="The notice received.", show_default=False),
    ] = None,
    memorandum: IdArg = None,
    dry_run: DryRunOpt = False,
) -> None:
    """One more recipient's receipt of a notice (more than two Sides)."""
    _go(
        ctx,
        memorandum,
        "receipt",
        dry_run,
        notice_id=_given(notice_id, "NOTICE_ID"),
        side_id=side,
        received_text=received,
    )


@app.command(
    "revocation",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/notice-across-time-zones record revocation"
        " --revokes uk-discontinuation-2027 --by UK --received 2027-02-01"
    ),
)
def revocation(
    ctx: typer.Context,
    revokes: Annotated[
        str, _opt("--revokes", metavar="NOTICE_ID", help="The discontinuation notice revoked.")
    ],
    by: ByOpt,
    received: ReceivedOpt,
    memorandum: IdArg = None,
    dated: DatedOpt = None,
    reference: ReferenceOpt = None,
    record_id: NewIdOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """A written revocation of a discontinuation notice, received before it took effect."""
    _go(
        ctx,
        memorandum,
        "revocation",
        dry_run,
        revokes=revokes,
        by=by,
        received_text=received,
        dated=dated,
        reference=reference,
        record_id=record_id,
        force=force,
    )


@app.command(
    "consent",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/six-months-modification record consent"
        " mod-2026-quantum-safe --side UK --date 2026-03-05 --signatory 'A. Name'"
    ),
)
def consent(
    ctx: typer.Context,
    side: SideOpt,
    date: DateOpt,
    record_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="RECORD_ID", help="The modification or decision.", show_default=False
        ),
    ] = None,
    memorandum: IdArg = None,
    signatory: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--signatory", metavar="NAME", help="Who signed the consent."),
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """A Side's written consent to a modification or decision, added in place (2.3)."""
    _go(
        ctx,
        memorandum,
        "consent",
        dry_run,
        record_id=_given(record_id, "RECORD_ID"),
        side_id=side,
        date=date,
        signatory=signatory,
    )


@app.command(
    "signature",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl record signature --side JP --date 2025-04-28 --signatory 'KIUCHI Minoru'"
    ),
)
def signature(
    ctx: typer.Context,
    side: SideOpt,
    date: DateOpt,
    signatory: Annotated[str, _opt("--signatory", metavar="NAME", help="Who signed.")],
    memorandum: IdArg = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--title", metavar="TEXT", help="The signatory's title."),
    ] = None,
    place: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--place", metavar="TEXT", help="Where it was signed."),
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """A Side's signature of the memorandum; it commences once every Side has signed (2.2)."""
    _go(
        ctx,
        memorandum,
        "signature",
        dry_run,
        side_id=side,
        date=date,
        signatory=signatory,
        title=title,
        place=place,
    )


@app.command(
    "activity",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl record activity --title 'Researcher exchange' --area education-exchange "
        "--start 2025-10-01 --end 2028-09-30"
    ),
)
def activity(
    ctx: typer.Context,
    title: Annotated[str, _opt("--title", metavar="TEXT", help="The activity's title.")],
    area: Annotated[
        list[str], _opt("--area", metavar="AREA", help="An area it serves (repeatable).")
    ],
    start: Annotated[str, _opt("--start", metavar="DATE", help="Its first day.")],
    memorandum: IdArg = None,
    end: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--end", metavar="DATE", help="Its planned last day."),
    ] = None,
    record_id: NewIdOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """A collaboration activity under the memorandum (for Paragraph 2.4)."""
    _go(
        ctx,
        memorandum,
        "activity",
        dry_run,
        title=title,
        areas=list(area),
        start=start,
        end=end,
        record_id=record_id,
        force=force,
    )


@app.command(
    "end-activity",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/revoked-then-discontinued record end-activity"
        " researcher-exchange --end 2027-09-30"
    ),
)
def end_activity(
    ctx: typer.Context,
    end: Annotated[str, _opt("--end", metavar="DATE", help="Its last day.")],
    activity_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ACTIVITY_ID",
            help="The activity.",
            autocompletion=complete.activity_ids,
            show_default=False,
        ),
    ] = None,
    memorandum: IdArg = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Set an activity's last day (its own end; a decision of the Sides is `draft decision`)."""
    _go(
        ctx,
        memorandum,
        "end_activity",
        dry_run,
        activity_id=_given(activity_id, "ACTIVITY_ID"),
        end=end,
    )


@app.command(
    "sent",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/notice-across-time-zones record sent"
        " uk-discontinuation-2027 --received 2027-01-10T16:30:00+00:00",
    ),
)
def sent(
    ctx: typer.Context,
    draft_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="DRAFT_ID", help="The drafted record.", show_default=False),
    ] = None,
    memorandum: IdArg = None,
    received: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--received", metavar="DATE|INSTANT", help="When it was received (notices)."),
    ] = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """Make a drafted record real: it was sent (and received); until then it is inert."""
    _go(
        ctx,
        memorandum,
        "sent",
        dry_run,
        draft_id=_given(draft_id, "DRAFT_ID"),
        received_text=received,
        force=force,
    )
