"""``draft modification``: a proposed modification (Paragraph 2.3), consents still to come.

The text and terms it changes are those that will be in force on its effective date, from the
one history of the memorandum (:func:`mocctl.core.history.history`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mocctl.core import periods
from mocctl.core.history import effect_of, history
from mocctl.core.memoranda import MemorandumRecords
from mocctl.core.terms import months_of
from mocctl.drafting.context import (
    default_id,
    memorandum_context,
    memorandum_of,
    new_id,
    section_label,
)
from mocctl.drafting.draft import Draft, check_applies, finish
from mocctl.drafting.errors import DraftError
from mocctl.drafting.filters import months_words
from mocctl.drafting.requests import ModificationRequest
from mocctl.drafting.templates import Templates
from mocctl.model.records import RULES, Memorandum

# The terms a modification may set.
TERMS = {
    "discontinuation.notice_period": "the notice period for discontinuation",
    "discontinuation.rule": "the rule for the date on which a discontinuation takes effect",
    "discontinuation.notice_form": "the form of a notice of discontinuation",
    "discontinuation.effect": "what one Side's notice of discontinuation does",
    "duration.term": "the length of the term",
    "duration.at_end": "what happens at the end of a term",
    "duration.renewal_term": "the length of each renewed term",
    "duration.renewals": "how many times the memorandum renews",
    "duration.non_renewal_notice": "the notice period for non-renewal",
}
_LENGTHS = ("duration.term", "duration.renewal_term", "duration.non_renewal_notice")
EFFECTS = ("discontinues", "withdraws")


def modification(
    records: MemorandumRecords,
    as_of: dt.date,
    templates: Templates,
    request: ModificationRequest,
    prefix: str = "",
) -> Draft:
    """A proposed modification (Paragraph 2.3) and its record, consents still to come."""
    memo = memorandum_of(records)
    if request.effective is None:
        raise DraftError(
            "is required: the date the Sides will mutually determine for the modification to "
            "commence (Paragraph 2.3)",
            field="effective",
        )
    if not (request.add_areas or request.replace_texts or request.set_terms):
        raise DraftError(
            "nothing to modify",
            hint="give {add_area}, {replace_text} or {set_term} (each may repeat)",
        )
    effective = request.effective
    before = history(records, as_of).text_on(effective)
    changes: list[dict[str, Any]] = []
    areas_now = [a for a in before.areas if a.removed is None]
    count = len(areas_now)
    for area in request.add_areas:
        if any(a.id == area["id"] for a in areas_now) or any(
            c.get("area", {}).get("id") == area["id"] for c in changes
        ):
            raise DraftError(
                f"already an area of cooperation on {effective}",
                field="add_area",
                value=area["id"],
                hint="choose another id for the new area",
            )
        count += 1
        changes.append({"op": "add_area", "area": area, "position": count})
    sections = {s.id: s for s in before.sections if s.removed is None}
    for section_id, body in request.replace_texts:
        if section_id not in sections:
            raise DraftError(
                f"there is no section '{section_id}' in the text in force on {effective}",
                field="replace_text",
                value=section_id,
                hint="sections: " + ", ".join(sections),
            )
        old = sections[section_id]
        if body.strip() == old.body.strip():
            raise DraftError(
                "the new text is the text in force", field="replace_text", value=section_id
            )
        changes.append(
            {
                "op": "replace_text",
                "section": section_id,
                "label": section_label(section_id, old.title),
                "before": {"heading": old.title, "body": old.body},
                "body": body,
            }
        )
    for name, given in request.set_terms:
        term = _term(name)
        value = _term_value(term, given)
        old_value = (
            effect_of(before) if term == "discontinuation.effect" else before.terms.get(term)
        )
        if old_value == value:
            raise DraftError(
                f"that is already the value in force on {effective}",
                field="set_term",
                value=f"{term}={value}",
            )
        entry: dict[str, Any] = {
            "op": "set_term",
            "term": term,
            "label": TERMS[term],
            "before": old_value,
            "value": value,
        }
        if term == "discontinuation.notice_period":
            entry["before_words"] = months_words(periods.parse_months(str(old_value)))
            entry["value_words"] = months_words(periods.parse_months(value))
        changes.append(entry)
    title = request.title or _title(memo, changes)
    record_id = new_id(records, request.record_id or default_id("mod", request.title, effective))
    context = {
        "memorandum": memorandum_context(records, as_of),
        "as_of": as_of,
        "draft": {"id": record_id, "title": title, "effective": effective, "changes": changes},
    }
    notes = []
    if effective < as_of:
        notes.append(
            f"the effective date {effective} is before the as-of date ({as_of}): the "
            "modification would be retroactive"
        )
    draft = finish(
        "modification",
        record_id,
        records,
        templates,
        context,
        f"{prefix}{record_id}.yaml",
        notes=notes,
        dates={"effective": effective},
    )
    check_applies(records, draft, as_of)
    return draft


def _title(memo: Memorandum, changes: list[dict[str, Any]]) -> str:
    if len(changes) == 1:
        change = changes[0]
        if change["op"] == "add_area":
            return f"{change['area']['title']} as an area of cooperation"
        if change["op"] == "replace_text":
            return f"Amendment of {change['label']}"
        return f"Change of {change['label']}"
    return f"Modification of the {memo.title}"


def _term(name: str) -> str:
    prefixed = name.startswith(("discontinuation.", "duration."))
    full = name if prefixed else f"discontinuation.{name}"
    if full not in TERMS:
        raise DraftError(
            "unknown term", field="set_term", value=name, hint="terms: " + ", ".join(TERMS)
        )
    return full


def _term_value(term: str, value: str) -> str:
    shown = f"{term}={value}"
    if term == "discontinuation.notice_period":
        try:
            periods.parse_months(value)
        except ValueError as error:
            raise DraftError(str(error), field="set_term", value=shown) from None
        return value.strip().upper()
    if term == "discontinuation.rule" and value not in RULES:
        raise DraftError(
            "unknown rule", field="set_term", value=shown, hint="rules: " + ", ".join(RULES)
        )
    if term == "discontinuation.effect" and value not in EFFECTS:
        raise DraftError(
            "unknown effect", field="set_term", value=shown, hint="effects: " + ", ".join(EFFECTS)
        )
    if term in _LENGTHS:
        if months_of(value.strip().upper()) is None:
            raise DraftError(
                "a length of at least one month, such as P5Y or P6M", field="set_term", value=shown
            )
        return value.strip().upper()
    if term == "duration.at_end" and value not in ("expires", "renews"):
        raise DraftError("expires or renews", field="set_term", value=shown)
    if term == "duration.renewals" and not (value.strip().isdigit() and int(value) >= 1):
        raise DraftError("a whole number of renewals, 1 or more", field="set_term", value=shown)
    if term == "discontinuation.notice_form" and value != "written":
        raise DraftError(
            "the only form is 'written' (Paragraph 2.2)", field="set_term", value=shown
        )
    return value
