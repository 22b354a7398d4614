"""Load the records a command works on and run every check over them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mocctl.errors import UsageError
from mocctl.findings import Finding, sort_findings
from mocctl.loader import Loaded, MemorandumRecords, default_records, load
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


def check_records(records: MemorandumRecords) -> list[Finding]:
    """Every finding about one memorandum's records beyond the schema: references, documents."""
    from mocctl import integrity, lifecycle_checks, references, wording

    found = references.check(records)
    # A change that names an unknown area or section is reported once, as that (MOC206/MOC209),
    # not also as a change that cannot be applied (MOC314).
    unknown = {f.file for f in found if f.code in ("MOC206", "MOC209")}
    found += [
        f for f in lifecycle_checks.check(records) if not (f.code == "MOC314" and f.file in unknown)
    ]
    return found + integrity.check(records) + wording.check(records)


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
