"""The terms of one history: the fold's accepted changes and notices of non-renewal read by
:mod:`mocctl.core.terms` (issue 14). Pure; called by :func:`mocctl.core.history.history` only.

What each notice of non-renewal did is written into the fold's notices (in time: ``ends_term``;
too late: void with MOC327 and the day it was needed by; to no purpose: void with MOC330), and a
discontinuation that the expiry comes before is superseded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from mocctl.core import terms as fixed
from mocctl.core.consolidation import Changeset, consolidate
from mocctl.core.fold import Fold
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import NoticeDates, dates_of, parties, receipt_of
from mocctl.core.standing import FAR_FUTURE
from mocctl.model.records import Memorandum
from mocctl.model.terms import SetTerm

NO_TERMS = fixed.Schedule()


def schedule_of(
    records: MemorandumRecords,
    memo: Memorandum,
    as_of: dt.date,
    start: dt.date | None,
    fold: Fold,
    candidates: Sequence[Changeset],
    ends: dt.date | None,
) -> fixed.Schedule:
    """The terms of a fixed-term memorandum (none without one), with what each notice of
    non-renewal did written into the fold's notices."""
    if start is None or not has_fixed_term(memo, candidates):
        return NO_TERMS

    def rules_on(day: dt.date) -> tuple[fixed.TermRules | None, str]:
        terms = consolidate(memo, [c for c in candidates if c.effective <= day])
        return fixed.read(terms.terms), terms.rule

    if rules_on(start)[0] is None:
        return NO_TERMS
    everyone = parties(memo)
    given: list[fixed.Given] = []
    for notice in records.notices:
        status = fold.notices[notice.id]
        if (
            notice.type == "non-renewal"
            and status.standing == "past"
            and status.received is not None
            and status.received_as_given is not None
        ):
            given.append((notice.id, status.received_as_given, status.received))

    def notice_dates(received: dt.date | dt.datetime, period: str, rule: str) -> NoticeDates:
        return dates_of(received, notice_period=period, rule=rule, who=everyone)

    plan = fixed.schedule(
        start,
        rules_on,
        everyone,
        horizon=as_of if as_of < FAR_FUTURE else _latest(records, memo, start),
        stop=ends,
        notices=given,
        dates_of=notice_dates,
    )
    for notice_id, outcome in plan.notices.items():
        status = fold.notices[notice_id]
        if outcome.in_time:
            fold.notices[notice_id] = replace(status, ends_term=outcome.term)
        elif outcome.needed_by is not None:
            fold.notices[notice_id] = replace(
                status,
                standing="void",
                code="MOC327",
                needed_by=outcome.needed_by,
                reason=f"received {status.received}, after the last day for notice of "
                f"non-renewal of term {outcome.term} ({outcome.needed_by}): it has no effect",
            )
        else:
            fold.notices[notice_id] = replace(
                status, standing="void", code="MOC330", reason=outcome.reason
            )
    return plan


def has_fixed_term(memo: Memorandum, changes: Sequence[Changeset]) -> bool:
    """Whether the memorandum or a change states a fixed term (most do not: no work then)."""
    return memo.terms.duration is not None or any(
        isinstance(item, SetTerm) and item.term.startswith("duration.")
        for change in changes
        for item in change.items
    )


def _latest(records: MemorandumRecords, memo: Memorandum, start: dt.date) -> dt.date:
    """The whole record's horizon for renewals: ten years after the latest date any record
    names (at least commencement), so that ``timeline`` and ``calendar`` show the coming terms
    and the whole record's history stays finite."""
    days = [start]
    for changeset in records.changesets():
        days += [changeset.effective, *(c.date for c in changeset.consents)]
    days += [n.dated for n in records.notices]
    days += [day for day in (receipt_of(n, memo).day for n in records.notices) if day]
    latest = max(days)
    return latest.replace(year=min(latest.year + 10, dt.MAXYEAR), day=min(latest.day, 28))


def superseded_by_expiry(fold: Fold, expiry: dt.date) -> None:
    """The notices whose effect would come after ``expiry`` do nothing: the memorandum has
    expired by then. One that took effect on or before it (a Side's withdrawal) keeps its
    standing."""
    for notice_id in [*fold.active, *fold.withdrawing]:
        status = fold.notices[notice_id]
        if (
            status.standing in ("past", "scheduled")
            and status.dates is not None
            and status.dates.effective > expiry
        ):
            fold.notices[notice_id] = replace(
                fold.notices[notice_id],
                standing="superseded",
                reason=f"the memorandum expires first, on {expiry}, at the end of its term",
            )
