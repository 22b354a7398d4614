"""The catalogue of finding codes (contract: codes are stable and documented in docs/checks.md).

MOC0xx files and YAML, MOC1xx schema, MOC2xx identities and references, MOC3xx lifecycle,
MOC4xx text and wording, MOC5xx documents and integrity: one module of rows per family
(``codes.files``, ``codes.references``, ``codes.lifecycle``, ``codes.text``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mocctl.codes import files, lifecycle, references, text
from mocctl.findings import Severity


@dataclass(frozen=True, slots=True)
class Check:
    """A finding code with its default severity and one-line explanation."""

    code: str
    severity: Severity
    title: str
    help: str


_TABLE: tuple[tuple[str, Severity, str, str], ...] = (
    *files.ROWS,
    *references.ROWS,
    *lifecycle.ROWS,
    *text.ROWS,
)

CHECKS: dict[str, Check] = {row[0]: Check(*row) for row in _TABLE}
