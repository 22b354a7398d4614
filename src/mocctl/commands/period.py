"""``mocctl period``: the notice-period calculator of SPEC §3.3.

Forward: when does a notice received on a date (or at an instant) take effect, under every rule
side by side? Inverse (``--target``): what is the latest receipt date for a discontinuation that
takes effect on a given date?

With records (the default records included) it uses that memorandum's notice period in force on
the day of receipt, its Sides' jurisdictions and time zones (SPEC §3.6); ``--months``/``--period``,
``--jurisdictions`` and ``--timezones`` override them. Without a memorandum it says what it assumed.
The dates come from :func:`mocctl.core.notices.dates_of`, as for a recorded notice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import replace

from mocctl.commands.common import exit_code, report_findings
from mocctl.core import periods
from mocctl.core.history import History
from mocctl.core.notices import NoticeDates, Parties, dates_of, receipt_day
from mocctl.core.periods import RULES
from mocctl.errors import MocctlError, UsageError
from mocctl.findings import Finding
from mocctl.render.period import Inputs
from mocctl.settings import Settings, parse_date

# The Japan–UK memorandum's Sides and period: what is assumed without a memorandum (SPEC §2.2).
DEFAULT_JURISDICTIONS = ("GB", "JP")
DEFAULT_TIMEZONES = ("Europe/London", "Asia/Tokyo")
DEFAULT_MONTHS = 3

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def run(
    settings: Settings,
    received: str | None,
    *,
    months: int | None,
    period: str | None,
    rule: str | None,
    target: str | None,
    jurisdictions: str | None = None,
    timezones: str | None = None,
    recipient_timezone: str | None = None,
    memorandum_id: str | None = None,
) -> int:
    """Show (or write as JSON) when a notice takes effect, or the latest receipt date."""
    from mocctl.render import period as view

    fmt = settings.output_format(("text", "json"))
    recipient = _zone_option(recipient_timezone, "--recipient-timezone")
    if target is not None and received is not None:
        raise UsageError(
            "give either RECEIVED (when does this notice take effect?) or --target DATE "
            "(by when must a notice be received?), not both"
        )
    if target is None and received is None:
        raise UsageError(
            "say when the notice was received, e.g. `mocctl period 2027-02-28`, "
            "or ask for the latest receipt date with `mocctl period --target 2027-06-01`"
        )
    when = _received(received) if received is not None else parse_date(str(target), "--target")
    given = Inputs(
        months=_months(months, period) if (months, period) != (None, None) else 0,
        rule=_rule(rule),
        jurisdictions=_jurisdictions(jurisdictions) if jurisdictions else (),
        timezones=_timezones(timezones, recipient) if timezones else (),
        zones_given=timezones is not None,
    )
    seen, found = _memorandum(settings, memorandum_id)
    inputs = _with_records(given, when, seen)
    if isinstance(when, dt.datetime) and not inputs.zones_given:
        raise UsageError(
            "--jurisdictions was given without --timezones: a receipt instant falls on a "
            "different calendar date in each Side's time zone, so give those zones too",
            hint="for example --timezones Europe/Paris,Europe/Berlin",
        )
    if recipient is not None and recipient not in inputs.timezones:
        inputs = replace(inputs, timezones=(*inputs.timezones, recipient))
    if target is not None:
        view.inverse(settings, fmt, inputs, _latest(inputs, when, recipient), found)
    else:
        view.forward(settings, fmt, inputs, forward(inputs, when, recipient), recipient, found)
    if fmt == "text":
        report_findings(found)
    return exit_code(found)


def _with_records(given: Inputs, when: dt.date | dt.datetime, seen: History | None) -> Inputs:
    """``given`` completed from the memorandum of the records, or from the default Sides."""
    if seen is None:
        assumed = []
        if not given.months:
            assumed.append(f"a notice period of {DEFAULT_MONTHS} months")
        if not given.jurisdictions:
            assumed.append("the Japan–UK Sides' jurisdictions (GB, JP)")
        if not given.timezones and not given.jurisdictions:
            assumed.append("their time zones (Europe/London, Asia/Tokyo)")
        return replace(
            given,
            months=given.months or DEFAULT_MONTHS,
            jurisdictions=given.jurisdictions or DEFAULT_JURISDICTIONS,
            timezones=given.timezones or DEFAULT_TIMEZONES,
            zones_given=given.zones_given or not given.jurisdictions,
            assumed=tuple(assumed),
        )
    memo = seen.memorandum
    if given.jurisdictions:  # other Sides than the memorandum's: their zones must be given
        seen_zones: tuple[str, ...] = given.timezones or DEFAULT_TIMEZONES
        zones_given = given.zones_given
    else:
        seen_zones = tuple(dict.fromkeys(side.timezone for side in memo.sides))
        zones_given = True
    zones = given.timezones or seen_zones
    day = receipt_day(when, zones) if isinstance(when, dt.datetime) else when
    terms = seen.text_on(day)
    return replace(
        given,
        months=given.months or periods.parse_months(terms.notice_period),
        jurisdictions=given.jurisdictions or tuple(side.jurisdiction for side in memo.sides),
        timezones=zones,
        zones_given=zones_given,
        memorandum=memo.id,
        governing=terms.rule,
        notice_period=terms.notice_period,
        expires=seen.expiry,
    )


def _memorandum(
    settings: Settings, memorandum_id: str | None
) -> tuple[History | None, list[Finding]]:
    """The history of the one memorandum the records hold (or the one named), else None; and
    the findings about it (SPEC §4: a command that reads records lists their findings)."""
    from mocctl.commands.common import open_workspace, select

    try:
        space = open_workspace(settings, known_on=settings.today)
    except MocctlError:
        if memorandum_id is not None or settings.records is not None:
            raise
        return None, []
    chosen = select(space.loaded, memorandum_id)
    if len(chosen) != 1:
        return None, []
    return space.history(chosen[0]), space.findings_of(chosen[0])


# -- computing ---------------------------------------------------------------------------------


def forward(inputs: Inputs, received: dt.date | dt.datetime, recipient: str | None) -> NoticeDates:
    """Every rule's dates for a notice received on ``received`` (the one computation)."""
    who = Parties(
        jurisdictions=inputs.jurisdictions,
        timezones=inputs.timezones,
        recipient_timezones=(recipient,) if recipient else inputs.timezones,
    )
    try:
        return dates_of(
            received,
            notice_period=f"P{inputs.months}M",
            rule=inputs.governing or "safe-harbour",
            who=who,
        )
    except ValueError as error:
        raise UsageError(str(error)) from None


def _latest(
    inputs: Inputs, target: dt.date | dt.datetime, recipient: str | None
) -> tuple[dt.date, dict[str, dt.date], dt.datetime | None]:
    assert not isinstance(target, dt.datetime)
    shown = [inputs.rule] if inputs.rule else list(RULES)
    zone = recipient or inputs.timezones[0]
    try:
        latest = {
            rule: periods.latest_receipt(
                target, rule, inputs.months, inputs.jurisdictions, inputs.timezones, zone
            )
            for rule in shown
        }
        before = (
            periods.receipt_deadline(latest["safe-harbour"], "safe-harbour", inputs.timezones, zone)
            if "safe-harbour" in latest and inputs.zones_given
            else None
        )
    except ValueError as error:
        raise UsageError(str(error)) from None
    return target, latest, before


# -- options ------------------------------------------------------------------------------------


def _months(months: int | None, period: str | None) -> int:
    if months is not None and period is not None:
        raise UsageError("give the notice period once: --months N or --period PnM, not both")
    if period is not None:
        try:
            return periods.parse_months(period)
        except ValueError as error:
            raise UsageError(f"--period: {error}") from None
    if months is None:
        return DEFAULT_MONTHS
    if months < 1:
        raise UsageError(f"--months must be at least 1, not {months}")
    return months


def _rule(rule: str | None) -> str | None:
    if rule is None or rule in RULES:
        return rule
    close = difflib.get_close_matches(rule, RULES, n=1)
    raise UsageError(
        f"--rule {rule!r} is not a rule mocctl knows; choose one of {', '.join(RULES)}",
        hint=f"did you mean {close[0]}?" if close else None,
    )


def _split(text: str, option: str) -> list[str]:
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise UsageError(f"{option} {text!r} has an empty item; separate the values with commas")
    return list(dict.fromkeys(items))


def _jurisdictions(text: str | None) -> tuple[str, ...]:
    if text is None:
        return DEFAULT_JURISDICTIONS
    codes = [code.upper() for code in _split(text, "--jurisdictions")]
    for code in codes:
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise UsageError(
                f"--jurisdictions: {code!r} is not a country code; use ISO 3166 codes such as "
                "GB, JP or FR"
            )
    return tuple(dict.fromkeys(codes))


def _zone_option(name: str | None, option: str) -> str | None:
    if name is None:
        return None
    try:
        periods.zone(name)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None
    return name


def _timezones(text: str | None, recipient: str | None) -> tuple[str, ...]:
    names = DEFAULT_TIMEZONES if text is None else tuple(_split(text, "--timezones"))
    for name in names:
        _zone_option(name, "--timezones")
    if recipient is not None and recipient not in names:
        names = (*names, recipient)  # the recipient is a Side: its zone is one of the Sides'
    return names


def _received(text: str) -> dt.date | dt.datetime:
    value = text.strip()
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"RECEIVED {text!r} is not a real date") from None
    if "T" in value or " " in value:
        try:
            instant = dt.datetime.fromisoformat(value)
        except ValueError:
            raise UsageError(
                f"RECEIVED {text!r} is not an instant such as 2027-01-10T16:30:00+00:00"
            ) from None
        if instant.utcoffset() is None:
            raise UsageError(
                f"the instant {text!r} has no UTC offset; add one, e.g. +00:00 or +09:00"
            )
        return instant
    raise UsageError(
        f"RECEIVED {text!r} is not a date; write YYYY-MM-DD, or an instant with its offset "
        "such as 2027-01-10T16:30:00+00:00"
    )
