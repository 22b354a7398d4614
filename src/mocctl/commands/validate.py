"""``mocctl validate``: every finding in the records, in one run."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mocctl.commands.common import load_checked
from mocctl.errors import EXIT_FINDINGS, EXIT_OK
from mocctl.findings import Severity
from mocctl.reporters import REPORTERS, Report, renderer
from mocctl.settings import Settings

FORMATS = tuple(REPORTERS)


def run(
    settings: Settings, paths: Sequence[Path], *, strict: bool = False, quiet: bool = False
) -> int:
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    fmt = settings.output_format(FORMATS, default)
    loaded = load_checked(settings, paths)
    shown = [f for f in loaded.findings if not quiet or f.severity is Severity.ERROR]
    report = Report(tuple(shown), loaded.files_checked)
    output = renderer(fmt)(report)
    if quiet and fmt in ("text", "github"):
        output = "".join(output.splitlines(keepends=True)[:-1])
    sys.stdout.write(output)
    # --strict fails on warnings too, except those a record accepts (MOC326 keeps them honest).
    failing = any(
        f.fails_strict if strict else f.severity is Severity.ERROR for f in loaded.findings
    )
    return EXIT_FINDINGS if failing else EXIT_OK
