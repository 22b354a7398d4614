"""Options shared by every command, merged from before and after the command name."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from mocctl.errors import UsageError

COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the global options say. ``None`` means "not given"."""

    records: Path | None = None
    as_of: dt.date | None = None
    format: str | None = None
    color: str = "auto"  # auto | always | never
    debug: bool = False
    no_cache: bool = False  # --no-cache; see ``use_cache`` for MOCCTL_NO_CACHE

    def merged(
        self,
        *,
        records: Path | None = None,
        as_of: dt.date | None = None,
        format: str | None = None,
        color: str | None = None,
        no_color: bool = False,
        debug: bool = False,
        no_cache: bool = False,
    ) -> Settings:
        """These settings with the options given later (after a command name) taking precedence.

        ``--no-color`` is ``--color never``; given at the same level as ``--color``, it wins.
        """
        if color is not None and color not in COLOR_CHOICES:
            raise UsageError(
                f"--color {color} is not a choice", hint="choose one of " + ", ".join(COLOR_CHOICES)
            )
        return replace(
            self,
            records=records if records is not None else self.records,
            as_of=as_of if as_of is not None else self.as_of,
            format=format if format is not None else self.format,
            color="never" if no_color else (color or self.color),
            debug=debug or self.debug,
            no_cache=no_cache or self.no_cache,
        )

    @property
    def use_cache(self) -> bool:
        """Whether results may come from the cache: not ``--no-cache``, not ``MOCCTL_NO_CACHE``.

        ``MOCCTL_NO_CACHE`` counts when it is ``1``, ``true``, ``yes`` or ``on`` (as
        ``io.cache.disabled`` reads it).
        """
        value = os.environ.get("MOCCTL_NO_CACHE", "").strip().lower()
        return not self.no_cache and value not in ("1", "true", "yes", "on")

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
        """Whether colour may be used: ``--color``, else ``NO_COLOR`` (no-color.org)."""
        if self.color != "auto":
            return self.color == "always"
        return os.environ.get("NO_COLOR", "") == ""

    @property
    def force_terminal(self) -> bool | None:
        """``True`` when colour is asked for even in a pipe (``--color always``, ``FORCE_COLOR``).

        ``None`` leaves the decision to the terminal (for rich's ``Console(force_terminal=…)``).
        """
        if self.color == "always":
            return True
        if self.color == "auto" and self.use_color and os.environ.get("FORCE_COLOR", "") != "":
            return True
        return None


def parse_date(text: str, option: str) -> dt.date:
    """A ``YYYY-MM-DD`` option value, or a usage error naming the option."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD") from None
