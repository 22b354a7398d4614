"""``file:line:col: severity CODE message`` lines, then the summary."""

from __future__ import annotations

from mocctl.reporters import Report


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}")
        if f.hint:
            lines.append(f"    hint: {f.hint}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
