"""The output of ``mocctl period``: every rule side by side, in words, or as JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocctl.core import periods
from mocctl.core.notices import NoticeDates
from mocctl.core.periods import BASIC_RULES, RULES, Period
from mocctl.findings import Finding
from mocctl.render.output import (
    MONTHS,
    column_widths,
    console,
    iso_with_weekday,
    long_date,
    plural,
    table_width,
    write_json,
)
from mocctl.settings import Settings

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True, slots=True)
class Inputs:
    """The calculator's inputs, checked, and where each came from."""

    months: int
    rule: str | None  # the one rule asked for with --rule
    jurisdictions: tuple[str, ...]
    timezones: tuple[str, ...]
    zones_given: bool  # the time zones are known (given, from records, or the default Sides)
    memorandum: str | None = None  # the memorandum whose terms and Sides are used
    governing: str | None = None  # that memorandum's rule in force on D
    notice_period: str | None = None  # that memorandum's period in force on D
    assumed: tuple[str, ...] = ()  # what was assumed, in words
    expires: dt.date | None = None  # that memorandum's expiry at the end of its last term


REFLECTS = {
    "safe-harbour": "Latest of the Sides' rules",
    "corresponding-date": "English law; EU Reg 1182/71",
    "jp-civil-code": "Japanese Civil Code",
    "un-anniversary": "UN depositary practice",
}


def _period_json(period: Period) -> dict[str, str]:
    return {"last_day": period.last_day.isoformat(), "effective": period.effective.isoformat()}


def _basis_json(inputs: Inputs) -> dict[str, Any]:
    return {
        "memorandum": inputs.memorandum,
        "notice_period": inputs.notice_period or f"P{inputs.months}M",
        "governing_rule": inputs.governing,
        "assumed": list(inputs.assumed),
        "expires": inputs.expires.isoformat() if inputs.expires else None,
    }


def _recipient(dates: NoticeDates, recipient: str | None) -> str | None:
    """The zone whose date the basic rules count from (the latest, when not given)."""
    if not dates.receipt_dates:
        return None
    return recipient or max(dates.receipt_dates, key=lambda name: dates.receipt_dates[name])


def forward_json(
    inputs: Inputs, dates: NoticeDates, recipient: str | None, found: Sequence[Finding] = ()
) -> dict[str, Any]:
    """SPEC §4 ``period --format json`` (contract keys: received, months, rules, safe_harbour)."""
    shown = [inputs.rule] if inputs.rule in BASIC_RULES else [] if inputs.rule else BASIC_RULES
    data: dict[str, Any] = {
        "received": dates.received.isoformat(),
        "months": inputs.months,
        "rules": {rule: _period_json(dates.rules[rule]) for rule in shown if rule},
        "safe_harbour": _period_json(dates.rules["safe-harbour"]),
        "jurisdictions": list(inputs.jurisdictions),
        "timezones": list(inputs.timezones),
        **_basis_json(inputs),
        "findings": [f.to_json() for f in found],
    }
    if inputs.rule:
        data["rule"] = inputs.rule
    if isinstance(dates.received_as_given, dt.datetime):
        data["received_at"] = dates.received_as_given.isoformat()
        data["receipt_dates"] = {name: d.isoformat() for name, d in dates.receipt_dates.items()}
        data["recipient_timezone"] = _recipient(dates, recipient)
    return data


def _basis_line(inputs: Inputs) -> str:
    if inputs.memorandum:
        line = (
            f"Terms of {inputs.memorandum} in force on the day of receipt: "
            f"{plural(inputs.months, 'month')}' notice"
        )
        if inputs.notice_period and periods.parse_months(inputs.notice_period) != inputs.months:
            line += f" (given; the memorandum says {inputs.notice_period})"
        return line + ("." if inputs.rule else f", dates by the {inputs.governing} rule.")
    if inputs.assumed:
        return "No memorandum chosen: assumed " + "; ".join(inputs.assumed) + "."
    return ""


def forward(
    settings: Settings,
    fmt: str,
    inputs: Inputs,
    dates: NoticeDates,
    recipient: str | None,
    found: Sequence[Finding] = (),
) -> None:
    if fmt == "json":
        write_json(forward_json(inputs, dates, recipient, found))
        return

    out = console(settings)
    out.print(_received_line(dates, recipient))
    basis = _basis_line(inputs)
    if basis:
        out.print(basis)
    out.print(
        f"Notice period: {plural(inputs.months, 'month')}. "
        f"Sides' jurisdictions: {', '.join(inputs.jurisdictions)}"
        + (f"; time zones: {', '.join(inputs.timezones)}." if inputs.zones_given else ".")
    )
    shown = [inputs.rule] if inputs.rule else list(RULES)
    rows = [
        (
            rule + (" (applies)" if rule == inputs.governing and not inputs.rule else ""),
            iso_with_weekday(dates.rules[rule].last_day),
            iso_with_weekday(dates.rules[rule].effective),
        )
        for rule in shown
    ]
    out.print(
        _rules_table(("Rule", "Notice period ends", "Takes effect"), shown, rows, inputs, out.width)
    )
    out.print(
        "The memorandum stays in force up to and including the day the notice period ends; "
        "the discontinuation takes effect at the start of the next day."
    )
    if inputs.expires is not None and dates.effective > inputs.expires:
        out.print(
            f"{inputs.memorandum} expires on {inputs.expires}, at the end of its last term, "
            "before this notice would take effect: received then, it would change nothing."
        )
    out.print()
    out.print(explain(inputs, dates))
    out.print()
    out.print(
        "The memorandum names no governing law and no way of counting, so these dates are a "
        "recommendation, not a legal determination; see docs/dates.md for the sources."
    )


def _received_line(dates: NoticeDates, recipient: str | None) -> str:
    given = dates.received_as_given
    if not isinstance(given, dt.datetime):
        return (
            f"Notice received on {iso_with_weekday(dates.received)}, taken as the recipient's "
            "calendar date (a notice counts from the day it arrives)."
        )
    where = ", ".join(f"{long_date(day)} in {name}" for name, day in dates.receipt_dates.items())
    line = f"Notice received at {given.isoformat()}: that is {where}."
    if len(set(dates.receipt_dates.values())) > 1:
        zone = _recipient(dates, recipient)
        if recipient is not None:
            line += f" The single rules use the recipient's date in {zone}."
        else:
            line += (
                f" The single rules use the date in {zone}, the latest; "
                "give --recipient-timezone to use the recipient's own zone."
            )
    return line


def explain(inputs: Inputs, dates: NoticeDates) -> str:
    """Where and why the rules disagree, in plain words."""
    day, n = dates.received, inputs.months
    uk, jp, un = (dates.rules[rule] for rule in BASIC_RULES)
    if inputs.rule in BASIC_RULES:
        period = dates.rules[inputs.rule]
        return (
            f"Under {inputs.rule} ({REFLECTS[inputs.rule]}), {_notice(n)} received on "
            f"{long_date(day)} takes effect on {long_date(period.effective)}; the "
            f"memorandum is in force up to and including {long_date(period.last_day)}."
        )
    target_month = periods.add_months(day.replace(day=1), n)
    sentences = []
    zones = dates.receipt_dates
    if len(set(zones.values())) > 1:
        earliest = min(zones.values())
        where = " but ".join(f"{long_date(d)} in {name}" for name, d in zones.items())
        early_uk, early_jp = (periods.compute(rule, earliest, n) for rule in BASIC_RULES[:2])
        sentences.append(
            f"The Sides' calendars disagree on the day of receipt: {where}. The single rules "
            f"above count from {long_date(day)}; counted from {long_date(earliest)}, the "
            f"discontinuation would take effect on {long_date(early_uk.effective)} under English "
            f"law and on {long_date(early_jp.effective)} under the Japanese Civil Code."
        )
    month = MONTHS[target_month.month - 1]
    if uk != jp:
        sentences.append(
            f"The rules differ because {long_date(day)} is the last day of a month shorter than "
            f"{month}: under the Japanese Civil Code the period runs to the end of {month} "
            f"({long_date(jp.last_day)}), while under English law it ends on the corresponding "
            f"date, {long_date(uk.last_day)}."
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
    over = " on every Side's date of receipt" if len(set(zones.values())) > 1 else ""
    safe = dates.rules["safe-harbour"]
    sentences.append(
        f"safe-harbour, {long_date(safe.effective)}, is the latest of the Sides' rules "
        f"({sides}){over}: the first day on which every Side's own reading agrees that the "
        "notice period has run."
    )
    return " ".join(sentences)


# -- inverse -------------------------------------------------------------------------------------


def inverse_json(
    inputs: Inputs,
    target: dt.date,
    latest: dict[str, dt.date],
    before: dt.datetime | None,
    found: Sequence[Finding] = (),
) -> dict[str, Any]:
    """SPEC §4 ``period --target`` JSON (contract keys: target, latest_received)."""
    data: dict[str, Any] = {
        "target": target.isoformat(),
        "months": inputs.months,
        "latest_received": {rule: day.isoformat() for rule, day in latest.items()},
        "jurisdictions": list(inputs.jurisdictions),
        **_basis_json(inputs),
        "findings": [f.to_json() for f in found],
    }
    if inputs.rule:
        data["rule"] = inputs.rule
    if before is not None:
        data["timezones"] = list(inputs.timezones)
        data["safe_harbour_receive_before"] = before.astimezone(dt.UTC).isoformat()
    return data


def inverse(
    settings: Settings,
    fmt: str,
    inputs: Inputs,
    answer: tuple[dt.date, dict[str, dt.date], dt.datetime | None],
    found: Sequence[Finding] = (),
) -> None:
    target, latest, before = answer
    if fmt == "json":
        write_json(inverse_json(inputs, target, latest, before, found))
        return

    effective = {
        rule: (
            periods.safe_harbour(day, inputs.months, inputs.jurisdictions, inputs.timezones)
            if rule == "safe-harbour"
            else periods.compute(rule, day, inputs.months)
        ).effective
        for rule, day in latest.items()
    }
    out = console(settings)
    out.print(
        f"Latest receipt date for a discontinuation that takes effect on or before "
        f"{long_date(target)}, with {_notice(inputs.months)} "
        f"(Sides' jurisdictions: {', '.join(inputs.jurisdictions)})."
    )
    basis = _basis_line(inputs)
    if basis:
        out.print(basis)
    rows = [
        (rule, iso_with_weekday(day), iso_with_weekday(effective[rule]))
        for rule, day in latest.items()
    ]
    out.print(
        _rules_table(
            ("Rule", "Received by", "Then takes effect"), list(latest), rows, inputs, out.width
        )
    )
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


# Below this many columns for "Reflects", the rules are listed rather than put in a table.
_REFLECTS_MIN = 10


def _rules_table(
    columns: tuple[str, str, str],
    rules: Sequence[str],
    rows: Sequence[tuple[str, str, str]],
    inputs: Inputs,
    width: int,
) -> RenderableType:
    """The rules' dates as a table (rule, what it reflects, two dates) when the rule and the
    dates fit whole at ``width`` beside at least a few columns of "Reflects"; else a list, one
    rule an entry. Either way no rule's name or date is ever cut (issue 9: a table squeezed
    below its content would)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    chosen = inputs.governing or "safe-harbour"
    if table_width([*column_widths(columns, rows), _REFLECTS_MIN]) <= width:
        table = Table(show_lines=False)
        table.add_column(columns[0], no_wrap=True)
        table.add_column("Reflects", min_width=_REFLECTS_MIN)
        table.add_column(columns[1], no_wrap=True)
        table.add_column(columns[2], no_wrap=True)
        for rule, (name, first, then) in zip(rules, rows, strict=True):
            table.add_row(
                Text(name),
                Text(REFLECTS[rule]),
                Text(first),
                Text(then),
                style="bold cyan" if rule == chosen else None,
            )
        return table
    lines = []
    for rule, (name, first, then) in zip(rules, rows, strict=True):
        style = "bold cyan" if rule == chosen else ""
        lines.append(
            Text(f"{name}: {columns[1].lower()} {first}; {columns[2].lower()} {then}", style)
        )
        lines.append(Text(f"  ({REFLECTS[rule]})"))
    return Group(*lines)


def _clock(instant: dt.datetime) -> str:
    return f"{instant:%H:%M} on {long_date(instant.date())}"


def _notice(months: int) -> str:
    return "1 month's notice" if months == 1 else f"{months} months' notice"
