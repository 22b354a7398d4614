"""Safe file writes: a temporary file in the same folder, fsync, then an atomic rename.

A reader sees either the old file or the new one, never half of one. An existing file's
permission bits are kept; a new file gets the usual ``0o666 & ~umask``. Without ``overwrite``
an existing file is never replaced, not even by a race with another process (the new file is
linked into place, which fails if the name is taken). After the rename the folder is synced, so
that the rename itself survives a power cut. On any failure (a full disk, a failing fsync) the
temporary file is removed and the original is untouched.

:func:`write_files` writes several files all-or-nothing: every new content is written and synced
to a temporary file first; only then are they renamed into place, and if a rename fails the
ones already renamed are undone (new files removed, replaced files given their old bytes back).

:func:`remove_temporaries` removes the temporary files (``.NAME.XXXXXXXX.tmp``) that a write
killed before it could clean up (SIGKILL, a power cut) left beside ``NAME``; call it holding the
folder's lock (:func:`mocctl.io.lock.folder_lock`), so that no live writer's file is taken.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mocctl.errors import UsageError

__all__ = [
    "FileWrite",
    "atomic_write_text",
    "check_writable",
    "remove_temporaries",
    "write_files",
]


@dataclass(frozen=True, slots=True)
class FileWrite:
    """One file to write: its path, its new text, and whether it may replace an existing file.

    ``expected``: the bytes the file held when it was read; if it holds anything else when it is
    about to be replaced, nothing is written (someone else changed it meanwhile).
    """

    path: Path
    text: str
    overwrite: bool = False
    expected: bytes | None = None


def check_writable(paths: list[Path], *, overwrite: bool) -> None:
    """Refuse, before anything is written, if any of ``paths`` exists and may not be replaced."""
    taken = [path for path in paths if path.exists() or path.is_symlink()]
    if taken and not overwrite:
        names = ", ".join(str(path) for path in taken)
        raise UsageError(
            f"{names} already exist{'s' if len(taken) == 1 else ''}; nothing was written",
            hint="use --force to replace, or choose another folder",
        )
    for path in taken:
        if path.is_dir():
            raise UsageError(f"{path} is a folder; nothing was written")


def atomic_write_text(
    path: Path, text: str, *, overwrite: bool = False, encoding: str = "utf-8"
) -> None:
    """Write ``text`` to ``path`` atomically.

    ``overwrite=False`` raises :class:`UsageError` if ``path`` exists. Line endings are written
    as given. The folder must exist.
    """
    write_files([FileWrite(path, text, overwrite)], encoding=encoding)


def write_files(writes: Sequence[FileWrite], *, encoding: str = "utf-8") -> None:
    """Write every file of ``writes``, or none of them (see the module's docstring)."""
    for write in writes:
        _check_one(write)
    made_folders: list[Path] = []
    staged: list[tuple[FileWrite, str, int]] = []  # (write, temporary file, mode)
    try:
        for write in writes:
            made_folders += _make_folder(write.path.parent)
            staged.append(_stage(write, encoding))
        _commit(staged)
    except BaseException:
        for _, tmp, _ in staged:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for folder in dict.fromkeys(write.path.parent for write in writes):
        _sync_folder(folder)


def remove_temporaries(folder: Path, names: Sequence[str]) -> list[Path]:
    """Remove the temporary files :func:`write_files` makes for ``names`` in ``folder``.

    Only regular files named exactly as ``tempfile.mkstemp`` names them here
    (``.NAME.`` + 8 characters + ``.tmp``); links and anything else are left alone. Returns the
    files removed. A folder that cannot be listed has none to remove.
    """
    wanted = re.compile(
        r"\.(?:" + "|".join(re.escape(name) for name in names) + r")\.[a-z0-9_]{8}\.tmp"
    )
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if not wanted.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return sorted(removed)


def _check_one(write: FileWrite) -> None:
    path = write.path
    if path.is_dir():
        raise UsageError(f"{path} is a folder; nothing was written")
    if (path.exists() or path.is_symlink()) and not write.overwrite:
        raise UsageError(
            f"{path} already exists; it was not changed", hint="use --force to replace it"
        )


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        try:
            candidate.mkdir()
        except OSError as error:
            raise UsageError(f"cannot create the folder {candidate}: {error.strerror}") from None
    return list(reversed(missing))


def _stage(write: FileWrite, encoding: str) -> tuple[FileWrite, str, int]:
    """The new text in a synced temporary file beside ``write.path``, with the right mode."""
    path = write.path
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"cannot write in {path.parent}: {error.strerror}") from None
    try:
        try:
            data = memoryview(write.text.encode(encoding))
            while data:  # os.write may write less than asked
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        Path(tmp).chmod(mode)  # mkstemp creates 0600
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(error, OSError):
            raise _not_written(path, error) from None
        raise
    return write, tmp, mode


def _commit(staged: list[tuple[FileWrite, str, int]]) -> None:
    """Rename every staged file into place; undo the ones done if one fails."""
    done: list[tuple[FileWrite, bytes | None]] = []
    try:
        for write, tmp, _ in staged:
            old = _read_old(write)
            if write.overwrite and old is not None:
                Path(tmp).replace(write.path)
            else:
                _link_new(tmp, write.path)
            done.append((write, old))
    except BaseException as error:
        for write, old in reversed(done):
            with contextlib.suppress(OSError):
                if old is None:
                    write.path.unlink()
                else:
                    _restore(write.path, old)
        if isinstance(error, OSError):
            raise _not_written(staged[len(done)][0].path, error) from None
        raise


def _read_old(write: FileWrite) -> bytes | None:
    """The bytes ``write.path`` holds now (None if none), checked against ``expected``."""
    try:
        old = write.path.read_bytes()
    except FileNotFoundError:
        old = None
    if write.expected is not None and old != write.expected:
        raise UsageError(
            f"{write.path} was changed by someone else while mocctl worked; nothing was written",
            hint="run the command again",
        )
    return old


def _restore(path: Path, old: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(old)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(stat.S_IMODE(path.stat().st_mode))
        Path(tmp).replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


def _not_written(path: Path, error: OSError) -> UsageError:
    reason = error.strerror or os.strerror(error.errno or 0) or str(error)
    return UsageError(f"cannot write {path}: {reason}; nothing was changed")


def _link_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to the new name ``path``, failing if ``path`` appeared meanwhile."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UsageError(
            f"{path} already exists; it was not changed", hint="use --force to replace it"
        ) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # The file system has no hard links: the best remaining is check-then-rename.
        if path.exists():
            raise UsageError(
                f"{path} already exists; it was not changed", hint="use --force to replace it"
            ) from None
        Path(tmp).replace(path)
        return
    Path(tmp).unlink()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the data itself is synced
        pass
    finally:
        os.close(fd)
