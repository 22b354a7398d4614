"""``mocctl draft modification|notice|decision``: a draft letter and its record skeleton.

By default both go to stdout, each after a ``==> NAME <==`` line; ``-o DIR`` writes
``DIR/<id>.md`` and ``DIR/<id>.yaml`` atomically, and never replaces a file without ``--force``.
Warnings about the drafted record (MOC4xx wording, lifecycle) go to stderr before anything else.
``--format json`` prints one object instead: ``{"letter": {"path", "text"}, "record": {"path",
"text"}, "dates": {…}, "findings": […]}`` (``path`` is null unless ``-o`` wrote the file).

The drafting domain names the fields of a request (``by``); :data:`OPTIONS` says which option
gives each, so that its errors read as the user typed them (``--by``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mocctl.commands.common import load_checked
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.findings import Finding, display_path
from mocctl.render.output import write_json
from mocctl.settings import Settings, parse_date

if TYPE_CHECKING:
    from mocctl.drafting import Draft, Templates

    Maker = Callable[[MemorandumRecords, Templates, str], Draft]

# The option that gives each field of a drafting request.
OPTIONS = {
    "add_area": "--add-area",
    "by": "--by",
    "dated": "--dated",
    "effective": "--effective",
    "end_activity": "--end-activity",
    "id": "--id",
    "received": "--received",
    "replace_text": "--replace-text",
    "requested_effective": "--requested-effective",
    "set_term": "--set-term",
    "template": "--template",
    "title": "--title",
    "to": "--to",
}


@contextmanager
def _as_options() -> Iterator[None]:
    """A :class:`~mocctl.drafting.DraftError` worded with the options the user typed."""
    from mocctl.drafting import DraftError

    try:
        yield
    except DraftError as error:
        message, hint = error.worded(OPTIONS)
        raise UsageError(message, hint=hint) from None


def run_modification(
    settings: Settings,
    memorandum_id: str | None,
    *,
    title: str | None,
    effective: str | None,
    add_areas: Sequence[str],
    replace_texts: Sequence[str],
    set_terms: Sequence[str],
    record_id: str | None,
    output: Path | None,
    force: bool,
    templates: Sequence[Path],
) -> int:
    from mocctl import drafting

    with _as_options():
        request = drafting.ModificationRequest(
            effective=parse_date(effective, "--effective") if effective else None,
            title=title,
            record_id=record_id,
            add_areas=[area for spec in add_areas for area in drafting.read_areas(spec)],
            replace_texts=[
                drafting.read_replacement(spec, sys.stdin.read) for spec in replace_texts
            ],
            set_terms=[
                drafting.parse_assignment(spec, "set_term", "TERM=VALUE") for spec in set_terms
            ],
        )
        return _run(
            settings,
            memorandum_id,
            output,
            force,
            templates,
            lambda records, tpl, prefix: drafting.modification(
                records, settings.today, tpl, request, prefix
            ),
        )


def run_notice(
    settings: Settings,
    memorandum_id: str | None,
    *,
    by: str,
    received: str | None,
    requested_effective: str | None,
    dated: str | None,
    to: Sequence[str],
    record_id: str | None,
    output: Path | None,
    force: bool,
    templates: Sequence[Path],
) -> int:
    from mocctl import drafting

    with _as_options():
        request = drafting.NoticeRequest(
            by=by,
            received=parse_date(received, "--received") if received else None,
            requested_effective=(
                parse_date(requested_effective, "--requested-effective")
                if requested_effective
                else None
            ),
            dated=parse_date(dated, "--dated") if dated else None,
            to=list(to),
            record_id=record_id,
        )
        return _run(
            settings,
            memorandum_id,
            output,
            force,
            templates,
            lambda records, tpl, prefix: drafting.notice(
                records, settings.today, tpl, request, prefix
            ),
        )


def run_decision(
    settings: Settings,
    memorandum_id: str | None,
    *,
    title: str | None,
    effective: str | None,
    end_activities: Sequence[str],
    add_areas: Sequence[str],
    record_id: str | None,
    output: Path | None,
    force: bool,
    templates: Sequence[Path],
) -> int:
    from mocctl import drafting

    with _as_options():
        ends = []
        for spec in end_activities:
            activity, day = drafting.parse_assignment(spec, "end_activity", "ACTIVITY=DATE")
            ends.append((activity, parse_date(day, f"--end-activity {activity}=")))
        request = drafting.DecisionRequest(
            effective=parse_date(effective, "--effective") if effective else None,
            title=title,
            record_id=record_id,
            end_activities=ends,
            add_areas=[area for spec in add_areas for area in drafting.read_areas(spec)],
        )
        return _run(
            settings,
            memorandum_id,
            output,
            force,
            templates,
            lambda records, tpl, prefix: drafting.decision(
                records, settings.today, tpl, request, prefix
            ),
        )


# -- shared ------------------------------------------------------------------------------------


def _run(
    settings: Settings,
    memorandum_id: str | None,
    output: Path | None,
    force: bool,
    template_paths: Sequence[Path],
    make: Maker,
) -> int:
    from mocctl.commands.common import exit_code, findings_of, one_memorandum, report_findings
    from mocctl.drafting import Templates

    fmt = settings.output_format(("text", "json"))
    loaded = load_checked(settings)
    records = one_memorandum(loaded, memorandum_id)
    templates = Templates(records.folder / "templates", **_one_offs(template_paths))
    prefix = display_path(output).rstrip("/") + "/" if output is not None else ""
    draft = make(records, templates, prefix)
    if fmt == "text":
        _warn(draft)
    paths = _write(output, draft, force) if output is not None else None
    if fmt == "json":
        write_json(to_json(draft, paths, [*draft.findings, *findings_of(loaded, records)]))
    elif output is None:
        sys.stdout.write(f"==> {draft.letter_name} <==\n{draft.letter}")
        if not draft.letter.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.write(f"\n==> {draft.record_name} <==\n{draft.record}")
    if fmt == "text":
        report_findings(loaded.findings)
    return exit_code(loaded.findings)


def to_json(draft: Draft, paths: tuple[Path, Path] | None, findings: Sequence[Finding]) -> Any:
    """The draft as one JSON object (dates as ISO text once written)."""
    letter, record = (display_path(p) for p in paths) if paths else (None, None)
    return {
        "kind": draft.kind,
        "id": draft.id,
        "letter": {"path": letter, "text": draft.letter},
        "record": {"path": record, "text": draft.record},
        "dates": dict(draft.dates),
        "notes": list(draft.notes),
        "findings": [f.to_json() for f in findings],
    }


def _warn(draft: Draft) -> None:
    for f in draft.findings:
        sys.stderr.write(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}\n")
        if f.hint:
            sys.stderr.write(f"    hint: {f.hint}\n")
    for note in draft.notes:
        sys.stderr.write(f"mocctl: note: {note}\n")


def _write(folder: Path, draft: Draft, force: bool) -> tuple[Path, Path]:
    from mocctl.io.atomic import atomic_write_text, check_writable

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: not a folder")
    letter, record = folder / draft.letter_name, folder / draft.record_name
    check_writable([letter, record], overwrite=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {folder}: {error.strerror}") from None
    atomic_write_text(letter, draft.letter, overwrite=force)
    atomic_write_text(record, draft.record, overwrite=force)
    sys.stderr.write(f"mocctl: wrote {display_path(letter)} and {display_path(record)}\n")
    return letter, record


def _one_offs(paths: Sequence[Path]) -> dict[str, Path]:
    """``--template`` files by role: a name ending in .yaml.j2 (or .yml…) is the record's."""
    roles: dict[str, Path] = {}
    for path in paths:
        stem = path.name.removesuffix(".j2")
        role = "record" if stem.endswith((".yaml", ".yml")) else "letter"
        if role in roles:
            raise UsageError(
                f"--template given twice for the {role} ({roles[role]} and {path})",
                hint="a template whose name ends in .yaml.j2 replaces the record's; "
                "any other replaces the letter's",
            )
        roles[role] = path
    return roles
