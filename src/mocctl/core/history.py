"""The history of one memorandum as of a date: the one truth that every view renders. Pure.

``history(records, as_of)`` folds the records in the order in which they became known (a
consent's date, a notice's receipt) and answers everything ``status``, ``timeline``, ``text``,
``diff``, ``period``, ``draft``, ``calendar`` and ``report`` show: the state, the governing
discontinuation with every rule's dates, the standing of every notice and change, the terms and
text in force, the activities, and every dated event with its standing (SPEC §3, §3.6).

The fold itself is :mod:`mocctl.core.fold`; the statuses and the rules that need no fold are
:mod:`mocctl.core.standing`. Nothing here reads the clock or the disk. Rules decided in SPEC §3.6
and applied here:

- a record that became known on or after the date the memorandum was discontinued (E) changes
  nothing: discontinued is final;
- a change effective on or after E, or before commencement, is void;
- with several effective discontinuation notices the earliest E governs; the others are
  superseded; a revocation received before its notice's E cancels it;
- an activity's ``end`` is its last day;
- only what is known on ``as_of`` counts; ``history(records, FAR_FUTURE)`` is the whole record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from mocctl.core import events as ev
from mocctl.core import terms as fixed
from mocctl.core.consolidation import Changeset, Consolidated, consolidate
from mocctl.core.fold import Fold, discontinuation_allowed, fold, order
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import NoticeDates, dates_of, parties, receipt_day, receipt_of
from mocctl.core.renewal import NO_TERMS, has_fixed_term, schedule_of, superseded_by_expiry
from mocctl.core.standing import (
    FAR_FUTURE,
    ActivityStatus,
    ChangeStatus,
    NoticeStatus,
    activity_status,
    change_status,
    commencement,
    consent_state,
    decided_end,
    effect_of,
)
from mocctl.model.records import Memorandum

__all__ = [
    "FAR_FUTURE",
    "ActivityStatus",
    "ChangeStatus",
    "History",
    "NoticeStatus",
    "commencement",
    "consent_state",
    "decided_end",
    "effect_of",
    "history",
    "knows_the_whole_record",
]


@dataclass(frozen=True)
class History:
    """Where one memorandum stands on ``as_of``, and how it got there."""

    memorandum: Memorandum
    as_of: dt.date
    # draft | awaiting_signature | in_force | discontinuation_pending | discontinued | expired
    state: str
    commenced: dt.date | None
    signed_by: tuple[str, ...]
    unsigned: tuple[str, ...]
    discontinuation: NoticeStatus | None  # the governing notice (its ``dates`` are set)
    notices: tuple[NoticeStatus, ...]
    changes: tuple[ChangeStatus, ...]
    activities: tuple[ActivityStatus, ...]
    events: tuple[ev.Event, ...]
    applying: tuple[Changeset, ...]  # the changes that apply, in the order they apply
    consolidated: Consolidated  # areas, text and terms in force on ``as_of``
    schedule: fixed.Schedule = NO_TERMS  # the terms of a fixed-term memorandum

    @property
    def term(self) -> fixed.Term | None:
        """The term ``as_of`` falls in (the last one once the memorandum has expired)."""
        return self.schedule.on(self.as_of) if self.commenced else None

    @property
    def expiry(self) -> dt.date | None:
        """The first day on which the memorandum is no longer in force because its last term
        ended (None: it renews, has no fixed term, or is discontinued first)."""
        return self.schedule.expiry

    @property
    def id(self) -> str:
        return self.memorandum.id

    @property
    def title(self) -> str:
        return self.memorandum.title

    @property
    def legally_binding(self) -> bool:
        return self.memorandum.legally_binding

    @property
    def ends(self) -> dt.date | None:
        """E of the governing discontinuation, if there is one."""
        return self.discontinuation.effective if self.discontinuation else None

    @property
    def out_of_force(self) -> dt.date | None:
        """The first day not in force: E of the governing discontinuation, or the expiry."""
        return self.ends or self.expiry

    @property
    def notice_period(self) -> str:
        return self.consolidated.notice_period

    @property
    def rule(self) -> str:
        return self.consolidated.rule

    @property
    def next_event(self) -> ev.Event | None:
        """The next change after ``as_of``: a change taking effect, the discontinuation, an
        activity's start or last day."""
        return next(
            (
                e
                for e in self.events
                if e.date > self.as_of and e.fate is None and e.kind in ev.CHANGES
            ),
            None,
        )

    def text_on(self, day: dt.date) -> Consolidated:
        """Areas, text and terms in force on ``day``, from what is known on ``as_of``."""
        return consolidate(self.memorandum, [c for c in self.applying if c.effective <= day])

    def discontinuable_on(self, day: dt.date) -> bool:
        """Whether a notice of discontinuation received on ``day`` would count, under the terms
        in force then: always, unless they are a fixed term that allows no discontinuation by
        notice during a term (the notice would be void, MOC331)."""
        return discontinuation_allowed(self.text_on(day))

    def if_received(
        self,
        received: dt.date | dt.datetime,
        by: str | None = None,
        *,
        to: Sequence[str] = (),
        requested_effective: dt.date | None = None,
    ) -> NoticeDates:
        """The dates of a notice from ``by`` (else any Side) to ``to`` (else every other Side)
        if it were received on ``received``, under the terms in force on the day of receipt."""
        sides = [side.id for side in self.memorandum.sides]
        recipients_ = list(to) or ([side for side in sides if side != by] if by else [])
        who = parties(self.memorandum, recipients_)
        terms = self.text_on(receipt_day(received, who.recipient_timezones))
        return dates_of(
            received,
            notice_period=terms.notice_period,
            rule=terms.rule,
            who=who,
            requested_effective=requested_effective,
        )


def history(records: MemorandumRecords, as_of: dt.date) -> History:
    """Where the memorandum of ``records`` stands on ``as_of``, from what is known then."""
    memo = records.memorandum
    if memo is None:
        raise ValueError(f"{records.folder} has no Memorandum record")
    state, governing = fold(records, memo, as_of)
    return _assemble(records, memo, as_of, state.start, state, governing)


def knows_the_whole_record(records: MemorandumRecords, as_of: dt.date) -> bool:
    """Whether ``history(records, as_of)`` folds exactly what the whole record does, so that its
    ``applying`` and ``text_on`` are those of ``history(records, FAR_FUTURE)``: every signature,
    consent and receipt (the whole record's: with ``receipts``, the latest recipient's) is dated
    on or before ``as_of``, so nothing becomes known later, and no fixed term is stated (its
    renewals are counted to a horizon that depends on ``as_of``). For a caller that needs the
    whole record's text and holds a history as of a date (checks.wording): when this is true it
    need not fold the records a second time."""
    memo = records.memorandum
    if memo is None:
        return False
    changesets = records.changesets()
    named: list[dt.date | None] = [signature.date for signature in memo.signatures]
    named += [consent.date for changeset in changesets for consent in changeset.consents]
    named += [receipt_of(notice, memo).day for notice in records.notices]
    if any(day is not None and day > as_of for day in named):
        return False
    return not has_fixed_term(memo, changesets)


def _assemble(
    records: MemorandumRecords,
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    fold: Fold,
    governing: tuple[str, NoticeDates] | None,
) -> History:
    ends = governing[1].effective if governing else None
    signed = tuple(sorted({s.side for s in memo.signatures if s.date <= as_of}))
    unsigned = tuple(side.id for side in memo.sides if side.id not in signed)
    candidates = [
        c
        for c, _ in sorted(fold.accepted, key=order)
        if c.id not in fold.late
        and start is not None
        and c.effective >= start
        and (ends is None or c.effective < ends)
    ]
    plan = schedule_of(records, memo, as_of, start, fold, candidates, ends)
    ending = "discontinuation"
    if plan.expiry is not None and (ends is None or plan.expiry < ends):
        # The last term ends first: a notice taking effect later does nothing (a withdrawal
        # too, whether or not a notice would have ended the memorandum).
        superseded_by_expiry(fold, plan.expiry)
        governing = None
        ends, ending = plan.expiry, "expiry"
    if not signed:
        state = "draft"
    elif start is None:
        state = "awaiting_signature"
    elif ends is None:
        state = "in_force"
    elif ending == "expiry":
        state = "expired" if ends <= as_of else "in_force"
    else:
        state = "discontinuation_pending" if ends > as_of else "discontinued"
    valid = [c for c in candidates if ends is None or c.effective < ends]
    whole = consolidate(memo, valid)
    applying = tuple(c for c in valid if c.id not in whole.void)
    changes = tuple(
        change_status(c, memo, as_of, start, ends, fold.late, whole, ending)
        for c in sorted(records.changesets(), key=lambda c: (c.effective, c.id))
    )
    activities = tuple(activity_status(a, applying, as_of, ends) for a in records.activities)
    notices = tuple(fold.notices[n.id] for n in records.notices)
    return History(
        memorandum=memo,
        as_of=as_of,
        state=state,
        commenced=start,
        signed_by=signed,
        unsigned=unsigned,
        discontinuation=fold.notices[governing[0]] if governing else None,
        notices=notices,
        changes=changes,
        activities=activities,
        events=ev.collect(
            memo,
            as_of,
            start,
            changes=changes,
            changesets=records.changesets(),
            notices=notices,
            activities=activities,
            terms=plan,
        ),
        applying=applying,
        consolidated=consolidate(memo, [c for c in applying if c.effective <= as_of]),
        schedule=plan,
    )
