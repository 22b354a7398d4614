"""Where a memorandum stands on a date (SPEC §3): a pure function of its records and T.

Nothing here reads the clock or the disk. ``standing(records, as_of)`` answers for one date;
the findings about the whole history are in :mod:`mocctl.checks.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from mocctl.core import periods
from mocctl.core.consolidation import Changeset, Consolidated, consolidate
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Activity, Decision, EndActivity, Memorandum, Notice

FAR_FUTURE = dt.date.max


@dataclass(frozen=True, slots=True)
class ChangeStatus:
    """A modification or decision as of T (SPEC §3.4, contract statuses)."""

    id: str
    kind: str
    title: str
    status: str  # awaiting_consent | scheduled | in_effect | void
    effective: dt.date
    last_consent: dt.date | None
    missing_consents: tuple[str, ...]
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Discontinuation:
    """A discontinuation notice that is known and not revoked, with its dates."""

    notice: str
    by: str
    to: tuple[str, ...]
    received: dt.date
    received_as_given: dt.date | dt.datetime
    receipt_assumed: bool  # ``received`` was a plain date, or missing (``dated`` used)
    used_dated: bool
    rule: str
    notice_period: str
    last_day: dt.date  # of the notice period under ``rule``
    effective: dt.date
    requested_effective: dt.date | None
    rules: dict[str, periods.Period]

    @property
    def last_day_in_force(self) -> dt.date:
        return self.effective - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ActivityStatus:
    id: str
    title: str
    status: str  # planned | ongoing | continuing | ended
    start: dt.date
    end: dt.date | None
    ended_by: str | None = None


@dataclass(frozen=True)
class Standing:
    """Everything ``status`` shows about one memorandum as of T."""

    id: str
    title: str
    as_of: dt.date
    state: str  # draft | awaiting_signature | in_force | discontinuation_pending | discontinued
    commenced: dt.date | None
    legally_binding: bool
    signed_by: tuple[str, ...]
    unsigned: tuple[str, ...]
    consolidated: Consolidated
    discontinuation: Discontinuation | None
    changes: tuple[ChangeStatus, ...]
    activities: tuple[ActivityStatus, ...]
    next_event: tuple[dt.date, str] | None

    @property
    def notice_period(self) -> str:
        return self.consolidated.notice_period

    @property
    def rule(self) -> str:
        return self.consolidated.rule


# -- building blocks ---------------------------------------------------------------------------


def commencement(memo: Memorandum, as_of: dt.date = FAR_FUTURE) -> dt.date | None:
    """The date of the last signature, once every Side has signed on or before ``as_of``."""
    dates: dict[str, dt.date] = {}
    for signature in memo.signatures:
        if signature.date <= as_of:
            dates[signature.side] = min(signature.date, dates.get(signature.side, dt.date.max))
    if not dates or any(side.id not in dates for side in memo.sides):
        return None
    return max(dates.values())


def consent_state(
    changeset: Changeset, memo: Memorandum, as_of: dt.date
) -> tuple[dt.date | None, tuple[str, ...]]:
    """(date of the last written consent, Sides still to consent) as of ``as_of``."""
    given: dict[str, dt.date] = {}
    for consent in changeset.consents:
        if consent.form == "written" and consent.date <= as_of:
            given[consent.side] = min(consent.date, given.get(consent.side, dt.date.max))
    missing = tuple(side.id for side in memo.sides if side.id not in given)
    return (max(given.values()) if given else None), missing


def ordered(records: MemorandumRecords, as_of: dt.date) -> list[tuple[Changeset, dt.date]]:
    """Modifications and decisions consented by every Side as of T, in the order they apply."""
    memo = _memo(records)
    complete = []
    for changeset in records.changesets():
        last, missing = consent_state(changeset, memo, as_of)
        if not missing and last is not None:
            complete.append((changeset, last))
    complete.sort(key=lambda pair: (pair[0].effective, pair[1], pair[0].id))
    return complete


def consolidated_on(
    records: MemorandumRecords, day: dt.date, known_as_of: dt.date, ends: dt.date | None = None
) -> Consolidated:
    """Areas, text and terms in force on ``day``, from what is known as of ``known_as_of``.

    ``ends`` is the date the memorandum is discontinued from, if it is: a change effective on or
    after it is void and is not applied (SPEC §3.4).
    """
    memo = _memo(records)
    start = commencement(memo, known_as_of)
    applying = [
        c
        for c, _ in ordered(records, known_as_of)
        if c.effective <= day
        and (start is None or c.effective >= start)
        and (ends is None or c.effective < ends)
    ]
    return consolidate(memo, applying)


def recipients(notice: Notice, memo: Memorandum) -> tuple[str, ...]:
    """Whom the notice is to: as recorded, else every other Side."""
    return notice.to or tuple(side.id for side in memo.sides if side.id != notice.by)


def receipt_date(notice: Notice, memo: Memorandum) -> tuple[dt.date, bool, bool]:
    """(D, assumed, used_dated): the calendar date of receipt in the recipient's zone.

    With several recipients the latest of their dates is taken. A plain ``received`` date is
    taken as the recipient's own date (assumed); with no ``received``, ``dated`` is used.
    """
    if notice.received is None:
        return notice.dated, True, True
    if not isinstance(notice.received, dt.datetime):
        return notice.received, True, False
    zones = {side.id: side.timezone for side in memo.sides}
    to = [zones[side] for side in recipients(notice, memo) if side in zones]
    return max(periods.receipt_dates(notice.received, to or list(zones.values()))), False, False


def discontinuation_for(
    notice: Notice, records: MemorandumRecords, known_as_of: dt.date
) -> Discontinuation:
    """The dates of one discontinuation notice under the terms in force on its receipt date."""
    memo = _memo(records)
    day, assumed, used_dated = receipt_date(notice, memo)
    terms = consolidated_on(records, day, known_as_of)
    months = periods.parse_months(terms.notice_period)
    jurisdictions = [side.jurisdiction for side in memo.sides]
    zones = [side.timezone for side in memo.sides]
    given = notice.received if notice.received is not None else notice.dated
    # The basic rules read the receipt date in the recipient's zone (``day``); safe-harbour
    # reads the instant in every Side's zone.
    rules = {rule: periods.compute(rule, day, months) for rule in periods.BASIC_RULES}
    rules["safe-harbour"] = periods.safe_harbour(
        given if isinstance(given, dt.datetime) else day, months, jurisdictions, zones
    )
    chosen = rules[terms.rule]
    effective = chosen.effective
    if notice.requested_effective and notice.requested_effective > effective:
        effective = notice.requested_effective
    return Discontinuation(
        notice=notice.id,
        by=notice.by,
        to=recipients(notice, memo),
        received=day,
        received_as_given=given,
        receipt_assumed=assumed,
        used_dated=used_dated,
        rule=terms.rule,
        notice_period=terms.notice_period,
        last_day=chosen.last_day,
        effective=effective,
        requested_effective=notice.requested_effective,
        rules=rules,
    )


def revocation_of(
    notice: Notice, records: MemorandumRecords, known_as_of: dt.date, effective: dt.date
) -> Notice | None:
    """The revocation that cancels ``notice``: known as of T and received before E."""
    memo = _memo(records)
    for revocation in records.notices:
        if revocation.type != "revocation" or revocation.revokes != notice.id:
            continue
        if revocation.form != "written" or revocation.by != notice.by:
            continue  # only the Side that gave the notice can revoke it (MOC304)
        day, _, _ = receipt_date(revocation, memo)
        if day <= known_as_of and day < effective:
            return revocation
    return None


def effective_discontinuation(records: MemorandumRecords, as_of: dt.date) -> Discontinuation | None:
    """The discontinuation that governs as of T: the earliest E among effective notices."""
    memo = _memo(records)
    start = commencement(memo, as_of)
    if start is None:
        return None
    found = []
    for notice in records.notices:
        if notice.type != "discontinuation" or notice.form != "written":
            continue
        if notice.by not in {side.id for side in memo.sides}:
            continue
        day, _, _ = receipt_date(notice, memo)
        if day > as_of or day < start:
            continue
        dates = discontinuation_for(notice, records, as_of)
        if revocation_of(notice, records, as_of, dates.effective) is None:
            found.append(dates)
    return min(found, key=lambda d: (d.effective, d.received, d.notice), default=None)


# -- the answer for one date -------------------------------------------------------------------


def standing(records: MemorandumRecords, as_of: dt.date) -> Standing:
    """Where the memorandum of ``records`` stands on ``as_of``."""
    memo = _memo(records)
    signed = tuple(sorted({s.side for s in memo.signatures if s.date <= as_of}))
    unsigned = tuple(side.id for side in memo.sides if side.id not in signed)
    start = commencement(memo, as_of)
    ending = effective_discontinuation(records, as_of)
    if not signed:
        state = "draft"
    elif start is None:
        state = "awaiting_signature"
    elif ending is None:
        state = "in_force"
    elif ending.effective > as_of:
        state = "discontinuation_pending"
    else:
        state = "discontinued"
    text = consolidated_on(records, as_of, as_of, ending.effective if ending else None)
    changes = tuple(
        _change_status(c, records, as_of, start, ending, text)
        for c in sorted(records.changesets(), key=lambda c: (c.effective, c.id))
    )
    activities = tuple(_activity_status(a, records, as_of, ending) for a in records.activities)
    return Standing(
        id=memo.id,
        title=memo.title,
        as_of=as_of,
        state=state,
        commenced=start,
        legally_binding=memo.legally_binding,
        signed_by=signed,
        unsigned=unsigned,
        consolidated=text,
        discontinuation=ending,
        changes=changes,
        activities=activities,
        next_event=_next_event(as_of, ending, changes, activities),
    )


def _change_status(
    changeset: Changeset,
    records: MemorandumRecords,
    as_of: dt.date,
    start: dt.date | None,
    ending: Discontinuation | None,
    text: Consolidated,
) -> ChangeStatus:
    memo = _memo(records)
    last, missing = consent_state(changeset, memo, as_of)
    status, reason = "in_effect", None
    if missing:
        status = "awaiting_consent"
    elif ending is not None and changeset.effective >= ending.effective:
        status, reason = (
            "void",
            f"takes effect on or after the discontinuation ({ending.effective})",
        )
    elif start is not None and changeset.effective < start:
        status, reason = "void", f"takes effect before commencement ({start})"
    elif changeset.effective > as_of:
        status = "scheduled"
        future = consolidated_on(records, changeset.effective, as_of)
        if changeset.id in future.void:
            status, reason = "void", future.void[changeset.id]
    elif changeset.id in text.void:
        status, reason = "void", text.void[changeset.id]
    return ChangeStatus(
        changeset.id,
        type(changeset).__name__,
        changeset.title,
        status,
        changeset.effective,
        last,
        missing,
        reason,
    )


def decided_end(
    activity: Activity,
    decisions: Sequence[Decision],
    memo: Memorandum,
    as_of: dt.date,
    ends: dt.date | None = None,
) -> tuple[dt.date | None, str | None]:
    """The end the Sides decided for ``activity`` (Paragraph 2.4), if a decision is in effect.

    A decision effective on or after the discontinuation date ``ends`` is void and ends nothing.
    """
    chosen: tuple[dt.date | None, str | None] = (None, None)
    for decision in sorted(decisions, key=lambda d: (d.effective, d.id)):
        _, missing = consent_state(decision, memo, as_of)
        if missing or decision.effective > as_of or (ends and decision.effective >= ends):
            continue
        for item in decision.decides:
            if isinstance(item, EndActivity) and item.activity == activity.id:
                chosen = (item.end, decision.id)
    return chosen


def _activity_status(
    activity: Activity, records: MemorandumRecords, as_of: dt.date, ending: Discontinuation | None
) -> ActivityStatus:
    memo = _memo(records)
    end, decided_by = decided_end(
        activity, records.decisions, memo, as_of, ending.effective if ending else None
    )
    if end is None:
        end = activity.end
    elif activity.end is not None and activity.end < end:
        end, decided_by = activity.end, None
    if activity.start > as_of:
        status = "planned"
    elif end is not None and end < as_of:
        status = "ended"
    elif (
        ending is not None
        and ending.effective <= as_of
        and activity.start < ending.effective
        and (end is None or end >= ending.effective)
    ):
        status = "continuing"
    else:
        status = "ongoing"
    return ActivityStatus(activity.id, activity.title, status, activity.start, end, decided_by)


def _next_event(
    as_of: dt.date,
    ending: Discontinuation | None,
    changes: Sequence[ChangeStatus],
    activities: Sequence[ActivityStatus],
) -> tuple[dt.date, str] | None:
    events: list[tuple[dt.date, str]] = []
    if ending is not None and ending.effective > as_of:
        events.append((ending.effective, "discontinuation takes effect"))
    events += [
        (c.effective, f"{c.kind.lower()} {c.id} takes effect")
        for c in changes
        if c.status == "scheduled"
    ]
    events += [(a.start, f"activity {a.id} starts") for a in activities if a.start > as_of]
    events += [
        (a.end + dt.timedelta(days=1), f"activity {a.id} ends")
        for a in activities
        if a.end is not None and a.end >= as_of
    ]
    return min(events, default=None)


def _memo(records: MemorandumRecords) -> Memorandum:
    if records.memorandum is None:
        raise ValueError(f"{records.folder} has no Memorandum record")
    return records.memorandum
