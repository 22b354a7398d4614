"""A portfolio, memorandum by memorandum: what ``validate`` and portfolio ``status`` keep.

Each memorandum folder is read, checked and summarised on its own, then its records are let go:
what is kept is its findings, the id of its memorandum (with where it is written: the only thing
the check across folders needs), the ids of the records in each file (for ``validate FILE``),
and, for ``status``, its status object and table row. Memory stays flat as the portfolio grows.

Each folder's result is kept in the result cache (:mod:`mocctl.io.cache`, namespace
``folders``), keyed by the content of every file below the folder (the referenced documents
too), mocctl's fingerprint, the working folder and the folder as named (paths in findings are
shown relative to it), what is computed (``validate``, or ``status`` as of a date). An unchanged
memorandum is not parsed again. The result is always the same bytes, from the cache or not: a
fresh result goes through the same encoding before it is used.
"""

# os.path, not pathlib, for the per-folder stamps: thousands of folders on every commit.
# ruff: noqa: PTH116, PTH118

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mocctl.findings import Accepted, Finding, Severity, sort_findings
from mocctl.io.folders import MEMORANDUM_FILES
from mocctl.io.portfolio import Identity, discover_real, duplicate_memorandum_ids
from mocctl.settings import Settings

NAMESPACE = "folders"
_FORMAT = "folder-result 1"
# One entry per memorandum folder and per kind of result (validate; status as of a date): the
# whole-run bound of io.cache (4,096) would evict a big portfolio's entries on every run.
MAX_FOLDER_ENTRIES = 65_536
MAX_FOLDER_BYTES = 512 * 1024 * 1024

# When the memorandum files of a folder were looked at (ns since the epoch), and what they were.
Seen = tuple[int, list[list[int] | None]]
# A file changed this recently may change again within the same tick of the file system's
# clock, its stamp unchanged (as git's "racily clean" files): such stamps are not trusted.
RACY_NS = 2_000_000_000

# A function that adds the status object and row of a checked memorandum to its result.
Summarise = Callable[[Any, list[Finding]], dict[str, Any]]


@dataclass
class FolderResult:
    """What is kept of one memorandum folder."""

    folder: Path
    findings: list[Finding]
    files: int
    memorandum: Identity | None
    ids: dict[str, list[str]]  # file (as shown) → ids of the records read from it
    summary: dict[str, Any] | None = None  # status: {"status": …, "row": …}
    # when the memorandum files were looked at before the folder was read, and what they were
    # (:func:`_seen`): what the ids index keeps; never cached
    seen: Seen | None = field(default=None, compare=False, repr=False)


@dataclass
class Scan:
    """A whole portfolio: each folder's result, and the findings outside every folder."""

    folders: list[FolderResult] = field(default_factory=list)
    loose: list[Finding] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        return sum(result.files for result in self.folders)

    @property
    def findings(self) -> list[Finding]:
        return sort_findings(self.loose + [f for r in self.folders for f in r.findings])


def scan(
    settings: Settings,
    paths: Sequence[Path],
    *,
    known_on: dt.date | None = None,
    summarise: Summarise | None = None,
) -> Scan:
    """Every memorandum folder under ``paths``, one at a time (see the module's docstring).

    ``known_on``: as :func:`mocctl.commands.common.open_workspace` (None: the whole record);
    ``summarise(history, findings)``: for ``status``, the summary kept of each memorandum.
    """
    result = Scan()
    reals = discover_real(paths, result.loose)
    folders = list(reals.values())
    folders_only = all(path.is_dir() for path in paths)
    cache = _FolderCache(
        settings,
        "status" if summarise else "validate",
        known_on,
        list(paths) if folders_only else [*paths, *folders],
    )
    result.folders = [cache.result(folder, summarise) for folder in folders]
    if folders_only:  # the ids of the records in each file: only `validate FILE…` needs them
        for found in result.folders:
            found.ids = {}
    _add_duplicates(result.folders, [r.memorandum for r in result.folders])
    if len(paths) == 1 and cache.cache is not None and folders_only:
        index = IdIndex(cache, paths[0])
        for where, done in zip(reals, result.folders, strict=True):
            index.put(where, done)
        index.save()
    return result


def scan_changed(settings: Settings, root: Path, files: Sequence[Path]) -> Scan:
    """``validate`` of the memorandum folders below ``root`` that hold one of ``files``, and
    the check across every folder of ``root`` for memorandum ids used twice (from the ids
    index; a folder whose memorandum file changed is read again, through the cache).

    Findings outside those folders are kept only when they are at one of ``files``, or are a
    MOC204 about an id that one of those folders' memorandum uses.
    """
    loose: list[Finding] = []
    real = discover_real([root], loose)
    chosen: set[Path] = set()
    for file in files:
        for parent in Path(os.path.realpath(file)).parents:
            if str(parent) in real:
                chosen.add(real[str(parent)])
                break
    cache = _FolderCache(settings, "validate", None, [root])
    index = IdIndex(cache, root)
    results: list[FolderResult] = []
    memoranda: list[Identity | None] = []
    for where, folder in real.items():
        if folder in chosen:
            results.append(cache.result(folder, None))
            memoranda.append(results[-1].memorandum)
            index.put(where, results[-1])
            continue
        known, memo = index.get(where, folder)
        if not known:
            read = cache.result(folder, None)
            memo = read.memorandum
            index.put(where, read)
        memoranda.append(memo)
    index.save()
    wanted = {r.memorandum.id for r in results if r.memorandum is not None}
    others = _add_duplicates(results, memoranda)
    named = {os.path.realpath(file) for file in files}
    kept = [f for f in loose if os.path.realpath(f.file) in named]
    kept += [f for f, memo in others if memo.id in wanted]
    return Scan(results, kept)


def _add_duplicates(
    results: list[FolderResult], memoranda: Sequence[Identity | None]
) -> list[tuple[Finding, Identity]]:
    """MOC204 (an id used twice) over ``memoranda``, in folder order, added to the results
    whose memorandum it is at; those at no result's memorandum are returned, with it."""
    by_file = {r.memorandum.file: r for r in results if r.memorandum is not None}
    at = {memo.file: memo for memo in memoranda if memo is not None}
    elsewhere = []
    for finding in duplicate_memorandum_ids([memo for memo in memoranda if memo is not None]):
        found = by_file.get(finding.file)
        if found is None:
            elsewhere.append((finding, at[finding.file]))
        else:
            found.findings = sort_findings([*found.findings, finding])
    return elsewhere


def _check(folder: Path, known_on: dt.date | None, summarise: Summarise | None) -> FolderResult:
    """Read, check and summarise one folder, then let its records go."""
    from mocctl.checks import check_records
    from mocctl.core.history import FAR_FUTURE, history
    from mocctl.io.loader import identity, load_folder

    findings: list[Finding] = []
    records, files = load_folder(folder, findings)
    if records is None:
        return FolderResult(folder, sort_findings(findings), 0, None, {})
    seen = None
    if records.memorandum is not None:
        seen = history(records, known_on or FAR_FUTURE)
    findings = sort_findings(findings + check_records(records, seen))
    ids: dict[str, list[str]] = {}
    for record in [*records.records(), *records.drafts]:
        ids.setdefault(record.source.file, []).append(str(record.id))
    summary = summarise(seen, findings) if summarise and seen is not None else None
    memo = identity(records) if records.memorandum is not None else None
    return FolderResult(folder, findings, len(files), memo, ids, summary)


def encode(result: FolderResult) -> bytes:
    """The result as JSON text (dates as ISO text)."""
    memo = result.memorandum
    data = {
        "findings": [_finding(f) for f in result.findings],
        "files": result.files,
        "memorandum": [memo.id, memo.file, memo.line, memo.column] if memo else None,
        "ids": result.ids,
        "summary": result.summary,
    }
    return json.dumps(data, ensure_ascii=False, default=plain).encode("utf-8")


def decode(folder: Path, raw: bytes) -> FolderResult:
    data = json.loads(raw)
    memo = data["memorandum"]
    return FolderResult(
        folder,
        [_unfinding(f) for f in data["findings"]],
        data["files"],
        Identity(*memo) if memo else None,
        data["ids"],
        data["summary"],
    )


def _finding(f: Finding) -> list[Any]:
    accepted = f.accepted
    return [
        f.code,
        f.severity.value,
        f.message,
        f.file,
        f.line,
        f.column,
        f.hint,
        [accepted.reason, accepted.at, accepted.record, accepted.by, accepted.date]
        if accepted
        else None,
    ]


def _unfinding(data: list[Any]) -> Finding:
    code, severity, message, file, line, column, hint, accepted = data
    return Finding(
        sys.intern(code),
        Severity(severity),
        sys.intern(message),  # the same message and hint in many memoranda: kept once
        file,
        line,
        column,
        sys.intern(hint) if hint else hint,
        Accepted(*accepted) if accepted else None,
    )


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a folder's result")


class _FolderCache:
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

    def key(self, folder: Path, stamps: list[tuple[object, ...]] | None = None) -> str | None:
        from mocctl.io.fingerprint import Key, folder_key

        if self.cache is None:
            return None
        return Key(*self.parts, os.fspath(folder), folder_key(folder, stamps)).digest()

    def result(self, folder: Path, summarise: Summarise | None) -> FolderResult:
        """The folder's result: from the cache, else computed (and kept)."""
        seen = _seen(folder) if self.cache is not None else None  # before anything is read
        stamps: list[tuple[object, ...]] = []
        key = self.key(folder, stamps)
        found = self.get(folder, key)
        if found is None:
            found = decode(folder, encode(_check(folder, self.known_on, summarise)))
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

    def __init__(self, cache: _FolderCache, root: Path) -> None:
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
