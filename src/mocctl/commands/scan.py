"""A portfolio, memorandum by memorandum: what ``validate`` and portfolio ``status`` keep.

Each memorandum folder is read, checked and summarised on its own, then its records are let go:
what is kept is its findings, the id of its memorandum (with where it is written: the only thing
the check across folders needs), the ids of the records in each file (for ``validate FILE``),
and, for ``status``, its status object and table row. Memory stays flat as the portfolio grows.

Each folder's result (:mod:`mocctl.commands.folder_result`) is kept in the result cache
(:mod:`mocctl.commands.folder_cache`), keyed by the content of every file below the folder, so
that an unchanged memorandum is not parsed again. The result is always the same bytes, from the
cache or not: a fresh result goes through the same encoding before it is used.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mocctl.commands.folder_cache import FolderCache, IdIndex
from mocctl.commands.folder_result import FolderResult, Summarise
from mocctl.findings import Finding, sort_findings
from mocctl.io.portfolio import Identity, discover_real, duplicate_memorandum_ids
from mocctl.settings import Settings


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
    cache = FolderCache(
        settings,
        "status" if summarise else "validate",
        known_on,
        list(paths) if folders_only else [*paths, *folders],
    )
    for folder in folders:
        found = cache.result(folder, summarise)
        if folders_only:  # the ids of the records in each file: only `validate FILE…` needs
            found.ids = {}  # them; let them go at once, not after the last folder (memory)
        result.folders.append(found)
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
    cache = FolderCache(settings, "validate", None, [root])
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
