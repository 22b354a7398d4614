"""``mocctl report``: one self-contained HTML page (load → history → render → write).

One memorandum: where it stands as of T, the timeline of the whole record, the consolidated
text and the findings. Several (and no ID): a portfolio page, most urgent first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mocctl import __version__
from mocctl.commands.common import exit_code, open_workspace, report_findings, select
from mocctl.core.history import FAR_FUTURE, history
from mocctl.errors import UsageError
from mocctl.findings import display_path
from mocctl.io.atomic import atomic_write_text
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None, *, output: Path | None, force: bool) -> int:
    from mocctl.render import report

    settings.output_format(("text",))
    if output is not None and output.exists() and not force:
        raise UsageError(
            f"{output} already exists; it was not changed", hint="use --force to replace it"
        )
    space = open_workspace(settings, known_on=settings.today)
    chosen = select(space.loaded, memorandum_id)
    if not chosen:
        report_findings(space.findings)
        raise UsageError(
            "no memorandum could be read from the records",
            hint="run `mocctl validate` to see why",
        )
    if memorandum_id is not None and len(chosen) > 1:
        raise UsageError(
            f"the id '{memorandum_id}' names {len(chosen)} memoranda: "
            + ", ".join(display_path(records.folder) for records in chosen),
            hint="name the folder: mocctl --records FOLDER report",
        )
    if len(chosen) == 1:
        records = chosen[0]
        page = report.memorandum_page(
            space.history(records),
            history(records, FAR_FUTURE),
            space.findings_of(records),
            version=__version__,
        )
    else:
        from mocctl.render import portfolio

        views = [(space.history(records), space.findings_of(records)) for records in chosen]
        folders = [display_path(records.folder) for records in chosen]
        entries = [
            (row, views[index][0], history(chosen[index], FAR_FUTURE), views[index][1])
            for index, row in portfolio.arrange(views, folders)
        ]
        page = report.portfolio_page(entries, settings.today, version=__version__)
    if output is None:
        sys.stdout.write(page)
    else:
        atomic_write_text(output, page, overwrite=force)
        sys.stderr.write(f"mocctl: wrote {output}\n")
    report_findings(space.findings)
    return exit_code(space.findings)
