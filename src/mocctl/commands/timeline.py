"""``mocctl timeline``: every dated event and effect of the whole record, past and scheduled.

The history rendered is the whole record's (SPEC §3.1: events after T are shown by timeline);
T only splits what is past from what is scheduled.
"""

from __future__ import annotations

from typing import Any

from mocctl.commands.common import exit_code, open_workspace, report_findings, select
from mocctl.render.output import console, write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    fmt = settings.output_format(("text", "json"))
    space = open_workspace(settings)
    as_of = settings.today
    chosen = select(space.loaded, memorandum_id)
    if fmt == "json":
        from mocctl.render.history_json import event_json

        data: list[dict[str, Any]] = [
            {
                "id": records.id,
                "as_of": as_of,
                "events": [
                    {**event_json(e, as_of), "when": _when(e.date, as_of)}
                    for e in space.history(records).events
                ],
                "findings": [f.to_json() for f in space.findings_of(records)],
            }
            for records in chosen
        ]
        write_json(data[0] if memorandum_id or len(data) == 1 else data)
    else:
        from mocctl.render import timeline

        out = console(settings)
        for records in chosen:
            out.print(timeline.render(space.history(records), as_of, out.width))
        report_findings(space.findings)
    return exit_code(space.findings)


def _when(day: Any, as_of: Any) -> str:
    """``past``, ``today`` or ``scheduled`` relative to the as-of date (by date alone)."""
    if day < as_of:
        return "past"
    return "today" if day == as_of else "scheduled"
