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
    non_renewal: bool = False,
) -> int:
    """``draft notice``, or ``draft non-renewal`` (``non_renewal``: a notice of non-renewal)."""
    from mocctl import drafting

    make = drafting.non_renewal if non_renewal else drafting.notice
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
            lambda records, tpl, prefix: make(records, settings.today, tpl, request, prefix),
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
    """Write the letter and the record into ``folder``: both, or neither.

    Holding the folder's lock: the temporary files a killed earlier run left are removed first;
    then both files go through :func:`mocctl.io.atomic.write_files` (staged, synced, renamed,
    the first rename undone if the second fails). A pair that an earlier run left half-written
    (one file there, holding exactly what would be written now, the other missing) is completed
    rather than refused. SIGTERM during the write is an interrupt (undone like Ctrl-C). On any
    failure nothing is left: no file, no temporary file, no folder this run created.
    """
    from mocctl.io.atomic import FileWrite, check_writable, remove_temporaries, write_files
    from mocctl.io.lock import folder_lock

    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise UsageError(f"-o {folder}: not a folder")
    letter, record = folder / draft.letter_name, folder / draft.record_name
    texts = {letter: draft.letter, record: draft.record}
    made = _make_folders(folder)
    try:
        with folder_lock(folder), _sigterm_interrupts():
            for path in remove_temporaries(folder, [letter.name, record.name]):
                sys.stderr.write(
                    f"mocctl: removed {display_path(path)}, left by an interrupted write\n"
                )
            done = _half_written(texts)
            check_writable([p for p in texts if p not in done], overwrite=force)
            write_files(
                [
                    FileWrite(path, text, overwrite=force or path in done, expected=done.get(path))
                    for path, text in texts.items()
                ]
            )
    except OSError as error:  # what io.atomic does not word itself (a lock file, a listing)
        _remove_folders(made)
        reason = error.strerror or str(error)
        raise UsageError(
            f"cannot write the draft in {folder}: {reason}; nothing was written"
        ) from None
    except BaseException:
        _remove_folders(made)
        raise
    for path in done:
        sys.stderr.write(f"mocctl: {display_path(path)} was there already, as written now\n")
    sys.stderr.write(f"mocctl: wrote {display_path(letter)} and {display_path(record)}\n")
    return letter, record


def _half_written(texts: dict[Path, str]) -> dict[Path, bytes]:
    """The one file of the pair that an interrupted run left, if it holds what is written now."""
    present: dict[Path, bytes | None] = {}
    for path in texts:
        if path.is_symlink() or not path.exists():
            continue
        try:
            present[path] = path.read_bytes() if path.is_file() else None
        except OSError:
            present[path] = None
    if len(present) != 1:
        return {}
    ((path, old),) = present.items()
    return {path: old} if old is not None and old == texts[path].encode("utf-8") else {}


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, innermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            break
        missing.append(candidate)
    made: list[Path] = []
    for candidate in reversed(missing):
        try:
            candidate.mkdir()
        except OSError as error:
            _remove_folders(made)
            raise UsageError(f"cannot create {candidate}: {error.strerror}") from None
        made.insert(0, candidate)
    return made


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders this run created (innermost first), if they are still empty."""
    for candidate in made:
        try:
            candidate.rmdir()
        except OSError:
            return


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt while the block runs, so that its cleanup runs."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
