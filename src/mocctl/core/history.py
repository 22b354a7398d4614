"""The history of one memorandum as of a date: the one truth that every view renders. Pure.

``history(records, as_of)`` folds the records in the order in which they became known (a
consent's date, a notice's receipt) and answers everything ``status``, ``timeline``, ``text``,
``diff``, ``period``, ``draft``, ``calendar`` and ``report`` show: the state, the governing
discontinuation with every rule's dates, the standing of every notice and change, the terms and
text in force, the activities, and every dated event with its standing (SPEC §3, §3.6).

Nothing here reads the clock or the disk. Rules decided in SPEC §3.6 and applied here:

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from mocctl.core import events as ev
from mocctl.core.consolidation import Changeset, Consolidated, consolidate
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import (
    NoticeDates,
    dates_of,
    parties,
    receipt_day,
    receipt_of,
    recipients,
)
from mocctl.model.records import Activity, EndActivity, Memorandum, Notice

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
    type: str  # discontinuation | revocation
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


@dataclass(frozen=True)
class History:
    """Where one memorandum stands on ``as_of``, and how it got there."""

    memorandum: Memorandum
    as_of: dt.date
    state: str  # draft | awaiting_signature | in_force | discontinuation_pending | discontinued
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


# -- the fold ------------------------------------------------------------------------------------


@dataclass
class _Fold:
    """The state of the fold while the records are read in the order they became known."""

    memo: Memorandum
    start: dt.date | None
    accepted: list[tuple[Changeset, dt.date]] = field(default_factory=list)
    active: dict[str, NoticeDates] = field(default_factory=dict)  # discontinuing notices
    withdrawing: dict[str, NoticeDates] = field(default_factory=dict)
    notices: dict[str, NoticeStatus] = field(default_factory=dict)
    revoked: dict[str, str] = field(default_factory=dict)  # notice id → revocation id
    late: dict[str, str] = field(default_factory=dict)  # record id → why it changes nothing

    def terms_on(self, day: dt.date) -> Consolidated:
        chain = sorted(
            (
                pair
                for pair in self.accepted
                if self.start is not None and self.start <= pair[0].effective <= day
            ),
            key=_order,
        )
        return consolidate(self.memo, [c for c, _ in chain])

    def governing(self) -> tuple[str, NoticeDates] | None:
        """The discontinuation with the earliest E (then the earliest receipt, then the id)."""
        candidates = list(self.active.items())
        last = self._last_withdrawal()
        if last is not None:
            candidates.append(last)
        if not candidates:
            return None
        return min(candidates, key=lambda item: (item[1].effective, item[1].received, item[0]))

    def _last_withdrawal(self) -> tuple[str, NoticeDates] | None:
        """The withdrawal after which fewer than two Sides remain: it ends the memorandum."""
        left: set[str] = set()
        for notice_id, dates in sorted(
            self.withdrawing.items(), key=lambda item: (item[1].effective, item[0])
        ):
            left.add(self.notices[notice_id].by)
            if len(self.memo.sides) - len(left) < 2:
                return notice_id, dates
        return None

    def ends(self) -> dt.date | None:
        found = self.governing()
        return found[1].effective if found else None

    def recompute(self) -> None:
        """The dates of every live notice again, after a change that may alter its terms."""
        for table in (self.active, self.withdrawing):
            for notice_id, dates in list(table.items()):
                terms = self.terms_on(dates.received)
                del table[notice_id]
                try:
                    new = dates_of(
                        dates.received_as_given,
                        notice_period=terms.notice_period,
                        rule=terms.rule,
                        who=parties(self.memo, self.notices[notice_id].to),
                        requested_effective=dates.requested_effective,
                    )
                except ValueError as error:
                    self.void(notice_id, str(error), "MOC324")
                    continue
                # The effect, too, is that of the terms in force on D (SPEC §3.3, §3.6).
                effect = effect_of(terms)
                self.notices[notice_id] = replace(self.notices[notice_id], effect=effect)
                (self.withdrawing if effect == "withdraws" else self.active)[notice_id] = new

    def void(self, notice_id: str, reason: str, code: str) -> None:
        """``notice_id`` has no effect, for ``reason`` (explained by finding ``code``)."""
        self.notices[notice_id] = replace(
            self.notices[notice_id], standing="void", reason=reason, code=code
        )


def _order(pair: tuple[Changeset, dt.date]) -> tuple[dt.date, dt.date, str]:
    """Changes apply in order of effective date, then last consent, then id (SPEC §3.4)."""
    changeset, last = pair
    return (changeset.effective, last, changeset.id)


Known = tuple[dt.date, int, str, "Notice | tuple[Changeset, dt.date]"]


def _known_items(records: MemorandumRecords, memo: Memorandum, as_of: dt.date) -> Iterator[Known]:
    """(the date it became known, order on that day, id, record) for everything known on T."""
    for changeset in records.changesets():
        last, missing = consent_state(changeset, memo, as_of)
        if not missing and last is not None:
            yield (last, 0, changeset.id, (changeset, last))
    for notice in records.notices:
        receipt = receipt_of(notice, memo, as_of)
        if receipt.day is not None and receipt.day <= as_of:
            yield (receipt.day, 1 if notice.type == "discontinuation" else 2, notice.id, notice)


def history(records: MemorandumRecords, as_of: dt.date) -> History:
    """Where the memorandum of ``records`` stands on ``as_of``, from what is known then."""
    memo = records.memorandum
    if memo is None:
        raise ValueError(f"{records.folder} has no Memorandum record")
    start = commencement(memo, as_of)
    fold = _Fold(memo, start)
    for notice in records.notices:
        fold.notices[notice.id] = _as_recorded(notice, memo, as_of)
    for day, _, record_id, item in sorted(_known_items(records, memo, as_of), key=lambda k: k[:3]):
        ends = fold.ends()
        if ends is not None and day >= ends:
            fold.late[record_id] = f"on or after the discontinuation took effect ({ends})"
            if isinstance(item, Notice) and item.type == "revocation":
                fold.void(
                    record_id,
                    f"revocation received {day}, on or after the discontinuation took effect "
                    f"({ends}): it has no effect",
                    "MOC306",
                )
            elif isinstance(item, Notice):
                fold.void(
                    record_id,
                    f"notice received {day}, after the memorandum was discontinued on {ends}",
                    "MOC307",
                )
            continue
        if isinstance(item, Notice):
            _receive(fold, item)
        else:
            fold.accepted.append(item)
            fold.recompute()
    governing = fold.governing()
    _settle(fold, governing, as_of)
    return _assemble(records, memo, as_of, start, fold, governing)


def _as_recorded(notice: Notice, memo: Memorandum, as_of: dt.date) -> NoticeStatus:
    """A notice as recorded, before the fold decides what it did."""
    receipt = receipt_of(notice, memo, as_of)
    known = (receipt.day is not None and receipt.day <= as_of) or (
        receipt.given is None and len(receipt.missing) < len(recipients(notice, memo))
    )
    reason = "not yet received by " + ", ".join(receipt.missing) if receipt.missing else None
    return NoticeStatus(
        id=notice.id,
        type=notice.type,
        by=notice.by,
        to=recipients(notice, memo),
        received=receipt.day,
        received_as_given=receipt.given,
        receipt_assumed=receipt.assumed,
        used_dated=receipt.used_dated,
        standing="past" if known else "scheduled",
        known=known,
        revokes=notice.revokes,
        reason=reason,
    )


def _receive(fold: _Fold, notice: Notice) -> None:
    """A notice or revocation becomes known: apply it to the fold."""
    status = fold.notices[notice.id]
    day = status.received
    assert day is not None and status.received_as_given is not None
    if notice.form != "written":
        fold.void(
            notice.id,
            f"notice {notice.id} is {notice.form}, not written: it has no effect (Paragraph 2.2)",
            "MOC302",
        )
    elif notice.by not in {side.id for side in fold.memo.sides}:
        fold.void(notice.id, f"{notice.by} is not a Side of the memorandum", "MOC205")
    elif notice.type == "revocation":
        _revoke(fold, notice, day)
    elif fold.start is None or day < fold.start:
        fold.void(
            notice.id,
            f"notice received {day}, before the memorandum commenced "
            f"({fold.start or 'not yet signed by every Side'})",
            "MOC301",
        )
    else:
        terms = fold.terms_on(day)
        try:
            dates = dates_of(
                status.received_as_given,
                notice_period=terms.notice_period,
                rule=terms.rule,
                who=parties(fold.memo, status.to),
                requested_effective=notice.requested_effective,
            )
        except ValueError as error:  # includes OutOfCalendar
            fold.void(notice.id, str(error), "MOC324")
            return
        effect = effect_of(terms)
        fold.notices[notice.id] = replace(status, dates=dates, effect=effect)
        (fold.withdrawing if effect == "withdraws" else fold.active)[notice.id] = dates


def _revoke(fold: _Fold, revocation: Notice, day: dt.date) -> None:
    target = revocation.revokes or ""
    live = fold.active.get(target) or fold.withdrawing.get(target)
    revoked = fold.notices.get(target)
    if live is None:
        if target in fold.revoked:
            why = f"{target} was already revoked by {fold.revoked[target]}"
        elif revoked is None or revoked.type != "discontinuation" or revoked.code == "MOC302":
            why = f"{target or 'the notice'} is not a written discontinuation notice"
        else:
            why = f"{target} is not a discontinuation notice in effect ({revoked.reason})"
        fold.void(revocation.id, why, "MOC319")
    elif fold.notices[target].by != revocation.by:
        by = fold.notices[target].by
        fold.void(
            revocation.id, f"{target} was given by {by}; only that Side can revoke it", "MOC304"
        )
    elif day >= live.effective:
        fold.void(
            revocation.id,
            f"revocation received {day}, on or after the discontinuation took effect "
            f"({live.effective}): it has no effect",
            "MOC306",
        )
    else:
        fold.active.pop(target, None)
        fold.withdrawing.pop(target, None)
        fold.revoked[target] = revocation.id


def _settle(fold: _Fold, governing: tuple[str, NoticeDates] | None, as_of: dt.date) -> None:
    """The final standing of every notice that is still live after the fold."""
    for notice_id, dates in [*fold.active.items(), *fold.withdrawing.items()]:
        status = fold.notices[notice_id]
        if (governing and notice_id == governing[0]) or notice_id in fold.withdrawing:
            standing, reason = ("past" if dates.effective <= as_of else "scheduled"), status.reason
        else:
            assert governing is not None
            standing = "superseded"
            reason = f"{governing[0]} discontinues it first, from {governing[1].effective}"
        fold.notices[notice_id] = replace(status, standing=standing, dates=dates, reason=reason)
    for notice_id, revocation in fold.revoked.items():
        fold.notices[notice_id] = replace(
            fold.notices[notice_id], standing="revoked", revoked_by=revocation
        )


# -- assembling the answer -----------------------------------------------------------------------


def _assemble(
    records: MemorandumRecords,
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    fold: _Fold,
    governing: tuple[str, NoticeDates] | None,
) -> History:
    ends = governing[1].effective if governing else None
    signed = tuple(sorted({s.side for s in memo.signatures if s.date <= as_of}))
    unsigned = tuple(side.id for side in memo.sides if side.id not in signed)
    if not signed:
        state = "draft"
    elif start is None:
        state = "awaiting_signature"
    elif ends is None:
        state = "in_force"
    else:
        state = "discontinuation_pending" if ends > as_of else "discontinued"
    valid = [
        c
        for c, _ in sorted(fold.accepted, key=_order)
        if c.id not in fold.late
        and start is not None
        and c.effective >= start
        and (ends is None or c.effective < ends)
    ]
    whole = consolidate(memo, valid)
    applying = tuple(c for c in valid if c.id not in whole.void)
    changes = tuple(
        _change_status(c, memo, as_of, start, ends, fold.late, whole)
        for c in sorted(records.changesets(), key=lambda c: (c.effective, c.id))
    )
    activities = tuple(_activity(a, applying, as_of, ends) for a in records.activities)
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
        ),
        applying=applying,
        consolidated=consolidate(memo, [c for c in applying if c.effective <= as_of]),
    )


def _change_status(
    changeset: Changeset,
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    ends: dt.date | None,
    late: dict[str, str],
    whole: Consolidated,
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
        status, reason = "void", f"takes effect on or after the discontinuation ({ends})"
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


def _activity(
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
