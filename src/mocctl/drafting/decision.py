"""``draft decision``: a joint decision of the Sides (Paragraphs 2.1 and 2.4) and its record.

It may end collaboration activities (2.4, "unless otherwise decided by the Sides") and identify
new areas of cooperation (2.1); the areas it adds to are those that will be in force on its
effective date, from the one history of the memorandum.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core.history import history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.drafting.context import default_id, memorandum_context, new_id
from mocctl.drafting.draft import Draft, check_applies, finish
from mocctl.drafting.errors import DraftError
from mocctl.drafting.requests import DecisionRequest
from mocctl.drafting.templates import Templates


def decision(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: DecisionRequest,
    prefix: str = "",
) -> Draft:
    """A joint decision of the Sides (Paragraphs 2.1 and 2.4) and its record."""
    if request.effective is None:
        raise DraftError(
            "is required: the date from which the decision has effect", field="effective"
        )
    if not (request.end_activities or request.add_areas):
        raise DraftError("nothing to decide", hint="give {end_activity} or {add_area}")
    effective = request.effective
    activities = {a.id: a for a in records.activities}
    ends = []
    for activity_id, end in request.end_activities:
        if activity_id not in activities:
            raise DraftError(
                f"no activity '{activity_id}' in the records of {records.id}",
                field="end_activity",
                value=activity_id,
                hint="activities: " + (", ".join(activities) or "none"),
            )
        activity = activities[activity_id]
        if end < activity.start:
            raise DraftError(
                f"the activity starts on {activity.start}",
                field="end_activity",
                value=f"{activity_id}={end}",
            )
        ends.append(
            {
                "activity": {
                    "id": activity.id,
                    "title": activity.title,
                    "start": activity.start,
                    "end": activity.end,
                },
                "end": end,
            }
        )
    before = history(records, as_of).text_on(effective)
    live = [a for a in before.areas if a.removed is None]
    for area in request.add_areas:
        if any(a.id == area["id"] for a in live):
            raise DraftError(
                f"already an area of cooperation on {effective}",
                field="add_area",
                value=area["id"],
                hint="choose another id for the new area",
            )
    title = request.title or _title(ends, request.add_areas)
    record_id = new_id(
        records, request.record_id or default_id("decision", request.title, effective)
    )
    context = {
        "memorandum": memorandum_context(records, as_of),
        "as_of": as_of,
        "draft": {
            "id": record_id,
            "title": title,
            "effective": effective,
            "end_activities": ends,
            "add_areas": request.add_areas,
            "areas_before": len(live),
        },
    }
    notes = []
    if effective < as_of:
        notes.append(f"the effective date {effective} is before the as-of date ({as_of})")
    draft = finish(
        "decision",
        record_id,
        records,
        templates,
        context,
        f"{prefix}{record_id}.yaml",
        notes=notes,
        dates={"effective": effective},
    )
    if request.add_areas:
        check_applies(records, draft, as_of)
    return draft


def _title(ends: list[dict[str, Any]], areas: list[dict[str, str]]) -> str:
    if ends and not areas:
        return "Arrangements for collaboration activities"
    if areas and not ends:
        return " and ".join(a["title"] for a in areas) + " as a new area of cooperation"
    return "Decision of the Sides on collaboration activities and areas of cooperation"
