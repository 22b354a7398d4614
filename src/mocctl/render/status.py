"""The rich panel of ``mocctl status`` for one memorandum: a rendering of its history."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mocctl.core import periods
from mocctl.core.history import History, NoticeStatus
from mocctl.core.notices import OutOfCalendar
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


def render(seen: History, found: list[Finding], *, today: bool = True) -> RenderableType:
    """The panel; ``today``: the as-of date is today (not given with ``--as-of``)."""
    parts: list[RenderableType] = [
        Text(f"{seen.title} ({seen.id})", style="bold"),  # in the body: never cut at any width
        Text(headline(seen), style=_STATE_STYLE[seen.state]),
        Text(""),
        _key_dates(seen, today),
    ]
    if seen.discontinuation:
        parts += [Text(""), _rules(seen.discontinuation)]
    notices = [n for n in seen.notices if n.known]
    if notices:
        parts += [Text(""), _notices(notices)]
    if seen.changes:
        parts += [Text(""), _changes(seen)]
    parts += [Text(""), _areas(seen)]
    if seen.activities:
        parts += [Text(""), _activities(seen)]
    if found:
        parts += [Text(""), _findings(found)]
    return Panel(Group(*parts), subtitle=Text(f"as of {seen.as_of}"), subtitle_align="right")


def headline(seen: History) -> str:
    """One line saying where the memorandum stands."""
    ending = seen.discontinuation
    if seen.state == "awaiting_signature":
        return f"Awaiting signature of {', '.join(seen.unsigned)}."
    if seen.state == "in_force":
        return f"In force since {seen.commenced}."
    if ending is not None and ending.dates is not None:
        dates = ending.dates
        if seen.state == "discontinuation_pending":
            days = (dates.effective - seen.as_of).days
            return (
                f"In force. Discontinuation takes effect on {dates.effective} (notice from "
                f"{ending.by} received {dates.received}); last day in force "
                f"{dates.last_day_in_force}; {plural(days, 'day')} left."
            )
        return (
            f"Discontinued on {dates.effective} (notice from {ending.by} received "
            f"{dates.received}); last day in force {dates.last_day_in_force}."
        )
    return STATE_WORDS[seen.state]


def _key_dates(seen: History, today: bool) -> Table:
    memo = seen.memorandum
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for side in memo.sides:
        signed = [s for s in memo.signatures if s.side == side.id and s.date <= seen.as_of]
        detail = f"signed {signed[0].date} by {signed[0].signatory}" if signed else "not signed yet"
        grid.add_row(f"Side {side.id}", f"{side.name} — {detail}")
    if seen.commenced:
        grid.add_row("Commenced", f"{long_date(seen.commenced)} (Paragraph 2.2: on signature)")
    grid.add_row(
        "Nature", "legally binding" if seen.legally_binding else "not legally binding (2.1)"
    )
    months = periods.parse_months(seen.notice_period)
    grid.add_row(
        "Notice",
        f"{plural(months, 'month')} ({seen.notice_period}) in writing; "
        f"dates by the {seen.rule} rule",
    )
    if seen.state == "in_force":
        label = "If notice today" if today else f"If notice {seen.as_of}"
        grid.add_row(label, _if_received(seen))
    upcoming = seen.next_event
    if upcoming:
        days = plural((upcoming.date - seen.as_of).days, "day")
        grid.add_row("Next change", f"{upcoming.date}: {upcoming.description} ({days})")
    return grid


def _if_received(seen: History) -> str:
    try:
        dates = seen.if_received(seen.as_of)
    except OutOfCalendar as error:
        return str(error)
    return (
        f"a notice received on {seen.as_of} would discontinue it from "
        f"{long_date(dates.effective)} (last day in force {dates.last_day_in_force})"
    )


def _rules(ending: NoticeStatus) -> Table:
    dates = ending.dates
    assert dates is not None
    table = Table(
        title=f"Notice {ending.id}: received {dates.received}"
        + (" (taken as the recipient's date)" if ending.receipt_assumed else ""),
        title_justify="left",
    )
    for column in ("rule", "last day of notice period", "discontinued from"):
        table.add_column(column, overflow="fold")  # ids and dates are never cut
    for name in periods.RULES:
        period = dates.rules[name]
        applies = name == dates.rule
        table.add_row(
            name + (" (applies)" if applies else ""),
            long_date(period.last_day),
            long_date(period.effective),
            style="bold" if applies else "",
        )
    if dates.requested_applies:
        table.caption = f"The notice names a later date, {dates.effective}, which applies."
    return table


def _notices(notices: list[NoticeStatus]) -> Table:
    table = Table(title="Notices", title_justify="left")
    for column in ("id", "type", "by", "received", "standing", "note"):
        table.add_column(column, overflow="fold")  # ids and dates are never cut
    for notice in notices:
        if notice.standing == "revoked":
            note = f"revoked by {notice.revoked_by}"
        elif notice.dates is not None and notice.standing in ("past", "scheduled"):
            note = f"effective {notice.dates.effective} ({notice.dates.rule})"
        else:
            note = notice.reason or (f"revokes {notice.revokes}" if notice.revokes else "")
        table.add_row(
            notice.id,
            notice.type,
            notice.by,
            str(notice.received or "—"),
            notice.standing,
            note,
        )
    return table


def _changes(seen: History) -> Table:
    table = Table(title="Modifications and decisions", title_justify="left")
    for column in ("id", "kind", "status", "effective", "note"):
        table.add_column(column, overflow="fold")  # ids and dates are never cut
    for change in seen.changes:
        note = change.reason or change.title
        table.add_row(change.id, change.kind, change.status, str(change.effective), note)
    return table


def _areas(seen: History) -> RenderableType:
    lines = [Text(f"Areas of cooperation ({len(seen.consolidated.area_ids())})", style="bold")]
    number = 0
    for area in seen.consolidated.areas:
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


def _activities(seen: History) -> Table:
    table = Table(title="Collaboration activities", title_justify="left")
    for column in ("id", "status", "start", "last day", "on discontinuation"):
        table.add_column(column, overflow="fold")  # ids and dates are never cut
    for activity in seen.activities:
        if activity.ended_by:
            fate = f"ends {activity.end} (decided: {activity.ended_by})"
        elif activity.status == "ended":
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
