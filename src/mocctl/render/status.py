"""The rich panel of ``mocctl status`` for one memorandum: a rendering of its history."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mocctl.core import periods
from mocctl.core.history import History, NoticeStatus
from mocctl.core.notices import OutOfCalendar
from mocctl.core.terms import Term
from mocctl.findings import Finding
from mocctl.render.output import column_widths, iso_with_weekday, long_date, plural, table_width

STATE_WORDS = {
    "draft": "Draft: not yet signed by any Side.",
    "awaiting_signature": "Awaiting signature",
    "in_force": "In force",
    "discontinuation_pending": "In force, discontinuation pending",
    "discontinued": "Discontinued",
    "expired": "Expired",
}
_STATE_STYLE = {
    "draft": "yellow",
    "awaiting_signature": "yellow",
    "in_force": "green",
    "discontinuation_pending": "bold yellow",
    "discontinued": "red",
    "expired": "red",
}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(
    seen: History, found: list[Finding], *, today: bool = True, width: int = 100
) -> RenderableType:
    """The panel, for a terminal ``width`` columns wide; ``today``: the as-of date is today
    (not given with ``--as-of``)."""
    parts: list[RenderableType] = [
        Text(f"{seen.title} ({seen.id})", style="bold"),  # in the body: never cut at any width
        Text(headline(seen), style=_STATE_STYLE[seen.state]),
        Text(""),
        _key_dates(seen, today),
    ]
    if seen.discontinuation:
        parts += [Text(""), _rules(seen.discontinuation, width)]
    elif seen.term is not None and seen.state == "in_force":
        parts += [Text(""), _term_rules(seen.term, width)]
    notices = [n for n in seen.notices if n.known]
    if notices:
        parts += [Text(""), _notices(notices, width)]
    if seen.changes:
        parts += [Text(""), _changes(seen, width)]
    parts += [Text(""), _areas(seen)]
    if seen.activities:
        parts += [Text(""), _activities(seen, width)]
    if found:
        parts += [Text(""), _findings(found)]
    return Panel(Group(*parts), subtitle=Text(f"as of {seen.as_of}"), subtitle_align="right")


def headline(seen: History) -> str:
    """One line saying where the memorandum stands."""
    ending = seen.discontinuation
    if seen.state == "awaiting_signature":
        return f"Awaiting signature of {', '.join(seen.unsigned)}."
    term = seen.term
    if seen.state == "expired" and term is not None:
        why = f"notice of non-renewal {term.ended_by}" if term.ended_by else "no renewal"
        return (
            f"Expired on {term.next_first_day}: term {term.number} ended on {term.last_day} "
            f"({why}). Activities ongoing then continue (2.4)."
        )
    if seen.state == "in_force" and term is not None:
        return f"In force since {seen.commenced}; in {_term_words(term)}."
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
    if seen.term is not None and seen.state == "in_force":
        grid.add_row("Term", _term_line(seen.term))
        if seen.term.opt_out is not None and seen.term.ended_by is None:
            choice = seen.term.opt_out
            days = plural((choice.deadline - seen.as_of).days, "day")
            grid.add_row(
                "Non-renewal",
                f"a notice of non-renewal must be received by {long_date(choice.deadline)} "
                f"({choice.notice_period} before the end of the term; {choice.rule}"
                + (f"; {days} left)" if choice.deadline >= seen.as_of else "; passed)"),
            )
    upcoming = seen.next_event
    if upcoming:
        days = plural((upcoming.date - seen.as_of).days, "day")
        grid.add_row("Next change", f"{upcoming.date}: {upcoming.description} ({days})")
    return grid


def _term_words(term: Term) -> str:
    return "its first term" if term.number == 1 else f"its {_ordinal(term.number)} term"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _term_line(term: Term) -> str:
    line = f"term {term.number} ({term.length}): {term.first_day} to {term.last_day}; "
    if term.renews:
        return line + f"renews on {term.next_first_day}"
    why = f" (notice of non-renewal {term.ended_by})" if term.ended_by else " (no renewal)"
    return line + f"expires on {term.next_first_day}{why}"


def _term_rules(term: Term, width: int) -> RenderableType:
    choice = term.opt_out
    rows = [
        (
            name + (" (applies)" if name == term.rule else ""),
            iso_with_weekday(term.last_days[name]),
            iso_with_weekday(choice.latest[name]) if choice is not None else "—",
        )
        for name in periods.RULES
    ]
    return _grid(
        f"Term {term.number}: from {term.first_day}, {term.length}",
        ("rule", "last day of term", "non-renewal notice by"),
        rows,
        width,
        bold=list(periods.RULES).index(term.rule),
    )


def _if_received(seen: History) -> str:
    if not seen.discontinuable_on(seen.as_of):
        end = f", which runs to {seen.term.last_day}" if seen.term is not None else ""
        return (
            f"a notice of discontinuation received on {seen.as_of} would be void (MOC331): "
            f"the terms allow none during a term{end}; a notice of non-renewal ends it at the "
            "end of the term"
        )
    try:
        dates = seen.if_received(seen.as_of)
    except OutOfCalendar as error:
        return str(error)
    if seen.expiry is not None and dates.effective > seen.expiry:
        return (
            f"a notice received on {seen.as_of} would take effect only from "
            f"{long_date(dates.effective)}, after the memorandum expires on {seen.expiry}: "
            "it would change nothing"
        )
    return (
        f"a notice received on {seen.as_of} would discontinue it from "
        f"{long_date(dates.effective)} (last day in force {dates.last_day_in_force})"
    )


def _grid(
    title: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    width: int,
    *,
    caption: str | None = None,
    bold: int | None = None,
) -> RenderableType:
    """A table when every cell fits on one line at ``width``; else a list, one entry a row.

    Either way no id, date or state is ever cut (a table squeezed below its content would).
    """
    if table_width(column_widths(columns, rows)) + 4 <= width:  # and the panel's borders
        table = Table(title=title, title_justify="left", caption=caption)
        for column in columns:
            table.add_column(column, no_wrap=True)
        for index, row in enumerate(rows):
            table.add_row(*row, style="bold" if index == bold else "")
        return table
    lines = [Text(title, style="bold")]
    for index, row in enumerate(rows):
        first, *rest = row
        detail = "; ".join(f"{c}: {v}" for c, v in zip(columns[1:], rest, strict=True) if v)
        lines.append(Text(f"  {first} — {detail}", style="bold" if index == bold else ""))
    if caption:
        lines.append(Text(f"  {caption}"))
    return Group(*lines)


def _rules(ending: NoticeStatus, width: int) -> RenderableType:
    dates = ending.dates
    assert dates is not None
    rows = [
        (
            name + (" (applies)" if name == dates.rule else ""),
            iso_with_weekday(dates.rules[name].last_day),
            iso_with_weekday(dates.rules[name].effective),
        )
        for name in periods.RULES
    ]
    return _grid(
        f"Notice {ending.id}: received {dates.received}"
        + (" (taken as the recipient's date)" if ending.receipt_assumed else ""),
        ("rule", "last day of notice period", "discontinued from"),
        rows,
        width,
        caption=(
            f"The notice names a later date, {dates.effective}, which applies."
            if dates.requested_applies
            else None
        ),
        bold=list(periods.RULES).index(dates.rule),
    )


def _notices(notices: list[NoticeStatus], width: int) -> RenderableType:
    rows = []
    for notice in notices:
        if notice.standing == "revoked":
            note = f"revoked by {notice.revoked_by}"
            if notice.dates is not None:
                note += f" (it would have taken effect {notice.dates.effective})"
        elif notice.dates is not None and notice.standing in ("past", "scheduled"):
            note = f"effective {notice.dates.effective} ({notice.dates.rule})"
        else:
            note = notice.reason or (f"revokes {notice.revokes}" if notice.revokes else "")
        received = str(notice.received or "—")
        rows.append((notice.id, notice.type, notice.by, received, notice.standing, note))
    return _grid("Notices", ("id", "type", "by", "received", "standing", "note"), rows, width)


def _changes(seen: History, width: int) -> RenderableType:
    rows = [(c.id, c.kind, c.status, str(c.effective), c.reason or c.title) for c in seen.changes]
    columns = ("id", "kind", "status", "effective", "note")
    return _grid("Modifications and decisions", columns, rows, width)


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


def _activities(seen: History, width: int) -> RenderableType:
    rows = []
    for activity in seen.activities:
        if activity.ended_by:
            fate = f"ends {activity.end} (decided: {activity.ended_by})"
        elif activity.status == "ended":
            fate = "—"
        else:
            fate = "continues (2.4)"
        end = str(activity.end or "—")
        rows.append((activity.id, activity.status, str(activity.start), end, fate))
    columns = ("id", "status", "start", "last day", "on discontinuation")
    return _grid("Collaboration activities", columns, rows, width)


def _findings(found: list[Finding]) -> RenderableType:
    lines = [Text(f"Findings ({len(found)})", style="bold")]
    for f in found:
        line = Text(f"  {f.file}:{f.line}:{f.column}: ")
        line.append(f"{f.severity.value} {f.code}", style=_SEVERITY_STYLE[f.severity.value])
        line.append(f" {f.message}")
        if f.accepted:
            line.append(f" (accepted: {f.accepted.reason})", style="dim")
        lines.append(line)
    return Group(*lines)
