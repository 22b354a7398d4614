"""Checks of the documents that records reference by path and hash (MOC5xx). Reads files.

A document is looked at (``stat``) before it is opened, opened without blocking, and hashed no
further than the limits of :mod:`mocctl.io.limits`: a FIFO, a device, a sparse file of
gigabytes or a path that escapes the memorandum's folder each end in a finding, quickly.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding
from mocctl.io.limits import MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_TOTAL_BYTES, MAX_PATH_CHARS
from mocctl.io.paths import kind_of

# (code, message, key of the document entry the finding points at, hint)
_Problem = tuple[str, str, str, str | None]


def check(records: MemorandumRecords) -> list[Finding]:
    """A finding for each referenced document that cannot be checked, is missing or changed."""
    findings = []
    folder = Path(os.path.realpath(records.folder))
    hashed: dict[tuple[int, int], str] = {}  # (device, inode) → digest: each file read once
    budget = [MAX_DOCUMENTS_TOTAL_BYTES]
    for record in records.records():
        for index, document in enumerate(record.documents):
            problem = _check(folder, document.path, document.sha256, hashed, budget)
            if problem is not None:
                code, message, key, hint = problem
                findings.append(
                    record.source.finding(code, message, "documents", index, key, hint=hint)
                )
    return findings


def _shown(path: str) -> str:
    """The path as it can be shown on one line: control characters escaped, long ones cut."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in path[:200])
    return text + ("…" if len(path) > 200 else "")


def _check(
    folder: Path, path: str, recorded: str, hashed: dict[tuple[int, int], str], budget: list[int]
) -> _Problem | None:
    shown = _shown(path)
    if "\x00" in path or not path.strip() or len(path) > MAX_PATH_CHARS:
        why = (
            "holds a NUL character"
            if "\x00" in path
            else "is empty"
            if not path.strip()
            else f"is {len(path):,} characters long; the limit is {MAX_PATH_CHARS:,}"
        )
        return "MOC506", f"document path '{shown}' {why}", "path", None
    target = Path(os.path.realpath(folder / path))
    if Path(path).is_absolute() or not target.is_relative_to(folder):
        return (
            "MOC501",
            f"document path '{shown}' leads outside the memorandum folder",
            "path",
            None,
        )
    try:
        status = target.stat()
    except OSError as error:
        return _os_problem(error, shown)
    if not stat.S_ISREG(status.st_mode):
        return (
            "MOC504",
            f"document '{shown}' is {kind_of(status.st_mode)}, not a file; it is not read",
            "path",
            None,
        )
    if status.st_size > MAX_DOCUMENT_BYTES:
        return _too_large(shown, status.st_size)
    digest = hashed.get((status.st_dev, status.st_ino))
    if digest is None:
        if status.st_size > budget[0]:
            return (
                "MOC508",
                f"document '{shown}' is not checked: the documents of this memorandum total more "
                f"than {MAX_DOCUMENTS_TOTAL_BYTES:,} bytes (the limit per memorandum)",
                "path",
                "keep only the signed originals and letters in documents/",
            )
        result = _sha256(target)
        if isinstance(result, OSError):
            return _os_problem(result, shown)
        if result is None:
            return _too_large(shown, MAX_DOCUMENT_BYTES + 1, more=True)
        digest, size = result
        budget[0] -= size
        hashed[(status.st_dev, status.st_ino)] = digest
    if digest != recorded:
        return (
            "MOC503",
            f"document '{shown}' has SHA-256 {digest[:12]}…, not the recorded {recorded[:12]}…",
            "sha256",
            f"if the new file is the right one, record its hash: sha256: {digest}",
        )
    return None


def _too_large(shown: str, size: int, more: bool = False) -> _Problem:
    return (
        "MOC505",
        f"document '{shown}' is {'more than ' if more else ''}"
        f"{size - (1 if more else 0):,} bytes; documents are limited to {MAX_DOCUMENT_BYTES:,} "
        "bytes, so its hash is not checked",
        "path",
        None,
    )


def _os_problem(error: OSError, shown: str) -> _Problem:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "MOC502", f"document '{shown}' does not exist", "path", None
    if error.errno == errno.ENAMETOOLONG:
        return "MOC506", f"document path '{shown}' is too long for the system", "path", None
    if error.errno == errno.ELOOP:
        why = "it is a link that loops"
    else:
        why = error.strerror or type(error).__name__
    return "MOC507", f"document '{shown}' cannot be read: {why}", "path", None


def _sha256(path: Path) -> tuple[str, int] | OSError | None:
    """(hex digest, size) of a regular file, an OSError, or None when it is over the limit."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    digest = hashlib.sha256()
    size = 0
    try:
        handle = os.open(path, flags)
    except OSError as error:
        return error
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # replaced since it was looked at
            return OSError(errno.EINVAL, "it is not a regular file")
        while size <= MAX_DOCUMENT_BYTES:
            block = os.read(handle, 1 << 20)
            if not block:
                break
            digest.update(block)
            size += len(block)
    except OSError as error:
        return error
    finally:
        os.close(handle)
    if size > MAX_DOCUMENT_BYTES:
        return None
    return digest.hexdigest(), size
