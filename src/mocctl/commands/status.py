"""``mocctl status``: where each memorandum stands on a date (load → history → render)."""

from __future__ import annotations

from mocctl.commands.common import exit_code, open_workspace, select
from mocctl.core.history import History
from mocctl.errors import EXIT_FINDINGS
from mocctl.findings import Finding
from mocctl.render.output import console, write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    fmt = settings.output_format(("text", "json"))
    space = open_workspace(settings, known_on=settings.today)
    chosen = select(space.loaded, memorandum_id)
    views = [(space.history(records), space.findings_of(records)) for records in chosen]
    if fmt == "json":
        from mocctl.render.history_json import status_json

        data = [status_json(seen, found) for seen, found in views]
        write_json(data[0] if memorandum_id or len(data) == 1 else data)
    elif not views:
        pass  # no memorandum could be read: the findings below say why
    elif len(views) == 1:
        from mocctl.render.status import render

        out = console(settings)
        out.print(render(*views[0], today=settings.as_of is None, width=out.width))
    else:
        _show_table(settings, views)
    shown = {f for _, found in views for f in found}
    orphans = [f for f in space.findings if f not in shown]
    if orphans and fmt == "text":
        _show_findings(settings, orphans)
    return exit_code(space.findings) if views else EXIT_FINDINGS


def _show_table(settings: Settings, views: list[tuple[History, list[Finding]]]) -> None:
    from rich.table import Table

    table = Table(title=f"Memoranda as of {views[0][0].as_of}", title_justify="left")
    for column in ("id", "state", "commenced", "notice", "next change", "findings"):
        table.add_column(column)
    for seen, found in views:
        upcoming = seen.next_event
        table.add_row(
            seen.id,
            seen.state,
            str(seen.commenced or "—"),
            f"{seen.notice_period} {seen.rule}",
            f"{upcoming.date} {upcoming.description}" if upcoming else "—",
            str(len(found)),
        )
    console(settings).print(table)


def _show_findings(settings: Settings, findings: list[Finding]) -> None:
    out = console(settings)
    for f in findings:
        out.print(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}")
