"""Notice periods: when a discontinuation notice takes effect (SPEC §3.3).

A pure module: no I/O, no clock, only the standard library. Every function takes the facts it
needs and returns plain values; a bad argument raises :class:`ValueError` with a plain message.

Notation (SPEC §3.3): D is the calendar date on which the notice was received, N the notice
period in months, L the last day of the notice period and E the first day on which the
discontinuation has effect. The memorandum is in force up to and including E − 1 day.

The sources behind each rule are summarised in ``docs/dates.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "BASIC_RULES",
    "EU_MEMBER_STATES",
    "RULES",
    "Period",
    "add_months",
    "compute",
    "effective",
    "latest_receipt",
    "parse_months",
    "receipt_dates",
    "receipt_deadline",
    "rule_for_jurisdiction",
    "safe_harbour",
    "zone",
]

BASIC_RULES = ("corresponding-date", "jp-civil-code", "un-anniversary")
RULES = ("safe-harbour", *BASIC_RULES)

# ISO 3166-1 alpha-2 codes of the EU member states ("EL" is the EU's own code for Greece).
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR",
        "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip

_ONE_DAY = dt.timedelta(days=1)
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?")


@dataclass(frozen=True, slots=True)
class Period:
    """The result of a rule: ``last_day`` (L) and ``effective`` (E) of SPEC §3.3."""

    last_day: dt.date
    effective: dt.date


# -- calendar arithmetic ------------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` calendar months after (year, month)."""
    index = year * 12 + (month - 1) + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError("the date is outside the calendar mocctl can compute (years 1 to 9999)")
    return year, month + 1


def _last_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, _days_in_month(year, month))


def _next_day(day: dt.date) -> dt.date:
    try:
        return day + _ONE_DAY
    except OverflowError:
        raise ValueError(
            "the date is outside the calendar mocctl can compute (years 1 to 9999)"
        ) from None


def _previous_day(day: dt.date) -> dt.date:
    try:
        return day - _ONE_DAY
    except OverflowError:
        raise ValueError(
            "the date is outside the calendar mocctl can compute (years 1 to 9999)"
        ) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month.

    31 Jan + 1 month is 28 (or 29) Feb; 30 Nov + 3 months is the end of February.
    ``months`` may be negative or zero.
    """
    year, month = _shift_month(day.year, day.month, months)
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def parse_months(duration: str) -> int:
    """The number of months in an ISO 8601 duration ``PnM``, ``PnY`` or ``PnYnM`` (≥ 1).

    A year is twelve months. Anything else (weeks, days, zero) raises :class:`ValueError`.
    """
    match = _DURATION.fullmatch(duration.strip().upper())
    if match is None or not any(match.groups()):
        raise ValueError(
            f"{duration!r} is not a period of months or years; write it like P3M, P6M or P1Y"
        )
    years, months = (int(part) if part else 0 for part in match.groups())
    total = 12 * years + months
    if total < 1:
        raise ValueError(f"the notice period {duration!r} is zero; it must be at least one month")
    return total


# -- the basic rules ----------------------------------------------------------------------------


def _corresponding_date(received: dt.date, months: int) -> Period:
    # English law (Lester v Garland, Dodds v Walker), EU Reg 1182/71 Art 3: the period ends on
    # the corresponding date N months later (clamped), and the effect follows the next day.
    last_day = add_months(received, months)
    return Period(last_day, _next_day(last_day))


def _jp_civil_code(received: dt.date, months: int) -> Period:
    # Civil Code Art 140: the day of receipt is not counted, so the period starts on S = D + 1.
    start = _next_day(received)
    if start.day == 1:
        # Art 143(1): a period counted from the beginning of a month runs by whole calendar
        # months and ends on the last day of its N-th month.
        year, month = _shift_month(start.year, start.month, months - 1)
        last_day = _last_of_month(year, month)
    else:
        # Art 143(2): it ends on the day before the day that corresponds to S in the month N
        # months after S's month, or on that month's last day when it has no such day.
        year, month = _shift_month(start.year, start.month, months)
        if start.day <= _days_in_month(year, month):
            last_day = _previous_day(dt.date(year, month, start.day))
        else:
            last_day = _last_of_month(year, month)
    # Art 141: the period expires at the end of its last day; the effect follows.
    return Period(last_day, _next_day(last_day))


def _un_anniversary(received: dt.date, months: int) -> Period:
    # UN Secretary-General and US State Department practice: effective on the corresponding
    # date itself.
    effective_day = add_months(received, months)
    return Period(_previous_day(effective_day), effective_day)


_BASIC: dict[str, Callable[[dt.date, int], Period]] = {
    "corresponding-date": _corresponding_date,
    "jp-civil-code": _jp_civil_code,
    "un-anniversary": _un_anniversary,
}


def _check_months(months: int) -> None:
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"the notice period must be a whole number of months, not {months!r}")
    if months < 1:
        raise ValueError(f"the notice period must be at least one month, not {months}")


def _check_rule(rule: str, allowed: tuple[str, ...]) -> None:
    if rule not in allowed:
        if rule == "safe-harbour":
            raise ValueError("safe-harbour is not a basic rule; use safe_harbour() or effective()")
        raise ValueError(f"unknown rule {rule!r}; the rules are: {', '.join(allowed)}")


def _as_date(day: dt.date) -> dt.date:
    if isinstance(day, dt.datetime):
        raise ValueError("expected a calendar date, not an instant")
    return day


def compute(rule: str, received: dt.date, months: int) -> Period:
    """L and E under one of the ``BASIC_RULES`` for a notice received on ``received``."""
    _check_rule(rule, BASIC_RULES)
    _check_months(months)
    return _BASIC[rule](_as_date(received), months)


def rule_for_jurisdiction(code: str) -> str:
    """The basic rule that reflects how a jurisdiction reads "N months' notice".

    GB and the EU member states → ``corresponding-date``; JP → ``jp-civil-code``; any other
    jurisdiction → ``corresponding-date``. ``code`` is an ISO 3166-1 alpha-2 code (any case;
    ``UK`` is read as GB and ``EL`` as Greece).
    """
    normal = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", normal):
        raise ValueError(f"{code!r} is not a jurisdiction code; use two letters such as GB or JP")
    if normal in ("GB", "UK") or normal in EU_MEMBER_STATES:
        return "corresponding-date"
    if normal == "JP":
        return "jp-civil-code"
    return "corresponding-date"  # no specific convention known: the common reading


# -- time zones ---------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``, or a :class:`ValueError` that says it is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"{name!r} is not an IANA time zone (such as Europe/London or Asia/Tokyo)"
        ) from None


def _check_instant(instant: dt.datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(
            f"the instant {instant.isoformat()} has no UTC offset; add one, e.g. +00:00 or +09:00"
        )


def receipt_dates(received: dt.date | dt.datetime, timezones: Sequence[str]) -> tuple[dt.date, ...]:
    """The calendar dates of receipt: a plain date gives itself; an aware instant gives its date
    in each of ``timezones`` (deduplicated, sorted)."""
    if not isinstance(received, dt.datetime):
        return (received,)
    _check_instant(received)
    if not timezones:
        raise ValueError("an instant of receipt needs at least one time zone to give it a date")
    return tuple(sorted({received.astimezone(zone(name)).date() for name in timezones}))


def _receipt_date_in(received: dt.date | dt.datetime, timezone: str) -> dt.date:
    if not isinstance(received, dt.datetime):
        return received
    _check_instant(received)
    return received.astimezone(zone(timezone)).date()


# -- safe harbour and dispatch ------------------------------------------------------------------


def _jurisdiction_rules(jurisdictions: Sequence[str]) -> tuple[str, ...]:
    if isinstance(jurisdictions, str) or not jurisdictions:
        raise ValueError("safe-harbour needs the jurisdictions of the Sides, e.g. ['GB', 'JP']")
    return tuple(sorted({rule_for_jurisdiction(code) for code in jurisdictions}))


def safe_harbour(
    received: dt.date | dt.datetime,
    months: int,
    jurisdictions: Sequence[str],
    timezones: Sequence[str],
) -> Period:
    """The latest E over the rules of ``jurisdictions`` and the receipt date in every zone.

    It is the first day on which every Side's own reading agrees that the notice period has run;
    its L is E − 1 day.
    """
    _check_months(months)
    rules = _jurisdiction_rules(jurisdictions)
    latest = max(
        _BASIC[rule](day, months).effective
        for rule in rules
        for day in receipt_dates(received, timezones)
    )
    return Period(_previous_day(latest), latest)


def effective(
    rule: str,
    received: dt.date | dt.datetime,
    months: int,
    jurisdictions: Sequence[str],
    timezones: Sequence[str],
    recipient_timezone: str,
) -> Period:
    """L and E of any of the ``RULES`` for a notice received on a date or at an instant.

    ``safe-harbour`` → :func:`safe_harbour`; a basic rule applies to the receipt date in the
    recipient's time zone (a plain date is taken to be that date already).
    """
    _check_rule(rule, RULES)
    if rule == "safe-harbour":
        return safe_harbour(received, months, jurisdictions, timezones)
    zone(recipient_timezone)
    return compute(rule, _receipt_date_in(received, recipient_timezone), months)


# -- the inverse question -----------------------------------------------------------------------


def latest_receipt(
    target: dt.date,
    rule: str,
    months: int,
    jurisdictions: Sequence[str],
    timezones: Sequence[str],
    recipient_timezone: str,
) -> dt.date:
    """The latest calendar date of receipt D for which the discontinuation takes effect on or
    before ``target`` (E(D) ≤ target < E(D + 1 day)).

    Found by binary search over the forward rule, which is non-decreasing in D (SPEC §3.3), never
    by a backward formula. D is the receipt date in the recipient's zone for a basic rule; for
    ``safe-harbour`` it is the receipt date in every Side's zone (the notice must have arrived by
    the end of D everywhere; see :func:`receipt_deadline`).
    """
    _check_rule(rule, RULES)
    _check_months(months)
    target = _as_date(target)
    if rule == "safe-harbour":
        _jurisdiction_rules(jurisdictions)
        for name in timezones:
            zone(name)
    else:
        zone(recipient_timezone)

    def effective_on(day: dt.date) -> dt.date:
        if rule == "safe-harbour":
            return safe_harbour(day, months, jurisdictions, timezones).effective
        return compute(rule, day, months).effective

    def in_time(ordinal: int) -> bool:
        try:
            return effective_on(dt.date.fromordinal(ordinal)) <= target
        except ValueError:  # E beyond year 9999: certainly after the target
            return False

    # E(D) > D for every rule, so D = target is too late; E(D) ≤ D + N months + 1 day, so a D
    # that many days (and a margin) before the target is in time.
    high = target.toordinal()
    low = max(1, high - 31 * (months + 1) - 2)
    if not in_time(low):
        raise ValueError(
            f"no receipt date gives a discontinuation on or before {target.isoformat()}"
        )
    while high - low > 1:  # invariant: in_time(low) and not in_time(high)
        middle = (low + high) // 2
        if in_time(middle):
            low = middle
        else:
            high = middle
    return dt.date.fromordinal(low)


def receipt_deadline(
    latest: dt.date, rule: str, timezones: Sequence[str], recipient_timezone: str
) -> dt.datetime:
    """The instant by which a notice must have arrived for its receipt date to be ``latest`` or
    earlier: the start of the next day in the recipient's zone (basic rules), or the earliest
    start of the next day among every Side's zone (``safe-harbour``). Arrival strictly before
    this instant is in time.
    """
    _check_rule(rule, RULES)
    names = list(timezones) if rule == "safe-harbour" else [recipient_timezone]
    if not names:
        raise ValueError("safe-harbour needs the time zones of the Sides")
    next_day = _next_day(_as_date(latest))
    # fold=0 maps a midnight skipped by a clock change to the instant the day actually starts.
    starts = [dt.datetime.combine(next_day, dt.time(0), tzinfo=zone(name)) for name in names]
    return min(starts, key=lambda start: start.astimezone(dt.UTC))
