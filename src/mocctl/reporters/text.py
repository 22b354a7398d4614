"""``file:line:col: severity CODE message`` lines, then the summary.

A hint ends with where to read about its code (``mocctl explain MOCnnn``, the section of
docs/checks.md with the anchor ``#mocnnn``).
"""

from __future__ import annotations

from mocctl.reporters import Report, accepted_note


def see(code: str) -> str:
    """The pointer to a code's documentation that ends a hint line."""
    return f"(see: mocctl explain {code})"


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        where = f"{f.file}:{f.line}:{f.column}"
        lines.append(f"{where}: {f.severity.value} {f.code} {f.message}{accepted_note(f)}")
        if f.hint:
            lines.append(f"    hint: {f.hint} {see(f.code)}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
