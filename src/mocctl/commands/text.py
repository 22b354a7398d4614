"""``mocctl text``: the consolidated text as in force on a date, as Markdown or JSON."""

from __future__ import annotations

import sys

from mocctl.commands.common import exit_code, one_memorandum, open_workspace, report_findings
from mocctl.render.output import write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    from mocctl.render import text as textview

    fmt = settings.output_format(("text", "json"))
    space = open_workspace(settings, known_on=settings.today)
    records = one_memorandum(space.loaded, memorandum_id)
    view = textview.view_of(space.history(records))
    if fmt == "json":
        data = textview.to_json(view)
        data["findings"] = [f.to_json() for f in space.findings_of(records)]
        write_json(data)
    else:
        sys.stdout.write(textview.markdown(view))
        report_findings(space.findings)
    return exit_code(space.findings)
