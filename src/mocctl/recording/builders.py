"""What each ``mocctl record …`` command changes: new record files, or in-place edits.

Each builder takes the memorandum's records as read now and the user's values (text, as typed)
and returns a :class:`Change`: the edits to make and the day of the event (so that the standing
shown afterwards includes it). Input that cannot be right (an unknown Side, a date that does not
exist, a receipt before the letter's date, a Side that already consented, a record that does not
exist, an id that is taken) is a :class:`~mocctl.errors.UsageError` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import recipients
from mocctl.errors import UsageError
from mocctl.model.records import (
    Activity,
    AddArea,
    Decision,
    Memorandum,
    Modification,
    Notice,
    Record,
)
from mocctl.recording.session import Edit
from mocctl.recording.yamledit import EditError, YamlFile, flow, scalar

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Change:
    """What a record command does: its edits, the record it makes or changes, the event's day."""

    edits: list[Edit]
    record_id: str
    summary: str  # e.g. "new notice uk-discontinuation-2027 in notices/uk-….yaml"
    day: dt.date


# -- values as typed ---------------------------------------------------------------------------


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


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _known_on(value: dt.date | dt.datetime) -> dt.date:
    """A day on which ``value`` has been received in every time zone (UTC+14 is the latest)."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) + dt.timedelta(hours=14)).date()
    return value


def _memo(records: MemorandumRecords) -> Memorandum:
    if records.memorandum is None:
        raise UsageError(f"{records.folder} has no readable memorandum")
    return records.memorandum


def side(records: MemorandumRecords, name: str, option: str) -> str:
    sides = [s.id for s in _memo(records).sides]
    if name not in sides:
        raise UsageError(
            f"{option} {name!r} is not a Side of {records.id}",
            hint="the Sides are " + ", ".join(sides),
        )
    return name


def _all(records: MemorandumRecords) -> list[Record]:
    return [*records.records(), *records.drafts]


def find(records: MemorandumRecords, record_id: str, kinds: tuple[type[Record], ...]) -> Record:
    """The record ``record_id`` of one of ``kinds``, or a usage error naming those there are."""
    for record in _all(records):
        if record.id == record_id and isinstance(record, kinds):
            return record
    names = "/".join(k.__name__.lower() for k in kinds)
    known = [r.id for r in _all(records) if isinstance(r, kinds)]
    raise UsageError(
        f"no {names} '{record_id}' in {records.id}",
        hint=("the ones there are: " + ", ".join(known)) if known else None,
    )


def _file(record: Record) -> Path:
    return Path(record.source.file)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None


def unchanged(record: Record, summary: str, when: dt.date) -> Change:
    """A change that is already recorded, exactly: nothing to write (running it twice is safe)."""
    return Change([], record.id, summary, when)


def _new_id(records: MemorandumRecords, wanted: str | None, default: str, force: bool) -> str:
    taken = {r.id for r in _all(records)}
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
    memo_file = _file(_memo(records))
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


def _new_file(
    records: MemorandumRecords, folder: str, record_id: str, body: str, force: bool
) -> Edit:
    path = records.folder / folder / f"{record_id}.yaml"
    old = None
    if path.exists():
        if not force:
            raise UsageError(
                f"{path} already exists; nothing was written", hint="use --force to replace it"
            )
        old = _read(path)
    return Edit(path, _schema_line(records, path) + body, old)


def _lines(pairs: Sequence[tuple[str, object, str]]) -> str:
    """``key: value  # comment`` lines, skipping values that are None."""
    out = []
    for key, value, comment in pairs:
        if value is None:
            continue
        line = f"{key}: {flow(value)}"
        out.append(f"{line:<38}# {comment}" if comment else line)
    return "\n".join(out) + "\n"


# -- the builders ------------------------------------------------------------------------------


def notice(
    records: MemorandumRecords,
    *,
    by: str,
    received_text: str,
    to: Sequence[str] = (),
    dated: str | None = None,
    requested_effective: str | None = None,
    reference: str | None = None,
    record_id: str | None = None,
    force: bool = False,
) -> Change:
    """A new written notice of discontinuation (Paragraph 2.2)."""
    by = side(records, by, "--by")
    recipients = [side(records, name, "--to") for name in to]
    if by in recipients:
        raise UsageError(f"--to {by}: a Side does not give notice to itself")
    got = received(received_text)
    letter = day(dated, "--dated") if dated else None
    if letter is not None and _day_of(got) < letter:
        raise UsageError(
            f"--received {received_text} is before the letter's date (--dated {dated})",
            hint="a notice is received on or after the date it bears",
        )
    requested = day(requested_effective, "--requested-effective") if requested_effective else None
    new_id = _new_id(records, record_id, f"{by.lower()}-discontinuation-{_day_of(got).year}", force)
    body = "".join(
        [
            "apiVersion: mocctl/v1\n",
            "kind: Notice\n",
            _lines(
                [
                    ("id", new_id, ""),
                    ("type", "discontinuation", "discontinuation | revocation"),
                    ("by", by, "the Side that gives notice"),
                    ("to", recipients or None, "the Sides it is addressed to"),
                    ("form", "written", "Paragraph 2.2: written notice"),
                    ("dated", letter or _day_of(got), "the date on the letter / note verbale"),
                    ("received", got, "when the other Side received it"),
                    ("requested_effective", requested, "the date of discontinuation it names"),
                    ("reference", reference, "the letter's reference"),
                ]
            ),
        ]
    )
    edit = _new_file(records, "notices", new_id, body, force)
    return Change([edit], new_id, f"new notice {new_id}", _known_on(got))


def revocation(
    records: MemorandumRecords,
    *,
    revokes: str,
    by: str,
    received_text: str,
    dated: str | None = None,
    reference: str | None = None,
    record_id: str | None = None,
    force: bool = False,
) -> Change:
    """A new written revocation of a discontinuation notice."""
    target = find(records, revokes, (Notice,))
    assert isinstance(target, Notice)
    if target.type != "discontinuation":
        raise UsageError(f"--revokes {revokes}: it is a {target.type}, not a discontinuation")
    by = side(records, by, "--by")
    got = received(received_text)
    letter = day(dated, "--dated") if dated else _day_of(got)
    if _day_of(got) < letter:
        raise UsageError(
            f"--received {received_text} is before the letter's date (--dated {dated})"
        )
    new_id = _new_id(records, record_id, f"{revokes}-revocation", force)
    body = "apiVersion: mocctl/v1\nkind: Notice\n" + _lines(
        [
            ("id", new_id, ""),
            ("type", "revocation", "withdraws the notice named in `revokes`"),
            ("revokes", revokes, "the discontinuation notice it revokes"),
            ("by", by, "the Side that revokes"),
            ("form", "written", ""),
            ("dated", letter, "the date on the letter"),
            ("received", got, "when the other Side received it"),
            ("reference", reference, "the letter's reference"),
        ]
    )
    edit = _new_file(records, "notices", new_id, body, force)
    return Change([edit], new_id, f"new revocation {new_id} of {revokes}", _known_on(got))


def receipt(
    records: MemorandumRecords, *, notice_id: str, side_id: str, received_text: str
) -> Change:
    """One more recipient's receipt of a notice (``receipts``, multilateral memoranda)."""
    target = find(records, notice_id, (Notice,))
    assert isinstance(target, Notice)
    who = side(records, side_id, "--side")
    if who == target.by:
        raise UsageError(f"--side {who} gave notice {notice_id}; it does not receive it")
    got = received(received_text)
    if (
        target.received is not None
        and target.received == got
        and who in recipients(target, _memo(records))
    ):
        return unchanged(
            target, f"{who}'s receipt of {notice_id} is already recorded", _day_of(got)
        )
    if target.received is not None:
        raise UsageError(
            f"notice {notice_id} records one `received` for every recipient",
            hint="edit its `received`, or replace it by `receipts` (one per recipient) by hand",
        )
    same = [r for r in target.receipts if r.side == who]
    if same and same[0].received == got:
        return unchanged(
            target, f"{who}'s receipt of {notice_id} is already recorded", _day_of(got)
        )
    if same:
        raise UsageError(
            f"notice {notice_id} already records {who}'s receipt "
            f"(received {scalar(same[0].received)})",
            hint="a recipient receives a notice once; correct the date in the file if it is wrong",
        )
    if _day_of(got) < target.dated:
        raise UsageError(f"--received {received_text} is before the letter's date ({target.dated})")
    item = {"side": who, "received": got}
    return _in_place(
        target,
        lambda f: f.append(notice_id, "receipts", item, after=("received", "dated")),
        f"{who}'s receipt of {notice_id}",
        _known_on(got),
    )


def consent(
    records: MemorandumRecords,
    *,
    record_id: str,
    side_id: str,
    date: str,
    signatory: str | None = None,
) -> Change:
    """A Side's written consent to a modification or decision, added in place."""
    target = find(records, record_id, (Modification, Decision))
    assert isinstance(target, Modification | Decision)
    who = side(records, side_id, "--side")
    when = day(date, "--date")
    done = [c for c in target.consents if c.side == who]
    if done and done[0].date == when:
        return unchanged(target, f"{who}'s consent to {record_id} is already recorded", when)
    if done:
        raise UsageError(
            f"{who} already consented to {record_id} (on {done[0].date})",
            hint="a Side consents once; correct the date in the file if it is wrong",
        )
    item: dict[str, object] = {"side": who, "date": when}
    if signatory:
        item["signatory"] = signatory
    item["form"] = "written"
    return _in_place(
        target,
        lambda f: f.append(record_id, "consents", item, after=("title",)),
        f"{who}'s consent to {record_id}",
        when,
    )


def signature(
    records: MemorandumRecords,
    *,
    side_id: str,
    date: str,
    signatory: str,
    title: str | None = None,
    place: str | None = None,
) -> Change:
    """A Side's signature of the memorandum, added in place."""
    memo = _memo(records)
    who = side(records, side_id, "--side")
    when = day(date, "--date")
    done = [s for s in memo.signatures if s.side == who]
    if done and done[0].date == when:
        return unchanged(memo, f"{who}'s signature of {memo.id} is already recorded", when)
    if done:
        raise UsageError(f"{who} already signed {memo.id} (on {done[0].date})")
    if not signatory.strip():
        raise UsageError("--signatory must name who signed")
    item: dict[str, object] = {"side": who, "signatory": signatory}
    if title:
        item["title"] = title
    item["date"] = when
    if place:
        item["place"] = place
    return _in_place(
        memo,
        lambda f: f.append(memo.id, "signatures", item, after=("sides",)),
        f"{who}'s signature of {memo.id}",
        when,
    )


def activity(
    records: MemorandumRecords,
    *,
    title: str,
    areas: Sequence[str],
    start: str,
    end: str | None = None,
    record_id: str | None = None,
    force: bool = False,
) -> Change:
    """A new collaboration activity."""
    memo = _memo(records)
    if not title.strip():
        raise UsageError("--title must not be empty")
    if not areas:
        raise UsageError("name the area(s) of cooperation it serves with --area")
    known = {a.id for a in memo.areas} | {
        c.area.id for cs in records.changesets() for c in cs.items if isinstance(c, AddArea)
    }
    for area in areas:
        if area not in known:
            raise UsageError(
                f"--area {area!r} is not an area of {memo.id}",
                hint="the areas are " + ", ".join(sorted(known)),
            )
    first = day(start, "--start")
    last = day(end, "--end") if end else None
    if last is not None and last < first:
        raise UsageError(f"--end {end} is before --start {start}")
    default = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].strip("-") or "activity"
    new_id = _new_id(records, record_id, default, force)
    body = "apiVersion: mocctl/v1\nkind: Activity\n" + _lines(
        [
            ("id", new_id, ""),
            ("title", title, ""),
            ("areas", list(areas), "the areas of cooperation it serves"),
            ("start", first, "its first day"),
            ("end", last, "its last day (planned)"),
        ]
    )
    edit = _new_file(records, "activities", new_id, body, force)
    return Change([edit], new_id, f"new activity {new_id}", first)


def end_activity(records: MemorandumRecords, *, activity_id: str, end: str) -> Change:
    """Set the last day of an activity (its own ``end``), in place."""
    target = find(records, activity_id, (Activity,))
    assert isinstance(target, Activity)
    last = day(end, "--end")
    if last < target.start:
        raise UsageError(f"--end {end} is before the activity's start ({target.start})")
    return _in_place(
        target,
        lambda f: f.set(activity_id, "end", last, after=("start",)),
        f"{activity_id} ends on {last}",
        last,
    )


def sent(
    records: MemorandumRecords, *, draft_id: str, received_text: str | None, force: bool = False
) -> Change:
    """A drafted record made real: ``draft: true`` removed, and a notice's ``received`` set."""
    target = next((r for r in records.drafts if r.id == draft_id), None)
    got = received(received_text) if received_text else None
    real = next((r for r in records.records() if r.id == draft_id), None)
    if (
        target is None
        and real is not None
        and (got is None or (isinstance(real, Notice) and real.received == got))
    ):
        when = _day_of(got) if got else dt.date.today()
        return unchanged(real, f"{draft_id} is already recorded as sent", when)
    if target is None:
        raise UsageError(
            f"'{draft_id}' is not a draft in {records.id}"
            + (" (it is already a real record)" if real is not None else ""),
            hint=("the drafts are " + ", ".join(r.id for r in records.drafts))
            if records.drafts
            else None,
        )
    if isinstance(target, Notice):
        if got is None:
            raise UsageError("a notice needs --received: when the other Side received it")
        if _day_of(got) < target.dated:
            raise UsageError(
                f"--received {received_text} is before the letter's date ({target.dated})"
            )
        if target.received is not None and not force:
            raise UsageError(
                f"draft {draft_id} already names `received: {scalar(target.received)}`",
                hint="use --force to replace it",
            )
    elif got is not None:
        raise UsageError(f"--received is for notices; {draft_id} is a {type(target).__name__}")

    def edit(f: YamlFile) -> None:
        f.delete(draft_id, "draft")
        if got is not None:
            f.set(draft_id, "received", got, after=("dated",))

    when = _known_on(got) if got else dt.date.today()
    return _in_place(target, edit, f"{draft_id} recorded as sent", when)


def _in_place(
    record: Record, edit: Callable[[YamlFile], None], summary: str, when: dt.date
) -> Change:
    path = _file(record)
    old = _read(path)
    file = YamlFile(old, record.source.file)
    try:
        edit(file)
    except EditError as error:
        raise UsageError(str(error)) from None
    return Change([Edit(path, file.text, old)], record.id, summary, when)
