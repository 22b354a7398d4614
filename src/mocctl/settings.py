"""Options shared by every command, merged from before and after the command name."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from mocctl.errors import UsageError


@dataclass(frozen=True, slots=True)
class Settings:
    """What the global options say. ``None`` means "not given"."""

    records: Path | None = None
    as_of: dt.date | None = None
    format: str | None = None
    color: bool = True
    debug: bool = False

    def merged(self, **given: object) -> Settings:
        """These settings with the options given after the command name taking precedence."""
        changes = {key: value for key, value in given.items() if value not in (None, False)}
        if given.get("no_color"):
            changes.pop("no_color", None)
            changes["color"] = False
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def today(self) -> dt.date:
        """The as-of date: ``--as-of``, else today in the local time zone."""
        return self.as_of or dt.date.today()

    def output_format(self, allowed: tuple[str, ...], default: str = "text") -> str:
        fmt = self.format or default
        if fmt not in allowed:
            raise UsageError(
                f"--format {fmt} is not available here; choose one of " + ", ".join(allowed)
            )
        return fmt

    @property
    def use_color(self) -> bool:
        return self.color and os.environ.get("NO_COLOR", "") == ""


def parse_date(text: str, option: str) -> dt.date:
    """A ``YYYY-MM-DD`` option value, or a usage error naming the option."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD") from None
