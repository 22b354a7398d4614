"""Accepted findings (``accepted:`` in a record) and acceptances that match nothing (MOC326).

A record may say that a finding about it is known and accepted::

    accepted:
      - code: MOC401
        at: text.title            # where the finding points: a key path, list items by id
        reason: verbatim from the signed text
        by: Treaty Section
        date: 2026-12-02

A finding is accepted by an acceptance of the same record when the codes are equal and the
finding's locator is ``at`` or lies below it (``text.title.body`` is below ``text.title``). The
locator is worked out from the finding's file, line and column and the positions the loader kept
for each record, so it survives edits elsewhere in the file. Accepted findings are still reported,
marked as accepted, and do not fail ``validate --strict``. Errors are never accepted: an
acceptance that matches no warning or note is itself a warning, so that acceptances cannot rot.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Accepted, Finding, Severity
from mocctl.model.records import Record

Path_ = tuple[str | int, ...]


def apply(records: MemorandumRecords, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the accepted ones marked, and a MOC326 for each unused acceptance."""
    holders = [r for r in _all(records) if r.accepted]
    if not holders:
        return findings
    by_file: dict[str, list[Record]] = {}
    for record in _all(records):
        by_file.setdefault(record.source.file, []).append(record)
    used: set[tuple[int, int]] = set()  # (record index, acceptance index)
    errors_matched: set[tuple[int, int]] = set()
    out: list[Finding] = []
    # Only a finding of an accepted code, in a file that holds an acceptance, can be accepted:
    # the others are not located at all (locating costs a walk over the file's positions).
    files = {holder.source.file for holder in holders}
    codes = {acceptance.code for holder in holders for acceptance in holder.accepted}
    for finding in findings:
        if finding.file not in files or finding.code not in codes:
            out.append(finding)
            continue
        place = _locate(finding, by_file.get(finding.file, []))
        accepted = None
        if place is not None:
            record, locator = place
            for h, holder in enumerate(holders):
                if holder is not record:
                    continue
                for a, acceptance in enumerate(holder.accepted):
                    if acceptance.code != finding.code or not _below(locator, acceptance.at):
                        continue
                    if finding.severity is Severity.ERROR:
                        errors_matched.add((h, a))
                        continue
                    used.add((h, a))
                    accepted = accepted or Accepted(
                        reason=acceptance.reason,
                        at=acceptance.at,
                        record=holder.id,
                        by=acceptance.by,
                        date=acceptance.date.isoformat() if acceptance.date else None,
                    )
        out.append(dataclasses.replace(finding, accepted=accepted) if accepted else finding)
    for h, holder in enumerate(holders):
        for a, acceptance in enumerate(holder.accepted):
            if (h, a) in used:
                continue
            what = f"{acceptance.code} at {acceptance.at}"
            if (h, a) in errors_matched:
                message = (
                    f"the acceptance of {what} matches an error, and errors cannot be accepted"
                )
                hint = "fix the error; only warnings and notes can be accepted"
            else:
                message = f"the acceptance of {what} matches no finding"
                hint = "the finding is gone (or `at` names another place): remove the acceptance"
            out.append(holder.source.finding("MOC326", message, "accepted", a, hint=hint))
    return out


def _all(records: MemorandumRecords) -> Iterable[Record]:
    yield from records.records()
    yield from records.drafts


def _below(locator: str, at: str) -> bool:
    return locator == at or locator.startswith(at + ".")


def _locate(finding: Finding, candidates: list[Record]) -> tuple[Record, str] | None:
    """The record a finding points into and the finding's locator in it: the path at the last
    position at or before the finding; of the paths there, the longest (the first one met)."""
    line, column = finding.line, finding.column
    # the best so far, compared as (line, column, length of the path), without a tuple per entry
    best_line = best_column = best_length = -1
    best: tuple[Record, Path_] | None = None
    for record in candidates:
        source = record.source
        for table in (source.values, source.keys):
            for path, pos in table.items():
                at, col = pos.line, pos.column
                if at < best_line or at > line or (at == line and col > column):
                    continue  # before the best, or after the finding
                if at == best_line and (
                    col < best_column or (col == best_column and len(path) <= best_length)
                ):
                    continue
                best_line, best_column, best_length = at, col, len(path)
                best = (record, path)
    if best is None:
        return None
    record, path = best
    return record, locator(record, path)


def locator(record: Record, path: Path_) -> str:
    """A key path as an acceptance names it: list items by their ``id`` (or ``side``)."""
    data: Any = record.model_dump(by_alias=True)
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            item = data[step] if isinstance(data, list | tuple) and step < len(data) else None
            name = None
            if isinstance(item, dict):
                name = item.get("id") or item.get("side")
            parts.append(str(name) if name else str(step))
            data = item
        else:
            parts.append(step)
            data = data.get(step) if isinstance(data, dict) else None
    return ".".join(parts)
