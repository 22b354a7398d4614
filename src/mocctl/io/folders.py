"""Finding the memorandum folders and the record files below a records path.

Every path is looked at with ``lstat`` before anything is read: only regular files are record
files, links are not followed, and every path that could hold records but is not read gets a
finding that says why (SPEC §5: nothing hidden). Reading the files is :mod:`mocctl.io.loader`'s."""

from __future__ import annotations

import errno
import itertools
import os
import stat
from pathlib import Path

from mocctl.errors import UsageError
from mocctl.findings import Finding
from mocctl.io.limits import MAX_ENTRIES, MAX_FILES
from mocctl.io.paths import (
    child_path,
    kind_of,
    name_finding,
    printable,
    readable_name,
    real_path,
    shown_name,
)
from mocctl.io.yamlio import file_finding

SUFFIXES = (".yaml", ".yml")


MEMORANDUM_FILES = ("memorandum.yaml", "memorandum.yml")


_SKIPPED_DIRS = {"templates", "documents"}


def default_records() -> Path:
    """The records folder to use when none is named: ./records, else the embedded default."""
    local = Path("records")
    if local.is_dir():
        return local
    return embedded_records()


def records_folder(named: Path | None) -> Path:
    """The records folder: ``named`` (--records / MOCCTL_RECORDS), else ./records, else the
    embedded one; a usage error when it does not exist or cannot be used."""
    root = named or default_records()
    try:
        exists = root.exists()
    except (OSError, ValueError) as error:  # a name too long, a NUL in it, a link loop
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(f"records folder {str(root)!r} cannot be used: {reason}") from None
    if not exists:
        raise UsageError(f"records folder {root} does not exist")
    return root


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
    return find_memorandum_folders(path, [])


def find_memorandum_folders(path: Path, findings: list[Finding]) -> list[Path]:
    """:func:`memorandum_folders`; what is not read goes to ``findings``, with the reason."""
    return find_folders(path, findings)[0]


def find_folders(path: Path, findings: list[Finding]) -> tuple[list[Path], bool]:
    """:func:`find_memorandum_folders`, and whether the folders are sub-folders of ``path``
    (each ``path / name``): what :func:`mocctl.io.portfolio.discover` would otherwise ask of
    every one of thousands of folders."""
    entries = _check_records_path(path)
    if entries is None:  # a file
        for parent in real_path(path).parents:
            if _has_memorandum(parent):
                return [parent], False
        return [real_path(path).parent], False
    if _has_memorandum(path):
        return [path], False
    listing = [entry for entry in entries if not entry.name.startswith(".")]
    children: list[Path] = []
    skipped: list[Finding] = []
    for entry in listing:
        if not _is_folder_entry(entry):
            continue
        name = entry.name
        if not readable_name(name):
            skipped.append(name_finding(Path(entry.path)))
        elif entry.is_symlink():
            child = Path(entry.path)
            skipped.append(
                file_finding(
                    "MOC015",
                    f"a link to a folder ({child.readlink()}); links to folders are not "
                    "followed, so the records in it are not read",
                    shown_name(child),
                    hint="name the folder itself with --records, or replace the link by it",
                )
            )
        else:
            children.append(child_path(path, name))
    if any(_has_memorandum(child) for child in children):
        findings.extend(skipped)
        findings.extend(
            file_finding(
                "MOC017",
                "a record file directly in the records folder, outside every memorandum "
                "folder; it is not read",
                shown_name(Path(stray.path)),
                hint="move it into the folder of its memorandum",
            )
            for stray in listing
            if stray.name.endswith(SUFFIXES) and readable_name(stray.name)
        )
        return children, True
    if any(e.name.endswith(SUFFIXES) for e in listing):  # _has_records(path), listed once
        return [path], False
    if not any(_has_records(child, quiet=True) for child in children):
        raise UsageError(
            f"{path} holds no records: no *.yaml record files in it, and no memorandum folders "
            "(folders of *.yaml files) in it",
            hint="name the records folder (the one that holds a folder per memorandum)",
        )
    findings.extend(skipped)
    return children, True


def _has_memorandum(folder: Path) -> bool:
    top = os.fspath(folder)
    for name in MEMORANDUM_FILES:
        try:
            if stat.S_ISREG(os.stat(os.path.join(top, name)).st_mode):  # noqa: PTH116, PTH118
                return True
        except (OSError, ValueError):
            continue
    return False


def _check_records_path(path: Path) -> list[os.DirEntry[str]] | None:
    """The entries of a folder (sorted by name), or ``None`` for a record file; a usage error
    for any path that cannot be records."""
    try:
        status = path.stat()
    except ValueError:
        raise UsageError(
            f"{printable(path)} is not a usable path (it holds a NUL character)"
        ) from None
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist") from None
    except OSError as error:
        raise UsageError(f"{path} cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        return _entries(path)
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(
            f"{path} is {kind_of(status.st_mode)}, not a records folder or a record file"
        )
    if not path.name.endswith(SUFFIXES):
        raise UsageError(
            f"{path} is not a records folder or a *.yaml record file",
            hint="name the records folder, or a record file ending in .yaml or .yml",
        )
    return None


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of ``folder``, sorted by name; a usage error when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:  # by name: as Paths sort, without comparing Paths
            return sorted(entries, key=_name)
    except OSError as error:
        raise UsageError(f"cannot read the folder {folder}: {error.strerror}") from None


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _is_folder_entry(entry: os.DirEntry[str]) -> bool:
    """:func:`_is_folder` of a listed entry (links followed), from the listing's file type
    where it gives one."""
    try:
        return entry.is_dir()
    except (OSError, ValueError):
        return False


def _has_records(folder: Path, quiet: bool = False) -> bool:
    try:
        children = _entries(folder)
    except UsageError:
        if quiet:
            return False
        raise
    return any(
        child.name.endswith(SUFFIXES) and not child.name.startswith(".") for child in children
    )


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
        notes.append(file_finding(code, message, shown_name(path), hint=hint))

    pending = [folder]
    visited = 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:  # no more than the limit is ever listed
                entries = sorted(itertools.islice(listing, MAX_ENTRIES - visited + 1), key=_name)
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
            name = entry.name
            if name.startswith("."):
                continue
            record_like = name.endswith(SUFFIXES)
            if not (name.isascii() and name.isprintable()) and not readable_name(name):
                path = child_path(current, name)
                if record_like or _is_folder(path):
                    notes.append(name_finding(path))
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
                note("MOC001", child_path(current, name), f"cannot read the file: {error.strerror}")
                continue
            if linked:
                path = child_path(current, name)
                problem = _link_problem(path, record_like, name in _SKIPPED_DIRS)
                if problem:
                    note("MOC015", path, problem, hint="replace the link by the files themselves")
                elif record_like:
                    found.append(path)
            elif is_folder:
                if name not in _SKIPPED_DIRS:
                    folders.append(child_path(current, name))
            elif record_like:
                found.append(child_path(current, name))
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
