"""``mocctl status``: where each memorandum stands on a date (load → history → render)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocctl.commands.common import (
    exit_code,
    open_workspace,
    records_root,
    report_findings,
    select,
)
from mocctl.errors import EXIT_FINDINGS, UsageError
from mocctl.findings import Finding, display_path, sort_findings
from mocctl.render.output import console, write_json
from mocctl.settings import Settings

if TYPE_CHECKING:
    from mocctl.commands.folder_result import FolderResult
    from mocctl.core.history import History


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
    if memorandum_id is None:
        filters = _Filters(states, sides, due_within, exit_on_due)
        done = _portfolio(settings, fmt, filters)
        if done is not None:
            return done
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
    from mocctl.reporters import accepted_note

    out = console(settings)
    for f in findings:
        out.print(
            f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"
            + accepted_note(f)
        )


@dataclass(frozen=True)
class _Filters:
    states: Sequence[str]
    sides: Sequence[str]
    due_within: int | None
    exit_on_due: bool

    @property
    def any(self) -> bool:
        return bool(self.states or self.sides or self.due_within is not None)


def _portfolio(settings: Settings, fmt: str, filters: _Filters) -> int | None:
    """Every memorandum, one at a time (commands.scan: flat memory, a result cache per
    folder); None when there are not several to show (one memorandum gets its panel)."""
    from mocctl.io.portfolio import discover

    root = records_root(settings)
    if not filters.any and len(discover([root], [])) <= 1:
        return None  # one memorandum (or none): its panel, without reading it twice
    from mocctl.commands.scan import scan
    from mocctl.render import portfolio

    checked = scan(settings, [root], known_on=settings.today, summarise=_summary)
    shown = [result for result in checked.folders if result.summary is not None]
    if len(shown) <= 1 and not filters.any:
        return None
    rows = [
        portfolio.counted(portfolio.row_from_json(result.summary["row"]), result.findings)
        for result in shown
        if result.summary is not None
    ]
    folders = [display_path(result.folder) for result in shown]
    kept = portfolio.choose(
        rows, folders, states=filters.states, sides=filters.sides, due_within=filters.due_within
    )
    if fmt == "json":
        _write_objects(shown[index] for index, _ in kept)
    else:
        out = console(settings)
        out.print(portfolio.render([row for _, row in kept], settings.today, out.width))
    orphans = sort_findings(
        checked.loose + [f for r in checked.folders if r.summary is None for f in r.findings]
    )
    if orphans and fmt == "text":
        _show_findings(settings, orphans)
    elif orphans:
        report_findings(orphans)
    window = 30 if filters.due_within is None else filters.due_within
    if filters.exit_on_due and any(row.due_within(window) for _, row in kept):
        return EXIT_FINDINGS
    return exit_code(checked.findings)


def _summary(seen: History, found: list[Finding]) -> dict[str, Any]:
    """What the portfolio keeps of a memorandum: its status object (findings added when
    shown) and its table row."""
    import json

    from mocctl.commands.folder_result import plain
    from mocctl.render import portfolio
    from mocctl.render.history_json import status_json

    # As JSON text: a few hundred bytes, where the dictionary would be tens of kilobytes.
    status = json.dumps(status_json(seen, []), ensure_ascii=False, default=plain)
    return {"status": status, "row": portfolio.row_json(portfolio.row_of(seen, []))}


def _write_objects(results: Iterable[FolderResult]) -> None:
    """The status objects of ``results``, with their findings, as ``write_json`` prints their
    list (indented by two), one object at a time."""
    import json

    write = sys.stdout.write
    first = True
    for result in results:
        assert result.summary is not None
        data = json.loads(result.summary["status"])
        data["findings"] = [f.to_json() for f in result.findings]
        text = json.dumps(data, indent=2, ensure_ascii=False)
        write(("[\n" if first else ",\n") + "  " + text.replace("\n", "\n  "))
        first = False
    write("[]\n" if first else "\n]\n")
