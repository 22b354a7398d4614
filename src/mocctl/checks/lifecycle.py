"""Findings about a memorandum's whole history (MOC3xx, and record rules across kinds). Pure.

These look at every record whatever the as-of date: ``validate`` checks the records, not a day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from mocctl.core import periods
from mocctl.core.consolidation import Changeset
from mocctl.core.lifecycle import (
    FAR_FUTURE,
    commencement,
    consent_state,
    consolidated_on,
    discontinuation_for,
    effective_discontinuation,
    receipt_date,
    recipients,
)
from mocctl.core.memoranda import MemorandumRecords
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
    SetTerm,
)

_TERM_VALUES = {
    "discontinuation.rule": periods.RULES,
    "discontinuation.notice_form": ("written",),
}


def check(records: MemorandumRecords) -> list[Finding]:
    """Every lifecycle finding about ``records``."""
    memo = records.memorandum
    if memo is None:
        return []
    findings = list(_notices(records, memo))
    findings += _changesets(records, memo)
    findings += _activities(records, memo)
    return findings


def _notices(records: MemorandumRecords, memo: Memorandum) -> Iterator[Finding]:
    start = commencement(memo)
    sides = {side.id for side in memo.sides}
    ending = effective_discontinuation(records, FAR_FUTURE)
    by_id = {notice.id: notice for notice in records.notices}
    for notice in records.notices:
        source = notice.source
        if notice.form != "written":
            yield source.finding(
                "MOC302",
                f"notice {notice.id} is {notice.form}, not written: "
                "it has no effect (Paragraph 2.2)",
                "form",
            )
        day, assumed, used_dated = receipt_date(notice, memo)
        if used_dated:
            yield source.finding(
                "MOC316",
                f"notice {notice.id} has no 'received'; its letter "
                f"date {notice.dated} is used as the receipt date",
                "dated",
                hint="record when the other Side received it",
            )
        elif assumed:
            yield source.finding(
                "MOC315",
                f"received {day} is taken as the calendar date where the recipient received it",
                "received",
                hint="give an instant with offset to be exact",
            )
        if (
            notice.received is not None
            and max(periods.receipt_dates(notice.received, [s.timezone for s in memo.sides]))
            < notice.dated
        ):
            yield source.finding(
                "MOC303", f"received ({day}) before the letter's date ({notice.dated})", "received"
            )
        to = recipients(notice, memo)
        if notice.by in to:
            yield source.finding(
                "MOC304", f"notice by {notice.by} is addressed to {notice.by} itself", "to"
            )
        if notice.to is None and len(memo.sides) > 2 and notice.by in sides:
            yield source.finding(
                "MOC304",
                "with more than two Sides, name the recipients in 'to'",
                "by",
                severity=Severity.WARNING,
            )
        if notice.type == "revocation":
            yield from _revocation(notice, by_id, records, memo)
            continue
        if notice.revokes is not None:
            yield source.finding(
                "MOC107",
                "'revokes' belongs to a revocation, not to a discontinuation notice",
                "revokes",
            )
        if start is None or day < start:
            yield source.finding(
                "MOC301",
                f"notice received {day}, before the memorandum "
                f"commenced ({start or 'not yet signed by every Side'})",
                "received" if notice.received else "dated",
            )
            continue
        if notice.form != "written" or notice.by not in sides:
            continue
        dates = discontinuation_for(notice, records, FAR_FUTURE)
        if (
            notice.requested_effective
            and notice.requested_effective < dates.rules[dates.rule].effective
        ):
            yield source.finding(
                "MOC305",
                f"requested {notice.requested_effective}, but under the "
                f"{dates.rule} rule the {dates.notice_period} period allows discontinuation "
                f"from {dates.effective} at the earliest; that date applies",
                "requested_effective",
            )
        if ending is not None and ending.notice != notice.id and day >= ending.effective:
            yield source.finding(
                "MOC307",
                f"notice received {day}, after the memorandum was "
                f"discontinued on {ending.effective}",
                "received",
            )


def _revocation(
    notice: Notice, by_id: dict[str, Notice], records: MemorandumRecords, memo: Memorandum
) -> Iterator[Finding]:
    source = notice.source
    if notice.revokes is None:
        yield source.finding(
            "MOC104", "a revocation needs 'revokes': the id of the notice it revokes", "type"
        )
        return
    revoked = by_id.get(notice.revokes)
    if revoked is None:
        return  # MOC208, reported by the reference checks
    if revoked.type != "discontinuation" or revoked.form != "written":
        yield source.finding(
            "MOC319", f"{revoked.id} is not a written discontinuation notice", "revokes"
        )
        return
    earlier = [
        other.id
        for other in by_id.values()
        if other.type == "revocation"
        and other.revokes == revoked.id
        and other.id < notice.id
        and receipt_date(other, memo)[0] <= receipt_date(notice, memo)[0]
    ]
    if earlier:
        yield source.finding(
            "MOC319", f"{revoked.id} was already revoked by {earlier[0]}", "revokes"
        )
        return
    if revoked.by != notice.by:
        yield source.finding(
            "MOC304", f"{revoked.id} was given by {revoked.by}; only that Side can revoke it", "by"
        )
    start = commencement(memo)
    revoked_day, _, _ = receipt_date(revoked, memo)
    if start is None or revoked_day < start:
        return
    dates = discontinuation_for(revoked, records, FAR_FUTURE)
    day, _, _ = receipt_date(notice, memo)
    if day >= dates.effective:
        yield source.finding(
            "MOC306",
            f"revocation received {day}, on or after the "
            f"discontinuation took effect ({dates.effective}): it has no effect",
            "received" if notice.received else "dated",
        )


def _changesets(records: MemorandumRecords, memo: Memorandum) -> Iterator[Finding]:
    start = commencement(memo)
    ending = effective_discontinuation(records, FAR_FUTURE)
    touched: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for changeset in records.changesets():
        source = changeset.source
        for index, consent in enumerate(changeset.consents):
            if consent.form != "written":
                yield source.finding(
                    "MOC318",
                    f"the consent of {consent.side} is "
                    f"{consent.form}; only written consent counts (2.3)",
                    "consents",
                    index,
                    "form",
                )
        last, missing = consent_state(changeset, memo, FAR_FUTURE)
        if missing:
            yield source.finding(
                "MOC308",
                f"{changeset.id} awaits the written consent of {', '.join(missing)}",
                "consents",
                at_key=True,
            )
        if start is not None and changeset.effective < start:
            yield source.finding(
                "MOC309",
                f"effective {changeset.effective}, before the memorandum commenced ({start})",
                "effective",
            )
        if last is not None and not missing and changeset.effective < last:
            yield source.finding(
                "MOC310",
                f"effective {changeset.effective}, before the last "
                f"consent ({last}): the change is retroactive",
                "effective",
            )
        if ending is not None and changeset.effective >= ending.effective:
            yield source.finding(
                "MOC307",
                f"effective {changeset.effective}, on or after the "
                f"discontinuation ({ending.effective}): it is void",
                "effective",
            )
        for target in _targets(changeset):
            touched[(changeset.effective, target)].append(changeset.id)
        yield from _term_values(changeset)
        after = consolidated_on(records, changeset.effective, FAR_FUTURE)
        if changeset.id in after.void:
            key = changeset.items_key
            yield source.finding(
                "MOC314",
                f"{changeset.id} cannot be applied: {after.void[changeset.id]}",
                key,
                at_key=True,
            )
    for (day, target), ids in sorted(touched.items()):
        if len(set(ids)) > 1:
            first, *others = sorted(set(ids))
            for other in others:
                record = _record(records, other)
                yield record.source.finding(
                    "MOC311", f"{other} and {first} both change {target} on {day}", "effective"
                )


def _targets(changeset: Changeset) -> Iterator[str]:
    items = changeset.items
    for change in items:
        if isinstance(change, (ReplaceText | RemoveText, InsertText)):
            yield f"section {change.section}"
        elif isinstance(change, SetTerm):
            yield f"term {change.term}"
        elif isinstance(change, AddArea | AmendArea):
            yield f"area {change.area.id}"
        elif isinstance(change, RemoveArea):
            yield f"area {change.area}"


def _term_values(changeset: Changeset) -> Iterator[Finding]:
    items = changeset.items
    for index, change in enumerate(items):
        if not isinstance(change, SetTerm):
            continue
        key = changeset.items_key
        if change.term == "discontinuation.notice_period":
            try:
                periods.parse_months(change.value)
            except ValueError:
                yield changeset.source.finding(
                    "MOC107",
                    f"'{change.value}' is not a notice period such as P3M or P1Y",
                    key,
                    index,
                    "value",
                )
        elif change.value not in _TERM_VALUES[change.term]:
            yield changeset.source.finding(
                "MOC107",
                f"'{change.value}' is not a value of {change.term}; expected one of "
                + ", ".join(_TERM_VALUES[change.term]),
                key,
                index,
                "value",
            )


def _activities(records: MemorandumRecords, memo: Memorandum) -> Iterator[Finding]:
    ending = effective_discontinuation(records, FAR_FUTURE)
    for activity in records.activities:
        source = activity.source
        if activity.end is not None and activity.end < activity.start:
            yield source.finding(
                "MOC317", f"ends {activity.end}, before it starts ({activity.start})", "end"
            )
        if ending is not None and activity.start >= ending.effective:
            yield source.finding(
                "MOC312",
                f"starts {activity.start}, on or after the discontinuation ({ending.effective})",
                "start",
            )
        in_force = set(consolidated_on(records, activity.start, FAR_FUTURE).area_ids())
        all_areas = {a.id for a in memo.areas}
        for index, area in enumerate(activity.areas):
            if area not in in_force and (area in all_areas or _added_anywhere(records, area)):
                yield source.finding(
                    "MOC313",
                    f"area '{area}' is not an area of cooperation on {activity.start}",
                    "areas",
                    index,
                )


def _added_anywhere(records: MemorandumRecords, area: str) -> bool:
    for changeset in records.changesets():
        items = changeset.items
        if any(isinstance(c, AddArea) and c.area.id == area for c in items):
            return True
    return False


def _record(records: MemorandumRecords, record_id: str) -> Changeset:
    for changeset in records.changesets():
        if changeset.id == record_id:
            return changeset
    raise KeyError(record_id)
