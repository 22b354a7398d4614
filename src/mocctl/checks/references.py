"""Identity and reference checks within one memorandum's records (MOC2xx). Pure."""

from __future__ import annotations

from collections.abc import Iterable

from mocctl.core.memoranda import MemorandumRecords
from mocctl.findings import Finding, Source
from mocctl.model.records import (
    AddArea,
    AmendArea,
    Consent,
    EndActivity,
    InsertText,
    Memorandum,
    Record,
    RemoveArea,
    RemoveText,
    ReplaceText,
)


def check(records: MemorandumRecords) -> list[Finding]:
    """Every identity and reference problem in ``records``.

    ``records.shadow``: what records with schema errors, not among ``records``, would have made
    known (their ids, the areas and sections they add); a reference to it is not reported,
    since it is only a consequence of that schema error.
    """
    shadow = records.shadow
    findings = list(_duplicate_record_ids(records))
    memo = records.memorandum
    if memo is None:
        return findings
    findings += _memorandum_ids(memo)
    sides = {side.id for side in memo.sides}
    areas = {area.id for area in memo.areas}
    sections = {section.id for section in memo.text}
    for changes in records.changesets():
        items = changes.items
        for change in items:
            if isinstance(change, AddArea):
                areas.add(change.area.id)
            elif isinstance(change, InsertText):
                sections.add(change.section)
    activities = {activity.id for activity in records.activities} | shadow.ids
    notices = {notice.id for notice in records.notices} | shadow.ids
    known_areas = areas | shadow.areas  # a reference to these is no finding
    known_sections = sections | shadow.sections

    for index, signature in enumerate(memo.signatures):
        findings += _side(signature.side, sides, memo, "signatures", index, "side")
    findings += _signed_twice([s.side for s in memo.signatures], memo, "signatures", "signs")
    for record in records.changesets():
        findings += _consents(record.consents, sides, record)
    for modification in records.modifications:
        for index, change in enumerate(modification.changes):
            findings += _change(
                change, index, (areas, known_areas), (sections, known_sections), modification
            )
    for decision in records.decisions:
        for index, decided in enumerate(decision.decides):
            if isinstance(decided, EndActivity) and decided.activity not in activities:
                findings.append(
                    decision.source.finding(
                        "MOC207",
                        f"no activity '{decided.activity}' in this memorandum's records",
                        "decides",
                        index,
                        "activity",
                    )
                )
    for notice in records.notices:
        findings += _side(notice.by, sides, notice, "by")
        for index, side in enumerate(notice.to or ()):
            findings += _side(side, sides, notice, "to", index)
        for index, receipt in enumerate(notice.receipts):
            findings += _side(receipt.side, sides, notice, "receipts", index, "side")
        if notice.revokes and notice.revokes not in notices:
            findings.append(
                notice.source.finding(
                    "MOC208", f"no notice '{notice.revokes}' to revoke", "revokes"
                )
            )
    for activity in records.activities:
        for index, area in enumerate(activity.areas):
            if area not in known_areas:
                findings.append(
                    activity.source.finding(
                        "MOC206",
                        f"'{area}' is not an area of cooperation of '{memo.id}'",
                        "areas",
                        index,
                        hint=_known("areas", areas),
                    )
                )
    return findings


def _known(what: str, names: Iterable[str]) -> str:
    return f"known {what}: " + ", ".join(sorted(names))


def _duplicate_record_ids(records: MemorandumRecords) -> Iterable[Finding]:
    seen: dict[str, Source] = {}
    for record in (*records.records(), *records.drafts):  # a draft's id is taken too
        source = record.source  # read once: a pydantic private attribute is slow to read
        first = seen.setdefault(record.id, source)
        if first is not source:
            at = first.value_at("id")
            yield source.finding(
                "MOC201", f"id '{record.id}' is already used in {first.file}:{at.line}", "id"
            )


def _memorandum_ids(memo: Memorandum) -> Iterable[Finding]:
    for key, ids in (
        ("sides", [s.id for s in memo.sides]),
        ("areas", [a.id for a in memo.areas]),
        ("text", [s.id for s in memo.text]),
    ):
        seen: set[str] = set()
        for index, value in enumerate(ids):
            if value in seen:
                yield memo.source.finding(
                    "MOC201", f"{key}: id '{value}' appears twice", key, index, "id"
                )
            seen.add(value)


def _side(side: str, sides: set[str], record: Record, *path: str | int) -> list[Finding]:
    if side in sides:
        return []
    return [
        record.source.finding(
            "MOC205",
            f"'{side}' is not a Side of this memorandum",
            *path,
            hint=_known("Sides", sides),
        )
    ]


def _signed_twice(sides: list[str], record: Record, key: str, verb: str) -> list[Finding]:
    findings = []
    seen: set[str] = set()
    for index, side in enumerate(sides):
        if side in seen:
            findings.append(
                record.source.finding(
                    "MOC210", f"Side {side} {verb} more than once", key, index, "side"
                )
            )
        seen.add(side)
    return findings


def _consents(consents: tuple[Consent, ...], sides: set[str], record: Record) -> list[Finding]:
    findings = []
    for index, consent in enumerate(consents):
        findings += _side(consent.side, sides, record, "consents", index, "side")
    return findings + _signed_twice([c.side for c in consents], record, "consents", "consents")


def _change(
    change: object,
    index: int,
    areas: tuple[set[str], set[str]],
    sections: tuple[set[str], set[str]],
    record: Record,
    key: str = "changes",
) -> list[Finding]:
    """Findings about one change; ``areas`` and ``sections``: (those named in hints, known)."""
    findings = []
    if isinstance(change, AmendArea | RemoveArea):
        area = change.area.id if isinstance(change, AmendArea) else change.area
        if area not in areas[1]:
            findings.append(
                record.source.finding(
                    "MOC206",
                    f"no area '{area}' to change",
                    key,
                    index,
                    "area",
                    hint=_known("areas", areas[0]),
                )
            )
    named = []
    if isinstance(change, ReplaceText | RemoveText):
        named.append(("section", change.section))
    if isinstance(change, InsertText):
        named.append(("after", change.after))
    for field_name, section in named:
        if section not in sections[1]:
            findings.append(
                record.source.finding(
                    "MOC209",
                    f"no text section '{section}'",
                    key,
                    index,
                    field_name,
                    hint=_known("sections", sections[0]),
                )
            )
    return findings
