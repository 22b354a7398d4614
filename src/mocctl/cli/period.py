"""``mocctl period``: the notice-period calculator (SPEC §3.3, §3.6: with the records' terms)."""

from typing import Annotated, Optional

import typer

from mocctl.cli.core import MocctlCommand, examples, run

RULES = ("safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary")


def _rules(incomplete: str) -> list[str]:
    return [rule for rule in RULES if rule.startswith(incomplete)]


def period(
    ctx: typer.Context,
    received: Annotated[
        Optional[str],  # noqa: UP045 - typer evaluates the annotation at run time
        typer.Argument(
            metavar="RECEIVED",
            help="When the notice was received: a date (YYYY-MM-DD) or an "
            "instant with offset (2027-01-10T16:30:00+00:00). Omit it with --target.",
            show_default=False,
        ),
    ] = None,
    months: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--months",
            min=1,
            metavar="N",
            help="The notice period in months (default: the memorandum's, in force on the day of "
            "receipt; without one, 3).",
            show_default=False,
        ),
    ] = None,
    period_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--period",
            metavar="PnM",
            help="The notice period as an ISO 8601 duration (P3M, P1Y).",
            show_default=False,
        ),
    ] = None,
    rule: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rule",
            metavar="RULE",
            help="Show this rule only: " + ", ".join(RULES) + ".",
            show_default=False,
            autocompletion=_rules,
        ),
    ] = None,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--target",
            metavar="DATE",
            help="Instead: the latest receipt date for a discontinuation effective on DATE.",
            show_default=False,
        ),
    ] = None,
    jurisdictions: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--jurisdictions",
            metavar="CODES",
            help="The Sides' countries, comma-separated ISO "
            "codes; they choose the rules safe-harbour compares (default: the memorandum's "
            "Sides; without one, GB,JP).",
            show_default=False,
        ),
    ] = None,
    timezones: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--timezones",
            metavar="ZONES",
            help="The Sides' IANA time zones, comma-separated, for "
            "an instant of receipt (default: the memorandum's Sides; without one, "
            "Europe/London,Asia/Tokyo).",
            show_default=False,
        ),
    ] = None,
    memorandum: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--memorandum",
            "-m",
            metavar="ID",
            help="Whose terms and Sides to use when the records hold several memoranda.",
            show_default=False,
        ),
    ] = None,
    recipient_timezone: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--recipient-timezone",
            metavar="ZONE",
            help="The time zone of the Side that received "
            "the notice; the single rules use the receipt date there (default: the latest date).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The notice-period calculator: every rule side by side, on the memorandum's terms."""
    from mocctl.commands import period as command

    run(
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
            memorandum_id=memorandum,
        ),
    )


EXAMPLES = examples(
    "mocctl period 2027-02-28 --months 3",
    "mocctl period 2027-02-28 --period P6M --rule jp-civil-code",
    "mocctl period --target 2027-06-01",
)


def register(app: typer.Typer) -> None:
    app.command(cls=MocctlCommand, epilog=EXAMPLES)(period)
