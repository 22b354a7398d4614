"""Findings about a memorandum's history (MOC3xx). Pure.

They read the one history (:func:`mocctl.core.history.history`): ``validate`` checks the whole
record (as of the far future), ``status --as-of T`` only what is known on T, so a notice received
after T is neither counted nor reported there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from mocctl.core.consolidation import Changeset
from mocctl.core.history import FAR_FUTURE, ChangeStatus, History, NoticeStatus, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import receipt_day
from mocctl.findings import Finding, Severity
from mocctl.model.records import (
    AddArea,
    AmendArea,
    InsertText,
    Memorandum,
    Notice,
    RemoveArea,
    RemoveText,
    ReplaceText,
)
from mocctl.model.terms import SetTerm

# Why a notice is void → the finding that explains it (MOC205 is reported by the references).
_VOID_FIELD = {
    "MOC301": "received",
    "MOC302": "form",
    "MOC304": "by",
    "MOC306": "received",
    "MOC307": "received",
    "MOC319": "revokes",
    "MOC324": "received",
}


def check(records: MemorandumRecords, seen: History | None = None) -> list[Finding]:
    """Every lifecycle finding about what ``seen`` (default: the whole record) shows."""
    memo = records.memorandum
    if memo is None:
        return []
    if seen is None:
        seen = history(records, FAR_FUTURE)
    findings = list(_memorandum(memo))
    findings += _notices(records, memo, seen)
    findings += _changesets(records, seen)
    findings += _activities(records, memo, seen)
    findings += [
        record.source.finding(
            "MOC320",
            f"{type(record).__name__} {record.id} is a draft: it is not counted until it is "
            "recorded as sent or received",
            "draft",
            at_key=True,
            hint="delete the line `draft: true` once it is real",
        )
        for record in records.drafts
    ]
    return findings


def _memorandum(memo: Memorandum) -> Iterator[Finding]:
    if len(memo.sides) > 2 and memo.terms.discontinuation.effect is None:
        yield memo.source.finding(
            "MOC322",
            f"with {len(memo.sides)} Sides, say what one Side's notice does: "
            "`effect: discontinues` or `effect: withdraws`; `discontinues` is assumed",
            "terms",
            "discontinuation",
            at_key=True,
        )


def _notices(records: MemorandumRecords, memo: Memorandum, seen: History) -> Iterator[Finding]:
    status = {notice.id: notice for notice in seen.notices}
    others = {side.id for side in memo.sides}
    for notice in records.notices:
        got = status[notice.id]
        if not got.known:
            continue  # not received on T: nothing is known of it yet
        yield from _receipt(notice, got, memo)
        missing = sorted(others - {notice.by} - set(got.to))
        if notice.by in got.to:
            yield notice.source.finding(
                "MOC304", f"notice by {notice.by} is addressed to {notice.by} itself", "to"
            )
        elif notice.to is not None and missing and notice.by in others:
            yield notice.source.finding(
                "MOC321",
                f"notice {notice.id} must reach every other Side; it is not addressed to "
                + ", ".join(missing),
                "to",
            )
        if notice.to is None and len(memo.sides) > 2 and notice.by in others:
            yield notice.source.finding(
                "MOC304",
                "with more than two Sides, name the recipients in 'to'",
                "by",
                severity=Severity.WARNING,
            )
        if notice.type == "revocation" and notice.revokes is None:
            yield notice.source.finding(
                "MOC104", "a revocation needs 'revokes': the id of the notice it revokes", "type"
            )
            continue
        if notice.type == "discontinuation" and notice.revokes is not None:
            yield notice.source.finding(
                "MOC107",
                "'revokes' belongs to a revocation, not to a discontinuation notice",
                "revokes",
            )
        yield from _standing(notice, got)


def _receipt(notice: Notice, got: NoticeStatus, memo: Memorandum) -> Iterator[Finding]:
    if notice.received is not None and notice.receipts:
        yield notice.source.finding(
            "MOC107", "give either 'received' or one entry per recipient in 'receipts'", "receipts"
        )
    if got.received is None:
        if got.reason:
            yield notice.source.finding(
                "MOC325",
                f"notice {notice.id} is {got.reason}: it does not count until every "
                "recipient has received it",
                "receipts",
                at_key=True,
            )
        return
    if got.used_dated:
        yield notice.source.finding(
            "MOC316",
            f"notice {notice.id} has no 'received'; its letter "
            f"date {notice.dated} is used as the receipt date",
            "dated",
            hint="record when the other Side received it",
        )
    elif got.receipt_assumed:
        yield notice.source.finding(
            "MOC315",
            f"received {got.received} is taken as the calendar date where the recipient "
            "received it",
            "receipts" if notice.receipts else "received",
            hint="give an instant with offset to be exact",
        )
    zones = [side.timezone for side in memo.sides]
    given: list[tuple[tuple[str | int, ...], dt.date | dt.datetime]] = []
    if notice.received is not None:
        given.append((("received",), got.received or notice.received))
    given += [(("receipts", i, "received"), r.received) for i, r in enumerate(notice.receipts)]
    for path, received in given:
        if receipt_day(received, zones) < notice.dated:
            yield notice.source.finding(
                "MOC303",
                f"received ({received}) before the letter's date ({notice.dated})",
                *path,
            )


def _standing(notice: Notice, got: NoticeStatus) -> Iterator[Finding]:
    where = "received" if notice.received is not None else "dated"
    if notice.receipts:
        where = "receipts"
    if got.standing == "void" and got.code in _VOID_FIELD:
        field = _VOID_FIELD[got.code]
        message = got.reason or ""
        if got.code == "MOC324":
            message = f"notice {notice.id} has no effect: {message}"
        yield notice.source.finding(got.code, message, where if field == "received" else field)
    dates = got.dates
    if dates is not None and dates.requested_too_early:
        yield notice.source.finding(
            "MOC305",
            f"requested {notice.requested_effective}, but under the {dates.rule} rule the "
            f"{dates.notice_period} period allows discontinuation from "
            f"{dates.computed.effective} at the earliest; that date applies",
            "requested_effective",
        )


def _changesets(records: MemorandumRecords, seen: History) -> Iterator[Finding]:
    status = {change.id: change for change in seen.changes}
    touched: dict[tuple[dt.date, str], list[Changeset]] = defaultdict(list)
    for changeset in records.changesets():
        got = status[changeset.id]
        if not any(c.date <= seen.as_of for c in changeset.consents):
            continue  # nobody has consented on T: nothing is known of it yet
        yield from _changeset(changeset, got, seen)
        for target in _targets(changeset):
            touched[(changeset.effective, target)].append(changeset)
    for (day, target), changesets in sorted(touched.items(), key=lambda item: item[0]):
        first, *others = sorted(changesets, key=lambda c: c.id)
        for other in others:
            yield other.source.finding(
                "MOC311", f"{other.id} and {first.id} both change {target} on {day}", "effective"
            )


def _changeset(changeset: Changeset, got: ChangeStatus, seen: History) -> Iterator[Finding]:
    for index, consent in enumerate(changeset.consents):
        if consent.form != "written":
            yield changeset.source.finding(
                "MOC318",
                f"the consent of {consent.side} is {consent.form}; only written consent "
                "counts (2.3)",
                "consents",
                index,
                "form",
            )
    if got.status == "awaiting_consent":
        yield changeset.source.finding(
            "MOC308",
            f"{changeset.id} awaits the written consent of {', '.join(got.missing_consents)}",
            "consents",
            at_key=True,
        )
        return
    if got.last_consent is not None and changeset.effective < got.last_consent:
        yield changeset.source.finding(
            "MOC310",
            f"effective {changeset.effective}, before the last consent ({got.last_consent}): "
            "the change is retroactive",
            "effective",
        )
    if got.code == "MOC314":
        yield changeset.source.finding(
            "MOC314",
            f"{changeset.id} cannot be applied: {got.reason}",
            changeset.items_key,
            at_key=True,
        )
    elif got.code == "MOC309":
        yield changeset.source.finding(
            "MOC309",
            f"effective {changeset.effective}, before the memorandum commenced ({seen.commenced})",
            "effective",
        )
    elif got.code == "MOC307" and got.last_consent is not None and seen.ends is not None:
        late = changeset.effective < seen.ends  # only its consent comes after the end
        when = (
            f"its consent was completed {got.last_consent}"
            if late
            else f"effective {changeset.effective}"
        )
        yield changeset.source.finding(
            "MOC307",
            f"{when}, on or after the discontinuation ({seen.ends}): it is void",
            "consents" if late else "effective",
            at_key=late,
        )


def _targets(changeset: Changeset) -> Iterator[str]:
    for change in changeset.items:
        if isinstance(change, ReplaceText | RemoveText | InsertText):
            yield f"section {change.section}"
        elif isinstance(change, SetTerm):
            yield f"term {change.term}"
        elif isinstance(change, AddArea | AmendArea):
            yield f"area {change.area.id}"
        elif isinstance(change, RemoveArea):
            yield f"area {change.area}"


def _activities(records: MemorandumRecords, memo: Memorandum, seen: History) -> Iterator[Finding]:
    ends = seen.ends
    added = {
        change.area.id
        for changeset in records.changesets()
        for change in changeset.items
        if isinstance(change, AddArea)
    }
    known = {area.id for area in memo.areas} | added
    for activity in records.activities:
        if activity.end is not None and activity.end < activity.start:
            yield activity.source.finding(
                "MOC317", f"ends {activity.end}, before it starts ({activity.start})", "end"
            )
        if ends is not None and activity.start >= ends:
            yield activity.source.finding(
                "MOC312",
                f"starts {activity.start}, on or after the discontinuation ({ends})",
                "start",
            )
        if activity.start > seen.as_of:
            continue  # planned: its areas are checked against what is agreed by its start
        in_force = set(seen.text_on(activity.start).area_ids())
        for index, area in enumerate(activity.areas):
            if area not in in_force and area in known:
                yield activity.source.finding(
                    "MOC313",
                    f"area '{area}' is not an area of cooperation on {activity.start}",
                    "areas",
                    index,
                )
