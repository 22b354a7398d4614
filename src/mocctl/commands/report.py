"""``mocctl report``: one self-contained HTML page (load → history → render → write)."""

from __future__ import annotations

from pathlib import Path

from mocctl.settings import Settings


def run(settings: Settings, memorandum_id: str | None, *, output: Path | None, force: bool) -> int:
    raise NotImplementedError
