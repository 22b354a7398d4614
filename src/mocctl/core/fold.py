"""The fold of a memorandum's records in the order they became known (SPEC §3.3, §3.6). Pure.

A change becomes known when its last written consent is given; a notice or revocation when it is
received (by its last recipient). The fold keeps what is live: the accepted changes, the
discontinuing and withdrawing notices with their dates (recomputed when a change alters the terms
in force on their day of receipt), the revoked ones, and the records that came too late —
known on or after the date the memorandum was discontinued, they change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from mocctl.core.consolidation import Changeset, Consolidated, consolidate
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import NoticeDates, dates_of, parties, receipt_of, recipients
from mocctl.core.standing import NoticeStatus, commencement, consent_state, effect_of
from mocctl.model.records import Memorandum, Notice


@dataclass
class Fold:
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
            key=order,
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


def order(pair: tuple[Changeset, dt.date]) -> tuple[dt.date, dt.date, str]:
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


def fold(
    records: MemorandumRecords, memo: Memorandum, as_of: dt.date
) -> tuple[Fold, tuple[str, NoticeDates] | None]:
    """The records of ``memo`` read in the order they became known, up to ``as_of``: the state
    of the fold at the end, and the discontinuation that governs (if any)."""
    start = commencement(memo, as_of)
    state = Fold(memo, start)
    for notice in records.notices:
        state.notices[notice.id] = _as_recorded(notice, memo, as_of)
    for day, _, record_id, item in sorted(_known_items(records, memo, as_of), key=lambda k: k[:3]):
        ends = state.ends()
        if ends is not None and day >= ends:
            state.late[record_id] = f"on or after the discontinuation took effect ({ends})"
            if isinstance(item, Notice) and item.type == "revocation":
                state.void(
                    record_id,
                    f"revocation received {day}, on or after the discontinuation took effect "
                    f"({ends}): it has no effect",
                    "MOC306",
                )
            elif isinstance(item, Notice):
                state.void(
                    record_id,
                    f"notice received {day}, after the memorandum was discontinued on {ends}",
                    "MOC307",
                )
            continue
        if isinstance(item, Notice):
            _receive(state, item)
        else:
            state.accepted.append(item)
            state.recompute()
    governing = state.governing()
    _settle(state, governing, as_of)
    return state, governing


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


def _receive(state: Fold, notice: Notice) -> None:
    """A notice or revocation becomes known: apply it to the state."""
    status = state.notices[notice.id]
    day = status.received
    assert day is not None and status.received_as_given is not None
    if notice.form != "written":
        state.void(
            notice.id,
            f"notice {notice.id} is {notice.form}, not written: it has no effect (Paragraph 2.2)",
            "MOC302",
        )
    elif notice.by not in {side.id for side in state.memo.sides}:
        state.void(notice.id, f"{notice.by} is not a Side of the memorandum", "MOC205")
    elif notice.type == "non-renewal":
        return  # read against the terms by mocctl.core.terms, once the fold is done
    elif notice.type == "revocation":
        _revoke(state, notice, day)
    elif state.start is None or day < state.start:
        state.void(
            notice.id,
            f"notice received {day}, before the memorandum commenced "
            f"({state.start or 'not yet signed by every Side'})",
            "MOC301",
        )
    elif not discontinuation_allowed(state.terms_on(day)):
        state.void(
            notice.id,
            "the memorandum does not provide for discontinuation by notice during a term "
            "(terms.duration.discontinuation_during_term: false)",
            "MOC331",
        )
    else:
        terms = state.terms_on(day)
        try:
            dates = dates_of(
                status.received_as_given,
                notice_period=terms.notice_period,
                rule=terms.rule,
                who=parties(state.memo, status.to),
                requested_effective=notice.requested_effective,
            )
        except ValueError as error:  # includes OutOfCalendar
            state.void(notice.id, str(error), "MOC324")
            return
        effect = effect_of(terms)
        state.notices[notice.id] = replace(status, dates=dates, effect=effect)
        (state.withdrawing if effect == "withdraws" else state.active)[notice.id] = dates


def discontinuation_allowed(terms: Consolidated) -> bool:
    """Whether a discontinuation notice under ``terms`` counts: always, unless a fixed term
    says it does not (``duration.discontinuation_during_term: false``; else it is void,
    MOC331)."""
    return not (
        "duration.term" in terms.terms
        and terms.terms.get("duration.discontinuation_during_term") == "false"
    )


def _revoke(state: Fold, revocation: Notice, day: dt.date) -> None:
    target = revocation.revokes or ""
    live = state.active.get(target) or state.withdrawing.get(target)
    revoked = state.notices.get(target)
    if live is None:
        if target in state.revoked:
            why = f"{target} was already revoked by {state.revoked[target]}"
        elif revoked is None or revoked.type != "discontinuation" or revoked.code == "MOC302":
            why = f"{target or 'the notice'} is not a written discontinuation notice"
        else:
            why = f"{target} is not a discontinuation notice in effect ({revoked.reason})"
        state.void(revocation.id, why, "MOC319")
    elif state.notices[target].by != revocation.by:
        by = state.notices[target].by
        state.void(
            revocation.id, f"{target} was given by {by}; only that Side can revoke it", "MOC304"
        )
    elif day >= live.effective:
        state.void(
            revocation.id,
            f"revocation received {day}, on or after the discontinuation took effect "
            f"({live.effective}): it has no effect",
            "MOC306",
        )
    else:
        state.active.pop(target, None)
        state.withdrawing.pop(target, None)
        state.revoked[target] = revocation.id


def _settle(state: Fold, governing: tuple[str, NoticeDates] | None, as_of: dt.date) -> None:
    """The final standing of every notice that is still live after the state."""
    for notice_id, dates in [*state.active.items(), *state.withdrawing.items()]:
        status = state.notices[notice_id]
        if (governing and notice_id == governing[0]) or notice_id in state.withdrawing:
            standing, reason = ("past" if dates.effective <= as_of else "scheduled"), status.reason
        else:
            assert governing is not None
            standing = "superseded"
            reason = f"{governing[0]} discontinues it first, from {governing[1].effective}"
        state.notices[notice_id] = replace(status, standing=standing, dates=dates, reason=reason)
    for notice_id, revocation in state.revoked.items():
        state.notices[notice_id] = replace(
            state.notices[notice_id], standing="revoked", revoked_by=revocation
        )
