"""Find record files, read them, and sort their documents into memoranda.

This is the impure edge: it touches the file system. Everything it returns is plain values
(immutable models and findings) for the pure rules to work on.
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.findings import Finding, Source, display_path, sort_findings
from mocctl.io.limits import MAX_ENTRIES, MAX_FILE_BYTES, MAX_FILES
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

    A folder that holds a ``memorandum.yaml`` is one memorandum folder. Otherwise, when any of
    its sub-folders holds one, each sub-folder is one (the records folder); else a folder that
    holds record files directly is one; else, when any sub-folder holds record files, each
    sub-folder is one. A folder that holds no records in any of these ways is a usage error,
    rather than reading a whole repository as one memorandum. A file belongs to the nearest
    folder above it that holds a ``memorandum.yaml`` (else to its own folder).
    """
    return _memorandum_folders(path, [])


def _memorandum_folders(path: Path, findings: list[Finding]) -> list[Path]:
    """:func:`memorandum_folders`; what is not read goes to ``findings``, with the reason."""
    kind = _check_records_path(path)
    if kind == "file":
        for parent in _real(path).parents:
            if _has_memorandum(parent):
                return [parent]
        return [_real(path).parent]
    if _has_memorandum(path):
        return [path]
    listing = [child for child in _listing(path) if not child.name.startswith(".")]
    children: list[Path] = []
    skipped: list[Finding] = []
    for child in listing:
        if not _is_folder(child):
            continue
        if not _readable_name(child.name):
            skipped.append(_name_finding(child))
        elif child.is_symlink():
            skipped.append(
                file_finding(
                    "MOC015",
                    f"a link to a folder ({child.readlink()}); links to folders are not "
                    "followed, so the records in it are not read",
                    _shown_name(child),
                    hint="name the folder itself with --records, or replace the link by it",
                )
            )
        else:
            children.append(child)
    if any(_has_memorandum(child) for child in children):
        findings.extend(skipped)
        findings.extend(
            file_finding(
                "MOC017",
                "a record file directly in the records folder, outside every memorandum "
                "folder; it is not read",
                _shown_name(stray),
                hint="move it into the folder of its memorandum",
            )
            for stray in listing
            if stray.name.endswith(SUFFIXES) and _readable_name(stray.name)
        )
        return children
    if _has_records(path):
        return [path]
    if not any(_has_records(child, quiet=True) for child in children):
        raise UsageError(
            f"{path} holds no records: no *.yaml record files in it, and no memorandum folders "
            "(folders of *.yaml files) in it",
            hint="name the records folder (the one that holds a folder per memorandum)",
        )
    findings.extend(skipped)
    return children


def _has_memorandum(folder: Path) -> bool:
    return any(_is_regular(folder / name) for name in MEMORANDUM_FILES)


def _check_records_path(path: Path) -> str:
    """``"folder"`` or ``"file"``; a usage error for any path that cannot be records."""
    try:
        status = path.stat()
    except ValueError:
        raise UsageError(
            f"{_printable(path)} is not a usable path (it holds a NUL character)"
        ) from None
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist") from None
    except OSError as error:
        raise UsageError(f"{path} cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        _listing(path)
        return "folder"
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(
            f"{path} is {_kind_of(status.st_mode)}, not a records folder or a record file"
        )
    if not path.name.endswith(SUFFIXES):
        raise UsageError(
            f"{path} is not a records folder or a *.yaml record file",
            hint="name the records folder, or a record file ending in .yaml or .yml",
        )
    return "file"


def _listing(folder: Path) -> list[Path]:
    """The entries of ``folder``, sorted; a usage error when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries)
    except OSError as error:
        raise UsageError(f"cannot read the folder {folder}: {error.strerror}") from None


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _readable_name(name: str) -> bool:
    """Whether a name from the file system is printable text (UTF-8, no control characters)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return name.isprintable()


def _printable(path: Path) -> str:
    """``path`` as text that prints on one line: bytes that are not UTF-8 and controls escaped."""
    text = os.fsencode(path).decode("utf-8", "replace") if "\x00" not in str(path) else str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _shown_name(path: Path) -> str:
    """``display_path`` of a path whose name may hold bytes that are not UTF-8, or controls."""
    return display_path(Path(_printable(path)))


def _name_finding(path: Path) -> Finding:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        why = "is not UTF-8 text"
    else:
        why = "holds control characters (such as a line break)"
    return file_finding("MOC016", f"the name {why}; it is not read", _shown_name(path))


def _has_records(folder: Path, quiet: bool = False) -> bool:
    try:
        children = _listing(folder)
    except UsageError:
        if quiet:
            return False
        raise
    return any(
        child.name.endswith(SUFFIXES) and not child.name.startswith(".") for child in children
    )


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def record_files(folder: Path, findings: list[Finding] | None = None) -> list[Path]:
    """Every *.yaml / *.yml file below ``folder``, except in hidden, templates, documents.

    Every path below ``folder`` that could hold records and is not read gets a finding in
    ``findings``: a folder that cannot be listed (MOC014), a link to a folder, a link that
    loops or leads nowhere (MOC015), a name that is not UTF-8 (MOC016), and files beyond the
    limit per memorandum folder (MOC011). Links to files are returned: :func:`read_file` checks
    where they lead.
    """
    found: list[Path] = []
    notes: list[Finding] = [] if findings is None else findings

    def note(code: str, path: Path, message: str, hint: str | None = None) -> None:
        notes.append(file_finding(code, message, _shown_name(path), hint=hint))

    pending = [folder]
    visited = 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:  # no more than the limit is ever listed
                entries = sorted(
                    itertools.islice(listing, MAX_ENTRIES - visited + 1),
                    key=lambda entry: entry.name,
                )
        except OSError as error:
            note(
                "MOC014",
                current,
                f"cannot read the folder: {error.strerror}; the records in it are not read",
                hint="make the folder readable (or remove it) and run again",
            )
            continue
        folders: list[Path] = []
        for entry in entries:
            name, path = entry.name, Path(entry.path)
            if name.startswith("."):
                continue
            record_like = name.endswith(SUFFIXES)
            if not _readable_name(name):
                if record_like or _is_folder(path):
                    notes.append(_name_finding(path))
                continue
            visited += 1
            if visited > MAX_ENTRIES:
                note(
                    "MOC011",
                    folder,
                    f"the memorandum folder holds more than {MAX_ENTRIES:,} files and folders "
                    "(the limit per memorandum); the rest are not read",
                    hint="keep one folder per memorandum, and only its records in it",
                )
                return found
            try:
                linked = entry.is_symlink()
                is_folder = not linked and entry.is_dir(follow_symlinks=False)
            except OSError as error:
                note("MOC001", path, f"cannot read the file: {error.strerror}")
                continue
            if linked:
                problem = _link_problem(path, record_like, name in _SKIPPED_DIRS)
                if problem:
                    note("MOC015", path, problem, hint="replace the link by the files themselves")
                elif record_like:
                    found.append(path)
            elif is_folder:
                if name not in _SKIPPED_DIRS:
                    folders.append(path)
            elif record_like:
                found.append(path)
            if len(found) > MAX_FILES:
                note(
                    "MOC011",
                    folder,
                    f"the memorandum folder holds more than {MAX_FILES:,} record files (the "
                    f"limit per memorandum); only the first {MAX_FILES:,} are read",
                    hint="keep one folder per memorandum, and only its records in it",
                )
                return found[:MAX_FILES]
        pending.extend(reversed(folders))
    return found


def _link_problem(path: Path, record_like: bool, skipped: bool) -> str | None:
    """Why a link below a memorandum folder is not followed, or None to read it as a file."""
    try:
        target = path.stat()
    except OSError as error:
        if not record_like:
            return None  # a broken link that is not a record by its name: nothing to read
        if error.errno == errno.ELOOP:
            return "the link loops (it leads back to itself); it is not read"
        return f"the link leads nowhere ({error.strerror}); it is not read"
    if stat.S_ISDIR(target.st_mode):
        if skipped:
            return None
        return (
            f"a link to a folder ({path.readlink()}); links to folders are not followed, "
            "so the records in it are not read"
        )
    return None


def load(paths: Sequence[Path]) -> Loaded:
    """Read every memorandum folder that ``paths`` name; report every problem found."""
    loaded = Loaded()
    folders: dict[Path, Path] = {}  # resolved → as named
    for path in paths:
        for folder in _memorandum_folders(path, loaded.findings):
            folders.setdefault(_real(folder), folder)
    for folder in folders.values():
        before = len(loaded.findings)
        files = record_files(folder, loaded.findings)
        if not files:
            if len(loaded.findings) == before:
                loaded.findings.append(
                    file_finding(
                        "MOC009", f"no *.yaml record files in {folder}", display_path(folder)
                    )
                )
            continue
        loaded.files_checked += len(files)
        loaded.memoranda.append(_load_folder(folder, files, loaded.findings))
    loaded.findings.extend(_duplicate_memorandum_ids(loaded.memoranda))
    loaded.findings = sort_findings(loaded.findings)
    return loaded


def _load_folder(folder: Path, files: list[Path], findings: list[Finding]) -> MemorandumRecords:
    records: list[Record] = []
    kinds: set[str] = set()
    root = _real(folder)
    unreadable_memorandum = False  # memorandum.yaml is there, with findings that say why
    for file in files:
        shown = _shown_name(file)
        before = len(findings)
        if not _real(file).is_relative_to(root):
            findings.append(
                file_finding(
                    "MOC001",
                    "file is a link to outside the memorandum folder; it is not read",
                    shown,
                )
            )
        else:
            records.extend(read_file(file, shown, findings, kinds))
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
    )


def read_file(
    file: Path, shown: str, findings: list[Finding], kinds: set[str] | None = None
) -> list[Record]:
    """The valid records in ``file``; every problem goes to ``findings``.

    ``kinds`` collects the kind of every document with a known kind, valid or not.
    """
    raw, problem = read_bounded(file, shown)
    if raw is None:
        findings.append(problem)  # type: ignore[arg-type]
        return []
    text, problem = decode(raw, shown)
    if text is None:
        findings.append(problem)  # type: ignore[arg-type]
        return []
    return read_text(text, shown, findings, kinds)


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
        f"the path is {_kind_of(mode)}, not a regular file; it is not read",
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
    text: str, shown: str, findings: list[Finding], kinds: set[str] | None = None
) -> list[Record]:
    """The records in ``text`` (named ``shown`` in findings).

    A record with schema errors is reported, and kept without its invalid parts when what is
    left is valid (:mod:`mocctl.model.salvage`), so that one mistake hides no other finding.
    """
    from pydantic import ValidationError

    from mocctl.model.errors import findings_for
    from mocctl.model.salvage import forget, remember, salvage

    forget(shown)
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
            remember(shown, data)
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
