"""What the check across memorandum folders needs, without reading any record: the folders
below the records paths, and each memorandum's id with where it is written (MOC204, an id used
twice). Light to import (no pydantic, no YAML parser): a portfolio answered from the result cache
never loads them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mocctl.findings import Finding
from mocctl.io.folders import find_folders
from mocctl.io.paths import real_path
from mocctl.io.yamlio import file_finding


def discover(paths: Sequence[Path], findings: list[Finding]) -> list[Path]:
    """The memorandum folders that ``paths`` name, each once (as first named), in order."""
    return list(discover_real(paths, findings).values())


def discover_real(paths: Sequence[Path], findings: list[Finding]) -> dict[str, Path]:
    """:func:`discover`, each folder by its real path (a folder found in a named folder: the
    real path of that folder and its name, links to folders being never followed)."""
    folders: dict[str, Path] = {}  # resolved → as named
    for path in paths:
        found, below = find_folders(path, findings)
        if below:  # folders in it: never links (links are not followed)
            top = os.path.realpath(path)
            for folder in found:
                folders.setdefault(os.path.join(top, folder.name), folder)  # noqa: PTH118
            continue
        for folder in found:
            if folder.parent == path:  # `path` itself when it is "." (its parent is itself)
                real = os.path.join(os.path.realpath(path), folder.name)  # noqa: PTH118
            else:
                real = os.fspath(real_path(folder))
            folders.setdefault(real, folder)
    return folders


@dataclass(frozen=True, slots=True)
class Identity:
    """A memorandum's id and where it is written: all the cross-folder check needs."""

    id: str
    file: str
    line: int
    column: int


def duplicate_memorandum_ids(memoranda: Sequence[Identity]) -> list[Finding]:
    """MOC204 at every memorandum whose id an earlier one (in folder order) already uses."""
    seen: dict[str, Identity] = {}
    findings = []
    for memo in memoranda:
        if memo.id in seen:
            findings.append(
                file_finding(
                    "MOC204",
                    f"memorandum id '{memo.id}' is also used by {seen[memo.id].file}",
                    memo.file,
                    memo.line,
                    memo.column,
                )
            )
        else:
            seen[memo.id] = memo
    return findings
