"""What a draft is asked for: one request per kind, and the ``KEY=VALUE`` forms of its parts.

A request holds values, not command-line text; the few forms shared by every way of asking
(``ID=TITLE:TEXT`` or ``@FILE`` for an area, ``SECTION=FILE`` for a new text, ``KEY=VALUE``) are
read here, with errors that name the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mocctl.drafting.errors import DraftError
from mocctl.findings import display_path

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass
class ModificationRequest:
    """What ``draft modification`` was asked for."""

    effective: dt.date | None
    title: str | None = None
    record_id: str | None = None
    add_areas: list[dict[str, str]] = field(default_factory=list)
    replace_texts: list[tuple[str, str]] = field(default_factory=list)  # (section, body)
    set_terms: list[tuple[str, str]] = field(default_factory=list)  # (term, value)


@dataclass
class NoticeRequest:
    """What ``draft notice`` was asked for. ``received`` is the *expected* receipt."""

    by: str
    received: dt.date | None = None
    requested_effective: dt.date | None = None
    dated: dt.date | None = None
    to: list[str] = field(default_factory=list)
    record_id: str | None = None


@dataclass
class DecisionRequest:
    """What ``draft decision`` was asked for."""

    effective: dt.date | None
    title: str | None = None
    record_id: str | None = None
    end_activities: list[tuple[str, dt.date]] = field(default_factory=list)
    add_areas: list[dict[str, str]] = field(default_factory=list)


def parse_assignment(spec: str, field: str, what: str) -> tuple[str, str]:
    """``KEY=VALUE`` given for ``field``, or a :class:`DraftError` showing the expected form."""
    key, sep, value = spec.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise DraftError(f"expected {what}", field=field, value=spec)
    return key.strip(), value.strip()


def parse_area(spec: str) -> dict[str, str]:
    """A new area written ``ID=TITLE:TEXT``."""
    area_id, rest = parse_assignment(spec, "add_area", "ID=TITLE:TEXT")
    title, sep, text = rest.partition(":")
    if not sep or not title.strip() or not text.strip():
        raise DraftError(
            "expected ID=TITLE:TEXT",
            field="add_area",
            value=spec,
            hint="a title that holds a colon goes in a YAML file: {add_area} @FILE",
        )
    return _area({"id": area_id, "title": title.strip(), "text": text.strip()})


def _area(area: dict[str, str]) -> dict[str, str]:
    if not _ID.fullmatch(area["id"]):
        raise DraftError(
            "is not a valid id for an area",
            field="add_area",
            value=area["id"],
            hint="use lower-case letters, digits, '.', '_' and '-'",
        )
    return area


def areas_from_data(data: Any, source: str) -> list[dict[str, str]]:
    """Areas from YAML data: one ``{id, title, text}`` mapping, or a list of them."""
    items = data if isinstance(data, list) else [data]
    areas = []
    for item in items:
        if (
            not isinstance(item, dict)
            or set(item) != {"id", "title", "text"}
            or not all(isinstance(v, str) and v.strip() for v in item.values())
        ):
            raise DraftError(
                "each area needs exactly the text keys id, title and text",
                field="add_area",
                value=source,
            )
        areas.append(_area({k: str(v).strip() for k, v in item.items()}))
    return areas


def read_areas(spec: str) -> list[dict[str, str]]:
    """``ID=TITLE:TEXT``, or ``@FILE``: a YAML file of one ``{id, title, text}`` or a list."""
    if not spec.startswith("@"):
        return [parse_area(spec)]
    from mocctl.io.yamlio import parse

    path = Path(spec[1:])
    documents, problems = parse(_read(path, "add_area"), display_path(path))
    if problems:
        first = problems[0]
        raise DraftError(
            f"line {first.line}, column {first.column}: {first.message}",
            field="add_area",
            value=path,
        )
    if len(documents) != 1:
        raise DraftError("expected one YAML document", field="add_area", value=path)
    return areas_from_data(documents[0].data, display_path(path))


def read_replacement(spec: str, read_stdin: Callable[[], str]) -> tuple[str, str]:
    """``SECTION=FILE`` (``-`` for standard input): the section and its new body."""
    section, name = parse_assignment(spec, "replace_text", "SECTION=FILE")
    text = read_stdin() if name == "-" else _read(Path(name), "replace_text")
    body = text.strip()
    if not body:
        raise DraftError(f"{name} is empty", field="replace_text", value=section)
    return section, body


def _read(path: Path, field: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError(f"{path} does not exist", field=field) from None
    except UnicodeDecodeError:
        raise DraftError(f"{path} is not UTF-8 text", field=field) from None
    except OSError as error:
        raise DraftError(f"cannot read {path}: {error.strerror}", field=field) from None
