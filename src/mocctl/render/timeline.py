"""The timeline of one memorandum as text: every dated event of its history, past and scheduled,
as a table when its dates, marks, kinds and record ids fit whole at the terminal's width, else
as a list (issue 9: no date or id is ever cut or folded)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mocctl.core.history import History
from mocctl.render.output import column_widths, table_width

if TYPE_CHECKING:
    from rich.console import RenderableType

MARKS = {"past": "✓", "scheduled": "…", "revoked": "✗", "void": "✗", "superseded": "–"}
COLUMNS = ("date", "", "event", "record", "what")
# Below this many columns for "what" (or its longest word), the events are listed instead.
_WHAT_MIN = 24


def render(seen: History, as_of: dt.date, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    title = f"{seen.id}: timeline (as of {as_of})"
    rows = []  # (after as_of, style, the four cells that are never cut, the description)
    for event in seen.events:
        standing = event.standing(as_of)
        style = "dim" if event.date <= as_of else ""
        if standing in ("revoked", "void", "superseded"):
            style = "strike" if standing != "superseded" else "italic"
        mark = "●" if event.date == as_of and event.fate is None else MARKS[standing]
        cells = (str(event.date), mark, event.kind, event.record)
        rows.append((event.date > as_of, style, cells, event.description))
    words = [len(word) for *_, description in rows for word in description.split()]
    room = max(_WHAT_MIN, *words)
    if table_width([*column_widths(COLUMNS[:4], (r[2] for r in rows)), room]) <= width:
        table = Table(title=title, title_justify="left")
        for column in COLUMNS[:4]:
            table.add_column(column, no_wrap=True)
        table.add_column(COLUMNS[4], overflow="fold", min_width=room)
        marked = False
        for later, style, cells, description in rows:
            if later and not marked:
                table.add_section()
                marked = True
            table.add_row(*cells, description, style=style)
        return table
    lines: list[RenderableType] = [Text(title, style="bold")]
    marked = False
    for later, style, (day, mark, kind, record), description in rows:
        if later and not marked:
            lines.append(Text(f"  — after {as_of} —"))
            marked = True
        lines.append(Text(f"{day} {mark} {kind}: {record}", style=style))
        lines.append(Padding(Text(description, style=style), (0, 0, 0, 4)))
    return Group(*lines)
