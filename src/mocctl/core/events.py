"""Every dated event and effect of a memorandum, with its standing (SPEC §3.6). Pure.

Built by :func:`mocctl.core.history.history` from what it has decided, so that ``status``,
``timeline``, ``calendar`` and ``report`` show one set of dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mocctl.model.records import Memorandum

if TYPE_CHECKING:
    from mocctl.core.consolidation import Changeset
    from mocctl.core.standing import ActivityStatus, ChangeStatus, NoticeStatus
    from mocctl.core.terms import Schedule

# The order of events on one day.
KINDS = (
    "signature",
    "commencement",
    "consent",
    "notice",
    "revocation",
    "modification",
    "decision",
    "non-renewal deadline",
    "notice period ends",
    "term ends",
    "discontinuation",
    "withdrawal",
    "expiry",
    "renewal",
    "activity starts",
    "activity ends",
)
# The events that change where the memorandum or an activity stands (``next_event``).
CHANGES = frozenset(
    {
        "modification",
        "decision",
        "discontinuation",
        "withdrawal",
        "expiry",
        "renewal",
        "non-renewal deadline",  # not a change, but the key date people miss (issue 14)
        "activity starts",
        "activity ends",
    }
)
FATES = ("revoked", "void", "superseded")


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event; ``record`` is the id of the record it comes from.

    ``fate`` is ``revoked``, ``void`` or ``superseded`` for an event that did not (or will not)
    have its effect; otherwise the event's standing is ``past`` or ``scheduled`` by its date.
    """

    date: dt.date
    kind: str
    record: str
    description: str
    fate: str | None = None

    def standing(self, as_of: dt.date) -> str:
        """``past``, ``scheduled``, ``revoked``, ``void`` or ``superseded`` (contract)."""
        if self.fate is not None:
            return self.fate
        return "past" if self.date <= as_of else "scheduled"


def collect(
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    *,
    changes: Sequence[ChangeStatus],
    changesets: Sequence[Changeset],
    notices: Sequence[NoticeStatus],
    activities: Sequence[ActivityStatus],
    terms: Schedule | None = None,
) -> tuple[Event, ...]:
    """The events known on ``as_of`` and the effects they schedule, in order."""
    found = [
        Event(s.date, "signature", memo.id, f"signed by {s.side} ({s.signatory})")
        for s in memo.signatures
        if s.date <= as_of
    ]
    if start is not None:
        found.append(Event(start, "commencement", memo.id, "the memorandum commences (2.2)"))
    status = {change.id: change for change in changes}
    for changeset in changesets:
        found += _changeset(changeset, status[changeset.id], as_of)
    for notice in notices:
        found += _notice(notice, as_of)
    if terms is not None:
        found += _terms(memo.id, terms, notices)
    for activity in activities:
        found.append(
            Event(activity.start, "activity starts", activity.id, f"{activity.title} starts")
        )
        if activity.end is not None:
            how = f"decided: {activity.ended_by}" if activity.ended_by else "planned end"
            found.append(
                Event(
                    activity.end,
                    "activity ends",
                    activity.id,
                    f"last day of {activity.title} ({how})",
                )
            )
    order = {kind: index for index, kind in enumerate(KINDS)}
    return tuple(sorted(found, key=lambda e: (e.date, order[e.kind], e.record, e.description)))


def _changeset(changeset: Changeset, change: ChangeStatus, as_of: dt.date) -> list[Event]:
    kind = type(changeset).__name__.lower()
    found = []
    for consent in changeset.consents:
        if consent.date > as_of:
            continue
        written = consent.form == "written"
        found.append(
            Event(
                consent.date,
                "consent",
                changeset.id,
                f"{consent.side} consents to {changeset.id}"
                + ("" if written else f" ({consent.form}: does not count)"),
                None if written else "void",
            )
        )
    if change.status != "awaiting_consent":
        void = change.status == "void"
        found.append(
            Event(
                changeset.effective,
                kind,
                changeset.id,
                f"{changeset.title} takes effect" + (f" (void: {change.reason})" if void else ""),
                "void" if void else None,
            )
        )
    return found


def _notice(notice: NoticeStatus, as_of: dt.date) -> list[Event]:
    if notice.received is None or notice.received > as_of:
        return []
    fate = notice.standing if notice.standing in FATES else None
    why = _why(notice)
    if notice.type == "revocation":
        return [
            Event(
                notice.received,
                "revocation",
                notice.id,
                f"{notice.by} revokes {notice.revokes}{why}",
                fate,
            )
        ]
    assumed = " (date as recorded)" if notice.receipt_assumed else ""
    if notice.type == "non-renewal":
        return [_non_renewal(notice, assumed)]
    found = [
        Event(
            notice.received,
            "notice",
            notice.id,
            f"notice of discontinuation from {notice.by} received{assumed}{why}",
            fate,
        )
    ]
    dates = notice.dates
    if dates is None:
        return found
    found.append(
        Event(
            dates.last_day,
            "notice period ends",
            notice.id,
            f"last day of the {dates.notice_period} notice period ({dates.rule}){why}",
            fate,
        )
    )
    if notice.effect == "withdraws":
        found.append(
            Event(
                dates.effective,
                "withdrawal",
                notice.id,
                f"{notice.by} withdraws from the memorandum{why}",
                fate,
            )
        )
    else:
        found.append(
            Event(
                dates.effective,
                "discontinuation",
                notice.id,
                f"discontinuation takes effect; last day in force {dates.last_day_in_force}{why}",
                fate,
            )
        )
    return found


def _why(notice: NoticeStatus) -> str:
    if notice.standing == "revoked":
        return f" (revoked by {notice.revoked_by})"
    if notice.standing in ("void", "superseded") and notice.reason:
        return f" ({notice.standing}: {notice.reason})"
    return ""


def _terms(memo_id: str, schedule: Schedule, notices: Sequence[NoticeStatus]) -> list[Event]:
    """Each term's last day, the renewal or the expiry after it, and the last day for notice
    of non-renewal. Each of them that falls on or after the day a discontinuation takes effect
    is superseded: the memorandum is no longer in force then (its last day in force is the day
    before, so a term ending on that day ends as it would)."""
    found: list[Event] = []
    gone = min(
        (
            n.effective
            for n in notices
            if n.type == "discontinuation" and n.standing in ("past", "scheduled") and n.effective
        ),
        default=None,
    )

    def fate(day: dt.date) -> str | None:
        return "superseded" if gone is not None and day >= gone else None

    for term in schedule.terms:
        found.append(
            Event(
                term.last_day,
                "term ends",
                memo_id,
                f"last day of term {term.number} ({term.length} from {term.first_day}; "
                f"{term.rule})",
                fate(term.last_day),
            )
        )
        if term.opt_out is not None and term.ended_by is None:
            found.append(
                Event(
                    term.opt_out.deadline,
                    "non-renewal deadline",
                    memo_id,
                    f"last day for a notice of non-renewal of term {term.number} to be received "
                    f"({term.opt_out.notice_period} before its end; {term.rule})",
                    fate(term.opt_out.deadline),
                )
            )
        if term.renews:
            found.append(
                Event(
                    term.next_first_day,
                    "renewal",
                    memo_id,
                    f"term {term.number + 1} begins: the memorandum renews",
                    fate(term.next_first_day),
                )
            )
        else:
            why = f"notice of non-renewal {term.ended_by}" if term.ended_by else "no renewal"
            found.append(
                Event(
                    term.next_first_day,
                    "expiry",
                    memo_id,
                    f"the memorandum expires ({why}); last day in force {term.last_day}",
                    fate(term.next_first_day),
                )
            )
    return found


def _non_renewal(notice: NoticeStatus, assumed: str) -> Event:
    assert notice.received is not None
    if notice.ends_term is not None:
        what = f": term {notice.ends_term} is the last"
    elif notice.needed_by is not None:
        what = f" too late (needed by {notice.needed_by}): it has no effect"
    else:
        what = f" ({notice.reason})" if notice.reason else ""
    fate = notice.standing if notice.standing in FATES else None
    return Event(
        notice.received,
        "notice",
        notice.id,
        f"notice of non-renewal from {notice.by} received{assumed}{what}",
        fate,
    )
