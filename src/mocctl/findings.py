"""Findings: the problems mocctl reports, as plain values.

A finding is produced wherever a problem is noticed (loader, schema, lifecycle rules), collected
across every file, sorted, and only then rendered by a reporter. This module has no heavy imports.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


class Severity(enum.Enum):
    """How serious a finding is; ``error`` fails ``validate`` (``--strict``: ``warning`` too)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Accepted:
    """A record's statement that a finding is known and accepted (``accepted:`` in a record).

    ``at`` is the stable locator the acceptance names (a key path such as ``text.title``);
    ``record`` the id of the record that says so.
    """

    reason: str
    at: str
    record: str
    by: str | None = None
    date: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"reason": self.reason, "at": self.at, "record": self.record}
        if self.by:
            data["by"] = self.by
        if self.date:
            data["date"] = self.date
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the records, at a file, line and column (1-based)."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 1
    column: int = 1
    hint: str | None = None
    # Set when a record accepts this finding: still shown, but it does not fail `--strict`.
    accepted: Accepted | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        """The JSON form of SPEC §4 (contract)."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.accepted:
            data["accepted"] = self.accepted.to_json()
        return data

    @property
    def fails_strict(self) -> bool:
        """Whether ``validate --strict`` fails on it: an error, or a warning not accepted."""
        if self.severity is Severity.ERROR:
            return True
        return self.severity is Severity.WARNING and self.accepted is None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: its file and the position of every key and value in it.

    ``keys`` maps a path of keys and list indexes (as pydantic reports ``loc``) to the 1-based
    position of that key (for mappings) or item (for sequences); ``values`` maps the same paths to
    the position of the value. Pure data, so that the rules can point at a field without knowing
    anything about YAML. The tables are read-only mappings: the loader may hand over tables that
    are worked out only when a finding first asks for a position (see ``mocctl.io.fastpath``).
    """

    file: str
    keys: Mapping[tuple[str | int, ...], Position] = field(default_factory=dict)
    values: Mapping[tuple[str | int, ...], Position] = field(default_factory=dict)

    def key_at(self, *path: str | int) -> Position:
        """The position of the key at ``path``, or of its nearest ancestor that exists."""
        return self._nearest(self.keys, path)

    def value_at(self, *path: str | int) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that exists."""
        return self._nearest(self.values, path)

    @staticmethod
    def _nearest(
        table: Mapping[tuple[str | int, ...], Position], path: tuple[str | int, ...]
    ) -> Position:
        for end in range(len(path), -1, -1):
            pos = table.get(path[:end])
            if pos is not None:
                return pos
        return Position()

    def finding(
        self,
        code: str,
        message: str,
        *path: str | int,
        severity: Severity | None = None,
        hint: str | None = None,
        at_key: bool = False,
    ) -> Finding:
        """A finding of ``code`` pointing at the value (or key) at ``path`` in this source."""
        from mocctl.codes import CHECKS

        pos = self.key_at(*path) if at_key else self.value_at(*path)
        return Finding(
            code=code,
            severity=severity or CHECKS[code].severity,
            message=message,
            file=self.file,
            line=pos.line,
            column=pos.column,
            hint=hint,
        )


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the current directory when it is below it, else as given (POSIX)."""
    base = _resolved(cwd or Path.cwd())
    absolute = path if path.is_absolute() else base / path
    try:
        return Path(os.path.normpath(absolute)).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@cache
def _resolved(path: Path) -> Path:
    return path.resolve()


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in a stable order: by file, line, column, code, message; duplicates dropped."""
    return sorted(set(findings), key=Finding.sort_key)


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
