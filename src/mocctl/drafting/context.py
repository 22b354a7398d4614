"""What every draft template may use about the memorandum, as plain data, and the ids of drafts.

Templates get dicts, lists, text, numbers and dates only: never a record model or any object
whose methods could reach the file system (the sandbox does not stop public methods).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mocctl.core.history import commencement
from mocctl.core.memoranda import MemorandumRecords
from mocctl.drafting.errors import DraftError
from mocctl.model.records import Memorandum, Side

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_STOP_WORDS = frozenset(
    {"a", "an", "and", "as", "of", "the", "for", "on", "in", "to", "by", "with"}
)


def memorandum_of(records: MemorandumRecords) -> Memorandum:
    """The memorandum of ``records``; a draft needs one."""
    if records.memorandum is None:
        raise DraftError(f"{records.folder} has no Memorandum record")
    return records.memorandum


def side_context(side: Side) -> dict[str, Any]:
    return {
        "id": side.id,
        "name": side.name,
        "jurisdiction": side.jurisdiction,
        "timezone": side.timezone,
    }


def memorandum_context(records: MemorandumRecords, as_of: dt.date) -> dict[str, Any]:
    """The memorandum for the templates: id, title, Sides, signatures, date and place signed.

    ``signed`` is the commencement on signature (the last Side's signature), whenever it is.
    """
    memo = memorandum_of(records)
    signed = commencement(memo)
    places = [s.place for s in memo.signatures if s.place and s.date == signed]
    return {
        "id": memo.id,
        "title": memo.title,
        "legally_binding": memo.legally_binding,
        "sides": [side_context(side) for side in memo.sides],
        "signatures": [
            {
                "side": s.side,
                "signatory": s.signatory,
                "title": s.title,
                "date": s.date,
                "place": s.place,
            }
            for s in memo.signatures
        ],
        "signed": signed,
        "signed_place": places[0] if places else None,
    }


def section_label(section_id: str, heading: str | None) -> str:
    """``Paragraph 2.2``, or ``the Introduction section``."""
    if section_id[:1].isdigit():
        return f"Paragraph {section_id}"
    return f"the {heading or section_id} section"


def _slug(text: str, words: int) -> str:
    parts = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP_WORDS][:words]
    return "-".join(parts)[:40].strip("-") or "draft"


def default_id(prefix: str, title: str | None, effective: dt.date) -> str:
    """``mod-2026-quantum-safe-communications`` from a title given, else ``mod-2026-04-01``."""
    if title:
        return f"{prefix}-{effective.year}-{_slug(title, 3)}"
    return f"{prefix}-{effective.isoformat()}"


def new_id(records: MemorandumRecords, record_id: str) -> str:
    """``record_id`` if it is a valid id that no record (nor any draft) of ``records`` holds."""
    if not _ID.fullmatch(record_id):
        raise DraftError(
            "is not a valid id",
            field="id",
            value=record_id,
            hint="use lower-case letters, digits, '.', '_' and '-'",
        )
    taken = {r.id for r in records.records()} | {r.id for r in records.drafts}
    if record_id in taken:
        raise DraftError(
            f"the records of {records.id} already hold a record '{record_id}'",
            hint="choose another id with {id}",
        )
    return record_id
