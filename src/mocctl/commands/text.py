"""``mocctl text``: the consolidated text as in force on a date, as Markdown or JSON."""

from __future__ import annotations

import sys

from mocctl.commands.common import (
    exit_code,
    findings_of,
    load_checked,
    one_memorandum,
    report_findings,
)
from mocctl.render.output import write_json
from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None) -> int:
    from mocctl.render import text as textview

    fmt = settings.output_format(("text", "json"))
    loaded = load_checked(settings)
    records = one_memorandum(loaded, memorandum_id)
    view = textview.view_of(records, settings.today)
    found = findings_of(loaded, records)
    if fmt == "json":
        data = textview.to_json(view)
        data["findings"] = [f.to_json() for f in found]
        write_json(data)
    else:
        sys.stdout.write(textview.markdown(view))
        report_findings(loaded.findings)
    return exit_code(loaded.findings)
