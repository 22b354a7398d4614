"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

The runner turns each line into an annotation on the file and line of the finding (in the job
summary and on the pull request's diff). Values are escaped as ``@actions/core`` escapes them:
in the message ``%``, CR and LF; in a property additionally ``:`` and ``,``. The summary line
follows, as in the text format.

Paths in annotations must be relative to the repository root. Findings name files relative to
the current directory, so when a step runs in a sub-folder (``working-directory:``) the path is
re-rooted at ``$GITHUB_WORKSPACE``.
"""

from __future__ import annotations

import os
from pathlib import Path

from mocctl.findings import Finding, Severity
from mocctl.reporters import Report, accepted_note

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped (``escapeData`` of ``@actions/core``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped (``escapeProperty`` of ``@actions/core``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(file: str) -> str:
    """``file`` relative to ``$GITHUB_WORKSPACE`` when it lies below it, else unchanged (POSIX)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return file
    path = Path(file)
    try:
        absolute = path if path.is_absolute() else Path.cwd() / path
        return absolute.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except (OSError, ValueError):
        return file


def message_text(finding: Finding) -> str:
    """The finding's message with its hint, if any, on a second line."""
    message = finding.message + accepted_note(finding)
    if finding.hint:
        return f"{message}\nhint: {finding.hint}"
    return message


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = (
        ("file", workspace_path(finding.file)),
        ("line", str(finding.line)),
        ("col", str(finding.column)),
        ("title", finding.code),
    )
    props = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message_text(finding))}"


def render(report: Report) -> str:
    lines = [annotation(finding) for finding in report.findings]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
