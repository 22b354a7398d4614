"""A change to one memorandum's records, checked before anything is written.

A change is a list of :class:`Edit` (a file's old text and new text, or a new file). It is checked
by reading the memorandum's folder as it would be with the change applied, in memory, and running
every check: a change that adds an error is refused. The standing (state, discontinuation, the
status of every change and activity) before and after comes from the one history.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.checks import check_records
from mocctl.core.history import FAR_FUTURE, History, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding, Severity, display_path, sort_findings
from mocctl.io.folders import MEMORANDUM_FILES, record_files
from mocctl.io.loader import read_file, read_text
from mocctl.model.records import Record
from mocctl.model.salvage import Shadow

__all__ = ["Checked", "Edit", "check", "read_folder", "unified_diff"]


@dataclass(frozen=True)
class Edit:
    """One file of a change: ``old`` is its text now (None for a new file)."""

    path: Path
    new: str
    old: str | None = None


@dataclass
class Checked:
    """A change, checked: the records before and after, and the errors it would add."""

    before: MemorandumRecords
    after: MemorandumRecords
    findings: list[Finding] = field(default_factory=list)  # every finding after the change
    added_errors: list[Finding] = field(default_factory=list)

    def standing(self, as_of: dt.date) -> tuple[History, History]:
        return history(self.before, as_of), history(self.after, as_of)


def read_folder(
    folder: Path, overlay: dict[Path, str] | None = None
) -> tuple[MemorandumRecords, list[Finding]]:
    """The records of ``folder`` (with ``overlay``'s texts instead of those files) and every
    finding about them, as ``validate`` reports them."""
    overlay = overlay or {}
    findings: list[Finding] = []
    files = record_files(folder, findings) if folder.is_dir() else []
    known = {path.resolve() for path in files}
    files += [path for path in overlay if path.resolve() not in known]
    texts = {path.resolve(): text for path, text in overlay.items()}
    records: list[Record] = []
    unreadable: list[Shadow] = []
    for file in files:
        shown = display_path(file)
        text = texts.get(file.resolve())
        records += (
            read_text(text, shown, findings, unreadable=unreadable)
            if text is not None
            else read_file(file, shown, findings, unreadable=unreadable)
        )
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        by_kind.setdefault(type(record).__name__, []).append(record)
    memoranda = sorted(
        by_kind.get("Memorandum", []),
        key=lambda m: (Path(m.source.file).name not in MEMORANDUM_FILES, m.source.file),
    )

    def sorted_(kind: str) -> tuple[Record, ...]:
        return tuple(sorted(by_kind.get(kind, []), key=lambda record: record.id))

    result = MemorandumRecords(
        folder=folder,
        memorandum=memoranda[0] if memoranda else None,  # type: ignore[arg-type]
        modifications=sorted_("Modification"),  # type: ignore[arg-type]
        notices=sorted_("Notice"),  # type: ignore[arg-type]
        activities=sorted_("Activity"),  # type: ignore[arg-type]
        decisions=sorted_("Decision"),  # type: ignore[arg-type]
        shadow=Shadow.of(unreadable),
    )
    if result.memorandum is not None:
        findings += check_records(result, history(result, FAR_FUTURE))
    return result, sort_findings(findings)


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.file, finding.message)


def check(folder: Path, edits: list[Edit]) -> Checked:
    """The change ``edits`` to the records of ``folder``, read and checked in memory."""
    before, found_before = read_folder(folder)
    after, found_after = read_folder(folder, {edit.path: edit.new for edit in edits})
    had = {_key(f) for f in found_before if f.severity is Severity.ERROR}
    added = [f for f in found_after if f.severity is Severity.ERROR and _key(f) not in had]
    return Checked(before, after, found_after, added)


def unified_diff(edits: list[Edit]) -> str:
    """The unified diff that the change would write (``--dry-run``)."""
    out: list[str] = []
    for edit in edits:
        name = display_path(edit.path)
        out += difflib.unified_diff(
            (edit.old or "").splitlines(keepends=True),
            edit.new.splitlines(keepends=True),
            fromfile="/dev/null" if edit.old is None else f"a/{name}",
            tofile=f"b/{name}",
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
