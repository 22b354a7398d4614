"""What is kept of one memorandum folder, how it is computed, and its encoding for the cache.

:func:`check_folder` reads, checks and summarises one folder, then lets its records go; the
:class:`FolderResult` keeps its findings, the id of its memorandum (with where it is written),
the ids of the records in each file and, for ``status``, its summary. :func:`encode` and
:func:`decode` give it as the bytes the result cache keeps (:mod:`mocctl.commands.folder_cache`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mocctl.findings import Accepted, Finding, Severity, sort_findings
from mocctl.io.portfolio import Identity

# When the memorandum files of a folder were looked at (ns since the epoch), and what they were.
Seen = tuple[int, list[list[int] | None]]

# A function that adds the status object and row of a checked memorandum to its result.
Summarise = Callable[[Any, list[Finding]], dict[str, Any]]


@dataclass
class FolderResult:
    """What is kept of one memorandum folder."""

    folder: Path
    findings: list[Finding]
    files: int
    memorandum: Identity | None
    ids: dict[str, list[str]]  # file (as shown) → ids of the records read from it
    summary: dict[str, Any] | None = None  # status: {"status": …, "row": …}
    # when the memorandum files were looked at before the folder was read, and what they were
    # (``folder_cache._seen``): what the ids index keeps; never cached
    seen: Seen | None = field(default=None, compare=False, repr=False)


def check_folder(
    folder: Path,
    known_on: dt.date | None,
    summarise: Summarise | None,
    contents: Mapping[str, bytes] | None = None,
) -> FolderResult:
    """Read, check and summarise one folder, then let its records go. ``contents``: the bytes
    of files already read (by path), taken instead of reading them again."""
    from mocctl.checks import check_records
    from mocctl.core.history import FAR_FUTURE, history
    from mocctl.io.loader import identity, load_folder

    findings: list[Finding] = []
    records, files = load_folder(folder, findings, contents)
    if records is None:
        return FolderResult(folder, sort_findings(findings), 0, None, {})
    seen = None
    if records.memorandum is not None:
        seen = history(records, known_on or FAR_FUTURE)
    findings = sort_findings(findings + check_records(records, seen))
    ids: dict[str, list[str]] = {}
    for record in [*records.records(), *records.drafts]:
        ids.setdefault(record.source.file, []).append(str(record.id))
    summary = summarise(seen, findings) if summarise and seen is not None else None
    memo = identity(records) if records.memorandum is not None else None
    return FolderResult(folder, findings, len(files), memo, ids, summary)


def encode(result: FolderResult) -> bytes:
    """The result as JSON text (dates as ISO text)."""
    memo = result.memorandum
    data = {
        "findings": [_finding(f) for f in result.findings],
        "files": result.files,
        "memorandum": [memo.id, memo.file, memo.line, memo.column] if memo else None,
        "ids": result.ids,
        "summary": result.summary,
    }
    return json.dumps(data, ensure_ascii=False, default=plain).encode("utf-8")


def decode(folder: Path, raw: bytes) -> FolderResult:
    data = json.loads(raw)
    memo = data["memorandum"]
    return FolderResult(
        folder,
        [_unfinding(f) for f in data["findings"]],
        data["files"],
        Identity(*memo) if memo else None,
        data["ids"],
        data["summary"],
    )


def _finding(f: Finding) -> list[Any]:
    accepted = f.accepted
    return [
        f.code,
        f.severity.value,
        f.message,
        f.file,
        f.line,
        f.column,
        f.hint,
        [accepted.reason, accepted.at, accepted.record, accepted.by, accepted.date]
        if accepted
        else None,
    ]


def _unfinding(data: list[Any]) -> Finding:
    code, severity, message, file, line, column, hint, accepted = data
    return Finding(
        sys.intern(code),
        Severity(severity),
        sys.intern(message),  # the same message and hint in many memoranda: kept once
        file,
        line,
        column,
        sys.intern(hint) if hint else hint,
        Accepted(*accepted) if accepted else None,
    )


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a folder's result")
