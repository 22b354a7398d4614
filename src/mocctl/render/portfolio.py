"""Many memoranda at once: one row each, most urgent first (``status`` with several, ``report``).

A rendering of each memorandum's history: the next key date is the history's ``next_event``
(SPEC §3.6, one history), never a date of this module's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from mocctl.core.history import History
from mocctl.findings import Finding, Severity
from mocctl.render.output import column_widths

if TYPE_CHECKING:
    from rich.console import RenderableType

# rich is imported by the functions that draw (``render``, ``_narrow``): the rows alone, for
# ``status --format json`` and the result cache, need none of it (about 40 ms of start-up).

STATES = (
    "draft",
    "awaiting_signature",
    "in_force",
    "discontinuation_pending",
    "discontinued",
    "expired",  # a fixed term ended with no renewal (docs/dates.md#the-state-expired)
)
# Among memoranda with no date due, the states that need a person's attention come first.
_STATE_RANK = {
    "discontinuation_pending": 0,
    "awaiting_signature": 1,
    "draft": 2,
    "in_force": 3,
    "discontinued": 4,
    "expired": 4,
}
_STATE_STYLE = {
    "draft": "yellow",
    "awaiting_signature": "yellow",
    "in_force": "green",
    "discontinuation_pending": "bold yellow",
    "discontinued": "red",
    "expired": "red",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One memorandum in the portfolio."""

    id: str
    title: str
    sides: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    state: str
    next_date: dt.date | None
    days: int | None
    next_what: str | None
    path: str | None  # the folder, shown when ids repeat
    errors: int
    warnings: int

    def due_within(self, days: int) -> bool:
        """The next key date falls within ``days`` days of the as-of date (today included)."""
        return self.days is not None and 0 <= self.days <= days

    @property
    def urgency(self) -> tuple[int, int, int, str, str]:
        """Sort key: the nearest key date first; then errors, then the state; then id and path."""
        return (
            self.days if self.days is not None else 10**9,
            0 if self.errors else 1,
            _STATE_RANK[self.state],
            self.id,
            self.path or "",
        )


def row_of(seen: History, found: Sequence[Finding], path: str | None = None) -> Row:
    upcoming = seen.next_event
    memo = seen.memorandum
    return counted(
        Row(
            id=seen.id,
            title=seen.title,
            sides=tuple(side.id for side in memo.sides),
            jurisdictions=tuple(side.jurisdiction for side in memo.sides),
            state=seen.state,
            next_date=upcoming.date if upcoming else None,
            days=(upcoming.date - seen.as_of).days if upcoming else None,
            next_what=upcoming.description if upcoming else None,
            path=path,
            errors=0,
            warnings=0,
        ),
        found,
    )


def counted(row: Row, found: Sequence[Finding]) -> Row:
    """``row`` with the number of errors and warnings in ``found``."""
    return replace(
        row,
        errors=sum(1 for f in found if f.severity is Severity.ERROR),
        warnings=sum(1 for f in found if f.severity is Severity.WARNING),
    )


def row_json(row: Row) -> dict[str, object]:
    """``row`` as plain JSON values (kept in the result cache); :func:`row_from_json` reads it."""
    data = asdict(row)
    data["next_date"] = row.next_date.isoformat() if row.next_date else None
    return data


def row_from_json(data: dict[str, Any]) -> Row:
    return Row(
        **{
            **data,
            "sides": tuple(data["sides"]),
            "jurisdictions": tuple(data["jurisdictions"]),
            "next_date": dt.date.fromisoformat(data["next_date"]) if data["next_date"] else None,
        }
    )


def by_urgency(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.urgency)


def matches(
    row: Row,
    *,
    states: Sequence[str] = (),
    sides: Sequence[str] = (),
    due_within: int | None = None,
) -> bool:
    """``row`` passes the filters: one of ``states``; a Side (id or country) among ``sides``;
    its next key date within ``due_within`` days."""
    if states and row.state not in states:
        return False
    if sides:
        wanted = {side.upper() for side in sides}
        if not wanted & {*row.sides, *row.jurisdictions}:
            return False
    return due_within is None or row.due_within(due_within)


def _when(row: Row) -> str:
    if row.next_date is None or row.days is None:
        return "—"
    return str(row.next_date)


def _days(row: Row) -> str:
    if row.days is None:
        return "—"
    return "today" if row.days == 0 else f"{row.days} d"


def render(rows: Sequence[Row], as_of: dt.date, width: int) -> RenderableType:
    """The portfolio as a table at ``width`` columns, or as a list when the ids, states and
    dates would not fit whole (they are never cut)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = f"Memoranda as of {as_of}: {len(rows)}, most urgent first"
    if not rows:
        return Text(f"{title}\n  (none match)")
    whole = ["id", "Sides", "state", "next key date", "in"]
    cells = [[row.id, "–".join(row.sides), row.state, _when(row), _days(row)] for row in rows]
    need = column_widths(whole, cells)
    columns = len(whole) + 1  # and "title / next"
    # box.SIMPLE without edges: one space of padding each side, one rule between columns.
    room = width - (sum(need) + 2 * columns + (columns - 1))
    if room >= 30:
        from rich import box

        table = Table(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1)
        )
        for name, size in zip(whole, need, strict=True):
            table.add_column(
                name, no_wrap=True, min_width=size, justify="right" if name == "in" else "left"
            )
        table.add_column("title / next", overflow="fold", ratio=1, min_width=10)
        for row, cell in zip(rows, cells, strict=True):
            detail = Text(row.title)
            if row.next_what:
                detail.append(f"\nnext: {row.next_what}", style="dim")
            if row.path:
                detail.append(f"\npath: {row.path}")
            if row.errors:
                detail.append(f"\n{row.errors} error(s) in the records", style="red")
            table.add_row(
                cell[0],
                cell[1],
                Text(cell[2], style=_STATE_STYLE[row.state]),
                cell[3],
                cell[4],
                detail,
            )
        return table
    # Narrower: the title folds under the id (the id column is never narrower than the id).
    first = max(need[0], 16, width - (sum(need[1:]) + 3 * len(whole) - 1))
    if first + sum(need[1:]) + 3 * len(whole) - 1 <= width:
        return _narrow(title, rows, cells, whole, [first, *need[1:]])
    lines: list[RenderableType] = [Text(title, style="bold")]
    for row, cell in zip(rows, cells, strict=True):
        line = Text("• ")
        line.append(row.id, style="bold")
        line.append(f"  {cell[2]}", style=_STATE_STYLE[row.state])
        lines.append(line)
        lines.append(Text(f"    {row.title}"))
        lines.append(Text(f"    Sides {cell[1]}; next key date {cell[3]} ({_days(row)})"))
        if row.next_what:
            lines.append(Text(f"    next: {row.next_what}"))
        if row.path:
            lines.append(Text(f"    path: {row.path}"))
        if row.errors:
            lines.append(Text(f"    {row.errors} error(s) in the records", style="red"))
    return Group(*lines)


def arrange(
    views: Sequence[tuple[History, Sequence[Finding]]],
    folders: Sequence[str],
    *,
    states: Sequence[str] = (),
    sides: Sequence[str] = (),
    due_within: int | None = None,
) -> list[tuple[int, Row]]:
    """The views that pass the filters, most urgent first, as (index in ``views``, row).

    ``folders`` name each view's folder; a row shows its folder when its id repeats.
    """
    rows = [row_of(seen, found) for seen, found in views]
    return choose(rows, folders, states=states, sides=sides, due_within=due_within)


def choose(
    rows: Sequence[Row],
    folders: Sequence[str],
    *,
    states: Sequence[str] = (),
    sides: Sequence[str] = (),
    due_within: int | None = None,
) -> list[tuple[int, Row]]:
    """:func:`arrange` for rows already made (one pass to count ids, one to filter, a sort)."""
    count: dict[str, int] = {}
    for row in rows:
        count[row.id] = count.get(row.id, 0) + 1
    kept = [
        (index, replace(row, path=folder) if count[row.id] > 1 else row)
        for index, (row, folder) in enumerate(zip(rows, folders, strict=True))
        if matches(row, states=states, sides=sides, due_within=due_within)
    ]
    return sorted(kept, key=lambda pair: pair[1].urgency)


def _narrow(
    title: str, rows: Sequence[Row], cells: list[list[str]], whole: list[str], sizes: list[int]
) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1)
    )
    table.add_column("id / title", overflow="fold", min_width=sizes[0], max_width=sizes[0])
    for name, size in zip(whole[1:], sizes[1:], strict=True):
        table.add_column(
            name, no_wrap=True, min_width=size, justify="right" if name == "in" else "left"
        )
    for row, cell in zip(rows, cells, strict=True):
        first = Text(row.id, style="bold")
        first.append(f"\n{row.title}")
        if row.path:
            first.append(f"\npath: {row.path}")
        if row.errors:
            first.append(f"\n{row.errors} error(s)", style="red")
        table.add_row(
            first, cell[1], Text(cell[2], style=_STATE_STYLE[row.state]), cell[3], cell[4]
        )
    return table
