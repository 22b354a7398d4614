"""Every dated event and effect of a memorandum, in order (``mocctl timeline``). Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mocctl.core.lifecycle import (
    FAR_FUTURE,
    commencement,
    decided_end,
    discontinuation_for,
    effective_discontinuation,
    receipt_date,
    revocation_of,
)
from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import Memorandum


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event; ``record`` is the id of the record it comes from."""

    date: dt.date
    kind: str
    record: str
    description: str

    def when(self, as_of: dt.date) -> str:
        """``past``, ``today`` or ``scheduled`` relative to the as-of date."""
        if self.date < as_of:
            return "past"
        return "today" if self.date == as_of else "scheduled"


def events(records: MemorandumRecords) -> list[Event]:
    """Every event of ``records``, in date order (then kind, then record)."""
    memo = records.memorandum
    if memo is None:
        return []
    found = [
        Event(s.date, "signature", memo.id, f"signed by {s.side} ({s.signatory})")
        for s in memo.signatures
    ]
    start = commencement(memo)
    if start is not None:
        found.append(Event(start, "commencement", memo.id, "the memorandum commences (2.2)"))
    found += _changesets(records, memo)
    found += _notices(records, memo)
    found += _activities(records, memo)
    order = {kind: index for index, kind in enumerate(_KIND_ORDER)}
    return sorted(found, key=lambda e: (e.date, order.get(e.kind, 99), e.record, e.description))


_KIND_ORDER = (
    "signature",
    "commencement",
    "consent",
    "notice",
    "revocation",
    "notice period ends",
    "modification",
    "decision",
    "discontinuation",
    "activity starts",
    "activity ends",
)


def _changesets(records: MemorandumRecords, memo: Memorandum) -> list[Event]:
    found = []
    ending = effective_discontinuation(records, FAR_FUTURE)
    for changeset in records.changesets():
        kind = type(changeset).__name__.lower()
        for consent in changeset.consents:
            form = "" if consent.form == "written" else f" ({consent.form}: does not count)"
            found.append(
                Event(
                    consent.date,
                    "consent",
                    changeset.id,
                    f"{consent.side} consents to {changeset.id}{form}",
                )
            )
        sides = {c.side for c in changeset.consents if c.form == "written"}
        complete = all(side.id in sides for side in memo.sides)
        void = ending is not None and changeset.effective >= ending.effective
        note = ("" if complete else " (awaiting consent)") + (" (void)" if void else "")
        found.append(
            Event(changeset.effective, kind, changeset.id, f"{changeset.title} takes effect{note}")
        )
    return found


def _notices(records: MemorandumRecords, memo: Memorandum) -> list[Event]:
    found = []
    start = commencement(memo)
    for notice in records.notices:
        day, assumed, _ = receipt_date(notice, memo)
        if notice.type == "revocation":
            found.append(
                Event(day, "revocation", notice.id, f"{notice.by} revokes {notice.revokes}")
            )
            continue
        found.append(
            Event(
                day,
                "notice",
                notice.id,
                f"notice of discontinuation from {notice.by} received"
                + (" (date as recorded)" if assumed else ""),
            )
        )
        if start is None or day < start or notice.form != "written":
            continue
        dates = discontinuation_for(notice, records, FAR_FUTURE)
        revoked = revocation_of(notice, records, FAR_FUTURE, dates.effective)
        suffix = f" (revoked by {revoked.id})" if revoked else ""
        found.append(
            Event(
                dates.last_day,
                "notice period ends",
                notice.id,
                f"last day of the {dates.notice_period} notice period ({dates.rule}){suffix}",
            )
        )
        found.append(
            Event(
                dates.effective,
                "discontinuation",
                notice.id,
                f"discontinuation takes effect{suffix}",
            )
        )
    return found


def _activities(records: MemorandumRecords, memo: Memorandum) -> list[Event]:
    found = []
    ending = effective_discontinuation(records, FAR_FUTURE)
    for activity in records.activities:
        found.append(
            Event(activity.start, "activity starts", activity.id, f"{activity.title} starts")
        )
        end, decided_by = decided_end(
            activity, records.decisions, memo, FAR_FUTURE, ending.effective if ending else None
        )
        if end is not None and (activity.end is None or end < activity.end):
            found.append(
                Event(
                    end,
                    "activity ends",
                    activity.id,
                    f"{activity.title} ends (decided: {decided_by})",
                )
            )
        elif activity.end is not None:
            found.append(
                Event(
                    activity.end,
                    "activity ends",
                    activity.id,
                    f"{activity.title} ends (planned end)",
                )
            )
    return found
