"""``mocctl status``: where each memorandum stands on a date."""

from __future__ import annotations

from typing import Any

from mocctl.commands.common import findings_of, load_checked, select
from mocctl.core.lifecycle import Discontinuation, Standing, standing
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import EXIT_FINDINGS, EXIT_OK
from mocctl.findings import Finding, Severity
from mocctl.render.output import console, write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    fmt = settings.output_format(("text", "json"))
    loaded = load_checked(settings)
    chosen = select(loaded, memorandum_id)
    as_of = settings.today
    views = [
        (records, standing(records, as_of), findings_of(loaded, records)) for records in chosen
    ]
    if fmt == "json":
        data = [to_json(view, found) for _, view, found in views]
        write_json(data[0] if memorandum_id or len(data) == 1 else data)
    elif len(views) == 1:
        _show_one(settings, *views[0])
    else:
        _show_table(settings, views)
    orphans = [f for f in loaded.findings if not any(f in found for _, _, found in views)]
    if orphans and fmt == "text":
        _show_findings(settings, orphans)
    errors = any(f.severity is Severity.ERROR for f in loaded.findings)
    return EXIT_FINDINGS if errors or not views else EXIT_OK


def to_json(view: Standing, found: list[Finding]) -> dict[str, Any]:
    """The contract JSON of SPEC §4 (more keys may be added, none removed)."""
    return {
        "id": view.id,
        "title": view.title,
        "as_of": view.as_of,
        "state": view.state,
        "commenced": view.commenced,
        "legally_binding": view.legally_binding,
        "notice_period": view.notice_period,
        "rule": view.rule,
        "discontinuation": _discontinuation_json(view.discontinuation),
        "modifications": [_change_json(c) for c in view.changes if c.kind == "Modification"],
        "decisions": [_change_json(c) for c in view.changes if c.kind == "Decision"],
        "areas": list(view.consolidated.area_ids()),
        "activities": [
            {"id": a.id, "status": a.status, "start": a.start, "end": a.end}
            for a in view.activities
        ],
        "signed_by": list(view.signed_by),
        "awaiting_signature_of": list(view.unsigned),
        "next_event": (
            {
                "date": view.next_event[0],
                "event": view.next_event[1],
                "days": (view.next_event[0] - view.as_of).days,
            }
            if view.next_event
            else None
        ),
        "findings": [f.to_json() for f in found],
    }


def _change_json(change: Any) -> dict[str, Any]:
    data = {"id": change.id, "status": change.status, "effective": change.effective}
    if change.missing_consents:
        data["awaiting_consent_of"] = list(change.missing_consents)
    if change.reason:
        data["reason"] = change.reason
    return data


def _discontinuation_json(ending: Discontinuation | None) -> dict[str, Any] | None:
    if ending is None:
        return None
    return {
        "notice": ending.notice,
        "by": ending.by,
        "received": ending.received,
        "receipt_assumed": ending.receipt_assumed,
        "rule": ending.rule,
        "notice_period": ending.notice_period,
        "last_day_in_force": ending.last_day_in_force,
        "effective": ending.effective,
        "requested_effective": ending.requested_effective,
        "rules": {
            name: {"last_day": p.last_day, "effective": p.effective}
            for name, p in ending.rules.items()
        },
    }


def _show_one(
    settings: Settings, records: MemorandumRecords, view: Standing, found: list[Finding]
) -> None:
    from mocctl.render.status import render

    console(settings).print(render(view, records, found))


def _show_table(
    settings: Settings, views: list[tuple[MemorandumRecords, Standing, list[Finding]]]
) -> None:
    from rich.table import Table

    table = Table(title=f"Memoranda as of {views[0][1].as_of}", title_justify="left")
    for column in ("id", "state", "commenced", "notice", "next change", "findings"):
        table.add_column(column)
    for _, view, found in views:
        upcoming = f"{view.next_event[0]} {view.next_event[1]}" if view.next_event else "—"
        table.add_row(
            view.id,
            view.state,
            str(view.commenced or "—"),
            f"{view.notice_period} {view.rule}",
            upcoming,
            str(len(found)),
        )
    console(settings).print(table)


def _show_findings(settings: Settings, findings: list[Finding]) -> None:
    out = console(settings)
    for f in findings:
        out.print(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}")
