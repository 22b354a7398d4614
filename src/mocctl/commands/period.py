"""``mocctl period``: the notice-period calculator of SPEC §3.3, usable without records.

Forward: when does a notice received on a date (or at an instant) take effect, under every rule
side by side? Inverse (``--target``): what is the latest receipt date for a discontinuation that
takes effect on a given date?
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocctl.core import periods
from mocctl.core.periods import BASIC_RULES, RULES, Period
from mocctl.errors import EXIT_OK, UsageError
from mocctl.render.output import (
    MONTHS,
    console,
    iso_with_weekday,
    long_date,
    plural,
    write_json,
)
from mocctl.settings import Settings, parse_date

if TYPE_CHECKING:
    pass

# The Japan–UK memorandum's Sides: the embedded default (SPEC §2.2).
DEFAULT_JURISDICTIONS = ("GB", "JP")
DEFAULT_TIMEZONES = ("Europe/London", "Asia/Tokyo")
DEFAULT_MONTHS = 3

REFLECTS = {
    "safe-harbour": "Latest of the Sides' rules",
    "corresponding-date": "English law; EU Reg 1182/71",
    "jp-civil-code": "Japanese Civil Code",
    "un-anniversary": "UN depositary practice",
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Inputs:
    """The calculator's inputs, checked."""

    months: int
    rule: str | None
    jurisdictions: tuple[str, ...]
    timezones: tuple[str, ...]
    zones_given: bool  # the time zones were given, or the default Sides were kept


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
) -> int:
    """Show (or write as JSON) when a notice takes effect, or the latest receipt date."""
    fmt = settings.output_format(("text", "json"))
    recipient = _zone_option(recipient_timezone, "--recipient-timezone")
    inputs = Inputs(
        months=_months(months, period),
        rule=_rule(rule),
        jurisdictions=_jurisdictions(jurisdictions),
        timezones=_timezones(timezones, recipient_timezone),
        zones_given=timezones is not None or jurisdictions is None,
    )
    if target is not None:
        if received is not None:
            raise UsageError(
                "give either RECEIVED (when does this notice take effect?) or --target DATE "
                "(by when must a notice be received?), not both"
            )
        _inverse(settings, fmt, inputs, parse_date(target, "--target"), recipient)
        return EXIT_OK
    if received is None:
        raise UsageError(
            "say when the notice was received, e.g. `mocctl period 2027-02-28`, "
            "or ask for the latest receipt date with `mocctl period --target 2027-06-01`"
        )
    when = _received(received)
    if isinstance(when, dt.datetime) and not inputs.zones_given:
        raise UsageError(
            "--jurisdictions was given without --timezones: a receipt instant falls on a "
            "different calendar date in each Side's time zone, so give those zones too",
            hint="for example --timezones Europe/Paris,Europe/Berlin",
        )
    _forward(settings, fmt, inputs, when, recipient)
    return EXIT_OK


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


# -- forward: when does the notice take effect? ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forward:
    """Every rule's result for one notice."""

    received: dt.date | dt.datetime
    day: dt.date  # the receipt date the basic rules use
    recipient: str | None  # the zone of ``day`` when ``received`` is an instant
    dates: dict[str, dt.date]  # the receipt date in each zone (instants only)
    rules: dict[str, Period]
    safe: Period


def compute_forward(
    inputs: Inputs, received: dt.date | dt.datetime, recipient: str | None
) -> Forward:
    dates: dict[str, dt.date] = {}
    if isinstance(received, dt.datetime):
        dates = {name: received.astimezone(periods.zone(name)).date() for name in inputs.timezones}
        if recipient is None:  # unknown recipient: the latest date, which is the cautious one
            recipient = max(inputs.timezones, key=lambda name: dates[name])
        day = dates[recipient]
    else:
        day = received
    try:
        rules = {rule: periods.compute(rule, day, inputs.months) for rule in BASIC_RULES}
        safe = periods.safe_harbour(received, inputs.months, inputs.jurisdictions, inputs.timezones)
    except ValueError as error:
        raise UsageError(str(error)) from None
    return Forward(received, day, recipient if dates else None, dates, rules, safe)


def forward_json(inputs: Inputs, result: Forward) -> dict[str, Any]:
    """SPEC §4 ``period --format json`` (contract keys: received, months, rules, safe_harbour)."""
    shown = [inputs.rule] if inputs.rule in BASIC_RULES else [] if inputs.rule else BASIC_RULES
    data: dict[str, Any] = {
        "received": result.day.isoformat(),
        "months": inputs.months,
        "rules": {rule: _period_json(result.rules[rule]) for rule in shown if rule},
        "safe_harbour": _period_json(result.safe),
        "jurisdictions": list(inputs.jurisdictions),
        "timezones": list(inputs.timezones),
    }
    if inputs.rule:
        data["rule"] = inputs.rule
    if isinstance(result.received, dt.datetime):
        data["received_at"] = result.received.isoformat()
        data["receipt_dates"] = {name: day.isoformat() for name, day in result.dates.items()}
        data["recipient_timezone"] = result.recipient
    return data


def _period_json(period: Period) -> dict[str, str]:
    return {"last_day": period.last_day.isoformat(), "effective": period.effective.isoformat()}


def _forward(
    settings: Settings,
    fmt: str,
    inputs: Inputs,
    received: dt.date | dt.datetime,
    recipient: str | None,
) -> None:
    result = compute_forward(inputs, received, recipient)
    if fmt == "json":
        write_json(forward_json(inputs, result))
        return

    from rich.table import Table
    from rich.text import Text

    out = console(settings)
    out.print(_received_line(inputs, result, recipient_given=recipient is not None))
    out.print(
        f"Notice period: {plural(inputs.months, 'month')}. "
        f"Sides' jurisdictions: {', '.join(inputs.jurisdictions)}"
        + (f"; time zones: {', '.join(inputs.timezones)}." if inputs.zones_given else ".")
    )
    table = Table(show_lines=False)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Reflects")
    table.add_column("Notice period ends", no_wrap=True)
    table.add_column("Takes effect", no_wrap=True)
    shown = [inputs.rule] if inputs.rule else list(RULES)
    for rule in shown:
        period = result.safe if rule == "safe-harbour" else result.rules[rule]
        table.add_row(
            Text(rule),
            Text(REFLECTS[rule]),
            Text(iso_with_weekday(period.last_day)),
            Text(iso_with_weekday(period.effective)),
            style="bold cyan" if rule == "safe-harbour" else None,
        )
    out.print(table)
    out.print(
        "The memorandum stays in force up to and including the day the notice period ends; "
        "the discontinuation takes effect at the start of the next day."
    )
    out.print()
    out.print(explain(inputs, result))
    out.print()
    out.print(
        "The memorandum names no governing law and no way of counting, so these dates are a "
        "recommendation, not a legal determination; see docs/dates.md for the sources."
    )


def _received_line(inputs: Inputs, result: Forward, *, recipient_given: bool) -> str:
    if not isinstance(result.received, dt.datetime):
        return (
            f"Notice received on {iso_with_weekday(result.day)}, taken as the recipient's "
            "calendar date (a notice counts from the day it arrives)."
        )
    where = ", ".join(f"{long_date(day)} in {name}" for name, day in result.dates.items())
    line = f"Notice received at {result.received.isoformat()}: that is {where}."
    if len(set(result.dates.values())) > 1:
        if recipient_given:
            line += f" The single rules use the recipient's date in {result.recipient}."
        else:
            line += (
                f" The single rules use the date in {result.recipient}, the latest; "
                "give --recipient-timezone to use the recipient's own zone."
            )
    return line


def explain(inputs: Inputs, result: Forward) -> str:
    """Where and why the rules disagree, in plain words."""
    day, n = result.day, inputs.months
    uk, jp, un = (result.rules[rule] for rule in BASIC_RULES)
    if inputs.rule in BASIC_RULES:
        period = result.rules[inputs.rule]
        return (
            f"Under {inputs.rule} ({REFLECTS[inputs.rule]}), {_notice(n)} received on "
            f"{long_date(day)} takes effect on {long_date(period.effective)}; the "
            f"memorandum is in force up to and including {long_date(period.last_day)}."
        )
    target_month = periods.add_months(day.replace(day=1), n)
    sentences = []
    if len(set(result.dates.values())) > 1:
        earliest = min(result.dates.values())
        where = " but ".join(f"{long_date(d)} in {name}" for name, d in result.dates.items())
        early_uk, early_jp = (periods.compute(rule, earliest, n) for rule in BASIC_RULES[:2])
        sentences.append(
            f"The Sides' calendars disagree on the day of receipt: {where}. The single rules "
            f"above count from {long_date(day)}; counted from {long_date(earliest)}, the "
            f"discontinuation would take effect on {long_date(early_uk.effective)} under English "
            "law and on "
            f"{long_date(early_jp.effective)} under the Japanese Civil Code."
        )
    if uk != jp:
        sentences.append(
            f"The rules differ because {long_date(day)} is the last day of a month shorter than "
            f"{MONTHS[target_month.month - 1]}: under the Japanese Civil Code the period runs "
            f"to the end of {MONTHS[target_month.month - 1]} ({long_date(jp.last_day)}), while "
            f"under English law it ends on the corresponding date, {long_date(uk.last_day)}."
        )
    else:
        sentences.append(
            f"English law and the Japanese Civil Code agree: the notice period ends on "
            f"{long_date(uk.last_day)} and the discontinuation takes effect on "
            f"{long_date(uk.effective)}."
        )
    sentences.append(
        f"UN depositary practice counts the discontinuation from the corresponding date itself "
        f"({long_date(un.effective)}), one day before English law, which lets that whole day pass "
        "first."
    )
    sides = ", ".join(
        f"{code}: {periods.rule_for_jurisdiction(code)}" for code in inputs.jurisdictions
    )
    over = " on every Side's date of receipt" if len(set(result.dates.values())) > 1 else ""
    sentences.append(
        f"safe-harbour, {long_date(result.safe.effective)}, is the latest of the Sides' rules "
        f"({sides}){over}: the first day on which every Side's own reading agrees that the "
        "notice period has run."
    )
    return " ".join(sentences)


# -- inverse: the latest receipt date for a target -----------------------------------------------


def inverse_json(
    inputs: Inputs, target: dt.date, latest: dict[str, dt.date], before: dt.datetime | None
) -> dict[str, Any]:
    """SPEC §4 ``period --target`` JSON (contract keys: target, latest_received)."""
    data: dict[str, Any] = {
        "target": target.isoformat(),
        "months": inputs.months,
        "latest_received": {rule: day.isoformat() for rule, day in latest.items()},
        "jurisdictions": list(inputs.jurisdictions),
    }
    if inputs.rule:
        data["rule"] = inputs.rule
    if before is not None:
        data["timezones"] = list(inputs.timezones)
        data["safe_harbour_receive_before"] = before.astimezone(dt.UTC).isoformat()
    return data


def _inverse(
    settings: Settings, fmt: str, inputs: Inputs, target: dt.date, recipient: str | None
) -> None:
    shown: Sequence[str] = [inputs.rule] if inputs.rule else RULES
    # Only the safe-harbour deadline instant depends on the zones; a single rule's answer is a
    # calendar date in the recipient's zone, whichever that is.
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
        effective = {
            rule: (
                periods.safe_harbour(day, inputs.months, inputs.jurisdictions, inputs.timezones)
                if rule == "safe-harbour"
                else periods.compute(rule, day, inputs.months)
            ).effective
            for rule, day in latest.items()
        }
    except ValueError as error:
        raise UsageError(str(error)) from None
    if fmt == "json":
        write_json(inverse_json(inputs, target, latest, before))
        return

    from rich.table import Table
    from rich.text import Text

    out = console(settings)
    out.print(
        f"Latest receipt date for a discontinuation that takes effect on or before "
        f"{long_date(target)}, with {_notice(inputs.months)} "
        f"(Sides' jurisdictions: {', '.join(inputs.jurisdictions)})."
    )
    table = Table()
    table.add_column("Rule", no_wrap=True)
    table.add_column("Reflects")
    table.add_column("Received by", no_wrap=True)
    table.add_column("Then takes effect", no_wrap=True)
    for rule, day in latest.items():
        table.add_row(
            Text(rule),
            Text(REFLECTS[rule]),
            Text(iso_with_weekday(day)),
            Text(iso_with_weekday(effective[rule])),
            style="bold cyan" if rule == "safe-harbour" else None,
        )
    out.print(table)
    out.print(
        "A receipt date is the calendar date on which the notice arrives; under a single rule, "
        "in the recipient's time zone."
    )
    if before is not None:
        first = str(before.tzinfo)
        others = ", ".join(
            f"{_clock(before.astimezone(periods.zone(name)))} in {name}"
            for name in inputs.timezones
            if name != first
        )
        out.print(
            "Under safe-harbour the notice must have arrived by "
            f"{long_date(latest['safe-harbour'])} in every Side's time zone, that is before "
            f"{_clock(before)} in {first}" + (f" ({others})." if others else ".")
        )
    out.print(
        f"A notice that arrives earlier takes effect earlier, unless it names {long_date(target)} "
        "as the date on which the discontinuation takes effect. Allow for the time the letter "
        "or note verbale takes to arrive: the rules count from receipt, not from sending."
    )


# -- output helpers ------------------------------------------------------------------------------


def _clock(instant: dt.datetime) -> str:
    return f"{instant:%H:%M} on {long_date(instant.date())}"


def _notice(months: int) -> str:
    return "1 month's notice" if months == 1 else f"{months} months' notice"
