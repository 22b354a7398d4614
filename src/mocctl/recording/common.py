"""What every record builder shares: the change value, values as typed on the command line, finding
records and ids, and the lines of a new record file."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.model.records import (
    Memorandum,
    Record,
)
from mocctl.recording.session import Edit
from mocctl.recording.yamledit import flow

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Change:
    """What a record command does: its edits, the record it makes or changes, the event's day."""

    edits: list[Edit]
    record_id: str
    summary: str  # e.g. "new notice uk-discontinuation-2027 in notices/uk-….yaml"
    day: dt.date


def day(text: str, option: str) -> dt.date:
    """A ``YYYY-MM-DD`` date that exists, or a usage error naming the option."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a real date") from None


def received(text: str, option: str = "--received") -> dt.date | dt.datetime:
    """A date, or an instant with an explicit UTC offset."""
    if "T" not in text and " " not in text.strip():
        return day(text, option)
    try:
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not a date or an instant",
            hint="write 2027-01-10, or 2027-01-10T16:30:00+00:00",
        ) from None
    if instant.utcoffset() is None:
        raise UsageError(
            f"{option} {text!r} has no UTC offset", hint="add one, e.g. +00:00 or +09:00"
        )
    return instant


def day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def known_on(value: dt.date | dt.datetime) -> dt.date:
    """A day on which ``value`` has been received in every time zone (UTC+14 is the latest)."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) + dt.timedelta(hours=14)).date()
    return value


def memorandum_of(records: MemorandumRecords) -> Memorandum:
    if records.memorandum is None:
        raise UsageError(f"{records.folder} has no readable memorandum")
    return records.memorandum


def side(records: MemorandumRecords, name: str, option: str) -> str:
    sides = [s.id for s in memorandum_of(records).sides]
    if name not in sides:
        raise UsageError(
            f"{option} {name!r} is not a Side of {records.id}",
            hint="the Sides are " + ", ".join(sides),
        )
    return name


def all_records(records: MemorandumRecords) -> list[Record]:
    return [*records.records(), *records.drafts]


def find(records: MemorandumRecords, record_id: str, kinds: tuple[type[Record], ...]) -> Record:
    """The record ``record_id`` of one of ``kinds``, or a usage error naming those there are."""
    for record in all_records(records):
        if record.id == record_id and isinstance(record, kinds):
            return record
    names = "/".join(k.__name__.lower() for k in kinds)
    known = [r.id for r in all_records(records) if isinstance(r, kinds)]
    raise UsageError(
        f"no {names} '{record_id}' in {records.id}",
        hint=("the ones there are: " + ", ".join(known)) if known else None,
    )


def file_of(record: Record) -> Path:
    return Path(record.source.file)


def read_file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None


def unchanged(record: Record, summary: str, when: dt.date) -> Change:
    """A change that is already recorded, exactly: nothing to write (running it twice is safe)."""
    return Change([], record.id, summary, when)


def fresh_id(records: MemorandumRecords, wanted: str | None, default: str, force: bool) -> str:
    taken = {r.id for r in all_records(records)}
    if wanted is not None:
        if not _SLUG.fullmatch(wanted):
            raise UsageError(
                f"--id {wanted!r} is not a record id",
                hint="use lower-case letters, digits, '.', '_' and '-', "
                "starting with a letter or digit",
            )
        if wanted in taken and not force:
            raise UsageError(
                f"a record '{wanted}' already exists in {records.id}; nothing was written",
                hint="choose another --id (or --force to replace it)",
            )
        return wanted
    candidate, n = default, 2
    while candidate in taken:
        candidate, n = f"{default}-{n}", n + 1
    return candidate


def _schema_line(records: MemorandumRecords, new_file: Path) -> str:
    """The memorandum file's ``yaml-language-server`` line, re-pointed from ``new_file``."""
    memo_file = file_of(memorandum_of(records))
    try:
        first = memo_file.read_text(encoding="utf-8").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return ""
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first.strip())
    if not match:
        return ""
    target = match.group(1)
    if "://" not in target and not target.startswith("/"):
        absolute = os.path.normpath(memo_file.parent / target)
        target = Path(os.path.relpath(absolute, new_file.parent)).as_posix()
    return f"# yaml-language-server: $schema={target}\n"


def new_file(
    records: MemorandumRecords, folder: str, record_id: str, body: str, force: bool
) -> Edit:
    path = records.folder / folder / f"{record_id}.yaml"
    old = None
    if path.exists():
        if not force:
            raise UsageError(
                f"{path} already exists; nothing was written", hint="use --force to replace it"
            )
        old = read_file_text(path)
    return Edit(path, _schema_line(records, path) + body, old)


def yaml_lines(pairs: Sequence[tuple[str, object, str]]) -> str:
    """``key: value  # comment`` lines, skipping values that are None."""
    out = []
    for key, value, comment in pairs:
        if value is None:
            continue
        line = f"{key}: {flow(value)}"
        out.append(f"{line:<38}# {comment}" if comment else line)
    return "\n".join(out) + "\n"
