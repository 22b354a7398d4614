"""The dates of one notice of discontinuation (SPEC §3.3): the one place they are computed. Pure.

A recorded notice, the "if a notice were received on T" line of ``status``, ``period`` with
records and ``draft notice`` all call :func:`dates_of`, so that one notice never has two dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mocctl.core import periods
from mocctl.model.records import Memorandum, Notice

ONE_DAY = dt.timedelta(days=1)


class OutOfCalendar(ValueError):
    """A date of the computation falls outside the years 1–9999 (SPEC §3.6, calendar limits)."""


@dataclass(frozen=True, slots=True)
class Parties:
    """Whose readings of the period count.

    ``jurisdictions`` and ``timezones`` are every Side's (safe-harbour reads the receipt in each
    zone); ``recipient_timezones`` are the recipients' (the basic rules count from the receipt
    date there; the latest one when there are several).
    """

    jurisdictions: tuple[str, ...]
    timezones: tuple[str, ...]
    recipient_timezones: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoticeDates:
    """L and E of a notice under every rule, and the one that governs."""

    received_as_given: dt.date | dt.datetime
    received: dt.date  # D: the calendar date of receipt (the recipients' latest)
    receipt_dates: Mapping[str, dt.date]  # per time zone, when received is an instant
    notice_period: str
    months: int
    rule: str  # the rule in force on D
    rules: Mapping[str, periods.Period]  # every rule of periods.RULES
    requested_effective: dt.date | None = None

    @property
    def computed(self) -> periods.Period:
        """L and E under the governing rule, before any requested date."""
        return self.rules[self.rule]

    @property
    def requested_applies(self) -> bool:
        """The notice names a later date than the period allows, and that date applies."""
        return self.requested_effective is not None and (
            self.requested_effective > self.computed.effective
        )

    @property
    def requested_too_early(self) -> bool:
        """The notice names an earlier date than the period allows (the computed one applies)."""
        return self.requested_effective is not None and (
            self.requested_effective < self.computed.effective
        )

    @property
    def last_day(self) -> dt.date:
        """L: the last day of the notice period under the governing rule."""
        return self.computed.last_day

    @property
    def effective(self) -> dt.date:
        """E: the first day on which the discontinuation has effect."""
        if self.requested_applies:
            assert self.requested_effective is not None
            return self.requested_effective
        return self.computed.effective

    @property
    def last_day_in_force(self) -> dt.date:
        """E − 1: the memorandum is in force up to and including this day."""
        return self.effective - ONE_DAY


def parties(memo: Memorandum, recipients: Sequence[str] = ()) -> Parties:
    """The Sides of ``memo``; the recipients' zones are those of ``recipients`` (else all)."""
    zones = {side.id: side.timezone for side in memo.sides}
    to = tuple(zones[side] for side in recipients if side in zones)
    return Parties(
        jurisdictions=tuple(side.jurisdiction for side in memo.sides),
        timezones=tuple(zones.values()),
        recipient_timezones=to or tuple(zones.values()),
    )


def receipt_day(received: dt.date | dt.datetime, recipient_timezones: Sequence[str]) -> dt.date:
    """D: a plain date as given (the recipient's date); an instant's latest date among the
    recipients' zones.

    An instant late on 31 December 9999 (UTC) is already in year 10000 east of Greenwich; its
    date there is taken as 9999-12-31, the last day the calendar has (and one early on 1 January
    of year 1, west of Greenwich, as 0001-01-01), so that every computation from it either works
    or ends in :class:`OutOfCalendar`, never in an overflow.
    """
    try:
        return max(periods.receipt_dates(received, recipient_timezones))
    except OverflowError:  # the instant's date there is in year 0 or 10000: the calendar's edge
        return dt.date.min if received.year == 1 else dt.date.max


def dates_of(
    received: dt.date | dt.datetime,
    *,
    notice_period: str,
    rule: str,
    who: Parties,
    requested_effective: dt.date | None = None,
) -> NoticeDates:
    """The dates of a notice received on ``received`` (a date, or an instant with an offset).

    Raises :class:`ValueError` for a period that is not one, and :class:`OutOfCalendar` when a
    date of the computation leaves the years 1–9999.
    """
    months = periods.parse_months(notice_period)
    try:
        day = receipt_day(received, who.recipient_timezones)
        rules = {name: periods.compute(name, day, months) for name in periods.BASIC_RULES}
        safe = periods.safe_harbour(
            received if isinstance(received, dt.datetime) else day,
            months,
            who.jurisdictions,
            who.timezones,
        )
    except OverflowError:
        raise OutOfCalendar(_out_of_calendar(received, notice_period)) from None
    except ValueError as error:
        if "year" in str(error) or "out of range" in str(error):
            raise OutOfCalendar(_out_of_calendar(received, notice_period)) from None
        raise
    zones: dict[str, dt.date] = {}
    if isinstance(received, dt.datetime):
        zones = {name: received.astimezone(periods.zone(name)).date() for name in who.timezones}
    return NoticeDates(
        received_as_given=received,
        received=day,
        receipt_dates=zones,
        notice_period=notice_period,
        months=months,
        rule=rule,
        rules={name: safe if name == "safe-harbour" else rules[name] for name in periods.RULES},
        requested_effective=requested_effective,
    )


def _out_of_calendar(received: dt.date | dt.datetime, notice_period: str) -> str:
    shown = received.isoformat()
    return (
        f"a notice received {shown} with a {notice_period} period would take effect after "
        "year 9999, outside the calendar mocctl can count in"
    )


def recipients(notice: Notice, memo: Memorandum) -> tuple[str, ...]:
    """Whom the notice is to: as recorded, else every other Side."""
    return notice.to or tuple(side.id for side in memo.sides if side.id != notice.by)


@dataclass(frozen=True, slots=True)
class Receipt:
    """When a notice counts as received, and how sure that is."""

    given: dt.date | dt.datetime | None  # the governing `received` (None: not yet received)
    day: dt.date | None  # D in the recipients' calendar
    assumed: bool  # a plain date, taken as the recipient's own date
    used_dated: bool  # no receipt recorded: the letter's date is used
    missing: tuple[str, ...] = ()  # recipients whose receipt is not recorded (``receipts``)


def _later(
    one: tuple[dt.date, dt.date | dt.datetime], other: tuple[dt.date, dt.date | dt.datetime]
) -> bool:
    """Whether receipt ``one`` governs rather than ``other``: the later day; on the same day an
    instant (more precise, and possibly a day later in another zone) before a plain date, and
    the later of two instants — so the order in which receipts are listed never matters."""

    def rank(receipt: tuple[dt.date, dt.date | dt.datetime]) -> tuple[dt.date, int, float, str]:
        day, given = receipt
        if isinstance(given, dt.datetime):  # one instant written with two offsets: by its text
            return (day, 1, given.timestamp(), given.isoformat())
        return (day, 0, 0.0, "")

    return rank(one) > rank(other)


def receipt_of(notice: Notice, memo: Memorandum, as_of: dt.date = dt.date.max) -> Receipt:
    """The receipt that governs ``notice`` as known on ``as_of`` (SPEC §3.3, §3.6).

    With ``receipts`` (one per recipient) the latest recipient's receipt governs, once every
    recipient has one; with one ``received`` it is read in the recipients' zones; with neither,
    the letter's ``dated`` is used (with a warning, MOC316).
    """
    to = recipients(notice, memo)
    zones = {side.id: side.timezone for side in memo.sides}
    if notice.receipts:
        latest: tuple[dt.date, dt.date | dt.datetime] | None = None
        got: set[str] = set()
        for entry in notice.receipts:
            zone = zones.get(entry.side)
            day = receipt_day(entry.received, [zone] if zone else list(zones.values()))
            if day > as_of:
                continue
            got.add(entry.side)
            if latest is None or _later((day, entry.received), latest):
                latest = (day, entry.received)
        missing = tuple(side for side in to if side not in got)
        if latest is None or missing:
            return Receipt(None, None, False, False, missing)
        return Receipt(latest[1], latest[0], not isinstance(latest[1], dt.datetime), False)
    if notice.received is None:
        return Receipt(notice.dated, notice.dated, True, True)
    if not isinstance(notice.received, dt.datetime):
        return Receipt(notice.received, notice.received, True, False)
    to_zones = [zones[side] for side in to if side in zones] or list(zones.values())
    return Receipt(notice.received, receipt_day(notice.received, to_zones), False, False)
