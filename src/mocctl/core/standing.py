"""Where each record stands as of T: the statuses the history gives (SPEC §3.4, §3.5). Pure.

The value types (``ChangeStatus``, ``NoticeStatus``, ``ActivityStatus``) and the rules that do not
need the fold: commencement, consent, the effect of a notice, a change's and an activity's status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from mocctl.core.consolidation import Changeset, Consolidated
from mocctl.core.notices import NoticeDates
from mocctl.model.records import Activity, EndActivity, Memorandum

FAR_FUTURE = dt.date.max


@dataclass(frozen=True, slots=True)
class ChangeStatus:
    """A modification or decision as of T (SPEC §3.4, contract statuses)."""

    id: str
    kind: str  # Modification | Decision
    title: str
    status: str  # awaiting_consent | scheduled | in_effect | void
    effective: dt.date
    last_consent: dt.date | None
    missing_consents: tuple[str, ...]
    reason: str | None = None
    code: str | None = None  # the finding code that explains a void change


@dataclass(frozen=True, slots=True)
class NoticeStatus:
    """A notice or revocation as of T, with the dates under the rule that governs it."""

    id: str
    type: str  # discontinuation | revocation | non-renewal
    by: str
    to: tuple[str, ...]
    received: dt.date | None  # D; None while not received by every recipient
    received_as_given: dt.date | dt.datetime | None
    receipt_assumed: bool
    used_dated: bool
    standing: str  # past | scheduled | revoked | void | superseded
    known: bool = True  # received (by at least one recipient) on or before T
    effect: str = "discontinues"  # discontinues | withdraws
    dates: NoticeDates | None = None
    revokes: str | None = None
    revoked_by: str | None = None
    reason: str | None = None
    code: str | None = None  # the finding code that explains a void notice
    ends_term: int | None = None  # non-renewal: the term it makes the last
    needed_by: dt.date | None = None  # non-renewal received too late: the day it was needed by

    @property
    def effective(self) -> dt.date | None:
        """E, once the notice has dates."""
        return self.dates.effective if self.dates else None

    @property
    def last_day_in_force(self) -> dt.date | None:
        return self.dates.last_day_in_force if self.dates else None

    @property
    def last_day(self) -> dt.date | None:
        """L: the last day of the notice period under the governing rule."""
        return self.dates.last_day if self.dates else None

    @property
    def rule(self) -> str | None:
        return self.dates.rule if self.dates else None

    @property
    def notice_period(self) -> str | None:
        return self.dates.notice_period if self.dates else None


@dataclass(frozen=True, slots=True)
class ActivityStatus:
    """A collaboration activity as of T (SPEC §3.5, contract statuses)."""

    id: str
    title: str
    status: str  # planned | ongoing | continuing | ended
    start: dt.date
    end: dt.date | None  # its last day: planned, or decided by the Sides
    ended_by: str | None = None  # the decision that set ``end``


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
    """(date of the last written consent, Sides still to consent) as of ``as_of``.

    A Side's first written consent counts; a consent in another form does not (2.3).
    """
    given: dict[str, dt.date] = {}
    for consent in changeset.consents:
        if consent.form == "written" and consent.date <= as_of:
            given[consent.side] = min(consent.date, given.get(consent.side, dt.date.max))
    missing = tuple(side.id for side in memo.sides if side.id not in given)
    return (max(given.values()) if given else None), missing


def effect_of(terms: Consolidated) -> str:
    """What a discontinuation notice does: the stated effect, else ``discontinues``."""
    return terms.terms.get("discontinuation.effect") or "discontinues"


def change_status(
    changeset: Changeset,
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    ends: dt.date | None,
    late: dict[str, str],
    whole: Consolidated,
    ending: str,
) -> ChangeStatus:
    last, missing = consent_state(changeset, memo, as_of)
    status, reason, code = "in_effect", None, None
    if missing:
        status = "awaiting_consent"
        reason = "awaiting the written consent of " + ", ".join(missing)
    elif changeset.id in late:
        status, reason, code = "void", f"consent completed {last}, {late[changeset.id]}", "MOC307"
    elif start is None:
        status, reason = "scheduled", "the memorandum has not commenced"
    elif changeset.effective < start:
        status, reason, code = "void", f"takes effect before commencement ({start})", "MOC309"
    elif ends is not None and changeset.effective >= ends:
        status, reason = "void", f"takes effect on or after the {ending} ({ends})"
        code = "MOC307"
    elif changeset.id in whole.void:
        status, reason, code = "void", whole.void[changeset.id], "MOC314"
    elif changeset.effective > as_of:
        status = "scheduled"
    return ChangeStatus(
        changeset.id,
        type(changeset).__name__,
        changeset.title,
        status,
        changeset.effective,
        last,
        missing,
        reason,
        code,
    )


def decided_end(
    activity: Activity, applying: Sequence[Changeset], as_of: dt.date
) -> tuple[dt.date | None, str | None]:
    """The last day the Sides decided for ``activity`` (2.4), by a decision in effect on T."""
    chosen: tuple[dt.date | None, str | None] = (None, None)
    for changeset in applying:
        if changeset.effective > as_of:
            continue
        for item in changeset.items:
            if isinstance(item, EndActivity) and item.activity == activity.id:
                chosen = (item.end, changeset.id)
    return chosen


def activity_status(
    activity: Activity, applying: Sequence[Changeset], as_of: dt.date, ends: dt.date | None
) -> ActivityStatus:
    end, decided_by = decided_end(activity, applying, as_of)
    if end is None:
        end = activity.end
    elif activity.end is not None and activity.end < end:
        end, decided_by = activity.end, None
    if activity.start > as_of:
        status = "planned"
    elif end is not None and end < as_of:
        status = "ended"
    elif ends is not None and activity.start <= ends <= as_of and (end is None or end >= ends):
        status = "continuing"  # ongoing on E: it continues under 2.4
    else:
        status = "ongoing"
    return ActivityStatus(activity.id, activity.title, status, activity.start, end, decided_by)
