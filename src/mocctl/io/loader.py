"""Find record files, read them, and sort their documents into memoranda.

This is the impure edge: it touches the file system. Everything it returns is plain values
(immutable models and findings) for the pure rules to work on.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.findings import Finding, Source, display_path, sort_findings
from mocctl.io.yamlio import decode, file_finding, parse
from mocctl.model.records import (
    API_VERSION,
    KINDS,
    MODELS,
    Memorandum,
    Record,
)

SUFFIXES = (".yaml", ".yml")
MEMORANDUM_FILES = ("memorandum.yaml", "memorandum.yml")
_SKIPPED_DIRS = {"templates", "documents"}


@dataclass
class Loaded:
    """What a load found: the memoranda, the findings, and how many files it read."""

    memoranda: list[MemorandumRecords] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0


def default_records() -> Path:
    """The records folder to use when none is named: ./records, else the embedded default."""
    local = Path("records")
    if local.is_dir():
        return local
    return embedded_records()


def embedded_records() -> Path:
    """The Japan–UK memorandum shipped with mocctl (in a wheel, or in a source checkout)."""
    here = Path(__file__).resolve().parents[1]  # the mocctl package
    for candidate in (here / "default_records", here.parents[1] / "records"):
        if candidate.is_dir():
            return candidate
    raise UsageError(
        "the embedded default records are missing from this installation",
        hint="reinstall mocctl, or name a folder with --records",
    )


def memorandum_folders(path: Path) -> list[Path]:
    """The memorandum folders that ``path`` names or holds.

    A folder that holds record files directly is one memorandum folder; otherwise each of its
    sub-folders is one. A file belongs to the nearest folder above it that holds a
    ``memorandum.yaml`` (else to its own folder).
    """
    if path.is_file():
        for parent in path.resolve().parents:
            if any((parent / name).is_file() for name in MEMORANDUM_FILES):
                return [parent]
        return [path.resolve().parent]
    if _has_records(path):
        return [path]
    return [
        child
        for child in sorted(path.iterdir())
        if child.is_dir() and not child.name.startswith(".")
    ]


def _has_records(folder: Path) -> bool:
    return any(child.is_file() and child.suffix in SUFFIXES for child in folder.iterdir())


def record_files(folder: Path) -> list[Path]:
    """Every *.yaml / *.yml file below ``folder``, except in hidden, templates, documents."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        found.extend(
            Path(root, name)
            for name in sorted(files)
            if name.endswith(SUFFIXES) and not name.startswith(".")
        )
    return found


def load(paths: Sequence[Path]) -> Loaded:
    """Read every memorandum folder that ``paths`` name; report every problem found."""
    loaded = Loaded()
    folders: dict[Path, Path] = {}  # resolved → as named
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist")
        for folder in memorandum_folders(path):
            folders.setdefault(folder.resolve(), folder)
    for folder in folders.values():
        files = record_files(folder)
        if not files:
            loaded.findings.append(
                file_finding("MOC009", f"no *.yaml record files in {folder}", display_path(folder))
            )
            continue
        loaded.files_checked += len(files)
        loaded.memoranda.append(_load_folder(folder, files, loaded.findings))
    loaded.findings.extend(_duplicate_memorandum_ids(loaded.memoranda))
    if not folders:
        for path in paths:
            loaded.findings.append(
                file_finding("MOC009", f"no memorandum folders in {path}", display_path(path))
            )
    loaded.findings = sort_findings(loaded.findings)
    return loaded


def _load_folder(folder: Path, files: list[Path], findings: list[Finding]) -> MemorandumRecords:
    records: list[Record] = []
    kinds: set[str] = set()
    root = folder.resolve()
    for file in files:
        shown = display_path(file)
        if not file.resolve().is_relative_to(root):
            findings.append(
                file_finding(
                    "MOC001",
                    "file is a link to outside the memorandum folder; it is not read",
                    shown,
                )
            )
            continue
        records.extend(read_file(file, shown, findings, kinds))
    by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for record in records:
        by_kind[type(record).__name__].append(record)
    # With several, the one in memorandum.yaml is the memorandum; the others are extra.
    memoranda = sorted(
        by_kind["Memorandum"],
        key=lambda m: (Path(m.source.file).name not in MEMORANDUM_FILES, m.source.file),
    )
    if not memoranda and "Memorandum" not in kinds:  # else its own errors say what is wrong
        findings.append(
            file_finding(
                "MOC202",
                "this memorandum folder has no `kind: Memorandum` record",
                display_path(folder),
                hint="add memorandum.yaml, or run `mocctl init`",
            )
        )
    for extra in memoranda[1:]:
        findings.append(
            extra.source.finding(
                "MOC203",
                f"a second Memorandum ('{extra.id}') in the folder of '{memoranda[0].id}'",
                "kind",
            )
        )

    def sorted_(kind: str) -> tuple[Record, ...]:
        return tuple(sorted(by_kind[kind], key=lambda record: record.id))

    return MemorandumRecords(
        folder=folder,
        memorandum=memoranda[0] if memoranda else None,  # type: ignore[arg-type]
        modifications=sorted_("Modification"),  # type: ignore[arg-type]
        notices=sorted_("Notice"),  # type: ignore[arg-type]
        activities=sorted_("Activity"),  # type: ignore[arg-type]
        decisions=sorted_("Decision"),  # type: ignore[arg-type]
    )


def read_file(
    file: Path, shown: str, findings: list[Finding], kinds: set[str] | None = None
) -> list[Record]:
    """The valid records in ``file``; every problem goes to ``findings``.

    ``kinds`` collects the kind of every document with a known kind, valid or not.
    """
    try:
        raw = file.read_bytes()
    except OSError as error:
        findings.append(file_finding("MOC001", f"cannot read the file: {error.strerror}", shown))
        return []
    text, problem = decode(raw, shown)
    if text is None:
        findings.append(problem)  # type: ignore[arg-type]
        return []
    return read_text(text, shown, findings, kinds)


def read_text(
    text: str, shown: str, findings: list[Finding], kinds: set[str] | None = None
) -> list[Record]:
    """The valid records in ``text`` (named ``shown`` in findings)."""
    from pydantic import ValidationError

    from mocctl.model.errors import findings_for

    documents, problems = parse(text, shown)
    findings.extend(problems)
    if not documents and not problems:
        findings.append(file_finding("MOC007", "the file holds no record", shown))
    records: list[Record] = []
    for document in documents:
        data, source = document.data, document.source
        if data is None:
            findings.append(file_finding("MOC007", "empty YAML document", shown, document.line))
            continue
        if not isinstance(data, dict):
            findings.append(
                source.finding(
                    "MOC008", "a record must be a mapping of keys (apiVersion, kind, id, …)"
                )
            )
            continue
        problem = _header_problem(data, source)
        if problem:
            findings.append(problem)
            continue
        if kinds is not None:
            kinds.add(data["kind"])
        model = MODELS[data["kind"]]
        try:
            record = model.model_validate(data)
        except ValidationError as error:
            findings.extend(findings_for(error, data, source, data["kind"]))
            continue
        records.append(record.located(source))
    return records


def _header_problem(data: dict[str, object], source: Source) -> Finding | None:
    version = data.get("apiVersion")
    if version is None:
        return source.finding(
            "MOC101",
            "required key 'apiVersion' is missing",
            hint=f"start the record with apiVersion: {API_VERSION}",
        )
    if version != API_VERSION:
        return source.finding(
            "MOC101",
            f"apiVersion {version!r} is not supported; this mocctl reads {API_VERSION}",
            "apiVersion",
        )
    kind = data.get("kind")
    if kind is None:
        return source.finding(
            "MOC102", "required key 'kind' is missing", hint="kind is one of " + ", ".join(KINDS)
        )
    if kind not in MODELS:
        import difflib

        close = difflib.get_close_matches(str(kind), KINDS, n=1)
        return source.finding(
            "MOC102",
            f"unknown kind {kind!r}",
            "kind",
            hint=f"did you mean {close[0]}?" if close else "kind is one of " + ", ".join(KINDS),
        )
    return None


def _duplicate_memorandum_ids(memoranda: list[MemorandumRecords]) -> list[Finding]:
    seen: dict[str, Memorandum] = {}
    findings = []
    for entry in memoranda:
        memo = entry.memorandum
        if memo is None:
            continue
        if memo.id in seen:
            findings.append(
                memo.source.finding(
                    "MOC204",
                    f"memorandum id '{memo.id}' is also used by {seen[memo.id].source.file}",
                    "id",
                )
            )
        else:
            seen[memo.id] = memo
    return findings
