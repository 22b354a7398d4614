"""``mocctl timeline``: every dated event and effect, past and scheduled."""

from __future__ import annotations

from mocctl.commands.common import load_checked, select
from mocctl.core.timeline import events
from mocctl.errors import EXIT_FINDINGS, EXIT_OK
from mocctl.findings import Severity
from mocctl.render.output import console, write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    fmt = settings.output_format(("text", "json"))
    loaded = load_checked(settings)
    as_of = settings.today
    chosen = select(loaded, memorandum_id)
    if fmt == "json":
        data = [
            {
                "id": records.id,
                "as_of": as_of,
                "events": [
                    {
                        "date": e.date,
                        "when": e.when(as_of),
                        "kind": e.kind,
                        "record": e.record,
                        "description": e.description,
                    }
                    for e in events(records)
                ],
            }
            for records in chosen
        ]
        write_json(data[0] if memorandum_id or len(data) == 1 else data)
    else:
        from rich.table import Table

        out = console(settings)
        for records in chosen:
            table = Table(title=f"{records.id}: timeline (as of {as_of})", title_justify="left")
            for column in ("date", "", "event", "record", "what"):
                table.add_column(column)
            marked = False
            for event in events(records):
                when = event.when(as_of)
                if when != "past" and not marked:
                    table.add_section()
                    marked = True
                style = "dim" if when == "past" else ("bold" if when == "today" else "")
                table.add_row(
                    str(event.date),
                    {"past": "✓", "today": "●"}.get(when, "…"),
                    event.kind,
                    event.record,
                    event.description,
                    style=style,
                )
            out.print(table)
    errors = any(f.severity is Severity.ERROR for f in loaded.findings)
    return EXIT_FINDINGS if errors else EXIT_OK
