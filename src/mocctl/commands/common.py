"""What every command shares: load the records, compute each memorandum's history once, check,
and report findings and exit codes the same way (SPEC §4)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.checks import check_records
from mocctl.core.history import FAR_FUTURE, History, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mocctl.findings import Finding, Severity, sort_findings
from mocctl.io.folders import records_folder
from mocctl.io.loader import Loaded, load
from mocctl.settings import Settings


def records_root(settings: Settings) -> Path:
    """The records folder: --records / MOCCTL_RECORDS, else ./records, else the embedded one."""
    return records_folder(settings.records)


@dataclass
class Workspace:
    """The records a command works on, each memorandum's history as of one date, the findings."""

    loaded: Loaded
    as_of: dt.date
    histories: dict[Path, History] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return self.loaded.findings

    def history(self, records: MemorandumRecords) -> History:
        """The history of ``records`` as of ``as_of``: computed once, shared by every view."""
        found = self.histories.get(records.folder)
        if found is None:
            found = self.histories[records.folder] = history(records, self.as_of)
        return found

    by_folder: dict[str, list[Finding]] | None = None

    def findings_of(self, records: MemorandumRecords) -> list[Finding]:
        """The findings about files in the folder of ``records`` (an index built once, so a
        portfolio's bookkeeping is linear in memoranda + findings)."""
        from mocctl.findings import display_path

        if self.by_folder is None:
            self.by_folder = _index(self.loaded)
        return self.by_folder.get(display_path(records.folder).rstrip("/") + "/", [])


def _index(loaded: Loaded) -> dict[str, list[Finding]]:
    """Findings by the memorandum folder (as shown, with a trailing ``/``) their file is in."""
    from mocctl.findings import display_path

    folders = {display_path(m.folder).rstrip("/") + "/" for m in loaded.memoranda}
    index: dict[str, list[Finding]] = {folder: [] for folder in folders}
    for finding in loaded.findings:
        parts = finding.file.split("/")
        for end in range(1, len(parts)):
            prefix = "/".join(parts[:end]) + "/"
            if prefix in index:
                index[prefix].append(finding)
    return index


def open_workspace(
    settings: Settings, paths: Sequence[Path] = (), *, known_on: dt.date = FAR_FUTURE
) -> Workspace:
    """The records under ``paths`` (default: the records folder), checked.

    ``known_on``: the lifecycle findings and histories are those of what is known on that date
    (``status``, ``text``, ``diff``: the as-of date); by default the whole record (``validate``).
    """
    space = Workspace(load(list(paths) or [records_root(settings)]), known_on)
    findings = list(space.loaded.findings)
    for records in space.loaded.memoranda:
        seen = space.history(records) if records.memorandum is not None else None
        findings += check_records(records, seen)
    space.loaded.findings = sort_findings(findings)
    return space


def load_checked(settings: Settings, paths: Sequence[Path] = ()) -> Loaded:
    """The records under ``paths`` with every finding about the whole record."""
    return open_workspace(settings, paths).loaded


def select(loaded: Loaded, memorandum_id: str | None) -> list[MemorandumRecords]:
    """The memoranda a command should show: the one named, or all."""
    found = [m for m in loaded.memoranda if m.memorandum is not None]
    if memorandum_id is None:
        return found
    chosen = [m for m in found if m.id == memorandum_id]
    if not chosen:
        known = ", ".join(m.id for m in found) or "none"
        raise UsageError(f"no memorandum '{memorandum_id}' in the records (known: {known})")
    return chosen


def findings_of(loaded: Loaded, records: MemorandumRecords) -> list[Finding]:
    """The findings about files in the folder of ``records``."""
    from mocctl.findings import display_path

    prefix = display_path(records.folder).rstrip("/") + "/"
    return [f for f in loaded.findings if f.file.startswith(prefix)]


def one_memorandum(loaded: Loaded, memorandum_id: str | None) -> MemorandumRecords:
    """The memorandum a single-memorandum command works on: the one named, or the only one."""
    chosen = select(loaded, memorandum_id)
    if not chosen:
        problems = [f for f in loaded.findings if f.severity is Severity.ERROR]
        report_findings(problems)
        raise UsageError(
            "no memorandum could be read from the records",
            hint="run `mocctl validate` to see why" if problems else None,
        )
    if len(chosen) > 1:
        raise UsageError(
            "the records hold several memoranda; name one: " + ", ".join(m.id for m in chosen)
        )
    return chosen[0]


def report_findings(findings: list[Finding]) -> None:
    """Errors on stderr, one line each, and a count of the warnings (the output stays clean)."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    for f in errors:
        sys.stderr.write(f"{f.file}:{f.line}:{f.column}: error {f.code} {f.message}\n")
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING and not f.accepted)
    if errors or warnings:
        parts = [f"{len(errors)} error{'s' if len(errors) != 1 else ''}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        sys.stderr.write(
            f"mocctl: {' and '.join(parts)} in the records; run `mocctl validate` for details\n"
        )


def exit_code(findings: list[Finding]) -> int:
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
