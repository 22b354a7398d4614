"""The consolidated text of a memorandum as Markdown and as JSON. Pure: no files, no clock.

The text in force on a date is the signed text with every modification and decision in effect
applied (Paragraph 2.3: a modification "forms an integral part" of the memorandum). Each changed,
inserted or removed part carries a note naming the record and the date from which it has effect,
as legislation.gov.uk annotates revised legislation. The areas of cooperation are listed under
Paragraph 1 (section id "1"), from ``areas``, so that added areas appear there in order.

The record text is printed as written (no Markdown escaping), so that the consolidated text
reproduces the signed text verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mocctl.core.consolidation import Consolidated, Part, Provenance

if TYPE_CHECKING:
    from mocctl.core.history import ChangeStatus, History

__all__ = [
    "AREAS_SECTION",
    "TextView",
    "body_markdown",
    "compare",
    "markdown",
    "part_status",
    "provenance_json",
    "to_json",
    "view_of",
]

AREAS_SECTION = "1"  # the areas of cooperation are listed under Paragraph 1

_OP_WORDS = {
    "add_area": "Added",
    "amend_area": "Amended",
    "remove_area": "Removed",
    "replace_text": "Amended",
    "insert_text": "Inserted",
    "remove_text": "Removed",
    "set_term": "Set",
}
_TERM_NAMES = {
    "discontinuation.notice_period": "Notice period for discontinuation (2.2)",
    "discontinuation.notice_form": "Form of the notice (2.2)",
    "discontinuation.rule": "Rule for the date of effect (mocctl)",
    "duration.term": "Term, from commencement",
    "duration.at_end": "At the end of a term",
    "duration.renewal_term": "Each renewed term",
    "duration.renewals": "Renewals in all",
    "duration.non_renewal_notice": "Notice of non-renewal, before the end of a term",
    "duration.discontinuation_during_term": "Discontinuation by notice during a term",
}
_SUBPARAGRAPH = re.compile(r"\d+(?:\.\d+)+")


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """A modification or decision as the header lists it."""

    id: str
    kind: str
    title: str
    status: str  # awaiting_consent | scheduled | in_effect | void
    effective: dt.date
    note: str | None = None  # why void, or whose consent is awaited


@dataclass(frozen=True)
class TextView:
    """Everything the consolidated text shows, as plain values."""

    id: str
    title: str
    as_of: dt.date
    state: str
    consolidated: Consolidated
    changes: tuple[ChangeLine, ...] = ()
    term: str | None = None  # the term the date falls in, in words (fixed-term memoranda)


# -- Markdown ----------------------------------------------------------------------------------


def markdown(view: TextView) -> str:
    """The consolidated text as in force on ``view.as_of``, with a header and annotations."""
    lines = [f"# {view.title}", "", *_header(view), "", body_markdown(view.consolidated)]
    return "\n".join(lines).rstrip("\n") + "\n"


def body_markdown(text: Consolidated) -> str:
    """The text, areas and terms without the dated header: what ``diff`` compares."""
    blocks: list[str] = []
    areas_shown = False
    for section in text.sections:
        blocks += _section(section)
        if section.id == AREAS_SECTION:
            blocks.append(_areas(text.areas))
            areas_shown = True
    if not areas_shown and text.areas:
        blocks += ["## Areas of cooperation", _areas(text.areas)]
    blocks += _terms(text)
    return "\n\n".join(blocks) + "\n"


def _header(view: TextView) -> list[str]:
    applied = [c for c in view.changes if c.id in view.consolidated.applied]
    scheduled = [c for c in view.changes if c.status == "scheduled"]
    waiting = [c for c in view.changes if c.status == "awaiting_consent"]
    void = [c for c in view.changes if c.status == "void"]
    lines = [f"> Consolidated text as in force on {view.as_of} ({view.id})."]
    if view.state != "in_force":
        lines.append(
            f"> On that date the memorandum is {_STATE_WORDS.get(view.state, view.state)}."
        )
    if view.term:
        lines.append(f"> {view.term}")
    if applied:
        lines.append(
            f"> Applied: {_count(applied)}: " + "; ".join(_listed(c) for c in applied) + "."
        )
    else:
        lines.append("> Applied: no modification or decision; this is the text as signed.")
    if scheduled:
        lines.append(
            "> Scheduled, not yet in effect: " + "; ".join(_listed(c) for c in scheduled) + "."
        )
    if waiting:
        lines.append(
            "> Awaiting the consent of every Side: "
            + "; ".join(f"{_listed(c)} ({c.note})" if c.note else _listed(c) for c in waiting)
            + "."
        )
    if void:
        lines.append(
            "> Void, not applied: "
            + "; ".join(f"{_listed(c)} ({c.note})" if c.note else _listed(c) for c in void)
            + "."
        )
    return lines


_STATE_WORDS = {
    "draft": "not yet signed",
    "awaiting_signature": "awaiting signature, not yet in force",
    "discontinuation_pending": "in force, with a discontinuation pending",
    "discontinued": "discontinued",
    "expired": "expired (its last term has ended)",
}


def _count(changes: Sequence[ChangeLine]) -> str:
    modifications = sum(1 for c in changes if c.kind == "Modification")
    decisions = len(changes) - modifications
    parts = []
    if modifications:
        parts.append(f"{modifications} modification{'s' if modifications != 1 else ''}")
    if decisions:
        parts.append(f"{decisions} decision{'s' if decisions != 1 else ''}")
    return " and ".join(parts)


def _listed(change: ChangeLine) -> str:
    return f"{change.id} “{change.title}” with effect from {change.effective}"


def _section(section: Part) -> list[str]:
    blocks = []
    if section.title:
        blocks.append(f"## {section.title}")
    number = f"**{section.id}.** " if _SUBPARAGRAPH.fullmatch(section.id) else ""
    if section.removed is not None:
        blocks.append(f"{number}{_removed(section.removed)}")
        return blocks
    blocks.append(f"{number}{section.body}")
    if section.changes:
        blocks.append(f"*{_annotation(section.changes)}*")
    return blocks


def _areas(areas: Sequence[Part]) -> str:
    items = []
    for area in areas:
        if area.removed is not None:
            items.append(f"- **{area.title}:** {_removed(area.removed)}")
            continue
        note = f" *({_annotation(area.changes).rstrip('.')})*" if area.changes else ""
        items.append(f"- **{area.title}:** {area.body}{note}")
    return "\n".join(items)


def _terms(text: Consolidated) -> list[str]:
    lines = []
    for term, value in text.terms.items():
        name = _TERM_NAMES.get(term, term)
        made = text.term_changes.get(term)
        note = f" *({_annotation((made,)).rstrip('.')})*" if made else ""
        lines.append(f"- {name}: {value}{note}")
    return ["## Terms in force (as recorded)", "\n".join(lines)]


def _annotation(changes: Sequence[Provenance]) -> str:
    """``Amended by mod-x with effect from 2026-04-01; amended by mod-y …`` for a part."""
    notes = [
        f"{_OP_WORDS.get(p.op, p.op)} by {p.record} with effect from {p.effective}" for p in changes
    ]
    notes[1:] = [note[0].lower() + note[1:] for note in notes[1:]]
    return "; ".join(notes) + "."


def _removed(made: Provenance) -> str:
    return f"[Removed by {made.record} with effect from {made.effective}]"


# -- JSON --------------------------------------------------------------------------------------


def part_status(part: Part) -> str:
    """``original``, ``added`` (an area or section a change created), ``amended`` or ``removed``."""
    if part.removed is not None:
        return "removed"
    if part.changes and part.changes[0].op in ("add_area", "insert_text"):
        return "added"
    return "amended" if part.changes else "original"


def provenance_json(made: Provenance) -> dict[str, Any]:
    return {"record": made.record, "kind": made.kind, "op": made.op, "effective": made.effective}


def _part_json(part: Part, title_key: str, body_key: str) -> dict[str, Any]:
    return {
        "id": part.id,
        title_key: part.title,
        body_key: None if part.removed else part.body,
        "status": part_status(part),
        "changes": [provenance_json(p) for p in part.changes],
        "removed": provenance_json(part.removed) if part.removed else None,
    }


def to_json(view: TextView) -> dict[str, Any]:
    """Sections, areas and terms with their provenance (the ``text --format json`` object)."""
    text = view.consolidated
    return {
        "id": view.id,
        "title": view.title,
        "as_of": view.as_of,
        "state": view.state,
        "term": view.term,
        "applied": list(text.applied),
        "changes": [
            {
                "id": c.id,
                "kind": c.kind,
                "title": c.title,
                "status": c.status,
                "effective": c.effective,
                **({"note": c.note} if c.note else {}),
            }
            for c in view.changes
        ],
        "sections": [_part_json(s, "heading", "body") for s in text.sections],
        "areas": [_part_json(a, "title", "text") for a in text.areas],
        "terms": dict(text.terms),
        "term_changes": {term: provenance_json(p) for term, p in text.term_changes.items()},
    }


# -- from records ------------------------------------------------------------------------------


def view_of(seen: History) -> TextView:
    """The consolidated text of a memorandum as in force on the history's as-of date."""
    return TextView(
        id=seen.id,
        title=seen.title,
        as_of=seen.as_of,
        state=seen.state,
        consolidated=seen.consolidated,
        changes=tuple(_line(c) for c in seen.changes),
        term=_term_words(seen),
    )


def _term_words(seen: History) -> str | None:
    """The term on the as-of date, from the history (no date is computed here)."""
    term = seen.term
    if term is None:
        return None
    words = f"Term {term.number} ({term.length}): {term.first_day} to {term.last_day}; "
    if not term.renews:
        return words + f"the memorandum expires on {term.next_first_day}."
    words += f"it renews on {term.next_first_day}"
    choice = term.opt_out
    if choice is not None:
        words += f" unless a notice of non-renewal is received by {choice.deadline}"
    return words + "."


def _line(change: ChangeStatus) -> ChangeLine:
    return ChangeLine(
        change.id, change.kind, change.title, change.status, change.effective, change.reason
    )


# -- comparing two dates -----------------------------------------------------------------------


def compare(before: Consolidated, after: Consolidated) -> list[dict[str, Any]]:
    """What changed in the sections, areas and terms from ``before`` to ``after``.

    Each change: ``{"part": "section"|"area"|"term", "id", "change": "added"|"amended"|"removed",
    "before", "after", "by": [provenance…]}`` where ``before``/``after`` are the text (``None``
    when absent) and ``by`` names the records that made the change.
    """
    changes: list[dict[str, Any]] = []
    for part, old_parts, new_parts in (
        ("section", before.sections, after.sections),
        ("area", before.areas, after.areas),
    ):
        old = {p.id: p for p in old_parts if p.removed is None}
        for new in new_parts:
            previous = old.get(new.id)
            if new.removed is not None:
                if previous is not None:
                    changes.append(_change(part, new.id, "removed", previous, None, (new.removed,)))
                continue
            made = tuple(p for p in new.changes if previous is None or p not in previous.changes)
            if previous is None:
                changes.append(_change(part, new.id, "added", None, new, made))
            elif (previous.title, previous.body) != (new.title, new.body):
                changes.append(_change(part, new.id, "amended", previous, new, made))
    for term, value in after.terms.items():
        if before.terms.get(term) != value:
            made_by = after.term_changes.get(term)
            changes.append(
                {
                    "part": "term",
                    "id": term,
                    "change": "amended",
                    "before": before.terms.get(term),
                    "after": value,
                    "by": [provenance_json(made_by)] if made_by else [],
                }
            )
    return changes


def _change(
    part: str,
    part_id: str,
    change: str,
    old: Part | None,
    new: Part | None,
    made: Sequence[Provenance],
) -> dict[str, Any]:
    def shown(p: Part | None) -> dict[str, Any] | None:
        if p is None:
            return None
        return {
            "title" if part == "area" else "heading": p.title,
            "text" if part == "area" else "body": p.body,
        }

    return {
        "part": part,
        "id": part_id,
        "change": change,
        "before": shown(old),
        "after": shown(new),
        "by": [provenance_json(p) for p in made],
    }
