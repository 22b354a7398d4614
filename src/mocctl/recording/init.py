"""The records of a new memorandum (``mocctl init``): a commented ``memorandum.yaml``.

The file starts with the ``yaml-language-server`` line (the JSON Schema, for editors) and a
short comment before each part, saying what it holds. The values are the user's; everything the
format fixes in v1 (commencement on signature, written notice, consent of all Sides) is written
out, so that the file shows the whole record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mocctl.errors import UsageError
from mocctl.recording.yamledit import flow, scalar

__all__ = ["NewMemorandum", "NewSide", "memorandum_text", "parse_area", "parse_side"]

SCHEMA_FOLDER = ".schema"  # in the records folder; hidden, so never read as a memorandum
RULES = ("safe-harbour", "corresponding-date", "jp-civil-code", "un-anniversary")


@dataclass(frozen=True)
class NewSide:
    id: str
    name: str
    jurisdiction: str
    timezone: str


@dataclass(frozen=True)
class NewSignature:
    side: str
    date: dt.date
    signatory: str


@dataclass(frozen=True)
class NewArea:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class NewMemorandum:
    id: str
    title: str
    sides: tuple[NewSide, ...]
    notice_period: str
    rule: str = "safe-harbour"
    signatures: tuple[NewSignature, ...] = ()
    areas: tuple[NewArea, ...] = field(default_factory=tuple)


def _split(text: str, parts: int, option: str, shape: str) -> list[str]:
    pieces = [p.strip() for p in text.split(":", parts - 1)]
    if len(pieces) != parts or not all(pieces):
        raise UsageError(f"{option} {text!r} is not {shape}")
    return pieces


def parse_side(text: str) -> NewSide:
    """``ID:NAME:JURISDICTION:TIMEZONE``; the time zone may hold no ``:``, the name may."""
    shape = "ID:NAME:JURISDICTION:TIMEZONE (e.g. UK:The Department …:GB:Europe/London)"
    first = text.split(":", 1)
    rest = first[1].rsplit(":", 2) if len(first) == 2 else []
    if len(rest) != 3 or not first[0].strip() or not all(p.strip() for p in rest):
        raise UsageError(f"--side {text!r} is not {shape}")
    side = NewSide(first[0].strip(), rest[0].strip(), rest[1].strip(), rest[2].strip())
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", side.id):
        raise UsageError(f"--side {text!r}: {side.id!r} is not a Side id (such as JP or UK)")
    if not re.fullmatch(r"[A-Z]{2}", side.jurisdiction):
        raise UsageError(
            f"--side {text!r}: {side.jurisdiction!r} is not an ISO 3166-1 country code",
            hint="two capital letters, such as GB, JP or FR",
        )
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(side.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"--side {text!r}: {side.timezone!r} is not an IANA time zone",
            hint="such as Europe/London or Asia/Tokyo",
        ) from None
    return side


def parse_signature(text: str, sides: Sequence[NewSide]) -> NewSignature:
    side, date, who = _split(text, 3, "--signature", "SIDE:DATE:SIGNATORY")
    if side not in {s.id for s in sides}:
        raise UsageError(
            f"--signature {text!r}: {side!r} is not one of the Sides",
            hint="the Sides are " + ", ".join(s.id for s in sides),
        )
    from mocctl.recording.common import day

    return NewSignature(side, day(date, "--signature"), who)


def parse_area(text: str) -> NewArea:
    area_id, title, body = _split(text, 3, "--area", "ID:TITLE:TEXT")
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", area_id):
        raise UsageError(f"--area {text!r}: {area_id!r} is not an id (such as research-dialogue)")
    return NewArea(area_id, title, body)


def check_terms(notice_period: str, rule: str) -> None:
    if not re.fullmatch(r"P(?:\d+Y)?(?:\d+M)?", notice_period) or notice_period == "P":
        raise UsageError(
            f"--notice-period {notice_period!r} is not a period of months or years",
            hint="such as P3M (three months) or P1Y",
        )
    if rule not in RULES:
        raise UsageError(f"--rule {rule!r} is not a rule", hint="one of " + ", ".join(RULES))


def _comment(line: str, comment: str) -> str:
    return f"{line:<38}# {comment}" if len(line) < 38 else f"{line}  # {comment}"


def memorandum_text(new: NewMemorandum, schema: str) -> str:
    """The commented ``memorandum.yaml`` of ``new``; ``schema`` is the schema's relative path."""
    out = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        "# The records of one Memorandum of Cooperation, in mocctl's format (docs/records.md).",
        "# Write what the signed text says, verbatim; run `mocctl validate` after every edit,",
        "# and record events with `mocctl record …` (notices, consents, signatures, activities).",
        _comment("apiVersion: mocctl/v1", "the record format"),
        _comment("kind: Memorandum", "one per folder; the other records refer to it"),
        _comment(f"id: {scalar(new.id)}", "unique across the records"),
        f"title: {scalar(new.title)}",
        _comment("legally_binding: false", "a memorandum of cooperation is not a treaty"),
        "",
        "# The Sides: the id used in every record, the name as the text writes it, the country",
        "# (ISO 3166-1; it selects how that Side counts a notice period) and the time zone in",
        "# which it receives notices (IANA).",
        "sides:",
    ]
    for side in new.sides:
        out += [
            f"  - id: {scalar(side.id)}",
            f"    name: {scalar(side.name)}",
            f"    jurisdiction: {side.jurisdiction}",
            f"    timezone: {side.timezone}",
        ]
    out.append("")
    out.append("# Who signed and when; it commences on the date of the last signature.")
    out.append("# Add each with `mocctl record signature`.")
    if new.signatures:
        out.append("signatures:")
        out += [
            "  - " + flow({"side": s.side, "signatory": s.signatory, "date": s.date})
            for s in new.signatures
        ]
    out += [
        "",
        "# The terms the tool applies (format v1).",
        "terms:",
        _comment("  commencement: on-signature", "the date of the last signature"),
        "  discontinuation:",
        _comment("    notice_form: written", "notice must be given in writing"),
        _comment(f"    notice_period: {new.notice_period}", "ISO 8601: PnM or PnY"),
        _comment(f"    rule: {new.rule}", "how the period is counted; see `mocctl period`"),
    ]
    if len(new.sides) > 2:
        out.append(
            _comment("    effect: discontinues", "or withdraws: only the notifying Side leaves")
        )
    out += [
        "  modification:",
        _comment("    consent: all-sides-in-writing", "every Side consents in writing"),
        _comment(
            "  continuing_activities: unaffected-unless-decided",
            "activities go on after the end",
        ),
    ]
    out += ["", "# The areas of cooperation, in the order of the text, each area's text verbatim."]
    if new.areas:
        out.append("areas:")
        for area in new.areas:
            out += [
                f"  - id: {area.id}",
                f"    title: {scalar(area.title)}",
                f"    text: {scalar(area.text)}",
            ]
    else:
        out.append("areas: []")
    return "\n".join(out) + "\n"
