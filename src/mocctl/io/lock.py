"""One writer at a time per memorandum folder: an exclusive ``flock`` on ``.mocctl.lock``.

The operating system releases a ``flock`` when its holder ends, however it ends, so a crash never
leaves a stale lock. The lock file holds who has it (pid, host, time) for the message the next
writer sees; it is removed when released, so nothing is left behind. Removing a lock file safely
needs one more step: a writer that got the lock on a file that was meanwhile removed (by the
previous holder) has locked nothing, so it checks that the name still leads to the file it locked,
and tries again if not.

A second writer waits (``MOCCTL_LOCK_TIMEOUT`` seconds, default 10) and then gives up with a clear
message naming the holder; nothing is written then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from mocctl.errors import UsageError

__all__ = ["LOCK_NAME", "folder_lock"]

LOCK_NAME = ".mocctl.lock"
_POLL = 0.05


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("MOCCTL_LOCK_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextlib.contextmanager
def folder_lock(folder: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``folder`` for the duration of the ``with`` block."""
    if os.name != "posix":  # pragma: no cover - Windows: atomic renames still protect each file
        yield
        return
    import fcntl

    path = folder / LOCK_NAME
    wait = _timeout() if timeout is None else timeout
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as error:
            raise UsageError(f"cannot lock {folder} for writing: {error.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise UsageError(
                    f"{folder} is being changed by {_holder(path)}; nothing was written",
                    hint="try again when that command has finished (the lock goes with it)",
                ) from None
            if not told and wait >= 1:
                sys.stderr.write(f"mocctl: waiting for {folder}: held by {_holder(path)}\n")
                told = True
            time.sleep(_POLL)
            continue
        try:
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the previous holder removed the file we locked: lock the new one
    try:
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with contextlib.suppress(OSError):  # who holds it is for the message only
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)  # closing releases the lock
