"""Find record files, read them, and sort their documents into memoranda.

This is the impure edge: it touches the file system. Everything it returns is plain values
(immutable models and findings) for the pure rules to work on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding, Source, display_path, sort_findings
from mocctl.io.folders import MEMORANDUM_FILES, record_files
from mocctl.io.limits import MAX_FILE_BYTES
from mocctl.io.paths import kind_of, real_path, shown_below
from mocctl.io.portfolio import Identity, discover, duplicate_memorandum_ids
from mocctl.io.yamlio import decode, file_finding, parse
from mocctl.model.records import (
    API_VERSION,
    KINDS,
    MODELS,
    Record,
)
from mocctl.model.salvage import Shadow


@dataclass
class Loaded:
    """What a load found: the memoranda, the findings, and how many files it read."""

    memoranda: list[MemorandumRecords] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0


def load(paths: Sequence[Path]) -> Loaded:
    """Read every memorandum folder that ``paths`` name; report every problem found."""
    loaded = Loaded()
    for folder in discover(paths, loaded.findings):
        records, files = load_folder(folder, loaded.findings)
        loaded.files_checked += len(files)
        if records is not None:
            loaded.memoranda.append(records)
    loaded.findings.extend(
        duplicate_memorandum_ids(
            [identity(records) for records in loaded.memoranda if records.memorandum is not None]
        )
    )
    loaded.findings = sort_findings(loaded.findings)
    return loaded


def load_folder(
    folder: Path, findings: list[Finding], contents: Mapping[str, bytes] | None = None
) -> tuple[MemorandumRecords | None, list[Path]]:
    """The records of one memorandum folder (None when it holds no record file) and the files
    read; every problem goes to ``findings``. A file whose path is in ``contents`` (bytes read
    moments before, to hash the folder: :func:`mocctl.io.fingerprint.folder_key`) is not read
    again."""
    before = len(findings)
    files = record_files(folder, findings)
    if not files:
        if len(findings) == before:
            findings.append(
                file_finding("MOC009", f"no *.yaml record files in {folder}", display_path(folder))
            )
        return None, []
    return _load_folder(folder, files, findings, contents or {}), files


def identity(records: MemorandumRecords) -> Identity:
    """The id of the memorandum of ``records`` (which has one) and the position of its value."""
    memo = records.memorandum
    assert memo is not None
    at = memo.source.value_at("id")
    return Identity(memo.id, memo.source.file, at.line, at.column)


def _load_folder(
    folder: Path, files: list[Path], findings: list[Finding], contents: Mapping[str, bytes]
) -> MemorandumRecords:
    records: list[Record] = []
    kinds: set[str] = set()
    unreadable: list[Shadow] = []
    root = real_path(folder)
    unreadable_memorandum = False  # memorandum.yaml is there, with findings that say why
    shown_of = shown_below(folder)
    for file in files:
        shown = shown_of(file)
        before = len(findings)
        # record_files follows no link to a folder: only a link to a file can lead outside
        if file.is_symlink() and not real_path(file).is_relative_to(root):
            findings.append(
                file_finding(
                    "MOC001",
                    "file is a link to outside the memorandum folder; it is not read",
                    shown,
                )
            )
        else:
            records.extend(
                read_file(file, shown, findings, kinds, unreadable, raw=contents.get(str(file)))
            )
        if file.parent == folder and file.name in MEMORANDUM_FILES and len(findings) > before:
            unreadable_memorandum = True
    by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for record in records:
        by_kind[type(record).__name__].append(record)
    # With several, the one in memorandum.yaml is the memorandum; the others are extra.
    memoranda = sorted(
        by_kind["Memorandum"],
        key=lambda m: (Path(m.source.file).name not in MEMORANDUM_FILES, m.source.file),
    )
    # else the errors of the Memorandum record, or of memorandum.yaml, say what is wrong
    if not memoranda and "Memorandum" not in kinds and not unreadable_memorandum:
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
        shadow=Shadow.of(unreadable),
    )


def read_file(
    file: Path,
    shown: str,
    findings: list[Finding],
    kinds: set[str] | None = None,
    unreadable: list[Shadow] | None = None,
    *,
    raw: bytes | None = None,
) -> list[Record]:
    """The valid records in ``file``; every problem goes to ``findings``.

    ``kinds`` collects the kind of every document with a known kind, valid or not. ``raw``:
    the file's bytes when they have just been read (to hash them), not read again.
    """
    problem: Finding | None = None
    if raw is None:
        raw, problem = read_bounded(file, shown)
    elif len(raw) > MAX_FILE_BYTES:  # as read_bounded would say of it
        problem = _too_big(len(raw), shown)
        raw = None
    if raw is None:
        findings.append(problem)  # type: ignore[arg-type]
        return []
    text, problem = decode(raw, shown)
    if text is None:
        findings.append(problem)  # type: ignore[arg-type]
        return []
    return read_text(text, shown, findings, kinds, unreadable)


def read_bounded(file: Path, shown: str) -> tuple[bytes | None, Finding | None]:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or the finding that says why not.

    The file is looked at before it is opened (a FIFO would block, a device never end), opened
    without blocking, looked at again through the open handle, and read no further than the
    limit, so that neither a file that changes nor one that lies about its size can go past it.
    """
    try:
        status = file.stat()
    except (OSError, ValueError) as error:
        return None, _os_finding(error, shown)
    if not stat.S_ISREG(status.st_mode):
        return None, _not_regular(status.st_mode, shown)
    if status.st_size > MAX_FILE_BYTES:
        return None, _too_big(status.st_size, shown)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(file, flags)
    except (OSError, ValueError) as error:
        return None, _os_finding(error, shown)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            return None, _not_regular(status.st_mode, shown)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(handle, min(1 << 16, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return None, _os_finding(error, shown)
    finally:
        os.close(handle)
    if size > MAX_FILE_BYTES:
        return None, _too_big(size, shown, more=True)
    return b"".join(chunks), None


def _os_finding(error: OSError | ValueError, shown: str) -> Finding:
    if isinstance(error, ValueError):
        return file_finding("MOC016", "the name holds a NUL character; it is not read", shown)
    if error.errno == errno.ELOOP:
        return file_finding(
            "MOC015", "the link loops (it leads back to itself); it is not read", shown
        )
    if error.errno == errno.ENAMETOOLONG:
        return file_finding("MOC016", "the name is too long for the system; it is not read", shown)
    return file_finding("MOC001", f"cannot read the file: {error.strerror}", shown)


def _not_regular(mode: int, shown: str) -> Finding:
    return file_finding(
        "MOC013",
        f"the path is {kind_of(mode)}, not a regular file; it is not read",
        shown,
        hint="records are plain files; remove it or give it a name that does not end in .yaml",
    )


def _too_big(size: int, shown: str, more: bool = False) -> Finding:
    return file_finding(
        "MOC006",
        f"file is {'more than ' if more else ''}{size - (1 if more else 0):,} bytes; "
        f"record files are limited to {MAX_FILE_BYTES:,} bytes",
        shown,
    )


def read_text(
    text: str,
    shown: str,
    findings: list[Finding],
    kinds: set[str] | None = None,
    unreadable: list[Shadow] | None = None,
) -> list[Record]:
    """The records in ``text`` (named ``shown`` in findings).

    A record with schema errors is reported, and kept without its invalid parts when what is
    left is valid (:mod:`mocctl.model.salvage`), so that one mistake hides no other finding;
    ``unreadable`` collects what each such record names (its id, the areas it adds…).
    """
    from pydantic import ValidationError

    from mocctl.model.errors import findings_for
    from mocctl.model.salvage import named_by, salvage

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
            # Keep checking what can be checked: the record without its invalid parts, else
            # what it names (so that references to it are not reported as unknown).
            if unreadable is not None:
                unreadable.append(named_by(data))
            kept = salvage(model, data, error, source)
            if kept is not None:
                records.append(kept)
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
    if not isinstance(kind, str):  # a list or a map: not a kind, and not hashable either
        return source.finding(
            "MOC102",
            f"kind must be one word, not {'a list' if isinstance(kind, list) else 'a mapping'}"
            if isinstance(kind, list | dict)
            else f"kind must be one word, not {kind!r}",
            "kind",
            hint="kind is one of " + ", ".join(KINDS),
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
