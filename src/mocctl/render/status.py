"""The rich panel of ``mocctl status`` for one memorandum."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mocctl.core import periods
from mocctl.core.lifecycle import Standing
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.render.output import long_date, plural

STATE_WORDS = {
    "draft": "Draft: not yet signed by any Side.",
    "awaiting_signature": "Awaiting signature",
    "in_force": "In force",
    "discontinuation_pending": "In force, discontinuation pending",
    "discontinued": "Discontinued",
}


_STATE_STYLE = {
    "draft": "yellow",
    "awaiting_signature": "yellow",
    "in_force": "green",
    "discontinuation_pending": "bold yellow",
    "discontinued": "red",
}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(view: Standing, records: MemorandumRecords, found: list[Finding]) -> RenderableType:
    parts: list[RenderableType] = [
        Text(headline(view), style=_STATE_STYLE[view.state]),
        Text(""),
        _key_dates(view, records),
    ]
    if view.discontinuation:
        parts += [Text(""), _rules(view)]
    if view.changes:
        parts += [Text(""), _changes(view)]
    parts += [Text(""), _areas(view)]
    if view.activities:
        parts += [Text(""), _activities(view)]
    if found:
        parts += [Text(""), _findings(found)]
    return Panel(
        Group(*parts),
        title=Text(f"{view.title} ({view.id})"),
        title_align="left",
        subtitle=Text(f"as of {view.as_of}"),
        subtitle_align="right",
    )


def headline(view: Standing) -> str:
    """One line saying where the memorandum stands."""
    ending = view.discontinuation
    if view.state == "awaiting_signature":
        return f"Awaiting signature of {', '.join(view.unsigned)}."
    if view.state == "in_force":
        return f"In force since {view.commenced}."
    if view.state == "discontinuation_pending" and ending:
        days = (ending.effective - view.as_of).days
        return (
            f"In force. Discontinuation takes effect on {ending.effective} (notice from "
            f"{ending.by} received {ending.received}); {plural(days, 'day')} left."
        )
    if view.state == "discontinued" and ending:
        return (
            f"Discontinued on {ending.effective} (notice from {ending.by} received "
            f"{ending.received}); last day in force {ending.last_day_in_force}."
        )
    return STATE_WORDS[view.state]


def _key_dates(view: Standing, records: MemorandumRecords) -> Table:
    memo = records.memorandum
    assert memo is not None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    names = {side.id: side.name for side in memo.sides}
    for side in memo.sides:
        signed = [s for s in memo.signatures if s.side == side.id and s.date <= view.as_of]
        detail = f"signed {signed[0].date} by {signed[0].signatory}" if signed else "not signed yet"
        grid.add_row(f"Side {side.id}", f"{names[side.id]} — {detail}")
    if view.commenced:
        grid.add_row("Commenced", f"{long_date(view.commenced)} (Paragraph 2.2: on signature)")
    binding = "legally binding" if view.legally_binding else "not legally binding (2.1)"
    grid.add_row("Nature", binding)
    months = periods.parse_months(view.notice_period)
    grid.add_row(
        "Notice",
        f"{plural(months, 'month')} ({view.notice_period}) in writing; "
        f"dates by the {view.rule} rule",
    )
    if view.state == "in_force":
        ask = _if_notice_today(view, records)
        grid.add_row("If notice today", ask)
    if view.next_event:
        day, event = view.next_event
        grid.add_row("Next change", f"{day}: {event} ({plural((day - view.as_of).days, 'day')})")
    return grid


def _if_notice_today(view: Standing, records: MemorandumRecords) -> str:
    memo = records.memorandum
    assert memo is not None
    months = periods.parse_months(view.notice_period)
    dates = periods.effective(
        view.rule,
        view.as_of,
        months,
        [s.jurisdiction for s in memo.sides],
        [s.timezone for s in memo.sides],
        memo.sides[0].timezone,
    )
    return (
        f"a notice received on {view.as_of} would discontinue it from "
        f"{long_date(dates.effective)} (last day in force {dates.last_day})"
    )


def _rules(view: Standing) -> Table:
    ending = view.discontinuation
    assert ending is not None
    table = Table(
        title=f"Notice {ending.notice}: received {ending.received}"
        + (" (taken as the recipient's date)" if ending.receipt_assumed else ""),
        title_justify="left",
    )
    for column in ("rule", "last day of notice period", "discontinued from"):
        table.add_column(column)
    for name in periods.RULES:
        period = ending.rules[name]
        style = "bold" if name == ending.rule else ""
        table.add_row(
            name + (" (applies)" if name == ending.rule else ""),
            long_date(period.last_day),
            long_date(period.effective),
            style=style,
        )
    if ending.requested_effective and ending.requested_effective == ending.effective:
        table.caption = f"The notice names a later date, {ending.effective}, which applies."
    return table


def _changes(view: Standing) -> Table:
    table = Table(title="Modifications and decisions", title_justify="left")
    for column in ("id", "kind", "status", "effective", "note"):
        table.add_column(column)
    for change in view.changes:
        note = change.reason or (
            f"awaiting consent of {', '.join(change.missing_consents)}"
            if change.missing_consents
            else change.title
        )
        table.add_row(change.id, change.kind, change.status, str(change.effective), note)
    return table


def _areas(view: Standing) -> RenderableType:
    lines = [Text(f"Areas of cooperation ({len(view.consolidated.area_ids())})", style="bold")]
    number = 0
    for area in view.consolidated.areas:
        if area.removed:
            continue
        number += 1
        label = Text(f"  {number}. {area.title}")
        if area.changes:
            made = area.changes[-1]
            label.append(
                f"  [{made.op.replace('_', ' ')} by {made.record}, {made.effective}]", style="dim"
            )
        lines.append(label)
    return Group(*lines)


def _activities(view: Standing) -> Table:
    table = Table(title="Collaboration activities", title_justify="left")
    for column in ("id", "status", "start", "end", "on discontinuation"):
        table.add_column(column)
    for activity in view.activities:
        if activity.ended_by:
            fate = f"ends {activity.end} (decided: {activity.ended_by})"
        elif activity.status in ("ended",):
            fate = "—"
        else:
            fate = "continues (2.4)"
        table.add_row(
            activity.id, activity.status, str(activity.start), str(activity.end or "—"), fate
        )
    return table


def _findings(found: list[Finding]) -> RenderableType:
    lines = [Text(f"Findings ({len(found)})", style="bold")]
    for f in found:
        line = Text(f"  {f.file}:{f.line}:{f.column}: ")
        line.append(f"{f.severity.value} {f.code}", style=_SEVERITY_STYLE[f.severity.value])
        line.append(f" {f.message}")
        lines.append(line)
    return Group(*lines)
