"""``mocctl text``: the consolidated text as in force on a date, as Markdown or JSON."""

from __future__ import annotations

import sys

from mocctl.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mocctl.findings import Finding, Severity
from mocctl.loader import Loaded, MemorandumRecords
from mocctl.output import write_json
from mocctl.settings import Settings
from mocctl.workspace import findings_of, load_checked, select


def run(settings: Settings, memorandum_id: str | None) -> int:
    from mocctl import textview

    fmt = settings.output_format(("text", "json"))
    loaded = load_checked(settings)
    records = one_memorandum(loaded, memorandum_id)
    view = textview.view_of(records, settings.today)
    found = findings_of(loaded, records)
    if fmt == "json":
        data = textview.to_json(view)
        data["findings"] = [f.to_json() for f in found]
        write_json(data)
    else:
        sys.stdout.write(textview.markdown(view))
        report_findings(loaded.findings)
    return exit_code(loaded.findings)


def one_memorandum(loaded: Loaded, memorandum_id: str | None) -> MemorandumRecords:
    """The memorandum a single-memorandum command works on: the one named, or the only one."""
    chosen = select(loaded, memorandum_id)
    if not chosen:
        problems = [f for f in loaded.findings if f.severity is Severity.ERROR]
        report_findings(problems)
        raise UsageError(
            "no memorandum could be read from the records",
            hint="run `mocctl validate` to see why" if problems else None,
        )
    if len(chosen) > 1:
        raise UsageError(
            "the records hold several memoranda; name one: " + ", ".join(m.id for m in chosen)
        )
    return chosen[0]


def report_findings(findings: list[Finding]) -> None:
    """Errors on stderr, one line each, and a count of the warnings (the output stays clean)."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    for f in errors:
        sys.stderr.write(f"{f.file}:{f.line}:{f.column}: error {f.code} {f.message}\n")
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    if errors or warnings:
        parts = [f"{len(errors)} error{'s' if len(errors) != 1 else ''}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        sys.stderr.write(
            f"mocctl: {' and '.join(parts)} in the records; run `mocctl validate` for details\n"
        )


def exit_code(findings: list[Finding]) -> int:
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
