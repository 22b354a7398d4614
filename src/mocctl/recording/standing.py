"""What a recorded change did to the memorandum's standing, in words and as JSON.

Both sides come from the one history (``core.history``): the standing before the change and
after it, on the same date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core.history import History, NoticeStatus

__all__ = ["describe", "differences", "standing_json"]

_STATES = {
    "draft": "draft (no Side has signed)",
    "awaiting_signature": "awaiting signature",
    "in_force": "in force",
    "discontinuation_pending": "discontinuation pending",
    "discontinued": "discontinued",
}


def _rules(notice: NoticeStatus) -> str:
    dates = notice.dates
    assert dates is not None
    others = ", ".join(
        f"{name} {period.effective}" for name, period in dates.rules.items() if name != dates.rule
    )
    return f"{dates.rule}; last day in force {notice.last_day_in_force}; {others}"


def describe(seen: History) -> str:
    """One line: ``discontinuation pending with effect from 2027-04-11 (safe-harbour; …)``."""
    state = seen.state
    if state in ("discontinuation_pending", "discontinued") and seen.discontinuation:
        notice = seen.discontinuation
        return f"{_STATES[state]} with effect from {notice.effective} ({_rules(notice)})"
    if state == "in_force":
        term = seen.term
        if seen.expiry is not None and term is not None:
            return (
                f"in force since {seen.commenced}, in term {term.number} "
                f"({term.first_day} to {term.last_day}); expires on {seen.expiry}"
            )
        if term is not None and term.renews:
            return (
                f"in force since {seen.commenced}, in term {term.number} "
                f"({term.first_day} to {term.last_day}); renews on {term.next_first_day}"
            )
        return f"in force since {seen.commenced}"
    if state == "awaiting_signature":
        return (
            f"awaiting signature (signed by {', '.join(seen.signed_by)}; "
            f"not yet by {', '.join(seen.unsigned)})"
        )
    return _STATES.get(state, state)


def _statuses(seen: History) -> dict[str, str]:
    found = {f"{c.kind.lower()} {c.id}": c.status for c in seen.changes}
    found.update({f"activity {a.id}": a.status for a in seen.activities})
    found.update({f"notice {n.id}": n.standing for n in seen.notices if n.known})
    return found


def differences(before: History, after: History) -> list[str]:
    """The lines that say what changed: the standing, then each record whose status moved."""
    lines = []
    was, now = describe(before), describe(after)
    if was != now:
        lines.append(f"was: {was}")
        lines.append(f"now: {now}")
    else:
        lines.append(f"unchanged: {now}")
    old, new = _statuses(before), _statuses(after)
    for name, status in new.items():
        if old.get(name) != status:
            lines.append(f"{name}: {old.get(name, '(none)')} → {status}")
    return lines


def _one(seen: History) -> dict[str, Any]:
    data: dict[str, Any] = {"state": seen.state, "commenced": _iso(seen.commenced)}
    notice = seen.discontinuation
    if notice is not None and notice.dates is not None:
        data["discontinuation"] = {
            "notice": notice.id,
            "by": notice.by,
            "received": _iso(notice.received),
            "rule": notice.rule,
            "last_day_in_force": _iso(notice.last_day_in_force),
            "effective": _iso(notice.effective),
            "rules": {
                name: {"last_day": p.last_day.isoformat(), "effective": p.effective.isoformat()}
                for name, p in notice.dates.rules.items()
            },
        }
    else:
        data["discontinuation"] = None
    data["expires"] = _iso(seen.expiry)
    data["records"] = _statuses(seen)
    return data


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def standing_json(before: History, after: History) -> dict[str, Any]:
    """``{"as_of", "before": {...}, "after": {...}, "changed": [...]}``."""
    return {
        "as_of": after.as_of.isoformat(),
        "before": _one(before),
        "after": _one(after),
        "changed": differences(before, after),
    }
