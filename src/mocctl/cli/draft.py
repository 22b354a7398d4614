"""``mocctl draft modification|notice|non-renewal|decision``: a letter and its record."""

from typing import Any

import typer

from mocctl.cli.core import MocctlCommand, MocctlGroup, examples, run
from mocctl.cli.draft_options import (
    AddAreaOpt,
    DatedOpt,
    EffectiveOpt,
    EndActivityOpt,
    ForceOpt,
    IdArg,
    OutputOpt,
    ReceivedOpt,
    RecordIdOpt,
    ReplaceTextOpt,
    RequestedOpt,
    SetTermOpt,
    SideOpt,
    TemplateOpt,
    TitleOpt,
    ToOpt,
)

app = typer.Typer(
    cls=MocctlGroup,
    help="Draft letters and records from templates.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: see cli.help
    epilog=examples("mocctl draft notice --by UK --received 2027-01-10"),
)


@app.command(
    "modification",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl draft modification --effective 2026-04-01 --set-term notice_period=P6M",
        "mocctl draft modification --effective 2026-04-01 --add-area @areas.yaml -o drafts",
    ),
)
def modification(
    ctx: typer.Context,
    memorandum: IdArg = None,
    title: TitleOpt = None,
    effective: EffectiveOpt = None,
    add_area: AddAreaOpt = None,
    replace_text: ReplaceTextOpt = None,
    set_term: SetTermOpt = None,
    record_id: RecordIdOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
) -> None:
    """A proposed modification (Paragraph 2.3): the letter and the record, consents to come."""
    from mocctl.commands import draft as command

    run(
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
    )


@app.command(
    "notice",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl draft notice --by UK --received 2027-01-10",
        "mocctl draft notice jp-uk-quantum-2025 --by JP --received 2027-02-28 -o drafts",
    ),
)
def notice(
    ctx: typer.Context,
    by: SideOpt,
    memorandum: IdArg = None,
    received: ReceivedOpt = None,
    requested_effective: RequestedOpt = None,
    dated: DatedOpt = None,
    to: ToOpt = None,
    record_id: RecordIdOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
) -> None:
    """A written notice of discontinuation (Paragraph 2.2) naming its date of effect."""
    _notice(
        ctx,
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
    )


def _notice(ctx: typer.Context, memorandum: str | None, **fields: Any) -> None:
    """``draft notice`` and ``draft non-renewal``: one command, ``commands.draft.run_notice``."""
    from mocctl.commands import draft as command

    run(ctx, lambda s: command.run_notice(s, memorandum, **fields))


@app.command(
    "non-renewal",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/five-year-term-renewing draft non-renewal --by UK"
        " --received 2030-11-28",
    ),
)
def non_renewal(
    ctx: typer.Context,
    by: SideOpt,
    memorandum: IdArg = None,
    received: ReceivedOpt = None,
    dated: DatedOpt = None,
    to: ToOpt = None,
    record_id: RecordIdOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
) -> None:
    """A written notice of non-renewal of a fixed term, with the last day it can be received."""
    _notice(
        ctx,
        memorandum,
        by=by,
        received=received,
        requested_effective=None,
        dated=dated,
        to=to or [],
        record_id=record_id,
        output=output,
        force=force,
        templates=template or [],
        non_renewal=True,
    )


@app.command(
    "decision",
    cls=MocctlCommand,
    epilog=examples(
        "mocctl --records examples/revoked-then-discontinued draft decision"
        " --effective 2027-02-03 --end-activity researcher-exchange=2027-09-30",
    ),
)
def decision(
    ctx: typer.Context,
    memorandum: IdArg = None,
    title: TitleOpt = None,
    effective: EffectiveOpt = None,
    end_activity: EndActivityOpt = None,
    add_area: AddAreaOpt = None,
    record_id: RecordIdOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    template: TemplateOpt = None,
) -> None:
    """A joint decision of the Sides: end activities (2.4), add areas of cooperation (2.1)."""
    from mocctl.commands import draft as command

    run(
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
    )
