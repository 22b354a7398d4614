"""Checks of the documents that records reference by path and hash (MOC5xx). Reads files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding


def check(records: MemorandumRecords) -> list[Finding]:
    """A finding for each referenced document that escapes the folder, is missing or changed."""
    findings = []
    folder = records.folder.resolve()
    for record in records.records():
        for index, document in enumerate(record.documents):
            target = (folder / document.path).resolve()
            if Path(document.path).is_absolute() or not target.is_relative_to(folder):
                findings.append(
                    record.source.finding(
                        "MOC501",
                        f"document path '{document.path}' leads outside the memorandum folder",
                        "documents",
                        index,
                        "path",
                    )
                )
                continue
            if not target.is_file():
                findings.append(
                    record.source.finding(
                        "MOC502",
                        f"document '{document.path}' does not exist",
                        "documents",
                        index,
                        "path",
                    )
                )
                continue
            digest = _sha256(target)
            if digest != document.sha256:
                findings.append(
                    record.source.finding(
                        "MOC503",
                        f"document '{document.path}' has SHA-256 {digest[:12]}…, not the "
                        f"recorded {document.sha256[:12]}…",
                        "documents",
                        index,
                        "sha256",
                        hint=f"if the new file is the right one, record its hash: sha256: {digest}",
                    )
                )
    return findings


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
