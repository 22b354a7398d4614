"""Reporters: render collected findings in one output format.

Machine formats are written as plain text, never through rich (whose markup would eat brackets
and whose wrapping would split ``file:line:col`` lines).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mocctl.findings import Finding, Severity, count_by_severity
from mocctl.render.output import plural


@dataclass(frozen=True, slots=True)
class Report:
    """The findings of one run, sorted, and how many files were read."""

    findings: tuple[Finding, ...]
    files_checked: int

    def summary(self) -> str:
        """The stable one-line summary: ``N errors, M warnings in K files``."""
        counts = count_by_severity(list(self.findings))
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        accepted = sum(1 for f in self.findings if f.accepted is not None)
        parts = [plural(errors, "error"), plural(warnings, "warning")]
        if accepted:
            parts[-1] += f" ({accepted} accepted)"
        if counts[Severity.INFO]:
            parts.append(plural(counts[Severity.INFO], "note"))
        return f"{', '.join(parts)} in {plural(self.files_checked, 'file')}"


Renderer = Callable[[Report], str]


def accepted_note(finding: Finding) -> str:
    """`` (accepted: reason)`` for an accepted finding, else nothing."""
    return f" (accepted: {finding.accepted.reason})" if finding.accepted else ""


# The one table of reporters: format name → module (with a ``render(report) -> str``), loaded only
# when chosen. ``validate --format`` accepts exactly these.
REPORTERS: dict[str, str] = {
    "text": "mocctl.reporters.text",
    "json": "mocctl.reporters.json",
    "github": "mocctl.reporters.github",
    "sarif": "mocctl.reporters.sarif",
}


def renderer(fmt: str) -> Renderer:
    """The renderer of the format named ``fmt`` (one of ``REPORTERS``)."""
    import importlib

    render: Renderer = importlib.import_module(REPORTERS[fmt]).render
    return render
