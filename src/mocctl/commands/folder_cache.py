"""The result cache of memorandum folders, and the ids index the pre-commit hook reads.

:class:`FolderCache`: each folder's result (:mod:`mocctl.commands.folder_result`) in the result
cache (:mod:`mocctl.io.cache`, namespace ``folders``), keyed by the content of every file below
the folder (the referenced documents too), mocctl's fingerprint, the working folder and the
folder as named (paths in findings are shown relative to it), what is computed (``validate``, or
``status`` as of a date). :class:`IdIndex`: each folder's memorandum id, kept with the stamps
of its memorandum file, for the check across folders on a commit.
"""

# os.path, not pathlib, for the per-folder stamps: thousands of folders on every commit.
# ruff: noqa: PTH116, PTH118

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mocctl.commands.folder_result import (
    FolderResult,
    Seen,
    Summarise,
    check_folder,
    decode,
    encode,
)
from mocctl.io.folders import MEMORANDUM_FILES
from mocctl.io.portfolio import Identity
from mocctl.settings import Settings

NAMESPACE = "folders"
_FORMAT = "folder-result 1"
# One entry per memorandum folder and per kind of result (validate; status as of a date): the
# whole-run bound of io.cache (4,096) would evict a big portfolio's entries on every run.
MAX_FOLDER_ENTRIES = 65_536
MAX_FOLDER_BYTES = 512 * 1024 * 1024

# A file changed this recently may change again within the same tick of the file system's
# clock, its stamp unchanged (as git's "racily clean" files): such stamps are not trusted.
RACY_NS = 2_000_000_000


class FolderCache:
    """The result cache for folders (namespace ``folders``), or nothing with ``--no-cache``."""

    def __init__(
        self, settings: Settings, what: str, known_on: dt.date | None, records: Sequence[Path]
    ) -> None:
        from mocctl import __version__
        from mocctl.io.cache import Cache
        from mocctl.io.fingerprint import mocctl_fingerprint

        self.known_on = known_on
        self.cache = (
            Cache(max_entries=MAX_FOLDER_ENTRIES, max_bytes=MAX_FOLDER_BYTES)
            if settings.use_cache
            else None
        )
        if self.cache is None:
            return
        # A cache folder below the records would write into them (and key itself): not used.
        where = Path(os.path.realpath(self.cache.folder))
        if any(where.is_relative_to(os.path.realpath(path)) for path in records):
            self.cache = None
            return
        self.parts = (
            _FORMAT,
            what,
            known_on.isoformat() if known_on else "whole record",
            mocctl_fingerprint(__version__),
            str(Path.cwd()),
        )

    def key(
        self,
        folder: Path,
        stamps: list[tuple[object, ...]] | None = None,
        contents: dict[str, bytes] | None = None,
    ) -> str | None:
        from mocctl.io.fingerprint import Key, folder_key

        if self.cache is None:
            return None
        return Key(*self.parts, os.fspath(folder), folder_key(folder, stamps, contents)).digest()

    def result(self, folder: Path, summarise: Summarise | None) -> FolderResult:
        """The folder's result: from the cache, else computed (and kept)."""
        seen = _seen(folder) if self.cache is not None else None  # before anything is read
        stamps: list[tuple[object, ...]] = []
        contents: dict[str, bytes] = {}  # the bytes hashed for the key: the check reads these
        key = self.key(folder, stamps, contents)
        found = self.get(folder, key)
        if found is None:
            computed = check_folder(folder, self.known_on, summarise, contents)
            found = decode(folder, encode(computed))
            self.put(folder, key, stamps, found)
        found.seen = seen
        return found

    def get(self, folder: Path, key: str | None) -> FolderResult | None:
        if self.cache is None or key is None:
            return None
        raw = self.cache.get(NAMESPACE, key)
        if raw is None:
            return None
        try:
            return decode(folder, raw)
        except (ValueError, TypeError, KeyError):  # an entry of another shape: a miss
            return None

    def put(
        self, folder: Path, key: str | None, stamps: list[tuple[object, ...]], result: FolderResult
    ) -> None:
        from mocctl.io.fingerprint import folder_stamps

        # Kept only when no file of the folder changed since it was hashed (else: a run that saw
        # a change half-way, kept under the old content's key, would be stale).
        if self.cache is not None and key is not None and folder_stamps(folder) == stamps:
            self.cache.put(NAMESPACE, key, encode(result))


class IdIndex:
    """Each memorandum folder's id (and where it is written) for the check across folders,
    kept in the result cache (namespace ``ids``), one entry per records folder.

    An entry holds, per folder, the size, modification and change times and inode of its
    memorandum file (``memorandum.yaml``) as they were before the folder was read; when the
    folder has no memorandum, of both ``memorandum.yaml`` and ``memorandum.yml``. A folder whose
    files differ is not known, and is read again (through the result cache). Not kept: a
    folder whose memorandum is in another file, and stamps too recent to be trusted
    (:data:`RACY_NS`). With its memorandum in ``memorandum.yaml``, the folder's memorandum is
    that file's record whatever else is added beside it (the loader takes ``memorandum.yaml``
    first), so only that file is looked at.
    """

    NAMESPACE = "ids"
    FORMAT = "ids 2"

    def __init__(self, cache: FolderCache, root: Path) -> None:
        from mocctl.io.fingerprint import Key

        self.cache = cache.cache
        self.key = (
            Key(*cache.parts, self.FORMAT, os.path.realpath(root)).digest() if self.cache else None
        )
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        raw = self.cache.get(self.NAMESPACE, self.key) if self.cache and self.key else None
        if raw is not None:
            try:
                self.entries = dict(json.loads(raw))
            except (ValueError, TypeError):
                self.entries = {}

    def get(self, where: str, folder: Path) -> tuple[bool, Identity | None]:
        """(whether ``folder``, at real path ``where``, is known, its memorandum's identity)."""
        entry = self.entries.get(where)
        if not entry or not entry[0]:
            return False, None
        stamps, memo = entry
        top = os.fspath(folder)
        for name, stamp in zip(MEMORANDUM_FILES, stamps, strict=False):
            try:
                status = os.stat(os.path.join(top, name))
            except (OSError, ValueError):
                if stamp is not None:
                    return False, None
                continue
            if stamp != [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]:
                return False, None
        return True, Identity(*memo) if memo else None

    def put(self, where: str, result: FolderResult) -> None:
        """Keep the identity of the folder of ``result`` (at real path ``where``)."""
        memo = result.memorandum
        entry = [
            _trusted(result.folder, memo, result.seen),
            [memo.id, memo.file, memo.line, memo.column] if memo else None,
        ]
        if self.entries.get(where) != entry:
            self.entries[where] = entry
            self.changed = True

    def save(self) -> None:
        if self.changed and self.cache is not None and self.key is not None:
            data = json.dumps(self.entries, ensure_ascii=False, separators=(",", ":"))
            self.cache.put(self.NAMESPACE, self.key, data.encode("utf-8"))


def _seen(folder: Path) -> Seen:
    """When, and what, the memorandum files of ``folder`` were (:class:`IdIndex`)."""
    now = time.time_ns()
    top = os.fspath(folder)
    return now, _stamps([os.path.join(top, name) for name in MEMORANDUM_FILES])


def _trusted(folder: Path, memo: Identity | None, seen: Seen | None) -> list[Any] | None:
    """The stamps that vouch for ``memo`` in the ids index, or None (the folder is read
    again next time)."""
    if seen is None:
        return None
    now, stamps = seen
    if memo is not None:
        if memo.file != os.path.join(folder, MEMORANDUM_FILES[0]):
            return None
        stamps = stamps[:1]
    if any(stamp is not None and stamp[2] > now - RACY_NS for stamp in stamps):
        return None
    return stamps


def _stamps(names: Sequence[str]) -> list[list[int] | None]:
    found: list[list[int] | None] = []
    for name in names:
        try:
            status = os.stat(name)
        except (OSError, ValueError):
            found.append(None)
            continue
        found.append([status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino])
    return found
