"""A history as JSON: the contract objects of SPEC §4 (more keys may be added, none removed).

``status``, ``timeline`` and the coming ``calendar`` and ``report`` use these, so a notice or an
event has one JSON form everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core.events import Event
from mocctl.core.history import ActivityStatus, ChangeStatus, History, NoticeStatus
from mocctl.core.notices import NoticeDates
from mocctl.core.terms import Term
from mocctl.findings import Finding


def status_json(seen: History, found: list[Finding]) -> dict[str, Any]:
    """``status --format json`` for one memorandum."""
    upcoming = seen.next_event
    return {
        "id": seen.id,
        "title": seen.title,
        "as_of": seen.as_of,
        "state": seen.state,
        "commenced": seen.commenced,
        "legally_binding": seen.legally_binding,
        "notice_period": seen.notice_period,
        "rule": seen.rule,
        "discontinuation": discontinuation_json(seen.discontinuation),
        "term": term_json(seen.term),
        "expires": seen.expiry,
        "modifications": [change_json(c) for c in seen.changes if c.kind == "Modification"],
        "decisions": [change_json(c) for c in seen.changes if c.kind == "Decision"],
        "notices": [notice_json(n) for n in seen.notices if n.known],
        "areas": list(seen.consolidated.area_ids()),
        "activities": [activity_json(a) for a in seen.activities],
        "signed_by": list(seen.signed_by),
        "awaiting_signature_of": list(seen.unsigned),
        "next_event": (
            {
                **event_json(upcoming, seen.as_of),
                "event": upcoming.description,
                "days": (upcoming.date - seen.as_of).days,
            }
            if upcoming
            else None
        ),
        "findings": [f.to_json() for f in found],
    }


def term_json(term: Term | None) -> dict[str, Any] | None:
    """The term ``as_of`` falls in, of a fixed-term memorandum (issue 14; additive keys)."""
    if term is None:
        return None
    choice = term.opt_out
    return {
        "number": term.number,
        "first_day": term.first_day,
        "last_day": term.last_day,
        "length": term.length,
        "rule": term.rule,
        "last_days": dict(term.last_days),
        "at_end": "renews" if term.renews else "expires",
        "next_term_begins": term.next_first_day if term.renews else None,
        "expires": None if term.renews else term.next_first_day,
        "ended_by": term.ended_by,
        "non_renewal": (
            {
                "notice_period": choice.notice_period,
                "rule": choice.rule,
                "last_day_to_receive": choice.deadline,
                "rules": dict(choice.latest),
            }
            if choice is not None
            else None
        ),
    }


def rules_json(dates: NoticeDates) -> dict[str, dict[str, dt.date]]:
    return {
        name: {"last_day": period.last_day, "effective": period.effective}
        for name, period in dates.rules.items()
    }


def discontinuation_json(notice: NoticeStatus | None) -> dict[str, Any] | None:
    """The governing discontinuation (contract keys: notice, by, received, rule,
    last_day_in_force, effective, rules)."""
    if notice is None or notice.dates is None:
        return None
    dates = notice.dates
    return {
        "notice": notice.id,
        "by": notice.by,
        "to": list(notice.to),
        "received": dates.received,
        "receipt_assumed": notice.receipt_assumed,
        "effect": notice.effect,
        "rule": dates.rule,
        "notice_period": dates.notice_period,
        "last_day": dates.last_day,
        "last_day_in_force": dates.last_day_in_force,
        "effective": dates.effective,
        "requested_effective": dates.requested_effective,
        "rules": rules_json(dates),
    }


def notice_json(notice: NoticeStatus) -> dict[str, Any]:
    """A notice or revocation: id, type, by, to, received, standing, and its dates."""
    data: dict[str, Any] = {
        "id": notice.id,
        "type": notice.type,
        "by": notice.by,
        "to": list(notice.to),
        "received": notice.received,
        "standing": notice.standing,
    }
    if notice.revokes:
        data["revokes"] = notice.revokes
    if notice.revoked_by:
        data["revoked_by"] = notice.revoked_by
    if notice.reason:
        data["reason"] = notice.reason
    if notice.ends_term is not None:
        data["ends_term"] = notice.ends_term
    if notice.needed_by is not None:
        data["needed_by"] = notice.needed_by
    if notice.dates is not None:
        data.update(
            effect=notice.effect,
            rule=notice.dates.rule,
            notice_period=notice.dates.notice_period,
            last_day=notice.dates.last_day,
            last_day_in_force=notice.dates.last_day_in_force,
            effective=notice.dates.effective,
        )
    return data


def change_json(change: ChangeStatus) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": change.id,
        "status": change.status,
        "effective": change.effective,
    }
    if change.missing_consents:
        data["awaiting_consent_of"] = list(change.missing_consents)
    if change.reason:
        data["reason"] = change.reason
    return data


def activity_json(activity: ActivityStatus) -> dict[str, Any]:
    """An activity; ``end`` is its last day (planned, or decided: ``ended_by``)."""
    data: dict[str, Any] = {
        "id": activity.id,
        "status": activity.status,
        "start": activity.start,
        "end": activity.end,
    }
    if activity.ended_by:
        data["ended_by"] = activity.ended_by
    return data


def event_json(event: Event, as_of: dt.date) -> dict[str, Any]:
    return {
        "date": event.date,
        "kind": event.kind,
        "record": event.record,
        "description": event.description,
        "standing": event.standing(as_of),
    }
