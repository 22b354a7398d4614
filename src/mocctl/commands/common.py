"""Load the records a command works on and run every check over them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from mocctl.checks import check_records
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mocctl.findings import Finding, Severity, sort_findings
from mocctl.io.loader import Loaded, default_records, load
from mocctl.settings import Settings


def records_root(settings: Settings) -> Path:
    """The records folder: --records / MOCCTL_RECORDS, else ./records, else the embedded one."""
    root = settings.records or default_records()
    if not root.exists():
        raise UsageError(f"records folder {root} does not exist")
    return root


def load_checked(settings: Settings, paths: Sequence[Path] = ()) -> Loaded:
    """The records under ``paths`` (default: the records folder) with every finding."""
    loaded = load(list(paths) or [records_root(settings)])
    findings = list(loaded.findings)
    for records in loaded.memoranda:
        findings += check_records(records)
    loaded.findings = sort_findings(findings)
    return loaded


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
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    if errors or warnings:
        parts = [f"{len(errors)} error{'s' if len(errors) != 1 else ''}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        sys.stderr.write(
            f"mocctl: {' and '.join(parts)} in the records; run `mocctl validate` for details\n"
        )


def exit_code(findings: list[Finding]) -> int:
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
