"""Terminal output helpers shared by the commands (rich is imported only when used)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mocctl.settings import Settings

if TYPE_CHECKING:
    from rich.console import Console


def console(settings: Settings, *, stderr: bool = False) -> Console:
    """A rich console for human output: no markup or highlighting of record text.

    A closed pipe is left to ``cli.app`` (its exit code, 141): rich's own handling would exit 1,
    the code of findings.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        no_color=not settings.use_color,
        force_terminal=settings.force_terminal,
        highlight=False,
        stderr=stderr,
        emoji=False,
        markup=False,
    )


def write_json(data: Any) -> None:
    """Pretty JSON on stdout, dates as ISO text."""
    import json  # not at the top: ``status`` and the other text outputs never need it

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# Fixed English names: ``%a``/``%b`` would follow the machine's locale.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def column_widths(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[int]:
    """The width each column needs to show its header and every one of its cells whole."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=False)]
    return widths


def table_width(widths: Sequence[int]) -> int:
    """The columns a rich table of the default box takes for columns this wide: a rule each
    side of every column and a space of padding each side of every cell."""
    return sum(widths) + 3 * len(widths) + 1


def long_date(day: dt.date) -> str:
    """``Tue 1 Jun 2027``: a date a reader can check against a calendar."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def iso_with_weekday(day: dt.date) -> str:
    """``Sat 2027-05-29``: ISO with the weekday."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def written_date(day: dt.date) -> str:
    """``1 June 2027``, as in a letter."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
