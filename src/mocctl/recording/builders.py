"""What each ``mocctl record …`` command changes: new record files, or in-place edits.

Each builder takes the memorandum's records as read now and the user's values (text, as typed)
and returns a :class:`Change`: the edits to make and the day of the event (so that the standing
shown afterwards includes it). Input that cannot be right (an unknown Side, a date that does not
exist, a receipt before the letter's date, a Side that already consented, a record that does not
exist, an id that is taken) is a :class:`~mocctl.errors.UsageError` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.notices import recipients
from mocctl.errors import UsageError
from mocctl.model.records import (
    Activity,
    AddArea,
    Decision,
    Modification,
    Notice,
    Record,
)
from mocctl.recording.common import (
    Change,
    day,
    day_of,
    file_of,
    find,
    fresh_id,
    known_on,
    memorandum_of,
    new_file,
    read_file_text,
    received,
    side,
    unchanged,
    yaml_lines,
)
from mocctl.recording.session import Edit
from mocctl.recording.yamledit import EditError, YamlFile, scalar

# -- values as typed ---------------------------------------------------------------------------


# -- the builders ------------------------------------------------------------------------------

NOTICE_TYPES = ("discontinuation", "non-renewal")  # what `record notice --type` records


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
    notice_type: str = "discontinuation",
) -> Change:
    """A new written notice: of discontinuation (Paragraph 2.2), or of non-renewal of a fixed
    term (``terms.duration.non_renewal_notice``)."""
    if notice_type not in NOTICE_TYPES:
        raise UsageError(
            f"--type {notice_type}: not a kind of notice",
            hint=f"one of {', '.join(NOTICE_TYPES)} (a revocation: `mocctl record revocation`)",
        )
    if notice_type != "discontinuation" and requested_effective:
        raise UsageError(
            "--requested-effective is for a notice of discontinuation",
            hint="a notice of non-renewal ends the memorandum at the end of its term",
        )
    by = side(records, by, "--by")
    recipients = [side(records, name, "--to") for name in to]
    if by in recipients:
        raise UsageError(f"--to {by}: a Side does not give notice to itself")
    got = received(received_text)
    letter = day(dated, "--dated") if dated else None
    if letter is not None and day_of(got) < letter:
        raise UsageError(
            f"--received {received_text} is before the letter's date (--dated {dated})",
            hint="a notice is received on or after the date it bears",
        )
    requested = day(requested_effective, "--requested-effective") if requested_effective else None
    new_id = fresh_id(records, record_id, f"{by.lower()}-{notice_type}-{day_of(got).year}", force)
    body = "".join(
        [
            "apiVersion: mocctl/v1\n",
            "kind: Notice\n",
            yaml_lines(
                [
                    ("id", new_id, ""),
                    ("type", notice_type, "discontinuation | non-renewal | revocation"),
                    ("by", by, "the Side that gives notice"),
                    ("to", recipients or None, "the Sides it is addressed to"),
                    ("form", "written", "Paragraph 2.2: written notice"),
                    ("dated", letter or day_of(got), "the date on the letter / note verbale"),
                    ("received", got, "when the other Side received it"),
                    ("requested_effective", requested, "the date of discontinuation it names"),
                    ("reference", reference, "the letter's reference"),
                ]
            ),
        ]
    )
    edit = new_file(records, "notices", new_id, body, force)
    return Change([edit], new_id, f"new notice {new_id}", known_on(got))


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
    letter = day(dated, "--dated") if dated else day_of(got)
    if day_of(got) < letter:
        raise UsageError(
            f"--received {received_text} is before the letter's date (--dated {dated})"
        )
    new_id = fresh_id(records, record_id, f"{revokes}-revocation", force)
    body = "apiVersion: mocctl/v1\nkind: Notice\n" + yaml_lines(
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
    edit = new_file(records, "notices", new_id, body, force)
    return Change([edit], new_id, f"new revocation {new_id} of {revokes}", known_on(got))


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
        and who in recipients(target, memorandum_of(records))
    ):
        return unchanged(target, f"{who}'s receipt of {notice_id} is already recorded", day_of(got))
    if target.received is not None:
        raise UsageError(
            f"notice {notice_id} records one `received` for every recipient",
            hint="edit its `received`, or replace it by `receipts` (one per recipient) by hand",
        )
    same = [r for r in target.receipts if r.side == who]
    if same and same[0].received == got:
        return unchanged(target, f"{who}'s receipt of {notice_id} is already recorded", day_of(got))
    if same:
        raise UsageError(
            f"notice {notice_id} already records {who}'s receipt "
            f"(received {scalar(same[0].received)})",
            hint="a recipient receives a notice once; correct the date in the file if it is wrong",
        )
    if day_of(got) < target.dated:
        raise UsageError(f"--received {received_text} is before the letter's date ({target.dated})")
    item = {"side": who, "received": got}
    return _in_place(
        target,
        lambda f: f.append(notice_id, "receipts", item, after=("received", "dated")),
        f"{who}'s receipt of {notice_id}",
        known_on(got),
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
    memo = memorandum_of(records)
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
    memo = memorandum_of(records)
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
    new_id = fresh_id(records, record_id, default, force)
    body = "apiVersion: mocctl/v1\nkind: Activity\n" + yaml_lines(
        [
            ("id", new_id, ""),
            ("title", title, ""),
            ("areas", list(areas), "the areas of cooperation it serves"),
            ("start", first, "its first day"),
            ("end", last, "its last day (planned)"),
        ]
    )
    edit = new_file(records, "activities", new_id, body, force)
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
        when = day_of(got) if got else dt.date.today()
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
        if day_of(got) < target.dated:
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

    when = known_on(got) if got else dt.date.today()
    return _in_place(target, edit, f"{draft_id} recorded as sent", when)


def _in_place(
    record: Record, edit: Callable[[YamlFile], None], summary: str, when: dt.date
) -> Change:
    path = file_of(record)
    old = read_file_text(path)
    file = YamlFile(old, record.source.file)
    try:
        edit(file)
    except EditError as error:
        raise UsageError(str(error)) from None
    return Change([Edit(path, file.text, old)], record.id, summary, when)
