"""Where the text of a memorandum lives: the signed fields and the text that changes add, with the
record and key path each comes from (for the wording checks' positions)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mocctl.core.memoranda import MemorandumRecords
from mocctl.model.records import (
    AddArea,
    AmendArea,
    Decision,
    InsertText,
    Memorandum,
    Modification,
    Record,
    ReplaceText,
)
from mocctl.model.terms import SetTerm

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Field:
    record: Record
    path: Path_
    label: str
    text: str


def signed_fields(memo: Memorandum) -> Iterator[Field]:
    for index, section in enumerate(memo.text):
        name = section_label(section.id)
        if section.heading:
            yield Field(memo, ("text", index, "heading"), f"the heading of {name}", section.heading)
        yield Field(memo, ("text", index, "body"), name, section.body)
    for index, area in enumerate(memo.areas):
        yield Field(memo, ("areas", index, "title"), f"the title of area {area.id}", area.title)
        yield Field(memo, ("areas", index, "text"), f"area {area.id}", area.text)


def section_label(section_id: str) -> str:
    """ "section 2.2" for a numbered section, "the title section" for a named one."""
    return f"section {section_id}" if section_id[:1].isdigit() else f"the {section_id} section"


def added_fields(records: MemorandumRecords) -> Iterator[Field]:
    """Text that modifications and decisions add to the memorandum."""
    changesets: list[Modification | Decision] = [*records.modifications, *records.decisions]
    for record in changesets:
        key = record.items_key
        for index, change in enumerate(record.items):
            label = f"{record.id}, change {index + 1}"
            if isinstance(change, AddArea | AmendArea):
                for name in ("title", "text"):
                    value = getattr(change.area, name)
                    if value:
                        yield Field(
                            record,
                            (key, index, "area", name),
                            f"{label} (area {change.area.id})",
                            value,
                        )
            elif isinstance(change, ReplaceText | InsertText):
                if change.heading:
                    yield Field(
                        record,
                        (key, index, "heading"),
                        f"{label} (heading of {section_label(change.section)})",
                        change.heading,
                    )
                yield Field(
                    record,
                    (key, index, "body"),
                    f"{label} ({section_label(change.section)})",
                    change.body,
                )


def path_of(record: Record, *, term: str | None = None, section: str | None = None) -> Path_:
    if isinstance(record, Modification):
        for index, change in enumerate(record.changes):
            if term and isinstance(change, SetTerm) and change.term == term:
                return ("changes", index, "value")
            if (
                section
                and isinstance(change, ReplaceText | InsertText)
                and change.section == section
            ):
                return ("changes", index, "body")
    return ()
