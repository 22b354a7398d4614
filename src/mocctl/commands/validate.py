"""``mocctl validate``: every finding in the records, in one run.

``validate FILE…`` checks each file in its memorandum (the other records are read, so that the
cross-record checks can run) but reports only the findings at those files, and the findings at
other files that name one of their records (its id) or the file itself.

``validate`` with no path checks the records folder: ``--records`` / ``MOCCTL_RECORDS``, else
``./records``. With none of them it is a usage error: checking the Japan–UK example shipped with
mocctl and saying "0 errors" would be a green CI run on the wrong folder.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from mocctl.commands.scan import Scan, scan, scan_changed
from mocctl.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mocctl.findings import Finding, Severity
from mocctl.io.folders import records_folder
from mocctl.reporters import REPORTERS, Report, renderer
from mocctl.settings import Settings

FORMATS = tuple(REPORTERS)
LOCAL_RECORDS = Path("records")


def run(
    settings: Settings, paths: Sequence[Path], *, strict: bool = False, quiet: bool = False
) -> int:
    fmt = settings.output_format(FORMATS, _default_format())
    if not paths and settings.records is None and not LOCAL_RECORDS.is_dir():
        raise UsageError(
            "no records folder here: no --records, no MOCCTL_RECORDS and no ./records",
            hint="run it where ./records is, name the folder (`mocctl validate DIR` or "
            "`--records DIR`), or start one with `mocctl init`",
        )
    checked = scan(settings, list(paths) or [records_folder(settings.records)])
    findings = checked.findings
    files = [path for path in paths if _is_file(path)]
    if files and len(files) == len(paths):
        findings = concerning(checked, findings, files)
    return report(fmt, findings, len(files) if files else checked.files_checked, strict, quiet)


def run_folders(
    settings: Settings,
    root: Path,
    files: Sequence[Path],
    *,
    strict: bool = False,
    quiet: bool = False,
) -> int:
    """The pre-commit hook's validate: every finding in the memorandum folders below ``root``
    that hold one of ``files``, and the ids used twice across every folder of ``root``."""
    fmt = settings.output_format(FORMATS, _default_format())
    checked = scan_changed(settings, root, files)
    return report(fmt, checked.findings, checked.files_checked, strict, quiet)


def report(fmt: str, findings: list[Finding], files: int, strict: bool, quiet: bool) -> int:
    """Print ``findings`` (of ``files`` files) in ``fmt``; the exit code."""
    shown = [f for f in findings if not quiet or f.severity is Severity.ERROR]
    output = renderer(fmt)(Report(tuple(shown), files))
    if quiet and fmt in ("text", "github"):
        output = "".join(output.splitlines(keepends=True)[:-1])
    sys.stdout.write(output)
    # --strict fails on warnings too, except those a record accepts (MOC326 keeps them honest).
    failing = any(f.fails_strict if strict else f.severity is Severity.ERROR for f in findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def concerning(checked: Scan, findings: list[Finding], files: Iterable[Path]) -> list[Finding]:
    """The findings at ``files``, and those elsewhere that name one of their records or them.

    A finding elsewhere concerns a file when its message names the id of a record read from
    that file (as a whole word: ``uk-2026`` is not ``uk-2026-b``) or the file's name.
    """
    wanted = {_real(path) for path in files}
    ids: set[str] = set()
    for result in checked.folders:
        for file, read in result.ids.items():
            if _real(Path(file)) in wanted:
                ids.update(read)
    names = {path.name for path in files}
    words = sorted(ids | names, key=len, reverse=True)
    named = (
        re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
        if words
        else None
    )
    return [
        f
        for f in findings
        if _real(Path(f.file)) in wanted or (named is not None and named.search(f.message))
    ]


def _is_file(path: Path) -> bool:
    try:
        return not path.is_dir() and path.exists()
    except (OSError, ValueError):
        return False


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)
