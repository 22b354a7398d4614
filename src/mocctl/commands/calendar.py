"""``mocctl calendar``: the key dates as of T, and reminders, as an iCalendar file.

load → history → render (:mod:`mocctl.render.calendar`) → write. The SEQUENCE of each event
continues from the calendar being replaced (``-o FILE --force``) or from ``--previous FILE``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from mocctl.commands.common import exit_code, open_workspace, report_findings, select
from mocctl.core.memoranda import MemorandumRecords
from mocctl.errors import UsageError
from mocctl.findings import display_path
from mocctl.io.atomic import atomic_write_text
from mocctl.settings import Settings, parse_date

if TYPE_CHECKING:
    from mocctl.render.calendar import Previous


def run(
    settings: Settings,
    memorandum_id: str | None,
    *,
    output: Path | None = None,
    force: bool = False,
    remind: str | None = None,
    target: str | None = None,
    previous: Path | None = None,
) -> int:
    from mocctl.render import calendar as render

    settings.output_format(("text",))
    reminders = parse_reminders(remind) if remind is not None else render.DEFAULT_REMINDERS
    target_day = parse_date(target, "--target") if target is not None else None
    if output is not None and output.exists() and not force:
        raise UsageError(
            f"{output} already exists; it was not changed", hint="use --force to replace it"
        )
    space = open_workspace(settings, known_on=settings.today)
    chosen = select(space.loaded, memorandum_id)
    if not chosen:
        report_findings(space.findings)
        raise UsageError(
            "no memorandum could be read from the records", hint="run `mocctl validate` to see why"
        )
    if memorandum_id is not None and len(chosen) > 1:
        raise UsageError(
            f"the id '{memorandum_id}' names {len(chosen)} memoranda: "
            + ", ".join(display_path(records.folder) for records in chosen),
            hint="name the folder: mocctl --records FOLDER calendar",
        )
    scopes = scopes_of(chosen)
    dated = []
    for records in chosen:
        dated += render.key_dates(space.history(records), scopes[records.folder], target=target_day)
    known = _previous(previous or (output if output is not None and output.exists() else None))
    name = f"mocctl: {chosen[0].id}" if len(chosen) == 1 else "mocctl: memoranda"
    data = render.calendar_bytes(
        dated, as_of=settings.today, name=name, reminders=reminders, previous=known
    )
    if not dated:
        sys.stderr.write(
            f"mocctl: no key dates as of {settings.today}: no change agreed to take effect, no "
            "notice of discontinuation and no activity with an end (the calendar is empty)\n"
        )
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_text(output, data.decode("utf-8"), overwrite=force)
        sys.stderr.write(f"mocctl: wrote {output} ({data.count(b'BEGIN:VEVENT')} events)\n")
    report_findings([f for records in chosen for f in space.findings_of(records)])
    return exit_code(space.findings)


def scopes_of(chosen: list[MemorandumRecords]) -> dict[Path, str]:
    """How each memorandum is named in UIDs: its id, and its folder too when ids repeat."""
    count = Counter(records.id for records in chosen)
    return {
        records.folder: records.id
        if count[records.id] == 1
        else f"{records.id}@{display_path(records.folder)}"
        for records in chosen
    }


def parse_reminders(text: str) -> tuple[int, ...]:
    """``90,30,7`` → (90, 30, 7); ``""`` or ``none`` → no reminders."""
    if text.strip().lower() in ("", "none"):
        return ()
    days: list[int] = []
    for part in text.split(","):
        word = part.strip().lower().removesuffix("d")
        if not word.isdigit() or not 0 < int(word) <= 3660:
            raise UsageError(
                f"--remind {text!r}: {part.strip()!r} is not a number of days",
                hint="write days before each date, comma-separated: --remind 90,30,7",
            )
        days.append(int(word))
    return tuple(sorted(set(days), reverse=True))


def _previous(path: Path | None) -> dict[str, Previous] | None:
    from mocctl.render.calendar import previous_of

    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the previous calendar {path}: {error.strerror}") from None
    try:
        return previous_of(data)
    except (ValueError, KeyError) as error:
        raise UsageError(f"{path} is not an iCalendar file mocctl can read: {error}") from None
