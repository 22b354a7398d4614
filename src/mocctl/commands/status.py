"""``mocctl status``: where each memorandum stands on a date (load → history → render)."""

from __future__ import annotations

from collections.abc import Sequence

from mocctl.commands.common import exit_code, open_workspace, report_findings, select
from mocctl.errors import EXIT_FINDINGS, UsageError
from mocctl.findings import Finding, display_path
from mocctl.render.output import console, write_json
from mocctl.reporters import accepted_note
from mocctl.settings import Settings


def run(
    settings: Settings,
    memorandum_id: str | None,
    *,
    states: Sequence[str] = (),
    sides: Sequence[str] = (),
    due_within: int | None = None,
    exit_on_due: bool = False,
) -> int:
    """``states``, ``sides``, ``due_within``: the portfolio's filters; ``exit_on_due``: exit 1
    when a shown memorandum's next key date is within ``due_within`` days (default 30)."""
    fmt = settings.output_format(("text", "json"))
    space = open_workspace(settings, known_on=settings.today)
    chosen = select(space.loaded, memorandum_id)
    if memorandum_id is not None and len(chosen) > 1:
        raise UsageError(
            f"the id '{memorandum_id}' names {len(chosen)} memoranda: "
            + ", ".join(display_path(records.folder) for records in chosen),
            hint="name the folder: mocctl --records FOLDER status",
        )
    views = [(space.history(records), space.findings_of(records)) for records in chosen]
    shown = {f for _, found in views for f in found}
    filtered = bool(states or sides or due_within is not None)
    many = memorandum_id is None and (len(views) > 1 or filtered)
    due = False
    if many or exit_on_due:
        from mocctl.render import portfolio

        folders = [display_path(records.folder) for records in chosen]
        if not many:  # one memorandum, named or the only one: shown whatever the filters
            states, sides = (), ()
        kept = portfolio.arrange(
            views, folders, states=states, sides=sides, due_within=due_within if many else None
        )
        views = [views[index] for index, _ in kept]
        rows = [row for _, row in kept]
        due = any(row.due_within(30 if due_within is None else due_within) for row in rows)
    if fmt == "json":
        from mocctl.render.history_json import status_json

        data = [status_json(seen, found) for seen, found in views]
        write_json(data if many or len(data) != 1 else data[0])
    elif many:
        out = console(settings)
        out.print(portfolio.render(rows, settings.today, out.width))
    elif not views:
        pass  # no memorandum could be read: the findings below say why
    else:
        from mocctl.render.status import render

        out = console(settings)
        out.print(render(*views[0], today=settings.as_of is None, width=out.width))
    orphans = [f for f in space.findings if f not in shown]
    if orphans and fmt == "text":
        _show_findings(settings, orphans)
    elif orphans:  # JSON holds the memoranda's own findings; the rest must not go unsaid
        report_findings(orphans)
    code = exit_code(space.findings) if views or many else EXIT_FINDINGS
    return EXIT_FINDINGS if due and exit_on_due else code


def _show_findings(settings: Settings, findings: list[Finding]) -> None:
    out = console(settings)
    for f in findings:
        out.print(
            f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"
            + accepted_note(f)
        )
