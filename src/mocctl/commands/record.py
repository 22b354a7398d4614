"""``mocctl record …``: add or update a record safely, and say what changed in the standing.

Every record command runs the same steps (SPEC §4, §5 "Loses nothing"):

1. find the memorandum and take its folder's write lock (``io.lock``): a second writer waits;
2. read the folder again under the lock, and build the change (``recording.builders``); bad input
   is a usage error (exit 2) before anything is written;
3. read and check the folder with the change applied, in memory (``recording.session``); if the
   change adds an error, refuse: the findings are shown, exit 1, nothing is written;
4. ``--dry-run``: print the unified diff and stop; else write every file atomically, all or
   nothing (``io.atomic.write_files``), refusing if a file changed since it was read;
5. print the standing before and after, from the one history, as of ``--as-of`` (default: the
   later of today and the day of the event recorded, so that the event is seen).

``--format json`` prints ``{"record", "summary", "files", "written", "as_of", "before",
"after", "changed", "findings"}``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mocctl.commands.common import one_memorandum, records_root
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import EXIT_FINDINGS, EXIT_OK
from mocctl.findings import Severity, display_path
from mocctl.render.output import write_json
from mocctl.settings import Settings

if False:  # pragma: no cover - typing only, without importing at start-up
    from mocctl.recording.common import Change

Build = Callable[[MemorandumRecords], "Change"]


def run(
    settings: Settings, memorandum_id: str | None, build: Build, *, dry_run: bool = False
) -> int:
    """Build, check and write one change to the records of ``memorandum_id``."""
    from mocctl.io.atomic import FileWrite, write_files
    from mocctl.io.loader import load
    from mocctl.io.lock import folder_lock
    from mocctl.recording import session, standing

    fmt = settings.output_format(("text", "json"))
    folder = one_memorandum(load([records_root(settings)]), memorandum_id).folder
    with folder_lock(folder):
        records, _ = session.read_folder(folder)
        change = build(records)
        if not change.edits:
            return _unchanged(fmt, change)
        checked = session.check(folder, change.edits)
        if checked.added_errors:
            _refuse(fmt, change, checked.added_errors)
            return EXIT_FINDINGS
        if dry_run:
            diff = session.unified_diff(change.edits)
            if fmt == "json":
                write_json(
                    {
                        "record": change.record_id,
                        "summary": change.summary,
                        "files": [display_path(e.path) for e in change.edits],
                        "written": False,
                        "diff": diff,
                    }
                )
            else:
                sys.stdout.write(diff)
            return EXIT_OK
        write_files(
            [
                FileWrite(
                    edit.path,
                    edit.new,
                    overwrite=edit.old is not None,
                    expected=edit.old.encode("utf-8") if edit.old is not None else None,
                )
                for edit in change.edits
            ]
        )
    as_of = settings.as_of or max(settings.today, change.day)
    before, after = checked.standing(as_of)
    mine = display_path(folder).rstrip("/") + "/"
    shown = [
        f
        for f in checked.findings
        if f.file.startswith(mine) and f.severity is not Severity.INFO and f.accepted is None
    ]
    files = [display_path(edit.path) for edit in change.edits]
    if fmt == "json":
        data: dict[str, Any] = {
            "record": change.record_id,
            "summary": change.summary,
            "files": files,
            "written": True,
            **standing.standing_json(before, after),
            "findings": [f.to_json() for f in shown],
        }
        write_json(data)
        return EXIT_OK
    verb = "wrote" if all(e.old is None for e in change.edits) else "updated"
    out = [f"{change.summary}: {verb} {', '.join(files)}", f"as of {as_of}:"]
    out += [f"  {line}" for line in standing.differences(before, after)]
    sys.stdout.write("\n".join(out) + "\n")
    for f in shown:
        sys.stderr.write(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}\n")
    return EXIT_OK


def _unchanged(fmt: str, change: Change) -> int:
    if fmt == "json":
        write_json(
            {"record": change.record_id, "summary": change.summary, "files": [], "written": False}
        )
    else:
        sys.stdout.write(f"{change.summary}; nothing was written\n")
    return EXIT_OK


def _refuse(fmt: str, change: Change, errors: list[Any]) -> None:
    if fmt == "json":
        write_json(
            {
                "record": change.record_id,
                "summary": change.summary,
                "files": [display_path(e.path) for e in change.edits],
                "written": False,
                "findings": [f.to_json() for f in errors],
            }
        )
    for f in errors:
        sys.stderr.write(f"{f.file}:{f.line}:{f.column}: error {f.code} {f.message}\n")
        if f.hint:
            sys.stderr.write(f"    hint: {f.hint}\n")
    sys.stderr.write(
        f"mocctl: the change would add {len(errors)} error{'s' if len(errors) != 1 else ''} "
        "to the records; nothing was written\n"
    )


def builder(name: str, **options: Any) -> Build:
    """The builder ``recording.builders.<name>`` with the user's ``options``."""

    def build(records: MemorandumRecords) -> Change:
        from mocctl.recording import builders

        made: Change = getattr(builders, name)(records, **options)
        return made

    return build


def paths_of(change: Change) -> list[Path]:
    return [edit.path for edit in change.edits]
