"""Safe file writes: a temporary file in the same folder, fsync, then an atomic rename.

A reader sees either the old file or the new one, never half of one. An existing file's
permission bits are kept; a new file gets the usual ``0o666 & ~umask``. Without ``overwrite``
an existing file is never replaced, not even by a race with another process (the new file is
linked into place, which fails if the name is taken).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from mocctl.errors import UsageError

__all__ = ["atomic_write_text", "check_writable"]


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
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        exists = True
    except FileNotFoundError:
        mode, exists = _default_mode(), False
    if exists and not overwrite:
        raise UsageError(
            f"{path} already exists; it was not changed", hint="use --force to replace it"
        )
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"cannot write in {folder}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)  # mkstemp creates 0600
        if overwrite:
            Path(tmp).replace(path)
        else:
            _link_new(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
    _sync_folder(folder)


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
