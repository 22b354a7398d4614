"""The key dates of histories as an iCalendar file (RFC 5545): a rendering, no date computed here.

Every date comes from :func:`mocctl.core.history.history` (changes taking effect, each notice's
last day in force and first day of discontinuation under every rule, activities' last days) or
from :func:`mocctl.core.periods.latest_receipt` (the latest receipt for a discontinuation on a
target date). What this module adds is only the calendar's form:

- **all-day events** (``DTSTART;VALUE=DATE``, exclusive ``DTEND`` the next day), transparent;
- **stable UIDs**: a UUIDv5 of ``memorandum/record/kind`` (the date is never in it), so an event
  whose date moves keeps its UID;
- **SEQUENCE**: 0 for an event first published; when a previous calendar is given (the file
  being replaced), an event keeps its previous SEQUENCE if its date, status and summary are the
  same, and gets the previous SEQUENCE + 1 if any of them changed. The output is therefore a
  function of (records, as-of date, previous calendar) only;
- **reproducible bytes**: ``DTSTAMP`` is midnight UTC of the as-of date, never "now"; events are
  sorted by date and UID;
- **reminders** twice: as ``VALARM``s on each event, and as separate all-day events (some
  calendar services drop alarms from subscribed calendars: engineering notes §G);
- an event whose notice was revoked, or that is void or superseded, is kept with
  ``STATUS:CANCELLED`` (no reminders), so calendars that imported it earlier drop it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mocctl.core import periods
from mocctl.core.history import History, NoticeStatus
from mocctl.core.notices import OutOfCalendar

# A fixed namespace for mocctl's UIDs (uuid5 of the project's name in the URL namespace).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "mocctl/calendar/v1")
PRODID = "-//mocctl//key dates of memoranda of cooperation//EN"
DEFAULT_REMINDERS = (90, 30, 7)
OPEN_ENDED = dt.date.max  # ``end: 9999-12-31``: no end to put in a calendar
ONE_DAY = dt.timedelta(days=1)
_FATES = ("revoked", "void", "superseded")


@dataclass(frozen=True, slots=True)
class KeyDate:
    """One all-day event of the calendar, before it becomes iCalendar."""

    key: str  # memorandum/record/kind: the UID's seed
    date: dt.date
    summary: str
    description: str
    cancelled: bool = False

    @property
    def uid(self) -> str:
        return uid_for(self.key)


@dataclass(frozen=True, slots=True)
class Previous:
    """What a previously published calendar said about one UID."""

    sequence: int
    fingerprint: tuple[str, ...]


def uid_for(key: str) -> str:
    """A stable, opaque UID (RFC 7986: no host or domain in it)."""
    return str(uuid.uuid5(NAMESPACE, key))


# -- the key dates of one history ----------------------------------------------------------------


def key_dates(seen: History, scope: str, *, target: dt.date | None = None) -> list[KeyDate]:
    """The key dates of ``seen`` (a history as of T). ``scope`` names the memorandum in UIDs
    and summaries (its id; its folder too when ids repeat)."""
    found: list[KeyDate] = []
    for change in seen.changes:
        if change.status not in ("scheduled", "in_effect", "void"):
            continue  # awaiting consent: no date has been agreed to take effect yet
        what = "modification" if change.kind == "Modification" else "decision"
        found.append(
            KeyDate(
                f"{scope}/{change.id}/{what}",
                change.effective,
                f"{seen.id}: {what} {change.id} takes effect",
                f"{change.title}. Status as of {seen.as_of}: {change.status}"
                + (f" ({change.reason})" if change.reason else "")
                + ".",
                cancelled=change.status == "void",
            )
        )
    for notice in seen.notices:
        if notice.type == "discontinuation" and notice.known and notice.dates is not None:
            found += _notice(seen, scope, notice)
    found += _terms(seen, scope)
    for activity in seen.activities:
        if activity.end is None or activity.end == OPEN_ENDED:
            continue
        how = f"decided by {activity.ended_by}" if activity.ended_by else "planned"
        found.append(
            KeyDate(
                f"{scope}/{activity.id}/activity-ends",
                activity.end,
                f"{seen.id}: last day of activity {activity.id}",
                f"{activity.title}: last day ({how}; an activity's end is its last day). "
                f"Status as of {seen.as_of}: {activity.status}.",
            )
        )
    if target is not None and seen.commenced is not None and seen.state == "in_force":
        latest = _latest_receipt(seen, scope, target)
        if latest is not None:
            found.append(latest)
    return found


def _terms(seen: History, scope: str) -> list[KeyDate]:
    """Each term's last day for a notice of non-renewal (with reminders: the date people
    miss), its last day, and the expiry or renewal after it — all from the history's terms."""
    found: list[KeyDate] = []
    ended = seen.ends  # a discontinuation taking effect first makes the later dates moot
    for term in seen.schedule.terms:
        cancelled = ended is not None and term.next_first_day > ended
        key = f"{scope}/term-{term.number}"
        span = (
            f"Term {term.number}: {term.first_day} to {term.last_day} ({term.length}, {term.rule})"
        )
        choice = term.opt_out
        if choice is not None and term.ended_by is None:
            others = "; ".join(
                f"{name}: {day}" for name, day in choice.latest.items() if name != choice.rule
            )
            found.append(
                KeyDate(
                    f"{key}/non-renewal-deadline",
                    choice.deadline,
                    f"{seen.id}: last day to receive notice of non-renewal (term {term.number})",
                    f"{span}. A written notice of non-renewal received on or before "
                    f"{choice.deadline} ({choice.notice_period} before the end of the term, "
                    f"{choice.rule} rule) ends the memorandum at the end of the term; later, it "
                    f"renews on {term.next_first_day}. Under the other rules: {others}.",
                    cancelled=cancelled,
                )
            )
        end = "renews" if term.renews else "expires"
        found.append(
            KeyDate(
                f"{key}/{end}",
                term.next_first_day,
                f"{seen.id}: " + (f"term {term.number + 1} begins" if term.renews else "expires"),
                f"{span}; the memorandum {end} on {term.next_first_day}"
                + (f" (notice of non-renewal {term.ended_by})" if term.ended_by else "")
                + ".",
                cancelled=cancelled,
            )
        )
    return found


def _notice(seen: History, scope: str, notice: NoticeStatus) -> list[KeyDate]:
    dates = notice.dates
    assert dates is not None
    cancelled = notice.standing in _FATES
    why = ""
    if notice.standing == "revoked":
        why = f" Revoked by {notice.revoked_by}: this date no longer applies."
    elif cancelled:
        why = f" {notice.standing.capitalize()}: {notice.reason or 'this date does not apply'}."
    others = "; ".join(
        f"{name}: last day {period.last_day}, discontinued from {period.effective}"
        for name, period in dates.rules.items()
        if name != dates.rule
    )
    requested = (
        f" The notice names {dates.requested_effective}, which applies."
        if dates.requested_applies
        else ""
    )
    basis = (
        f"Notice {notice.id} from {notice.by}, received {dates.received}; "
        f"{dates.notice_period} under the {dates.rule} rule: last day of the notice period "
        f"{dates.last_day}, discontinued from {dates.effective}.{requested} "
        f"The other rules: {others}."
    )
    withdraws = notice.effect == "withdraws"
    ending = f"{notice.by} withdraws" if withdraws else "discontinuation takes effect"
    return [
        KeyDate(
            f"{scope}/{notice.id}/last-day-in-force",
            dates.last_day_in_force,
            f"{seen.id}: last day in force"
            + (f" for {notice.by}" if withdraws else "")
            + f" (notice {notice.id})",
            basis + why,
            cancelled=cancelled,
        ),
        KeyDate(
            f"{scope}/{notice.id}/discontinuation",
            dates.effective,
            f"{seen.id}: {ending} (notice {notice.id})",
            basis + why,
            cancelled=cancelled,
        ),
    ]


def _latest_receipt(seen: History, scope: str, target: dt.date) -> KeyDate | None:
    """The latest receipt date for a discontinuation on ``target``, under the terms in force on
    the as-of date, by the search over the forward rule (:func:`periods.latest_receipt`)."""
    memo = seen.memorandum
    jurisdictions = [side.jurisdiction for side in memo.sides]
    zones = list(dict.fromkeys(side.timezone for side in memo.sides))
    months = periods.parse_months(seen.notice_period)
    try:
        latest = {
            rule: periods.latest_receipt(target, rule, months, jurisdictions, zones, zones[0])
            for rule in periods.RULES
        }
    except (ValueError, OutOfCalendar, OverflowError):
        return None
    governing = latest[seen.rule]
    others = "; ".join(f"{rule}: {day}" for rule, day in latest.items() if rule != seen.rule)
    return KeyDate(
        f"{scope}/target-{target.isoformat()}/latest-receipt",
        governing,
        f"{seen.id}: last day to give notice for discontinuation on {target}",
        f"A written notice received on or before {governing} discontinues the memorandum on or "
        f"before {target} ({seen.notice_period}, {seen.rule} rule, terms as of {seen.as_of}). "
        f"Under the other rules: {others}.",
    )


# -- iCalendar -----------------------------------------------------------------------------------


def previous_of(data: bytes) -> dict[str, Previous]:
    """The UIDs of a previously written calendar with their SEQUENCE and what was published.

    Raises :class:`ValueError` when ``data`` is not an iCalendar file.
    """
    from icalendar import Calendar

    found: dict[str, Previous] = {}
    calendar = Calendar.from_ical(data)
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        sequence = int(event.get("sequence", 0))
        start = event.decoded("dtstart")
        found[uid] = Previous(sequence, _fingerprint(start, event.get("status"), event["summary"]))
    return found


def _fingerprint(start: object, status: object, summary: object) -> tuple[str, ...]:
    day = start.isoformat() if isinstance(start, dt.date) else str(start)
    return (day, str(status or "CONFIRMED"), str(summary))


def calendar_bytes(
    dated: Iterable[KeyDate],
    *,
    as_of: dt.date,
    name: str,
    reminders: Sequence[int] = DEFAULT_REMINDERS,
    previous: Mapping[str, Previous] | None = None,
) -> bytes:
    """The iCalendar file of ``dated`` as of ``as_of`` (CRLF lines, folded, escaped)."""
    from icalendar import Alarm, Calendar, Event

    previous = previous or {}
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    entries: list[tuple[KeyDate, bool]] = []
    for key in dated:
        entries.append((key, True))
        if key.cancelled:
            continue
        for days in reminders:
            day = key.date - dt.timedelta(days=days)
            if day < as_of:
                continue  # a reminder already past is no reminder
            memorandum, _, what = key.summary.partition(": ")
            reminder = KeyDate(
                f"{key.key}/reminder-{days}d",
                day,
                f"{memorandum}: in {days} days, {what} ({key.date})",
                f"Reminder: {key.summary} on {key.date}.\n\n{key.description}",
            )
            entries.append((reminder, False))
    entries.sort(key=lambda entry: (entry[0].date, entry[0].uid))
    for key, main in entries:
        event = Event()
        status = "CANCELLED" if key.cancelled else "CONFIRMED"
        summary = key.summary
        before = previous.get(key.uid)
        sequence = 0
        if before is not None:
            same = before.fingerprint == _fingerprint(key.date, status, summary)
            sequence = before.sequence if same else before.sequence + 1
        event.add("uid", key.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", key.date)
        event.add("dtend", key.date + ONE_DAY)
        event.add("summary", summary)
        event.add("description", key.description)
        event.add("sequence", sequence)
        event.add("status", status)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["mocctl"])
        if main and not key.cancelled:
            for days in reminders:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", f"In {days} days: {summary}")
                alarm.add("trigger", dt.timedelta(days=-days))
                event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
