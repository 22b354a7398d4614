"""The memorandum with its modifications applied: areas, text and terms (Paragraph 2.3). Pure.

A modification "forms an integral part" of the memorandum once it commences, so the text in force
on a date is the signed text with every change in effect applied in order, each part annotated
with the record that changed it (as legislation.gov.uk annotates revised legislation).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mocctl.model.records import (
    AddArea,
    AmendArea,
    Area,
    Decision,
    EndActivity,
    InsertText,
    Memorandum,
    Modification,
    RemoveArea,
    RemoveText,
    ReplaceText,
)
from mocctl.model.terms import SetTerm


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which record changed a part, how, and from when."""

    record: str
    kind: str
    op: str
    effective: dt.date


@dataclass(frozen=True, slots=True)
class Part:
    """An area or a text section as consolidated, with the changes that made it so."""

    id: str
    title: str | None
    body: str
    changes: tuple[Provenance, ...] = ()
    removed: Provenance | None = None


@dataclass(frozen=True)
class Consolidated:
    """Areas, sections and terms after the applied changes; ``void`` names records that failed."""

    areas: tuple[Part, ...]
    sections: tuple[Part, ...]
    terms: dict[str, str]
    term_changes: dict[str, Provenance] = field(default_factory=dict)
    applied: tuple[str, ...] = ()
    void: dict[str, str] = field(default_factory=dict)

    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.areas if a.removed is None)

    @property
    def notice_period(self) -> str:
        return self.terms["discontinuation.notice_period"]

    @property
    def rule(self) -> str:
        return self.terms["discontinuation.rule"]


Changeset = Modification | Decision


class _Impossible(Exception):
    pass


def base(memo: Memorandum) -> Consolidated:
    """The memorandum as signed."""
    terms = memo.terms.discontinuation
    stated: dict[str, str] = {"discontinuation.effect": terms.effect} if terms.effect else {}
    stated.update(_duration(memo))
    return Consolidated(
        areas=tuple(Part(a.id, a.title, a.text) for a in memo.areas),
        sections=tuple(Part(s.id, s.heading, s.body) for s in memo.text),
        terms={
            "discontinuation.notice_period": terms.notice_period,
            "discontinuation.rule": terms.rule,
            "discontinuation.notice_form": terms.notice_form,
            **stated,
        },
    )


def _duration(memo: Memorandum) -> dict[str, str]:
    """The stated keys of ``terms.duration`` as ``duration.*`` terms (none: no fixed term)."""
    duration = memo.terms.duration
    if duration is None:
        return {}
    values = {
        "term": duration.term,
        "at_end": duration.at_end,
        "renewal_term": duration.renewal_term,
        "renewals": None if duration.renewals is None else str(duration.renewals),
        "non_renewal_notice": duration.non_renewal_notice,
        "discontinuation_during_term": str(duration.discontinuation_during_term).lower(),
    }
    return {f"duration.{key}": value for key, value in values.items() if value is not None}


def consolidate(memo: Memorandum, changesets: Sequence[Changeset]) -> Consolidated:
    """``memo`` with ``changesets`` applied in the order given.

    A changeset whose change cannot be applied (it names an area or section that is not there
    at that point) is void as a whole and changes nothing.

    The checks and the history ask for the same consolidations many times (the text on each
    change's day, the terms on each notice's day): each step is kept while the memorandum is
    worked on (see :class:`_Recent`), and a consolidation continues from the longest one of the
    same objects already made, so that each is made once. Records are immutable and a result is
    never changed once made, so this is invisible but for the time it saves.
    """
    changesets = tuple(changesets)
    ids = (id(memo), *map(id, changesets))
    done = len(changesets)
    state = _recent.get(ids)
    while state is None and done > 0:  # the longest prefix already made, else the base
        done -= 1
        state = _recent.get(ids[: done + 1])
    if state is None:
        state = base(memo)
        _recent.put(ids[:1], (memo,), state)
    while done < len(changesets):  # each step kept: a shorter chain asked for later is there
        state = _step(state, changesets[done])
        done += 1
        _recent.put(ids[: done + 1], (memo, *changesets[:done]), state)
    return state


def _step(state: Consolidated, changeset: Changeset) -> Consolidated:
    try:
        return _apply(state, changeset)
    except _Impossible as problem:
        return replace(state, void={**state.void, changeset.id: str(problem)})


class _Recent:
    """The consolidations last made of one memorandum, by the identities of the memorandum and
    its changesets: its history, text and checks ask for the same few, one after the other.

    Each entry holds the objects its key names, so that no id in a key can be reused by another
    object while the entry is kept. Another memorandum's consolidation replaces them all, and
    there are at most ``SIZE`` (the least recently used go first), so memory stays flat however
    many memoranda a run reads (validate streams them one by one).
    """

    SIZE = 64

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], Consolidated]]
        self._entries = OrderedDict()

    def get(self, key: tuple[int, ...]) -> Consolidated | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)  # the most recently used goes last
        return entry[1]

    def put(self, key: tuple[int, ...], held: tuple[object, ...], state: Consolidated) -> None:
        if self._entries and next(iter(self._entries))[0] != key[0]:
            self._entries.clear()  # another memorandum
        self._entries[key] = (held, state)
        self._entries.move_to_end(key)
        while len(self._entries) > self.SIZE:
            self._entries.popitem(last=False)


_recent = _Recent()


def _apply(state: Consolidated, changeset: Changeset) -> Consolidated:
    kind = type(changeset).__name__
    items = changeset.items
    areas, sections = list(state.areas), list(state.sections)
    terms, term_changes = dict(state.terms), dict(state.term_changes)
    for change in items:
        made = Provenance(changeset.id, kind, change.op, changeset.effective)
        if isinstance(change, AddArea):
            _add_area(areas, change, made)
        elif isinstance(change, AmendArea | RemoveArea):
            area_id = change.area.id if isinstance(change, AmendArea) else change.area
            index = _live(areas, area_id, "area")
            old = areas[index]
            if isinstance(change, RemoveArea):
                areas[index] = replace(old, removed=made)
            else:
                areas[index] = replace(
                    old,
                    title=change.area.title or old.title,
                    body=change.area.text or old.body,
                    changes=(*old.changes, made),
                )
        elif isinstance(change, ReplaceText | RemoveText):
            index = _live(sections, change.section, "text section")
            old = sections[index]
            if isinstance(change, RemoveText):
                sections[index] = replace(old, removed=made)
            else:
                sections[index] = replace(
                    old,
                    title=change.heading or old.title,
                    body=change.body,
                    changes=(*old.changes, made),
                )
        elif isinstance(change, InsertText):
            index = _live(sections, change.after, "text section")
            if any(s.id == change.section and s.removed is None for s in sections):
                raise _Impossible(f"text section '{change.section}' exists already")
            sections.insert(index + 1, Part(change.section, change.heading, change.body, (made,)))
        elif isinstance(change, SetTerm):
            terms[change.term] = change.value
            term_changes[change.term] = made
        elif isinstance(change, EndActivity):
            pass  # activities are not part of the text; see lifecycle
    return replace(
        state,
        areas=tuple(areas),
        sections=tuple(sections),
        terms=terms,
        term_changes=term_changes,
        applied=(*state.applied, changeset.id),
    )


def _add_area(areas: list[Part], change: AddArea, made: Provenance) -> None:
    area: Area = change.area
    if any(a.id == area.id and a.removed is None for a in areas):
        raise _Impossible(f"area '{area.id}' exists already")
    part = Part(area.id, area.title, area.text, (made,))
    if change.after is None:
        areas.append(part)
    else:
        areas.insert(_live(areas, change.after, "area") + 1, part)


def _live(parts: list[Part], part_id: str, what: str) -> int:
    for index, part in enumerate(parts):
        if part.id == part_id and part.removed is None:
            return index
    raise _Impossible(f"there is no {what} '{part_id}' at that date")
